"""A read-only copy of a small embedded store at one version, saved beside it, so that a
one-shot command (`stodkollen ask`, `similar`) answers without importing chromadb (about a
second of the command's 2.5 s budget, `eval/BENCH.md`).

`<home>/store-snapshot/<collection>/<version>/` holds what Chroma holds for both collections,
exactly as stored: ids, documents, metadata (`chunks.json`, `projects.json`) and vectors
(`chunk_vectors.npy`, `project_vectors.npy`). The version is the one read *before* the data
(as `index.project_cache` does): every write changes the version after its data went in, so
a copy saved under V holds everything written up to V. `load_snapshot` uses a copy only when
the version the store holds now (`index.store_version`, read from Chroma's SQLite file
without chromadb) is V; otherwise (missing, damaged, another format, a server store, a
newer write) it returns None and the caller opens Chroma as before.

`SnapshotStore` answers the reading half of `index.store.ChunkStore` from the copy. Its
nearest-neighbour search is exact (cosine over every vector, as Chroma's cosine space
defines it), where Chroma's HNSW is approximate; on stores this small HNSW returns the same
neighbours (`tests/test_store_snapshot.py` holds the two to the same answers). It never
writes: an ingest opens Chroma.

Only stores of at most SAVE_LIMIT chunks get a copy: beyond that, reading the copy's JSON
costs about what importing chromadb saves, and a national store is served by `serve`, which
keeps Chroma open.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import uuid
from pathlib import Path

import numpy as np

from stodkollen import codec
from stodkollen.records import Chunk, Filters, ProjectRecord
from stodkollen.settings import Settings

log = logging.getLogger(__name__)

FORMAT = 1  # of the saved files; another number is not read
# Chunks up to which a copy is saved. The copy's JSON is read whole: at 20 000 chunks (about
# 30 MB of text and metadata) that is about as long as the chromadb import it replaces.
SAVE_LIMIT = 20_000
_VERSION_NAME = re.compile(r"[0-9a-f]{8,64}")  # ChunkStore's uuid4 hex tokens only
_KINDS = ("chunks", "projects")


def snapshot_root(settings: Settings) -> Path:
    return settings.home / "store-snapshot" / settings.collection_name()


class SnapshotStore:
    """The reading half of `ChunkStore`, from a copy saved at one store version."""

    def __init__(self, settings: Settings, identity: str, version: str, parts: dict):
        self.settings = settings
        self._identity, self._version = identity, version
        self._chunk_ids: list[str] = parts["chunks"]["ids"]
        self._chunk_docs: list[str | None] = parts["chunks"]["documents"]
        self._chunk_mds: list[dict | None] = parts["chunks"]["metadatas"]
        self._chunk_at = {cid: i for i, cid in enumerate(self._chunk_ids)}
        self._chunk_vecs = _unit_rows(parts["chunks"]["vectors"])
        self._project_ids: list[str] = parts["projects"]["ids"]
        self._project_docs: list[str | None] = parts["projects"]["documents"]
        self._project_mds: list[dict | None] = parts["projects"]["metadatas"]
        self._project_at = {pid: i for i, pid in enumerate(self._project_ids)}
        self._project_raw = parts["projects"]["vectors"]
        self._project_vecs = _unit_rows(self._project_raw)
        self._raw_chunk_vecs = parts["chunks"]["vectors"]

    # --- what ChunkStore's readers ask ------------------------------------------------------
    @property
    def identity(self) -> str:
        return self._identity

    def version(self) -> str:
        return self._version

    def on_write(self, listener) -> None:
        """Nothing is ever written through a copy: there is nothing to report."""

    def close(self) -> None:
        """Nothing held open: the copy is in memory."""

    def count(self) -> int:
        return len(self._chunk_ids)

    def project_count(self) -> int:
        return len(self._project_ids)

    def _chunk(self, i: int) -> Chunk:
        return codec.chunk_from(self._chunk_ids[i], self._chunk_docs[i], self._chunk_mds[i])

    def all_chunks(self) -> list[Chunk]:
        return [self._chunk(i) for i in range(len(self._chunk_ids))]

    def chunks_by_id(self, ids: list[str]) -> list[Chunk]:
        ids = list(dict.fromkeys(ids))
        return [self._chunk(self._chunk_at[i]) for i in ids if i in self._chunk_at]

    def chunk_ids_where(self, filters: Filters) -> list[str]:
        return [self._chunk_ids[i] for i in self._passing(filters)]

    def _passing(self, filters: Filters) -> list[int]:
        return [
            i
            for i in range(len(self._chunk_ids))
            if codec.matches(codec.chunk_from("", None, self._chunk_mds[i]).project, filters)
        ]

    def project_entries(self) -> list[tuple[str | None, dict | None]]:
        return list(zip(self._project_docs, self._project_mds, strict=True))

    def all_projects(self) -> list[ProjectRecord]:
        return codec.projects_from(self.project_entries())

    def projects_of(self, source_id: str) -> list[ProjectRecord]:
        return codec.projects_from(
            (doc, md)
            for doc, md in self.project_entries()
            if (md or {}).get("source_id") == source_id
        )

    def projects_by_id(self, ids: list[str]) -> list[ProjectRecord]:
        return [
            codec.project_from(self._project_docs[j], self._project_mds[j])
            for j in (self._project_at.get(i) for i in dict.fromkeys(ids))
            if j is not None
        ]

    def project_vector(self, project_id: str) -> np.ndarray | None:
        j = self._project_at.get(project_id)
        return None if j is None else np.asarray(self._project_raw[j], np.float32)

    def chunk_vectors(self, ids: list[str]) -> np.ndarray:
        return np.stack([np.asarray(self._raw_chunk_vecs[self._chunk_at[i]]) for i in ids])

    def sample_vector(self) -> tuple[str, np.ndarray] | None:
        if not self._chunk_ids:
            return None
        return self._chunk_ids[0], np.asarray(self._raw_chunk_vecs[0], np.float32)

    def sources(self) -> list[str]:
        return sorted({codec.display_name_of(md) for md in self._chunk_mds})

    def query_chunks(
        self,
        vector: np.ndarray,
        n: int,
        filters: Filters | None = None,
        among: list[str] | None = None,
    ) -> list[tuple[str, float]]:
        """Nearest chunks (exact cosine) that pass the filters, or among these ids."""
        if among is not None:
            rows = [self._chunk_at[i] for i in dict.fromkeys(among) if i in self._chunk_at]
        elif filters is not None and not filters.is_empty():
            rows = self._passing(filters)
        else:
            rows = None
        found = _nearest(self._chunk_vecs, vector, n, rows)
        return [(self._chunk_ids[i], s) for i, s in found]

    def query_projects(self, vector: np.ndarray, n: int) -> list[tuple[ProjectRecord, float]]:
        found = _nearest(self._project_vecs, vector, n, None)
        return [
            (codec.project_from(self._project_docs[j], self._project_mds[j]), s) for j, s in found
        ]


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (a zero row stays zero): cosine becomes a dot product."""
    vectors = np.asarray(vectors, np.float32)
    if vectors.size == 0:
        return vectors.reshape(0, 0)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def _nearest(unit: np.ndarray, vector, n: int, rows: list[int] | None) -> list[tuple[int, float]]:
    """The n rows most similar to `vector` by cosine, best first (ties by position)."""
    if n <= 0 or unit.shape[0] == 0 or (rows is not None and not rows):
        return []
    q = np.asarray(vector, np.float32).reshape(-1)
    norm = float(np.linalg.norm(q))
    q = q / norm if norm > 0 else q
    at = np.arange(unit.shape[0]) if rows is None else np.asarray(rows, np.int64)
    sims = unit[at] @ q
    order = np.lexsort((at, -sims))[:n]  # best first; equal scores by position
    return [(int(at[o]), float(sims[o])) for o in order]


# --- saving and loading ------------------------------------------------------------------------
def save_snapshot(store) -> bool:
    """Save a copy of `store` (a `ChunkStore` on an embedded store) at its version, when it
    holds at most SAVE_LIMIT chunks; best effort. True when a copy was written."""
    settings = store.settings
    if settings.chroma_url:
        return False
    if store.count() > SAVE_LIMIT:  # grown past the limit: an old copy would only cost disk
        shutil.rmtree(snapshot_root(settings), ignore_errors=True)
        return False
    version = store.version()  # before the data: see the module's docstring
    if not _VERSION_NAME.fullmatch(version):
        return False
    root = snapshot_root(settings)
    target = root / version
    if target.exists():
        if _read(settings, target, version) is not None:
            return True
        shutil.rmtree(target, ignore_errors=True)  # damaged: written anew
    parts = store.export_entries()
    tmp = root / f".tmp-{uuid.uuid4().hex}"
    try:
        tmp.mkdir(parents=True)
        for kind in _KINDS:
            part = parts[kind]
            vectors = np.asarray(part["vectors"], np.float32)
            if not part["ids"]:
                vectors = np.zeros((0, 0), np.float32)  # a store without projects
            np.save(tmp / f"{kind[:-1]}_vectors.npy", vectors)
            data = {
                "format": FORMAT,
                "collection": settings.collection_name(),
                "identity": store.identity,
                "version": version,
                "ids": part["ids"],
                "documents": part["documents"],
                "metadatas": part["metadatas"],
            }
            (tmp / f"{kind}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        try:
            os.rename(tmp, target)
        except OSError:  # another process saved this version first
            shutil.rmtree(tmp, ignore_errors=True)
        _remove_older(root, target)
        return True
    except (OSError, ValueError, TypeError):
        log.warning("Kopian av lagret kunde inte sparas i %s", root, exc_info=True)
        shutil.rmtree(tmp, ignore_errors=True)
        return False


# A temporary folder this old is left over from a save that was interrupted (Ctrl-C, a
# kill): no save takes this long at SAVE_LIMIT chunks.
STALE_TMP_S = 3600


def _remove_older(root: Path, target: Path) -> None:
    """Remove the copies saved before `target` (their versions are never current again) and
    temporary folders of interrupted saves; a copy saved after it, by a process that read a
    newer version, stays."""
    import time

    try:
        mine = target.stat().st_mtime
        for old in root.iterdir():
            age = time.time() - old.stat().st_mtime
            if old.name.startswith(".tmp-"):
                if age > STALE_TMP_S:
                    shutil.rmtree(old, ignore_errors=True)
            elif old != target and _VERSION_NAME.fullmatch(old.name):
                if old.stat().st_mtime <= mine:
                    shutil.rmtree(old, ignore_errors=True)
    except OSError:  # another process removed it first
        return


def load_snapshot(settings: Settings) -> SnapshotStore | None:
    """The saved copy when it is at the store's current version, else None."""
    from index.store_version import stored_version

    if settings.chroma_url:
        return None  # a server's store: only the server can say what is current
    root = snapshot_root(settings)
    if not root.is_dir():
        return None
    version = stored_version(settings)
    if version is None or not _VERSION_NAME.fullmatch(version):
        return None
    return _read(settings, root / version, version)


def _read(settings: Settings, folder: Path, version: str) -> SnapshotStore | None:
    """The copy in `folder` when it is whole and of this collection and version, else None."""
    if not (folder / "chunks.json").is_file():
        return None
    try:
        parts, identity = {}, None
        for kind in _KINDS:
            data = json.loads((folder / f"{kind}.json").read_text("utf-8"))
            if data["format"] != FORMAT or data["version"] != version:
                return None
            if data["collection"] != settings.collection_name():
                return None
            identity = identity or data["identity"]
            vectors = np.load(folder / f"{kind[:-1]}_vectors.npy")
            ids, docs, mds = data["ids"], data["documents"], data["metadatas"]
            if not (len(ids) == len(docs) == len(mds) == vectors.shape[0]):
                raise ValueError(f"{kind}: {len(ids)} ids, {vectors.shape[0]} vectors")
            parts[kind] = {"ids": ids, "documents": docs, "metadatas": mds, "vectors": vectors}
        if not isinstance(identity, str):
            return None
        return SnapshotStore(settings, identity, version, parts)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        log.debug("Kopian av lagret i %s gick inte att läsa", folder, exc_info=True)
        return None
