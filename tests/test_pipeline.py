"""Ingest pipeline against a real embedded Chroma, with a small fake embedder."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from index.store import ChunkStore
from ingest.pipeline import Ingestor
from stodkollen.records import Filters
from stodkollen.settings import IngestSettings, Settings
from tests.conftest import SAMPLE
from tests.fakes import HashingEmbedder

DEV_PAGES = SAMPLE.parent.parent / "eval" / "pages" / "dev"


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    shutil.copytree(SAMPLE, d)
    return d


def _ingestor(settings: Settings, embedder=None):
    store = ChunkStore(settings)
    return Ingestor(settings, store, embedder or HashingEmbedder()), store


def _snapshot(store: ChunkStore) -> dict[str, str]:
    return {r.id: r.doc_hash for r in store.all_chunks()}


def test_first_ingest_then_unchanged(settings, corpus):
    emb = HashingEmbedder()
    ing, store = _ingestor(settings, emb)
    first = ing.run([str(corpus)])
    assert (first.added, first.unchanged, first.skipped) == (5, 0, [])
    assert first.chunks == store.count() > 16
    before, calls = _snapshot(store), emb.calls
    second = ing.run([str(corpus)])
    assert (second.added, second.updated, second.unchanged, second.embedded) == (0, 0, 5, 0)
    assert emb.calls == calls  # nothing embedded again
    assert _snapshot(store) == before


@pytest.mark.parametrize("fmt", ["html", "md", "pdf", "txt"])
def test_every_format_is_unchanged_on_a_second_pruning_run(settings, tmp_path, fmt):
    """Found in session 3: HTML and Markdown records lost their source identity, so a second
    `ingest --prune` of the same folder re-added every page and then deleted it."""
    pages = sorted(DEV_PAGES.glob(f"d*.{fmt}"))
    assert pages
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in pages:
        shutil.copy(page, folder / page.name)
    ing, store = _ingestor(settings)
    first = ing.run([str(folder)], prune=True)
    assert first.added == len(pages)
    before = _snapshot(store)
    second = ing.run([str(folder)], prune=True)
    assert (second.added, second.updated, second.removed) == (0, 0, 0)
    assert second.unchanged == len(pages)
    assert _snapshot(store) == before
    assert set(store.source_states()) == {str(p.resolve()) for p in folder.iterdir()}


def test_records_stored_under_a_display_name_are_replaced_not_doubled(
    settings, tmp_path, monkeypatch
):
    """A store written by the version with the identity bug heals on the next run."""
    import ingest.pipeline as pipeline

    folder = tmp_path / "pages"
    folder.mkdir()
    page = next(DEV_PAGES.glob("d*.html"))
    shutil.copy(page, folder / page.name)
    real = pipeline.parse_document

    def without_identity(doc):
        records = real(doc)
        for r in records:
            r.source_id = ""  # what the buggy HTML path stored: the display name
        return records

    monkeypatch.setattr(pipeline, "parse_document", without_identity)
    ing, store = _ingestor(settings)
    ing.run([str(folder)])
    assert set(store.source_states()) == {page.name}
    count = store.count()
    monkeypatch.setattr(pipeline, "parse_document", real)
    summary = ing.run([str(folder)])
    assert (summary.added, summary.updated, summary.removed) == (0, 1, 0)
    assert set(store.source_states()) == {str((folder / page.name).resolve())}
    assert store.count() == count  # replaced, not doubled
    assert ing.run([str(folder)], prune=True).unchanged == 1


def test_changed_file_replaces_its_chunks(settings, corpus):
    ing, store = _ingestor(settings)
    ing.run([str(corpus)])
    target = corpus / "004_2bf8b921bb3f0e7e.txt"
    target.write_text("Publicerad 2022-01-01\n\nEtt helt nytt projekt i Östersund om solenergi.\n")
    summary = ing.run([str(corpus)])
    assert (summary.updated, summary.unchanged) == (1, 4)
    texts = [r.text for r in store.all_chunks() if r.project.source == target.name]
    assert texts and all("solenergi" in t for t in texts)  # no stale chunk left
    assert len({r.id for r in store.all_chunks()}) == store.count()


def test_prune_removes_vanished_sources(settings, corpus):
    ing, store = _ingestor(settings)
    ing.run([str(corpus)])
    (corpus / "000_861bb95524c07e0b.txt").unlink()
    kept = ing.run([str(corpus)])
    assert kept.removed == 0 and any(
        r.project.source.startswith("000_") for r in store.all_chunks()
    )
    pruned = ing.run([str(corpus)], prune=True)
    assert pruned.removed == 1
    assert not any(r.project.source.startswith("000_") for r in store.all_chunks())
    assert not any(r.project.source.startswith("000_") for r in store.all_projects())


def test_chunks_read_back_complete(settings, corpus):
    ing, store = _ingestor(settings)
    ing.run([str(corpus)])
    for c in store.all_chunks():
        assert c.project.source and c.project.title and c.project.id
        assert c.doc_chunks >= 1 and c.doc_hash and c.header
    malå = [c for c in store.all_chunks() if c.project.source.startswith("002_")]
    assert all("Malå" in c.project.kommuner for c in malå)
    tagged = {c.id for c in store.all_chunks() if "Malå" in c.project.kommuner}
    only_malå = store.query_chunks(np.ones(64, np.float32) / 8, 500, Filters(kommun="Malå"))
    assert {cid for cid, _ in only_malå} == tagged


def test_collection_name_follows_vector_settings(tmp_path):
    a = Settings(home=tmp_path)
    b = Settings(home=tmp_path, ingest=IngestSettings(chunk_size=60))
    c = Settings(home=tmp_path, embedding={"model": "some/other-model"})
    assert len({a.collection_name(), b.collection_name(), c.collection_name()}) == 3
    assert a.collection_name() == Settings(home=tmp_path / "x").collection_name()


def test_bad_sources_are_skipped_and_nothing_is_lost(settings, corpus, tmp_path):
    ing, store = _ingestor(settings)
    ing.run([str(corpus)])
    before = _snapshot(store)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "data.bin").write_bytes(b"\x00\x01\x02" * 100)
    summary = ing.run([str(bad), str(tmp_path / "missing.txt")])
    assert summary.processed == 0
    assert {s["source"] for s in summary.skipped} == {"empty.txt", "data.bin", "missing.txt"}
    assert _snapshot(store) == before


def test_a_newer_parser_rereads_unchanged_files_without_embedding_again(
    settings, corpus, monkeypatch
):
    import ingest.pipeline

    emb = HashingEmbedder()
    ing, store = _ingestor(settings, emb)
    ing.run([str(corpus)])
    calls = emb.calls
    monkeypatch.setattr(ingest.pipeline, "PARSER_VERSION", ingest.pipeline.PARSER_VERSION + 1)
    again = ing.run([str(corpus)])
    assert (again.updated, again.unchanged) == (5, 0)  # every page read again
    assert again.embedded == 0 and emb.calls == calls  # same chunk texts: vectors kept
    assert {c.parser for c in store.all_chunks()} == {ingest.pipeline.PARSER_VERSION}
    third = ing.run([str(corpus)])
    assert (third.updated, third.unchanged) == (0, 5)


def test_an_edit_embeds_only_the_chunks_whose_text_changed(settings, corpus):
    emb = HashingEmbedder()
    ing, store = _ingestor(settings, emb)
    ing.run([str(corpus)])
    target = corpus / "001_d411b1e12eacac8e.txt"
    before = {c.id for c in store.all_chunks() if c.project.source == target.name}
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Håll ut", "Håll ut", 1) + "\n\nEtt nytt stycke om solel.\n")
    summary = ing.run([str(corpus)])
    assert summary.updated == 1
    after = {c.id for c in store.all_chunks() if c.project.source == target.name}
    assert 0 < summary.embedded < len(after)  # only the changed chunk(s)
    assert len(before & after) >= len(after) - summary.embedded


def test_a_reparse_that_splits_a_page_is_seen_by_the_next_question_in_the_same_process(
    settings, tmp_path, monkeypatch
):
    """A parser upgrade that turns a list page read as one record into its projects: the
    assistant that ran the ingest answers from the new records at once (its catalogue, lexical
    index and dense index), with no chunk of the old record left."""
    import ingest.pipeline
    from assistant.service import Assistant
    from ingest.projects import parse_document as real_parse

    page = tmp_path / "pages" / "lista.txt"
    page.parent.mkdir()
    page.write_text(
        "Projekt i Ängsby\n\nÄngsleden\nProjektägare: Ängsbygdens vandrarförening\n"
        "Projekttid: 2024–2026\nBudget: 2 100 000 kr\nEn vandringsled längs ån med rastplatser.\n\n"
        "Smedjan i Kvarnby\nProjektägare: Kvarnby Hembygdsförening\nProjekttid: 2025–2026\n"
        "Budget: 410 000 kr\nHelgkurser i smide för nybörjare i den gamla smedjan.\n",
        encoding="utf-8",
    )

    def one_record(doc):  # an older parser: the whole page is one record
        records = real_parse(doc)
        first = records[0]
        first.title, first.text = "Projekt i Ängsby", doc.text
        return [first]

    assistant = Assistant(settings, embedder=HashingEmbedder())
    monkeypatch.setattr(ingest.pipeline, "parse_document", one_record)
    assistant.ingest([str(page.parent)])
    assert {c.project.title for c in assistant.store.all_chunks()} == {"Projekt i Ängsby"}

    monkeypatch.setattr(ingest.pipeline, "parse_document", real_parse)
    monkeypatch.setattr(ingest.pipeline, "PARSER_VERSION", ingest.pipeline.PARSER_VERSION + 1)
    assistant.ingest([str(page.parent)])
    titles = {c.project.title for c in assistant.store.all_chunks()}
    assert titles == {"Ängsleden", "Smedjan i Kvarnby"}
    for method in ("hybrid", "bm25", "dense"):
        hits = assistant.retriever.search("helgkurser i smide i smedjan", Filters(), method)
        assert hits and all(h.chunk.project.title in titles for h in hits), method
    answer = assistant.ask("Vem äger Smedjan i Kvarnby?")
    assert "Kvarnby Hembygdsförening" in answer.answer
