"""A table cell's text from its characters: pdfplumber's ``extract_text(chars)``, without its machinery.

A report's tables have a few hundred cells a page, and pdfplumber builds a word extractor, two
clusterings, word dicts and a text map for each: a tenth of a PDF's reading time. :func:`cell_text`
gives the same string for upright text with pdfplumber's default settings (the only way gikkit
calls it): characters grouped into lines by their tops (3 points), sorted left to right within a
line, split into words at blanks and at gaps (3 points), ligatures expanded, the words grouped into
lines again by their tops, joined by spaces and line breaks. Rotated text, or a coordinate that is
not a finite number, goes to pdfplumber's own ``extract_text``.
"""
from __future__ import annotations

from math import isfinite
from operator import itemgetter

from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES, extract_text

_X0 = itemgetter("x0")
_TOP = itemgetter("top")


def _clusters(items: list, key, tolerance: float) -> list[list]:
    """pdfplumber's ``cluster_objects``: items whose keys chain within ``tolerance``, in key order, each kept in input order."""
    index: dict[float, int] = {}
    last = None
    n = -1
    for value in sorted(set(map(key, items))):
        if last is None or not value <= last + tolerance:
            n += 1
        index[value] = n
        last = value
    groups: list[list] = [[] for _ in range(n + 1)]
    for item in items:
        groups[index[key(item)]].append(item)
    return groups


def _words(line: list[dict]) -> list[tuple[str, float]]:
    """pdfplumber's ``iter_chars_to_words`` then ``merge_chars`` (text and top) over one line, left to right."""
    words: list[tuple[str, float]] = []
    current: list[dict] = []

    def flush() -> None:
        if current:
            words.append(("".join(LIGATURES.get(c["text"], c["text"] or "") for c in current),
                          min(c["top"] for c in current)))

    for char in line:
        text = char["text"]
        if text.isspace():
            flush()
            current = []
        elif text == "":  # pdfplumber: "" is "in" its (empty) punctuation set, so it stands as a word alone
            flush()
            current = [char]
            flush()
            current = []
        elif current and (char["x0"] < current[-1]["x0"] or char["x0"] > current[-1]["x1"] + DEFAULT_X_TOLERANCE
                          or abs(char["top"] - current[-1]["top"]) > DEFAULT_Y_TOLERANCE):
            flush()
            current = [char]
        else:
            current.append(char)
    flush()
    return words


def cell_text(chars: list[dict]) -> str:
    """``pdfplumber.utils.extract_text(chars)``, the same string."""
    if not chars:
        return ""
    if not all(c["upright"] is True and isfinite(c["x0"]) and isfinite(c["x1"]) and isfinite(c["top"]) for c in chars):
        return extract_text(chars)
    words: list[tuple[str, float]] = []
    for line in _clusters(chars, _TOP, DEFAULT_Y_TOLERANCE):
        words.extend(_words(sorted(line, key=_X0)))
    lines = _clusters(words, itemgetter(1), DEFAULT_Y_TOLERANCE)
    return "\n".join(" ".join(text for text, _ in line) for line in lines)
