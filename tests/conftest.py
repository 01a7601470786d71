"""Shared fixtures: paths into ../shared (tests may read it; the product never does)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_c2619695b87ce2e6.txt"
SEED_EXPECTED = SHARED / "seed" / "000_c2619695b87ce2e6.expected.json"


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
