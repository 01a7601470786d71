"""Structure: sections missing or out of order, the template for the year, a stray year in the period or title."""
from __future__ import annotations

import pytest

from gikkit import checks

from checks_support import clean_v2019, clean_v2021, edit, read_text

S5 = "五、存在的主要问题及改进情况"
S6_BLOCK = "六、其他需要报告的事项\n本报告所列数据可能因四舍五入原因与数据直接相加之和存在尾数差异。\n"


def _swap_5_and_6(text: str) -> str:
    assert S6_BLOCK in text
    text = text.replace(S6_BLOCK, "")
    return text.replace(S5 + "\n", S6_BLOCK + S5 + "\n")


def test_missing_section(tmp_path):
    report = read_text(tmp_path, edit(clean_v2019(), replace={S5 + "\n": ""}))
    (f,) = report.findings
    assert (f.code, f.severity, f.expected) == ("missing_section", "warning", S5)
    assert "五" in f.message_zh and "Main problems" in f.message_en


def test_sections_out_of_order(tmp_path):
    report = read_text(tmp_path, _swap_5_and_6(clean_v2019()))
    (f,) = report.findings
    assert f.code == "sections_out_of_order"
    assert "第五部分" in f.message_zh and "after section 六" in f.message_en


def test_template_not_for_year(tmp_path):
    text = edit(clean_v2019(), replace={"办事处2020年政府信息公开": "办事处2021年政府信息公开",
                                        "统计期限自2020年1月1日始，至2020年12月31日止": "统计期限自2021年1月1日始，至2021年12月31日止"})
    report = read_text(tmp_path, text)
    assert report.year == 2021 and report.template == "v2019"
    (f,) = report.findings
    assert (f.code, f.expected, f.found) == ("template_not_for_year", "v2021", "v2019")


@pytest.mark.parametrize("old, new, where", [
    ("统计期限自2020年1月1日始，至2020年12月31日止", "统计期限自2019年1月1日始，至2019年12月31日止", "统计期限"),
    ("统计期限自2020年1月1日始", "统计期限自二〇一九年1月1日始", "统计期限"),
])
def test_year_in_the_period_not_the_report_year(tmp_path, old, new, where):
    report = read_text(tmp_path, edit(clean_v2019(), replace={old: new}))
    (f,) = report.findings
    assert (f.code, f.expected, f.found) == ("year_not_report_year", 2020, 2019)
    assert where in f.message_zh


def test_a_title_with_another_year_than_the_report(tmp_path):
    """The year read from elsewhere (here: the statistics period, the title has none) vs the title line."""
    report = read_text(tmp_path, clean_v2021(), run_checks=False)
    report.preamble = report.preamble.replace("淮安市人民政府2024年", "淮安市人民政府2023年", 1)
    (f,) = checks.run(report, only="structure")
    assert (f.code, f.expected, f.found) == ("year_not_report_year", 2024, 2023) and "标题" in f.message_zh


def test_other_years_in_the_text_are_not_flagged(seed_report):
    """The seed mentions 2019 (决算) and 2021 (plans, signing date) legitimately."""
    assert "2019年政府决算" in seed_report.sections["s1_overview"]
    assert "2021年我街道" in seed_report.sections["s5_problems_improvements"]
    assert not [f for f in seed_report.findings if f.code == "year_not_report_year"]


def test_unknown_year_cannot_check_the_template(tmp_path):
    report = read_text(tmp_path, clean_v2021(), run_checks=False)
    report.year = None
    (f,) = checks.run(report, only="structure")
    assert f.code == "cannot_check" and f.extra["check"] == "template_not_for_year"


def test_the_preamble_holds_the_period(seed_report):
    assert "统计期限自2020年1月1日" in seed_report.preamble
    assert not any(s in seed_report.preamble for s in ("一、总体情况", "体制机制建设"))


def test_missing_table(tmp_path):
    text = clean_v2019()
    start, end = text.index("四、政府信息公开行政复议、行政诉讼情况"), text.index(S5)
    report = read_text(tmp_path, text[:start] + "四、政府信息公开行政复议、行政诉讼情况\n本年度无。\n" + text[end:])
    serious = [f for f in report.findings if f.severity != "info"]
    assert [(f.code, f.severity) for f in serious] == [("missing_table", "error")]  # not 15 missing cells
    assert {f.extra["check"] for f in report.findings if f.code == "cannot_check"} == {"t4_total", "text_figure_mismatch"}


def test_missing_row(tmp_path):
    lines = clean_v2019().split("\n")
    at = lines.index("\t规章")
    report = read_text(tmp_path, "\n".join(lines[:at] + lines[at + 5:]))
    unread = [f for f in report.findings if f.code == "unread_cells"]
    assert [f.severity for f in unread] == ["error"]  # lost data is an error, one finding for the table
    assert [r.rsplit(".", 1)[1] for r in unread[0].refs] == ["made_this_year", "published_this_year", "total_published"]
    assert "规章" in unread[0].message_zh and "表二" in unread[0].message_zh
    assert [f.extra["check"] for f in report.findings if f.code == "cannot_check"] == ["t2_new_published_le_total"]


def test_no_headings_at_all_is_one_finding(tmp_path):
    text = clean_v2019()
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", S5, "六、其他需要报告的事项"):
        text = text.replace(heading, heading[2:], 1)
    report = read_text(tmp_path, text, run_checks=False)
    assert report.sections_seen == []
    assert [f.code for f in checks.run(report, only="missing_section")] == ["missing_section"]


def test_links_to_other_years_reports_are_not_titles(tmp_path):
    text = clean_v2021().replace("淮安市人民政府2024年政府信息公开工作年度报告\n",
                                 "淮安市人民政府2024年政府信息公开工作年度报告\n上一篇：淮安市人民政府2023年政府信息公开工作年度报告\n"
                                 "首页 > 政务公开 > 淮安市人民政府2023年政府信息公开工作年度报告\n"
                                 "淮安市人民政府2022年政府信息公开工作年度报告\n", 1)  # a list of links
    assert read_text(tmp_path, text).findings == []
