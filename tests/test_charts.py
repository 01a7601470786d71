"""gikkit.charts: the numbers drawn are the report's cells, and blanks stay blank (never drawn as 0).

Reports: the seed, and edited copies of it (tests/report_copies.py) for several agencies, years and
both formats, read back through the real reader. Expectations are computed from ``report.cells``.
"""
from __future__ import annotations


import pytest

import gikkit
from gikkit import charts, schema
from report_copies import AGENCIES, BLANKS, ONE_ROW_GROUP, write_set
from fixture_paths import FIXTURES, SEED_DIR

APPLICANT_COLUMNS = [c["key"] for c in schema.template("v2021").t3_columns()]
GROUPS = ["granted", "partially_granted", "withheld", "unavailable", "not_processed", "other_handling"]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    folder = tmp_path_factory.mktemp("copies")
    write_set(folder)
    data = gikkit.read_many([folder], jobs=1)
    assert not data.failures
    return data


@pytest.fixture(scope="module")
def frame(dataset):
    return dataset.to_frame()


def report_of(dataset, agency, year):
    return next(r for r in dataset.reports if r.agency == agency and r.year == year)


def group_value(report, row, column):
    """A 表三 outcome row or group, from the cells: its own cell, else the sum of its sub-rows."""
    own = report.cells.get(f"t3.{row}.{column}")
    if own is not None:
        return own
    spec = schema.template(report.template).rows[("t3", None, row)]
    parts = [report.cells.get(f"t3.{c}.{column}") for c in spec.children]
    return None if not parts or None in parts else sum(parts)


# -- one report -------------------------------------------------------------------------

@pytest.mark.parametrize("year", [2020, 2021])
def test_request_flow_links_are_the_cells(dataset, frame, year):
    report = report_of(dataset, AGENCIES[0], year)
    fig = charts.request_flow(frame, agency=AGENCIES[0], year=year)
    (sankey,) = fig.data
    labels = list(sankey.node.customdata)
    links = {(labels[s], labels[t]): v for s, t, v in zip(sankey.link.source, sankey.link.target, sankey.link.value)}
    tmpl = schema.template(report.template)
    label = {key: spec.label_zh for (table, _, key), spec in tmpl.rows.items() if table == "t3"}
    pool = next(lab for lab in labels if lab not in label.values())
    assert links[(label["new_received"], pool)] == report.cells["t3.new_received.total"]
    assert links[(label["carried_over_from_prev"], pool)] == report.cells["t3.carried_over_from_prev.total"]
    assert links[(pool, label["carried_forward_to_next"])] == report.cells["t3.carried_forward_to_next.total"]
    for g in GROUPS:
        assert links[(label["outcome_total"], label[g])] == group_value(report, g, "total")
    into_pool = sum(v for (s, t), v in links.items() if t == pool)
    out_of_pool = sum(v for (s, t), v in links.items() if s == pool)
    assert into_pool == out_of_pool == report.cells["t3.new_received.total"] + report.cells["t3.carried_over_from_prev.total"]
    assert sum(v for (s, _), v in links.items() if s == label["outcome_total"]) == report.cells["t3.outcome_total.total"]


def test_request_flow_leaves_a_blank_link_out(tmp_path, seed_expected):
    from report_copies import write_copy

    cells = dict(seed_expected["cells"])
    for row in ("new_received", "granted", "outcome_total"):  # one request, granted; the total left blank
        cells[f"t3.{row}.natural_person"] = cells[f"t3.{row}.total"] = 1
    cells["t3.outcome_total.natural_person"] = None
    report = gikkit.read(write_copy(tmp_path / "blank.txt", cells=cells))
    fig = charts.request_flow(report.to_frame(), column="natural_person")
    spec = schema.cell_spec("t3.outcome_total.natural_person")
    labels = list(fig.data[0].node.customdata)
    into_total = [v for t, v in zip(fig.data[0].link.target, fig.data[0].link.value)
                  if labels[t] == spec.row_label_zh]
    assert into_total == []  # not a link of 0
    assert any(spec.row_label_zh in n and spec.column_label_zh in n for n in fig.layout.meta["notes"])


def test_request_flow_of_no_requests(seed_report):
    """The seed received no requests: no Sankey of zeros, a note says so; the blank total is named."""
    fig = charts.request_flow(seed_report.to_frame(), column="social_welfare_org")
    assert not fig.data
    spec = schema.cell_spec("t3.outcome_total.social_welfare_org")
    assert any(spec.row_label_zh in n and spec.column_label_zh in n for n in fig.layout.meta["notes"])


@pytest.mark.parametrize("share", [False, True])
def test_outcomes_by_applicant_bars_are_the_cells(dataset, frame, share):
    report = report_of(dataset, AGENCIES[1], 2021)
    fig = charts.outcomes_by_applicant(frame, agency=AGENCIES[1], year=2021, share=share)
    assert fig.layout.barmode == "stack" and len(fig.data) == len(GROUPS)
    for g, trace in zip(GROUPS, fig.data):
        expected = [group_value(report, g, c) for c in APPLICANT_COLUMNS]
        if share:
            totals = [sum(group_value(report, h, c) for h in GROUPS) for c in APPLICANT_COLUMNS]
            expected = [v / t if t else None for v, t in zip(expected, totals)]
        assert list(trace.y) == pytest.approx(expected)
    if share:
        for i in range(len(APPLICANT_COLUMNS)):
            assert sum(t.y[i] for t in fig.data) == pytest.approx(1.0)


def test_outcomes_blank_is_not_drawn_as_zero(frame):
    agency, year = next(k for k, refs in BLANKS.items() if "t3.granted.natural_person" in refs)
    for share in (False, True):
        fig = charts.outcomes_by_applicant(frame, agency=agency, year=year, share=share)
        granted = fig.data[GROUPS.index("granted")]
        assert granted.y[APPLICANT_COLUMNS.index("natural_person")] is None
        if share:  # a column with a blank outcome has no shares at all
            assert all(t.y[APPLICANT_COLUMNS.index("natural_person")] is None for t in fig.data)
        spec = schema.cell_spec("t3.granted.natural_person")
        assert any(spec.row_label_zh in n and spec.column_label_zh in n for n in fig.layout.meta["notes"])


@pytest.mark.parametrize("year", [2020, 2021])
def test_outcome_reasons_are_the_sub_rows(dataset, frame, year):
    report = report_of(dataset, AGENCIES[0], year)
    tmpl = schema.template(report.template)
    fig = charts.outcome_reasons(frame, agency=AGENCIES[0], year=year)
    groups = [k for (t, _, k), row in tmpl.rows.items() if t == "t3" and not row.is_data and row.children
              and row.parent == "outcomes"]
    assert len(fig.data) == len(groups)  # 2021 adds （六）其他处理's sub-rows
    for g, trace in zip(groups, fig.data):
        children = tmpl.rows[("t3", None, g)].children
        assert list(trace.x) == [report.cells[f"t3.{c}.total"] for c in children]
        assert all(tmpl.rows[("t3", None, c)].label_zh in y for c, y in zip(children, trace.y))


def test_review_litigation_is_table_four(dataset, frame):
    report = report_of(dataset, AGENCIES[1], 2023)
    fig = charts.review_litigation(frame, agency=AGENCIES[1], year=2023)
    columns = schema.template("v2021").tables["t4"]["columns"]
    rows = [r["key"] for r in schema.template("v2021").tables["t4"]["rows"]]
    assert [t.name for t in fig.data] == [c["label_zh"] for c in columns]
    for col, trace in zip(columns, fig.data):
        assert list(trace.y) == [report.cells[f"t4.{r}.{col['key']}"] for r in rows]
    agency, year = next(k for k, refs in BLANKS.items() if refs[0].startswith("t4."))
    blank = charts.review_litigation(frame, agency=agency, year=year)
    assert blank.data[0].y[0] is None


@pytest.mark.parametrize("year", [2020, 2022])
def test_proactive_disclosure_labels_are_the_reports_own_format(dataset, frame, year):
    report = report_of(dataset, AGENCIES[1], year)
    tmpl, other = schema.template(report.template), schema.template("v2021" if report.template == "v2019" else "v2019")
    fig = charts.proactive_disclosure(frame, agency=AGENCIES[1], year=year)
    drawn = {}
    for trace in fig.data:
        for ref, y in zip(trace.meta, trace.y):
            drawn[ref] = y
            assert trace.name == tmpl.cells[ref].column_label_zh
    assert drawn == {ref: report.cells[ref] for ref in tmpl.cells if ref.startswith("t2.")}
    own = {c.column_label_zh for c in tmpl.cells.values() if c.table == "t2"}
    foreign = {c.column_label_zh for c in other.cells.values() if c.table == "t2"} - own
    assert not foreign & {t.name for t in fig.data}


def test_proactive_hover_names_what_the_other_format_has(frame):
    fig = charts.proactive_disclosure(frame, agency=AGENCIES[0], year=2019)
    ref = "t2.art20_1.regulations.total_published"
    trace = next(t for t in fig.data if ref in t.meta)
    hover = trace.customdata[list(trace.meta).index(ref)][2]
    assert schema.template("v2021").cells["t2.art20_1.regulations.currently_valid"].column_label_zh in hover
    blank = charts.proactive_disclosure(frame, agency=AGENCIES[0], year=2020)
    trace = next(t for t in blank.data if ref in t.meta)
    assert trace.y[list(trace.meta).index(ref)] is None


REAL = sorted(p for folder in ("real", "rendered") for p in (FIXTURES / folder).iterdir()
              if p.suffix in (".pdf", ".html", ".docx"))


@pytest.fixture(scope="module", params=[SEED_DIR / "000_c2619695b87ce2e6.txt", *REAL],
                ids=lambda p: p.name)
def real_report(request):
    return gikkit.read(request.param)


def test_real_reports_draw_their_cells(real_report):
    """Published reports (PDF, web page, Word): every bar is the cell it stands for."""
    frame, cells = real_report.to_frame(), real_report.cells
    outcomes = charts.outcomes_by_applicant(frame)
    for g, trace in zip(GROUPS, outcomes.data):
        assert list(trace.y) == [group_value(real_report, g, c) for c in APPLICANT_COLUMNS]
    review = charts.review_litigation(frame)
    rows = [r["key"] for r in schema.template(real_report.template).tables["t4"]["rows"]]
    for col, trace in zip(schema.template(real_report.template).tables["t4"]["columns"], review.data):
        assert list(trace.y) == [cells[f"t4.{r}.{col['key']}"] for r in rows]
    proactive = charts.proactive_disclosure(frame)
    assert {ref: y for t in proactive.data for ref, y in zip(t.meta, t.y)} == \
        {ref: v for ref, v in cells.items() if ref.startswith("t2.")}
    reasons = charts.outcome_reasons(frame)
    assert all(list(t.x) == [cells[ref] for ref in t.meta] for t in reasons.data)
    flow = charts.request_flow(frame).data
    received = cells["t3.new_received.total"] + cells["t3.carried_over_from_prev.total"]
    if received:
        assert sum(flow[0].link.value[:2]) == received
    else:
        assert not flow


def test_the_blank_official_template_draws_no_zeros():
    report = gikkit.read(FIXTURES / "template" / "official-2021-blank.docx")
    frame = report.to_frame()
    for fig in (charts.outcomes_by_applicant(frame), charts.review_litigation(frame), charts.proactive_disclosure(frame)):
        assert all(y is None for t in fig.data for y in t.y)
        assert any("不按 0" in n for n in fig.layout.meta["notes"])
    assert not charts.request_flow(frame).data  # no Sankey of nothing (plotly.js cannot draw one)


def test_a_group_printed_as_one_row_is_one_bar_not_blanks():
    report = gikkit.read(FIXTURES / "real" / "hongze-district-2024.pdf")
    fig = charts.outcome_reasons(report.to_frame())
    other = fig.data[-1]
    assert list(other.meta) == ["t3.other_handling.total"] and other.x[0] == report.cells["t3.other_handling.total"]
    assert not any("空白" in n for n in fig.layout.meta["notes"])


# -- many reports -----------------------------------------------------------------------

def test_trend_follows_one_agency_and_marks_the_template_change(dataset, frame):
    measure = "t3.withheld.total"
    fig = charts.trend(frame, agency=AGENCIES[0], measure=measure)
    (line,) = fig.data
    years = sorted(r.year for r in dataset.reports if r.agency == AGENCIES[0])
    assert list(line.x) == years
    assert list(line.y) == [group_value(report_of(dataset, AGENCIES[0], y), "withheld", "total") for y in years]
    assert [s.x0 for s in fig.layout.shapes] == [2020.5]


def test_trend_draws_blanks_as_gaps(frame):
    (agency, year), _ = next((k, v) for k, v in BLANKS.items() if "t3.granted.natural_person" in v)
    fig = charts.trend(frame, agency=agency, measure="t3.granted.natural_person")
    assert fig.data[0].y[list(fig.data[0].x).index(year)] is None
    assert any(str(year) in n for n in fig.layout.meta["notes"])


def test_trend_compares_only_comparable_measures(dataset, frame):
    fig = charts.trend(frame, agency=AGENCIES[1], measure="t2.art20_1.regulations.total_published")
    assert [t.meta for t in fig.data] == ["t2.art20_1.regulations.total_published"]
    assert set(fig.data[0].x) == {r.year for r in dataset.reports if r.agency == AGENCIES[1] and r.template == "v2019"}
    new_label = schema.template("v2021").cells["t2.art20_1.regulations.currently_valid"].column_label_zh
    assert any(new_label in n for n in fig.layout.meta["notes"])
    near = charts.trend(frame, agency=AGENCIES[1], measure="t2.art20_1.regulations.made_this_year")
    assert [t.meta for t in near.data] == ["t2.art20_1.regulations.made_this_year",
                                           "t2.art20_1.regulations.issued_this_year"]
    later = [r for r in dataset.reports if r.agency == AGENCIES[1] and r.template == "v2021"]
    assert list(near.data[1].y) == [r.cells["t2.art20_1.regulations.issued_this_year"] for r in sorted(later, key=lambda r: r.year)]


def test_trend_of_other_handling_spans_both_formats(dataset, frame):
    fig = charts.trend(frame, agency=ONE_ROW_GROUP[0], measure="t3.other_handling.total")
    assert list(fig.data[0].y) == [group_value(report_of(dataset, ONE_ROW_GROUP[0], y), "other_handling", "total")
                                   for y in fig.data[0].x]
    assert None not in fig.data[0].y  # 2022 prints the group as one row


def test_ranking_sorts_agencies_and_leaves_blanks_out(dataset, frame):
    agency, year = next(k for k, refs in BLANKS.items() if "t3.granted.natural_person" in refs)
    fig = charts.ranking(frame, year=year, measure="t3.granted.natural_person")
    expected = sorted(((r.cells["t3.granted.natural_person"], r.agency) for r in dataset.reports
                       if r.year == year and r.cells["t3.granted.natural_person"] is not None), key=lambda p: -p[0])
    assert list(fig.data[0].x) == [v for v, _ in expected]
    assert list(fig.data[0].y) == [a for _, a in expected]
    assert agency not in fig.data[0].y
    assert any(agency in n for n in fig.layout.meta["notes"])
    absent = charts.ranking(frame, year=2020, measure="t2.art20_1.regulations.repealed_this_year")
    assert not absent.data and absent.layout.meta["notes"]


def test_outcome_share_heatmap(dataset, frame):
    fig = charts.outcome_share_heatmap(frame, year=2022)
    (heat,) = fig.data
    for agency, row in zip(heat.y, heat.z):
        report = report_of(dataset, agency, 2022)
        values = [group_value(report, g, "total") for g in GROUPS]
        if None in values:
            assert all(v is None for v in row)
        else:
            assert list(row) == pytest.approx([v / sum(values) for v in values])
    blank_agency = next(a for (a, y), refs in BLANKS.items() if y == 2022 and refs[0].startswith("t3."))
    natural = charts.outcome_share_heatmap(frame, year=2022, column="natural_person")
    assert all(v is None for v in natural.data[0].z[list(natural.data[0].y).index(blank_agency)])


@pytest.mark.parametrize("by", ["rule", "report"])
def test_findings_chart_counts(dataset, by):
    findings = dataset.findings_frame()
    fig = charts.findings_chart(findings, by=by)
    drawn = {}
    for trace in fig.data:
        for key, n in zip(trace.y, trace.x):
            drawn[key] = drawn.get(key, 0) + n
    assert sum(drawn.values()) == len(findings)
    if by == "rule":  # each rule's bar, named in words
        from gikkit.wording import rule_name

        assert drawn == {rule_name(code): n for code, n in findings["code"].value_counts().items()}
    assert not charts.findings_chart(findings.iloc[0:0]).data


@pytest.mark.parametrize("draw", [
    lambda f: charts.request_flow(f), lambda f: charts.outcomes_by_applicant(f),
    lambda f: charts.outcomes_by_applicant(f, share=True), lambda f: charts.outcome_reasons(f),
])
def test_a_report_without_requests_says_so_instead_of_empty_axes(seed_report, draw):
    """The seed prints 0 in 一 and 二 of 总计: no axes from -1 to 4 (shares to 400%), the words 本年无申请."""
    assert seed_report.cells["t3.new_received.total"] == 0 == seed_report.cells["t3.carried_over_from_prev.total"]
    fig = draw(seed_report.to_frame())
    assert not fig.data and fig.layout.meta["empty"]
    assert fig.layout.annotations[0].text == "本年无申请"
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
