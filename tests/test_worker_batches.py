"""The local pool hands workers batches of files and gets their outcomes back a batch at a time, yet
every file keeps its own limits: one that hangs, blows its memory or kills its worker fails alone,
named, and the rest of its batch is read; nothing is lost or read into the output twice; outcomes
stream out while later files are still unread."""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import gikkit
from gikkit.stream import ReadStream

import hostile_recipes as R
from fixture_paths import SEED

PLACES = "甲乙丙丁戊己庚辛壬癸子丑寅卯"


def make_files(folder: Path, names: list[str]) -> list[Path]:
    """The seed report under each name, each with its own agency (so each outcome says whose it is)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text("utf-8")
    paths = []
    for k, name in enumerate(names):
        path = folder / name
        path.write_text(text.replace("高青县田镇街道办事处", f"高青县{PLACES[k]}镇人民政府"), "utf-8")
        paths.append(path)
    return paths


def troubled_read(path, run_checks=True):
    """gikkit.read, except: hang* never returns, die* kills its own process, slow* waits to be killed."""
    if path.name.startswith("hang"):
        time.sleep(3600)
    if path.name.startswith("die"):
        os.kill(os.getpid(), signal.SIGKILL)
    if path.name.startswith("slow"):
        (path.parent / "running").write_text(str(os.getpid()))  # tells the test which process to kill
        time.sleep(3600)
    return gikkit.read(path, run_checks=run_checks)


def outcomes(folder, **options) -> dict[str, object]:
    """Each file's outcome by file name, checking that every file came out exactly once."""
    stream = ReadStream([folder], cache=False, **options)
    seen = [(k, outcome) for k, outcome in stream]
    positions = [k for k, _ in seen]
    assert sorted(positions) == list(range(len(stream.entries))), "a file lost or doubled"
    return {Path(getattr(o, "source", None) or o.path).name: o for _, o in seen}


def test_a_hanging_file_fails_alone_and_the_rest_of_its_batch_is_read(tmp_path):
    names = ["a.txt", "b.txt", "hang.txt", "d.txt", "e.txt", "f.txt", "g.txt", "h.txt"]
    make_files(tmp_path, names)
    got = outcomes(tmp_path, jobs=1, batch=8, timeout=2, read=troubled_read)  # one worker: the hang is mid-batch
    assert got["hang.txt"].problem == "still running after 2 s; gave up"
    assert got["hang.txt"].path == str(tmp_path / "hang.txt")
    readings = {n: o for n, o in got.items() if n != "hang.txt"}
    assert all(hasattr(o, "cells") for o in readings.values()), readings
    assert len({o.agency for o in readings.values()}) == len(readings)  # each its own file's report


def test_a_file_over_its_memory_limit_fails_alone_in_its_batch(tmp_path):
    make_files(tmp_path, ["a.txt", "b.txt", "d.txt"])
    R.html(tmp_path / "c-long.html", "<p>政府信息公开</p>" * 1_000_000)  # within the size limits, not the memory
    got = outcomes(tmp_path, jobs=1, batch=4, memory=40 << 20)
    assert got["c-long.html"].problem == "needs more than 40 MB of memory; gave up"
    assert all(hasattr(got[n], "cells") for n in ("a.txt", "b.txt", "d.txt"))


def test_a_file_that_kills_its_worker_mid_batch_fails_alone_and_nothing_is_lost_or_doubled(tmp_path):
    make_files(tmp_path, ["a.txt", "b.txt", "die.txt", "d.txt", "e.txt", "f.txt", "g.txt", "h.txt"])
    got = outcomes(tmp_path, jobs=2, batch=4, read=troubled_read)
    assert got["die.txt"].problem == "crashed its worker process (killed by SIGKILL)"
    assert sum(hasattr(o, "cells") for o in got.values()) == 7


def test_a_worker_killed_from_outside_mid_batch_loses_nothing_and_doubles_nothing(tmp_path):
    make_files(tmp_path, ["a.txt", "b.txt", "c.txt", "slow.txt", "e.txt", "f.txt", "g.txt", "h.txt"])
    marker = tmp_path / "running"

    def kill_when_slow_runs():
        while not marker.exists() or not marker.read_text():
            time.sleep(0.05)
        os.kill(int(marker.read_text()), signal.SIGKILL)

    killer = threading.Thread(target=kill_when_slow_runs, daemon=True)
    killer.start()
    got = outcomes(tmp_path, jobs=1, batch=8, read=troubled_read)  # one batch of four: a, b, c read, slow running
    killer.join()
    marker.unlink()
    assert got["slow.txt"].problem == "crashed its worker process (killed by SIGKILL)"
    assert [n for n, o in got.items() if not hasattr(o, "cells")] == ["slow.txt"]
    assert len(got) == 8


def test_outcomes_stream_out_before_the_last_file_is_read(tmp_path):
    paths = make_files(tmp_path, [f"{k:02d}.txt" for k in range(12)])
    last = paths[-1]
    changed = SEED.read_text("utf-8").replace("高青县田镇街道办事处", "高青县后来镇人民政府")
    ticks = []
    stream = ReadStream([tmp_path], jobs=1, batch=4, cache=False, tick=ticks.append)
    agencies = {}
    for k, outcome in stream:
        if not agencies:  # the first outcome is out: change the last file now
            last.write_text(changed, "utf-8")
        agencies[Path(outcome.source).name] = outcome.agency
    # the last file was read after the first outcome came out, so its new text is what was read
    assert agencies[last.name] == "高青县后来镇人民政府"
    assert len(agencies) == 12 and sum(ticks) == 12  # the progress bar moved once per file
