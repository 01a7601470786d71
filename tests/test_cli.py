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
    assert list(obj) == ["source", "format", "agency", "year", "published", "template", "coverage", "cells_read",
                         "cells_total", "sections", "cells", "findings"]
    assert (obj["coverage"], obj["cells_read"], obj["cells_total"]) == (1.0, 198, 198)
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


def make_folder(root, seed_path):
    """Two good reports (one nested, one edited) and two bad files."""
    text = seed_path.read_text("utf-8")
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(text, "utf-8")
    (root / "sub" / "b.txt").write_text(text.replace("高青县田镇街道办事处", "高青县唐坊镇人民政府"), "utf-8")
    (root / "c_empty.txt").write_bytes(b"")
    (root / "d_notes.txt").write_text("这不是年度报告。\n", "utf-8")
    return root


def test_parse_folder_writes_every_table_and_json_in_one_run(seed_path, tmp_path):
    import pandas as pd

    from gikkit.dataset import read_frame, read_many

    folder = make_folder(tmp_path / "in", seed_path)
    out = tmp_path / "out"
    result = gikkit("parse", str(folder), "--json", "--jobs", "2", "--csv", str(out / "t.csv"),
                    "--parquet", str(out / "t.parquet"), "--xlsx", str(out / "t.xlsx"))
    assert result.returncode == 1  # two files failed; the good ones still went through
    objs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["source"] for o in objs] == [str(folder / "a.txt"), str(folder / "sub" / "b.txt")]
    assert [o["agency"] for o in objs] == ["高青县田镇街道办事处", "高青县唐坊镇人民政府"]
    assert all(list(o)[:6] == ["source", "format", "agency", "year", "published", "template"] for o in objs)
    frame = read_many([folder], jobs=1).to_frame()
    for fmt in ("csv", "parquet", "xlsx"):
        back = read_frame(out / f"t.{fmt}")
        pd.testing.assert_frame_equal(back, frame if fmt == "parquet" else frame.replace("", pd.NA))
        assert f"wrote {len(frame)} rows (2 reports) to {out / f't.{fmt}'}" in result.stderr
    tail = result.stderr.splitlines()[-3:]  # the failures come last, each on one line
    assert tail[0] == "gikkit: 2 of 4 file(s) could not be read:"
    assert tail[1].startswith(f"gikkit: {folder / 'c_empty.txt'}: ") and "empty" in tail[1]
    assert tail[2].startswith(f"gikkit: {folder / 'd_notes.txt'}: ") and "no report tables" in tail[2]


def test_table_output_without_json_prints_no_summaries(seed_path, tmp_path):
    result = gikkit("parse", str(seed_path), "--csv", str(tmp_path / "seed.csv"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert (tmp_path / "seed.csv").read_bytes().startswith(b"\xef\xbb\xbfsource,")


def test_progress_bar_on_a_terminal_only(seed_path, tmp_path):
    import fcntl
    import os
    import pty
    import struct
    import termios

    folder = make_folder(tmp_path / "in", seed_path)
    piped = gikkit("parse", str(folder), "--jobs", "2")
    assert "reading" not in piped.stderr and "%|" not in piped.stderr
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal has a size
    env = {k: v for k, v in os.environ.items() if k != "CI"}  # CI turns the bar off even on a terminal
    process = subprocess.Popen([sys.executable, "-m", "gikkit.cli", "parse", str(folder), "--jobs", "2"],
                               stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed when the command ended
            break
        if not chunk:
            break
        terminal += chunk
    process.wait(timeout=120)
    os.close(master)
    text = terminal.decode("utf-8", "replace")
    assert "reading" in text and "4/4" in text
    assert "could not be read" in text


def test_bad_options_and_empty_folder_are_clear_errors(tmp_path):
    assert gikkit("parse", str(tmp_path), "--jobs", "0").returncode == 2
    empty = gikkit("parse", str(tmp_path))
    assert empty.returncode == 1 and f"no files found in {tmp_path}" in empty.stderr


def test_unwritable_output_is_reported_and_the_reading_still_happens(seed_path, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = gikkit("parse", str(seed_path), "--json", "--csv", str(blocker / "t.csv"))
    assert result.returncode == 2
    assert len(result.stdout.splitlines()) == 1
    assert f"gikkit: cannot write {blocker / 't.csv'}" in result.stderr
