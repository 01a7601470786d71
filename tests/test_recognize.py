"""The recognizer, shared by all formats: template version from labels, tables that continue, unfilled tables."""
from __future__ import annotations

import json

import gikkit
from gikkit.document import Document, Table
from gikkit.readers import read_document
from gikkit.recognize import recognize
from fixture_paths import FIXTURES

FIXTURES = FIXTURES
HUAIAN = FIXTURES / "rendered" / "huaian-city-2024.html"
PINGTAN = FIXTURES / "rendered" / "pingtan-2019.html"
EXPECTED = json.loads((FIXTURES / "rendered" / "huaian-city-2024.expected.json").read_text("utf-8"))["cells"]


def test_template_comes_from_the_labels_not_the_year(tmp_path):
    late = tmp_path / "pingtan-dated-2021.html"
    late.write_text(PINGTAN.read_text("utf-8").replace("2019年政府信息公开", "2021年政府信息公开"), "utf-8")
    report = gikkit.read(late)
    assert (report.year, report.template) == (2021, "v2019")
    early = tmp_path / "huaian-dated-2020.html"
    early.write_text(HUAIAN.read_text("utf-8").replace("2024年政府信息公开", "2020年政府信息公开"), "utf-8")
    report = gikkit.read(early)
    assert (report.year, report.template) == (2020, "v2021")
    assert report.cells == EXPECTED


def test_a_table_continued_in_a_second_table():
    """A page break (or an editor) can cut 表三 in two; its rows simply continue."""
    doc = read_document(HUAIAN)
    blocks = []
    for b in doc.blocks:
        if isinstance(b, Table) and len(b.rows) > 20:
            blocks += [Table(b.rows[:12], page=1), Table(b.rows[12:], page=2)]
        else:
            blocks.append(b)
    split = Document(source="split", format="html", blocks=blocks)
    found = recognize(split, 2024)
    assert found.cells == EXPECTED
    assert found.tables_found == ["t2", "t3", "t4"]


def test_no_tables_found_in_prose_only():
    doc = Document(source="prose", format="text", blocks=[])
    found = recognize(doc, 2024)
    assert found.tables_found == []
    assert {f.code for f in found.findings} == {"missing_table"}


def test_unfilled_official_template_is_all_blank():
    found = recognize(read_document(FIXTURES / "template" / "official-2021-blank.docx"))
    assert found.template.key == "v2021"
    assert found.tables_found == ["t2", "t3", "t4"]
    assert {i["status"] for i in found.cell_info.values()} == {"blank"}
    assert found.findings == []
