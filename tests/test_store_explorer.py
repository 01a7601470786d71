"""The explorer and the comparison charts on a corpus store: the same figures as on the tidy frame of the
same reports, from queries that read only the rows they show; compare.ipynb run on a store."""
from __future__ import annotations

import re
import shutil
import sys

import pandas as pd
import pytest

import gikkit
from gikkit import charts, widgets
from gikkit.store import StoreWriter

from test_notebooks import DATA, PLOTLY, ROOT, WIDGET, no_errors, outputs, run

sys.path.insert(0, str(ROOT / "scripts"))
import grow_store  # noqa: E402  (scripts, importable from scripts/)
import make_corpus  # noqa: E402

MEASURES = ["t3.new_received.total", "t3.withheld.total", "t3.other_handling.total",
            "t2.art20_6.administrative_penalty.decisions_count", "t4.admin_review.total"]


@pytest.fixture(scope="module")
def dataset():
    return gikkit.read_many([DATA], jobs=1, progress=False)


@pytest.fixture(scope="module")
def frame(dataset):
    return dataset.to_frame()


@pytest.fixture(scope="module")
def store_path(dataset, tmp_path_factory):
    """data/ as a store, written 4 reports at a time: several row groups a year, for the filters to skip."""
    path = tmp_path_factory.mktemp("store") / "data-store"
    with StoreWriter(path, batch_reports=4) as writer:
        writer.add_all([*dataset.reports, *dataset.failures])
    return path


@pytest.fixture(scope="module")
def store(store_path):
    return gikkit.open_store(store_path)


def figures_json(explorer) -> list[str]:
    return [f.to_json() for f in explorer.figures()]


def test_the_store_explorer_offers_the_same_choices(frame, store):
    mine, theirs = widgets.Explorer(store), widgets.Explorer(frame)
    assert isinstance(mine.index, widgets.StoreIndex)
    assert mine.index.agencies == theirs.index.agencies and len(mine.index.agencies) > 1
    for agency in theirs.index.agencies:
        assert mine.index.years(agency) == theirs.index.years(agency)
    assert mine.agency.options == theirs.agency.options


def test_the_store_explorer_draws_the_same_figures(frame, store):
    mine, theirs = widgets.Explorer(store, lang="en"), widgets.Explorer(frame, lang="en")
    drawn = 0
    for agency in theirs.index.agencies:
        for year in theirs.index.years(agency):  # every report, each measure in turn
            choice = {"agency": agency, "year": year, "measure": MEASURES[drawn % len(MEASURES)]}
            assert figures_json(mine.set(**choice)) == figures_json(theirs.set(**choice)), choice
            drawn += 1
    assert drawn == len(frame.dropna(subset=["agency", "year"]).drop_duplicates(["agency", "year"]))
    # and what a notebook shows: the FigureWidgets updated in place hold the same traces
    def traces(widget):
        return [{k: v for k, v in t.to_plotly_json().items() if k != "uid"} for t in widget.data]

    for a, b in zip((mine.figure, mine.trend_figure, mine.ranking_figure),
                    (theirs.figure, theirs.trend_figure, theirs.ranking_figure)):
        assert traces(a) == traces(b) and a.layout.to_plotly_json() == b.layout.to_plotly_json()


def test_explore_takes_a_store_or_its_folder(store_path):
    import ipywidgets

    shown = widgets.explore(str(store_path), measure="t3.granted.total")
    assert isinstance(shown, ipywidgets.VBox)
    assert widgets.Explorer(store_path).index.agencies == widgets.Explorer(gikkit.open_store(store_path)).index.agencies


def test_an_update_reads_only_the_rows_it_shows(dataset, store):
    index = widgets.StoreIndex(store)
    report = next(r for r in dataset.reports if r.agency and r.year)
    rows = index.report_rows(report.agency, report.year)
    assert len(rows) == len(report.cells) and set(rows.source) == {report.source}
    year_table = index.year_table(report.year, ["t3.withheld.total"])
    assert sorted(year_table.source) == sorted(r.source for r in dataset.reports if r.year == report.year)
    agency_table = index.agency_table(report.agency, ["t3.new_received.total"])
    assert sorted(agency_table.source) == sorted(r.source for r in dataset.reports if r.agency == report.agency)
    # only the refs asked for come out of the wide table, for the chosen reports only
    wide = store.wide_frame(["t3.new_received.total"], source=[report.source])
    assert list(wide.columns) == ["t3.new_received.total"] and list(wide.index) == [report.source]
    # DuckDB pushes the report's filter into the Parquet scan: row groups of other reports are skipped
    plan = "\n".join(store.query("EXPLAIN ANALYZE SELECT * FROM cells WHERE year = ? AND source = ?",
                                 [report.year, report.source]).iloc[:, -1])
    assert re.search(r"Filters:.*source\s*=", plan, re.S)
    scanned, total = map(int, re.search(r"Row Groups Scanned:\s*(\d+)\s*/\s*(\d+)", plan).groups())
    assert scanned == 1 < total


def test_measures_from_a_store_are_those_of_the_frame(frame, store, store_path, tmp_path):
    older = tmp_path / "older-store"  # a store written before the wide table: the same answers from its cells
    shutil.copytree(store_path, older)
    shutil.rmtree(older / "wide")
    for source in (store, gikkit.open_store(older)):
        for year in sorted(frame["year"].dropna().unique()):
            mine = source.measures_table(MEASURES, year=int(year))
            theirs = charts.measures_table(frame[frame["year"] == year], MEASURES)
            pd.testing.assert_frame_equal(mine, theirs.sort_values("source", ignore_index=True), check_dtype=False)


def test_comparison_charts_take_a_store(frame, store):
    agency = frame.groupby("agency")["year"].nunique().idxmax()
    assert store.agency_with_most_years() == agency
    assert charts.trend(store, agency=agency).to_json() == charts.trend(frame, agency=agency).to_json()
    for year in store.years():
        assert (charts.ranking(store, year=year, measure="t3.withheld.total").to_json()
                == charts.ranking(frame, year=year, measure="t3.withheld.total").to_json())
        assert (charts.outcome_share_heatmap(store, year=year).to_json()
                == charts.outcome_share_heatmap(frame, year=year).to_json())
    with pytest.raises(ValueError, match="no report for agency"):
        charts.trend(store, agency="no such agency")


def test_compare_notebook_on_a_store_shows_what_it_shows_on_the_folder(store_path):
    on_folder = run("compare")
    on_store = run("compare", {"store": str(store_path)})
    no_errors(on_store)
    assert outputs(on_store, WIDGET), "the explorer widget is shown"
    mine = [o["data"][PLOTLY] for o in outputs(on_store, PLOTLY)]
    theirs = [o["data"][PLOTLY] for o in outputs(on_folder, PLOTLY)]
    assert len(mine) == len(theirs) >= 4  # trend, ranking, peers, outcome shares, findings
    titles = [str(f["layout"].get("title")) for f in theirs]
    assert [str(f["layout"].get("title")) for f in mine] == titles
    for chart in ("各机关比较", "历年变化", "公开率"):  # the ranking, the trend, the agency against its peers
        at = next(i for i, t in enumerate(titles) if chart in t)
        assert mine[at]["data"] == theirs[at]["data"], chart


def test_grow_store_writes_copies_with_their_own_agencies(tmp_path):
    """scripts/grow_store.py: N reports through the store writer, each copy its own agencies and sources."""
    make_corpus.make(6, tmp_path / "corpus", formats=("txt",))  # one agency, six years
    counts = grow_store.grow(tmp_path / "corpus", 15, tmp_path / "store")
    store = gikkit.open_store(tmp_path / "store")
    assert counts["reports"] == len(store) == 15
    keys = store.report_keys()
    assert keys.index.is_unique and keys["agency"].nunique() == 3  # two whole copies and half of a third
    assert {a.rsplit("·", 1)[1] for a in keys["agency"]} == {"0", "1", "2"}
    first, second = (store.to_frame(agency=a, columns=["year", "ref", "value"]) for a in sorted(keys["agency"])[:2])
    pd.testing.assert_frame_equal(first, second)  # the figures repeat from copy to copy


def test_store_benchmark_runs(store_path, capsys):
    """benchmarks/bench_store_explorer.py's code path in a real kernel (times printed, never asserted)."""
    import importlib.util

    path = ROOT / "benchmarks" / "bench_store_explorer.py"
    spec = importlib.util.spec_from_file_location("bench_store_explorer", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    got = bench.main([str(store_path), "--repeat", "2"])
    assert len(got["wall"]) == 2 and got["peak"] > 0 and got["setup"]["reports"] == 31
    assert "kernel peak memory" in capsys.readouterr().out
