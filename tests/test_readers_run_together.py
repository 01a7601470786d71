"""Table text whose cells ran together: every fixture's tables written back as one line each.

Each fixture is read with the reader for its format, and its tables are written out as archived
pages and careless copies leave them: one line per table (or all tables on one line) with spaces
between cells; with no space between a label and its numbers; and with some or all neighbouring
numbers touching. Every cell must then read as the fixture's expected.json says, or be empty with a
finding that names it. Never a wrong number.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

import gikkit
from fixture_paths import FIXTURES, SEED
from gikkit.document import Paragraph
from gikkit.labels import core
from gikkit.readers import read_document
from gikkit.readers.run_together import split_words
from gikkit.schema import cell_spec
from gikkit.values import clean_text, looks_numeric

SOURCES = [SEED, FIXTURES / "real/huaian-city-2024.pdf", FIXTURES / "real/hongze-district-2024.pdf",
           FIXTURES / "rendered/huaian-city-2024.docx", FIXTURES / "rendered/huaian-city-2024.html",
           FIXTURES / "rendered/pingtan-2019.html"]
STYLES = ("spaces", "label_touches", "numbers_touch_1", "numbers_touch_2", "numbers_touch_3", "numbers_touch_7")
# "numbers_touch_k": labels touch their numbers, and so does every k-th pair of neighbouring numbers (1: all)
# share of a fixture's figures left to findings when its numbers touch (measured: 0.28 when all touch, else <= 0.09)
MAX_EMPTY_SHARE = {"numbers_touch_1": 0.3}
SOME_TOUCH_EMPTY_SHARE = 0.1


def expected(source: Path) -> dict:
    return json.loads(source.with_name(source.name.rsplit(".", 1)[0] + ".expected.json").read_text("utf-8"))


@cache
def _document(source: Path):
    return read_document(source)  # each fixture read once for all the styles


def run_together(source: Path, style: str, one_line: bool = False) -> str:
    """The document as text, each table on one line (``one_line``: tables that follow each other
    on a single line), its cells run together as ``style`` says."""
    lines, after_table = [], False
    for block in _document(source).blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text.replace("\n", ""))
            after_table = False
            continue
        cells = [c for c in (clean_text(c) for row in block.rows for c in row if c is not None) if c]
        line = cells[0] if cells else ""
        every = int(style.rsplit("_", 1)[1]) if style.startswith("numbers_touch") else 0
        for i in range(1, len(cells)):
            before, now = looks_numeric(cells[i - 1]), looks_numeric(cells[i])
            touch = (style != "spaces" and before != now) or (every and before and now and i % every == 0)
            line += ("" if touch else " ") + cells[i]
        if one_line and after_table:
            lines[-1] += " " + line
        else:
            lines.append(line)
        after_table = True
    return "\n".join(lines)


def named(ref: str, findings, template: str, want: dict) -> bool:
    """A finding names the cell: a touching_numbers finding listing it, or, on a row where the
    source printed a blank cell (which plain text cannot show), a short_row finding on its label."""
    label = core(cell_spec(ref, template).row_label_zh)
    row = ref.rsplit(".", 1)[0] + "."
    printed_blank = any(v is None for r, v in want.items() if r.startswith(row))
    for f in findings:
        if f.code == "touching_numbers" and ref in f.refs:
            return True
        if f.code == "short_row" and printed_blank and label in {core(x) for x in f.found["labels"]}:
            return True
    return False


@pytest.mark.parametrize("style", STYLES + ("numbers_touch_3 one_line",))
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_cell_exact_or_empty_with_a_finding(source, style, tmp_path):
    style, one_line = style.split()[0], style.endswith("one_line")
    path = tmp_path / f"{source.stem}-{style}.txt"
    path.write_text(run_together(source, style, one_line), "utf-8")
    report, want = gikkit.read(path), expected(source)
    assert (report.template, report.year) == (want["template"], want["year"])
    wrong = {ref: (report.cells.get(ref), v) for ref, v in want["cells"].items()
             if report.cells.get(ref) is not None and report.cells.get(ref) != v}
    assert not wrong, "a wrong number"
    empty = [ref for ref, v in want["cells"].items() if v is not None and report.cells.get(ref) is None]
    lost = [ref for ref in empty if not named(ref, report.findings, report.template, want["cells"])]
    assert not lost, "an empty cell no finding names"
    if style in ("spaces", "label_touches"):  # no numbers touch: only rows with a printed blank stay empty
        assert not [f for f in report.findings if f.code == "touching_numbers"]
    else:  # the identities and the text settle most touching numbers
        share = MAX_EMPTY_SHARE.get(style, SOME_TOUCH_EMPTY_SHARE)
        assert len(empty) <= share * sum(v is not None for v in want["cells"].values()), empty


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_labels_touching_their_numbers_read_as_with_spaces(source, tmp_path):
    """Losing the spaces between labels and numbers loses nothing: the words are cut apart again."""
    spaced, touching = tmp_path / "spaced.txt", tmp_path / "touching.txt"
    spaced.write_text(run_together(source, "spaces"), "utf-8")
    touching.write_text(run_together(source, "label_touches"), "utf-8")
    assert gikkit.read(touching).cells == gikkit.read(spaced).cells


def test_words_cut_at_labels_and_outline_numbers():
    assert split_words("规章0 0 0行政规范性文件7 2 41") == ["规章", "0", "0", "0", "行政规范性文件", "7", "2", "41"]
    # the "2." of a sub-row opens its label; "998.4万元" is one amount
    assert split_words("（三）不予公开1.属于国家秘密2 0 02.其他法律行政法规禁止公开") == \
        ["（三）不予公开", "1.属于国家秘密", "2", "0", "0", "2.其他法律行政法规禁止公开"]
    assert split_words("政府集中采购16 998.435698万元") == ["政府集中采购", "16", "998.435698万元"]
    # text that is no label stays whole: a year in a header, words in a cell
    assert split_words("2020年新制作数量 22（其中修订16件）") == ["2020年新制作数量", "22（其中修订16件）"]


def _seed_with(old: str, new: str, tmp_path: Path, prose: str = "") -> gikkit.Report:
    text = run_together(SEED, "label_touches")
    assert text.count(old) == 1
    path = tmp_path / "seed.txt"
    path.write_text(text.replace(old, new) + prose, "utf-8")
    return gikkit.read(path)


def test_a_split_the_row_total_confirms_is_made(tmp_path):
    """表四's row of fifteen with two zeros touching ("00"): only 0|0 fills the row, and the
    review/litigation totals confirm it."""
    want = expected(SEED)["cells"]
    text = run_together(SEED, "label_touches")
    t4 = next(line for line in text.splitlines() if line.startswith("行政复议"))
    path = tmp_path / "seed.txt"
    path.write_text(text.replace(t4, t4[: t4.rindex(" 0 0")] + " 00" + t4[t4.rindex(" 0 0") + 4:]), "utf-8")
    report = gikkit.read(path)
    assert {r: report.cells[r] for r in want if r.startswith("t4.")} == {r: v for r, v in want.items() if r.startswith("t4.")}
    assert not [f for f in report.findings if f.code == "touching_numbers"]


def test_touching_numbers_split_by_the_row_total(tmp_path):
    """A 表三 row "1 2 0 0 0 0 3" printed "12 0 0 0 0 3": only 1 + 2 makes the total 3."""
    report = _seed_with("(二)部分公开(区分处理的,只计这一情形,不计其他情形)0 0 0 0 0 0 0",
                        "(二)部分公开(区分处理的,只计这一情形,不计其他情形)12 0 0 0 0 3", tmp_path)
    row = [report.cells[f"t3.partially_granted.{c}"] for c in
           ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
            "legal_service_org", "other_org", "total")]
    assert row == [1, 2, 0, 0, 0, 0, 3]


def test_a_count_touching_an_amount_is_split_only_when_the_text_says_how(tmp_path):
    old = "政府集中采购16 998.435698万元"
    alone = _seed_with(old, "政府集中采购16998.435698万元", tmp_path)
    refs = ["t2.art20_9.government_centralized_procurement.procurement_project_count", "t2.art20_9.government_centralized_procurement.procurement_total_amount"]
    assert [alone.cells.get(r) for r in refs] == [None, None]
    f = next(f for f in alone.findings if f.code == "touching_numbers")
    assert set(refs) <= set(f.refs) and "16998.435698" in f.found and "16998.435698" in f.message_zh
    told = _seed_with(old, "政府集中采购16998.435698万元", tmp_path,
                      "\n本年度政府集中采购项目16个，采购总金额998.435698万元。")
    assert [told.cells.get(r) for r in refs] == [16, 998.435698]


def test_a_split_the_identities_refute_is_no_touching(tmp_path):
    """"12 0 0 0 0 12" for seven cells: neither 1|2 nor the total 1|2 adds up, so a cell is blank,
    not two numbers touching. The row goes to short_row with its numbers, no cell guessed."""
    report = _seed_with("(二)部分公开(区分处理的,只计这一情形,不计其他情形)0 0 0 0 0 0 0",
                        "(二)部分公开(区分处理的,只计这一情形,不计其他情形)12 0 0 0 0 12", tmp_path)
    assert all(report.cells[r] is None for r in report.cells if r.startswith("t3.partially_granted."))
    assert not [f for f in report.findings if f.code == "touching_numbers"]
    short = next(f for f in report.findings if f.code == "short_row")
    assert short.found["values"] == ["12", "0", "0", "0", "0", "12"]


def test_prose_quoting_small_numbers_decides_nothing(tmp_path):
    """淮安's 规章 row 1 0 11 printed "10 11": 10|1|1 or 1|0|11. The prose names 规章 beside "1" and
    "11", but ones and zeros are written everywhere: the row's cells stay empty, with a finding."""
    source = FIXTURES / "real/huaian-city-2024.pdf"
    text = run_together(source, "spaces")
    assert text.count("规章 1 0 11 ") == 1
    path = tmp_path / "huaian.txt"
    path.write_text(text.replace("规章 1 0 11 ", "规章 10 11 "), "utf-8")
    report = gikkit.read(path)
    refs = [r for r in expected(source)["cells"] if r.startswith("t2.art20_1.regulations.")]
    assert [report.cells[r] for r in refs] == [None, None, None]
    f = next(f for f in report.findings if f.code == "touching_numbers")
    assert f.refs == refs and f.found == "10 11"
