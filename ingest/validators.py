"""What the last crawl learnt about each URL: HTTP validators (ETag, Last-Modified), the content
hash and format of the page it stored, and the page's links. One SQLite file under settings.home.

Why a file of its own and not the store's metadata: validators belong to a URL as requested, not
to chunks. A URL that redirects, an unchanged page answered by 304 (no body, so no links unless
they were kept) and the decision whether to send a conditional request at all must be answered
without a Chroma read per URL; and Chroma's metadata schema (stodkollen/codec.py) stays about
chunks and projects.

The file is a cache, never the truth: the crawler sends a conditional request only when the store
still holds the page at the recorded content hash. A lost, stale, foreign or corrupt file (moved
aside and started afresh) therefore costs downloads, never pages.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY,       -- the URL as requested (the crawl frontier's key)
    final_url TEXT NOT NULL,    -- after redirects: the stored document's source
    content_hash TEXT NOT NULL, -- sha256 of the body the store holds
    fmt TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    links TEXT NOT NULL,        -- JSON list: followed again when the page answers 304
    saved REAL NOT NULL
)
"""


@dataclass
class Validator:
    final_url: str
    content_hash: str
    fmt: str
    etag: str | None = None
    last_modified: str | None = None
    links: list[str] = field(default_factory=list)

    def conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class Validators:
    """The validator file; use as a context manager. Writes are committed on close."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as exc:
            aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
            log.warning("Valideringsfilen %s är trasig (%s); flyttad till %s", path, exc, aside)
            path.rename(aside)
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute(_SCHEMA)
            db.execute("SELECT count(*) FROM validators").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def __enter__(self) -> Validators:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def get(self, url: str) -> Validator | None:
        row = self.db.execute(
            "SELECT final_url, content_hash, fmt, etag, last_modified, links "
            "FROM validators WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return None
        try:
            links = [str(link) for link in json.loads(row[5])]
        except (ValueError, TypeError):
            links = []
        return Validator(row[0], row[1], row[2], row[3], row[4], links)

    def put(self, url: str, validator: Validator) -> None:
        """Remember a stored page; one without validators is forgotten (nothing to ask with)."""
        if not (validator.etag or validator.last_modified):
            self.db.execute("DELETE FROM validators WHERE url = ?", (url,))
            return
        self.db.execute(
            "INSERT OR REPLACE INTO validators VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                url,
                validator.final_url,
                validator.content_hash,
                validator.fmt,
                validator.etag,
                validator.last_modified,
                json.dumps(validator.links, ensure_ascii=False),
                time.time(),
            ),
        )
