"""Build the Markdown that PDF-to-Markdown converters write, from the real fixtures.

Each style reads a fixture with ``gikkit.readers.read_document`` and writes its paragraphs and
tables back out the way one kind of converter does: GitHub pipe tables, one small table per row
under made-up or borrowed headers, labels on a line of their own, page numbers and notes inside
tables, 表四 cut into small tables, rows whose labels were lost, HTML ``<table>``s inside the
Markdown. ``build(fixture, style)`` returns the Markdown text; the tests read it back.
"""
from __future__ import annotations

import re

from gikkit.document import Document, Paragraph, Table
from gikkit.readers import read_document
from gikkit.values import clean_text, looks_numeric

STYLES = ("pipe", "rows_generic", "rows_as_header", "rows_foreign_header", "label_own_line", "paged", "unlabeled",
          "unlabeled_alternate", "html")
# Styles that lose information on purpose: rows whose labels are gone (the reader may leave cells empty, with a finding).
LOSSY = {"unlabeled", "unlabeled_alternate"}
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
# Rows whose labels the "unlabeled" style drops (the row's last label). A single row between two
# labelled neighbours can be placed when every format version prints them two apart; the adjacent
# pair cannot, nor can rows whose neighbours the two versions print differently.
UNLABELED = ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "4.保护第三方合法权益",
             "2.重复申请", "3.要求提供公开出版物", "3.其他", "（六）其他处理", "行政处罚")
PLACEABLE = ("partially_granted", "withheld_third_party_rights")  # neighbours make these certain in every fixture
UNPLACEABLE = ("not_processed_duplicate", "not_processed_publication")  # two label-less rows side by side


def _text(cell: str | None, bold: bool = False) -> str:
    s = (cell or "").replace("|", "\\|").replace("\n", "<br>")
    return f"**{s}**" if bold and s else s


def _escaped(cell: str | None) -> str:
    """A cell as converters that escape Markdown's punctuation write it: "1\\.属于…", "\\+1"."""
    s = re.sub(r"^(\d+)\.(?=\D)", r"\1\\.", cell or "")
    return re.sub(r"^([+*_-])", r"\\\1", s)


def _pipe(row, bold: bool = False, escape: bool = False) -> str:
    return "| " + " | ".join(_text(_escaped(c) if escape else c, bold) for c in row) + " |"


def _sep(n: int) -> str:
    return "|" + "---|" * max(n, 1)


def _is_label(cell) -> bool:
    return bool(clean_text(cell)) and not looks_numeric(cell)


def _split(row) -> tuple[list, list]:
    """(label cells, value cells after the last label) as printed, merged positions as ""."""
    cells = ["" if c is None else c for c in row]
    last = max((i for i, c in enumerate(cells) if _is_label(c)), default=-1)
    return cells[: last + 1], cells[last + 1:]


def _paragraph(text: str) -> str:
    if _SECTION.match(text) and len(text) < 30:
        return f"## {text}"
    if "报告" in text and "年" in text and len(text) < 60:
        return f"# **{text}**"
    return text


def _table_pipe(rows: list) -> list[str]:
    lines = [_pipe(rows[0], bold=True), _sep(len(rows[0]))]
    lines += [_pipe(r, bold=bool(_split(r)[0]) and "总计" in "".join(_split(r)[0]), escape=True) for r in rows[1:]]
    return lines


def _per_row(rows: list, header) -> list[str]:
    """One small table per row; ``header(row)`` gives its header line, or None (the row is the header)."""
    lines = []
    for r in rows:
        cells = ["" if c is None else c for c in r]
        head = header(cells)
        lines += ([_pipe(head), _sep(len(head)), _pipe(cells)] if head is not None else [_pipe(cells), _sep(len(cells))])
        lines.append("")
    return lines


def _label_own_line(rows: list) -> list[str]:
    """Group labels on rows of their own; a row's label on one row (or a line of text), its numbers on the next."""
    lines = []
    for k, r in enumerate(rows):
        labels, values = _split(r)
        filled = [c for c in labels if clean_text(c)]
        if not filled or not any(clean_text(v) for v in values):
            lines.append(_pipe(["" if c is None else c for c in r]))
            continue
        for group in filled[:-1]:
            lines.append(_pipe([group]))
        if k % 3 == 0:  # the label as a line of text between two pieces of table
            lines += ["", filled[-1], ""]
        else:
            lines.append(_pipe([filled[-1]]))
        lines.append(_pipe([""] * len(labels) + values))
    return lines


def _paged(rows: list, ti: int, t4: bool) -> list[str]:
    """Page numbers and a note inside the table; group labels on rows of their own; 表四 cut in three."""
    if t4:
        values = ["" if c is None else c for c in rows[-1]]
        heads = ["行政复议", "行政诉讼：未经复议直接起诉", "行政诉讼：复议后起诉"]
        columns = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        lines = []
        for part, head in enumerate(heads):
            lines += [f"| {head} |", "|---|", _pipe(columns), _pipe(values[part * 5: part * 5 + 5]), ""]
        return lines
    lines = [_pipe(rows[0]), _sep(len(rows[0]))]
    for k, r in enumerate(rows[1:], start=1):
        labels, values = _split(r)
        filled = [c for c in labels if clean_text(c)]
        if len(filled) > 1 and any(clean_text(v) for v in values):
            lines.append(_pipe([filled[0]] + [""] * (len(r) - 1)))  # the group label on a row of its own
            r = ["" if c is None else c for c in r]
            r[r.index(filled[0])] = ""
        lines.append(_pipe(["" if c is None else c for c in r]))
        if k % 7 == 0:
            lines.append(_pipe([f"— {ti + k // 7} —"] + [""] * (len(r) - 1)))
        if k % 11 == 0:
            lines.append(_pipe([f"第{ti + 2}页"]))
    lines.append(_pipe(["注：本表数据统计截止到12月31日。"]))
    return lines


def _unlabeled(rows: list, alternate: bool = False) -> list[str]:
    """Rows whose labels are lost: those in ``UNLABELED``, or (``alternate``) every other row of numbers."""
    lines = [_pipe(rows[0]), _sep(len(rows[0]))]
    numbered = 0
    for r in rows[1:]:
        labels, values = _split(r)
        filled = [c for c in labels if clean_text(c)]
        if filled and any(clean_text(v) for v in values):
            numbered += 1
            if (numbered % 2 == 0) if alternate else filled[-1] in UNLABELED:
                r = [""] * len(labels) + values
        lines.append(_pipe(["" if c is None else c for c in r]))
    return lines


def _html(rows: list) -> str:
    """The grid as an HTML table: a ``None`` right of a cell widens it, one below it deepens it."""
    width = max(len(r) for r in rows)
    grid = [list(r) + [None] * (width - len(r)) for r in rows]
    claimed = [[False] * width for _ in grid]
    out = ["<table>"]
    for i, row in enumerate(grid):
        tds = []
        for j, cell in enumerate(row):
            if cell is None:
                if not claimed[i][j]:
                    tds.append("<td></td>")
                continue
            cs = 1
            while j + cs < width and grid[i][j + cs] is None and not claimed[i][j + cs]:
                claimed[i][j + cs] = True
                cs += 1
            rs = 1
            while i + rs < len(grid) and all(grid[i + rs][j + d] is None and not claimed[i + rs][j + d] for d in range(cs)):
                for d in range(cs):
                    claimed[i + rs][j + d] = True
                rs += 1
            text = cell.replace("\n", "<br>")
            tds.append(f"<td rowspan=\"{rs}\" colspan=\"{cs}\">{text}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    return "\n".join(out + ["</table>"])


def _t4(doc: Document, table: Table) -> bool:
    return table is doc.tables[-1] and len(table.rows[-1]) == 15


def _generic(n_table: int):
    word = "数据" if n_table % 2 == 0 else "列"
    return lambda cells: [f"{word}{i + 1}" for i in range(len(cells))]


def render(doc: Document, style: str) -> str:
    """The document as a converter of ``style`` writes it."""
    lines: list[str] = []
    tables = doc.tables
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            lines += [_paragraph(block.text), ""]
            continue
        ti, rows = tables.index(block), block.rows
        if style == "pipe":
            lines += _table_pipe(rows)
        elif style == "rows_generic":
            lines += _per_row(rows, _generic(ti))
        elif style == "rows_as_header":
            lines += _per_row(rows, lambda cells: None)
        elif style == "rows_foreign_header":
            foreign = ["" if c is None else c for c in tables[ti - 1].rows[0]] if ti else None
            lines += _per_row(rows, (lambda cells, f=foreign: f) if foreign else _generic(ti))
        elif style == "label_own_line":
            lines += _label_own_line(rows)
        elif style == "paged":
            lines += _paged(rows, ti, _t4(doc, block))
        elif style in ("unlabeled", "unlabeled_alternate"):
            lines += _unlabeled(rows, alternate=style == "unlabeled_alternate")
        elif style == "html" and _t4(doc, block):  # 表四's header rows in a table of their own
            lines += [_html(rows[:-1]), "", _html(rows[-1:])]
        elif style == "html":
            lines.append(_html(rows))
        else:
            raise ValueError(style)
        lines.append("")
    return "\n".join(lines)


def build(fixture, style: str) -> str:
    return render(read_document(fixture), style)
