"""A real local Dask cluster for the tests: ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1,
started as subprocesses and stopped by their process ids; and a reader slow enough to kill a worker mid-run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import gikkit

DASK = Path(sys.executable).with_name("dask")
TESTS = Path(__file__).resolve().parent
SLOW_SECONDS = 0.25


def slow_read(path, run_checks=True):
    """gikkit.read after a pause, so that a run lasts long enough to lose a worker in the middle of it."""
    time.sleep(SLOW_SECONDS)
    return gikkit.read(path, run_checks=run_checks)


class LocalCluster:
    """One scheduler and ``workers`` single-threaded workers (no nanny: a killed worker stays dead)."""

    def __init__(self, folder: Path, workers: int = 2):
        self.folder = folder
        self.file = folder / "scheduler.json"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")])),
               "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
        quiet = {"stdout": subprocess.DEVNULL, "stderr": open(folder / "cluster.log", "ab"), "env": env,
                 "cwd": folder}
        self.scheduler = subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                           "--no-dashboard", "--scheduler-file", self.file], **quiet)
        self.address = self._wait_for_address()
        self.workers = [subprocess.Popen([DASK, "worker", self.address, "--nthreads", "1", "--no-nanny",
                                          "--host", "127.0.0.1", "--no-dashboard", "--death-timeout", "60"], **quiet)
                        for _ in range(workers)]
        self._wait_for_workers(workers)

    def _wait_for_address(self, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.file.exists():
                try:
                    return json.loads(self.file.read_text())["address"]
                except (ValueError, KeyError):
                    pass
            time.sleep(0.1)
        raise RuntimeError(f"the scheduler did not start: {(self.folder / 'cluster.log').read_text()[-2000:]}")

    def _wait_for_workers(self, n: int) -> None:
        from distributed import Client

        with Client(self.address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(n, timeout=120)

    def kill_worker(self, i: int) -> None:
        os.kill(self.workers[i].pid, signal.SIGKILL)
        self.workers[i].wait(30)

    def stop(self) -> None:
        """Workers first, then the scheduler: each asked to stop (SIGTERM), killed if it has not within seconds."""
        for group in (self.workers, [self.scheduler]):
            for process in group:
                if process.poll() is None:
                    os.kill(process.pid, signal.SIGTERM)
            for process in group:
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    os.kill(process.pid, signal.SIGKILL)
                    process.wait(10)
