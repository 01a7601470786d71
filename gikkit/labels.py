"""Match the row and column labels printed in a report to the spec's labels, tolerantly.

Real reports write "1、" for "1.", add spaces, wrap labels mid-word and make typos
("2.其他法律行政止公开", "行政法复议"). Matching is exact after normalization where it can be;
otherwise fuzzy, and the caller records a finding saying the match was not exact.

Matching runs for every row of every table of every report, so it is made cheap without changing
any result: normalized forms and answers are remembered (the same printed labels recur report after
report), exact matches are looked for before fuzzy ones, and difflib's ratio is computed only for
candidates that rapidfuzz's bound says could still win.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from .values import clean_text

BLOCK_TITLE = re.compile(r"第?二十条第?[(（]?([一二三四五六七八九十]+)[)）]?项")  # a 表二 block's title row
_OUTLINE = re.compile(r"^(?:[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|\d+[.、．]|\(\d+\))")
_PUNCT = re.compile(r"[“”\"'‘’、，,。.．:：;；()（）【】\[\]《》<>/／]")


@lru_cache(maxsize=1 << 16)
def normalize(label: str | None) -> str:
    """Label text reduced to what identifies it: no spaces, unified punctuation."""
    s = clean_text(label)
    s = s.replace("、", ".").replace("．", ".")
    return s


def starts_with_outline_number(text: str | None) -> bool:
    """True when ``text`` opens with an outline number ("三、", "（四）", "2.", "1、", "(3)")."""
    return bool(_OUTLINE.match(clean_text(text)))


@lru_cache(maxsize=1 << 16)
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
    return _ratio(a, b)


@lru_cache(maxsize=1 << 16)
def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


# Matching is the hot part of reading a report: every row's labels against every spec label of its
# table. The same printed labels recur in report after report, so results are remembered (per
# process, bounded), and candidates are compared exactly first, then fuzzily only where an upper
# bound says they could win (below).
_MATCHES: dict[tuple, LabelMatch | None] = {}
_MATCHES_MAX = 200_000
_MATCHES_BY_ID: dict[tuple, tuple] = {}  # (text, id(candidate tuple), threshold) -> (that tuple, answer)
_EPSILON = 1e-9


def best_match(text: str, candidates, threshold: float = 0.75) -> LabelMatch | None:
    """The candidate whose label best matches ``text``.

    ``candidates`` is an iterable of ``(key, spec_label)`` pairs (a key may appear with several
    labels, e.g. both template versions' wording). Exact (normalized or core) matches score 1.0.
    Among fuzzy ones the first with the highest score wins; below ``threshold``, none does.
    """
    # Hashing a long candidate tuple costs more than the answer's look-up: callers pass the same
    # tuple object for every row (a table's candidates, worked out once), so it is known by its id.
    # The entry holds the tuple itself, so no other object can take that id while the entry lives.
    given = candidates if type(candidates) is tuple else None
    if given is not None:
        entry = _MATCHES_BY_ID.get((text, id(given), threshold))
        if entry is not None and entry[0] is given:
            return entry[1]
    candidates = tuple(candidates)
    memo = (text, candidates, threshold)
    try:
        if memo in _MATCHES:
            found = _MATCHES[memo]
        else:
            if len(_MATCHES) >= _MATCHES_MAX:  # bounded: a long run over unusual labels cannot grow it without end
                _MATCHES.clear()
                _MATCHES_BY_ID.clear()
            found = _MATCHES[memo] = _best_match(text, candidates, threshold)
    except TypeError:  # candidates that cannot be hashed: match without remembering
        return _best_match(text, candidates, threshold)
    if given is not None:
        if len(_MATCHES_BY_ID) >= _MATCHES_MAX:  # many equal tuples, each its own object: bounded too
            _MATCHES_BY_ID.clear()
        _MATCHES_BY_ID[(text, id(given), threshold)] = (given, found)
    return found


def _best_match(text: str, candidates: tuple, threshold: float) -> LabelMatch | None:
    n, c = normalize(text), core(text)
    if not c:
        return None
    for key, label in candidates:  # an exact match anywhere wins, as the first one found did before
        if n == normalize(label) or c == core(label):
            return LabelMatch(key, 1.0, label)
    best: LabelMatch | None = None
    for key, label in candidates:
        lc = core(label)
        # A printed label that is a wrapped fragment of the spec's one ("部分公开") still counts.
        floor = 0.9 if len(c) >= 4 and lc.startswith(c) else 0.0
        # difflib's ratio counts matching blocks, a common subsequence: it is never above the
        # longest-common-subsequence ratio rapidfuzz computes in C. A candidate whose bound cannot
        # beat the best so far, nor reach the threshold, cannot change the answer: skip difflib.
        bound = max(floor, _upper_bound(c, lc))
        if bound + _EPSILON < threshold or (best is not None and bound <= best.score - _EPSILON):
            continue
        score = max(similarity(c, lc), floor)
        if best is None or score > best.score:
            best = LabelMatch(key, min(score, 0.99), label)
    if best and best.score >= threshold:
        return best
    return None


def _upper_bound(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if _indel is None:
        return 1.0  # no rapidfuzz: no bound, difflib decides every candidate
    return _indel(a, b)


try:  # rapidfuzz: the longest-common-subsequence similarity (2*LCS / total length), in C
    from rapidfuzz.distance import Indel as _Indel

    _indel = _Indel.normalized_similarity
except ImportError:  # pragma: no cover - rapidfuzz is a dependency; the bound only saves time
    _indel = None
