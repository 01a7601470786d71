"""Numbers that touch: rows that came out of run-together text with fewer numbers than cells.

When a capture loses the space between two figures ("7 241" for 7 2 41, "政府集中采购268312.5万元"
for a count and an amount), the row prints fewer numbers than the spec gives it cells.
:func:`resolve_touching` tries every way of splitting such a row's numbers and keeps a split only
when exactly one agrees with the rest of the report: the spec's identities over the numbers read
so far (a row's 总计, a column's balance), or, where no identity can be worked out, the report's
own prose naming the row with those very numbers. Otherwise the row's numbers are taken out of
the table, so its cells stay empty (unread, not blank), and a ``touching_numbers`` finding keeps
the printed text. A split the identities refute is no touching
at all (a blank cell plain text cannot show): that row is left as printed, to ``short_row``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..checks.rules import RULES_BY_CODE
from ..document import Paragraph, Table
from ..findings import Finding
from ..labels import BLOCK_TITLE, best_match, core
from ..schema import Template, templates
from ..values import OK, clean_text, looks_numeric, parse_value
from .number_splits import MAX_STEPS, SPLITTABLE, Candidate, candidates

_NUMBER_IN_TEXT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
SURE = 0.85  # label similarity that names a spec row (misprints such as "其他法律行政止公开" still do)
MAX_DOC_STEPS = 100_000  # splitting steps per document: a real one needs a few thousand
MIN_TEXT_DIGITS = 2  # digits a figure needs before the prose quoting it counts as saying where it goes
PASSES = 2  # a row split in the first pass can make a column identity decide another in the second


# -- which rows are which ----------------------------------------------------------------------
@dataclass
class _Slot:
    """A printed row whose values belong to known spec cells."""

    row: list  # the Table row (edited in place)
    start: int  # index of its first value cell
    refs: list[str]
    label: str  # as printed
    table: str
    spec_label: str = ""  # the spec's label it matched (prose is searched for this one)


def _vote(tables: list[Table]) -> Template:
    """The template version whose own labels the tables print more of (v2021 on a tie)."""
    t19, t21 = templates()["v2019"], templates()["v2021"]

    def own(t: Template) -> set[str]:
        labels = {core(c["label_zh"]) for b in t.t2_blocks.values() for c in b["columns"]}
        return labels | {core(r.label_zh) for r in t.rows.values()}

    a, b = own(t19), own(t21)
    printed = {core(c) for tb in tables for row in tb.rows for c in row if c}
    return t19 if len(printed & (a - b)) > len(printed & (b - a)) else t21


def _split_row(row: list) -> tuple[list[str], int]:
    last = max((i for i, c in enumerate(row) if c is not None and not looks_numeric(c)), default=-1)
    return [c for c in row[:last + 1] if c and clean_text(c)], last + 1


def _slots(tables: list[Table], t: Template) -> list[_Slot]:
    """Rows whose label names a spec row (exactly, or within ``SURE``; or 表四's one row of values), with their cells."""
    t3_rows = [(r["key"], r["label_zh"]) for r in t.t3_rows()]
    t3_cols = [c["key"] for c in t.t3_columns()]
    slots: list[_Slot] = []
    matches: dict[tuple, object] = {}  # label -> spec row: fuzzy matching once per distinct label

    def match(text: str, cands: list, key) -> object:
        if (key, text) not in matches:
            matches[key, text] = best_match(text, cands, SURE)
        return matches[key, text]

    block = header_width = None
    in_t4 = False
    for table in tables:
        for row in table.rows:
            labels, start = _split_row(row)
            joined = clean_text("".join(labels))
            values = row[start:]
            if not values:
                m = BLOCK_TITLE.search(joined)
                if m and len(joined) <= 20:
                    block = "art20_" + str("一二三四五六七八九十".index(m.group(1)) + 1) if len(m.group(1)) == 1 else None
                    header_width, in_t4 = None, False
                elif labels and core(labels[0]) == "信息内容":
                    header_width = len(labels) - 1
                elif "行政复议" in joined and "行政诉讼" in joined:
                    in_t4, block = True, None
                continue
            if not labels:
                if in_t4:
                    slots.append(_Slot(row, start, t.t4_order(), "", "t4"))
                    in_t4 = False
                continue
            hit = match(labels[-1], t3_rows, "t3") or match(joined, t3_rows, "t3")
            if hit:
                slots.append(_Slot(row, start, [f"t3.{hit.key}.{c}" for c in t3_cols], labels[-1], "t3", hit.label))
                block = None
                continue
            spec = t.t2_blocks.get(block) if block else None
            if spec and header_width == len(spec["columns"]):
                hit = match(joined, [(r["key"], r["label_zh"]) for r in spec["rows"]], block)
                if hit:
                    refs = [f"t2.{block}.{hit.key}.{c['key']}" for c in spec["columns"]]
                    slots.append(_Slot(row, start, refs, joined, "t2", hit.label))
    return slots


class _Evidence:
    """The spec's identities over the values read so far, and the report's prose."""

    def __init__(self, t: Template, prose: list[str]):
        self.known: dict[str, float] = {}
        self.by_ref: dict[str, list[dict]] = {}
        for ident in t.identities:
            if ident.get("op", "==") == "==":
                for term in ident["lhs"] + ident["rhs"]:
                    self.by_ref.setdefault(term.lstrip("-"), []).append(ident)
        self.prose = prose
        self._said: dict[str, set[str]] = {}  # row label -> numbers its paragraphs write: prose read once per label

    def holds(self, ident: dict, values: dict[str, float]) -> bool | None:
        """Whether the identity holds over ``values`` and the numbers known; ``None`` if a term is unknown."""
        sides = []
        for terms in (ident["lhs"], ident["rhs"]):
            total = 0.0
            for term in terms:
                v = values.get(term.lstrip("-"), self.known.get(term.lstrip("-")))
                if v is None:
                    return None
                total += -v if term.startswith("-") else v
            sides.append(total)
        return abs(sides[0] - sides[1]) < 1e-6

    def verdict(self, values: dict[str, float]) -> tuple[int, int]:
        """(identities that hold, identities that fail) among those touching ``values``' cells
        whose every term is known."""
        idents = {i["name"]: i for ref in values for i in self.by_ref.get(ref, [])}
        said = [self.holds(i, values) for i in idents.values()]
        return said.count(True), said.count(False)

    def row_checks(self, refs: list[str]) -> dict[int, list[dict]]:
        """The identities a row's cells can settle with the numbers known, by the cell that
        completes them: while a row is split cell by cell, each is worked out once, as soon as it can."""
        at = {r: i for i, r in enumerate(refs)}
        out: dict[int, list[dict]] = {}
        for ident in {i["name"]: i for r in refs for i in self.by_ref.get(r, [])}.values():
            terms = [x.lstrip("-") for x in ident["lhs"] + ident["rhs"]]
            if all(x in at or x in self.known for x in terms):
                out.setdefault(max(at[x] for x in terms if x in at), []).append(ident)
        return out

    def in_text(self, label: str, numbers: list[str]) -> bool:
        """Every number is written, standing alone, in a paragraph that names the row, and is a
        figure of two digits or more: "1" and "0" are written everywhere and tell nothing."""
        key = core(label)
        if key not in self._said:
            texts = (clean_text(p) for p in self.prose)
            self._said[key] = {n for p in texts if key and key in p for n in _NUMBER_IN_TEXT.findall(p)}
        bare = [_bare(n).lstrip("+-") for n in numbers]
        return bool(bare) and all(sum(c.isdigit() for c in n) >= MIN_TEXT_DIGITS and n in self._said[key] for n in bare)


def _bare(n: str) -> str:
    return re.sub(r"(万元|亿元|元)$", "", clean_text(n))


def _kind(t: Template, ref: str) -> str:
    """A cell's type; a 表三 group printed as one row has no cell of its own, and counts requests."""
    spec = t.cells.get(ref)
    return spec.type if spec else "integer"


@lru_cache(maxsize=4096)
def _number(text: str, kind: str) -> float | None:
    p = parse_value(text, kind=kind)
    return p.value if p.status == OK else None


def _parsed(refs: list[str], texts: list[str], t: Template) -> dict[str, float]:
    """The numbers of a row's cells (those that read as numbers)."""
    out = {}
    for ref, text in zip(refs, texts):
        if (v := _number(text, _kind(t, ref))) is not None:
            out[ref] = v
    return out


def _choose(slot: _Slot, cands: list[Candidate] | None, tokens: list[str], ev: _Evidence, t: Template):
    """``(values, "split")`` for the one candidate that agrees with the report; ``(None, "refuted")``
    when no split is possible or the identities refute every one (the row is short of a blank, not
    of a space); ``(None, "unsure")`` when nothing or more than one candidate agrees."""
    if cands is None:
        return None, "unsure"  # too many ways to try
    verdicts = [ev.verdict(_parsed(slot.refs, c.values, t)) for c in cands]
    if any(h or f for h, f in verdicts):  # identities decide where they can be worked out
        agree = [c for c, (h, f) in zip(cands, verdicts) if h and not f]
        return (agree[0].values, "split") if len(agree) == 1 else (None, "unsure" if agree else "refuted")
    if not cands:
        return None, "refuted"
    agree = [c for c in cands if ev.in_text(slot.spec_label, c.new)]
    if len(agree) == 1:
        return agree[0].values, "split"
    # no one prints "00" or "012" as one number: when the only split cuts just such tokens, it is forced
    if len(cands) == 1 and all(_leading_zero(tokens[i]) for i in cands[0].split):
        return cands[0].values, "split"
    return None, "unsure"


def _leading_zero(tok: str) -> bool:
    m = SPLITTABLE.match(clean_text(tok))
    return bool(m) and len(m.group(2)) > 1 and m.group(2).startswith("0")


def _finding(slot: _Slot, text: str) -> Finding:
    rule = RULES_BY_CODE["touching_numbers"]
    where = f"表{'二三四'[int(slot.table[1]) - 2]}" + (f"“{slot.label}”" if slot.label else "")
    return Finding(rule.code, rule.severity, list(slot.refs), None, text,
                   rule.message_zh.format(where=where, text=text), rule.message_en.format(where=where, text=text),
                   rule.explain)


def resolve_touching(blocks: list) -> list[Finding]:
    """Split the touching numbers of rows that print fewer numbers than their cells where exactly one
    split agrees with the report; where it cannot be told, take the row's numbers out of the table.
    Edits the tables in place and returns a ``touching_numbers`` finding (the cells and the printed
    text) per row whose numbers were taken out."""
    tables = [b for b in blocks if isinstance(b, Table)]
    if not tables:
        return []
    t = _vote(tables)
    slots = _slots(tables, t)
    ev = _Evidence(t, [b.text for b in blocks if isinstance(b, Paragraph)])
    short: list[_Slot] = []
    for s in slots:
        values = s.row[s.start:]
        if len(values) == len(s.refs):
            ev.known.update(_parsed(s.refs, values, t))
        elif len(values) < len(s.refs) and any(SPLITTABLE.match(clean_text(v)) and len(clean_text(v)) > 1 for v in values):
            short.append(s)
    findings: list[Finding] = []
    doc_budget = [MAX_DOC_STEPS]  # a hostile file with a great many such rows gets findings, not hours
    for n in range(1, PASSES + 1):
        left, split = [], False
        for s in short:
            tokens = [clean_text(v) for v in s.row[s.start:]]
            checks = ev.row_checks(s.refs)

            def keep(values: list[str], first: int, s=s, checks=checks) -> bool:  # no identity broken by the cells just filled
                due = [i for col in range(first, len(values)) for i in checks.get(col, [])]
                return not due or all(ev.holds(i, _parsed(s.refs, values, t)) is not False for i in due)

            row_budget = [min(MAX_STEPS, doc_budget[0])]
            found = candidates(tokens, [_kind(t, r) for r in s.refs], keep, row_budget)
            doc_budget[0] -= min(MAX_STEPS, doc_budget[0]) - max(row_budget[0], 0)
            chosen, verdict = _choose(s, found, tokens, ev, t)
            if chosen is not None:
                s.row[s.start:], split = chosen, True
                ev.known.update(_parsed(s.refs, chosen, t))
            else:
                left.append((s, verdict))
        short = [s for s, _ in left]
        if not split or n == PASSES:  # another pass could decide more only if this one split something
            break
    for s, verdict in left:
        if verdict == "unsure":
            findings.append(_finding(s, " ".join(s.row[s.start:])))
            del s.row[s.start:]  # no value cells: its cells stay unread (not "blank", which the source did not say)
    return findings
