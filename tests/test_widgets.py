"""gikkit.widgets: the explorer's charts follow its choices in place; the static stand-in works in a browser."""
from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

import gikkit
from gikkit import charts, display, schema, widgets
from browser import launch
from report_copies import AGENCIES, write_set

APPLICANT_COLUMNS = [c["key"] for c in schema.template("v2021").t3_columns()]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    folder = tmp_path_factory.mktemp("copies")
    write_set(folder)
    return gikkit.read_many([folder], jobs=1)


@pytest.fixture(scope="module")
def frame(dataset):
    return dataset.to_frame()


@pytest.fixture()
def explorer(frame):
    return widgets.Explorer(frame)


def report_of(dataset, agency, year):
    return next(r for r in dataset.reports if r.agency == agency and r.year == year)


def test_set_agency_redraws_in_place(dataset, explorer):
    figure, trend = explorer.figure, explorer.trend_figure
    assert isinstance(figure, go.FigureWidget)
    for agency in AGENCIES[:2]:
        explorer.set(agency=agency, year=2021)
        report = report_of(dataset, agency, 2021)
        assert explorer.figure is figure and explorer.trend_figure is trend  # the same widgets, updated
        granted = figure.data[0]
        assert list(granted.y) == [report.cells[f"t3.granted.{c}"] for c in APPLICANT_COLUMNS]
        assert agency in figure.layout.title.text
        years = sorted(r.year for r in dataset.reports if r.agency == agency)
        assert list(trend.data[0].x) == years
        assert list(trend.data[0].y) == [report_of(dataset, agency, y).cells["t3.new_received.total"] for y in years]


def test_choosing_in_a_dropdown_redraws(dataset, explorer):
    """What a user does: change the dropdown's value; the observer redraws without any cell run."""
    explorer.agency.value = AGENCIES[1]
    explorer.year.value = 2019
    report = report_of(dataset, AGENCIES[1], 2019)
    assert list(explorer.figure.data[1].y) == [report.cells[f"t3.partially_granted.{c}"] for c in APPLICANT_COLUMNS]
    explorer.measure.value = "t3.granted.total"
    ranked = {a: v for a, v in zip(explorer.ranking_figure.data[0].y, explorer.ranking_figure.data[0].x)}
    assert ranked == {r.agency: r.cells["t3.granted.total"] for r in dataset.reports if r.year == 2019}


def test_year_choices_follow_the_agency(dataset, explorer):
    explorer.set(agency=AGENCIES[2])
    assert list(explorer.year.options) == sorted(r.year for r in dataset.reports if r.agency == AGENCIES[2])
    explorer.set(agency=AGENCIES[0], year=2020)
    explorer.set(agency=AGENCIES[2])
    assert explorer.year.value == 2020  # kept where the new agency has it


def test_table_and_measure(dataset, explorer):
    explorer.set(agency=AGENCIES[0], year=2022, table="t4")
    report = report_of(dataset, AGENCIES[0], 2022)
    assert explorer.measure.value.startswith("t4.")
    assert {m for _, m in explorer.measure.options} == {r for r in schema.template("v2021").cells if r.startswith("t4.")}
    upheld = explorer.figure.data[0]
    assert list(upheld.y) == [report.cells[f"t4.{r}.upheld"] for r in ("admin_review", "litigation_direct",
                                                                       "litigation_after_review")]
    explorer.set(measure="t2.art20_6.administrative_penalty.decisions_count")
    assert explorer.table.value == "t2"
    drawn = {ref: y for t in explorer.figure.data for ref, y in zip(t.meta, t.y)}
    assert drawn == {r: v for r, v in report.cells.items() if r.startswith("t2.")}
    with pytest.raises(ValueError):
        explorer.set(table="t3", measure="t4.admin_review.total")


def test_language_switch(explorer):
    explorer.set(lang="en")
    assert explorer.agency.description == "Agency"
    assert explorer.figure.layout.title.text.startswith("Outcomes")
    assert not any(re.search(r"[\u3400-\u9fff]", label) for label, _ in explorer.measure.options)
    assert [t.name for t in explorer.figure.data][0] == "(1) Disclosed"
    explorer.lang.value = "zh"
    assert explorer.figure.data[0].name == schema.template("v2021").rows[("t3", None, "granted")].label_zh


def test_explore_live_or_static(frame, monkeypatch):
    import ipywidgets

    monkeypatch.delenv(display.EXPORT_ENV, raising=False)
    assert isinstance(widgets.explore(frame), ipywidgets.VBox)
    monkeypatch.setenv(display.EXPORT_ENV, "1")
    static = widgets.explore(frame, lang="en", measure="t3.granted.total")
    assert isinstance(static, go.Figure) and len(static.layout.updatemenus) == 3


def test_duplicate_files_use_the_first(seed_path):
    frame = pd.concat([gikkit.read(seed_path).to_frame().assign(source=f"{i}.txt") for i in (1, 2)])
    explorer = widgets.Explorer(frame)
    assert explorer.index.report_rows(explorer.agency.value, 2020)["source"].unique().tolist() == ["1.txt"]


def test_static_explorer_data(dataset, frame):
    fig = charts.explorer_figure(frame, measure="t3.granted.total")
    agencies = sorted({r.agency for r in dataset.reports})
    measure_menu, agency_menu, year_menu = fig.layout.updatemenus
    assert [b.label for b in agency_menu.buttons] == agencies
    assert sum(bool(t.visible) for t in fig.data) == 2  # one agency's line, one year's bars
    button, measure = measure_menu.buttons[1], fig.layout.meta["measures"][1]
    assert measure == "t3.new_received.total"
    for i, agency in enumerate(agencies):
        years = button.args[0]["x"][i]
        assert years == sorted(r.year for r in dataset.reports if r.agency == agency)
        assert button.args[0]["y"][i] == [report_of(dataset, agency, y).cells[measure] for y in years]


def test_static_explorer_dropdown_works_in_a_browser(frame, tmp_path):
    """No kernel: plotly's own menu switches the line to the chosen agency in headless Chromium."""
    from playwright.sync_api import sync_playwright

    fig = charts.explorer_figure(frame)
    page_path = tmp_path / "explorer.html"
    page_path.write_text(fig.to_html(include_plotlyjs=True, full_html=True), "utf-8")
    agencies = fig.layout.meta["agencies"]
    target = agencies[-1]
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            requests = []
            page.route("**/*", lambda route: (requests.append(route.request.url), route.continue_()
                                              if route.request.url.startswith("file://") else route.abort()))
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_path.as_uri())
            page.wait_for_selector(".updatemenu-header-group")
            page.locator(".updatemenu-header").nth(1).click()  # the agency menu
            page.locator(".updatemenu-dropdown-button", has_text=target).click()
            page.wait_for_timeout(300)
            visible = page.evaluate("() => document.querySelector('.js-plotly-plot').data"
                                    ".slice(0, %d).map(t => t.visible)" % len(agencies))
        finally:
            browser.close()
    assert not errors
    assert visible == [a == target for a in agencies]
    assert all(u.startswith("file://") for u in requests)


def test_benchmark_runs(capsys):
    """The benchmark's code path on a small dataset (timings are printed, never asserted)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_widgets.py"
    spec = importlib.util.spec_from_file_location("bench_widgets", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.main(["--reports", "60", "--repeat", "2"])
    out = capsys.readouterr().out
    assert "60 reports" in out and "faster" in out
