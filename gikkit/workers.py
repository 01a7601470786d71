"""Run one function over many items in worker processes, surviving workers that crash, hang or bloat.

Each worker process takes one item at a time, so the item a worker is busy with is always known:
a worker that dies is named by its item at once, and one that runs past ``timeout`` is killed after
exactly one timeout (and replaced by a fresh worker). Workers run with a memory limit
(:func:`gikkit.sandbox.set_memory_limit`). :func:`run_all` gives the results in input order;
:func:`run_each` yields each as it finishes, for callers that stream them.
"""
from __future__ import annotations

import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_ready

from .sandbox import context, death, out_of_memory, set_memory_limit, timed_out


def run_all(fn: Callable, items: Sequence[tuple], *, jobs: int, timeout: float | None,
            failed: Callable[[int, str], object], tick: Callable[[int], object] = lambda n: None,
            memory: int | None = None) -> list:
    """``[fn(*args) for args in items]`` on ``jobs`` processes.

    ``fn`` must be a module-level function that returns rather than raises; an item whose process
    dies, runs over ``timeout`` seconds or over ``memory`` bytes gets ``failed(index, problem)`` as
    its result. ``tick(1)`` is called as each item finishes (for a progress bar).
    """
    results: dict[int, object] = {}
    for i, result in run_each(fn, items, jobs=jobs, timeout=timeout, failed=failed, memory=memory):
        results[i] = result
        tick(1)
    return [results[i] for i in range(len(items))]


def run_each(fn: Callable, items: Sequence[tuple], *, jobs: int, timeout: float | None,
             failed: Callable[[int, str], object], memory: int | None = None) -> Iterator[tuple[int, object]]:
    """:func:`run_all`'s work, yielding ``(index, result)`` as each item finishes (not in input order).

    Nothing is held once yielded, so a caller that writes results as they come needs memory for a
    few of them, however many items there are. Closing the generator early stops the workers.
    """
    queue = deque(range(len(items)))
    workers: list[_Worker] = []
    ctx = context()
    try:
        while queue or any(w.item is not None for w in workers):
            for w in workers:
                if w.item is None and queue:
                    w.give(queue.popleft(), items, timeout)
            while queue and len(workers) < max(1, jobs):
                workers.append(_Worker.start(ctx, fn, memory))
                workers[-1].give(queue.popleft(), items, timeout)
            busy = [w for w in workers if w.item is not None]
            deadlines = [w.deadline for w in busy if w.deadline is not None]
            wait_for = None if not deadlines else max(0.0, min(deadlines) - time.monotonic())
            wait_ready([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for)
            for w in busy:
                outcome = w.outcome(memory, timeout)
                if outcome is None:
                    continue
                i, problem, result = outcome
                if problem and w.process.is_alive() and not problem.startswith("unexpected"):
                    w.process.kill()  # stuck or short of memory: a fresh worker takes the next item
                if not w.process.is_alive():
                    w.process.join()
                    workers.remove(w)
                yield i, failed(i, problem) if problem else result
    finally:
        for w in workers:
            w.stop()


@dataclass
class _Worker:
    process: object
    conn: object
    item: int | None = None
    deadline: float | None = None

    @classmethod
    def start(cls, ctx, fn: Callable, memory: int | None) -> _Worker:
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(child, fn, memory), daemon=True)
        process.start()
        child.close()
        return cls(process, parent)

    def give(self, i: int, items: Sequence[tuple], timeout: float | None) -> None:
        self.item = i
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self.conn.send((i, items[i]))

    def outcome(self, memory: int | None, timeout: float | None) -> tuple[int, str | None, object] | None:
        """``(item, problem, result)`` when the item is done (problem set if it failed), else None."""
        i = self.item
        if self.conn.poll():
            try:
                _, raised, result = self.conn.recv()
            except EOFError:  # the process died before sending its result
                self.process.join()
                problem, result = death(self.process.exitcode), None
            else:
                problem = None if raised is None else (out_of_memory(memory) if raised == "MemoryError" else raised)
        elif not self.process.is_alive():
            self.process.join()
            problem, result = death(self.process.exitcode), None
        elif self.deadline is not None and time.monotonic() >= self.deadline:
            problem, result = timed_out(timeout), None
        else:
            return None
        self.item, self.deadline = None, None
        return i, problem, result

    def stop(self) -> None:
        if self.process.is_alive() and self.item is None:
            try:
                self.conn.send(None)
                self.process.join(timeout=5)
            except OSError:
                pass
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _serve(conn, fn: Callable, memory: int | None) -> None:
    """A worker: run items until told to stop (``None``) or the parent goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    set_memory_limit(memory)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        i, args = task
        try:
            conn.send((i, None, fn(*args)))
        except MemoryError:
            conn.send((i, "MemoryError", None))
        except Exception as e:  # fn should not raise; a result that cannot be sent back lands here too
            conn.send((i, f"unexpected {type(e).__name__}: {e}", None))
