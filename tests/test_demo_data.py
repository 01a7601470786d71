"""The demo reports in data/: they all read, they keep the promises of data/README.md (identities hold,
carry-overs continue across years), their deliberate flaws are found, and the generator makes them."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import gikkit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
sys.path.insert(0, str(ROOT / "scripts"))
import make_demo_data  # noqa: E402  (a script, importable from scripts/)


@pytest.fixture(scope="module")
def dataset():
    return gikkit.read_many([DATA], jobs=1)


def by_name(dataset):
    return {Path(r.source).name: r for r in dataset.reports}


def test_every_demo_file_reads(dataset):
    assert dataset.failures == []
    agencies = {a.name for a in make_demo_data.AGENCIES}
    made = [r for r in dataset.reports if r.agency in agencies]
    assert len(made) == len(agencies) * len(make_demo_data.YEARS) == 30
    assert {r.template for r in made} == {"v2019", "v2021"}
    assert {r.format for r in made} == {"word-text", "html", "docx", "pdf"}
    assert {(r.agency, r.year) for r in made} == {(a, y) for a in agencies for y in make_demo_data.YEARS}


def test_only_the_deliberately_broken_report_fails_an_identity(dataset):
    errors = {(Path(r.source).name, f.code) for r in dataset.reports for f in r.findings if f.severity == "error"}
    assert errors == {("jianglin-education-2022.docx", code) for code in ("t3_balance", "t3_outcome_total", "t3_row_total")}


def test_the_blank_and_placeholder_cells_are_found(dataset):
    reports = by_name(dataset)
    blanks = {ref for f in reports["donghu-subdistrict-2020.txt"].findings if f.code == "blank_cell" for ref in f.refs}
    assert blanks == set(make_demo_data.BLANK_REFS)
    placeholder = [f for f in reports["jiangbei-district-2019.html"].findings if f.code == "placeholder_cell"]
    assert [f.refs for f in placeholder] == [["t2.art20_8.administrative_fees.item_count_change"]]


def test_carry_overs_continue_across_years_except_the_deliberate_break(dataset):
    by_agency_year = {(r.agency, r.year): r for r in dataset.reports}
    breaks = []
    for (agency, year), report in by_agency_year.items():
        last = by_agency_year.get((agency, year - 1))
        if last is None:
            continue
        for col in make_demo_data.APPLICANT_SHARES:
            now, before = report.cells[f"t3.carried_over_from_prev.{col}"], last.cells[f"t3.carried_forward_to_next.{col}"]
            if now is not None and before is not None and now != before:
                breaks.append((agency, year, col, now - before))
    assert breaks == [("江临市生态环境局", 2023, "natural_person", 3)]


def test_proactive_counts_roll_forward(dataset):
    by_agency_year = {(r.agency, r.year): r for r in dataset.reports}
    for (agency, year), report in by_agency_year.items():
        last = by_agency_year.get((agency, year - 1))
        if last is None or report.template != last.template:
            continue
        c, p = report.cells, last.cells
        if report.template == "v2019":
            ref = "t2.art20_6.administrative_penalty"
            assert c[f"{ref}.prev_year_item_count"] == p[f"{ref}.prev_year_item_count"] + p[f"{ref}.item_count_change"]
        else:
            ref = "t2.art20_1.normative_documents"
            assert c[f"{ref}.currently_valid"] == (p[f"{ref}.currently_valid"] + c[f"{ref}.issued_this_year"]
                                                   - c[f"{ref}.repealed_this_year"])


def test_the_generator_writes_what_gikkit_reads_back(tmp_path):
    made = make_demo_data.make(tmp_path)
    assert len(made) == 30
    for path, doc, expected in made:
        report = gikkit.read(path)
        assert {r: report.cells.get(r) for r in expected} == expected, path.name
        assert (report.agency, report.year, report.template) == (doc.agency, doc.year, doc.template)
        assert report.published == doc.published.isoformat()
    for path, *_ in made:  # text and web pages are byte for byte what data/ holds
        if path.suffix in (".txt", ".html"):
            assert path.read_bytes() == (DATA / path.name).read_bytes(), f"data/{path.name} is stale: rerun the script"
