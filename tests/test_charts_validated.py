"""The one-report charts build their figures from plain dicts without plotly's validation (for
speed): those dicts must be exactly what validation makes of them. Each figure is rebuilt through
plotly's validating constructor (which raises on any unknown property or bad value) and must come
out the same, and stay editable with validation on.
"""
from __future__ import annotations

import plotly.graph_objects as go
import pytest

import gikkit
from gikkit import charts
from fixture_paths import FIXTURES, SEED

REPORTS = [SEED, FIXTURES / "rendered" / "pingtan-2019.html", FIXTURES / "rendered" / "huaian-city-2024.html",
           FIXTURES / "template" / "official-2021-blank.docx"]
CHARTS = [
    lambda f, lang: charts.request_flow(f, lang=lang),
    lambda f, lang: charts.request_flow(f, lang=lang, column="natural_person"),
    lambda f, lang: charts.outcomes_by_applicant(f, lang=lang),
    lambda f, lang: charts.outcomes_by_applicant(f, lang=lang, share=True),
    lambda f, lang: charts.outcome_reasons(f, lang=lang),
    lambda f, lang: charts.proactive_disclosure(f, lang=lang),
    lambda f, lang: charts.review_litigation(f, lang=lang),
]


@pytest.fixture(scope="module", params=REPORTS, ids=lambda p: p.name)
def frame(request):
    return gikkit.read(request.param).to_frame()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_figures_are_what_plotly_validation_makes_of_them(frame, lang):
    for chart in CHARTS:
        fig = chart(frame, lang)
        assert isinstance(fig, go.Figure)
        validated = go.Figure(fig.to_dict())  # raises ValueError on an invalid property or value
        assert validated.to_dict() == fig.to_dict()
        assert fig.layout.meta["lang"] == lang


def test_figures_validate_later_edits(frame):
    fig = charts.proactive_disclosure(frame)  # bars in every format, even with no requests
    assert fig.data
    with pytest.raises(ValueError):
        fig.layout["titel"] = "misspelt"
    with pytest.raises(ValueError):
        fig.update_traces(marker_colr="#000")
    fig.update_layout(height=500)
    assert fig.layout.height == 500
    widget = go.FigureWidget(fig).to_dict()
    for trace in widget["data"]:
        trace.pop("uid", None)  # a widget names its traces
    assert widget == fig.to_dict()
