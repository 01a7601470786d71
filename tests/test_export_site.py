"""`gikkit export` end to end with the real notebooks: a small site opened in headless Chromium, offline.

One export (a module fixture) of a few bundled reports, a copy of the seed whose text holds HTML and
a script, and an unreadable file; every page is then opened with all non-file:// requests aborted.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import gikkit
from export_browser import SiteBrowser

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
REPORTS = ["000_c2619695b87ce2e6.txt", "jianglin-city-2024.html", "jianglin-education-2022.docx"]
PAYLOAD = "<script>alert(1)</script><b>x</b>"
INJECTED = "injected-markup.txt"
BROKEN = "broken.pdf"
PAGES = ["index.html", "compare.html", "audit.html",
         *(f"reports/{Path(name).stem}.html" for name in [*REPORTS, INJECTED])]


def seed_with_markup(seed_text: str) -> str:
    """The seed, with HTML and a script as a paragraph of its first section."""
    lines = seed_text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("（一）"))
    return "\n".join(lines[: at + 1] + [PAYLOAD] + lines[at + 1:]) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("reports")
    for name in REPORTS:
        (inputs / name).write_bytes((DATA / name).read_bytes())
    (inputs / INJECTED).write_text(seed_with_markup((DATA / REPORTS[0]).read_text("utf-8")), "utf-8")
    (inputs / BROKEN).write_bytes(bytes(range(256)) * 16)
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run([sys.executable, "-m", "gikkit.cli", "export", str(inputs), "--out", str(out)],
                         capture_output=True, text=True, timeout=600)
    return inputs, out, run


@pytest.fixture(scope="module")
def browser():
    with SiteBrowser() as b:
        yield b


def test_a_failing_report_is_listed_and_the_rest_is_written(site):
    inputs, out, run = site
    assert run.returncode == 1, run.stderr
    assert f"{BROKEN}:" in run.stderr.split("could not be exported:")[-1]
    for page in PAGES:
        assert (out / page).is_file(), page
    assert (out / "assets" / "plotly.min.js").stat().st_size > 1_000_000
    assert not list(out.rglob("*.tmp")), "a temporary file was left behind"
    soup = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    failed = soup.select("table.failures tr.failed")
    assert len(failed) == 1 and BROKEN in failed[0].get_text() and len(failed[0].find_all("td")[1].get_text()) > 5


def test_index_lists_every_report_with_its_facts(site):
    inputs, out, _ = site
    soup = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    rows = {tr.find_all("td")[5].get_text(): tr for tr in soup.select("table.reports tbody tr")}
    assert sorted(rows) == sorted([*REPORTS, INJECTED])  # names relative to the folder exported
    dataset = gikkit.read_many([inputs], progress=False, run_checks=False)
    gikkit.checks.check(dataset)  # across years too, as the export does
    reports = {Path(r.source).name: r for r in dataset.reports}
    for name, tr in rows.items():
        report = reports[name]
        cells = [td.get_text() for td in tr.find_all("td")]
        assert cells[:3] == [report.agency, str(report.year), report.template]
        assert cells[3].endswith("%") and int(tr.find_all("td")[4]["data-count"]) == len(report.findings)
        assert tr.find("a")["href"] == f"reports/{Path(name).stem}.html"


def test_index_links_resolve_to_pages(site):
    _, out, _ = site
    soup = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    links = [a["href"] for a in soup.find_all("a")]
    assert {"compare.html", "audit.html"} <= set(links)
    for href in links:
        if href.startswith("#"):  # a place on the index itself
            assert soup.find(id=href[1:]), href
        else:
            assert (out / href).is_file(), href


@pytest.mark.parametrize("page", PAGES)
def test_every_page_draws_offline(site, browser, page):
    _, out, _ = site
    visit = browser.visit(out / page)
    assert visit.left_site == [], "a request left the file:// site"
    assert visit.errors == []
    assert visit.drawn == visit.charts, f"{visit.charts - visit.drawn} chart(s) not drawn"
    if page != "index.html":
        assert visit.charts >= 2
        assert "目录" in visit.text


def test_the_explorer_still_chooses_without_a_kernel(site, browser):
    """Where a live notebook shows the widget explorer, the page has dropdowns (HTML selects run by the
    figure's own buttons), and choosing in one changes the chart."""
    _, out, _ = site
    assert "application/vnd.jupyter.widget" not in (out / "compare.html").read_text("utf-8")
    menus, before, after = browser.use_first_dropdown(out / "compare.html")
    assert menus >= 3 and before and after and after != before


def test_report_text_with_markup_is_shown_as_text(site, browser):
    _, out, _ = site
    page = out / "reports" / f"{Path(INJECTED).stem}.html"
    assert "<script>alert(1)" not in page.read_text("utf-8")
    visit = browser.visit(page)
    assert PAYLOAD in visit.text
    assert visit.dialogs == [] and visit.bold_x == 0 and visit.errors == []


@pytest.mark.parametrize("page", [p for p in PAGES if p != "index.html"])
def test_code_and_parameters_leave_no_trace(site, page):
    _, out, _ = site
    html = (out / page).read_text("utf-8")
    for trace in ("report_path =", "data_dir =", "injected-parameters", "import gikkit", "gikkit-export-setup",
                  "get_ipython"):
        assert trace not in html, trace
    soup = BeautifulSoup(html, "html.parser")
    assert [s.get("src") for s in soup.find_all("script", src=True)] == [
        ("../" if page.startswith("reports/") else "") + "assets/plotly.min.js"]
    assert not soup.find_all("link") and "http://" not in html and "https://" not in html
