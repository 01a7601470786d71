"""The schema is the spec shipped inside the package, with the cell counts the spec states."""
from __future__ import annotations

from importlib import resources

from gikkit import schema


def test_spec_is_package_data():
    path = resources.files("gikkit").joinpath("spec/template-spec.json")
    assert path.is_file()


def test_cell_counts():
    v19, v21 = schema.template("v2019"), schema.template("v2021")
    assert len(v19.cells) == 22 + 161 + 15
    assert len(v21.cells) == 10 + 175 + 15
    assert "t3.other_handling.total" in v19.cells and "t3.other_handling.total" not in v21.cells
    assert len(v19.identities) == 40 and len(v21.identities) == 42


def test_labels_come_from_the_spec():
    cell = schema.template("v2021").cells["t3.granted.natural_person"]
    assert (cell.row_label_zh, cell.column_label_zh) == ("（一）予以公开", "自然人")


def test_year_picks_template():
    assert schema.template_for_year(2019) == "v2019"
    assert schema.template_for_year(2020) == "v2019"
    assert schema.template_for_year(2021) == "v2021"
    assert schema.template_for_year(2024) == "v2021"
