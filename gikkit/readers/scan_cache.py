"""The OCR cache: what OCR read from a scanned PDF, kept by the file's content hash, so a scan is OCR'd once.

Kept as JSON under the user's cache folder (``$XDG_CACHE_HOME/gikkit/ocr``, ``~/.cache`` when
unset), one file per PDF, keyed by the SHA-256 of its bytes, the resolution and the OCR engine's
version: the same scan under another name is a hit, an edited one is not. Written atomically
(a temporary file renamed), so parallel readers never see half a file; a damaged entry is a miss.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from .pdf_tables import PdfTable
from .pdf_text import Line

CHUNK = 1 << 20


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "gikkit" / "ocr"


def key(path: Path, dpi: float, version: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return hashlib.sha256(f"{digest.hexdigest()}|{dpi}|{version}".encode()).hexdigest()


def load(key: str) -> dict | None:
    """The cached pages (page number as text -> page), or None."""
    try:
        with open(cache_dir() / f"{key}.json", encoding="utf-8") as f:
            data = json.load(f)
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def store(key: str, pages: dict) -> None:
    """Write the cache entry; a cache folder that cannot be written only costs the next read its time."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(pages, f, ensure_ascii=False)
        os.replace(tmp, folder / f"{key}.json")
    except OSError:
        pass


def _cell(c):
    source = getattr(c, "source", None)
    return {"text": str(c), "source": source} if source else c


def dump_page(tables: list[PdfTable], lines: list[Line]) -> dict:
    return {"tables": [{"page": t.page, "bbox": list(t.bbox), "rows": [[_cell(c) for c in r] for r in t.rows]} for t in tables],
            "lines": [asdict(ln) for ln in lines]}


def load_page(page: dict, sourced) -> tuple[list[PdfTable], list[Line]]:
    """A cached page back as tables and lines; figures come back as ``sourced(text, source)``."""
    def cell(c):
        return sourced(c["text"], c["source"]) if isinstance(c, dict) else c

    tables = [PdfTable(t["page"], tuple(t["bbox"]), [[cell(c) for c in r] for r in t["rows"]]) for t in page["tables"]]
    return tables, [Line(**ln) for ln in page["lines"]]
