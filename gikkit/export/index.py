"""The site's index page: every report with its agency, year, template and findings; every failure."""
from __future__ import annotations

from pathlib import Path

import jinja2

from .convert import TEMPLATES, TEMPLATE_NAME
from .files import write_atomic
from .manifest import PageEntry

SUMMARY_TITLES = {"compare": "比较 / Compare", "audit": "审核 / Audit"}
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader([str(TEMPLATES / "site"), str(TEMPLATES / TEMPLATE_NAME)]),
    autoescape=True,  # agency names, file names and problems come from outside
)


def render_index(entries: list[PageEntry], *, version: str) -> str:
    """HTML of the index for ``entries`` (report pages and the compare/audit pages)."""
    return _ENV.get_template("index.html.j2").render(
        reports=[e for e in entries if e.kind == "report" and e.ok],
        failures=[e for e in entries if e.kind == "report" and not e.ok],
        overview=[e for e in entries if e.kind != "report"],
        titles=SUMMARY_TITLES,
        version=version,
    )


def write_index(out: Path, entries: list[PageEntry], *, version: str) -> Path:
    """Write ``out/index.html`` atomically and return its path."""
    path = Path(out) / "index.html"
    write_atomic(path, render_index(entries, version=version))
    return path
