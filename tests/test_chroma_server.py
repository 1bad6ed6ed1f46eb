"""Server mode: a real `chroma run` on loopback shared by assistants; dead servers fail fast."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eval.throughput import free_port, stop_process
from stodkollen.errors import StoreError
from stodkollen.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
QUESTIONS = [
    "Vad var syftet med projektet FRONT i Norsjö?",
    "Vilka projekt har Malå kommun?",
    "Vem var projektägare för Tillväxtföretag i Västernorrland?",
]
NEW_PAGE = (
    "Hundspann och upplevelser i Kiruna\n\n"
    "Projektägare: Kiruna kommun Projekttid: 2021–2023\n\n"
    "Projektets syfte är att utveckla hundspannsturism och vinterupplevelser i Kiruna "
    "tillsammans med lokala besöksföretag, så att fler turister stannar längre i kommunen.\n"
)
NEW_QUESTION = "Finns det något projekt om hundspann i Kiruna?"


def chroma_cli() -> Path | None:
    """The `chroma` CLI installed with chromadb, next to this interpreter (venv/bin)."""
    path = Path(sys.executable).parent / "chroma"
    return path if path.exists() else None


def wait_for_heartbeat(url: str, proc: subprocess.Popen, seconds: float = 30.0) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chroma run exited with {proc.returncode}")
        try:
            if httpx.get(url + "/api/v2/heartbeat", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"no heartbeat from {url} in {seconds:.0f} s")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    """A real Chroma server on a free loopback port, stopped after the module."""
    cli = chroma_cli()
    if cli is None:
        pytest.skip("the chroma CLI is not installed next to this Python")
    data, port = tmp_path_factory.mktemp("chroma-server"), free_port()
    log = (data / "server.log").open("wb")
    proc = subprocess.Popen(
        [str(cli), "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_heartbeat(url, proc)
        yield url
    finally:
        stop_process(proc, grace=10)
        log.close()


def _sources(answer) -> list[str]:
    return [s.source for s in answer.sources]


@pytest.fixture(scope="module")
def server_assistant(chroma_url, model_dir, real_embedder, tmp_path_factory):
    from assistant.service import Assistant

    settings = Settings(
        home=tmp_path_factory.mktemp("serverhome"), model_dir=model_dir, chroma_url=chroma_url
    )
    assistant = Assistant(settings, embedder=real_embedder)
    assistant.ingest([str(SAMPLE)])
    return assistant


@pytest.mark.slow
def test_server_mode_answers_like_embedded_mode(server_assistant, sample_assistant):
    assert server_assistant.store.count() == sample_assistant.store.count() > 0
    for q in QUESTIONS:
        assert _sources(server_assistant.ask(q)) == _sources(sample_assistant.ask(q)), q


_READER = """
import json, sys
from assistant.service import Assistant
a = Assistant()
for line in sys.stdin:
    answer = a.ask(line.strip())
    print(json.dumps([s.source for s in answer.sources]), flush=True)
"""


@pytest.mark.slow
def test_two_processes_share_one_server(server_assistant, chroma_url, model_dir, tmp_path):
    """A reader process loaded before an ingest by this process sees it on its next question."""
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        STODKOLLEN_CHROMA_URL=chroma_url,
        STODKOLLEN_HOME=str(tmp_path / "readerhome"),
        STODKOLLEN_MODEL_DIR=str(model_dir),
        TOKENIZERS_PARALLELISM="false",
    )
    reader = subprocess.Popen(
        [sys.executable, "-c", _READER],
        env=env,
        cwd=ROOT,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:

        def ask(question: str) -> list[str]:
            reader.stdin.write(question + "\n")
            reader.stdin.flush()
            line = reader.stdout.readline()
            assert line, f"reader process died ({reader.poll()})"
            return json.loads(line)

        page = tmp_path / "kiruna_hundspann.txt"
        assert page.name not in ask(NEW_QUESTION)  # catalog loaded before the new page exists
        page.write_text(NEW_PAGE, encoding="utf-8")
        summary = server_assistant.ingest([str(page)])
        assert summary.added == 1
        assert page.name in ask(NEW_QUESTION)  # count changed -> the reader's catalog reloaded
    finally:
        reader.stdin.close()
        try:
            reader.wait(timeout=30)
        except subprocess.TimeoutExpired:
            reader.kill()


@pytest.mark.slow
def test_two_assistants_in_one_process_see_each_others_ingests(
    server_assistant, chroma_url, model_dir, real_embedder, tmp_path
):
    from assistant.service import Assistant

    settings = Settings(home=tmp_path / "b", model_dir=model_dir, chroma_url=chroma_url)
    other = Assistant(settings, embedder=real_embedder)  # its own ChunkStore and client
    before = other.store.count()
    page = tmp_path / "kiruna_snoskoter.txt"
    page.write_text(
        NEW_PAGE.replace("Hundspann", "Snöskoter").replace("hundspann", "snöskoter"),
        encoding="utf-8",
    )
    server_assistant.ingest([str(page)])
    assert other.store.count() > before
    assert page.name in _sources(other.ask("Finns det något projekt om snöskoter i Kiruna?"))


def test_unreachable_server_is_a_clear_store_error(tmp_path):
    from index.store import ChunkStore

    settings = Settings(home=tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}")
    started = time.monotonic()
    with pytest.raises(StoreError, match="Chroma-servern"):
        ChunkStore(settings)
    assert time.monotonic() - started < 5


def test_silent_server_times_out_instead_of_hanging(tmp_path):
    """A port that accepts connections but never answers (a hung server) fails within seconds."""
    from index.store import ChunkStore

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        with pytest.raises(StoreError, match="svarar inte"):
            ChunkStore(Settings(home=tmp_path, chroma_url=url))
        assert time.monotonic() - started < 15


def test_cli_ask_against_dead_server_prints_one_line(tmp_path):
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        STODKOLLEN_HOME=str(tmp_path),
        STODKOLLEN_CHROMA_URL=f"http://127.0.0.1:{free_port()}",
    )
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "ask", "Vad är FRONT?"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fel: "), done.stderr
    assert "Chroma" in lines[0]


_TEXT_READER = """
import json, sys
from assistant.service import Assistant
a = Assistant()
for line in sys.stdin:
    print(json.dumps(a.ask(line.strip()).answer), flush=True)
"""


@pytest.mark.slow
def test_a_replica_sees_an_edit_that_keeps_the_chunk_count(
    server_assistant, chroma_url, model_dir, tmp_path
):
    """Issue 15, fault 4: the reader process reloads on the store version, not the count."""
    page = tmp_path / "kiruna_vinterturer.txt"
    # Its own title: the module's other tests store NEW_PAGE itself under other names.
    original = NEW_PAGE.replace("Hundspann och upplevelser", "Vinterturer med hund")
    page.write_text(original, encoding="utf-8")
    server_assistant.ingest([str(page)])
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        STODKOLLEN_CHROMA_URL=chroma_url,
        STODKOLLEN_HOME=str(tmp_path / "replica"),
        STODKOLLEN_MODEL_DIR=str(model_dir),
        TOKENIZERS_PARALLELISM="false",
    )
    reader = subprocess.Popen(
        [sys.executable, "-c", _TEXT_READER],
        env=env,
        cwd=ROOT,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:

        def ask(question: str) -> str:
            reader.stdin.write(question + "\n")
            reader.stdin.flush()
            line = reader.stdout.readline()
            assert line, f"reader process died ({reader.poll()})"
            return json.loads(line)

        question = "Berätta om Vinterturer med hund i Kiruna"
        assert "slädhundar" not in ask(question)
        count = server_assistant.store.count()
        page.write_text(original.replace("hundspann", "slädhundar"), encoding="utf-8")
        assert server_assistant.ingest([str(page)]).updated == 1
        assert server_assistant.store.count() == count
        assert "slädhundar" in ask(question)
    finally:
        reader.stdin.close()
        try:
            reader.wait(timeout=30)
        except subprocess.TimeoutExpired:
            reader.kill()
