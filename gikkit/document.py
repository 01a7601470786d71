"""The neutral document every reader produces: paragraphs and tables in reading order.

Readers know file formats; the recognizer knows report layouts; this is the only thing they share.
A table is a grid of cell text as printed. A cell is ``None`` where a merged cell covers that
position and ``""`` where a real cell is empty, so the recognizer can tell the two apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str


@dataclass
class Table:
    rows: list[list[str | None]]
    page: int | None = None


@dataclass
class Document:
    """What a reader found in one file."""

    source: str
    format: str
    blocks: list[Paragraph | Table] = field(default_factory=list)
    title: str | None = None  # the page or document title, when the format has one
    published: str | None = None  # a publication date given outside the text (ISO), if any
    notes: list[str] = field(default_factory=list)  # what the reader had to guess (encoding...)
    findings: list = field(default_factory=list)  # Findings the reader itself raised (numbers it could not split)
    # The reader saw no radical code point in the file's whole text, so readers.radicals has nothing to fold
    radical_free: bool = False

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
