"""A report's 表二, 表三 and 表四 drawn as HTML tables in the official layout, with the figures read.

Rows, columns and headings come from the spec (both template versions). A blank cell is drawn
blank, a placeholder or unreadable text as it was printed; a cell a finding is about is marked
(a sign, not colour alone) and links to that finding (``#finding-N``); each cell has the id
``cell-<ref>`` so a finding can link back. Everything from the report is escaped.
"""
from __future__ import annotations

import html

from .schema import template
from .wording import table_title

_STATUS_WORDS = {"blank": ("空白", "blank"), "placeholder": ("占位符", "placeholder"),
                 "unreadable": ("无法读作数字", "not a number"), "missing": ("未能读出", "not read"),
                 "derived": ("推算", "derived")}


def number_text(value) -> str:
    """A figure as printed: 9 not 9.0; blank for None."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cell(report, ref: str, flagged: dict[str, str], zh: bool) -> str:
    status = report.status(ref)
    raw = (report.cell_info.get(ref) or {}).get("raw")
    shown = number_text(report.cells.get(ref))
    if not shown and status in ("placeholder", "unreadable"):
        shown = (raw or "").strip()
    classes, title = ["num"], ""
    if status in _STATUS_WORDS:
        classes.append(f"cell-{status}")
        title = _STATUS_WORDS[status][0 if zh else 1]
    body = html.escape(shown)
    target = flagged.get(ref)
    if target:
        classes.append("flagged")
        label = ("见检查发现" if zh else "see the finding") + (f"（{title}）" if zh and title else
                                                             f" ({title})" if title else "")
        body = f'<a href="#{target}" title="{html.escape(label)}">{body or "&#8203;"}<span class="flag" aria-label="{html.escape(label)}">⚑</span></a>'
    attrs = f' title="{html.escape(title)}"' if title and not target else ""
    return f'<td id="cell-{html.escape(ref)}" class="{" ".join(classes)}"{attrs}>{body}</td>'


def _label(text: str, level: int = 0) -> str:
    return f'<th scope="row" class="level-{level}">{html.escape(text)}</th>'


def _wrap(table: str, caption: str, body: str) -> str:
    return (f'<div class="table-scroll" tabindex="0" role="region" aria-labelledby="title-{table}">'
            f'<table class="printed printed-{table}">{body}</table></div>')


def _t2(report, tmpl, flagged, zh) -> str:
    width = max(len(b["columns"]) for b in tmpl.t2_blocks.values())
    parts = []
    for key, block in tmpl.t2_blocks.items():
        cols = block["columns"]
        pad = width - len(cols)
        head = "".join(f'<th scope="col">{html.escape(c["label_zh" if zh else "label_en"])}</th>' for c in cols)
        parts.append(f'<tr class="block"><th scope="colgroup" colspan="{width + 1}">'
                     f'{html.escape(block["label_zh"] if zh else block["label_en"])}</th></tr>')
        parts.append(f'<tr><th scope="col">{"信息内容" if zh else "Item"}</th>{head}'
                     + (f'<td colspan="{pad}"></td>' if pad else "") + "</tr>")
        for row in block["rows"]:
            cells = "".join(_cell(report, f"t2.{key}.{row['key']}.{c['key']}", flagged, zh) for c in cols)
            parts.append(f'<tr>{_label(row["label_zh" if zh else "label_en"])}{cells}'
                         + (f'<td colspan="{pad}"></td>' if pad else "") + "</tr>")
    return "".join(parts)


def _t3(report, tmpl, flagged, zh) -> str:
    spec = tmpl.tables["t3"]
    lab = "label_zh" if zh else "label_en"
    columns = spec["columns"]
    groups = {g["key"]: g for g in spec["column_groups"]}
    org = groups.get("legal_or_other_org", {"children": []})
    top = groups.get("applicant", {lab: ""})
    head1 = (f'<tr><td class="note" rowspan="3">{html.escape(spec.get("header_note_zh" if zh else "header_note_en", ""))}</td>'
             f'<th scope="colgroup" colspan="{len(columns)}">{html.escape(top[lab])}</th></tr>')
    row2, row3 = [], []
    placed_group = False
    for c in columns:
        if c["key"] in org["children"]:
            row3.append(f'<th scope="col">{html.escape(c[lab])}</th>')
            if not placed_group:
                row2.append(f'<th scope="colgroup" colspan="{len(org["children"])}">{html.escape(org[lab])}</th>')
                placed_group = True
        else:
            row2.append(f'<th scope="col" rowspan="2">{html.escape(c[lab])}</th>')
    parts = [f'<thead>{head1}<tr>{"".join(row2)}</tr><tr>{"".join(row3)}</tr></thead><tbody>']
    for r in spec["rows"]:
        refs = [f"t3.{r['key']}.{c['key']}" for c in columns]
        printed = r["is_data"] or any(ref in report.cells for ref in refs)  # a group printed as one row
        label = _label(r[lab], r.get("level", 0))
        if printed:
            parts.append("<tr>" + label + "".join(_cell(report, ref, flagged, zh) for ref in refs) + "</tr>")
        else:
            parts.append(f'<tr class="group">{label}<td colspan="{len(columns)}"></td></tr>')
    return "".join(parts) + "</tbody>"


def _t4(report, tmpl, flagged, zh) -> str:
    spec = tmpl.tables["t4"]
    lab = "label_zh" if zh else "label_en"
    cols = spec["columns"]
    grouped = {child: g for g in spec.get("row_groups", []) for child in g["children"]}
    n = len(cols)
    head1, head2, head3 = [], [], []
    seen_groups = set()
    for r in spec["rows"]:
        g = grouped.get(r["key"])
        if g is None:
            head1.append(f'<th scope="colgroup" colspan="{n}" rowspan="2">{html.escape(r[lab])}</th>')
        else:
            if g["key"] not in seen_groups:
                seen_groups.add(g["key"])
                head1.append(f'<th scope="colgroup" colspan="{n * len(g["children"])}">{html.escape(g[lab])}</th>')
            head2.append(f'<th scope="colgroup" colspan="{n}">{html.escape(r[lab])}</th>')
        head3.extend(f'<th scope="col">{html.escape(c[lab])}</th>' for c in cols)
    cells = "".join(_cell(report, ref, flagged, zh) for ref in spec["printed_cell_order"])
    return (f'<thead><tr>{"".join(head1)}</tr><tr>{"".join(head2)}</tr><tr>{"".join(head3)}</tr></thead>'
            f"<tbody><tr>{cells}</tr></tbody>")


def printed_tables_html(report, *, lang: str = "zh", flagged: dict[str, str] | None = None) -> str:
    """表二, 表三 and 表四 of ``report`` as HTML; ``flagged`` maps a cell ref to the id of its finding."""
    zh = lang != "en"
    tmpl = template(report.template)
    flagged = flagged or {}
    out = []
    for table, draw in (("t2", _t2), ("t3", _t3), ("t4", _t4)):
        out.append(f'<h3 id="title-{table}">{html.escape(table_title(table, lang))}</h3>')
        out.append(_wrap(table, table_title(table, lang), draw(report, tmpl, flagged, zh)))
    return "".join(out)
