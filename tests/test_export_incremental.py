"""A second export skips unchanged pages; an edited report is made again; --single-file pages stand alone."""
from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from export_browser import SiteBrowser
from gikkit.export import export_site

DATA = Path(__file__).resolve().parent.parent / "data"
TWO = ["jiangbei-district-2022.txt", "jianglin-city-2023.html"]


def copy_reports(folder: Path, names) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copyfile(DATA / name, folder / name)
    return folder


def snapshot(out: Path) -> dict[str, int]:
    """Each file of the site and its inode: os.replace gives a rewritten file a new one."""
    return {str(p.relative_to(out)): p.stat().st_ino for p in out.rglob("*") if p.is_file()}


def test_unchanged_pages_are_skipped_and_an_edited_report_is_made_again(tmp_path, capfd):
    inputs, out = copy_reports(tmp_path / "in", TWO), tmp_path / "site"
    first = export_site([inputs], out, progress=False)
    assert first.failures == [] and first.skipped == []
    assert sorted(first.built) == ["audit.html", "compare.html", "reports/jiangbei-district-2022.html",
                                   "reports/jianglin-city-2023.html"]
    before = snapshot(out)

    second = export_site([inputs], out, progress=False)
    assert second.built == [] and len(second.skipped) == 4
    after = snapshot(out)
    assert {p: i for p, i in after.items() if p not in ("index.html", "manifest.json")} == \
           {p: i for p, i in before.items() if p not in ("index.html", "manifest.json")}

    edited = inputs / TWO[0]
    text = edited.read_text("utf-8")
    edited.write_text(text.replace("一、总体情况", "一、总体情况\n本年度另有说明。", 1), "utf-8")
    third = export_site([inputs], out, progress=True)
    assert "exporting" in capfd.readouterr().err  # the progress bar (shown by default on a terminal)
    # the edited report's page, and the pages made over all reports; the other report's page is kept
    assert sorted(third.built) == ["audit.html", "compare.html", "reports/jiangbei-district-2022.html"]
    assert snapshot(out)["reports/jianglin-city-2023.html"] == before["reports/jianglin-city-2023.html"]
    # exactly what is rewritten: the edited report's page, the pages over all reports, the index page
    # and the manifest; its row, its data and the whole tables only where their bytes changed
    # (an added sentence changes no number, no finding and no row)
    changed = {p for p, inode in snapshot(out).items() if before.get(p) != inode}
    assert changed == {"reports/jiangbei-district-2022.html", "audit.html", "compare.html", "index.html",
                       "manifest.json"}
    assert not list(out.rglob("*.tmp"))


def test_a_report_removed_from_the_batch_loses_its_page(tmp_path):
    inputs, out = copy_reports(tmp_path / "in", TWO), tmp_path / "site"
    export_site([inputs / TWO[0], inputs / TWO[1]], out, progress=False)
    result = export_site([inputs / TWO[1]], out, progress=False)
    assert not (out / "reports" / "jiangbei-district-2022.html").exists()
    assert (out / "reports" / "jianglin-city-2023.html").exists()
    index = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    assert [a["href"] for a in index.select("table.reports a")] == ["reports/jianglin-city-2023.html"]
    assert result.skipped == ["reports/jianglin-city-2023.html"]


def test_single_file_pages_open_without_the_site(tmp_path):
    inputs, out = copy_reports(tmp_path / "in", TWO[:1]), tmp_path / "site"
    result = export_site([inputs], out, single_file=True, progress=False)
    assert result.failures == []
    assert not (out / "assets").exists()
    alone = tmp_path / "mailed"
    alone.mkdir()
    page = alone / "report.html"
    shutil.copyfile(out / "reports" / "jiangbei-district-2022.html", page)
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    assert not soup.find_all("script", src=True)
    with SiteBrowser() as browser:
        visit = browser.visit(page)
    assert visit.left_site == [] and visit.errors == []
    assert visit.charts >= 2 and visit.drawn == visit.charts
