"""BM25 over chunks (bm25s) on the Swedish index terms of `stodkollen.text`.

`LexicalIndex` is BM25 plus document frequencies (the refusal's term coverage, the composers'
IDF weights). Its score matrix is built with numpy (equal to bm25s's own builder) and can be
saved and loaded memory-mapped (bm25s save/load).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from stodkollen.text import place_terms, terms

EMPTY_DOC = "__empty__"  # the term of a text without index terms, so every text is a document


def _bm25s():
    import bm25s

    # bm25s sets its logger to DEBUG on import: its lines would reach stderr next to the
    # CLI's one-line messages.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


# --- term lists ---------------------------------------------------------------------------
def term_ids(texts: Sequence[str], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Each text's index terms as ids in `vocab` (extended in place): (lengths, flat ids)."""
    lens = np.empty(len(texts), np.int64)
    flat: list[int] = []
    for i, text in enumerate(texts):
        ids = [vocab.setdefault(t, len(vocab)) for t in (terms(text) or [EMPTY_DOC])]
        lens[i] = len(ids)
        flat += ids
    return lens, np.asarray(flat, np.int32)


def _ptr(lens: np.ndarray) -> np.ndarray:
    out = np.zeros(len(lens) + 1, np.int64)
    np.cumsum(lens, out=out[1:])
    return out


# --- BM25 ---------------------------------------------------------------------------------
class LexicalIndex:
    """BM25 (bm25s) over documents given as index terms, with their document frequencies."""

    def __init__(self, texts: Sequence[str] = ()):
        vocab: dict[str, int] = {}
        lens, flat = term_ids(texts, vocab)
        self._set(*_bm25(_ptr(lens), flat, list(vocab)))

    def _set(self, bm25, size: int) -> None:
        self._bm25, self.size = bm25, size
        self.vocab: dict[str, int] = bm25.vocab_dict if bm25 is not None else {}
        indptr = np.asarray(bm25.scores["indptr"]) if bm25 is not None else np.zeros(1)
        # One score per (document, term): the column lengths are the document frequencies.
        self._df = np.diff(indptr).astype(np.int64)

    @classmethod
    def from_terms(cls, ptr: np.ndarray, flat: np.ndarray, vocab: list[str]) -> LexicalIndex:
        index = cls.__new__(cls)
        index._set(*_bm25(ptr, flat, vocab))
        return index

    def save(self, path: Path) -> None:
        if self._bm25 is not None:
            self._bm25.save(str(path), show_progress=False)

    @classmethod
    def load(cls, path: Path, size: int) -> LexicalIndex:
        bm25s = _bm25s()
        index = cls.__new__(cls)
        bm25 = bm25s.BM25.load(str(path), mmap=True, show_progress=False) if size else None
        index._set(bm25, size)
        return index

    def df(self, term: str) -> int:
        i = self.vocab.get(term)
        return int(self._df[i]) if i is not None and i < len(self._df) else 0

    def idf(self, term: str) -> float:
        """Inverse document frequency; unseen terms weigh the most."""
        return math.log((self.size + 1) / (self.df(term) + 0.5))

    def coverage(self, query: str) -> float:
        """IDF-weighted share of the question's topic terms that occur anywhere in the corpus.

        Place names are left out: whether the corpus covers a place is decided separately.
        """
        q = set(terms(query)) - place_terms()
        total = sum(self.idf(t) for t in q)
        if not total:
            return 1.0
        return sum(self.idf(t) for t in q if self.df(t)) / total

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(position, score) of the best texts, score > 0 only; mask selects allowed texts."""
        q = terms(query)
        if not self.size or not q:
            return []
        known = [t for t in q if t in self.vocab]
        if not known:
            return []
        k = min(k, self.size)
        weight = None if mask is None else mask.astype(np.float32)
        docs, scores = self._bm25.retrieve(
            [known], k=k, show_progress=False, weight_mask=weight, n_threads=1
        )
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]


def _bm25(ptr: np.ndarray, flat: np.ndarray, vocab: list[str]):
    """(bm25s index, number of documents) over term lists whose ids index `vocab`.

    The score matrix is computed with numpy over all (document, term) pairs at once, with the
    arithmetic of bm25s's own builder (Lucene BM25, its defaults, the same float64 steps and
    the float32 result), so it equals `bm25s.BM25().index(...)` bit for bit (tested) while
    taking a fraction of the time of its loop over documents.
    """
    bm25s = _bm25s()
    n = len(ptr) - 1
    if not n:
        return None, 0
    bm25 = bm25s.BM25()
    assert (bm25.method, bm25.idf_method, bm25.dtype) == ("lucene", "lucene", "float32")
    lens = np.diff(ptr).astype(np.int64)
    docs = np.repeat(np.arange(n, dtype=np.int64), lens)
    pairs, tf = np.unique((docs << 32) | flat.astype(np.int64), return_counts=True)
    rows, cols = pairs >> 32, pairs & 0xFFFFFFFF
    df = np.bincount(cols, minlength=len(vocab))
    # idf of each distinct document frequency, by the same math.log bm25s calls
    values = np.unique(df[df > 0])
    idf_of = {int(d): math.log(1 + (n - int(d) + 0.5) / (int(d) + 0.5)) for d in values}
    idf = np.zeros(len(vocab), np.float32)
    idf[df > 0] = [idf_of[int(d)] for d in df[df > 0]]
    avg = lens.mean()
    norm = bm25.k1 * ((1 - bm25.b) + bm25.b * lens[rows] / avg)  # float64, as per document
    tf32 = tf.astype(np.float32)
    scores = (idf[cols] * (tf32 / (norm + tf32))).astype(np.float32)
    order = _by_column(cols)
    indptr = np.zeros(len(vocab) + 1, np.int64)
    np.cumsum(np.bincount(cols, minlength=len(vocab)), out=indptr[1:])
    bm25.scores = {
        "data": scores[order],
        "indices": rows[order].astype(np.int32),
        "indptr": indptr,
        "num_docs": n,
    }
    bm25.vocab_dict = {t: i for i, t in enumerate(vocab)}
    bm25.vocab_dict.setdefault("", len(vocab))  # what bm25s adds for empty queries
    bm25.unique_token_ids_set = set(bm25.vocab_dict.values())
    bm25.nonoccurrence_array = None
    return bm25, n


def _by_column(cols: np.ndarray) -> np.ndarray:
    """A stable order by column: entries already in (row, column) order come out in (column,
    row) order, the CSC layout. Radix passes of 16 bits (numpy sorts those by counting)."""
    order = np.argsort((cols & 0xFFFF).astype(np.uint16), kind="stable")
    high = cols[order] >> 16
    if high.any():
        order = order[np.argsort(high.astype(np.uint16), kind="stable")]
    return order


def _bm25_reference(ptr: np.ndarray, flat: np.ndarray, vocab: list[str]):
    """bm25s's own builder over the same term lists (the tests compare the two)."""
    bm25s = _bm25s()
    as_list = flat.tolist()
    docs = [as_list[a:b] for a, b in zip(ptr[:-1].tolist(), ptr[1:].tolist(), strict=True)]
    bm25 = bm25s.BM25()
    bm25.index((docs, {t: i for i, t in enumerate(vocab)}), show_progress=False)
    return bm25
