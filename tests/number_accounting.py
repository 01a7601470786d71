"""The numbers a file prints in its tables, and the numbers a report accounts for (cells and findings).

"Every number in a report table ends in a cell or in a finding that says why not": the two
multisets are equal when nothing was lost.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from gikkit.readers import read_document
from gikkit.values import OK, clean_text, parse_value


def _number(text) -> bool:
    return bool(text) and parse_value(text, kind="decimal").status == OK


def printed_numbers(path: Path) -> Counter:
    return Counter(clean_text(c) for t in read_document(path).tables for r in t.rows for c in r if _number(c))


def accounted_numbers(report) -> Counter:
    placed = Counter(clean_text(i["raw"]) for i in report.cell_info.values() if _number(i.get("raw")))
    for f in report.findings:
        if isinstance(f.found, dict):
            placed.update(clean_text(v) for v in f.found.get("values", []) if _number(v))
    return placed
