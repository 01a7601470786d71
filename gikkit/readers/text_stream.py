"""Table rows rebuilt from plain text whose cells lost their marks.

Text copied out of a PDF keeps a row on one line ("规章 1 0 11") but wraps long labels around the
numbers; text taken from a web page often puts every cell on a line of its own ("规范" / "性文件" /
"89" / "89"). Both are read as one stream of words: a run of values closes a row, and the words
before it are that row's label, found as the longest tail of the words that is a label of the spec
(or the start of one, when the label wraps past its numbers). Words before the label are kept:
as their own rows when they are table headers (信息内容…, 勾稽关系…, 行政复议 行政诉讼), else as
extra label cells of the row.
"""
from __future__ import annotations

import re
from functools import cache

from ..document import Paragraph, Table
from ..labels import core, starts_with_outline_number
from ..schema import templates
from ..sections import heading_section
from ..values import clean_text, looks_numeric

_BLOCK_TITLE = re.compile(r"^第二十条第[（(][一二三四五六七八九十]+[）)]项$")
_PAGE_NUMBER = re.compile(r"^[-－—–]\s*\d{1,3}\s*[-－—–]$|^第\s*\d{1,3}\s*页(共\s*\d+\s*页)?$")
HEADER_MARKS = ("信息内容", "勾稽关系", "申请人情况", "行政复议", "行政诉讼", "自然人")
TABLE_STARTS = ("信息内容", "勾稽关系", "申请人情况")
T4_VALUES = 15
MAX_SHORT_LINE = 12  # characters: longer lines outside a table are prose
MIN_WRAPPED_LABEL = 4  # characters of a label's start that identify it when the rest wraps past the numbers


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


def _label_start(words: list[str]) -> int | None:
    """Index of the word where the row label begins, or ``None`` when no word starts one."""
    labels = _row_labels()
    wrapped = outline = None
    for i in range(len(words)):
        tail = core("".join(words[i:]))
        if tail in labels:
            return i  # the longest exact tail: "行政" + "规范性文件" beats "规范性文件"
        if wrapped is None and len(tail) >= MIN_WRAPPED_LABEL and any(lab.startswith(tail) for lab in labels):
            wrapped = i
        if starts_with_outline_number(words[i]):
            outline = i
    return wrapped if wrapped is not None else outline


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
    cells: list[str] = []
    for w in words:
        if cells and not starts_with_outline_number(w):
            cells[-1] += w
        else:
            cells.append(w)
    return cells


class _Rows:
    """Collects the rows of one stretch of table text."""

    def __init__(self):
        self.rows: list[list[str]] = []
        self.words: list[str] = []  # label and header words waiting for their values
        self.values: list[str] = []

    def word(self, w: str) -> None:
        if looks_numeric(w):
            self.values.append(w)
            return
        if self.values:
            self.close()
        self.words.append(w)

    def close(self) -> None:
        """A run of values ends: emit the header words before it, then the row it closes."""
        words, values = self.words, self.values
        self.words, self.values = [], []
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
        for w in line.split():
            labelled = labelled or not looks_numeric(w)
            table.word(w)
            if in_t4 and looks_numeric(w):
                t4_values += 1
            elif not in_t4 and "行政复议" in (words := clean_text("".join(table.words))) and "行政诉讼" in words:
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
            start = next((k for k in range(len(pending), -1, -1)
                          if _starts_table(clean_text("".join(pending[k:])) + text)), None)
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
