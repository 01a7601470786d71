"""Header rows of 表三 and 表四: which table a header row opens, and which column each position holds.

Part of the first pass of :mod:`gikkit.recognize`. All labels come from the spec; both template
versions print the same headers for these two tables.
"""
from __future__ import annotations

from functools import cache, lru_cache

from .cellmap import finding
from .findings import Finding
from .labels import best_match, core
from .schema import templates

HEADER_THRESHOLD = 0.75
_PLAIN = {str}  # cells of this type only: a header row's answer may be remembered
T4_HEADER_MIN_COLUMNS = 4  # a row printing this many of 表四's column labels is its header


@cache
def _header_labels() -> dict[str, tuple[str, ...]]:
    """Header labels of 表三 and 表四, from the spec (both versions print the same ones)."""
    t3, t4 = set(), {"review": set(), "litigation": set(), "columns": set()}
    for t in templates().values():
        spec3, spec4 = t.tables["t3"], t.tables["t4"]
        t3.add(spec3["header_note_zh"])
        t3.update(g["label_zh"] for g in spec3["column_groups"])  # 法人或其他组织 too: a header cut by a page break
        t4["review"].update(r["label_zh"] for r in spec4["rows"] if r.get("parent") is None)
        t4["litigation"].update(g["label_zh"] for g in spec4["row_groups"])
        t4["columns"].update(c["label_zh"] for c in spec4["columns"])
    return {"t3": tuple(t3), **{k: tuple(v) for k, v in t4.items()}}


def _cell_match(cells: list[str], labels: tuple[str, ...]):
    """The best match of any cell to any of ``labels`` (a core containing the label counts as exact)."""
    best = None
    for cell in cells:
        c = core(cell)
        if not c or len(c) > 60:
            continue
        for label in labels:
            if core(label) in c:
                return label, 1.0, cell
            m = best_match(cell, [(label, label)], threshold=HEADER_THRESHOLD)
            if m and (best is None or m.score > best[1]):
                best = (label, m.score, cell)
    return best


def _header_note(notes: list[Finding], label: str, printed: str, where: str) -> None:
    notes.append(finding(
        "label_fuzzy_match", "info", [], label, printed,
        f"{where}：表头“{printed}”与规范标签“{label}”不完全一致，按相近标签读取",
        f"{where}: header {printed!r} is not exactly the spec's {label!r}; matched as the closest label",
        "Reports reword labels slightly and make typos; the closest label of the template was used."))


def table_header(cells: list[str], notes: list[Finding], where: str) -> str | None:
    """"t3" or "t4" when the row (holding no values) is a header row opening that table.

    表四 is known by its 行政复议 and 行政诉讼 headers side by side, by one of them alone on its
    row (the two printed as stacked tables), or by a row of its column labels (one block per row).
    """
    cells = tuple(cells)
    # the same header rows recur in every report: plain strings' answers are remembered (bounded)
    kind, fuzzy = _header_kind(cells) if set(map(type, cells)) <= _PLAIN else _header_kind.__wrapped__(cells)
    for label, printed in fuzzy:
        _header_note(notes, label, printed, where)
    return kind


@lru_cache(maxsize=1 << 12)
def _header_kind(cells: tuple[str, ...]) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """:func:`table_header`'s answer and the ``(spec label, printed)`` headers matched only approximately."""
    labels = _header_labels()
    t3 = _cell_match(cells, labels["t3"])
    review, litigation = _cell_match(cells, labels["review"]), _cell_match(cells, labels["litigation"])
    if review and litigation:
        return "t4", tuple((label, printed) for label, score, printed in (review, litigation) if score < 1.0)
    filled = [core(c) for c in cells if core(c)]
    lone = {core(x) for x in labels["review"] + labels["litigation"]}
    if len(filled) == 1 and filled[0] in lone:
        return "t4", ()
    columns = {core(x) for x in labels["columns"]}
    if sum(1 for c in filled if c in columns) >= T4_HEADER_MIN_COLUMNS:
        return "t4", ()
    return ("t3" if t3 and t3[1] >= 1.0 else None), ()


def t4_row_key(labels: list[str]) -> str | None:
    """The 表四 row a labelled row prints ("行政诉讼 复议后起诉" -> "litigation_after_review")."""
    printed = core("".join(labels))
    rows = {r["key"]: core(r["label_zh"]) for t in templates().values() for r in t.tables["t4"]["rows"]}
    for key, label in sorted(rows.items(), key=lambda kv: -len(kv[1])):
        if label and label in printed:
            return key
    return None


def column_map(header_rows: list[list[str | None]], columns: list[dict]) -> dict[int, str | None] | None:
    """Grid position -> spec column key (``None`` for a column the spec lacks, e.g. 小计).

    Each position is labelled by the lowest header row printing text there. ``None`` unless every
    spec column is found exactly once, so a header that cannot be read never moves a value.
    """
    if not header_rows:
        return None
    width = max(len(r) for r in header_rows)
    below = {}
    for row in header_rows:
        for pos, text in enumerate(row):
            if text is not None and core(text):
                below[pos] = text
    candidates = [(c["key"], c["label_zh"]) for c in columns]
    out: dict[int, str | None] = {}
    for pos in range(width):
        if pos in below:
            m = best_match(below[pos], candidates, threshold=0.85)
            out[pos] = m.key if m else None
    keys = [k for k in out.values() if k]
    if sorted(keys) != sorted(c["key"] for c in columns):
        return None
    return out


def extra_column_by_sums(rows: list[list[str]], columns: list[dict]) -> int | None:
    """Index of the one extra value in rows printing ``len(columns) + 1`` values, found by arithmetic.

    A province's 小计 column for 法人或其他组织 holds the sum of the organization columns, and
    总计 stays the sum of every applicant column. Where a PDF's header cannot be lined up with its
    rows, the index at which every such row adds up this way is the extra column. ``None`` when
    no index, or more than one, fits every row (rows of zeros fit any).
    """
    from .values import OK, parse_value

    n = len(columns)
    orgs = [i for i, c in enumerate(columns) if c.get("group")]
    fits: set[int] | None = None
    for values in rows:
        if len(values) != n + 1:  # most rows: the right number of values, nothing to parse
            continue
        parsed = [parse_value(v) for v in values]
        if any(p.status != OK for p in parsed):
            continue
        numbers = [p.value for p in parsed]
        ok = set()
        for k in range(n + 1):
            kept = numbers[:k] + numbers[k + 1:]
            if kept[-1] == sum(kept[:-1]) and numbers[k] == sum(kept[i] for i in orgs):
                ok.add(k)
        fits = ok if fits is None else fits & ok
    return next(iter(fits)) if fits and len(fits) == 1 else None
