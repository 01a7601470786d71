"""Readers turn a file into a neutral :class:`~gikkit.document.Document`, one reader per format.

A reader is any object with ``name``, ``extensions``, ``signature`` (what a binary format's
content starts with, for error messages; ``None`` for text formats), ``sniff(head: bytes) -> bool``
and ``read(path) -> Document``. The format is sniffed from the content first and the extension
second, so a PDF saved as ``.txt`` is still read as a PDF. Adding a format is one new module
that calls :func:`register`.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Protocol

from ..document import Document
from ..errors import UnknownFormatError, UnreadableFileError
from ..limits import FILE_BYTES, megabytes, refuse

HEAD_BYTES = 8192


class Reader(Protocol):
    name: str
    extensions: tuple[str, ...]
    signature: str | None  # what the content of a binary format starts with ("a zip archive"), None for text

    def sniff(self, head: bytes) -> bool: ...

    def read(self, path: Path) -> Document: ...


_READERS: list[Reader] = []
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office files (.doc, .xls, .wps)


def register(reader: Reader) -> Reader:
    """Add a reader. Readers registered first are sniffed first."""
    _READERS.append(reader)
    return reader


def readers() -> list[Reader]:
    return list(_READERS)


def not_regular(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file (``None`` when it is)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a regular file: not read, since opening it could wait for ever"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file, not a regular file: not read"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file: not read"
    return "not a regular file: not read"


def _head(path: Path) -> bytes:
    # Only regular files are opened: open() on a FIFO blocks until a writer comes, a device can
    # stream for ever. So look first (os.stat follows links), then open.
    try:
        st = os.stat(path)
        kind = not_regular(st.st_mode)
        if kind is not None:
            raise UnreadableFileError(path, kind)
        if st.st_size > FILE_BYTES:
            raise refuse(path, f"{megabytes(st.st_size)}, more than the {megabytes(FILE_BYTES)} any report file needs")
        with open(path, "rb") as f:
            return f.read(HEAD_BYTES)
    except FileNotFoundError:
        raise UnreadableFileError(path, "a broken link: its target does not exist" if os.path.islink(path)
                                  else "no such file") from None
    except IsADirectoryError:
        raise UnreadableFileError(path, "is a directory, not a file") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise UnreadableFileError(path, "a link that loops back on itself") from None
        raise UnreadableFileError(path, f"cannot open: {e.strerror or e}") from None
    except ValueError as e:  # a path with a NUL byte in it
        raise UnreadableFileError(path, f"not a usable file name: {e}") from None


def reader_for(path: str | Path) -> Reader:
    """The reader for ``path``, chosen by content, then by extension.

    Readers are asked in registration order whether the content is theirs (binary signatures
    first, then Markdown, HTML, text), so a PDF saved as ``.txt`` is still read as a PDF. The
    extension speaks second: a file whose name promises a binary format (``.docx``, ``.pdf``)
    that its content lacks is refused with a message saying so, rather than read as text.
    """
    path = path if isinstance(path, Path) else Path(path)
    head = _head(path)
    if not head.strip():
        raise UnreadableFileError(path, "the file is empty")
    ext = path.suffix.lower()
    claimed = next((r for r in _READERS if ext and ext in r.extensions), None)
    chosen = next((r for r in _READERS if r.sniff(head)), None)
    if chosen is not None:
        if claimed is not None and claimed.signature and chosen is not claimed and chosen.signature is None \
                and chosen.name in ("text", "markdown"):
            raise UnknownFormatError(path, f"named {ext} but is not {claimed.signature}; its content reads as plain text")
        if claimed is not None and claimed.name == "markdown" and chosen.name in ("text", "html"):
            return claimed  # a .md whose first pages are prose (or an HTML table), its Markdown further down
        return chosen
    if head.startswith(_OLE2):
        raise UnknownFormatError(path, "an old binary Office file (.doc/.xls/.wps, OLE2): save it as .docx or PDF first")
    if claimed is not None and claimed.signature:
        raise UnknownFormatError(path, f"named {ext} but is not {claimed.signature}: damaged, or not the kind of file its name says")
    known = ", ".join(r.name for r in _READERS)
    raise UnknownFormatError(path, f"not a file of any kind gikkit reads ({known}): binary data of an unknown kind")


def read_document(path: str | Path) -> Document:
    """Read ``path`` with the reader its content calls for; radical code points folded (see :mod:`.radicals`)."""
    from .radicals import fold_document

    path = path if isinstance(path, Path) else Path(path)  # made once: building a Path costs more than reading a line
    return fold_document(reader_for(path).read(path))


# Registration order is sniffing order: binary signatures before text.
from . import pdf as _pdf  # noqa: E402,F401  (registers itself)
from . import docx as _docx  # noqa: E402,F401
from . import office as _office  # noqa: E402,F401  (.doc/.wps/.rtf via LibreOffice; before text, which RTF would pass for)
from . import markdown as _markdown  # noqa: E402,F401  (before html and text: converters put <table>s in Markdown, and a .txt may hold it)
from . import html as _html  # noqa: E402,F401
from . import text as _text  # noqa: E402,F401
