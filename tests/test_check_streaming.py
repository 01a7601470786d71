"""``gikkit check`` streams: each report is checked as it arrives and only a small record of it stays for
the across-years and across-levels checks, so memory does not grow with the folder, and the findings
are exactly those of checking every report in memory."""
from __future__ import annotations

import contextlib
import io
import json
import shutil
import tracemalloc
from pathlib import Path

import pandas as pd

import gikkit
from gikkit.checks import check, findings_frame
from gikkit.checks.streaming import check_stream
from gikkit.cli import main

from test_streaming import _traced_size, make_folder

DATA = Path(__file__).resolve().parent.parent / "data"


def levels_of(reports) -> dict:
    """A mapping naming the city government's sub-units among the data folder's agencies."""
    agencies = sorted({r.agency for r in reports if r.agency})
    city = next(a for a in agencies if a.endswith("市人民政府"))
    district = next(a for a in agencies if a.endswith("区人民政府"))
    return {city: [district, *(a for a in agencies if a.endswith("局"))],
            district: [a for a in agencies if a.endswith("办事处") and a.startswith(district[:5])]}


def test_the_streamed_findings_are_the_in_memory_ones():
    reports = gikkit.read_many(DATA, jobs=2, run_checks=False).reports
    levels = levels_of(reports)
    for options in ({}, {"levels": levels}, {"derive_totals": True}, {"only": "across_years,t3_balance"}):
        in_memory = gikkit.read_many(DATA, jobs=2, run_checks=False)
        expected = check(in_memory, **options)
        streamed = list(check_stream(iter(reports_again()), **options))
        got = findings_frame(streamed)
        pd.testing.assert_frame_equal(got, expected)
        kinds = set(expected["kind"])
        assert "across_years" in kinds  # the data folder has agencies in consecutive years
        if "levels" in options:
            assert "across_levels" in kinds


def reports_again():
    return gikkit.read_many(DATA, jobs=2, run_checks=False).reports


def test_the_cli_writes_the_in_memory_table(tmp_path):
    reports = reports_again()
    mapping = tmp_path / "levels.json"
    mapping.write_text(json.dumps(levels_of(reports), ensure_ascii=False), "utf-8")
    out = tmp_path / "findings.csv"
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        status = main(["check", str(DATA), "--levels", str(mapping), "--csv", str(out), "--json",
                       str(tmp_path / "findings.json"), "--jobs", "2"])
    expected = check(reports, levels=mapping)
    expected.to_csv(tmp_path / "expected.csv", index=False)
    assert out.read_text("utf-8") == (tmp_path / "expected.csv").read_text("utf-8")
    records = expected.astype(object).where(expected.notna(), None).to_dict(orient="records")
    assert json.loads((tmp_path / "findings.json").read_text("utf-8")) == json.loads(json.dumps(records, default=str))
    errors = int((expected["severity"] == "error").sum())
    assert status == (1 if errors else 0)
    assert f"{len(reports)} report(s) checked, {errors} error finding(s)" in printed.getvalue()


def peak_while_checking(folder: Path, out: Path) -> int:
    """Peak Python memory of this process while ``gikkit check`` lists and writes a folder's findings."""
    tracemalloc.start()
    try:
        with open(out.with_suffix(".txt"), "w", encoding="utf-8") as printed, contextlib.redirect_stdout(printed):
            main(["check", str(folder), "--csv", str(out), "--jobs", "2"])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_peak_memory_does_not_grow_with_the_number_of_reports(tmp_path):
    large = make_folder(tmp_path / "large", 200)
    small = tmp_path / "small"
    for part in ("00", "01"):  # its 100 files are among the large folder's
        shutil.copytree(large / part, small / part)
    peak_while_checking(small, tmp_path / "warm-up.csv")  # imports and caches a first run pays once
    small_peak = peak_while_checking(small, tmp_path / "small.csv")
    large_peak = peak_while_checking(large, tmp_path / "large.csv")
    assert len(pd.read_csv(tmp_path / "large.csv")) == 2 * len(pd.read_csv(tmp_path / "small.csv")) > 0
    one_report = _traced_size(gikkit.read(large / "00" / "0000.txt", run_checks=False))
    # Held in memory: a summary line and a small record per report, not the reports (a hundred more
    # reports held would take a hundred times one report's memory).
    assert large_peak - small_peak < 25 * one_report, (small_peak, large_peak, one_report)
