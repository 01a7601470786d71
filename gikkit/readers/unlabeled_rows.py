"""Rows of numbers whose label a converter lost: placed by the spec's printed order only where certain.

A label-less row of 表二 or 表三 takes the one spec row printed between its labelled neighbours
when, in every template version holding both neighbours, they are printed two rows apart, the row
between is the same, and the numbers fill exactly that row's columns. Anything less certain (the
first row, two label-less rows side by side, versions that disagree) leaves the row's cells empty
and its numbers in an ``unplaced_row`` finding naming the line: never a guessed place.
"""
from __future__ import annotations

from functools import lru_cache

from ..cellmap import finding
from ..findings import Finding
from ..labels import best_match
from ..schema import templates
from ..values import OK, clean_text, parse_value
from .markdown_rows import LABEL_THRESHOLD, Row, filled_cells, is_value, spec_row, with_labels

TABLE_ZH = {"t2": "表二", "t3": "表三"}


@lru_cache(maxsize=1)
def _orders() -> dict[str, list[tuple[list[str], dict[str, tuple[str, int]], list[tuple[str, str]]]]]:
    """Per table, per template: value rows in printed order, ``key -> (label, columns)``, match candidates.

    表二's keys are ``block.row``: its rows are printed block after block.
    """
    out: dict[str, list] = {"t2": [], "t3": []}
    for t in templates().values():
        info = {f"{b}.{r['key']}": (r["label_zh"], len(block["columns"])) for b, block in t.t2_blocks.items() for r in block["rows"]}
        out["t2"].append((list(info), info, [(k, label) for k, (label, _) in info.items()]))
        rows = t.t3_rows()
        n = len(t.t3_columns())
        order = [r["key"] for r in rows if t.rows[("t3", None, r["key"])].is_data]
        out["t3"].append((order, {r["key"]: (r["label_zh"], n) for r in rows}, [(r["key"], r["label_zh"]) for r in rows]))
    return out


def _between(table: str, before: str, after: str) -> tuple[str, int] | None:
    """``(label, columns)`` of the one row printed between the rows labelled ``before`` and ``after``
    in every template holding both; ``None`` when any template prints them other than two apart."""
    found = []  # (key, label, columns) per template; the label may be worded differently by version
    for order, info, candidates in _orders()[table]:
        a, b = best_match(before, candidates, LABEL_THRESHOLD), best_match(after, candidates, LABEL_THRESHOLD)
        if a is None or b is None or a.key not in order or b.key not in order:
            continue
        i, j = order.index(a.key), order.index(b.key)
        if j - i != 2:
            return None
        found.append((order[i + 1], *info[order[i + 1]]))
    if not found or len({(key, n) for key, _, n in found}) != 1:
        return None
    return found[0][1], found[0][2]


def _fits(cells, n: int) -> bool:
    """A row of numbers with exactly ``n`` value cells (empty cells before them only)."""
    printed = [c for c in cells if c is not None]
    return len(printed) >= n and not filled_cells(printed[:-n]) and all(is_value(c) or not clean_text(c) for c in printed[-n:]) \
        and any(parse_value(c, kind="decimal").status == OK for c in printed[-n:])


def _label_of(r) -> str | None:
    """The row label of a 表二/表三 row; a label printed without numbers counts too (it holds its place)."""
    if not isinstance(r, Row) or r.mode not in TABLE_ZH or r.kind not in ("mixed", "labels"):
        return None
    labels = [c for c in r.cells if c is not None and clean_text(c) and not is_value(c)]
    if labels and (r.kind == "mixed" or ((hit := spec_row(labels[-1])) and hit[0] == r.mode and hit[2])):
        return labels[-1]
    return None


def place(rows: list, findings: list[Finding]) -> list:
    """``rows`` with label-less 表二/表三 rows labelled where certain; the others dropped into findings."""
    after: list[str | None] = [None] * len(rows)
    nxt, mode = None, None
    for i in range(len(rows) - 1, -1, -1):  # the next labelled row of the same table below each row
        r = rows[i]
        if isinstance(r, Row) and r.mode != mode:
            nxt, mode = None, r.mode
        after[i] = nxt
        nxt = _label_of(r) or nxt
    out, before, mode = [], None, None
    for i, r in enumerate(rows):
        if isinstance(r, Row) and r.mode != mode:
            before, mode = None, r.mode
        if isinstance(r, Row) and r.kind == "numbers" and r.mode in TABLE_ZH:
            hit = _between(r.mode, before, after[i]) if before and after[i] else None
            if hit is None or not _fits(r.cells, hit[1]):
                findings.append(_unplaced(r))
                continue
            r = Row(with_labels([hit[0]], r.cells), r.line, r.mode, "mixed")
        before = _label_of(r) or before
        out.append(r)
    return out


def _unplaced(r: Row) -> Finding:
    return finding(
        "unplaced_row", "warning", [], None, {"labels": [], "values": filled_cells(r.cells)},
        f"第{r.line}行（{TABLE_ZH[r.mode]}）：无标签的数字行，无法确定属于哪一行，数值未计入任何单元格",
        f"line {r.line} ({r.mode}): a row of numbers without a label whose row cannot be told; values not placed in any cell",
        "A row printed without its label is placed only when its neighbours make its place in the template certain.")
