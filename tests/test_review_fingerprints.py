"""Finding fingerprints: the same finding has the same id on every run and under any file name,
and a new one when a figure it names changes."""
from __future__ import annotations

import shutil
from pathlib import Path

from checks_support import clean_v2019, edit, read_text

import gikkit
from gikkit.checks import check
from gikkit.review import fingerprint_frame

DATA = Path(__file__).resolve().parent.parent / "data"


def _ids(report) -> list[tuple[str, str, str]]:
    frame = fingerprint_frame([report])
    return sorted(zip(frame["code"], frame["key"], frame["fingerprint"]))


def test_the_same_report_twice_gives_the_same_fingerprints(tmp_path):
    text = edit(clean_v2019(), add={"t4.admin_review.upheld": 1, "t3.granted.natural_person": 2})
    first, second = read_text(tmp_path, text, "a.txt"), read_text(tmp_path, text, "a.txt")
    assert {c for c, _, _ in _ids(first)} >= {"t4_total", "t3_row_total"}
    assert _ids(first) == _ids(second)


def test_a_renamed_file_keeps_its_fingerprints(tmp_path):
    # a real report in another format (DOCX), with its deliberate flaw, under a new name in another folder
    (tmp_path / "elsewhere").mkdir()
    renamed = tmp_path / "elsewhere" / "教育局2022年报.docx"
    shutil.copy(DATA / "jianglin-education-2022.docx", renamed)
    original, moved = gikkit.read(DATA / "jianglin-education-2022.docx"), gikkit.read(renamed)
    assert len(_ids(original)) == 4
    assert _ids(original) == _ids(moved)


def test_changing_a_named_cell_changes_the_fingerprint_but_not_the_key(tmp_path):
    base = edit(clean_v2019(), add={"t4.admin_review.upheld": 1})
    before = read_text(tmp_path, base, "a.txt")
    more = read_text(tmp_path, edit(base, add={"t4.admin_review.upheld": 1}), "a.txt")
    unrelated = read_text(tmp_path, edit(base, add={"t2.art20_5.administrative_licensing.decisions_count": 7}),
                          "a.txt")
    licences = "t2.art20_5.administrative_licensing.decisions_count"
    assert unrelated.cells[licences] == before.cells[licences] + 7
    (code, key, fp), = _ids(before)
    assert code == "t4_total"
    (_, key2, fp2), = _ids(more)
    assert key2 == key and fp2 != fp  # the same finding, with other figures
    assert _ids(unrelated) == _ids(before)  # a cell the finding does not name changes nothing


def test_keys_are_unique_and_the_same_after_the_checks_run_again(tmp_path):
    data = gikkit.read_many([DATA / "donghu-subdistrict-2019.txt", DATA / "donghu-subdistrict-2020.txt",
                             DATA / "donghu-subdistrict-2021.html"], jobs=1)
    check(data)
    first = fingerprint_frame(data)
    check(data)
    again = fingerprint_frame(data)
    assert first["key"].is_unique and len(first) >= 10
    assert first[["key", "fingerprint"]].equals(again[["key", "fingerprint"]])
