"""Findings in people's words: cells named by their printed labels, rules named and explained in zh and en.

A finding's messages are built by the checks from spec keys (``t3.outcome_total.social_welfare_org``,
``t3_balance__social_welfare_org``); a reader of a published page knows the printed table instead.
:func:`plain` rewrites those keys as the labels printed in the report (表三（七）总计·社会公益组织),
and :data:`~gikkit.checks.rules.RULE_WORDS` names and explains every rule code in both languages.
"""
from __future__ import annotations

import re

from .checks.rules import RULE_WORDS  # each rule's names and zh explanation live with the rule
from .schema import TABLE_LABELS, cell_spec, template

TABLE_SHORT = {"t2": ("表二", "Table 2"), "t3": ("表三", "Table 3"), "t4": ("表四", "Table 4")}
SEVERITY_WORDS = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "note")}

# A cell ref (t2 has a block: four parts), optionally "@2020" for another year's report.
_REF = re.compile(r"\bt[234](?:\.[A-Za-z0-9_]+){2,3}(?:@\d{4})?")
# A spec identity or soft check by name: family "__" what it applies to (a column, a row, a block.row).
_IDENTITY = re.compile(r"\b([a-z][a-z0-9_]*?)__([A-Za-z0-9_.]+)")


def _is_zh(lang: str) -> bool:
    return lang != "en"


def _short_row(label: str) -> str:
    """A row label without its trailing note: （二）部分公开（区分处理的，…） -> （二）部分公开."""
    m = re.match(r"^(.+?)\s*[（(][^（()）]*(?:，|, )[^（()）]*[)）]$", label or "")
    return m.group(1) if m else label


def _row_words(spec, template_key: str | None, zh: bool) -> str:
    row = _short_row(spec.row_label_zh if zh else spec.row_label_en)
    tmpl = template(template_key) if template_key else None
    if spec.table == "t2" and tmpl is not None and spec.block in tmpl.t2_blocks:
        block = tmpl.t2_blocks[spec.block]
        return f"{block['label_zh']} {row}" if zh else f"{row} ({block['label_zh']})"
    if spec.table == "t4" and spec.row.startswith("litigation"):
        return f"行政诉讼（{row}）" if zh else f"Litigation: {row}"
    return row


def cell_words(ref: str, template_key: str | None = None, lang: str = "zh") -> str:
    """The printed name of a cell: 表三（七）总计·社会公益组织 / Table 3, (7) Total outcomes · Social ...

    ``ref`` may end in ``@2020`` (the cell in that year's report). A ref the spec does not know stays as it is.
    """
    zh = _is_zh(lang)
    ref, _, year = ref.partition("@")
    spec = cell_spec(ref, template_key) or cell_spec(ref)
    if spec is None:
        return ref + (f"@{year}" if year else "")
    column = spec.column_label_zh if zh else spec.column_label_en
    table = TABLE_SHORT[spec.table][0 if zh else 1]
    words = (f"{table}{_row_words(spec, template_key, zh)}·{column}" if zh
             else f"{table}, {_row_words(spec, template_key, zh)} · {column}")
    if year:
        words += f"（{year}年报告）" if zh else f" (the {year} report)"
    return words


def _applies_to_words(target: str, template_key: str | None, zh: bool) -> str:
    """What an identity name's part after "__" names: a 表三 column or row, or a 表二 block.row."""
    for key in (template_key, "v2021", "v2019"):
        if not key:
            continue
        tmpl = template(key)
        for col in tmpl.tables["t3"]["columns"]:
            if col["key"] == target:
                return f"“{col['label_zh']}”列" if zh else f"column {col['label_en']}"
        for table in ("t3", "t4"):
            row = tmpl.rows.get((table, None, target))
            if row is not None:
                label = _short_row(row.label_zh if zh else row.label_en)
                return f"“{label}”行" if zh else f"row {label}"
        if "." in target:
            block, row_key = target.split(".", 1)
            row = tmpl.rows.get(("t2", block, row_key))
            if row is not None:
                return f"表二“{row.label_zh}”" if zh else f"table 2, {row.label_en}"
    return target


def rule_name(code: str, lang: str = "zh") -> str:
    """The short name of a rule code in words (the code itself when unknown)."""
    words = RULE_WORDS.get(code)
    return words[0 if _is_zh(lang) else 1] if words else code


def rule_explanation(code: str, lang: str = "zh", english: str = "") -> str:
    """One line on what the rule means, in the page's language (``english``: the rule's own text)."""
    if _is_zh(lang):
        return RULE_WORDS[code][2] if code in RULE_WORDS else english
    if english:
        return english
    from .checks.rules import RULES_BY_CODE

    return RULES_BY_CODE[code].explain if code in RULES_BY_CODE else ""


def plain(text: str, template_key: str | None = None, lang: str = "zh") -> str:
    """``text`` (a finding's message) with every cell ref and identity name replaced by printed words."""
    zh = _is_zh(lang)
    if not text:
        return ""

    def identity(m: re.Match) -> str:
        family = m.group(1)
        name = rule_name(family, lang) if family in RULE_WORDS else family.replace("_", " ")
        where = _applies_to_words(m.group(2), template_key, zh)
        return f"{name}（{where}）" if zh else f"{name} ({where})"

    text = _IDENTITY.sub(identity, text)
    return _REF.sub(lambda m: cell_words(m.group(0), template_key, lang), text)


def coverage_text(coverage: float) -> str:
    """A coverage share as a percentage that never rounds a gap away: 99.96% read is not shown as 100%."""
    return "100%" if coverage >= 1 else f"{min(coverage * 100, 99.9):.1f}%"


def table_title(table: str, lang: str = "zh") -> str:
    """The printed title of 表二/表三/表四 (from the spec's table labels)."""
    return TABLE_LABELS[table][0 if _is_zh(lang) else 1]
