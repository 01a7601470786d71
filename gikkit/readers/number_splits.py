"""Every way to read a row's printed numbers as its cells' numbers when some lost the space between them.

"7 241" for three cells is 7 2 41 or 7 24 1; "政府集中采购268312.5万元" for a count and an amount is
2 68312.5, 26 8312.5 … A number is never printed with a leading zero, a count takes no fraction,
and a sign or a unit stays with the figure it belongs to. :mod:`.touching` weighs the ways found.
The work is bounded per row (``MAX_STEPS``), whatever its numbers.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..values import OK, clean_text, parse_value

SPLITTABLE = re.compile(r"^([+-]?)(\d+)(\.\d+)?(万元|亿元|元)?$")  # a sign stays with the first number
MAX_CANDIDATES = 64  # ways weighed per row; beyond, the row is left to a finding
MAX_STEPS = 1_000  # steps spent finding them
MAX_DIGITS = 24  # a run of more digits is no figures that lost a space


class _TooMany(Exception):
    """More ways to split a row than are worth trying: the row is left to a finding."""


def _pieces(token: str, kinds: tuple[str, ...], budget: list[int]) -> list[list[str]]:
    """Ways to read ``token`` as ``len(kinds)`` numbers written without a space, each valid for its column."""
    if len(kinds) == 1:
        return [[token]] if parse_value(token, kind=kinds[0]).status == OK else []
    m = SPLITTABLE.match(clean_text(token))
    if not m:
        return []
    if len(m.group(2)) > MAX_DIGITS:
        raise _TooMany  # figures may hide in it, but too many ways to cut it: not told, not refuted
    sign, digits, fraction, unit = m.group(1), m.group(2), m.group(3) or "", m.group(4) or ""
    out: list[list[str]] = []

    def cut(rest: str, k: int, acc: list[str]):
        budget[0] -= 1
        if budget[0] < 0:
            raise _TooMany
        if k == 1:
            if (rest == "0" or not rest.startswith("0")) and (not fraction or kinds[-1] == "decimal"):
                out.append(acc + [rest + fraction + unit])
            return
        for i in range(1, len(rest) - k + 2):
            head = rest[:i]
            if head.startswith("0") and head != "0":
                break  # no number is printed with a leading zero, nor is any longer one
            cut(rest[i:], k - 1, acc + [head])

    cut(digits, len(kinds), [])
    return [[sign + parts[0]] + parts[1:] for parts in out]


@dataclass
class Candidate:
    """One way to read the row."""

    values: list[str]  # one per cell
    split: list[int]  # indices of the tokens cut in two or more
    new: list[str]  # the values the cuts made


def candidates(tokens: list[str], kinds: list[str], keep: Callable[[list[str], int], bool] | None = None,
               budget: list[int] | None = None) -> list[Candidate] | None:
    """Every split of the tokens into ``len(kinds)`` values; ``None`` when there are too many to try
    (the work is bounded by ``MAX_STEPS`` whatever the row). ``keep(values, first)`` is asked as
    cells fill (``first``: the first cell just filled); a way it refuses is not followed further,
    so a row's own totals cut the search short. ``budget`` (steps, spent in place) may be shared
    by a whole document."""
    out: list[Candidate] = []
    budget = budget if budget is not None else [MAX_STEPS]
    pieces: dict[tuple[int, int, int], list[list[str]]] = {}

    def walk(i: int, col: int, acc: Candidate) -> None:
        budget[0] -= 1
        if budget[0] < 0 or len(out) > MAX_CANDIDATES:
            raise _TooMany
        if i == len(tokens):
            if col == len(kinds):
                out.append(acc)
            return
        room = len(kinds) - col - (len(tokens) - i - 1)
        for k in range(1, room + 1):
            if (i, col, k) not in pieces:
                pieces[i, col, k] = _pieces(tokens[i], tuple(kinds[col:col + k]), budget)
            for parts in pieces[i, col, k]:
                values = acc.values + parts
                if keep is None or keep(values, col):
                    walk(i + 1, col + k, Candidate(values, acc.split + ([i] if k > 1 else []),
                                                   acc.new + (parts if k > 1 else [])))

    try:
        walk(0, 0, Candidate([], [], []))
    except _TooMany:
        return None
    return out
