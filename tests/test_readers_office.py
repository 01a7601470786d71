""".doc, .wps and .rtf files, converted by LibreOffice headless and read by the DOCX reader.

The old-format files are made here from the rendered DOCX fixture (淮安市 2024) with LibreOffice,
as an agency saving in an old format would, and read back: every cell must come out exact.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import gikkit
from gikkit.errors import UnreadableFileError
from gikkit.readers import office, reader_for
from fixture_paths import FIXTURES

DOCX = FIXTURES / "rendered" / "huaian-city-2024.docx"
EXPECTED = json.loads((FIXTURES / "rendered" / "huaian-city-2024.expected.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def old_files(tmp_path_factory) -> dict[str, Path]:
    """The fixture saved by LibreOffice as Word 97 (.doc) and RTF, and the .doc named .wps (WPS saves OLE2 too)."""
    out = tmp_path_factory.mktemp("old-formats")
    profile = out / "profile"
    for kind in ("doc", "rtf"):
        subprocess.run([office.soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                        "--convert-to", kind, "--outdir", str(out), str(DOCX)], check=True, capture_output=True, timeout=180)
    files = {kind: out / f"huaian-city-2024.{kind}" for kind in ("doc", "rtf")}
    files["wps"] = out / "huaian-city-2024.wps"
    shutil.copyfile(files["doc"], files["wps"])
    return files


@pytest.mark.parametrize("kind", ["doc", "rtf", "wps"])
def test_every_cell_exact(old_files, kind):
    path = old_files[kind]
    assert reader_for(path).name == "office"
    report = gikkit.read(path)
    assert {ref: report.cells.get(ref) for ref in EXPECTED["cells"]} == EXPECTED["cells"]
    assert (report.agency, report.year, report.template) == (EXPECTED["agency"], EXPECTED["year"], EXPECTED["template"])
    assert report.format == kind and report.source == str(path)


def test_parallel_conversions_each_have_their_own_profile(old_files, tmp_path):
    copies = []
    for i, kind in enumerate(["doc", "rtf"]):  # two workers converting at once
        copies.append(tmp_path / f"{i}.{kind}")
        shutil.copyfile(old_files[kind], copies[-1])
    dataset = gikkit.read_many(copies, jobs=2, progress=False)
    assert not dataset.failures
    assert len(dataset.reports) == 2
    for report in dataset.reports:
        assert report.cells["t3.granted.total"] == EXPECTED["cells"]["t3.granted.total"]


def test_without_libreoffice_the_error_names_the_install_line(old_files, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no soffice on it
    with pytest.raises(office.MissingLibreOfficeError) as err:
        gikkit.read(old_files["doc"])
    assert "apt-get install libreoffice-writer-nogui" in str(err.value)
    assert str(old_files["doc"]) in str(err.value)


def test_a_conversion_past_its_time_limit_is_stopped(old_files, tmp_path):
    with pytest.raises(UnreadableFileError, match="did not convert the file within"):
        office.convert_to_docx(old_files["rtf"], tmp_path, timeout=0.05)
    leftover = subprocess.run(["pgrep", "-f", f"outdir {tmp_path}"], capture_output=True, text=True).stdout.split()
    assert [pid for pid in leftover if int(pid) != os.getpid()] == []  # the whole LibreOffice group was ended


def test_an_rtf_that_is_not_a_document_is_refused_naming_the_file(tmp_path):
    bad = tmp_path / "broken.rtf"
    bad.write_bytes(b"{\\rtf1 " + bytes(range(256)) * 4)
    with pytest.raises(gikkit.GikkitError) as err:
        gikkit.read(bad)
    assert str(bad) in str(err.value)
