"""pdfplumber's character dicts, built while pdfminer's interpreter shows the text.

pdfminer makes an ``LTChar`` for every character (a font lookup, a width lookup, a matrix product
and a bounding box, through a dozen calls), and pdfplumber then turns each into a dict through
its generic per-attribute routine. A report page holds a thousand characters, so that was a third
of a PDF's reading time. :class:`CharDevice` is pdfplumber's own layout device
(``PDFPageAggregatorWithMarkedContent``) except that a horizontally written string's characters
are computed here, with the very arithmetic ``LTChar`` and ``Page.process_object`` use, straight
into the dicts ``page.chars`` holds (same keys in the same order, same values); each font's
descent, name and per-code text and width are looked up once per document (:class:`FontCache`).
Vertical fonts, paths and images go through pdfminer and pdfplumber as they are. The dicts sit in
the layout tree where the ``LTChar`` would have, so :func:`page_objects` gives pdfplumber's
``Page.objects`` in pdfplumber's order.
"""
from __future__ import annotations

import logging
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTContainer
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfplumber.page import PDFPageAggregatorWithMarkedContent, fix_fontname_bytes
from pdfplumber.utils import resolve_all, resolve_and_decode

_PLAIN = (float, int, str, bool, type(None))  # values pdfplumber's resolve_all() returns as they are
log = logging.getLogger("pdfminer.pdfdevice")  # pdfminer's warning, under pdfminer's name
FONT_CODES = 65536  # codes and strings remembered per font at most: a hostile file cannot grow the caches without bound


class FontCache:
    """Per document: each font's codes decoded, per-code (text, width), name and descent, each looked up once."""

    def __init__(self) -> None:
        self.fonts: dict[int, tuple] = {}  # id(font) -> (font, codes, strings)
        self.metrics: dict[int, tuple] = {}  # id(font) -> (font, fontname, descent)
        self.spaces: dict[tuple, object] = {}  # (type, colour space name) -> pdfplumber's decoded name

    def font(self, font) -> tuple:
        entry = self.fonts.get(id(font))
        if entry is None or entry[0] is not font:
            entry = self.fonts[id(font)] = (font, {}, {})
        return entry

    def name_and_descent(self, font) -> tuple:
        """The font's name as pdfplumber gives it, and its descent, as LTChar finds it."""
        entry = self.metrics.get(id(font))
        if entry is None or entry[0] is not font:
            name = font.fontname
            if type(name) not in _PLAIN:
                name = resolve_all(name)
            if isinstance(name, bytes):
                name = fix_fontname_bytes(name)
            entry = self.metrics[id(font)] = (font, name, font.get_descent())
        return entry

    def space(self, ncs) -> object:
        name = ncs.name
        key = (type(name), name)  # 1 and True hash alike but decode apart
        try:
            return self.spaces[key]
        except KeyError:
            decoded = self.spaces[key] = resolve_and_decode(name)
            return decoded
        except TypeError:  # an unhashable name: decode it each time, as pdfplumber does
            return resolve_and_decode(name)


class CharDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device, putting each horizontal character's finished dict in the layout."""

    def __init__(self, page, fonts: FontCache) -> None:
        pdf = page.pdf
        super().__init__(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
        self.fonts = fonts
        self.norm = pdf.unicode_norm
        self.number = page.page_number
        self.mb_x0, self.mb_top = page.mediabox[:2]
        self.page_height, self.doctop = page.height, page.initial_doctop

    def tag_cur_item(self) -> None:
        """pdfplumber's marked-content tag on the newest object, be it an ``LT`` object or a char dict."""
        objs = self.cur_item._objs
        if objs:
            obj = objs[-1]
            if type(obj) is dict:
                obj["mcid"] = self.cur_mcid
                obj["tag"] = self.cur_tag
            else:
                obj.mcid = self.cur_mcid
                obj.tag = self.cur_tag

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:
        font = textstate.font
        if font is None or font.is_vertical():  # pdfminer's own way (its assertion included)
            super().render_string(textstate, seq, ncs, graphicstate)
            return
        # pdfminer's PDFTextDevice.render_string and render_string_horizontal, as they are
        matrix = self._mult(textstate.matrix, self.ctm)
        fontsize = textstate.fontsize
        scaling = textstate.scaling * 0.01
        charspace = textstate.charspace * scaling
        wordspace = textstate.wordspace * scaling
        rise = textstate.rise
        if font.is_multibyte():
            wordspace = 0
        dxscale = 0.001 * fontsize * scaling
        textstate.linematrix = self._show(seq, matrix, textstate.linematrix, font, fontsize, scaling,
                                          charspace, wordspace, rise, dxscale, ncs, graphicstate)

    @staticmethod
    def _mult(m1, m0):
        (a1, b1, c1, d1, e1, f1) = m1
        (a0, b0, c0, d0, e0, f0) = m0
        return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
                a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)

    def _show(self, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise, dxscale, ncs, gs):
        (x, y) = pos
        _, codes, strings = self.fonts.font(font)
        norm, number = self.norm, self.number
        page_height, mb_top, mb_x0, doctop = self.page_height, self.mb_top, self.mb_x0, self.doctop
        mcid, tag = self.cur_mcid, self.cur_tag
        (a, b, c, d, e, f) = matrix
        append = self.cur_item._objs.append
        first = True  # what LTChar and pdfplumber work out per character, worked out at the first one
        needcharspace = False
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                cids = strings.get(obj)
                if cids is None:  # the font's codes in the string (a CMap walk for CJK fonts), once per string
                    cids = tuple(font.decode(obj))
                    if len(strings) < FONT_CODES and len(obj) <= 256:
                        strings[obj] = cids
                for cid in cids:
                    if needcharspace:
                        x += charspace
                    known = codes.get(cid)
                    if known is None:
                        known = self._code(font, cid, codes)
                    text, textwidth = known
                    if first:  # not before: a string without characters computes nothing, as in pdfminer
                        first = False
                        _, fontname, font_descent = self.fonts.name_and_descent(font)
                        space = self.fonts.space(ncs)
                        stroking = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
                        non_stroking = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
                        upright = a * d * scaling > 0 and b * c <= 0  # LTChar's, the same for every character
                        descent = font_descent * fontsize
                        y0_, y1_ = descent + rise, descent + rise + fontsize  # the glyph box, in text space
                    # translate_matrix, then LTChar's box: apply_matrix_rect over (0, y0_, adv, y1_)
                    ce = x * a + y * c + e
                    cf = x * b + y * d + f
                    adv = textwidth * fontsize * scaling
                    left1, bottom1 = a * 0 + c * y0_ + ce, b * 0 + d * y0_ + cf
                    right1, bottom2 = a * adv + c * y0_ + ce, b * adv + d * y0_ + cf
                    right2, top1 = a * adv + c * y1_ + ce, b * adv + d * y1_ + cf
                    left2, top2 = a * 0 + c * y1_ + ce, b * 0 + d * y1_ + cf
                    x0 = min(left1, left2, right1, right2)
                    y0 = min(bottom1, bottom2, top1, top2)
                    x1 = max(left1, left2, right1, right2)
                    y1 = max(bottom1, bottom2, top1, top2)
                    if x1 < x0:
                        (x0, x1) = (x1, x0)
                    if y1 < y0:
                        (y0, y1) = (y1, y0)
                    height = y1 - y0
                    top = (page_height - y1) + mb_top
                    append({
                        "matrix": (a, b, c, d, ce, cf), "fontname": fontname, "adv": adv, "upright": upright,
                        "x0": x0 + mb_x0 if mb_x0 != 0 else x0, "y0": y0,
                        "x1": x1 + mb_x0 if mb_x0 != 0 else x1, "y1": y1,
                        "width": x1 - x0, "height": height, "size": height, "mcid": mcid, "tag": tag,
                        "object_type": "char", "page_number": number, "ncs": space,
                        "text": normalize_unicode(norm, text) if norm is not None else text,
                        "stroking_color": stroking, "non_stroking_color": non_stroking,
                        "top": top, "bottom": (page_height - y0) + mb_top, "doctop": doctop + top,
                    })
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
            else:
                log.warning("Cannot render horizontal string because %r is not a valid int, float or bytes.", obj)
        return (x, y)

    def _code(self, font, cid: int, codes: dict) -> tuple[str, float]:
        """The text and width of ``cid`` in ``font``, as pdfminer's render_char finds them."""
        try:
            text = font.to_unichr(cid)
            assert isinstance(text, str), str(type(text))
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        known = (text, font.char_width(cid))
        if len(codes) < FONT_CODES:
            codes[cid] = known
        return known


def page_objects(page, layout) -> dict[str, list[dict]]:
    """pdfplumber's ``Page.parse_objects`` over ``layout``, whose characters are dicts already."""
    process = page.process_object
    objects: dict[str, list[dict]] = {}

    def walk(items):
        for obj in items:
            if type(obj) is dict:
                objects.setdefault("char", []).append(obj)
            elif isinstance(obj, LTContainer):  # a figure: no dict of its own without LAParams
                walk(obj._objs)
            else:
                attr = process(obj)
                kind = attr["object_type"]
                if kind != "anno":
                    objects.setdefault(kind, []).append(attr)

    walk(layout._objs)
    return objects
