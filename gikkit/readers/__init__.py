"""Readers turn a file into a neutral :class:`~gikkit.document.Document`, one reader per format.

A reader is any object with ``name``, ``extensions``, ``sniff(head: bytes) -> bool`` and
``read(path) -> Document``. The format is sniffed from the content first and the extension
second, so a PDF saved as ``.txt`` is still read as a PDF. Adding a format is one new module
that calls :func:`register`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..document import Document
from ..errors import UnknownFormatError, UnreadableFileError

HEAD_BYTES = 8192


class Reader(Protocol):
    name: str
    extensions: tuple[str, ...]

    def sniff(self, head: bytes) -> bool: ...

    def read(self, path: Path) -> Document: ...


_READERS: list[Reader] = []


def register(reader: Reader) -> Reader:
    """Add a reader. Readers registered first are sniffed first."""
    _READERS.append(reader)
    return reader


def readers() -> list[Reader]:
    return list(_READERS)


def reader_for(path: str | Path) -> Reader:
    """The reader for ``path``, chosen by content, then by extension."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(HEAD_BYTES)
    except FileNotFoundError:
        raise UnreadableFileError(path, "no such file") from None
    except IsADirectoryError:
        raise UnreadableFileError(path, "is a directory, not a file") from None
    except OSError as e:
        raise UnreadableFileError(path, f"cannot open: {e.strerror or e}") from None
    if not head.strip():
        raise UnreadableFileError(path, "the file is empty")
    for reader in _READERS:
        if reader.sniff(head):
            return reader
    known = ", ".join(r.name for r in _READERS)
    raise UnknownFormatError(path, f"not a file of any kind gikkit reads ({known})")


def read_document(path: str | Path) -> Document:
    """Read ``path`` with the reader its content calls for."""
    return reader_for(path).read(Path(path))


# Registration order is sniffing order: binary signatures before text.
from . import text as _text  # noqa: E402,F401  (registers itself)
