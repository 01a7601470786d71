"""What every fuzz property checks, and the inputs they start from.

The promise under test: whatever the bytes, :func:`gikkit.read` ends in a Report or in a GikkitError
with a reason of gikkit's own, within its time and memory limits. So an outcome fails the property
when it is any other exception, the last-resort "unexpected ..." GikkitError (a case no reader
names yet), or a stop at the time or memory limit.
"""
from __future__ import annotations

import functools
import io
import os
import tempfile
import time
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import gikkit
from fixture_paths import FIXTURES

# Hypothesis profiles: ``quick`` (the default, in ``make test``: twenty examples per property) and
# ``fuzz`` (``make fuzz``); chosen with the env HYPOTHESIS_PROFILE. Here rather than in a conftest.py,
# whose name would clash with tests/conftest.py (tests/ is not a package).
_COMMON = dict(deadline=None, database=None, derandomize=False, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("quick", max_examples=20, **_COMMON)
settings.register_profile("fuzz", max_examples=200, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

SECONDS = float(os.environ.get("FUZZ_SECONDS", "0"))  # per property, under `make fuzz`
READ_SECONDS = 30  # one fuzzed file; a read that takes this long is a failure
READ_MEMORY = 1 << 30

SEED = FIXTURES / "seed" / "000_c2619695b87ce2e6.txt"
DOCX = FIXTURES / "rendered" / "huaian-city-2024.docx"
HTML = FIXTURES / "rendered" / "pingtan-2019.html"
PDF = FIXTURES / "real" / "huaian-city-2024.pdf"


def for_a_while(test):
    """Run a hypothesis test once (the normal suite), or over and over for FUZZ_SECONDS (``make fuzz``)."""
    @functools.wraps(test)
    def run():
        end = time.monotonic() + SECONDS
        test()
        while time.monotonic() < end:
            test()
    del run.__wrapped__  # pytest must see a test without arguments, not hypothesis's signature
    return run


def outcome(data: bytes, name: str):
    """Write ``data`` as ``name`` in a fresh folder, read it bounded, and check the promise."""
    with tempfile.TemporaryDirectory(prefix="gikkit-fuzz-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return check_read(path)


def check_read(path: Path):
    try:
        return gikkit.read(path, timeout=READ_SECONDS, memory=READ_MEMORY)
    except gikkit.GikkitError as e:
        assert e.path == str(path), e
        assert "\n" not in e.problem, e.problem
        assert "unexpected" not in e.problem, f"a reason no reader gives yet: {e.problem}"
        assert "still running after" not in e.problem and "of memory" not in e.problem, e.problem
        return e


# --- mutations --------------------------------------------------------------------------------------

@st.composite
def mutated(draw, original: bytes, edits: int = 4) -> bytes:
    """``original`` with a few random edits: bytes flipped, a slice dropped, repeated or overwritten, a cut."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, edits))):
        if not data:
            break
        kind = draw(st.sampled_from(["flip", "drop", "repeat", "insert", "cut"]))
        at = draw(st.integers(0, len(data) - 1))
        size = draw(st.integers(1, min(512, len(data) - at)))
        if kind == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "drop":
            del data[at: at + size]
        elif kind == "repeat":
            data[at:at] = data[at: at + size] * draw(st.integers(1, 20))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            del data[at:]
    return bytes(data)


@functools.cache
def docx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(DOCX) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def rezip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out.getvalue()


@functools.cache
def small_pdf() -> bytes:
    """A one-page PDF with a title, a paragraph and a small ruled table (reportlab): quick to read, worth mutating."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont("Helvetica", 14)
    c.drawString(72, 780, "2024 annual report")
    c.setFont("Helvetica", 10)
    for i, row in enumerate([("item", "count"), ("received", "12"), ("granted", "7"), ("refused", "5")]):
        y = 700 - 20 * i
        c.line(72, y + 15, 372, y + 15)
        c.drawString(80, y, row[0])
        c.drawString(230, y, row[1])
    c.line(72, 635, 372, 635)
    for x in (72, 222, 372):
        c.line(x, 635, x, 715)
    c.save()
    return out.getvalue()
