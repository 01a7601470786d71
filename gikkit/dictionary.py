"""The data dictionary, generated from :mod:`gikkit.schema`: every cell of both template versions
with its Chinese and English labels, unit and type; the identities in words; the 2019/2021 mapping.

    python -m gikkit.dictionary > docs/data-dictionary.md
"""
from __future__ import annotations

from itertools import groupby

from .schema import TABLE_LABELS, raw_spec, templates

CELL_COLUMNS = ["template", "table", "block", "row", "column", "ref", "row_label_zh", "row_label_en",
                "column_label_zh", "column_label_en", "unit", "type", "signed", "table_label_zh", "table_label_en"]
IDENTITY_COLUMNS = ["template", "name", "family", "words_zh", "words_en", "lhs", "rhs", "basis", "applies_when"]
MAPPING_COLUMNS = ["table", "v2019", "v2021", "relation", "note"]


def cells_frame():
    """Every printed cell of both templates, one row each, in printed order."""
    import pandas as pd

    rows = [{"template": key, **{c: getattr(cell, c) for c in CELL_COLUMNS[1:13]},
             "table_label_zh": TABLE_LABELS[cell.table][0], "table_label_en": TABLE_LABELS[cell.table][1]}
            for key, t in templates().items() for cell in sorted(t.cells.values(), key=lambda c: c.order)]
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


def _parts(term: str) -> tuple[str, str, str]:
    """A side term ('-t3.row.col') as (sign, row, column)."""
    sign, ref = ("-", term[1:]) if term.startswith("-") else ("+", term)
    *_, row, column = ref.split(".")
    return sign, row, column


def _shape(identity: dict) -> tuple[str, str, tuple, tuple]:
    """What an identity's terms share ('column' or 'row'), its value, and the varying keys per side."""
    sides = [[_parts(t) for t in identity[s]] for s in ("lhs", "rhs")]
    terms = sides[0] + sides[1]
    if len({c for _, _, c in terms}) == 1:
        return "column", terms[0][2], *(tuple((s, r) for s, r, _ in side) for side in sides)
    if len({r for _, r, _ in terms}) == 1:
        return "row", terms[0][1], *(tuple((s, c) for s, _, c in side) for side in sides)
    return "cell", "", *(tuple((s, f"{r}.{c}") for s, r, c in side) for side in sides)


def _labels(tkey: str, table: str) -> dict[tuple[str, str], tuple[str, str]]:
    """(kind, key) -> (zh, en) for the rows and columns of one table of one template."""
    spec = templates()[tkey].tables[table]
    out = {("row", r["key"]): (r["label_zh"], r["label_en"]) for r in spec["rows"]}
    out.update({("column", c["key"]): (c["label_zh"], c["label_en"]) for c in spec["columns"]})
    return out


def _label(labels: dict, kind: str, key: str, lang: int) -> str:
    if kind == "cell":
        row, column = key.split(".")
        return f"{_label(labels, 'row', row, lang)} · {_label(labels, 'column', column, lang)}"
    return labels.get((kind, key), (key, key))[lang]


def _side_words(labels: dict, kind: str, side: tuple, lang: int) -> str:
    text = " ".join(f"{sign} {_label(labels, kind, key, lang)}" for sign, key in side)
    return text[2:] if text.startswith("+ ") else text


def _words(tkey: str, table: str, shape: tuple, over: list[str] | None = None) -> tuple[str, str]:
    """An identity in words, in Chinese and English; ``over`` names the members of a family."""
    shared_kind, shared, lhs, rhs = shape
    labels = _labels(tkey, table)
    varying = {"column": "row", "row": "column", "cell": "cell"}[shared_kind]
    out = []
    for lang, (each, one) in enumerate((("每{}（{}）：", "{}“{}”："), ("In each {} ({}): ", "In {} {}: "))):
        kind_word = {"column": ("列", "column"), "row": ("行", "row"), "cell": ("", "")}[shared_kind][lang]
        sep = "、" if lang == 0 else "; "
        if shared_kind == "cell":
            lead = ""
        elif over and len(over) > 8:  # long lists (every data row) are in the tables above
            lead = each.format(kind_word, f"共 {len(over)} 行" if lang == 0 else f"{len(over)} {kind_word}s")
        elif over:
            lead = each.format(kind_word, sep.join(_label(labels, shared_kind, k, lang) for k in over))
        else:
            lead = one.format(kind_word, _label(labels, shared_kind, shared, lang))
        out.append(f"{lead}{_side_words(labels, varying, lhs, lang)} = {_side_words(labels, varying, rhs, lang)}")
    return out[0], out[1]


def identities_frame():
    """Every identity of both templates, one row each, with its meaning in words."""
    import pandas as pd

    rows = []
    for tkey, t in templates().items():
        for ident in t.identities:
            table = ident["lhs"][0].lstrip("-").split(".")[0]
            zh, en = _words(tkey, table, _shape(ident))
            rows.append({"template": tkey, "name": ident["name"], "family": ident["name"].split("__")[0],
                         "words_zh": zh, "words_en": en, "lhs": " + ".join(ident["lhs"]),
                         "rhs": " + ".join(ident["rhs"]), "basis": ident.get("basis"),
                         "applies_when": ident.get("applies_when")})
    return pd.DataFrame(rows, columns=IDENTITY_COLUMNS)


def mapping_frame():
    """How the cells of the 2019 template correspond to those of the 2021 template."""
    import pandas as pd

    return pd.DataFrame([{c: m.get(c) for c in MAPPING_COLUMNS} for m in raw_spec()["mapping_v2019_v2021"]],
                        columns=MAPPING_COLUMNS)


def _table(header: list[str], rows) -> list[str]:
    def cell(v) -> str:
        return "" if v is None else str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows] + [""]


def _ref(text) -> str:
    return f"`{text}`" if text else ""


def _template_markdown(tkey: str) -> list[str]:
    t = templates()[tkey]
    years = f"{t.first_year}–{t.last_year}" if t.last_year else f"{t.first_year} onwards"
    out = [f"## {tkey}: {t.name_zh}", "", f"Reports for {years}; {len(t.cells)} cells.", "",
           "### Sections / 报告正文", ""]
    out += _table(["key", "标题", "heading"], [(_ref(s["key"]), s["heading_zh"], s["label_en"]) for s in t.sections])
    by_table = groupby(sorted(t.cells.values(), key=lambda c: c.order), key=lambda c: c.table)
    for table, cells in by_table:
        cells = list(cells)
        out += [f"### {TABLE_LABELS[table][0]} / {TABLE_LABELS[table][1]}", ""]
        if table != "t3":
            block_label = {k: b["label_zh"] for k, b in t.t2_blocks.items()}
            out += _table(["ref", "行", "row", "列", "column", "unit", "type"], [
                (_ref(c.ref), f"{block_label.get(c.block, '')} {c.row_label_zh}".strip(), c.row_label_en,
                 c.column_label_zh, c.column_label_en, c.unit, c.type + (", signed" if c.signed else ""))
                for c in cells])
            continue
        note = t.tables["t3"]
        out += [f"Every data row × every column is a cell `t3.<row>.<column>` ({len(cells)} cells). "
                f"{note['header_note_zh']} {note['header_note_en']}.", ""]
        derived = {d["key"] for d in t.derived_values}
        out += _table(["row", "行", "row label", "cells"], [
            (_ref(r["key"]), r["label_zh"], r["label_en"], f"`t3.{r['key']}.*`" if r["is_data"] else
             "group label" + (f"; `t3.{r['key']}.*` = sum of its sub-rows" if f"t3.{r['key']}.{{c}}" in derived else ""))
            for r in t.t3_rows()])
        out += _table(["column", "列", "column label", "unit", "type"], [
            (_ref(c["key"]), c["label_zh"], c["label_en"], c.get("unit"), c["type"]) for c in t.t3_columns()])
    out += ["### Identities / 勾稽关系", ""]
    for family, members in groupby(t.identities, key=lambda i: i["name"].split("__")[0]):
        members = list(members)
        table = members[0]["lhs"][0].lstrip("-").split(".")[0]
        shapes = [_shape(m) for m in members]
        if len({s[2:] for s in shapes}) == 1 and len(members) > 1:  # one rule over several rows/columns
            zh, en = _words(tkey, table, shapes[0], over=[s[1] for s in shapes])
            out += [f"- **{family}** ({len(members)}, {members[0].get('basis')}): {zh}", f"  / {en}"]
        else:
            for m, s in zip(members, shapes):
                zh, en = _words(tkey, table, s)
                out += [f"- **{m['name']}** ({m.get('basis')}): {zh}", f"  / {en}"]
    out += ["", "Group subtotals (not printed cells): "
            + "; ".join(f"`{d['key']}` = sum of {len(d['sum_of'])} cells" for d in t.derived_values) + ".", ""]
    return out


def markdown() -> str:
    """The whole data dictionary as Markdown (what docs/data-dictionary.md holds)."""
    spec = raw_spec()
    out = ["# gikkit data dictionary", "",
           "Generated from the spec shipped with gikkit (`gikkit/spec/template-spec.json`, "
           f"{spec['spec_id']} {spec['spec_version']}) by `python -m gikkit.dictionary > docs/data-dictionary.md`; "
           "do not edit by hand (a test checks that this file is what the code generates).", "",
           "Cell refs: " + "; ".join(f"`{v}`" for k, v in spec["cell_ref_syntax"].items() if k in TABLE_LABELS) + ". "
           "Every value is a number, or null where the report leaves the cell blank or unreadable "
           "(a blank is never read as 0). In Python: `gikkit.dictionary.cells_frame()`, "
           "`identities_frame()`, `mapping_frame()`.", ""]
    for tkey in templates():
        out += _template_markdown(tkey)
    out += ["## From 2019 to 2021 / 两版格式对照", ""]
    out += _table(MAPPING_COLUMNS, [(m["table"], _ref(m.get("v2019")), _ref(m.get("v2021")), m["relation"], m.get("note"))
                                    for m in spec["mapping_v2019_v2021"]])
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.reconfigure(encoding="utf-8")
    sys.stdout.write(markdown())
