"""Text against tables: figures the sections quote (收到申请N件, 办结N件, 结转N件, 行政复议/诉讼N件) vs the cells.

Precise rather than greedy. A figure counts as a claim about the table only when
- it matches one of the phrasings in ``CLAIMS`` (a number followed by 件, right after the words
  that name the quantity; "收到1件人大代表建议" is not a request),
- the sentence before it speaks for the report's own agency ("2024年，全市共受理…", "我街道未收到…"),
  not for a sub-unit ("区政府办代表区政府受理…17件" in 洪泽's report is about the office, not the table),
- and no other year, nor last year, is named before it in the sentence.
A figure that passes these tests and differs from its cell is a warning; one whose cell is
missing is a ``cannot_check``.
信息处理费: no table cell holds the fee amount (section 六 reports it in words), so "收取信息处理费
3940元" is not compared; the one fee statement a cell can contradict is "未发出收费通知" against
三(六)2 (requests dropped because a fee notice went unpaid, 2021 format).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..findings import Finding
from ..schema import Template
from .base import cannot, emits, label, make, number, value
from .structure import flat

_Q = r"(?:政府信息公开|信息公开|依申请公开)?"
_ADV = r"(?:共计|合计|总计|累计|共)?"
_N = r"(?P<n>\d[\d,]*)(?:件|起|宗)"
_NONE = r"(?:未|没有)"
_LIT = ("t4.litigation_direct.total", "t4.litigation_after_review.total")
_REVIEW = ("t4.admin_review.total",)


@dataclass(frozen=True)
class Claim:
    """A way reports quote a figure, and the cells (summed) that figure names."""

    key: str
    label_zh: str
    label_en: str
    patterns: tuple[str, ...]
    targets: tuple[tuple[str, ...], ...]  # each tuple of refs, summed, must equal the figure
    figure: int | None = None  # for statements without a number ("未收到申请" = 0)
    follows_claim: bool = False  # only right after another claim about requests ("受理…N件，答复M件")
    breakdown: tuple[str, ...] = ()  # t4 rows whose columns a following "其中结果维持N件…" names
    topic_before: bool = False  # outside section 四, "信息公开" must come before the figure
    with_carryover: tuple[str, ...] = ()  # also accepted when "（含上年结转…）" follows the figure


CLAIMS: tuple[Claim, ...] = (
    Claim("received", "收到申请", "requests received",
          (rf"(?:新收|收到|受理|接收|接到)(?:并(?:办理|处理|答复|办结))?(?:各类)?{_Q}申请{_ADV}{_N}", rf"(?:新收|收到|受理|接收|接到){_ADV}{_N}{_Q}申请"),
          (("t3.new_received.total",),), with_carryover=("t3.new_received.total", "t3.carried_over_from_prev.total")),
    Claim("received_none", "未收到申请", "no requests received",
          (rf"{_NONE}(?:收到|受理|接到|新收)(?:任何)?{_Q}申请",), (("t3.new_received.total",),), figure=0),
    Claim("concluded", "办结申请", "requests concluded",
          (rf"(?:办结|答复|办理完毕|完成答复|作出答复){_Q}申请{_ADV}{_N}",), (("t3.outcome_total.total",),)),
    Claim("concluded_after", "办结申请", "requests concluded",
          (rf"(?:办结|答复|办理完毕|完成答复|作出答复){_ADV}{_N}",), (("t3.outcome_total.total",),), follows_claim=True),
    Claim("carried_over", "上年结转申请", "requests carried over from last year",
          (rf"上一?年度?结转(?:的|过来的|而来的)?{_Q}(?:申请)?{_ADV}{_N}",), (("t3.carried_over_from_prev.total",),)),
    Claim("carried_forward", "结转下年度申请", "requests carried forward to next year",
          (rf"(?:结转|顺延|转入)(?:至|到)?下一?年度?(?:继续)?(?:办理|答复)?的?{_Q}(?:申请)?{_ADV}{_N}",
           rf"{_N}(?:申请)?(?:结转|顺延|转入)(?:至|到)?下一?年度?"),
          (("t3.carried_forward_to_next.total",),)),
    Claim("review", "行政复议", "administrative reviews",
          (rf"(?<!复议[和、及与或])行政复议(?:案件|申请)?{_ADV}{_N}",), (_REVIEW,), breakdown=("admin_review",),
          topic_before=True),
    Claim("litigation", "行政诉讼", "lawsuits",
          (rf"(?<!复议[和、及与或])行政诉讼(?:案件)?{_ADV}{_N}",), (_LIT,),
          breakdown=("litigation_direct", "litigation_after_review"), topic_before=True),
    Claim("review_litigation_none", "未发生行政复议、行政诉讼", "no reviews or lawsuits",
          (rf"(?:未|没有|无)(?:发生|出现|收到|涉及|产生)?(?:因{_Q}(?:工作)?(?:而)?(?:引起|引发|产生)?的?)?{_Q}(?:类)?"
           r"(?:被申请)?行政复议(?:案件)?(?:和|、|及|与|或)(?:被提起)?行政诉讼",), (_REVIEW, _LIT), figure=0),
    Claim("review_none", "未发生行政复议", "no administrative reviews",
          (rf"{_NONE}(?:发生|出现|收到|涉及|被申请|产生){_Q}(?:类)?行政复议(?![和、及与或后])",), (_REVIEW,), figure=0),
    Claim("litigation_none", "未发生行政诉讼", "no lawsuits",
          (rf"{_NONE}(?:发生|出现|涉及|被提起|产生){_Q}(?:类)?行政诉讼",), (_LIT,), figure=0),
    Claim("no_fee_notice", "未发出收费通知", "no fee notices issued",
          (r"未(?:向申请人)?(?:发出|出具|下发|发送|开具)(?:过)?(?:任何)?(?:信息处理费)?的?(?:缴费|收费)通知",),
          (("t3.other_fee_unpaid.total",),), figure=0),
)
BREAKDOWN = {"结果维持": "upheld", "维持": "upheld", "结果纠正": "corrected", "纠正": "corrected",
             "其他结果": "other_result", "尚未审结": "pending", "未审结": "pending"}
_BREAKDOWN_ITEM = re.compile(rf"({'|'.join(sorted(BREAKDOWN, key=len, reverse=True))})的?{_N}")
SECTIONS = ("s1_overview", "s3_applications", "s4_review_litigation", "s6_other_matters")
TOPIC_SECTIONS = ("s3_applications", "s4_review_litigation")  # sections about requests and cases only
_TOPIC = re.compile(r"信息公开|依申请|公开申请")  # elsewhere a sentence must say it is about disclosure

# What may stand before a claim in its sentence without making it about someone else.
_BENIGN = re.compile(r"政府信息公开|信息公开|政务公开|依申请公开|申请|办理|办结|处理|受理|答复|收到|情况|工作")
_TIME = re.compile(r"\d{4}年度?|\d{1,2}月(?:\d{1,2}日)?|本年度?|全年|年内|今年|当年|截至|截止|目前")
_SELF = re.compile(r"[我本](?:街道|单位|机关|部门|中心|政府|市|区|县|镇|乡|局|委|办|厅|院|署|会)")
_OTHER_UNIT = re.compile(r"办|局|委|厅|署|院|部门|单位|政府|中心|机关|公司|街道|镇|乡|村|社区|县|区|市|省|各")
_OTHER_TIME = re.compile(r"上一?年|去年|前年|同比|环比")
_YEAR = re.compile(r"(\d{4})年")
_SUPERSET = re.compile(r"^[^。；]{0,4}其中[^。；]{0,12}(?:信息公开|依申请)")  # "…1200件，其中涉及信息公开的80件"
_CARRYOVER_INCLUDED = re.compile(r"^[（(，,]?(?:其中|含|包括)[^，。；]{0,6}?上一?年度?结转")
_OTHER_NOUN = re.compile(r"建议|提案|咨询|留言|信访|来信|投诉|热线")
_LEVEL_GOVERNMENT = re.compile(r"(?:人民政府|政府|办事处|管委会|管理委员会)$")


@lru_cache(maxsize=4096)  # asked for every claim of every sentence, of the same few agency names
def _own_names(agency: str | None) -> tuple[str, ...]:
    """Ways a report names its own agency: the name, with 人民政府 shortened, '全市' for a city government."""
    if not agency:
        return ()
    name = re.sub(r"[（(].*?[）)]", "", flat(agency))
    names = [name, name.replace("人民政府", "政府")]
    if _LEVEL_GOVERNMENT.search(name):
        level = re.findall(r"(省|市|区|县|镇|乡|街道)", name.replace("办事处", ""))
        names += [f"全{level[-1]}"] if level else []
    return tuple(names)


_LAW_TITLE = re.compile(r"《[^》]*》")


@lru_cache(maxsize=4096)  # the same agency for every claim of a report
def _own_words(agency: str | None) -> tuple[str, ...]:
    """What :func:`speaks_for_agency` removes, in order: the agency's names (longest first), then the
    fragments of its name ("田镇街道", "区政府"), longest first, which are the agency too."""
    names = sorted(_own_names(agency), key=len, reverse=True)
    own = flat(agency or "").replace("人民政府", "政府")
    fragments = [own[i:i + size] for size in range(len(own), 1, -1) for i in range(len(own) - size + 1)]
    return tuple(names) + tuple(dict.fromkeys(fragments))  # a repeated fragment is already gone the second time


def speaks_for_agency(prefix: str, agency: str | None) -> bool:
    """Whether the words before a claim leave the report's own agency as its subject."""
    s = _unowned(prefix) if len(prefix) <= _REMEMBERED_LENGTH else _unowned.__wrapped__(prefix)
    for words in _own_words(agency):
        if words in s:
            s = s.replace(words, "")
    return not _OTHER_UNIT.search(s)


@lru_cache(maxsize=4096)  # the same few phrasings stand before a claim in report after report
def _unowned(prefix: str) -> str:
    """The words before a claim without titles of laws (they name no one), the benign words, times and 我/本…."""
    return _SELF.sub("", _TIME.sub("", _BENIGN.sub("", _LAW_TITLE.sub("", prefix))))


def _about_report_year(prefix: str, year: int | None) -> bool:
    if _OTHER_TIME.search(prefix):
        return False
    return all(int(y) == year for y in _YEAR.findall(prefix)) if year else True


@dataclass
class Quote:
    """One figure quoted in a sentence, and where."""

    claim: Claim
    figure: int
    start: int
    end: int


_DIGIT = re.compile(r"\d")
_REMEMBERED_LENGTH = 300  # characters: longer sentences and prefixes are worked out each time, not kept
# The claims' patterns compiled once (re's own cache costs a look-up per pattern per sentence).
_COMPILED_CLAIMS = tuple((claim, tuple(re.compile(p) for p in claim.patterns)) for claim in CLAIMS)
# Any claim at all, in one scan (group names dropped: they may repeat): most sentences quote none.
_ANY_CLAIM = re.compile("|".join(f"(?:{p.replace('(?P<n>', '(?:')})" for claim in CLAIMS for p in claim.patterns))


def quotes(sentence: str) -> list[Quote]:
    """Every claim quoted in one sentence, in order, longer matches first where they overlap."""
    # The patterns see a digit only as \d: the sentence with every digit a 0 has the same matches, and
    # recurs from report to report ("全年共收到…申请0000件"), so where they are is remembered for it.
    shape = _DIGIT.sub("0", sentence)
    spans = _quote_spans(shape) if len(shape) <= _REMEMBERED_LENGTH else _quote_spans.__wrapped__(shape)
    return [Quote(claim, claim.figure if claim.figure is not None else int(sentence[n0:n1].replace(",", "")), start, end)
            for claim, start, end, n0, n1 in spans]


@lru_cache(maxsize=4096)
def _quote_spans(sentence: str) -> tuple[tuple[Claim, int, int, int, int], ...]:
    """:func:`quotes` as ``(claim, start, end, figure's start, figure's end)``."""
    if not _ANY_CLAIM.search(sentence):
        return ()
    found = []
    for claim, patterns in _COMPILED_CLAIMS:
        for pattern in patterns:
            for m in pattern.finditer(sentence):
                n0, n1 = m.span("n") if claim.figure is None else (0, 0)
                found.append((claim, m.start(), m.end(), n0, n1))
    found.sort(key=lambda q: (q[1], -(q[2] - q[1])))
    kept = []
    for q in found:
        if not kept or q[1] >= kept[-1][2]:
            kept.append(q)
    return tuple(kept)


def _breakdown(quote: Quote, sentence: str) -> list[tuple[str, int, tuple[str, ...]]]:
    """``(item, figure, refs)`` for "其中结果维持N件，结果纠正N件…" right after a review/litigation figure."""
    if not quote.claim.breakdown:
        return []
    rest = re.split(r"[；;]", sentence[quote.end:], maxsplit=1)[0]
    if not re.match(r"[，,（(]?其中", rest):
        return []
    cut = re.search(r"行政复议|行政诉讼", rest)
    rest = rest[: cut.start()] if cut else rest
    return [(m.group(1), int(m.group("n").replace(",", "")),
             tuple(f"t4.{row}.{BREAKDOWN[m.group(1)]}" for row in quote.claim.breakdown))
            for m in _BREAKDOWN_ITEM.finditer(rest)]


def _claims_in(sentence: str, agency, year, dedicated: bool = False) -> Iterable[tuple]:
    """``(label_zh, label_en, figure, refs, also_accepted)`` for each figure in ``sentence`` about the table.

    ``dedicated``: the sentence is in a section about requests or cases only (三 or 四).
    """
    found = quotes(sentence)
    previous: Quote | None = None
    for q in found:
        before = sentence[: q.start]
        for other in reversed([o for o in found if o.end <= q.start]):
            before = before[: other.start] + before[other.end:]
        between = sentence[previous.end: q.start] if previous else ""
        after = sentence[q.end:]
        ok = (speaks_for_agency(before, agency) and _about_report_year(before, year)
              and not _SUPERSET.search(after))
        if q.claim.follows_claim and (previous is None or _OTHER_NOUN.search(between)):
            ok = False
        if q.claim.topic_before and not dedicated and not _TOPIC.search(before):
            ok = False
        if ok:
            also = (q.claim.with_carryover,) if q.claim.with_carryover and _CARRYOVER_INCLUDED.match(after) else ()
            for refs in q.claim.targets:
                yield q.claim.label_zh, q.claim.label_en, q.figure, refs, also
            for item, figure, refs in _breakdown(q, sentence):
                yield f"{q.claim.label_zh}{item}", f"{q.claim.label_en}, {refs[0].rsplit('.', 1)[1]}", figure, refs, ()
        previous = q


def _cells_label(refs: tuple[str, ...]) -> str:
    return " + ".join(f"{label(r, 'row')}（{label(r, 'column')}）" for r in refs)


@emits("text_figure_mismatch", "cannot_check")
def check_text(report, tmpl: Template) -> Iterable[Finding]:
    seen = set()
    for key in SECTIONS:
        for sentence in re.split(r"[。！？!?]", flat(report.sections.get(key) or "")):
            if key not in TOPIC_SECTIONS and not _TOPIC.search(sentence):
                continue
            for label_zh, label_en, figure, refs, also in _claims_in(sentence, report.agency, report.year,
                                                                    key in TOPIC_SECTIONS):
                if any(r not in tmpl.cells and r not in report.cells for r in refs) or (label_zh, figure, refs) in seen:
                    continue
                seen.add((label_zh, figure, refs))
                values = [value(report, r) for r in refs]
                if any(v is None for v in values):
                    yield cannot("text_figure_mismatch", refs, [r for r, v in zip(refs, values) if v is None],
                                 f"text_figure_mismatch ({label_zh} {figure})")
                elif abs(sum(values) - figure) > 1e-6 and not any(_sums_to(report, alt, figure) for alt in also):
                    yield make("text_figure_mismatch", refs, number(sum(values)), figure, claim_zh=label_zh,
                               figure=figure, expected=number(sum(values)), cells_zh=_cells_label(refs),
                               claim_en=label_en, cells_en=", ".join(refs),
                               extra={"section": key, "sentence": sentence[:200]})


def _sums_to(report, refs: tuple[str, ...], figure: int) -> bool:
    values = [value(report, r) for r in refs]
    return all(v is not None for v in values) and abs(sum(values) - figure) <= 1e-6
