"""Old Word files (.doc, .wps: OLE2) and RTF, converted to .docx by LibreOffice and read by the DOCX reader.

LibreOffice runs headless, offline, once per file, with a time limit (its whole process group is
killed past it). Each conversion has a LibreOffice profile folder of its own, in the temporary
folder it works in (removed after): two conversions sharing a profile block each other or fail,
so parallel reads in worker processes would collide. Without LibreOffice, the error names the
package to install.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..document import Document
from ..errors import GikkitError, MissingDependencyError, UnknownFormatError, UnreadableFileError
from . import register
from .docx import read_docx

CONVERT_SECONDS = 120.0  # a real report converts in a few seconds (a new profile included) on an idle machine
INSTALL_LINE = "apt-get install libreoffice-writer-nogui"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class MissingLibreOfficeError(MissingDependencyError):
    """LibreOffice (``soffice``) is not installed; the message gives the install line."""

    def __init__(self, path):
        GikkitError.__init__(self, path, f"reading old Word and RTF files needs LibreOffice, which is not installed: {INSTALL_LINE}")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _kind(head: bytes) -> str | None:
    if head.startswith(OLE2):
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    return None


def _check_ole2(path: Path, head: bytes) -> None:
    """An OLE2 file's header names its byte order and sector size; junk behind the signature is refused
    here, without starting LibreOffice."""
    if head.startswith(OLE2) and (head[28:30] != b"\xfe\xff" or head[30:32] not in (b"\x09\x00", b"\x0c\x00")):
        raise UnknownFormatError(path, "a damaged old binary Office file (OLE2 signature, but no valid OLE2 header)")


def convert_to_docx(path: Path, out_dir: Path, timeout: float = CONVERT_SECONDS) -> Path:
    """Convert ``path`` (.doc/.wps/.rtf) to a .docx in ``out_dir`` with LibreOffice; return its path."""
    exe = soffice()
    if exe is None:
        raise MissingLibreOfficeError(path)
    with open(path, "rb") as f:
        head = f.read(64)
    _check_ole2(path, head)
    kind = _kind(head) or "doc"
    src = out_dir / f"input.{kind}"  # a plain name: LibreOffice trips on some file names, and wants the kind
    shutil.copyfile(path, src)
    profile = out_dir / "lo-profile"
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(src)]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True, env={**os.environ, "HOME": str(profile)})
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice starts soffice.bin: end the whole group
        except ProcessLookupError:
            pass
        proc.communicate()
        raise UnreadableFileError(path, f"LibreOffice did not convert the file within {timeout:g} s") from None
    out = out_dir / "input.docx"
    if proc.returncode != 0 or not out.is_file():
        said = " ".join(output.decode("utf-8", "replace").split())[-200:]
        raise UnreadableFileError(path, f"LibreOffice could not convert it to .docx (damaged, or not a text document): {said}")
    return out


def read_office(path: Path) -> Document:
    """Read an old Word or RTF file: convert it to .docx, read that, and name the original as the source."""
    with tempfile.TemporaryDirectory(prefix="gikkit-office-") as tmp:
        doc = read_docx(convert_to_docx(path, Path(tmp)))
    with open(path, "rb") as f:
        kind = _kind(f.read(64))
    doc.source, doc.format = str(path), "rtf" if kind == "rtf" else (path.suffix.lower().lstrip(".") or "doc")
    if doc.format not in ("doc", "wps", "dot", "wpt", "rtf"):
        doc.format = "doc"
    doc.notes.append("converted to .docx by LibreOffice")
    return doc


class OfficeReader:
    name = "office"
    extensions = (".doc", ".wps", ".rtf", ".dot", ".wpt")
    signature = "an old Word file (.doc/.wps, OLE2) or RTF"

    def sniff(self, head: bytes) -> bool:
        return _kind(head) is not None

    def read(self, path: Path) -> Document:
        return read_office(path)


register(OfficeReader())
