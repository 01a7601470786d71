"""HTML reader: a report page as saved from a government site.

The article sits inside site chrome (menus, breadcrumbs, footer, scripts). Rather than trusting
class names, which differ from site to site, the article is taken to be the smallest element
holding every table of figures; prose and tables are then read from it in order. Tables keep
their rowspan/colspan structure (see :mod:`gikkit.readers.grid`); cell text split across
``<span>``s is joined, ``<p>``s inside a cell become lines, ``&nbsp;`` and ``<o:p></o:p>`` blanks
become ``""``. The title comes from ``<h1>``/``<title>``, the publication date from the page's
"发布时间：2020-01-20" line or its PubDate meta tag.
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from ..document import Document, Paragraph, Table
from ..errors import UnreadableFileError
from ..limits import HTML_BYTES, HTML_DEPTH, megabytes, refuse
from ..values import OK, parse_value
from . import register
from .encoding import declared_html_charset, decode
from .grid import CellBudget, GridBuilder, TableTooLarge, cell_text, span

SKIP = {"script", "style", "noscript", "nav", "template", "iframe", "head", "object", "svg", "canvas",
        "button", "select", "textarea", "map", "embed", "title"}
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "main",
          "blockquote", "pre", "center", "header", "footer", "aside", "dd", "dt", "dl", "address", "figure",
          "figcaption", "form", "fieldset", "hr", "br", "tr", "td", "th", "caption", "table", "tbody", "thead", "tfoot"}
_HTML_HEAD = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|table|div|p)\b", re.I)
_BREAK = "\x1e"  # a hard line break inside collected text, kept apart from source whitespace
_SOURCE_NEWLINE = re.compile(r"\s*[\r\n]\s*")
_PUBLISHED = re.compile(r"(?:发布|公开|发表|成文)?(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
_PUBDATE_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "publishtime")
_BUDGET: ContextVar[CellBudget] = ContextVar("cell_budget")  # the cells the page being parsed may still fill
ARTICLE_SHARE = 0.8  # of the figures in the page's tables that the article must hold
MIN_CONTAINER_TEXT = 50  # characters of prose besides the tables that make an element the article


def _source_text(s: str) -> str:
    """Source text with its layout whitespace folded as a browser would, minus spaces between CJK."""
    def join(m):
        before, after = m.string[m.start() - 1: m.start()], m.string[m.end(): m.end() + 1]
        return "" if (before and ord(before) > 0x2e80) and (after and ord(after) > 0x2e80) else " "
    s = _SOURCE_NEWLINE.sub(join, s)
    return re.sub(r"[ \t]+", " ", s)


def _collect(node: Tag, out: list[str]) -> None:
    """Text of ``node``'s content; block boundaries and ``<br>`` become hard breaks."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, doctype or processing instruction
                out.append(_source_text(str(child)))
        elif isinstance(child, Tag) and child.name not in SKIP:
            block = child.name in BLOCKS
            if block:
                out.append(_BREAK)
            if child.name == "table":
                out.append(_BREAK.join(" ".join(c or "" for c in row) for row in _grid(child)))
            else:
                _collect(child, out)
            if block:
                out.append(_BREAK)


def _text_lines(node: Tag) -> list[str]:
    out: list[str] = []
    _collect(node, out)
    return "".join(out).split(_BREAK)


def _own_rows(table: Tag) -> list[Tag]:
    """The table's rows, not those of tables nested inside its cells."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _grid(table: Tag) -> list[list[str | None]]:
    builder = GridBuilder(_BUDGET.get(None))
    for tr in _own_rows(table):
        cells = [(cell_text(_text_lines(td)), span(td.get("rowspan")), span(td.get("colspan")))
                 for td in tr.find_all(["td", "th"], recursive=False)]
        builder.add_row(cells)
    return builder.grid()


def _numbers(grid: list[list[str | None]]) -> int:
    return sum(1 for row in grid for c in row if c and parse_value(c, kind="decimal").status == OK)


def _data_tables(root: Tag) -> dict[int, tuple[Tag, list]]:
    """Innermost tables holding figures, as ``{id: (tag, grid)}``.

    Layout tables hold other tables and chrome tables (link lists) hold no figures; both are
    read as prose instead.
    """
    out = {}
    for table in root.find_all("table"):
        if table.find("table") is not None:
            continue
        grid = _grid(table)
        if _numbers(grid) and sum(len(r) for r in grid) >= 2:
            out[id(table)] = (table, grid)
    return out


def _article(body: Tag, tables: dict[int, tuple[Tag, list]]) -> Tag:
    """The element holding the report: the smallest holding most of the page's figures.

    Starting from the table with the most figures, climb until the element holds
    ``ARTICLE_SHARE`` of every figure in the page's tables (a calendar or a statistics widget in
    the sidebar stays out), then while it holds little besides its tables.
    """
    if not tables:
        return body
    counts = {key: _numbers(grid) for key, (_, grid) in tables.items()}
    total = sum(counts.values())
    node = tables[max(counts, key=counts.get)][0].parent or body
    while node is not body and node.parent is not None:
        inside = sum(counts[id(t)] for t in node.find_all("table") if id(t) in counts)
        if inside >= ARTICLE_SHARE * total:
            break
        node = node.parent
    while node is not body and node.parent is not None:
        table_text = sum(len(t.get_text(strip=True)) for t in node.find_all("table"))
        if len(node.get_text(strip=True)) - table_text >= MIN_CONTAINER_TEXT:
            break
        node = node.parent
    return node


def _walk(node: Tag, grids: dict, blocks: list, buf: list[str]) -> None:
    """Paragraphs and tables of ``node`` in reading order; text waits in ``buf`` until a table or the end."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                buf.append(_source_text(str(child)))
        elif isinstance(child, Tag) and child.name not in SKIP:
            if id(child) in grids:
                _flush(buf, blocks)
                blocks.append(Table(grids[id(child)]))
                continue
            block = child.name in BLOCKS
            if block:
                buf.append(_BREAK)
            _walk(child, grids, blocks, buf)
            if block:
                buf.append(_BREAK)


def _flush(buf: list[str], blocks: list) -> None:
    for line in "".join(buf).split(_BREAK):
        text = cell_text([line])
        if text:
            blocks.append(Paragraph(text))
    buf.clear()


def _title(soup: BeautifulSoup) -> str | None:
    candidates = [h.get_text(" ", strip=True) for h in soup.find_all(["h1", "h2"])]
    if soup.title and soup.title.string:
        candidates.append(soup.title.get_text(" ", strip=True))
    for text in candidates:
        if "报告" in text and "年" in text:
            return text
    return candidates[0] if candidates else None


def _published(soup: BeautifulSoup) -> str | None:
    from datetime import date

    found = []
    for meta in soup.find_all("meta"):
        if (meta.get("name") or meta.get("property") or "").lower() in _PUBDATE_META:
            found.append(meta.get("content") or "")
    found.append(soup.get_text(" ", strip=True))
    for text in found:
        m = _PUBLISHED.search(text) or re.match(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
        if m:
            try:
                return date(*map(int, m.groups())).isoformat()
            except ValueError:
                continue
    return None


def _depth(soup: BeautifulSoup) -> int:
    """How deep elements nest, found without recursion (the walks below recurse once per level)."""
    depth, deepest = {id(soup): 0}, 0
    for el in soup.descendants:
        if isinstance(el, Tag):
            d = depth[id(el)] = depth[id(el.parent)] + 1
            deepest = max(deepest, d)
    return deepest


def parse_html(text: str, source: str) -> Document:
    """Read HTML text into a :class:`Document` (used for files, and for Word's HTML in other readers).

    Elements nested past HTML_DEPTH and tables past the cell limits of :mod:`.grid` are refused
    (:class:`~gikkit.errors.LimitExceededError`).
    """
    soup = BeautifulSoup(text, "lxml")
    if _depth(soup) > HTML_DEPTH:
        raise refuse(source, f"elements nested more than {HTML_DEPTH} deep (a real page nests a few dozen): "
                             "damaged or built to break readers")
    token = _BUDGET.set(CellBudget())
    try:
        body = soup.body or soup
        tables = _data_tables(body)
        article = _article(body, tables)
        blocks: list[Paragraph | Table] = []
        buf: list[str] = []
        _walk(article, {k: grid for k, (_, grid) in tables.items()}, blocks, buf)
        _flush(buf, blocks)
    except TableTooLarge as e:
        raise refuse(source, str(e)) from None
    finally:
        _BUDGET.reset(token)
    return Document(source=source, format="html", blocks=blocks, title=_title(soup), published=_published(soup))


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
