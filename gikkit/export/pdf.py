"""``gikkit export --pdf``: each report page printed to PDF by headless Chromium.

The page's print stylesheet applies (no navigation, tables unboxed); each PDF page carries the
agency and year in its header and "page n / N" in its footer. Chromium is the system's
(``chromium`` on the PATH, or ``GIKKIT_CHROMIUM``) driven through Playwright; nothing leaves the
machine: every request that is not a file of the site is refused.
"""
from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

from ..errors import GikkitError
from .files import write_atomic
from .manifest import PageEntry

PDF_DIR = "pdf"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-extensions"]
ALL_DRAWN = ("Array.from(document.querySelectorAll('div.chart'))"
             ".every(d => d.querySelector('.main-svg') || d.classList.contains('chart-missing'))")


class PdfError(GikkitError):
    """PDFs cannot be printed here (no Playwright or no Chromium)."""


def chromium_path() -> str | None:
    """The Chromium to print with: ``GIKKIT_CHROMIUM``, else ``chromium``/``chromium-browser`` on the PATH."""
    return os.environ.get("GIKKIT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def pdf_path(entry: PageEntry) -> str:
    """Where a report page's PDF goes in the site: pdf/<slug>.pdf."""
    return f"{PDF_DIR}/{Path(entry.page).stem}.pdf"


def _header(entry: PageEntry, lang: str) -> str:
    who = html.escape(entry.agency or entry.source)
    year = "" if entry.year is None else (f" {entry.year}年" if lang != "en" else f" {entry.year}")
    style = "font-size:8px;width:100%;padding:0 12mm;color:#444;font-family:sans-serif"
    return f'<div style="{style}">{who}{year}</div>'


FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#444;font-family:sans-serif">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def print_pdfs(out: Path, entries: list[PageEntry], *, lang: str = "zh", rebuilt: set[str] | None = None) -> list[str]:
    """Print each good report page of ``entries`` to out/pdf/<slug>.pdf; return their paths in the site.

    A PDF is printed again only when its page was rebuilt (``rebuilt``) or the PDF is missing.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfError(None, "gikkit export --pdf needs Playwright: pip install playwright") from None
    executable = chromium_path()
    if executable is None:
        raise PdfError(None, "gikkit export --pdf needs Chromium: install it (apt install chromium) "
                             "or set GIKKIT_CHROMIUM to its path")
    out = Path(out)
    todo = [e for e in entries if e.kind == "report" and e.ok
            and (rebuilt is None or e.page in rebuilt or not (out / pdf_path(e)).is_file())]
    done = [pdf_path(e) for e in entries if e.kind == "report" and e.ok]
    if not todo:
        return done
    import concurrent.futures

    def work() -> None:  # in a thread of its own: Playwright's sync API refuses to run inside an event loop
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=BROWSER_ARGS, headless=True)
            try:
                context = browser.new_context()
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
                page = context.new_page()
                for entry in todo:
                    page.goto((out / entry.page).resolve().as_uri(), wait_until="load")
                    for _ in range(100):
                        if page.evaluate(ALL_DRAWN):
                            break
                        page.wait_for_timeout(100)
                    page.emulate_media(media="print")
                    data = page.pdf(format="A4", print_background=True, display_header_footer=True,
                                    header_template=_header(entry, lang), footer_template=FOOTER,
                                    margin={"top": "16mm", "bottom": "14mm", "left": "10mm", "right": "10mm"})
                    write_atomic(out / pdf_path(entry), data)
            finally:
                browser.close()

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(work).result()
    return done
