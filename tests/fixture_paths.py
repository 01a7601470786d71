"""Where the tests' copies of the project's reference files live.

`tests/fixtures/` holds byte-exact copies of the shared reference material the project started
from (its `seed/`, `fixtures/real/`, `fixtures/rendered/` and `fixtures/template/`), so a fresh
clone passes `make test` with nothing beside it. `tests/fixtures/README.md` says where each came from.
"""
from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_DIR = FIXTURES / "seed"
SEED = SEED_DIR / "000_c2619695b87ce2e6.txt"
SEED_EXPECTED = SEED_DIR / "000_c2619695b87ce2e6.expected.json"
