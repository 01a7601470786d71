"""Charts of report data: tidy frame in (``Report.to_frame()`` / ``Dataset.to_frame()``),
``plotly.graph_objects.Figure`` out. Every function takes the same keywords: ``agency``,
``year``, ``measure`` (a cell ref such as ``"t3.new_received.total"``, or a 表三 group such as
``"t3.withheld.total"``), ``lang="zh"|"en"``; labels come from the spec (``gikkit.schema``).

Blank cells are never drawn as 0: they are left out and a note under the chart names them.

    >>> from gikkit import charts
    >>> charts.request_flow(report.to_frame(), lang="en")          # one report
    >>> charts.trend(dataset.to_frame(), agency="淮安市人民政府", measure="t3.granted.total")
"""
from ._common import FONT_FAMILY, LANGS
from ._measures import KEY_MEASURES, counterpart, label as measure_label, measures_table, table_measures
from .compare import outcome_share_heatmap, ranking, trend
from .explorer import explorer_figure
from .findings import findings_chart
from .peers import peer_chart
from .proactive import proactive_disclosure
from .requests import outcome_reasons, outcomes_by_applicant, request_flow
from .review import review_litigation

__all__ = [
    "FONT_FAMILY", "KEY_MEASURES", "LANGS", "counterpart", "explorer_figure", "findings_chart", "measure_label",
    "measures_table", "outcome_reasons", "outcome_share_heatmap", "outcomes_by_applicant", "peer_chart", "proactive_disclosure",
    "ranking", "request_flow", "review_litigation", "table_measures", "trend",
]
