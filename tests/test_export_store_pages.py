"""compare.ipynb and audit.ipynb from a corpus store (as an export passes them its own) show what they show
from the reports: the same overview, the same findings in the same order, the same review of data/reviews.csv."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import gikkit
from gikkit import shared_findings, store_notebooks
from gikkit.checks import check, findings_frame
from gikkit.display import reports_overview
from gikkit.review.decisions import review
from gikkit.store import StoreWriter

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """data/'s text, HTML and Word reports checked in memory, and the same written to a store with its keys."""
    tmp = tmp_path_factory.mktemp("store-pages")
    folder = tmp / "in"
    folder.mkdir()
    for p in sorted(DATA.iterdir()):
        if p.suffix in (".txt", ".html", ".docx", ".csv"):  # PDFs: slow to read
            shutil.copyfile(p, folder / p.name)
    data = gikkit.read_many([folder], progress=False, run_checks=False)
    check(data)
    keys = store_notebooks.FindingKeysWriter(tmp / store_notebooks.FINDING_KEYS)
    with StoreWriter(tmp / "store") as writer:
        for report in data.reports:
            writer.add(report)
            keys.add(report)
    shutil.move(keys.close(), tmp / "store" / store_notebooks.FINDING_KEYS)
    return data, gikkit.open_store(tmp / "store"), folder / "reviews.csv"


def test_the_findings_are_those_of_the_reports_in_their_order(both):
    data, store, _ = both
    ours, theirs = store_notebooks.findings(store), findings_frame(data)
    assert len(theirs) > 20
    pd.testing.assert_frame_equal(ours[theirs.columns.tolist()], theirs, check_dtype=False)
    assert ours["expected"].tolist() == theirs["expected"].tolist()  # 9 stays 9, a list stays a list


def test_the_overview_is_that_of_the_reports(both):
    data, store, _ = both
    assert reports_overview(store_notebooks.overview(store)).data == reports_overview(data).data


def test_the_review_is_that_of_the_reports(both):
    data, store, reviews = both
    ours, theirs = store_notebooks.review(store, reviews), review(data, reviews)
    assert set(theirs.frame["status"]) >= {"new", "confirmed", "dismissed"}
    pd.testing.assert_frame_equal(ours.frame[theirs.frame.columns.tolist()], theirs.frame, check_dtype=False)
    assert [d.key for d in ours.stale] == [d.key for d in theirs.stale]


def test_a_store_without_keys_says_the_review_needs_the_reports(both, tmp_path):
    _, store, reviews = both
    bare = tmp_path / "bare"
    shutil.copytree(store.path, bare)
    (bare / store_notebooks.FINDING_KEYS).unlink()
    opened = gikkit.open_store(bare)
    assert not store_notebooks.has_review_keys(opened)
    with pytest.raises(FileNotFoundError, match="data_dir"):
        store_notebooks.review(opened, reviews)


@pytest.mark.parametrize("kind", ["audit", "compare"])
def test_the_page_from_the_store_is_the_page_from_the_folder(both, kind):
    """The notebook run as an export runs it (a warm kernel, static outputs): the same outputs either way."""
    import asyncio

    import nbformat

    from gikkit.export.runner import Kernel

    data, store, reviews = both
    findings_file = shared_findings.save(reviews.parent.parent / "findings.json", data.reports)
    notebook = nbformat.read(Path(__file__).resolve().parent.parent / "notebooks" / f"{kind}.ipynb", as_version=4)

    async def run_both():
        kernel = Kernel(cwd=DATA.parent / "notebooks", timeout=300)
        await kernel.start()
        try:
            pages = []
            # the folder as an export gave it before: with the findings of the whole batch (across years)
            for extra in ({"findings_file": str(findings_file)}, {"store": str(store.path)}):
                nb = await kernel.run(notebook, {"data_dir": str(reviews.parent), "lang": "zh", **extra})
                pages.append([[{k: v for k, v in o.items() if k != "execution_count"} for o in c.outputs]
                              for c in nb.cells if c.cell_type == "code"])
            return pages
        finally:
            await kernel.shutdown()

    from_folder, from_store = asyncio.run(run_both())
    assert sum(len(outputs) for outputs in from_folder) >= 5
    assert from_store == from_folder
