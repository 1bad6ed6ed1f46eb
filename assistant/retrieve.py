"""Hybrid retrieval: BM25 and dense (Chroma) fused by reciprocal rank fusion, with boosts."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

import numpy as np

from index.lexical import ChunkIndex, LexicalIndex, cache_for
from index.store import ChunkStore
from ingest.chunking import lexical_text
from stodkollen.records import Chunk, Filters

log = logging.getLogger(__name__)


@dataclass
class Hit:
    chunk: Chunk
    score: float  # fused score (what ranks)
    dense: float | None = None  # cosine similarity, when the dense side saw it
    lexical: float | None = None  # BM25 score, when the lexical side saw it


@dataclass
class Boosts:
    """Fused score added to chunks of these places and projects (see RetrievalSettings)."""

    kommuner: dict[str, float] = field(default_factory=dict)
    lans: dict[str, float] = field(default_factory=dict)
    projects: dict[str, float] = field(default_factory=dict)

    def of(self, chunk: Chunk) -> float:
        p = chunk.project
        return (
            sum(self.kommuner.get(k, 0.0) for k in p.kommuner)
            + sum(self.lans.get(ln, 0.0) for ln in p.lan)
            + self.projects.get(p.id, 0.0)
        )


@dataclass(frozen=True)
class Snapshot:
    """One consistent view of the store: BM25, filter fields, places, sources and title heads
    of every chunk (`index.lexical.ChunkIndex`); the chunks' texts stay in Chroma."""

    index: ChunkIndex

    @property
    def lexical(self) -> LexicalIndex:
        return self.index.lexical

    @property
    def kommuner(self) -> frozenset[str]:  # kommuner some chunk is about
        return self.index.kommuner

    @property
    def lans(self) -> frozenset[str]:
        return self.index.lans

    @property
    def sources(self) -> frozenset[str]:  # file names and URLs some chunk comes from
        return self.index.sources

    @property
    def title_heads(self) -> tuple[tuple[str, str], ...]:  # (project_id, folded title head)
        return self.index.title_heads

    @property
    def version(self) -> str:
        return self.index.version

    def mask(self, f: Filters) -> np.ndarray | None:
        return self.index.mask(f)


def build_snapshot(chunks: list[Chunk]) -> Snapshot:
    """A snapshot of exactly these chunks, held in memory only (tests, small tools)."""
    return Snapshot(ChunkIndex.build(chunks, [lexical_text(c) for c in chunks], ""))


class Catalog:
    """This process's view of every chunk, kept at the store's version.

    Before each question it compares the store version (one cheap call) with its own; when
    they differ it loads the index saved for that version under the data dir, or builds it
    from every chunk (`index.lexical.ChunkIndexCache`). So a process sees other processes'
    writes, edits that keep the chunk count included.
    """

    def __init__(self, store: ChunkStore):
        self.store = store
        self._cache = cache_for(store, lexical_text)
        self._snap = Snapshot(ChunkIndex.empty())

    # Readers take one snapshot and use only it: a refresh swaps the whole snapshot at once.
    def snapshot(self) -> Snapshot:
        return self._snap

    def refresh(self, force: bool = False) -> Snapshot:
        """The snapshot at the store's version; `force` waits for an update another thread
        is making instead of answering from the previous version meanwhile."""
        index = self._cache.current(self.store, wait=force)
        if index is not self._snap.index:
            self._snap = Snapshot(index)
            log.info("Katalog: version %s, %d delar", index.version, index.size)
        return self._snap


def rrf(rankings: list[list[str]], k: int) -> dict[str, float]:
    """Reciprocal rank fusion: sum of 1/(k + rank) over the rankings an id appears in."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, cid in enumerate(ranking, start=1):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (k + rank)
    return fused


class Retriever:
    """Ranks chunks for a question with the configured method (hybrid, bm25 or dense)."""

    def __init__(self, catalog: Catalog, embedder, settings):
        self.catalog, self.embedder, self.settings = catalog, embedder, settings

    def _dense(self, vec, n: int, index: ChunkIndex, mask: np.ndarray | None):
        if mask is None:
            return self.catalog.store.query_chunks(vec, n)
        return _dense_filtered(self.catalog.store, vec, n, index, mask, self.settings.retrieval)

    def search(
        self,
        query: str,
        filters: Filters,
        method: str | None = None,
        boosts: Boosts | None = None,
    ) -> list[Hit]:
        cfg = self.settings.retrieval
        method = method or cfg.retriever
        snap = self.catalog.refresh()
        store = self.catalog.store
        n = cfg.candidates
        dense: list[tuple[str, float]] = []
        lexical: list[tuple[str, float]] = []
        # Filters become one mask over the snapshot's arrays: BM25 uses it as weights, the
        # dense query gets the ids it selects (the same result as Chroma's `where`, faster).
        mask = snap.mask(filters)
        index = snap.index
        if method in ("hybrid", "dense"):
            vec = self.embedder.embed_queries([query])[0]
            dense = self._dense(vec, n, index, mask)
        if method in ("hybrid", "bm25"):
            lexical = [(index.id_at(i), s) for i, s in snap.lexical.search(query, n, mask)]
        fused = rrf([[c for c, _ in dense], [c for c, _ in lexical]], cfg.rrf_k)
        dense_of, lex_of = dict(dense), dict(lexical)
        boosts = boosts or Boosts()
        # Texts and metadata of the candidates only, in one read; a chunk deleted since the
        # snapshot is simply not returned.
        chunks = {c.id: c for c in store.chunks_by_id(list(fused))}
        hits = []
        for cid, score in fused.items():
            chunk = chunks.get(cid)
            if chunk is None:
                continue
            hits.append(Hit(chunk, score + boosts.of(chunk), dense_of.get(cid), lex_of.get(cid)))
        hits.sort(key=lambda h: -h.score)
        return hits


def _dense_filtered(store, vec, n: int, index: ChunkIndex, mask: np.ndarray, cfg):
    """The `n` nearest chunks the mask passes. A narrow filter sends its ids to Chroma; a
    wide one filters an unfiltered query's result (listing half the store's ids costs Chroma
    more than the search), and falls back to the id list when too few pass."""
    passing = int(np.count_nonzero(mask))
    share = passing / max(index.size, 1)
    if share >= cfg.wide_filter_share and passing >= n:
        wide = min(index.size, math.ceil(n / share * cfg.wide_filter_margin))
        got = store.query_chunks(vec, wide)
        at = index.positions_of([cid for cid, _ in got])
        kept = [hit for hit, p in zip(got, at.tolist(), strict=True) if p >= 0 and mask[p]]
        if len(kept) >= n:
            return kept[:n]
    return store.query_chunks(vec, n, among=index.ids_where(mask))


def one_per_project(hits: list[Hit]) -> list[Hit]:
    seen: set[str] = set()
    out = []
    for h in hits:
        pid = h.chunk.project.id
        if pid not in seen:
            seen.add(pid)
            out.append(h)
    return out
