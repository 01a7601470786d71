"""Read files on a Dask cluster: batches of files go to its workers, packed outcomes come back.

    gikkit parse DIR --scheduler tcp://10.0.0.5:8786 --store OUT     # or: GIKKIT_SCHEDULER=tcp://... gikkit parse ...

Start the cluster with the ``distributed`` package's commands (``dask scheduler``, then
``dask worker tcp://SCHEDULER:8786`` on each machine, with gikkit installed in the same version).
The workers open the files by their paths, so the folder must be reachable under the same path on
every worker (a shared or network file system, as clusters have).

Each task is a batch of files. A worker reads its batch the way this machine's pool does
(:func:`gikkit.workers.run_all` in one worker process: the same time and memory limits, a crashing
reader costs only its file), so a hostile file cannot take a Dask worker down. A worker that dies
anyway (a machine lost, a process killed) has its batches run again elsewhere by the scheduler;
each batch is collected once, by its future, so no file is lost or read into the output twice.
A batch that keeps killing workers is split and its files tried one by one, to name the culprit.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

ENV_SCHEDULER = "GIKKIT_SCHEDULER"
DEFAULT_BATCH = 32  # files per task: big enough to make the round trip cheap, small enough to spread work
CONNECT_SECONDS = 30


def scheduler_address(given: str | None = None) -> str | None:
    """The scheduler to use: ``given`` (``--scheduler``), else env ``GIKKIT_SCHEDULER``, else None (local)."""
    return given or os.environ.get(ENV_SCHEDULER) or None


def read_batch(paths: list[tuple[str, str]], run_checks: bool, read: Callable | None, timeout: float | None,
               memory: int | None) -> list[bytes]:
    """Run on a Dask worker: read ``paths`` (``(absolute path, name to report)`` pairs) in one bounded
    worker process; packed outcomes, in order."""
    from .cache import pack
    from .dataset import Failure
    from .stream import read_packed
    from .workers import run_all

    if timeout is None and memory is None:
        return [read_packed(p, run_checks, read, name) for p, name in paths]
    return run_all(read_in_child, [(p, run_checks, read, name) for p, name in paths], jobs=1, timeout=timeout,
                   memory=memory, failed=lambda i, problem: pack(Failure(paths[i][1], problem)))


_ARMED_IN: int | None = None  # the process that asked to die with its parent


def read_in_child(path: str, run_checks: bool, read: Callable | None, name: str | None = None) -> bytes:
    """:func:`gikkit.stream.read_packed` in the worker process a Dask worker forked: dies with that Dask worker.

    The forked process holds copies of the Dask worker's sockets; were it to outlive a killed Dask
    worker, the scheduler would see the connection open and wait minutes before re-running its tasks.
    """
    global _ARMED_IN
    if _ARMED_IN != os.getpid():
        _die_with_parent()
        _ARMED_IN = os.getpid()
    from .stream import read_packed

    return read_packed(path, run_checks, read, name)


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent goes (prctl PR_SET_PDEATHSIG); elsewhere nothing."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return


def read_on_cluster(address: str, items: list[tuple[int, Path]], *, run_checks: bool = True,
                    timeout: float | None = None, memory: int | None = None, read: Callable | None = None,
                    batch: int | None = None, connect_seconds: float = CONNECT_SECONDS) -> Iterator[tuple[int, bytes]]:
    """Yield ``(position, packed outcome)`` for ``(position, path)`` items read on the cluster at ``address``.

    All batches are submitted at once (the scheduler spreads them); results are gathered as they
    finish and released right after, so neither side holds more than a few batches of reports.
    """
    from distributed import Client, as_completed
    from distributed.scheduler import KilledWorker

    from .errors import GikkitError

    batch = max(1, batch or DEFAULT_BATCH)
    try:
        client = Client(address, timeout=connect_seconds, set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise GikkitError(None, f"cannot reach the Dask scheduler at {address}: {e}") from None
    with client:
        def submit(chunk):
            # Workers run in folders of their own: they open files by absolute path, report them as named here.
            paths = [(str(Path(p).absolute()), str(p)) for _, p in chunk]
            return client.submit(read_batch, paths, run_checks, read, timeout, memory, pure=False)

        chunks = {}
        for start in range(0, len(items), batch):
            chunk = items[start:start + batch]
            chunks[submit(chunk)] = chunk
        done = as_completed(list(chunks), loop=client.loop)
        for future in done:
            chunk = chunks.pop(future)
            try:
                blobs = future.result()
            except KilledWorker:
                if len(chunk) > 1:  # find the file that kills workers: each alone
                    for one in ([item] for item in chunk):
                        again = submit(one)
                        chunks[again] = one
                        done.add(again)
                else:
                    yield chunk[0][0], _failure(chunk[0][1], "killed every cluster worker that tried to read it")
                continue
            finally:
                future.release()
            yield from zip((k for k, _ in chunk), blobs)


def _failure(path: Path, problem: str) -> bytes:
    from .cache import pack
    from .dataset import Failure

    return pack(Failure(str(path), problem))
