"""The Chroma side: chunks with vectors and scalar metadata, one project vector per project.

Embedded `PersistentClient` by default; `STODKOLLEN_CHROMA_URL` switches to `HttpClient`.
The collection names carry the vector fingerprint, so changing the model or chunking never
mixes old and new vectors.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urlparse

import numpy as np

from stodkollen.errors import StoreError
from stodkollen.settings import Settings

log = logging.getLogger(__name__)

_BATCH = 2000  # stay well under Chroma's max batch size


@dataclass
class ChunkRecord:
    id: str
    text: str  # the chunk as shown to users
    metadata: dict = field(default_factory=dict)


def connect(settings: Settings):
    """A Chroma client for the configured mode; errors become a clear StoreError."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
            client.heartbeat()
            return client
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except Exception as exc:  # chroma raises many kinds; the user needs one message
        where = settings.chroma_url or str(settings.chroma_dir)
        raise StoreError(
            f"Kan inte öppna Chroma-lagret ({where}): {exc}. "
            "Kör 'stodkollen doctor' för en kontroll eller 'stodkollen reindex' för att bygga om."
        ) from exc


class ChunkStore:
    """Chunks and project vectors of one collection version."""

    def __init__(self, settings: Settings, client=None):
        self.settings = settings
        self.client = client or connect(settings)
        name = settings.collection_name()
        space = {"hnsw": {"space": "cosine"}}
        try:
            self.chunks = self.client.get_or_create_collection(
                name, configuration=space, embedding_function=None
            )
            self.projects = self.client.get_or_create_collection(
                name + "_projects", configuration=space, embedding_function=None
            )
        except Exception as exc:
            raise StoreError(f"Kan inte öppna samlingen {name}: {exc}") from exc

    # --- writing -------------------------------------------------------------------------
    def upsert_chunks(self, records: list[ChunkRecord], vectors: np.ndarray) -> None:
        for i in range(0, len(records), _BATCH):
            part = records[i : i + _BATCH]
            self.chunks.upsert(
                ids=[r.id for r in part],
                documents=[r.text for r in part],
                metadatas=[r.metadata for r in part],
                embeddings=vectors[i : i + _BATCH],
            )

    def upsert_projects(self, records: list[ChunkRecord], vectors: np.ndarray) -> None:
        for i in range(0, len(records), _BATCH):
            part = records[i : i + _BATCH]
            self.projects.upsert(
                ids=[r.id for r in part],
                documents=[r.text for r in part],
                metadatas=[r.metadata for r in part],
                embeddings=vectors[i : i + _BATCH],
            )

    def delete_ids(self, chunk_ids: list[str], project_ids: list[str] = ()) -> None:
        for i in range(0, len(chunk_ids), _BATCH):
            self.chunks.delete(ids=chunk_ids[i : i + _BATCH])
        project_ids = list(project_ids)
        for i in range(0, len(project_ids), _BATCH):
            self.projects.delete(ids=project_ids[i : i + _BATCH])

    # --- reading -------------------------------------------------------------------------
    def all_chunks(self, include_vectors: bool = False) -> list[ChunkRecord]:
        """Every chunk with text and metadata (paged, so large stores stay bounded per call)."""
        out: list[ChunkRecord] = []
        include = ["documents", "metadatas"] + (["embeddings"] if include_vectors else [])
        offset = 0
        while True:
            got = self.chunks.get(include=include, limit=_BATCH, offset=offset)
            if not got["ids"]:
                break
            for j, cid in enumerate(got["ids"]):
                rec = ChunkRecord(cid, got["documents"][j], dict(got["metadatas"][j] or {}))
                if include_vectors:
                    rec.metadata["_vector"] = np.asarray(got["embeddings"][j], np.float32)
                out.append(rec)
            offset += len(got["ids"])
        return out

    def source_states(self) -> dict[str, dict]:
        """source -> {hash, expected, ids, project_ids}: what is stored for each source."""
        states: dict[str, dict] = {}
        offset = 0
        while True:
            got = self.chunks.get(include=["metadatas"], limit=_BATCH, offset=offset)
            if not got["ids"]:
                break
            for cid, md in zip(got["ids"], got["metadatas"], strict=True):
                st = states.setdefault(
                    md["source"], {"hashes": set(), "expected": set(), "ids": []}
                )
                st["hashes"].add(md.get("doc_hash"))
                st["expected"].add(md.get("doc_chunks"))
                st["ids"].append(cid)
            offset += len(got["ids"])
        return states

    def project_ids_for(self, source: str) -> list[str]:
        return self.projects.get(where={"source": source}, include=[])["ids"]

    def query_chunks(self, vector: np.ndarray, n: int, where: dict | None = None):
        """Nearest chunks: list of (id, cosine similarity)."""
        count = self.chunks.count()
        if count == 0:
            return []
        res = self.chunks.query(
            query_embeddings=[vector],
            n_results=min(n, count),
            where=where or None,
            include=["distances"],
        )
        return [
            (cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)
        ]

    def query_projects(self, vector: np.ndarray, n: int):
        count = self.projects.count()
        if count == 0:
            return []
        res = self.projects.query(
            query_embeddings=[vector],
            n_results=min(n, count),
            include=["distances", "metadatas", "documents"],
        )
        return [
            (cid, 1.0 - float(d), md, doc)
            for cid, d, md, doc in zip(
                res["ids"][0],
                res["distances"][0],
                res["metadatas"][0],
                res["documents"][0],
                strict=True,
            )
        ]

    def list_projects(self) -> list[dict]:
        """Every project record's metadata, lists restored, sorted by source and position."""
        got = self.projects.get(include=["metadatas"])
        rows = []
        for pid, md in zip(got["ids"], got["metadatas"], strict=True):
            row = {
                k: v for k, v in md.items() if ":" not in k and k not in ("chunk_ids", "doc_hash")
            }
            for key in ("kommuner", "lans", "funders"):
                row[key] = [x for x in str(row.get(key, "")).split("; ") if x]
            row["contacts"] = [x for x in str(row.get("contacts", "")).split(" | ") if x]
            row["id"] = pid
            rows.append(row)
        rows.sort(key=lambda r: (r.get("source", ""), r.get("project_index", 0)))
        return rows

    def count(self) -> int:
        return self.chunks.count()
