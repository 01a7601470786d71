"""A chart's text alternative and the table of its numbers, for a reader who cannot see the chart.

From the figure JSON alone (the same the page draws): the title and notes as a label, and each
trace's numbers as rows of an HTML table tucked in a ``<details>`` under the chart. Everything is
escaped; plotly's markup in titles (``<br>``, ``<sup>``) becomes spaces.
"""
from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")
WORDS = {"zh": ("图表中的数字", "系列", "类别", "数值"), "en": ("The numbers in this chart", "Series", "Category", "Value")}
MAX_ROWS = 400  # a chart of many agencies stays readable; the site's CSV has every number


def _plain(text) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", str(text or ""))).split())


def _title(fig: dict) -> str:
    title = (fig.get("layout") or {}).get("title") or {}
    return _plain(title.get("text") if isinstance(title, dict) else title)


def figure_label(fig: dict) -> str:
    """The chart's title and its notes (blanks left out, template used...), as one line of text."""
    layout = fig.get("layout") or {}
    meta = layout.get("meta") if isinstance(layout.get("meta"), dict) else {}
    notes = [_plain(n) for n in meta.get("notes", [])]
    if meta.get("empty"):
        notes = [_plain(a.get("text")) for a in layout.get("annotations", [])[:1]] + notes
    return "; ".join(x for x in [_title(fig), *notes] if x)


def _number(v) -> str:
    if isinstance(v, bool) or v is None:
        return ""
    if isinstance(v, float):
        if v != v:
            return ""
        return str(int(v)) if v.is_integer() else f"{v:.4g}"
    return str(v)


def _rows(fig: dict) -> list[tuple[str, str, str]]:
    rows = []
    for trace in fig.get("data") or []:
        if trace.get("visible") is False:
            continue
        name = _plain(trace.get("name"))
        kind = trace.get("type")
        if kind == "sankey":
            link, labels = trace.get("link") or {}, (trace.get("node") or {}).get("label") or []
            for s, d, v in zip(link.get("source", []), link.get("target", []), link.get("value", [])):
                rows.append((name, f"{_plain(labels[s]) if s < len(labels) else s} → "
                                   f"{_plain(labels[d]) if d < len(labels) else d}", _number(v)))
        elif kind == "heatmap":
            xs, ys, z = trace.get("x") or [], trace.get("y") or [], trace.get("z") or []
            for y, line in zip(ys, z):
                for x, v in zip(xs, line or []):
                    rows.append((_plain(y), _plain(x), _number(v)))
        else:
            xs, ys = trace.get("x"), trace.get("y")
            if not isinstance(xs, list) or not isinstance(ys, list):
                continue
            horizontal = trace.get("orientation") == "h"
            for x, y in zip(xs, ys):
                category, value = (y, x) if horizontal else (x, y)
                rows.append((name, _plain(category), _number(value)))
    return rows


def figure_table(fig: dict, lang: str = "zh") -> str:
    """A ``<details>`` holding the chart's numbers as a table ("" when it draws none)."""
    rows = _rows(fig)
    if not rows:
        return ""
    summary, *heads = WORDS["en" if lang == "en" else "zh"]
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows[:MAX_ROWS])
    more = f"<p>… {len(rows) - MAX_ROWS}</p>" if len(rows) > MAX_ROWS else ""
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    return (f'<details class="figure-data"><summary>{summary}</summary>'
            f'<div class="table-scroll" tabindex="0" role="region" aria-label="{summary}">'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{more}</details>")
