"""The index's rows as data, for a site of any size: script chunks for the browser, plain lists without it.

    out/index.html               the first ``FIRST_ROWS`` rows as HTML, the search form, links to the rest
    out/index/rows-0000.js ...   every row, ``CHUNK_ROWS`` a file: ``gikkitIndex.add(0, [[...], ...]);``
    out/index/facets.js          the agencies, years and levels to filter by
    out/index/list-001.html ...  every row as plain HTML, ``LIST_ROWS`` a page (when there are more than the first page)
    out/index/index.js           the search, filters, sort and paging (:file:`templates/site/index.js`)

Pages opened from file:// cannot fetch() their own JSON in Chromium, so rows come as scripts that
the page adds when a reader first needs them (a next page, a sort, a search, a filter). Each of
these files is written only when its bytes change: a re-export after one report changed rewrites
the chunk and the list page holding that report's row (and index.html itself), nothing else.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..review.metrics import level_of
from ..wording import coverage_text
from .convert import TEMPLATES
from .files import write_atomic
from .manifest import PageEntry

FIRST_ROWS = 100    # rows in index.html itself (readable without JavaScript)
CHUNK_ROWS = 500    # rows per script chunk
LIST_ROWS = 1000    # rows per plain list page
INDEX_DIR = "index"
SCRIPT = "index/index.js"
LEVELS = ("province", "city", "county", "township", "department")
LEVEL_WORDS = {"zh": {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇（街道）", "department": "部门"},
               "en": {"province": "Province", "city": "City", "county": "County", "township": "Township",
                      "department": "Department"}}
# the fields of a row, in the order a chunk lists them (the script reads them by these positions)
FIELDS = ("page", "agency", "year", "template", "coverage", "coverage_text", "findings", "errors", "warnings",
          "notes", "source", "level", "pdf")


def index_row(entry: PageEntry) -> list:
    """One report's row: ``FIELDS`` of ``entry``; its level derived from its agency as the review does."""
    sev = entry.severities or {}
    pdf = next((p for p in entry.data or [] if p.endswith(".pdf")), None)
    return [entry.page, entry.agency or entry.source, entry.year, entry.template, entry.coverage,
            coverage_text(entry.coverage) if entry.coverage is not None else "", entry.findings,
            sev.get("error"), sev.get("warning"), sev.get("info"), entry.source,
            level_of(entry.agency) if entry.agency else None, pdf]


def row_dict(row: list) -> dict:
    """A row by field name (for templates and tests)."""
    return dict(zip(FIELDS, row))


def facets(rows: list[list]) -> dict:
    """What the filters offer: every agency (sorted), year (newest first) and level present."""
    agencies = sorted({r[1] for r in rows if r[1]})
    years = sorted({r[2] for r in rows if r[2]}, reverse=True)
    levels = [level for level in LEVELS if any(r[11] == level for r in rows)]
    return {"agencies": agencies, "years": years, "levels": levels}


def _write_if_changed(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


def _remove_beyond(folder: Path, pattern: str, keep: set[str]) -> None:
    """Delete chunk or list files of an earlier, longer index."""
    for path in folder.glob(pattern):
        if path.name not in keep:
            path.unlink(missing_ok=True)


def chunk_name(i: int) -> str:
    return f"{INDEX_DIR}/rows-{i:04d}.js"


def list_name(i: int) -> str:
    return f"{INDEX_DIR}/list-{i + 1:03d}.html"


def write_index_data(out: Path, rows: list[list], render_list) -> dict:
    """Write the chunks, the facets, the plain lists and the script; return what index.html needs to link them.

    ``render_list(rows, number, lists)`` gives the HTML of plain list page ``number`` (1-based).
    Returns {"chunks": n, "lists": [site paths], "written": [site paths rewritten this time]}.
    """
    out = Path(out)
    written = []
    chunks = [rows[i:i + CHUNK_ROWS] for i in range(0, len(rows), CHUNK_ROWS)]
    for i, chunk in enumerate(chunks):
        text = f"gikkitIndex.add({i},{json.dumps(chunk, ensure_ascii=False, separators=(',', ':'))});\n"
        if _write_if_changed(out / chunk_name(i), text):
            written.append(chunk_name(i))
    facets_text = f"gikkitIndex.facets({json.dumps(facets(rows), ensure_ascii=False, separators=(',', ':'))});\n"
    if _write_if_changed(out / INDEX_DIR / "facets.js", facets_text):
        written.append(f"{INDEX_DIR}/facets.js")
    lists = []
    if len(rows) > FIRST_ROWS:
        pages = [rows[i:i + LIST_ROWS] for i in range(0, len(rows), LIST_ROWS)]
        lists = [list_name(i) for i in range(len(pages))]
        for i, page in enumerate(pages):
            if _write_if_changed(out / lists[i], render_list(page, i + 1, lists)):
                written.append(lists[i])
    script = (TEMPLATES / "site" / "index.js").read_text("utf-8")
    if _write_if_changed(out / SCRIPT, script):
        written.append(SCRIPT)
    keep = {Path(p).name for p in [chunk_name(i) for i in range(len(chunks))] + lists} | {"facets.js"}
    _remove_beyond(out / INDEX_DIR, "rows-*.js", keep)
    _remove_beyond(out / INDEX_DIR, "list-*.html", keep)
    return {"chunks": len(chunks), "lists": lists, "written": written}
