"""The checks, declared as data: a reason code, a severity, the messages and a one-line rule.

Identity checks come from the spec's identities (grouped by the family before ``__`` in their
name) and its soft checks (by name); constraint checks from the spec's constraints. The modules
beside this one run them; ``kind`` says which and is also what ``only=`` selects besides codes.
Rules of kind ``reading`` are noticed by the reader and recognizer, not by a check; they are
listed here so that every code a user can meet has its explanation in one place.
Placeholders in messages are filled by the module that emits the finding.
"""
from __future__ import annotations

from dataclasses import dataclass

KINDS = ("identity", "constraint", "cell_status", "structure", "text", "across_years", "across_levels",
         "reading", "cannot_check", "benchmark")


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str  # "error", "warning" or "info"
    kind: str  # one of KINDS
    message_zh: str
    message_en: str
    explain: str  # one line, for a student
    family: str | None = None  # spec identity family or soft-check name it runs


def _r(code, severity, kind, zh, en, explain, family=None) -> Rule:
    return Rule(code, severity, kind, zh, en, explain, family)


RULES: tuple[Rule, ...] = (
    # -- within a table: the spec's identities and constraints ------------------------------
    _r("t3_balance", "error", "identity",
       "表三“{column}”列：一+二 = {lhs}，三(七)+四 = {rhs}，两者不等",
       "table 3, column {column}: I + II = {lhs} but III(7) + IV = {rhs}",
       "Requests received this year plus those carried over must equal those concluded plus those carried forward (the note printed in the table's header).",
       family="t3_balance"),
    _r("t3_outcome_total", "error", "identity",
       "表三“{column}”列：（七）总计为 {lhs}，各办理结果之和为 {rhs}",
       "table 3, column {column}: III(7) total is {lhs} but the outcome rows add up to {rhs}",
       "（七）总计 counts every concluded request once, so it is the sum of the outcome rows above it.",
       family="t3_outcome_total"),
    _r("t3_row_total", "error", "identity",
       "表三“{row}”行：总计为 {lhs}，六类申请人之和为 {rhs}",
       "table 3, row {row}: the 总计 column is {lhs} but the six applicant columns add up to {rhs}",
       "The 总计 column of each row is the sum of the six applicant-type columns.",
       family="t3_row_total"),
    _r("t4_total", "error", "identity",
       "表四“{row}”：总计为 {lhs}，维持+纠正+其他+尚未审结为 {rhs}",
       "table 4, {row}: total is {lhs} but upheld + corrected + other + pending = {rhs}",
       "Each review or litigation total is the sum of its four result columns.",
       family="t4_total"),
    _r("t2_new_published_le_total", "warning", "identity",
       "表二“{row}”：本年新公开数量 {lhs} 大于对外公开总数量 {rhs}",
       "table 2, {row}: published this year ({lhs}) exceeds the total published ({rhs})",
       "What was published this year is part of everything published so far, so it cannot be larger (2019 format).",
       family="t2_new_published_le_total"),
    _r("negative_value", "error", "constraint",
       "{ref} 为负数（{value}），此处应为非负数",
       "{ref} is negative ({value}) where a count or amount cannot be",
       "Counts and amounts cannot be below zero; only 本年增/减 is signed."),
    _r("not_integer", "error", "constraint",
       "{ref} 为小数（{value}），此处应为整数",
       "{ref} is a fraction ({value}) where a whole count is expected",
       "Requests, cases and documents are counted in whole numbers."),
    # -- cell statuses: what the source printed where a number belongs ----------------------
    _r("blank_cell", "warning", "cell_status",
       "{ref} 为空白，未按 0 处理",
       "{ref} is blank in the source; not read as 0",
       "A blank is not a zero: the report leaves the figure out, so totals that use it cannot be checked."),
    _r("placeholder_cell", "warning", "cell_status",
       "{ref} 填写为“{value}”，按缺失处理",
       "{ref} holds the placeholder {value!r}; treated as missing",
       "Dashes, slashes and 无 say 'nothing here' without saying how many; they are read as missing."),
    _r("unreadable_cell", "error", "cell_status",
       "{ref} 的内容“{value}”无法读作数字",
       "{ref} holds {value!r}, which is not a number",
       "Every cell of the statistics tables holds a number."),
    _r("unread_cells", "error", "cell_status",
       "{table}有 {n} 个单元格未能读出：{rows}",
       "{table_en}: {n} cell(s) could not be read: {rows_en}",
       "Every cell of the template is either read or known to be blank; a cell gikkit could not read is lost data, so it is an error, never a silent gap."),
    _r("no_figures", "error", "structure",
       "文件中没有任何统计数字（空白模板，或只有标题没有数字）",
       "the file holds no figures at all (a blank template, or headings without numbers)",
       "A report prints its figures in 表二, 表三 and 表四; a file with none of them filled in is not a report yet."),
    _r("group_printed_as_one_row", "warning", "cell_status",
       "“{row}”按一行填报，未分列子项",
       "{row} is printed as one row, not split into its sub-rows",
       "The template splits this group into sub-rows; the report gives only their sum, which the totals then use."),
    _r("derived_total", "info", "cell_status",
       "{ref} 在报告中为{was_zh}，按“{identity}”推算为 {value}（--derive-totals）",
       "{ref} is {was_en} in the source; derived as {value} from {identity} (--derive-totals)",
       "A blank total whose parts are all printed can be worked out by adding the parts; gikkit does so only when asked and marks the cell 'derived'."),
    # -- cells read from a scan by OCR (gikkit/checks/ocr.py) -----------------------------------
    _r("ocr_low_confidence", "warning", "cell_status",
       "{ref} 由扫描件识别为 {value}（第{page}页），识别置信度仅 {confidence}，请核对原件",
       "{ref} was read from the scan as {value} (page {page}) with confidence only {confidence}; check the printed page",
       "OCR says how sure it is of each figure; a figure it is unsure of may be misread, so it is named for a person to check."),
    _r("ocr_breaks_identity", "warning", "cell_status",
       "{ref} 由扫描件识别为 {value}（第{page}页），其所在的勾稽关系均不成立，可能识读有误",
       "{ref} was read from the scan as {value} (page {page}) and every identity it is in fails: it may be misread",
       "A misread figure breaks each total it belongs to while the figures around it still add up; such a figure is named for a person to check."),
    # -- structure ----------------------------------------------------------------------------
    _r("missing_table", "error", "structure",
       "未找到{table}", "table {table} not found in the document",
       "Every report prints tables 二, 三 and 四."),
    _r("missing_section", "warning", "structure",
       "未找到第{number}部分“{heading}”", "section {number} ({heading_en}) not found",
       "The report format has six numbered sections, from 一、总体情况 to 六、其他需要报告的事项."),
    _r("sections_out_of_order", "warning", "structure",
       "第{number}部分“{heading}”出现在第{after}部分之后", "section {number} ({heading_en}) comes after section {after}",
       "The six sections follow the order the report format gives them."),
    _r("template_not_for_year", "warning", "structure",
       "{year}年度报告应使用{expected_name}（{expected}），实际使用{found}",
       "a {year} report should use the {expected} format but uses {found}",
       "Reports for 2019 and 2020 use the 2019 (试行) format; reports from 2021 on use the 2021 format."),
    _r("year_not_report_year", "warning", "structure",
       "{where}写的是{found}年，报告年度为{expected}年", "{where_en} says {found} but the report is for {expected}",
       "The statistics period and the title name the year the report covers; a different year there is usually a copy left over from another report."),
    # -- text against tables --------------------------------------------------------------------
    _r("text_figure_mismatch", "warning", "text",
       "正文称{claim_zh}（{figure} 件），表中{cells_zh}为 {expected}",
       "the text says {claim_en}: {figure}, but the table gives {expected} ({cells_en})",
       "A figure quoted in the report's text (收到申请N件, 办结N件, 结转N件, 行政复议/诉讼N件) should equal the table cell it names."),
    # -- across years and levels ------------------------------------------------------------------
    _r("t3_carryover_continuity", "warning", "across_years",
       "表三“{column}”列：{year}年上年结转为 {found}，{prev_year}年结转下年度为 {expected}",
       "table 3, column {column}: carried over into {year} is {found} but {prev_year} carried forward {expected}",
       "Requests still open at the end of one year are the ones carried over into the next, so the two figures match.",
       family="t3_carryover_continuity"),
    _r("t2_valid_roll_forward", "warning", "across_years",
       "表二“{row}”：{year}年现行有效件数为 {found}，按{prev_year}年 {prev} + 本年制发 {issued} − 本年废止 {repealed} 应为 {expected}",
       "table 2, {row}: {year} currently valid is {found}; {prev_year}'s {prev} + issued {issued} − repealed {repealed} = {expected}",
       "Documents in force at the end of a year are last year's, plus those issued, minus those repealed (2021 format).",
       family="t2_valid_roll_forward"),
    _r("t2_item_count_roll_forward", "warning", "across_years",
       "表二“{row}”：{year}年上一年项目数量为 {found}，{prev_year}年上一年项目数量 {prev} + 本年增/减 {change} = {expected}",
       "table 2, {row}: {year} previous-year items is {found}; {prev_year}'s {prev} + change {change} = {expected}",
       "This year's starting item count is last year's starting count plus last year's change (2019 format).",
       family="t2_item_count_roll_forward"),
    _r("sub_units_sum", "warning", "across_levels",
       "{ref}：本级报告为 {found}，{n} 个下级单位之和为 {expected}",
       "{ref}: the report gives {found}, its {n} sub-units add up to {expected}",
       "When a report sums up its sub-units (as the mapping you gave says), each figure equals the sum of theirs."),
    _r("cannot_check", "info", "cannot_check",
       "无法核对 {identity}：{missing} 缺失",
       "cannot check {identity}: {missing} missing",
       "A rule whose figures are missing can be neither passed nor failed, so gikkit says it could not check it."),
    # -- against peers and the year before (gikkit.review.metric_findings, on request) ---------
    _r("yoy_jump", "info", "benchmark", "{metric_zh}：{year}年为 {now}，{prev_year}年为 {before}（{times} 倍）",
       "{metric_en}: {now} in {year}, {before} in {prev_year} ({times}x)",
       "A count more than five times, or under a fifth of, the year before is often a typing error or a changed way of counting."),
    _r("peer_outlier", "info", "benchmark", "{metric_zh}为 {value}，同级 {peers} 个单位的四分位区间为 {band}",
       "{metric_en} is {value}; the middle half of {peers} peers lies in {band}",
       "A value far outside the middle half of its peers' values (same level, same year) is worth a second look."),
    # -- noticed while reading (emitted by the recognizer) -------------------------------------
    _r("unplaced_values", "warning", "reading", "{where}：数值未计入任何单元格", "{where}: values not placed in any cell",
       "Every number in the tables belongs in one cell of the template; these could not be placed."),
    _r("extra_values", "warning", "reading", "{where}：多出的数值", "{where}: extra values in the row",
       "A row printed more numbers than the template has columns."),
    _r("short_row", "warning", "reading", "{where}：数值个数不足", "{where}: fewer values than columns",
       "A row printed fewer numbers than the template has columns, so they cannot be matched to columns safely."),
    _r("extra_row", "warning", "reading", "{where}：不是模板中的行", "{where}: not a row of the template",
       "Provincial versions sometimes add rows; they are kept out of the template's cells."),
    _r("extra_block", "warning", "reading", "{where}：本模板没有该栏目", "{where}: block not in this template",
       "A block of 表二 that belongs to the other template version."),
    _r("stray_row", "warning", "reading", "{where}：表格行不属于表二、表三或表四", "{where}: table row outside tables 2-4",
       "Numbers found in a table that is none of the report's statistics tables."),
    _r("duplicate_row", "warning", "reading", "{where}：与另一行对应同一规范行", "{where}: matches the same template row as another",
       "Two printed rows matched one row of the template; the closer match was kept."),
    _r("subtotal_row", "warning", "reading", "{where}：小计行，其子项已单独列出", "{where}: a subtotal row whose sub-rows are printed too",
       "A group's own row only holds values when its sub-rows are not printed."),
    _r("label_other_template", "info", "reading", "行标签是另一版格式的写法", "row label in the other format version's wording",
       "Reports of one format version sometimes keep a label of the other version."),
    _r("cell_with_words", "info", "reading", "{ref}：“{raw}”读作 {value}，文字说明记入备注",
       "{ref}: {raw!r} read as {value}; the words are kept in the cell's note",
       "Some reports add words to a figure (22（其中修订16件）); the leading number is the cell, the words its note."),
    _r("touching_numbers", "warning", "reading", "{where}：数字连在一起，无法确定如何拆分（{text}）",
       "{where}: numbers run together and cannot be split with certainty ({text})",
       "When a capture loses the space between two figures, gikkit splits them only where exactly one split agrees with the rest of the report."),
    _r("unplaced_row", "warning", "reading", "{where}：无标签的数字行，无法确定属于哪一行", "{where}: a row of numbers without a label whose row cannot be told",
       "A row printed without its label is placed only when its neighbours make its place in the template certain."),
    _r("label_fuzzy_match", "info", "reading", "行标签与规范标签不完全一致", "row label not exactly the spec's",
       "Reports reword labels slightly; the closest label of the template was used."),
)

RULES_BY_CODE = {r.code: r for r in RULES}
STATUS_RULES = {"blank": "blank_cell", "placeholder": "placeholder_cell", "unreadable": "unreadable_cell",
                "derived": "derived_total"}
