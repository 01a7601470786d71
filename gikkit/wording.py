"""Findings in people's words: cells named by their printed labels, rules named and explained in zh and en.

A finding's messages are built by the checks from spec keys (``t3.outcome_total.social_welfare_org``,
``t3_balance__social_welfare_org``); a reader of a published page knows the printed table instead.
:func:`plain` rewrites those keys as the labels printed in the report (表三（七）总计·社会公益组织),
and :data:`RULE_WORDS` names and explains every rule code in both languages.
"""
from __future__ import annotations

import re

from .schema import TABLE_LABELS, cell_spec, template

TABLE_SHORT = {"t2": ("表二", "Table 2"), "t3": ("表三", "Table 3"), "t4": ("表四", "Table 4")}
SEVERITY_WORDS = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "note")}

# code -> (short name zh, short name en, explanation zh). The English explanation is the rule's own.
RULE_WORDS: dict[str, tuple[str, str, str]] = {
    "t3_balance": ("表三收支平衡", "table 3 balance",
                   "本年新收加上年结转，应等于本年办结（三(七)总计）加结转下年度（表头注明的勾稽关系）。"),
    "t3_outcome_total": ("表三办理结果合计", "table 3 outcome total",
                         "（七）总计把每件办结的申请计一次，所以等于上面各办理结果之和。"),
    "t3_row_total": ("表三行合计", "table 3 row total", "每一行的“总计”列等于六类申请人各列之和。"),
    "t4_total": ("表四合计", "table 4 total", "行政复议、行政诉讼的总计等于维持、纠正、其他、尚未审结四列之和。"),
    "t2_new_published_le_total": ("表二新公开不大于总数", "table 2 new within total",
                                  "本年新公开的属于累计公开的一部分，不能更多（2019 年版）。"),
    "negative_value": ("负数", "negative value", "件数和金额不能小于零，只有“本年增/减”可以为负。"),
    "not_integer": ("非整数", "not a whole number", "申请、案件、文件都按整数计。"),
    "blank_cell": ("空白单元格", "blank cell", "空白不是零：报告没有给出这个数字，用到它的合计就无法核对。"),
    "placeholder_cell": ("占位符", "placeholder", "“—”“/”“无”只表示“没有填写”，没有说明是多少，按缺失处理。"),
    "unreadable_cell": ("无法读作数字", "not a number", "统计表的每个单元格都应是一个数字。"),
    "unread_cells": ("未能读出的单元格", "cells not read",
                     "模板中的每个单元格要么读出数字，要么确认为空白；未能读出的单元格是丢失的数据，所以记为错误。"),
    "no_figures": ("没有统计数字", "no figures", "报告在表二、表三、表四中列出数字；一个数字都没有填写的文件还不是报告。"),
    "group_printed_as_one_row": ("合并填报", "group printed as one row",
                                 "模板把这一组分成若干子项；报告只给出合计，核对时使用这个合计。"),
    "derived_total": ("推算的合计", "derived total",
                      "空白的合计在其各部分都已填写时可以相加得出；gikkit 只在要求时这样做，并标为“推算”。"),
    "missing_table": ("缺少统计表", "missing table", "每份报告都应列出表二、表三、表四。"),
    "missing_section": ("缺少部分", "missing section", "报告格式有六个部分，从“一、总体情况”到“六、其他需要报告的事项”。"),
    "sections_out_of_order": ("部分顺序不对", "sections out of order", "六个部分应按报告格式规定的顺序排列。"),
    "template_not_for_year": ("格式与年度不符", "format not for the year",
                              "2019、2020 年度的报告用 2019 年版（试行）格式，2021 年度起用 2021 年版格式。"),
    "year_not_report_year": ("年份不一致", "year differs",
                             "统计期限和标题应写报告所属的年份；写了别的年份，多半是从另一份报告复制来的。"),
    "text_figure_mismatch": ("正文与表格不符", "text and table differ",
                             "报告正文引用的数字（收到申请N件、办结N件、结转N件、行政复议/诉讼N件）应等于它所指的表格单元格。"),
    "t3_carryover_continuity": ("跨年度结转", "carry-over across years",
                                "一年结束时仍在办理的申请，就是下一年的上年结转，两个数字应当相等。"),
    "t2_valid_roll_forward": ("现行有效件数跨年度", "documents in force across years",
                              "年末现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止（2021 年版）。"),
    "t2_item_count_roll_forward": ("项目数量跨年度", "item count across years",
                                   "今年的上一年项目数量 = 去年的上一年项目数量 + 去年的本年增/减（2019 年版）。"),
    "sub_units_sum": ("下级单位之和", "sum of sub-units", "报告汇总下级单位（按你给出的对应关系）时，每个数字应等于下级单位之和。"),
    "cannot_check": ("无法核对", "could not check", "规则用到的数字缺失时，既不能算通过也不能算不通过，所以说明无法核对。"),
    "unplaced_values": ("未能归位的数字", "numbers not placed", "表中的每个数字都属于模板的一个单元格；这些数字无法确定位置。"),
    "extra_values": ("多出的数字", "extra numbers", "这一行的数字比模板的列多。"),
    "short_row": ("数字不足的行", "short row", "这一行的数字比模板的列少，无法安全地对应到各列。"),
    "extra_row": ("多出的行", "extra row", "有的地方版本增加了行；这些行不计入模板的单元格。"),
    "extra_block": ("另一版的栏目", "block of the other format", "表二中属于另一版格式的栏目。"),
    "stray_row": ("表外的数字", "numbers outside the tables", "在不属于统计表的表格中发现了数字。"),
    "duplicate_row": ("重复的行", "duplicate row", "两个印出的行对应到模板的同一行，保留了更接近的一行。"),
    "subtotal_row": ("小计行", "subtotal row", "分组本身的行只在其子项没有列出时才有数字。"),
    "label_other_template": ("另一版的标签", "label of the other format", "一个版本的报告有时沿用另一版本的行标签。"),
    "cell_with_words": ("带文字的数字", "figure with words",
                        "有的报告在数字后加了文字（22（其中修订16件））；前面的数字是单元格的值，文字记为备注。"),
    "touching_numbers": ("连在一起的数字", "numbers run together",
                         "复制时丢失了两个数字之间的空格；只有唯一一种拆法与报告其余部分一致时才拆分。"),
    "unplaced_row": ("无标签的行", "row without label", "没有标签的行只在前后行能确定其位置时才归位。"),
    "ocr_low_confidence": ("识别置信度低", "OCR unsure",
                           "文字识别（OCR）会给出每个数字的把握程度；把握不大的数字可能识别有误，所以列出请人核对。"),
    "ocr_breaks_identity": ("识别可能有误", "OCR likely misread",
                            "一个识别错的数字会使它所在的每个合计都不成立，而周围的数字仍然相符；这样的数字列出请人核对。"),
    "yoy_jump": ("与上年相比变化很大", "large change from last year",
                 "一个数字比上一年多五倍以上或不到五分之一，常常是录入错误或统计口径变了。"),
    "peer_outlier": ("与同级单位相差很大", "far from its peers",
                     "一个数字远在同级单位（同一级别、同一年度）中间一半数值的范围之外，值得再核对一次。"),
    "label_fuzzy_match": ("标签近似", "label close to the spec", "报告对标签稍有改写；采用了模板中最接近的标签。"),
}

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
