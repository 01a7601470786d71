"""The gikkit command on good and unreadable files, run as a real subprocess."""
from __future__ import annotations

import json
import subprocess
import sys


def gikkit(*args):
    return subprocess.run([sys.executable, "-m", "gikkit.cli", *args], capture_output=True, text=True, timeout=120)


def test_parse_json(seed_path, seed_expected):
    result = gikkit("parse", "--json", str(seed_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert list(obj) == ["source", "format", "agency", "year", "published", "template", "sections", "cells", "findings"]
    assert obj["cells"] == seed_expected["cells"]
    assert obj["template"] == "v2019" and obj["published"] == "2021-01-20"
    assert {"code", "severity", "refs", "expected", "found", "message"} <= set(obj["findings"][0])


def test_parse_summary(seed_path):
    result = gikkit("parse", str(seed_path))
    assert result.returncode == 0
    assert "高青县田镇街道办事处 2020 (v2019" in result.stdout


def test_unreadable_files_exit_nonzero_but_others_go_through(seed_path, tmp_path):
    binary = tmp_path / "broken.pdf"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = gikkit("parse", "--json", str(binary), str(seed_path), str(empty), str(tmp_path / "missing.docx"))
    assert result.returncode != 0
    assert len(result.stdout.splitlines()) == 1  # the seed still went through
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("gikkit: ") and "could not be read" not in ln]
    assert len(errors) == 3
    assert any(str(binary) in ln for ln in errors)
    assert any(str(empty) in ln and "empty" in ln for ln in errors)
    assert any("missing.docx" in ln and "no such file" in ln for ln in errors)


def test_every_command_has_help():
    from gikkit.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        assert p.description or p.format_help(), name
        assert sub._choices_actions and all(a.help for a in sub._choices_actions), "a command lacks help"
