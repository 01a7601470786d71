"""The index of a large site, in headless Chromium from file://: the first page without loading any rows,
search, filters, sort and paging that give the rows Python computes, a no-JS path to every report, and
a rewrite after one report changed that touches only its chunk, its list page and index.html.

The index is written from entries (as the export makes them) of data/'s text, HTML and Word reports, read
and checked, each repeated under distinct agency names (the level kept: the prefix is a place name).
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import gikkit
from gikkit.checks import check
from gikkit.export.index import write_index
from gikkit.export.index_data import CHUNK_ROWS, FIRST_ROWS, LIST_ROWS
from gikkit.export.manifest import PageEntry, describe
from gikkit.review.metrics import level_of

DATA = Path(__file__).resolve().parent.parent / "data"
PLACES = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏"
COPIES = 45  # x 27 reports: 1,215 rows, 3 chunks, 2 plain lists
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def reports():
    files = [p for p in sorted(DATA.iterdir()) if p.suffix in (".txt", ".html", ".docx")]  # PDFs: slow to read
    dataset = gikkit.read_many(files, progress=False, run_checks=False)
    check(dataset)
    assert not dataset.failures
    return dataset.reports


def many_entries(reports, copies=COPIES) -> list[PageEntry]:
    entries = []
    for i in range(copies):
        for report in reports:
            stem = Path(report.source).stem
            entry = describe(PageEntry(f"reports/{stem}-{i:02d}.html", "report", "key", f"copy{i:02d}/{stem}"), report)
            if i:  # a distinct agency: a place name in front keeps the name's ending, so its level
                entry.agency = PLACES[i % len(PLACES)] + PLACES[i // len(PLACES)] + entry.agency
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def site(reports, tmp_path_factory):
    out = tmp_path_factory.mktemp("index")
    entries = many_entries(reports)
    write_index(out, entries, version="test", downloads={"cells": ["data/cells.csv", "data/cells.xlsx"],
                                                         "findings": ["data/findings.csv", "data/findings.xlsx"]})
    return out, entries


def open_index(browser, out: Path, viewport=None, javascript=True):
    context = browser.new_context(viewport=viewport or {"width": 1200, "height": 900}, java_script_enabled=javascript)
    requested, errors = [], []

    def route(r):
        if r.request.url.startswith("file://"):
            requested.append(r.request.url.rsplit("/", 2)[-2:])
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((out / "index.html").resolve().as_uri(), wait_until="load")
    return context, page, requested, errors


def shown(page) -> list[tuple[str, str]]:
    """(agency, file) of each row the table lists now."""
    return [tuple(row) for row in page.evaluate(
        "Array.from(document.querySelectorAll('table.reports tbody tr'))"
        ".map(tr => [tr.cells[0].textContent, tr.cells[5].textContent])")]


def keys(entries) -> list[tuple[str, str]]:
    return [(e.agency, e.source) for e in entries]


def chunks_loaded(requested) -> list[str]:
    return sorted({name for folder, name in requested if folder == "index" and name.startswith("rows-")})


def settle(page, expected_status_part: str):
    page.wait_for_function("t => document.getElementById('index-status').textContent.includes(t)",
                           arg=expected_status_part)


def test_the_first_page_shows_without_loading_any_rows(site, chromium):
    out, entries = site
    context, page, requested, errors = open_index(chromium, out)
    page.wait_for_function("!document.getElementById('index-filters').hidden")
    assert shown(page) == keys(entries[:FIRST_ROWS])
    assert chunks_loaded(requested) == []
    assert ["index", "facets.js"] in requested and ["index", "index.js"] in requested
    # the filters offer what the rows hold
    page.wait_for_function("document.querySelector('select[name=agency]').options.length > 1")
    agencies = page.evaluate("Array.from(document.querySelector('select[name=agency]').options).map(o => o.value)")
    assert agencies[1:] == sorted({e.agency for e in entries})
    assert f"{len(entries)}" in page.locator("#index-status").text_content()
    assert errors == []
    context.close()


def test_next_page_loads_only_the_chunk_that_holds_it(site, chromium):
    out, entries = site
    context, page, requested, errors = open_index(chromium, out)
    page.get_by_role("button", name="下一页").click()
    settle(page, f"第 {FIRST_ROWS + 1}–{2 * FIRST_ROWS} 份")
    assert shown(page) == keys(entries[FIRST_ROWS:2 * FIRST_ROWS])
    assert chunks_loaded(requested) == ["rows-0000.js"]
    page.select_option("select[name=size]", "500")  # back to page 1, 500 rows: still the first chunk
    settle(page, "第 1–500 份")
    assert shown(page) == keys(entries[:500])
    assert chunks_loaded(requested) == ["rows-0000.js"]
    page.get_by_role("button", name="下一页").click()
    settle(page, "第 501–1000 份")
    page.get_by_role("button", name="下一页").click()
    settle(page, f"第 1001–{len(entries)} 份")
    assert shown(page) == keys(entries[1000:])
    assert chunks_loaded(requested) == ["rows-0000.js", "rows-0001.js", "rows-0002.js"]  # each when reached
    assert errors == []
    context.close()


def test_search_filters_and_sort_give_the_rows_python_computes(site, chromium):
    out, entries = site
    context, page, requested, errors = open_index(chromium, out)
    page.wait_for_function("document.querySelector('select[name=year]').options.length > 1")
    page.select_option("select[name=size]", "25")
    page.fill("input[name=q]", "东湖")  # typed, as a reader would search an agency
    expected = [e for e in entries if "东湖" in e.agency or "东湖" in e.source]
    settle(page, f"共 {len(expected)} 份")
    assert shown(page) == keys(expected[:25])
    assert len(chunks_loaded(requested)) == -(-len(entries) // CHUNK_ROWS)  # a search needs every row

    page.fill("input[name=q]", "")
    year = next(e.year for e in entries if e.severities["error"] > 0)  # a year with errors in data/
    page.select_option("select[name=year]", str(year))
    page.select_option("select[name=errors]", "yes")
    expected = [e for e in entries if e.year == year and e.severities["error"] > 0]
    settle(page, f"共 {len(expected)} 份")
    assert len(expected) > 25 and shown(page) == keys(expected[:25])

    page.select_option("select[name=errors]", "no")
    page.select_option("select[name=level]", "township")
    expected = [e for e in entries if e.year == year and e.severities["error"] == 0 and level_of(e.agency) == "township"]
    settle(page, f"共 {len(expected)} 份" if expected else "没有符合条件的报告")
    assert shown(page) == keys(expected[:25])

    page.select_option("select[name=level]", "")
    page.select_option("select[name=errors]", "")
    agency = entries[7].agency
    page.select_option("select[name=agency]", agency)
    expected = [e for e in entries if e.year == year and e.agency == agency]
    settle(page, f"共 {len(expected)} 份" if expected else "没有符合条件的报告")
    assert shown(page) == keys(expected)

    page.select_option("select[name=agency]", "")
    page.select_option("select[name=year]", "")
    header = page.get_by_role("button", name="检查发现")
    header.focus()
    page.keyboard.press("Enter")  # by keyboard
    settle(page, "第 1–25 份")
    # most findings last after one press: ascending, ties in the site's order
    by_findings = sorted(entries, key=lambda e: e.findings)
    page.wait_for_function("document.querySelector('th[aria-sort]') !== null")
    assert shown(page) == keys(by_findings[:25])
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('th[aria-sort]').getAttribute('aria-sort') === 'descending'")
    by_findings = sorted(entries, key=lambda e: -e.findings)
    page.wait_for_function("n => document.querySelector('table.reports tbody tr td.findings').dataset.count == n",
                           arg=str(by_findings[0].findings))
    assert shown(page) == keys(by_findings[:25])
    page.get_by_role("button", name="下一页").click()
    settle(page, "第 26–50 份")
    assert shown(page) == keys(by_findings[25:50])
    assert errors == []
    context.close()


def test_a_reader_without_javascript_gets_the_first_rows_and_every_report_in_plain_lists(site, chromium):
    out, entries = site
    context, page, requested, errors = open_index(chromium, out, javascript=False)
    assert shown(page) == keys(entries[:FIRST_ROWS])
    assert not page.locator("#index-filters").is_visible()  # a form that would do nothing is not offered
    lists = page.evaluate("Array.from(document.querySelectorAll('p.index-lists a')).map(a => a.getAttribute('href'))")
    context.close()
    assert lists[-1] == "data/cells.csv"
    pages = lists[:-1]
    assert len(pages) == -(-len(entries) // LIST_ROWS)
    listed = []
    for name in pages:
        soup = BeautifulSoup((out / name).read_text("utf-8"), "html.parser")
        for tr in soup.select("table.reports tbody tr"):
            cells = tr.find_all("td")
            listed.append((cells[0].get_text(), cells[5].get_text()))
            assert tr.find("a")["href"].startswith("../reports/")
        assert not soup.find_all("script")
    assert listed == keys(entries)


@pytest.mark.parametrize("viewport", [{"width": 1200, "height": 900}, PHONE])
def test_the_index_passes_axe_and_fits(site, chromium, viewport):
    from axe_playwright_python.sync_playwright import Axe

    out, _ = site
    context, page, _, errors = open_index(chromium, out, viewport)
    page.wait_for_function("!document.getElementById('index-filters').hidden")
    page.get_by_role("button", name="下一页").click()  # with the rows a script wrote, too
    settle(page, "第 101–200 份")
    violations = [f"{v['id']} ({v['impact']}) at {v['nodes'][0]['target']}" for v in Axe().run(page).response["violations"]]
    assert violations == []
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert page.locator("[aria-live=polite]").count() == 1
    assert errors == []
    context.close()


def snapshot(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_ino for p in out.rglob("*") if p.is_file()}


def test_one_changed_report_rewrites_its_chunk_its_list_page_and_the_index_only(reports, tmp_path):
    out = tmp_path / "site"
    entries = many_entries(reports)
    write_index(out, entries, version="test")
    before = snapshot(out)
    write_index(out, entries, version="test")
    assert {p for p in snapshot(out) if snapshot(out)[p] != before.get(p)} == {"index.html"}

    changed = copy.deepcopy(entries)
    row = 1100  # in the third chunk and the second plain list
    changed[row].findings += 1
    changed[row].severities = dict(changed[row].severities, error=changed[row].severities["error"] + 1)
    write_index(out, changed, version="test")
    after = snapshot(out)
    assert {p for p in after if after[p] != before.get(p)} == {"index.html", "index/rows-0002.js", "index/list-002.html"}
    chunk = (out / "index/rows-0002.js").read_text("utf-8")
    rows = json.loads(chunk[chunk.index(",") + 1:chunk.rindex(")")])
    assert rows[row - 2 * CHUNK_ROWS][6] == changed[row].findings

    write_index(out, changed[:300], version="test")  # a shorter batch: the chunks and lists beyond it go
    assert sorted(p.name for p in (out / "index").iterdir()) == ["facets.js", "index.js", "list-001.html", "rows-0000.js"]
