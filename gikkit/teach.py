"""The lesson's exercises (notebooks/teach.ipynb): answer checks, the reason for each answer, worked solutions.

Answers are worked out here from the reports and their findings, never written in the notebook,
so neither the notebook nor its exported page (teach.html) shows one. A right answer is told why it is
right; a wrong one gets a hint. Everything is said in the lesson's language (``lang``: "zh" or "en").
On an exported page (no kernel) each exercise is a form that the page's script checks in the browser
against hashes of the right answers (:meth:`Lesson._quiz`).
The worked solutions show only when asked for (``gikkit export --teacher``).
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

from .display import Feedback, html_table, is_static_export
from .schema import cell_spec
from .wording import cell_words, plain

EXERCISES = ("broken_report", "blank_column", "carried_forward", "carryover_break")  # the variables a student sets
BLANK_AGENCY, BLANK_YEAR = "江临市江北区东湖街道办事处", 2020  # exercise 2's report
CITY, CITY_YEAR = "江临市人民政府", 2022  # exercise 3's report
NEW, OVER = "t3.new_received.total", "t3.carried_over_from_prev.total"
DONE, FORWARD = "t3.outcome_total.total", "t3.carried_forward_to_next.total"

WORDS = {
    "zh": {"unanswered": "还没有作答：把上面的 None 换成你的答案，再运行。",
           "on_page": "在这里作答，或在 JupyterLab 中打开 notebooks/teach.ipynb（make lab）。", "check": "核对", "right": "✔ 正确！", "wrong": "✘ 不对，再试一次。",
           "yours": "你的答案", "why": "为什么", "hint": "提示", "solutions": "参考答案（教师版）", "answer": "答案",
           "how": "做法", "file": "文件", "agency": "机关", "year": "年度", "template": "模板", "format": "格式",
           "exercise": "练习"},
    "en": {"unanswered": "Not answered yet: replace None above with your answer and run again.", "right": "✔ Right!",
           "on_page": "Answer here, or open notebooks/teach.ipynb in JupyterLab (make lab).", "check": "Check",
           "wrong": "✘ Not quite; try again.", "yours": "Your answer", "why": "Why", "hint": "Hint",
           "solutions": "Worked solutions (teacher's copy)", "answer": "Answer", "how": "How",
           "file": "File", "agency": "Agency", "year": "Year", "template": "Template", "format": "Format",
           "exercise": "Exercise"},
}
HINTS = {
    "broken_report": ("看看严重程度为 error 的检查发现：findings[findings['severity'] == 'error']。",
                      "Look at the findings of severity error: findings[findings['severity'] == 'error']."),
    "blank_column": ("对这份报告的每个单元格看 report.status(ref)：空白的单元格是 'blank'。",
                     "Try report.status(ref) on the report's cells: a blank one says 'blank'."),
    "carried_forward": ("c['t3.new_received.total'] + c['t3.carried_over_from_prev.total'] - c['t3.outcome_total.total']。",
                        "c['t3.new_received.total'] + c['t3.carried_over_from_prev.total'] - c['t3.outcome_total.total']."),
    "carryover_break": ("按机关把各年的“上年结转”和上一年的“结转下年度”排在一起比。",
                        "Line up each year's carried-over figure with the year before's carried-forward one, by agency."),
}
HOW = {
    "broken_report": ("筛出 error 级的检查发现，看它们来自哪份报告。", "Keep the findings of severity error and see which report they come from."),
    "blank_column": ("在表三“（七）总计”行里找状态为 blank 的单元格。", "Find the cell of the 三(七) total row whose status is blank."),
    "carried_forward": ("一 + 二 − 三(七)，都用总计列。", "一 + 二 − 三(七), all in the total column."),
    "carryover_break": ("对每个机关，比较每年的“二、上年结转”和上一年报告的“四、结转下年度继续办理”。",
                        "For each agency, compare each year's 上年结转 with the year before's 结转下年度."),
}


SEED_FILE = "000_c2619695b87ce2e6.txt"  # the real report the lesson reads by name


def lesson_fits(reports) -> bool:
    """True when ``reports`` hold the ones the lesson is written about (data/): only then is teach.html made."""
    held = {(r.agency, r.year) for r in reports}
    names = {Path(r.source).name for r in reports}
    return {(CITY, CITY_YEAR), (BLANK_AGENCY, BLANK_YEAR)} <= held and SEED_FILE in names


def _typed_key(text: str) -> str:
    """What the page's script makes of a typed answer (page.js ``typedKey``): lower case, no quotes or
    brackets, parts split at commas and trimmed. ("江临市生态环境局", 2023) and 江临市生态环境局，2023 are one answer."""
    parts = re.sub(r"[()（）\[\]\"'“”‘’「」]", "", text.lower())
    return "|".join(part.strip() for part in re.split(r"[,，、]", parts))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sealed(text: str, seed: str) -> str:
    """``text`` XORed with SHA-256 blocks of ``seed`` (page.js ``unseal`` undoes it), as base64."""
    data = text.encode("utf-8")
    stream = b"".join(hashlib.sha256(f"{seed}|{i}".encode("utf-8")).digest() for i in range(len(data) // 32 + 1))
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, stream))).decode("ascii")


def _norm(value):
    if isinstance(value, str):
        return value.strip().lower()
    if isinstance(value, (list, tuple)):  # ("机关", 2023) and ["机关", 2023] are the same answer
        return tuple(_norm(x) for x in value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class Lesson:
    """The four exercises over a dataset (data/): ``check(name, answer)`` and ``solutions()``."""

    def __init__(self, dataset, lang: str = "zh"):
        self.lang = "en" if lang == "en" else "zh"
        self.reports = {(r.agency, r.year): r for r in dataset.reports}
        self.dataset = dataset

    # --- each exercise: the accepted answers (first: the one shown in a solution) and the reason ---------
    def _broken_report(self):
        broken = [r for r in self.dataset.reports if any(f.severity == "error" for f in r.findings)]
        accepted = [n for r in broken for n in (Path(r.source).name, Path(r.source).stem)]
        reasons = [f"{Path(r.source).name}: " + ("；" if self.lang == "zh" else "; ").join(plain(f.message_zh if self.lang == "zh" else f.message_en,
                                                                 r.template, self.lang)
                                                           for f in r.findings if f.severity == "error")
                   for r in broken]
        return accepted, " ".join(reasons)

    def _blank_column(self):
        report = self.reports[(BLANK_AGENCY, BLANK_YEAR)]
        refs = [ref for ref in report.cells if ref.startswith("t3.outcome_total.") and report.status(ref) == "blank"]
        accepted = []
        for ref in refs:
            spec = cell_spec(ref, report.template)
            accepted += [spec.column_label_zh if self.lang == "zh" else spec.column_label_en,
                         spec.column, spec.column_label_zh, spec.column_label_en]
        cells = "、".join(cell_words(ref, report.template, self.lang) for ref in refs)
        reason = (f"{cells} 印为空白。gikkit 不把空白当作 0：它是缺失值，检查发现会指出它。" if self.lang == "zh" else
                  f"{cells} is printed blank. gikkit does not read a blank as 0: it is missing, and a finding says so.")
        return accepted, reason

    def _carried_forward(self):
        c = self.reports[(CITY, CITY_YEAR)].cells
        value = int(c[NEW] + c[OVER] - c[DONE])
        same = value == c[FORWARD]
        reason = (f"一 {c[NEW]} + 二 {c[OVER]} − 三(七) {c[DONE]} = {value}；报告“四、结转下年度继续办理”印的是 {c[FORWARD]}"
                  f"{'，一致' if same else '，不一致'}。" if self.lang == "zh" else
                  f"一 {c[NEW]} + 二 {c[OVER]} − 三(七) {c[DONE]} = {value}; the report prints {c[FORWARD]} as carried "
                  f"forward{' (the same)' if same else ' (not the same)'}.")
        return [value, str(value)], reason

    def _carryover_break(self):
        accepted, reasons = [], []
        for (agency, year), report in sorted(self.reports.items(), key=lambda kv: (kv[0][0] or "", kv[0][1] or 0)):
            before = self.reports.get((agency, year - 1)) if year else None
            if before is None or report.cells.get(OVER) is None or before.cells.get(FORWARD) is None:
                continue
            if report.cells[OVER] != before.cells[FORWARD]:
                accepted.append((agency, year))
                reasons.append(f"{agency} {year} 年报告的“上年结转”是 {report.cells[OVER]}，而 {year - 1} 年报告的"
                               f"“结转下年度”是 {before.cells[FORWARD]}。" if self.lang == "zh" else
                               f"{agency} {year} carried over {report.cells[OVER]}, but its {year - 1} report "
                               f"carried forward {before.cells[FORWARD]}.")
        return accepted, " ".join(reasons)

    def _answer(self, name: str):
        if name not in EXERCISES:
            raise ValueError(f"no exercise {name!r} (known: {', '.join(EXERCISES)})")
        return getattr(self, f"_{name}")()

    def check(self, name: str, answer) -> Feedback:
        """Feedback on ``answer`` to exercise ``name``: right (and why), wrong (and a hint), or not answered yet."""
        w = WORDS[self.lang]
        if answer is None and is_static_export():  # a published page: the reader answers in the browser
            return Feedback(False, self._quiz(name))
        if answer is None:
            return self._feedback("unanswered", w["unanswered"], "#555", answer, "")
        accepted, reason = self._answer(name)
        if _norm(answer) in {_norm(a) for a in accepted}:
            return self._feedback("true", w["right"], "#1a7f37", answer, f"<b>{w['why']}:</b> {html.escape(reason)}")
        hint = HINTS[name][self.lang == "en"]
        return self._feedback("false", w["wrong"], "#c62828", answer, f"<b>{w['hint']}:</b> {html.escape(hint)}")

    def _feedback(self, state: str, verdict: str, colour: str, answer, more: str) -> Feedback:
        yours = "" if answer is None else f"<div>{WORDS[self.lang]['yours']}: {html.escape(repr(answer))}</div>"
        more = f"<div>{more}</div>" if more else ""
        markup = (f'<div class="gikkit-check" data-right="{state}" style="border-left:4px solid {colour};'
                  f'padding:4px 10px;margin:6px 0"><b>{html.escape(verdict)}</b>{yours}{more}</div>')
        return Feedback(state == "true", markup)

    def _quiz(self, name: str) -> str:
        """A form the page's script checks (page.js): it holds hashes of the accepted answers, never one.

        The reason for the right answer is there too, but only as bytes mixed with a key made from that
        answer (:func:`_sealed`): it can be read back only by typing the answer.
        """
        w, (accepted, reason) = WORDS[self.lang], self._answer(name)
        sealed = {_digest(f"{name}|{key}"): _sealed(reason, f"reason|{name}|{key}")
                  # sorted: a set's order changes from run to run, and the page should be the same bytes
                  for key in sorted({_typed_key(", ".join(map(str, a)) if isinstance(a, tuple) else str(a)) for a in accepted})}
        words = {"right": w["right"], "wrong": w["wrong"], "why": w["why"], "hint": w["hint"],
                 "hint_text": HINTS[name][self.lang == "en"]}
        field = f"quiz-{name}"
        return (f'<div class="gikkit-check" data-right="unanswered"><form class="gikkit-quiz" data-exercise="{name}" '
                f"data-answers='{html.escape(json.dumps(sealed), quote=True)}' "
                f"data-words='{html.escape(json.dumps(words, ensure_ascii=False), quote=True)}'>"
                f'<p>{html.escape(w["on_page"])}</p><label for="{field}">{html.escape(w["yours"])}</label> '
                f'<input id="{field}" type="text" autocomplete="off"> <button type="submit">{html.escape(w["check"])}</button>'
                f'<output role="status" aria-live="polite"></output></form></div>')

    def overview(self):
        """The reports of the lesson without their findings counts (which would give exercise 1 away)."""
        from IPython.display import HTML

        w = WORDS[self.lang]
        rows = [(Path(r.source).name, r.agency, r.year, r.template, r.format)
                for r in sorted(self.dataset.reports, key=lambda r: (r.agency or "", r.year or 0))]
        return HTML(html_table(rows, headers=[w["file"], w["agency"], w["year"], w["template"], w["format"]]))

    def solutions_html(self) -> str:
        """Every exercise's answer, how to find it and why it is right."""
        w = WORDS[self.lang]
        parts = [f'<section class="gikkit-solutions"><h2 id="solutions">{html.escape(w["solutions"])}</h2>']
        for number, name in enumerate(EXERCISES, 1):
            accepted, reason = self._answer(name)
            shown = accepted[0] if accepted else "—"
            parts.append(f"<h3>{w['exercise']} {number}</h3><p><b>{w['answer']}:</b> "
                         f"<code>{html.escape(repr(shown))}</code></p>"
                         f"<p><b>{w['how']}:</b> {html.escape(HOW[name][self.lang == 'en'])}</p>"
                         f"<p><b>{w['why']}:</b> {html.escape(reason)}</p>")
        return "".join(parts) + "</section>"

    def solutions(self, teacher: bool = True):
        """The worked solutions as notebook HTML, or nothing at all when ``teacher`` is false."""
        if not teacher:
            return None
        from IPython.display import HTML

        return HTML(self.solutions_html())
