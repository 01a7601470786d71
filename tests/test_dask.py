"""Reading on a Dask cluster: a real scheduler and two workers on 127.0.0.1. The output is the table
the local pool gives; a worker killed mid-run has its files read again by the other, and no file is
lost or read twice."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import gikkit
from gikkit.cache import unpack
from gikkit.distributed import read_on_cluster, scheduler_address
from gikkit.stream import ReadStream

from cluster import LocalCluster, slow_read
from fixture_paths import SEED

AGENCIES = [f"高青县{c}镇人民政府" for c in "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    running = LocalCluster(tmp_path_factory.mktemp("cluster"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Twenty distinct reports (the seed, each under another agency's name) and a file that is no report."""
    root = tmp_path_factory.mktemp("reports")
    text = SEED.read_text("utf-8")
    for i, agency in enumerate(AGENCIES):
        (root / f"{i:02d}.txt").write_text(text.replace("高青县田镇街道办事处", agency), "utf-8")
    (root / "notes.txt").write_text("这不是一份年度报告。\n", "utf-8")
    return root


def outcomes(stream) -> dict[int, object]:
    found: dict[int, object] = {}
    for k, outcome in stream:
        assert k not in found, f"entry {k} came back twice"
        found[k] = outcome
    return found


def test_the_cluster_gives_the_local_table(cluster, folder, monkeypatch):
    monkeypatch.chdir(folder.parent)  # a relative path: the workers, in folders of their own, still find the files
    local = outcomes(ReadStream([folder.name], jobs=1))
    remote = outcomes(ReadStream([folder.name], scheduler=cluster.address, batch=4))
    assert sorted(remote) == sorted(local) == list(range(21))
    assert isinstance(remote[20], gikkit.Failure) and remote[20].problem == local[20].problem
    frame = lambda found: gikkit.Dataset([o for _, o in sorted(found.items()) if isinstance(o, gikkit.Report)]).to_frame()  # noqa: E731
    pd.testing.assert_frame_equal(frame(remote), frame(local))
    assert sorted(r.agency for r in remote.values() if isinstance(r, gikkit.Report)) == sorted(AGENCIES)
    assert remote[0].source == str(Path(folder.name) / "00.txt")


def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(cluster, folder):
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.name != "notes.txt")
    items = list(enumerate(files))
    seen: list[int] = []
    results = {}
    run = read_on_cluster(cluster.address, items, read=slow_read, batch=2, timeout=60)
    for k, blob in run:
        seen.append(k)
        results[k] = unpack(blob)
        if len(seen) == 1:  # both workers are busy with a batch: one of them dies now
            cluster.kill_worker(0)
    assert sorted(seen) == list(range(len(files)))  # every file once
    assert all(isinstance(r, gikkit.Report) for r in results.values()), [r for r in results.values()
                                                                         if not isinstance(r, gikkit.Report)]
    assert [results[k].agency for k in range(len(files))] == AGENCIES
    assert cluster.workers[0].poll() is not None and cluster.workers[1].poll() is None


def test_the_scheduler_comes_from_the_option_or_the_environment(monkeypatch):
    monkeypatch.delenv("GIKKIT_SCHEDULER", raising=False)
    assert scheduler_address(None) is None
    monkeypatch.setenv("GIKKIT_SCHEDULER", "tcp://127.0.0.1:8786")
    assert scheduler_address(None) == "tcp://127.0.0.1:8786"
    assert scheduler_address("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"


def test_an_unreachable_scheduler_is_a_gikkit_error(folder):
    with pytest.raises(gikkit.GikkitError, match="cannot reach the Dask scheduler"):
        list(read_on_cluster("tcp://127.0.0.1:9", [(0, folder / "00.txt")], connect_seconds=2))
