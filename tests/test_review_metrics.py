"""Peer benchmarks: metric values on hand-computed cases, the fewer-than-30-peers rule, jumps, outliers, the chart."""
from __future__ import annotations

import copy
import math

import pandas as pd
import pytest
from checks_support import clean_v2021, edit, read_text

from gikkit.charts.peers import peer_chart
from gikkit.report import frame_from_records
from gikkit.review import METRICS, MIN_PEERS, benchmarks, formula, level_of, metric_findings, metric_values
from gikkit.review.signals import jump
from gikkit.schema import template

# 淮安市人民政府 2024 (real figures), with the cells the metrics use set to numbers easy to check by hand
HAND = {"t3.new_received.total": "120", "t3.granted.total": "30", "t3.partially_granted.total": "10",
        "t3.outcome_total.total": "80", "t3.unavailable_not_held.total": "8",
        "t4.admin_review.upheld": "2", "t4.admin_review.corrected": "1", "t4.admin_review.other_result": "0",
        "t4.admin_review.pending": "1", "t4.admin_review.total": "4",
        "t4.litigation_direct.corrected": "1", "t4.litigation_direct.pending": "0", "t4.litigation_direct.total": "2",
        "t4.litigation_after_review.corrected": "0", "t4.litigation_after_review.pending": "1",
        "t4.litigation_after_review.total": "2"}


@pytest.fixture(scope="module")
def hand_report(tmp_path_factory):
    return read_text(tmp_path_factory.mktemp("hand"), edit(clean_v2021(), cells=HAND))


def _frame(reports):
    return frame_from_records([rec for r in reports for rec in r.cell_records()])


def _peer(report, agency: str, year: int, requests: float):
    """A copy of a real report as another agency's, with its requests received set."""
    other = copy.deepcopy(report)
    other.agency, other.year, other.source = agency, year, f"{report.source}#{agency}-{year}"
    other.cells["t3.new_received.total"] = requests
    return other


def test_metric_values_on_hand_computed_figures(hand_report):
    values = metric_values(_frame([hand_report])).set_index("metric")["value"]
    assert values["disclosed_share"] == pytest.approx((30 + 10) / 80)
    assert values["not_held_share"] == pytest.approx(8 / 80)
    assert values["review_correction_rate"] == pytest.approx(1 / (4 - 1))  # of the cases concluded
    assert values["litigation_correction_rate"] == pytest.approx((1 + 0) / ((2 - 0) + (2 - 1)))
    assert values["requests"] == 120 and values["review_cases"] == 4 and values["litigation_cases"] == 4
    assert pd.isna(values["requests_yoy"])  # no previous year


def test_year_on_year_change_and_a_zero_denominator(hand_report, seed_report):
    before = _peer(hand_report, hand_report.agency, 2023, 80)
    values = metric_values(_frame([before, hand_report]))
    change = values[(values["metric"] == "requests_yoy") & (values["year"] == 2024)]["value"].iloc[0]
    assert change == pytest.approx((120 - 80) / 80)
    seed = metric_values(_frame([seed_report])).set_index("metric")["value"]
    assert pd.isna(seed["disclosed_share"])  # 0 requests concluded: no share, not 0%
    assert seed["requests"] == 0


def test_fewer_than_30_peers_get_no_rating(hand_report):
    peers = [_peer(hand_report, f"第{i}镇人民政府", 2024, 10 + i) for i in range(MIN_PEERS)]
    assert {level_of(p.agency) for p in peers} == {"township"} and level_of(hand_report.agency) == "city"
    few = benchmarks(_frame(peers[:-1]))
    few = few[few["metric"] == "requests"]
    assert (few["peers"] == MIN_PEERS - 1).all() and not few["rated"].any()
    assert few["rank"].isna().all() and few["p50"].isna().all()
    assert few["note"].str.contains("fewer than 30").all()
    full = benchmarks(_frame(peers))
    full = full[full["metric"] == "requests"].set_index("agency")
    assert full["rated"].all() and (full["peers"] == MIN_PEERS).all()
    # requests 10..39: P25 = 10 + 0.25 * 29, P50 = 24.5, P75 = 10 + 0.75 * 29 (linear interpolation)
    assert full["p25"].iloc[0] == pytest.approx(17.25) and full["p50"].iloc[0] == pytest.approx(24.5)
    assert full["p75"].iloc[0] == pytest.approx(31.75)
    assert full.loc["第29镇人民政府", "rank"] == 1 and full.loc["第0镇人民政府", "rank"] == MIN_PEERS
    # the city government is not a township's peer
    mixed = benchmarks(_frame(peers + [hand_report]))
    city = mixed[(mixed["agency"] == hand_report.agency) & (mixed["metric"] == "requests")].iloc[0]
    assert city["peers"] == 1 and not city["rated"]


def test_the_jump_rule():
    assert jump(60, 10) and jump(19, 100) and jump(25, 0)  # 6x; under a fifth; from nothing to 25
    assert not jump(18, 3)  # 6x, but too few to matter
    assert not jump(450, 100) and not jump(21, 100)  # 4.5x; just over a fifth
    assert not jump(None, 100) and not jump(100, None)


def test_jumps_and_outliers_become_info_findings(hand_report):
    before = _peer(hand_report, hand_report.agency, 2023, 20)  # 20 -> 120: six times
    steady = _peer(hand_report, "江临市人民政府", 2023, 100)
    pairs = metric_findings([before, hand_report, steady, _peer(hand_report, "江临市人民政府", 2024, 110)])
    jumps = [(r.agency, r.year, f) for r, f in pairs if f.code == "yoy_jump"]
    assert [(a, y, f.expected, f.found, f.severity) for a, y, f in jumps] == [(hand_report.agency, 2024, 20, 120, "info")]
    assert "120" in jumps[0][2].message_zh and "20" in jumps[0][2].message_en
    peers = [_peer(hand_report, f"第{i}镇人民政府", 2024, 10 + i) for i in range(MIN_PEERS - 1)]
    peers.append(_peer(hand_report, "远镇人民政府", 2024, 500))  # far beyond P75 + 3 x IQR
    outliers = [(r.agency, f) for r, f in metric_findings(peers, attach=True) if f.code == "peer_outlier"]
    assert [(a, f.extra["metric"]) for a, f in outliers] == [("远镇人民政府", "requests")]
    assert outliers[0][1] in peers[-1].findings


def test_every_metric_names_cells_of_both_templates_and_reads_in_both_languages():
    for m in METRICS:
        for key in ("v2019", "v2021"):
            assert {t.lstrip("-") for t in m.numerator + m.denominator} <= set(template(key).cells), (m.key, key)
    assert formula("disclosed_share") == "(表三 （一）予以公开[总计] + 表三 （二）部分公开[总计]) ÷ 表三 （七）总计[总计]"
    assert "Not held by this agency" in formula("not_held_share", "en")


def test_peer_chart_draws_quartiles_only_with_enough_peers(hand_report):
    peers = [_peer(hand_report, f"第{i}镇人民政府", 2024, 10 + i) for i in range(MIN_PEERS)]
    peers += [_peer(hand_report, f"第{i}镇人民政府", 2023, 10 + i) for i in range(3)]
    fig = peer_chart(_frame(peers), agency="第2镇人民政府", metric="requests", lang="en")
    names = [t.name for t in fig.data]
    assert "peers P25–P75" in names and "peers' median" in names and "第2镇人民政府" in names
    mine = fig.data[-1]
    assert list(mine.x) == [2023, 2024] and list(mine.y) == [12, 12]
    assert any("fewer than 30 peers" in n and "2023 (n=3)" in n for n in fig.layout.meta["notes"])
    zh = peer_chart(_frame(peers[:5]), agency="第2镇人民政府", metric="requests")
    assert [t.name for t in zh.data] == ["第2镇人民政府"] and "少于 30 个" in zh.layout.meta["notes"][-1]
    assert math.isclose(fig.data[2].y[0], 24.5)
