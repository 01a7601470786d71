"""The checks, declared as data: a reason code, a severity, the messages and a one-line rule.

Identity checks come from the spec's identities (grouped by the family before ``__`` in their
name); constraint checks from the spec's constraints. What runs them is in ``engine.py``.
Placeholders in messages: {column}, {row}, {missing}, {identity}, {lhs}, {rhs}, {ref}, {value}.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    kind: str  # "identity", "constraint", "cell_status"
    message_zh: str
    message_en: str
    explain: str  # one line, for a student
    family: str | None = None  # spec identity family, for kind == "identity"


RULES: tuple[Rule, ...] = (
    Rule("t3_balance", "error", "identity",
         "表三“{column}”列：一+二 = {lhs}，三(七)+四 = {rhs}，两者不等",
         "table 3, column {column}: I + II = {lhs} but III(7) + IV = {rhs}",
         "Requests received this year plus those carried over must equal those concluded plus those carried forward (the note printed in the table's header).",
         family="t3_balance"),
    Rule("t3_outcome_total", "error", "identity",
         "表三“{column}”列：（七）总计为 {lhs}，各办理结果之和为 {rhs}",
         "table 3, column {column}: III(7) total is {lhs} but the outcome rows add up to {rhs}",
         "（七）总计 counts every concluded request once, so it is the sum of the outcome rows above it.",
         family="t3_outcome_total"),
    Rule("t3_row_total", "error", "identity",
         "表三“{row}”行：总计为 {lhs}，六类申请人之和为 {rhs}",
         "table 3, row {row}: the 总计 column is {lhs} but the six applicant columns add up to {rhs}",
         "The 总计 column of each row is the sum of the six applicant-type columns.",
         family="t3_row_total"),
    Rule("t4_total", "error", "identity",
         "表四“{row}”：总计为 {lhs}，维持+纠正+其他+尚未审结为 {rhs}",
         "table 4, {row}: total is {lhs} but upheld + corrected + other + pending = {rhs}",
         "Each review or litigation total is the sum of its four result columns.",
         family="t4_total"),
    Rule("cannot_check", "info", "identity",
         "无法核对 {identity}：{missing} 为空",
         "cannot check {identity}: {missing} missing",
         "A rule whose cells are blank can be neither passed nor failed."),
    Rule("negative_value", "error", "constraint",
         "{ref} 为负数（{value}），此处应为非负数",
         "{ref} is negative ({value}) where a count or amount cannot be",
         "Counts and amounts cannot be below zero; only 本年增/减 is signed."),
    Rule("not_integer", "error", "constraint",
         "{ref} 为小数（{value}），此处应为整数",
         "{ref} is a fraction ({value}) where a whole count is expected",
         "Requests, cases and documents are counted in whole numbers."),
    Rule("blank_cell", "warning", "cell_status",
         "{ref} 为空白，未按 0 处理",
         "{ref} is blank in the source; not read as 0",
         "A blank is not a zero: the report leaves the figure out, so totals that use it cannot be checked."),
    Rule("placeholder_cell", "warning", "cell_status",
         "{ref} 填写为“{value}”，按缺失处理",
         "{ref} holds the placeholder {value!r}; treated as missing",
         "Dashes, slashes and 无 say 'nothing here' without saying how many; they are read as missing."),
    Rule("unreadable_cell", "error", "cell_status",
         "{ref} 的内容“{value}”无法读作数字",
         "{ref} holds {value!r}, which is not a number",
         "Every cell of the statistics tables holds a number."),
    Rule("missing_cell", "warning", "cell_status",
         "{ref} 在报告中未找到",
         "{ref} was not found in the report",
         "Every cell of the template should be printed."),
)

RULES_BY_CODE = {r.code: r for r in RULES}
STATUS_RULES = {"blank": "blank_cell", "placeholder": "placeholder_cell", "unreadable": "unreadable_cell", "missing": "missing_cell"}
