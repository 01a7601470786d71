"""Run one function over many items in worker processes, surviving workers that crash, hang or bloat.

Each worker is handed a batch of items and sends their results back a few at a time (one message
per batch, or sooner when a batch runs long), so the parent wakes, pickles and unpickles once per
batch rather than once per item. The limits stay per item: before each item a worker writes which
item it is on and when it started into memory shared with the parent (no message), so the parent
knows the item a worker is busy with at every moment. A worker that dies is named by that item at
once; one whose item runs past ``timeout`` is killed after exactly one timeout; an item that runs
out of memory (:func:`gikkit.sandbox.set_memory_limit`, set once per worker) fails alone. In each
case the worker is replaced, and the items of its batch that had not come back go to the next
worker: the one that was running fails, named; the others are read as if nothing had happened.
An item whose worker died while it only waited its turn (never running) is tried once more, then
failed. :func:`run_all` gives the results in input order; :func:`run_each` yields each as it
arrives, for callers that stream them.
"""
from __future__ import annotations

import math
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_ready

from .sandbox import context, death, die_with_parent, out_of_memory, set_memory_limit, timed_out

BATCH = 16  # items per batch at most: a round trip per 16 files, small enough to spread the tail evenly
FLUSH_SECONDS = 0.5  # a worker sends what it has at least this often, so results stream and progress moves
IDLE = -1.0  # the shared "item running" slot when a worker is between items


def run_all(fn: Callable, items: Sequence[tuple], *, jobs: int, timeout: float | None,
            failed: Callable[[int, str], object], tick: Callable[[int], object] = lambda n: None,
            memory: int | None = None, batch: int | None = None) -> list:
    """``[fn(*args) for args in items]`` on ``jobs`` processes.

    ``fn`` must be a module-level function that returns rather than raises; an item whose process
    dies, runs over ``timeout`` seconds or over ``memory`` bytes gets ``failed(index, problem)`` as
    its result. ``tick(1)`` is called as each item finishes (for a progress bar).
    """
    results: dict[int, object] = {}
    for i, result in run_each(fn, items, jobs=jobs, timeout=timeout, failed=failed, memory=memory, batch=batch):
        results[i] = result
        tick(1)
    return [results[i] for i in range(len(items))]


def run_each(fn: Callable, items: Sequence[tuple], *, jobs: int, timeout: float | None,
             failed: Callable[[int, str], object], memory: int | None = None,
             batch: int | None = None) -> Iterator[tuple[int, object]]:
    """:func:`run_all`'s work, yielding ``(index, result)`` as results arrive (not in input order).

    ``batch``: items per batch at most (default :data:`BATCH`). Nothing is held once yielded, so a
    caller that writes results as they come needs memory for a few batches, however many items
    there are. Closing the generator early stops the workers.
    """
    queue = deque(range(len(items)))
    waited_on_death: set[int] = set()  # items whose worker died while they waited in its batch
    workers: list[_Worker] = []
    ctx = context()
    most = max(1, batch or BATCH)
    jobs = max(1, jobs)
    try:
        while queue or any(w.pending for w in workers):
            for w in [w for w in workers if not w.pending and queue] + [None] * (jobs - len(workers)):
                if not queue:
                    break
                if w is None:
                    w = _Worker.start(ctx, fn, memory, most)
                    workers.append(w)
                size = max(1, min(most, math.ceil(len(queue) / (2 * jobs))))  # smaller batches near the end
                w.give([queue.popleft() for _ in range(min(size, len(queue)))], items)
            busy = [w for w in workers if w.pending]
            deadlines = [d for d in (w.deadline(timeout) for w in busy) if d is not None]
            wait_for = None if not deadlines else max(0.0, min(deadlines) - time.monotonic())
            wait_ready([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for)
            for w in busy:
                done, gone = w.collect(timeout)
                for i, raised, result in done:
                    why = None if raised is None else (out_of_memory(memory) if raised == "MemoryError" else raised)
                    yield i, failed(i, why) if why else result
                if gone is None:
                    continue
                workers.remove(w)
                culprit, why, unexplained = gone
                if culprit is not None:
                    w.pending.remove(culprit)
                    yield culprit, failed(culprit, why)
                for i in reversed(w.pending):  # back to the front of the queue, in their order
                    if unexplained and i in waited_on_death:
                        yield i, failed(i, why)  # its worker died twice while it waited: say so, do not loop
                        continue
                    if unexplained:
                        waited_on_death.add(i)
                    queue.appendleft(i)
                w.pending = []
    finally:
        for w in workers:
            w.stop()


@dataclass
class _Worker:
    process: object
    conn: object
    started: object  # shared doubles: [0] the batch position running (or IDLE), [1 + j] when position j began
    pending: list[int] = field(default_factory=list)  # the items of its batch not yet come back, in order
    batch: list[int] = field(default_factory=list)

    @classmethod
    def start(cls, ctx, fn: Callable, memory: int | None, most: int) -> _Worker:
        parent, child = ctx.Pipe()
        started = ctx.RawArray("d", 1 + most)
        started[0] = IDLE
        process = ctx.Process(target=_serve, args=(child, started, fn, memory, os.getpid()), daemon=True)
        process.start()
        child.close()
        return cls(process, parent, started)

    def give(self, batch: list[int], items: Sequence[tuple]) -> None:
        self.batch, self.pending = batch, list(batch)
        self.conn.send([(i, items[i]) for i in batch])

    def running(self) -> tuple[int | None, float]:
        """The item this worker is on and when it began (None between items)."""
        j = int(self.started[0])
        if j < 0 or j >= len(self.batch):
            return None, 0.0
        return self.batch[j], self.started[1 + j]  # [1 + j] is written before [0]: it belongs to this j

    def deadline(self, timeout: float | None) -> float | None:
        """When the item running now times out (between items: one timeout from now, at the earliest)."""
        if timeout is None:
            return None
        i, began = self.running()
        return began + timeout if i in self.pending else time.monotonic() + timeout

    def collect(self, timeout: float | None) -> tuple[list[tuple], tuple[int | None, str, bool] | None]:
        """The results that came back, and ``(culprit, problem, unexplained)`` when the worker is gone.

        Gone: it died (``culprit`` is the item it was running, if any; ``unexplained`` when it was
        running none), an item ran out of time (the worker is killed here; that item is the
        culprit), or an item ran out of memory (its result says so; the worker, whose heap may be
        spent, is replaced). The worker's other unfinished items are in :attr:`pending`.
        """
        done, closed = self._drain()
        if any(raised == "MemoryError" for _, raised, _ in done):
            self._end()
            return self._forget(done + self._drain()[0]), (None, "", False)
        if closed or not self.process.is_alive():
            self.process.join()
            culprit, _ = self.running()
            done = self._forget(done + self._drain()[0])
            culprit = culprit if culprit in self.pending else None
            return done, (culprit, death(self.process.exitcode), culprit is None)
        i, began = self.running()
        if timeout is not None and i in self.pending and time.monotonic() >= began + timeout:
            self._end()
            done = self._forget(done + self._drain()[0])
            return done, (i if i in self.pending else None, timed_out(timeout), False)
        return self._forget(done), None

    def _drain(self) -> tuple[list[tuple], bool]:
        """Every result waiting in the pipe, and whether the pipe is closed (the worker gone)."""
        done = []
        try:
            while self.conn.poll():
                done.extend(self.conn.recv())
        except (EOFError, OSError):
            return done, True
        return done, False

    def _forget(self, done: list[tuple]) -> list[tuple]:
        """Strike the returned items off :attr:`pending`; ``done`` unchanged."""
        back = {i for i, _, _ in done}
        self.pending = [i for i in self.pending if i not in back]
        return done

    def _end(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()

    def stop(self) -> None:
        if self.process.is_alive() and not self.pending:
            try:
                self.conn.send(None)
                self.process.join(timeout=5)
            except OSError:
                pass
        self._end()
        self.conn.close()


def _serve(conn, started, fn: Callable, memory: int | None, parent: int) -> None:
    """A worker: run batches until told to stop (``None``) or the parent goes away."""
    die_with_parent(parent)  # first of all: a parent killed while this starts must not leave it waiting
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    set_memory_limit(memory)
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        out, since = [], time.monotonic()
        for j, (i, args) in enumerate(batch):
            started[1 + j] = time.monotonic()  # first the time, then the position: the parent reads them in turn
            started[0] = j
            try:
                out.append((i, None, fn(*args)))
            except MemoryError:
                out.append((i, "MemoryError", None))
            except Exception as e:  # fn should not raise
                out.append((i, f"unexpected {type(e).__name__}: {e}", None))
            started[0] = IDLE
            if out[-1][1] == "MemoryError":
                _send(conn, out)
                return  # the parent replaces this worker: a spent heap should not read the next file
            if j == len(batch) - 1 or time.monotonic() - since >= FLUSH_SECONDS:
                _send(conn, out)
                out, since = [], time.monotonic()


def _send(conn, out: list[tuple]) -> None:
    """Send results; one that cannot be pickled fails alone, as "unexpected"."""
    try:
        conn.send(out)
    except Exception:  # noqa: BLE001 - find the result that cannot travel
        for i, raised, result in out:
            try:
                conn.send([(i, raised, result)])
            except Exception as e:  # noqa: BLE001
                conn.send([(i, f"unexpected {type(e).__name__}: {e}", None)])
