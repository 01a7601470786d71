"""Decisions in reviews.csv: kept across runs, reopened when a figure changes, listed when stale."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from checks_support import clean_v2019, edit, read_text

import gikkit
from gikkit.checks import check
from gikkit.review import ReviewsFileError, decide, load, review

DATA = Path(__file__).resolve().parent.parent / "data"
BROKEN = {"t4.admin_review.upheld": 1}  # 表四 行政复议: total no longer the sum of its results


def _row(result, code):
    rows = result.frame[result.frame["code"] == code]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_a_decision_survives_a_re_run(tmp_path):
    reviews = tmp_path / "reviews.csv"
    first = review([read_text(tmp_path, edit(clean_v2019(), add=BROKEN))], reviews)
    assert _row(first, "t4_total")["status"] == "new"
    decide(reviews, _row(first, "t4_total"), "confirmed", note="复议总计与分项不符", reviewer="张三")
    again = review([read_text(tmp_path, edit(clean_v2019(), add=BROKEN), "renamed.txt")], reviews)
    row = _row(again, "t4_total")
    assert (row["status"], row["open"], row["note"], row["reviewer"]) == ("confirmed", True, "复议总计与分项不符", "张三")
    assert again.stale == [] and again.open_errors() == 1
    decide(reviews, row, "dismissed", note="已核实", reviewer="李四")
    dismissed = _row(review([read_text(tmp_path, edit(clean_v2019(), add=BROKEN))], reviews), "t4_total")
    assert (dismissed["status"], dismissed["open"]) == ("dismissed", False)
    assert len(load(reviews)) == 1  # one decision per finding: the later one replaced the earlier


def test_a_changed_figure_reopens_the_finding(tmp_path):
    reviews = tmp_path / "reviews.csv"
    first = review([read_text(tmp_path, edit(clean_v2019(), add=BROKEN))], reviews)
    decide(reviews, _row(first, "t4_total"), "dismissed", note="印刷错误，不影响", reviewer="张三")
    changed = review([read_text(tmp_path, edit(clean_v2019(), add={"t4.admin_review.upheld": 3}))], reviews)
    row = _row(changed, "t4_total")
    assert (row["status"], row["open"]) == ("reopened", True)
    assert row["note"] == "印刷错误，不影响"  # the earlier decision is shown beside it
    assert changed.open_errors() == 1 and changed.stale == []


def test_a_decision_whose_finding_is_gone_is_listed_as_stale_and_kept_in_the_file(tmp_path):
    reviews = tmp_path / "reviews.csv"
    first = review([read_text(tmp_path, edit(clean_v2019(), add=BROKEN))], reviews)
    decide(reviews, _row(first, "t4_total"), "confirmed", reviewer="张三")
    fixed = review([read_text(tmp_path, clean_v2019())], reviews)
    assert fixed.frame.empty or "t4_total" not in set(fixed.frame["code"])
    assert [d.code for d in fixed.stale] == ["t4_total"]
    assert len(load(reviews)) == 1
    # a decision on a report that was not read this time is neither applied nor stale
    other = review([gikkit.read(DATA / "jianglin-city-2021.html")], reviews)
    assert other.stale == []


def test_the_file_is_plain_sorted_csv_that_excel_reads(tmp_path):
    reviews = tmp_path / "reviews.csv"
    report = read_text(tmp_path, edit(clean_v2019(), add={**BROKEN, "t3.granted.natural_person": 2}))
    result = review([report], reviews)
    for code in ("t4_total", "t3_row_total"):
        decide(reviews, _row(result, code), "confirmed", reviewer="张三", when="2026-03-01 09:00")
    raw = reviews.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel shows the Chinese
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["code"] for r in rows] == ["t3_row_total", "t4_total"]
    assert {r["agency"] for r in rows} == {"高青县田镇街道办事处"} and {r["year"] for r in rows} == {"2020"}
    before = reviews.read_text("utf-8-sig")
    decide(reviews, _row(result, "t4_total"), "confirmed", reviewer="张三", when="2026-03-01 09:00")
    assert reviews.read_text("utf-8-sig") == before  # the same decision again: the same bytes


def test_open_removes_a_decision_and_a_bad_file_is_named(tmp_path):
    reviews = tmp_path / "reviews.csv"
    result = review([read_text(tmp_path, edit(clean_v2019(), add=BROKEN))], reviews)
    decide(reviews, _row(result, "t4_total"), "dismissed", reviewer="张三")
    decide(reviews, _row(result, "t4_total"), "open")
    assert load(reviews) == {}
    bad = tmp_path / "bad.csv"
    bad.write_text("key,fingerprint,decision\nabc,def,maybe\n", "utf-8")
    with pytest.raises(ReviewsFileError, match="bad.csv.*maybe"):
        load(bad)


def test_the_demo_reviews_match_the_demo_findings():
    """data/reviews.csv decides on real findings of the demo data: none stale, none reopened."""
    decided = load(DATA / "reviews.csv")
    assert len(decided) >= 5 and {d.decision for d in decided.values()} == {"confirmed", "dismissed"}
    names = ["jianglin-education-2022.docx", "jianglin-environment-2022.pdf", "jianglin-environment-2023.pdf",
             "donghu-subdistrict-2020.txt", "jiangbei-district-2019.html"]
    data = gikkit.read_many([DATA / n for n in names], jobs=1)
    check(data)
    result = review(data, decided)
    assert result.stale == []
    statuses = result.frame.set_index("key")["status"]
    assert {statuses[k] for k in decided} == {"confirmed", "dismissed"}
    education = result.frame[(result.frame["agency"] == "江临市教育局") & result.frame["open"]]
    assert list(education["code"]) == ["t3_outcome_total"]  # the one misprint, confirmed; its echoes dismissed
