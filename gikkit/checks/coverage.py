"""Lost data is an error: cells neither read nor known blank, and files with no figures at all.

A report read at 2% must never pass as clean. Each table with cells gikkit could not place gets one
``unread_cells`` error naming its rows by their printed labels (a table not found at all is the
reader's ``missing_table`` error instead); a file whose tables hold no number anywhere (the blank
official template, a page with headings only) gets ``no_figures``.
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import compress

from ..findings import Finding
from ..schema import TABLE_LABELS, Template, cell_spec
from .base import emits, make, statuses

MAX_ROWS_NAMED = 12  # rows spelled out in the message; the refs list them all


def _row_name(ref: str, template_key: str, lang: str) -> str:
    spec = cell_spec(ref, template_key)
    if spec is None:
        return ref.split(".")[1]
    row = spec.row_label_zh if lang == "zh" else spec.row_label_en
    if ref.startswith("t4."):  # 表四's "rows" are its blocks; the column says which part
        column = spec.column_label_zh if lang == "zh" else spec.column_label_en
        return f"{row}·{column}"
    return row


def _names(refs: list[str], template_key: str, lang: str) -> str:
    names = list(dict.fromkeys(_row_name(r, template_key, lang) for r in refs))
    sep = "、" if lang == "zh" else "; "
    more = len(names) - MAX_ROWS_NAMED
    shown = sep.join(names[:MAX_ROWS_NAMED])
    if more > 0:
        shown += f"{sep}等 {more} 行" if lang == "zh" else f"{sep}and {more} more"
    return shown


@emits("unread_cells", "no_figures")
def check_coverage(report, tmpl: Template) -> Iterable[Finding]:
    absent = {r for f in [*report.findings, *report.reader_findings] if f.code == "missing_table" for r in f.refs}
    unread: dict[str, list[str]] = {}
    found = statuses(report, tmpl.cells)
    for ref in compress(tmpl.cells, map("missing".__eq__, found)):  # the cells not found, picked in C
        if ref not in absent:
            unread.setdefault(ref.split(".", 1)[0], []).append(ref)
    for table, refs in unread.items():
        yield make("unread_cells", refs, "read or blank", "not found",
                   table=TABLE_LABELS[table][0].split(" ")[0], table_en=TABLE_LABELS[table][1].split(":")[0],
                   n=len(refs), rows=_names(refs, tmpl.key, "zh"), rows_en=_names(refs, tmpl.key, "en"))
    if not any(v is not None for v in report.cells.values()):
        yield make("no_figures", [], "figures", "none")
