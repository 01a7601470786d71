"""The seed report parses to exactly its 198 expected cells and metadata."""
from __future__ import annotations

import pytest
from fixture_paths import SEED_DIR


def test_metadata(seed_report, seed_expected):
    assert seed_report.agency == seed_expected["agency"] == "高青县田镇街道办事处"
    assert seed_report.year == seed_expected["year"] == 2020
    assert seed_report.template == seed_expected["template"] == "v2019"
    assert seed_report.published == seed_expected["published"] == "2021-01-20"
    assert seed_report.format == "word-text"


def test_exactly_the_expected_cells(seed_report, seed_expected):
    assert set(seed_report.cells) == set(seed_expected["cells"])
    assert len(seed_report.cells) == 198


@pytest.mark.parametrize("ref", sorted(__import__("json").load(open(
    SEED_DIR / "000_c2619695b87ce2e6.expected.json",
    encoding="utf-8"))["cells"]))
def test_every_cell(seed_report, seed_expected, ref):
    expected = seed_expected["cells"][ref]
    found = seed_report.cells[ref]
    if expected is None:
        assert found is None, f"{ref} should be blank (null), not {found!r}"
    else:
        assert found == pytest.approx(expected) and found is not None


def test_quirky_cells(seed_report):
    assert seed_report.cells["t2.art20_9.government_centralized_procurement.procurement_total_amount"] == pytest.approx(998.435698)
    assert seed_report.cells["t2.art20_5.other_external_services.item_count_change"] == 1
    assert seed_report.cells["t3.outcome_total.social_welfare_org"] is None


def test_blank_cell_finding(seed_report):
    blank = [f for f in seed_report.findings if f.code == "blank_cell"]
    assert [f.refs for f in blank] == [["t3.outcome_total.social_welfare_org"]]


def test_only_findings_the_blank_causes(seed_report):
    """The seed's figures are otherwise consistent: every other finding is about its blank cell."""
    for f in seed_report.findings:
        assert "t3.outcome_total.social_welfare_org" in f.refs, f.to_dict()
        assert f.severity in ("warning", "info")
    assert {f.code for f in seed_report.findings} == {"blank_cell", "cannot_check"}


def test_six_sections(seed_report):
    assert list(seed_report.sections) == ["s1_overview", "s2_proactive_disclosure", "s3_applications",
                                          "s4_review_litigation", "s5_problems_improvements", "s6_other_matters"]
    assert seed_report.sections["s1_overview"].startswith("（一）体制机制建设")
    assert "四舍五入" in seed_report.sections["s6_other_matters"]
    assert seed_report.sections_seen == list(seed_report.sections)


def test_tidy_frame(seed_report):
    frame = seed_report.to_frame()
    assert len(frame) == 198
    assert frame["ref"].is_unique
    row = frame.set_index("ref").loc["t3.granted.natural_person"]
    assert (row["agency"], row["year"], row["template"], row["table"]) == ("高青县田镇街道办事处", 2020, "v2019", "t3")
    assert (row["row"], row["column"]) == ("granted", "natural_person")
    assert row["row_label_zh"] == "（一）予以公开" and row["column_label_en"] == "Natural persons"
    blank = frame.set_index("ref").loc["t3.outcome_total.social_welfare_org"]
    assert blank["status"] == "blank" and blank["value"] is __import__("pandas").NA


def test_frame_labels_are_the_reports_own_template(seed_report):
    """A 2019-format report is labelled with the 2019 wording, not the 2021 one."""
    frame = seed_report.to_frame().set_index("ref")
    assert frame.loc["t2.art20_5.administrative_licensing.decisions_count", "column_label_zh"] == "处理决定数量"
    assert frame.loc["t2.art20_1.normative_documents.made_this_year", "row_label_zh"] == "规范性文件"
