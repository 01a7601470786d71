"""Run a read where a wall-clock limit and a memory limit hold: a forked child process.

The readers' own limits (:mod:`gikkit.limits`) bound what they can see; a third-party library
can still loop or allocate in ways no limit in gikkit reaches (a damaged PDF can send pdfminer round
in circles). So bounded reads run in a child process whose address space is capped
(``RLIMIT_AS``: its size at the fork plus ``memory`` bytes) and which is killed after ``timeout``
seconds. :func:`gikkit.read` uses it when given ``timeout`` or ``memory``; the command line and
:func:`gikkit.read_many` always read this way (:mod:`gikkit.workers` keeps such processes warm).
A fork costs a few milliseconds, small beside reading a report but not nothing, which is why a
plain ``gikkit.read(path)`` reads in its own process.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections.abc import Callable

from .errors import GikkitError, LimitExceededError, UnreadableFileError
from .limits import megabytes


def context():
    """Fork where there is fork: the child inherits the loaded modules and starts in milliseconds."""
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


_budget: int | None = None  # the memory limit set in this process, for messages


def memory_budget() -> int | None:
    """The bytes :func:`set_memory_limit` allowed this process, if it was called here."""
    return _budget


def set_memory_limit(extra: int | None) -> None:
    """Cap this process's address space at its present size plus ``extra`` bytes (Linux; elsewhere nothing).

    Past the cap an allocation fails: Python raises MemoryError, which the caller reports.
    """
    global _budget
    if not extra:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    current = _address_space()
    if current is None:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = current + extra if hard == resource.RLIM_INFINITY else min(current + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    _budget = extra


def die_with_parent(parent: int) -> None:
    """In a forked worker: be killed when the process ``parent`` that forked it ends (Linux; elsewhere nothing).

    A worker blocks waiting for work and holds copies of its parent's files and sockets; were it to
    outlive a parent that was killed (a Dask worker, a ``gikkit parse`` stopped by SIGKILL), it would
    wait forever and keep those open. So it asks Linux for SIGKILL when the parent goes (prctl
    PR_SET_PDEATHSIG), and exits at once if the parent went before it asked.
    """
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)


def out_of_memory(memory: int | None) -> str:
    return f"needs more than {megabytes(memory)} of memory; gave up" if memory else "ran out of memory"


def timed_out(timeout: float) -> str:
    return f"still running after {timeout:g} s; gave up"


def death(exitcode: int | None) -> str:
    """Why a process ended without sending its result."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"crashed its worker process (killed by {name})"
    return f"crashed its worker process (exit status {exitcode})"


def run_bounded(fn: Callable, args: tuple, *, path, timeout: float | None, memory: int | None):
    """``fn(*args)`` in a child process limited to ``timeout`` seconds and ``memory`` more bytes.

    Returns what ``fn`` returns and raises the :class:`GikkitError` it raises; a time-out, a memory
    limit or a crash becomes a :class:`GikkitError` naming ``path``. Other exceptions are re-raised as
    the child raised them when they can be sent back, else as a GikkitError naming their type.
    """
    ctx = context()
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(send, fn, args, path, memory), daemon=True)
    process.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise LimitExceededError(path, timed_out(timeout))
        try:
            status, value = receive.recv()
        except EOFError:
            process.join()
            raise UnreadableFileError(path, death(process.exitcode)) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()
    if status == "error":
        raise value
    return value


def _child(conn, fn: Callable, args: tuple, path, memory: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it kills this process on the way out
    set_memory_limit(memory)
    try:
        out = ("ok", fn(*args))
    except MemoryError:
        out = ("error", LimitExceededError(path, out_of_memory(memory)))
    except BaseException as e:  # noqa: BLE001 - everything goes back to the parent
        out = ("error", e)
    try:
        conn.send(out)
    except Exception as e:  # an exception or result that cannot be pickled
        error = out[1] if isinstance(out[1], BaseException) else e
        conn.send(("error", GikkitError(path, f"unexpected {type(error).__name__}: {error}")))
    conn.close()
