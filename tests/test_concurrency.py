"""Many users at once: 20 gradio_client users ask the real app while it ingests new pages.

Embedded Chroma is one writer process: a CLI ingest into the home a running app uses would
give two processes each with their own index in memory. So the ingest runs inside the app,
through its `/ingest_url` endpoint, from pages a local server on 127.0.0.1 serves.
"""

from __future__ import annotations

import functools
import os
import shutil
import statistics
import threading
import time
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.service import Assistant
from ingest.maintenance import diagnose
from stodkollen.settings import Settings
from tests.app_server import served_app
from tests.conftest import SAMPLE
from tests.fakes import HashingEmbedder
from tests.test_crash_recovery import generated_page
from tests.test_hostile_input import assert_well_formed

ROOT = Path(__file__).resolve().parent.parent
USERS, SECONDS, MAX_PER_USER = 20, 30.0, 150
QUESTIONS = [
    "Vem var projektägare för Håll ut?",
    "Vad kostar Medskapande processer?",
    "Finns det rådgivning för företagare i Malå?",
    "Vilka projekt fanns i Norsjö?",
    "Vad gjorde Mora kommun under 2020?",
    "Hur ansöker jag om bygglov?",
    "Vem kan jag kontakta om FRONT?",
    "What support is there for entrepreneurs in Malå?",
]
NEW_PAGES = 5


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """NEW_PAGES project pages served over http on 127.0.0.1 (no robots.txt: allowed)."""
    root = tmp_path_factory.mktemp("pages")
    for i in range(NEW_PAGES):
        (root / f"nytt_{i}.txt").write_text(generated_page(100 + i), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield [f"{base}/nytt_{i}.txt" for i in range(NEW_PAGES)]
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def app(tmp_path_factory, model_dir, real_embedder):
    """`stodkollen serve` on a free port over a home with the sample corpus ingested."""
    home = tmp_path_factory.mktemp("concurrent")
    seed = Assistant(Settings(home=home, model_dir=model_dir), embedder=real_embedder)
    seed.ingest([str(SAMPLE)])
    seed.store.close()  # the app is the only process using the store from now on
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        STODKOLLEN_HOME=str(home),
        STODKOLLEN_MODEL_DIR=str(model_dir),
        STODKOLLEN_INGEST__ALLOW_PRIVATE_URLS="true",  # the pages come from 127.0.0.1
        GRADIO_ANALYTICS_ENABLED="False",
        NO_PROXY="127.0.0.1,localhost",
    )
    with served_app(home, env) as (url, proc, log):
        yield {"url": url, "home": home, "log": log, "proc": proc, "model_dir": model_dir}


def _answer(raw: dict):
    """The API's answer dict as an Answer, for the shared citation checks."""
    from stodkollen.records import Answer, Project, Source

    sources = [
        Source(s["n"], Project(s["source"], 0, s["title"]), s["score"], s["text"])
        for s in raw["sources"]
    ]
    return Answer(raw["question"], raw["answer"], raw["refused"], sources)


class Load:
    """Counts, latencies and errors of the asking users."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.outcomes: Counter[str] = Counter()

    def user(self, url: str, number: int, deadline: float) -> None:
        from gradio_client import Client

        try:
            client = Client(url, verbose=False)
        except Exception as exc:  # counted, not raised: the test reports every failure
            self.add_error(f"user {number} could not connect: {exc!r}")
            return
        for i in range(MAX_PER_USER):
            if time.monotonic() >= deadline:
                break
            question = QUESTIONS[(number + i) % len(QUESTIONS)]
            started = time.monotonic()
            try:
                raw = client.predict(question, None, None, None, None, api_name="/ask")
                assert_well_formed(_answer(raw))
            except Exception as exc:
                self.add_error(f"{question!r}: {exc!r}")
                continue
            with self.lock:
                self.latencies.append(time.monotonic() - started)
                self.outcomes["refused" if raw["refused"] else "answered"] += 1

    def add_error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def _ingest_pages(url: str, pages: list[str], results: list, start_after: float) -> None:
    from gradio_client import Client

    time.sleep(start_after)
    client = Client(url, verbose=False)
    for page in pages:
        try:
            results.append(client.predict(page, api_name="/ingest_url"))
        except Exception as exc:
            results.append({"error": repr(exc), "page": page})


@pytest.mark.slow
def test_twenty_users_ask_while_the_app_ingests(app, pages):
    load, ingested = Load(), []
    deadline = time.monotonic() + SECONDS
    threads = [
        threading.Thread(target=load.user, args=(app["url"], n, deadline)) for n in range(USERS)
    ]
    threads.append(threading.Thread(target=_ingest_pages, args=(app["url"], pages, ingested, 5)))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=SECONDS + 120)
    assert not any(t.is_alive() for t in threads), "a user hung"
    lat = sorted(load.latencies)
    p50, p95 = statistics.median(lat), lat[int(0.95 * (len(lat) - 1))]
    print(
        f"{USERS} users, {SECONDS:.0f} s: {len(lat)} answers {dict(load.outcomes)}, "
        f"{len(load.errors)} errors, p50 {p50:.2f} s, p95 {p95:.2f} s; "
        f"{len(ingested)} pages ingested meanwhile"
    )
    assert load.errors == [], load.errors[:5]
    assert len(lat) >= USERS
    assert [d.get("added") for d in ingested] == [1] * NEW_PAGES, ingested
    _the_new_pages_are_answerable(app["url"])


def _the_new_pages_are_answerable(url: str) -> None:
    from gradio_client import Client

    question = "Vem var projektägare för Projekt besöksnäring 101 i Kiruna?"  # nytt_1.txt
    raw = Client(url, verbose=False).predict(question, None, None, None, None, api_name="/ask")
    assert_well_formed(_answer(raw))
    assert "Kiruna kommun" in raw["answer"] and raw["sources"][0]["source"].endswith(
        "/nytt_1.txt"
    ), raw


@pytest.mark.slow
def test_the_store_is_healthy_after_the_load(app):
    """After the app stops, the doctor finds every source whole (nothing lost or half-written)."""
    app["proc"].terminate()
    app["proc"].wait(timeout=20)
    health = diagnose(Settings(home=app["home"], model_dir=app["model_dir"]))
    assert health.healthy, health.text()
    assert health.problems == {}


# --- in one process: searches while the catalog is rebuilt ----------------------------------
def test_searches_during_ingest_with_prune_in_one_process(tmp_path):
    assistant = Assistant(Settings(home=tmp_path / "home"), embedder=HashingEmbedder())
    assistant.ingest([str(SAMPLE)])
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(5):
        (docs / f"d{i}.txt").write_text(generated_page(i) * 5, encoding="utf-8")
    shutil.copy(SAMPLE / "002_a2ead99e0bb57481.txt", docs)
    errors: list[str] = []
    done = threading.Event()

    def ask() -> None:
        while not done.is_set():
            try:
                assistant.ask("Finns det rådgivning för företagare i Malå?")
            except Exception as exc:
                errors.append(repr(exc))
                done.set()

    def swap() -> None:  # the store alternates between two corpora, shrinking and growing
        deadline = time.monotonic() + 15
        for k in range(10**6):
            if done.is_set() or time.monotonic() > deadline:
                break
            assistant.ingest([str(docs) if k % 2 else str(SAMPLE)], prune=True)
        done.set()

    threads = [threading.Thread(target=ask) for _ in range(3)] + [threading.Thread(target=swap)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assistant.store.close()
    assert errors == []
