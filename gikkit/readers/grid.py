"""Lay cells with row and column spans out as the neutral grid a :class:`~gikkit.document.Table` holds.

A merged cell's text sits at its top-left position; the positions it covers are ``None``;
a real cell with nothing in it is ``""``. Positions no cell reaches (a short row) are ``None`` too.
"""
from __future__ import annotations

import re

MAX_SPAN = 200  # a corrupt span ("colspan=99999") must not blow up memory
_LINE_SPACE = re.compile(r"[ \t\u00a0\u3000\u200b]+")


def span(value, default: int = 1) -> int:
    """An HTML/Word span attribute as a sane int ("2", " 3;", "", None, "0" -> 1)."""
    m = re.match(r"\s*(\d+)", str(value or ""))
    n = int(m.group(1)) if m else default
    return min(max(n, 1), MAX_SPAN)


def cell_text(lines: list[str]) -> str:
    """Cell text from its lines: each line trimmed, blank lines dropped, "" when nothing is left.

    Full-width spaces and non-breaking spaces count as blank, as Word and web editors use them
    to keep an empty cell from collapsing.
    """
    kept = [_LINE_SPACE.sub(" ", ln).strip() for ln in lines]
    return "\n".join(ln for ln in kept if ln)


class GridBuilder:
    """Place cells row by row, skipping positions already covered by a row span from above."""

    def __init__(self) -> None:
        self._rows: dict[int, dict[int, str | None]] = {}
        self._count = 0  # rows printed so far

    def add_row(self, cells: list[tuple[str, int, int]]) -> None:
        """``cells`` are ``(text, rowspan, colspan)`` in the order printed."""
        r = self._count
        row = self._rows.setdefault(r, {})
        c = 0
        for text, rowspan, colspan in cells:
            while c in row:
                c += 1
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
        return [[r.get(c) for c in range(width)] for r in rows]
