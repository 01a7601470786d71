"""An explorer over a dataset for JupyterLab: choose agency, year, table and measure; the charts
update in place (plotly ``FigureWidget``), without re-running a cell.

A tidy frame is indexed once (each report's row positions, and a reports x refs matrix of values),
so one update touches only the chosen report's rows and one column of the matrix: it stays fast
on 10,000 reports. A corpus store (:mod:`gikkit.store_view`) is not loaded: only its list of
reports is held, and each update queries the rows it draws (:class:`StoreIndex`), so 100,000
reports fit in a kernel's memory. In a static export (``display.is_static_export()``) callbacks cannot run, so
:func:`explore` returns :func:`gikkit.charts.explorer_figure` instead, whose own menus choose.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import charts, display, schema
from .charts._measures import check_measure, derive, refs_needed, report_info, wide_values
from .charts._text import ui
from .charts.compare import ranking_from_table, trend_from_table, trend_measures
from .schema import TABLE_LABELS

TABLE_CHARTS = {"t2": charts.proactive_disclosure, "t3": charts.outcomes_by_applicant, "t4": charts.review_litigation}
DEFAULT_MEASURES = {"t2": "t2.art20_5.administrative_licensing.decisions_count", "t3": "t3.new_received.total",
                    "t4": "t4.admin_review.total"}
LANG_OPTIONS = (("中文", "zh"), ("English", "en"))
TOP = 20


class _Choices:
    """What the dropdowns offer, from ``self.reports`` (indexed by source: agency, year, template):
    the agencies, each agency's years, and the report shown for an (agency, year) (the first file)."""

    def _index_choices(self) -> None:
        self.reports = self.reports[self.reports["agency"].notna() & self.reports["year"].notna()]
        # A category per template: looking up what a template has (charts' present()) is then per category, not per report.
        self.reports = self.reports.astype({"template": pd.CategoricalDtype(sorted(schema.templates()))})
        first = self.reports.reset_index().drop_duplicates(["agency", "year"])
        self._source = {(a, int(y)): s for s, a, y in zip(first["source"], first["agency"], first["year"])}
        self.agencies = sorted(self.reports["agency"].astype(str).unique())
        self._years: dict[str, list[int]] = {}
        for (a, y) in self._source:
            self._years.setdefault(a, []).append(y)
        self._years = {a: sorted(ys) for a, ys in self._years.items()}
        self._by_agency = {a: g.index for a, g in self.reports.groupby("agency")}
        self._by_year = {int(y): g for y, g in self.reports.groupby("year")}  # a few large groups: kept whole

    def years(self, agency: str) -> list[int]:
        return self._years.get(agency, [])

    def agency_table(self, agency: str, measures) -> pd.DataFrame:
        """``measures`` of the agency's reports (a measures table, as ``charts.measures_table`` gives)."""
        reports = self.reports.loc[self._by_agency[agency]]
        return derive(self._wide(measures, source=list(reports.index)), reports, measures)

    def year_table(self, year: int, measures) -> pd.DataFrame:
        """``measures`` of the year's reports."""
        return derive(self._wide(measures, year=int(year)), self._by_year[int(year)], measures)


class FrameIndex(_Choices):
    """A tidy frame indexed once for fast choices: rows by report, reports by agency and year."""

    def __init__(self, frame: pd.DataFrame):
        codes, sources = pd.factorize(frame["source"])
        order = np.argsort(codes, kind="stable")
        # Sorted by report once, so a report's rows are one contiguous slice (no scan, no gather).
        self.frame = frame.take(order).reset_index(drop=True)
        bounds = np.searchsorted(codes[order], np.arange(len(sources) + 1))
        self._rows = {s: slice(int(bounds[i]), int(bounds[i + 1])) for i, s in enumerate(sources)}
        self.reports = report_info(self.frame)
        self._index_choices()
        self.wide = wide_values(self.frame)

    def report_rows(self, agency: str, year: int) -> pd.DataFrame:
        """The tidy rows of the report for ``agency`` and ``year`` (the first file if several)."""
        return self.frame.iloc[self._rows[self._source[(agency, int(year))]]]

    def _wide(self, measures, **where) -> pd.DataFrame:
        return self.wide  # every report's values, held


class StoreIndex(_Choices):
    """The same answers as :class:`FrameIndex`, from a corpus store: only the list of reports is held;
    each answer is a DuckDB query for the rows it needs (one report's cells; the refs a few measures
    need, of one agency's or one year's reports, out of the store's ``wide`` table)."""

    def __init__(self, store):
        self.store = store
        self.reports = store.report_keys()
        self._index_choices()

    def report_rows(self, agency: str, year: int) -> pd.DataFrame:
        """The tidy rows of the report for ``agency`` and ``year`` (the first file if several)."""
        return self.store.to_frame(year=int(year), source=self._source[(agency, int(year))])

    def _wide(self, measures, **where) -> pd.DataFrame:
        need = dict.fromkeys(r for m in measures for r in refs_needed(m))
        return self.store.wide_frame(need, **where)


def data_index(data) -> FrameIndex | StoreIndex:
    """The index an explorer uses: a tidy frame's, or a store's (a :class:`gikkit.store_view.StoreDataset` or its folder)."""
    if isinstance(data, pd.DataFrame):
        return FrameIndex(data)
    from .store_view import StoreDataset

    return StoreIndex(data if isinstance(data, StoreDataset) else StoreDataset(data))


def show_in_place(widget: go.FigureWidget, fig: go.Figure) -> None:
    """Make ``widget`` show ``fig``: traces restyled where the chart keeps its shape, else replaced."""
    with widget.batch_update():
        if [t.type for t in widget.data] == [t.type for t in fig.data]:
            for old, new in zip(widget.data, fig.data):
                props = new.to_plotly_json()
                props.pop("type", None)
                stale = set(old.to_plotly_json()) - set(props) - {"type", "uid"}
                old.update({k: None for k in stale})
                old.update(props, overwrite=True)
        else:
            widget.data = []
            widget.add_traces(list(fig.data))
        widget.layout = fig.layout


class Explorer:
    """Dropdowns for agency, year, table and measure, and a language switch, over a tidy frame or a
    corpus store (a :class:`gikkit.store_view.StoreDataset` or its folder: nothing loaded but the list
    of reports; each choice queries the rows it shows).

    ``.widget`` is what a notebook displays. ``.figure`` shows the chosen report's table,
    ``.trend_figure`` the measure across the agency's years, ``.ranking_figure`` the agencies
    of the chosen year; all three are ``FigureWidget`` objects updated in place.
    ``.set(agency=..., year=..., table=..., measure=..., lang=...)`` chooses from code.
    """

    def __init__(self, data, *, lang: str = "zh", agency=None, year=None, table: str = "t3",
                 measure: str | None = None, top: int = TOP):
        import ipywidgets as w

        self.index = data_index(data)
        if not self.index.agencies:
            raise ValueError("the data hold no report with an agency and a year")
        self.top = top
        self._busy = False
        self.figure = go.FigureWidget()
        self.trend_figure = go.FigureWidget()
        self.ranking_figure = go.FigureWidget()
        self.agency = w.Dropdown(options=self.index.agencies)
        self.year = w.Dropdown()
        self.table = w.Dropdown()
        self.measure = w.Dropdown(layout=w.Layout(width="420px"))
        self.lang = w.ToggleButtons(options=LANG_OPTIONS, value=lang, style={"button_width": "70px"})
        for control in (self.agency, self.year, self.table, self.measure, self.lang):
            control.observe(self._changed, names="value")
        controls = w.HBox([self.agency, self.year, self.table, self.measure, self.lang],
                          layout=w.Layout(flex_flow="row wrap"))
        self.widget = w.VBox([controls, self.figure, self.trend_figure, self.ranking_figure])
        self.set(agency=agency or self.index.agencies[0], year=year, table=table, measure=measure, lang=lang)

    # -- choices -----------------------------------------------------------------------

    def set(self, *, agency=None, year=None, table=None, measure=None, lang=None) -> "Explorer":
        """Choose any of agency, year, table, measure, lang; the charts update once."""
        self._busy = True
        try:
            if lang is not None:
                self.lang.value = lang
            if agency is not None:
                if agency not in self.index.agencies:
                    raise ValueError(f"unknown agency {agency!r}")
                self.agency.value = agency
            if table is not None and table not in TABLE_CHARTS:
                raise ValueError(f"table must be one of {sorted(TABLE_CHARTS)}, not {table!r}")
            if measure is not None:
                check_measure(measure)
                if table is not None and measure.split(".")[0] != table:
                    raise ValueError(f"measure {measure!r} is not a measure of table {table!r}")
                table = measure.split(".")[0]
            self._fill_options(year=year, table=table, measure=measure)
        finally:
            self._busy = False
        self.refresh()
        return self

    def _fill_options(self, *, year=None, table=None, measure=None) -> None:
        """Options and labels of every control for the current agency, table and language."""
        lang = self.lang.value
        self.agency.description = ui("agency", lang)
        self.year.description = ui("year", lang)
        self.table.description = "表" if lang == "zh" else "Table"
        self.measure.description = ui("measure", lang)
        years = self.index.years(self.agency.value)
        keep = year if year is not None else self.year.value
        self.year.options = years
        self.year.value = int(keep) if keep is not None and int(keep) in years else years[-1]
        table = table or self.table.value or "t3"
        self.table.options = [(TABLE_LABELS[t][0 if lang == "zh" else 1], t) for t in TABLE_CHARTS]
        self.table.value = table
        options = charts.table_measures(table, lang)
        keep = measure or self.measure.value
        self.measure.options = options
        valid = [m for _, m in options]
        self.measure.value = keep if keep in valid else DEFAULT_MEASURES[table]

    def _changed(self, change) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            self._fill_options()
        finally:
            self._busy = False
        self.refresh()

    # -- drawing -----------------------------------------------------------------------

    def figures(self) -> tuple[go.Figure, go.Figure, go.Figure]:
        """The three charts for the current choice, as plain figures."""
        agency, year, lang = self.agency.value, int(self.year.value), self.lang.value
        table, measure = self.table.value, self.measure.value
        report = TABLE_CHARTS[table](self.index.report_rows(agency, year), lang=lang)
        need = trend_measures([measure])
        trend = trend_from_table(self.index.agency_table(agency, need), agency=agency, measure=measure, lang=lang)
        ranking = ranking_from_table(self.index.year_table(year, [measure]), year=year, measure=measure,
                                     lang=lang, top=self.top)
        return report, trend, ranking

    def refresh(self) -> None:
        """Redraw the three charts for the current choice, in place."""
        report, trend, ranking = self.figures()
        show_in_place(self.figure, report)
        show_in_place(self.trend_figure, trend)
        show_in_place(self.ranking_figure, ranking)


def explore(data, *, lang: str = "zh", measure: str | None = None, **choices):
    """The explorer over ``data`` (a tidy frame, or a corpus store or its folder): the live widget in a
    notebook, or in a static export the figure with its own dropdowns (:func:`gikkit.charts.explorer_figure`,
    which needs a tidy frame)."""
    if display.is_static_export():
        if not isinstance(data, pd.DataFrame):  # its static figure holds every report: not for a store
            from IPython.display import HTML

            return HTML("<p>浏览器需要运行中的 Jupyter 内核。 The explorer of a corpus store needs a live kernel.</p>")
        return charts.explorer_figure(data, measure=measure, lang=lang)
    return Explorer(data, lang=lang, measure=measure, **choices).widget
