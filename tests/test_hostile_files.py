"""Only regular files are read; what else a folder holds is listed with its reason; every read is bounded
in time and memory, a single file and one file in a batch alike, and a time-out costs one timeout."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import gikkit
from gikkit.cli import build_parser
from gikkit.dataset import expand_paths, scan_paths
from gikkit.errors import LimitExceededError, UnreadableFileError

import hostile_recipes as R


def hanging_read(path, run_checks=True):
    """gikkit.read, except that a file named hang* never returns (a reader stuck in a library)."""
    if path.name.startswith("hang"):
        time.sleep(3600)
    return gikkit.read(path, run_checks=run_checks)


def gikkit_cli(*args):
    return subprocess.run([sys.executable, "-m", "gikkit.cli", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def odd_folder(tmp_path, seed_path):
    """The seed report, and beside it a FIFO, a broken link, a link to itself, a link to a device and a folder loop."""
    root = tmp_path / "reports"
    (root / "sub").mkdir(parents=True)
    (root / "good.txt").write_bytes(seed_path.read_bytes())
    R.write_fifo(root / "pipe.txt")
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    (root / "self.txt").symlink_to(root / "self.txt")
    (root / "null.txt").symlink_to(os.devnull)
    (root / "sub" / "up").symlink_to(root)  # a folder link back to the top
    return root


REASONS = {"pipe.txt": "a FIFO (named pipe)", "dangling.txt": "a broken link", "self.txt": "loops back on itself",
           "null.txt": "a device file", "sub/up": "a link back to a folder already read"}


def test_a_fifo_named_as_a_file_is_refused_without_opening_it(tmp_path):
    pipe = R.write_fifo(tmp_path / "report.pdf")
    start = time.monotonic()
    with pytest.raises(UnreadableFileError, match="FIFO"):
        gikkit.read(pipe)  # open() would block for ever: nothing may open it
    assert time.monotonic() - start < 2
    assert "FIFO" in R.read_error(pipe).problem


def test_a_device_is_refused(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    assert "device file" in R.read_error(tmp_path / "zero.txt").problem


def test_a_folder_lists_what_it_skipped_and_why(odd_folder):
    assert [p.name for p in expand_paths(odd_folder)] == ["good.txt"]
    skipped = {str(Path(e.path).relative_to(odd_folder)): e.problem for e in scan_paths(odd_folder) if not isinstance(e, Path)}
    assert set(skipped) == set(REASONS)
    for name, words in REASONS.items():
        assert skipped[name].startswith("skipped: ") and words in skipped[name], (name, skipped[name])


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_reads_the_good_file_and_lists_the_rest(odd_folder, jobs):
    data = gikkit.read_many(odd_folder, jobs=jobs)
    assert [Path(r.source).name for r in data.reports] == ["good.txt"]
    assert {str(Path(f.path).relative_to(odd_folder)) for f in data.failures} == set(REASONS)


def test_the_cli_prints_what_it_skipped(odd_folder):
    result = gikkit_cli("parse", str(odd_folder))
    assert result.returncode == 1
    for name, words in REASONS.items():
        assert f"{odd_folder / name}: skipped: " in result.stderr and words in result.stderr
    assert "good.txt" in result.stdout


def test_a_hanging_file_costs_one_timeout_not_two(tmp_path, seed_path):
    for name in ("a.txt", "hang.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_bytes(seed_path.read_bytes())
    start = time.monotonic()
    data = gikkit.read_many(tmp_path, jobs=2, timeout=3, read=hanging_read)
    elapsed = time.monotonic() - start
    assert [f.problem for f in data.failures] == ["still running after 3 s; gave up"]
    assert len(data.reports) == 3
    assert elapsed < 5.5, f"{elapsed:.1f} s for a 3 s timeout"  # the old pool waited one timeout, then another


def test_one_file_gets_the_time_limit_too(tmp_path):
    start = time.monotonic()
    with pytest.raises(LimitExceededError, match=r"still running after 0.2 s"):
        gikkit.read(R.PDF, timeout=0.2)
    assert time.monotonic() - start < 2
    assert [f.problem for f in gikkit.read_many([R.PDF], timeout=0.2).failures] == ["still running after 0.2 s; gave up"]


@pytest.mark.parametrize("command", ["parse", "check"])
def test_parse_and_check_give_one_file_the_shared_timeout(command):
    result = gikkit_cli(command, str(R.PDF), "--timeout", "0.2")
    assert result.returncode == 1
    assert f"{R.PDF}: still running after 0.2 s; gave up" in result.stderr


def test_parse_check_and_export_share_one_timeout_option():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    helps = {name: next(a for a in sub._actions if "--timeout" in a.option_strings) for name, sub in subparsers.items()}
    assert set(helps) >= {"parse", "check", "export"}
    assert {h.type for h in helps.values()} == {helps["parse"].type}
    assert all(h.help.startswith("give up on a file that takes longer than this to read") for h in helps.values())
    assert gikkit_cli("parse", str(R.PDF), "--timeout", "0").returncode == 2


def test_a_read_past_its_memory_limit_is_stopped_and_named(tmp_path, seed_path):
    """A page within every size limit (20 MB) whose parse tree still needs hundreds of MB."""
    page = R.html(tmp_path / "long.html", "<p>政府信息公开</p>" * 1_000_000)
    start = time.monotonic()
    with pytest.raises(LimitExceededError, match="needs more than 40 MB of memory"):
        gikkit.read(page, memory=40 << 20)
    assert time.monotonic() - start < 10
    data = gikkit.read_many([page, seed_path], jobs=2, memory=40 << 20)
    assert [(f.path, f.problem) for f in data.failures] == [(str(page), "needs more than 40 MB of memory; gave up")]
    assert len(data.reports) == 1  # the worker that ran short was replaced; the next file read


def test_a_bounded_read_gives_the_same_report_as_a_plain_one(seed_path):
    """A bounded read runs in a forked child and sends the report back whole (its cost, a few
    milliseconds a file, is measured in docs/benchmarks.md, not here: no timed assertions)."""
    plain, bounded = gikkit.read(seed_path), gikkit.read(seed_path, timeout=30, memory=400 * 2**20)
    assert bounded.cells == plain.cells and bounded.cell_info == plain.cell_info
    assert [f.to_dict() for f in bounded.findings] == [f.to_dict() for f in plain.findings]


def test_the_last_resort_turns_any_other_exception_into_a_gikkit_error_naming_its_type():
    """A case no reader names (here: no path at all) still ends in a GikkitError, in this process and bounded."""
    for read in (gikkit.read, lambda p: gikkit.read(p, timeout=10)):
        with pytest.raises(UnreadableFileError) as err:
            read(None)
        assert "unexpected TypeError" in err.value.problem and "gikkit bug" in err.value.problem
