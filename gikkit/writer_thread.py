"""Feed a table or store writer on a thread of its own, so building and writing Parquet overlaps reading.

A warm ``gikkit parse --parquet`` spends most of its time turning kept rows into Arrow and writing
Parquet; Arrow does the writing with the GIL released, so on a thread of its own it runs on the
second core while this one hashes files and takes reports from the cache. Outcomes are handed
over a batch at a time, in order; one batch is written while the next fills, never more, so memory
stays bounded. For a table writer (``build_rows``), the batch's rows are built into Arrow here,
while the writer's thread still writes the batch before, and handed over built (one row group). The writer's own error (a disk full, a bad path) comes back from the next
:meth:`WriterThread.add` or from :meth:`WriterThread.close`, as it would from the writer.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from .cell_rows import BuiltRows

BATCH = 256  # outcomes handed over at a time (the writers' own row-group size)


class WriterThread:
    """``writer`` (with ``add``, ``close``, ``abandon``) run on one thread; its other attributes read through."""

    def __init__(self, writer, *, batch: int = BATCH, build_rows: bool = False):
        self.writer = writer
        self.size = batch
        self.build_rows = build_rows
        self._filling: list = []
        self._writing: Future | None = None
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="gikkit-writer")

    def __getattr__(self, name):  # rows, counts, path...: the writer's (read once it is closed)
        return getattr(self.__dict__["writer"], name)

    def add(self, outcome) -> None:
        self._filling.append(outcome)
        if len(self._filling) >= self.size:
            self._hand_over()

    def _hand_over(self) -> None:
        batch, self._filling = self._filling, []
        if batch and self.build_rows:  # built here while the writer's thread still writes the batch before
            from .store import cells_table

            batch = BuiltRows(cells_table(batch), len(batch))
        self._wait()  # the batch before is written first: one batch in the writer's hands at a time
        if batch:
            self._writing = self._thread.submit(self._write, batch)

    def _write(self, batch) -> None:
        if isinstance(batch, BuiltRows):
            self.writer.add(batch)
            self.writer.flush()
            return
        for outcome in batch:
            self.writer.add(outcome)

    def _wait(self) -> None:
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()  # the writer's error, raised here

    def close(self):
        try:
            self._hand_over()
            self._wait()
            return self.writer.close()
        finally:
            self._thread.shutdown()

    def abandon(self) -> None:
        try:
            self._wait()
        except Exception:  # noqa: BLE001 - thrown away anyway
            pass
        finally:
            self._filling = []
            self.writer.abandon()
            self._thread.shutdown()
