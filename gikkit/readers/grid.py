"""Lay cells with row and column spans out as the neutral grid a :class:`~gikkit.document.Table` holds.

A merged cell's text sits at its top-left position; the positions it covers are ``None``;
a real cell with nothing in it is ``""``. Positions no cell reaches (a short row) are ``None`` too.
"""
from __future__ import annotations

import re

from ..limits import DOCUMENT_CELLS, SPAN_AREA, TABLE_CELLS

MAX_SPAN = 200  # a corrupt span ("colspan=99999") must not blow up memory
_SPAN = re.compile(r"\s*(\d+)")
_LINE_SPACE = re.compile(r"[ \t\u00a0\u3000\u200b]+")


def span(value, default: int = 1) -> int:
    """An HTML/Word span attribute as a sane int ("2", " 3;", "", None, "0" -> 1)."""
    if value is None and default == 1:
        return 1  # most cells: no span attribute at all
    m = _SPAN.match(str(value or ""))
    n = int(m.group(1)) if m else default
    return min(max(n, 1), MAX_SPAN)


def cell_text(lines: list[str]) -> str:
    """Cell text from its lines: each line trimmed, blank lines dropped, "" when nothing is left.

    Full-width spaces and non-breaking spaces count as blank, as Word and web editors use them
    to keep an empty cell from collapsing.
    """
    kept = [_LINE_SPACE.sub(" ", ln).strip() for ln in lines]
    return "\n".join(ln for ln in kept if ln)


class TableTooLarge(Exception):
    """A table past a limit in :mod:`gikkit.limits`; the reader turns it into an error naming the file."""


class CellBudget:
    """Positions a document's tables may fill: TABLE_CELLS in one table, DOCUMENT_CELLS in all."""

    def __init__(self) -> None:
        self.left = DOCUMENT_CELLS

    def spend(self, table_cells: int, more: int) -> None:
        """Count ``more`` positions placed in a table that now holds ``table_cells``."""
        self.left -= more
        if table_cells > TABLE_CELLS:
            raise TableTooLarge(f"a table of more than {TABLE_CELLS:,} cells (a real report's hold under 1,000)")
        if self.left < 0:
            raise TableTooLarge(f"tables of more than {DOCUMENT_CELLS:,} cells in all (a real report's hold a few thousand)")


class GridBuilder:
    """Place cells row by row, skipping positions already covered by a row span from above.

    Work and memory are bounded by ``budget``: a cell may span at most SPAN_AREA positions, and
    the positions placed count against the table's and the document's limits.
    """

    def __init__(self, budget: CellBudget | None = None) -> None:
        self._rows: dict[int, dict[int, str | None]] = {}
        self._count = 0  # rows printed so far
        self._cells = 0  # positions placed
        self._budget = budget or CellBudget()

    def add_row(self, cells: list[tuple[str, int, int]]) -> None:
        """``cells`` are ``(text, rowspan, colspan)`` in the order printed."""
        r = self._count
        row = self._rows.setdefault(r, {})
        budget = self._budget
        c = 0
        for text, rowspan, colspan in cells:
            while c in row:
                c += 1
            if rowspan == 1 and colspan == 1:  # most cells: what the general case below does for one position
                self._cells += 1
                budget.left -= 1  # CellBudget.spend(self._cells, 1), inlined; spend raises the error when past a limit
                if self._cells > TABLE_CELLS or budget.left < 0:
                    budget.spend(self._cells, 0)
                row[c] = text
                c += 1
                continue
            if rowspan * colspan > SPAN_AREA:
                raise TableTooLarge(f"a cell spanning {rowspan} rows x {colspan} columns (more than {SPAN_AREA:,} "
                                    "positions; a real report's largest span a few dozen)")
            self._cells += rowspan * colspan
            self._budget.spend(self._cells, rowspan * colspan)
            for dr in range(rowspan):
                target = self._rows.setdefault(r + dr, {})
                for dc in range(colspan):
                    target.setdefault(c + dc, None)
            row[c] = text
            c += colspan
        self._count += 1

    def grid(self) -> list[list[str | None]]:
        """The finished grid; every row padded to the widest with ``None``.

        Row spans reaching past the last printed row add no rows (as browsers do).
        """
        rows = [self._rows.get(r, {}) for r in range(self._count)]
        width = max((max(r) + 1 for r in rows if r), default=0)
        if width * len(rows) > self._cells:  # short rows padded out: count the padding too
            self._budget.spend(width * len(rows), width * len(rows) - self._cells)
            self._cells = width * len(rows)
        return [[r.get(c) for c in range(width)] for r in rows]
