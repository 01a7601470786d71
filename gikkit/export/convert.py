"""Executed notebook -> one static HTML page, with nbconvert and our own template.

Our template (gikkit/templates/gikkit_page) loads no script, style or font from any network
address: no require.js, no MathJax, no web fonts. Plotly figures arrive as figure JSON (the
``application/vnd.plotly.v1+json`` mimetype) and are drawn by a small script with the plotly.js
of the site's assets, or with plotly.js inlined for a page sent alone.
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter
from traitlets.config import Config

from .runner import PLOTLY_MIMETYPE, STRIP_TAGS

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_NAME = "gikkit_page"
WIDGET_MIMETYPE = "application/vnd.jupyter.widget-view+json"
OUTPUT_PRIORITY = [PLOTLY_MIMETYPE, "text/html", "image/svg+xml", "image/png", "image/jpeg",
                   "text/markdown", "text/latex", "text/plain"]

# In a <script> element only "</script" and "<!--" can end or disturb the data; escaping every
# "<", ">" and "&" as a JSON unicode escape keeps any text from a report inert.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(value) -> str:
    """``value`` as JSON that is safe inside ``<script type="application/json">``."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def template_files() -> list[Path]:
    """The files our pages are made from (their content is part of every page's input key)."""
    return sorted(p for p in (TEMPLATES / TEMPLATE_NAME).rglob("*") if p.is_file())


def _shown(output) -> bool:
    """Whether an output belongs on a static page (not stderr noise, widget views or bare JS)."""
    if output.get("output_type") == "stream":
        return output.get("name") == "stdout"
    if output.get("output_type") in ("display_data", "execute_result"):
        data = output.get("data", {})
        return WIDGET_MIMETYPE not in data and any(m in data for m in OUTPUT_PRIORITY)
    return False


def clean_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Keep only the outputs a reader should see; drop code cells left with none."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", []) if _shown(o)]
    nb.cells = [c for c in nb.cells if c.cell_type != "code" or c.outputs]
    return nb


class PageConverter:
    """Turns executed notebooks into pages; build one and reuse it (the Jinja setup is costly)."""

    def __init__(self):
        c = Config()
        c.HTMLExporter.exclude_input = True
        c.HTMLExporter.exclude_input_prompt = True
        c.HTMLExporter.exclude_output_prompt = True
        c.TagRemovePreprocessor.enabled = True
        c.TagRemovePreprocessor.remove_cell_tags = set(STRIP_TAGS)
        c.NbConvertBase.display_data_priority = OUTPUT_PRIORITY
        self.exporter = HTMLExporter(config=c, template_name=TEMPLATE_NAME,
                                     extra_template_basedirs=[str(TEMPLATES)])
        self.exporter.register_filter("script_json", script_json)

    def convert(self, nb: nbformat.NotebookNode, *, title: str, index_href: str,
                plotly_src: str | None = None, plotly_js: str | None = None) -> str:
        """HTML of ``nb``: plotly.js from ``plotly_src`` (a relative URL) or inlined ``plotly_js``."""
        nb = clean_outputs(nb)
        resources = {"gikkit": {"title": title, "index_href": index_href,
                                "plotly_src": plotly_src, "plotly_js": plotly_js}}
        html, _ = self.exporter.from_notebook_node(nb, resources=resources)
        return html
