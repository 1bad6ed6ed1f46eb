"""BM25 over chunks (bm25s) with Swedish Snowball stemming and diacritic folding.

Folding before stemming makes "Mala", "Ostersund" and "projektagare" meet "Malå",
"Östersund" and "projektägare".
"""

from __future__ import annotations

import math
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

    return frozenset(fold(w) for w in (*STOPWORDS_SWEDISH, *STOPWORDS_EN, *_QUESTION_WORDS))


# Words that shape a question but say nothing about its topic (Swedish and English).
_QUESTION_WORDS = """
finns fanns vad vilka vilken vilket hur vem vems när var kan kunde ska skulle får ni jag mig
om det den de och eller är gör görs gjorde gjort händer hände ingår ingick många mycket
how many much what who whom whose which when where why does did do has have had is are was
were can could would should will the a an of in on for to about there any some""".split()


def fold(text: str) -> str:
    """Lowercase and strip diacritics (å -> a, ö -> o, é -> e)."""
    nfkd = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in nfkd if not unicodedata.combining(ch))


def terms(text: str) -> list[str]:
    """Index terms: folded, stopwords removed, Swedish-stemmed."""
    words = [w for w in _TOKEN.findall(fold(text)) if w not in _stopwords() and len(w) > 1]
    return _stemmer().stemWords(words)


@lru_cache(maxsize=1)
def place_terms() -> frozenset[str]:
    """Index terms of every kommun and län name: places are judged by the place logic."""
    from ingest.places import all_kommuner

    names = set(all_kommuner()) | set(all_kommuner().values())
    return frozenset(t for name in names for t in terms(name)) - {"lan", "kommun"}


class LexicalIndex:
    """A BM25 index over a fixed list of texts; rebuilt when the chunk set changes."""

    def __init__(self, texts: list[str]):
        import bm25s

        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        corpus = [terms(t) or ["__empty__"] for t in texts]
        self.doc_terms = [set(c) for c in corpus]
        self.df: dict[str, int] = {}
        for doc in self.doc_terms:
            for t in doc:
                self.df[t] = self.df.get(t, 0) + 1
        if texts:
            self._bm25.index(corpus, show_progress=False)

    def idf(self, term: str) -> float:
        """Inverse document frequency; unseen terms weigh the most."""
        return math.log((self.size + 1) / (self.df.get(term, 0) + 0.5))

    def coverage(self, query: str) -> float:
        """IDF-weighted share of the question's topic terms that occur anywhere in the corpus.

        Place names are left out: whether the corpus covers a place is decided separately.
        """
        q = set(terms(query)) - place_terms()
        total = sum(self.idf(t) for t in q)
        if not total:
            return 1.0
        return sum(self.idf(t) for t in q if t in self.df) / total

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
