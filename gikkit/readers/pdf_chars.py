"""pdfplumber's character dicts, built without its generic per-attribute walk.

pdfplumber turns every pdfminer layout object into a dict through one generic routine (a regex
on the class name, a filter-map over every attribute, a recursive resolve of each value). A
report page holds hundreds of characters and a few dozen lines, so that routine cost a fifth of
a PDF's reading time. :func:`fast_chars` gives a page a routine that builds the same dict for a
plain ``LTChar`` directly (same keys, same values, same order) and hands every other object to
pdfplumber's own.
"""
from __future__ import annotations

from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar

try:  # pdfplumber's own pieces, as of 0.11; a pdfplumber without them keeps its own routine (below)
    from pdfplumber.page import ALL_ATTRS, fix_fontname_bytes
    from pdfplumber.utils import resolve_all, resolve_and_decode
except ImportError:  # pragma: no cover - another pdfplumber
    ALL_ATTRS = None

_PLAIN = (float, int, str, bool, type(None))  # values resolve_all() returns as they are


def fast_chars(page) -> None:
    """Make ``page`` (a pdfplumber Page whose objects are not parsed yet) build its char dicts directly."""
    if ALL_ATTRS is None or not hasattr(page, "process_object"):
        return
    generic = page.process_object
    norm = page.pdf.unicode_norm
    mb_x0, mb_top = page.mediabox[:2]
    height, doctop = page.height, page.initial_doctop
    number = page.page_number

    def process_object(obj):
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
        if "y0" in attr:
            attr["top"] = (height - attr["y1"]) + mb_top
            attr["bottom"] = (height - attr["y0"]) + mb_top
            attr["doctop"] = doctop + attr["top"]
        if "x0" in attr and mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr

    page.process_object = process_object
