"""Place the values of recognized table rows in the cells of one template version.

The second pass of :mod:`gikkit.recognize`. Rows are matched to the template's rows by label
(tolerantly, see :mod:`gikkit.labels`); values to columns by position. Every printed number ends
in a cell or in a finding that says why not: rows the template lacks (a province's additions),
a second row claiming a cell already filled, values beyond the template's columns.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from operator import is_

from .cell_plans import cells_of, t2_plan, t3_plan
from .findings import Finding
from .labels import LabelMatch, best_match
from .schema import Template, templates
from .values import CACHE_SIZE, CACHED_LENGTH, ParsedValue, clean_text, parse_value, parsed_str


@dataclass(slots=True)  # ~50 made per report
class RawRow:
    """One printed table row: its label cells, the value cells after them, where it was printed."""

    labels: list[str]
    values: list[str]
    where: str  # "table 2, row 5 (page 3)": for findings
    blank: bool = False  # every value cell is empty: a row left unfilled (or a header's tail)
    positions: Sequence[int] | None = None  # grid columns of the value cells, when the reader gave a grid


def finding(code, severity, refs, expected, found, zh, en, rule="") -> Finding:
    return Finding(code, severity, list(refs), expected, found, zh, en, rule)


_NOT_FOUND = {"raw": None, "status": "missing", "note": ""}


def _placed(placed: dict[str, tuple], text: str, spec) -> tuple:
    """``(value, info, words)`` for a plain cell text of at most CACHED_LENGTH characters: its
    parse, and the info every cell of that text gets (copied, never handed out itself). The same
    few cell texts fill every report: remembered in ``placed`` (the memo of the spec's type and unit,
    a plain dict: a hit is one look-up; emptied when full), rather than a dict built each time."""
    p = parsed_str(text, spec.type, spec.unit)
    if len(placed) >= CACHE_SIZE:
        placed.clear()
    answer = placed[text] = p.value, {"raw": p.raw, "status": p.status, "note": p.note}, p.words
    return answer


@lru_cache(maxsize=1 << 12)
def _same_label(spec_label: str, own_label: str) -> bool:
    """Whether two spec labels read the same (asked for every matched row, of the same few labels)."""
    return clean_text(spec_label) == clean_text(own_label)


class CellMapper:
    """Cells of one template, filled row by row, with the findings the filling gave rise to."""

    def __init__(self, template: Template):
        self.t = template
        self.cells: dict[str, int | float | None] = dict.fromkeys(template.cells)
        # a cell not (yet) found holds _NOT_FOUND itself, never changed in place; found cells get a dict of
        # their own, and the rest a copy in cell_info() (most cells are found: copies made only for the others)
        self.info: dict[str, dict] = dict.fromkeys(template.cells, _NOT_FOUND)
        self.findings: list[Finding] = []
        self.others = [t for t in templates().values() if t.key != template.key]

    def cell_info(self) -> dict[str, dict]:
        """Every cell's ``{"raw", "status", "note"}``, each cell's dict its own: the mapping's result."""
        info = self.info
        missing = list(compress(info, map(is_, info.values(), repeat(_NOT_FOUND))))
        info.update(zip(missing, map(dict.copy, repeat(_NOT_FOUND, len(missing)))))
        return info

    # -- bookkeeping ---------------------------------------------------------------------------
    def put(self, ref: str, text: str, spec) -> None:
        plain = type(text) is str and len(text) <= CACHED_LENGTH  # the common case: no keyword arguments, no look-ups
        p: ParsedValue = parsed_str(text, spec.type, spec.unit) if plain else parse_value(text, kind=spec.type, unit=spec.unit)
        self.cells[ref] = p.value
        self.info[ref] = {"raw": p.raw, "status": p.status, "note": p.note}
        if not plain and (source := getattr(text, "source", None)):  # where OCR read it (readers/scan.py): page, box, confidence
            self.info[ref].update(source)
        if p.words:  # "22（其中修订16件）": the figure is the cell; the finding keeps the remark's numbers in view
            from .checks.base import make  # the checks package imports the readers' side: import on use
            self.findings.append(make("cell_with_words", [ref], p.value, p.raw, ref=ref, raw=p.raw, value=p.value))

    def put_row(self, row_cells: list[tuple], texts: list[str]) -> None:
        """:meth:`put` for each ``(ref, cell spec, placed)`` (see :mod:`.cell_plans`) and its text, in one loop
        (~210 cells a report)."""
        cells, info = self.cells, self.info
        for (ref, spec, memo), text in zip(row_cells, texts):
            placed = memo.get(text) if type(text) is str else None
            if placed is None and type(text) is str and len(text) <= CACHED_LENGTH:
                placed = _placed(memo, text, spec)
            if placed is None or placed[2]:  # OCR provenance, a long text or a remark: put's whole path
                self.put(ref, text, spec)
                continue
            cells[ref] = placed[0]
            info[ref] = placed[1].copy()

    def lost(self, row: RawRow, why_zh: str, why_en: str, code: str = "unplaced_values", rule: str = "") -> None:
        """Record a row whose values go in no cell, with the values, so nothing disappears silently."""
        found = {"labels": row.labels, "values": list(row.values)}
        self.findings.append(finding(code, "warning", [], None, found,
                                     f"{row.where}：{why_zh}，数值未计入任何单元格",
                                     f"{row.where}: {why_en}; values not placed in any cell", rule))

    def label_note(self, match: LabelMatch, own_label: str, printed: str) -> None:
        """An info finding when a label was matched other than exactly, or in the other version's wording."""
        if match.score < 1.0:
            self.findings.append(finding(
                "label_fuzzy_match", "info", [], own_label, printed,
                f"行标签“{printed}”与规范标签“{own_label}”不完全一致，按相近标签读取",
                f"row label {printed!r} is not exactly the spec's {own_label!r}; matched as the closest label",
                "Reports reword labels slightly and make typos; the closest label of the template was used."))
        elif not _same_label(match.label, own_label):
            self.findings.append(finding(
                "label_other_template", "info", [], own_label, printed,
                f"行标签“{printed}”是另一版格式的写法，按本版“{own_label}”读取",
                f"row label {printed!r} is the other format version's wording; read as {own_label!r}",
                "Reports of one format version sometimes keep a label of the other version."))

    def values_for(self, row: RawRow, n: int) -> list[str] | None:
        """The row's last ``n`` values; extra non-blank ones and short rows become findings."""
        values = row.values
        if len(values) > n:
            extra, values = values[:-n], values[-n:]
            if any(clean_text(v) for v in extra):
                self.lost(RawRow(row.labels, extra, row.where), "多出的数值", "extra values in the row", "extra_values")
        if len(values) < n:
            self.lost(row, f"应有{n}个数值，实有{len(values)}个", f"expected {n} values, found {len(values)}", "short_row")
            return None
        return values

    def assign(self, rows: list[RawRow], candidates, label_of, width, what_zh: str, what_en: str):
        """Match rows to template rows; a template row claimed twice keeps its best match.

        Yields ``(row, match)`` for rows kept; rows matching nothing or beaten by a better match
        for the same template row are recorded as findings. Rows without numbers count only when
        they have as many value cells as the template row (``width(key)``): an unfilled row.
        """
        matched: dict[str, tuple[RawRow, LabelMatch]] = {}
        order: list[str] = []
        for row in rows:
            match = label_of(row, candidates)
            if row.blank and (match is None or len(row.values) != width(match.key)):
                continue  # no numbers to lose: a header's tail, or an unfilled row of another shape
            if match is None:
                label = "".join(row.labels)
                self.lost(row, f"行“{label}”不是{what_zh}的行", f"row {label!r} is not a row of {what_en}", "extra_row",
                          "Provincial versions sometimes add rows; they are kept out of the template's cells.")
                continue
            if match.key in matched:
                kept, kept_match = matched[match.key]
                if (not row.blank, match.score) > (not kept.blank, kept_match.score):
                    matched[match.key] = (row, match)
                    row, kept = kept, row
                self.lost(row, f"与“{''.join(kept.labels)}”对应同一规范行", f"matches the same template row as {''.join(kept.labels)!r}",
                          "duplicate_row", "Two printed rows matched one row of the template; the closer match was kept.")
                continue
            matched[match.key] = (row, match)
            order.append(match.key)
        for key in order:
            yield matched[key]

    # -- the three tables -----------------------------------------------------------------------
    def map_t2(self, blocks: dict[str, dict]) -> None:
        for block, found in blocks.items():
            if block not in self.t.t2_blocks:
                for row in found["rows"]:
                    self.lost(row, f"本模板（{self.t.key}）没有{block}栏目", f"block {block} is not in template {self.t.key}", "extra_block")
                continue
            own, candidates, columns, row_cells = t2_plan(self.t, self.others, block)
            label_of = lambda row, cands: best_match("".join(row.labels), cands)  # noqa: E731
            for row, match in self.assign(found["rows"], candidates, label_of, lambda key: len(columns), f"{block}栏目", f"block {block}"):
                self.label_note(match, own[match.key], "".join(row.labels))
                values = self.values_for(row, len(columns))
                if values and match.key in row_cells:
                    self.put_row(row_cells[match.key], values)
                    continue
                for col, text in zip(columns, values or []):
                    ref = f"t2.{block}.{match.key}.{col['key']}"
                    self.put(ref, text, self.t.cells[ref])

    def by_header(self, row: RawRow, columns: dict[int, str | None] | None, n: int, known: set[int] | None = None) -> RawRow:
        """The row with only the values under the spec's columns, when it has more than ``n`` and
        the header named each column: a column the spec lacks (a 小计 in the middle) then does not
        shift the values after it. Its values go in an ``extra_values`` finding. ``known``: the
        header's named positions, when the caller worked them out once for the table's rows."""
        if known is None:
            known = {p for p, key in (columns or {}).items() if key}
        if not known or not row.positions or len(row.values) <= n or not known <= set(row.positions) <= set(columns):
            return row  # the row's cells do not line up with the header's: keep reading from the right
        kept = [v for p, v in zip(row.positions, row.values) if p in known]
        extra = [v for p, v in zip(row.positions, row.values) if p not in known]
        if len(kept) != n:
            return row
        if any(clean_text(v) for v in extra):
            self.lost(RawRow(row.labels, extra, row.where), "表头中规范没有的列的数值", "values in columns the spec lacks", "extra_values",
                      "A column the template does not have (such as a subtotal) is kept out of the cells.")
        return RawRow(row.labels, kept, row.where, row.blank, [p for p in row.positions if p in known])

    def map_t3(self, rows: list[RawRow], header_columns: dict[int, str | None] | None = None) -> None:
        own, candidates, row_cells = t3_plan(self.t, self.others)
        columns = self.t.t3_columns()
        groups: list[tuple[object, list[str], RawRow]] = []

        def label_of(row, cands):
            return best_match(row.labels[-1], cands) or best_match("".join(row.labels), cands)

        from .headers import extra_column_by_sums  # headers builds findings with this module's helper

        extra = extra_column_by_sums([r.values for r in rows], columns)
        if extra is not None:  # the sums say which column is extra: as good as a header, and works where grids do not line up
            header_columns = {i: (None if i == extra else "v") for i in range(len(columns) + 1)}
            rows = [RawRow(r.labels, r.values, r.where, r.blank, list(range(len(r.values)))) if len(r.values) == len(columns) + 1
                    else r for r in rows]
        known = {p for p, key in (header_columns or {}).items() if key}  # the same for every row of the table
        rows = [self.by_header(row, header_columns, len(columns), known) for row in rows]
        for row, match in self.assign(rows, candidates, label_of, lambda key: len(columns), "表三", "table 3"):
            self.label_note(match, own[match.key], row.labels[-1])
            values = self.values_for(row, len(columns))
            if values is None:
                continue
            spec_row = self.t.rows[("t3", None, match.key)]
            if spec_row.is_data and match.key in row_cells:
                self.put_row(row_cells[match.key], values)
            elif spec_row.is_data:
                for col, text in zip(columns, values):
                    ref = f"t3.{match.key}.{col['key']}"
                    self.put(ref, text, self.t.cells[ref])
            else:
                groups.append((spec_row, values, row))
        for spec_row, values, row in groups:
            if any(self.info[r]["status"] != "missing" for r in self.t.cells if r.split(".")[1] in spec_row.children):
                self.lost(row, f"“{spec_row.label_zh}”的小计行，其子项已单独列出", f"a subtotal row of {spec_row.label_en}, whose sub-rows are printed too",
                          "subtotal_row", "A group's own row only holds values when its sub-rows are not printed.")
            else:
                self.group_as_row(spec_row, values)

    def group_as_row(self, spec_row, values: list[str]) -> None:
        """A group the template splits into sub-rows, printed as one row of values."""
        group = self.t.group_cells(spec_row.key)
        for (ref, spec), text in zip(group.items(), values):
            self.put(ref, text, spec)
        sub_refs = [r for r in self.t.cells if r.split(".")[1] in spec_row.children]
        for ref in sub_refs:
            self.info[ref] = {"raw": None, "status": "group_printed_as_one_row", "note": f"see t3.{spec_row.key}.*"}
        self.findings.append(finding(
            "group_printed_as_one_row", "warning", list(group) + sub_refs, f"{len(spec_row.children)} sub-rows", "1 row",
            f"“{spec_row.label_zh}”按一行填报，未分列子项；数值计入 t3.{spec_row.key}.*，子项为空",
            f"{spec_row.label_en} is printed as one row, not split into its sub-rows; values kept at t3.{spec_row.key}.*, sub-rows left null",
            "The template splits this group into sub-rows; the report gives only their sum."))

    def map_t4(self, parts: list[RawRow], labelled: list[tuple[str, RawRow]] = ()) -> None:
        """表四's values: rows printed with their label (one block per row) go to that block; the
        rest, printed without labels, are read in order (one row of 15, or stacked tables of 5 and
        10) until the cells are full; any row beyond is a finding."""
        order = self.t.t4_order()
        for key, row in labelled:
            refs = [r for r in order if r.split(".")[1] == key]
            if all(self.info[r]["status"] == "missing" for r in refs):
                order = [r for r in order if r not in refs]
                for ref, text in zip(refs, self.values_for(row, len(refs)) or []):
                    self.put(ref, text, self.t.cells[ref])
            elif not row.blank:
                self.lost(row, "表四同一栏目重复出现", "a 表四 block printed twice", "duplicate_row")
        filled = [r for r in parts if not r.blank]
        taken: list[RawRow] = []
        for row in filled:
            if sum(len(r.values) for r in taken) >= len(order):
                self.lost(row, "表四的数值已读满", "table 4's cells are already filled", "stray_row")
            else:
                taken.append(row)
        if not taken:  # an unfilled 表四: its blank cells are blank, not missing
            taken = [r for r in parts if len(r.values) == len(order)][:1]
        if not taken or not order:
            return
        merged = RawRow([], [v for r in taken for v in r.values], taken[0].where, all(r.blank for r in taken))
        values = self.values_for(merged, len(order))
        if values:
            cells = cells_of(self.t)
            self.put_row([cells[ref] for ref in order], values)

    def stray(self, rows: list[RawRow]) -> None:
        for row in rows:
            self.lost(row, "表格行不属于表二、表三或表四", "table row outside tables 2, 3 and 4", "stray_row")
