"""Headless Debian Chromium for the browser tests, started the same way everywhere."""
from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# The machine has no network: without the background-networking flags Chromium keeps trying to reach out.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-default-apps",
                 "--disable-extensions"]


def launch(playwright, extra_args: tuple[str, ...] = ()):
    """A headless Chromium browser from a running Playwright (``sync_playwright()``)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + list(extra_args), headless=True)
