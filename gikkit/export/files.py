"""Writing a site's files: atomically, with names that are safe in any URL, and input fingerprints."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections import Counter
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``path`` through a temporary file in the same folder and ``os.replace``.

    A reader (or an interrupted run) sees the old file or the new one, never half of one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a published page must be readable
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def digest(*parts: str | bytes) -> str:
    """A sha256 fingerprint of ``parts`` (each one framed, so ("ab", "c") != ("a", "bc"))."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: Path) -> str | None:
    """Fingerprint of a file's bytes, or None when it cannot be read."""
    try:
        if not Path(path).is_file():  # a FIFO or device would block or never end
            return None
        return digest(Path(path).read_bytes())
    except OSError:
        return None


def _ascii_slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9_.-]+", "-", stem.lower()).strip("-.")


def assign_slugs(paths: list[Path]) -> dict[Path, str]:
    """A short, stable, ASCII page name for each path.

    The file's stem when it is plain ASCII and unique in the batch; otherwise the ASCII part of
    the stem plus a hash of the full path, so Chinese names and same-named files in different
    folders still get distinct names that survive zip files, mail and any file system.
    """
    plain = {p: _ascii_slug(p.stem) for p in paths}
    counts = Counter(plain.values())
    slugs = {}
    for p in paths:
        slug = plain[p]
        if not slug or counts[slug] > 1 or not p.stem.isascii() or slug != p.stem.lower():
            tag = hashlib.sha256(str(p.resolve()).encode("utf-8")).hexdigest()[:8]
            slug = f"{slug}-{tag}" if slug else tag
        slugs[p] = slug
    return slugs
