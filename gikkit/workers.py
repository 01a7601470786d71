"""Run one function over many items in worker processes, surviving workers that crash or hang.

Items go to a process pool first (fast). If the pool breaks (a worker died, e.g. a segfault in a
C library) or stalls (nothing finished within ``timeout``), the items not done yet are run again,
each in a process of its own, so that the one that kills or stalls its process is named. Results
come back in input order.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_ready


def run_all(fn: Callable, items: Sequence[tuple], *, jobs: int, timeout: float | None,
            failed: Callable[[int, str], object], tick: Callable[[int], object] = lambda n: None) -> list:
    """``[fn(*args) for args in items]`` on ``jobs`` processes.

    ``fn`` must be a module-level function that returns rather than raises; an item whose process
    dies or runs over ``timeout`` seconds gets ``failed(index, problem)`` as its result.
    ``tick(1)`` is called as each item finishes (for a progress bar).
    """
    run = _Run(fn, items, timeout, failed, tick, {})
    left = run.in_pool(min(jobs, len(items)))
    if left:
        run.isolated(left, jobs)
    return [run.results[i] for i in range(len(items))]


@dataclass
class _Run:
    fn: Callable
    items: Sequence[tuple]
    timeout: float | None
    failed: Callable[[int, str], object]
    tick: Callable[[int], object]
    results: dict

    def store(self, i: int, result) -> None:
        self.results[i] = result
        self.tick(1)

    def in_pool(self, workers: int) -> list[int]:
        """Run every item in a process pool; return the indices left undone if the pool broke or stalled."""
        executor = ProcessPoolExecutor(max_workers=workers)
        futures = {executor.submit(self.fn, *args): i for i, args in enumerate(self.items)}
        pending, healthy = set(futures), True
        try:
            while pending and healthy:
                done, pending = wait(pending, timeout=self.timeout, return_when=FIRST_COMPLETED)
                healthy = bool(done)  # nothing finished within the timeout: a worker hangs
                for future in done:
                    try:
                        self.store(futures[future], future.result())
                    except BrokenProcessPool:
                        healthy = False  # a worker died; its item is among those left
                    except Exception as e:  # e.g. a result that cannot be sent back
                        self.store(futures[future], self.failed(futures[future], f"unexpected {type(e).__name__}: {e}"))
            for future, i in futures.items():  # results that arrived before the pool broke
                if i not in self.results and future.done() and not future.cancelled() and not future.exception():
                    self.store(i, future.result())
        finally:
            if not healthy:
                # There is no public way to stop a stuck worker; kill them so that shutdown cannot hang.
                for process in list((getattr(executor, "_processes", None) or {}).values()):
                    process.kill()
            executor.shutdown(wait=True, cancel_futures=True)
        return [i for i in range(len(self.items)) if i not in self.results]

    def isolated(self, todo: list[int], jobs: int) -> None:
        """Run each item in a process of its own, ``jobs`` at a time, so a crash or hang names its item."""
        ctx = mp.get_context()
        queue, running = list(todo), {}
        while queue or running:
            while queue and len(running) < jobs:
                i = queue.pop(0)
                receive, send = ctx.Pipe(duplex=False)
                process = ctx.Process(target=_child, args=(send, self.fn, self.items[i]), daemon=True)
                process.start()
                send.close()
                deadline = None if self.timeout is None else time.monotonic() + self.timeout
                running[i] = (process, receive, deadline)
            wait_ready([conn for _, conn, _ in running.values()], timeout=0.2)
            for i, (process, conn, deadline) in list(running.items()):
                if conn.poll():
                    try:
                        result = conn.recv()
                    except EOFError:  # the process died before sending its result
                        process.join()
                        result = self.failed(i, _death(process.exitcode))
                elif deadline is not None and time.monotonic() > deadline:
                    process.kill()
                    result = self.failed(i, f"still running after {self.timeout:g} s; gave up")
                else:
                    continue
                process.join()
                conn.close()
                del running[i]
                self.store(i, result)


def _child(conn, fn: Callable, args: tuple) -> None:
    conn.send(fn(*args))
    conn.close()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"crashed its worker process (killed by {name})"
    return f"crashed its worker process (exit status {exitcode})"
