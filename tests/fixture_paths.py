"""Where the tests' copies of the project's reference files live.

`tests/fixtures/` holds byte-exact copies of the shared reference material the project started
from (its `seed/`, `fixtures/real/`, `fixtures/rendered/` and `fixtures/template/`), so a fresh
clone passes `make test` with nothing beside it. `tests/fixtures/README.md` says where each came from.
"""
from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_DIR = FIXTURES / "seed"
SEED = SEED_DIR / "000_c2619695b87ce2e6.txt"
SEED_EXPECTED = SEED_DIR / "000_c2619695b87ce2e6.expected.json"

OTHER_AGENCY = "高青县唐坊镇人民政府"


def cache_folder(root: Path, pages: list[Path]) -> Path:
    """A folder for the cache tests: the seed, a copy of it under another agency, ``pages`` and a file that is no report."""
    root.mkdir()
    text = SEED.read_text("utf-8")
    (root / "seed.txt").write_text(text, "utf-8")
    (root / "edited.txt").write_text(text.replace("高青县田镇街道办事处", OTHER_AGENCY), "utf-8")
    for page in pages:
        shutil.copyfile(page, root / page.name)
    (root / "notes.txt").write_text("这不是一份年度报告。\n", "utf-8")
    return root
