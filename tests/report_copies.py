"""Edited copies of the seed report, for tests that need several agencies, years or both formats.

A copy keeps the seed's own text (its sections, its Tika table layout) and re-prints tables
二, 三 and 四 in the layout of the chosen format with the figures given, so reading it back
goes through the real reader and recognizer. Labels are taken from the spec.
"""
from __future__ import annotations

import random
from pathlib import Path

from gikkit import schema
from fixture_paths import SEED_DIR

SEED = SEED_DIR / "000_c2619695b87ce2e6.txt"
_LINES = SEED.read_text("utf-8").split("\n")
_HEAD = _LINES[1:35]  # after the title, up to the table section (the seed's own overview text)
_T3_HEADER = _LINES[111:129]  # the seed's three-row header of 表三
_T4_HEADER = _LINES[374:402]  # the seed's header of 表四
_TAIL = _LINES[419:428]  # sections 五 and 六, without the signature
SEED_AGENCY = "高青县田镇街道办事处"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() else str(value)


def _t2_lines(tmpl, cells) -> list[str]:
    out = ["二、主动公开政府信息情况"]
    for key, block in tmpl.t2_blocks.items():
        out += [f"\t{block['label_zh']}", "", "\t信息内容"] + [f"\t{c['label_zh']}" for c in block["columns"]] + [""]
        for row in block["rows"]:
            out.append(f"\t{row['label_zh']}")
            refs = [f"t2.{key}.{row['key']}.{c['key']}" for c in block["columns"]]
            out += [f"\t{_cell(cells.get(ref))}" for ref in refs]
            out.append("")
    return out + ["", ""]


def _t3_lines(tmpl, cells) -> list[str]:
    out = ["三、收到和处理政府信息公开申请情况", *_T3_HEADER, ""]
    columns = [c["key"] for c in tmpl.t3_columns()]
    pending: list[str] = []  # group labels print on the row of their first child
    for row in tmpl.t3_rows():
        key = row["key"]
        own = [f"t3.{key}.{c}" for c in columns]
        printed_as_one = not row["is_data"] and any(r in cells for r in own)
        if not row["is_data"] and not printed_as_one:
            pending.append(f"\t{row['label_zh']}")
            continue
        if row.get("parent") and any(f"t3.{row['parent']}.{c}" in cells for c in columns):
            continue  # sub-rows of a group printed as one row
        out += pending + [f"\t{row['label_zh']}"] + [f"\t{_cell(cells.get(r))}" for r in own] + [""]
        pending = []
    return out + [""]


def _t4_lines(tmpl, cells) -> list[str]:
    return ["四、政府信息公开行政复议、行政诉讼情况", *_T4_HEADER, ""] + \
        [f"\t{_cell(cells.get(r))}" for r in tmpl.t4_order()] + ["", ""]


def write_copy(path: Path, *, agency: str = SEED_AGENCY, year: int = 2020, template: str = "v2019",
               cells: dict | None = None) -> Path:
    """Write a copy of the seed as ``agency``'s ``year`` report in ``template``'s format.

    ``cells`` maps refs to numbers, ``None`` (printed blank) or raw strings ("—", "998万元");
    cells not given print 0. A v2021 report printing （六）其他处理 as one row: give
    ``t3.other_handling.*`` instead of its sub-rows.
    """
    tmpl = schema.template(template)
    full = {ref: 0 for ref in tmpl.cells}
    full.update(cells or {})
    lines = [f"{agency}{year}年政府信息公开工作年度报告", *_HEAD, *_t2_lines(tmpl, full), *_t3_lines(tmpl, full),
             *_t4_lines(tmpl, full), *_TAIL, "", f"    {agency}", f"{year + 1}年1月20日", ""]
    path = Path(path)
    path.write_text("\n".join(lines), "utf-8")
    return path


def consistent_cells(template: str, seed: int) -> dict[str, int]:
    """Random figures that satisfy every identity of ``template`` (I1-I4): a plausible report."""
    rng = random.Random(seed)
    tmpl = schema.template(template)
    applicants = [c["key"] for c in tmpl.t3_columns() if c["key"] != "total"]
    outcome_rows = [r["key"] for r in tmpl.t3_rows() if r["is_data"] and r.get("parent") in
                    ("outcomes", "withheld", "unavailable", "not_processed", "other_handling")
                    and r["key"] != "outcome_total"]
    cells: dict[str, int] = {}
    for ref, spec in tmpl.cells.items():
        if spec.table == "t2":
            cells[ref] = rng.randint(-3, 5) if spec.signed else rng.randint(0, 40)
    for col in applicants:
        scale = 30 if col == "natural_person" else 6
        for row in outcome_rows:
            cells[f"t3.{row}.{col}"] = rng.randint(0, scale)
        total = sum(cells[f"t3.{row}.{col}"] for row in outcome_rows)
        cells[f"t3.outcome_total.{col}"] = total
        carried_over = rng.randint(0, min(total, 5))
        forward = rng.randint(0, 5)
        cells[f"t3.carried_over_from_prev.{col}"] = carried_over
        cells[f"t3.carried_forward_to_next.{col}"] = forward
        cells[f"t3.new_received.{col}"] = total + forward - carried_over
    for row in {ref.split(".")[1] for ref in tmpl.cells if ref.startswith("t3.")}:
        cells[f"t3.{row}.total"] = sum(cells[f"t3.{row}.{c}"] for c in applicants)
    for row in ("admin_review", "litigation_direct", "litigation_after_review"):
        parts = [rng.randint(0, 4) for _ in range(4)]
        for col, v in zip(("upheld", "corrected", "other_result", "pending"), parts):
            cells[f"t4.{row}.{col}"] = v
        cells[f"t4.{row}.total"] = sum(parts)
    return cells


AGENCIES = ("甲市人民政府", "乙区人民政府", "丙县人民政府")
# (agency, year) -> refs printed blank in that copy
BLANKS = {
    ("乙区人民政府", 2022): ("t3.granted.natural_person",),
    ("甲市人民政府", 2020): ("t2.art20_1.regulations.total_published",),
    ("乙区人民政府", 2019): ("t4.admin_review.upheld",),
}
ONE_ROW_GROUP = ("丙县人民政府", 2022)  # prints （六）其他处理 as one row, like 洪泽区 2024


def write_set(folder: Path) -> list[Path]:
    """Copies of the seed for three agencies over 2019-2023 in both formats, with a few blanks."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    plan = [(a, y) for a in AGENCIES[:2] for y in range(2019, 2024)] + [(AGENCIES[2], 2020), (AGENCIES[2], 2022)]
    paths = []
    for i, (agency, year) in enumerate(plan):
        template = schema.template_for_year(year)
        cells: dict = consistent_cells(template, seed=i)
        for ref in BLANKS.get((agency, year), ()):
            cells[ref] = None
        if (agency, year) == ONE_ROW_GROUP:
            subs = [r["key"] for r in schema.template(template).t3_rows() if r.get("parent") == "other_handling"]
            for col in [c["key"] for c in schema.template(template).t3_columns()]:
                cells[f"t3.other_handling.{col}"] = sum(cells.pop(f"t3.{s}.{col}") for s in subs)
        paths.append(write_copy(folder / f"{i:02d}-{year}.txt", agency=agency, year=year, template=template, cells=cells))
    return paths
