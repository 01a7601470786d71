"""No false positives on the real reports in tests/fixtures, and exactly its blank cell's findings on the seed."""
from __future__ import annotations

import json

import pytest

import gikkit
from gikkit import checks

from checks_support import FIXTURES, HERE, SEED

REPORTS = sorted(p for p in FIXTURES.glob("*/*") if p.suffix in (".pdf", ".docx", ".html") and "template" not in p.parts)
BLANK_TEMPLATE = FIXTURES / "template" / "official-2021-blank.docx"


def _expected(path):
    return json.loads(path.with_suffix(".expected.json").read_text("utf-8"))


def _allowed_warnings(expected: dict) -> set[str]:
    """Warnings that are true of the source: its blank cells, a group it prints as one row."""
    allowed = {"blank_cell"} if expected["blank_cells_source"] else set()
    if "t3.other_handling.total" in expected["cells"] and expected["template"] == "v2021":
        allowed.add("group_printed_as_one_row")
    return allowed


@pytest.fixture(scope="module")
def fixture_reports():
    return {p: gikkit.read(p) for p in REPORTS}


@pytest.mark.parametrize("path", REPORTS, ids=[p.name for p in REPORTS])
def test_no_false_positives(fixture_reports, path):
    report, expected = fixture_reports[path], _expected(path)
    assert expected["violations"] == []
    assert [f.message for f in report.findings if f.severity == "error"] == []
    warnings = {f.code for f in report.findings if f.severity == "warning"}
    assert warnings <= _allowed_warnings(expected), [f.message for f in report.findings]


def test_no_false_positives_across_the_fixtures(fixture_reports, seed_path):
    reports = list(fixture_reports.values()) + [gikkit.read(seed_path)]
    frame = checks.check(reports)
    serious = frame[frame["severity"] != "info"]
    assert set(serious["code"]) <= {"blank_cell", "group_printed_as_one_row"}, serious[["source", "message_en"]]


def test_hongze_quotes_a_sub_units_figure_that_is_not_a_finding(fixture_reports):
    report = fixture_reports[FIXTURES / "real" / "hongze-district-2024.pdf"]
    assert "受理政府信息公开申请17件" in "".join(report.sections["s1_overview"].split())
    assert report.cells["t3.new_received.total"] == 95
    assert "text_figure_mismatch" not in {f.code for f in report.findings}


def test_huaian_text_agrees_with_its_tables(fixture_reports):
    """淮安 quotes 3119/3050/34/103, 351 reviews and 46 lawsuits: all checked, none differ."""
    from gikkit.checks.narrative import _claims_in
    from gikkit.checks.structure import flat

    report = fixture_reports[FIXTURES / "real" / "huaian-city-2024.pdf"]
    quoted = [c for s in flat(report.sections["s1_overview"]).split("。")
              for c in _claims_in(s, report.agency, report.year)]
    assert len(quoted) >= 14
    assert not [f for f in report.findings if f.code in ("text_figure_mismatch", "cannot_check")]


def test_the_blank_official_template_is_all_blanks_and_one_error_saying_so():
    report = gikkit.read(BLANK_TEMPLATE)
    assert [f.code for f in report.findings if f.severity == "error"] == ["no_figures"]
    assert {f.code for f in report.findings if f.severity == "warning"} == {"blank_cell"}
    assert report.coverage == 1.0  # every cell read: each is known to be blank


def test_the_seed_has_exactly_the_findings_its_blank_cell_causes(seed_report):
    blank = "t3.outcome_total.social_welfare_org"
    assert sorted(f.code for f in seed_report.findings) == ["blank_cell"] + ["cannot_check"] * 3
    assert all(blank in f.refs for f in seed_report.findings)
    assert SEED.exists()


def test_every_code_met_on_real_and_demo_reports_is_declared_and_explained(fixture_reports):
    demo = gikkit.read_many([HERE.parent / "data"], jobs=1, progress=False)
    reports = list(fixture_reports.values()) + demo.reports
    frame = checks.check(reports)
    assert set(frame["code"]) <= set(checks.RULES_BY_CODE)
    assert (frame["rule"].str.len() > 0).all()
