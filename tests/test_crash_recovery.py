"""Crashes during ingest: the next run repairs the store, with nothing duplicated or lost.

Two levels: every write step of an ingest is interrupted in-process (fake embedder, real
Chroma), and the real CLI with the real model is SIGKILLed at three points of a 50-document
ingest, each followed by a run that completes, then compared with a clean ingest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from index.store import ChunkStore
from ingest.maintenance import source_problems
from ingest.pipeline import Ingestor
from stodkollen.settings import Settings
from tests.conftest import SAMPLE
from tests.fakes import HashingEmbedder

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["Malå", "Mora", "Kiruna", "Ystad", "Norsjö", "Ljungby", "Motala", "Vansbro", "Lycksele"]
TOPICS = ["rådgivning", "turism", "digitalisering", "kompetens", "export", "besöksnäring"]


# --- a corpus of small documents -----------------------------------------------------------
def generated_page(i: int, version: int = 0) -> str:
    """A small one-project page; `version` changes its text (and so its hash)."""
    place, topic = PLACES[i % len(PLACES)], TOPICS[i % len(TOPICS)]
    start = 2010 + i % 12
    text = (
        f"Projekt {topic} {i} i {place}\n\n"
        f"Projektägare: {place} kommun Projekttid: {start}-01 — {start + 2}-12\n\n"
        f"Projektet {topic} {i} ska stärka företagen i {place} genom {topic}. "
        f"Budgeten är {1000 * (i + 1) + 500} kr och arbetet görs tillsammans med "
        f"näringslivet i {place}. Kontakt: projektledare{i}@{place.lower()}.se.\n"
    )
    if version:
        text += f"\nUppdatering {version}: projektet {i} fick nya mål för {topic} år {start + 3}.\n"
    return text


def make_corpus(root: Path, generated: int = 45, variants: int = 1) -> Path:
    """Copies of the sample pages with varied text, plus generated pages (default 50 files)."""
    root.mkdir(parents=True, exist_ok=True)
    for page in sorted(SAMPLE.glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        for v in range(variants):
            extra = f"\n\nSidan granskades av redaktionen i {PLACES[v]} år {2015 + v}.\n"
            (root / f"kopia{v}_{page.name}").write_text(text + extra, encoding="utf-8")
    for i in range(generated):
        (root / f"projekt_{i:03d}.txt").write_text(generated_page(i), encoding="utf-8")
    return root


def snapshot(store: ChunkStore) -> dict:
    """What must match a clean ingest: chunk ids with their source and version, project records."""
    return {
        "chunks": {c.id: (c.project.source, c.doc_hash) for c in store.all_chunks()},
        "projects": {
            r.id: (r.project.source, r.doc_hash, tuple(r.chunk_ids)) for r in store.all_projects()
        },
    }


def clean_snapshot(home: Path, corpus: Path) -> dict:
    """A clean ingest of `corpus` into a new home (ids do not depend on the embedder)."""
    s = Settings(home=home)
    store = ChunkStore(s)
    Ingestor(s, store, HashingEmbedder()).run([str(corpus)])
    snap = snapshot(store)
    store.close()
    return snap


def assert_like_clean(store: ChunkStore, reference: dict, corpus: Path) -> None:
    """Same chunk and project ids as a clean ingest; no orphans; every source consistent."""
    snap = snapshot(store)
    names = {p.name for p in corpus.iterdir()}
    assert {src for src, _h in snap["chunks"].values()} <= names  # no orphans
    assert source_problems(store) == {}
    assert snap["chunks"].keys() == reference["chunks"].keys()
    assert snap == reference
    assert store.count() == len(reference["chunks"])  # no duplicates hiding behind one id


# --- every write step interrupted, in-process ------------------------------------------------
class Crash(BaseException):
    """Stands in for the process dying between two writes."""


def crash_at(store: ChunkStore, n: int) -> list[str]:
    """Make the n-th write to either collection raise Crash (before it happens); logs writes."""
    done: list[str] = []
    for coll, label in ((store._chunks, "chunks"), (store._projects, "projects")):
        for op in ("upsert", "delete"):
            real = getattr(coll, op)

            def write(*args, _real=real, _name=f"{label}.{op}", **kwargs):
                if len(done) + 1 == n:
                    raise Crash(_name)
                done.append(_name)
                return _real(*args, **kwargs)

            setattr(coll, op, write)
    return done


def _v2(corpus: Path) -> None:
    """Changes that exercise every path: shrink a multi-project page, edit, add, delete."""
    many = corpus / "001_d411b1e12eacac8e.txt"
    many.write_text(many.read_text(encoding="utf-8")[:1800], encoding="utf-8")
    edited = corpus / "004_2bf8b921bb3f0e7e.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEtt nytt stycke om solenergi.\n")
    (corpus / "projekt_ny.txt").write_text(generated_page(7, version=1), encoding="utf-8")
    (corpus / "000_861bb95524c07e0b.txt").unlink()


@pytest.fixture
def corpora(tmp_path) -> tuple[Path, Path]:
    """The sample corpus (v1) and a changed copy of it (v2)."""
    v1, v2 = tmp_path / "v1", tmp_path / "v2"
    shutil.copytree(SAMPLE, v1)
    shutil.copytree(SAMPLE, v2)
    _v2(v2)
    return v1, v2


def _writes_in_run(home: Path, before: Path | None, corpus: Path) -> int:
    store = _store_from(home, before)
    log = crash_at(store, 10**6)
    Ingestor(store.settings, store, HashingEmbedder()).run([str(corpus)], prune=True)
    store.close()
    return len(log)


def _store_from(home: Path, before: Path | None) -> ChunkStore:
    """A store in `home`, starting as a copy of the store in `before` (or empty).

    Its ingest flushes every 8 chunks: a flush writes all its documents in one batched upsert,
    so small flushes give the run several flushes, each an upsert then its deletes, to crash
    between and inside.
    """
    if before is not None:
        shutil.copytree(before / "chroma", home / "chroma")
    return ChunkStore(Settings(home=home, ingest={"flush_chunks": 8}))


@pytest.mark.parametrize("scenario", ["first ingest", "update with prune"])
def test_a_crash_before_any_write_is_repaired_by_the_next_run(tmp_path, corpora, scenario):
    v1, v2 = corpora
    before = None
    if scenario == "update with prune":
        before = tmp_path / "before"
        clean_snapshot(before, v1)
    target = v1 if before is None else v2
    reference = clean_snapshot(tmp_path / "reference", target)
    writes = _writes_in_run(tmp_path / "count", before, target)
    assert writes >= 6  # several flushes: chunks, then project records (then deletes)
    for n in range(1, writes + 1):
        home = tmp_path / f"crash{n}"
        store = _store_from(home, before)
        crash_at(store, n)
        with pytest.raises(Crash):
            Ingestor(store.settings, store, HashingEmbedder()).run([str(target)], prune=True)
        store.close()
        store = ChunkStore(Settings(home=home))
        Ingestor(store.settings, store, HashingEmbedder()).run([str(target)], prune=True)
        assert_like_clean(store, reference, target)
        store.close()
        shutil.rmtree(home)


def test_two_files_with_the_same_text_are_both_kept(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("rapport.txt", "rapport (kopia).txt"):
        shutil.copy(SAMPLE / "003_b4cd6cbfee5ded9c.txt", docs / name)
    settings = Settings(home=tmp_path / "home")
    store = ChunkStore(settings)
    Ingestor(settings, store, HashingEmbedder()).run([str(docs)])
    again = Ingestor(settings, store, HashingEmbedder()).run([str(docs)])
    problems = source_problems(store)
    store.close()
    assert problems == {}
    assert (again.unchanged, again.embedded) == (2, 0)


def test_two_files_with_the_same_name_in_different_folders_are_both_kept(tmp_path):
    docs = tmp_path / "docs"
    for folder, page in (("a", "002_a2ead99e0bb57481.txt"), ("b", "003_b4cd6cbfee5ded9c.txt")):
        (docs / folder).mkdir(parents=True)
        shutil.copy(SAMPLE / page, docs / folder / "projekt.txt")
    settings = Settings(home=tmp_path / "home")
    store = ChunkStore(settings)
    Ingestor(settings, store, HashingEmbedder()).run([str(docs)])
    again = Ingestor(settings, store, HashingEmbedder()).run([str(docs)])
    versions = {r.doc_hash for r in store.all_chunks()}
    store.close()
    assert len(versions) == 2 and again.embedded == 0


# --- the real CLI, killed --------------------------------------------------------------------
def _env(home: Path, model_dir: Path) -> dict:
    return dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        STODKOLLEN_HOME=str(home),
        STODKOLLEN_MODEL_DIR=str(model_dir),
        # Small flushes (every 8 chunks, each one batched upsert): the store fills in several
        # steps, so there is a middle to kill in.
        STODKOLLEN_INGEST__FLUSH_CHUNKS="8",
        TOKENIZERS_PARALLELISM="false",
    )


def _ingest(home: Path, model_dir: Path, corpus: Path, log: Path) -> subprocess.Popen:
    with log.open("a") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "cli.main", "ingest", "--prune", "--json", str(corpus)],
            env=_env(home, model_dir),
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )


def _stored_hashes(home: Path) -> set[str]:
    """Document versions visible in the store's SQLite file (read-only, while it is written)."""
    db = home / "chroma" / "chroma.sqlite3"
    if not db.exists():
        return set()
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)) as conn:
            rows = conn.execute(
                "SELECT DISTINCT string_value FROM embedding_metadata WHERE key = 'doc_hash'"
            ).fetchall()
    except sqlite3.Error:  # not created yet, or locked for a moment
        return set()
    return {r[0] for r in rows}


def _hashes(corpus: Path) -> set[str]:
    """The document versions (content hashes) a folder holds."""
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus.iterdir()}


def _kill_when(
    proc: subprocess.Popen, home: Path, wanted: set[str], after_s: float = 0, share=(0, 1)
) -> float:
    """SIGKILL once `after_s` passed and the stored share of `wanted` versions is in `share`."""
    started = time.monotonic()
    while proc.poll() is None and time.monotonic() - started < 240:
        done = len(_stored_hashes(home) & wanted) / len(wanted)
        if time.monotonic() - started >= after_s and share[0] <= done <= share[1]:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return round(done, 2)
        time.sleep(0.02)
    pytest.fail(f"the ingest ended ({proc.returncode}) before the kill point {share}")


def _complete(home: Path, model_dir: Path, corpus: Path, log: Path) -> dict:
    """A run that is not killed; returns its JSON summary."""
    proc = _ingest(home, model_dir, corpus, log)
    assert proc.wait(timeout=300) == 0, log.read_text()[-3000:]
    lines = log.read_text().splitlines()
    summary = json.loads(next(x for x in reversed(lines) if x.startswith("{")))
    return {k: summary[k] for k in ("added", "updated", "unchanged", "removed", "chunks")}


@pytest.mark.slow
def test_sigkill_at_three_points_then_a_full_run_equals_a_clean_ingest(
    tmp_path, model_dir, real_embedder
):
    corpus = make_corpus(tmp_path / "corpus")
    assert len(list(corpus.iterdir())) >= 50
    home, log = tmp_path / "home", tmp_path / "ingest.log"
    kills, repairs = [], []
    # 1: after 1 s, while the CLI is still starting; then a run that completes.
    proc = _ingest(home, model_dir, corpus, log)
    kills.append(_kill_when(proc, home, _hashes(corpus), after_s=1.0))
    repairs.append(_complete(home, model_dir, corpus, log))
    check_against_clean(home, corpus, tmp_path / "clean1")
    # 2: mid-way through an update of 20 documents (some written, not all).
    for i in range(20):
        (corpus / f"projekt_{i:03d}.txt").write_text(generated_page(i, 2), encoding="utf-8")
    changed = _hashes(corpus) - _stored_hashes(home)
    proc = _ingest(home, model_dir, corpus, log)
    kills.append(_kill_when(proc, home, changed, share=(0.1, 0.6)))
    repairs.append(_complete(home, model_dir, corpus, log))
    check_against_clean(home, corpus, tmp_path / "clean2")
    # 3: near the end of an update that also adds and removes documents (--prune).
    for i in range(20, 40):
        (corpus / f"projekt_{i:03d}.txt").write_text(generated_page(i, 3), encoding="utf-8")
    for i in range(45, 50):
        (corpus / f"projekt_{i:03d}.txt").write_text(generated_page(i), encoding="utf-8")
    (corpus / "projekt_000.txt").unlink()
    changed = _hashes(corpus) - _stored_hashes(home)
    proc = _ingest(home, model_dir, corpus, log)
    kills.append(_kill_when(proc, home, changed, share=(0.8, 1.0)))
    repairs.append(_complete(home, model_dir, corpus, log))
    check_against_clean(home, corpus, tmp_path / "clean3", real_embedder)
    print(f"killed with these shares of the run's new versions stored: {kills}")
    print(f"the runs after each kill: {repairs}")


def check_against_clean(home: Path, corpus: Path, clean_home: Path, embedder=None) -> None:
    """The recovered store equals a clean ingest; with the real embedder, its vectors are right."""
    reference = clean_snapshot(clean_home, corpus)
    store = ChunkStore(Settings(home=home))
    try:
        assert_like_clean(store, reference, corpus)
        if embedder is not None:
            assert_vectors_match_texts(store, embedder)
    finally:
        store.close()


def assert_vectors_match_texts(store: ChunkStore, embedder, sample: int = 40) -> None:
    """Stored vectors belong to their chunk's text, and the index returns only live chunks."""
    import numpy as np

    from ingest.chunking import embedding_text

    records = store.all_chunks()
    picked = records[:: max(1, len(records) // sample)]
    fresh = embedder.embed_passages([embedding_text(r) for r in picked])
    stored = store.chunk_vectors([r.id for r in picked])
    assert float(np.min(np.sum(fresh * stored, axis=1))) > 0.999
    live = {r.id for r in records}
    for r, vector in list(zip(picked, stored, strict=True))[:10]:
        hits = store.query_chunks(vector, 3)
        assert {cid for cid, _ in hits} <= live
        # identical texts in two copies tie; the chunk itself must be among the best
        assert r.id in {cid for cid, score in hits if score > 0.999}


# --- a broken store: one clear line, exit code 2 -------------------------------------------
def _broken_home(home: Path, kind: str) -> Path:
    db = home / "chroma" / "chroma.sqlite3"
    db.parent.mkdir(parents=True)
    if kind == "garbage":
        db.write_bytes(os.urandom(64 * 1024))
    else:  # someone else's SQLite database
        with closing(sqlite3.connect(db)) as conn:
            conn.execute("CREATE TABLE kunder (namn TEXT, telefon TEXT)")
            conn.execute("INSERT INTO kunder VALUES ('Anna', '070-1234567')")
            conn.commit()
    return db


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["garbage", "foreign"])
@pytest.mark.parametrize("command", [["ask", "Vem var projektägare för Håll ut?"], ["ingest"]])
def test_a_broken_store_gives_one_swedish_line_and_exit_code_2(tmp_path, model_dir, kind, command):
    db = _broken_home(tmp_path / "home", kind)
    before = db.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", *command],
        env=_env(tmp_path / "home", model_dir),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr[-2000:]
    assert len(lines) == 1 and lines[0].startswith("Fel: "), done.stderr[-2000:]
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert ("inte hör till Chroma" if kind == "foreign" else "ingen SQLite-databas") in lines[0]
    assert "stodkollen" in lines[0] or "STODKOLLEN_HOME" in lines[0]  # says what to do
    assert db.read_bytes() == before  # the file was left as it was
