"""Coverage, and lost data as an error: a report read in part never passes ``check`` as clean.

Inputs are the real fixtures (tests/fixtures) and copies of them with rows cut out or figures
removed, made here.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from checks_support import clean_v2019, clean_v2021
from fixture_paths import FIXTURES, SEED

import gikkit
from gikkit.schema import template

WHOLE = [SEED, *sorted((FIXTURES / "real").glob("*.pdf")), *sorted((FIXTURES / "rendered").glob("*.docx")),
         *sorted((FIXTURES / "rendered").glob("*.html"))]


def cli(command, *args):
    return subprocess.run([sys.executable, "-m", "gikkit.cli", command, *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def errors(report, code=None):
    return [f for f in report.findings if f.severity == "error" and (code is None or f.code == code)]


@pytest.mark.parametrize("path", WHOLE, ids=lambda p: p.name)
def test_every_fixture_is_read_whole(path):
    report = gikkit.read(path)
    read, total = report.coverage_counts
    assert total == len(template(report.template).cells)
    assert (read, report.coverage) == (total, 1.0)
    assert not errors(report, "unread_cells") and not errors(report, "no_figures")


def _cut_row(text: str, label: str) -> str:
    """The word-text report without the row whose label cell is ``label`` (its label and value cells)."""
    lines = text.split("\n")
    at = lines.index("\t" + label)
    end = at + 1
    while end < len(lines) and lines[end].startswith("\t") and re.fullmatch(r"\t[\d.]*", lines[end]):
        end += 1
    return "\n".join(lines[:at] + lines[end:])


def test_a_row_not_read_is_one_error_naming_its_table_and_row(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text(_cut_row(clean_v2021(), "行政许可"), "utf-8")
    report = gikkit.read(path)
    (unread,) = errors(report, "unread_cells")
    assert "表二" in unread.message_zh and "行政许可" in unread.message_zh
    assert unread.refs and all(r.startswith("t2.") and ".administrative_licensing." in r for r in unread.refs)
    read, total = report.coverage_counts
    assert read == total - len(unread.refs) and report.coverage < 1
    result = cli("check", path)
    assert result.returncode == 1 and "unread_cells" in result.stdout


def test_most_of_a_report_unread_is_never_clean(tmp_path):
    """The case that started this: a capture whose tables were barely read passed check with 0 errors."""
    text = clean_v2019()
    start = text.index("三、收到和处理政府信息公开申请情况")
    path = tmp_path / "cut.txt"
    path.write_text(text[:start], "utf-8")  # 表三 and 表四 gone, 表二 read
    report = gikkit.read(path)
    assert report.coverage < 0.5
    codes = {f.code for f in errors(report)}
    assert "missing_table" in codes
    assert cli("check", path).returncode == 1


def test_the_blank_official_template_is_an_error():
    path = FIXTURES / "template" / "official-2021-blank.docx"
    report = gikkit.read(path)
    assert [f.code for f in errors(report)] == ["no_figures"]
    result = cli("check", path)
    assert result.returncode == 1 and "no_figures" in result.stdout


def test_coverage_in_parse_json_and_the_frame(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text(_cut_row(clean_v2019(), "规章"), "utf-8")
    report = gikkit.read(path)
    read, total = report.coverage_counts
    assert read < total
    summary = cli("parse", path)
    assert f"coverage {read / total:.0%} ({read}/{total} cells read)" in summary.stdout
    (line,) = cli("parse", path, "--json").stdout.splitlines()
    data = json.loads(line)
    assert (data["cells_read"], data["cells_total"]) == (read, total)
    assert data["coverage"] == pytest.approx(read / total, abs=1e-4)
    frame = report.to_frame()
    assert set(frame["coverage"].round(4)) == {round(read / total, 4)}
