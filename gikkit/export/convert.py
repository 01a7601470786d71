"""Executed notebook -> one static HTML page, with nbconvert and our own template.

Our template (gikkit/templates/gikkit_page) loads no script, style or font from any network
address: no require.js, no MathJax, no web fonts. Plotly figures arrive as figure JSON (the
``application/vnd.plotly.v1+json`` mimetype) and are drawn by a small script with the plotly.js
of the site's assets, or with plotly.js inlined for a page sent alone.
"""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from traitlets.config import Config

from .figure_text import figure_label, figure_table
from .runner import PLOTLY_MIMETYPE

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_NAME = "gikkit_page"
WIDGET_MIMETYPE = "application/vnd.jupyter.widget-view+json"
WORDS = {"zh": {"index": "目录", "nav": "网站导航", "skip": "跳到正文", "data": "本报告的数据"},
         "en": {"index": "Index", "nav": "Site", "skip": "Skip to the content", "data": "This report's data"}}
OUTPUT_PRIORITY = [PLOTLY_MIMETYPE, "text/html", "image/svg+xml", "image/png", "image/jpeg",
                   "text/markdown", "text/latex", "text/plain"]

# In a <script> element only "</script" and "<!--" can end or disturb the data; escaping every
# "<", ">" and "&" as a JSON unicode escape keeps any text from a report inert.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(value) -> str:
    """``value`` as JSON that is safe inside ``<script type="application/json">``."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def csp_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(*inline_scripts: str) -> str:
    """A policy for our pages: scripts only from the site's own files or these exact inline
    scripts, nothing fetched from any network address. If some output ever carried markup from a
    report, a script or event handler in it would still not run."""
    allowed = " ".join(csp_hash(s) for s in inline_scripts)
    return (f"default-src 'none'; script-src 'self' file: {allowed}; style-src 'unsafe-inline'; "
            "img-src data: blob:")


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


class PageExporter(HTMLExporter):
    """nbconvert's HTMLExporter without its last step when that step would change nothing.

    HTMLExporter parses every page it made again with BeautifulSoup, to give ``<img>`` without one an
    alt text and JupyterLab's cell wrappers a tabindex, and prints the tree back: as costly as the
    rest of the conversion. Our template makes no such cell wrappers; a page with an image still
    gets the pass (``needs_pass``), so every page reads the same as before.
    """

    PASS_MARKS = ("<img", "jp-Cell-inputWrapper", "jp-OutputArea-output")

    def from_notebook_node(self, nb, resources=None, **kw):
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        self.register_filter("highlight_code", self.filters.get("highlight_code",
                                                                Highlight2HTML(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata,
                                                                       parent=self, resources=resources))
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        if self.needs_pass(html):
            return self.soup_pass(html), resources
        return html, resources

    @classmethod
    def needs_pass(cls, html: str) -> bool:
        return any(mark in html for mark in cls.PASS_MARKS)

    @staticmethod
    def soup_pass(html: str) -> str:
        """What HTMLExporter.from_notebook_node does after rendering (nbconvert 7)."""
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(html, features="html.parser")
        for elem in soup.select("img:not([alt])"):
            elem.attrs["alt"] = "No description has been provided for this image"
        for elem in soup.select(".jp-Notebook div.jp-Cell-inputWrapper"):
            elem.attrs["tabindex"] = "0"
        for elem in soup.select(".jp-Notebook div.jp-OutputArea-output"):
            elem.attrs["tabindex"] = "0"
        return str(soup)


class PageConverter:
    """Turns executed notebooks into pages; build one and reuse it (the Jinja setup is costly).

    With ``plotly_js`` (the library's source) every page carries plotly.js inline, to be sent
    alone; without it pages load it from a relative URL given to :meth:`convert`.
    """

    def __init__(self, plotly_js: str | None = None, lang: str = "zh"):
        self.plotly_js = plotly_js
        self.html_lang = "zh-CN" if lang == "zh" else lang
        self.words = WORDS["en" if lang == "en" else "zh"]
        self.draw_js = (TEMPLATES / TEMPLATE_NAME / "draw.js").read_text("utf-8")
        self.page_js = (TEMPLATES / TEMPLATE_NAME / "page.js").read_text("utf-8")
        self.csp = content_security_policy(self.draw_js, self.page_js, *([plotly_js] if plotly_js else []))
        c = Config()
        c.HTMLExporter.exclude_input = True
        c.HTMLExporter.exclude_input_prompt = True
        c.HTMLExporter.exclude_output_prompt = True
        c.NbConvertBase.display_data_priority = OUTPUT_PRIORITY
        c.Exporter.optimistic_validation = True  # validate once after the preprocessors, not after each one
        self.exporter = PageExporter(config=c, template_name=TEMPLATE_NAME,
                                     extra_template_basedirs=[str(TEMPLATES)])
        self.exporter.register_filter("script_json", script_json)
        self.exporter.register_filter("figure_label", figure_label)
        self.exporter.register_filter("figure_table", lambda fig: figure_table(fig, "en" if lang == "en" else "zh"))

    def convert(self, nb: nbformat.NotebookNode, *, title: str, index_href: str, plotly_src: str = "",
                downloads: list | None = None) -> str:
        """HTML of ``nb``, linking to ``index_href`` and loading plotly.js from ``plotly_src`` unless inlined.

        ``downloads``: (label, href) of the page's data files, linked at the top of the page.
        """
        nb = clean_outputs(nb)
        resources = {"gikkit": {"title": title, "index_href": index_href, "csp": self.csp, "draw_js": self.draw_js,
                                "page_js": self.page_js, "lang": self.html_lang, "words": self.words,
                                "downloads": downloads or [],
                                "plotly_src": plotly_src, "plotly_js": self.plotly_js}}
        html, _ = self.exporter.from_notebook_node(nb, resources=resources)
        return html
