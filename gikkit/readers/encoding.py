"""Decode text whatever encoding it came in: UTF-8 (with or without BOM), GB18030/GBK, UTF-16 and UTF-32 (LE/BE).

Chinese government files are mostly UTF-8 or GBK; Windows tools write UTF-16. A byte-order mark
decides when there is one; otherwise UTF-32 and UTF-16 are recognized by their NUL bytes, and the rest is tried
as UTF-8, then GB18030 (a superset of GBK and GB2312). Decoded text must look like text
(few control characters), so binary junk is refused instead of read as gibberish.
"""
from __future__ import annotations

import codecs
import re

from ..errors import UnreadableFileError

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Names pages declare, mapped to the codec that reads them best.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
            "cp936": "gb18030", "euc-cn": "gb18030", "utf8": "utf-8", "unicode": "utf-16"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
MAX_CONTROL_SHARE = 0.01
# Control characters but tab, newlines, form feed, vertical tab and DOS's end-of-file mark (\x1a);
# private use, lone surrogates, replacement characters: one regex scan, not a Python loop per character.
_IMPLAUSIBLE = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\ue000-\uf8ff\ud800-\udfff\ufffd\ufffe\uffff]")
LARGEST_GUESS = 8 << 20  # bytes charset_normalizer is asked to guess at; past that, refuse rather than wait
_SINGLE_BYTE_WESTERN = {"ascii", "iso8859-1", "iso8859-15", "cp1252", "latin-1"}
# Codecs Python has that are no page's charset: they transform text (punycode, escapes) rather than
# encode it, and some raise plain UnicodeError or worse on arbitrary bytes. A page declaring one is ignored.
_NOT_CHARSETS = {"punycode", "idna", "unicode-escape", "raw-unicode-escape", "utf-7", "undefined"}


def _usable_charset(name: str) -> bool:
    try:
        return codecs.lookup(name)._is_text_encoding and codecs.lookup(name).name not in _NOT_CHARSETS
    except (LookupError, ValueError, TypeError):
        return False


def plausible_text(text: str) -> bool:
    """True when ``text`` reads as text: almost no control characters, few unassigned code points."""
    if not text:
        return False
    if text == _LAST_PLAUSIBLE[0]:  # a small file: its head was sniffed, now the same text is read whole
        return True
    plausible = len(_IMPLAUSIBLE.findall(text)) <= MAX_CONTROL_SHARE * len(text)
    if plausible and len(text) <= _SNIFFED_CHARS:
        _LAST_PLAUSIBLE[0] = text
    return plausible


# The last text found plausible, if no longer than a sniffed head can decode to: the answer for an equal
# text is the same, and a file that fits in its head is scanned once, not twice (one scan is ~5% of a text report).
_LAST_PLAUSIBLE = [""]
_SNIFFED_CHARS = 8192


def _utf32_without_bom(data: bytes) -> str | None:
    # Text of the Basic Multilingual Plane in UTF-32 has two NUL bytes in every four, always the same two.
    sample = data[: 4096 - 4096 % 4]
    if len(data) % 4 or len(sample) < 8:
        return None
    for enc, zeros in (("utf-32-le", (2, 3)), ("utf-32-be", (0, 1))):
        if all(sample[z::4].count(0) == len(sample) // 4 for z in zeros):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            return text if plausible_text(text) else None
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    # ASCII-range characters put their NUL bytes in the odd (LE) or even (BE) positions;
    # CJK text has few NULs, so try both orders and keep the one that reads as text.
    odd, even = data[1::2].count(0), data[0::2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    for enc in order:
        try:
            text = data[: len(data) // 2 * 2].decode(enc)
        except UnicodeDecodeError:
            continue
        if plausible_text(text) and _cjk_or_ascii_share(text) >= 0.9:
            return text
    return None


def _cjk_or_ascii_share(text: str) -> float:
    """Share of characters a Chinese report uses: ASCII, CJK, CJK punctuation, full-width forms."""
    good = sum(1 for ch in text if ord(ch) < 0x80 or 0x3000 <= ord(ch) <= 0x9FFF or 0xFF00 <= ord(ch) <= 0xFFEF
               or 0x2000 <= ord(ch) <= 0x206F or ch in "\u00a0\u00b7")
    return good / len(text) if text else 0.0


def _try(data: bytes, enc: str, sample: bool) -> str | None:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        if sample and e.start >= len(data) - 4:  # a sample cut mid-character at its end
            return _try(data[: e.start], enc, sample=False)
        return None
    except (UnicodeError, LookupError, ValueError, TypeError):  # a codec that is no charset (see _NOT_CHARSETS)
        return None


def sniff_text(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file) looks like text in an encoding we decode."""
    if any(head.startswith(b) for b, _ in _BOMS):
        return True
    if b"\x00" in head:
        return _utf32_without_bom(head[: len(head) - len(head) % 4]) is not None or _utf16_without_bom(head) is not None
    for enc in ("utf-8", "gb18030"):
        text = _try(head, enc, sample=True)
        if text is not None and plausible_text(text):
            return True
    return False


def decode(data: bytes, path, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`UnreadableFileError` naming the file otherwise.

    ``declared`` is an encoding the file names for itself (an HTML meta charset); it is tried
    after UTF-8, and bytes that do not decode under it fall back to detection.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _try(data, enc, sample=False)
            if text is None:
                raise UnreadableFileError(path, f"starts with a {enc} byte-order mark but is not valid {enc}")
            return text, enc
    if b"\x00" in data[:4096]:
        text = _utf32_without_bom(data)
        if text is not None:
            return text, "utf-32"
        text = _utf16_without_bom(data)
        if text is not None:
            return text, "utf-16"
        raise UnreadableFileError(path, "binary data, not text (nor UTF-16 or UTF-32 text)")
    # Valid UTF-8 with Chinese in it is UTF-8 whatever a page declares (GBK bytes almost never are);
    # a declared Western single-byte charset decodes anything, so GB18030 goes before it.
    tried = ["utf-8"]
    declared = normalize_encoding(declared) if declared else None
    if declared and not _usable_charset(declared):
        declared = None
    if declared and not declared.startswith(("utf-16", "utf-32")):  # no NUL bytes: such a declaration is wrong
        tried += [declared] if declared not in _SINGLE_BYTE_WESTERN else ["gb18030", declared]
    tried += [e for e in ("gb18030",) if e not in tried]
    for enc in tried:
        try:
            text = _try(data, enc, sample=False)
        except LookupError:
            continue  # a page declaring a charset Python does not know
        if text is not None and plausible_text(text):
            return text, enc
    from charset_normalizer import from_bytes

    best = from_bytes(data[:LARGEST_GUESS]).best() if len(data) <= LARGEST_GUESS else None
    if best is None or not plausible_text(str(best)):
        raise UnreadableFileError(path, "cannot tell the text encoding (tried UTF-8, GB18030, UTF-16): binary or damaged text")
    return str(best), best.encoding


def normalize_encoding(name: str) -> str:
    """A declared encoding name as the codec we decode it with ("GB2312" -> "gb18030")."""
    n = name.strip().lower()
    n = _ALIASES.get(n, n)
    try:
        return codecs.lookup(n).name
    except (LookupError, ValueError, TypeError):
        return n


def declared_html_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its top, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def read_text_lines(path) -> tuple[str, str]:
    """A text file's content decoded (see :func:`decode`) with its line ends made ``\\n``, and the encoding."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UnreadableFileError(path, f"cannot open: {e.strerror or e}") from None
    text, encoding = decode(data, path)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
