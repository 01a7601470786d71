"""Execute parameterized notebooks in kernels started once and reused for many runs.

Starting a kernel and importing pandas/plotly/gikkit costs seconds; running one notebook in a warm
kernel costs a fraction of that. So a :class:`Kernel` stays up for a whole export, and each run
begins with a cell that clears the user namespace (modules stay imported) and sets the plotly
renderer to the figure-JSON mimetype that our page template draws.
"""
from __future__ import annotations

import asyncio
import copy
import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from ..display import EXPORT_ENV
from ..errors import GikkitError

PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
SETUP_TAG = "gikkit-export-setup"
INJECTED_TAG = "injected-parameters"  # papermill's name for the cell holding the run's values
PARAMETERS_TAG = "parameters"
STRIP_TAGS = frozenset({SETUP_TAG, INJECTED_TAG, PARAMETERS_TAG})

# Environment of the kernel: notebooks show static figures (no widgets), and plotly emits the
# figure JSON under its own mimetype (plotly 6+ otherwise picks a renderer that nbconvert drops).
KERNEL_ENV = {EXPORT_ENV: "1", "PLOTLY_RENDERER": "plotly_mimetype"}

# Run first in every notebook: a fresh user namespace (modules stay imported, which is the point),
# no output cache holding the last page's figures, and the export's renderer and environment.
# Lighter than %reset, which costs ~0.17 s of CPU a page, half of it in gc.collect().
SETUP_CODE = f"""\
def _gikkit_export_setup(ip):
    import os, plotly.io
    ip.displayhook.cache_size = 0
    ip.history_manager.outputs.clear()
    for name in [n for n in ip.user_ns if n not in ip.user_ns_hidden]:
        del ip.user_ns[name]
    os.environ.update({KERNEL_ENV!r})
    plotly.io.renderers.default = "plotly_mimetype"
_gikkit_export_setup(get_ipython())
"""


class NotebookRunError(GikkitError):
    """A notebook failed for one input: a cell raised, timed out, or the kernel died."""


def tagged(cell, tag: str) -> bool:
    return tag in cell.get("metadata", {}).get("tags", [])


def parameters_source(parameters: dict) -> str:
    """Python assignments for ``parameters`` (str, numbers, bools, None, lists of those)."""
    return "\n".join(f"{name} = {value!r}" for name, value in parameters.items())


def prepare(nb: nbformat.NotebookNode, parameters: dict) -> nbformat.NotebookNode:
    """A copy of ``nb`` with the setup cell first and the run's values after the parameters cell."""
    nb = copy.deepcopy(nb)
    setup = nbformat.v4.new_code_cell(SETUP_CODE, metadata={"tags": [SETUP_TAG]})
    injected = nbformat.v4.new_code_cell(parameters_source(parameters), metadata={"tags": [INJECTED_TAG]})
    at = next((i + 1 for i, c in enumerate(nb.cells) if tagged(c, PARAMETERS_TAG)), 0)
    nb.cells.insert(at, injected)
    nb.cells.insert(0, setup)
    return nb


def strip_run_cells(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``nb`` without the setup, parameters and injected-parameters cells: they leave no trace."""
    nb.cells = [c for c in nb.cells if not any(tagged(c, t) for t in STRIP_TAGS)]
    return nb


def _reason(error: CellExecutionError) -> str:
    ename, evalue = getattr(error, "ename", ""), getattr(error, "evalue", "")
    if ename:
        return f"notebook cell raised {ename}: {evalue}".strip()
    return "notebook cell failed: " + (str(error).strip().splitlines() or ["?"])[-1]


class ThisPythonKernelManager(AsyncKernelManager):
    """A kernel on the Python gikkit runs in, whatever kernelspecs a user has installed
    (a user-level "python3" spec may point to another environment without gikkit)."""

    @property
    def kernel_spec(self) -> KernelSpec:
        return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                          display_name="gikkit export", language="python")


class Kernel:
    """One IPython kernel, started once, that runs notebook after notebook."""

    def __init__(self, *, cwd: Path, timeout: int, startup_timeout: int = 60):
        self.cwd, self.timeout, self.startup_timeout = Path(cwd), timeout, startup_timeout
        self.km: AsyncKernelManager | None = None
        self.kc = None
        self.socket_dir: str | None = None

    async def start(self) -> None:
        # Local sockets where the OS has them: nothing listens on a TCP port, and ipykernel 7
        # stays quiet (it warns about unencrypted TCP).
        self.socket_dir = None if os.name == "nt" else tempfile.mkdtemp(prefix="gikkit-kernel-")
        if self.socket_dir:
            self.km = ThisPythonKernelManager(transport="ipc", ip=os.path.join(self.socket_dir, "k"))
        else:
            self.km = ThisPythonKernelManager()
        await self.km.start_kernel(env={**os.environ, **KERNEL_ENV}, cwd=str(self.cwd),
                                   extra_arguments=["--HistoryManager.hist_file=:memory:"])
        await self._connect()

    async def _connect(self) -> None:
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=self.startup_timeout)

    async def restart(self) -> None:
        """A fresh process: after a timeout the old one may still be busy with the stuck cell."""
        self.kc.stop_channels()
        await self.km.restart_kernel(now=True)
        await self._connect()

    async def shutdown(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        if self.km is not None and self.km.has_kernel:
            await self.km.shutdown_kernel(now=True)
        if self.socket_dir:
            shutil.rmtree(self.socket_dir, ignore_errors=True)

    async def run(self, nb: nbformat.NotebookNode, parameters: dict, *, name: str = "") -> nbformat.NotebookNode:
        """Execute a copy of ``nb`` with ``parameters``; return it without the run's own cells.

        Raises :class:`NotebookRunError` naming ``name`` when a cell raises or times out.
        """
        nb = prepare(nb, parameters)
        client = NotebookClient(nb, km=self.km, timeout=self.timeout, allow_errors=False,
                                record_timing=False, iopub_timeout=10)
        client.kc = self.kc
        try:
            count = 0
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    count += 1
                    await client.async_execute_cell(cell, index, execution_count=count)
        except CellTimeoutError:
            await self.restart()
            raise NotebookRunError(name, f"a notebook cell ran longer than {self.timeout} s (timeout)") from None
        except DeadKernelError:
            task = asyncio.current_task()
            if task is not None and task.cancelling():  # nbclient reports a cancelled wait (Ctrl-C) this way
                raise asyncio.CancelledError from None
            await self.restart()
            raise NotebookRunError(name, "the kernel died while running the notebook") from None
        except CellExecutionError as e:
            raise NotebookRunError(name, _reason(e)) from None
        return strip_run_cells(nb)


async def run_queue(jobs, execute, *, kernels: int, cwd: Path, timeout: int, on_result) -> None:
    """Run every job on a pool of ``kernels`` warm kernels.

    ``execute(kernel, job)`` is a coroutine giving the job's result; ``on_result(job, result)``
    is called with it, or with the :class:`GikkitError` that stopped it (also when no kernel
    could start at all: then every job gets that reason).
    """
    queue: asyncio.Queue = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    pool = [Kernel(cwd=cwd, timeout=timeout) for _ in range(max(1, min(kernels, queue.qsize())))]
    start_errors: list[str] = []

    async def work(kernel: Kernel) -> None:
        try:
            await kernel.start()
        except Exception as e:  # noqa: BLE001 - any reason a kernel cannot start is reported per page
            start_errors.append(f"{type(e).__name__}: {e}")
            return
        while not queue.empty():
            job = queue.get_nowait()
            try:
                result = await execute(kernel, job)
            except GikkitError as e:
                result = e
            on_result(job, result)

    try:
        if not queue.empty():
            await asyncio.gather(*(work(k) for k in pool))
        while not queue.empty():
            on_result(queue.get_nowait(), NotebookRunError(None, f"no kernel could start: {start_errors[0]}"))
    finally:
        await asyncio.gather(*(k.shutdown() for k in pool), return_exceptions=True)
