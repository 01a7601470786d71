"""Each finding's review status in a notebook: the decision widgets in a live kernel, a table in an export.

An exported page has no kernel to write ``reviews.csv``, so it shows what the file says: each
error and warning with its status (new, confirmed, dismissed, reopened), the note and who decided,
and the decisions whose finding is gone (stale), never dropped silently.
"""
from __future__ import annotations

from pathlib import Path

from ..display import _html_object, html_table, is_static_export
from .decisions import review

STATUS_WORDS = {"new": ("未处理", "new"), "confirmed": ("已确认", "confirmed"), "dismissed": ("已排除", "dismissed"),
                "reopened": ("数字已变，重新打开", "reopened: figures changed")}
HEADERS = {"zh": ["机关", "年度", "严重程度", "规则", "检查发现", "状态", "说明", "核查人"],
           "en": ["Agency", "Year", "Severity", "Rule", "Finding", "Status", "Note", "Reviewer"]}


def status_rows(result, lang: str = "zh") -> list[list]:
    """Rows of :data:`HEADERS` for the errors and warnings of a :class:`~gikkit.review.Review`."""
    f = result.frame
    if not len(f):
        return []
    f = f[f["severity"].isin(("error", "warning"))]
    message = "message_zh" if lang == "zh" else "message_en"
    words = {k: v[lang != "zh"] for k, v in STATUS_WORDS.items()}
    return [[r["agency"], r["year"], r["severity"], r["code"], r[message], words.get(r["status"], r["status"]),
             r["note"], r["reviewer"]] for r in f.to_dict("records")]


def review_status(data, path: str | Path, *, lang: str = "zh", reviewer: str = ""):
    """The review of ``data``'s findings against the reviews file at ``path``: widgets that write the
    file in a live kernel (:func:`gikkit.review.widgets.review_panel`), an escaped table in an export.
    ``data`` may be a :class:`~gikkit.review.decisions.Review` already made (from a corpus store: a table, no widgets)."""
    from .decisions import Review

    if isinstance(data, Review):
        result = data
    elif not is_static_export():
        from .widgets import review_panel

        return review_panel(data, path, reviewer=reviewer, lang=lang).widget
    else:
        result = review(data, path if Path(path).exists() else None)
    rows = status_rows(result, lang)
    counts = {}
    for row in rows:
        counts[row[5]] = counts.get(row[5], 0) + 1
    summary = "；".join(f"{k} {v}" for k, v in counts.items()) if lang == "zh" else "; ".join(f"{k}: {v}" for k, v in counts.items())
    parts = [f"<p>{summary}</p>" if summary else "", html_table(rows, headers=HEADERS[lang]) if rows else "<p>—</p>"]
    if result.stale:
        title = "已无对应检查发现的决定（保留在文件中）" if lang == "zh" else "Decisions whose finding is gone (kept in the file)"
        stale = [[d.agency, d.year, d.code, d.decision, d.note, d.reviewer] for d in result.stale]
        parts.append(f"<h3>{title}</h3>" + html_table(stale, headers=HEADERS[lang][:2] + HEADERS[lang][3:4]
                                                       + HEADERS[lang][5:]))
    return _html_object("".join(parts))
