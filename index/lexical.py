"""BM25 over chunks (bm25s) on the Swedish index terms of `stodkollen.text`."""

from __future__ import annotations

import logging
import math

import numpy as np

from stodkollen.text import known_term, place_terms, terms


class LexicalIndex:
    """A BM25 index over a fixed list of texts; rebuilt when the chunk set changes."""

    def __init__(self, texts: list[str]):
        import bm25s

        # bm25s sets its logger to DEBUG on import: its "Building index" lines would reach
        # stderr next to the CLI's one-line messages.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
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
        """IDF-weighted share of the question's topic terms that occur anywhere in the corpus
        (a compound counts when its head word does: `known_term`).

        Place names are left out: whether the corpus covers a place is decided separately.
        """
        q = set(terms(query)) - place_terms()
        total = sum(self.idf(t) for t in q)
        if not total:
            return 1.0
        return sum(self.idf(t) for t in q if known_term(t, self.df)) / total

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
