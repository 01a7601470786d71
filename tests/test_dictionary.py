"""The data dictionary is generated from the schema, covers every cell, and the committed doc is current."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

from gikkit import dictionary, schema

DOC = ROOT / "docs" / "data-dictionary.md"


def test_committed_doc_is_what_the_code_generates():
    assert DOC.read_text("utf-8") == dictionary.markdown(), \
        "docs/data-dictionary.md is stale: run `python -m gikkit.dictionary > docs/data-dictionary.md`"


def test_module_prints_the_doc():
    result = subprocess.run([sys.executable, "-m", "gikkit.dictionary"], capture_output=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.decode("utf-8") == dictionary.markdown()


def test_cells_frame_has_every_cell_of_both_templates_with_labels():
    frame = dictionary.cells_frame()
    for key, t in schema.templates().items():
        part = frame[frame["template"] == key]
        assert list(part["ref"]) == sorted(t.cells, key=lambda r: t.cells[r].order)
        for row in part.itertuples():
            spec = t.cells[row.ref]
            assert (row.row_label_zh, row.row_label_en, row.column_label_zh, row.column_label_en, row.unit, row.type) == \
                   (spec.row_label_zh, spec.row_label_en, spec.column_label_zh, spec.column_label_en, spec.unit, spec.type)
            assert row.row_label_zh and row.row_label_en and row.column_label_zh and row.column_label_en
    assert len(frame) == 198 + 200


def test_markdown_names_every_cell_row_and_column():
    text = dictionary.markdown()
    for row in dictionary.cells_frame().itertuples():
        if row.table == "t3":
            assert f"`t3.{row.row}.*`" in text and f"| `{row.column}` | {row.column_label_zh} |" in text
        else:
            assert f"| `{row.ref}` |" in text and row.column_label_zh in text and row.row_label_en in text


def test_identities_in_words_name_the_labels_of_their_cells():
    frame = dictionary.identities_frame()
    assert len(frame) == sum(len(t.identities) for t in schema.templates().values())
    balance = frame[(frame["template"] == "v2021") & (frame["name"] == "t3_balance__natural_person")].iloc[0]
    t = schema.template("v2021")
    labels = [t.cells[f"t3.{r}.natural_person"].row_label_zh
              for r in ("new_received", "carried_over_from_prev", "outcome_total", "carried_forward_to_next")]
    assert balance["words_zh"] == f"列“{t.cells['t3.new_received.natural_person'].column_label_zh}”：" \
                                  f"{labels[0]} + {labels[1]} = {labels[2]} + {labels[3]}"
    assert balance["words_en"].startswith("In column Natural persons: I. New applications received this year + ")
    t4 = frame[frame["name"] == "t4_total__admin_review"].iloc[0]
    assert t4["words_zh"] == "行“行政复议”：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"


def test_identity_families_and_mapping_are_in_the_doc():
    text = dictionary.markdown()
    for t in schema.templates().values():
        for family in {i["name"].split("__")[0] for i in t.identities}:
            assert f"- **{family}** (" in text
    mapping = dictionary.mapping_frame()
    assert len(mapping) == len(schema.raw_spec()["mapping_v2019_v2021"])
    assert set(mapping["relation"]) >= {"same", "dropped", "added", "changed_meaning", "aggregate"}
    assert "| t3 | `t3.other_handling.{c} (single printed row)` |" in text
