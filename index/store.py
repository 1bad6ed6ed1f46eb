"""The only code that touches Chroma: chunks with vectors, one project vector per project.

Embedded `PersistentClient` by default; `STODKOLLEN_CHROMA_URL` switches to `HttpClient`.
The collection names carry the vector fingerprint, so changing the model or chunking never
mixes old and new vectors. Every call goes through one error guard, so callers only ever see
`StoreError` with a Swedish message; records go in and come out typed, via `stodkollen.codec`.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from contextvars import ContextVar
from functools import wraps
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from stodkollen import codec
from stodkollen.errors import StoreError, StoreUnavailable
from stodkollen.records import Chunk, Filters, ProjectRecord, SourceState
from stodkollen.settings import Settings
from stodkollen.sqlitefile import read_only_uri

log = logging.getLogger(__name__)

_BATCH = 2000  # stay well under Chroma's max batch size
# listener(parent version, new version, chunks upserted, chunk ids deleted, renames)
WriteListener = Callable[[str, str, list, list, list], None]
STORE_ADVICE = (
    "Kör 'stodkollen doctor' för en kontroll eller 'stodkollen reindex' för att bygga om."
)
# reindex rebuilds the embedded store only: a server's errors point to its own log.
SERVER_ADVICE = "Kör 'stodkollen doctor' för en kontroll och se Chroma-serverns logg."
START_SERVER = (
    "Starta den (chroma run --path <katalog> --host 127.0.0.1 --port <port>) eller rätta "
    "STODKOLLEN_CHROMA_URL."
)
# Tables every Chroma 1.x store has; a SQLite file without them belongs to something else.
CHROMA_TABLES = frozenset({"collections", "segments", "embeddings", "embeddings_queue"})


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
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as db:
            rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.Error as exc:
        raise StoreError(f"{path} kan inte läsas som SQLite ({exc}). {STORE_ADVICE}") from exc
    tables = {r[0] for r in rows}
    if tables and not CHROMA_TABLES <= tables:
        raise StoreError(
            f"{path} är en SQLite-databas som inte hör till Chroma (tabeller: "
            f"{', '.join(sorted(tables)[:5])}). Flytta den eller välj en annan STODKOLLEN_HOME."
        )


_CONNECT_TIMEOUT_S = 5.0  # opening a connection to a live server takes milliseconds
# Set while a write runs in this thread: its requests get the long write limit.
_WRITE_TIMEOUT: ContextVar[float | None] = ContextVar("chroma_write_timeout", default=None)


def _timeout(seconds: float):
    import httpx

    return httpx.Timeout(seconds, connect=min(seconds, _CONNECT_TIMEOUT_S))


def limit_requests(session, settings: Settings) -> None:
    """chromadb's HttpClient waits forever (httpx timeout=None): give every request the short
    query limit, and requests made inside `writing()` the long write limit. The limit is
    chosen per request (the session is shared by the app's workers)."""

    def per_request(request) -> None:
        seconds = _WRITE_TIMEOUT.get()
        if seconds is not None:
            request.extensions["timeout"] = _timeout(seconds).as_dict()

    session.timeout = _timeout(settings.store.query_timeout_s)
    hooks = session.event_hooks
    session.event_hooks = {**hooks, "request": [*hooks.get("request", []), per_request]}


@contextmanager
def writing(settings: Settings) -> Iterator[None]:
    """Requests to a Chroma server made by this thread inside get the write time limit."""
    token = _WRITE_TIMEOUT.set(settings.store.write_timeout_s)
    try:
        yield
    finally:
        _WRITE_TIMEOUT.reset(token)


def store_advice(settings: Settings) -> str:
    """What to do about a store error that is neither a dead server nor a user's mistake."""
    return SERVER_ADVICE if settings.chroma_url else STORE_ADVICE


def _server_error(base_url: str, exc: BaseException) -> StoreUnavailable | None:
    """A StoreUnavailable when `exc` (or what caused it) is the server not answering in time
    or not being reachable at all: the advice is about the server, not the data."""
    import httpx

    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, httpx.TimeoutException):
            return StoreUnavailable(
                f"Chroma-servern på {base_url} svarar inte (inget svar inom "
                f"{_limit_of(exc):g} s). Kontrollera att servern går och inte hänger (starta "
                "om den) eller rätta STODKOLLEN_CHROMA_URL."
            )
        if isinstance(exc, httpx.TransportError):  # refused, reset, closed mid-answer
            return StoreUnavailable(
                f"Chroma-servern på {base_url} går inte att nå ({exc}). {START_SERVER}"
            )
        exc = exc.__cause__ or exc.__context__
    return None


def _limit_of(exc) -> float:
    """The read limit the timed-out request had."""
    try:
        limits = exc.request.extensions.get("timeout", {})
    except RuntimeError:  # httpx raises when the exception carries no request
        limits = {}
    return limits.get("read") or limits.get("connect") or 0


def _probe(base_url: str, settings: Settings) -> None:
    """Fail fast on a dead or silent server: HttpClient() itself makes a request without limit."""
    import httpx

    try:
        httpx.get(base_url + "/api/v2/heartbeat", timeout=_timeout(settings.store.query_timeout_s))
    except httpx.HTTPError as exc:
        raise _server_error(base_url, exc) or StoreUnavailable(
            f"Chroma-servern på {base_url} går inte att nå ({exc}). {START_SERVER}"
        ) from exc


def _server_url(settings: Settings) -> str | None:
    """http(s)://host:port of the configured server; None for the embedded store."""
    if not settings.chroma_url:
        return None
    url = urlparse(settings.chroma_url)
    port = url.port or (443 if url.scheme == "https" else 8000)
    return f"{'https' if url.scheme == 'https' else 'http'}://{url.hostname or '127.0.0.1'}:{port}"


def _connect(settings: Settings):
    """A Chroma client for the configured mode; errors become a clear StoreError."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            host = url.hostname or "127.0.0.1"
            port = url.port or (443 if url.scheme == "https" else 8000)
            _probe(_server_url(settings), settings)
            client = chromadb.HttpClient(
                host=host, port=port, ssl=url.scheme == "https", settings=chroma_settings
            )
            session = getattr(getattr(client, "_server", None), "_session", None)
            if session is not None:
                limit_requests(session, settings)
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
        _raise_unavailable(settings, exc)
        where = settings.chroma_url or str(settings.chroma_dir)
        advice = store_advice(settings)
        raise StoreError(f"Kan inte öppna Chroma-lagret ({where}): {exc}. {advice}") from exc


def _raise_unavailable(settings: Settings, exc: BaseException) -> None:
    """Raise StoreUnavailable when `exc` comes from a server that is down or does not answer."""
    base_url = _server_url(settings)
    unavailable = _server_error(base_url, exc) if base_url else None
    if unavailable:
        raise unavailable from exc


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
            _raise_unavailable(self.settings, exc)
            advice = store_advice(self.settings)
            raise StoreError(f"Chroma-lagret gav ett fel ({exc}). {advice}") from exc

    return wrapper


def _close(client) -> None:
    close = getattr(client, "close", None)
    if close:
        try:
            close()
        except Exception:  # closing a broken client is best effort
            log.debug("Kunde inte stänga Chroma-klienten", exc_info=True)


class CollectionMissing(StoreError):
    """Nothing is ingested with these settings; `present` names what the store does hold."""

    def __init__(self, missing: list[str], present: list[str]):
        super().__init__(f"Samlingen {', '.join(missing)} saknas i lagret.")
        self.missing, self.present = missing, present


def _pages(collection, include: list[str], where: dict | None = None):
    """Everything in a collection (that passes `where`), a batch at a time (large stores stay
    bounded per call)."""
    offset = 0
    while True:
        got = collection.get(include=include, where=where, limit=_BATCH, offset=offset)
        if not got["ids"]:
            return
        yield got
        offset += len(got["ids"])


class ChunkStore:
    """Chunks and project vectors of one collection version."""

    def __init__(self, settings: Settings, client=None, create: bool = True):
        self.settings = settings
        self._own_client = client is None
        self._listeners: list[WriteListener] = []
        self._client = client or _connect(settings)
        name = settings.collection_name()
        space = {"hnsw": {"space": "cosine"}}
        try:
            if not create:
                present = {
                    c if isinstance(c, str) else c.name for c in self._client.list_collections()
                }
                missing = [n for n in (name, name + "_projects") if n not in present]
                if missing:
                    raise CollectionMissing(missing, sorted(present))
            self._chunks = self._client.get_or_create_collection(
                name, configuration=space, embedding_function=None
            )
            self._projects = self._client.get_or_create_collection(
                name + "_projects", configuration=space, embedding_function=None
            )
            # One record whose token changes on every write: processes compare it (not the
            # chunk count, which an edit can keep) to know their catalog is stale.
            self._meta = self._client.get_or_create_collection(
                name + "_meta", embedding_function=None
            )
        except BaseException as exc:
            if not _is_failure(exc):
                raise
            if self._own_client:
                # Chroma caches one client per path: a broken one must not outlive this call.
                self.close()
            if isinstance(exc, StoreError):
                raise
            _raise_unavailable(settings, exc)
            advice = store_advice(settings)
            raise StoreError(f"Kan inte öppna samlingen {name}: {exc}. {advice}") from exc

    def close(self) -> None:
        _close(self._client)

    @property
    def identity(self) -> str:
        """Names this collection instance: a store rebuilt under the same name gets a new one."""
        return f"{self._chunks.name}-{self._chunks.id}"

    # --- the store version ---------------------------------------------------------------
    @_guarded
    def version(self) -> str:
        """A token that changes whenever anything stored changes (any process, any client)."""
        got = self._meta.get(ids=[codec.VERSION_ID], include=["metadatas"])
        return codec.version_of(got["metadatas"][0]) if got["ids"] else ""

    def on_write(self, listener: WriteListener) -> None:
        """Call `listener(parent, version, upserted, deleted, renamed)` after each write of
        this object: the version the write replaced (read after its data went in, so a
        write of another process in between shows as a parent the listener does not know),
        the one it set, the chunks written, the chunk ids deleted and [(chunk ids, new
        display name)]. Registering a listener twice has no effect."""
        if listener not in self._listeners:
            self._listeners.append(listener)

    def _bump(self, upserted=(), deleted=(), renamed=()) -> None:
        parent = self.version() if self._listeners else ""
        token = uuid.uuid4().hex
        self._meta.upsert(
            ids=[codec.VERSION_ID], embeddings=[[1.0]], metadatas=[codec.version_metadata(token)]
        )
        for listener in self._listeners:
            try:
                listener(parent, token, list(upserted), list(deleted), list(renamed))
            except Exception:  # the write stands; a reader then rebuilds instead of applying
                log.warning("Efter skrivningen: lyssnaren %r misslyckades", listener, exc_info=True)

    # --- writing -------------------------------------------------------------------------
    @_guarded
    def upsert(
        self,
        chunks: list[Chunk],
        chunk_vectors: np.ndarray,
        projects: list[ProjectRecord],
        project_vectors: np.ndarray,
        project_text_chars: int,
    ) -> None:
        """Write chunks, then their project records (a crash in between is repaired later)."""
        with writing(self.settings):
            self._upsert(chunks, chunk_vectors, projects, project_vectors, project_text_chars)

    def _upsert(self, chunks, chunk_vectors, projects, project_vectors, project_text_chars):
        for i in range(0, len(chunks), _BATCH):
            part = chunks[i : i + _BATCH]
            self._chunks.upsert(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                metadatas=[codec.chunk_metadata(c) for c in part],
                embeddings=chunk_vectors[i : i + _BATCH],
            )
        for i in range(0, len(projects), _BATCH):
            part = projects[i : i + _BATCH]
            self._projects.upsert(
                ids=[p.id for p in part],
                documents=[p.project.text[:project_text_chars] for p in part],
                metadatas=[codec.project_metadata(p) for p in part],
                embeddings=project_vectors[i : i + _BATCH],
            )
        self._bump(upserted=chunks)

    @_guarded
    def delete_ids(self, chunk_ids: list[str], project_ids: list[str] = ()) -> None:
        project_ids = list(project_ids)
        with writing(self.settings):
            for i in range(0, len(chunk_ids), _BATCH):
                self._chunks.delete(ids=chunk_ids[i : i + _BATCH])
            for i in range(0, len(project_ids), _BATCH):
                self._projects.delete(ids=project_ids[i : i + _BATCH])
            if chunk_ids or project_ids:
                self._bump(deleted=chunk_ids)

    # --- reading -------------------------------------------------------------------------
    @_guarded
    def all_chunks(self) -> list[Chunk]:
        """Every chunk with its text and project metadata."""
        return [
            codec.chunk_from(cid, doc, md)
            for got in _pages(self._chunks, ["documents", "metadatas"])
            for cid, doc, md in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]

    @_guarded
    def chunks_by_id(self, ids: list[str]) -> list[Chunk]:
        """These chunks with text and metadata, in the order asked; ids not stored are left out."""
        ids = list(dict.fromkeys(ids))
        found: dict[str, Chunk] = {}
        for i in range(0, len(ids), _BATCH):
            got = self._chunks.get(ids=ids[i : i + _BATCH], include=["documents", "metadatas"])
            for cid, doc, md in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                found[cid] = codec.chunk_from(cid, doc, md)
        return [found[i] for i in ids if i in found]

    @_guarded
    def chunk_ids_where(self, filters: Filters) -> list[str]:
        """Ids of every chunk that passes the filters (Chroma's `where`, no documents)."""
        where = codec.where(filters)
        out: list[str] = []
        for got in _pages(self._chunks, [], where=where):
            out += got["ids"]
        return out

    @_guarded
    def all_projects(self) -> list[ProjectRecord]:
        """Every project record, sorted by source and position on the page."""
        return codec.projects_from(self.project_entries())

    @_guarded
    def project_entries(self) -> list[tuple[str | None, dict | None]]:
        """Every project record as stored: (document, metadata), in no particular order."""
        return [
            (doc, md)
            for got in _pages(self._projects, ["documents", "metadatas"])
            for doc, md in zip(got["documents"], got["metadatas"], strict=True)
        ]

    @_guarded
    def projects_of(self, source_id: str) -> list[ProjectRecord]:
        """The project records of one document, in their order on the page."""
        got = self._projects.get(where={"source_id": source_id}, include=["documents", "metadatas"])
        return codec.projects_from(zip(got["documents"], got["metadatas"], strict=True))

    @_guarded
    def projects_by_id(self, ids: list[str]) -> list[ProjectRecord]:
        if not ids:
            return []
        got = self._projects.get(ids=list(ids), include=["documents", "metadatas"])
        return [
            codec.project_from(doc, md)
            for doc, md in zip(got["documents"], got["metadatas"], strict=True)
        ]

    @_guarded
    def project_vector(self, project_id: str) -> np.ndarray | None:
        got = self._projects.get(ids=[project_id], include=["embeddings"])
        if not len(got["embeddings"]):
            return None
        return np.asarray(got["embeddings"][0], np.float32)

    @_guarded
    def rename_source(self, state: SourceState, name: str) -> None:
        """Show a stored source under another display name (metadata only, no new vectors)."""
        update = codec.display_name(name)
        for collection, ids in (
            (self._chunks, state.chunk_ids),
            (self._projects, state.project_ids),
        ):
            for i in range(0, len(ids), _BATCH):
                part = ids[i : i + _BATCH]
                collection.update(ids=part, metadatas=[update] * len(part))
        self._bump(renamed=[(list(state.chunk_ids), name)])

    @_guarded
    def source_states(self) -> dict[str, SourceState]:
        """What is stored for each source, keyed by its identity (resolved path or URL), chunks
        and project records alike (a crash between the two writes leaves a source with only
        one of them)."""
        states: dict[str, SourceState] = {}
        for collection, kind in ((self._chunks, "chunk"), (self._projects, "project")):
            for got in _pages(collection, ["metadatas"]):
                for eid, md in zip(got["ids"], got["metadatas"], strict=True):
                    st = states.setdefault(codec.source_of(md), SourceState())
                    st.names.add(codec.display_name_of(md))
                    doc_hash, count, parser = codec.bookkeeping(md)
                    st.parsers.add(parser)
                    getattr(st, f"{kind}_hashes").add(doc_hash)
                    getattr(st, f"{kind}_counts").add(count)
                    getattr(st, f"{kind}_ids").append(eid)
        return states

    @_guarded
    def query_chunks(
        self,
        vector: np.ndarray,
        n: int,
        filters: Filters | None = None,
        among: list[str] | None = None,
    ) -> list[tuple[str, float]]:
        """Nearest chunks that pass the filters, or nearest among these ids (the ids a caller
        already knows pass them): list of (id, cosine similarity).

        `among` gives the same result as the filters' `where` and is much faster on a large
        store: Chroma evaluates a metadata `where` by scanning metadata rows (`stodkollen bench`
        measures both: its "mask vs Chroma where" row).
        """
        if among is not None and not among:
            return []
        # One call: Chroma 1.x returns fewer results when fewer chunks exist (none when empty).
        res = self._chunks.query(
            query_embeddings=[vector],
            n_results=n,
            ids=among,
            where=codec.where(filters) if filters and among is None else None,
            include=["distances"],
        )
        return [
            (cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)
        ]

    @_guarded
    def query_projects(self, vector: np.ndarray, n: int) -> list[tuple[ProjectRecord, float]]:
        count = self._projects.count()
        if count == 0:
            return []
        res = self._projects.query(
            query_embeddings=[vector],
            n_results=min(n, count),
            include=["distances", "metadatas", "documents"],
        )
        return [
            (codec.project_from(doc, md), 1.0 - float(d))
            for d, md, doc in zip(
                res["distances"][0], res["metadatas"][0], res["documents"][0], strict=True
            )
        ]

    @_guarded
    def chunk_vectors(self, ids: list[str]) -> np.ndarray:
        """The stored vectors of these chunks, in the order asked."""
        got = self._chunks.get(ids=list(ids), include=["embeddings"])
        by_id = dict(zip(got["ids"], got["embeddings"], strict=True))
        return np.stack([np.asarray(by_id[i], np.float32) for i in ids])

    @_guarded
    def sample_vector(self) -> tuple[str, np.ndarray] | None:
        """One stored chunk id with its vector (the doctor's index probe)."""
        got = self._chunks.get(limit=1, include=["embeddings"])
        if not got["ids"]:
            return None
        return got["ids"][0], np.asarray(got["embeddings"][0], np.float32)

    @_guarded
    def export_entries(self) -> dict[str, dict]:
        """Both collections as stored, vectors included (`index.store_snapshot` saves them):
        {"chunks" | "projects": {"ids", "documents", "metadatas", "vectors"}}."""
        out: dict[str, dict] = {}
        for kind, collection in (("chunks", self._chunks), ("projects", self._projects)):
            part: dict[str, list] = {"ids": [], "documents": [], "metadatas": [], "vectors": []}
            for got in _pages(collection, ["documents", "metadatas", "embeddings"]):
                part["ids"] += got["ids"]
                part["documents"] += got["documents"]
                part["metadatas"] += got["metadatas"]
                part["vectors"] += [np.asarray(v, np.float32) for v in got["embeddings"]]
            out[kind] = part
        return out

    @_guarded
    def sources(self) -> list[str]:
        """The sources that have chunks, by the names people see (file names or URLs)."""
        return sorted(
            {
                codec.display_name_of(md)
                for got in _pages(self._chunks, ["metadatas"])
                for md in got["metadatas"]
            }
        )

    @_guarded
    def count(self) -> int:
        return self._chunks.count()

    @_guarded
    def project_count(self) -> int:
        return self._projects.count()
