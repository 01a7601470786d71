"""What a newcomer meets first: make lab, gikkit --version, the same options and the same empty-folder
answer in every command, and reports and datasets that print as a short summary."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gikkit
from fixture_paths import FIXTURES, SEED
from gikkit.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
READING_COMMANDS = ("parse", "check", "export", "notice")
EMPTY_FOLDER_COMMANDS = ("parse", "check", "export")


def gikkit_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "gikkit.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def make_dry_run(target: str) -> str:
    # --no-print-directory: under `make test` this make is nested and would add "Leaving directory" lines
    run = subprocess.run(["make", "--no-print-directory", "-n", target], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_make_lab_starts_jupyterlab_on_the_notebooks_from_the_lab_venv():
    commands = make_dry_run("lab").splitlines()
    as_root = ["--allow-root"] if os.geteuid() == 0 else []  # JupyterLab will not start as root without it
    assert commands[-1].split() == [".venv-lab/bin/jupyter", "lab", "--notebook-dir=notebooks", *as_root]
    assert (ROOT / ".venv-lab/bin/jupyter").is_file(), "make test builds .venv-lab, which make lab runs"
    listed = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    assert re.search(r"make lab\s+start JupyterLab on notebooks/", listed)


def test_make_clean_removes_both_virtualenvs():
    removed = next(line for line in make_dry_run("clean").splitlines() if line.startswith("rm -rf")).split()
    assert ".venv" in removed and ".venv-lab" in removed


def test_readme_quick_start_names_make_lab_just_below_the_two_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = quick.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in block.strip().splitlines()] == [["make", "demo"], ["make", "test"]]
    after = quick.split("```sh", 1)[1].split("```", 1)[1].strip().splitlines()[0]
    assert "`make lab`" in after


def test_notebook_checkpoints_are_ignored_by_git():
    probe = "notebooks/.ipynb_checkpoints/teach-checkpoint.ipynb"
    assert subprocess.run(["git", "check-ignore", "-q", probe], cwd=ROOT, timeout=30).returncode == 0


def test_gikkit_version():
    run = gikkit_cli("--version")
    assert run.returncode == 0 and run.stdout.strip() == f"gikkit {gikkit.__version__}"


def test_every_reading_command_takes_j_and_jobs_and_refuses_zero(tmp_path):
    subparsers = next(a for a in build_parser()._actions if a.dest == "command").choices
    for command in READING_COMMANDS:
        jobs = next(a for a in subparsers[command]._actions if a.dest == "jobs")
        assert jobs.option_strings == ["-j", "--jobs"], command
    for command in EMPTY_FOLDER_COMMANDS:
        run = gikkit_cli(command, SEED, "-j", "0")
        assert run.returncode == 2 and "must be 1 or more" in run.stderr, command


def test_an_empty_folder_gets_the_same_answer_from_parse_check_and_export(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("# nothing to read here\n", "utf-8")  # a README is not a report
    answers = set()
    for command in EMPTY_FOLDER_COMMANDS:
        extra = ["--out", tmp_path / "site"] if command == "export" else []
        run = gikkit_cli(command, empty, *extra)
        answers.add((run.returncode, run.stderr.strip(), run.stdout.strip()))
    assert answers == {(1, f"gikkit: no files found in {empty}", "")}
    assert not (tmp_path / "site").exists(), "export writes no empty site"


def test_jobs_reads_a_folder_with_that_many_workers(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("pingtan-2019.html", "huaian-city-2024.docx"):
        shutil.copyfile(FIXTURES / "rendered" / name, folder / name)
    run = gikkit_cli("check", folder, "-j", "2")
    assert "2 report(s) checked" in run.stdout, run.stderr


@pytest.fixture(scope="module")
def seed():
    return gikkit.read(SEED)


def test_a_report_prints_as_one_short_line(seed):
    text = repr(seed)
    read, total = seed.coverage_counts
    counts = seed.findings_by_severity()
    assert "\n" not in text and len(text) < 300
    for part in (seed.agency, str(seed.year), seed.template, f"({read}/{total})",
                 f"{counts['error']} error, {counts['warning']} warning, {counts['info']} info"):
        assert part in text


def test_a_report_shows_as_a_small_table_in_a_notebook(seed):
    markup = seed._repr_html_()
    assert markup.startswith("<table") and len(markup) < 2000
    assert seed.agency in markup and "100.0% (198/198 cells)" in markup


def test_a_dataset_prints_its_counts_and_failures(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in (SEED, FIXTURES / "rendered" / "pingtan-2019.html", FIXTURES / "real" / "huaian-city-2024.pdf"):
        shutil.copyfile(path, folder / path.name)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    data = gikkit.read_many([folder], jobs=2, progress=False)
    text, markup = repr(data), data._repr_html_()
    errors = sum(r.findings_by_severity()["error"] for r in data.reports)
    assert text.startswith(f"<Dataset: 3 reports ({len({r.agency for r in data.reports})} agencies")
    assert ", 1 failures;" in text and f"findings: {errors} error" in text
    assert "broken.docx" in text and "broken.docx" in markup
    assert len(text) < 1000 and len(markup) < 3000 and markup.startswith("<table")
