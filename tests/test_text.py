"""`fold` by its per-character table equals the definition: NFKD of the lowercased text
without combining marks (checked on random text from many scripts)."""

from __future__ import annotations

import random
import unicodedata

from stodkollen.text import fold


def _reference(text: str) -> str:
    nfkd = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in nfkd if not unicodedata.combining(ch))


def test_fold_equals_nfkd_without_combining_marks():
    rnd = random.Random(1)
    samples = ["ΟΔΟΣ ΣΑΣ", "İstanbul", "Malå Östersund café Über", "ﬁ ½ ㎏ Ⅻ", "e\u0301\u0323"]
    for _ in range(5000):
        n = rnd.randrange(0, 24)
        samples.append("".join(chr(rnd.randrange(0, 0x3200)) for _ in range(n)))
    for text in samples:
        assert fold(text) == _reference(text), repr(text)
