"""The lesson (teach.ipynb) as a page of the site and as a notebook: no answer shows unless asked for.

One export (through the command line) of the reports the lesson is written about, then the same export
again with --teacher, which makes only the lesson page again, now with the worked solutions.
The answers are gikkit.teach's, worked out from the same reports.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient

import gikkit
from gikkit.teach import EXERCISES, Lesson

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
LESSON_REPORTS = ["000_c2619695b87ce2e6.txt", "jianglin-city-2022.html", "donghu-subdistrict-2020.txt",
                  "jianglin-education-2022.docx", "jianglin-environment-2022.pdf", "jianglin-environment-2023.pdf"]


def export(inputs: Path, out: Path, *extra: str) -> str:
    run = subprocess.run([sys.executable, "-m", "gikkit.cli", "export", str(inputs), "--out", str(out), *extra],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return run.stderr


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("lesson")
    for name in LESSON_REPORTS:
        shutil.copyfile(DATA / name, inputs / name)
    out = tmp_path_factory.mktemp("site")
    export(inputs, out, "--lang", "en")
    student = (out / "teach.html").read_text("utf-8")
    (out / "teach-student.html").write_text(student, "utf-8")  # beside it, so that its links still work
    index = (out / "index.html").read_text("utf-8")
    said = export(inputs, out, "--lang", "en", "--teacher")
    teacher = (out / "teach.html").read_text("utf-8")
    lesson = Lesson(gikkit.read_many([inputs], progress=False), lang="en")
    return {"student": student, "teacher": teacher, "index": index, "said": said, "lesson": lesson, "out": out}


def answers(lesson: Lesson) -> dict:
    """Each exercise's first accepted answer and the reason gikkit gives for it."""
    return {name: lesson._answer(name) for name in EXERCISES}


def text_of(page: str) -> str:
    return BeautifulSoup(page, "html.parser").get_text(" ")


def test_the_lesson_page_is_exported_and_linked_from_the_index(pages):
    index = BeautifulSoup(pages["index"], "html.parser")
    assert index.find("a", href="teach.html"), "the index links the lesson"
    page = BeautifulSoup(pages["student"], "html.parser")
    assert page.html["lang"] == "en"
    assert len(page.select(".gikkit-check")) == len(EXERCISES)
    assert all(c["data-right"] == "unanswered" for c in page.select(".gikkit-check"))
    assert "make lab" in page.select(".gikkit-check")[0].get_text(), "the page says where to answer, in English"
    assert [f["data-exercise"] for f in page.select("form.gikkit-quiz")] == list(EXERCISES)


def test_the_page_checks_typed_answers_in_the_browser_and_says_why(pages):
    """Offline Chromium at phone width: a wrong answer gets the hint, a right one its reason; axe finds nothing serious."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from browser import launch

    typed = {"broken_report": ("jianglin-city-2022.html", " Jianglin-Education-2022.DOCX "),
             "blank_column": ("natural_person", "Social public-welfare organizations"),
             "carried_forward": ("-1", str(pages["lesson"]._answer("carried_forward")[0][0])),
             "carryover_break": ("江临市教育局, 2021", '("江临市生态环境局"， 2023)')}
    with sync_playwright() as pw:
        browser = launch(pw)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((pages["out"] / "teach-student.html").as_uri(), wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
        for name, (wrong, right) in typed.items():
            form = page.locator(f"form[data-exercise={name}]")
            box = page.locator(f".gikkit-check:has(form[data-exercise={name}])")
            form.locator("input").fill(wrong)
            form.locator("button").click()
            page.wait_for_function(f"document.querySelector('form[data-exercise={name}] output').textContent !== ''")
            assert box.get_attribute("data-right") == "false", name
            assert "Not quite" in form.locator("output").inner_text() and "Hint:" in form.locator("output").inner_text()
            form.locator("input").fill(right)
            form.locator("input").press("Enter")  # the keyboard works as well as the button
            page.wait_for_function(f"document.querySelector('.gikkit-check:has(form[data-exercise={name}])')"
                                   ".getAttribute('data-right') === 'true'")
            said = form.locator("output").inner_text()
            assert "Right!" in said and pages["lesson"]._answer(name)[1] in said, name
        browser.close()
    assert errors == []


def test_the_lesson_page_shows_no_answer_without_teacher(pages):
    page = pages["student"]
    shown = BeautifulSoup(page, "html.parser")
    assert not shown.select(".gikkit-solutions") and not shown.select('[data-right="true"]')
    for name, (accepted, reason) in answers(pages["lesson"]).items():
        assert reason and html.escape(reason) not in page and reason not in text_of(page), name
        assert f"<code>{html.escape(repr(accepted[0]))}</code>" not in page, name


def test_teacher_adds_the_worked_solutions_and_remakes_only_the_lesson(pages):
    assert "wrote 1 page(s), 8 unchanged" in pages["said"]
    solutions = BeautifulSoup(pages["teacher"], "html.parser").select_one("section.gikkit-solutions")
    assert solutions is not None and solutions.find(id="solutions")
    shown = solutions.get_text(" ")
    for name, (accepted, reason) in answers(pages["lesson"]).items():
        assert repr(accepted[0]) in shown and reason in shown, name
    assert answers(pages["lesson"])["broken_report"][0][0] == "jianglin-education-2022.docx"
    assert answers(pages["lesson"])["carryover_break"][0] == [("江临市生态环境局", 2023)]


def test_the_notebook_holds_no_answer():
    nb = nbformat.read(ROOT / "notebooks" / "teach.ipynb", as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    lesson = Lesson(gikkit.read_many([DATA], progress=False))
    for name, (accepted, _) in answers(lesson).items():
        assert all(str(a) not in source for a in accepted if len(str(a)) > 2), name
    assert not re.search(r"accepted|expected|severity.*error", source), "no answer logic in the notebook"


def test_the_notebook_in_a_real_kernel_tells_a_right_answer_why_in_its_language():
    lesson = Lesson(gikkit.read_many([DATA], progress=False), lang="en")
    nb = nbformat.read(ROOT / "notebooks" / "teach.ipynb", as_version=4)
    right = {"broken_report": "jianglin-education-2022", "blank_column": "natural_person",  # the second is wrong
             "carried_forward": lesson._answer("carried_forward")[0][0], "carryover_break": ["江临市生态环境局", 2023]}
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            cell.source += '\nlang = "en"'
        for var, value in right.items():
            cell.source = re.sub(rf"^{var} = None\b", f"{var} = {value!r}", cell.source, flags=re.M)
    NotebookClient(nb, timeout=120, startup_timeout=60, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    shown = [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    checks = [h for h in shown if 'class="gikkit-check"' in h]
    assert [re.search(r'data-right="(\w+)"', h).group(1) for h in checks] == ["true", "false", "true", "true"]
    for h, name in zip(checks, EXERCISES):
        if name != "blank_column":
            assert "Why:" in h and html.escape(lesson._answer(name)[1]) in h, name
    assert "Hint:" in checks[1] and "提示" not in checks[1], "feedback in the notebook's language"
    assert not any("gikkit-solutions" in h for h in shown), "no solutions unless teacher = True"
