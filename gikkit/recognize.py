"""Find 表二, 表三 and 表四 in a document's tables and map every printed value to a spec cell.

Shared by all formats: readers only produce grids of cell text. Work happens in two passes.
The first walks the rows of every table in order (tables split across pages simply continue)
and sorts them into t2 block rows, t3 rows and the t4 value row. The second picks the template
version from the labels it saw and maps the values to cell refs. Every value that does not end
in a cell ends in a finding.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document
from .findings import Finding
from .labels import best_match, normalize
from .schema import Template, template_for_year, templates
from .values import BLANK, ParsedValue, clean_text, looks_numeric, parse_value

_BLOCK_TITLE = re.compile(r"第二十条第\(([一二三四五六七八九十]+)\)项")
_BLOCK_NUMBERS = {n: i for i, n in enumerate("一二三四五六七八九十", start=1)}
T3_HEADER_MARKS = ("勾稽关系", "申请人情况")
T4_HEADER_MARKS = ("行政复议", "行政诉讼")


@dataclass
class RawRow:
    labels: list[str]
    values: list[str]
    where: str  # "table 2, row 5": for findings


@dataclass
class Layout:
    """What the first pass found, before the template is known."""

    t2_blocks: dict[str, dict] = field(default_factory=dict)  # block -> {"header": [...], "rows": [RawRow]}
    t3_rows: list[RawRow] = field(default_factory=list)
    t4_values: RawRow | None = None
    stray_rows: list[RawRow] = field(default_factory=list)  # numbers outside any known table


@dataclass
class Recognized:
    template: Template
    cells: dict[str, int | float | None]
    cell_info: dict[str, dict]  # ref -> {"raw", "status", "note"}
    findings: list[Finding]
    tables_found: list[str]


def _split_row(printed: list[str]) -> tuple[list[str], list[str]]:
    """Label cells and the value cells after the last label."""
    last_label = -1
    for i, cell in enumerate(printed):
        if not looks_numeric(cell):
            last_label = i
    labels = [c for c in printed[: last_label + 1] if clean_text(c)]
    return labels, printed[last_label + 1:]


def scan(doc: Document) -> Layout:
    """First pass: sort table rows into the report's tables."""
    layout = Layout()
    mode, block = None, None
    for ti, table in enumerate(doc.tables, start=1):
        for ri, row in enumerate(table.rows, start=1):
            printed = [c if c is not None else None for c in row]
            printed = [c for c in printed if c is not None]
            joined = clean_text("".join(printed))
            if not joined:
                continue
            where = f"table {ti}, row {ri}" + (f" (page {table.page})" if table.page else "")
            m = _BLOCK_TITLE.search(joined)
            if m and len(joined) <= 20:
                mode, block = "t2", f"art20_{_BLOCK_NUMBERS[m.group(1)]}"
                layout.t2_blocks.setdefault(block, {"header": [], "rows": []})
                continue
            if any(mark in joined for mark in T3_HEADER_MARKS):
                mode = "t3"
                continue
            if all(mark in joined for mark in T4_HEADER_MARKS) and mode != "t4":
                mode = "t4"
                continue
            labels, values = _split_row(printed)
            if mode == "t2" and labels and normalize(labels[0]) == "信息内容":
                layout.t2_blocks[block]["header"] = [c for c in printed[1:] if clean_text(c)]
                continue
            if not any(clean_text(v) for v in values):
                continue  # a header or group-label row: no numbers to place
            raw = RawRow(labels, values, where)
            if mode == "t2" and labels:
                layout.t2_blocks[block]["rows"].append(raw)
            elif mode == "t3" and labels:
                layout.t3_rows.append(raw)
            elif mode == "t4" and not labels and layout.t4_values is None:
                layout.t4_values = raw
            else:
                layout.stray_rows.append(raw)
    return layout


def detect_template(layout: Layout, year: int | None) -> tuple[str, list[str]]:
    """Pick ``v2019`` or ``v2021`` from the labels seen; the year only breaks a tie."""
    v19, v21 = templates()["v2019"], templates()["v2021"]
    votes = {"v2019": [], "v2021": []}
    own = {t.key: {c["label_zh"] for b in t.t2_blocks.values() for c in b["columns"]} for t in (v19, v21)}
    for block, found in layout.t2_blocks.items():
        if block not in v21.t2_blocks and block in v19.t2_blocks:
            votes["v2019"].append(f"block {block}")
        for label in found["header"]:
            for key, other in (("v2019", "v2021"), ("v2021", "v2019")):
                hit = best_match(label, [(x, x) for x in own[key] - own[other]], threshold=0.85)
                if hit:
                    votes[key].append(hit.label)
    sub_rows = [(r["key"], r["label_zh"]) for r in v21.t3_rows() if r.get("parent") == "other_handling"]
    for row in layout.t3_rows:
        if row.labels and best_match(row.labels[-1], sub_rows, threshold=0.8):
            votes["v2021"].append("（六） sub-rows")
            break
    if len(votes["v2019"]) != len(votes["v2021"]):
        key = max(votes, key=lambda k: len(votes[k]))
    else:
        key = template_for_year(year)
    return key, votes[key]


def _finding(code, severity, refs, expected, found, zh, en, rule="") -> Finding:
    return Finding(code, severity, list(refs), expected, found, zh, en, rule)


class _Mapper:
    """Second pass: place values in cells of one template."""

    def __init__(self, template: Template):
        self.t = template
        self.cells: dict[str, int | float | None] = {ref: None for ref in template.cells}
        self.info: dict[str, dict] = {ref: {"raw": None, "status": "missing", "note": ""} for ref in template.cells}
        self.findings: list[Finding] = []
        others = [t for t in templates().values() if t.key != template.key]
        self.other_labels = others

    def put(self, ref: str, text: str, spec) -> None:
        p: ParsedValue = parse_value(text, kind=spec.type, unit=spec.unit)
        self.cells[ref] = p.value
        self.info[ref] = {"raw": p.raw, "status": p.status, "note": p.note}

    def lost(self, row: RawRow, why_zh: str, why_en: str, code: str = "unplaced_values") -> None:
        found = {"labels": row.labels, "values": [v for v in row.values]}
        self.findings.append(_finding(code, "warning", [], None, found,
                                      f"{row.where}：{why_zh}，数值未计入任何单元格",
                                      f"{row.where}: {why_en}; values not placed in any cell"))

    def label_note(self, match, table_key, row_key, printed: str) -> None:
        if match.score < 1.0:
            self.findings.append(_finding(
                "label_fuzzy_match", "info", [], match.label, printed,
                f"行标签“{printed}”与规范标签“{match.label}”不完全一致，按相近标签读取",
                f"row label {printed!r} is not exactly the spec's {match.label!r}; matched as the closest label"))

    def values_for(self, row: RawRow, n: int) -> list[str] | None:
        values = row.values
        if len(values) > n:
            extra, values = values[:-n], values[-n:]
            if any(clean_text(v) for v in extra):
                self.lost(RawRow(row.labels, extra, row.where), "多出的数值", "extra values in the row", "extra_values")
        if len(values) < n:
            self.lost(row, f"应有{n}个数值，实有{len(values)}个", f"expected {n} values, found {len(values)}", "short_row")
            return None
        return values

    def map_t2(self, layout: Layout) -> None:
        for block, found in layout.t2_blocks.items():
            if block not in self.t.t2_blocks:
                for row in found["rows"]:
                    self.lost(row, f"本模板（{self.t.key}）没有{block}栏目", f"block {block} is not in template {self.t.key}", "extra_block")
                continue
            spec_block = self.t.t2_blocks[block]
            columns = spec_block["columns"]
            candidates = [(r["key"], r["label_zh"]) for r in spec_block["rows"]]
            for other in self.other_labels:
                if block in other.t2_blocks:
                    candidates += [(r["key"], r["label_zh"]) for r in other.t2_blocks[block]["rows"]
                                   if any(r["key"] == k for k, _ in candidates)]
            for row in found["rows"]:
                label = "".join(row.labels)
                match = best_match(label, candidates)
                if not match:
                    self.lost(row, f"行“{label}”不在{block}栏目中", f"row {label!r} is not part of block {block}", "extra_row")
                    continue
                self.label_note(match, "t2", match.key, label)
                values = self.values_for(row, len(columns))
                if values is None:
                    continue
                for col, text in zip(columns, values):
                    ref = f"t2.{block}.{match.key}.{col['key']}"
                    self.put(ref, text, self.t.cells[ref])

    def map_t3(self, layout: Layout) -> None:
        rows = self.t.t3_rows()
        candidates = [(r["key"], r["label_zh"]) for r in rows]
        for other in self.other_labels:
            candidates += [(r["key"], r["label_zh"]) for r in other.t3_rows()
                           if ("t3", None, r["key"]) in self.t.rows]
        columns = self.t.t3_columns()
        for row in layout.t3_rows:
            match = best_match(row.labels[-1], candidates) or best_match("".join(row.labels), candidates)
            if not match:
                self.lost(row, f"行“{''.join(row.labels)}”不是表三的行", f"row {''.join(row.labels)!r} is not a row of table 3", "extra_row")
                continue
            self.label_note(match, "t3", match.key, row.labels[-1])
            values = self.values_for(row, len(columns))
            if values is None:
                continue
            spec_row = self.t.rows[("t3", None, match.key)]
            if spec_row.is_data:
                for col, text in zip(columns, values):
                    ref = f"t3.{match.key}.{col['key']}"
                    self.put(ref, text, self.t.cells[ref])
            else:
                self.group_as_row(spec_row, values)

    def group_as_row(self, spec_row, values: list[str]) -> None:
        """A group the template splits into sub-rows, printed as one row of values."""
        group = self.t.group_cells(spec_row.key)
        for (ref, spec), text in zip(group.items(), values):
            self.cells[ref] = None
            self.info[ref] = {}
            self.put(ref, text, spec)
        sub_refs = [r for r in self.t.cells if r.split(".")[1] in spec_row.children]
        for ref in sub_refs:
            self.info[ref] = {"raw": None, "status": "group_printed_as_one_row", "note": f"see t3.{spec_row.key}.*"}
        self.findings.append(_finding(
            "group_printed_as_one_row", "warning", list(group) + sub_refs, f"{len(spec_row.children)} sub-rows", "1 row",
            f"“{spec_row.label_zh}”按一行填报，未分列子项；数值计入 t3.{spec_row.key}.*，子项为空",
            f"{spec_row.label_en} is printed as one row, not split into its sub-rows; values kept at t3.{spec_row.key}.*, sub-rows left null",
            "The template splits this group into sub-rows; the report gives only their sum."))

    def map_t4(self, layout: Layout) -> None:
        if layout.t4_values is None:
            return
        order = self.t.t4_order()
        values = self.values_for(layout.t4_values, len(order))
        if values is None:
            return
        for ref, text in zip(order, values):
            self.put(ref, text, self.t.cells[ref])

    def stray(self, layout: Layout) -> None:
        for row in layout.stray_rows:
            self.lost(row, "表格行不属于表二、表三或表四", "table row outside tables 2, 3 and 4", "stray_row")


def recognize(doc: Document, year: int | None = None) -> Recognized:
    """Map the document's tables to the cells of the template version they use."""
    layout = scan(doc)
    found = [t for t, ok in (("t2", layout.t2_blocks), ("t3", layout.t3_rows), ("t4", layout.t4_values)) if ok]
    key, evidence = detect_template(layout, year)
    mapper = _Mapper(templates()[key])
    mapper.map_t2(layout)
    mapper.map_t3(layout)
    mapper.map_t4(layout)
    mapper.stray(layout)
    for table in ("t2", "t3", "t4"):
        if table not in found:
            refs = [r for r in mapper.t.cells if r.startswith(table + ".")]
            mapper.findings.append(_finding(
                "missing_table", "error", refs, table, None,
                f"未找到{table}（表{'二三四'[int(table[1]) - 2]}）", f"table {table} not found in the document",
                "Every report prints tables 二, 三 and 四."))
    return Recognized(mapper.t, mapper.cells, mapper.info, mapper.findings, found)
