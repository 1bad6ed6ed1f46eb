"""The Chroma side: chunks with vectors and scalar metadata, one project vector per project.

Embedded `PersistentClient` by default; `STODKOLLEN_CHROMA_URL` switches to `HttpClient`.
The collection names carry the vector fingerprint, so changing the model or chunking never
mixes old and new vectors.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from stodkollen.errors import StoreError
from stodkollen.settings import Settings

log = logging.getLogger(__name__)

_BATCH = 2000  # stay well under Chroma's max batch size
STORE_ADVICE = (
    "Kör 'stodkollen doctor' för en kontroll eller 'stodkollen reindex' för att bygga om."
)
# Tables every Chroma 1.x store has; a SQLite file without them belongs to something else.
CHROMA_TABLES = frozenset({"collections", "segments", "embeddings", "embeddings_queue"})


@dataclass
class ChunkRecord:
    id: str
    text: str  # the chunk as shown to users
    metadata: dict = field(default_factory=dict)


def _is_failure(exc: BaseException) -> bool:
    """Chroma's errors, including panics in its Rust core (a BaseException), but not Ctrl-C."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def check_chroma_file(path: Path) -> None:
    """Refuse a chroma.sqlite3 that is not SQLite, or is someone else's SQLite, before Chroma
    opens it (Chroma would otherwise add its tables to a foreign database without asking)."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise StoreError(f"{path} är ingen SQLite-databas (skadad?). {STORE_ADVICE}")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.Error as exc:
        raise StoreError(f"{path} kan inte läsas som SQLite ({exc}). {STORE_ADVICE}") from exc
    tables = {r[0] for r in rows}
    if tables and not CHROMA_TABLES <= tables:
        raise StoreError(
            f"{path} är en SQLite-databas som inte hör till Chroma (tabeller: "
            f"{', '.join(sorted(tables)[:5])}). Flytta den eller välj en annan STODKOLLEN_HOME."
        )


_HEARTBEAT_TIMEOUT_S = 5.0  # an unreachable or silent server fails fast at connect
_HTTP_TIMEOUT_S = 120.0  # any later call: large upserts and queries on a busy server


def _probe(base_url: str) -> None:
    """Fail fast on a dead or silent server: HttpClient() itself makes a request without limit."""
    import httpx

    try:
        httpx.get(base_url + "/api/v2/heartbeat", timeout=_HEARTBEAT_TIMEOUT_S)
    except httpx.HTTPError as exc:
        slow = isinstance(exc, httpx.TimeoutException)
        reason = "svarar inte i tid" if slow else "går inte att nå"
        raise StoreError(
            f"Chroma-servern på {base_url} {reason} ({exc}). Starta den (chroma run --path "
            "<katalog> --host 127.0.0.1 --port <port>) eller rätta STODKOLLEN_CHROMA_URL."
        ) from exc


def _http_timeout(client, seconds: float) -> None:
    """chromadb's HttpClient waits forever (httpx timeout=None); give its session a limit."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(seconds, connect=min(seconds, 5.0))


def connect(settings: Settings):
    """A Chroma client for the configured mode; errors become a clear StoreError."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            host = url.hostname or "127.0.0.1"
            port = url.port or (443 if url.scheme == "https" else 8000)
            _probe(f"{'https' if url.scheme == 'https' else 'http'}://{host}:{port}")
            client = chromadb.HttpClient(
                host=host, port=port, ssl=url.scheme == "https", settings=chroma_settings
            )
            _http_timeout(client, _HTTP_TIMEOUT_S)
            client.heartbeat()
            return client
        check_chroma_file(settings.chroma_dir / "chroma.sqlite3")
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except StoreError:
        raise
    except BaseException as exc:  # chroma raises many kinds; the user needs one message
        if not _is_failure(exc):
            raise
        where = settings.chroma_url or str(settings.chroma_dir)
        raise StoreError(f"Kan inte öppna Chroma-lagret ({where}): {exc}. {STORE_ADVICE}") from exc


def _guarded(method):
    """A store call that fails (a corrupt store shows up at query time too) raises StoreError."""

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except StoreError:
            raise
        except BaseException as exc:
            if not _is_failure(exc):
                raise
            log.debug("Chroma-fel i %s", method.__name__, exc_info=True)
            raise StoreError(f"Chroma-lagret gav ett fel ({exc}). {STORE_ADVICE}") from exc

    return wrapper


def _upsert(collection, records: list[ChunkRecord], vectors: np.ndarray) -> None:
    """Write records with their vectors in batches Chroma accepts."""
    for i in range(0, len(records), _BATCH):
        part = records[i : i + _BATCH]
        collection.upsert(
            ids=[r.id for r in part],
            documents=[r.text for r in part],
            metadatas=[r.metadata for r in part],
            embeddings=vectors[i : i + _BATCH],
        )


def _empty_state() -> dict:
    state: dict = {}
    for prefix in ("", "project_"):
        state.update({prefix + "hashes": set(), prefix + "expected": set(), prefix + "ids": []})
    return state


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
        except BaseException as exc:
            if not _is_failure(exc):
                raise
            if client is None and hasattr(self.client, "close"):
                # Chroma caches one client per path: a broken one must not outlive this call.
                self.client.close()
            raise StoreError(f"Kan inte öppna samlingen {name}: {exc}. {STORE_ADVICE}") from exc

    # --- writing -------------------------------------------------------------------------
    @_guarded
    def upsert_chunks(self, records: list[ChunkRecord], vectors: np.ndarray) -> None:
        _upsert(self.chunks, records, vectors)

    @_guarded
    def upsert_projects(self, records: list[ChunkRecord], vectors: np.ndarray) -> None:
        _upsert(self.projects, records, vectors)

    @_guarded
    def delete_ids(self, chunk_ids: list[str], project_ids: list[str] = ()) -> None:
        for i in range(0, len(chunk_ids), _BATCH):
            self.chunks.delete(ids=chunk_ids[i : i + _BATCH])
        project_ids = list(project_ids)
        for i in range(0, len(project_ids), _BATCH):
            self.projects.delete(ids=project_ids[i : i + _BATCH])

    # --- reading -------------------------------------------------------------------------
    @_guarded
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

    @_guarded
    def source_states(self) -> dict[str, dict]:
        """source -> {hashes, expected, ids, project_hashes, project_expected, project_ids}.

        What is stored for each source, chunks and project records alike (a crash between the
        two writes leaves a source with only one of them).
        """
        states: dict[str, dict] = {}
        parts = ((self.chunks, "", "doc_chunks"), (self.projects, "project_", "doc_projects"))
        for collection, prefix, count_key in parts:
            offset = 0
            while True:
                got = collection.get(include=["metadatas"], limit=_BATCH, offset=offset)
                if not got["ids"]:
                    break
                for cid, md in zip(got["ids"], got["metadatas"], strict=True):
                    st = states.setdefault(md["source"], _empty_state())
                    st[prefix + "hashes"].add(md.get("doc_hash"))
                    st[prefix + "expected"].add(md.get(count_key))
                    st[prefix + "ids"].append(cid)
                offset += len(got["ids"])
        return states

    @_guarded
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

    @_guarded
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

    @_guarded
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

    @_guarded
    def count(self) -> int:
        return self.chunks.count()
