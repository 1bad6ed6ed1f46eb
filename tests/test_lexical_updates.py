"""The saved lexical index is brought up to date from the ingest's own writes (issue 14): after
pages are added, replaced, deleted and renamed it equals an index built from every chunk in
the store, superseded versions are removed but the previous one stays for readers, and a
write of another process makes the index rebuild instead of trusting an incomplete chain."""

from __future__ import annotations

import shutil

import numpy as np

from index.lexical import ChunkIndex, ChunkIndexCache, cache_for, terms_fingerprint
from index.store import ChunkStore
from ingest.chunking import lexical_text
from ingest.pipeline import Ingestor
from stodkollen.settings import Settings
from tests.conftest import SAMPLE
from tests.fakes import HashingEmbedder
from tests.test_crash_recovery import generated_page
from tests.test_lexical_index import FILTERS, QUERIES, ranked, same


def _fresh_build(store: ChunkStore) -> ChunkIndex:
    chunks = store.all_chunks()
    return ChunkIndex.build(chunks, [lexical_text(c) for c in chunks], store.version())


def _ingest(settings, store, *sources, prune=False):
    return Ingestor(settings, store, HashingEmbedder()).run([str(s) for s in sources], prune)


def _check(cache: ChunkIndexCache, store: ChunkStore) -> ChunkIndex:
    index = cache.current(store)
    assert cache.last_event == "updated" and index.version == store.version()
    want = _fresh_build(store)
    same(index, want)
    for q in QUERIES:  # the scores themselves, not only the order
        for f in [None, *FILTERS]:
            mask = None if f is None else want.mask(f)
            assert index.lexical.search(q, 50, mask) == want.lexical.search(q, 50, mask)
    assert index.lexical.vocab.keys() == want.lexical.vocab.keys()  # no terms of gone chunks
    return index


def test_adds_replaces_deletes_and_renames_equal_a_fresh_build(tmp_path):
    settings = Settings(home=tmp_path / "home")
    store = ChunkStore(settings)
    docs = tmp_path / "docs"
    shutil.copytree(SAMPLE, docs)
    for i in range(6):
        (docs / f"projekt_{i}.txt").write_text(generated_page(i), encoding="utf-8")
    _ingest(settings, store, docs)
    cache = cache_for(store, lexical_text)
    _check(cache, store)  # the first ingest, into an empty store, is applied too

    (docs / "projekt_9.txt").write_text(generated_page(9), encoding="utf-8")  # add
    (docs / "projekt_2.txt").write_text(generated_page(2, version=1), encoding="utf-8")  # replace
    page = docs / "004_2bf8b921bb3f0e7e.txt"
    page.write_text(page.read_text("utf-8").replace("Utreda nya", "Utreda solenergi"), "utf-8")
    (docs / "projekt_4.txt").unlink()  # delete (with --prune)
    summary = _ingest(settings, store, docs, prune=True)
    assert (summary.added, summary.updated, summary.removed) == (1, 2, 1)
    index = _check(cache, store)
    assert ranked(index, "solenergi")

    # a namesake in another folder renames the stored source's display name
    other = tmp_path / "andra"
    other.mkdir()
    (other / "projekt_0.txt").write_text(generated_page(20), encoding="utf-8")
    before = set(cache.current(store).sources)
    _ingest(settings, store, docs, other)
    index = _check(cache, store)
    assert index.sources != before and "projekt_0.txt" not in index.sources
    store.close()


def test_the_ingest_saves_the_updated_version_and_keeps_the_previous_one(tmp_path):
    settings = Settings(home=tmp_path / "home")
    store = ChunkStore(settings)
    docs = tmp_path / "docs"
    docs.mkdir()
    root = settings.home / "lexical" / store.identity / terms_fingerprint()
    versions = []
    for i in range(4):
        (docs / f"projekt_{i}.txt").write_text(generated_page(i), encoding="utf-8")
        _ingest(settings, store, docs)
        versions.append(store.version())
        if i == 1:  # a replica on the same home holds this version, memory-mapped
            replica = ChunkIndexCache(root, lexical_text)
            held = replica.current(store)
            assert replica.last_event == "loaded"
    # only the newest and the one before it are left
    assert sorted(p.name for p in root.iterdir()) == sorted(versions[-2:])
    # the replica's index of a removed version still answers, and it moves on by loading
    assert held.version == versions[1] and ranked(held, "Projekt export 1")
    assert replica.current(store).version == versions[-1] and replica.last_event == "loaded"
    store.close()


def test_a_write_of_another_process_makes_the_index_rebuild(tmp_path):
    settings = Settings(home=tmp_path / "home")
    mine, theirs = ChunkStore(settings), ChunkStore(settings)  # theirs: no listener
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        (docs / f"p{i}.txt").write_text(generated_page(i), encoding="utf-8")
    _ingest(settings, mine, docs)
    cache = cache_for(mine, lexical_text)
    before = cache.current(mine)
    ids = [before.id_at(i) for i in range(3)]
    # their write lands between two of mine: my second write's parent is their version,
    # which no index of mine is at
    mine.delete_ids([ids[0]])
    theirs.delete_ids([ids[1]])
    mine.delete_ids([ids[2]])
    index = cache.current(mine)
    assert cache.last_event == "built"  # the chain was not trusted
    assert not set(ids) & set(index.ids_where(np.ones(index.size, bool)))
    same(index, _fresh_build(mine))
    mine.close()
    theirs.close()
