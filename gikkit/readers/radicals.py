"""Radical code points that PDF text layers give for ordinary characters.

Fonts such as Noto Sans CJK and many Word/WPS exports map some glyphs to Kangxi radicals
(U+2F00-U+2FD5: "⼀" for 一, "⾏" for 行) or CJK radical supplement forms ("⻚" for 页) in their
ToUnicode tables. The text looks right but matches nothing: "⼀、总体情况" is not a heading and
"政府门户⽹站" is not a name. Every reader's text is folded back to the unified ideographs.
"""
from __future__ import annotations

import re
import unicodedata
from itertools import chain

from ..document import Document, Paragraph, Table

# The supplement forms that stand for a whole character (Unicode's EquivalentUnifiedIdeograph.txt);
# forms that are only a component (氵, 讠) have no character to stand for and are left alone.
_SUPPLEMENT = {
    "⺁": "厂", "⺊": "卜", "⺌": "小", "⺜": "日", "⺝": "月", "⺟": "母", "⺠": "民", "⺩": "王", "⻁": "虎",
    "⻄": "西", "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻑": "長", "⻓": "长", "⻔": "门", "⻗": "雨",
    "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马", "⻣": "骨", "⻤": "鬼",
    "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟",
}
_TABLE = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}
_TABLE.update({ord(k): v for k, v in _SUPPLEMENT.items()})


def fold_radicals(text: str | None) -> str | None:
    """``text`` with radical code points replaced by the characters they stand for."""
    return text.translate(_TABLE) if text else text


_RADICAL = re.compile("[" + "".join(map(chr, sorted(_TABLE))) + "]")
_PLAIN = {str, type(None)}


def _nothing_to_fold(rows) -> bool:
    """No cell holds a radical and every cell is a plain ``str`` or ``None`` (checked in C, not cell by cell)."""
    cells = list(chain.from_iterable(rows))
    return set(map(type, cells)) <= _PLAIN and not _RADICAL.search("".join(filter(None, cells)))


def has_radicals(text: str) -> bool:
    """Whether ``text`` holds a code point :func:`fold_radicals` would change (one regex scan, in C)."""
    return _RADICAL.search(text) is not None


def fold_document(doc: Document) -> Document:
    """Fold the radicals in every paragraph, table cell and the title of ``doc``, in place."""
    if doc.radical_free and doc.title is None:  # the reader checked the whole text: no block holds one
        return doc
    prose_plain = _nothing_to_fold([[b.text for b in doc.blocks if isinstance(b, Paragraph)]])
    for block in doc.blocks:
        if isinstance(block, Paragraph) and prose_plain:
            continue  # no paragraph holds a radical: folding would give the same text
        if isinstance(block, Paragraph):
            block.text = fold_radicals(block.text)
        elif isinstance(block, Table) and _nothing_to_fold(block.rows):
            block.rows = [list(row) for row in block.rows]  # what folding gives when no cell holds a radical
        elif isinstance(block, Table):
            block.rows = [[fold_radicals(c) for c in row] for row in block.rows]
    doc.title = fold_radicals(doc.title)
    return doc
