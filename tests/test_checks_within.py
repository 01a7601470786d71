"""Within a table: each identity, constraint and cell status broken once on clean figures is caught alone."""
from __future__ import annotations

import pytest

from gikkit import checks

from checks_support import clean_v2019, clean_v2021, codes, edit, read_text

# (name, clean base, edit, the findings expected: code -> how many)
BREAKS = [
    ("balance", clean_v2019, {"add": {"t3.carried_over_from_prev.natural_person": 1, "t3.carried_over_from_prev.total": 1}},
     {"t3_balance": 2}),
    ("outcome total", clean_v2019, {"add": {"t3.granted.legal_service_org": 1, "t3.granted.total": 1}},
     {"t3_outcome_total": 2}),
    ("row total", clean_v2021, {"add": {"t3.granted.natural_person": 1, "t3.partially_granted.natural_person": -1}},
     {"t3_row_total": 2}),
    ("table 4 total", clean_v2019, {"add": {"t4.admin_review.upheld": 1}}, {"t4_total": 1}),
    ("table 4 litigation total", clean_v2021, {"add": {"t4.litigation_after_review.total": 1}},
     {"t4_total": 1, "text_figure_mismatch": 1}),  # the text's 行政诉讼46件 is then wrong too
    ("published > total", clean_v2019, {"add": {"t2.art20_1.regulations.published_this_year": 1}},
     {"t2_new_published_le_total": 1}),
    ("negative", clean_v2019, {"cells": {"t2.art20_1.regulations.made_this_year": "-3"}}, {"negative_value": 1}),
    ("fraction", clean_v2021, {"cells": {"t2.art20_5.administrative_licensing.decisions_count": "447228.5"}},
     {"not_integer": 1}),
    ("blank", clean_v2019, {"cells": {"t2.art20_1.regulations.made_this_year": ""}}, {"blank_cell": 1}),
    ("placeholder", clean_v2021, {"cells": {"t2.art20_6.administrative_coercion.decisions_count": "—"}},
     {"placeholder_cell": 1}),
]


@pytest.mark.parametrize("base, change, expected", [b[1:] for b in BREAKS], ids=[b[0] for b in BREAKS])
def test_each_rule_broken_once_is_caught_alone(tmp_path, base, change, expected):
    report = read_text(tmp_path, edit(base(), **change))
    found = {c: codes(report.findings).count(c) for c in set(codes(report.findings))}
    assert found == expected, [f.message for f in report.findings]


@pytest.mark.parametrize("base", [clean_v2019, clean_v2021], ids=["v2019", "v2021"])
def test_clean_figures_have_no_findings(tmp_path, base):
    report = read_text(tmp_path, base())
    assert report.findings == []


def test_a_finding_names_refs_expected_found_and_explains_itself(tmp_path):
    report = read_text(tmp_path, edit(clean_v2019(), add={"t4.admin_review.upheld": 2}))
    (f,) = report.findings
    assert f.code == "t4_total" and f.severity == "error"
    assert f.refs[0] == "t4.admin_review.total" and "t4.admin_review.upheld" in f.refs
    assert (f.expected, f.found) == (2, 0)
    assert "行政复议" in f.message_zh and "total is 0" in f.message_en
    assert f.rule and "\n" not in f.rule
    assert f.source == str(tmp_path / "report.txt")


def test_unreadable_cell(tmp_path):
    """Readers keep text that is not a number as "unreadable" (recognizers read such a cell as a label in text)."""
    report = read_text(tmp_path, clean_v2019(), run_checks=False)
    ref = "t2.art20_6.administrative_penalty.decisions_count"
    report.cells[ref] = None
    report.cell_info[ref] = {"raw": "约5", "status": "unreadable", "note": ""}
    (f,) = checks.run(report)
    assert (f.code, f.severity, f.refs, f.found) == ("unreadable_cell", "error", [ref], "约5")


def test_missing_value_says_cannot_check_with_the_reason(tmp_path):
    report = read_text(tmp_path, edit(clean_v2019(), cells={"t4.admin_review.pending": ""}))
    cannot = [f for f in report.findings if f.code == "cannot_check"]
    assert codes(report.findings) == ["blank_cell", "cannot_check"]
    assert cannot[0].extra["check"] == "t4_total" and "t4.admin_review.pending" in cannot[0].message_en
    assert cannot[0].severity == "info"


def _one_row_group(text: str) -> str:
    """The 2021 layout with （六）其他处理 printed as a single row (as 洪泽's report does)."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "（六）其他处理")
    end = next(i for i, ln in enumerate(lines) if ln.strip() == "（七）总计")
    rows = "\n".join(lines[start:end]).split("\n\n")
    values = [[int(v) for v in r.strip().split("\n")[-7:]] for r in rows if r.strip()]
    summed = [sum(col) for col in zip(*values)]
    return "\n".join(lines[:start] + ["\t（六）其他处理", *[f"\t{v}" for v in summed], ""] + lines[end - 1:])


def test_group_printed_as_one_row_keeps_the_identities_working(tmp_path):
    report = read_text(tmp_path, _one_row_group(clean_v2021()))
    assert report.cells["t3.other_handling.total"] == 71 + 6 + 110
    assert codes(report.findings) == ["group_printed_as_one_row"]


def test_a_broken_group_row_is_caught_at_the_group(tmp_path):
    text = _one_row_group(clean_v2021())
    lines = text.split("\n")
    at = lines.index("\t（六）其他处理") + 1
    lines[at] = f"\t{int(lines[at]) + 1}"  # natural persons of the group row, nothing else
    report = read_text(tmp_path, "\n".join(lines))
    broken = [f for f in report.findings if f.code != "group_printed_as_one_row"]
    assert codes(broken) == ["t3_outcome_total", "t3_row_total"]
    row_total = next(f for f in broken if f.code == "t3_row_total")
    assert row_total.refs[0] == "t3.other_handling.total"
    assert all("other_no_correction" not in r for f in broken for r in f.refs)
