"""Every real and rendered fixture parses to exactly the cells of its .expected.json.

Fixtures: tests/fixtures/real (PDF) and tests/fixtures/rendered (DOCX, HTML). Where a
report prints a group as one row (洪泽's （六）其他处理), the expected file has the group's refs and
omits the sub-rows; gikkit gives the sub-rows as null with a group_printed_as_one_row finding.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import gikkit
from gikkit import schema
from number_accounting import accounted_numbers, printed_numbers
from fixture_paths import FIXTURES

REPORTS = sorted(p for d in ("real", "rendered") for p in (FIXTURES / d).iterdir()
                  if p.suffix in (".pdf", ".docx", ".html"))
FORMATS = {".pdf": "pdf", ".docx": "docx", ".html": "html"}


def expected_for(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))


@pytest.fixture(scope="module", params=REPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def parsed(request):
    return request.param, gikkit.read(request.param), expected_for(request.param)


def test_every_format_is_covered():
    assert {p.suffix for p in REPORTS} == {".pdf", ".docx", ".html"}
    assert len(REPORTS) == 5


def test_metadata(parsed):
    path, report, expected = parsed
    assert (report.agency, report.year, report.template) == (expected["agency"], expected["year"], expected["template"])
    assert report.format == FORMATS[path.suffix]


def test_exact_cells(parsed):
    _, report, expected = parsed
    want = expected["cells"]
    unscored = set(expected.get("unscored", []))
    extra = set(report.cells) - set(want)
    assert set(want) - set(report.cells) == set(), "expected refs missing from the report"
    grouped = {r for r in extra if report.status(r) == "group_printed_as_one_row"}
    assert extra == grouped, f"refs beyond the expected ones that are not sub-rows of a one-row group: {extra - grouped}"
    for ref in extra:
        assert report.cells[ref] is None
    wrong = {ref: (value, report.cells[ref]) for ref, value in want.items()
             if ref not in unscored and (report.cells[ref] != value or (value is None) != (report.cells[ref] is None))}
    assert wrong == {}


def test_cells_are_the_templates_cells(parsed):
    _, report, _ = parsed
    tmpl = schema.template(report.template)
    assert set(tmpl.cells) <= set(report.cells)
    for ref in set(report.cells) - set(tmpl.cells):
        assert ref.startswith("t3.other_handling."), ref


def test_clean_reports_have_no_error_findings(parsed):
    _, report, expected = parsed
    assert expected["violations"] == []  # every fixture today is consistent in itself
    errors = [f.to_dict() for f in report.findings if f.severity == "error"]
    assert errors == []


def test_no_values_lost_in_reading(parsed):
    """A clean fixture leaves no printed number outside the cells."""
    _, report, _ = parsed
    lost = [f.to_dict() for f in report.findings if f.code in
            ("unplaced_values", "extra_values", "short_row", "extra_row", "extra_block", "stray_row", "duplicate_row")]
    assert lost == []


def test_every_printed_number_is_in_a_cell_or_a_finding(parsed):
    path, report, _ = parsed
    assert printed_numbers(path) == accounted_numbers(report)


def test_hongze_prints_other_handling_as_one_row():
    report = gikkit.read(FIXTURES / "real/hongze-district-2024.pdf")
    v21 = schema.template("v2021")
    subs = [r for r in v21.cells if r.split(".")[1] in v21.rows[("t3", None, "other_handling")].children]
    assert len(subs) == 21
    assert all(report.cells[r] is None and report.status(r) == "group_printed_as_one_row" for r in subs)
    assert report.cells["t3.other_handling.total"] == 0
    [group] = [f for f in report.findings if f.code == "group_printed_as_one_row"]
    assert set(subs) <= set(group.refs) and "t3.other_handling.total" in group.refs
    assert group.severity == "warning"


def test_hongze_typo_label_is_matched_with_a_finding():
    report = gikkit.read(FIXTURES / "real/hongze-district-2024.pdf")
    fuzzy = [f for f in report.findings if f.code == "label_fuzzy_match"]
    assert [f.found for f in fuzzy] == ["2.其他法律行政止公开"]
    assert fuzzy[0].severity == "info"
    assert report.cells["t3.withheld_prohibited_by_law.total"] == 0


def test_same_report_in_three_formats_gives_the_same_cells():
    paths = [FIXTURES / "real/huaian-city-2024.pdf", FIXTURES / "rendered/huaian-city-2024.docx",
             FIXTURES / "rendered/huaian-city-2024.html"]
    reports = [gikkit.read(p) for p in paths]
    assert [r.format for r in reports] == ["pdf", "docx", "html"]
    first = reports[0]
    for other in reports[1:]:
        assert other.cells == first.cells
        assert (other.agency, other.year, other.template) == (first.agency, first.year, first.template)
        assert {r: other.status(r) for r in other.cells} == {r: first.status(r) for r in first.cells}
