"""Match the row and column labels printed in a report to the spec's labels, tolerantly.

Real reports write "1、" for "1.", add spaces, wrap labels mid-word and make typos
("2.其他法律行政止公开", "行政法复议"). Matching is exact after normalization where it can be;
otherwise fuzzy, and the caller records a finding saying the match was not exact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .values import clean_text

BLOCK_TITLE = re.compile(r"第?二十条第?[(（]?([一二三四五六七八九十]+)[)）]?项")  # a 表二 block's title row
_OUTLINE = re.compile(r"^(?:[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|\d+[.、．]|\(\d+\))")
_PUNCT = re.compile(r"[“”\"'‘’、，,。.．:：;；()（）【】\[\]《》<>/／]")


def normalize(label: str | None) -> str:
    """Label text reduced to what identifies it: no spaces, unified punctuation."""
    s = clean_text(label)
    s = s.replace("、", ".").replace("．", ".")
    return s


def starts_with_outline_number(text: str | None) -> bool:
    """True when ``text`` opens with an outline number ("三、", "（四）", "2.", "1、", "(3)")."""
    return bool(_OUTLINE.match(clean_text(text)))


def core(label: str | None) -> str:
    """A label without its outline number and punctuation: "（三）不予公开" -> "不予公开"."""
    s = clean_text(label)
    s = _OUTLINE.sub("", s)
    return _PUNCT.sub("", s)


@dataclass(frozen=True)
class LabelMatch:
    key: str
    score: float  # 1.0 = exact after normalization
    label: str = ""  # the spec label it matched

    @property
    def exact(self) -> bool:
        return self.score >= 1.0


def similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def best_match(text: str, candidates, threshold: float = 0.75) -> LabelMatch | None:
    """The candidate whose label best matches ``text``.

    ``candidates`` is an iterable of ``(key, spec_label)`` pairs (a key may appear with several
    labels, e.g. both template versions' wording). Exact (normalized or core) matches score 1.0.
    """
    n, c = normalize(text), core(text)
    if not c:
        return None
    best: LabelMatch | None = None
    for key, label in candidates:
        lc = core(label)
        if n == normalize(label) or c == lc:
            return LabelMatch(key, 1.0, label)
        score = similarity(c, lc)
        # A printed label that is a wrapped fragment of the spec's one ("部分公开") still counts.
        if len(c) >= 4 and lc.startswith(c):
            score = max(score, 0.9)
        if best is None or score > best.score:
            best = LabelMatch(key, min(score, 0.99), label)
    if best and best.score >= threshold:
        return best
    return None
