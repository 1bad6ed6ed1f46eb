"""The project list at the store's version, saved beside the store so that `stodkollen
projects` can print it without opening Chroma (importing chromadb alone takes about a second).

The file `<home>/project-table/<collection>.json` holds the projects collection's entries as
stored (document and metadata, decoded by `codec.projects_from` like the store's own
`all_projects`) and the store version they were read at, the version read *before* them:
every write changes the version after its data went in, so entries saved with version V hold
at least everything written up to V. A reader uses the file only when the version the store
holds now (`index.store_version`, read from Chroma's SQLite file without chromadb) is V;
otherwise, or when the file is missing, unreadable or from another format, it asks Chroma
and saves the file again. Every ingest (also reindex and crawl) saves it at its end. A store
on a Chroma server has no file here to check against: its list always comes from Chroma; nor
is a list of more than SAVE_LIMIT records saved.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

from stodkollen import codec
from stodkollen.records import ProjectRecord
from stodkollen.settings import Settings

log = logging.getLogger(__name__)

FORMAT = 1  # of the file; another number is not read
# Project records up to which the list is saved. Above it an ingest does not read every record
# back at its end (minutes at millions), nor does `projects` write them out again: it reads
# Chroma, as it always did.
SAVE_LIMIT = 50_000


def table_path(settings: Settings) -> Path:
    return settings.home / "project-table" / f"{settings.collection_name()}.json"


def cached_entries(settings: Settings) -> list | None:
    """The saved entries when they are at the store's current version, else None."""
    from index.store_version import stored_version

    if settings.chroma_url:
        return None
    try:
        saved = json.loads(table_path(settings).read_text(encoding="utf-8"))
        version, entries = saved["version"], saved["entries"]
        if saved["format"] != FORMAT or saved["collection"] != settings.collection_name():
            return None
        if not isinstance(version, str) or not version or not isinstance(entries, list):
            return None
        if not all(_entry_shaped(e) for e in entries):
            return None
    except (OSError, ValueError, TypeError, KeyError):  # missing or damaged: ask Chroma
        return None
    return entries if stored_version(settings) == version else None


def _entry_shaped(entry) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 2
        and (entry[0] is None or isinstance(entry[0], str))
        and isinstance(entry[1], dict)
    )


def save_entries(settings: Settings, version: str, entries: list) -> None:
    """Save the entries read at `version` (atomically: a reader sees the old file or the new
    one); best effort, a failure only costs the next reader a Chroma read."""
    if settings.chroma_url or not version:
        return
    path = table_path(settings)
    data = {
        "format": FORMAT,
        "collection": settings.collection_name(),
        "version": version,
        "entries": [[doc, md] for doc, md in entries],
    }
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(tmp, path)
    except (OSError, ValueError, TypeError):
        log.warning("Projektlistan kunde inte sparas i %s", path, exc_info=True)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def save_current(store) -> list:
    """Read the store's project entries (version first) and save them when there are at most
    SAVE_LIMIT; the entries."""
    version = store.version()
    entries = store.project_entries()
    if len(entries) <= SAVE_LIMIT:
        save_entries(store.settings, version, entries)
    return entries


def save_after_ingest(store) -> None:
    """The list at the version an ingest leaves, saved for the next `projects`: not for a
    server's store (nothing here could tell whether it is current) nor above SAVE_LIMIT."""
    if store.settings.chroma_url or store.project_count() > SAVE_LIMIT:
        return
    save_current(store)


def project_records(settings: Settings) -> list[ProjectRecord]:
    """Every project record, sorted as `ChunkStore.all_projects` sorts them: from the saved
    file when it is at the store's version, else from Chroma (and the file saved anew)."""
    entries = cached_entries(settings)
    if entries is not None:
        try:
            return codec.projects_from(entries)
        except Exception:  # entries of a damaged or hand-edited file: ask Chroma instead
            log.debug("Den sparade projektlistan gick inte att läsa", exc_info=True)
    from index.store import ChunkStore

    store = ChunkStore(settings)
    try:
        entries = save_current(store)
    finally:
        store.close()
    return codec.projects_from(entries)
