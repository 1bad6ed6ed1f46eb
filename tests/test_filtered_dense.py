"""A wide filter is applied to an unfiltered dense query's result instead of being sent to
Chroma as an id list (issue 14: filtered p95): both give the same nearest chunks, and when
too few of the widened result pass, the id list query runs after all."""

from __future__ import annotations

import numpy as np

from assistant.retrieve import _dense_filtered
from index.store import ChunkStore
from ingest.pipeline import Ingestor
from stodkollen.records import Filters
from stodkollen.settings import RetrievalSettings, Settings
from tests.conftest import SAMPLE
from tests.fakes import HashingEmbedder
from tests.test_crash_recovery import generated_page
from tests.test_lexical_index import build

WIDE = [
    Filters(from_year=2019),
    Filters(to_year=2014),
    Filters(lan="Västerbottens län"),
    Filters(kommun="Malå"),
]


def _store(tmp_path) -> ChunkStore:
    docs = tmp_path / "docs"
    docs.mkdir()
    for page in SAMPLE.glob("*.txt"):
        (docs / page.name).write_text(page.read_text("utf-8"), "utf-8")
    for i in range(30):
        (docs / f"p{i}.txt").write_text(generated_page(i), encoding="utf-8")
    settings = Settings(home=tmp_path / "home")
    store = ChunkStore(settings)
    Ingestor(settings, store, HashingEmbedder()).run([str(docs)])
    return store


def test_a_wide_filter_on_the_result_equals_the_id_list_query(tmp_path):
    store = _store(tmp_path)
    index = build(store.all_chunks())
    embed = HashingEmbedder().embed_queries
    calls: list[bool] = []
    real = store.query_chunks

    def spy(vec, n, filters=None, among=None):
        calls.append(among is not None)
        return real(vec, n, filters, among)

    store.query_chunks = spy
    wide = RetrievalSettings(wide_filter_share=0.0)  # every filter counts as wide
    tried: set[str] = set()
    for q in ("rådgivning för företagare", "turism export", "Projekt export 3"):
        vec = embed([q])[0]
        for f in WIDE:
            mask = index.mask(f)
            if not 5 <= mask.sum() < index.size:
                continue
            tried.add(repr(f))
            calls.clear()
            got = _dense_filtered(store, vec, 5, index, mask, wide)
            want = real(vec, 5, among=index.ids_where(mask))
            _alike(got, want, (q, f))
            if calls == [False]:  # the widened query sufficed: no id list was sent
                continue
            assert calls == [False, True], calls  # too few passed: the id list after all
    assert len(tried) >= 3
    store.close()


def _alike(got, want, what) -> None:
    """The same scores in order, and the same ids apart from the order of tied scores (the
    hashing embedder gives many equal cosines) and ties at the cut."""
    assert np.allclose([s for _, s in got], [s for _, s in want], atol=1e-6), what
    last = want[-1][1]
    assert {c for c, s in got if s > last + 1e-6} == {c for c, s in want if s > last + 1e-6}


def test_too_few_passing_falls_back_to_the_id_list(tmp_path):
    store = _store(tmp_path)
    index = build(store.all_chunks())
    vec = HashingEmbedder().embed_queries(["rådgivning för företagare"])[0]
    ranked = [c for c, _ in store.query_chunks(vec, index.size)]
    # a mask of the farthest half: the nearest results all fail it
    far = set(ranked[len(ranked) // 2 :])
    mask = np.array([index.id_at(i) in far for i in range(index.size)])
    tight = RetrievalSettings(wide_filter_share=0.0, wide_filter_margin=1.0)
    got = _dense_filtered(store, vec, 5, index, mask, tight)
    _alike(got, store.query_chunks(vec, 5, among=sorted(far)), "fallback")
    assert index.positions_of(["saknas", ranked[0]]).tolist()[0] == -1
    store.close()
