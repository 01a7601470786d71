"""Each reader's entry over arbitrary bytes and mutations of the real fixtures: a Report or a GikkitError of
gikkit's own, within the time and memory limits (see fuzzing.check_read)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gikkit.errors import GikkitError
from gikkit.readers.html import parse_html

from fuzzing import DOCX, HTML, PDF, SEED, docx_parts, for_a_while, mutated, outcome, rezip, small_pdf

NAMES = ["report.pdf", "report.docx", "report.html", "report.txt", "report", "report.md"]
SIGNATURES = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<!DOCTYPE html><html><body>", b"\xef\xbb\xbf", b"\xff\xfe",
              b"\xff\xfe\x00\x00", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]


@for_a_while
@given(head=st.sampled_from(SIGNATURES), rest=st.binary(max_size=4096), name=st.sampled_from(NAMES))
def test_arbitrary_bytes_under_any_name(head, rest, name):
    outcome(head + rest, name)


@for_a_while
@given(data=st.data())
def test_mutated_text_report(data):
    outcome(data.draw(mutated(SEED.read_bytes())), data.draw(st.sampled_from(["seed.txt", "seed"])))


@for_a_while
@given(data=st.data())
def test_mutated_web_page(data):
    outcome(data.draw(mutated(HTML.read_bytes())), "page.html")


@for_a_while
@given(data=st.data())
def test_mutated_docx_document_xml(data):
    """Edits inside word/document.xml, re-zipped: the XML and table structure take the damage, not the zip."""
    parts = dict(docx_parts())
    parts["word/document.xml"] = data.draw(mutated(parts["word/document.xml"], edits=6))
    outcome(rezip(parts), "report.docx")


@for_a_while
@given(data=st.data())
def test_mutated_docx_archive(data):
    outcome(data.draw(mutated(DOCX.read_bytes())), "report.docx")


@for_a_while
@given(data=st.data())
def test_mutated_small_pdf(data):
    outcome(data.draw(mutated(small_pdf(), edits=3)), "report.pdf")


@for_a_while
@settings(max_examples=3)
@given(data=st.data())
def test_mutated_real_pdf(data):
    """Slow (a real report's pages take seconds): a few examples here, many under ``make fuzz``."""
    outcome(data.draw(mutated(PDF.read_bytes(), edits=2)), "report.pdf")


TAGS = ["table", "tr", "td", "th", "span", "p", "div", "br", "tbody", "o:p", "meta", "h1", "title", "script"]


@st.composite
def markup(draw, depth=0):
    """Random HTML: nested tags with random spans, text and numbers."""
    parts = []
    for _ in range(draw(st.integers(0, 6 if depth < 4 else 0))):
        tag = draw(st.sampled_from(TAGS))
        attrs = draw(st.sampled_from(["", " rowspan=3", " colspan=7", ' rowspan="0" colspan="x"', " colspan=99999",
                                      ' charset="punycode"']))
        parts.append(f"<{tag}{attrs}>{draw(markup(depth + 1))}</{tag}>")
    parts.append(draw(st.text(alphabet="总计申请12345 年表二三四\n&;<>", max_size=30)))
    return "".join(parts)


@for_a_while
@given(page=markup())
def test_parse_html_of_random_markup(page):
    try:
        parse_html(page, "page.html")
    except GikkitError as e:
        assert "unexpected" not in e.problem
