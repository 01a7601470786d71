"""Edited copies of real report texts (word-text layout) for the checks' tests: one number changed at a time.

The clean figures: the seed with its one blank cell filled with 0 (v2019), and 淮安市人民政府 2024
laid out in the same layout (``tests/data/checks/huaian-city-2024.txt``, v2021).
"""
from __future__ import annotations

import copy
from pathlib import Path

import gikkit
from gikkit.schema import cell_spec, template
from gikkit.values import parse_value
from fixture_paths import FIXTURES, SEED_DIR  # noqa: F401  (FIXTURES: for the checks tests)

HERE = Path(__file__).resolve().parent
SEED = SEED_DIR / "000_c2619695b87ce2e6.txt"
HUAIAN_TEXT = HERE / "data" / "checks" / "huaian-city-2024.txt"


def seed_text() -> str:
    return SEED.read_text("utf-8")


def clean_v2019() -> str:
    """The seed with its blank （七）总计 cell filled: figures that pass every check."""
    return set_cell(seed_text(), "t3.outcome_total.social_welfare_org", "0")


def clean_v2021() -> str:
    return HUAIAN_TEXT.read_text("utf-8")


def _value_lines(lines: list[str], start: int, n: int) -> list[int]:
    """Indexes of the next ``n`` cell lines after ``start`` (a row's values, blank cells included)."""
    out = []
    i = start + 1
    while len(out) < n:
        if lines[i].startswith("\t"):
            out.append(i)
        i += 1
    return out


def _find(lines: list[str], text: str, after: int = 0) -> int:
    for i in range(after, len(lines)):
        if lines[i].startswith("\t") and lines[i].strip() == text:
            return i
    raise LookupError(f"no cell {text!r} after line {after}")


def cell_line(text: str, ref: str) -> int:
    """The line index holding ``ref``'s value in a word-text report."""
    lines = text.split("\n")
    spec = cell_spec(ref)
    if ref.startswith("t4."):
        order = template("v2021").t4_order()
        start = max(i for i, ln in enumerate(lines) if ln.strip() == "总计")
        return _value_lines(lines, start, len(order))[order.index(ref)]
    if ref.startswith("t3."):
        cols = [c["key"] for c in template("v2021").t3_columns()]
        row = _find(lines, spec.row_label_zh)
        return _value_lines(lines, row, len(cols))[cols.index(spec.column)]
    tmpl = template("v2021" if "本年制发件数" in text else "v2019")
    block = tmpl.t2_blocks[spec.block]
    start = _find(lines, block["label_zh"])
    row = _find(lines, spec.row_label_zh, start)
    cols = [c["key"] for c in block["columns"]]
    return _value_lines(lines, row, len(cols))[cols.index(spec.column)]


def set_cell(text: str, ref: str, new: str) -> str:
    """``text`` with the printed value of ``ref`` replaced by ``new`` ("" for a blank cell)."""
    lines = text.split("\n")
    lines[cell_line(text, ref)] = "\t" + new
    return "\n".join(lines)


def add_to(text: str, ref: str, delta: int) -> str:
    """``text`` with ``ref``'s (integer) value changed by ``delta``."""
    old = parse_value(text.split("\n")[cell_line(text, ref)], kind="integer").value or 0
    return set_cell(text, ref, str(old + delta))


def edit(text: str, *, cells: dict | None = None, add: dict | None = None, replace: dict | None = None) -> str:
    for ref, new in (cells or {}).items():
        text = set_cell(text, ref, new)
    for ref, delta in (add or {}).items():
        text = add_to(text, ref, delta)
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def read_text(tmp_path: Path, text: str, name: str = "report.txt", **kw):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return gikkit.read(path, **kw)


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


def with_year(report, year: int, agency: str | None = None):
    """A copy of ``report`` as if it were another year's (or another agency's) report."""
    other = copy.deepcopy(report)
    other.year = year
    other.source = f"{report.source}#{agency or report.agency}-{year}"
    if agency:
        other.agency = agency
    return other
