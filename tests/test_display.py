"""gikkit.display: report text and tables shown escaped, the findings browser, exercise checking."""
from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd
import pytest

import gikkit
from gikkit import display
from gikkit.schema import cell_spec

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def seed_report():
    return gikkit.read(DATA / "000_c2619695b87ce2e6.txt")


@pytest.fixture(scope="module")
def findings():
    return gikkit.read_many([DATA], jobs=1).findings_frame()


def test_text_block_escapes_and_keeps_the_text():
    html = display.text_block(f"第一行\n{SCRIPT}", title="<b>标题</b>").data
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html and "第一行\n" in html
    assert "<script>" not in html and "&lt;b&gt;标题&lt;/b&gt;" in html
    assert "—" in display.text_block(None).data


def test_html_table_escapes_and_leaves_blanks_blank():
    frame = pd.DataFrame({"a<": [SCRIPT, None], "n": pd.array([3.0, None], dtype="Float64")})
    html = display.html_table(frame)
    assert "<script>" not in html and "&lt;script&gt;" in html and "a&lt;" in html
    assert "<td" in html and ">3<" in html and ">nan<" not in html.lower() and "&lt;NA&gt;" not in html


def test_key_figures_use_spec_labels_and_show_blanks_as_blank(seed_report):
    report = copy.deepcopy(seed_report)
    report.cells["t3.new_received.total"] = None
    pairs = dict(display.key_figures(report, lang="en"))
    spec = cell_spec("t3.new_received.total")
    assert pairs[f"{spec.row_label_en} ({spec.column_label_en})"] == "(blank)"
    assert pairs["Agency"] == "高青县田镇街道办事处" and pairs["Year"] == "2020"
    zh = dict(display.key_figures(report))
    assert zh[f"{cell_spec('t3.granted.total').row_label_zh}（总计）"] == "0"


def test_report_sections_are_escaped_and_say_when_a_section_has_only_a_table(seed_report):
    report = copy.deepcopy(seed_report)
    report.sections["s1_overview"] = SCRIPT
    html = display.report_sections(report, lang="en").data
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "no text: the table is shown above" in html  # 二 has its heading and a table, no prose


def test_filter_findings(findings):
    assert set(display.filter_findings(findings, severity="error")["code"]) == {"t3_balance", "t3_outcome_total",
                                                                                "t3_row_total"}
    blank = display.filter_findings(findings, code="blank_cell", agency="江临市江北区东湖街道办事处")
    assert len(blank) == 4
    assert len(display.filter_findings(findings, text="SOCIAL_WELFARE")) >= 2  # refs, case-blind
    assert len(display.filter_findings(findings)) == len(findings)


def test_findings_browser_live_filters_in_place(findings, monkeypatch):
    monkeypatch.delenv("GIKKIT_EXPORT", raising=False)
    box = display.findings_browser(findings, lang="en")
    (severity, code, agency), (search, count), table = box.children[0].children, box.children[1].children, box.children[2]
    assert count.value == f"{len(findings)} / {len(findings)}"
    severity.value = "error"
    assert count.value == f"3 / {len(findings)}" and "t3_balance" in table.value and "blank_cell" not in table.value
    severity.value = ""
    search.value = "placeholder"
    assert count.value == f"1 / {len(findings)}"


def test_findings_browser_in_an_export_is_the_whole_table(findings, monkeypatch):
    monkeypatch.setenv("GIKKIT_EXPORT", "1")
    html = display.findings_browser(findings, lang="en").data
    assert html.count("<tr data-severity=") == len(findings)
    for kind in ("severity", "rule", "agency"):  # the page's script filters by these in the browser
        assert f'<select data-filter="{kind}">' in html
    assert "message_en" not in html and "t3_balance" not in html.split("<details>")[0]


@pytest.mark.parametrize("answer, accepted, state", [
    (None, {"x"}, "unanswered"),
    (" Jianglin-Education-2022.docx ", {"jianglin-education-2022.docx"}, "true"),
    ("jianglin-city-2022.html", {"jianglin-education-2022.docx"}, "false"),
    (["江临市生态环境局", 2023], {("江临市生态环境局", 2023)}, "true"),
    (12.0, {12}, "true"),
    (13, {12}, "false"),
])
def test_check_answer(answer, accepted, state):
    feedback = display.check_answer(answer, accepted, lang="en", hint="look <here>")
    assert f'data-right="{state}"' in feedback._repr_html_()
    assert bool(feedback) is (state == "true")
    assert ("look &lt;here&gt;" in feedback.markup) is (state == "false")


def test_resolve_path_finds_repo_paths_from_the_notebooks_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT / "notebooks")
    assert display.resolve_path("data/000_c2619695b87ce2e6.txt") == ROOT / "data" / "000_c2619695b87ce2e6.txt"
    assert display.resolve_path(tmp_path) == tmp_path
    assert display.resolve_path("no/such/file.txt") == Path("no/such/file.txt")


def test_report_header_escapes_the_title(seed_report):
    report = copy.deepcopy(seed_report)
    report.title = f"标题{SCRIPT}"
    html = display.report_header(report, lang="en").data
    assert "<script>" not in html and "&lt;script&gt;" in html and "000_c2619695b87ce2e6.txt · word-text · v2019" in html


def test_cells_and_rules_are_named_in_words(seed_report):
    from gikkit.checks import RULES
    from gikkit.wording import RULE_WORDS, cell_words, plain

    assert cell_words("t3.outcome_total.social_welfare_org", seed_report.template) == "表三（七）总计·社会公益组织"
    assert cell_words("t3.outcome_total.social_welfare_org@2020", lang="en").endswith("(the 2020 report)")
    assert {r.code for r in RULES} <= set(RULE_WORDS)  # every rule a reader can meet is named and explained in zh
    for f in seed_report.findings:
        for text, lang in ((f.message_zh, "zh"), (f.message_en, "en")):
            worded = plain(text, seed_report.template, lang)
            assert "t3." not in worded and "__" not in worded, worded


def test_printed_tables_show_blanks_blank_and_link_flagged_cells(seed_report):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(display.printed_tables(seed_report).data + display.report_findings(seed_report).data,
                         "html.parser")
    assert [len(page.select(f"table.printed-{t}")) for t in ("t2", "t3", "t4")] == [1, 1, 1]
    blank = page.find(id="cell-t3.outcome_total.social_welfare_org")
    assert "cell-blank" in blank["class"] and blank.get_text().strip("⚑\u200b") == ""
    finding = page.find(id=blank.find("a")["href"][1:])
    assert "表三（七）总计·社会公益组织" in finding.get_text() and finding.find("a", href="#cell-t3.outcome_total.social_welfare_org")
    granted = page.find(id="cell-t3.granted.total")
    assert granted.get_text() == str(int(seed_report.cells["t3.granted.total"])) and not granted.find("a")


def test_key_figures_show_the_coverage(seed_report):
    pairs = dict(display.key_figures(seed_report, lang="en"))
    read, total = seed_report.coverage_counts
    assert pairs["Coverage (cells read / template cells)"].endswith(f"({read}/{total})")
