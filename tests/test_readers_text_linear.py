"""The plain-text reader takes time linear in its input, also on hostile streams.

A stream of "总计 1" lines once took cubic time (every pending line re-joined for every start
position on every line). Each case is timed at two sizes on the same machine; the ratio of the
times, not the seconds, is asserted, so a slow or busy machine does not fail the test.
Eight times the input must take well under the 64 times a quadratic reader would.
"""
from __future__ import annotations

import time

import pytest

from gikkit.readers import read_document

SMALL, LARGE = 1_000, 8_000
HEAVY = 16  # cases with many words per unit are timed at SMALL / HEAVY and LARGE / HEAVY units (same ratio)
MAX_RATIO = 20  # linear is ~8; quadratic would be ~64
ATTEMPTS = 2
FLOOR = 0.05  # seconds: below this the small read's time is mostly noise on a shared machine


def stream(case: str, n: int) -> str:
    """A degenerate plain-text stream of ``n`` units."""
    if case == "total_lines":
        return "总计 1\n" * n
    if case == "labels_one_line":  # a table start, then one huge line of labels and no numbers
        return "信息内容 " + "规章 行政规范性文件 （一）予以公开 " * n + "1"
    if case == "label_lines":
        return "信息内容\n" + "规范性文件\n" * n + "1\n"
    if case == "numbers_no_labels":  # numbers only: 100k of them at the larger size
        return "信息内容\n" + "1 2 3 4 5 6 7 8 9 10 11 12\n" * n
    if case == "review_then_totals":  # 表四's header words, then rows that look like its label
        return "行政复议\n" + "总计 1\n" * n
    if case == "run_together_rows":  # one line of labels touching numbers, some touching each other
        return "信息内容 " + "规章0 00行政规范性文件7 241" * n
    if case == "long_touching_runs":  # rows whose digits could be split a great many ways
        return "信息内容 " + "（一）予以公开1234567891 2 （二）部分公开123456789012345678901234 " * n
    raise ValueError(case)


def read_time(case: str, n: int, tmp_path) -> float:
    path = tmp_path / f"{case}-{n}.txt"
    path.write_text(stream(case, n), "utf-8")
    start = time.perf_counter()
    doc = read_document(path)
    elapsed = time.perf_counter() - start
    assert doc.format == "text"
    return elapsed


@pytest.mark.parametrize("case", ["total_lines", "labels_one_line", "label_lines", "numbers_no_labels",
                                  "review_then_totals", "run_together_rows", "long_touching_runs"])
def test_time_grows_linearly(case, tmp_path):
    scale = {"total_lines": 1, "long_touching_runs": HEAVY * 4}.get(case, HEAVY)
    read_time(case, SMALL // 10, tmp_path)  # warm the caches (spec labels) outside the timing
    ratios = []
    for _ in range(ATTEMPTS):  # the machine is shared: a busy moment gets a second chance, a quadratic reader none
        small = min(read_time(case, SMALL // scale, tmp_path) for _ in range(2))
        large = read_time(case, LARGE // scale, tmp_path)
        ratios.append(large / max(small, FLOOR))
        if ratios[-1] < MAX_RATIO:
            break
    assert min(ratios) < MAX_RATIO, f"{case}: time grew {ratios} times for {LARGE // SMALL} times the input"


def test_a_hundred_thousand_numbers_without_labels(tmp_path):
    """One line of 100,000 numbers and no label: prose, read at once, no table made up from it."""
    path = tmp_path / "numbers.txt"
    path.write_text(" ".join(str(i % 97) for i in range(100_000)), "utf-8")
    start = time.perf_counter()
    doc = read_document(path)
    assert time.perf_counter() - start < 5 and not doc.tables and len(doc.paragraphs) == 1


def test_hostile_stream_still_reads_its_rows(tmp_path):
    """Speed is not bought with lost rows: every "总计 1" line after a table start is a row."""
    path = tmp_path / "totals.txt"
    path.write_text("信息内容\n" + "总计 1\n" * SMALL, "utf-8")
    rows = [r for t in read_document(path).tables for r in t.rows]
    assert sum(1 for r in rows if r == ["总计", "1"]) == SMALL
