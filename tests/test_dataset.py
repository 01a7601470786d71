"""Reading many files: good ones read, bad ones listed with reasons, order and results independent
of parallelism, crashing or hanging readers contained, and the tidy table written and read back."""
from __future__ import annotations

import faulthandler
import os
import signal
import time
from pathlib import Path

import pandas as pd
import pytest

import gikkit
from gikkit.dataset import expand_paths, read_frame, write_frame

from fixture_paths import FIXTURES

FIXTURES = sorted(p for sub in ("real", "rendered") for p in (FIXTURES / sub).glob("*")
                  if p.suffix in {".pdf", ".docx", ".html"})
OTHER_AGENCY = "高青县唐坊镇人民政府"


def crashing_or_hanging_read(path, run_checks=True):
    """gikkit.read, except that a file named crash* kills its process and hang* never returns."""
    if path.name.startswith("crash"):
        faulthandler.disable()  # pytest's traceback dump would only add noise to the output
        os.kill(os.getpid(), signal.SIGSEGV)
    if path.name.startswith("hang"):
        time.sleep(3600)
    return gikkit.read(path, run_checks=run_checks)


@pytest.fixture
def folder(tmp_path, seed_path):
    """A folder of good files (the seed, edited and re-encoded copies) and bad ones, nested."""
    text = seed_path.read_text("utf-8")
    root = tmp_path / "reports"
    (root / "b" / "nested").mkdir(parents=True)
    (root / "a.txt").write_text(text, "utf-8")
    edited = text.replace("高青县田镇街道办事处", OTHER_AGENCY)
    (root / "b" / "nested" / "edited.txt").write_text(edited, "utf-8")
    (root / "b" / "gb18030.txt").write_bytes(text.encode("gb18030"))
    (root / "b" / "utf16.txt").write_text(text, "utf-16")
    (root / "c_empty.txt").write_bytes(b"")
    (root / "d_binary.bin").write_bytes(bytes(range(256)) * 16)
    (root / "e_truncated.txt").write_text("\n".join(text.splitlines()[:20]), "utf-8")
    (root / "f_not_a_zip.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive" * 4)
    (root / ".hidden.txt").write_text(text, "utf-8")
    (root / "README.md").write_text("notes about these files", "utf-8")
    return root


GOOD = ["a.txt", "b/gb18030.txt", "b/nested/edited.txt", "b/utf16.txt"]
BAD = ["c_empty.txt", "d_binary.bin", "e_truncated.txt", "f_not_a_zip.docx"]


def relative(items, root):
    return [str(Path(getattr(x, "source", None) or x.path).relative_to(root)) for x in items]


def test_folder_is_read_recursively_skipping_hidden_files_and_readmes(folder):
    assert [str(p.relative_to(folder)) for p in expand_paths([folder])] == sorted(GOOD + BAD)


@pytest.mark.parametrize("jobs", [1, 2])
def test_good_files_read_and_bad_files_listed_with_reasons(folder, jobs):
    data = gikkit.read_many([folder], jobs=jobs)
    assert relative(data.reports, folder) == GOOD
    assert relative(data.failures, folder) == BAD
    assert [r.agency for r in data.reports] == ["高青县田镇街道办事处"] * 2 + [OTHER_AGENCY, "高青县田镇街道办事处"]
    assert all(len(r.cells) == 198 and r.template == "v2019" for r in data.reports)
    problems = {Path(f.path).name: f.problem for f in data.failures}
    assert "empty" in problems["c_empty.txt"]
    assert "no report tables" in problems["e_truncated.txt"]
    assert all(problems.values())


def test_one_folder_may_be_named_on_its_own(folder):
    assert expand_paths(folder) == expand_paths([folder]) == expand_paths([str(folder)])
    assert len(gikkit.read_many(str(folder), jobs=1)) == len(GOOD)


def test_one_job_and_two_jobs_give_the_same_frame_and_findings(folder):
    one, two = gikkit.read_many([folder], jobs=1), gikkit.read_many([folder], jobs=2)
    pd.testing.assert_frame_equal(one.to_frame(), two.to_frame())
    pd.testing.assert_frame_equal(one.findings_frame(), two.findings_frame())
    assert one.failures == two.failures
    assert len(one.to_frame()) == 4 * 198


def test_results_keep_the_input_order_not_the_sorted_order(folder):
    files = [folder / name for name in reversed(GOOD + BAD)]
    data = gikkit.read_many(files, jobs=2)
    assert relative(data.reports, folder) == list(reversed(GOOD))
    assert relative(data.failures, folder) == list(reversed(BAD))


def test_a_crashing_and_a_hanging_reader_do_not_lose_the_batch(folder, seed_path):
    for name in ("crash.txt", "hang.txt"):
        (folder / name).write_bytes(seed_path.read_bytes())
    data = gikkit.read_many([folder], jobs=2, timeout=1, read=crashing_or_hanging_read)
    assert relative(data.reports, folder) == GOOD
    problems = {str(Path(f.path).relative_to(folder)): f.problem for f in data.failures}
    assert list(problems) == sorted(BAD + ["crash.txt", "hang.txt"])
    assert problems["crash.txt"] == "crashed its worker process (killed by SIGSEGV)"
    assert problems["hang.txt"] == "still running after 1 s; gave up"


def test_a_hanging_reader_alone_stalls_the_pool_then_is_named(folder, seed_path):
    (folder / "hang.txt").write_bytes(seed_path.read_bytes())
    data = gikkit.read_many([folder], jobs=2, timeout=1, read=crashing_or_hanging_read)
    assert relative(data.reports, folder) == GOOD
    assert [(Path(f.path).name, f.problem) for f in data.failures][-1] == ("hang.txt", "still running after 1 s; gave up")


def test_progress_bar_only_when_asked_or_on_a_terminal(folder, capfd):
    gikkit.read_many([folder], jobs=1)  # stderr is not a terminal under pytest
    assert capfd.readouterr().err == ""
    gikkit.read_many([folder], jobs=2, progress=True)
    assert "8/8" in capfd.readouterr().err


def test_shared_fixtures_read_in_a_batch_exactly_as_one_by_one():
    """Whatever the readers can do yet, a batch on two cores agrees with gikkit.read on each file."""
    assert len(FIXTURES) >= 5
    data = gikkit.read_many(FIXTURES, jobs=2)
    reports = {r.source: r for r in data.reports}
    problems = {f.path: f.problem for f in data.failures}
    assert len(reports) + len(problems) == len(FIXTURES)
    for path in FIXTURES:
        try:
            alone = gikkit.read(path)
        except gikkit.GikkitError as e:
            assert problems[str(path)] == e.problem
        else:
            assert reports[str(path)].to_dict() == alone.to_dict()


@pytest.fixture(scope="module")
def mixed_data(seed_path):
    """The seed and every shared fixture (PDF, DOCX, HTML), read on two cores."""
    return gikkit.read_many([seed_path, *FIXTURES], jobs=2)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_table_outputs_read_back_equal_to_the_frame(mixed_data, tmp_path, fmt):
    assert not mixed_data.failures and {r.format for r in mixed_data.reports} >= {"pdf", "docx", "html"}
    frame = mixed_data.to_frame()
    out = tmp_path / "out" / f"all.{fmt}"
    assert mixed_data.write(out) == len(frame)
    back = read_frame(out)
    # CSV and xlsx keep no difference between an empty text and a missing one.
    expected = frame if fmt == "parquet" else frame.replace("", pd.NA)
    pd.testing.assert_frame_equal(back, expected)
    plain = {"csv": lambda p: pd.read_csv(p, encoding="utf-8"), "parquet": pd.read_parquet,
             "xlsx": pd.read_excel}[fmt](out)
    assert list(plain["agency"].unique()) == list(dict.fromkeys(r.agency for r in mixed_data.reports))  # Chinese intact
    assert list(plain["table_label_zh"].unique()) == list(frame["table_label_zh"].unique())
    assert set(plain["row_label_zh"]) == set(frame["row_label_zh"])


def test_csv_starts_with_a_byte_order_mark_for_excel(tmp_path, seed_report):
    out = tmp_path / "seed.csv"
    write_frame(seed_report.to_frame(), out)
    assert out.read_bytes().startswith("\ufeffsource,agency".encode("utf-8"))


def test_unknown_table_format_is_a_clear_error(tmp_path, seed_report):
    with pytest.raises(ValueError, match="unknown table format 'json'"):
        write_frame(seed_report.to_frame(), tmp_path / "x.json")


def test_empty_dataset_writes_the_header_only(tmp_path):
    out = tmp_path / "none.csv"
    assert gikkit.read_many([]).write(out) == 0
    assert list(read_frame(out).columns) == gikkit.report.FRAME_COLUMNS
