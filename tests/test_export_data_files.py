"""A site's data files: the whole tidy table streamed from the reports' own CSVs is the table of all
reports written at once, and the XLSX written directly reads back as pandas + openpyxl's does."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import gikkit
from gikkit.checks import check
from gikkit.dataset import read_frame, write_frame
from gikkit.export.data_files import cells_frame, findings_table, write_report_data, write_site_data
from gikkit.export.files import assign_slugs
from gikkit.export.xlsx import column_name, write_xlsx

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def reports():
    files = [p for p in sorted(DATA.iterdir()) if p.suffix in (".txt", ".html", ".docx")]
    dataset = gikkit.read_many(files, progress=False, run_checks=False)
    check(dataset)
    return dataset.reports


def test_the_whole_table_is_the_reports_csvs_one_after_another(reports, tmp_path):
    names = {r.source: Path(r.source).name for r in reports}
    slugs = assign_slugs([Path(r.source) for r in reports])
    csvs = [write_report_data(tmp_path, r, slugs[Path(r.source)], names)[0] for r in reports]
    written = write_site_data(tmp_path, reports, names, csvs)
    assert written["cells"] == ["data/cells.csv", "data/cells.xlsx"]
    whole = ("\ufeff" + cells_frame(reports, names).to_csv(index=False)).encode("utf-8")
    assert (tmp_path / "data/cells.csv").read_bytes() == whole
    before = (tmp_path / "data/cells.csv").stat().st_ino
    write_site_data(tmp_path, reports, names, csvs)  # unchanged: not rewritten
    assert (tmp_path / "data/cells.csv").stat().st_ino == before
    assert len(read_frame(tmp_path / "data/cells.xlsx")) == sum(len(r.cells) for r in reports)
    # written a report at a time, the same bytes as the tables of all reports written at once
    write_xlsx(cells_frame(reports, names), tmp_path / "whole.xlsx", "cells")
    assert (tmp_path / "data/cells.xlsx").read_bytes() == (tmp_path / "whole.xlsx").read_bytes()
    found = findings_table(reports, names)
    assert len(found) > 10
    assert (tmp_path / "data/findings.csv").read_bytes() == ("\ufeff" + found.to_csv(index=False)).encode("utf-8")
    write_xlsx(found, tmp_path / "whole.xlsx", "findings")
    assert (tmp_path / "data/findings.xlsx").read_bytes() == (tmp_path / "whole.xlsx").read_bytes()
    assert not list((tmp_path / "data").glob(".*"))  # no temporary file left


@pytest.mark.parametrize("table", ["cells", "findings"])
def test_the_xlsx_reads_back_as_the_openpyxl_one_does(reports, tmp_path, table):
    names = {r.source: Path(r.source).name for r in reports}
    frame = cells_frame(reports, names) if table == "cells" else findings_table(reports, names)
    assert len(frame) > 10
    write_xlsx(frame, tmp_path / "ours.xlsx", table)
    write_frame(frame, tmp_path / "theirs.xlsx", "xlsx")
    pd.testing.assert_frame_equal(pd.read_excel(tmp_path / "ours.xlsx"), pd.read_excel(tmp_path / "theirs.xlsx"))
    if table == "cells":
        pd.testing.assert_frame_equal(read_frame(tmp_path / "ours.xlsx"), read_frame(tmp_path / "theirs.xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "ours.xlsx").active
    assert sheet.title == table and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{column_name(len(frame.columns) - 1)}{len(frame) + 1}"
    first = (tmp_path / "ours.xlsx").read_bytes()
    write_xlsx(frame, tmp_path / "ours.xlsx", table)
    assert (tmp_path / "ours.xlsx").read_bytes() == first  # the same table, the same bytes


def test_text_with_control_characters_and_markup_stays_text(tmp_path):
    frame = pd.DataFrame({"text": ["a\x07b", "<b>&amp;</b>", " lead", None], "n": [1, 2.5, None, 4]})
    write_xlsx(frame, tmp_path / "t.xlsx")
    back = pd.read_excel(tmp_path / "t.xlsx")
    assert back["text"].tolist()[:3] == ["ab", "<b>&amp;</b>", " lead"] and pd.isna(back["text"][3])
    assert back["n"].tolist()[:2] == [1, 2.5] and pd.isna(back["n"][2])
    assert [column_name(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
