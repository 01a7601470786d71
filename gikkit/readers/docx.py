"""DOCX reader: Word files, the official template filled in among them.

Read straight from ``word/document.xml`` rather than through python-docx's cell API, because
that API repeats a merged cell's text in every position it covers; here a merged cell's text
sits once, at its top-left, and covered positions are ``None`` (``w:gridSpan`` across,
``w:vMerge`` down). Cells holding only full-width spaces are blank (``""``); a header that
wraps inside its cell ("商业" / "企业") keeps its lines. Paragraphs and tables come in body order.

Hostile archives are bounded (:mod:`gikkit.limits`): a member is inflated no further than
DOCX_MEMBER_BYTES, containers nested past NESTING_DEPTH and tables past the cell limits are refused,
and a member that is encrypted, damaged or packed with a method Word does not use gets its own reason.
"""
from __future__ import annotations

import zipfile
import zlib
from contextvars import ContextVar
from pathlib import Path

from lxml import etree

from ..document import Document, Paragraph, Table
from ..errors import UnknownFormatError, UnreadableFileError
from ..limits import DOCX_MEMBER_BYTES, NESTING_DEPTH, TABLE_CELLS, megabytes, refuse
from . import register
from .grid import CellBudget, TableTooLarge, cell_text, span

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
# Containers whose children belong to the body (or to a row) as if they were not there.
_BUDGET: ContextVar[CellBudget] = ContextVar("docx_cell_budget")  # cells the document being read may still fill
_TRANSPARENT = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins"}


_T, _TAB, _HYPHEN, _BREAKS = W + "t", W + "tab", W + "noBreakHyphen", (W + "br", W + "cr")
_P, _TBL, _TR, _TC, _VAL = W + "p", W + "tbl", W + "tr", W + "tc", W + "val"  # built once, compared per element
_TEXT_TAGS = (_T, _TAB, _HYPHEN, *_BREAKS, MC_FALLBACK)


def _run_text(p) -> str:
    """Text of one paragraph: text runs, tabs, breaks; deleted text and fallback drawings skipped."""
    parts = []
    # lxml's own walk (in C) over only the tags that give text, in document order as the walk below;
    # a paragraph with a Fallback (rare) takes the walk below, which skips what is under it
    for el in p.iter(*_TEXT_TAGS):
        tag = el.tag
        if tag == _T:
            parts.append(el.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _HYPHEN:
            parts.append("-")
        elif tag == MC_FALLBACK:
            return _walked_text(p)
        else:
            parts.append("\n")
    return "".join(parts)


def _walked_text(p) -> str:
    """:func:`_run_text` by a walk of our own: nothing under a Fallback is visited."""
    parts = []
    stack = list(reversed(p))  # a walk of our own: nothing under a Fallback is visited (no ancestor look-ups)
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == MC_FALLBACK:
            continue  # the same text box again, for old Word versions
        if tag == W + "t":
            parts.append(el.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        stack.extend(reversed(el))
    return "".join(parts)


class _TooDeep(Exception):
    """Containers nested past NESTING_DEPTH; read_docx turns it into an error naming the file."""


def _deeper(depth: int) -> int:
    if depth >= NESTING_DEPTH:
        raise _TooDeep
    return depth + 1


def _children(el, wanted: str, depth: int = 0):
    """Children with tag ``wanted``, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == wanted:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _children(child, wanted, _deeper(depth))


def _cell_lines(el, depth: int) -> list[str]:
    """Lines of a cell: its paragraphs, and the rows of any table nested in it, in order."""
    lines = []
    for child in el:
        if child.tag == _P:
            lines.extend(_run_text(child).split("\n"))
        elif child.tag == _TBL:
            lines.extend(" ".join(c for c in row if c) for row in _grid(child, _deeper(depth)))
        elif child.tag in _TRANSPARENT:
            lines.extend(_cell_lines(child, _deeper(depth)))
    return lines


_TC_PR, _GRID_SPAN, _V_MERGE = W + "tcPr", W + "gridSpan", W + "vMerge"
_TR_PR, _GRID_BEFORE = W + "trPr", W + "gridBefore"


def _first(el, tag: str):
    """``el.find(tag)`` for a plain tag, without ElementPath's per-call overhead: the first such child."""
    return next(el.iterchildren(tag), None)  # filtered in C: no proxy object per child passed over


class _Marks:
    """The few cells and rows of a document that carry a span or merge mark, found in one pass (in C)
    over the whole document, rather than by looking into the properties of every cell and row.

    Holds what ``find`` would give: a cell's first ``tcPr``'s first ``gridSpan`` and ``vMerge``, a
    row's first ``trPr``'s first ``gridBefore``. (lxml gives one Python object per element while it is
    referenced, so the elements key the dictionaries.)
    """

    def __init__(self, root):
        self.cells: dict = {}  # tc -> (gridSpan or None, vMerge or None)
        self.rows: dict = {}  # tr -> gridBefore
        for el in root.iter(_GRID_SPAN, _V_MERGE, _GRID_BEFORE):
            pr = el.getparent()
            owner = pr.getparent() if pr is not None else None
            if owner is None or _first(pr, el.tag) is not el:
                continue
            if el.tag == _GRID_BEFORE:
                if pr.tag == _TR_PR and owner.tag == _TR and _first(owner, _TR_PR) is pr:
                    self.rows[owner] = el
            elif pr.tag == _TC_PR and owner.tag == _TC and _first(owner, _TC_PR) is pr:
                gs, vm = self.cells.get(owner, (None, None))
                self.cells[owner] = (el, vm) if el.tag == _GRID_SPAN else (gs, el)


_MARKS: ContextVar[_Marks] = ContextVar("docx_marks")  # the marks of the document being read


def _cell_props(tc, marks: _Marks | None = None) -> tuple[int, str | None]:
    """``(grid span, vMerge)`` where vMerge is "restart", "continue" or ``None``."""
    if marks is not None:
        gs, vm = marks.cells.get(tc, (None, None))
    else:
        pr = _first(tc, _TC_PR)
        if pr is None:
            return 1, None
        gs = _first(pr, _GRID_SPAN)
        vm = _first(pr, _V_MERGE)
    merge = None if vm is None else (vm.get(_VAL) or "continue")
    return (1 if gs is None else span(gs.get(_VAL))), merge  # span(None) is 1


def _grid(tbl, depth: int = 0) -> list[list[str | None]]:
    rows: list[list[str | None]] = []
    budget, cells = _BUDGET.get(None) or CellBudget(), 0
    marks = _MARKS.get(None)
    for tr in _children(tbl, _TR, depth):
        row: list[str | None] = []
        if marks is not None:
            before = marks.rows.get(tr)
        else:
            pr = _first(tr, _TR_PR)
            before = _first(pr, _GRID_BEFORE) if pr is not None else None
        if before is not None:
            row.extend([None] * span(before.get(_VAL), default=0))
        for tc in _children(tr, _TC, depth):
            width, merge = _cell_props(tc, marks)
            text = None if merge == "continue" else cell_text(_cell_lines(tc, _deeper(depth)))
            row.append(text)
            row.extend([None] * (width - 1))
            if len(row) > TABLE_CELLS:
                raise TableTooLarge(f"a table row of more than {TABLE_CELLS:,} cells")
        rows.append(row)
        cells += len(row)
        budget.spend(cells, len(row))
    width = max((len(r) for r in rows), default=0)
    budget.spend(width * len(rows), width * len(rows) - cells)  # the padding of short rows counts too
    return [r + [None] * (width - len(r)) for r in rows]


def _blocks(body, depth: int = 0) -> list[Paragraph | Table]:
    blocks: list[Paragraph | Table] = []
    for el in body:
        if el.tag == _P:
            for line in _run_text(el).split("\n"):
                text = cell_text([line])
                if text:
                    blocks.append(Paragraph(text))
        elif el.tag == _TBL:
            blocks.append(Table(_grid(el)))
        elif el.tag in _TRANSPARENT:
            blocks.extend(_blocks(el, _deeper(depth)))
    return blocks


def _member(zf: zipfile.ZipFile, name: str, path: Path) -> bytes:
    """The inflated bytes of one member, read no further than DOCX_MEMBER_BYTES whatever its header claims."""
    try:
        with zf.open(name) as f:
            data = f.read(DOCX_MEMBER_BYTES + 1)
    except NotImplementedError:  # before RuntimeError, of which it is a kind
        raise UnreadableFileError(path, f"{name} inside the .docx is packed with a compression method Word "
                                        "does not use (e.g. Deflate64 or AES): damaged, or not a Word file") from None
    except RuntimeError as e:  # zipfile's word for a member flagged as encrypted
        if "encrypted" in str(e) or "password" in str(e):
            raise UnreadableFileError(path, f"{name} inside the .docx is encrypted (password-protected): "
                                            "save the document without a password first") from None
        raise
    except (zlib.error, EOFError) as e:
        raise UnreadableFileError(path, f"{name} inside the .docx is damaged (its compressed data is broken: {e})") from None
    if len(data) > DOCX_MEMBER_BYTES:
        raise refuse(path, f"{name} inside the .docx inflates to more than {megabytes(DOCX_MEMBER_BYTES)} "
                           "(a real report's is under 2 MB): a zip bomb or not a report")
    return data


def _xml(zf: zipfile.ZipFile, name: str, path: Path):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, recover=True)
    data = _member(zf, name, path).replace(STRICT_W, W[1:-1].encode())  # "Strict Open XML" files name W differently
    root = etree.fromstring(data, parser)
    if root is None:
        raise UnreadableFileError(path, f"{name} inside the .docx is not readable XML")
    return root


def read_docx(path: Path) -> Document:
    """Read a .docx file into a :class:`Document`."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
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
    token, marks = _BUDGET.set(CellBudget()), _MARKS.set(_Marks(root))
    try:
        blocks = _blocks(body) if body is not None else []
    except _TooDeep:
        raise refuse(path, f"tables or content controls nested more than {NESTING_DEPTH} deep "
                           "(a real report nests a few): damaged or built to break readers") from None
    except TableTooLarge as e:
        raise refuse(path, str(e)) from None
    finally:
        _BUDGET.reset(token)
        _MARKS.reset(marks)
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
