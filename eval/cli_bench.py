"""The one-shot command line as a user runs it: `stodkollen --help`, `projects` (text, --csv,
--json) and `ask` on the sample corpus, each a fresh process, timed from outside (wall
seconds, peak RSS).

`ask` runs with the default backend and with `torch`, interleaved, so their ratio is taken
within one run on the same machine load. Part of `stodkollen bench` (eval/BENCH.md).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Vem var projektägare för Håll ut?"
TARGETS = {"ask_s": 2.5, "ask_rss_mb": 500.0, "help_s": 1.0, "projects_s": 1.0}  # issue 14
PROJECT_LISTS = ("projects", "projects_csv", "projects_json")  # each under projects_s
COMMANDS = {
    "help": (["--help"], {}),
    "projects": (["projects"], {}),
    "projects_csv": (["projects", "--csv"], {}),
    "projects_json": (["projects", "--json"], {}),
    "ask": (["ask", QUESTION], {}),
    "ask_torch": (["ask", QUESTION], {"STODKOLLEN_EMBEDDING__BACKEND": "torch"}),
}
_SETUP_TIMEOUT_S = 1800  # an ingest that exports the ONNX model first takes minutes
_RUN_TIMEOUT_S = 300


def _env(home: Path, model_dir: Path, extra: dict[str, str]) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {
        **os.environ,
        "PYTHONPATH": path,
        "STODKOLLEN_HOME": str(home),
        "STODKOLLEN_MODEL_DIR": str(model_dir),
        **extra,
    }


def timed(args: list[str], env: dict[str, str], timeout: float = _RUN_TIMEOUT_S) -> dict:
    """One `stodkollen ARGS` process: wall seconds from spawn to exit, its peak RSS (MB)."""
    import threading

    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli.main", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    watchdog = threading.Timer(timeout, proc.kill)  # bounded, whatever the command does
    watchdog.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)  # reaps it: its own rusage, not ours
    finally:
        watchdog.cancel()
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"stodkollen {' '.join(args)} failed ({status})")
    return {"wall_s": wall, "rss_mb": usage.ru_maxrss / 1024}  # KiB on Linux


def run_cli_bench(model_dir: Path, rounds: int = 5, progress=print) -> dict:
    """Ingest the sample with both backends into a fresh data dir, then time every command
    `rounds` times, interleaved; medians, and the pairwise ask/ask_torch wall ratio."""
    with tempfile.TemporaryDirectory(prefix="stodkollen-cli-") as d:
        home = Path(d) / "home"
        for backend in ("onnx", "torch"):
            progress(f"CLI: ingest the sample ({backend}) ...")
            env = _env(home, model_dir, {"STODKOLLEN_EMBEDDING__BACKEND": backend})
            timed(["ingest"], env, _SETUP_TIMEOUT_S)
        runs: dict[str, list[dict]] = {k: [] for k in COMMANDS}
        for i in range(rounds + 1):  # the first round warms the page cache and is dropped
            for name, (args, extra) in COMMANDS.items():
                run = timed(args, _env(home, model_dir, extra))
                if i:
                    runs[name].append(run)
        progress("CLI: done")
    out: dict = {"rounds": rounds, "load_avg": round(os.getloadavg()[0], 2)}
    for name, rows in runs.items():
        out[f"{name}_s"] = statistics.median(r["wall_s"] for r in rows)
        out[f"{name}_rss_mb"] = statistics.median(r["rss_mb"] for r in rows)
    pairs = zip(runs["ask"], runs["ask_torch"], strict=True)
    out["ask_vs_torch"] = statistics.median(a["wall_s"] / b["wall_s"] for a, b in pairs)
    return out


def _ok(value: float, target: float) -> str:
    return "yes" if value <= target else "**no**"


def cli_table(c: dict) -> str:
    """Median wall seconds and peak RSS of each command."""
    names = {
        "help": "`stodkollen --help`",
        "projects": "`stodkollen projects`",
        "projects_csv": "`stodkollen projects --csv`",
        "projects_json": "`stodkollen projects --json`",
        "ask": f'`stodkollen ask "{QUESTION}"` (default backend, onnx)',
        "ask_torch": "the same `ask` with `STODKOLLEN_EMBEDDING__BACKEND=torch`",
    }
    rows = ["| command | wall s (median) | peak RSS MB |", "|---|---:|---:|"]
    for k, label in names.items():
        if f"{k}_s" not in c:  # a report from before the command was timed
            continue
        rows.append(f"| {label} | {c[f'{k}_s']:.2f} | {c[f'{k}_rss_mb']:.0f} |")
    return "\n".join(rows)


def cli_targets(c: dict) -> list[str]:
    return [
        f"- ask {c['ask_s']:.2f} s ≤ {TARGETS['ask_s']} s: {_ok(c['ask_s'], TARGETS['ask_s'])}; "
        f"peak RSS {c['ask_rss_mb']:.0f} MB ≤ {TARGETS['ask_rss_mb']:.0f} MB: "
        f"{_ok(c['ask_rss_mb'], TARGETS['ask_rss_mb'])}; {c['ask_vs_torch']:.2f}× the wall "
        f"time of the torch backend's ask in the same run",
        f"- --help {c['help_s']:.2f} s < {TARGETS['help_s']} s: "
        f"{_ok(c['help_s'], TARGETS['help_s'])}; "
        + "; ".join(
            f"{k.replace('_', ' --')} {c[f'{k}_s']:.2f} s < {TARGETS['projects_s']} s: "
            f"{_ok(c[f'{k}_s'], TARGETS['projects_s'])}"
            for k in PROJECT_LISTS
            if f"{k}_s" in c
        ),
    ]
