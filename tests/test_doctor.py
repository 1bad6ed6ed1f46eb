"""`stodkollen doctor` finds what is wrong; `stodkollen reindex` rebuilds without deleting.

Real Chroma stores built with the fake embedder (fast); the model check uses the provisioned
test model.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from assistant.service import Assistant
from index.store import ChunkStore
from ingest import maintenance
from ingest.maintenance import diagnose, reindex, source_problems
from ingest.pipeline import Ingestor
from stodkollen.errors import StoreError, UserInputError
from stodkollen.settings import IngestSettings, Settings, get_settings
from tests.conftest import SAMPLE
from tests.fakes import HashingEmbedder
from tests.test_crash_recovery import Crash, crash_at

NOW = datetime(2026, 1, 2, 3, 4, 5)
# Chunks of the sample corpus: 34 since the 003 contact line carries the mobile number too.
SAMPLE_CHUNKS = 34


@pytest.fixture(scope="session")
def provisioned(real_embedder, model_dir) -> Path:
    """The model dir with the model provisioned (loading it once does that)."""
    real_embedder.model  # noqa: B018 - provisions on first access
    return model_dir


@pytest.fixture
def home_settings(tmp_path, provisioned) -> Settings:
    return Settings(home=tmp_path / "home", model_dir=provisioned)


def ingest_sample(settings: Settings) -> ChunkStore:
    store = ChunkStore(settings)
    Ingestor(settings, store, HashingEmbedder()).run([str(SAMPLE)])
    return store


def failed(health) -> dict[str, str]:
    return {c.name: c.detail for c in health.checks if not c.ok}


def test_a_healthy_store(home_settings):
    ingest_sample(home_settings).close()
    health = diagnose(home_settings)
    assert health.healthy, health.text()
    assert (health.chunks, health.projects, health.problems) == (SAMPLE_CHUNKS, 20, {})
    assert health.text().endswith("Allt ser bra ut.")


def test_missing_model_and_missing_store(tmp_path):
    settings = Settings(home=tmp_path / "home", model_dir=tmp_path / "no-models")
    health = diagnose(settings)
    assert set(failed(health)) == {"Språkmodell", "Lagret"}
    assert "stodkollen ingest" in health.text()
    assert not settings.chroma_dir.exists()  # the doctor created nothing


def test_garbage_and_foreign_sqlite_files(home_settings):
    db = home_settings.chroma_dir / "chroma.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(os.urandom(50_000))
    assert "ingen SQLite-databas" in failed(diagnose(home_settings))["Lagret"]
    db.unlink()
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE kunder (namn TEXT)")
    before = db.read_bytes()
    assert "inte hör till Chroma" in failed(diagnose(home_settings))["Lagret"]
    with pytest.raises(StoreError, match="inte hör till Chroma"):
        ChunkStore(home_settings)
    assert db.read_bytes() == before  # neither the doctor nor the store touched it


def test_a_crash_between_chunks_and_projects_is_reported_then_repaired(home_settings):
    store = ChunkStore(home_settings)
    # One flush writes the chunks of all five sample pages in one upsert, then their project
    # records: crash between the two.
    crash_at(store, 2)
    with pytest.raises(Crash):
        Ingestor(home_settings, store, HashingEmbedder()).run([str(SAMPLE)])
    store.close()
    health = diagnose(home_settings)
    assert failed(health).keys() == {"Källor"}
    assert health.problems == {
        p.name: ["delar utan projektpost", "projektposter saknas"] for p in SAMPLE.iterdir()
    }
    store = ingest_sample(home_settings)
    store.close()
    assert diagnose(home_settings).healthy


def test_mixed_versions_and_counts_are_reported(home_settings):
    store = ingest_sample(home_settings)
    one = store.all_chunks()[0]
    stray = replace(one, id="stray", doc_hash="gammal", chunk_index=99)
    store.upsert([stray], np.ones((1, 64), np.float32) / 8, [], np.zeros((0, 64)), 100)
    problems = source_problems(store)
    store.close()
    issues = problems[one.project.source]
    assert "delar från 2 versioner av dokumentet" in issues
    assert any("väntat" in i for i in issues)
    assert not diagnose(home_settings).healthy


def test_collection_of_other_settings_is_named(home_settings, tmp_path):
    other = home_settings.model_copy(update={"ingest": IngestSettings(chunk_size=60)})
    ingest_sample(other).close()
    detail = failed(diagnose(home_settings))["Samling"]
    assert other.collection_name() in detail and "andra modell- eller chunk" in detail


def _corrupt(db: Path, seed: int) -> None:
    rnd = random.Random(seed)
    data = bytearray(db.read_bytes())
    start = rnd.randrange(4096, len(data))
    size = rnd.choice([16, 512, 4096, 16384])
    data[start : start + size] = rnd.randbytes(min(size, len(data) - start))
    db.write_bytes(bytes(data))


def test_corrupted_pages_give_a_report_or_a_store_error_never_a_crash(tmp_path):
    outcomes = {"answered": 0, "StoreError": 0, "doctor: unhealthy": 0}
    base = Settings(home=tmp_path / "base", model_dir=tmp_path / "models")
    ingest_sample(base).close()
    for seed in range(12):
        settings = base.model_copy(update={"home": tmp_path / f"home{seed}"})
        shutil.copytree(base.chroma_dir, settings.chroma_dir)
        _corrupt(settings.chroma_dir / "chroma.sqlite3", seed)
        health = diagnose(settings)  # never raises
        outcomes["doctor: unhealthy"] += not failed(health).keys() <= {"Språkmodell"}
        outcomes[_ask_outcome(settings, health)] += 1
        rebuilt = reindex(settings, [str(SAMPLE)], embedder=HashingEmbedder(), now=NOW)
        assert rebuilt.summary["chunks"] == SAMPLE_CHUNKS and rebuilt.moved_to.exists()
        assert failed(diagnose(settings)).keys() <= {"Språkmodell"}
    print(f"12 corrupted stores: {outcomes}")


def _ask_outcome(settings: Settings, health) -> str:
    """Ask on a corrupted store: an answer, or a StoreError that the doctor also sees."""
    assistant = None
    try:
        assistant = Assistant(settings, embedder=HashingEmbedder())
        assert assistant.ask("Vem var projektägare för Håll ut?").answer
        return "answered"
    except StoreError as exc:
        assert "stodkollen doctor" in str(exc)
        assert not health.healthy
        return "StoreError"
    finally:
        if assistant is not None:  # as when the CLI process ends: reindex runs on its own
            assistant.store.close()


def _rows(chroma_dir: Path) -> int:
    """Records (chunks, projects, the store version) in a store directory, read without Chroma."""
    with closing(sqlite3.connect(f"file:{chroma_dir / 'chroma.sqlite3'}?mode=ro", uri=True)) as db:
        return db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]


def test_reindex_moves_the_store_aside_and_reports_what_it_could_not_restore(home_settings):
    ingest_sample(home_settings).close()
    old_rows = _rows(home_settings.chroma_dir)
    one = SAMPLE / "001_d411b1e12eacac8e.txt"
    first = reindex(home_settings, [str(one)], embedder=HashingEmbedder(), now=NOW)
    assert first.moved_to == home_settings.home / "chroma.broken-20260102-030405"
    # nothing deleted: chunks, 20 project records and the one store-version record
    assert _rows(first.moved_to) == old_rows == SAMPLE_CHUNKS + 20 + 1
    assert first.summary["added"] == 1 and len(first.recorded) == 5
    assert first.missing == sorted(p.name for p in SAMPLE.iterdir() if p != one)
    assert "Läs in dem med 'stodkollen ingest SÖKVÄG'" in first.text()
    second = reindex(home_settings, [str(SAMPLE)], embedder=HashingEmbedder(), now=NOW)
    assert second.moved_to.name == "chroma.broken-20260102-030405-2"
    assert second.missing == [] and diagnose(home_settings).healthy


def test_reindex_defaults_to_sample_and_uploads(home_settings):
    uploads = home_settings.home / "uploads"
    uploads.mkdir(parents=True)
    shutil.copy(SAMPLE / "003_b4cd6cbfee5ded9c.txt", uploads / "egen.txt")
    assert maintenance.default_sources(home_settings)[1] == str(uploads)
    rebuilt = reindex(home_settings, embedder=HashingEmbedder(), now=NOW)
    assert rebuilt.moved_to is None and rebuilt.summary["added"] == 6


def test_reindex_refuses_a_chroma_server(tmp_path):
    with pytest.raises(UserInputError, match="inbäddade"):
        reindex(Settings(home=tmp_path, chroma_url="http://127.0.0.1:9"))


# --- the commands ------------------------------------------------------------------------------
@pytest.fixture
def cli_home(tmp_path, provisioned, monkeypatch, real_embedder) -> Settings:
    monkeypatch.setenv("STODKOLLEN_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("STODKOLLEN_MODEL_DIR", str(provisioned))
    monkeypatch.setattr("index.embedder.SentenceTransformerEmbedder", lambda s: real_embedder)
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def test_doctor_and_reindex_commands(cli_home):
    from cli.main import main

    run = CliRunner().invoke
    db = cli_home.chroma_dir / "chroma.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"inte en databas" * 1000)
    sick = run(main, ["doctor"])
    assert sick.exit_code == 1 and "FEL  Lagret" in sick.output and "reindex" in sick.output
    rebuilt = run(main, ["reindex", "--json", str(SAMPLE)])
    assert rebuilt.exit_code == 0, rebuilt.output
    d = json.loads(rebuilt.stdout)
    assert d["summary"]["chunks"] == SAMPLE_CHUNKS and d["recorded"] is None
    assert Path(d["moved_to"], "chroma.sqlite3").read_bytes().startswith(b"inte en databas")
    well = run(main, ["doctor", "--json"])
    assert well.exit_code == 0 and json.loads(well.stdout)["healthy"] is True
