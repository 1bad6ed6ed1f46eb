"""Reaching a large benchmark size in a session: a pipeline prefix, then a labelled bulk load.

At about 110 stand-in chunks/s the full pipeline takes hours for 10^6 chunks on two cores, so
`stodkollen bench --bulk-above N` ingests the first pages (about N chunks) with
`Ingestor.run`, logging its rate as the collection grows (`RateLog`), and writes the rest with
`bulk_load`: the same parsing (`Ingestor._prepare`) in a second process, and the same
`Ingestor._flush` (stand-in vectors, one batched store upsert per flush, the lexical index
journal) in this one. What the bulk load leaves out is the per-source bookkeeping of a run
(reading the stored source states first; every bulk source is new) and the serial order:
parsing overlaps the writes. The stored records are the ones the pipeline writes (tested).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from ingest.loaders import source_id, source_names


class RateLog:
    """Chunks written over time: one entry per `every` chunks, with the rate over that window
    and the machine's 1-minute load average, so a slowdown as the store grows shows."""

    def __init__(self, every: int = 25_000, clock: Callable[[], float] = time.perf_counter):
        self.every, self.clock = every, clock
        self.started = clock()
        self.total = 0
        self.entries: list[dict] = []
        self._mark = (self.started, 0)

    def add(self, n: int, phase: str) -> dict | None:
        """Count `n` chunks just written; the new entry when a window closed, else None."""
        self.total += n
        t0, c0 = self._mark
        if self.total - c0 < self.every:
            return None
        now = self.clock()
        entry = {
            "event": "rate",
            "phase": phase,
            "chunks": self.total,
            "elapsed_s": round(now - self.started, 1),
            "window_cps": round((self.total - c0) / max(now - t0, 1e-9), 1),
            "load": round(os.getloadavg()[0], 2),
        }
        self._mark = (now, self.total)
        self.entries.append(entry)
        return entry

    def cut(self) -> None:
        """Start a new window here (between phases, so no window spans both)."""
        self._mark = (self.clock(), self.total)


def counting(store, log: RateLog, phase: list[str], emit: Callable[[dict], None]) -> None:
    """Wrap `store.upsert` so every write is counted in `log` under the current `phase[0]`."""
    real = store.upsert

    def upsert(chunks, *args, **kwargs):
        out = real(chunks, *args, **kwargs)
        entry = log.add(len(chunks), phase[0])
        if entry:
            emit(entry)
        return out

    store.upsert = upsert


def _prepare_batch(settings, items: list[tuple[str, str]]) -> list:
    """In the parsing process: load and parse new sources into the pipeline's pending jobs."""
    from ingest.loaders import load_source
    from ingest.pipeline import Ingestor

    ingestor = Ingestor(settings, None, None)  # _prepare needs neither store nor embedder
    jobs = []
    for item, name in items:
        job = ingestor._prepare(load_source(item, settings, name), None)
        if job is not None:
            jobs.append(job)
    return jobs


def _batches(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def bulk_load(
    ingestor,
    sources: list[str],
    all_sources: list[str],
    window: int = 3,
    until: float | None = None,
) -> dict:
    """Write `sources` (not yet stored) through `ingestor`'s flush, parsed in a second process
    at most `window` batches ahead. Display names are computed over `all_sources`, as a run
    over all of them names them. With `until` (a `time.time()`), no batch is started after
    it (the size reached is then smaller; `stopped_early` says so). Returns counts and
    seconds; the caller updates the index."""
    from ingest.pipeline import IngestSummary

    settings = ingestor.settings
    names = source_names(sorted({source_id(s) for s in all_sources}))
    items = [(s, names.get(source_id(s))) for s in sources]
    per_flush = settings.ingest.flush_chunks
    # Pages of one batch: about one flush of chunks (at least one page).
    probe = _prepare_batch(settings, items[:20])
    per_page = max(1.0, sum(len(j.records) for j in probe) / max(1, len(probe)))
    size = max(1, int(per_flush / per_page))
    summary = IngestSummary()
    started = time.perf_counter()
    stopped = False
    with ProcessPoolExecutor(max_workers=1) as pool:
        queue: list[Future] = []
        batches = _batches(items, size)
        for batch in batches:
            queue.append(pool.submit(_prepare_batch, settings, batch))
            if len(queue) >= window:
                break
        while queue:
            jobs = queue.pop(0).result()
            stopped = stopped or (until is not None and time.time() > until)
            nxt = None if stopped else next(batches, None)
            if nxt is not None:
                queue.append(pool.submit(_prepare_batch, settings, nxt))
            ingestor._flush(jobs, summary)
    return {
        "sources": summary.added,
        "chunks": summary.embedded,
        "seconds": time.perf_counter() - started,
        "stopped_early": stopped and next(batches, None) is not None,
    }
