"""The three statistics tables of a report as printed grids, built from gikkit's spec.

A grid is a list of rows; a row is a list of :class:`Cell` (text, colspan, rowspan) in reading
order, the way HTML writes it: a position covered by a cell spanning down from an earlier row is
not repeated. Writers (``demo_writers.py``) turn grids into text, HTML, DOCX or PDF tables.
Every label comes from ``gikkit.schema``; only the few header words the spec does not hold are typed here.
"""
from __future__ import annotations

from dataclasses import dataclass

from gikkit.schema import Template

CONTENT_HEADER = "信息内容"  # the first header cell of every 表二 block; not a spec label


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1


Grid = list[list[Cell]]


def t2_grid(t: Template, texts: dict[str, str]) -> Grid:
    """表二: one block after another, four grid columns wide (label + up to three values)."""
    grid: Grid = []
    for key, block in t.t2_blocks.items():
        columns = block["columns"]
        grid.append([Cell(block["label_zh"], colspan=4)])
        # a block with fewer than three value columns stretches its last one to the table's edge
        spans = [1] * (len(columns) - 1) + [4 - len(columns)]
        grid.append([Cell(CONTENT_HEADER)] + [Cell(c["label_zh"], colspan=n) for c, n in zip(columns, spans)])
        for row in block["rows"]:
            refs = [f"t2.{key}.{row['key']}.{c['key']}" for c in columns]
            grid.append([Cell(row["label_zh"])] + [Cell(texts.get(r, ""), colspan=n) for r, n in zip(refs, spans)])
    return grid


def _t3_data_rows_under(rows: list[dict], key: str) -> int:
    children = [r for r in rows if r.get("parent") == key]
    return sum(1 if r["is_data"] and not any(c.get("parent") == r["key"] for c in rows)
               else _t3_data_rows_under(rows, r["key"]) for r in children)


def t3_grid(t: Template, texts: dict[str, str]) -> Grid:
    """表三: three header rows, then one row per data row of the spec (groups span down)."""
    spec_t3 = t.tables["t3"]
    rows, columns = t.t3_rows(), t.t3_columns()
    groups = {g["key"]: g for g in spec_t3["column_groups"]}
    org_columns = [c for c in columns if c.get("group") == "legal_or_other_org"]
    person, total = columns[0], columns[-1]
    grid: Grid = [
        [Cell(spec_t3["header_note_zh"], colspan=3, rowspan=3), Cell(groups["applicant"]["label_zh"], colspan=7)],
        [Cell(person["label_zh"], rowspan=2), Cell(groups["legal_or_other_org"]["label_zh"], colspan=len(org_columns)),
         Cell(total["label_zh"], rowspan=2)],
        [Cell(c["label_zh"]) for c in org_columns],
    ]
    pending: list[Cell] = []  # group labels that open the next data row
    for r in rows:
        has_children = any(c.get("parent") == r["key"] for c in rows)
        if has_children:
            pending.append(Cell(r["label_zh"], rowspan=_t3_data_rows_under(rows, r["key"])))
            continue
        values = [Cell(texts.get(f"t3.{r['key']}.{c['key']}", "")) for c in columns]
        label = Cell(r["label_zh"], colspan=3 - r["level"])
        grid.append(pending + [label] + values)
        pending = []
    return grid


def t4_grid(t: Template, texts: dict[str, str]) -> Grid:
    """表四: review (5 columns) and litigation (2 x 5 columns) headers over one row of 15 numbers."""
    spec_t4 = t.tables["t4"]
    rows = {r["key"]: r for r in spec_t4["rows"]}
    columns = spec_t4["columns"]
    litigation = spec_t4["row_groups"][0]
    n = len(columns)
    grid: Grid = [
        [Cell(rows["admin_review"]["label_zh"], colspan=n), Cell(litigation["label_zh"], colspan=2 * n)],
        [Cell(c["label_zh"], rowspan=2) for c in columns]
        + [Cell(rows[k]["label_zh"], colspan=n) for k in litigation["children"]],
        [Cell(c["label_zh"]) for _ in litigation["children"] for c in columns],
        [Cell(texts.get(ref, "")) for ref in t.t4_order()],
    ]
    return grid


def occupancy(grid: Grid) -> list[list[tuple[Cell, bool]]]:
    """Each grid row as the cells a Word table holds: (cell, starts_here).

    A cell spanning down appears again, empty, in the rows it covers (Word's vertical merge);
    a cell spanning across appears once.
    """
    width = max(sum(c.colspan for c in row) for row in grid)
    covered: dict[tuple[int, int], Cell] = {}
    out = []
    for i, row in enumerate(grid):
        line = []
        cells = iter(row)
        col = 0
        while col < width:
            if (i, col) in covered:
                cell = covered[(i, col)]
                line.append((cell, False))
                col += cell.colspan
                continue
            cell = next(cells, None)
            if cell is None:
                break
            for dr in range(1, cell.rowspan):
                covered[(i + dr, col)] = cell
            line.append((cell, True))
            col += cell.colspan
        out.append(line)
    return out
