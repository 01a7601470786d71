"""Where a notebook is being shown: live in Jupyter, or executed for a static HTML export.

The exporter sets ``GIKKIT_EXPORT=1`` in the kernel it runs. Widgets need a live kernel for their
callbacks, so in an export the notebooks show plotly figures that carry their own dropdowns instead.
"""
from __future__ import annotations

import os

EXPORT_ENV = "GIKKIT_EXPORT"


def is_static_export() -> bool:
    """True while a notebook is executed to be turned into static HTML."""
    return os.environ.get(EXPORT_ENV, "") not in ("", "0", "false")
