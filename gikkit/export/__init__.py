"""Publish reports as static HTML that opens anywhere, offline: ``gikkit export``.

    >>> from gikkit.export import export_site
    >>> result = export_site(["data/"], "exports/")
    >>> result.index                                    # exports/index.html

The notebooks run in warm kernels (:mod:`.runner`), nbconvert turns them into pages with our own
template (:mod:`.convert`), and :mod:`.site` writes the pages, the shared plotly.js, the index
and a manifest that lets the next run skip pages whose inputs have not changed.
"""
from __future__ import annotations

from .convert import PageConverter
from .manifest import PageEntry
from .runner import Kernel, NotebookRunError
from .site import ExportResult, default_notebooks_dir, export_site

__all__ = ["ExportResult", "Kernel", "NotebookRunError", "PageConverter", "PageEntry", "default_notebooks_dir",
           "export_site"]
