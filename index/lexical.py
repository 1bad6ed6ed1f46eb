"""BM25 over chunks (bm25s) with Swedish Snowball stemming and diacritic folding.

Folding before stemming makes "Mala", "Ostersund" and "projektagare" meet "Malå",
"Östersund" and "projektägare".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

_TOKEN = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("swedish")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_SWEDISH

    extra = {"finns", "vad", "vilka", "vilken", "vilket", "hur", "vem", "när", "var", "kan", "ska",
             "ni", "jag", "mig", "om", "det", "den", "de", "och", "eller", "är"}
    return frozenset(fold(w) for w in (*STOPWORDS_SWEDISH, *STOPWORDS_EN, *extra))


def fold(text: str) -> str:
    """Lowercase and strip diacritics (å -> a, ö -> o, é -> e)."""
    nfkd = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in nfkd if not unicodedata.combining(ch))


def terms(text: str) -> list[str]:
    """Index terms: folded, stopwords removed, Swedish-stemmed."""
    words = [w for w in _TOKEN.findall(fold(text)) if w not in _stopwords() and len(w) > 1]
    return _stemmer().stemWords(words)


class LexicalIndex:
    """A BM25 index over a fixed list of texts; rebuilt when the chunk set changes."""

    def __init__(self, texts: list[str]):
        import bm25s

        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        corpus = [terms(t) or ["__empty__"] for t in texts]
        self.doc_terms = [set(c) for c in corpus]
        if texts:
            self._bm25.index(corpus, show_progress=False)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(position, score) of the best texts, score > 0 only; mask selects allowed texts."""
        q = terms(query)
        if not self.size or not q:
            return []
        known = [t for t in q if t in self._bm25.vocab_dict]
        if not known:
            return []
        k = min(k, self.size)
        weight = None if mask is None else mask.astype(np.float32)
        docs, scores = self._bm25.retrieve(
            [known], k=k, show_progress=False, weight_mask=weight, n_threads=1
        )
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]
