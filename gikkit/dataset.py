"""Many reports at once: read a folder on all cores, keep going past bad files, list them at the end.

Results come back in input order whatever the parallelism. A reader that crashes or hangs its
worker process does not lose the batch (see :mod:`gikkit.workers`): the file that kills or stalls
its process is listed as a failure with the reason, and the others still go through.

Reading goes through :mod:`gikkit.stream`: files come back as they finish (packed), from a cache of
parsed reports when asked (:mod:`gikkit.cache`), from a Dask cluster when one is named
(:mod:`gikkit.distributed`), and into a corpus store rather than memory when one is given
(:mod:`gikkit.store`).
"""
from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GikkitError
from .limits import READ_MEMORY, READ_SECONDS
from .report import FRAME_COLUMNS, Report, frame_from_records

SKIP_NAMES = {"README.md", "README", ".gitkeep", "reviews.csv"}  # reviews.csv: decisions kept beside the data (gikkit.review)
DEFAULT_TIMEOUT = READ_SECONDS  # seconds one file may take in a worker before it is given up on
FRAME_FORMATS = ("csv", "parquet", "xlsx")


@dataclass(frozen=True)
class Failure:
    """A file that could not be read, and why."""

    path: str
    problem: str


@dataclass
class Dataset:
    """The reports read from a set of files, and the files that failed (both in input order)."""

    reports: list[Report] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.reports)

    def __repr__(self) -> str:  # a few lines, not every report (see gikkit.summaries)
        from .summaries import dataset_text

        return dataset_text(self)

    def _repr_html_(self) -> str:
        from .summaries import dataset_html

        return dataset_html(self)

    def to_frame(self):
        """Tidy data of every report: one row per cell (see :meth:`Report.to_frame`)."""
        import pandas as pd

        if not self.reports:
            return pd.DataFrame(columns=FRAME_COLUMNS)
        # One frame from every report's records: a frame per report and a concat take twice as long.
        return frame_from_records([record for r in self.reports for record in r.cell_records()])

    def findings_frame(self):
        """Every finding of every report, one row each."""
        from .checks import findings_frame

        return findings_frame(self.reports)

    def write(self, path: str | Path, fmt: str | None = None) -> int:
        """Write :meth:`to_frame` to ``path`` (see :func:`write_frame`); returns the number of rows."""
        frame = self.to_frame()
        write_frame(frame, path, fmt)
        return len(frame)


def write_frame(frame, path: str | Path, fmt: str | None = None) -> None:
    """Write a tidy frame as ``csv``, ``parquet`` or ``xlsx`` (``fmt``, else the file's suffix).

    CSV is UTF-8 with a byte-order mark so that Excel shows the Chinese text; the xlsx sheet
    has a frozen header row and filters. Missing parent folders are created.
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FRAME_FORMATS:
        raise ValueError(f"cannot write {path}: unknown table format {fmt!r} (known: {', '.join(FRAME_FORMATS)})")
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    elif fmt == "parquet":
        frame.to_parquet(path, index=False)
    else:
        _write_xlsx(frame, path)


def read_frame(path: str | Path, fmt: str | None = None):
    """Read back a table written by :func:`write_frame`, with the tidy frame's column types.

    CSV and xlsx cannot tell an empty text from a missing one: both come back missing. Texts such
    as "NA" or "无" stay texts.
    """
    import pandas as pd

    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    types = {"year": "Int64", "value": "Float64", "coverage": "Float64"}
    if fmt == "parquet":
        return pd.read_parquet(path)
    options = dict(dtype={**dict.fromkeys(FRAME_COLUMNS, "str"), **types}, keep_default_na=False, na_values=[""])
    if fmt == "csv":
        return pd.read_csv(path, encoding="utf-8-sig", **options)
    if fmt == "xlsx":
        return pd.read_excel(path, sheet_name=0, **options)
    raise ValueError(f"cannot read {path}: unknown table format {fmt!r} (known: {', '.join(FRAME_FORMATS)})")


def _write_xlsx(frame, path: Path) -> None:
    import pandas as pd
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Control characters (e.g. from Word field codes) are not allowed in xlsx cells.
    text_columns = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    clean = frame.copy()
    for c in text_columns:
        clean[c] = clean[c].map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        clean.to_excel(writer, index=False, sheet_name="cells")
        sheet = writer.sheets["cells"]
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions


def expand_paths(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """Files named, and the files inside folders named (recursively, sorted; hidden files and READMEs skipped).

    One path may be given on its own (``expand_paths("data")``). What a folder holds besides regular
    files (FIFOs, devices, broken or looping links) is left out here; :func:`scan_paths` lists it.
    """
    return [entry for entry in scan_paths(paths) if isinstance(entry, Path)]


def scan_paths(paths: str | Path | Iterable[str | Path]) -> list[Path | Failure]:
    """What :func:`expand_paths` finds, and a :class:`Failure` for each thing in a folder that is not read.

    Inside folders, only regular files are read (links to them followed); FIFOs, sockets, device
    files, broken links, links that loop and links back to a folder already walked are listed
    with the reason they were skipped. A path named on its own is passed through to be read
    (reading it says what is wrong with it), so that one bad name is never silently dropped.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[Path | Failure] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(entry for _, entry in sorted(_walk(p), key=lambda found: found[0]))
        else:
            out.append(p)
    return out


def _walk(top: Path) -> list[tuple[tuple[str, ...], Path | Failure]]:
    """Regular files under ``top`` and skipped entries, each with its path's parts below ``top`` (the
    sort key), iteratively (a deep tree must not recurse)."""
    found: list[tuple[tuple[str, ...], Path | Failure]] = []
    seen = {_identity(top)}
    stack: list[tuple[str, tuple[str, ...]]] = [(str(top), ())]
    while stack:
        folder, parts = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as e:
            found.append((parts, Failure(folder, f"skipped: the folder cannot be listed ({e.strerror or e})")))
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            key = (*parts, name)
            # Most entries are plain files: the folder listing says so (no stat). Links and the rest are looked at.
            plain = not entry.is_symlink() and entry.is_file(follow_symlinks=False)
            why = None if plain else _skip_reason(Path(entry.path))
            if why == "folder":
                path = Path(entry.path)
                identity = _identity(path)
                if identity in seen:
                    found.append((key, Failure(str(path), "skipped: a link back to a folder already read (a loop)")))
                else:
                    seen.add(identity)
                    stack.append((str(path), key))
            elif why is not None:
                found.append((key, Failure(str(Path(entry.path)), f"skipped: {why}")))
            elif name not in SKIP_NAMES:
                found.append((key, Path(entry.path)))
    return found


def _identity(folder: Path) -> tuple[int, int]:
    st = folder.stat()
    return st.st_dev, st.st_ino


def _skip_reason(path: Path) -> str | None:
    """``None`` for a regular file, ``"folder"`` for a folder (links followed), else why it is not read."""
    from .readers import not_regular

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a broken link: its target does not exist" if path.is_symlink() else "vanished while the folder was read"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "a link that loops back on itself"
        return f"cannot be looked at ({e.strerror or e})"
    if stat.S_ISDIR(mode):
        return "folder"
    return not_regular(mode)


def _read_one(path: Path, run_checks: bool, read: Callable | None = None) -> Report | Failure:
    """Read one file; every Python-level error becomes a Failure (never an exception)."""
    if read is None:
        from . import read
    try:
        return read(path, run_checks=run_checks)
    except GikkitError as e:
        return Failure(str(path), e.problem)
    except Exception as e:  # a reader bug must not stop a batch; it is listed like any bad file
        return Failure(str(path), f"unexpected {type(e).__name__}: {e}")


def read_many(paths: str | Path | Iterable[str | Path], *, jobs: int | None = None, progress: bool | None = None,
              run_checks: bool = True, timeout: float | None = DEFAULT_TIMEOUT, memory: int | None = READ_MEMORY,
              read: Callable | None = None, cache=None, scheduler: str | None = None, store: str | Path | None = None):
    """Read every file under ``paths`` with ``jobs`` worker processes (default: all cores).

    Each file is read in a worker process limited to ``timeout`` seconds and ``memory`` bytes more
    than it started with (:mod:`gikkit.workers`), one file alone too: a file whose reader crashes its
    process, hangs or bloats is listed as a failure and costs one ``timeout`` at most; the other files
    still go through. With ``timeout=None`` and ``memory=None`` and one job, files are read in this
    process. What a folder holds besides regular files is listed among the failures with the reason
    it was skipped (:func:`scan_paths`).
    ``cache``: True (the user's cache folder), a folder or a :class:`gikkit.cache.ReportCache`: files
    read before, unchanged, come from it (:mod:`gikkit.cache`); default none.
    ``scheduler``: a Dask scheduler's address (default: env ``GIKKIT_SCHEDULER``, else this machine's
    worker processes); files go to the cluster in batches (:mod:`gikkit.distributed`).
    ``store``: a folder: reports go to a corpus store there as they arrive (:mod:`gikkit.store`), and
    what is returned is a :class:`gikkit.store_view.StoreDataset` over it, so memory stays flat
    however many files there are. Otherwise a :class:`Dataset` holding every report is returned.
    A progress bar shows on stderr when it is a terminal and env ``CI`` is unset (``progress=None``),
    or when asked for.
    ``read`` replaces :func:`gikkit.read` (a module-level function, so that workers can load it).
    """
    from tqdm import tqdm

    from .distributed import scheduler_address
    from .stream import ReadStream, in_order

    if progress is None:  # a bar only for a person watching: not in pipes, logs or CI
        progress = sys.stderr.isatty() and not os.environ.get("CI")
    with tqdm(desc="reading", unit="file", file=sys.stderr, disable=not progress) as bar:
        stream = ReadStream(paths, jobs=jobs, run_checks=run_checks, timeout=timeout, memory=memory, read=read,
                            cache=cache, scheduler=scheduler_address(scheduler), tick=bar.update,
                            packed=store is not None)  # a store takes reports packed (their cells ready-made)
        bar.reset(total=stream.total)
        if store is not None:
            from .store import StoreWriter
            from .store_view import StoreDataset

            with StoreWriter(store) as writer:
                for _, outcome in in_order(stream):
                    writer.add(outcome)
            return StoreDataset(store)
        data = Dataset()
        for _, outcome in in_order(stream):
            (data.failures if isinstance(outcome, Failure) else data.reports).append(outcome)
    return data


def open_store(path: str | Path):
    """A corpus store written before (``gikkit parse DIR --store PATH``, ``read_many(..., store=PATH)``),
    opened where a Dataset is used, without loading it: a :class:`gikkit.store_view.StoreDataset`."""
    from .store_view import StoreDataset

    return StoreDataset(path)
