"""BM25: document frequencies, and the numpy builder equal to bm25s's own (no model needed)."""

from __future__ import annotations

import numpy as np
import pytest

from index.lexical import LexicalIndex
from index.store import ChunkStore
from ingest.chunking import embedding_text
from ingest.pipeline import Ingestor
from stodkollen.records import Chunk
from stodkollen.settings import Settings
from stodkollen.text import terms
from tests.conftest import SAMPLE
from tests.fakes import HashingEmbedder


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

    texts = [embedding_text(c) for c in sample_chunks] + [p.text for p in generate_pages(60)]
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
    index = LexicalIndex([embedding_text(c) for c in sample_chunks])
    index.save(tmp_path / "bm25")
    loaded = LexicalIndex.load(tmp_path / "bm25", index.size)
    for q in ("rådgivning för företagare i Malå", "turism i Kiruna", "carport skatt"):
        assert loaded.search(q, 10) == index.search(q, 10), q
        assert loaded.coverage(q) == index.coverage(q)
