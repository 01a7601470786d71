"""DOCX reader: Word files, the official template filled in among them.

Read straight from ``word/document.xml`` rather than through python-docx's cell API, because
that API repeats a merged cell's text in every position it covers; here a merged cell's text
sits once, at its top-left, and covered positions are ``None`` (``w:gridSpan`` across,
``w:vMerge`` down). Cells holding only full-width spaces are blank (``""``); a header that
wraps inside its cell ("商业" / "企业") keeps its lines. Paragraphs and tables come in body order.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from ..document import Document, Paragraph, Table
from ..errors import UnknownFormatError, UnreadableFileError
from . import register
from .grid import cell_text, span

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
# Containers whose children belong to the body (or to a row) as if they were not there.
_TRANSPARENT = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins"}
MAX_XML_BYTES = 200_000_000  # a zip bomb must not exhaust memory


def _run_text(p) -> str:
    """Text of one paragraph: text runs, tabs, breaks; deleted text and fallback drawings skipped."""
    parts = []
    for el in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen", MC_FALLBACK):
        if el.tag == MC_FALLBACK:
            continue
        if any(a.tag == MC_FALLBACK for a in el.iterancestors()):
            continue  # the same text box again, for old Word versions
        if el.tag == W + "t":
            parts.append(el.text or "")
        elif el.tag == W + "tab":
            parts.append("\t")
        elif el.tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _children(el, wanted: str):
    """Children with tag ``wanted``, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == wanted:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _children(child, wanted)


def _cell_lines(el) -> list[str]:
    """Lines of a cell: its paragraphs, and the rows of any table nested in it, in order."""
    lines = []
    for child in el:
        if child.tag == W + "p":
            lines.extend(_run_text(child).split("\n"))
        elif child.tag == W + "tbl":
            lines.extend(" ".join(c for c in row if c) for row in _grid(child))
        elif child.tag in _TRANSPARENT:
            lines.extend(_cell_lines(child))
    return lines


def _cell_props(tc) -> tuple[int, str | None]:
    """``(grid span, vMerge)`` where vMerge is "restart", "continue" or ``None``."""
    pr = tc.find(W + "tcPr")
    if pr is None:
        return 1, None
    gs = pr.find(W + "gridSpan")
    vm = pr.find(W + "vMerge")
    merge = None if vm is None else (vm.get(W + "val") or "continue")
    return span(gs.get(W + "val") if gs is not None else None), merge


def _grid(tbl) -> list[list[str | None]]:
    rows: list[list[str | None]] = []
    for tr in _children(tbl, W + "tr"):
        row: list[str | None] = []
        pr = tr.find(W + "trPr")
        before = pr.find(W + "gridBefore") if pr is not None else None
        if before is not None:
            row.extend([None] * span(before.get(W + "val"), default=0))
        for tc in _children(tr, W + "tc"):
            width, merge = _cell_props(tc)
            text = None if merge == "continue" else cell_text(_cell_lines(tc))
            row.append(text)
            row.extend([None] * (width - 1))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [None] * (width - len(r)) for r in rows]


def _blocks(body) -> list[Paragraph | Table]:
    blocks: list[Paragraph | Table] = []
    for el in body:
        if el.tag == W + "p":
            for line in _run_text(el).split("\n"):
                text = cell_text([line])
                if text:
                    blocks.append(Paragraph(text))
        elif el.tag == W + "tbl":
            blocks.append(Table(_grid(el)))
        elif el.tag in _TRANSPARENT:
            blocks.extend(_blocks(el))
    return blocks


def _xml(zf: zipfile.ZipFile, name: str, path: Path):
    info = zf.getinfo(name)
    if info.file_size > MAX_XML_BYTES:
        raise UnreadableFileError(path, f"{name} is implausibly large ({info.file_size} bytes)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, recover=True)
    data = zf.read(name).replace(STRICT_W, W[1:-1].encode())  # "Strict Open XML" files name W differently
    root = etree.fromstring(data, parser)
    if root is None:
        raise UnreadableFileError(path, f"{name} inside the .docx is not readable XML")
    return root


def read_docx(path: Path) -> Document:
    """Read a .docx file into a :class:`Document`."""
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise UnreadableFileError(path, "a broken or truncated zip archive, not a readable .docx") from None
    except OSError as e:
        raise UnreadableFileError(path, f"cannot open: {e.strerror or e}") from None
    with zf:
        names = set(zf.namelist())
        if "word/document.xml" not in names:
            raise UnknownFormatError(path, "a zip archive, but not a Word .docx (no word/document.xml inside)")
        try:
            root = _xml(zf, "word/document.xml", path)
            title = None
            if "docProps/core.xml" in names:
                el = _xml(zf, "docProps/core.xml", path).find(DC_TITLE)
                title = (el.text or "").strip() or None if el is not None else None
        except (zipfile.BadZipFile, EOFError, OSError, KeyError) as e:
            raise UnreadableFileError(path, f"a damaged .docx: {e}") from None
        except etree.XMLSyntaxError as e:
            raise UnreadableFileError(path, f"word/document.xml is not well-formed XML: {e}") from None
    body = root.find(W + "body")
    blocks = _blocks(body) if body is not None else []
    return Document(source=str(path), format="docx", blocks=blocks, title=title)


class DocxReader:
    name = "docx"
    extensions = (".docx", ".docm", ".dotx")
    signature = "a Word .docx file (a zip archive)"

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06")

    def read(self, path: Path) -> Document:
        return read_docx(path)


register(DocxReader())
