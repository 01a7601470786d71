"""Markdown reader: reports as PDF-to-Markdown converters write them (``.md``, or Markdown saved as ``.txt``).

Converters write the statistics tables as GitHub pipe tables (``| a | b |`` rows, a ``|---|``
separator under the header line), sometimes as HTML ``<table>``s inside the Markdown, and prose
as lines with ``#`` headings and ``**bold**``. Pipe tables have no merged cells: a cell a merge
covered is written empty. This module only parses: lines become text items and table rows (HTML
tables are laid out by the HTML reader's own code); :mod:`.markdown_rows` then repairs what the
converters do to rows (a table per row, labels on their own line, page numbers inside tables...)
and :mod:`.unlabeled_rows` places rows that lost their labels, where certain.
"""
from __future__ import annotations

import html as html_entities
import re
from pathlib import Path

from .. import limits
from ..document import Document, Paragraph, Table
from ..findings import Finding
from . import register
from .encoding import read_text_lines
from .grid import cell_text
from .markdown_rows import MdRow, MdText, walk
from .unlabeled_rows import place

_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")
_HEADING = re.compile(r"#{1,6}\s")  # then the text, with any closing #s dropped (no regex: no backtracking)
_BR = re.compile(r"<br\s*/?>", re.I)
_BOLD = re.compile(r"\*\*|__")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # converters escape Markdown's punctuation: 1\. \+1
_IMAGE_LINE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_RULE_LINE = re.compile(r"^[-=*_ ]+$")  # a horizontal rule (a converter's page break) or a setext underline
_TAG = re.compile(r"<[^<>]*>")  # an HTML tag or one-line comment in text ([^<>]: linear on "<<<<")
_TABLE_OPEN, _TABLE_CLOSE = re.compile(r"<table\b", re.I), re.compile(r"</table\s*>", re.I)
# Sniffing: a separator row, or pipe rows, or a heading, in the first bytes (ASCII, so any encoding)
_SNIFF_SEPARATOR = re.compile(rb"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", re.M)
_SNIFF_ROW = re.compile(rb"^[ \t]*\|.*\|[ \t]*\r?$", re.M)
_SNIFF_HEADING = re.compile(rb"^#{1,6}[ \t]+\S", re.M)
_HTML_PAGE = re.compile(rb"^\s*<(?:!doctype|html|head|body|\?xml)", re.I)


def _cells(line: str) -> list[str]:
    """The cells of a pipe-table row; ``\\|`` is a pipe inside a cell."""
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    s = s[:-1] if s.endswith("|") and not s.endswith("\\|") else s
    out, cur, i = [], [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] == "|":
            cur.append("|")
            i += 2
            continue
        if s[i] == "|":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(s[i])
        i += 1
    out.append("".join(cur))
    return [_inline(c) for c in out]


def _inline(text: str) -> str:
    """Text without Markdown emphasis, escapes or entities; ``<br>`` becomes a line break."""
    text = html_entities.unescape(_ESCAPE.sub(r"\1", _BOLD.sub("", _BR.sub("\n", text))))
    return cell_text(text.split("\n"))


def _html_items(fragment: str, line_no: int) -> list:
    """HTML ``<table>``s as rows, laid out by the HTML reader's grid code (spans kept as ``None``).

    Every table counts, with figures or without: a converter may give 表四's header rows a table
    of their own. Text before the first table or after the last is kept as text.
    """
    from .html import fragment_grids  # the HTML reader's layout of rowspan/colspan, reused as is

    start, end = _TABLE_OPEN.search(fragment), list(_TABLE_CLOSE.finditer(fragment))
    items = [MdText(t, line_no) for t in (_inline(_TAG.sub("", fragment[: start.start()])),) if t]
    for grid in fragment_grids(fragment):  # innermost tables: a layout table holding tables has its inner ones read
        items.extend(MdRow(list(row), line_no) for row in grid)
    if end and (tail := _inline(_TAG.sub("", fragment[end[-1].end():]))):
        items.append(MdText(tail, line_no))
    return items


def parse_items(text: str, source: str) -> tuple[list, str | None]:
    """Text items and table rows in reading order, and the title (the first heading naming a report)."""
    lines = text.split("\n")
    items: list = []
    title = None
    count = 0  # cells read, bounded by limits.DOCUMENT_CELLS
    i = 0
    while i < len(lines):
        line, n = lines[i].strip(), i + 1
        if _TABLE_OPEN.search(line):  # an HTML table: collect to its matching close
            start, depth, chunk = i, 0, []
            while i < len(lines):
                depth += len(_TABLE_OPEN.findall(lines[i])) - len(_TABLE_CLOSE.findall(lines[i]))
                chunk.append(lines[i])
                i += 1
                if depth <= 0:
                    break
            items.extend(_html_items("\n".join(chunk), start + 1))
            continue
        i += 1
        if line.startswith("|") or (_SEPARATOR.match(line) and "-" in line and "|" in line):
            if _SEPARATOR.match(line) and "-" in line:
                if items and isinstance(items[-1], MdRow) and items[-1].line == n - 1:
                    items[-1].header_line = True  # the row above the separator is the table's header line
                continue
            cells = _cells(line)
            count += len(cells)
            if count > limits.DOCUMENT_CELLS:
                raise limits.refuse(source, f"more than {limits.DOCUMENT_CELLS:,} table cells")
            items.append(MdRow(cells, n))
            continue
        if not line or line.startswith("```") or _IMAGE_LINE.match(line) or _RULE_LINE.match(line):
            continue
        m = _HEADING.match(line)
        body = line[m.end():].strip().rstrip("#") if m else line.lstrip(">").strip()
        body = _inline(_TAG.sub("", body))
        if not body:
            continue
        if m and title is None and "报告" in body and "年" in body:
            title = body
        items.append(MdText(body, n))
    return items, title


def repair(items: list) -> tuple[list, list[Finding]]:
    """Blocks (paragraphs and tables) from parsed items, rows repaired; findings for rows left unplaced."""
    findings: list[Finding] = []
    blocks: list = []
    for r in place(walk(items), findings):
        if isinstance(r, MdText):
            blocks.append(Paragraph(r.text))
        elif blocks and isinstance(blocks[-1], Table):
            blocks[-1].rows.append(r.cells)
        else:
            blocks.append(Table([r.cells]))
    return blocks, findings


class MarkdownReader:
    name = "markdown"
    extensions = (".md", ".markdown")
    signature = None

    def sniff(self, head: bytes) -> bool:
        if b"\x00" in head[:64]:  # UTF-16: look at its ASCII bytes only
            head = head.replace(b"\x00", b"")
        if _HTML_PAGE.match(head.lstrip(b"\xef\xbb\xbf\xff\xfe")):
            return False
        # Tables may start past the head, after pages of prose: a heading line is evidence enough
        # (text exported from Word or copied from a PDF has none).
        if head.count(b"\n\t") >= 3:  # Word's text export (tab-led cells) is the text reader's
            return False
        return bool(_SNIFF_SEPARATOR.search(head) or _SNIFF_HEADING.search(head)) or len(_SNIFF_ROW.findall(head)) >= 3

    def read(self, path: Path) -> Document:
        text, encoding = read_text_lines(path)
        items, title = parse_items(text, str(path))
        blocks, findings = repair(items)
        doc = Document(source=str(path), format="markdown", blocks=blocks, title=title)
        doc.findings.extend(findings)
        if encoding not in ("utf-8", "utf-8-sig"):
            doc.notes.append(f"decoded as {encoding}")
        return doc


register(MarkdownReader())
