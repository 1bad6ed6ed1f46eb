"""Hybrid retrieval: BM25 and dense (Chroma) fused by reciprocal rank fusion, with boosts."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

import numpy as np

from index.lexical import LexicalIndex
from index.store import ChunkStore
from ingest.chunking import embedding_text
from stodkollen import codec
from stodkollen.records import Chunk, Filters
from stodkollen.text import words

log = logging.getLogger(__name__)

# A title head shorter than this ("Ett", "Vi") would match questions by accident.
MIN_TITLE_HEAD_CHARS = 4
TITLE_HEAD_WORDS = 2  # how questions name a project: by the first words of its title


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
    """One consistent view of the chunks: records, their positions and the BM25 index."""

    chunks: list[Chunk]
    by_id: dict[str, int]
    lexical: LexicalIndex
    kommuner: frozenset[str] = frozenset()  # kommuner some chunk is about
    lans: frozenset[str] = frozenset()
    title_heads: tuple[tuple[str, str], ...] = ()  # (project_id, folded head of its title)
    sources: frozenset[str] = frozenset()  # file names and URLs some chunk comes from

    def mask(self, f: Filters) -> np.ndarray | None:
        if f.is_empty():
            return None
        return np.array([codec.matches(c.project, f) for c in self.chunks], dtype=bool)


def build_snapshot(chunks: list[Chunk]) -> Snapshot:
    chunks = sorted(chunks, key=lambda c: (c.project.source, c.project.index, c.chunk_index))
    return Snapshot(
        chunks,
        {c.id: i for i, c in enumerate(chunks)},
        LexicalIndex([embedding_text(c) for c in chunks]),
        frozenset(k for c in chunks for k in c.project.kommuner),
        frozenset(ln for c in chunks for ln in c.project.lan),
        _title_heads(chunks),
        frozenset(c.project.source for c in chunks),
    )


class Catalog:
    """All chunks in memory (text + metadata) and the BM25 index over them.

    Reloaded when the store's version changes (every write changes it, in any process), so a
    process sees other processes' ingests, edits that keep the chunk count included.
    """

    def __init__(self, store: ChunkStore):
        self.store = store
        self._lock = threading.Lock()
        self._version: str | None = None
        self._snap = build_snapshot([])

    # Readers take one snapshot and use only it: a refresh swaps the whole snapshot at once.
    def snapshot(self) -> Snapshot:
        return self._snap

    def refresh(self, force: bool = False) -> Snapshot:
        version = self.store.version()
        with self._lock:
            if version != self._version or force:
                self._snap = build_snapshot(self.store.all_chunks())
                self._version = version
                log.info("Katalog laddad: %d delar", len(self._snap.chunks))
            return self._snap


def _title_heads(chunks: list[Chunk]) -> tuple[tuple[str, str], ...]:
    """Each project's title as a question would name it: its first words, folded; computed
    once per snapshot instead of on every question."""
    heads: dict[str, str] = {}
    for c in chunks:
        p = c.project
        if p.id in heads or p.kind != "project":
            continue
        head = " ".join(words(p.title)[:TITLE_HEAD_WORDS])
        if len(head) >= MIN_TITLE_HEAD_CHARS:
            heads[p.id] = head
    return tuple(heads.items())


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
        n = cfg.candidates
        dense: list[tuple[str, float]] = []
        lexical: list[tuple[str, float]] = []
        if method in ("hybrid", "dense"):
            vec = self.embedder.embed_queries([query])[0]
            got = self.catalog.store.query_chunks(vec, n, filters)
            dense = [(cid, s) for cid, s in got if cid in snap.by_id]
        if method in ("hybrid", "bm25"):
            mask = snap.mask(filters)
            lexical = [(snap.chunks[i].id, s) for i, s in snap.lexical.search(query, n, mask)]
        fused = rrf([[c for c, _ in dense], [c for c, _ in lexical]], cfg.rrf_k)
        dense_of, lex_of = dict(dense), dict(lexical)
        boosts = boosts or Boosts()
        hits = []
        for cid, score in fused.items():
            if cid not in snap.by_id:
                continue
            chunk = snap.chunks[snap.by_id[cid]]
            hits.append(Hit(chunk, score + boosts.of(chunk), dense_of.get(cid), lex_of.get(cid)))
        hits.sort(key=lambda h: -h.score)
        return hits


def one_per_project(hits: list[Hit]) -> list[Hit]:
    seen: set[str] = set()
    out = []
    for h in hits:
        pid = h.chunk.project.id
        if pid not in seen:
            seen.add(pid)
            out.append(h)
    return out
