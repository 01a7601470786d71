"""HTML reader: a report page as saved from a government site.

The article sits inside site chrome (menus, breadcrumbs, footer, scripts). Rather than trusting
class names, which differ from site to site, the article is taken to be the smallest element
holding every table of figures; prose and tables are then read from it in order. Tables keep
their rowspan/colspan structure (see :mod:`gikkit.readers.grid`); cell text split across
``<span>``s is joined, ``<p>``s inside a cell become lines, ``&nbsp;`` and ``<o:p></o:p>`` blanks
become ``""``. Title and publication date: :mod:`.html_meta`. The page is parsed into an lxml tree and
walked once for prose (:mod:`.html_tree` keeps the text rules of the BeautifulSoup tree this
reader was first written on, at a fifth of the cost).
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from pathlib import Path

from lxml import etree

from ..document import Document, Paragraph, Table
from ..errors import UnreadableFileError
from ..limits import HTML_BYTES, HTML_DEPTH, megabytes, refuse
from ..values import CACHED_LENGTH, OK, parse_value, parsed_str
from . import register
from .encoding import declared_html_charset, decode
from .grid import CellBudget, GridBuilder, TableTooLarge, cell_text, span
from .html_meta import page_title, published_date
from .html_tree import ASCII_SPACES, PRESERVE, QUIET, deeper_than, flags, get_text, parse_tree, plain

SKIP = {"script", "style", "noscript", "nav", "template", "iframe", "head", "object", "svg", "canvas",
        "button", "select", "textarea", "map", "embed", "title"}
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "main",
          "blockquote", "pre", "center", "header", "footer", "aside", "dd", "dt", "dl", "address", "figure",
          "figcaption", "form", "fieldset", "hr", "br", "tr", "td", "th", "caption", "table", "tbody", "thead", "tfoot"}
_HTML_HEAD = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|table|div|p)\b", re.I)
_BREAK = "\x1e"  # a hard line break inside collected text, kept apart from source whitespace
_SOURCE_NEWLINE = re.compile(r"\s*[\r\n]\s*")
_BUDGET: ContextVar[CellBudget] = ContextVar("cell_budget")  # the cells the page being parsed may still fill
ARTICLE_SHARE = 0.8  # of the figures in the page's tables that the article must hold
MIN_CONTAINER_TEXT = 50  # characters of prose besides the tables that make an element the article


def _source_text(s: str) -> str:
    """Source text with its layout whitespace folded as a browser would, minus spaces between CJK."""
    if "\n" not in s and "\r" not in s and "\t" not in s and "  " not in s:
        return s  # nothing to fold (most text runs): the substitutions below would return it unchanged
    def join(m):
        before, after = m.string[m.start() - 1: m.start()], m.string[m.end(): m.end() + 1]
        return "" if (before and ord(before) > 0x2e80) and (after and ord(after) > 0x2e80) else " "
    s = _SOURCE_NEWLINE.sub(join, s)
    return re.sub(r"[ \t]+", " ", s)


def _text(text: str, pre: bool) -> str:
    return _source_text(plain(text, pre))


def _collect(node, out: list[str], quiet: bool, pre: bool) -> None:
    """Text of ``node``'s content; block boundaries and ``<br>`` become hard breaks."""
    if node.text and not quiet:
        out.append(_text(node.text, pre))
    for child in node:
        tag = child.tag
        if type(tag) is str and tag not in SKIP:  # not a comment or processing instruction
            block = tag in BLOCKS
            if block:
                out.append(_BREAK)
            if tag == "table":
                out.append(_BREAK.join(" ".join(c or "" for c in row) for row in _grid(child, quiet, pre)))
            else:
                _collect(child, out, quiet or tag in QUIET, pre or tag in PRESERVE)
            if block:
                out.append(_BREAK)
        if child.tail and not quiet:
            out.append(_text(child.tail, pre))


def _text_lines(node, quiet: bool, pre: bool) -> list[str]:
    out: list[str] = []
    _collect(node, out, quiet, pre)
    return "".join(out).split(_BREAK)


def _own_rows(table, quiet: bool, pre: bool) -> list[tuple]:
    """The table's rows (with their text flags), not those of tables nested inside its cells; in page order."""
    if table.find(".//table") is None and next(table.iter(*QUIET, *PRESERVE), None) is None:
        return [(tr, quiet, pre) for tr in table.iter("tr")]  # the usual table: every row its own, no flag changes
    rows = []
    stack = [(child, quiet, pre) for child in reversed(table)]
    while stack:
        el, q, p = stack.pop()
        tag = el.tag
        if type(tag) is not str or tag == "table":
            continue
        if tag == "tr":
            rows.append((el, q, p))
        q, p = q or tag in QUIET, p or tag in PRESERVE
        stack.extend((child, q, p) for child in reversed(el))
    return rows


# Elements inside a cell that change how its text is read: skipped, quiet or preformatted text, a nested table.
_SPECIAL_IN_CELL = frozenset(SKIP | QUIET | PRESERVE | {"table"})
_TEXT_RUNS = etree.XPath(".//text()", smart_strings=False)  # a cell's text runs (not comments), in document order
# Characters that folding, line splitting or cell_text's trimming would act on inside a run of text.
_NEEDS_FOLDING = re.compile("[ \t\n\r\u00a0\u3000\u200b" + _BREAK + "]")


def _cell(td, quiet: bool, pre: bool) -> str:
    """A cell's text: exactly ``cell_text(_text_lines(td, quiet, pre))``, without that walk for the usual cell.

    Most cells are plain (``<td><p><span>12</span></p></td>``): nothing inside skips, quiets or
    preformats text, and no table is nested. Their text runs read as :func:`_collect` reads them,
    and a block boundary only splits a line between two runs with text in them: a run of ASCII
    spaces only becomes one space, which trimming the line removes. So a plain cell with one
    such run at most, or with no block element inside, is read from its runs alone.
    """
    if quiet or pre:
        return cell_text(_text_lines(td, quiet, pre))
    tags, filled = set(), []  # the tags inside; the runs with more than ASCII spaces (order kept only for one)
    run = td.text
    if run and run.strip(ASCII_SPACES):
        filled.append(run)
    for el in td.iterdescendants():
        tag = el.tag
        if tag in _SPECIAL_IN_CELL:
            return cell_text(_text_lines(td, quiet, pre))
        tags.add(tag)
        run = el.text if type(tag) is str else None  # a comment's text is no page text; its tail is
        if run and run.strip(ASCII_SPACES):
            filled.append(run)
        run = el.tail
        if run and run.strip(ASCII_SPACES):
            filled.append(run)
    if len(filled) == 1:
        run = filled[0]
        # nothing to fold, split or trim inside: what folding and cell_text leave is the run, stripped
        return run.strip() if not _NEEDS_FOLDING.search(run) else cell_text(_text(run, False).split(_BREAK))
    if not filled:
        return ""
    if tags.isdisjoint(BLOCKS):  # one line of runs, joined as _collect joins them (in document order)
        return cell_text("".join(_text(t, False) for t in _TEXT_RUNS(td)).split(_BREAK))
    return cell_text(_text_lines(td, quiet, pre))


def _grid(table, quiet: bool = False, pre: bool = False) -> list[list[str | None]]:
    builder = GridBuilder(_BUDGET.get(None))
    for tr, q, p in _own_rows(table, quiet, pre):
        builder.add_row([(_cell(td, q, p), span(td.get("rowspan")), span(td.get("colspan")))
                         for td in tr if td.tag == "td" or td.tag == "th"])
    return builder.grid()


def fragment_grids(fragment: str) -> list[list[list[str | None]]]:
    """The grids of the innermost ``<table>``s of an HTML fragment (for HTML tables inside Markdown)."""
    root = parse_tree(fragment)
    if root is None:
        return []
    return [_grid(t, *flags(t)) for t in root.iter("table") if t.find(".//table") is None]


def _numbers(grid: list[list[str | None]]) -> int:
    cells = [c for row in grid for c in row if c]
    # a plain short cell's answer is remembered (parsed_str): asked directly, without parse_value's keywords
    return sum(1 for c in cells if (parsed_str(c, "decimal", None) if type(c) is str and len(c) <= CACHED_LENGTH
                                    else parse_value(c, kind="decimal")).status == OK)


def _data_tables(root) -> dict:
    """Innermost tables holding figures, as ``{table: (grid, figures)}``.

    Layout tables hold other tables and chrome tables (link lists) hold no figures; both are
    read as prose instead.
    """
    out = {}
    for table in root.iter("table"):
        if table.find(".//table") is not None:
            continue
        grid = _grid(table, *flags(table))
        figures = _numbers(grid)
        if figures and sum(len(r) for r in grid) >= 2:
            out[table] = (grid, figures)
    return out


def _article(body, tables: dict):
    """The element holding the report: the smallest holding most of the page's figures.

    Starting from the table with the most figures, climb until the element holds
    ``ARTICLE_SHARE`` of every figure in the page's tables (a calendar or a statistics widget in
    the sidebar stays out), then while it holds little besides its tables.
    """
    if not tables:
        return body
    counts = {table: figures for table, (_, figures) in tables.items()}
    total = sum(counts.values())
    node = max(counts, key=counts.get).getparent()
    if node is None:
        node = body
    while node is not body and node.getparent() is not None:
        inside = sum(counts.get(t, 0) for t in node.iter("table"))
        if inside >= ARTICLE_SHARE * total:
            break
        node = node.getparent()
    lengths: dict = {}  # text length of each table, measured once however often the climb passes it
    while node is not body and node.getparent() is not None:
        table_text = sum(lengths.get(t) or lengths.setdefault(t, len(get_text(t))) for t in node.iter("table")
                         if t is not node)
        if len(get_text(node)) - table_text >= MIN_CONTAINER_TEXT:
            break
        node = node.getparent()
    return node


def _walk(node, grids: dict, blocks: list, buf: list[str], quiet: bool, pre: bool) -> None:
    """Paragraphs and tables of ``node`` in reading order; text waits in ``buf`` until a table or the end."""
    if node.text and not quiet:
        buf.append(_text(node.text, pre))
    for child in node:
        tag = child.tag
        if type(tag) is str and tag not in SKIP:
            if child in grids:
                _flush(buf, blocks)
                blocks.append(Table(grids[child][0]))
            else:
                block = tag in BLOCKS
                if block:
                    buf.append(_BREAK)
                _walk(child, grids, blocks, buf, quiet or tag in QUIET, pre or tag in PRESERVE)
                if block:
                    buf.append(_BREAK)
        if child.tail and not quiet:
            buf.append(_text(child.tail, pre))


def _flush(buf: list[str], blocks: list) -> None:
    for line in "".join(buf).split(_BREAK):
        text = cell_text([line])
        if text:
            blocks.append(Paragraph(text))
    buf.clear()


def parse_html(text: str, source: str) -> Document:
    """Read HTML text into a :class:`Document` (used for files, and for Word's HTML in other readers).

    Elements nested past HTML_DEPTH and tables past the cell limits of :mod:`.grid` are refused
    (:class:`~gikkit.errors.LimitExceededError`).
    """
    root = parse_tree(text)
    if root is None:  # nothing but text-free markup (or nothing): no elements, no text
        return Document(source=source, format="html", blocks=[], title=None, published=None)
    if deeper_than(root, HTML_DEPTH):
        raise refuse(source, f"elements nested more than {HTML_DEPTH} deep (a real page nests a few dozen): "
                             "damaged or built to break readers")
    token = _BUDGET.set(CellBudget())
    try:
        body = next(root.iter("body"), None)
        if body is None:
            body = root
        tables = _data_tables(body)
        article = _article(body, tables)
        blocks: list[Paragraph | Table] = []
        buf: list[str] = []
        _walk(article, tables, blocks, buf, *flags(article))
        _flush(buf, blocks)
    except TableTooLarge as e:
        raise refuse(source, str(e)) from None
    finally:
        _BUDGET.reset(token)
    return Document(source=source, format="html", blocks=blocks, title=page_title(root), published=published_date(root))


class HtmlReader:
    name = "html"
    extensions = (".html", ".htm", ".shtml", ".xhtml")
    signature = None

    def sniff(self, head: bytes) -> bool:
        if b"\x00" in head[:64]:  # UTF-16 HTML: look at its ASCII bytes only
            head = head.replace(b"\x00", b"")
        start = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")[:1024]
        return start.startswith(b"<") and bool(_HTML_HEAD.search(start))

    def read(self, path: Path) -> Document:
        try:
            if path.stat().st_size > HTML_BYTES:
                raise refuse(path, f"a web page of more than {megabytes(HTML_BYTES)} (a real report's is under 1 MB)")
            data = path.read_bytes()
        except OSError as e:
            raise UnreadableFileError(path, f"cannot open: {e.strerror or e}") from None
        text, encoding = decode(data, path, declared=declared_html_charset(data))
        doc = parse_html(text, str(path))
        if encoding not in ("utf-8", "utf-8-sig"):
            doc.notes.append(f"decoded as {encoding}")
        return doc


register(HtmlReader())
