"""Recipes for hostile and broken files, each built from scratch or from a real fixture.

Every recipe writes one file and returns its path; tests/test_hostile_*.py read them and the fuzz
suite mutates them. Large inputs are streamed to disk, so building them costs little memory.
"""
from __future__ import annotations

import codecs
import struct
import zipfile
import zlib
from pathlib import Path

from fixture_paths import FIXTURES

DOCX = FIXTURES / "rendered" / "huaian-city-2024.docx"
HTML = FIXTURES / "rendered" / "pingtan-2019.html"
PDF = FIXTURES / "real" / "huaian-city-2024.pdf"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- .docx ----------------------------------------------------------------------------------------

def docx_with_body(path: Path, body: str | bytes | None = None, *, chunks=None) -> Path:
    """A copy of the fixture .docx whose word/document.xml is ``body`` (or streamed from ``chunks``)."""
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, src.read(info))
            elif chunks is not None:
                with out.open("word/document.xml", "w", force_zip64=True) as f:
                    for chunk in chunks:
                        f.write(chunk)
            else:
                out.writestr("word/document.xml", body)
    return path


def _document(inner: str) -> str:
    return f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>{inner}</w:body></w:document>'


def docx_nested_tables(path: Path, depth: int = 500) -> Path:
    """A table in a cell of a table in a cell ... ``depth`` deep."""
    inner = "<w:p><w:r><w:t>1</w:t></w:r></w:p>"
    body = "<w:tbl><w:tr><w:tc>" * depth + inner + "</w:tc></w:tr></w:tbl>" * depth
    return docx_with_body(path, _document(body))


def docx_nested_content_controls(path: Path, depth: int = 1000) -> Path:
    body = "<w:sdt><w:sdtContent>" * depth + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * depth
    return docx_with_body(path, _document(body))


def docx_bomb(path: Path, inflated: int = 190 << 20) -> Path:
    """A .docx of well under a megabyte whose document.xml inflates to ``inflated`` bytes."""
    head = _document("").split("<w:body>")[0].encode() + b"<w:body>"
    para = b"<w:p><w:r><w:t>" + b"1" * 4000 + b"</w:t></w:r></w:p>"
    count = inflated // len(para)
    return docx_with_body(path, chunks=[head, *([para * 256] * (count // 256)), b"</w:body></w:document>"])


def _patch_member(path: Path, name: str, patch) -> Path:
    """Copy the fixture .docx and let ``patch(data, local_offset, central_offset)`` edit member ``name``'s headers."""
    data = bytearray(DOCX.read_bytes())
    with zipfile.ZipFile(DOCX) as zf:
        info = zf.getinfo(name)
    central = _central_entry(data, name)
    patch(data, info.header_offset, central)
    path.write_bytes(bytes(data))
    return path


def _central_entry(data: bytearray, name: str) -> int:
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        n = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46: at + 46 + n]) == name.encode():
            return at
        at += 4


def docx_encrypted_member(path: Path) -> Path:
    """word/document.xml flagged as encrypted (general-purpose bit 0): zipfile raises RuntimeError."""
    def patch(data, local, central):
        data[local + 6] |= 1
        data[central + 8] |= 1
    return _patch_member(path, "word/document.xml", patch)


def docx_compression_method(path: Path, method: int = 9) -> Path:
    """word/document.xml claiming compression method 9 (Deflate64) or 99 (AES): NotImplementedError."""
    def patch(data, local, central):
        struct.pack_into("<H", data, local + 8, method)
        struct.pack_into("<H", data, central + 10, method)
    return _patch_member(path, "word/document.xml", patch)


def docx_corrupt_deflate(path: Path) -> Path:
    """word/document.xml's deflate data overwritten at its start: zlib.error."""
    def patch(data, local, central):
        name_len, extra_len = struct.unpack_from("<HH", data, local + 26)
        start = local + 30 + name_len + extra_len
        data[start: start + 16] = b"\xff" * 16  # a reserved block type: zlib gives up at once
    return _patch_member(path, "word/document.xml", patch)


# --- HTML -----------------------------------------------------------------------------------------

def html(path: Path, body: str, head: str = '<meta charset="utf-8">', encoding: str = "utf-8") -> Path:
    path.write_bytes(f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode(encoding))
    return path


def html_nested_tables(path: Path, depth: int = 1000) -> Path:
    return html(path, "<table><tr><td>" * depth + "1" + "</td></tr></table>" * depth)


def html_nested_spans(path: Path, depth: int = 50_000) -> Path:
    return html(path, "<p>" + "<span>" * depth + "总计 1" + "</span>" * depth + "</p>")


def html_huge_spans(path: Path, rows: int = 100, span: int = 200) -> Path:
    row = f'<tr><td rowspan={span} colspan={span}>1</td></tr>'
    return html(path, "<table>" + row * rows + "</table>")


def html_punycode(path: Path) -> Path:
    return html(path, "<p>政府信息公开</p><table><tr><td>总计</td><td>1</td></tr></table>",
                head='<meta charset="punycode">')


def utf32_page(path: Path, bom: bool = True) -> Path:
    """The real pingtan page re-encoded as UTF-32 (with a byte-order mark, or little-endian without)."""
    text = HTML.read_text("utf-8")
    path.write_bytes(text.encode("utf-32") if bom else text.encode("utf-32-le"))
    return path


# --- PDF ------------------------------------------------------------------------------------------

def raw_pdf(path: Path, objects: dict[int, bytes], root: int = 1, trailer_extra: bytes = b"") -> Path:
    """A PDF from numbered object bodies, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[num]) if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer_extra, xref)
    path.write_bytes(bytes(out))
    return path


def stream(data: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        data, extra = zlib.compress(data, 9), extra + b" /Filter /FlateDecode"
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pages(contents: bytes, resources: bytes = b"<< /Font << /F1 4 0 R >> >>") -> dict[int, bytes]:
    return {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources
               + b" /Contents " + contents + b" >>",
            4: FONT}


def pdf_contents_cycle(path: Path) -> Path:
    """A page whose /Contents is 6 0 R, which is 7 0 R, which is 6 0 R again."""
    objects = _pages(b"6 0 R")
    objects[6], objects[7] = b"7 0 R", b"6 0 R"
    return raw_pdf(path, objects)


def pdf_no_pages(path: Path) -> Path:
    return raw_pdf(path, {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"})


def pdf_inflating_contents(path: Path, inflated: int = 300 << 20) -> Path:
    """One page whose content stream inflates to ``inflated`` bytes of drawing operators.

    Built in a blink: after a full flush the compressor forgets what came before, so one block's
    compressed bytes repeated are the compressed bytes of the block repeated (the trailing checksum
    is wrong, as a hostile file's may be).
    """
    packer = zlib.compressobj(9)
    block = b"0 0 m 100 100 l S\n" * (1 << 16)  # 1.1 MB of line-drawing operators
    head = packer.compress(b"BT /F1 12 Tf 72 720 Td (1) Tj ET\n") + packer.flush(zlib.Z_FULL_FLUSH)
    piece = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    data = head + piece * (inflated // len(block)) + packer.flush()
    objects = _pages(b"5 0 R")
    objects[5] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return raw_pdf(path, objects)


def pdf_xobject_fanout(path: Path, levels: int = 8, fanout: int = 10) -> Path:
    """Form XObjects each drawing the next level ``fanout`` times, ``levels`` deep (fanout**levels draws)."""
    first = 10
    objects = _pages(b"5 0 R", b"<< /Font << /F1 4 0 R >> /XObject << /X 10 0 R >> >>")
    objects[5] = stream(b"q /X Do Q")
    for level in range(levels):
        num = first + level
        if level == levels - 1:
            body, res = b"BT /F1 12 Tf 72 720 Td (1) Tj ET", b"<< /Font << /F1 4 0 R >> >>"
        else:
            body, res = b"q /X Do Q\n" * fanout, b"<< /XObject << /X %d 0 R >> >>" % (num + 1)
        objects[num] = stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + res + b" ")
    return raw_pdf(path, objects)


def pdf_encrypted(path: Path, password: str = "secret") -> Path:
    """A one-page report PDF that needs a password to open (reportlab's standard encryption)."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=StandardEncryption(password, ownerPassword=password + "-owner", canPrint=0))
    c.drawString(72, 720, "2024 annual report")
    c.save()
    return path


def write_fifo(path: Path) -> Path:
    import os

    os.mkfifo(path)
    return path


UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


# --- reading them ---------------------------------------------------------------------------------

SECONDS = 20  # the time limit a hostile read runs under; each is expected to end in well under it
MEMORY = 400 << 20  # and the memory it may add: "a few hundred MB"


def read_error(path: Path, seconds: float = 8.0):
    """Read ``path`` bounded (a child process with time and memory limits) and return the GikkitError.

    Fails the test if a Report comes back, if the read took ``seconds`` or more, or if it ended at
    the process's time or memory limit rather than at a reason of gikkit's own.
    """
    import time

    import gikkit

    start = time.monotonic()
    try:
        gikkit.read(path, timeout=SECONDS, memory=MEMORY)
    except gikkit.GikkitError as e:
        elapsed = time.monotonic() - start
        assert e.path == str(path) and str(path) in str(e) and "\n" not in str(e)
        assert "still running after" not in e.problem and "of memory" not in e.problem, e.problem
        assert elapsed < seconds, f"{path.name}: {elapsed:.1f} s"
        return e
    raise AssertionError(f"{path} was read as a report")
