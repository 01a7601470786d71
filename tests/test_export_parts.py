"""The exporter's parts on their own: escaping figure JSON, page names, atomic writes, run cells, kernels."""
from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import nbformat
import pytest

from gikkit.export.convert import PageConverter, clean_outputs, script_json
from gikkit.export.files import assign_slugs, write_atomic
from gikkit.export.manifest import Manifest, PageEntry
from gikkit.export.runner import Kernel, NotebookRunError, prepare, strip_run_cells

new_code, new_md = nbformat.v4.new_code_cell, nbformat.v4.new_markdown_cell


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = list(cells)
    return nb


def parameters_cell(source):
    return new_code(source, metadata={"tags": ["parameters"]})


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- x", "a & b", "\u2028"])
def test_figure_json_cannot_end_its_script_element(text):
    encoded = script_json({"layout": {"title": {"text": text}}})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded and "\u2028" not in encoded
    assert json.loads(encoded)["layout"]["title"]["text"] == text


def test_page_names_are_ascii_stable_and_distinct(tmp_path):
    paths = [tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt", tmp_path / "淮安市2024.pdf",
             tmp_path / "Jianglin City-2021.html", tmp_path / "seed.txt"]
    slugs = assign_slugs(paths)
    assert len(set(slugs.values())) == len(paths)
    assert all(s.isascii() and "/" not in s and " " not in s for s in slugs.values())
    assert slugs[tmp_path / "seed.txt"] == "seed"
    assert slugs[tmp_path / "淮安市2024.pdf"].startswith("2024-")
    assert assign_slugs(paths) == slugs


def test_write_atomic_replaces_whole_files_and_leaves_no_temp(tmp_path):
    page = tmp_path / "site" / "page.html"
    write_atomic(page, "<p>one</p>")
    write_atomic(page, "<p>two</p>")
    assert page.read_text() == "<p>two</p>"
    with pytest.raises(TypeError):
        write_atomic(page, object())  # fails while writing: the old page stays, whole
    assert page.read_text() == "<p>two</p>"
    assert [p.name for p in page.parent.iterdir()] == ["page.html"]
    assert page.stat().st_mode & 0o044 == 0o044  # readable by the web server, not 0600


def test_manifest_skips_only_unchanged_pages_that_exist(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.html").write_text("a")
    Manifest(tmp_path).save([PageEntry("reports/a.html", "report", "k1", "a.txt", agency="机关", year=2020),
                             PageEntry("reports/b.html", "report", "k2", "b.txt")])
    manifest = Manifest(tmp_path)
    assert manifest.unchanged("reports/a.html", "k1", tmp_path).agency == "机关"
    assert manifest.unchanged("reports/a.html", "changed", tmp_path) is None
    assert manifest.unchanged("reports/b.html", "k2", tmp_path) is None  # its file is gone
    (tmp_path / "manifest.json").write_text("{not json")
    assert Manifest(tmp_path).previous == {}


def test_run_cells_are_added_then_leave_no_trace():
    nb = notebook(new_md("# Title"), parameters_cell('report_path = "x"'), new_code("report_path"))
    prepared = prepare(nb, {"report_path": "/data/a'b.txt", "lang": "zh"})
    assert [c.metadata.get("tags") for c in prepared.cells[:3]] == [["gikkit-export-setup"], None, ["parameters"]]
    assert prepared.cells[3].source == "report_path = \"/data/a'b.txt\"\nlang = 'zh'"
    assert len(nb.cells) == 3  # the original is untouched
    stripped = strip_run_cells(prepared)
    assert [c.source for c in stripped.cells] == ["# Title", "report_path"]


def test_only_outputs_for_readers_are_kept():
    cell = new_code("x", outputs=[
        nbformat.v4.new_output("stream", name="stderr", text="a warning"),
        nbformat.v4.new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "1"},
                                                     "text/plain": "VBox()"}),
        nbformat.v4.new_output("display_data", data={"application/javascript": "alert(1)"}),
        nbformat.v4.new_output("stream", name="stdout", text="kept"),
    ])
    nb = clean_outputs(notebook(cell, new_code("y")))
    assert [o.get("text") for o in nb.cells[0].outputs] == ["kept"]
    assert len(nb.cells) == 1


def test_page_template_hides_code_and_escapes_text():
    nb = notebook(new_md("## 标题"), new_code("secret_code()", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="<script>alert(1)</script>"),
        nbformat.v4.new_output("display_data", data={"text/plain": "<b>x</b>"}),
        nbformat.v4.new_output("display_data", data={"application/vnd.plotly.v1+json": {
            "data": [{"type": "bar", "y": [1]}], "layout": {"title": {"text": "</script><script>alert(2)"}}}}),
    ]))
    html = PageConverter().convert(nb, title="<i>t</i>", index_href="index.html", plotly_src="assets/plotly.min.js")
    assert "secret_code" not in html
    assert "<script>alert" not in html and "<b>x</b>" not in html and "<i>t</i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'class="gikkit-figure"' in html and '<script src="assets/plotly.min.js"></script>' in html
    assert "Content-Security-Policy" in html and "Noto Sans CJK SC" in html
    assert "http://" not in html and "https://" not in html


def test_a_cell_timeout_is_a_failure_and_the_kernel_runs_on(tmp_path):
    slow = notebook(parameters_cell("seconds = 0"), new_code("import time\ntime.sleep(seconds)\nprint('done')"))

    async def scenario():
        kernel = Kernel(cwd=tmp_path, timeout=3)
        await kernel.start()
        try:
            with pytest.raises(NotebookRunError, match="timeout"):
                await kernel.run(slow, {"seconds": 60}, name="slow.txt")
            with pytest.raises(NotebookRunError, match="ZeroDivisionError"):
                await kernel.run(notebook(new_code("1/0")), {}, name="bad.txt")
            done = await kernel.run(slow, {"seconds": 0}, name="fast.txt")
            await kernel.run(notebook(new_code(
                "left_over = 1\nimport plotly.io as pio\npio.renderers.default = 'json'")), {})
            env = await kernel.run(notebook(new_code(
                "import os, sys, plotly.io as pio\n"
                "print(os.environ['GIKKIT_EXPORT'], pio.renderers.default, 'left_over' in dir(), sys.executable)")), {})
            return done, env, kernel
        finally:
            await kernel.shutdown()

    done, env, kernel = asyncio.run(scenario())
    assert done.cells[-1].outputs[0].text == "done\n"
    # the export's settings, nothing left over from the run before, and this very Python (it has gikkit)
    assert env.cells[-1].outputs[0].text.split() == ["1", "plotly_mimetype", "False", sys.executable]
    assert kernel.socket_dir is None or not Path(kernel.socket_dir).exists()


def test_missing_notebooks_fail_every_page_with_the_reason(tmp_path, seed_path):
    from gikkit.export import export_site

    result = export_site([seed_path], tmp_path / "site", notebooks=tmp_path / "nowhere", progress=False)
    # one report: no compare or audit page is planned at all
    assert [e.page for e in result.failures] == [f"reports/{seed_path.stem}.html"]
    assert all("report.ipynb could not be read" in e.problem for e in result.failures)
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "could not be read" in index and seed_path.name in index
    assert str(tmp_path) not in index and str(seed_path.parent) not in index  # no local paths published
