"""Open exported pages in headless Debian Chromium (Playwright) with every non-file:// request aborted."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from browser import launch



@dataclass
class Visit:
    """What a page did once loaded."""

    charts: int = 0                # <div class="chart"> elements
    drawn: int = 0                 # of those, how many hold plotly's .main-svg
    errors: list = field(default_factory=list)   # console errors and uncaught exceptions
    left_site: list = field(default_factory=list)  # requests that were not file:// (aborted)
    dialogs: list = field(default_factory=list)  # alert()/confirm() a page tried to open
    text: str = ""                 # document.body.innerText
    bold_x: int = 0                # <b> elements whose text is exactly "x"


ALL_DRAWN = "Array.from(document.querySelectorAll('div.chart')).every(d => d.querySelector('.main-svg') || d.classList.contains('chart-missing'))"


class SiteBrowser:
    """``with SiteBrowser() as browser: browser.visit(path)``."""

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = launch(self._pw)
        return self

    def __exit__(self, *exc):
        self._browser.close()
        self._pw.stop()

    def visit(self, path: Path) -> Visit:
        visit = Visit()
        context = self._browser.new_context()

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                visit.left_site.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: visit.errors.append(str(e)))
        page.on("dialog", lambda d: (visit.dialogs.append(d.message), d.dismiss()))
        page.goto(Path(path).resolve().as_uri(), wait_until="load")
        for _ in range(150):  # plotly draws during load; give a slow machine time, then report what is there
            if page.evaluate(ALL_DRAWN):  # polled from here: the pages' CSP forbids Playwright's in-page eval
                break
            page.wait_for_timeout(100)
        visit.charts = page.locator("div.chart").count()
        visit.drawn = page.locator("div.chart:has(.main-svg)").count()
        visit.text = page.evaluate("document.body.innerText")
        visit.bold_x = page.evaluate("Array.from(document.querySelectorAll('b')).filter(b => b.textContent === 'x').length")
        context.close()
        return visit

    def use_first_dropdown(self, path: Path, option: int = 2) -> tuple[int, str, str]:
        """Pick ``option`` in the first chart dropdown of the page (an HTML select the page makes from the
        figure's menus): (dropdowns, chart title before, title after)."""
        context = self._browser.new_context(viewport={"width": 1200, "height": 900})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page = context.new_page()
        page.goto(Path(path).resolve().as_uri(), wait_until="load")
        title = ("(document.querySelector('form.chart-menus') || {nextElementSibling: {layout: {title: {}}}})"
                 ".nextElementSibling.layout.title.text || ''")
        menus = page.locator("form.chart-menus select").count()
        before = page.evaluate(title)
        if menus:
            page.locator("form.chart-menus select").first.select_option(index=option)
        after = page.evaluate(title)
        context.close()
        return menus, before, after
