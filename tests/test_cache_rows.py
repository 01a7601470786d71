"""The tidy rows kept beside each cached report: a warm ``gikkit parse --parquet/--store`` builds its
tables from them without unpacking reports, and writes the very table a cold read writes; rows the
running code cannot trust (another format) are rebuilt from the report, never misread."""
from __future__ import annotations

import pickle
import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import gikkit
from gikkit import cell_rows
from gikkit.cache import PackedReport, ReportCache, pack
from gikkit.cli import main
from gikkit.dataset import Failure
from gikkit.store import cells_table
from gikkit.stream import ReadStream

from fixture_paths import FIXTURES, OTHER_AGENCY, SEED, cache_folder


@pytest.fixture
def folder(tmp_path) -> Path:
    """The seed, an edited copy, rendered pages and documents (blank cells among them), and a file that is no report."""
    pages = sorted(p for p in (FIXTURES / "rendered").iterdir() if p.suffix in (".html", ".docx"))
    return cache_folder(tmp_path / "reports", pages)


def parse(folder: Path, out: Path, *options: str) -> pq.ParquetFile:
    assert main(["parse", str(folder), "--parquet", str(out), *options]) == 1  # notes.txt is no report
    return pq.read_table(out)


def same_table(a, b) -> bool:
    return a.schema.equals(b.schema, check_metadata=True) and a.equals(b)


def test_a_warm_table_is_the_cold_table_and_follows_changes(folder, tmp_path):
    cache = str(tmp_path / "cache")
    fresh = parse(folder, tmp_path / "fresh.parquet", "--no-cache")
    cold = parse(folder, tmp_path / "cold.parquet", "--cache", cache)
    warm = parse(folder, tmp_path / "warm.parquet", "--cache", cache)
    assert same_table(cold, fresh) and same_table(warm, fresh)
    assert fresh.column("value").null_count > 0  # blank cells: values kept null, not 0
    assert set(fresh.column("status").to_pylist()) > {"ok"}
    assert len(ReportCache(cache)) == len(set(fresh.column("source").to_pylist()))

    text = SEED.read_text("utf-8")
    (folder / "seed.txt").write_text(text.replace("高青县田镇街道办事处", "高青县花沟镇人民政府"), "utf-8")
    (folder / "edited.txt").unlink()
    again = parse(folder, tmp_path / "again.parquet", "--cache", cache)
    assert same_table(again, parse(folder, tmp_path / "fresh-again.parquet", "--no-cache"))
    agencies = set(again.column("agency").to_pylist())
    assert "高青县花沟镇人民政府" in agencies and OTHER_AGENCY not in agencies
    assert str(folder / "edited.txt") not in set(again.column("source").to_pylist())


def test_a_warm_store_is_the_cold_store(folder, tmp_path):
    cache = str(tmp_path / "cache")
    for name in ("cold", "warm"):
        assert main(["parse", str(folder), "--store", str(tmp_path / name), "--cache", cache]) == 1
    fresh = gikkit.read_many([folder], jobs=1, timeout=None, memory=None, progress=False, store=tmp_path / "fresh")
    assert len(fresh) == 5
    for table in ("cells", "reports", "findings", "wide"):
        cold, warm, own = (store_table(tmp_path / name / table) for name in ("cold", "warm", "fresh"))
        assert cold.num_rows > 0
        assert warm.equals(cold) and own.equals(cold), table


def store_table(folder: Path):
    """A store's table, its year partitions one after the other."""
    return pa.concat_tables(pq.read_table(part) for part in sorted(folder.rglob("*.parquet")))


def test_packed_reports_give_the_reports_and_their_rows(folder, tmp_path):
    cache = ReportCache(tmp_path / "cache")
    for run in ("cold", "warm"):
        stream = ReadStream([folder], cache=cache, packed=True, jobs=2)
        outcomes = dict(stream)
        assert isinstance(outcomes.pop(stream.entries.index(folder / "notes.txt")), Failure)
        packed = [outcomes[k] for k in sorted(outcomes)]
        assert all(isinstance(p, PackedReport) for p in packed), run
        reports = [p.unpack() for p in packed]
        assert [r.source for r in reports] == [p.source for p in packed]
        assert [r.to_dict() for r in reports] == [gikkit.read(p.source).to_dict() for p in packed]
        assert same_table(cells_table(packed), cells_table(reports))
        frame = gikkit.Dataset(reports).to_frame()
        built = cells_table(packed).to_pandas()
        for column in ("year", "value", "coverage"):
            built[column] = built[column].astype(frame[column].dtype)
        assert built.equals(frame), run
    assert (cache.hits, cache.misses) == (5, 7)  # the warm run: every report from the cache, notes.txt read again


def test_a_layout_not_met_before_is_learnt_from_its_report(folder, tmp_path, monkeypatch):
    cache = ReportCache(tmp_path / "cache")
    list(ReadStream([folder], cache=cache, jobs=1, timeout=None, memory=None))
    stream = ReadStream([folder], cache=cache, packed=True, jobs=1)
    packed = [o for _, o in sorted(stream) if isinstance(o, PackedReport)]
    expected = cells_table([p.unpack() for p in packed])
    monkeypatch.setattr(cell_rows, "_LAYOUTS", {})  # as in a fresh process: no layout known yet
    assert same_table(cells_table(packed), expected)
    assert all(isinstance(p.rows, cell_rows.CellRows) for p in packed)  # hits come with their rows unpacked
    assert len(cell_rows._LAYOUTS) == len({p.rows.layout for p in packed})


def test_kept_rows_of_another_format_are_rebuilt_not_misread(folder, tmp_path):
    cache = str(tmp_path / "cache")
    cold = parse(folder, tmp_path / "cold.parquet", "--cache", cache)
    with sqlite3.connect(ReportCache(cache).path) as db:
        stored = db.execute("SELECT digest, rows FROM reports").fetchall()
        assert stored and all(cell_rows.CellRows.unpack(rows) is not None for _, rows in stored)
        other = pickle.dumps((cell_rows.ROWS_FORMAT + 1, "rows a later gikkit might keep"))
        db.executemany("UPDATE reports SET rows = ? WHERE digest = ?",
                       [(other if k % 2 else b"not a pickle", digest) for k, (digest, _) in enumerate(stored)])
    assert cell_rows.CellRows.unpack(other) is None and cell_rows.CellRows.unpack(b"not a pickle") is None
    assert same_table(parse(folder, tmp_path / "warm.parquet", "--cache", cache), cold)


def test_a_table_and_a_store_written_at_once_are_those_written_alone(folder, tmp_path):
    cache = str(tmp_path / "cache")
    alone = parse(folder, tmp_path / "alone.parquet", "--cache", cache)
    assert main(["parse", str(folder), "--store", str(tmp_path / "alone"), "--cache", cache]) == 1
    # Both writers build rows on threads of their own, and meet each layout for the first time together.
    code = ("import sys\nfrom gikkit.cli import main\nfolder, table, store, cache = sys.argv[1:]\n"
            "sys.exit(main(['parse', folder, '--parquet', table, '--store', store, '--cache', cache]))")
    done = subprocess.run([sys.executable, "-c", code, str(folder), str(tmp_path / "both.parquet"),
                           str(tmp_path / "both"), cache], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # notes.txt is no report; nothing else went wrong
    assert same_table(pq.read_table(tmp_path / "both.parquet"), alone)
    for table in ("cells", "reports", "findings", "wide"):
        assert store_table(tmp_path / "both" / table).equals(store_table(tmp_path / "alone" / table)), table


def test_layouts_learnt_on_several_threads_at_once_give_the_same_rows(folder, tmp_path, monkeypatch):
    stream = ReadStream([folder], jobs=1, timeout=None, memory=None)
    reports = [o for _, o in sorted(stream) if isinstance(o, gikkit.Report)]
    expected = cells_table(reports)
    packed = [PackedReport(r.source, pack(r), cell_rows.CellRows.of(r).pack()) for r in reports]
    for _ in range(20):  # without the lock, about one build in twenty came out wrong
        monkeypatch.setattr(cell_rows, "_LAYOUTS", {})  # as in a fresh process: every layout new to all threads
        monkeypatch.setattr(cell_rows, "_LABELS", cell_rows._Labels())
        start = threading.Barrier(4)

        def build():
            start.wait()
            return cells_table(packed)

        with ThreadPoolExecutor(4) as pool:
            built = [pool.submit(build) for _ in range(4)]
        assert all(same_table(b.result(), expected) for b in built)
