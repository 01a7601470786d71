"""Text against tables: figures quoted in the sections vs the cells they name; precise rather than greedy."""
from __future__ import annotations

import pytest

from gikkit.checks.narrative import _claims_in, speaks_for_agency
from gikkit.checks.structure import flat

from checks_support import clean_v2019, clean_v2021, codes, edit, read_text

HUAIAN = "淮安市人民政府"
HONGZE = "淮安市洪泽区人民政府"
SEED_AGENCY = "高青县田镇街道办事处"


def claims(sentence: str, agency: str, year: int) -> dict[tuple[str, ...], int]:
    return {refs: figure for _, _, figure, refs, _ in _claims_in(flat(sentence), agency, year)}


def test_huaian_sentence_quotes_every_figure_of_the_request_flow():
    found = claims("2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n答复），"
                   "均在法定期限内予以答复", HUAIAN, 2024)
    assert found == {("t3.new_received.total",): 3119, ("t3.outcome_total.total",): 3050,
                     ("t3.carried_over_from_prev.total",): 34, ("t3.carried_forward_to_next.total",): 103}


def test_huaian_review_and_litigation_with_their_breakdown():
    found = claims("政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；"
                   "政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件", HUAIAN, 2024)
    lit = ("t4.litigation_direct.total", "t4.litigation_after_review.total")
    assert found[("t4.admin_review.total",)] == 351 and found[lit] == 46
    assert found[("t4.admin_review.upheld",)] == 72
    assert found[("t4.litigation_direct.pending", "t4.litigation_after_review.pending")] == 7
    assert len(found) == 10


@pytest.mark.parametrize("sentence, refs, figure", [
    ("本年度共收到政府信息公开申请15件，上年结转2件，办结16件，结转下年度1件", "t3.outcome_total.total", 16),
    ("本年度共收到政府信息公开申请15件，上年结转2件，办结16件，结转下年度1件", "t3.carried_forward_to_next.total", 1),
    ("本年度共收到政府信息公开申请15件，上年结转2件，办结16件，结转下年度1件", "t3.carried_over_from_prev.total", 2),
    ("我局共收到并办理政府信息公开申请12件", "t3.new_received.total", 12),
    ("本机关2022年新收政府信息公开申请5件", "t3.new_received.total", 5),
    ("收到申请12件，已答复10件，2件结转下一年度", "t3.carried_forward_to_next.total", 2),
])
def test_other_common_phrasings(sentence, refs, figure):
    assert claims(sentence, "江临市教育局", 2022)[(refs,)] == figure


def test_seed_sentences():
    assert claims("2020年，我街道未收到政府信息公开申请", SEED_AGENCY, 2020) == {("t3.new_received.total",): 0}
    assert claims("2020年，我街道因政府信息公开被申请行政复议0件，被提起行政诉讼0件", SEED_AGENCY, 2020) == {
        ("t4.admin_review.total",): 0, ("t4.litigation_direct.total", "t4.litigation_after_review.total"): 0}


@pytest.mark.parametrize("sentence, agency, year", [
    # 洪泽 2024: the office's own count, while the table (95) covers the district government
    ("2024 年，区政府办代表区政府受理政府\n信息公开申请 17 件，均已在法定期限内予以答复", HONGZE, 2024),
    ("2024年，区政府办代表区政府受理政府信息公开申请17件，办结17件", HONGZE, 2024),
    ("全市各县区共受理政府信息公开申请500件", HUAIAN, 2024),
    ("市政府办公室受理政府信息公开申请20件", HUAIAN, 2024),
    ("2023年，全市共受理政府信息公开申请2900件", HUAIAN, 2024),  # last year's figure
    ("较上年受理政府信息公开申请120件有所增加", HUAIAN, 2024),
    ("2020年田镇街道收到1件县人大代表建议，答复1件", SEED_AGENCY, 2020),  # not a disclosure request
    ("2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元", HUAIAN, 2024),
    ("本年度未收取信息处理费", HUAIAN, 2024),  # 6 requests dropped for unpaid fees is no contradiction
    ("有效降低行政复议、行政诉讼发生率和纠错率", HONGZE, 2024),
    ("受理行政许可申请9487件", HONGZE, 2024),
    ("2024年，全市共办理行政复议案件1200件，其中涉及政府信息公开的80件", HUAIAN, 2024),  # a broader figure
    ("2024年，全市共受理各类申请1000件，其中政府信息公开申请80件", HUAIAN, 2024),
    ("全年办理行政复议12件", HUAIAN, 2024),  # not said to be about disclosure
])
def test_not_a_claim_about_the_table(sentence, agency, year):
    assert claims(sentence, agency, year) == {}


@pytest.mark.parametrize("prefix, agency, own", [
    ("2024年，全市共", HUAIAN, True),
    ("2020年，我街道", SEED_AGENCY, True),
    ("2020年，田镇街道", SEED_AGENCY, True),
    ("2024年，洪泽区人民政府", HONGZE, True),
    ("2024年，区政府办代表区政府", HONGZE, False),
    ("各部门", HUAIAN, False),
    ("全市", "淮安市财政局", False),  # a department's report: "the whole city" is not its own figure
])
def test_who_speaks(prefix, agency, own):
    assert speaks_for_agency(flat(prefix), agency) is own


@pytest.mark.parametrize("old, new, refs, expected, found", [
    ("全市共受理政府信息公开申请3119件", "全市共受理政府信息公开申请3120件", ["t3.new_received.total"], 3119, 3120),
    ("答复3050件", "答复3005件", ["t3.outcome_total.total"], 3050, 3005),
    ("上年度结转申请34件", "上年度结转申请43件", ["t3.carried_over_from_prev.total"], 34, 43),
    ("另有103件顺延", "另有13件顺延", ["t3.carried_forward_to_next.total"], 103, 13),
    ("行政复议351件", "行政复议315件", ["t4.admin_review.total"], 351, 315),
    ("其中结果维持72件", "其中结果维持71件", ["t4.admin_review.upheld"], 72, 71),
    ("行政诉讼46件", "行政诉讼26件", ["t4.litigation_direct.total", "t4.litigation_after_review.total"], 46, 26),
])
def test_each_figure_changed_in_the_text_is_caught(tmp_path, old, new, refs, expected, found):
    report = read_text(tmp_path, edit(clean_v2021(), replace={old: new}))
    (f,) = report.findings
    assert (f.code, f.severity, f.refs, f.expected, f.found) == ("text_figure_mismatch", "warning", refs, expected, found)
    assert str(found) in f.message_zh and str(expected) in f.message_zh
    assert f.extra["section"] == "s1_overview"


def test_a_received_figure_that_includes_the_carryover_is_accepted(tmp_path):
    text = edit(clean_v2021(), replace={"全市共受理政府信息公开申请3119件": "全市共受理政府信息公开申请3153件（含上年结转34件）"})
    assert read_text(tmp_path, text).findings == []
    wrong = edit(clean_v2021(), replace={"全市共受理政府信息公开申请3119件": "全市共受理政府信息公开申请3150件（含上年结转34件）"})
    assert [f.code for f in read_text(tmp_path, wrong).findings] == ["text_figure_mismatch"]


def test_seed_text_changed(tmp_path):
    report = read_text(tmp_path, edit(clean_v2019(), replace={"被申请行政复议0件": "被申请行政复议2件"}))
    (f,) = report.findings
    assert (f.code, f.refs, f.expected, f.found) == ("text_figure_mismatch", ["t4.admin_review.total"], 0, 2)


def test_a_statement_of_none_against_a_table_with_some(tmp_path):
    report = read_text(tmp_path, edit(clean_v2019(), add={"t3.new_received.natural_person": 1, "t3.new_received.total": 1,
                                                          "t3.carried_forward_to_next.natural_person": 1,
                                                          "t3.carried_forward_to_next.total": 1}))
    (f,) = report.findings  # 未收到政府信息公开申请, but the table counts one
    assert (f.code, f.refs, f.expected, f.found) == ("text_figure_mismatch", ["t3.new_received.total"], 1, 0)


def test_no_fee_notice_against_requests_dropped_for_unpaid_fees(tmp_path):
    text = edit(clean_v2021(), replace={"全年收取政府信息公开信息处理费3940元": "未向申请人发出收费通知"})
    (f,) = read_text(tmp_path, text).findings
    assert (f.code, f.refs, f.expected, f.found) == ("text_figure_mismatch", ["t3.other_fee_unpaid.total"], 6, 0)


def test_a_quoted_figure_whose_cell_is_blank_cannot_be_checked(tmp_path):
    report = read_text(tmp_path, edit(clean_v2019(), cells={"t4.admin_review.total": ""}))
    assert codes(report.findings) == ["blank_cell", "cannot_check", "cannot_check"]
    text_check = [f for f in report.findings if f.extra.get("check") == "text_figure_mismatch"]
    assert len(text_check) == 1 and "t4.admin_review.total" in text_check[0].message_en
