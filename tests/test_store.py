"""The corpus store: reports written as Parquet by year, read back through DuckDB equal to the
Dataset's own tables, filtered without loading the rest, and replaced only when complete."""
from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

import gikkit
from gikkit.store import MARKER, StoreWriter, cells_table, write_store
from gikkit.store_view import StoreDataset

from fixture_paths import FIXTURES, SEED

OTHER_AGENCY = "高青县唐坊镇人民政府"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    """The seed (and an edited copy), the rendered pages and documents, and a file that is no report."""
    root = tmp_path_factory.mktemp("reports")
    text = SEED.read_text("utf-8")
    (root / "seed.txt").write_text(text, "utf-8")
    (root / "edited.txt").write_text(text.replace("高青县田镇街道办事处", OTHER_AGENCY), "utf-8")
    (root / "notes.txt").write_text("这不是一份年度报告。\n", "utf-8")
    rendered = sorted(p for p in (FIXTURES / "rendered").iterdir() if p.suffix in (".html", ".docx"))
    data = gikkit.read_many([root, *rendered], jobs=1, timeout=None, memory=None, progress=False)
    assert len(data.reports) == 5 and len(data.failures) == 1
    return data


@pytest.fixture(scope="module")
def store(dataset, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "corpus"
    counts = write_store([*dataset.reports, *dataset.failures], path)
    assert counts == {"reports": 5, "cells": sum(len(r.cells) for r in dataset.reports),
                      "findings": sum(len(r.findings) for r in dataset.reports), "failures": 1}
    return StoreDataset(path)


def by_source(frame):
    return frame.sort_values("source", kind="stable", ignore_index=True)


def test_the_tidy_table_comes_back_the_same(dataset, store):
    pd.testing.assert_frame_equal(store.to_frame(), by_source(dataset.to_frame()))
    assert len(store) == 5


def test_cells_are_built_column_by_column_as_the_report_lists_them(dataset):
    built = cells_table(dataset.reports).to_pandas()
    expected = dataset.to_frame()
    for column in ("year", "value", "coverage"):
        built[column] = built[column].astype(expected[column].dtype)
    pd.testing.assert_frame_equal(built, expected, check_dtype=False)


def test_partitions_by_year_and_filters_read_only_what_they_ask(dataset, store):
    years = {r.year for r in dataset.reports}
    assert {p.name for p in (store.path / "cells").iterdir()} == {f"year={y}" for y in years}
    assert store.years() == sorted(years)
    frame = dataset.to_frame()
    want = by_source(frame[(frame.year == 2020) & (frame.table == "t3")])
    pd.testing.assert_frame_equal(store.to_frame(year=2020, table="t3"), want)
    both = store.to_frame(agency=[OTHER_AGENCY, "no such agency"], columns=["agency", "ref", "value"])
    assert set(both.agency) == {OTHER_AGENCY} and len(both) == len(frame[frame.agency == OTHER_AGENCY])


def test_reports_findings_and_failures(dataset, store):
    reports = store.reports_frame()
    assert list(reports.source) == sorted(r.source for r in dataset.reports)
    for report in dataset.reports:
        row = reports[reports.source == report.source].iloc[0]
        assert row.coverage == round(report.coverage, 4)
        assert (row.cells_read, row.cells_total) == report.coverage_counts
        assert row.errors == report.findings_by_severity()["error"]
        assert json.loads(row.sections) == report.sections
    findings = store.findings_frame()
    expected = by_source(dataset.findings_frame())
    assert list(findings.code) == list(expected.code)
    assert [None if pd.isna(v) else json.loads(v) for v in findings.found] == list(expected.found)
    assert store.failures == dataset.failures


def test_sql_over_the_store(dataset, store):
    totals = store.query("SELECT source, value FROM cells WHERE ref = ? ORDER BY source", ["t3.new_received.total"])
    assert dict(zip(totals.source, totals.value)) == {r.source: r.cells.get("t3.new_received.total")
                                                      for r in dataset.reports}
    with pytest.raises(ValueError, match="not a column name"):  # names go into the SQL: plain names only
        store.to_frame(**{'year" = 0 OR "1': 1})


def test_written_in_row_groups_as_reports_arrive(dataset, tmp_path):
    path = tmp_path / "store"
    with StoreWriter(path, batch_reports=1) as writer:
        for report in dataset.reports * 2:
            writer.add(report)
    groups = sum(pq.ParquetFile(f).metadata.num_row_groups for f in (path / "cells").rglob("*.parquet"))
    assert groups == 10  # one per report: each batch went to disk before the next came
    assert len(StoreDataset(path)) == 10


def test_a_store_appears_only_when_complete(dataset, tmp_path):
    path = tmp_path / "store"
    write_store(dataset.reports[:2], path)
    with pytest.raises(RuntimeError), StoreWriter(path) as writer:
        writer.add(dataset.reports[2])
        raise RuntimeError("interrupted")
    assert len(StoreDataset(path)) == 2  # the earlier store, untouched
    assert [p.name for p in tmp_path.iterdir()] == ["store"]  # and nothing left beside it
    write_store(dataset.reports, path)
    assert len(StoreDataset(path)) == 5

    other = tmp_path / "not-a-store"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        StoreWriter(other)
    with pytest.raises(FileNotFoundError, match="not a gikkit store"):
        StoreDataset(other)


def test_a_store_of_failures_only_still_answers(tmp_path):
    path = tmp_path / "store"
    write_store([gikkit.Failure("a.pdf", "no report tables")], path)
    store = StoreDataset(path)
    assert len(store) == 0 and store.to_frame().empty and store.findings_frame().empty
    assert json.loads((path / MARKER).read_text())["failures"] == 1


def test_the_wide_table_holds_each_reports_values_by_ref(dataset, store):
    """One row per report, one column per spec ref: the values of the tidy table, null where blank."""
    from gikkit.charts._measures import wide_values
    from gikkit.store_wide import WIDE_REFS

    wide = store.wide_frame(WIDE_REFS)
    frame = dataset.to_frame()
    expected = wide_values(frame).reindex(index=wide.index, columns=list(WIDE_REFS))
    assert sorted(wide.index) == sorted(r.source for r in dataset.reports)
    pd.testing.assert_frame_equal(wide, expected, check_names=False)
    keys = store.report_keys(year=2020)
    assert list(keys.index) == sorted(r.source for r in dataset.reports if r.year == 2020)
    assert list(keys.agency) == [r.agency for r in sorted(dataset.reports, key=lambda r: r.source) if r.year == 2020]
