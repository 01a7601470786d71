"""A web page's title and publication date, for the HTML reader (:mod:`.html`).

The title comes from ``<h1>``/``<h2>`` or ``<title>``; the date from the page's meta tags
(PubDate and the like) or, failing those, its "发布时间：2020-01-20" line.
"""
from __future__ import annotations

import re

from .html_tree import get_text, single_string

_PUBLISHED = re.compile(r"(?:发布|公开|发表|成文)?(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
_PUBDATE_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "publishtime")


def page_title(root) -> str | None:
    """The report's title: the first <h1>/<h2> (or <title>) naming a year's 报告, else the first of them."""
    candidates = [get_text(h, " ") for h in root.iter("h1", "h2")]
    title = next(root.iter("title"), None)
    if title is not None and single_string(title):
        candidates.append(get_text(title, " "))
    for text in candidates:
        if "报告" in text and "年" in text:
            return text
    return candidates[0] if candidates else None


def published_date(root) -> str | None:
    """The publication date (ISO) from a PubDate-like meta tag, else from a "发布时间：…" line of the page."""
    from datetime import date

    def found():
        for meta in root.iter("meta"):
            if (meta.get("name") or meta.get("property") or "").lower() in _PUBDATE_META:
                yield meta.get("content") or ""
        yield get_text(root, " ")  # the page's text only when no meta tag gives the date

    for text in found():
        m = _PUBLISHED.search(text) or re.match(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
        if m:
            try:
                return date(*map(int, m.groups())).isoformat()
            except ValueError:
                continue
    return None
