"""Run the real app (`stodkollen serve`) on a free 127.0.0.1 port for browser and load tests."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from eval.throughput import free_port, stop_process

ROOT = Path(__file__).resolve().parent.parent


def wait_until_up(url: str, proc: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    """Poll the page until it answers 200; fail with the app's log if it dies or stalls."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the app exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"the app did not answer within {timeout} s:\n{log.read_text()[-3000:]}")


@contextmanager
def served_app(home: Path, env: dict) -> Iterator[tuple[str, subprocess.Popen, Path]]:
    """`stodkollen serve` with `env`, logging to <home>/serve.log; stopped on exit."""
    port, log = free_port(), home / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, proc, log)
        yield url, proc, log
    finally:
        stop_process(proc, grace=20)
