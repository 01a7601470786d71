"""A CJK font for PDF notices, found on this machine and embedded as a subset: no network needed.

reportlab embeds TrueType outlines only, and the CJK fonts Debian ships (fonts-noto-cjk) are
OpenType collections with PostScript (CFF) outlines. So the face is subset with fontTools to the
characters a document uses (a few hundred glyphs, well under a second) and, when its outlines
are CFF, converted to TrueType quadratic outlines on the way. The font is looked for with
``fc-match``, then in the places Debian, Fedora and macOS keep it.
"""
from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from ..errors import GikkitError

KNOWN_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
)
PROBE = "中"  # a face that has this glyph can set a Chinese notice


class MissingFontError(GikkitError):
    def __init__(self):
        super().__init__(None, "PDF notices need a Chinese (CJK) font and none was found: install one "
                               "(Debian: apt-get install fonts-noto-cjk), or write DOCX only (--formats docx)")


def _faces(path: str):
    """``(path, face index)`` of each face in ``path`` that has Chinese glyphs, Simplified Chinese first."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        fonts = TTCollection(path, lazy=True).fonts if path.lower().endswith((".ttc", ".otc")) else [TTFont(path, lazy=True)]
    except Exception:  # not a font fontTools can open: try the next place
        return []
    found = []
    for i, font in enumerate(fonts):
        cmap = font.getBestCmap() or {}
        if ord(PROBE) in cmap:
            name = str(font["name"].getDebugName(1) or "")
            found.append((0 if name.endswith(" SC") else 1, i))
    return [(path, i) for _, i in sorted(found)]


@lru_cache(maxsize=1)
def find_cjk_font() -> tuple[str, int]:
    """``(file, face index)`` of a CJK font on this machine; :class:`MissingFontError` if there is none."""
    candidates = []
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh-cn"], capture_output=True,
                                 text=True, timeout=10).stdout.strip()
            candidates.append(out)
        except (OSError, subprocess.SubprocessError):
            pass
    candidates += list(KNOWN_PATHS)
    for path in candidates:
        if path and Path(path).is_file():
            faces = _faces(path)
            if faces:
                return faces[0]
    raise MissingFontError()


def _to_truetype(font) -> None:
    """Replace a subset font's CFF outlines by TrueType ones (reportlab reads only ``glyf``)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


@lru_cache(maxsize=8)
def register_cjk_font(text: str) -> str:
    """Register with reportlab a CJK font holding the characters of ``text``; return its name."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as ReportlabFont

    path, index = find_cjk_font()
    font = TTFont(path, fontNumber=index, lazy=True) if path.lower().endswith((".ttc", ".otc")) else TTFont(path, lazy=True)
    options = subset.Options()
    options.layout_features, options.name_IDs, options.notdef_outline, options.hinting = [], ["*"], True, False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text + " 0123456789"))))
    subsetter.subset(font)
    if "CFF " in font:
        _to_truetype(font)
    buffer = io.BytesIO()
    font.save(buffer)
    buffer.seek(0)
    name = "gikkitCJK-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    pdfmetrics.registerFont(ReportlabFont(name, buffer))
    return name
