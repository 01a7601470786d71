"""How long one explorer update takes on a large dataset, against the obvious way.

Generates the tidy frame of 10,000 reports (synthetic figures, both templates: 2019-2020 in the
2019 format, 2021-2024 in the 2021 format, ~1,700 agencies, 1% blank cells), then times one
update (a new agency and year; the report's chart, the agency's trend and the year's ranking):

- explorer: ``gikkit.widgets.Explorer.set(...)``; the frame is indexed once, an update takes
  the report's rows by position and one column of a reports x refs matrix, and restyles the
  existing FigureWidgets in place;
- obvious: filter the whole frame with boolean masks (agency == a & year == y, and the public
  chart functions on the whole frame), and build new FigureWidgets.

    python benchmarks/bench_widgets.py [--reports 10000] [--repeat 15]
"""
from __future__ import annotations

import argparse
import random
import statistics
import time

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from gikkit import charts, schema
from gikkit.report import FRAME_COLUMNS, Report
from gikkit.widgets import TABLE_CHARTS, Explorer

YEARS = range(2019, 2025)


def template_rows(key: str) -> pd.DataFrame:
    """The tidy rows of one report of template ``key`` (labels and all), values to be replaced."""
    cells = {ref: 0 for ref in schema.template(key).cells}
    report = Report(source="", format="text", agency="", year=2021, published=None, template=key,
                    sections={}, cells=cells)
    return report.to_frame()


def synthetic_frame(n_reports: int, seed: int = 1) -> pd.DataFrame:
    """A tidy frame of ``n_reports`` made-up reports, as ``Dataset.to_frame()`` would give."""
    rng = np.random.default_rng(seed)
    n_agencies = -(-n_reports // len(YEARS))
    agencies = [f"第{i:04d}号县人民政府" if i % 3 else f"第{i:04d}号市生态环境局" for i in range(n_agencies)]
    pairs = [(a, y) for a in agencies for y in YEARS][:n_reports]
    parts = []
    for key in ("v2019", "v2021"):
        base = template_rows(key)
        mine = [(a, y) for a, y in pairs if schema.template_for_year(y) == key]
        n, k = len(mine), len(base)
        block = base.iloc[np.tile(np.arange(k), n)].reset_index(drop=True)
        block["agency"] = np.repeat([a for a, _ in mine], k)
        block["year"] = np.repeat([y for _, y in mine], k)
        block["source"] = np.repeat([f"data/{a}-{y}.pdf" for a, y in mine], k)
        values = rng.poisson(rng.choice([1.0, 5.0, 40.0], size=n * k)).astype("float64")
        blank = rng.random(n * k) < 0.01
        block["value"] = pd.array(np.where(blank, np.nan, values), dtype="Float64")
        block["status"] = np.where(blank, "blank", "ok")
        block["raw"] = np.where(blank, "", values.astype(int).astype(str))
        parts.append(block)
    frame = pd.concat(parts, ignore_index=True)[FRAME_COLUMNS]
    frame["year"] = frame["year"].astype("Int64")
    return frame


def obvious_update(frame: pd.DataFrame, agency: str, year: int, table: str, measure: str, lang: str):
    """Boolean masks over the whole frame, then new figures."""
    rows = frame[(frame["agency"] == agency) & (frame["year"] == year)]
    report = TABLE_CHARTS[table](rows, lang=lang)
    trend = charts.trend(frame, agency=agency, measure=measure, lang=lang)
    ranking = charts.ranking(frame, year=year, measure=measure, lang=lang, top=20)
    return [go.FigureWidget(f) for f in (report, trend, ranking)]


def timed(fn, choices) -> list[float]:
    out = []
    for choice in choices:
        start = time.perf_counter()
        fn(*choice)
        out.append(time.perf_counter() - start)
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    frame = synthetic_frame(args.reports)
    print(f"frame: {frame['source'].nunique():,} reports, {frame['agency'].nunique():,} agencies, "
          f"{len(frame):,} rows, built in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    explorer = Explorer(frame)
    print(f"explorer: indexed and first drawn in {time.perf_counter() - start:.2f} s (once per dataset)")

    rng = random.Random(7)
    agencies = explorer.index.agencies
    choices = []
    for i in range(args.repeat):
        agency = rng.choice(agencies)
        table, measure = (("t3", "t3.withheld.total"), ("t4", "t4.admin_review.total"),
                          ("t2", "t2.art20_6.administrative_penalty.decisions_count"))[i % 3]
        choices.append((agency, rng.choice(explorer.index.years(agency)), table, measure))

    def explorer_update(agency, year, table, measure):
        explorer.set(agency=agency, year=year, table=table, measure=measure)

    fast = timed(explorer_update, choices)
    slow = timed(lambda a, y, t, m: obvious_update(frame, a, y, t, m, "zh"), choices)
    for mine, theirs in zip((explorer.figure, explorer.trend_figure, explorer.ranking_figure),
                            obvious_update(frame, *choices[-1], "zh")):
        assert [(t.x, t.y) for t in mine.data] == [(t.x, t.y) for t in theirs.data], "both ways draw the same"
    f, s = statistics.median(fast), statistics.median(slow)
    print(f"one update, median of {args.repeat}: explorer {f * 1000:.0f} ms (max {max(fast) * 1000:.0f} ms), "
          f"obvious {s * 1000:.0f} ms (max {max(slow) * 1000:.0f} ms)")
    print(f"ratio: the explorer's update is {s / f:.1f}x faster")


if __name__ == "__main__":
    main()
