"""Shared fixtures: the seed report (tests/fixtures, copied into the repository; see tests/fixture_paths.py)
and a headless Debian Chromium for the site's browser tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixture_paths import SEED_DIR

ROOT = Path(__file__).resolve().parent.parent
SEED = SEED_DIR / "000_c2619695b87ce2e6.txt"
SEED_EXPECTED = SEED_DIR / "000_c2619695b87ce2e6.expected.json"


def load_expected(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return load_expected(SEED_EXPECTED)


@pytest.fixture(scope="session")
def seed_report():
    import gikkit

    return gikkit.read(SEED)


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by Playwright (tests/browser.py), one per test module."""
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as pw:
        browser = launch(pw)
        yield browser
        browser.close()
