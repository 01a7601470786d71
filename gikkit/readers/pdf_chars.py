"""pdfplumber's character and path dicts, built without its generic per-attribute walk.

pdfplumber turns every pdfminer layout object into a dict through one generic routine (a regex
on the class name, a filter-map over every attribute, a recursive resolve of each value). A
report page holds hundreds of characters and a few dozen lines, so that routine cost a fifth of
a PDF's reading time. :func:`fast_chars` gives a page a routine that builds the same dict for a
plain ``LTChar``, ``LTRect``, ``LTLine`` or ``LTCurve`` directly (same keys, same values, same
order) and hands every other object to pdfplumber's own. (Characters of horizontal fonts are built
earlier still, straight from the interpreter: :mod:`.pdf_device`.)
"""
from __future__ import annotations

from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect

try:  # pdfplumber's own pieces, as of 0.11; a pdfplumber without them keeps its own routine (below)
    from pdfplumber.page import ALL_ATTRS, fix_fontname_bytes
    from pdfplumber.utils import resolve_all, resolve_and_decode
except ImportError:  # pragma: no cover - another pdfplumber
    ALL_ATTRS = None

_PLAIN = (float, int, str, bool, type(None))  # values resolve_all() returns as they are
_PATHS = {LTRect: "rect", LTLine: "line", LTCurve: "curve"}  # pdfplumber's object_type for each


def _resolved(v):
    """``resolve_all(v)``, directly for plain values and for flat lists and tuples of them (points, colours)."""
    t = type(v)
    if t in _PLAIN:
        return v
    if t is tuple or t is list:
        if all(type(x) in _PLAIN for x in v):
            return t(v)
        if all(type(x) is tuple and all(type(y) in _PLAIN for y in x) for x in v):
            return t(tuple(x) for x in v)
    return resolve_all(v)


def fast_chars(page) -> None:
    """Make ``page`` (a pdfplumber Page whose objects are not parsed yet) build its char dicts directly."""
    if ALL_ATTRS is None or not hasattr(page, "process_object"):
        return
    generic = page.process_object
    norm = page.pdf.unicode_norm
    mb_x0, mb_top = page.mediabox[:2]
    height, doctop = page.height, page.initial_doctop
    number = page.page_number

    def on_page(attr: dict) -> dict:
        """Page coordinates, as pdfplumber's ``process_object`` ends: top, bottom, doctop, the MediaBox's x."""
        if "y0" in attr:
            attr["top"] = (height - attr["y1"]) + mb_top
            attr["bottom"] = (height - attr["y0"]) + mb_top
            attr["doctop"] = doctop + attr["top"]
        if "x0" in attr and mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr

    def process_path(obj, kind: str):
        """pdfplumber's dict for a plain rect, line or curve (its ``process_object``, step by step)."""
        attr = {}
        for k, v in obj.__dict__.items():
            if k in ALL_ATTRS:
                attr[k] = _resolved(v)
        attr["object_type"] = kind
        attr["page_number"] = number
        attr["pts"] = [(mb_x0 + pt[0], mb_top + height - pt[1]) for pt in attr["pts"]]  # Page.point2coord
        attr["path"] = [(cmd, *[(mb_x0 + pt[0], mb_top + height - pt[1]) for pt in pts]) for cmd, *pts in obj.original_path]
        attr["dash"] = obj.dashing_style
        return on_page(attr)

    def process_object(obj):
        kind = _PATHS.get(type(obj))
        if kind is not None and not hasattr(obj, "ncs") and not hasattr(obj, "scs"):
            return process_path(obj, kind)
        if type(obj) is not LTChar:
            return generic(obj)
        attr = {}
        for k, v in obj.__dict__.items():
            if k in ALL_ATTRS:
                attr[k] = v if type(v) in _PLAIN else resolve_all(v)
        attr["object_type"] = "char"
        attr["page_number"] = number
        if hasattr(obj, "ncs"):
            attr["ncs"] = resolve_and_decode(obj.ncs.name)
        if hasattr(obj, "scs"):
            attr["scs"] = resolve_and_decode(obj.scs.name)
        text = obj.get_text()
        attr["text"] = normalize_unicode(norm, text) if norm is not None else text
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr["fontname"], bytes):
            attr["fontname"] = fix_fontname_bytes(attr["fontname"])
        return on_page(attr)

    page.process_object = process_object
