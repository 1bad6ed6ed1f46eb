"""Regression tests for the app and CLI faults of issue 15 (numbers 8-14).

Fast: the hashing embedder (STODKOLLEN_EMBEDDING__MODEL=hash) with real Chroma stores, the
app's pure handlers (assistant.ui.Handlers) without a browser, and the CLI in-process. The
server-mode tests start their own `chroma run` and freeze it with SIGSTOP.
"""

from __future__ import annotations

import html
import json
import logging
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import gradio as gr
import pytest
from click.testing import CliRunner

from assistant.service import Assistant
from assistant.ui import Handlers, make_filters
from cli.main import main
from eval.throughput import stop_process
from index.store import ChunkStore
from ingest.maintenance import diagnose
from ingest.pipeline import Ingestor
from stodkollen.errors import UserInputError
from stodkollen.settings import AnswerSettings, EmbeddingSettings, Settings, get_settings
from tests.conftest import SAMPLE
from tests.fakes import HashingEmbedder
from tests.test_chroma_server import chroma_cli, free_port, wait_for_heartbeat
from tests.test_crash_recovery import Crash, crash_at

HASH = EmbeddingSettings(model="hash")
# The hashing embedder ranks poorly; these gates let it answer so filters can be seen at work.
ANSWERING = AnswerSettings(min_dense=-1.0, min_coverage=0.0)
QUESTION = "Finns det rådgivning för företagare i Malå?"


def _no_progress(*args, **kwargs) -> None:
    """Stands in for gr.Progress outside a running app."""


def hash_settings(home: Path, **update) -> Settings:
    return Settings(home=home, embedding=HASH, answer=ANSWERING, **update)


@pytest.fixture(scope="module")
def sample_app(tmp_path_factory) -> Handlers:
    """The app's handlers around an assistant over the sample corpus (hashing embedder)."""
    assistant = Assistant(
        hash_settings(tmp_path_factory.mktemp("apphome")), embedder=HashingEmbedder()
    )
    assistant.ingest([str(SAMPLE)])
    return Handlers(assistant)


@pytest.fixture
def cli_env(tmp_path, monkeypatch) -> Path:
    """An empty home for the CLI, with the hashing embedder."""
    home = tmp_path / "home"
    monkeypatch.setenv("STODKOLLEN_HOME", str(home))
    monkeypatch.setenv("STODKOLLEN_EMBEDDING__MODEL", "hash")
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def ingested_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("clihome")
    env = {"STODKOLLEN_HOME": str(home), "STODKOLLEN_EMBEDDING__MODEL": "hash"}
    assert CliRunner().invoke(main, ["ingest"], env=env).exit_code == 0
    return home


@pytest.fixture
def sample_cli(ingested_home, monkeypatch) -> Path:
    monkeypatch.setenv("STODKOLLEN_HOME", str(ingested_home))
    monkeypatch.setenv("STODKOLLEN_EMBEDDING__MODEL", "hash")
    get_settings.cache_clear()
    yield ingested_home
    get_settings.cache_clear()


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def fel_line(result) -> str:
    """The one "Fel: …" line a user mistake prints (and nothing else on stderr)."""
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and lines[0].startswith("Fel: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0].removeprefix("Fel: ")


def app_error(call) -> str:
    with pytest.raises(gr.Error) as caught:
        call()
    return caught.value.message


def chat_reply(handlers: Handlers, **form) -> str:
    """The assistant's last chat message for QUESTION with the given filter form values."""
    fields = {"kommun": "", "lan": "", "from_year": "", "to_year": ""} | form
    *_, last = handlers.respond(QUESTION, [], None, {}, **fields)
    return last[1][-1]["content"]


def render_text(markdown: str) -> str:
    """A chat error message back as plain text (render.error_markdown escapes it)."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown.removeprefix("⚠️ ")))


@contextmanager
def chroma_server(data: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """A real `chroma run` on a free loopback port; continued and stopped on exit."""
    cli = chroma_cli()
    if cli is None:
        pytest.skip("the chroma CLI is not installed next to this Python")
    port = free_port()
    data.mkdir(parents=True, exist_ok=True)
    with (data / "server.log").open("wb") as log:
        proc = subprocess.Popen(
            [str(cli), "run", "--path", str(data / "db"), "--host", "127.0.0.1"]
            + ["--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_heartbeat(url, proc)
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGCONT)
            stop_process(proc, grace=10)


def server_app(url: str, home: Path) -> Handlers:
    assistant = Assistant(hash_settings(home, chroma_url=url), embedder=HashingEmbedder())
    assistant.ingest([str(SAMPLE / "002_a2ead99e0bb57481.txt")])
    return Handlers(assistant)


# --- 8: a frozen Chroma server fails a question in seconds, in Swedish ----------------------
def test_frozen_server_fails_app_questions_within_seconds(tmp_path):
    with chroma_server(tmp_path / "chroma") as (url, proc):
        app = server_app(url, tmp_path / "home")
        assert app.api_ask(QUESTION)["sources"]  # the server works
        proc.send_signal(signal.SIGSTOP)  # frozen: accepts connections, never answers
        started = time.monotonic()
        pool = ThreadPoolExecutor(2)  # the app's two workers, both asking
        try:
            chat = pool.submit(lambda: render_text(chat_reply(app)))
            api = pool.submit(app_error, lambda: app.api_ask(QUESTION))
            messages = [chat.result(timeout=20), api.result(timeout=20)]
        finally:
            pool.shutdown(wait=False)  # a hung worker is released when the server continues
        elapsed = time.monotonic() - started
    print(f"two questions to a frozen server failed after {elapsed:.1f} s: {messages}")
    assert elapsed < 12
    for message in messages:
        assert "Chroma-servern" in message and "svarar inte" in message, message
        assert "reindex" not in message


def test_store_requests_get_the_short_limit_and_writes_the_long_one():
    """The plumbing at the httpx level: a hook gives each request its limit."""
    import httpx

    from index import store

    seen: list[dict] = []
    client = httpx.Client(
        transport=httpx.MockTransport(
            lambda request: seen.append(request.extensions["timeout"]) or httpx.Response(200)
        )
    )
    settings = Settings(home=Path("/nonexistent"))
    store.limit_requests(client, settings)
    client.get("http://chroma.invalid/api/v2/heartbeat")
    with store.writing(settings):
        client.post("http://chroma.invalid/api/v2/upsert")
    assert seen[0]["read"] == settings.store.query_timeout_s <= 6
    assert seen[1]["read"] == settings.store.write_timeout_s >= 60


# --- 9: year and k mistakes: one "Fel:" line, the app's rules and words ------------------------
@pytest.mark.parametrize(
    ("args", "form"),
    [
        (["--from-year", "3000"], ("3000", "")),
        (["--from-year", "-5"], ("-5", "")),
        (["--to-year", "1e400"], ("", "1e400")),
        (["--from-year", "2022", "--to-year", "2018"], ("2022", "2018")),
        (["--from-year", "abc"], ("abc", "")),
    ],
)
def test_cli_year_mistakes_are_the_apps_fel_line(cli_env, args, form):
    with pytest.raises(UserInputError) as app_says:
        make_filters("", "", *form)
    assert fel_line(run_cli("ask", QUESTION, *args)) == str(app_says.value)


@pytest.mark.parametrize("k", ["0", "51", "-1", "abc", "2.5"])
def test_cli_k_mistakes_are_one_swedish_fel_line(cli_env, k):
    message = fel_line(run_cli("ask", QUESTION, "--k", k))
    assert message == fel_line(run_cli("similar", "samverkan", "--k", k))
    assert "Antalet" in message and "mellan 1 och 50" in message


# --- 10: the API answers bad numbers in Swedish, without a traceback -------------------------
@pytest.mark.parametrize("value", ["1e400", 1e400, float("nan"), "abc", -5, 3000.0, 2020.5])
def test_api_bad_years_are_swedish_errors(sample_app, value, caplog):
    with caplog.at_level(logging.DEBUG):
        message = app_error(lambda: sample_app.api_ask(QUESTION, from_year=value))
        assert "Årtalet" in message
        assert "Årtalet" in chat_reply(sample_app, from_year=value)
    assert not [r for r in caplog.records if r.exc_info], "no traceback in the log"


@pytest.mark.parametrize("k", ["abc", "1e400", 0, -3, 1e400, float("nan"), 2.5])
def test_api_bad_k_is_a_swedish_error(sample_app, k, caplog):
    with caplog.at_level(logging.DEBUG):
        assert "Antalet" in app_error(lambda: sample_app.api_similar("samverkan", k=k))
    assert not [r for r in caplog.records if r.exc_info]


@pytest.mark.parametrize("k", ["0", "abc"])
def test_api_k_message_is_the_clis(cli_env, sample_app, k):
    api = app_error(lambda: sample_app.api_similar("samverkan", k=k))
    assert api == fel_line(run_cli("similar", "samverkan", "--k", k))


def test_api_good_numbers_still_work(sample_app):
    assert len(sample_app.api_similar("samverkan mellan kommun och företag", k="2")) == 2
    assert sample_app.api_ask(QUESTION, from_year="2018", to_year=2024.0)["sources"]


# --- 11: place and source filters: normalised, or unknown with the nearest name ---------------
@pytest.mark.parametrize("typed", ["mala", "malå kommun", "MALÅ", "Malå"])
def test_kommun_filter_is_normalised(sample_app, typed):
    d = sample_app.api_ask(QUESTION, kommun=typed)
    assert d["sources"] and all("Malå" in s["kommuner"] for s in d["sources"])


def test_lan_filter_is_normalised(sample_app):
    d = sample_app.api_ask(QUESTION, lan="västerbotten")
    assert d["sources"] and all("Västerbottens län" in s["lans"] for s in d["sources"])


@pytest.mark.parametrize(
    ("field", "typed", "nearest"),
    [
        ("kommun", "Malåå", "Malå"),
        ("kommun", "Ornskoldsvk", "Örnsköldsvik"),
        ("lan", "Västerbotens län", "Västerbottens län"),
        ("source", "002_a2ead99e0bb57481", "002_a2ead99e0bb57481.txt"),
    ],
)
def test_unknown_filter_value_is_named_with_the_nearest_known(
    sample_app, sample_cli, field, typed, nearest
):
    api = app_error(lambda: sample_app.api_ask(QUESTION, **{field: typed}))
    assert typed in api and nearest in api and re.search("Okän[dt] ", api), api
    assert fel_line(run_cli("ask", QUESTION, f"--{field}", typed)) == api
    if field != "source":  # the chat form has no source field
        assert render_text(chat_reply(sample_app, **{field: typed})) == api


# --- 12: advice that matches the cause ----------------------------------------------------------
def test_app_advice_when_the_server_is_down(tmp_path):
    with chroma_server(tmp_path / "chroma") as (url, proc):
        app = server_app(url, tmp_path / "home")
        proc.terminate()
        proc.wait(timeout=10)
        messages = [app_error(lambda: app.api_ask(QUESTION)), render_text(chat_reply(app))]
        with pytest.warns(UserWarning) as warned:  # the page still loads, with a notice
            app.page_state()
        messages.append(str(warned[0].message))
    for message in messages:
        assert "STODKOLLEN_CHROMA_URL" in message and "reindex" not in message, message


def test_doctor_advice_when_the_server_is_down(tmp_path):
    health = diagnose(hash_settings(tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}"))
    text = health.text()
    assert not health.healthy and "STODKOLLEN_CHROMA_URL" in text and "reindex" not in text


def test_doctor_advice_for_a_half_written_source_is_ingest_and_it_works(cli_env):
    settings = get_settings()
    store = ChunkStore(settings)
    crash_at(store, 2)  # the first source's chunks written, its project records not
    with pytest.raises(Crash):
        Ingestor(settings, store, HashingEmbedder()).run([str(SAMPLE)])
    store.close()
    sick = run_cli("doctor")
    assert sick.exit_code == 1 and "reindex" not in sick.output, sick.output
    command = advised_command(sick.output)
    assert command == ["ingest"]
    assert run_cli(*command).exit_code == 0
    assert run_cli("doctor").exit_code == 0


def test_doctor_advice_for_a_corrupt_store_file_is_reindex(cli_env):
    db = cli_env / "chroma" / "chroma.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"inte en databas" * 1000)
    assert advised_command(run_cli("doctor").output)[0] == "reindex"


def advised_command(report: str) -> list[str]:
    """The arguments of the one command the doctor's verdict line advises."""
    verdict = report.strip().splitlines()[-1]
    commands = re.findall(r"'stodkollen ([^']+)'", verdict)
    assert len(commands) == 1, verdict
    return commands[0].split()


# --- 13: uploads that were never ingested ------------------------------------------------------
def test_doctor_lists_uploads_missing_from_the_store_and_ingest_picks_them_up(cli_env):
    assert run_cli("ingest").exit_code == 0
    uploads = cli_env / "uploads"
    uploads.mkdir()
    for i, sample in enumerate(sorted(SAMPLE.iterdir())):
        shutil.copy(sample, uploads / f"uppladdad_{i}.txt")
    assert run_cli("ingest", str(uploads / "uppladdad_0.txt")).exit_code == 0  # before the kill
    sick = run_cli("doctor", "--json")
    assert sick.exit_code == 1
    report = json.loads(sick.stdout)
    assert sorted(report["problems"]) == [f"uppladdad_{i}.txt" for i in range(1, 5)]
    assert not next(c for c in report["checks"] if c["name"] == "Uppladdningar")["ok"]
    command = advised_command(run_cli("doctor").output)
    assert command == ["ingest"]
    fixed = json.loads(run_cli(*command, "--json").stdout)
    assert (fixed["added"], fixed["unchanged"]) == (4, 6)
    assert run_cli("doctor").exit_code == 0


# --- 14: a rejected upload does not stay in uploads/ --------------------------------------------
def test_rejected_upload_is_removed_and_a_replaced_file_restored(tmp_path):
    assistant = Assistant(hash_settings(tmp_path / "home"), embedder=HashingEmbedder())
    app = Handlers(assistant)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    fake = incoming / "rapport.pdf"
    fake.write_bytes(b"MZ\x90\x00" + bytes(2000))  # an .exe renamed .pdf
    good = incoming / "projekt.txt"
    shutil.copy(SAMPLE / "002_a2ead99e0bb57481.txt", good)
    report, *_ = app.upload([str(fake), str(good)], _no_progress)
    uploads = tmp_path / "home" / "uploads"
    assert "rapport.pdf" in report
    assert sorted(p.name for p in uploads.iterdir()) == ["projekt.txt"]

    before = (uploads / "projekt.txt").read_bytes()
    replacement = incoming / "second" / "projekt.txt"
    replacement.parent.mkdir()
    replacement.write_bytes(b"\x00\xff\x00\xfe" * 64)  # binary: rejected
    app.upload([str(replacement)], _no_progress)
    assert sorted(p.name for p in uploads.iterdir()) == ["projekt.txt"]
    assert (uploads / "projekt.txt").read_bytes() == before  # the accepted version is back
    assert "projekt.txt" in assistant.store.sources()
