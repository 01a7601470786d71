"""``values.nfkc`` gives exactly what ``unicodedata.normalize("NFKC", ...)`` gives, on real and hostile text."""
from __future__ import annotations

import random
import unicodedata

from gikkit.readers import read_document
from gikkit.values import LONG_TEXT, clean_text, nfkc

from fixture_paths import FIXTURES, SEED


def _texts_of_fixtures() -> list[str]:
    """Every paragraph and table cell of the text and HTML fixtures, and each whole section-sized run of them."""
    texts = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix.lower() not in (".txt", ".html", ".htm") or path.name.endswith(".expected.json"):
            continue
        doc = read_document(path)
        texts += doc.paragraphs
        texts += [c for t in doc.tables for row in t.rows for c in row if c]
        texts.append("\n".join(doc.paragraphs))
    return texts


def test_fixture_texts_normalize_alike():
    texts = _texts_of_fixtures()
    assert sum(len(t) > LONG_TEXT for t in texts) >= 10  # the fast path is taken, not only the short one
    for text in texts:
        assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_mixed_full_width_combining_and_compatibility_characters_normalize_alike():
    seed = SEED.read_text("utf-8")
    pool = (
        [chr(cp) for cp in range(0xFF01, 0xFF5F)]  # the full-width forms nfkc replaces first
        + [chr(cp) for cp in range(0x0300, 0x0370)]  # combining marks, which compose with what precedes them
        + list("AaEeOoUu \u3000\u00a0\u2000\u212b\u1e9b\u0323\u2f00\u2e9f\uf900\ufb01\u00bd\u2460")
        + list(seed[:400])
    )
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(LONG_TEXT - 5, 3 * LONG_TEXT)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_a_long_cell_cleans_as_before():
    # clean_text of a long text goes through nfkc: the same as NFKC, artifacts and whitespace dropped
    text = "（一）　依申请公开 [image: a.png] ＡＢＣ，" * 6
    assert len(text) > LONG_TEXT
    assert clean_text(text) == "(一)依申请公开ABC," * 6
