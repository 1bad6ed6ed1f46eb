"""Questions per second against serving processes: 1, 4 and 16 concurrent clients.

Each serving process is the real Gradio app (`assistant.ui.launch`, the queue and thread
settings of `settings.serve`) around an Assistant on a bench home; with stand-in vectors it
embeds questions with the same stand-in. Clients are threads in this process that call the
`/ask` endpoint over Gradio's HTTP API (POST the call, read its event stream), so the load
generator costs little next to the servers. Two replicas share one `chroma run` server and
one home (the saved lexical index), and the clients alternate between them.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = (1, 4, 16)
START_TIMEOUT_S = 300  # a replica loads or builds the lexical index of the store before serving
# Questions each client level asks in all: enough for a p95, bounded in time on 2 cores.
QUESTIONS_PER_LEVEL = 64


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, path: str, seconds: float) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}")
        try:
            if httpx.get(url + path, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def _env(extra: dict | None = None) -> dict:
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = dict(os.environ, PYTHONPATH=path, TOKENIZERS_PARALLELISM="false")
    return env | (extra or {})


@contextmanager
def chroma_server(path: Path):
    """`chroma run` on a free loopback port over an existing store directory."""
    cli = Path(sys.executable).with_name("chroma")
    port = free_port()
    log = (path.parent / "chroma-server.log").open("wb")
    proc = subprocess.Popen(
        [str(cli), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, proc, "/api/v2/heartbeat", 120)
        yield url
    finally:
        stop_process(proc)
        log.close()


# Seconds a stopped server gets to exit after SIGTERM, and again after SIGKILL.
STOP_GRACE_S = 15


def stop_process(proc: subprocess.Popen, grace: float = STOP_GRACE_S) -> None:
    """Terminate a server process; kill it when it has not exited within `grace` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=grace)


@contextmanager
def replicas(args: dict, n: int, chroma_url: str | None = None, log_dir: Path | None = None):
    """`n` serving processes (`python -m eval.bench app <json>`) on free ports: their URLs."""
    procs, urls = [], []
    try:
        for i in range(n):
            port = free_port()
            a = dict(args, port=port, chroma_url=chroma_url)
            log = open(Path(log_dir or args["home"]) / f"replica-{i}.log", "wb")  # noqa: SIM115
            procs.append(
                (
                    subprocess.Popen(
                        [sys.executable, "-m", "eval.bench", "app", json.dumps(a)],
                        cwd=ROOT,
                        env=_env(),
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    ),
                    log,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for (proc, _), url in zip(procs, urls, strict=True):
            _wait(url, proc, "/gradio_api/info", START_TIMEOUT_S)
        yield urls
    finally:
        for proc, log in procs:
            stop_process(proc)
            log.close()


def ask_http(client, url: str, question: str) -> float:
    """One question through Gradio's API (the `/ask` endpoint): seconds until its answer."""
    started = time.perf_counter()
    r = client.post(f"{url}/gradio_api/call/ask", json={"data": [question, *[None] * 5]})
    r.raise_for_status()
    event = r.json()["event_id"]
    with client.stream("GET", f"{url}/gradio_api/call/ask/{event}") as stream:
        for line in stream.iter_lines():
            if line.startswith("event: error"):
                raise RuntimeError(f"{url}: error for {question!r}")
            if line.startswith("event: complete"):
                break
    return time.perf_counter() - started


def load(urls: list[str], questions: list[str], clients: int, total: int) -> dict:
    """`clients` threads ask `total` questions in all (round robin over the URLs): q/s and
    latency percentiles."""
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def client(k: int) -> None:
        with httpx.Client(timeout=120) as http:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                url = urls[i % len(urls)]
                try:
                    s = ask_http(http, url, questions[(i + k) % len(questions)])
                except Exception as exc:  # reported with the figures, not fatal
                    with lock:
                        errors.append(str(exc))
                    continue
                with lock:
                    latencies.append(s)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    p95 = ordered[max(0, int(0.95 * len(ordered) + 0.999) - 1)] if ordered else None
    return {
        "clients": clients,
        "questions": len(latencies),
        "errors": len(errors),
        "qps": len(latencies) / wall if wall else 0.0,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else None,
        "p95_ms": p95 * 1000 if p95 is not None else None,
        "load_avg": round(os.getloadavg()[0], 2),
    }


def measure(
    args: dict, questions: list[str], clients=CLIENTS, total: int = QUESTIONS_PER_LEVEL
) -> dict:
    """q/s at each client count against one serving process on the embedded store, and
    against two replicas on one `chroma run` server over the same store."""
    out: dict = {"one": [], "one_on_server": [], "two_on_server": []}
    with replicas(args, 1) as urls:
        load(urls, questions, 2, 8)  # warm: first questions load pages of the store
        out["one"] = [load(urls, questions, c, total) for c in clients]
    with chroma_server(Path(args["home"]) / "chroma") as chroma:
        for n, key in ((1, "one_on_server"), (2, "two_on_server")):
            with replicas(args, n, chroma) as urls:
                load(urls, questions, 2, 8)
                out[key] = [load(urls, questions, c, total) for c in clients]
    return out


def markdown(result: dict, settings_note: str) -> str:
    rows = [
        "| setup | clients | questions/s | p50 / p95 ms | errors | 1-min load |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    names = {
        "one": "one `serve`, embedded store",
        "one_on_server": "one replica, one `chroma run`",
        "two_on_server": "two replicas, one `chroma run`",
    }
    for key, name in names.items():
        for r in result.get(key) or []:
            rows.append(
                f"| {name} | {r['clients']} | {r['qps']:.1f} | {r['p50_ms']:.0f} / "
                f"{r['p95_ms']:.0f} | {r['errors']} | {r['load_avg']} |"
            )
    return settings_note + "\n\n" + "\n".join(rows)
