"""gikkit.checks in Python: the rules as data, choosing checks, findings and blanks as DataFrames."""
from __future__ import annotations

import pytest

import gikkit
from gikkit import checks
from gikkit.checks.engine import CHECK_CODES
from gikkit.findings import SEVERITIES

from checks_support import clean_v2019, clean_v2021, edit, read_text


def test_every_rule_is_data_with_a_one_line_explanation():
    assert len(checks.RULES_BY_CODE) == len(checks.RULES)
    for rule in checks.RULES:
        assert rule.severity in SEVERITIES and rule.kind in checks.KINDS
        assert rule.message_zh and rule.message_en
        assert rule.explain and "\n" not in rule.explain and len(rule.explain) < 200
    assert CHECK_CODES <= set(checks.RULES_BY_CODE)


def test_identity_rules_cover_every_spec_identity_family():
    from gikkit.schema import templates

    families = {r.family for r in checks.RULES if r.family}
    for tmpl in templates().values():
        assert {i["name"].split("__")[0] for i in tmpl.identities} <= families


@pytest.mark.parametrize("only, codes", [
    ("t3_balance", {"t3_balance"}),
    ("structure", {"missing_table", "missing_section", "sections_out_of_order", "template_not_for_year",
                   "year_not_report_year", "no_figures"}),
    (["t4_total", "text"], {"t4_total", "text_figure_mismatch"}),
])
def test_select_by_code_or_kind(only, codes):
    assert checks.select(only) == codes


def test_an_unknown_check_name_suggests_the_closest():
    with pytest.raises(ValueError, match="t3_balance"):
        checks.select("t3_balanse")


def test_run_only_some_checks(tmp_path):
    broken = edit(clean_v2019(), add={"t4.admin_review.upheld": 1, "t2.art20_1.regulations.published_this_year": 1})
    report = read_text(tmp_path, broken, run_checks=False)
    assert {f.code for f in checks.run(report)} == {"t4_total", "t2_new_published_le_total"}
    assert [f.code for f in checks.run(report, only="t4_total")] == ["t4_total"]
    assert checks.run(report, only="structure") == []


def test_cannot_check_follows_the_check_it_is_about(seed_report):
    findings = checks.run(seed_report, only="t3_balance")
    assert [(f.code, f.extra["check"]) for f in findings] == [("cannot_check", "t3_balance")]


def test_findings_frame_of_a_dataset_keeps_the_agreed_columns(seed_path, tmp_path):
    data = gikkit.read_many([seed_path, tmp_path / "absent.txt"], jobs=1)
    frame = checks.check(data)
    assert list(frame.columns[:12]) == ["source", "agency", "year", "template", "code", "severity", "refs",
                                        "expected", "found", "message_zh", "message_en", "rule"]
    assert list(frame.columns) == checks.FINDING_COLUMNS
    assert set(frame["code"]) == {"blank_cell", "cannot_check"}
    assert frame["rule"].str.len().min() > 0
    assert data.findings_frame().equals(frame)


def test_checking_again_keeps_what_the_reader_noticed(tmp_path):
    lines = clean_v2021().split("\n")
    text = "\n".join(lines).replace("\t2.其他法律行政法规禁止公开", "\t2.其他法律行政止公开")  # a real typo (洪泽 2024)
    report = read_text(tmp_path, text)
    assert [f.code for f in report.findings] == ["label_fuzzy_match"]
    checks.check(report, only="identity")
    assert [f.code for f in report.findings] == []
    checks.check(report)
    assert [f.code for f in report.findings] == ["label_fuzzy_match"]
    assert report.findings[0].rule  # explained from the rules table


def test_cell_status_frame_says_how_many_and_where(seed_report, tmp_path):
    frame = checks.cell_status_frame(seed_report)
    assert frame.to_dict("records") == [{"source": seed_report.source, "agency": "高青县田镇街道办事处", "year": 2020,
                                         "table": "t3", "status": "blank", "count": 1,
                                         "refs": "t3.outcome_total.social_welfare_org"}]
    report = read_text(tmp_path, edit(clean_v2021(), cells={"t2.art20_1.regulations.issued_this_year": "—",
                                                            "t2.art20_1.regulations.repealed_this_year": "-"}))
    rows = checks.cell_status_frame(report)
    assert list(rows[["table", "status", "count"]].itertuples(index=False, name=None)) == [("t2", "placeholder", 2)]


def test_read_runs_the_per_report_checks(seed_report):
    assert {f.code for f in seed_report.findings} == {"blank_cell", "cannot_check"}
