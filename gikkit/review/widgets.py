"""Set decisions on findings from JupyterLab: pick a finding, confirm or dismiss it with a note and
a name, save. Each save writes the reviews file at once (:func:`gikkit.review.decisions.decide`),
so the file is the record and a re-run of the notebook starts from it.

    >>> panel = review_panel(dataset, "data/reviews.csv", reviewer="王")
    >>> panel.widget        # display it
"""
from __future__ import annotations

import html

import ipywidgets as w

from .decisions import decide, review

TEXT = {
    "zh": {"show": "显示", "open": "未结", "all": "全部", "finding": "问题", "decision": "决定", "note": "说明",
           "reviewer": "审核人", "save": "保存", "confirmed": "确认", "dismissed": "排除", "reopen": "重新打开",
           "saved": "已写入", "need_name": "请填写审核人", "none": "没有问题"},
    "en": {"show": "Show", "open": "open", "all": "all", "finding": "Finding", "decision": "Decision", "note": "Note",
           "reviewer": "Reviewer", "save": "Save", "confirmed": "confirm", "dismissed": "dismiss", "reopen": "reopen",
           "saved": "written to", "need_name": "give the reviewer's name", "none": "no findings"},
}


class ReviewPanel:
    """The widgets (``.widget``) over a review frame; saving writes ``path``."""

    def __init__(self, data, path, reviewer: str = "", lang: str = "zh", severities=("error", "warning")):
        t = self.text = TEXT[lang]
        self.path = path
        frame = data if hasattr(data, "columns") and "fingerprint" in getattr(data, "columns", []) else review(data, path).frame
        self.frame = frame[frame["severity"].isin(severities)].reset_index(drop=True) if severities else frame
        self.show = w.ToggleButtons(options=[(t["open"], "open"), (t["all"], "all")], value="all", description=t["show"])
        self.finding = w.Select(options=[], rows=8, description=t["finding"], layout={"width": "95%"})
        self.detail = w.HTML()
        self.decision = w.ToggleButtons(options=[(t["confirmed"], "confirmed"), (t["dismissed"], "dismissed"),
                                                 (t["reopen"], "open")], value="confirmed", description=t["decision"])
        self.note = w.Textarea(description=t["note"], layout={"width": "95%"})
        self.reviewer = w.Text(value=reviewer, description=t["reviewer"])
        self.save = w.Button(description=t["save"], button_style="primary", icon="save")
        self.message = w.HTML()
        self.show.observe(lambda _: self._fill(), names="value")
        self.finding.observe(lambda _: self._select(), names="value")
        self.save.on_click(lambda _: self.submit())
        self.widget = w.VBox([self.show, self.finding, self.detail, self.decision, self.note,
                              w.HBox([self.reviewer, self.save]), self.message])
        self._fill()

    def _label(self, i: int) -> str:
        r = self.frame.loc[i]
        return f"[{r['status']}] {r['agency']} {r['year']} {r['severity']} {r['code']}: {r['message_zh']}"[:160]

    def _fill(self) -> None:
        rows = self.frame.index if self.show.value == "all" else self.frame.index[self.frame["open"]]
        current = self.finding.value
        self.finding.options = [(self._label(i), int(i)) for i in rows]
        if current in rows:
            self.finding.value = current
        elif len(rows):
            self.finding.value = int(rows[0])
        self._select()

    def _select(self) -> None:
        i = self.finding.value
        if i is None:
            self.detail.value = f"<i>{self.text['none']}</i>"
            return
        r = self.frame.loc[i]
        self.detail.value = (f"<b>{html.escape(str(r['message_zh']))}</b><br>{html.escape(str(r['message_en']))}"
                             f"<br><small>{html.escape(str(r['source']))} · {html.escape(str(r['refs']))}</small>")
        self.decision.value = r["decision"] if r["decision"] in ("confirmed", "dismissed") else "confirmed"
        self.note.value = r["note"] or ""

    def submit(self) -> None:
        """Write the chosen decision for the selected finding to the reviews file."""
        i = self.finding.value
        if i is None:
            return
        if not self.reviewer.value.strip() and self.decision.value != "open":
            self.message.value = f"<span style='color:#d62728'>{self.text['need_name']}</span>"
            return
        row = self.frame.loc[i]
        made = decide(self.path, row, self.decision.value, self.note.value, self.reviewer.value)
        status = made.decision if made else "new"
        self.frame.loc[i, ["status", "open", "decision", "note", "reviewer", "decided_at"]] = [
            status, status != "dismissed", made.decision if made else "", made.note if made else "",
            made.reviewer if made else "", made.decided_at if made else ""]
        self.message.value = f"{self.text['saved']} {html.escape(str(self.path))}: {row['code']} → {status}"
        self._fill()


def review_panel(data, path, reviewer: str = "", lang: str = "zh", severities=("error", "warning")) -> ReviewPanel:
    """A :class:`ReviewPanel` over ``data`` (reports, a Dataset, or a :func:`review` frame) writing ``path``.

    ``severities``: which findings to list (``None``: all, info included).
    """
    return ReviewPanel(data, path, reviewer, lang, severities)
