"""``gikkit check --reviews FILE [--open-only]``: statuses shown, stale decisions listed, exit 1 only for open errors."""
from __future__ import annotations

import subprocess
import sys

from checks_support import clean_v2019, edit, read_text

from gikkit.review import decide, review

BROKEN = {"t4.admin_review.upheld": 1}


def gikkit(*args):
    return subprocess.run([sys.executable, "-m", "gikkit.cli", "check", *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def _setup(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_text(edit(clean_v2019(), add=BROKEN), "utf-8")
    (tmp_path / "copy").mkdir()
    frame = review([read_text(tmp_path / "copy", path.read_text("utf-8"), "copy.txt")]).frame  # another name: same key
    return path, frame[frame["code"] == "t4_total"].iloc[0]


def test_open_only_exits_1_only_while_an_error_is_open(tmp_path):
    path, finding = _setup(tmp_path)
    reviews = tmp_path / "reviews.csv"
    assert gikkit(path, "--open-only").returncode == 1  # nothing decided: the error is open
    decide(reviews, finding, "confirmed", note="请更正", reviewer="张三")
    confirmed = gikkit(path, "--reviews", reviews, "--open-only")
    assert confirmed.returncode == 1  # confirmed: still waiting for the agency's correction
    assert "t4_total [confirmed]" in confirmed.stdout
    decide(reviews, finding, "dismissed", note="已核实无误", reviewer="张三")
    dismissed = gikkit(path, "--reviews", reviews, "--open-only")
    assert dismissed.returncode == 0, dismissed.stdout + dismissed.stderr
    assert "t4_total" not in dismissed.stdout and "0 error finding(s)" in dismissed.stdout
    shown = gikkit(path, "--reviews", reviews)  # without --open-only every error still counts
    assert shown.returncode == 1 and "t4_total [dismissed]" in shown.stdout


def test_a_changed_figure_reopens_and_a_fixed_one_leaves_a_stale_decision(tmp_path):
    path, finding = _setup(tmp_path)
    reviews = tmp_path / "reviews.csv"
    decide(reviews, finding, "dismissed", reviewer="张三")
    path.write_text(edit(clean_v2019(), add={"t4.admin_review.upheld": 5}), "utf-8")
    reopened = gikkit(path, "--reviews", reviews, "--open-only", "--csv", tmp_path / "f.csv")
    assert reopened.returncode == 1 and "t4_total [reopened]" in reopened.stdout
    assert "reopened" in (tmp_path / "f.csv").read_text("utf-8")
    path.write_text(clean_v2019(), "utf-8")
    fixed = gikkit(path, "--reviews", reviews)
    assert fixed.returncode == 0
    assert "1 decision(s) in the reviews file match no finding any more" in fixed.stdout
    assert "高青县田镇街道办事处 2020 t4_total" in fixed.stdout


def test_a_bad_reviews_file_is_a_usage_error(tmp_path):
    path, _ = _setup(tmp_path)
    bad = tmp_path / "reviews.csv"
    bad.write_text("no,such,columns\n1,2,3\n", "utf-8")
    result = gikkit(path, "--reviews", bad)
    assert result.returncode == 2 and "reviews.csv" in result.stderr and "not a reviews file" in result.stderr
