"""Decode text files whatever encoding they came in: UTF-8 (with or without BOM), GB18030/GBK, UTF-16."""
from __future__ import annotations

import codecs

from ..errors import UnreadableFileError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def sniff_text(head: bytes) -> bool:
    """True when ``head`` looks like text in one of the encodings we decode."""
    if any(head.startswith(b) for b, _ in _BOMS):
        return True
    if b"\x00" in head:
        return _utf16_without_bom(head) is not None
    for enc in ("utf-8", "gb18030"):
        try:
            head.decode(enc)
            return True
        except UnicodeDecodeError as e:
            if e.start >= len(head) - 4:  # cut mid-character at the end of the sample
                return True
    return False


def _utf16_without_bom(data: bytes) -> str | None:
    # ASCII-range characters put their NUL bytes in the odd (LE) or even (BE) positions.
    odd, even = data[1::2].count(0), data[0::2].count(0)
    enc = "utf-16-le" if odd > even else "utf-16-be"
    try:
        return data[: len(data) // 2 * 2].decode(enc)
    except UnicodeDecodeError:
        return None


def decode(data: bytes, path) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`UnreadableFileError` naming the file otherwise."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise UnreadableFileError(path, f"starts with a {enc} mark but is not valid {enc}: {e.reason}") from None
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text, "utf-16"
        raise UnreadableFileError(path, "binary data, not text")
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableFileError(path, "cannot tell the text encoding (tried UTF-8, GB18030, UTF-16)")
    return str(best), best.encoding
