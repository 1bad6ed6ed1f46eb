"""BM25 and the per-chunk index: the numpy builder equals bm25s's own, the index filters like
the codec's rule, survives a save and a memory-mapped load, and is kept at the store version
(main's `_meta` token), saved by the ingest for the next process (no model needed)."""

from __future__ import annotations

import random
import shutil

import numpy as np
import pytest

from assistant.service import Assistant
from index.lexical import (
    ChunkIndex,
    ChunkIndexCache,
    LexicalIndex,
    cache_for,
    terms_fingerprint,
)
from index.store import ChunkStore
from ingest.chunking import lexical_text
from ingest.pipeline import Ingestor
from stodkollen import codec
from stodkollen.records import Chunk, Filters, Project
from stodkollen.settings import Settings
from stodkollen.text import terms
from tests.conftest import SAMPLE
from tests.fakes import HashingEmbedder
from tests.test_crash_recovery import generated_page

QUERIES = [
    "rådgivning för företagare i Malå",
    "turism i Kiruna",
    "Vem var projektägare för FRONT?",
    "digitalisering kompetens export",
    "carport skatt",
]
FILTERS = [
    Filters(kommun="Malå"),
    Filters(lan="Västerbottens län"),
    Filters(from_year=2020),
    Filters(to_year=2015),
    Filters(kommun="Mora", from_year=2012, to_year=2016),
    Filters(source="002_a2ead99e0bb57481.txt"),
    Filters(kommun="Ingenstans"),
]


@pytest.fixture(scope="module")
def sample_chunks(tmp_path_factory) -> list[Chunk]:
    settings = Settings(home=tmp_path_factory.mktemp("lexhome"))
    store = ChunkStore(settings)
    Ingestor(settings, store, HashingEmbedder()).run([str(SAMPLE)])
    chunks = store.all_chunks()
    store.close()
    return chunks


def test_document_frequencies_count_documents_not_occurrences():
    texts = ["Malå Malå turism", "turism i Mora", "", "bygglov"]
    index = LexicalIndex(texts)
    docs = [set(terms(t) or ["__empty__"]) for t in texts]
    for term in {t for d in docs for t in d} | {"saknas"}:
        assert index.df(term) == sum(term in d for d in docs), term
    assert index.size == 4 and index.coverage("carport skatt") == 0.0


def test_an_empty_index_finds_nothing():
    index = LexicalIndex([])
    assert index.size == 0 and index.search("turism", 5) == [] and index.df("turism") == 0


def test_the_numpy_bm25_equals_bm25s_bit_for_bit(sample_chunks):
    from eval.synthetic import generate_pages
    from index.lexical import _bm25, _bm25_reference, _ptr, term_ids

    texts = [lexical_text(c) for c in sample_chunks] + [p.text for p in generate_pages(60)]
    texts += ["", "och i", "Malå Malå Malå turism"]  # empty documents, repeated terms
    vocab: dict[str, int] = {}
    lens, flat = term_ids(texts, vocab)
    mine, n = _bm25(_ptr(lens), flat, list(vocab))
    ref = _bm25_reference(_ptr(lens), flat, list(vocab))
    assert n == ref.scores["num_docs"] == len(texts)
    for key in ("data", "indices", "indptr"):
        assert mine.scores[key].dtype == ref.scores[key].dtype, key
        assert np.array_equal(mine.scores[key], ref.scores[key]), key
    assert mine.vocab_dict == ref.vocab_dict


def test_the_numpy_bm25_equals_bm25s_with_a_vocabulary_over_65536_terms():
    from index.lexical import _bm25, _bm25_reference, _ptr

    rnd = np.random.default_rng(5)
    vocab = [f"t{i}" for i in range(70_000)]
    lens = rnd.integers(30, 60, 3000)
    flat = rnd.integers(0, len(vocab), int(lens.sum())).astype(np.int32)
    flat[:70_000] = np.arange(70_000)  # every term used
    mine, _ = _bm25(_ptr(lens), flat, vocab)
    ref = _bm25_reference(_ptr(lens), flat, vocab)
    for key in ("data", "indices", "indptr"):
        assert np.array_equal(mine.scores[key], ref.scores[key]), key


def test_a_saved_bm25_loads_memory_mapped_and_scores_alike(sample_chunks, tmp_path):
    index = LexicalIndex([lexical_text(c) for c in sample_chunks])
    index.save(tmp_path / "bm25")
    loaded = LexicalIndex.load(tmp_path / "bm25", index.size)
    for q in ("rådgivning för företagare i Malå", "turism i Kiruna", "carport skatt"):
        assert loaded.search(q, 10) == index.search(q, 10), q
        assert loaded.coverage(q) == index.coverage(q)


def build(chunks: list[Chunk], version: str = "") -> ChunkIndex:
    return ChunkIndex.build(chunks, [lexical_text(c) for c in chunks], version)


def ranked(index: ChunkIndex, query: str, f: Filters | None = None) -> list[tuple[str, float]]:
    mask = index.mask(f) if f else None
    return [(index.id_at(i), s) for i, s in index.lexical.search(query, 30, mask)]


def same(a: ChunkIndex, b: ChunkIndex) -> None:
    assert a.size == b.size
    assert a.ids.tolist() == b.ids.tolist()
    assert (a.kommuner, a.lans, a.sources, a.title_heads) == (
        b.kommuner,
        b.lans,
        b.sources,
        b.title_heads,
    )
    for q in QUERIES:
        assert ranked(a, q) == ranked(b, q), q
        assert a.lexical.coverage(q) == b.lexical.coverage(q)
        for f in FILTERS:
            assert ranked(a, q, f) == ranked(b, q, f), (q, f)


def test_the_index_ranks_like_bm25_over_the_sorted_chunks(sample_chunks):
    """The catalog of whole chunks ranked BM25 over chunks sorted by source, project and chunk
    index, with codec.matches as the mask: the per-chunk index must rank alike."""
    shuffled = list(sample_chunks)
    random.Random(7).shuffle(shuffled)
    index = build(shuffled)
    ordered = sorted(
        sample_chunks, key=lambda c: (c.project.source, c.project.index, c.chunk_index)
    )
    plain = LexicalIndex([lexical_text(c) for c in ordered])
    assert [index.id_at(i) for i in range(index.size)] == [c.id for c in ordered]
    for q in QUERIES:
        for f in [None, *FILTERS]:
            mask = None
            if f is not None:
                mask = np.array([codec.matches(c.project, f) for c in ordered], dtype=bool)
            want = [(ordered[i].id, s) for i, s in plain.search(q, 30, mask)]
            assert ranked(index, q, f) == want, (q, f)


def test_masks_follow_the_codec_rule(sample_chunks):
    index = build(sample_chunks)
    rnd = random.Random(3)
    kommuner = sorted({k for c in sample_chunks for k in c.project.kommuner})
    lans = sorted({ln for c in sample_chunks for ln in c.project.lan})
    for _ in range(60):
        f = Filters(
            kommun=rnd.choice([None, *kommuner[:6]]),
            lan=rnd.choice([None, *lans[:3]]),
            from_year=rnd.choice([None, 2005, 2015, 2021]),
            to_year=rnd.choice([None, 2010, 2018]),
            source=rnd.choice([None, sample_chunks[0].project.source]),
        )
        mask = index.mask(f)
        if f.is_empty():
            assert mask is None
            continue
        by_id = {c.id: codec.matches(c.project, f) for c in sample_chunks}
        assert [by_id[index.id_at(i)] for i in range(index.size)] == mask.tolist(), f


def test_places_sources_and_title_heads(sample_chunks):
    index = build(sample_chunks)
    assert index.kommuner == {k for c in sample_chunks for k in c.project.kommuner}
    assert index.lans == {ln for c in sample_chunks for ln in c.project.lan}
    assert index.sources == {c.project.source for c in sample_chunks}
    heads = dict(index.title_heads)
    assert heads and all(len(h) >= 4 for h in heads.values())
    kinds = {c.project.id: c.project.kind for c in sample_chunks}
    assert all(kinds[pid] == "project" for pid in heads)


def test_a_saved_index_loads_memory_mapped_and_answers_alike(sample_chunks, tmp_path):
    index = build(sample_chunks, "ab12cd34ef56")
    index.save(tmp_path / "v")
    loaded = ChunkIndex.load(tmp_path / "v")
    same(index, loaded)
    assert loaded.version == "ab12cd34ef56"
    assert isinstance(loaded.ids, np.memmap)
    empty = ChunkIndex.empty()
    empty.save(tmp_path / "e")
    assert ChunkIndex.load(tmp_path / "e").lexical.search("turism", 5) == []


def test_a_new_process_loads_the_index_the_ingest_saved(tmp_path):
    settings = Settings(home=tmp_path)
    store = ChunkStore(settings)
    Ingestor(settings, store, HashingEmbedder()).run([str(SAMPLE)])
    root = tmp_path / "lexical" / store.identity / terms_fingerprint()
    assert [p.name for p in root.iterdir()] == [store.version()]
    fresh = ChunkIndexCache(root, lexical_text)  # as a new process
    index = fresh.current(store)
    assert fresh.last_event == "loaded" and index.size == store.count()
    # an edit that keeps the chunk count is a new version, saved by the ingest that made it
    first = store.version()
    docs = tmp_path / "docs"
    shutil.copytree(SAMPLE, docs)
    page = docs / "004_2bf8b921bb3f0e7e.txt"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Utreda nya", "Utreda solenergi och nya"), "utf-8")
    Ingestor(settings, store, HashingEmbedder()).run([str(docs)])
    assert store.version() != first
    index = fresh.current(store)
    assert fresh.last_event == "loaded" and index.version == store.version()
    assert {index.id_at(i) for i in range(index.size)} == {c.id for c in store.all_chunks()}
    (top,) = store.chunks_by_id([ranked(index, "solenergi")[0][0]])
    assert "solenergi" in top.text
    assert len(list(root.iterdir())) <= 2  # older versions are removed
    store.close()


def test_a_write_not_made_by_an_ingest_is_built_from_the_store(tmp_path):
    settings = Settings(home=tmp_path)
    store = ChunkStore(settings)
    Ingestor(settings, store, HashingEmbedder()).run([str(SAMPLE)])
    cache = ChunkIndexCache(tmp_path / "other", lexical_text)
    before = cache.current(store)
    gone = before.id_at(0)
    store.delete_ids([gone])
    after = cache.current(store)
    assert cache.last_event == "built" and after.version == store.version() != before.version
    assert after.size == before.size - 1 and gone not in after.ids_where(np.ones(after.size, bool))
    assert cache.current(store) is after  # nothing changed: the same index, no reading
    store.close()


def test_the_catalog_follows_writes_of_another_store_object(tmp_path):
    """Two assistants on one data dir (as two stores on one server): each question checks
    the version, so an ingest made through the other one is seen at once."""
    settings = Settings(home=tmp_path)
    a = Assistant(settings, embedder=HashingEmbedder())
    a.ingest([str(SAMPLE)])
    b = Assistant(settings, embedder=HashingEmbedder())
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ny.txt").write_text(generated_page(3), encoding="utf-8")
    before = b.catalog.refresh().version
    a.ingest([str(docs)])
    snap = b.catalog.refresh()
    assert snap.version == a.store.version() != before
    hits = b.retriever.search("Projekt export 3 i Ystad", Filters(), "bm25")
    assert hits and hits[0].chunk.project.source == "ny.txt"
    assert "ny.txt" in snap.sources
    a.store.close()
    b.store.close()


def test_an_index_built_with_other_index_terms_is_not_loaded(tmp_path, monkeypatch):
    """A code upgrade that changes `terms` (stemmer, stopwords, folding) looks in another
    folder, so the index saved with the old terms is rebuilt, never misread."""
    import index.lexical as lexical

    before = terms_fingerprint()
    monkeypatch.setattr(lexical, "terms", lambda text: text.lower().split())
    assert terms_fingerprint() != before


def test_a_damaged_saved_index_is_rebuilt_not_trusted(tmp_path):
    settings = Settings(home=tmp_path)
    store = ChunkStore(settings)
    Ingestor(settings, store, HashingEmbedder()).run([str(SAMPLE)])
    (saved,) = (tmp_path / "lexical" / store.identity / terms_fingerprint()).iterdir()
    (saved / "ids.npy").write_bytes(b"garbage")
    fresh = ChunkIndexCache(saved.parent, lexical_text)
    assert fresh.current(store).size == store.count()
    assert fresh.last_event == "built"
    again = ChunkIndexCache(saved.parent, lexical_text)  # the rebuilt one was saved
    assert again.current(store).size == store.count() and again.last_event == "loaded"
    store.close()


def test_one_cache_per_store_and_home(tmp_path):
    settings = Settings(home=tmp_path)
    store = ChunkStore(settings)
    assert cache_for(store, lexical_text) is cache_for(store, lexical_text)
    other = ChunkStore(Settings(home=tmp_path / "other"))
    assert cache_for(other, lexical_text) is not cache_for(store, lexical_text)
    store.close()
    other.close()


def test_chunk_ids_where_agrees_with_the_mask(tmp_path):
    settings = Settings(home=tmp_path)
    store = ChunkStore(settings)
    Ingestor(settings, store, HashingEmbedder()).run([str(SAMPLE)])
    index = build(store.all_chunks())
    for f in FILTERS:
        mask = index.mask(f)
        assert set(store.chunk_ids_where(f)) == {index.id_at(i) for i in np.flatnonzero(mask)}
    store.close()


def test_unknown_projects_read_back_as_empty_chunks_are_indexed():
    chunk = Chunk("c1", "", Project("x.txt", 0, ""), "h")
    index = build([chunk])
    assert index.size == 1 and index.lexical.search("något", 3) == []
    assert index.mask(Filters(from_year=2020)).tolist() == [True]


def test_a_dense_query_among_the_masked_ids_equals_the_where_query(tmp_path):
    settings = Settings(home=tmp_path)
    store = ChunkStore(settings)
    vec = HashingEmbedder().embed_queries(["rådgivning för företagare"])[0]
    assert store.query_chunks(vec, 5) == []  # an empty store: one call, no results
    Ingestor(settings, store, HashingEmbedder()).run([str(SAMPLE)])
    index = build(store.all_chunks())
    assert len(store.query_chunks(vec, 1000)) == store.count()  # n above the count
    for f in FILTERS:
        by_where = store.query_chunks(vec, 100, f)
        among = store.query_chunks(vec, 100, among=index.ids_where(index.mask(f)))
        assert sorted(by_where) == sorted(among), f
    assert store.query_chunks(vec, 5, among=[]) == []
    store.close()
