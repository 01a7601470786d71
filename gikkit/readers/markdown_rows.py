"""Repair the table rows PDF-to-Markdown converters write, before the recognizer sees them.

Converters cut a table into one small table per row under made-up headers (数据1 … 数据6) or
under a header row of another table; put a row's label on one line and its numbers on the
next; drop a row's label altogether; carry page numbers (— 4 —) and notes (注：…) into tables;
and write a merged cell as empty cells, so a 表二 figure spanning three columns comes with two
empty cells after it. This module undoes what can be undone with certainty, using the spec's
row labels and printed order, and leaves label-less rows to :mod:`.unlabeled_rows`. One pass over the rows: linear in the input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..headers import table_header
from ..labels import BLOCK_TITLE, best_match, normalize
from ..recognize import T2_HEADER_FIRST_CELL
from ..schema import templates
from ..values import clean_text, looks_numeric

_GENERIC = re.compile(r"^(?:数据|列|字段|栏|表头|column|col|field)_?\d{1,3}$", re.I)
_PAGE = re.compile(r"^(?:[-—–―_~·•]+\d{1,4}[-—–―_~·•]+|第\d{1,4}页(?:共\d{1,4}页)?|page\d{1,4}(?:of\d{1,4})?)$", re.I)
_NOTE = re.compile(r"^(?:注|说明|备注)\d*[:：]")  # clean_text has folded the full-width colon
_FIGURE_LED = re.compile(r"^[+-]?\d+(?:\.\d+)?(?![.、．年\d])")  # "8（6）": a value cell, not a label
LABEL_THRESHOLD = 0.9  # how close a printed label must be to a spec row label to be taken for it
MAX_LABEL_LENGTH = 80  # longer text is prose, not a row label (and is not worth a fuzzy match)
MAX_LABEL_CELLS = 3  # a label row to join with the numbers below it: a row label and its group labels


@dataclass
class MdRow:
    """One table row as written: cell texts (``None`` where an HTML merge covers a position)."""

    cells: list[str | None]
    line: int  # 1-based line of the Markdown where it was written
    header_line: bool = False  # a pipe table's header line (the row above ``|---|``)


@dataclass
class MdText:
    text: str
    line: int


@dataclass
class Row:
    """A table row after repair: its cells, the report table it sits in and what it holds."""

    cells: list[str | None]
    line: int
    mode: str | None  # the report table the row sits in, as far as headers tell: t2, t3, t4
    kind: str  # "labels", "numbers", "mixed" or "empty"


def filled_cells(cells) -> list[str]:
    """The cells holding text (not empty, not covered by a merge)."""
    return [c for c in cells if c is not None and clean_text(c)]


def is_value(cell: str) -> bool:
    """A value cell (a number, blank or placeholder, or a figure with words after it), not a label."""
    return looks_numeric(cell) or bool(_FIGURE_LED.match(clean_text(cell)))


def _kind(cells) -> str:
    filled = filled_cells(cells)
    if not filled:
        return "empty"
    values = sum(1 for c in filled if is_value(c))
    return "numbers" if values == len(filled) else "labels" if values == 0 else "mixed"


@lru_cache(maxsize=4096)
def spec_row(label: str) -> tuple[str, str, bool] | None:
    """``(table, key, is_data)`` of the 表二/表三 row (or group) ``label`` names, in either version."""
    if len(clean_text(label)) > MAX_LABEL_LENGTH:
        return None
    found: dict[str, bool] = {}
    candidates = []
    for t in templates().values():
        for block in t.t2_blocks.values():
            for r in block["rows"]:
                found[f"t2.{r['key']}"] = True
                candidates.append((f"t2.{r['key']}", r["label_zh"]))
        for r in t.t3_rows():
            ref = f"t3.{r['key']}"
            found[ref] = found.get(ref, False) or t.rows[("t3", None, r["key"])].is_data
            candidates.append((ref, r["label_zh"]))
    m = best_match(label, candidates, threshold=LABEL_THRESHOLD)
    if m is None:
        return None
    table, key = m.key.split(".", 1)
    return table, key, found[m.key]


def _label_row(item) -> list[str] | None:
    """The labels of a row (or a line of text) that only names a spec data row, else ``None``."""
    labels = [item.text] if isinstance(item, MdText) else filled_cells(item.cells) if item.kind == "labels" else []
    if not labels or len(labels) > MAX_LABEL_CELLS or any(spec_row(c) is None for c in labels):
        return None
    return labels if spec_row(labels[-1])[2] else None


def with_labels(labels: list[str], cells: list[str | None]) -> list[str | None]:
    """``cells`` with ``labels`` written into their leading empty cells (or before them)."""
    lead = 0
    while lead < len(cells) and not clean_text(cells[lead]):
        lead += 1
    if lead >= len(labels):
        return list(labels) + list(cells[len(labels):])
    return list(labels) + list(cells)


def _drop_headers(rows: list[MdRow], items: list) -> set[int]:
    """ids of header lines that are not the table's own: made-up (数据1 …) or another table's row."""
    body = {tuple(clean_text(c) for c in filled_cells(r.cells)) for r in rows if not r.header_line}
    seen, drop = set(), set()
    for i, item in enumerate(items):
        if not isinstance(item, MdRow) or not item.header_line:
            continue
        filled = filled_cells(item.cells)
        key = tuple(clean_text(c) for c in filled)
        has_body = i + 1 < len(items) and isinstance(items[i + 1], MdRow) and not items[i + 1].header_line
        if all(_GENERIC.match(clean_text(c)) for c in filled):
            drop.add(id(item))  # also an all-empty header line
        elif has_body and _kind(item.cells) == "labels" and (key in body or key in seen) \
                and normalize(filled[0]) != T2_HEADER_FIRST_CELL:  # 表二's column headers do repeat, block after block
            drop.add(id(item))
        seen.add(key)
    return drop


@lru_cache(maxsize=1024)
def _header_of(cells: tuple[str, ...]) -> str | None:
    """The table a header row opens (cached: converters repeat header rows, table after table)."""
    return table_header(list(cells), [], "")


def _mode(cells, mode: str | None) -> str | None:
    """The report table a row without numbers puts the rows below it in (as the recognizer will)."""
    filled = filled_cells(cells)
    joined = clean_text("".join(filled))
    if BLOCK_TITLE.search(joined) and len(joined) <= 20:
        return "t2"
    header = _header_of(tuple(c for c in cells if c is not None))
    if header:
        return header
    if filled and normalize(filled[0]) == T2_HEADER_FIRST_CELL and mode in (None, "t2"):
        return "t2"
    return mode


def walk(items: list) -> list:
    """Rows classified and placed in their table; page numbers dropped; labels joined to their numbers."""
    out: list = []
    mode, width, in_header = None, None, False
    drop = _drop_headers([i for i in items if isinstance(i, MdRow)], items)
    for item in items:
        if isinstance(item, MdText):
            if not _PAGE.match(clean_text(item.text)):
                out.append(item)
            continue
        if id(item) in drop:
            continue
        filled = filled_cells(item.cells)
        if filled and all(_PAGE.match(clean_text(c)) for c in filled):
            continue  # a page number carried into the table
        if len(filled) == 1 and _NOTE.match(clean_text(filled[0])):
            out.append(MdText(filled[0], item.line))  # a note under a table is prose
            continue
        kind, cells = _kind(item.cells), list(item.cells)
        header_row = kind == "labels" and len(filled) >= 2 and not all(spec_row(c) for c in filled)
        was = mode
        if kind == "labels":
            mode = _mode(cells, mode)
        elif kind == "mixed" and mode != "t4":  # a table whose header rows were lost: its row labels tell
            labels = [c for c in filled if not is_value(c)]
            mode = hit[0] if (hit := spec_row(labels[-1])) else mode
        if mode != was or (kind == "labels" and BLOCK_TITLE.search(clean_text("".join(filled)))):
            width = None  # a new table or 表二 block: the old column headers no longer apply
        if header_row:  # column headers say how wide the rows below are; a merge's empty cells lie beyond
            last = max(i for i, c in enumerate(cells) if c is not None and clean_text(c)) + 1
            width = max(width or 0, last) if in_header else last
            del cells[last:]  # a header's trailing empty cells are a merge's, not blank values under a label
        in_header = header_row
        if kind in ("numbers", "mixed") and width and mode == "t2":  # 表二 blocks span a figure over columns; 表三/表四 do not
            while len(cells) > width and not clean_text(cells[-1]):
                cells.pop()
        row = Row(cells, item.line, mode, kind)
        prev = out[-1] if out else None
        if kind == "numbers" and mode in ("t2", "t3") and prev is not None and (labels := _label_row(prev)):
            out[-1] = Row(with_labels(labels, cells), item.line, mode, "mixed")
            continue
        out.append(row)
    return out
