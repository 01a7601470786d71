"""Table rows rebuilt from plain text whose cells lost their marks.

Text copied out of a PDF keeps a row on one line ("规章 1 0 11") but wraps long labels around the
numbers; text taken from a web page often puts every cell on a line of its own ("规范" / "性文件" /
"89" / "89"). Both are read as one stream of words: a run of values closes a row, and the words
before it are that row's label, found as the longest tail of the words that is a label of the spec
(or the start of one, when the label wraps past its numbers). Words before the label are kept:
as their own rows when they are table headers (信息内容…, 勾稽关系…, 行政复议 行政诉讼), else as
extra label cells of the row. Words of labels and numbers that touch ("规章0 0 0") are cut apart
first (:mod:`.run_together`).

Every step is linear in the text: a row's label is looked for only among the last words that could
spell one, and the marks that start a table or 表四 are watched for as words come, not by joining
again everything waiting.
"""
from __future__ import annotations

import re
from functools import cache

from ..document import Paragraph, Table
from ..labels import core, starts_with_outline_number
from ..schema import templates
from ..sections import heading_section
from ..values import clean_text, looks_numeric
from .run_together import split_words

_BLOCK_TITLE = re.compile(r"^第二十条第[（(][一二三四五六七八九十]+[）)]项$")
_PAGE_NUMBER = re.compile(r"^[-－—–]\s*\d{1,3}\s*[-－—–]$|^第\s*\d{1,3}\s*页(共\s*\d+\s*页)?$")
HEADER_MARKS = ("信息内容", "勾稽关系", "申请人情况", "行政复议", "行政诉讼", "自然人")
TABLE_STARTS = ("信息内容", "勾稽关系", "申请人情况")
MAX_MARK = 20  # characters: longer than any table-start mark or block title
T4_VALUES = 15
MAX_SHORT_LINE = 12  # characters: longer lines outside a table are prose
MIN_WRAPPED_LABEL = 4  # characters of a label's start that identify it when the rest wraps past the numbers
MAX_LABEL_EXTRA = 12  # characters of outline number and punctuation a printed label may add to its core
T4_HEADER = ("行政复议", "行政诉讼")  # both in the words before a run of values: 表四's header


@cache
def _row_labels() -> frozenset[str]:
    """Cores of every 表二/表三 row label of both template versions."""
    labels = set()
    for t in templates().values():
        labels |= {core(r.label_zh) for (table, _, _), r in t.rows.items() if table in ("t2", "t3")}
    return frozenset(labels)


@cache
def _header_labels() -> frozenset[str]:
    """Cores of every header label of the three tables (column labels, their groups, 表四's rows)."""
    labels = {core("信息内容")}
    for t in templates().values():
        labels |= {core(c["label_zh"]) for b in t.t2_blocks.values() for c in b["columns"]}
        t3, t4 = t.tables["t3"], t.tables["t4"]
        labels |= {core(x["label_zh"]) for x in t3["columns"] + t3["column_groups"]}
        labels |= {core(x["label_zh"]) for x in t4["columns"] + t4["rows"] + t4["row_groups"]}
        labels.add(core(t3["header_note_zh"]))
    return frozenset(labels)


@cache
def _label_prefixes() -> frozenset[str]:
    """Every start of a row label at least ``MIN_WRAPPED_LABEL`` characters long (a set: one lookup per tail)."""
    return frozenset(lab[:n] for lab in _row_labels() for n in range(MIN_WRAPPED_LABEL, len(lab) + 1))


@cache
def _longest_tail() -> int:
    """Characters beyond which a tail of words can be no row label: the longest label's core, plus
    room for the outline number and punctuation that ``core`` strips."""
    return max(map(len, _row_labels())) + MAX_LABEL_EXTRA


def _label_start(words: list[str]) -> int | None:
    """Index of the word where the row label begins, or ``None`` when no word starts one.

    Only tails up to ``_longest_tail()`` characters are joined (a longer tail is no label), so the
    work per row is bounded by the label length, not the number of words waiting.
    """
    labels, prefixes, limit = _row_labels(), _label_prefixes(), _longest_tail()
    exact = wrapped = None
    tail = ""
    for i in range(len(words) - 1, -1, -1):
        tail = clean_text(words[i]) + tail
        if len(tail) > limit:
            break
        c = core(tail)
        if c in labels:
            exact = i  # keep going: the longest exact tail wins ("行政" + "规范性文件" beats "规范性文件")
        elif len(c) >= MIN_WRAPPED_LABEL and c in prefixes:
            wrapped = i
    if exact is not None:
        return exact
    if wrapped is not None:
        return wrapped
    return next((i for i in range(len(words) - 1, -1, -1) if starts_with_outline_number(words[i])), None)


def _header_cells(words: list[str], longest: int = 4) -> list[str]:
    """Header words as cells, rejoining a label a web page split over lines ("行政" + "复议"):
    at each word, the longest run of up to ``longest`` words that spells a known header label."""
    labels, cells, i = _header_labels(), [], 0
    while i < len(words):
        k = next((k for k in range(min(longest, len(words) - i), 1, -1)
                  if core("".join(words[i:i + k])) in labels), 1)
        cells.append("".join(words[i:i + k]))
        i += k
    return cells


def _label_cells(words: list[str]) -> list[str]:
    """Label words as cells: a word opening with an outline number starts a new label
    ("三、本年度办理结果 （一）予以公开" is two labels); other words continue the label before."""
    cells: list[list[str]] = []  # parts joined once at the end: no string grown word by word
    for w in words:
        if cells and not starts_with_outline_number(w):
            cells[-1].append(w)
        else:
            cells.append([w])
    return ["".join(c) for c in cells]


class _MarkWatch:
    """Which of a few marks occur in words fed one at a time, with the words never re-joined:
    only the last characters fed (a mark's length) are kept to catch a mark split across words."""

    def __init__(self, marks: tuple[str, ...]):
        self.marks, self.missing = marks, set(marks)
        self.keep = max(map(len, marks)) - 1
        self.tail = ""

    def add(self, word: str) -> None:
        if not self.missing:
            return
        text = self.tail + clean_text(word)
        self.missing = {m for m in self.missing if m not in text}
        self.tail = text[max(0, len(text) - self.keep):]

    @property
    def all_seen(self) -> bool:
        return not self.missing


class _Rows:
    """Collects the rows of one stretch of table text."""

    def __init__(self):
        self.rows: list[list[str]] = []
        self.words: list[str] = []  # label and header words waiting for their values
        self.values: list[str] = []
        self._seen = _MarkWatch(T4_HEADER)  # which of 表四's header words the waiting words spell

    def word(self, w: str) -> None:
        if looks_numeric(w):
            self.values.append(w)
            return
        if self.values:
            self.close()
        self.words.append(w)
        self._seen.add(w)

    @property
    def t4_header_seen(self) -> bool:
        """True when the words waiting for values spell both 行政复议 and 行政诉讼."""
        return self._seen.all_seen

    def close(self) -> None:
        """A run of values ends: emit the header words before it, then the row it closes."""
        words, values = self.words, self.values
        self.words, self.values, self._seen = [], [], _MarkWatch(T4_HEADER)
        joined = clean_text("".join(words))
        # 表四's header ends in 总计, a 表三 row label: its values belong to no row label.
        start = _label_start(words) if values and not ("行政复议" in joined and "行政诉讼" in joined) else None
        head, label = (words, []) if start is None else (words[:start], ["".join(words[start:])])
        if head and (not values or any(m in clean_text("".join(head)) for m in HEADER_MARKS)):
            self.rows.append(_header_cells(head))
            head = []
        if values:
            self.rows.append(_label_cells(head) + label + values)

    def title(self, text: str) -> None:
        self.close()
        self.rows.append([text])


def _starts_table(text: str) -> bool:
    return bool(_BLOCK_TITLE.match(text)) or any(m in text for m in TABLE_STARTS) or "行政复议" in text


def _table_start(pending: list[str], text: str) -> int | None:
    """Index of the first pending line of the shortest run of pending lines that, with ``text``,
    starts a table (``len(pending)``: ``text`` alone does), or ``None``.

    Pending lines did not start a table before ``text`` came, so a mark must reach into ``text``:
    only the last ``MAX_MARK`` characters of pending lines are looked at, not all of them.
    """
    before = ""
    for k in range(len(pending), -1, -1):
        if k < len(pending):
            before = clean_text(pending[k]) + before
        if _starts_table(before + text):
            return k
        if len(before) > MAX_MARK:
            return None
    return None


def _prose(text: str) -> bool:
    return "。" in text or len(text) > MAX_SHORT_LINE


def blocks_from_plain(lines: list[str]) -> list[Paragraph | Table]:
    """Paragraphs, and tables rebuilt from the stretches of table text between them."""
    v2021 = templates()["v2021"]
    blocks: list[Paragraph | Table] = []
    table: _Rows | None = None
    pending: list[str] = []  # short lines before a table: a header a web page split ("行政" / "复议")
    in_t4, t4_values = False, 0

    def end_table():
        nonlocal table, in_t4
        if table is not None:
            table.close()
            if table.rows:
                blocks.append(Table(table.rows))
        table, in_t4 = None, False

    def flush_pending():
        blocks.extend(Paragraph(p) for p in pending)
        pending.clear()

    def feed(line: str):
        nonlocal in_t4, t4_values
        text = clean_text(line)
        if _BLOCK_TITLE.match(text):
            table.title(line.strip())
            return
        labelled = False
        for w in split_words(line):
            if _BLOCK_TITLE.match(clean_text(w)):
                table.title(w)  # a block title inside a line that holds a whole table
                continue
            labelled = labelled or not looks_numeric(w)
            table.word(w)
            if in_t4 and looks_numeric(w):
                t4_values += 1
            elif not in_t4 and table.t4_header_seen:
                in_t4, t4_values = True, 0  # 表四's header, on one line or spread over several
        if labelled and table.values:
            table.close()  # "label n n n" on one line is a whole row: numbers on the next line start another

    for line in lines:
        text = clean_text(line)
        if not text or _PAGE_NUMBER.match(line.strip()):
            continue
        if heading_section(line.strip(), v2021) or "。" in text:
            end_table()
            flush_pending()
            blocks.append(Paragraph(line.strip()))
            continue
        if table is None:
            start = _table_start(pending, text)
            if start is None:
                if _prose(text):
                    flush_pending()
                    blocks.append(Paragraph(line.strip()))
                else:
                    pending.append(line.strip())
                continue
            header_lines = pending[start:]
            del pending[start:]
            flush_pending()
            table = _Rows()
            for p in header_lines:
                feed(p)
        feed(line)
        if in_t4 and t4_values >= T4_VALUES:  # 表四's one row of values ends the tables
            end_table()
    end_table()
    flush_pending()
    return blocks
