"""``gikkit check`` as a real subprocess: output per report, a summary, files on request, exit codes for scripts."""
from __future__ import annotations

import csv
import json
import subprocess
import sys

from checks_support import clean_v2019, edit

from gikkit.checks import FINDING_COLUMNS, RULES


def gikkit(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "gikkit.cli", "check", *map(str, args)], capture_output=True,
                          text=True, timeout=300, cwd=cwd)


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_the_seed_has_warnings_only_so_it_exits_zero(seed_path):
    result = gikkit(seed_path)
    assert result.returncode == 0, result.stderr
    assert "高青县田镇街道办事处 2020 (v2019): 0 error, 1 warning, 3 info" in result.stdout
    assert "blank_cell: t3.outcome_total.social_welfare_org 为空白" in result.stdout
    assert "Summary:" in result.stdout and "1 report(s) checked, 0 error finding(s)" in result.stdout


def test_an_error_finding_exits_non_zero(tmp_path, seed_path):
    broken = _write(tmp_path, "broken.txt", edit(clean_v2019(), add={"t4.admin_review.upheld": 1}))
    result = gikkit(seed_path, broken)
    assert result.returncode == 1
    assert "t4_total" in result.stdout and "2 report(s) checked, 1 error finding(s)" in result.stdout


def test_unreadable_files_are_listed_and_exit_non_zero(tmp_path, seed_path):
    empty = _write(tmp_path, "empty.txt", "")
    result = gikkit(seed_path, empty, tmp_path / "absent.pdf")
    assert result.returncode == 1
    assert "2 file(s) could not be read" in result.stderr
    assert "empty.txt" in result.stderr and "absent.pdf" in result.stderr
    assert "1 report(s) checked" in result.stdout


def test_csv_and_json_files(tmp_path, seed_path):
    result = gikkit(seed_path, "--csv", tmp_path / "f.csv", "--json", tmp_path / "f.json")
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "f.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == FINDING_COLUMNS and len(rows) == 4
    records = json.loads((tmp_path / "f.json").read_text("utf-8"))
    assert [r["code"] for r in records] == [r["code"] for r in rows]
    assert records[0]["year"] == 2020 and records[0]["rule"]


def test_json_to_standard_output_keeps_it_clean(seed_path):
    result = gikkit(seed_path, "--json", "-")
    assert result.returncode == 0
    assert {r["code"] for r in json.loads(result.stdout)} == {"blank_cell", "cannot_check"}
    assert "Summary:" in result.stderr


def test_only_and_an_unknown_name(seed_path):
    result = gikkit(seed_path, "--only", "t3_balance", "--json", "-")
    assert [(r["code"], r["refs"].split(", ")[0]) for r in json.loads(result.stdout)] == \
        [("cannot_check", "t3.new_received.social_welfare_org")]
    bad = gikkit(seed_path, "--only", "t3_balanse")
    assert bad.returncode == 2 and "did you mean t3_balance" in bad.stderr


def test_derive_totals(seed_path):
    result = gikkit(seed_path, "--derive-totals")
    assert result.returncode == 0
    assert "derived_total: t3.outcome_total.social_welfare_org" in result.stdout
    assert "blank_cell" not in result.stdout


def test_levels_mapping(tmp_path, seed_path):
    parent = _write(tmp_path, "county.txt", edit(clean_v2019(), replace={"高青县田镇街道办事处2020年": "高青县人民政府2020年"},
                                                 add={"t2.art20_5.other_external_services.decisions_count": 1}))
    mapping = _write(tmp_path, "levels.csv", "parent,child\n高青县人民政府,高青县田镇街道办事处\n")
    result = gikkit(parent, seed_path, "--levels", mapping, "--only", "across_levels", "--json", "-")
    assert result.returncode == 0, result.stderr
    finding, cannot = json.loads(result.stdout)
    assert (finding["code"], finding["expected"], finding["found"]) == ("sub_units_sum", 9, 10)
    assert cannot["code"] == "cannot_check" and "t3.outcome_total.social_welfare_org" in cannot["message_en"]
    missing = gikkit(parent, "--levels", tmp_path / "absent.csv")
    assert missing.returncode == 2 and "absent.csv" in missing.stderr


def test_rules_lists_every_check():
    result = gikkit("--rules")
    assert result.returncode == 0
    assert all(r.code in result.stdout for r in RULES)


def test_help_and_no_paths():
    assert "--derive-totals" in gikkit("--help").stdout
    assert gikkit().returncode == 2
