"""Across years (same agency) and across levels (a unit against the sum of its sub-units)."""
from __future__ import annotations

import copy
import json

import pytest

from gikkit import checks

from checks_support import clean_v2019, clean_v2021, edit, read_text


def _seed_2019(tmp_path, **change):
    """The seed's figures as its 2019 report: items rolled back one year (10 = 9 + 1)."""
    text = edit(clean_v2019(), replace={"办事处2020年政府信息公开": "办事处2019年政府信息公开",
                                        "统计期限自2020年1月1日始，至2020年12月31日止": "统计期限自2019年1月1日始，至2019年12月31日止"},
                cells={"t2.art20_5.other_external_services.prev_year_item_count": "9"})
    return read_text(tmp_path, edit(text, **change), "2019.txt")


def _pair(tmp_path, **change):
    return [_seed_2019(tmp_path, **change), read_text(tmp_path, clean_v2019(), "2020.txt")]


def test_consecutive_clean_years_have_no_findings(tmp_path):
    reports = _pair(tmp_path)
    assert [r.year for r in reports] == [2019, 2020]
    frame = checks.check(reports)
    assert frame.empty, frame[["code", "message_en"]]


def test_carryover_not_continued(tmp_path):
    moved = {"t3.new_received.natural_person": 2, "t3.new_received.total": 2,
             "t3.carried_forward_to_next.natural_person": 2, "t3.carried_forward_to_next.total": 2}
    reports = _pair(tmp_path, add=moved)
    frame = checks.check(reports)
    assert set(frame["code"]) == {"t3_carryover_continuity"} and len(frame) == 2
    assert set(frame["source"]) == {reports[1].source}  # the later year's report
    f = next(f for f in reports[1].findings if "natural_person" in f.refs[0])
    assert (f.refs, f.expected, f.found) == (["t3.carried_over_from_prev.natural_person",
                                              "t3.carried_forward_to_next.natural_person"], 2, 0)
    assert f.extra["compared_with"] == reports[0].source and "2019" in f.message_zh


def test_item_count_not_rolled_forward(tmp_path):
    reports = _pair(tmp_path, cells={"t2.art20_5.other_external_services.item_count_change": "+2"})
    frame = checks.check(reports)
    assert list(frame["code"]) == ["t2_item_count_roll_forward"]
    assert (frame.loc[0, "expected"], frame.loc[0, "found"]) == (11, 10)


def _huaian_pair(tmp_path):
    """淮安 2024 and, built from it, a 2023 report whose year-end figures lead into 2024's."""
    r24 = read_text(tmp_path, clean_v2021(), "2024.txt")
    r23 = copy.deepcopy(r24)
    r23.year, r23.source = 2023, "2023.txt"
    for col in ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
                "legal_service_org", "other_org", "total"):
        r23.cells[f"t3.carried_forward_to_next.{col}"] = r24.cells[f"t3.carried_over_from_prev.{col}"]
    r23.cells["t2.art20_1.regulations.currently_valid"] = 11 - 1 + 0
    r23.cells["t2.art20_1.normative_documents.currently_valid"] = 66 - 8 + 26
    return r23, r24


def test_valid_documents_roll_forward(tmp_path):
    r23, r24 = _huaian_pair(tmp_path)
    assert checks.check([r23, r24], only="across_years").empty
    r23.cells["t2.art20_1.normative_documents.currently_valid"] = 80
    frame = checks.check([r23, r24], only="across_years")
    assert list(frame["code"]) == ["t2_valid_roll_forward"]
    assert (frame.loc[0, "expected"], frame.loc[0, "found"]) == (80 + 8 - 26, 66)


def test_a_missing_figure_last_year_cannot_be_checked(tmp_path):
    r23, r24 = _huaian_pair(tmp_path)
    r23.cells["t3.carried_forward_to_next.total"] = None
    frame = checks.check([r23, r24], only="t3_carryover_continuity")
    assert list(frame["code"]) == ["cannot_check"]
    assert "t3.carried_forward_to_next.total@2023" in frame.loc[0, "message_en"]


def test_different_templates_compare_only_what_both_have(tmp_path):
    """2020 (2019 format) then 2021 (2021 format): carry-over is compared, document counts are not."""
    r20 = read_text(tmp_path, clean_v2019(), "2020.txt")
    r21 = copy.deepcopy(read_text(tmp_path, clean_v2021(), "2021.txt"))
    r21.year, r21.agency = 2021, r20.agency
    frame = checks.check([r20, r21], only="across_years")
    assert set(frame["code"]) == {"t3_carryover_continuity"}  # 2021 carries over 34; 2020 carried forward 0
    assert len(frame) == 2


# -- across levels --------------------------------------------------------------------------------

COUNTY, TOWNS = "高青县人民政府", ["田镇街道办事处", "黑里寨镇人民政府"]
LICENSING = "t2.art20_5.administrative_licensing.decisions_count"


def _levels(tmp_path):
    base = read_text(tmp_path, clean_v2019(), "town.txt")
    towns = []
    for i, name in enumerate(TOWNS):
        t = copy.deepcopy(base)
        t.agency, t.source = name, f"{name}.txt"
        t.cells[LICENSING] = i + 1
        towns.append(t)
    county = copy.deepcopy(base)
    county.agency, county.source = COUNTY, "county.txt"
    for ref in county.cells:
        county.cells[ref] = sum(t.cells[ref] for t in towns)
    return county, towns


@pytest.mark.parametrize("form", ["dict", "json", "csv"])
def test_a_unit_equal_to_the_sum_of_its_sub_units(tmp_path, form):
    county, towns = _levels(tmp_path)
    mapping = {COUNTY: TOWNS}
    if form == "json":
        (tmp_path / "levels.json").write_text(json.dumps(mapping, ensure_ascii=False), "utf-8")
        mapping = tmp_path / "levels.json"
    elif form == "csv":
        (tmp_path / "levels.csv").write_text("parent,child\n" + "".join(f"{COUNTY},{t}\n" for t in TOWNS), "utf-8")
        mapping = str(tmp_path / "levels.csv")
    assert checks.check([county, *towns], levels=mapping).empty


def test_a_unit_that_does_not_add_up(tmp_path):
    county, towns = _levels(tmp_path)
    county.cells[LICENSING] += 1
    frame = checks.check([county, *towns], levels={COUNTY: TOWNS})
    assert list(frame["code"]) == ["sub_units_sum"]
    assert (frame.loc[0, "source"], frame.loc[0, "refs"]) == ("county.txt", LICENSING)
    assert (frame.loc[0, "expected"], frame.loc[0, "found"]) == (3, 4)
    assert "2 个下级单位" in frame.loc[0, "message_zh"]


def test_a_sub_unit_without_a_report_cannot_be_checked(tmp_path):
    county, towns = _levels(tmp_path)
    frame = checks.check([county, towns[0]], levels={COUNTY: TOWNS})
    assert list(frame["code"]) == ["cannot_check"]
    assert TOWNS[1] in frame.loc[0, "message_zh"]


def test_a_bad_mapping_file_is_a_clear_error(tmp_path):
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n", "utf-8")
    with pytest.raises(ValueError, match="parent,child"):
        checks.load_mapping(tmp_path / "bad.csv")


def test_without_a_mapping_nothing_is_compared_across_levels(tmp_path):
    county, towns = _levels(tmp_path)
    county.cells[LICENSING] += 5
    assert checks.check([county, *towns]).empty
