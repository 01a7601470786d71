"""Every notebook runs top to bottom in a real kernel on the bundled data, and shows what it should.

Each cell has a timeout (a hang fails the test, it never blocks the suite). Parameters are injected the
way papermill does it (a cell after the one tagged ``parameters``); the teaching notebook's answers are
typed into its exercise cells, as a student would.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from papermill.parameterize import parameterize_notebook

import gikkit
from gikkit.wording import plain

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
CELL_TIMEOUT = 120  # seconds per cell; nbclient raises CellTimeoutError past it
PLOTLY = "application/vnd.plotly.v1+json"
WIDGET = "application/vnd.jupyter.widget-view+json"


def run(name: str, parameters: dict | None = None, answers: dict | None = None) -> nbformat.NotebookNode:
    """Execute ``notebooks/<name>.ipynb`` (cwd: notebooks/) and return it with its outputs."""
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    if parameters:
        nb.metadata.setdefault("papermill", {})  # papermill's executor adds it before parameterizing
        nb = parameterize_notebook(nb, parameters)
    for cell in nb.cells:
        if "exercise" in cell.metadata.get("tags", []) and answers:
            for var, value in answers.items():
                cell.source = re.sub(rf"^{var} = None\b", f"{var} = {value!r}", cell.source, flags=re.M)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, startup_timeout=60, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return nb


def outputs(nb, mime: str | None = None) -> list:
    found = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    return [o for o in found if mime is None or mime in o.get("data", {})]


def html_of(nb) -> str:
    return "\n".join(o["data"]["text/html"] for o in outputs(nb, "text/html"))


def numbers_in(figure_json) -> set[float]:
    """Every number drawn in a plotly figure's traces (values, x, y, z, text that is a number...)."""
    found: set[float] = set()

    def walk(v):
        if isinstance(v, bool):
            return
        if isinstance(v, (int, float)):
            found.add(float(v))
        elif isinstance(v, str):
            try:
                found.add(float(v.replace(",", "")))
            except ValueError:
                pass
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(figure_json.get("data", []))
    return found


def no_errors(nb) -> None:
    assert not [o for o in outputs(nb) if o.output_type == "error"]


def test_notebooks_have_a_parameters_cell_first_and_no_outputs():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", []), path.name
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), f"{path.name} has outputs"
        assert not any("renderers" in c.source for c in code), f"{path.name} sets a plotly renderer"


@pytest.mark.parametrize("report_file", [
    "000_c2619695b87ce2e6.txt", "jianglin-city-2022.html", "jianglin-education-2023.docx", "jianglin-environment-2021.pdf",
])
def test_report_notebook_shows_the_report(report_file):
    report = gikkit.read(DATA / report_file)
    nb = run("report", {"report_path": f"data/{report_file}"})
    no_errors(nb)
    figures = [o["data"][PLOTLY] for o in outputs(nb, PLOTLY)]
    assert len(figures) >= 3
    drawn = set().union(*(numbers_in(f) for f in figures))
    for ref in ("t3.new_received.total", "t3.granted.total", "t2.art20_5.administrative_licensing.decisions_count"):
        assert float(report.cells[ref]) in drawn, ref
    page = html_of(nb)
    assert report.agency in page and str(report.cells["t3.new_received.total"]) in page
    assert all(f.refs[0] in page for f in report.findings if f.refs), "every finding is listed"


def test_report_notebook_shows_report_text_as_text(tmp_path):
    seed = (DATA / "000_c2619695b87ce2e6.txt").read_text("utf-8")
    evil = seed.replace("（一）体制机制建设", "（一）体制机制建设<script>alert('x')</script><b>bold</b>", 1)
    path = tmp_path / "evil.txt"
    path.write_text(evil, "utf-8")
    nb = run("report", {"report_path": str(path)})
    page = html_of(nb)
    assert "&lt;script&gt;alert(" in page and "&lt;b&gt;bold" in page
    assert "<script>alert(" not in page and "<b>bold" not in page


def test_compare_notebook_live_has_the_explorer_and_charts():
    nb = run("compare")
    no_errors(nb)
    assert outputs(nb, WIDGET), "the explorer widget is shown"
    assert len(outputs(nb, PLOTLY)) >= 4  # trend, ranking, heatmap, findings
    page = html_of(nb)
    for path in DATA.iterdir():
        if path.suffix in (".txt", ".html", ".docx", ".pdf"):  # the reports (data/ may hold other tables beside them)
            assert path.name in page, f"{path.name} is listed"


def test_compare_notebook_in_an_export_shows_plotly_instead_of_widgets(monkeypatch):
    monkeypatch.setenv("GIKKIT_EXPORT", "1")  # the kernel inherits it, as it does from the exporter
    nb = run("compare", {"year": 2020, "measure": "t3.granted.total"})
    no_errors(nb)
    assert not outputs(nb, WIDGET)
    figures = [o["data"][PLOTLY] for o in outputs(nb, PLOTLY)]
    assert len(figures) >= 5
    assert any(f.get("layout", {}).get("updatemenus") for f in figures), "the static explorer has its own dropdowns"
    peers = [f for f in figures if "公开率" in str(f.get("layout", {}).get("title", ""))]
    assert peers, "the agency against its peers' quartiles (the yearly review's peer chart)"


def test_audit_notebook_live_has_a_filter_widget_and_both_findings_charts():
    nb = run("audit")
    no_errors(nb)
    assert outputs(nb, WIDGET)
    assert len(outputs(nb, PLOTLY)) >= 2


def test_audit_notebook_in_an_export_lists_every_finding(monkeypatch):
    monkeypatch.setenv("GIKKIT_EXPORT", "1")
    findings = gikkit.checks.check(gikkit.read_many([DATA], jobs=1))
    assert "t3_carryover_continuity" in set(findings["code"]), "the across-years flaw in data/ is among the findings"
    nb = run("audit", {"lang": "en"})
    no_errors(nb)
    assert not outputs(nb, WIDGET)
    page = html_of(nb)
    for message, template in zip(findings["message_en"], findings["template"]):
        assert html.escape(plain(message, template, "en")) in page  # in words: cells by their printed labels
    assert "message_en" not in page and "What was found" in page
    assert len(findings) > 10 and (findings["severity"] == "error").any()


TEACH_RIGHT = {"broken_report": "jianglin-education-2022.docx", "blank_column": "社会公益组织",
               "carried_forward": None, "carryover_break": ("江临市生态环境局", 2023)}
TEACH_WRONG = {"broken_report": "jianglin-city-2022.html", "blank_column": "natural_person",
               "carried_forward": -1, "carryover_break": ("江临市教育局", 2021)}


def verdicts(nb) -> list[str]:
    return re.findall(r'class="gikkit-check" data-right="(\w+)"', html_of(nb))


def test_teach_notebook_unanswered_says_so():
    nb = run("teach")
    no_errors(nb)
    assert verdicts(nb) == ["unanswered"] * 4
    assert len(outputs(nb, PLOTLY)) >= 2


def test_teach_notebook_checks_right_answers():
    city = gikkit.read(DATA / "jianglin-city-2022.html").cells
    right = TEACH_RIGHT | {"carried_forward": int(city["t3.carried_forward_to_next.total"])}
    nb = run("teach", answers=right)
    assert verdicts(nb) == ["true"] * 4


def test_teach_notebook_checks_wrong_answers():
    nb = run("teach", answers=TEACH_WRONG)
    assert verdicts(nb) == ["false"] * 4


def test_teach_exercises_have_one_answer_variable_each():
    nb = nbformat.read(NOTEBOOKS / "teach.ipynb", as_version=4)
    exercises = [c.source for c in nb.cells if "exercise" in c.metadata.get("tags", [])]
    assert [re.match(r"(\w+) = None", s).group(1) for s in exercises] == list(TEACH_RIGHT)
    json.dumps(TEACH_RIGHT, ensure_ascii=False)  # answers are plain values a student can type
