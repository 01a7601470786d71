"""The exported site as the public meets it, in real headless Chromium with the network blocked.

One export (a module fixture, through the command line) of a subset of data/ chosen for its flaws:
the real seed (a blank cell, no requests), 东湖街道 2019-2021 (four blanks, checks that cannot be
run, across years too), 江北区 2019 (a placeholder), 教育局 2022 (sums that do not add up) and
生态环境局 2022-2023 (a carry-over break across years), with data/README.md beside them.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import gikkit
from gikkit.checks import check
from gikkit.wording import cell_words

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SUBSET = ["000_c2619695b87ce2e6.txt", "donghu-subdistrict-2019.txt", "donghu-subdistrict-2020.txt",
          "donghu-subdistrict-2021.html", "jiangbei-district-2019.html", "jianglin-education-2022.docx",
          "jianglin-environment-2022.pdf", "jianglin-environment-2023.pdf"]
PHONE = {"width": 390, "height": 844}
REF = re.compile(r"\bt[234]\.[a-z0-9_]+\.[a-z0-9_.]+")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("reports")
    for name in [*SUBSET, "README.md"]:
        shutil.copyfile(DATA / name, inputs / name)
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run([sys.executable, "-m", "gikkit.cli", "export", str(inputs), "--out", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    dataset = gikkit.read_many([inputs], progress=False, run_checks=False)
    check(dataset)  # the findings a reader of the whole batch should see, across years included
    return inputs, out, {Path(r.source).name: r for r in dataset.reports}


def open_page(browser, path: Path, viewport=None):
    """A page of the site opened offline (every request that is not file:// aborted), charts drawn."""
    context = browser.new_context(viewport=viewport or {"width": 1200, "height": 900})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.resolve().as_uri(), wait_until="load")
    for _ in range(100):
        if page.evaluate("Array.from(document.querySelectorAll('div.chart')).every(d => d.querySelector('.main-svg'))"):
            break
        page.wait_for_timeout(100)
    return context, page, errors


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def index_rows(out: Path) -> dict[str, dict]:
    rows = {}
    for tr in soup(out / "index.html").select("table.reports tbody tr"):
        cells = tr.find_all("td")
        rows[cells[5].get_text().split(" · ")[0]] = {"page": tr.find("a")["href"], "agency": cells[0].get_text(),
                                                     "year": int(cells[1].get_text()),
                                                     "findings": int(cells[4]["data-count"]),
                                                     "coverage": cells[3].get_text()}
    return rows


def figures(path: Path) -> list[dict]:
    return [json.loads(s.string) for s in soup(path).select("script.gikkit-figure")]


def test_every_page_counts_the_same_findings_for_a_report(site):
    """Index, report page, compare's chart and audit's table agree, and agree with checking the whole batch."""
    _, out, reports = site
    rows = index_rows(out)
    assert sorted(rows) == sorted(SUBSET)
    audit = [(tr["data-agency"], int(tr.find_all("td")[1].get_text())) for tr in soup(out / "audit.html").select("table.findings tbody tr")]
    by_report = next(f for f in figures(out / "compare.html") if "按报告" in f["layout"]["title"]["text"])
    chart: dict[str, int] = {}
    for trace in by_report["data"]:
        for label, n in zip(trace["y"], trace["x"]):
            chart[label] = chart.get(label, 0) + n
    for name, row in rows.items():
        report = reports[name]
        expected = len(report.findings)
        on_page = len(soup(out / row["page"]).select("table.findings tbody tr"))
        in_audit = audit.count((report.agency, report.year))
        in_chart = chart.get(f"{report.agency} {report.year}年", 0)
        assert row["findings"] == on_page == in_audit == in_chart == expected, name
    # the carry-over break is on the page of the report it concerns (2023), found only across years
    page_2023 = soup(out / rows["jianglin-environment-2023.pdf"]["page"]).get_text()
    assert "跨年度结转" in page_2023 and rows["jianglin-environment-2023.pdf"]["findings"] >= 2


def test_findings_are_in_peoples_words(site):
    _, out, reports = site
    page = soup(out / index_rows(out)["000_c2619695b87ce2e6.txt"]["page"])
    table = page.select_one("table.findings")
    assert [th.get_text() for th in table.select("thead th")] == ["严重程度", "规则", "检查发现", "说明与单元格"]
    blank = next(tr for tr in table.select("tbody tr") if "空白单元格" in tr.get_text())
    message = blank.find_all("td")[2].get_text()
    assert message.startswith("表三（七）总计·社会公益组织") and message.endswith("未按 0 处理")
    assert "空白不是零" in blank.find("details").get_text()  # the rule explained in the page's language
    for page_name in [*(r["page"] for r in index_rows(out).values()), "audit.html"]:
        doc = soup(out / page_name)
        for details in doc.select("table.findings details"):
            details.decompose()  # keys are allowed, tucked away with the rule's explanation
        for tr in doc.select("table.findings tbody tr"):
            text = tr.get_text(" ")
            assert not REF.search(text) and "__" not in text, text
            assert not re.search(r"(found|为|:|：)\s*$", tr.find_all("td")[-2].get_text()), text


def test_a_flagged_cell_links_to_its_finding_and_back(site, chromium):
    _, out, reports = site
    report = reports["donghu-subdistrict-2020.txt"]
    path = out / index_rows(out)["donghu-subdistrict-2020.txt"]["page"]
    doc = soup(path)
    cell = doc.find(id="cell-t3.outcome_total.social_welfare_org")
    assert "flagged" in cell["class"] and cell.get_text().strip("⚑\u200b") == ""  # blank, shown blank
    target = cell.find("a")["href"].lstrip("#")
    finding = doc.find(id=target)
    assert cell_words("t3.outcome_total.social_welfare_org", report.template) in finding.get_text()
    assert finding.find("a", href="#cell-t3.outcome_total.social_welfare_org")
    for ref, value in report.cells.items():  # every figure read is printed in its place
        td = doc.find(id=f"cell-{ref}")
        if value is not None and td is not None:
            assert td.get_text().strip("⚑") == (str(int(value)) if float(value).is_integer() else str(value)), ref
    context, page, errors = open_page(chromium, path)
    page.click('[id="cell-t3.outcome_total.social_welfare_org"] a')
    assert page.evaluate("location.hash") == f"#{target}" and errors == []
    context.close()


def test_every_report_page_links_its_cells_as_csv_and_xlsx(site):
    _, out, reports = site
    for name, row in index_rows(out).items():
        page = out / row["page"]
        links = {a.get_text(): (page.parent / a["href"]).resolve() for a in soup(page).select("header .downloads a")}
        assert set(links) == {"CSV", "XLSX"}, name
        raw = links["CSV"].read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        records = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        report = reports[name]
        assert len(records) == len(report.cells)
        for rec in records:
            value = report.cells[rec["ref"]]
            expected = "" if value is None else (str(int(value)) if float(value).is_integer() else str(value))
            assert rec["value"] == expected and rec["source"] == name, rec
        sheet = pd.read_excel(links["XLSX"], sheet_name=0)
        assert list(sheet["ref"]) == [rec["ref"] for rec in records]
    index = soup(out / "index.html")
    hrefs = [a["href"] for a in index.select("ul.downloads a")]
    assert hrefs == ["data/cells.csv", "data/cells.xlsx", "data/findings.csv", "data/findings.xlsx"]
    findings = pd.read_csv(out / "data/findings.csv", encoding="utf-8-sig")
    assert len(findings) == sum(len(r.findings) for r in reports.values())
    assert not findings["finding_zh"].str.contains(REF).any()


def test_the_site_names_no_local_path_and_says_the_demo_reports_are_invented(site):
    inputs, out, _ = site
    local = [str(inputs), str(inputs.resolve()), str(ROOT), str(Path.home())]
    for path in out.rglob("*"):
        if not path.is_file() or path.name == "plotly.min.js":
            continue
        blobs = [path.read_bytes()]
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                blobs = [z.read(n) for n in z.namelist()]
        for blob in blobs:
            text = blob.decode("utf-8", "replace")
            assert not any(p in text for p in local), path
    index = soup(out / "index.html")
    assert "江临市" in index.select_one("section.about").get_text()
    assert "invented" in index.select_one("p.notice").get_text()  # said at the top, before the list


def test_no_request_charts_say_so_in_words(site):
    _, out, _ = site
    seed = figures(out / index_rows(out)["000_c2619695b87ce2e6.txt"]["page"])
    empty = [f for f in seed if f["layout"].get("meta", {}).get("empty")]
    assert len(empty) >= 3  # request flow, outcomes (counts and shares), reasons, review
    for fig in empty:
        assert not fig["data"] and fig["layout"]["xaxis"]["visible"] is False
    assert sum(f["layout"]["annotations"][0]["text"] == "本年无申请" for f in empty) >= 3
    for fig in seed:  # no chart of this report has an axis of shares (up to 400%) around nothing
        assert fig["layout"].get("yaxis", {}).get("tickformat") != ".0%" or fig["data"]


def test_audit_filters_in_the_browser(site, chromium):
    _, out, reports = site
    context, page, errors = open_page(chromium, out / "audit.html")
    total = page.locator("table.findings tbody tr").count()
    page.select_option('select[data-filter="severity"]', "error")
    shown = page.locator("table.findings tbody tr:not([hidden])").count()
    errors_expected = sum(f.severity == "error" for r in reports.values() for f in r.findings)
    assert shown == errors_expected and 0 < shown < total
    assert page.locator("output.filter-count").inner_text() == f"{shown} / {total}"
    page.select_option('select[data-filter="severity"]', "")
    page.select_option('select[data-filter="agency"]', "江临市生态环境局")
    assert page.locator("table.findings tbody tr:not([hidden])").count() == sum(
        len(r.findings) for r in reports.values() if r.agency == "江临市生态环境局")
    page.select_option('select[data-filter="agency"]', "")
    page.fill('input[data-filter="text"]', "社会公益组织")  # the search the page offers, as typed
    expected = sum(any("social_welfare_org" in ref for ref in f.refs) for r in reports.values() for f in r.findings)
    assert page.locator("table.findings tbody tr:not([hidden])").count() == expected > 0
    assert errors == []
    context.close()


def test_every_page_fits_a_phone_and_passes_axe(site, chromium):
    """At 390 px: no sideways page scroll, no serious or critical axe-core violation (axe ships in the wheel)."""
    from axe_playwright_python.sync_playwright import Axe

    _, out, _ = site
    axe = Axe()
    pages = ["index.html", "compare.html", "audit.html", *(r["page"] for r in index_rows(out).values())]
    context = chromium.new_context(viewport=PHONE)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    problems = []
    for name in pages:
        page = context.new_page()
        page.goto((out / name).resolve().as_uri(), wait_until="load")
        page.wait_for_function("Array.from(document.querySelectorAll('div.chart')).every(d => d.querySelector('.main-svg'))")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{name}: {width} px wide")
        lang = page.evaluate("document.documentElement.lang")
        if lang != "zh-CN":
            problems.append(f"{name}: lang {lang!r}")
        for v in axe.run(page).response["violations"]:
            if v["impact"] in ("serious", "critical"):
                problems.append(f"{name}: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}")
        page.close()
    context.close()
    assert problems == []


def test_chart_dropdowns_can_each_be_used_on_a_phone(site, chromium):
    """The explorer's menus are HTML selects above the chart: each one reachable, none covering another."""
    _, out, _ = site
    context, page, errors = open_page(chromium, out / "compare.html", PHONE)
    selects = page.locator("form.chart-menus select")
    assert selects.count() == 3
    boxes = [selects.nth(i).bounding_box() for i in range(3)]
    for a, b in zip(boxes, boxes[1:]):
        assert a["y"] + a["height"] <= b["y"] or a["x"] + a["width"] <= b["x"]  # no overlap
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] for b in boxes)
    for i in range(3):
        options = selects.nth(i).locator("option").count()
        selects.nth(i).focus()
        page.keyboard.press("End" if i else "ArrowDown")  # by keyboard
        assert options > 1 and selects.nth(i).evaluate("s => s.selectedIndex") in (1, options - 1)
        selects.nth(i).click(timeout=3000)  # Playwright refuses a click another element would catch
    assert errors == []
    context.close()
