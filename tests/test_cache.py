"""The cache of parsed reports: a second read of an unchanged folder comes from it, whole and equal;
a changed file is read again, a removed one drops out, another code version or a custom reader
never sees it, and several processes can write it at once."""
from __future__ import annotations

import multiprocessing as mp
import shutil
from pathlib import Path

import pytest

import gikkit
from gikkit.cache import ReportCache, default_folder, file_digest, pack, unpack
from gikkit.dataset import Failure
from gikkit.stream import ReadStream, cacheable

from fixture_paths import FIXTURES, OTHER_AGENCY, SEED, cache_folder


@pytest.fixture
def folder(tmp_path) -> Path:
    """The seed, an edited copy of it, a rendered web page and a file that is no report."""
    return cache_folder(tmp_path / "reports", [FIXTURES / "rendered" / "pingtan-2019.html"])


def read(folder, cache, **options) -> dict[str, object]:
    """Outcomes by file name."""
    stream = ReadStream([folder], cache=cache, jobs=1, timeout=None, memory=None, **options)
    return {Path(getattr(o, "source", None) or o.path).name: o for _, o in stream}


def as_data(outcome):
    return outcome.to_dict() if isinstance(outcome, gikkit.Report) else outcome


def test_a_second_read_comes_from_the_cache_and_equals_the_first(folder, tmp_path):
    cold_cache = ReportCache(tmp_path / "cache")
    cold = read(folder, cold_cache)
    assert (cold_cache.hits, cold_cache.misses) == (0, 4)
    assert isinstance(cold["notes.txt"], Failure)  # not cached: a failure is tried again next time

    warm_cache = ReportCache(tmp_path / "cache")
    warm = read(folder, warm_cache)
    assert (warm_cache.hits, warm_cache.misses) == (3, 1)
    assert {k: as_data(v) for k, v in warm.items()} == {k: as_data(v) for k, v in cold.items()}
    assert warm["edited.txt"].agency == OTHER_AGENCY


def test_a_changed_file_is_read_again_and_a_removed_one_drops_out(folder, tmp_path):
    read(folder, ReportCache(tmp_path / "cache"))
    text = SEED.read_text("utf-8")
    (folder / "seed.txt").write_text(text.replace("高青县田镇街道办事处", "高青县花沟镇人民政府"), "utf-8")
    (folder / "pingtan-2019.html").unlink()

    cache = ReportCache(tmp_path / "cache")
    again = read(folder, cache)
    assert sorted(again) == ["edited.txt", "notes.txt", "seed.txt"]
    assert again["seed.txt"].agency == "高青县花沟镇人民政府"
    assert (cache.hits, cache.misses) == (1, 2)  # edited.txt came from the cache; notes.txt is no report


def test_a_copy_elsewhere_is_served_under_its_own_path(folder, tmp_path):
    read(folder, ReportCache(tmp_path / "cache"))
    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    shutil.copyfile(SEED, copy)
    cache = ReportCache(tmp_path / "cache")
    [(_, report)] = list(ReadStream([copy], cache=cache, jobs=1, timeout=None, memory=None))
    assert cache.hits == 1
    assert report.source == str(copy)
    assert all(f.source in (None, str(copy)) for f in report.findings)
    assert report.cells == gikkit.read(SEED).cells


def test_another_code_version_or_a_custom_reader_reads_afresh(folder, tmp_path):
    read(folder, ReportCache(tmp_path / "cache"))
    other = ReportCache(tmp_path / "cache", version="9.9.9+elsewhere")
    read(folder, other)
    assert (other.hits, other.misses) == (0, 4)
    assert other.drop_other_versions() == 3  # what the first version stored
    assert len(ReportCache(tmp_path / "cache", version="9.9.9+elsewhere")) == 3

    # A reader passed in is not gikkit's: its results are neither served from nor put in the cache.
    stream = ReadStream([folder], cache=ReportCache(tmp_path / "cache"), read=gikkit.read, jobs=1,
                        timeout=None, memory=None)
    assert stream.cache is None


def test_run_checks_is_part_of_the_key(folder, tmp_path):
    read(folder, ReportCache(tmp_path / "cache"))
    cache = ReportCache(tmp_path / "cache")
    unchecked = read(folder, cache, run_checks=False)
    assert cache.hits == 0
    assert unchecked["seed.txt"].cells == gikkit.read(SEED, run_checks=False).cells


def test_no_cache_writes_nothing(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_folder() == tmp_path / "xdg" / "gikkit"
    read(folder, None)
    read(folder, False)
    assert not (tmp_path / "xdg").exists()
    read(folder, True)  # the user's cache folder
    assert len(ReportCache()) == 3


def test_failures_are_not_cached():
    assert not cacheable(Failure("a.pdf", "no report tables (表二/表三/表四) found in the document"))
    assert not cacheable(Failure("a.pdf", "still running after 300 s; gave up"))
    assert not cacheable(Failure("a.pdf", "crashed its worker process (killed by SIGKILL)"))
    report = gikkit.read(SEED)
    assert cacheable(report)
    assert unpack(pack(report)).to_dict() == report.to_dict()


def _write_rows(folder: str, start: int, n: int) -> None:
    cache = ReportCache(folder, version="concurrent")
    for i in range(start, start + n, 10):
        cache.put_many([(f"digest-{j}", bytes([j % 256]) * 100, bytes([j % 7]) * 50) for j in range(i, i + 10)])
    cache.close()


def test_concurrent_writers_lose_nothing(tmp_path):
    ctx = mp.get_context("spawn")
    writers = [ctx.Process(target=_write_rows, args=(str(tmp_path), k * 1000, 400)) for k in range(3)]
    for w in writers:
        w.start()
    for w in writers:
        w.join(60)
    assert [w.exitcode for w in writers] == [0, 0, 0]
    cache = ReportCache(tmp_path, version="concurrent")
    assert len(cache) == 1200
    assert cache.get_many(["digest-1005"]) == {"digest-1005": (bytes([1005 % 256]) * 100, bytes([1005 % 7]) * 50)}


def test_a_cache_that_cannot_be_opened_is_skipped(folder, tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    cache = ReportCache(blocker)
    outcomes = read(folder, cache)
    assert len(outcomes) == 4 and cache.disabled
    assert "is not used" in capsys.readouterr().err


def test_digest_follows_the_bytes(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"x" * 3_000_000)
    b.write_bytes(b"x" * 3_000_000)
    assert file_digest(a) == file_digest(b)
    b.write_bytes(b"x" * 2_999_999 + b"y")
    assert file_digest(a) != file_digest(b)


def test_the_command_caches_in_the_users_folder_or_where_told(folder, tmp_path, monkeypatch, capsys):
    from gikkit.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert main(["parse", str(folder), "--no-cache", "--json"]) == 1  # notes.txt is no report
    assert not (tmp_path / "xdg").exists()
    assert main(["parse", str(folder), "--json"]) == 1
    assert len(ReportCache(tmp_path / "xdg" / "gikkit")) == 3
    assert main(["parse", str(folder), "--cache", str(tmp_path / "mine"), "--json"]) == 1
    assert len(ReportCache(tmp_path / "mine")) == 3
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 9 and printed[:3] == printed[3:6] == printed[6:]  # the same reports, cached or not
