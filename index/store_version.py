"""The embedded store's version token (`ChunkStore.version()`), read from Chroma's SQLite file
with the standard library: no chromadb import (about a second), no client, nothing written.

Chroma 1.x keeps every write in a log table (`embeddings_queue`, one row per record written,
its metadata as JSON) and applies it to the collection's metadata segment (`embeddings` and
`embedding_metadata`); the log is purged once applied. The token is the newer of the two
places (by sequence number), read in one transaction, so it is right whether or not the
segment has caught up or the log has been purged. Anything unexpected (no file, a server
store, another schema, a lock held too long, a collection name found twice) gives None, and
the caller asks Chroma itself. `tests/test_project_cache.py` holds this to `version()`
across writes, so a chromadb upgrade that changes the file's layout shows up there.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

from stodkollen import codec
from stodkollen.settings import Settings
from stodkollen.sqlitefile import read_only_uri

_UPSERT, _ADD, _UPDATE = 2, 0, 1  # the log's operation codes that write a record
_BUSY_TIMEOUT_S = 1.0  # a writer holds the lock for one batch at most; then ask Chroma


def stored_version(settings: Settings) -> str | None:
    """The token the store's last write set, or None when it cannot be read here for sure."""
    if settings.chroma_url:
        return None  # a server's store: only the server can say
    path = settings.chroma_dir / "chroma.sqlite3"
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(
            read_only_uri(path),
            uri=True,
            timeout=_BUSY_TIMEOUT_S,
            isolation_level=None,
        )
        with closing(db):
            db.execute("BEGIN")  # one snapshot: the segment and the log as of one moment
            try:
                return _token(db, settings.collection_name() + "_meta")
            finally:
                db.execute("COMMIT")
    except (sqlite3.Error, ValueError, TypeError, KeyError):
        return None


def _token(db: sqlite3.Connection, name: str) -> str | None:
    collections = db.execute("SELECT id FROM collections WHERE name = ?", (name,)).fetchall()
    if len(collections) != 1:
        return None
    collection = collections[0][0]
    segments = db.execute(
        "SELECT id FROM segments WHERE collection = ? AND scope = 'METADATA'", (collection,)
    ).fetchall()
    if len(segments) != 1:
        return None
    found: list[tuple[int, str]] = []
    row = db.execute(
        "SELECT e.seq_id, m.string_value FROM embeddings e JOIN embedding_metadata m "
        "ON m.id = e.id AND m.key = ? WHERE e.segment_id = ? AND e.embedding_id = ?",
        (codec.VERSION_KEY, segments[0][0], codec.VERSION_ID),
    ).fetchone()
    if row is not None:
        found.append((_seq(row[0]), str(row[1])))
    # The newest log entry of the record: a scan from the end that stops at the first match.
    for seq, topic, operation, metadata in db.execute(
        "SELECT seq_id, topic, operation, metadata FROM embeddings_queue WHERE id = ? "
        "ORDER BY seq_id DESC",
        (codec.VERSION_ID,),
    ):
        if not str(topic).endswith("/" + collection):
            continue  # the version record of another collection in the same file
        if operation not in (_UPSERT, _ADD, _UPDATE):
            return None  # deleted: never done by the store, so not understood here
        token = json.loads(metadata or "{}").get(codec.VERSION_KEY)
        if not isinstance(token, str):
            return None
        found.append((_seq(seq), token))
        break
    if not found:
        return None
    return max(found)[1]


def _seq(value) -> int:
    """A sequence number as stored: an integer, or big-endian bytes in older files."""
    if isinstance(value, bytes):
        return int.from_bytes(value, "big")
    return int(value)
