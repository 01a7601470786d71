"""Streaming reads: results are written as they arrive, so the memory a folder needs does not grow
with the number of files; the streamed table is the one the Dataset writes."""
from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest

import gikkit
from gikkit.dataset import read_frame
from gikkit.store import StoreWriter
from gikkit.stream import ReadStream
from gikkit.table_stream import TableStreamWriter

from fixture_paths import FIXTURES, SEED

PLACES = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def make_folder(root: Path, n: int) -> Path:
    """``n`` distinct reports: the seed under ``n`` agency names, in sub-folders of 50."""
    text = SEED.read_text("utf-8")
    for i in range(n):
        name = f"高青县{PLACES[i % 22]}{PLACES[i // 22 % 22]}{PLACES[i // 484 % 22]}镇人民政府"
        folder = root / f"{i // 50:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:04d}.txt").write_text(text.replace("高青县田镇街道办事处", name), "utf-8")
    return root


def peak_while_streaming(folder: Path, out: Path, cache: Path) -> int:
    """Peak Python memory of this process while a folder's reports stream from the cache into a store."""
    tracemalloc.start()
    try:
        with StoreWriter(out, batch_reports=20) as writer:
            for _, outcome in ReadStream([folder], jobs=1, cache=cache):
                writer.add(outcome)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_peak_memory_does_not_grow_with_the_number_of_files(tmp_path):
    large = make_folder(tmp_path / "large", 200)
    small = tmp_path / "small"
    for part in ("00", "01"):  # its 100 files are among the large folder's
        shutil.copytree(large / part, small / part)
    cache = tmp_path / "cache"
    for _ in ReadStream([large], jobs=2, cache=cache):  # read once (untraced: tracing would slow the workers)
        pass
    peak_while_streaming(small, tmp_path / "warm-up", cache)  # imports and caches a first run pays once
    # The lower of two runs each: a run's peak also holds garbage the cyclic collector has not freed
    # yet, which varies by a megabyte or two from run to run (the same before the cache kept rows).
    small_peak = min(peak_while_streaming(small, tmp_path / f"s{k}", cache) for k in range(2))
    large_peak = min(peak_while_streaming(large, tmp_path / f"l{k}", cache) for k in range(2))
    one_report = _traced_size(gikkit.read(SEED))
    # Twice the files: what grows is the list of paths and hashes and the few results waiting to be
    # given out in order, not the reports held (100 more reports held would take a hundred times one
    # report's memory; measured growth is 8-10 reports' worth, so the bound leaves room for noise).
    assert large_peak - small_peak < 25 * one_report, (small_peak, large_peak, one_report)


def _traced_size(report) -> int:
    """Python memory one report takes, live (some 80 KB: its cells, their provenance, its findings)."""
    from gikkit.cache import pack, unpack

    blob = pack(report)
    tracemalloc.start()
    try:
        held = [unpack(blob) for _ in range(10)]
        return tracemalloc.get_traced_memory()[0] // len(held)
    finally:
        tracemalloc.stop()


def test_the_streamed_table_is_the_datasets(tmp_path):
    folder = make_folder(tmp_path / "reports", 12)
    (folder / "notes.txt").write_text("这不是一份年度报告。\n", "utf-8")
    page = FIXTURES / "rendered" / "pingtan-2019.html"
    data = gikkit.read_many([folder, page], progress=False)
    for fmt in ("parquet", "csv"):
        out = tmp_path / f"cells.{fmt}"
        failures = []
        with TableStreamWriter(out, batch_reports=5) as writer:
            for _, outcome in ReadStream([folder, page], jobs=2):
                if isinstance(outcome, gikkit.Report):
                    writer.add(outcome)
                else:
                    failures.append(outcome)
        assert failures == data.failures
        data.write(tmp_path / f"whole.{fmt}")
        streamed = read_frame(out).sort_values("source", kind="stable", ignore_index=True)
        whole = read_frame(tmp_path / f"whole.{fmt}").sort_values("source", kind="stable", ignore_index=True)
        pd.testing.assert_frame_equal(streamed, whole)


def test_outcomes_come_once_each_with_their_position(tmp_path):
    folder = make_folder(tmp_path / "reports", 30)
    stream = ReadStream([folder], jobs=2)
    positions = [k for k, _ in stream]
    assert sorted(positions) == list(range(stream.total)) == list(range(30))


def test_a_stream_that_stops_half_way_leaves_no_table(tmp_path):
    folder = make_folder(tmp_path / "reports", 6)
    out = tmp_path / "cells.parquet"
    with pytest.raises(KeyboardInterrupt), TableStreamWriter(out, batch_reports=2) as writer:
        for n, (_, outcome) in enumerate(ReadStream([folder], jobs=1)):
            writer.add(outcome)
            if n == 3:
                raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == [folder]


def test_parse_streams_the_table_and_the_store(tmp_path, capsys):
    from gikkit.cli import main
    from gikkit.store_view import StoreDataset

    folder = make_folder(tmp_path / "reports", 12)
    (folder / "notes.txt").write_text("这不是一份年度报告。\n", "utf-8")
    status = main(["parse", str(folder), "--no-cache", "--parquet", str(tmp_path / "cells.parquet"),
                   "--store", str(tmp_path / "store"), "-j", "2"])
    assert status == 1  # notes.txt could not be read; the rest went through
    data = gikkit.read_many([folder], progress=False)
    # The same rows in the same order as the Dataset's table: results are written in input order.
    pd.testing.assert_frame_equal(read_frame(tmp_path / "cells.parquet"), data.to_frame())
    store = StoreDataset(tmp_path / "store")
    assert len(store) == 12 and store.failures == data.failures
    assert "notes.txt" in capsys.readouterr().err


def test_read_many_into_a_store_returns_a_view_of_it(tmp_path):
    folder = make_folder(tmp_path / "reports", 8)
    view = gikkit.read_many([folder], store=tmp_path / "store", progress=False)
    assert len(view) == 8
    pd.testing.assert_frame_equal(view.to_frame(), gikkit.read_many([folder], progress=False).to_frame())
