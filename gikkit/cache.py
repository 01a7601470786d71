"""Parsed reports kept between runs, keyed by the file's content and gikkit's code, so an unchanged folder reads fast.

A report is stored once per (content hash, code version): a SQLite row holding the compressed,
pickled :class:`~gikkit.report.Report` (some 4 KB) and, beside it, its tidy rows ready-made
(:class:`gikkit.cell_rows.CellRows`, some 3 KB), so a warm ``gikkit parse --parquet`` writes its table
without unpacking a Report. Only reports are kept, never a failure (see :mod:`gikkit.stream`).
The code version is gikkit's version plus a hash of the package's own source and spec files, so an
upgrade, or an edit to an editable install, reads every file again rather than serve a stale result.
A file that changed has another hash and is read again; a removed file is simply not asked for.

The database lives in the user's cache folder (``$XDG_CACHE_HOME/gikkit``, else ``~/.cache/gikkit``)
unless a folder is given (``gikkit parse --cache DIR``). SQLite in WAL mode with a busy timeout lets
several processes read and write it at once (two ``gikkit parse`` runs over one corpus); a cache that
cannot be opened or written is skipped with a warning, never an error: it only saves time.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .cell_rows import CellRows

DB_NAME = "reports-2.sqlite"  # "-2": each row also holds the report's rows (an older reports.sqlite is left alone)
BUSY_SECONDS = 60.0  # how long a writer waits for another to finish its transaction
_CHUNK = 1 << 20
_LOOKUP_BATCH = 500  # digests per SELECT (SQLite allows 32,766 parameters; small batches keep memory flat)


def default_folder() -> Path:
    """``$XDG_CACHE_HOME/gikkit`` when that variable is set to an absolute path, else ``~/.cache/gikkit``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "gikkit"


def file_digest(path: str | Path) -> str:
    """The SHA-256 of a file's bytes (hex), read in 1 MB chunks (with the CPU's SHA instructions, which
    OpenSSL uses where there are any, about twice as fast as BLAKE2b: a warm read hashes every file)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """gikkit's version and a hash of its source and spec files: what a cached report was read with.

    Env ``GIKKIT_CODE_VERSION`` replaces it (a benchmark run in a tree that others are editing).
    """
    from . import __version__

    if os.environ.get("GIKKIT_CODE_VERSION"):
        return os.environ["GIKKIT_CODE_VERSION"]

    package = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=8)
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(package)).encode())
            h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()}"


def pack(outcome) -> bytes:
    """A Report (or a Failure) as compressed bytes for the cache or for the trip back from a worker."""
    return zlib.compress(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL), 3)


class PackedReport(NamedTuple):
    """A report as a worker sends it back and the cache keeps it: :func:`pack`'s bytes and its tidy rows
    (:meth:`gikkit.cell_rows.CellRows.pack`'s bytes, or those already unpacked), under the path it is
    read from now. Unpacked only when needed."""

    source: str
    blob: bytes
    rows: bytes | CellRows

    def unpack(self):
        """The :class:`~gikkit.report.Report`, relabelled as read from :attr:`source`."""
        return unpack(self.blob, self.source)


def pack_report(report) -> PackedReport:
    """A Report packed with its tidy rows (a worker does this as it reads a file)."""
    from .cell_rows import CellRows

    return PackedReport(report.source, pack(report), CellRows.of(report).pack())


def unpack(blob: bytes | PackedReport, path: str | Path | None = None):
    """What :func:`pack` (or :func:`pack_report`) packed; with ``path``, relabelled as read from there
    (a copy elsewhere has the same hash)."""
    if isinstance(blob, PackedReport):
        path, blob = path if path is not None else blob.source, blob.blob
    outcome = pickle.loads(zlib.decompress(blob))
    if path is not None:
        relabel(outcome, str(path))
    return outcome


def relabel(outcome, source: str) -> None:
    """Point a report (its findings too) or a failure at ``source``, the path it is being read from now."""
    from .dataset import Failure

    if isinstance(outcome, Failure):
        object.__setattr__(outcome, "path", source)
        return
    old = outcome.source
    if old == source:
        return
    outcome.source = source
    for finding in [*outcome.findings, *outcome.reader_findings]:
        if finding.source == old:
            finding.source = source


class ReportCache:
    """Packed reports and their rows in a SQLite file, looked up by content hash for the running code version.

    ``checks`` is part of the key: a report read with ``run_checks=False`` is kept apart.
    """

    def __init__(self, folder: str | Path | None = None, *, version: str | None = None):
        self.folder = Path(folder) if folder is not None else default_folder()
        self.version = version or code_version()
        self.path = self.folder / DB_NAME
        self._db: sqlite3.Connection | None = None
        self.disabled: str | None = None  # why the cache is not used, once it failed
        self.hits = self.misses = 0

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and self.disabled is None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                # check_same_thread off: the stream looks hits up on a helper thread, then stores misses on its own
                # (never both at once)
                db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS reports (digest TEXT NOT NULL, version TEXT NOT NULL, "
                           "checks INTEGER NOT NULL, blob BLOB NOT NULL, rows BLOB NOT NULL, "
                           "PRIMARY KEY (digest, version, checks)) "
                           "WITHOUT ROWID")
                self._db = db
            except (OSError, sqlite3.Error) as e:
                self._give_up(e)
        return self._db

    def _give_up(self, error: Exception) -> None:
        self.disabled = f"{type(error).__name__}: {error}"
        print(f"gikkit: the cache in {self.folder} is not used ({self.disabled})", file=sys.stderr)
        if self._db is not None:
            self._db.close()
            self._db = None

    def get_many(self, digests: Iterable[str], checks: bool = True) -> dict[str, tuple[bytes, bytes]]:
        """``(packed report, packed rows)`` stored for those ``digests`` (those not stored are left out)."""
        wanted = list(dict.fromkeys(digests))
        found: dict[str, tuple[bytes, bytes]] = {}
        db = self._connect()
        if db is not None:
            try:
                for start in range(0, len(wanted), _LOOKUP_BATCH):
                    batch = wanted[start:start + _LOOKUP_BATCH]
                    marks = ",".join("?" * len(batch))
                    stored = db.execute(f"SELECT digest, blob, rows FROM reports WHERE version = ? AND checks = ? "
                                        f"AND digest IN ({marks})", (self.version, int(checks), *batch))
                    found.update((digest, (blob, cells)) for digest, blob, cells in stored)
            except sqlite3.Error as e:
                self._give_up(e)
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put_many(self, items: Iterable[tuple[str, bytes, bytes]], checks: bool = True) -> None:
        """Store ``(digest, packed report, packed rows)`` items in one transaction (a concurrent writer waits)."""
        rows = [(digest, self.version, int(checks), blob, cells) for digest, blob, cells in items]
        db = self._connect()
        if db is None or not rows:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?, ?)", rows)
            db.execute("COMMIT")
        except sqlite3.Error as e:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            self._give_up(e)

    def drop_other_versions(self) -> int:
        """Delete what older (or other) code versions stored; returns the rows removed."""
        db = self._connect()
        if db is None:
            return 0
        try:
            return db.execute("DELETE FROM reports WHERE version != ?", (self.version,)).rowcount
        except sqlite3.Error as e:
            self._give_up(e)
            return 0

    def __len__(self) -> int:
        db = self._connect()
        return 0 if db is None else db.execute("SELECT count(*) FROM reports WHERE version = ?",
                                               (self.version,)).fetchone()[0]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> ReportCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
