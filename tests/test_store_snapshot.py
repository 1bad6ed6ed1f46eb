"""The saved copy of a small store (`index.store_snapshot`): a one-shot `ask` or `similar`
answers from it without importing chromadb, exactly as Chroma would answer, and never from a
copy older than the store. Real Chroma; the hashing embedder except where answers are held
to the real model's."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.service import Assistant
from assistant.similar import find_similar
from index.store import ChunkStore
from index.store_snapshot import SnapshotStore, load_snapshot, save_snapshot, snapshot_root
from stodkollen.records import Filters
from stodkollen.settings import Settings
from tests.test_fast_cli import _among, _run_cli

ROOT = Path(__file__).resolve().parent.parent
PAGE = """{title}

Projektet {title} bygger vindsnurror vid Testsjön i {kommun} kommun.
Projektägare: {owner}
Projektet pågår 2021–2023.
"""


def _settings(home: Path) -> Settings:
    return Settings(home=home, embedding={"model": "hash"})


def _env(home: Path) -> dict[str, str]:
    return {"STODKOLLEN_HOME": str(home), "STODKOLLEN_EMBEDDING__MODEL": "hash"}


def _write(folder: Path, name: str, title: str, kommun: str = "Arjeplogs", owner: str = "X AB"):
    folder.mkdir(parents=True, exist_ok=True)
    text = PAGE.format(title=title, kommun=kommun, owner=owner)
    (folder / name).write_text(text, encoding="utf-8")


def _ingest(settings: Settings, folder: Path) -> None:
    a = Assistant(settings)
    try:
        a.ingest([str(folder)], prune=True)
    finally:
        a.store.close()


def _ask(home: Path, question: str) -> tuple[dict, bool]:
    """`stodkollen ask --json` in a fresh process: (the answer, whether chromadb was imported)."""
    done, modules = _run_cli(["ask", "--json", question], _env(home))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout), bool(_among(modules, ("chromadb",)))


def _titles(answer: dict) -> set[str]:
    return {s["title"] for s in answer["sources"]}


def _pages(tmp_path: Path) -> Path:
    pages = tmp_path / "sidor"
    _write(pages, "a.txt", "Vindkraft i Testby", owner="Vind AB")
    _write(pages, "b.txt", "Solkraft i Testby", kommun="Malå", owner="Sol AB")
    _write(pages, "c.txt", "Vågkraft vid kusten", kommun="Piteå", owner="Våg AB")
    return pages


def test_ask_reads_the_copy_without_chromadb_and_never_a_stale_one(tmp_path):
    home = tmp_path / "home"
    settings = _settings(home)
    _ingest(settings, _pages(tmp_path))
    assert load_snapshot(settings) is not None  # the ingest saved it
    question = "Vem äger projektet Solkraft i Testby?"
    first, chroma = _ask(home, question)
    assert not chroma and "Solkraft i Testby" in _titles(first)
    # A write that does not save a copy (another program, an older version of this one):
    # the copy is stale, so the next question reads Chroma, shows the write, saves a copy.
    store = ChunkStore(settings)
    try:
        gone = next(r for r in store.all_projects() if r.project.title.startswith("Sol"))
        store.delete_ids(list(gone.chunk_ids), [gone.id])
    finally:
        store.close()
    after, chroma = _ask(home, question)
    assert chroma and "Solkraft i Testby" not in _titles(after)
    again, chroma = _ask(home, question)
    assert not chroma and again == after
    assert [p.name for p in snapshot_root(settings).iterdir()] == [
        load_snapshot(settings).version()
    ]


@pytest.mark.parametrize(
    "damage", ["truncated", "rows-mismatch", "another-format", "another-version", "no-vectors"]
)
def test_a_damaged_copy_is_not_read(tmp_path, damage):
    home = tmp_path / "home"
    settings = _settings(home)
    _ingest(settings, _pages(tmp_path))
    folder = snapshot_root(settings) / load_snapshot(settings).version()
    chunks = folder / "chunks.json"
    data = json.loads(chunks.read_text("utf-8"))
    if damage == "truncated":
        chunks.write_text(chunks.read_text("utf-8")[:50], "utf-8")
    elif damage == "rows-mismatch":
        data["ids"] = data["ids"][:-1]
        chunks.write_text(json.dumps(data), "utf-8")
    elif damage == "another-format":
        chunks.write_text(json.dumps({**data, "format": 999}), "utf-8")
    elif damage == "another-version":
        chunks.write_text(json.dumps({**data, "version": "0" * 32}), "utf-8")
    else:
        (folder / "chunk_vectors.npy").unlink()
    assert load_snapshot(settings) is None
    answer, chroma = _ask(home, "Vem äger projektet Vindkraft i Testby?")
    assert chroma and "Vindkraft i Testby" in _titles(answer)
    assert load_snapshot(settings) is not None  # the reader's copy replaced the damaged one


def test_the_copy_answers_the_reading_calls_as_chroma_does(tmp_path):
    settings = _settings(tmp_path / "home")
    _ingest(settings, _pages(tmp_path))
    copy = load_snapshot(settings)
    store = ChunkStore(settings)
    try:
        assert isinstance(copy, SnapshotStore)
        assert (copy.identity, copy.version()) == (store.identity, store.version())
        assert (copy.count(), copy.project_count()) == (store.count(), store.project_count())
        assert copy.sources() == store.sources()
        by_id = {c.id: c for c in store.all_chunks()}
        assert {c.id: c for c in copy.all_chunks()} == by_id
        ids = sorted(by_id)
        assert copy.chunks_by_id(ids[::-1] + ["nope"]) == store.chunks_by_id(ids[::-1] + ["nope"])
        assert copy.all_projects() == store.all_projects()
        source = store.all_projects()[0].project.source_id
        assert copy.projects_of(source) == store.projects_of(source)
        pids = [r.id for r in store.all_projects()]
        assert copy.projects_by_id(pids) == store.projects_by_id(pids)
        assert np.allclose(copy.project_vector(pids[0]), store.project_vector(pids[0]))
        assert np.allclose(copy.chunk_vectors(ids), store.chunk_vectors(ids))
        for f in (Filters(kommun="Malå"), Filters(from_year=2022), Filters(kommun="Umeå")):
            assert sorted(copy.chunk_ids_where(f)) == sorted(store.chunk_ids_where(f))
        rng = np.random.default_rng(7)
        dim = store.chunk_vectors(ids[:1]).shape[1]
        for _ in range(5):
            v = rng.normal(size=dim).astype(np.float32)
            for kw in ({}, {"filters": Filters(kommun="Piteå")}, {"among": ids[:2]}):
                want, got = store.query_chunks(v, 3, **kw), copy.query_chunks(v, 3, **kw)
                assert [i for i, _ in got] == [i for i, _ in want], kw
                assert np.allclose([s for _, s in got], [s for _, s in want], atol=1e-5)
            want = store.query_projects(v, 2)
            got = copy.query_projects(v, 2)
            assert [(r, round(s, 5)) for r, s in got] == [(r, round(s, 5)) for r, s in want]
        assert copy.query_chunks(v, 3, among=[]) == []
    finally:
        store.close()


def test_no_copy_for_a_server_store_or_above_the_limit(tmp_path, monkeypatch):
    settings = _settings(tmp_path / "home")
    _ingest(settings, _pages(tmp_path))
    store = ChunkStore(settings)
    try:
        monkeypatch.setattr("index.store_snapshot.SAVE_LIMIT", store.count() - 1)
        for old in snapshot_root(settings).iterdir():
            old.rename(old.with_name("x" + old.name))  # not a version name: never read
        assert not save_snapshot(store) and load_snapshot(settings) is None
    finally:
        store.close()
    served = Settings(home=tmp_path / "home", chroma_url="http://127.0.0.1:9")
    assert load_snapshot(served) is None


@pytest.mark.slow
def test_the_copy_gives_the_sample_questions_the_same_answers(sample_assistant, real_embedder):
    """Every question of the sample's evaluation set, with and without filters, and similar
    projects: the copy's exact search and Chroma's HNSW give the same answers."""
    settings = sample_assistant.settings
    assert save_snapshot(sample_assistant.store)
    copy = load_snapshot(settings)
    assert copy is not None and copy.version() == sample_assistant.store.version()
    on_copy = Assistant(settings, embedder=real_embedder, store=copy)
    lines = (ROOT / "eval" / "questions.jsonl").read_text("utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()]
    assert len(questions) >= 100
    for q in questions:
        assert on_copy.ask(q).to_dict() == sample_assistant.ask(q).to_dict(), q
    for f in (Filters(kommun="Malå"), Filters(from_year=2020, to_year=2022)):
        for q in questions[:20]:
            assert (
                on_copy.ask(q, filters=f).to_dict() == sample_assistant.ask(q, filters=f).to_dict()
            )
    for text in ("solceller på bygdegårdar", "samverkan för tillväxt i Vansbro"):
        assert _rounded(find_similar(on_copy, text, 5)) == _rounded(
            find_similar(sample_assistant, text, 5)
        )


def _rounded(found) -> list[dict]:
    """Similar projects with scores to 4 decimals: the copy's exact cosine and Chroma's
    distance differ in the last float32 digits."""
    return [{**p.to_dict(), "score": round(p.score, 4)} for p in found]


def test_interrupted_saves_and_a_store_grown_past_the_limit_leave_no_copy(tmp_path, monkeypatch):
    import os
    import time

    settings = _settings(tmp_path / "home")
    _ingest(settings, _pages(tmp_path))
    root = snapshot_root(settings)
    stale = root / ".tmp-interrupted"
    stale.mkdir()
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    fresh = root / ".tmp-another-process-saving-now"
    fresh.mkdir()
    _write(tmp_path / "sidor", "d.txt", "Vindkraft vid fjället", owner="Fjäll AB")
    _ingest(settings, tmp_path / "sidor")  # a new version: its copy cleans up
    names = sorted(p.name for p in root.iterdir())
    assert names == sorted([fresh.name, load_snapshot(settings).version()])
    store = ChunkStore(settings)
    try:
        monkeypatch.setattr("index.store_snapshot.SAVE_LIMIT", store.count() - 1)
        assert not save_snapshot(store) and not root.exists()
    finally:
        store.close()


def test_questions_from_stdin_read_chroma(tmp_path):
    """`ask -` may run while an ingest writes: it reads Chroma, whose version is checked
    before every question, not a copy fixed at its start."""
    import os
    import subprocess
    import sys

    home = tmp_path / "home"
    _ingest(_settings(home), _pages(tmp_path))
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('CHROMA', 'chromadb' in sys.modules, file=sys.stderr))\n"
        "from cli.main import main\n"
        "main(['ask', '-'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        input="Vem äger projektet Solkraft i Testby?\n",
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **_env(home)},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Solkraft i Testby" in done.stdout and "CHROMA True" in done.stderr
