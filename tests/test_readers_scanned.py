"""Scanned PDFs read by OCR, offline: scans made here of the two real PDF fixtures (tests/scan_builder.py).

Each real PDF is printed-and-scanned in software (grey, 150 dpi, turned by up to a degree,
speckled, blurred, JPEG, wrapped as an image-only PDF) and read back with ``gikkit.read``. The
scans are OCR'd once for the module (into a temporary OCR cache); the tests then check the cells
against the fixtures' expected values, where each figure came from, the warnings on doubtful
figures, the cache, pages mixing text and scans, and that nothing is fetched from the network.
"""
from __future__ import annotations

import copy
import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

import gikkit
from gikkit import checks
from gikkit.readers import ocr, scan, scan_cache
from fixture_paths import FIXTURES
from scan_builder import make_scan

REAL = FIXTURES / "real"
NAMES = ("huaian-city-2024", "hongze-district-2024")
PAGE = (595.0, 842.0)  # both fixtures print on A4, in points


@pytest.fixture(scope="module")
def cache_home(tmp_path_factory):
    """An OCR cache of this module's own (XDG_CACHE_HOME), so the user's is neither read nor filled."""
    home = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(home))
        yield home


@pytest.fixture(scope="module")
def scans(cache_home, tmp_path_factory):
    """name -> (scan path, report read from it, seconds the first read took, expected)."""
    out_dir = tmp_path_factory.mktemp("scans")
    found = {}
    for name in NAMES:
        path = make_scan(REAL / f"{name}.pdf", out_dir / f"{name}.scan.pdf", dpi=150)
        start = time.perf_counter()
        report = gikkit.read(path)
        found[name] = (path, report, time.perf_counter() - start,
                       json.loads((REAL / f"{name}.expected.json").read_text("utf-8")))
    return found


def test_the_scans_have_no_text_layer(scans):
    import pdfplumber

    for path, *_ in scans.values():
        with pdfplumber.open(path) as pdf:
            assert all(not page.chars and page.images for page in pdf.pages)


def test_cells_read_from_scans_are_exact_and_every_wrong_one_is_named(scans):
    total = exact = 0
    for name, (_, report, _, expected) in scans.items():
        named = {ref for f in report.findings for ref in f.refs}
        for ref, want in expected["cells"].items():
            total += 1
            got = report.cells.get(ref)
            if got == want:
                exact += 1
            elif got is not None:  # a wrong number is allowed only with a finding that names its cell
                assert ref in named, f"{name}: {ref} read as {got}, printed {want}, and no finding names it"
    assert total == 386
    assert exact / total >= 0.995, f"{exact}/{total} cells exact"


def test_metadata_comes_from_the_scanned_text(scans):
    for _, report, _, expected in scans.values():
        assert (report.agency, report.year, report.template) == (expected["agency"], expected["year"], expected["template"])
        assert report.format == "pdf"


def test_each_ocr_value_keeps_its_page_box_and_confidence(scans):
    for _, report, _, expected in scans.values():
        read = {ref: info for ref, info in report.cell_info.items() if info.get("read_by") == "ocr"}
        printed = [ref for ref, v in expected["cells"].items() if v is not None]
        assert set(printed) <= set(read)
        t3_pages = {read[ref]["page"] for ref in read if ref.startswith("t3.")}
        assert 1 <= len(t3_pages) <= 2  # 表三 runs over one page break at most
        for ref, info in read.items():
            x0, top, x1, bottom = info["box"]
            assert 0 <= x0 < x1 <= PAGE[0] and 0 <= top < bottom <= PAGE[1], (ref, info["box"])
            assert 0.0 <= info["confidence"] <= 1.0
            assert isinstance(info["page"], int)


def test_a_misread_figure_and_an_unsure_one_get_warnings_naming_them(scans):
    _, report, _, _ = scans["huaian-city-2024"]
    assert not [f for f in report.findings if f.code == "ocr_breaks_identity"]  # read right, every identity holds
    report = copy.deepcopy(report)
    misread, unsure = "t3.granted.natural_person", "t3.granted.commercial_enterprise"
    report.cells[misread] += 10  # what a 1 read as a 7 does to a figure
    report.cell_info[unsure] = {**report.cell_info[unsure], "confidence": 0.42}
    found = checks.run(report)
    [breaks] = [f for f in found if f.code == "ocr_breaks_identity"]
    assert breaks.refs == [misread] and breaks.extra["page"] == report.cell_info[misread]["page"]
    assert breaks.extra["box"] == report.cell_info[misread]["box"]
    [low] = [f for f in found if f.code == "ocr_low_confidence" and unsure in f.refs]
    assert low.refs == [unsure] and "0.42" in low.message_en


def test_a_figure_smudged_on_the_page_is_never_silently_wrong(scans, tmp_path):
    """Rub out half of a printed figure in the scan: it is read right, or named in a finding."""
    from PIL import Image, ImageDraw

    _, report, _, expected = scans["huaian-city-2024"]
    ref = "t3.granted.natural_person"
    page, (x0, top, x1, bottom) = report.cell_info[ref]["page"], report.cell_info[ref]["box"]
    scale = 150 / 72
    scanned = scan.render(_scan_path(scans), [page, page + 1])
    images = [Image.fromarray(scanned[n]) for n in (page, page + 1)]
    ImageDraw.Draw(images[0]).rectangle(
        [x0 * scale + (x1 - x0) * scale * 0.55, top * scale, x1 * scale, bottom * scale], fill=235)
    smudged = tmp_path / "smudged.pdf"
    images[0].save(smudged, "PDF", resolution=150.0, save_all=True, append_images=images[1:])
    again = gikkit.read(smudged)
    if again.cells[ref] != expected["cells"][ref]:
        assert any(ref in f.refs for f in again.findings), (again.cells[ref], again.cell_info[ref])
    assert again.cells["t3.new_received.natural_person"] == expected["cells"]["t3.new_received.natural_person"]


def _scan_path(scans) -> Path:
    return scans["huaian-city-2024"][0]


def test_a_scan_is_ocred_once_then_read_from_the_cache(scans, cache_home, tmp_path):
    path, report, first, _ = scans["hongze-district-2024"]
    assert list((cache_home / "gikkit" / "ocr").glob("*.json"))
    renamed = tmp_path / "same-bytes-other-name.pdf"
    shutil.copyfile(path, renamed)
    start = time.perf_counter()
    again = gikkit.read(renamed)
    took = time.perf_counter() - start
    assert again.cells == report.cells
    assert again.cell_info == report.cell_info
    assert took < first / 5, (took, first)


def test_a_pdf_mixing_text_pages_and_scanned_pages_reads_each_its_way(scans, tmp_path):
    import pypdfium2

    path, _, _, expected = scans["hongze-district-2024"]
    text_pdf, scan_pdf = pypdfium2.PdfDocument(str(REAL / "hongze-district-2024.pdf")), pypdfium2.PdfDocument(str(path))
    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(text_pdf, [0, 1, 2])  # text layer: cover, sections, 表二 and the start of 表三
    mixed.import_pages(scan_pdf, [3])  # scanned: the end of 表三 and 表四
    mixed.import_pages(text_pdf, [4])
    mixed.save(str(tmp_path / "mixed.pdf"))
    for d in (text_pdf, scan_pdf, mixed):
        d.close()
    report = gikkit.read(tmp_path / "mixed.pdf")
    assert {ref: report.cells.get(ref) for ref in expected["cells"]} == expected["cells"]
    pages = {ref: info.get("page") for ref, info in report.cell_info.items() if info.get("read_by") == "ocr"}
    assert pages and set(pages.values()) == {4}
    assert "t4.admin_review.total" in pages and "t3.granted.total" not in pages


def test_models_ship_in_the_wheel_and_nothing_is_fetched(tmp_path, monkeypatch):
    import rapidocr

    root = Path(rapidocr.__file__).resolve().parent
    for path in ocr.model_paths().values():
        assert root in path.parents and path.stat().st_size > 100_000

    def no_network(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    built = []
    fresh = threading.Thread(target=lambda: built.append(ocr.engine()))  # a thread of its own builds its engine
    fresh.start()
    fresh.join()
    assert built and built[0].cfg.Det.model_path == str(ocr.model_paths()["det"])
    one_page = make_scan(REAL / "hongze-district-2024.pdf", tmp_path / "p2.pdf", pages=[2])
    tables, lines = scan.read_scanned_pages(one_page, [1], jobs=3)  # a pool of its own: a new thread, its engine loaded offline
    assert tables and lines
    assert any(getattr(c, "source", None) for t in tables for row in t.rows for c in row)
    assert scan_cache.cache_dir() == tmp_path / "cache" / "gikkit" / "ocr"


def test_digits_ocr_confuses_are_read_as_digits_only_in_number_cells():
    assert ocr.as_number_text("1O5") == "105" and ocr.as_number_text("l2") == "12" and ocr.as_number_text("S0") == "50"
    assert ocr.as_number_text(".3") == "3" and ocr.as_number_text("0.") == "0"  # dust beside a figure
    assert ocr.as_number_text("96171.6") == "96171.6"
    assert ocr.as_number_text("行政处罚") is None and ocr.as_number_text("1.属于") is None
