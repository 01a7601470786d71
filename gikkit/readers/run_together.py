"""Table text whose cells ran together: words cut apart where a label touches a number.

Archived pages and careless copies lose the spaces of a table: a label touches its numbers
("规章0 0 0行政规范性文件7 2 41"). :func:`split_words` cuts a word at the edges between numbers
and labels, but only where every piece of text it leaves is (the start or end of) a label of the
spec, so that a year in a header ("2020年…") or words in a cell ("22（其中修订16件）") stay whole.
An outline number such as the "2." of "2.其他法律…" opens a label; it is no value. Numbers that
touch each other are left for :mod:`.touching`, which knows the rows.
"""
from __future__ import annotations

import re
from functools import cache

from ..labels import BLOCK_TITLE, core
from ..values import looks_numeric

_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:万元|亿元|元)?")
_OUTLINE_MARKS = ".．、"
MIN_LABEL_PIECE = 2  # characters of a label's core a piece of text must match at its edge


@cache
def _labels() -> tuple[str, ...]:
    """Cores of every row and header label of the three tables, both template versions."""
    from .text_stream import _header_labels, _row_labels  # the stream reader's label sets (it imports this module)
    from ..schema import templates

    t4_rows = {core(r["label_zh"]) for t in templates().values() for r in t.tables["t4"]["rows"]}
    return tuple(sorted(lab for lab in _row_labels() | _header_labels() | t4_rows if len(lab) >= MIN_LABEL_PIECE))


def _label_like(text: str) -> bool:
    """True when ``text`` starts or ends with a label of the spec, is the start of one, or holds a block title."""
    c = core(text)
    if not c:
        return False
    if BLOCK_TITLE.search(text):
        return True
    return any(c.startswith(lab) or c.endswith(lab) or lab.startswith(c) for lab in _labels())


def _pieces(w: str) -> list[str]:
    words: list[str] = []
    text, pos = "", 0
    for m in _NUMBER.finditer(w):
        text += w[pos:m.start()]
        num, pos = m.group(), m.end()
        after = w[pos:pos + 2]
        outline = bool(after) and after[0] in _OUTLINE_MARKS and not after[1:2].isdigit() and num[-1].isdigit()
        if outline:  # "02.其他…": a value 0, then the label "2.其他…"
            num, opens = num[:-1], num[-1]
        if num.strip("+-"):
            if text:
                words.append(text)
            words.append(num)
            text = ""
        elif num:
            text += num  # a lone sign is text
        if outline:
            if text:
                words.append(text)
            text = opens
    text += w[pos:]
    if text:
        words.append(text)
    return words


def _split_word(w: str) -> list[str]:
    pieces = _pieces(w)
    if len(pieces) > 1 and all(looks_numeric(p) or _label_like(p) for p in pieces):
        return pieces
    return [w]


def split_words(line: str) -> list[str]:
    """The words of a line, with labels and numbers that touch cut apart."""
    out: list[str] = []
    for w in line.split():
        out.extend([w] if looks_numeric(w) else _split_word(w))
    return out
