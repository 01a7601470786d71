"""The data dictionary: both template versions, loaded once from the spec shipped with gikkit.

Readers, checks, charts and labels all take their keys and labels from here, so a row label
is written in exactly one place (``gikkit/spec/template-spec.json``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

TABLES = ("t2", "t3", "t4")
TABLE_LABELS = {
    "t2": ("表二 主动公开政府信息情况", "Table 2: proactive disclosure"),
    "t3": ("表三 收到和处理政府信息公开申请情况", "Table 3: requests received and handled"),
    "t4": ("表四 政府信息公开行政复议、行政诉讼情况", "Table 4: administrative review and litigation"),
}


@dataclass(frozen=True)
class CellSpec:
    """One printed cell of a template: where it sits and what it holds."""

    ref: str
    table: str
    block: str | None
    row: str
    column: str
    row_label_zh: str
    row_label_en: str
    column_label_zh: str
    column_label_en: str
    type: str  # "integer" or "decimal"
    signed: bool
    unit: str | None
    order: int


@dataclass(frozen=True)
class RowSpec:
    """A row of 表二/表三/表四 as the template prints it (data row or group label)."""

    key: str
    table: str
    block: str | None
    label_zh: str
    label_en: str
    parent: str | None
    is_data: bool
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    """One template version (``v2019`` or ``v2021``) with its cells, rows and rules."""

    key: str
    name_zh: str
    first_year: int
    last_year: int | None
    sections: tuple[dict, ...]
    tables: dict
    cells: dict[str, CellSpec]
    rows: dict[tuple[str, str | None, str], RowSpec]
    identities: tuple[dict, ...]
    constraints: tuple[dict, ...]
    soft_checks: tuple[dict, ...]
    derived_values: tuple[dict, ...]
    t2_blocks: dict[str, dict] = field(default_factory=dict)

    def block_columns(self, block: str) -> list[dict]:
        return self.t2_blocks[block]["columns"]

    def t3_columns(self) -> list[dict]:
        return self.tables["t3"]["columns"]

    def t3_rows(self) -> list[dict]:
        return self.tables["t3"]["rows"]

    def t4_order(self) -> list[str]:
        return self.tables["t4"]["printed_cell_order"]

    def section_keys(self) -> list[str]:
        return [s["key"] for s in self.sections]

    def group_parts(self, ref: str) -> tuple[str, ...]:
        """The sub-row refs a 表三 group ref adds up (``t3.withheld.total`` -> ``t3.withheld_*.total``);
        empty for any other ref."""
        parts = ref.split(".")
        if parts[0] != "t3" or len(parts) != 3:
            return ()
        row = self.rows.get(("t3", None, parts[1]))
        if row is None or row.is_data:
            return ()
        return tuple(f"t3.{child}.{parts[2]}" for child in row.children)

    def group_cells(self, group_row: str) -> dict[str, CellSpec]:
        """Cells for a 表三 group printed as one row (e.g. ``t3.other_handling.*`` in v2021)."""
        row = self.rows[("t3", None, group_row)]
        out = {}
        for i, col in enumerate(self.t3_columns()):
            ref = f"t3.{group_row}.{col['key']}"
            out[ref] = CellSpec(ref, "t3", None, group_row, col["key"], row.label_zh, row.label_en,
                                col["label_zh"], col["label_en"], col["type"], col["signed"],
                                col.get("unit"), 10_000 + i)
        return out


@cache
def raw_spec() -> dict:
    """The spec JSON as shipped in the package (parsed once per process)."""
    text = resources.files("gikkit").joinpath("spec/template-spec.json").read_text("utf-8")
    return json.loads(text)


def _build(key: str, v: dict) -> Template:
    cells: dict[str, CellSpec] = {}
    rows: dict[tuple[str, str | None, str], RowSpec] = {}
    order = 0

    def add(cell: CellSpec) -> None:
        nonlocal order
        cells[cell.ref] = cell
        order += 1

    t2_blocks = {}
    for block in v["tables"]["t2"]["blocks"]:
        t2_blocks[block["key"]] = block
        for r in block["rows"]:
            rows[("t2", block["key"], r["key"])] = RowSpec(
                r["key"], "t2", block["key"], r["label_zh"], r["label_en"], block["key"], True)
            for c in block["columns"]:
                ref = f"t2.{block['key']}.{r['key']}.{c['key']}"
                add(CellSpec(ref, "t2", block["key"], r["key"], c["key"], r["label_zh"], r["label_en"],
                             c["label_zh"], c["label_en"], c["type"], bool(c.get("signed")),
                             c.get("unit"), order))

    t3 = v["tables"]["t3"]
    children: dict[str, list[str]] = {}
    for r in t3["rows"]:
        if r.get("parent"):
            children.setdefault(r["parent"], []).append(r["key"])
    for r in t3["rows"]:
        rows[("t3", None, r["key"])] = RowSpec(r["key"], "t3", None, r["label_zh"], r["label_en"],
                                               r.get("parent"), r["is_data"],
                                               tuple(children.get(r["key"], ())))
        if not r["is_data"]:
            continue
        for c in t3["columns"]:
            ref = f"t3.{r['key']}.{c['key']}"
            add(CellSpec(ref, "t3", None, r["key"], c["key"], r["label_zh"], r["label_en"],
                         c["label_zh"], c["label_en"], c["type"], bool(c.get("signed")),
                         c.get("unit"), order))

    t4 = v["tables"]["t4"]
    t4_rows = {r["key"]: r for r in t4["rows"]}
    t4_cols = {c["key"]: c for c in t4["columns"]}
    for r in t4["rows"]:
        rows[("t4", None, r["key"])] = RowSpec(r["key"], "t4", None, r["label_zh"], r["label_en"],
                                               r.get("parent"), True)
    for ref in t4["printed_cell_order"]:
        _, rk, ck = ref.split(".")
        r, c = t4_rows[rk], t4_cols[ck]
        add(CellSpec(ref, "t4", None, rk, ck, r["label_zh"], r["label_en"], c["label_zh"],
                     c["label_en"], c["type"], bool(c.get("signed")), c.get("unit"), order))

    years = v["report_years"]
    return Template(
        key=key, name_zh=v["name_zh"], first_year=years["from"], last_year=years.get("to"),
        sections=tuple(v["sections"]), tables=v["tables"], cells=cells, rows=rows,
        identities=tuple(v["identities"]), constraints=tuple(v["constraints"]),
        soft_checks=tuple(v["soft_checks"]), derived_values=tuple(v.get("derived_values", ())),
        t2_blocks=t2_blocks,
    )


@cache
def templates() -> dict[str, Template]:
    """Both template versions, keyed ``v2019`` and ``v2021``."""
    return {k: _build(k, v) for k, v in raw_spec()["versions"].items()}


def template(key: str) -> Template:
    """One template version by key; a clear error for an unknown key."""
    try:
        return templates()[key]
    except KeyError:
        raise KeyError(f"unknown template {key!r}; known: {', '.join(templates())}") from None


def template_for_year(year: int | None) -> str:
    """The template version a report of ``year`` should use (2019 format for 2019-2020)."""
    if year is None:
        return "v2021"
    for t in templates().values():
        if t.first_year <= year and (t.last_year is None or year <= t.last_year):
            return t.key
    return "v2019" if year < 2021 else "v2021"


def cell_spec(ref: str, template_key: str | None = None) -> CellSpec | None:
    """The cell spec for ``ref`` in ``template_key``'s template, or else whichever defines it (v2021 first).

    Covers a 表三 group printed as one row (``t3.other_handling.total`` in v2021) too.
    """
    keys = (template_key,) if template_key else ("v2021", "v2019")
    for key in keys:
        t = templates()[key]
        if ref in t.cells:
            return t.cells[ref]
        parts = ref.split(".")
        if parts[0] == "t3" and ("t3", None, parts[1]) in t.rows:
            group = t.group_cells(parts[1])
            if ref in group:
                return group[ref]
    return cell_spec(ref) if template_key else None
