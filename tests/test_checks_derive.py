"""Deriving blank totals: only on request, marked "derived" in the tidy data, with an info finding."""
from __future__ import annotations

from gikkit import checks

from checks_support import clean_v2019, clean_v2021, codes, edit, read_text


def test_off_by_default_nothing_changes(tmp_path):
    report = read_text(tmp_path, edit(clean_v2021(), cells={"t3.granted.total": ""}))
    checks.check(report)
    assert report.cells["t3.granted.total"] is None and report.status("t3.granted.total") == "blank"
    assert codes(report.findings) == ["blank_cell"] + ["cannot_check"] * 2


def test_a_blank_total_column_cell_is_derived_from_its_six_applicant_cells(tmp_path):
    report = read_text(tmp_path, edit(clean_v2021(), cells={"t3.granted.total": ""}))
    frame = checks.check(report, derive_totals=True)
    assert report.cells["t3.granted.total"] == 1288 + 21 + 0 + 0 + 50 + 3 == 1362
    assert list(frame["code"]) == ["derived_total"] and frame.loc[0, "severity"] == "info"
    (f,) = report.findings
    assert f.refs[0] == "t3.granted.total" and "t3.granted.natural_person" in f.refs
    assert (f.expected, f.found) == ("blank", 1362) and "derived as 1362" in f.message_en
    tidy = report.to_frame().set_index("ref").loc["t3.granted.total"]
    assert tidy["status"] == "derived" and tidy["value"] == 1362 and tidy["raw"] == ""


def test_the_seeds_blank_outcome_total_is_derived_from_the_outcome_rows(seed_path, tmp_path):
    report = read_text(tmp_path, seed_path.read_text("utf-8"))
    checks.check(report, derive_totals=True)
    assert report.cells["t3.outcome_total.social_welfare_org"] == 0
    assert codes(report.findings) == ["derived_total"]


def test_chained_totals_and_placeholders(tmp_path):
    """A blank （七）总计 in the 总计 column: derived after the applicant column it needs."""
    text = edit(clean_v2021(), cells={"t3.outcome_total.total": "—", "t3.outcome_total.natural_person": ""})
    report = read_text(tmp_path, text)
    filled = checks.derive_totals(report)
    assert set(filled) == {"t3.outcome_total.total", "t3.outcome_total.natural_person"}
    assert report.cells["t3.outcome_total.natural_person"] == 2932 and report.cells["t3.outcome_total.total"] == 3050
    assert report.cell_info["t3.outcome_total.total"]["was"] == "placeholder"


def test_a_total_whose_parts_are_missing_stays_blank(tmp_path):
    report = read_text(tmp_path, edit(clean_v2019(), cells={"t4.admin_review.total": "", "t4.admin_review.pending": ""}))
    assert checks.derive_totals(report) == []
    assert report.cells["t4.admin_review.total"] is None


def test_a_wrong_printed_total_is_never_overwritten(tmp_path):
    report = read_text(tmp_path, edit(clean_v2019(), add={"t4.admin_review.total": 1}))
    assert checks.derive_totals(report) == []
    assert report.cells["t4.admin_review.total"] == 1
