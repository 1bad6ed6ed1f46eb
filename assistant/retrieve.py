"""Hybrid retrieval: BM25 and dense (Chroma) fused by reciprocal rank fusion, filters, places."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

import numpy as np

from assistant.types import Filters
from index.lexical import LexicalIndex, fold
from index.store import ChunkRecord, ChunkStore
from ingest.chunking import embedding_text

log = logging.getLogger(__name__)


@dataclass
class Hit:
    record: ChunkRecord
    score: float  # fused score (what ranks)
    dense: float | None = None  # cosine similarity, when the dense side saw it
    lexical: float | None = None  # BM25 score, when the lexical side saw it


def matches(md: dict, f: Filters) -> bool:
    """Does a chunk's metadata pass the filters? (The same rule as `where_clause`.)"""
    if f.kommun and not md.get(f"kommun:{f.kommun}"):
        return False
    if f.lan and not md.get(f"lan:{f.lan}"):
        return False
    if f.source and md.get("source") != f.source:
        return False
    if f.from_year is not None and md.get("end_year", md.get("start_year", 10**4)) < f.from_year:
        return False
    if f.to_year is not None and md.get("start_year", 0) > f.to_year:
        return False
    return True


def where_clause(f: Filters) -> dict | None:
    """The Chroma `where` for filters (records without a period pass year filters)."""
    parts: list[dict] = []
    if f.kommun:
        parts.append({f"kommun:{f.kommun}": True})
    if f.lan:
        parts.append({f"lan:{f.lan}": True})
    if f.source:
        parts.append({"source": f.source})
    if len(parts) == 0:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}


@dataclass(frozen=True)
class Snapshot:
    """One consistent view of the chunks: records, their positions and the BM25 index."""

    records: list[ChunkRecord]
    by_id: dict[str, int]
    lexical: LexicalIndex
    flags: frozenset[str] = frozenset()  # "kommun:X" / "lan:Y" present in some chunk
    title_heads: tuple[tuple[str, str], ...] = ()  # (project_id, folded head of its title)

    def mask(self, f: Filters) -> np.ndarray | None:
        if f.is_empty():
            return None
        return np.array([matches(r.metadata, f) for r in self.records], dtype=bool)


class Catalog:
    """All chunks in memory (text + metadata) and the BM25 index over them.

    Reloaded when the store's chunk count changes, so a process sees other processes' ingests.
    """

    def __init__(self, store: ChunkStore):
        self.store = store
        self._lock = threading.Lock()
        self._count = -1
        self._snap = Snapshot([], {}, LexicalIndex([]))

    # Readers take one snapshot and use only it: a refresh swaps the whole snapshot at once.
    def snapshot(self) -> Snapshot:
        return self._snap

    @property
    def records(self) -> list[ChunkRecord]:
        return self._snap.records

    @property
    def by_id(self) -> dict[str, int]:
        return self._snap.by_id

    @property
    def lexical(self) -> LexicalIndex:
        return self._snap.lexical

    def refresh(self, force: bool = False) -> None:
        count = self.store.count()
        with self._lock:
            if count == self._count and not force:
                return
            records = self.store.all_chunks()
            records.sort(
                key=lambda r: (
                    r.metadata.get("source", ""),
                    r.metadata.get("project_index", 0),
                    r.metadata.get("chunk_index", 0),
                )
            )
            lexical = LexicalIndex([embedding_text(r) for r in records])
            self._snap = Snapshot(
                records,
                {r.id: i for i, r in enumerate(records)},
                lexical,
                frozenset(k for r in records for k in r.metadata if ":" in k),
                _title_heads(records),
            )
            self._count = count
            log.info("Katalog laddad: %d delar", count)


def _title_heads(records: list[ChunkRecord]) -> tuple[tuple[str, str], ...]:
    """Each project's title as a question would name it: its first two words (or all, if
    fewer), folded; computed once per snapshot instead of on every question."""
    heads: dict[str, str] = {}
    for r in records:
        pid = r.metadata.get("project_id")
        if pid in heads or r.metadata.get("kind") != "project":
            continue
        words = re.findall(r"\w+", fold(r.metadata.get("title", "")))
        head = " ".join(words[:2])
        if len(head) >= 4:
            heads[pid] = head
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
        boost: dict[str, float] | None = None,
    ) -> list[Hit]:
        cfg = self.settings.retrieval
        method = method or cfg.retriever
        self.catalog.refresh()
        cat = self.catalog.snapshot()
        n = cfg.candidates
        dense: list[tuple[str, float]] = []
        lexical: list[tuple[str, float]] = []
        if method in ("hybrid", "dense"):
            vec = self.embedder.embed_queries([query])[0]
            dense = self.store_query(vec, n, filters, cat)
        if method in ("hybrid", "bm25"):
            mask = cat.mask(filters)
            lexical = [(cat.records[i].id, s) for i, s in cat.lexical.search(query, n, mask)]
        fused = rrf([[c for c, _ in dense], [c for c, _ in lexical]], cfg.rrf_k)
        dense_of, lex_of = dict(dense), dict(lexical)
        hits = []
        for cid, score in fused.items():
            if cid not in cat.by_id:
                continue
            rec = cat.records[cat.by_id[cid]]
            extra = sum(w for key, w in (boost or {}).items() if rec.metadata.get(key))
            hits.append(
                Hit(rec, score + extra / (cfg.rrf_k + 1), dense_of.get(cid), lex_of.get(cid))
            )
        hits.sort(key=lambda h: -h.score)
        return hits

    def store_query(
        self, vec: np.ndarray, n: int, filters: Filters, snap: Snapshot
    ) -> list[tuple[str, float]]:
        where = where_clause(filters)
        got = self.catalog.store.query_chunks(vec, n * 2 if where else n, where)
        return [
            (cid, s)
            for cid, s in got
            if cid in snap.by_id and matches(snap.records[snap.by_id[cid]].metadata, filters)
        ][:n]
