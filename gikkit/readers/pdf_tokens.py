"""The objects of a page's content streams, read by one regex instead of pdfminer's per-character parser.

pdfminer's ``PDFContentParser`` reads a content stream a character at a time through a Python state
machine; on a report PDF that was over half of the reading time. :func:`stream_objects` reads one
decoded stream with a single compiled regex and gives the very objects pdfminer's ``nextobject()``
would (numbers, names with ``#xx`` escapes, literal and hex strings, arrays, dicts, keywords), or
``None`` when anything in the stream is not plainly one of those: inline images, procedures,
unbalanced brackets, escapes that cross pdfminer's 4096-byte read buffer, a token cut by the end of
the stream. :func:`content_objects` then hands that whole stream (and the ones after it) to pdfminer's
own parser, so damaged or hostile content is read exactly as pdfminer reads it.
"""
from __future__ import annotations

import re
from binascii import unhexlify
from collections.abc import Iterator, Sequence

from pdfminer.pdfinterp import PDFContentParser
from pdfminer.psparser import KWD, LIT, PSEOF, PSKeyword, PSLiteral

BUFSIZ = PDFContentParser.BUFSIZ  # pdfminer reads a stream in chunks of this many bytes

_NAME_CHAR = rb"[^#/%\[\]()<>{}\s]"  # pdfminer's END_LITERAL / END_KEYWORD, negated
_TOKEN = re.compile(
    rb"[\s\x00]*+(?:"  # possessive (*+): no backtracking, time linear in the stream, whatever it holds
    rb"(?P<num>[-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*)"
    rb"|(?P<kw>[A-Za-z]" + _NAME_CHAR + rb"*)"
    rb"|/(?P<name>(?:" + _NAME_CHAR + rb"|#[0-9a-fA-F]{2})*)"
    rb"|\((?P<str>[^()\\]*)\)"
    rb"|\((?P<esc>(?:[^()\\]|\\(?:[0-7]{1,3}|[^0-7\r]))*+)\)"  # with escapes, no nested parens
    rb"|(?P<sopen>\()"
    rb"|<(?P<hex>[0-9a-fA-F\s]*)>(?!>)"
    rb"|(?P<dopen><<)"
    rb"|(?P<dclose>>>)"
    rb"|(?P<comment>%[^\r\n]*)"
    rb"|(?P<char>[^\s\x00%/+\-0-9.A-Za-z(<>])"  # pdfminer's one-character keywords: [ ] ' " ) ...
    rb")"
)
_BLANK_TAIL = re.compile(rb"[\s\x00]*\Z")
_END_STRING = re.compile(rb"[()\\]")
_NAME_HEX = re.compile(rb"#([0-9a-fA-F]{2})")
_SPACE = re.compile(rb"\s")
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_ESCAPES = {ord(k): v for k, v in ((b"b", 8), (b"t", 9), (b"n", 10), (b"f", 12), (b"r", 13), (b"(", 40), (b")", 41), (b"\\", 92))}

_ARRAY_BEGIN, _ARRAY_END = KWD(b"["), KWD(b"]")
_DICT_BEGIN, _DICT_END = KWD(b"<<"), KWD(b">>")
_PROC = (KWD(b"{"), KWD(b"}"))
_INLINE = (KWD(b"BI"), KWD(b"ID"), KWD(b"EI"))  # inline images: pdfminer re-seeks its buffer, so it reads them
_TRUE, _FALSE = b"true", b"false"

# each escape pdfminer reads in a string (but ``\\\r\n``), and what it makes of it
_ESCAPED = {b"\\" + bytes((c,)): bytes((_ESCAPES[c],)) if c in _ESCAPES else b"" for c in range(256) if not 0x30 <= c <= 0x37}
_ESCAPED.update((b"\\" + oct(c)[2:].zfill(w).encode(), bytes((c,))) for w in (1, 2, 3) for c in range(min(256, 8**w)))


class _NotPlain(Exception):
    """The stream holds something pdfminer's own parser must read."""


def _literal_string(data: bytes, i: int) -> tuple[bytes, int]:
    """The string opened just before ``i`` and the index after its closing paren, as pdfminer reads it."""
    out = bytearray()
    depth, n = 1, len(data)
    while True:
        m = _END_STRING.search(data, i)
        if m is None:
            raise _NotPlain  # unterminated: pdfminer would carry it into the next stream
        j = m.start()
        out += data[i:j]
        c = data[j]
        if c == 0x5C:  # backslash
            k = j + 1
            if k >= n:
                raise _NotPlain
            e = data[k]
            if 0x30 <= e <= 0x37:  # up to three octal digits
                end = k + 1
                while end < n and end - k < 3 and 0x30 <= data[end] <= 0x37:
                    end += 1
                code = int(data[k:end], 8)
                if code > 255 or end >= n:
                    raise _NotPlain  # pdfminer asserts on it
                out.append(code)
                i = end
            elif e in _ESCAPES:
                out.append(_ESCAPES[e])
                i = k + 1
            elif e == 0x0D and k + 1 < n and data[k + 1] == 0x0A:
                if k % BUFSIZ == BUFSIZ - 1:
                    raise _NotPlain  # pdfminer sees the \n only in its next buffer
                i = k + 2
            else:  # pdfminer drops an unknown escaped character (and a line break after a backslash)
                i = k + 1
        elif c == 0x28:
            depth += 1
            out.append(c)
            i = j + 1
        else:
            depth -= 1
            if not depth:
                return bytes(out), j + 1
            out.append(c)
            i = j + 1


def _hex_string(raw: bytes) -> bytes:
    digits = _SPACE.sub(b"", raw) if not raw.isalnum() else raw
    if len(digits) % 2:  # pdfminer reads a last lone digit as its own value
        return unhexlify(digits[:-1]) + bytes((int(digits[-1:], 16),))
    return unhexlify(digits)


def _name(raw: bytes) -> PSLiteral:
    if b"#" in raw:
        raw = _NAME_HEX.sub(lambda m: bytes((int(m.group(1), 16),)), raw)
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


# the regex's groups, by number (m.lastindex)
_NUM, _KW, _NAME, _STR, _ESC, _SOPEN, _HEX, _DOPEN, _DCLOSE, _COMMENT, _CHAR = range(1, 12)


def _unescape(m: re.Match) -> bytes:
    return _ESCAPED[m.group()]  # a KeyError (octal over 255, which pdfminer asserts on) is not plain


def _dict(items: list) -> dict | None:
    """pdfminer's dict from ``<< ... >>``; ``None`` where pdfminer raises or names a key its own way."""
    if len(items) % 2 or not all(type(k) is PSLiteral for k in items[::2]):
        return None
    return {_key(k): v for k, v in zip(items[::2], items[1::2])}


def stream_objects(data: bytes) -> tuple[list, bool] | None:
    """The objects pdfminer's ``nextobject()`` gives for one content stream, or ``None`` (not plain).

    The flag is True when the last object is a token that runs to the very end of the stream
    (pdfminer opens the next stream before it gives that object).
    """
    objs: list = []
    stack: list[tuple[int, list]] = []  # open arrays and dicts, as pdfminer's context
    cur, push = objs, objs.append
    n, pos, open_end = len(data), 0, False
    keywords: dict[bytes, object] = {}
    match = _TOKEN.match
    try:
        while True:
            m = match(data, pos)
            if m is None:
                break
            kind, pos = m.lastindex, m.end()
            open_end = False
            if kind == _NUM:
                raw = m.group(kind)
                try:
                    push(float(raw) if b"." in raw else int(raw))
                except ValueError:  # "-", "." alone: pdfminer makes no token of them
                    continue
                open_end = pos == n
            elif kind == _KW:
                raw = m.group(kind)
                token = keywords.get(raw)
                if token is None:
                    token = keywords[raw] = True if raw == _TRUE else False if raw == _FALSE else KWD(raw)
                    if token in _INLINE:
                        return None
                push(token)
                open_end = pos == n
            elif kind == _NAME:
                raw = m.group(kind)
                if data[pos : pos + 1] == b"#" or (pos == n and (not raw or raw[-3:-2] == b"#")):
                    return None  # a broken #-escape, or a name the end of the stream cuts
                push(_name(raw))
                open_end = pos == n
            elif kind == _STR:
                push(m.group(kind))
            elif kind == _HEX:
                if pos == n:
                    return None  # pdfminer carries the closing ">" on: a next stream's ">" would end a dict
                push(_hex_string(m.group(kind)))
            elif kind == _ESC:
                push(_ESCAPE.sub(_unescape, m.group(kind)))
            elif kind == _SOPEN:
                value, pos = _literal_string(data, pos)
                push(value)
            elif kind == _CHAR:
                token = KWD(m.group(kind))
                if token is _ARRAY_BEGIN:
                    stack.append((1, cur))
                    cur = []
                    push = cur.append
                elif token is _ARRAY_END:
                    if not stack or stack[-1][0] != 1:
                        return None  # pdfminer skips a stray closer; its own parser does that
                    value = cur
                    cur = stack.pop()[1]
                    push = cur.append
                    push(value)
                elif token in _PROC:
                    return None
                else:
                    push(token)
            elif kind == _DOPEN:
                stack.append((2, cur))
                cur = []
                push = cur.append
            elif kind == _DCLOSE:
                if not stack or stack[-1][0] != 2:
                    return None
                value = _dict(cur)
                if value is None:
                    return None  # pdfminer raises on an odd dict
                cur = stack.pop()[1]
                push = cur.append
                push(value)
            # a comment makes no token
    except (_NotPlain, KeyError):
        return None
    if stack or _BLANK_TAIL.match(data, pos) is None:
        return None  # an array or dict left open runs on into the next stream; or bytes the regex does not know
    return objs, open_end


def _key(k: PSLiteral) -> str:
    """pdfminer's ``literal_name``."""
    if isinstance(k.name, str):
        return k.name
    try:
        return str(k.name, "utf-8")
    except UnicodeDecodeError:
        return str(k.name)


def content_objects(streams: Sequence) -> Iterator[object]:
    """The objects of ``streams`` (decoded ``PDFStream``s, non-empty) in order, as pdfminer's parser gives them.

    Each stream is read by :func:`stream_objects`; from the first that is not plain on, pdfminer's own
    ``PDFContentParser`` reads the rest. Streams are decoded when pdfminer would decode them, so a
    stream that fails to decode fails at the same point.
    """
    try:
        data = streams[0].get_data()  # pdfminer's parser opens the first stream when it is made
    except PSEOF:  # ... and its interpreter takes that for an empty page
        return
    for i, stream in enumerate(streams):
        found = stream_objects(data)
        if found is None:
            yield from _pdfminer_objects(streams[i:])
            return
        objs, open_ended = found
        last = None
        if open_ended and i + 1 < len(streams):
            last = objs.pop()  # pdfminer opens the next stream to see where that token ends
        yield from objs
        if i + 1 == len(streams):
            return
        try:
            data = streams[i + 1].get_data()
        except PSEOF:  # pdfminer's parser takes this for the end of the content
            if last is not None:
                yield last
            return
        if last is not None:
            yield last


def _pdfminer_objects(streams: Sequence) -> Iterator[object]:
    parser = PDFContentParser(streams)
    while True:
        try:
            _, obj = parser.nextobject()
        except PSEOF:
            return
        yield obj
