"""Tables of a PDF page, and tables that run on across a page break.

pdfplumber finds tables from ruling lines. Word-to-PDF converters also draw invisible white
rectangles behind ordinary text lines, which pdfplumber would take for table rows; only edges a
reader can see are kept. A grid of one column is a framed text box, not a table: its text stays prose.

When a table runs on to the next page, the page break can cut through a merged cell
("（四）无" at the foot of one page, "法提供" at the top of the next) or through a row. The pieces
are joined back so the document holds the table as printed in one piece.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..labels import BLOCK_TITLE, starts_with_outline_number
from ..values import looks_numeric
from .radicals import fold_radicals

THIN = 2.0  # points: a filled rectangle this thin is a ruling line drawn as a box
_WHITE = {(1,), (1, 1, 1), (0, 0, 0, 0), 1, (1.0,), (1.0, 1.0, 1.0)}
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "intersection_tolerance": 4}


@dataclass
class PdfTable:
    page: int  # 1-based
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    rows: list[list[str | None]]

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def visible_edge(obj: dict) -> bool:
    """Keep every object except filled, unstroked rectangles that are white or wider than a rule."""
    if obj.get("object_type") != "rect" or obj.get("stroke"):
        return True
    thin = min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]) <= THIN
    return thin and obj.get("non_stroking_color") not in _WHITE


def _clean_cell(text: str | None) -> str | None:
    if text is None:
        return None
    return "\n".join(ln.strip() for ln in fold_radicals(text).split("\n") if ln.strip())


def missing_rules(edges: list[dict]) -> list[dict]:
    """Horizontal rules a page break left out, where the table's vertical rules end.

    A browser printing a page to PDF does not repeat a table's border at the top of the next
    page, so the first row there has no top rule and pdfplumber would not see it as a row.
    """
    h = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 2 * THIN]  # not the ends of a thin box
    ends: dict[int, list[float]] = {}
    for e in edges:
        if e["orientation"] != "v" or e["bottom"] - e["top"] <= THIN:
            continue
        for y in (e["top"], e["bottom"]):
            if not any(abs(r["top"] - y) <= THIN and r["x0"] - THIN <= e["x0"] <= r["x1"] + THIN for r in h):
                ends.setdefault(round(y), []).append(e["x0"])
    return [{"object_type": "line", "x0": min(xs), "x1": max(xs), "top": y, "bottom": y,
             "width": max(xs) - min(xs), "height": 0} for y, xs in ends.items() if len(xs) >= 2]


def page_tables(page, page_no: int) -> list[PdfTable]:
    """The tables printed on one pdfplumber page, top to bottom."""
    from .pdf_cells import find_tables  # imports pdfplumber: only when a PDF is read

    found = []
    page = page.filter(visible_edge)
    settings = {**TABLE_SETTINGS, "explicit_horizontal_lines": missing_rules(page.edges)}
    chars = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, c) for c in page.chars]  # centres, once a page
    for t in find_tables(page, settings):  # pdfplumber's finder, its cell search done once per point
        rows = [[_clean_cell(c) for c in row] for row in _extract(t, chars)]
        rows = [r for r in rows if any(c for c in r)]
        table = PdfTable(page_no, tuple(t.bbox), rows)
        if rows and table.width >= 2:
            found.append(table)
    return sorted(found, key=lambda t: t.bbox[1])


def _extract(table, chars: list[tuple[float, float, dict]]) -> list[list[str | None]]:
    """pdfplumber's ``Table.extract()``, the same cells from the same text, without its rows x page-chars scan.

    pdfplumber tests every character of the page against every row; here only the characters
    whose centre lies in the table's box are tested (a row's box lies inside the table's, with
    the same half-open bounds), so a page's text is looked at once per table, not once per row.
    """
    from .pdf_celltext import cell_text  # imports pdfplumber: only when a PDF is read

    def inside(items, box):
        x0, top, x1, bottom = box
        return [i for i in items if x0 <= i[0] < x1 and top <= i[1] < bottom]

    mine = inside(chars, table.bbox)
    out = []
    for row in table.rows:
        row_chars = inside(mine, row.bbox)
        cells = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            cell_chars = [c for _, _, c in inside(row_chars, cell)]
            cells.append(cell_text(cell_chars) if cell_chars else "")
        out.append(cells)
    return out


def _is_value(cell: str | None) -> bool:
    return bool(cell and cell.strip()) and looks_numeric(cell)


def _label_columns(rows: list[list[str | None]]) -> list[int]:
    """Columns that never hold a number: the row and group labels."""
    width = max(len(r) for r in rows)
    return [c for c in range(width) if not any(c < len(r) and _is_value(r[c]) for r in rows)]


def _owner_above(rows: list[list[str | None]], col: int) -> tuple[int, int] | None:
    """Position of the cell covering ``col`` at the bottom of ``rows`` (itself or a merged cell above)."""
    for r in range(len(rows) - 1, -1, -1):
        if col < len(rows[r]) and rows[r][col] is not None:
            return r, col
    return None


def _is_fragment(text: str) -> bool:
    """Text that carries on a label cut by the page break, rather than starting a label of its own."""
    return not starts_with_outline_number(text) and not BLOCK_TITLE.search(text)  # a 表二 block's title row starts its own


def join_continued(upper: PdfTable, lower: PdfTable) -> None:
    """Append ``lower`` (the top of the next page) to ``upper``, mending cells the break cut."""
    rows, first = upper.rows, list(lower.rows[0])
    labels = _label_columns(rows + lower.rows)
    own = max((c for c in labels if c < len(first) and first[c]), default=None)  # the row's own label
    no_values = all(not first[c] for c in range(len(first)) if c not in labels)
    for c in labels:
        cell = first[c] if c < len(first) else None
        if cell is None:
            continue
        whole_row_cut = no_values and own is not None and _is_fragment(first[own])
        group_cell = own is not None and c < own
        if not (whole_row_cut or group_cell) or (cell and not _is_fragment(cell)):
            continue
        owner = _owner_above(rows, c)
        if owner is None:
            continue
        r, oc = owner
        if cell:
            rows[r][oc] = f"{rows[r][oc]}\n{cell}" if rows[r][oc] else cell
        first[c] = None
    if no_values and not any(first):
        rest = lower.rows[1:]  # the whole first row was the tail of the row above
    else:
        rest = [first] + lower.rows[1:]
    rows.extend(rest)
    upper.bbox = (upper.bbox[0], upper.bbox[1], upper.bbox[2], lower.bbox[3])
