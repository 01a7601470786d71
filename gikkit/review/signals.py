"""``info`` findings drawn from the peer benchmarks: year-on-year jumps and outliers among peers.

- ``yoy_jump``: a count metric (requests, reconsideration or litigation cases) more than
  :data:`JUMP_RATIO` times, or less than a 1/:data:`JUMP_RATIO`, of the agency's previous year,
  when the larger of the two is at least :data:`JUMP_MIN_COUNT` (3 -> 20 is noise, 300 -> 2000 is not).
- ``peer_outlier``: a rated metric (enough peers) beyond :data:`OUTLIER_IQR` interquartile ranges
  outside the peers' P25..P75.

They are findings like any other (fingerprints, decisions, notices); they judge nothing, they
point at figures worth a second look.
"""
from __future__ import annotations

import math

import pandas as pd

from ..checks.rules import RULES_BY_CODE
from ..findings import Finding
from .metrics import METRICS, METRICS_BY_KEY, MIN_PEERS, benchmarks, metric_values

CODES = ("yoy_jump", "peer_outlier")
JUMP_RATIO = 5
JUMP_MIN_COUNT = 20
OUTLIER_IQR = 3  # Tukey's "far out": a share at P75 + 1.5 IQR is common among a few hundred agencies

RULE_JUMP = RULES_BY_CODE["yoy_jump"].explain
RULE_OUTLIER = RULES_BY_CODE["peer_outlier"].explain


def _fmt(v: float, kind: str) -> str:
    return f"{v:.1%}" if kind == "share" else (f"{v:+.1%}" if kind == "change" else f"{v:g}")


def jump(now: float | None, before: float | None) -> bool:
    """Whether ``before -> now`` is a jump: past the ratio either way, on a count large enough to matter."""
    if now is None or before is None or max(now, before) < JUMP_MIN_COUNT:
        return False
    if min(now, before) == 0:
        return True
    ratio = now / before
    return ratio > JUMP_RATIO or ratio < 1 / JUMP_RATIO


def jump_findings(values: pd.DataFrame) -> list[tuple[str, int, Finding]]:
    """``(agency, year, finding)`` for every jump among the count metrics of :func:`metric_values`."""
    out = []
    counts = values[values["metric"].isin([m.key for m in METRICS if m.kind == "count"])]
    table = {(a, y, k): (None if pd.isna(v) else float(v)) for a, y, k, v in
             counts[["agency", "year", "metric", "value"]].itertuples(index=False)}
    for (agency, year, key), now in sorted(table.items()):
        before = table.get((agency, year - 1, key))
        if not jump(now, before):
            continue
        m = METRICS_BY_KEY[key]
        times = "∞" if before == 0 else f"{now / before:.1f}"
        out.append((agency, year, Finding(
            "yoy_jump", "info", [t.lstrip("-") for t in m.numerator], before, now,
            f"{m.name_zh}：{year}年为 {_fmt(now, 'count')}，{year - 1}年为 {_fmt(before, 'count')}（{times} 倍）",
            f"{m.name_en}: {_fmt(now, 'count')} in {year}, {_fmt(before, 'count')} in {year - 1} ({times}x)",
            RULE_JUMP, extra={"metric": key, "check": key})))
    return out


def outlier_findings(bench: pd.DataFrame) -> list[tuple[str, int, Finding]]:
    """``(agency, year, finding)`` for every rated value far outside its peers' quartiles."""
    out = []
    for row in bench[bench["rated"]].itertuples(index=False):
        iqr = row.p75 - row.p25
        low, high = row.p25 - OUTLIER_IQR * iqr, row.p75 + OUTLIER_IQR * iqr
        value = float(row.value)
        if iqr <= 0 or low <= value <= high or math.isnan(value):
            continue
        m = METRICS_BY_KEY[row.metric]
        band = f"{_fmt(row.p25, m.kind)}–{_fmt(row.p75, m.kind)}"
        out.append((row.agency, int(row.year), Finding(
            "peer_outlier", "info", [t.lstrip("-") for t in m.numerator + m.denominator], band, value,
            f"{m.name_zh}为 {_fmt(value, m.kind)}，同级 {row.peers} 个单位的四分位区间为 {band}（排名第 {row.rank}）",
            f"{m.name_en} is {_fmt(value, m.kind)}; the middle half of {row.peers} peers lies in {band} (rank {row.rank})",
            RULE_OUTLIER, extra={"metric": row.metric, "check": row.metric})))
    return out


def metric_findings(reports, levels: dict | None = None, min_peers: int = MIN_PEERS, attach: bool = False):
    """Jump and outlier findings for ``reports`` as ``(report, Finding)`` pairs.

    With ``attach=True`` each is also appended to its report's ``findings`` (so fingerprints,
    decisions and notices see it). Call after the checks: ``gikkit.checks.check`` replaces findings.
    """
    from ..checks import as_reports
    from ..report import frame_from_records

    reports = as_reports(reports)
    frame = frame_from_records([rec for r in reports for rec in r.cell_records()])
    found = jump_findings(metric_values(frame, levels))
    found += outlier_findings(benchmarks(frame, levels, min_peers))
    by_agency_year = {}
    for r in reports:
        by_agency_year.setdefault((r.agency, r.year), r)
    pairs = []
    for agency, year, finding in found:
        report = by_agency_year.get((agency, year))
        if report is None:
            continue
        finding.source = report.source
        pairs.append((report, finding))
        if attach:
            report.findings.append(finding)
    return pairs
