"""The DOCX reader, on the rendered fixture and on the official Word template filled in with python-docx."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest

import gikkit
from gikkit import schema
from gikkit.document import Table
from gikkit.errors import UnknownFormatError, UnreadableFileError
from gikkit.readers import read_document
from fixture_paths import FIXTURES


TEMPLATE = FIXTURES / "template" / "official-2021-blank.docx"
RENDERED = FIXTURES / "rendered" / "huaian-city-2024.docx"
EXPECTED = json.loads((FIXTURES / "rendered" / "huaian-city-2024.expected.json").read_text("utf-8"))


def _text(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _distinct(row):
    seen, out = set(), []
    for cell in row.cells:  # python-docx repeats a merged cell at every grid position it covers
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def fill_template(cells: dict, path: Path, *, title: str | None = None, heading: str | None = None) -> Path:
    """The official blank template with ``cells`` written in, as a user fills it in Word."""
    tmpl = schema.template("v2021")
    document = docx.Document(str(TEMPLATE))
    if heading:
        document.paragraphs[1].text = heading
    if title:
        document.core_properties.title = title
    t2, t3, t4 = document.tables
    block = None
    labels = {b["label_zh"]: key for key, b in tmpl.t2_blocks.items()}
    for row in t2.rows:
        cells_ = _distinct(row)
        first = cells_[0].text.strip()
        if first in labels:
            block = labels[first]
            continue
        spec_rows = {r["label_zh"]: r["key"] for r in tmpl.t2_blocks[block]["rows"]} if block else {}
        if first in spec_rows:
            for cell, col in zip(cells_[1:], tmpl.t2_blocks[block]["columns"]):
                cell.text = _text(cells[f"t2.{block}.{spec_rows[first]}.{col['key']}"])
    data_rows = [r["key"] for r in tmpl.t3_rows() if r["is_data"]]
    for key, row in zip(data_rows, t3.rows[3:]):
        for cell, col in zip(_distinct(row)[-7:], tmpl.t3_columns()):
            cell.text = _text(cells[f"t3.{key}.{col['key']}"])
    for cell, ref in zip(t4.rows[3].cells, tmpl.t4_order()):
        cell.text = _text(cells[ref])
    document.save(str(path))
    return path


def test_merged_cells_are_none_and_headers_keep_their_lines():
    doc = read_document(RENDERED)
    t3 = doc.tables[1]
    assert t3.rows[0][:4] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", None, None, "申请人情况"]
    assert t3.rows[1] == [None, None, None, "自然人", "法人或其他组织", None, None, None, None, "总计"]  # vMerge continued
    assert t3.rows[2][4:6] == ["商业\n企业", "科研\n机构"]  # a header wrapping in its cell
    assert t3.rows[7][:3] == [None, "（三）不予公开", "1.属于国家秘密"]
    assert t3.rows[8][:3] == [None, None, "2.其他法律行政法规禁止公开"]
    assert doc.tables[0].rows[6] == ["行政许可", "447228", None, None]  # gridSpan=3


def test_body_order():
    doc = read_document(RENDERED)
    order = [("T" if isinstance(b, Table) else b.text) for b in doc.blocks]
    assert order[0] == "淮安市人民政府2024年政府信息公开工作年度报告"
    for heading in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"):
        assert order[order.index(heading) + 1] == "T"
    assert order.index("五、存在的主要问题及改进情况") > max(i for i, b in enumerate(order) if b == "T")


def test_blank_template_cells_with_full_width_spaces_are_blank():
    doc = read_document(TEMPLATE)
    t2 = doc.tables[0]
    assert t2.rows[2] == ["规章", "", "", ""]  # the template holds "\u3000\u3000" there
    report = gikkit.read(TEMPLATE)
    assert report.template == "v2021"
    assert all(v is None for v in report.cells.values())
    assert {report.status(r) for r in report.cells} == {"blank"}


def test_filled_official_template_reads_back(tmp_path):
    path = fill_template(EXPECTED["cells"], tmp_path / "filled.docx", title="淮安市人民政府2024年政府信息公开工作年度报告")
    doc = read_document(path)
    assert doc.title == "淮安市人民政府2024年政府信息公开工作年度报告"  # from the core properties
    report = gikkit.read(path)
    assert report.cells == EXPECTED["cells"]
    assert (report.agency, report.year, report.template) == ("淮安市人民政府", 2024, "v2021")
    assert not [f for f in report.findings if f.severity == "error"]


def test_filled_template_with_a_blank_cell(tmp_path):
    cells = dict(EXPECTED["cells"], **{"t3.granted.research_institution": None})
    report = gikkit.read(fill_template(cells, tmp_path / "blank.docx", heading="淮安市人民政府2024年政府信息公开工作年度报告"))
    assert report.cells["t3.granted.research_institution"] is None
    assert report.status("t3.granted.research_institution") == "blank"
    assert report.agency == "淮安市人民政府"


def test_a_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"\x13\x37" + bytes(range(256)) * 4)
    with pytest.raises(UnknownFormatError) as err:
        gikkit.read(path)
    assert str(path) in str(err.value) and ".docx" in err.value.problem


def test_a_docx_holding_plain_text(tmp_path):
    path = tmp_path / "report.docx"
    path.write_text("这不是Word文件。\n", "utf-8")
    with pytest.raises(UnknownFormatError) as err:
        gikkit.read(path)
    assert "plain text" in err.value.problem


def test_a_zip_that_is_not_a_docx(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(UnknownFormatError) as err:
        gikkit.read(path)
    assert "word/document.xml" in err.value.problem


def test_a_truncated_docx(tmp_path):
    path = tmp_path / "cut.docx"
    path.write_bytes(RENDERED.read_bytes()[:5000])
    with pytest.raises(UnreadableFileError) as err:
        gikkit.read(path)
    assert str(path) in str(err.value)


def test_strict_open_xml_namespace(tmp_path):
    """Word's "Strict Open XML" format names the WordprocessingML namespace differently."""
    path = tmp_path / "strict.docx"
    with zipfile.ZipFile(RENDERED) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                    b"http://purl.oclc.org/ooxml/wordprocessingml/main")
            dst.writestr(item, data)
    assert gikkit.read(path).cells == EXPECTED["cells"]
