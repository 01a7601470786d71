"""Many reports at once: read a folder on all cores, keep going past bad files, list them at the end."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GikkitError
from .report import FRAME_COLUMNS, Report

SKIP_NAMES = {"README.md", "README", ".gitkeep"}


@dataclass(frozen=True)
class Failure:
    """A file that could not be read, and why."""

    path: str
    problem: str


@dataclass
class Dataset:
    """The reports read from a set of files, and the files that failed."""

    reports: list[Report] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.reports)

    def to_frame(self):
        """Tidy data of every report: one row per cell (see :meth:`Report.to_frame`)."""
        import pandas as pd

        if not self.reports:
            return pd.DataFrame(columns=FRAME_COLUMNS)
        return pd.concat([r.to_frame() for r in self.reports], ignore_index=True)

    def findings_frame(self):
        """Every finding of every report, one row each."""
        from .checks import findings_frame

        return findings_frame(self.reports)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the files inside folders named (recursively, sorted; hidden files and READMEs skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")
                              and f.name not in SKIP_NAMES and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            out.append(p)
    return out


def _read_one(path: Path, run_checks: bool) -> Report | Failure:
    from . import read

    try:
        return read(path, run_checks=run_checks)
    except GikkitError as e:
        return Failure(str(path), e.problem)
    except Exception as e:  # a reader bug must not stop a batch; it is listed like any bad file
        return Failure(str(path), f"unexpected {type(e).__name__}: {e}")


def read_many(paths: Iterable[str | Path], *, jobs: int | None = None, progress: bool | None = None,
              run_checks: bool = True) -> Dataset:
    """Read every file under ``paths``; ``jobs`` processes (default: all cores).

    A progress bar shows on a terminal (``progress=None``) or when asked for.
    """
    files = expand_paths(paths)
    jobs = jobs or os.cpu_count() or 1
    if progress is None:
        progress = sys.stderr.isatty()
    results: Iterable[Report | Failure]
    if jobs == 1 or len(files) < 4:
        results = (_read_one(f, run_checks) for f in files)
        executor = None
    else:
        executor = ProcessPoolExecutor(max_workers=jobs)
        chunk = max(1, len(files) // (jobs * 8))
        results = executor.map(_read_one, files, [run_checks] * len(files), chunksize=chunk)
    if progress:
        from tqdm import tqdm

        results = tqdm(results, total=len(files), desc="reading", unit="report", file=sys.stderr)
    data = Dataset()
    try:
        for result in results:
            (data.failures if isinstance(result, Failure) else data.reports).append(result)
    finally:
        if executor:
            executor.shutdown()
    return data
