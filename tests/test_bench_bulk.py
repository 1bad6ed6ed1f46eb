"""The bulk load that takes the benchmark to sizes the pipeline cannot reach in a session."""

from __future__ import annotations

from eval import bench, bulk, synthetic


def test_rate_log_closes_a_window_every_n_chunks_and_restarts_at_a_cut():
    now = [0.0]
    log = bulk.RateLog(every=100, clock=lambda: now[0])
    now[0] = 1.0
    assert log.add(60, "pipeline") is None
    now[0] = 2.0
    first = log.add(60, "pipeline")
    assert first["chunks"] == 120 and first["window_cps"] == 60.0 and first["elapsed_s"] == 2.0
    now[0] = 10.0
    log.cut()  # the time between phases belongs to no window
    now[0] = 11.0
    second = log.add(200, "bulk")
    assert second["phase"] == "bulk" and second["window_cps"] == 200.0
    assert [e["chunks"] for e in log.entries] == [120, 320]


def test_bulk_load_stores_what_the_pipeline_stores(tmp_path, settings):
    """Same chunk and project ids, texts, metadata and source states as `Ingestor.run`, and
    the lexical index follows the bulk writes like the pipeline's."""
    from index.lexical import cache_for
    from index.store import ChunkStore
    from ingest.chunking import lexical_text
    from ingest.loaders import expand_sources
    from ingest.pipeline import Ingestor
    from stodkollen import codec

    synthetic.write_corpus(tmp_path / "corpus", 12, seed=5)
    sources = expand_sources([str(tmp_path / "corpus")])
    emb = synthetic.ProjectionEmbedder()

    def stored(home):
        s = settings.model_copy(update={"home": tmp_path / home})
        store = ChunkStore(s)
        return s, store

    s1, piped = stored("piped")
    Ingestor(s1, piped, emb).run(sources)
    s2, loaded = stored("bulk")
    ingestor = Ingestor(s2, loaded, emb)
    ingestor.run(sources[:4])
    got = bulk.bulk_load(ingestor, sources[4:], sources, window=2)
    ingestor._update_index()
    assert got["sources"] == 8
    assert got["chunks"] == loaded.count() - _count(piped, sources[:4])

    def records(store):
        return sorted(
            (c.id, c.text, sorted(codec.chunk_metadata(c).items())) for c in store.all_chunks()
        )

    assert records(loaded) == records(piped)
    assert sorted(p.id for p in loaded.all_projects()) == sorted(p.id for p in piped.all_projects())
    assert loaded.source_states().keys() == piped.source_states().keys()
    cache = cache_for(loaded, lexical_text)
    index = cache.current(loaded)
    assert cache.last_event in {"updated", "loaded"} and index.size == loaded.count()


def _count(store, sources) -> int:
    states = store.source_states()
    from ingest.loaders import source_id

    return sum(len(states[source_id(s)].chunk_ids) for s in sources)


def test_bench_reaches_a_size_by_a_pipeline_prefix_and_a_bulk_load(tmp_path, model_dir):
    row = bench.bench_size(300, tmp_path, model_dir, stand_in=True, n_questions=4, bulk_above=100)
    assert row["pipeline"]["chunks"] >= 80 and row["bulk"]["chunks"] > 0  # about 100
    assert row["chunks"] == row["pipeline"]["chunks"] + row["bulk"]["chunks"]
    assert row["reingest_s"] is None and row["rebuild_s"] is None
    assert row["where_ids_ms"] is None and row["mask_ms"] > 0
    assert row["catalog_event"] == "loaded" and row["answered"] >= 1
    text = bench.markdown({"sizes": [row]})
    assert "bulk-loaded" in text or "bulk load" in text
    assert "| – | – |" in text  # no re-ingest figures


def test_bulk_load_stops_at_its_deadline(tmp_path, settings):
    from index.store import ChunkStore
    from ingest.loaders import expand_sources
    from ingest.pipeline import Ingestor

    synthetic.write_corpus(tmp_path / "corpus", 6, seed=5)
    sources = expand_sources([str(tmp_path / "corpus")])
    s = settings.model_copy(deep=True)
    s.ingest.flush_chunks = 1  # one page per batch
    ingestor = Ingestor(s, ChunkStore(s), synthetic.ProjectionEmbedder())
    got = bulk.bulk_load(ingestor, sources, sources, window=1, until=0.0)
    assert got["stopped_early"] and got["sources"] == 1
