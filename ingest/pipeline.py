"""Ingest orchestration: load, skip unchanged, parse into projects, chunk, embed, store.

Consistency rule: a source's new chunks are written before its stale ones are deleted, and a
source counts as unchanged only when every stored chunk and project record carries its current
hash and the stored counts equal the expected counts. A crash at any point therefore leaves a
state that the next run repairs, without duplicates or orphans.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from index.embedder import Embedder
from index.lexical import cache_for
from index.project_cache import save_after_ingest
from index.store import ChunkStore
from index.store_snapshot import save_snapshot
from ingest.chunking import chunk_project, embedding_text, lexical_text
from ingest.loaders import expand_sources, is_url, load_source, source_id, source_names
from ingest.projects import PARSER_VERSION, parse_document
from stodkollen.errors import SourceSkipped, StoreError
from stodkollen.records import Chunk, Document, ProjectRecord, SourceState
from stodkollen.settings import SAMPLE_CORPUS, Settings

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    chunks: int = 0  # chunks in the store after the run
    embedded: int = 0  # chunks embedded by this run
    seconds: float = 0.0
    skipped: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)  # stored, but not in full

    @property
    def processed(self) -> int:
        return self.added + self.updated + self.unchanged + self.removed

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "chunks": self.chunks,
            "embedded": self.embedded,
            "seconds": round(self.seconds, 3),
            "skipped": self.skipped,
            "warnings": self.warnings,
        }


# Text kept before parsing: room for ten times the words the chunk limit can hold (chunks
# overlap and boilerplate is dropped), so parsing cost is bounded too.
TEXT_PER_CHUNK_LIMIT = 10


def truncated_version(doc_hash: str, max_chunks: int) -> str:
    """The version stored for a document cut at max_chunks: a new limit makes it stale."""
    return f"{doc_hash}/max{max_chunks}"


def _bounded(text: str, max_chars: int) -> tuple[str, bool]:
    """The text, or its beginning up to a sentence end (else a space) within max_chars."""
    if len(text) <= max_chars:
        return text, False
    head = text[:max_chars]
    end = max(head.rfind(mark) for mark in (". ", "! ", "? ", "\n"))
    if end < max_chars // 2:
        end = head.rfind(" ")
    return (head[: end + 1] if end > 0 else head), True


@dataclass
class _Pending:
    doc: Document
    records: list[Chunk]
    project_records: list[ProjectRecord]
    stale_chunk_ids: list[str]
    stale_project_ids: list[str]
    is_new: bool
    truncated: bool = False
    kept: set[str] = field(default_factory=set)  # chunk ids whose stored vectors are reused


class Ingestor:
    """Runs one ingest over sources into one store with one embedder."""

    def __init__(self, settings: Settings, store: ChunkStore, embedder: Embedder):
        self.settings, self.store, self.embedder = settings, store, embedder

    def run(
        self, items: list[str] | None = None, prune: bool = False, follow_links: bool = False
    ) -> IngestSummary:
        started = time.perf_counter()
        summary = IngestSummary()
        links: list[SourceSkipped] = []  # links in folders that are not followed
        sources = expand_sources(items or [str(SAMPLE_CORPUS)], follow_links, links)
        for skip in links:
            summary.skipped.append({"source": skip.source, "reason": skip.reason})
            log.warning("Hoppar över %s: %s", skip.source, skip.reason)
        # The index at the version this run starts from: its writes are then applied to it at
        # the end instead of reading every chunk back.
        self._index_at_start()
        states = self.store.source_states()  # keyed by source identity (resolved path or URL)
        seen: set[str] = set()
        written: set[str] = set()  # sources whose records this run writes anew
        pending: list[_Pending] = []
        pending_chunks = 0
        ids = {item: source_id(item) for item in sources}
        # Display names are unique among everything stored after the run, not only among this
        # run's sources (with prune, only this run's sources stay).
        stored = {sid for sid in states if is_url(sid) or Path(sid).is_absolute()}  # not legacy
        names = source_names(sorted(set(ids.values()) | (set() if prune else stored)))
        for item in _progress(sources):
            try:
                doc = self.load(item, names.get(ids[item]))
            except SourceSkipped as skip:
                summary.skipped.append({"source": skip.source, "reason": skip.reason})
                log.warning("Hoppar över %s: %s", skip.source, skip.reason)
                continue
            seen.add(doc.source_id)
            state = states.get(doc.source_id)
            legacy = state is None and _legacy_state(states, doc)
            if legacy:  # stored under its display name by an older version: rewrite it
                state = legacy
                seen.add(doc.source)
            limit = self.settings.ingest.max_chunks_per_document
            if (
                state
                and not legacy
                and any(
                    state.is_current(v, PARSER_VERSION)
                    for v in (doc.content_hash, truncated_version(doc.content_hash, limit))
                )
            ):
                summary.unchanged += 1
                continue
            job = self._prepare(doc, state)
            if job is None:
                summary.skipped.append({"source": doc.source, "reason": "ingen text (no text)"})
                continue
            if job.truncated:
                reason = (
                    f"avkortad: bara de första {len(job.records)} textavsnitten lagrades, gränsen "
                    f"är {self.settings.ingest.max_chunks_per_document} per dokument (truncated; "
                    "STODKOLLEN_INGEST__MAX_CHUNKS_PER_DOCUMENT)"
                )
                summary.warnings.append({"source": doc.source, "reason": reason})
                log.warning("%s: %s", doc.source, reason)
            pending.append(job)
            written.add(doc.source_id)
            pending_chunks += len(job.records)
            if pending_chunks >= self.settings.ingest.flush_chunks:
                self._flush(pending, summary)
                pending, pending_chunks = [], 0
        self._flush(pending, summary)
        pruned = self._prune(states, seen, summary) if prune else set()
        self._rename(states, names, skip=written | pruned)
        summary.chunks = self.store.count()
        self._update_index()
        summary.seconds = time.perf_counter() - started
        return summary

    def load(self, item: str, name: str | None = None) -> Document:
        """One source as a Document; the crawler overrides this to hand over fetched pages."""
        return load_source(item, self.settings, name)

    def _prepare(self, doc: Document, state: SourceState | None) -> _Pending | None:
        cfg = self.settings.ingest
        limit = cfg.max_chunks_per_document
        # Cost is bounded before parsing: no more text than the chunk limit can hold (with room
        # to spare), cut at a sentence end; the chunks are then capped at the limit.
        text, truncated = _bounded(doc.text, limit * cfg.chunk_size * TEXT_PER_CHUNK_LIMIT)
        records: list[Chunk] = []
        project_records: list[ProjectRecord] = []
        for project in parse_document(replace(doc, text=text) if truncated else doc):
            if len(records) >= limit:
                truncated = True
                break
            chunks = chunk_project(project, doc.content_hash, cfg.chunk_size, cfg.chunk_overlap)
            if len(records) + len(chunks) > limit:
                chunks, truncated = chunks[: limit - len(records)], True
            records.extend(chunks)
            project_records.append(ProjectRecord(project, doc.content_hash, [c.id for c in chunks]))
        if not records:
            return None
        version = truncated_version(doc.content_hash, limit) if truncated else doc.content_hash
        for r in records:
            r.doc_chunks, r.doc_hash, r.parser = len(records), version, PARSER_VERSION
        for p in project_records:
            p.doc_projects, p.doc_hash, p.parser = len(project_records), version, PARSER_VERSION
        old = state or SourceState()
        new_chunks, new_projects = {r.id for r in records}, {p.id for p in project_records}
        stale = [cid for cid in old.chunk_ids if cid not in new_chunks]
        stale_projects = [pid for pid in old.project_ids if pid not in new_projects]
        kept = set(old.chunk_ids) & new_chunks  # same embedded text: the stored vector holds
        return _Pending(
            doc,
            records,
            project_records,
            stale,
            stale_projects,
            not state,
            truncated=truncated,
            kept=kept,
        )

    def _flush(self, pending: list[_Pending], summary: IngestSummary) -> None:
        """Embed the pending documents' new chunks together, write all their chunks and project
        records in one batched upsert, then delete their stale ids in one call (new before
        stale, as crash safety requires)."""
        if not pending:
            return
        # One upsert may not name an id twice (a source read twice in one run would).
        chunks = list({r.id: r for job in pending for r in job.records}.values())
        kept = list(dict.fromkeys(r.id for job in pending for r in job.records if r.id in job.kept))
        reused = set(kept)
        fresh = [r for r in chunks if r.id not in reused]
        vectors = self.embedder.embed_passages([embedding_text(r) for r in fresh])
        summary.embedded += len(fresh)
        by_id = {r.id: vectors[i] for i, r in enumerate(fresh)}
        if kept:
            by_id.update(zip(kept, self.store.chunk_vectors(kept), strict=True))
        written = {
            p.id: (p, v)
            for job in pending
            for p, v in zip(job.project_records, _project_vectors(job, by_id), strict=True)
        }
        self.store.upsert(
            chunks,
            np.stack([by_id[r.id] for r in chunks]),
            [p for p, _ in written.values()],
            np.stack([v for _, v in written.values()]),
            self.settings.ingest.project_text_chars,
        )
        # An id this flush wrote is not stale, whichever job's old state names it.
        stale = [c for job in pending for c in job.stale_chunk_ids if c not in by_id]
        stale_projects = [p for job in pending for p in job.stale_project_ids if p not in written]
        self.store.delete_ids(list(dict.fromkeys(stale)), list(dict.fromkeys(stale_projects)))
        for job in pending:
            if job.is_new:
                summary.added += 1
            else:
                summary.updated += 1

    def _rename(self, states: dict[str, SourceState], names: dict[str, str], skip: set[str]):
        """Stored sources whose display name changed (a namesake arrived or left): relabel."""
        for sid, state in states.items():
            name = names.get(sid)
            if sid not in skip and name and state.names != {name}:
                self.store.rename_source(state, name)

    def _prune(
        self, states: dict[str, SourceState], seen: set[str], summary: IngestSummary
    ) -> set[str]:
        """Delete every source this run did not see, in one call."""
        gone = {source: state for source, state in states.items() if source not in seen}
        if gone:
            self.store.delete_ids(
                [cid for st in gone.values() for cid in st.chunk_ids],
                [pid for st in gone.values() for pid in st.project_ids],
            )
        summary.removed += len(gone)
        return set(gone)

    def _index_at_start(self) -> None:
        try:
            cache_for(self.store, lexical_text).current(self.store)
        except StoreError:
            log.warning("Det lexikala indexet kunde inte läsas", exc_info=True)

    def _update_index(self) -> None:
        """Save the lexical index of the store version this run leaves (the start's index with
        this run's writes applied) and its project list, so that the next process on this data
        dir loads them, and a copy of a small store for one-shot questions."""
        try:
            cache_for(self.store, lexical_text).current(self.store)
        except StoreError:
            log.warning("Det lexikala indexet kunde inte uppdateras", exc_info=True)
        try:
            save_after_ingest(self.store)
        except StoreError:
            log.warning("Projektlistan kunde inte sparas", exc_info=True)
        try:
            save_snapshot(self.store)  # for one-shot questions without Chroma
        except StoreError:
            log.warning("Kopian av lagret kunde inte sparas", exc_info=True)


def _legacy_state(states: dict[str, SourceState], doc: Document) -> SourceState | None:
    """Records that parser version 2 wrote for HTML and Markdown pages keyed by the display
    name instead of the path or URL; found by that name so they are replaced, not doubled."""
    if doc.source == doc.source_id or is_url(doc.source):
        return None
    return states.get(doc.source)


def _project_vectors(job: _Pending, by_id: dict) -> np.ndarray:
    """A project's vector: the normalised mean of its chunk vectors (no extra encoding)."""
    out = []
    for p in job.project_records:
        vs = np.stack([by_id[cid] for cid in p.chunk_ids])
        m = vs.mean(axis=0)
        out.append(m / (np.linalg.norm(m) or 1.0))
    return np.stack(out)


def _progress(items: list[str]):
    if len(items) < 20 or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, desc="Läser in", unit="dok", file=sys.stderr)
