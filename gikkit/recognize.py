"""Find 表二, 表三 and 表四 in a document's tables and map every printed value to a spec cell.

Shared by all formats: readers only produce grids of cell text. Work happens in two passes.
The first (:func:`scan`) walks the rows of every table in order (tables split across pages
simply continue) and sorts them into t2 block rows, t3 rows and the t4 value row, knowing the
tables by their header rows, whose labels come from the spec. The second picks the template
version from the labels it saw, and :class:`~gikkit.cellmap.CellMapper` places the values.
Every value that does not end in a cell ends in a finding.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .cellmap import CellMapper, RawRow, finding
from .document import Document
from .findings import Finding
from .headers import column_map, t4_row_key, table_header
from .labels import BLOCK_TITLE, best_match, core, normalize
from .schema import Template, template_for_year, templates
from .values import CACHE_SIZE, OK, clean_text, looks_numeric, parse_value

_BLOCK_NUMBERS = {n: i for i, n in enumerate("一二三四五六七八九十", start=1)}
T2_HEADER_FIRST_CELL = "信息内容"  # the column-header row of every 表二 block starts with it
_NOTE_LABEL = re.compile(r"^(?:注|备注|说明)\d?(?:[:：]|$)")  # "注：…", "备注 | 无": a note row, not a table row
# A cell led by a figure ("8（6）", "22其中16") is a value cell that cannot be read, not a label;
# numbered labels ("1.属于国家秘密", "1）…") and years ("2024年…") are labels.
_FIGURE_LED = re.compile(r"^[+-]?\d+(?:\.\d+)?(?![.、．年)\]:：\d])")


@dataclass
class Layout:
    """What the first pass found, before the template is known."""

    t2_blocks: dict[str, dict] = field(default_factory=dict)  # block -> {"header": [...], "rows": [RawRow]}
    t3_rows: list[RawRow] = field(default_factory=list)
    t3_header: list[list[str | None]] = field(default_factory=list)  # 表三's header rows, as printed grids
    t4_parts: list[RawRow] = field(default_factory=list)  # 表四 value rows without labels, in order
    t4_rows: list[tuple[str, RawRow]] = field(default_factory=list)  # 表四 rows printed with their label
    stray_rows: list[RawRow] = field(default_factory=list)  # numbers outside any known table
    seen: set[str] = field(default_factory=set)  # tables whose title or header rows were seen
    notes: list[Finding] = field(default_factory=list)  # header labels matched only approximately


@dataclass
class Recognized:
    template: Template
    cells: dict[str, int | float | None]
    cell_info: dict[str, dict]  # ref -> {"raw", "status", "note"}
    findings: list[Finding]
    tables_found: list[str]


@cache
def _t2_row_blocks() -> dict[str, set[str]]:
    """core(row label) -> the 表二 blocks printing a row of that label, in either version."""
    out: dict[str, set[str]] = {}
    for t in templates().values():
        for key, block in t.t2_blocks.items():
            for row in block["rows"]:
                out.setdefault(core(row["label_zh"]), set()).add(key)
    return out


def _t2_block_of(labels: list[str]) -> str | None:
    blocks = _t2_row_blocks().get(core("".join(labels)), set())
    return next(iter(blocks)) if len(blocks) == 1 else None


_BLANK, _VALUE, _LABEL = 0, 1, 2
# cell text -> its kind. The same cells recur in every report: a plain dict (a hit is one look-up, in C,
# where an lru_cache also reorders its list), emptied when full. The answer depends on the text alone,
# so a str subclass carrying OCR provenance may share it.
_KINDS: dict[str, int] = {}


def _cell_kind(cell: str) -> int:
    """_LABEL for a cell that is neither a value nor led by a figure, else _VALUE, or _BLANK when it
    cleans to nothing (remembered in _KINDS)."""
    kind = _KINDS.get(cell)
    if kind is None:
        if not looks_numeric(cell) and not _FIGURE_LED.match(clean_text(cell)):
            kind = _LABEL  # never blank: a blank cell looks numeric
        else:
            kind = _VALUE if clean_text(cell) else _BLANK
        if len(_KINDS) >= CACHE_SIZE:
            _KINDS.clear()
        _KINDS[cell] = kind
    return kind


def _split_row(printed: list[str]) -> tuple[list[str], list[str], bool]:
    """Label cells, the value cells after the last label, and whether one of those is not blank."""
    kinds = list(map(_KINDS.get, printed))
    if None in kinds:  # a cell not seen yet (or since _KINDS was emptied)
        kinds = list(map(_cell_kind, printed))
    count = kinds.count(_LABEL)
    if count == 1:  # most rows: one label (after blank group cells, in 表三), then the values
        i = kinds.index(_LABEL)
        if _VALUE not in kinds[:i]:
            return [printed[i]], printed[i + 1:], _VALUE in kinds[i + 1:]
    if not count:
        return [], printed[:], _VALUE in kinds
    last_label = len(kinds) - 1 - kinds[::-1].index(_LABEL)
    # the cells up to the last label that are not blank (a label cell never is)
    labels = [c for c, kind in zip(printed[: last_label + 1], kinds) if kind]
    return labels, printed[last_label + 1:], _VALUE in kinds[last_label + 1:]


@lru_cache(maxsize=1 << 12)
def _is_note_label(cell: str) -> bool:
    """A first label like "注：…" or "备注": a note under a table (remembered, as :func:`_is_label`)."""
    return bool(_NOTE_LABEL.match(clean_text(cell)))


def _may_hold_artifact(text: str) -> bool:
    """Whether ``text`` (a row's cells joined) could hold a Word artifact ("[image…]"), which cleaning deletes.

    Without one, a row whose value cell cleans to some text cleans to some text whole: NFKC never
    deletes a character nor composes one into whitespace, and only the artifacts delete others.
    U+FE47 and U+FF3B are the only characters NFKC turns into "[" (checked over every code point)."""
    return "[" in text or "\ufe47" in text or "\uff3b" in text


def scan(doc: Document) -> Layout:
    """First pass: sort table rows into the report's tables."""
    layout = Layout()
    mode, block = None, None
    header_cells: list[str] = []  # the last 表二 column headers seen, for a block whose title is missing
    for ti, table in enumerate(doc.tables, start=1):
        page = f" (page {table.page})" if table.page else ""
        for ri, row in enumerate(table.rows, start=1):
            # the row itself when no position is merged (most rows): nothing below changes ``printed``
            printed = row if type(row) is list and None not in row else [c for c in row if c is not None]
            labels, values, has_values = _split_row(printed)
            joined = "".join(printed)  # cleaned below only when needed: a row with a value cleans to "" only
            if not has_values or _may_hold_artifact(joined):  # when an artifact runs across its cells
                joined = clean_text(joined)
                if not joined and mode != "t4":
                    continue
            where = f"table {ti}, row {ri}{page}"
            if labels and _is_note_label(labels[0]) and not any(parse_value(v).status == OK for v in values):
                continue  # a note under a table: words (or a placeholder), no figure to place
            if len(printed) == len(row):  # no merged positions: the value cells are the row's last ones
                positions = range(len(row) - len(values), len(row))  # read only: no list needed
            else:
                positions = [i for i, c in enumerate(row) if c is not None]
                positions = positions[len(positions) - len(values):]
            raw = RawRow(labels, values, where, not has_values, positions)  # blank, positions
            if mode == "t3" and not has_values and layout.t3_header and all(r.blank for r in layout.t3_rows):
                layout.t3_header.append(row)  # the header's lower rows (no numbers yet): they name the columns
            m = BLOCK_TITLE.search(joined) if not has_values and len(joined) <= 20 else None  # a title row is short, without figures
            header = None if has_values else table_header(printed, layout.notes, where)
            if m:
                mode, block = "t2", f"art20_{_BLOCK_NUMBERS[m.group(1)]}"
                layout.t2_blocks.setdefault(block, {"header": [], "rows": []})
                layout.seen.add("t2")
            elif header and (header != "t4" or mode != "t4"):
                mode = header
                layout.seen.add(header)
                if header == "t3" and not layout.t3_rows:
                    layout.t3_header = [row]
            elif mode in (None, "t2") and labels and not has_values and normalize(labels[0]) == T2_HEADER_FIRST_CELL:
                mode, header_cells = "t2", [c for c in printed[1:] if clean_text(c)]
                if block is not None:
                    layout.t2_blocks[block]["header"] = header_cells
                layout.seen.add("t2")
            elif not values or (not has_values and mode not in ("t2", "t3", "t4")):
                continue  # a header or group-label row, or blanks outside the tables: no numbers to place
            elif mode in (None, "t2") and labels and (own := _t2_block_of(labels)) and (own != block or mode is None):
                # a 表二 row whose block title is missing (or misprinted): its label says which block it is in
                mode, block = "t2", own
                found = layout.t2_blocks.setdefault(block, {"header": [], "rows": []})
                found["header"] = found["header"] or header_cells
                found["rows"].append(raw)
                layout.seen.add("t2")
            elif mode == "t2" and labels and block is not None:
                layout.t2_blocks[block]["rows"].append(raw)
            elif mode == "t3" and labels:
                layout.t3_rows.append(raw)
            elif mode == "t4" and not labels:
                layout.t4_parts.append(raw)
            elif mode == "t4" and (key := t4_row_key(labels)):
                layout.t4_rows.append((key, raw))
            elif has_values:
                layout.stray_rows.append(raw)
    return layout


@cache
def _version_labels() -> tuple[dict[str, tuple], tuple]:
    """The 表二 column labels only one version prints (as candidates), and v2021's （六） sub-rows: once per process."""
    v19, v21 = templates()["v2019"], templates()["v2021"]
    own = {t.key: {c["label_zh"] for b in t.t2_blocks.values() for c in b["columns"]} for t in (v19, v21)}
    only = {key: tuple((x, x) for x in own[key] - own[other]) for key, other in (("v2019", "v2021"), ("v2021", "v2019"))}
    sub_rows = tuple((r["key"], r["label_zh"]) for r in v21.t3_rows() if r.get("parent") == "other_handling")
    return only, sub_rows


def detect_template(layout: Layout, year: int | None) -> tuple[str, list[str]]:
    """Pick ``v2019`` or ``v2021`` from the labels seen; the year only breaks a tie."""
    v19, v21 = templates()["v2019"], templates()["v2021"]
    votes = {"v2019": [], "v2021": []}
    only, sub_rows = _version_labels()
    for block, found in layout.t2_blocks.items():
        if block not in v21.t2_blocks and block in v19.t2_blocks:
            votes["v2019"].append(f"block {block}")
        for label in found["header"]:
            for key in ("v2019", "v2021"):
                hit = best_match(label, only[key], threshold=0.85)
                if hit:
                    votes[key].append(hit.label)
    for row in layout.t3_rows:
        if row.labels and best_match(row.labels[-1], sub_rows, threshold=0.8):
            votes["v2021"].append("（六） sub-rows")
            break
    if len(votes["v2019"]) != len(votes["v2021"]):
        key = max(votes, key=lambda k: len(votes[k]))
    else:
        key = template_for_year(year)
    return key, votes[key]


def recognize(doc: Document, year: int | None = None) -> Recognized:
    """Map the document's tables to the cells of the template version they use."""
    layout = scan(doc)
    t4_found = layout.t4_rows or any(not r.blank for r in layout.t4_parts)
    found = [t for t, ok in (("t2", layout.t2_blocks), ("t3", layout.t3_rows), ("t4", t4_found))
             if ok or t in layout.seen]
    key, _evidence = detect_template(layout, year)
    mapper = CellMapper(templates()[key])
    mapper.findings.extend(layout.notes)
    mapper.findings.extend(doc.findings)  # what the reader noticed (touching numbers it left unsplit)
    mapper.map_t2(layout.t2_blocks)
    mapper.map_t3(layout.t3_rows, column_map(layout.t3_header, mapper.t.t3_columns()))
    mapper.map_t4(layout.t4_parts, layout.t4_rows)
    mapper.stray(layout.stray_rows)
    for table in ("t2", "t3", "t4"):
        if table not in found:
            refs = [r for r in mapper.t.cells if r.startswith(table + ".")]
            mapper.findings.append(finding(
                "missing_table", "error", refs, table, None,
                f"未找到{table}（表{'二三四'[int(table[1]) - 2]}）", f"table {table} not found in the document",
                "Every report prints tables 二, 三 and 四."))
    return Recognized(mapper.t, mapper.cells, mapper.cell_info(), mapper.findings, found)
