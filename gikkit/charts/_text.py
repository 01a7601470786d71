"""Words the charts add around the spec's labels (titles, notes), in Chinese and English.

Row, column, block and table labels are never written here: they come from the spec via
:mod:`gikkit.schema`. This is only the charts' own wording.
"""
from __future__ import annotations

UI: dict[str, tuple[str, str]] = {
    # titles
    "request_flow": ("政府信息公开申请的办理流向", "Where the requests went"),
    "outcomes_by_applicant": ("各类申请人的办理结果", "Outcomes by applicant type"),
    "outcome_reasons": ("不予公开、无法提供、不予处理等的理由", "Reasons for not disclosing, not providing, not processing"),
    "review_litigation": ("行政复议、行政诉讼结果", "Administrative reconsideration and litigation results"),
    "proactive_disclosure": ("主动公开情况", "Proactive disclosure"),
    "trend": ("历年变化", "Across years"),
    "ranking": ("各机关比较", "Agencies compared"),
    "outcome_share_heatmap": ("各机关办理结果构成", "Share of each outcome, by agency"),
    "findings_by_rule": ("检查发现：按规则", "Findings of the checks, by rule"),
    "findings_by_report": ("检查发现：按报告", "Findings of the checks, by report"),
    "explorer": ("数据浏览", "Explorer"),
    # axes, legends, nodes
    "count": ("数量（件）", "Count"),
    "share": ("占比", "Share"),
    "value": ("数值", "Value"),
    "year": ("年度", "Year"),
    "agency": ("机关", "Agency"),
    "measure": ("指标", "Measure"),
    "findings": ("发现数", "Findings"),
    "pool": ("本年需办理申请（一＋二）", "Requests to handle this year (I + II)"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
    "reported_total": ("报告所填总计", "Total as reported"),
    "blank": ("空白", "blank"),
    # notes
    "blank_note": ("空白单元格不按 0 绘制，已略去：{items}", "Blank cells are left out, not drawn as 0: {items}"),
    "blank_count_note": ("{n} 个空白值不按 0 绘制，已略去", "{n} blank values are left out, not drawn as 0"),
    "share_note": ("占比 = 该结果 ÷ 各办理结果之和；一列中有空白时不计算占比",
                   "Share = outcome ÷ sum of all outcomes; not computed for a column with a blank"),
    "duplicate_note": ("同一机关同一年度有 {n} 份文件，显示 {source}", "{n} files hold this agency and year; showing {source}"),
    "duplicates_note": ("{n} 个机关年度有多份文件，各取第一份", "{n} agency-years have several files; the first of each is used"),
    "absent_note": ("{n} 份报告的格式中没有此指标，已略去", "{n} reports use a format without this measure; left out"),
    "unbalanced_note": ("本列勾稽关系不平衡：一＋二 = {lhs}，三(七)＋四 = {rhs}",
                        "This column does not balance: I + II = {lhs}, III(7) + IV = {rhs}"),
    "template_change": ("2021年起使用新版格式", "2021 format from report year 2021"),
    "template_used": ("本报告使用：{name}", "This report uses: {name}"),
    "no_data": ("没有可绘制的数据", "Nothing to draw"),
    "no_requests": ("本列各项均为 0：没有申请", "Every figure in this column is 0: no requests"),
    "no_requests_year": ("本年无申请", "No requests this year"),
    "no_refusals": ("本年没有不予公开、无法提供、不予处理等情形", "No request was refused, unavailable or not processed this year"),
    "no_reviews": ("本年无行政复议、行政诉讼", "No administrative reconsideration or litigation this year"),
    "not_comparable_note": ("{this}：{relation}", "{this}: {relation}"),
    "column_shown": ("申请人类别：{column}", "Applicant type: {column}"),
    "raw": ("原文", "as printed"),
    "one_row_note": ("本报告将{group}按一行填报，未分列子项", "This report prints {group} as one row, without its sub-rows"),
    "derived_note": ("{n} 个单元格原表空白，由 gikkit 按分项相加得出：{items}",
                     "{n} cells were blank in the source and added up by gikkit from their parts: {items}"),
    "explorer_note": ("用上方菜单选择指标、机关和年度；空白或该年格式中没有的指标不绘制（不按 0 计）",
                      "Choose the measure, agency and year above; blanks, and years whose format lacks the measure, "
                      "are left out (not drawn as 0)"),
    "explorer_trend": ("所选机关历年", "Selected agency across years"),
    "explorer_ranking": ("所选年度各机关（前 {n} 名）", "Selected year, agencies (top {n})"),
    "proactive_note": ("各栏目按本报告所用格式的原标签标注；两版格式栏目含义不同，对应关系见悬停提示",
                       "Columns carry the labels of this report's own format; the two formats measure different "
                       "things (hover for what the other format has)"),
    "from_template": ("格式", "format"),
    # template names in English (the spec gives only the Chinese official names)
    "v2019": ("", "2019 format (trial)"),
    "v2021": ("", "2021 format"),
    # relation of a measure to its counterpart in the other template (spec mapping_v2019_v2021)
    "same": ("与{other}一致，可比", "same in the {other}; comparable"),
    "approximately_comparable": ("{other}对应“{label}”，大致可比", "the {other} has “{label}”; approximately comparable"),
    "changed_meaning": ("{other}对应“{label}”，含义不同，不可比", "the {other} has “{label}”; different meaning, not comparable"),
    "dropped": ("{other}无此项", "not in the {other}"),
    "added": ("{other}无此项（新增）", "new: not in the {other}"),
    "aggregate": ("{other}分为子项，按合计比较", "split into sub-rows in the {other}; compared as their sum"),
    "other_v2019": ("2019版格式", "2019 format"),
    "other_v2021": ("2021版格式", "2021 format"),
}


def ui(key: str, lang: str, **fmt) -> str:
    """The charts' own text for ``key`` in ``lang``, with ``fmt`` filled in."""
    zh, en = UI[key]
    text = en if lang == "en" else zh
    return text.format(**fmt) if fmt else text
