"""gikkit.charts as a reader sees them: one switch for Chinese or English, a CJK font, clear errors,
escaped report text, and every chart drawing in Chromium without a JavaScript error.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

import gikkit
from gikkit import charts, schema
from browser import launch
from report_copies import AGENCIES, write_set

CJK = re.compile(r"[\u3400-\u9fff\uff08\uff09\uff1a\uff0c]")


@pytest.fixture(scope="module")
def frame(tmp_path_factory):
    folder = tmp_path_factory.mktemp("copies")
    write_set(folder)
    data = gikkit.read_many([folder], jobs=1)
    assert not data.failures
    return data.to_frame()


def texts(fig) -> list[str]:
    """Every piece of text a reader sees: titles, axis titles, legend names, annotations, hovers."""
    out = [fig.layout.title.text or ""]
    for name in dir(fig.layout):
        if re.fullmatch(r"[xy]axis\d*", name) and getattr(fig.layout, name).title.text:
            out.append(getattr(fig.layout, name).title.text)
    out += [a.text for a in fig.layout.annotations]
    out += [b.label for menu in fig.layout.updatemenus for b in menu.buttons]
    for trace in fig.data:
        out += [getattr(trace, "name", None) or "", getattr(trace, "hovertemplate", None) or ""]
        if trace.type == "sankey":
            out += list(trace.node.label) + list(trace.node.customdata) + list(trace.link.customdata)
            continue
        for axis in ("x", "y"):
            out += [v for v in getattr(trace, axis) or () if isinstance(v, str)]
        out += [v for v in pd.Series(trace.customdata, dtype=object).explode() if isinstance(v, str)] \
            if trace.customdata is not None else []
    return [t for t in out if t]


CHARTS = {
    "request_flow": lambda f, lang: charts.request_flow(f, agency=AGENCIES[0], year=2021, lang=lang),
    "outcomes_by_applicant": lambda f, lang: charts.outcomes_by_applicant(f, agency=AGENCIES[0], year=2021, lang=lang),
    "outcome_reasons": lambda f, lang: charts.outcome_reasons(f, agency=AGENCIES[0], year=2021, lang=lang),
    "review_litigation": lambda f, lang: charts.review_litigation(f, agency=AGENCIES[0], year=2021, lang=lang),
    "proactive_2019": lambda f, lang: charts.proactive_disclosure(f, agency=AGENCIES[0], year=2020, lang=lang),
    "proactive_2021": lambda f, lang: charts.proactive_disclosure(f, agency=AGENCIES[0], year=2021, lang=lang),
    "trend": lambda f, lang: charts.trend(f, agency=AGENCIES[0], measure="t2.art20_1.regulations.made_this_year", lang=lang),
    "ranking": lambda f, lang: charts.ranking(f, year=2021, measure="t3.granted.total", lang=lang),
    "heatmap": lambda f, lang: charts.outcome_share_heatmap(f, year=2022, lang=lang),
    "explorer": lambda f, lang: charts.explorer_figure(f, lang=lang),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_english_everywhere_with_one_switch(frame, name):
    fig = CHARTS[name](frame, "en")
    agencies = "|".join(map(re.escape, AGENCIES))
    leftover = [t for t in texts(fig) if CJK.search(re.sub(agencies, "", t))]
    assert not leftover
    assert fig.layout.meta["lang"] == "en"


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chinese_labels_and_a_cjk_font(frame, name):
    fig = CHARTS[name](frame, "zh")
    assert fig.layout.font.family.split(",")[0].strip() == charts.FONT_FAMILY.split(",")[0]
    assert "CJK" in fig.layout.font.family
    assert any(CJK.search(t) for t in texts(fig))


def test_labels_come_from_the_spec(frame):
    fig = charts.outcomes_by_applicant(frame, agency=AGENCIES[0], year=2021, lang="en")
    assert list(fig.data[0].x) == [c["label_en"] for c in schema.template("v2021").t3_columns()]
    zh = charts.outcomes_by_applicant(frame, agency=AGENCIES[0], year=2021)
    assert list(zh.data[0].x) == [c["label_zh"] for c in schema.template("v2021").t3_columns()]
    assert zh.data[0].customdata[0][0] == schema.template("v2021").rows[("t3", None, "granted")].label_zh


def test_clear_errors(frame):
    with pytest.raises(ValueError, match="no report"):
        charts.request_flow(frame, agency="不存在的机关")
    with pytest.raises(ValueError, match="agency-years"):
        charts.request_flow(frame)
    with pytest.raises(ValueError, match="lang"):
        charts.review_litigation(frame, agency=AGENCIES[0], year=2021, lang="fr")
    with pytest.raises(ValueError, match="unknown measure"):
        charts.trend(frame, agency=AGENCIES[0], measure="t3.nonsense.total")


def test_report_text_in_titles_is_escaped(tmp_path):
    from report_copies import write_copy

    report = gikkit.read(write_copy(tmp_path / "x.txt", agency="<b>某</b>局", year=2021, template="v2021"))
    fig = charts.review_litigation(report.to_frame())
    assert "&lt;b&gt;" in fig.layout.title.text and "<b>" not in fig.layout.title.text


def test_several_files_for_one_report_show_the_first(tmp_path, seed_path):
    frame = pd.concat([gikkit.read(seed_path).to_frame().assign(source=f"{i}.txt") for i in (1, 2)])
    fig = charts.review_litigation(frame)
    assert any("1.txt" in n for n in fig.layout.meta["notes"])


def test_zero_is_a_zero_not_a_blank(seed_report):
    """The seed prints 0 in every 表四 cell: the chart says there were none, in words, and names no blank."""
    fig = charts.review_litigation(seed_report.to_frame())
    assert fig.layout.meta["empty"] and not fig.data
    assert [a.text for a in fig.layout.annotations][0] == "本年无行政复议、行政诉讼"
    assert not any("空白" in n for n in fig.layout.meta["notes"])
    assert all(seed_report.cells[ref] == 0 for ref in seed_report.cells if ref.startswith("t4."))


def has_values(fig) -> bool:
    """Whether any trace holds a number to draw (a chart of blanks only draws nothing, rightly)."""
    for t in fig.data:
        arrays = [t.link.value] if t.type == "sankey" else [getattr(t, a, None) for a in ("x", "y", "z")]
        flat = pd.Series([a for arr in arrays if arr is not None for a in arr], dtype=object).explode()
        if any(isinstance(v, (int, float)) and v == v for v in flat):
            return True
    return False


def test_every_chart_draws_in_a_browser(frame, seed_report, tmp_path):
    """Each chart, on the seed (all zeros, one blank) and on copies, draws in Chromium without a JS error."""
    from plotly.offline import get_plotlyjs
    from playwright.sync_api import sync_playwright

    (tmp_path / "plotly.min.js").write_text(get_plotlyjs(), "utf-8")
    seed = seed_report.to_frame()
    findings = gikkit.checks.findings_frame([seed_report])
    figures = {f"{name}-{lang}": make(frame, lang) for name, make in CHARTS.items() for lang in ("zh", "en")}
    figures |= {"seed-flow": charts.request_flow(seed), "seed-outcomes": charts.outcomes_by_applicant(seed, share=True),
                "seed-reasons": charts.outcome_reasons(seed), "seed-review": charts.review_litigation(seed),
                "seed-proactive": charts.proactive_disclosure(seed), "seed-trend": charts.trend(seed),
                "seed-ranking": charts.ranking(seed, year=2020), "seed-heatmap": charts.outcome_share_heatmap(seed, year=2020),
                "seed-explorer": charts.explorer_figure(seed), "findings-rule": charts.findings_chart(findings),
                "findings-report": charts.findings_chart(findings, by="report")}
    problems = {}
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            for name, fig in figures.items():
                path = tmp_path / f"{name}.html"
                path.write_text(fig.to_html(include_plotlyjs="plotly.min.js", full_html=True), "utf-8")
                errors.clear()
                page.goto(path.as_uri())
                page.wait_for_selector(".main-svg", timeout=15_000)
                drawn = page.evaluate("() => document.querySelectorAll('.trace, .sankey, .hm, .bars').length")
                if errors or (has_values(fig) and not drawn):
                    problems[name] = errors or "no trace drawn"
        finally:
            browser.close()
    assert not problems
