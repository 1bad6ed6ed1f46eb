"""How close a sentence's meaning is to the question's: e5 vectors, cached per sentence.

Sentence vectors are computed the first time a sentence is a candidate and kept (bounded), so
a question costs one query vector plus the sentences not seen before.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np


class SentenceVectors:
    """An LRU cache of passage vectors keyed by sentence text."""

    def __init__(self, embedder, max_items: int):
        self.embedder, self.max_items = embedder, max_items
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            fresh = self.embedder.embed_passages(todo)
            with self._lock:
                for t, v in zip(todo, fresh, strict=True):
                    self._cache[t] = v
                    self._cache.move_to_end(t)
                while len(self._cache) > self.max_items:
                    self._cache.popitem(last=False)
        with self._lock:
            return np.stack(
                [self._cache[t] if t in self._cache else self._missing(t) for t in texts]
            )

    def _missing(self, text: str) -> np.ndarray:
        # Evicted between the two locks by a concurrent question: embed it again.
        return self.embedder.embed_passages([text])[0]


class CachedQueries:
    """An embedder whose query vectors are kept (bounded): one question is embedded once,
    though retrieval, the refusal test and sentence choice all need its vector."""

    def __init__(self, embedder, max_items: int):
        self.embedder, self.max_items = embedder, max_items
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __getattr__(self, name):  # name, dimension, embed_passages …: the embedder's own
        return getattr(self.embedder, name)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._one(t) for t in texts])

    def _one(self, text: str) -> np.ndarray:
        with self._lock:
            vec = self._cache.get(text)
            if vec is not None:
                self._cache.move_to_end(text)
                return vec
        vec = self.embedder.embed_queries([text])[0]
        with self._lock:
            self._cache[text] = vec
            while len(self._cache) > self.max_items:
                self._cache.popitem(last=False)
        return vec


def closeness_to(query_vector: np.ndarray, vectors: SentenceVectors, weight: float):
    """A `Closeness` for one question: cosine rescaled over the candidates to 0..weight."""

    def close(texts: list[str]) -> list[float]:
        sims = vectors.of(texts) @ query_vector
        lo, hi = float(sims.min()), float(sims.max())
        if hi - lo < 1e-6:
            return [0.0] * len(texts)
        return [weight * (float(s) - lo) / (hi - lo) for s in sims]

    return close
