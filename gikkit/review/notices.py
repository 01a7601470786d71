"""Notices: one 问题清单 per agency, and a roll-up for the supervising office.

A notice lists each *open* finding of the agency's reports (see :mod:`gikkit.review.decisions`:
every error and warning not dismissed, and any other finding staff confirmed), in words, with
the figures as printed and what to correct. The roll-up lists every unit: its reports, its open
errors and warnings, and the years it was expected to report and did not (the expected units
come from a CSV). Both are written as DOCX and PDF (and the roll-up also as CSV, for Excel).

Content is built once as plain blocks (:class:`Doc`); :mod:`.notice_docx` and :mod:`.notice_pdf`
only lay them out, so the two files always say the same.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..checks import RULES_BY_CODE, as_reports
from ..errors import GikkitError
from ..schema import TABLE_LABELS, cell_spec
from .decisions import review as apply_review
from .metrics import level_of

FORMATS = ("docx", "pdf")
NOTICE_SEVERITIES = ("error", "warning")  # info findings go in only when staff confirmed them
STATUS_ZH = {"new": "待核实", "reopened": "数字已变动，待重新核实", "confirmed": "已确认", "dismissed": "已排除"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
# What to correct, by rule code, else by rule kind.
CORRECT_BY_CODE = {
    "blank_cell": "请在该栏填写数字；没有发生的填 0，不要留空。",
    "placeholder_cell": "请以数字填写该栏（没有发生的填 0），不要用“—”“/”“无”等符号。",
    "unreadable_cell": "请以阿拉伯数字填写该栏。",
    "negative_value": "请改正为非负数。",
    "not_integer": "请改正为整数。",
    "text_figure_mismatch": "请核对正文与统计表，使正文所述数字与表中数字一致。",
    "yoy_jump": "请核实该数字；如无误，请在报告中说明变化原因。",
    "peer_outlier": "请核实该数字；如无误，请说明原因。",
}
CORRECT_BY_KIND = {
    "identity": "请逐项核对上列数字，更正有误之处，使合计与分项相符。",
    "structure": "请按国务院办公厅规定的年度报告格式补齐或调整相应内容。",
    "across_years": "请核对与上一年度报告相衔接的数字，更正有误的一方并说明原因。",
    "across_levels": "请与下级单位核对相关数字。",
    "cell_status": "请核对该栏并以数字填写。",
    "reading": "请核对报告中该处表格，按规定格式填写。",
}
CORRECT_DEFAULT = "请核实并更正。"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[，,][^（()）]*[)）]$")  # "（区分处理的，只计这一情形，…）"
LEVEL_ZH = {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇（街道）", "department": "部门"}


class ExpectedUnitsError(GikkitError):
    """An expected-units CSV that cannot be read."""


@dataclass
class Doc:
    """A document as blocks: ``("title"|"heading"|"para", text)`` or ``("table", header, rows)``."""

    name: str
    blocks: list = field(default_factory=list)

    def text(self) -> str:
        parts = []
        for b in self.blocks:
            parts += [b[1]] if b[0] != "table" else list(b[1]) + [c for row in b[2] for c in row]
        return "\n".join(parts)


def correction(code: str) -> str:
    rule = RULES_BY_CODE.get(code)
    return CORRECT_BY_CODE.get(code) or CORRECT_BY_KIND.get(rule.kind if rule else "", CORRECT_DEFAULT)


def cell_label(ref: str, template: str | None) -> str:
    spec = cell_spec(ref.split("@")[0], template)
    if spec is None:
        return ref
    table = TABLE_LABELS[ref.split(".")[0]][0].split()[0]  # "表三"
    year = f"（{ref.split('@')[1]}年）" if "@" in ref else ""
    row = _TRAILING_NOTE.sub("", spec.row_label_zh)
    return f"{table}“{row}”行“{spec.column_label_zh}”栏{year}"


def year_span(years) -> str:
    """2019、2020、2021、2023 -> "2019–2021、2023"."""
    ys, runs = sorted(set(y for y in years if y)), []
    for y in ys:
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def printed(report, ref: str) -> str:
    """What the report printed for ``ref``: its text as printed, '空白' for a blank, '未找到' when absent."""
    if "@" in ref:
        return "见上一年度报告"
    info = report.cell_info.get(ref) or {}
    status = report.status(ref)
    if status == "blank":
        return "空白"
    if info.get("raw") not in (None, ""):
        return str(info["raw"])
    value = report.cells.get(ref)
    if value is None:
        return "未找到" if status == "missing" else "无数字"
    return str(int(value)) if float(value).is_integer() else str(value)


def in_notice(row) -> bool:
    return bool(row["open"]) and (row["severity"] in NOTICE_SEVERITIES or row["status"] == "confirmed")


def agency_notice(agency: str, reports: list, frame) -> Doc:
    """The 问题清单 of one agency: ``reports`` are its reports, ``frame`` the review frame of (at least) their findings."""
    by_source = {r.source: r for r in reports}
    rows = frame[frame["source"].isin(by_source)]
    rows = rows[[in_notice(r) for _, r in rows.iterrows()]]
    years = year_span(r.year for r in reports)
    doc = Doc(agency, [("title", f"{agency}政府信息公开工作年度报告问题清单"),
                       ("para", f"审核的年度报告：{years or '年度不明'}年度（{len(reports)} 份）。"
                                f"下列问题需要核实并更正；更正后请重新发布年度报告，并将更正情况报送。")])
    if rows.empty:
        doc.blocks.append(("para", "经审核，未发现需要更正的问题。"))
        return doc
    doc.blocks.append(("para", f"共 {len(rows)} 个问题：错误 {int((rows['severity'] == 'error').sum())} 个，"
                               f"警告 {int((rows['severity'] == 'warning').sum())} 个。"))
    for n, (_, row) in enumerate(rows.sort_values(["year", "severity", "code"], kind="stable").iterrows(), start=1):
        report = by_source[row["source"]]
        doc.blocks.append(("heading", f"{n}. {row['year']}年度报告 · {SEVERITY_ZH.get(row['severity'], row['severity'])}"
                                      f"（{row['code']}，{STATUS_ZH[row['status']]}）"))
        doc.blocks.append(("para", f"问题：{row['message_zh']}"))
        refs = [r for r in str(row["refs"]).split(", ") if r]
        if refs:
            doc.blocks.append(("table", ("栏目", "报告所填"),
                               [(cell_label(ref, report.template), printed(report, ref)) for ref in refs]))
        if row["expected"] is not None and row["found"] is not None and row["kind"] in ("identity", "across_years", "text"):
            doc.blocks.append(("para", f"核对结果：应为 {row['expected']}，报告为 {row['found']}。"))
        doc.blocks.append(("para", f"请更正：{correction(row['code'])}"))
        if row["note"]:
            doc.blocks.append(("para", f"审核意见：{row['note']}"))
        doc.blocks.append(("para", f"（文件：{Path(row['source']).name}；编号 {row['key']}）"))
    return doc


def load_expected(path) -> dict[str, dict]:
    """Expected units from a CSV: a column ``agency`` (or ``单位``/``unit``; else the first column),
    and optional ``level`` and ``year`` (one row per unit and year, or no year: every year reviewed)."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise ExpectedUnitsError(path, f"cannot read the expected units: {e}") from e
    if not rows:
        raise ExpectedUnitsError(path, "no units listed (a header row, then one unit per line)")
    name_col = next((c for c in ("agency", "单位", "unit") if c in rows[0]), list(rows[0])[0])
    units: dict[str, dict] = {}
    for row in rows:
        name = re.sub(r"\s+", "", row.get(name_col) or "")
        if not name:
            continue
        unit = units.setdefault(name, {"level": (row.get("level") or "").strip(), "years": set()})
        year = (row.get("year") or "").strip()
        if year:
            if not year.isdigit():
                raise ExpectedUnitsError(path, f"year {year!r} of {name} is not a year")
            unit["years"].add(int(year))
    return units


def rollup_rows(reports, frame, expected: dict | None, years=None) -> list[dict]:
    """One row per unit: every expected unit and every agency that reported, with open errors and missing years."""
    expected = expected or {}
    seen: dict[str, list] = {}
    for r in reports:
        seen.setdefault(re.sub(r"\s+", "", r.agency or Path(r.source).name), []).append(r)
    review_years = sorted(set(years) if years else {r.year for r in reports if r.year})
    levels = {name: u["level"] for name, u in expected.items() if u["level"]}
    # open findings counted once per report and severity: each unit then looks up only its own reports
    opened = frame[frame["open"]]
    open_by_source = (pd.crosstab(opened["source"], opened["severity"]) if len(opened)
                      else pd.DataFrame(index=pd.Index([], name="source")))
    out = []
    for name in sorted(set(expected) | set(seen)):
        mine = seen.get(name, [])
        have = {r.year for r in mine}
        open_rows = open_by_source.reindex([r.source for r in mine], fill_value=0)
        due = (expected[name]["years"] or set(review_years)) if name in expected else set()
        if years:
            due &= set(years)
        missing = sorted(due - have)
        note = "" if name in expected or not expected else "不在应报单位名单中"
        out.append({"unit": name, "level": levels.get(name) or level_of(name), "reports": len(mine),
                    "years": year_span(have),
                    "open_errors": int(open_rows.get("error", pd.Series(dtype=int)).sum()),
                    "open_warnings": int(open_rows.get("warning", pd.Series(dtype=int)).sum()),
                    "missing": year_span(missing), "note": note})
    return out


def rollup_doc(rows: list[dict]) -> Doc:
    missing = sum(1 for r in rows if r["missing"])
    doc = Doc("汇总", [("title", "政府信息公开工作年度报告审核情况汇总"),
                       ("para", f"共 {len(rows)} 个单位；{sum(r['open_errors'] > 0 for r in rows)} 个单位有未更正的错误，"
                                f"{missing} 个单位缺报年度报告。")])
    doc.blocks.append(("table", ("单位", "层级", "已报年度", "未结错误", "未结警告", "缺报年度", "备注"),
                       [(r["unit"], LEVEL_ZH.get(r["level"], r["level"]), r["years"] or "无", str(r["open_errors"]), str(r["open_warnings"]),
                         r["missing"] or "无", r["note"]) for r in rows]))
    return doc


def file_stem(name: str) -> str:
    return _UNSAFE.sub("_", name).strip("_") or "unit"


def write_notices(data, out, decisions=None, expected=None, years=None, formats=FORMATS) -> list[Path]:
    """Write a notice per agency and the roll-up under ``out``; return the paths written.

    ``decisions``: a reviews file (or loaded decisions); ``expected``: a units CSV path (or what
    :func:`load_expected` returns); ``years``: the report years under review (default: every year read).
    """
    from .notice_docx import write_docx
    from .notice_pdf import write_pdf

    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown notice format(s) {', '.join(sorted(unknown))} (known: {', '.join(FORMATS)})")
    reports = as_reports(data)
    if years:
        reports = [r for r in reports if r.year in set(years)]
    frame = apply_review(reports, decisions).frame
    if isinstance(expected, (str, Path)):
        expected = load_expected(expected)
    by_agency: dict[str, list] = {}
    for r in reports:
        by_agency.setdefault(r.agency or Path(r.source).name, []).append(r)
    parts = dict(tuple(frame.groupby("source", sort=False)))  # split once: each notice sees only its rows
    empty = frame.iloc[0:0]
    docs = [agency_notice(agency, mine, pd.concat([parts.get(r.source, empty) for r in mine]))
            for agency, mine in sorted(by_agency.items())]
    rows = rollup_rows(reports, frame, expected, years)
    docs.append(rollup_doc(rows))
    out = Path(out)
    (out / "notices").mkdir(parents=True, exist_ok=True)
    written = []
    all_text = "".join(d.text() for d in docs)  # one font subset serves every PDF of the run
    for doc in docs:
        stem = out / ("rollup-汇总" if doc is docs[-1] else f"notices/{file_stem(doc.name)}-问题清单")
        if "docx" in formats:
            written.append(write_docx(doc, stem.parent / (stem.name + ".docx")))
        if "pdf" in formats:
            written.append(write_pdf(doc, stem.parent / (stem.name + ".pdf"), font_text=all_text))
    with open(out / "rollup-汇总.csv", "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["unit"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    written.append(out / "rollup-汇总.csv")
    return written
