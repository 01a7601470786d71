"""gikkit's content-stream reader (readers/pdf_tokens.py) gives exactly pdfminer's objects.

Every content stream of the real PDFs, of generated reports and of the PDFs the tests build is read
both ways and the object sequences compared, type for type; streams mutated at random (and cut into
several streams, and shifted across pdfminer's 4096-byte read buffer) must also come out the same,
exceptions included, whether gikkit's regex read them or handed them to pdfminer. A page read
through gikkit's interpreter must give pdfplumber the very objects its own interpreter gives.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, dict_value, list_value, resolve1
from pdfminer.psparser import PSKeyword, PSLiteral

import hostile_recipes
from fixture_paths import FIXTURES
from gikkit.readers.pdf_interp import read_layout
from gikkit.readers.pdf_tokens import BUFSIZ, _pdfminer_objects, content_objects, stream_objects
from scan_builder import make_scan
from test_readers_pdf import _cjk_pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import make_corpus  # noqa: E402

REAL = sorted((FIXTURES / "real").glob("*.pdf"))
DATA = sorted((Path(__file__).resolve().parents[1] / "data").glob("*.pdf"))


def canon(obj):
    """An object as a comparable value that keeps its type (1, 1.0 and True stay apart)."""
    if isinstance(obj, PSKeyword):
        return ("K", obj.name)
    if isinstance(obj, PSLiteral):
        return ("L", type(obj.name).__name__, obj.name)
    if isinstance(obj, list):
        return ("a", [canon(x) for x in obj])
    if isinstance(obj, dict):
        return ("d", [(k, canon(v)) for k, v in obj.items()])
    if isinstance(obj, PDFStream):
        return ("S", canon(obj.attrs), obj.rawdata)
    return (type(obj).__name__, repr(obj))


def outcome(objects):
    """The canonical objects read, and the exception that ended the reading (if any)."""
    got = []
    try:
        for obj in objects:
            got.append(canon(obj))
    except Exception as e:  # hostile content: pdfminer raises, and so must the fast path
        return got, f"{type(e).__name__}: {e}"
    return got, None


def streams_of(datas: list[bytes]) -> list[PDFStream]:
    out = []
    for n, data in enumerate(datas, start=1):
        s = PDFStream({}, data)
        s.objid = n
        out.append(s)
    return out


def same_as_pdfminer(datas: list[bytes]) -> bool:
    return outcome(content_objects(streams_of(datas))) == outcome(_pdfminer_objects(streams_of(datas)))


def content_streams(path: Path) -> list[list[PDFStream]]:
    """Each page's content streams, and each form XObject's, of the PDF at ``path``."""
    out = []
    with open(path, "rb") as f:
        doc = PDFDocument(PDFParser(f))
        for page in PDFPage.create_pages(doc):
            contents = [resolve1(s) for s in list_value(page.contents or [])]
            out.append([s for s in contents if isinstance(s, PDFStream)])
            seen, todo = set(), [page.resources]
            while todo:
                res = dict_value(resolve1(todo.pop())) or {}
                for x in dict_value(resolve1(res.get("XObject", {}))).values():
                    x = resolve1(x)
                    if isinstance(x, PDFStream) and x.objid not in seen and getattr(x.get("Subtype"), "name", None) == "Form":
                        seen.add(x.objid)
                        out.append([x])
                        todo.append(x.get("Resources", {}))
        for streams in out:
            for s in streams:
                s.get_data()
    return [s for s in out if s]


def assert_read_as_pdfminer(path: Path, *, plain: bool = True) -> int:
    lists = content_streams(path)
    for streams in lists:
        assert outcome(content_objects(streams)) == outcome(_pdfminer_objects(streams)), (path, streams)
        if plain:  # the fast path itself read them (not pdfminer after a fallback)
            assert all(stream_objects(s.get_data()) is not None for s in streams), path
    return len(lists)


@pytest.mark.parametrize("path", REAL + DATA, ids=lambda p: p.name)
def test_published_pdfs_streams_read_as_pdfminer_reads_them(path):
    assert assert_read_as_pdfminer(path) > 0


def test_generated_reports_streams_read_as_pdfminer_reads_them(tmp_path):
    make_corpus.make(8, tmp_path, formats=("pdf",))
    pdfs = sorted(tmp_path.rglob("*.pdf"))
    assert pdfs
    for path in pdfs:
        assert assert_read_as_pdfminer(path) > 0


def test_pdfs_the_tests_build_read_as_pdfminer_reads_them(tmp_path):
    built = [_cjk_pdf(tmp_path / "cjk.pdf", [(16, "center", "政府信息公开工作年度报告"), (12, "left", "（一）(括号) \\ 反斜杠")]),
             make_scan(REAL[0], tmp_path / "scan.pdf", pages=[1]),
             hostile_recipes.pdf_xobject_fanout(tmp_path / "fanout.pdf", levels=3, fanout=3),
             hostile_recipes.pdf_inflating_contents(tmp_path / "inflating.pdf", inflated=1 << 20)]
    for path in built:
        assert assert_read_as_pdfminer(path) > 0


def test_a_page_gives_pdfplumber_the_objects_pdfminer_gives():
    with pdfplumber.open(REAL[0]) as ours, pdfplumber.open(REAL[0]) as theirs:
        for mine, own in zip(ours.pages[:3], theirs.pages[:3]):
            read_layout(mine)
            assert mine.objects == own.objects
            assert mine.chars and mine.rects + mine.lines


HOSTILE = [
    b"q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",  # an inline image: pdfminer re-seeks its buffer
    b"[1 2 (a) ] ] TJ",  # a stray closer
    b"<< /A 1 /B >> BDC",  # an odd dict: pdfminer raises
    b"(\\777) Tj",  # an octal escape over 255: pdfminer asserts
    b"(never closed Tj",
    b"/Na#4 Tf",  # a broken #-escape
    b"{ 1 2 } Tj",
]


@pytest.mark.parametrize("data", HOSTILE)
def test_hostile_streams_fall_back_to_pdfminer(data):
    assert stream_objects(data) is None
    assert same_as_pdfminer([data]) and same_as_pdfminer([b"q 1 0 0 1 0 0 cm\n", data, b"Q"])


def test_tokens_cut_by_a_stream_break_and_by_the_read_buffer():
    assert same_as_pdfminer([b"BT /F1 12 Tf 72 7", b"20 Td (x) T", b"j ET"])  # tokens run on over breaks
    assert same_as_pdfminer([b"BT /", b"F1 12 Tf <", b"41> Tj ET"])
    assert same_as_pdfminer([b"BT <41>", b">> Tj"])  # pdfminer carries the hex string's ">" on to the next stream
    assert stream_objects(b"BT <41>") is None
    assert stream_objects(b"BT /F1 12 Tf 72 7") == ([*stream_objects(b"BT /F1 12 Tf 72 7")[0]], True)
    for shift in range(BUFSIZ - 8, BUFSIZ + 2):  # an escaped line break across pdfminer's buffer edge
        assert same_as_pdfminer([b" " * shift + b"(a\\\r\nb) Tj <</A <<>> >> BDC"])


PIECES = [b" ", b"\n", b"\r", b"\x00", b"(", b")", b"\\", b"<", b">", b"<<", b">>", b"[", b"]", b"{", b"}", b"/",
          b"#", b"#4", b"%", b"-", b"+", b".", b"0", b"7", b"9", b"e", b"BI", b"ID", b"EI", b"true", b"Tj", b"'",
          b"\\r", b"\\12", b"\\377", b"\\\r\n", b"\xff", b"41", b"/F1", b"1.5"]


@st.composite
def mutated_stream(draw):
    """A real content stream's bytes with a few random edits, cut into one to three streams."""
    lists = _REAL_STREAMS
    data = draw(st.sampled_from(lists))
    start = draw(st.integers(0, max(0, len(data) - 600)))
    data = bytearray(data[start : start + draw(st.integers(0, 600))])
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        cut = draw(st.integers(0, 3))
        data[at : at + cut] = draw(st.sampled_from(PIECES) | st.binary(max_size=3))
    data = bytes(data)
    if draw(st.booleans()):  # across pdfminer's 4096-byte read buffer
        data = b" " * draw(st.integers(BUFSIZ - len(data) // 2 - 4, BUFSIZ)) + data
    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=2)))
    return [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)])]


_REAL_STREAMS = [s.get_data() for path in REAL for streams in content_streams(path) for s in streams]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_stream())
def test_mutated_streams_read_as_pdfminer_reads_them(datas):
    assert same_as_pdfminer(datas)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(st.sampled_from(PIECES) | st.binary(max_size=4), max_size=30).map(b" ".join), min_size=1, max_size=3))
def test_random_token_soup_reads_as_pdfminer_reads_it(datas):
    assert same_as_pdfminer(datas)
