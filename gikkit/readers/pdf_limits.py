"""Look over a PDF's page tree and content before pdfminer interprets it, and refuse what would never end.

pdfminer follows references without counting (a page whose ``/Contents`` is ``6 0 R`` → ``7 0 R`` →
``6 0 R`` loops for ever), inflates every content stream whole (a 600 KB file can hold a gigabyte of
drawing operators) and draws a form XObject again each time it is named (ten draws per level, eight
levels deep, is a hundred million). This walk sees all three from the objects alone: it follows the
page tree and each page's contents with a visited set, inflates content streams no further than the
limit, and counts the content a page would interpret, form XObjects counted each time they are drawn
(memoized per object, so the walk is linear in the file). Limits: :mod:`gikkit.limits`.
"""
from __future__ import annotations

import re
import zlib

from pdfminer.pdftypes import PDFObjRef, PDFStream

from ..limits import (PDF_CONTENT_BYTES, PDF_PAGE_CONTENT_BYTES, PDF_PAGE_PATHS, PDF_PAGES, PDF_PATHS, XOBJECT_DEPTH,
                      XOBJECT_DRAWS, megabytes, refuse)

MAX_HOPS = 32  # references followed to reach one object (real files: 1)
_PATH_OPS = re.compile(rb"(?<=\s)(?:re|[lcvy])(?=\s)")  # a segment or rectangle drawn (approximate: tokens alone)
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?![A-Za-z])")
_FLATE = {"FlateDecode", "Fl"}


def _name(x) -> str:
    return getattr(x, "name", x) if not isinstance(x, bytes) else x.decode("latin-1")


def _resolve(x, path):
    """Follow references to an object; a chain that loops or runs on is refused."""
    seen = []
    while isinstance(x, PDFObjRef):
        if x.objid in seen or len(seen) >= MAX_HOPS:
            chain = " -> ".join(f"{n} 0 R" for n in [*seen, x.objid])
            raise refuse(path, f"the PDF's objects refer to each other in a loop ({chain}): damaged or built to hang readers")
        seen.append(x.objid)
        x = x.resolve()
    return x


def _dict(x, path) -> dict:
    x = _resolve(x, path)
    if isinstance(x, PDFStream):
        return x.attrs
    return x if isinstance(x, dict) else {}


def check_pdf(doc, path) -> int:
    """Refuse ``doc`` (a pdfminer PDFDocument) when its pages pass a limit; return the pages found."""
    pages = _page_dicts(doc, path)
    total, total_paths = 0, 0
    memo: dict[int, tuple[int, int, int]] = {}
    for number, (page, resources) in enumerate(pages, start=1):
        size, draws, paths = 0, 0, 0
        contents = _resolve(page.get("Contents"), path)
        for item in contents if isinstance(contents, list) else [contents]:
            stream = _resolve(item, path)
            if isinstance(stream, PDFStream):
                s, d, n = _expanded(stream, resources, path, memo, depth=0, page=number)
                size, draws, paths = size + s, draws + d, paths + n
        if size > PDF_PAGE_CONTENT_BYTES:
            raise refuse(path, f"page {number} draws more than {megabytes(PDF_PAGE_CONTENT_BYTES)} of content "
                               "(inflated streams and repeated form XObjects counted; a real page draws under 1 MB)")
        if draws > XOBJECT_DRAWS:
            raise refuse(path, f"page {number} draws form XObjects {draws:,} times, nested draws counted "
                               f"(more than {XOBJECT_DRAWS:,}; a real page draws a few dozen)")
        if paths > PDF_PAGE_PATHS:
            raise refuse(path, f"page {number} draws more than {PDF_PAGE_PATHS:,} lines and curves "
                               "(a real page with a ruled table draws a few thousand)")
        total, total_paths = total + size, total_paths + paths
        if total > PDF_CONTENT_BYTES:
            raise refuse(path, f"the pages draw more than {megabytes(PDF_CONTENT_BYTES)} of content in all")
        if total_paths > PDF_PATHS:
            raise refuse(path, f"the pages draw more than {PDF_PATHS:,} lines and curves in all")
    return len(pages)


def _page_dicts(doc, path) -> list[tuple[dict, dict]]:
    """``(page, resources)`` for each leaf of the page tree, resources inherited; iterative, loops skipped.

    With no page tree, the pages pdfminer would fall back on: every object of type /Page.
    """
    try:
        root = _dict(doc.catalog.get("Pages"), path)
    except AttributeError:
        root = {}
    if not root:
        return _loose_pages(doc, path)
    out: list[tuple[dict, dict]] = []
    seen: set[int] = set()
    stack = [(root, {})]
    while stack:
        node, inherited = stack.pop()
        resources = _dict(node.get("Resources"), path) if "Resources" in node else inherited
        kids = _resolve(node.get("Kids"), path)
        if isinstance(kids, list) and _name(node.get("Type")) != "Page":
            for kid in reversed(kids):
                key = kid.objid if isinstance(kid, PDFObjRef) else id(kid)
                if key in seen:
                    continue
                seen.add(key)
                stack.append((_dict(kid, path), resources))
        else:
            out.append((node, resources))
            if len(out) > PDF_PAGES:
                raise refuse(path, f"more than {PDF_PAGES} pages (a real report has a few dozen at most)")
    return out


def _loose_pages(doc, path) -> list[tuple[dict, dict]]:
    out = []
    for xref in getattr(doc, "xrefs", []):
        for objid in xref.get_objids():
            try:
                obj = doc.getobj(objid)
            except Exception:  # noqa: BLE001 - pdfminer skips what it cannot parse here too
                continue
            if isinstance(obj, dict) and _name(obj.get("Type")) == "Page":
                out.append((obj, _dict(obj.get("Resources"), path)))
                if len(out) > PDF_PAGES:
                    raise refuse(path, f"more than {PDF_PAGES} pages (a real report has a few dozen at most)")
    return out


def _expanded(stream: PDFStream, resources: dict, path, memo: dict, depth: int, page: int,
              active: frozenset = frozenset()) -> tuple[int, int, int]:
    """``(bytes interpreted, form XObjects drawn, lines and curves drawn)`` when ``stream`` is run with ``resources``."""
    key = id(stream) if stream.objid is None else stream.objid
    if key in memo:
        return memo[key]
    if key in active:
        raise refuse(path, f"page {page}: a form XObject draws itself (a loop): damaged or built to hang readers")
    if depth > XOBJECT_DEPTH:
        raise refuse(path, f"page {page}: form XObjects nested more than {XOBJECT_DEPTH} deep (a real page nests 1-3)")
    data = _content(stream, path)
    # Counted match by match: a list of every match of 8 MB of "l" operators would be a memory bomb of its own.
    size, draws, paths = len(data), 0, sum(1 for _ in _PATH_OPS.finditer(data))
    counts: dict[bytes, int] = {}
    if b"Do" in data:
        for m in _DO.finditer(data):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    del data
    if counts:
        xobjects = _dict(resources.get("XObject"), path)
        for raw, count in counts.items():
            target = _resolve(xobjects.get(raw.decode("latin-1")), path)
            if not isinstance(target, PDFStream) or _name(target.attrs.get("Subtype")) != "Form":
                continue
            own = target.attrs.get("Resources")
            inner = _dict(own, path) if own is not None else resources
            s, d, n = _expanded(target, inner, path, memo, depth + 1, page, active | {key})
            size, draws, paths = size + count * s, draws + count * (1 + d), paths + count * n
            if size > PDF_PAGE_CONTENT_BYTES or draws > XOBJECT_DRAWS or paths > PDF_PAGE_PATHS:
                break  # past a limit already: the caller says which
    memo[key] = (size, draws, paths)
    return size, draws, paths


def _content(stream: PDFStream, path) -> bytes:
    """The stream's decoded bytes, inflated no further than the per-page limit."""
    if stream.data is not None:
        return stream.data
    filters = [_name(f) for f, _ in stream.get_filters()]
    raw = stream.rawdata or b""
    if stream.decipher is not None or any(f not in _FLATE for f in filters):
        return stream.get_data()  # rare in content streams; the process's memory limit stands behind this
    data = raw
    for _ in filters:
        data = _inflate(data, path)
    return data


def _inflate(data: bytes, path) -> bytes:
    """Inflate at most PDF_PAGE_CONTENT_BYTES; damaged data gives what inflated before the damage (as pdfminer does)."""
    if len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0:
        data = data[2:]  # raw deflate past the zlib header: a wrong checksum at the end must not lose the output
    inflater, out, pos, step = zlib.decompressobj(-15), bytearray(), 0, 4096
    try:
        while not inflater.eof and (pos < len(data) or inflater.unconsumed_tail):
            if inflater.unconsumed_tail:
                chunk = inflater.unconsumed_tail
            else:
                chunk, pos = data[pos: pos + step], pos + step
            out += inflater.decompress(chunk, PDF_PAGE_CONTENT_BYTES + 1 - len(out))
            if len(out) > PDF_PAGE_CONTENT_BYTES:
                raise refuse(path, f"a content stream inflates to more than {megabytes(PDF_PAGE_CONTENT_BYTES)} "
                                   "(a real page's is under 100 KB): a zip bomb or not a report")
    except zlib.error:
        pass
    return bytes(out)
