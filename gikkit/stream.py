"""Read a folder as a stream: outcomes come out as they are ready, so nothing needs the whole corpus in memory.

The steps, for each file found (:func:`gikkit.dataset.scan_paths`):

1. hash its bytes and look the hash up in the cache (:mod:`gikkit.cache`), 64 files to a query, on a
   helper thread that works one step ahead of the caller; a hit is yielded at once;
2. send the misses to be read, in batches: to worker processes on this machine (the default,
   :mod:`gikkit.workers`, with a time and memory limit per file), or to a Dask cluster (:mod:`gikkit.distributed`);
3. as each comes back (packed: compressed bytes and its tidy rows, not a live object graph), store
   it in the cache and yield it.

Outcomes come in the order they finish, each with its position among the entries found, so a
caller that wants input order (:func:`gikkit.read_many`) can restore it, and one that writes a
table or a store (``gikkit parse --parquet/--store``) writes and forgets each. Such a caller may ask
for reports still packed (``packed=True``: a :class:`gikkit.cache.PackedReport`), and builds its
rows from the packed rows without unpacking the report (:mod:`gikkit.cell_rows`). Failures that depend
on the machine (time-outs, memory, a crashed worker, a missing converter) are not cached, nor is any
failure: only reports are, and a file that failed is tried again next run.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .cache import PackedReport, ReportCache, file_digest, pack, pack_report, unpack
from .limits import READ_MEMORY, READ_SECONDS

CACHE_WRITE_BATCH = 256  # packed outcomes stored per cache transaction
LOOKUP_STEP = 64  # files hashed and looked up at a time (one SQL query): the hits of two steps are held at once
_HASH_THREADS = 4  # hashing is I/O and C code (the GIL is released): a few threads keep the disk busy


def cacheable(outcome) -> bool:
    """Whether an outcome may be kept: a report, never a failure.

    Why a file failed can depend on the machine rather than the file (a time-out under load, memory,
    a crashed worker, LibreOffice or an OCR model missing): a failure is tried again next time.
    """
    from .report import Report

    return isinstance(outcome, Report)


def read_packed(path: str, run_checks: bool, read: Callable | None, name: str | None = None) -> PackedReport | bytes:
    """Read one file (a worker's job): the outcome packed for the trip back, a Report as a
    :class:`~gikkit.cache.PackedReport` (with its tidy rows, made here on the worker), a Failure as bytes.

    ``name``: the path to report it under, when the worker opens it by another (a cluster worker,
    whose working folder is not the caller's, opens it by its absolute path).
    """
    from .cache import relabel
    from .dataset import _read_one

    outcome = _read_one(Path(path), run_checks, read)
    if name is not None:
        relabel(outcome, name)
    if cacheable(outcome):
        try:
            return pack_report(outcome)
        except Exception:  # noqa: BLE001 - a custom reader's report without rows: it travels as a plain report
            pass
    return pack(outcome)


def open_cache(cache, read: Callable | None) -> ReportCache | None:
    """``cache``: a ReportCache, a folder, True (the user's cache folder) or False/None (none).

    A custom ``read`` function is never cached: its results are not gikkit's.
    """
    if read is not None or cache is None or cache is False:
        return None
    if isinstance(cache, ReportCache):
        return cache
    return ReportCache(None if cache is True else cache)


class ReadStream:
    """The files under ``paths`` (scanned at once: :attr:`entries`, :attr:`total`), read as you iterate.

    Iterating yields ``(position, outcome)``: ``position`` indexes :attr:`entries`, ``outcome`` is a
    :class:`~gikkit.report.Report` (with ``packed=True``, a :class:`~gikkit.cache.PackedReport`) or a
    :class:`~gikkit.dataset.Failure`. ``tick(n)`` is called as files are done (for a progress bar).
    """

    def __init__(self, paths, *, jobs: int | None = None, run_checks: bool = True,
                 timeout: float | None = READ_SECONDS, memory: int | None = READ_MEMORY,
                 read: Callable | None = None, cache=None, scheduler: str | None = None,
                 batch: int | None = None, tick: Callable[[int], object] = lambda n: None, packed: bool = False):
        from .dataset import scan_paths

        self.entries = scan_paths(paths)
        self.files = [(k, e) for k, e in enumerate(self.entries) if isinstance(e, Path)]
        self.total = len(self.files)
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.run_checks, self.timeout, self.memory, self.read = run_checks, timeout, memory, read
        self.cache = open_cache(cache, read)
        self.scheduler = scheduler
        self.batch = batch
        self.tick = tick
        self.packed = packed

    def __iter__(self) -> Iterator[tuple[int, object]]:
        for k, entry in enumerate(self.entries):
            if not isinstance(entry, Path):
                yield k, entry
        misses, digests = yield from self._hits()
        pending: list[tuple[str, bytes, bytes]] = []
        for k, result in self._read(misses):
            if isinstance(result, PackedReport):
                digest = digests.get(k)
                if digest is not None:
                    pending.append((digest, result.blob, result.rows))
                    if len(pending) >= CACHE_WRITE_BATCH:
                        self.cache.put_many(pending, self.run_checks)
                        pending = []
                outcome = result if self.packed else result.unpack()
            else:
                outcome = unpack(result)
            self.tick(1)
            yield k, outcome
        if pending:
            self.cache.put_many(pending, self.run_checks)

    def _hits(self):
        """Yield cached outcomes; return the files still to read and their digests."""
        if self.cache is None:
            return self.files, {}
        digests: dict[int, str] = {}
        misses = []
        steps = range(0, len(self.files), LOOKUP_STEP)
        with ThreadPoolExecutor(_HASH_THREADS) as hashing, ThreadPoolExecutor(1) as ahead:
            def look_up(start: int):
                chunk = self.files[start:start + LOOKUP_STEP]
                found = list(hashing.map(_digest_or_none, (p for _, p in chunk)))
                stored = self.cache.get_many((d for d in found if d is not None), self.run_checks)
                if self.packed:  # the rows unpacked here, not on the thread that writes them out
                    stored = {d: (blob, _unpacked(rows)) for d, (blob, rows) in stored.items()}
                return chunk, found, stored

            # The next step is hashed and looked up while the caller takes this one's hits: both cores work.
            coming = ahead.submit(look_up, steps[0]) if steps else None
            for n in range(len(steps)):
                chunk, found, stored = coming.result()
                if n + 1 < len(steps):
                    coming = ahead.submit(look_up, steps[n + 1])
                for (k, path), digest in zip(chunk, found):
                    if digest is not None:
                        digests[k] = digest
                    hit = stored.get(digest) if digest is not None else None
                    if hit is None:
                        misses.append((k, path))
                    else:
                        self.tick(1)
                        yield k, PackedReport(str(path), *hit) if self.packed else unpack(hit[0], path)
        return misses, digests

    def _read(self, items: list[tuple[int, Path]]) -> Iterator[tuple[int, bytes]]:
        if not items:
            return
        if self.scheduler:
            from .distributed import read_on_cluster

            yield from read_on_cluster(self.scheduler, items, run_checks=self.run_checks, timeout=self.timeout,
                                       memory=self.memory, read=self.read, batch=self.batch)
        elif self.timeout is None and self.memory is None and (self.jobs == 1 or len(items) < 2):
            for k, path in items:
                yield k, read_packed(str(path), self.run_checks, self.read)
        else:
            yield from read_locally(items, jobs=self.jobs, run_checks=self.run_checks, timeout=self.timeout,
                                    memory=self.memory, read=self.read, batch=self.batch)


def _unpacked(rows: bytes):
    """Kept rows unpacked (a :class:`~gikkit.cell_rows.CellRows`), or left as they are when of another format."""
    from .cell_rows import CellRows

    unpacked = CellRows.unpack(rows)
    return rows if unpacked is None else unpacked


def _digest_or_none(path: Path) -> str | None:
    try:
        return file_digest(path)
    except OSError:  # unreadable or gone: reading it will say so
        return None


def read_locally(items: list[tuple[int, Path]], *, jobs: int, run_checks: bool, timeout: float | None,
                 memory: int | None, read: Callable | None, batch: int | None = None) -> Iterator[tuple[int, bytes]]:
    """Read ``(position, path)`` items on ``jobs`` worker processes (:func:`gikkit.workers.run_each`), as they finish.

    Each worker takes ``batch`` files at a time (default :data:`gikkit.workers.BATCH`) and sends their
    packed outcomes back a batch per message; each file keeps its own time and memory limit.
    """
    from . import cell_rows  # noqa: F401 - loaded here, before the workers fork: a worker that first imports
    # pyarrow under its memory limit (RLIMIT_AS) cannot map libarrow, and its reports would lose their rows
    from .dataset import Failure
    from .workers import run_each

    work = [(str(p), run_checks, read) for _, p in items]
    for i, blob in run_each(read_packed, work, jobs=min(jobs, len(items)), timeout=timeout, memory=memory, batch=batch,
                            failed=lambda i, problem: pack(Failure(str(items[i][1]), problem))):
        yield items[i][0], blob


def iter_read(paths: str | Path | Iterable[str | Path], **options) -> Iterator[tuple[int, object]]:
    """``iter(ReadStream(paths, **options))``: ``(position, Report or Failure)`` as each is ready."""
    return iter(ReadStream(paths, **options))


def in_order(stream: Iterable[tuple[int, object]]) -> Iterator[tuple[int, object]]:
    """Re-order ``(position, outcome)`` pairs by position, each yielded as soon as all before it have come.

    Outcomes that come early wait in a buffer: a chunk of the local pool's work at most, more on a
    cluster only while a batch that finished out of turn waits for the ones before it.
    """
    waiting: dict[int, object] = {}
    expected = 0
    for k, outcome in stream:
        waiting[k] = outcome
        while expected in waiting:
            yield expected, waiting.pop(expected)
            expected += 1
    yield from sorted(waiting.items())  # positions never produced (none, unless the stream was cut short)
