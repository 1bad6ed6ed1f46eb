"""Speed, memory and scale benchmark: ingest, re-ingest, ask latency, RSS, cold start, ONNX.

Each size N (in chunks) gets its own synthetic corpus (eval/synthetic.py) and data dir. The
ingest and the serving side run in fresh subprocesses (`python -m eval.bench <worker> <json>`)
so their peak RSS and the cold start are measured as a user would see them. Sizes above
`stand_in_above` get vectors from a fast stand-in (random projection); BM25, Chroma and the
answer path stay real. Regenerate eval/BENCH.md with `stodkollen bench --sizes 1000,10000`.
"""

from __future__ import annotations

import functools
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    "ingest_ratio": 0.9,
    "reingest_speedup": 50.0,
    "cold_start_s": 10.0,
    "onnx_speedup": 2.0,
    "onnx_cos": 0.98,
    # at 100k chunks (issue 14): start without the model, ask p95, its growth, filters
    "start_without_model_s": 5.0,
    "ask_p95_ms": 300.0,
    "ask_p95_growth": 1.5,  # p95 at 100k over p95 at 10k
    "filtered_p95_ratio": 2.0,  # filtered p95 over unfiltered p95
}
# Sizes above this get stand-in vectors by default: the model would take hours to embed them.
STAND_IN_ABOVE = 10_000
LARGE = 100_000  # the size the latency targets are stated for (rows of at least 90% of it)


# --- the parent: corpus, workers, report -------------------------------------------------------
# Synthetic pages the chunks-per-page estimate is measured on. 40 pages read 7.80 chunks per
# page, 7.5 % above the 7.26 the 10⁶ run made of 128 206 pages, so that run stopped at
# 930 145 chunks; 2 000 pages read 7.25 (a few seconds).
CHUNK_PROBE_PAGES = 2000


@functools.lru_cache(maxsize=8)
def chunks_per_page(seed: int = 0, probe: int = CHUNK_PROBE_PAGES) -> float:
    """Chunks the real parser and chunker make per synthetic page (measured on `probe` pages)."""
    from eval.synthetic import generate_pages
    from ingest.chunking import chunk_project
    from ingest.projects import parse_document
    from stodkollen.records import Document
    from stodkollen.settings import Settings

    cfg = Settings().ingest
    total = 0
    for page in generate_pages(probe, seed):
        doc = Document(page.name, page.text, f"probe-{page.name}")
        for project in parse_document(doc):
            total += len(
                chunk_project(project, doc.content_hash, cfg.chunk_size, cfg.chunk_overlap)
            )
    return total / probe


def filtered_questions(pages, n: int = 30, seed: int = 2) -> list[list]:
    """[question, filters] pairs: questions asked with the filters the UI offers (kommun, län,
    years), each filter matching the project the question is drawn from."""
    import random

    r = random.Random(seed)
    projects = [p for page in pages for p in page.projects]
    out = []
    for _ in range(n):
        p = r.choice(projects)
        question = r.choice(
            [
                f"Vilka projekt om {p.theme} finns?",
                f"Vem är projektägare för {p.title}?",
                f"Vad är syftet med {p.title}?",
                f"Finns det projekt om {p.theme}?",
            ]
        )
        f = r.choice(
            [
                {"kommun": p.kommun},
                {"lan": p.lan},
                {"from_year": p.start_year},
                {"lan": p.lan, "from_year": p.start_year - 1},
            ]
        )
        out.append([question, f])
    return out


def _spawn(
    worker: str, args: dict, timeout: float, progress=None
) -> tuple[list[dict], float | None]:
    """Run a worker; its JSON lines, and seconds from spawn to its 'first_answer' line. Its
    'rate' lines are also passed to `progress` as they come."""
    import threading

    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = dict(
        os.environ,
        PYTHONPATH=path,
        TOKENIZERS_PARALLELISM="false",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    lines, first = [], None
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "eval.bench", worker, json.dumps(args)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        watchdog = threading.Timer(timeout, proc.kill)  # bounded, whatever the worker does
        watchdog.start()
        try:
            for raw in proc.stdout:  # workers print one JSON object per line
                if raw.startswith("{"):
                    lines.append(json.loads(raw))
                    if lines[-1].get("event") == "first_answer" and first is None:
                        first = time.perf_counter() - started
                    if lines[-1].get("event") == "rate" and progress is not None:
                        progress(f"  {raw.strip()}")
            code = proc.wait()
        finally:
            watchdog.cancel()
        if code != 0 or not lines:
            err.seek(0)
            raise RuntimeError(f"bench worker {worker} failed ({code}):\n{err.read()[-3000:]}")
    return lines, first


def _du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20


def bench_size(
    size: int,
    workdir: Path,
    model_dir: Path,
    stand_in: bool,
    n_questions: int,
    seed: int = 0,
    timeout: float = 6 * 3600,
    throughput: bool = False,
    bulk_above: int | None = None,
    progress=None,
) -> dict:
    """Every figure for one corpus size, measured in fresh ingest and serving processes;
    with `throughput`, questions per second against serving apps (`eval.throughput`). Above
    `bulk_above` chunks the pipeline ingests the first pages (about `bulk_above` chunks) and
    the rest is bulk-loaded (`eval.bulk`); the serving process then skips the two
    measurements that take minutes at that size (Chroma `where` ids, rebuild from Chroma)."""
    from eval.synthetic import questions, write_corpus

    # A small corpus needs no probe larger than itself (each probe page costs ~15 ms).
    per_page = chunks_per_page(seed, min(CHUNK_PROBE_PAGES, max(size, 1)))
    n_pages = max(1, math.ceil(size / per_page))
    corpus, home = workdir / f"corpus_{size}", workdir / f"home_{size}"
    pages = write_corpus(corpus, n_pages, seed)
    common = {"home": str(home), "model_dir": str(model_dir), "stand_in": stand_in}
    bulk = bulk_above is not None and size > bulk_above
    extra = {"prefix_pages": math.ceil(bulk_above / per_page)} if bulk else {}
    load_before = os.getloadavg()[0]
    ingest, _ = _spawn(
        "ingest",
        {**common, "corpus": str(corpus), "sample": min(size, 512), **extra},
        timeout,
        progress,
    )
    load_ingested = os.getloadavg()[0]
    qs = questions(pages, n_questions, seed + 1)
    filtered = filtered_questions(pages, n_questions, seed + 2)
    serve, cold = _spawn(
        "serve", {**common, "questions": qs, "filtered": filtered, "light": bulk}, timeout
    )
    qps = None
    if throughput:
        from eval.throughput import measure

        qps = measure(common, questions(pages, 64, seed + 3))
    ing, srv = ingest[-1], serve[-1]
    return {
        "size": size,
        "pages": n_pages,
        "chunks": ing["chunks"],
        "vectors": "stand-in" if stand_in else "model",
        "raw_pps": ing["raw_pps"],
        "ingest_cps": ing["ingest_cps"],
        "ingest_ratio": ing["ingest_cps"] / ing["raw_pps"],
        "ingest_cpu_ratio": ing["ingest_cpu_cps"] / ing["raw_cpu_pps"],
        "raw_pps_before_after": ing["raw_pps_before_after"],
        "ingest_s": ing["ingest_s"],
        "reingest_s": ing["reingest_s"],
        "reingest_speedup": ing["ingest_s"] / ing["reingest_s"] if ing["reingest_s"] else None,
        "pipeline": ing.get("pipeline"),
        "bulk": ing.get("bulk"),
        "rates": ing.get("rates"),
        "ask_p50_ms": srv["p50_ms"],
        "ask_p95_ms": srv["p95_ms"],
        "filtered_p50_ms": srv["filtered_p50_ms"],
        "filtered_p95_ms": srv["filtered_p95_ms"],
        "same_unfiltered_p95_ms": srv["same_unfiltered_p95_ms"],
        "stages_ms": srv["stages_ms"],
        "mask_ms": srv["mask_ms"],
        "where_ids_ms": srv["where_ids_ms"],
        "answered": srv["answered"],
        "questions": len(qs),
        "cold_start_s": cold,
        "catalog_s": srv["catalog_s"],
        "catalog_event": srv["catalog_event"],
        "rebuild_s": srv["rebuild_s"],
        "index_update_s": ing.get("index_update_s"),
        "model_load_s": srv["model_load_s"],
        "imports_s": serve[0].get("imports_s"),
        "open_s": serve[0].get("open_s"),
        "first_ask_s": serve[0].get("first_ask_s"),
        "interpreter_s": cold - serve[0]["worker_s"] if "worker_s" in serve[0] else None,
        "rss_ingest_mb": ing["rss_mb"],
        "rss_serve_mb": srv["rss_mb"],
        "rss_asked_mb": srv.get("rss_asked_mb"),
        "index_mb": _du_mb(home / "chroma"),
        "lexical_mb": _du_mb(home / "lexical") if (home / "lexical").exists() else 0.0,
        "load_avg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "load_after_ingest": round(load_ingested, 2),
        "rss_first_answer_mb": serve[0].get("rss_mb"),
        "throughput": qps,
    }


def run_bench(
    sizes: list[int],
    stand_in_above: int = STAND_IN_ABOVE,
    n_questions: int = 30,
    onnx: bool = True,
    workdir: Path | None = None,
    model_dir: Path | None = None,
    progress=print,
    throughput: bool = False,
    cli: bool = False,
    bulk_above: int | None = None,
) -> dict:
    """Run every size (and the ONNX comparison) and return the report as a dict."""
    from index.provision import ensure_model
    from stodkollen.settings import Settings

    model_dir = Path(model_dir or Settings().models_dir)
    ensure_model(model_dir)  # provisioning is a one-off; it is not part of any figure
    own = workdir is None
    workdir = Path(workdir or tempfile.mkdtemp(prefix="stodkollen-bench-"))
    report: dict = {"machine": machine(), "sizes": [], "onnx": None, "started": time.ctime()}
    report["backend"] = Settings().embedding.backend
    try:
        if onnx:
            progress("ONNX int8 vs torch fp32 ...")
            report["onnx"] = _spawn("onnx", {"model_dir": str(model_dir)}, 3600)[0][-1]
            report["model_start"] = model_cold_starts(model_dir)
        if cli:
            from eval.cli_bench import run_cli_bench

            report["cli"] = run_cli_bench(model_dir, progress=progress)
        for size in sizes:
            stand_in = size > stand_in_above
            progress(f"N={size} ({'stand-in vectors' if stand_in else 'real model'}) ...")
            row = bench_size(
                size,
                workdir,
                model_dir,
                stand_in,
                n_questions,
                throughput=throughput and size == max(sizes),
                bulk_above=bulk_above,
                progress=progress,
            )
            report["sizes"].append(row)
            progress(f"  {json.dumps(row)}")
            shutil.rmtree(workdir / f"corpus_{size}", ignore_errors=True)
            shutil.rmtree(workdir / f"home_{size}", ignore_errors=True)
    finally:
        if own:
            shutil.rmtree(workdir, ignore_errors=True)
    report["finished"] = time.ctime()
    return report


def machine() -> dict:
    """What the figures were taken on."""
    from importlib.metadata import version

    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in _read("/proc/cpuinfo").splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            int(ln.split()[1]) // 2**20
            for ln in _read("/proc/meminfo").splitlines()
            if ln.startswith("MemTotal")
        ),
        0,
    )
    libs = {n: version(n) for n in ("torch", "sentence-transformers", "onnxruntime", "chromadb")}
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "mem_gb": mem,
        "python": platform.python_version(),
        "os": platform.platform(terse=True),
        **libs,
    }


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


# --- the report ----------------------------------------------------------------------------------
def _ms(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _cold(r: dict) -> str:
    """Cold start and, where measured, its parts."""
    parts = [r.get(k) for k in ("interpreter_s", "imports_s", "open_s", "model_load_s")]
    if any(p is None for p in parts) or r.get("first_ask_s") is None:
        return f"{r['cold_start_s']:.1f}"
    head = " + ".join(f"{p:.1f}" for p in parts)
    return (
        f"{r['cold_start_s']:.1f} ({head} + {r['catalog_s']:.1f} "
        f"{r.get('catalog_event', '')} + {r['first_ask_s']:.1f})"
    )


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _ok(value: float | None, target: float, higher: bool = True) -> str:
    if value is None:
        return "–"
    return "yes" if (value >= target if higher else value <= target) else "**no**"


def markdown(report: dict) -> str:
    """The tables (figures and ratios), the ONNX comparison and the targets."""
    rows = report["sizes"]
    out = [
        "| N chunks | vectors | pages | raw passages/s | ingest chunks/s | ingest/raw (wall) "
        "| ingest/raw (CPU) | ingest s | re-ingest s | first/re-ingest |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r['chunks']} | {r['vectors']} | {r['pages']} | {r['raw_pps']:.1f} "
            f"| {r['ingest_cps']:.1f} | {r['ingest_ratio']:.2f} | {r['ingest_cpu_ratio']:.2f} "
            f"| {r['ingest_s']:.1f} | {_ms(r['reingest_s'], 2)} "
            f"| {_ms(r['reingest_speedup'])}{'×' if r['reingest_speedup'] else ''} |"
        )
    out += [
        "",
        "| N chunks | ask p50 / p95 ms | filtered p50 / p95 ms (same questions unfiltered "
        "p95) | answered | cold start s (interpreter + imports + open store + model + "
        "index (how) + first ask) | rebuild from store s | peak RSS ingest / serving MB "
        "| on disk MB: Chroma / lexical index |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r['chunks']} | {r['ask_p50_ms']:.0f} / {r['ask_p95_ms']:.0f} "
            f"| {_ms(r.get('filtered_p50_ms'))} / {_ms(r.get('filtered_p95_ms'))} "
            f"({_ms(r.get('same_unfiltered_p95_ms'))}) "
            f"| {r['answered']}/{r['questions']} | {_cold(r)} | {_s(r.get('rebuild_s'))} "
            f"| {r['rss_ingest_mb']:.0f} / {r['rss_serve_mb']:.0f} "
            f"| {r['index_mb']:.0f} / {r.get('lexical_mb', 0):.0f} |"
        )
    staged = [r for r in rows if r.get("stages_ms")]
    if staged:
        labels = sorted({k for r in staged for k in r["stages_ms"]})
        out += [
            "",
            "Per unfiltered question, mean ms in each stage (the rest is composing the answer), "
            "the index update at the end of the first ingest, and the BM25 filter mask from "
            "the index's arrays against the alternative, a Chroma `where` query for ids:",
            "",
            "| N chunks | " + " | ".join(labels) + " | index update at ingest s "
            "| mask ms: arrays / Chroma where |",
            "|---:|" + "---:|" * (len(labels) + 2),
        ]
        for r in staged:
            cells = " | ".join(f"{r['stages_ms'].get(k, 0):.1f}" for k in labels)
            out.append(
                f"| {r['chunks']} | {cells} | {_s(r.get('index_update_s'))} "
                f"| {_ms(r.get('mask_ms'), 2)} / {_ms(r.get('where_ids_ms'), 1)} |"
            )
    out += bulk_tables(rows)
    for r in rows:
        if r.get("throughput"):
            from eval.throughput import markdown as throughput_table

            out += ["", throughput_table(r["throughput"], _throughput_note(r))]
    o = report.get("onnx")
    if o:
        out += ["", onnx_table(o, report.get("model_start") or {})]
    if report.get("cli"):
        from eval.cli_bench import cli_table

        out += ["", cli_table(report["cli"])]
    return "\n".join(out)


def bulk_tables(rows: list[dict]) -> list[str]:
    """For rows reached by a bulk load: the pipeline prefix and the bulk part, then the
    pipeline's rate per window as the store grew."""
    bulk = [r for r in rows if r.get("bulk")]
    if not bulk:
        return []
    out = [
        "",
        "Rows reached by a bulk load (`--bulk-above`): the first pages through the pipeline "
        "(`Ingestor.run`), the rest through `eval.bulk.bulk_load` (the same parsing and flush, "
        "parsing in a second process, no source-state check), then the lexical index update. "
        "The first table's ingest figures are the pipeline part's; no re-ingest was run.",
        "",
        "| N chunks | pipeline: chunks / s / chunks/s (per CPU s) / index update s "
        "| bulk: chunks / s / chunks/s / index update s |",
        "|---:|---:|---:|",
    ]
    for r in bulk:
        p, b = r["pipeline"], r["bulk"]
        out.append(
            f"| {r['chunks']} | {p['chunks']} / {p['seconds']:.0f} / "
            f"{p['chunks'] / p['seconds']:.0f} ({p['chunks'] / p['cpu_s']:.0f}) / "
            f"{p['index_update_s']:.1f} | {b['chunks']} / {b['seconds']:.0f} / "
            f"{b['chunks'] / b['seconds']:.0f} / {b['index_update_s']:.1f}"
            f"{' (stopped at its deadline)' if b.get('stopped_early') else ''} |"
        )
    for r in bulk:
        if r.get("rates"):
            out += [
                "",
                f"Write rate as the store grew (N={r['chunks']}): chunks/s over each window "
                "ending at the chunk count shown, and the 1-minute load average then.",
                "",
                "| phase | chunks stored | elapsed s | window chunks/s | load |",
                "|---|---:|---:|---:|---:|",
            ]
            out += [
                f"| {e['phase']} | {e['chunks']} | {e['elapsed_s']:.0f} | {e['window_cps']:.0f} "
                f"| {e['load']:.2f} |"
                for e in r["rates"]
            ]
    return out


def _throughput_note(r: dict) -> str:
    from stodkollen.settings import ServeSettings

    serve = ServeSettings()
    return (
        f"Throughput at N={r['chunks']} ({r['vectors']} vectors): questions per second from "
        "1, 4 and 16 concurrent clients over Gradio's HTTP API (`/ask`), against one serving "
        "app on the embedded store and against two replicas on one `chroma run` server over "
        f"the same store (Gradio queue `default_concurrency_limit={serve.concurrency_limit}`, "
        f"`max_threads={serve.max_threads}`: `settings.serve`)."
    )


def onnx_table(o: dict, starts: dict) -> str:
    """torch fp32 vs int8 ONNX (in sentence-transformers, and lean): speed, fidelity, start."""
    names = {
        "torch": "torch fp32 (SentenceTransformer)",
        "onnx": "ONNX int8 (SentenceTransformer)",
        "lean": "ONNX int8 lean (`OnnxTextModel`)",
    }
    rows = [
        "| backend | passages/s | per CPU-second | speedup wall / CPU | cosine to fp32 "
        "mean / min | cold start to first query vector s | its peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for k, name in names.items():
        if f"{k}_pps" not in o:
            continue
        start = starts.get(k, {"seconds": float("nan"), "rss_mb": float("nan")})
        cos = "–" if k == "torch" else f"{o[f'{k}_cos_mean']:.4f} / {o[f'{k}_cos_min']:.4f}"
        speed = f"{o.get(f'{k}_speedup', 1.0):.2f}× / {o.get(f'{k}_cpu_speedup', 1.0):.2f}×"
        rows.append(
            f"| {name} | {o[f'{k}_pps']:.1f} | {o[f'{k}_cpu_pps']:.1f} | {speed} | {cos} "
            f"| {start['seconds']:.1f} | {start['rss_mb']:.0f} |"
        )
    return "\n".join(rows)


def targets(report: dict) -> list[str]:
    """One line per target: met or not, at which size."""
    lines = []
    for r in report["sizes"]:
        model = r["vectors"] == "model"
        ratio = (
            f"ingest/raw {r['ingest_ratio']:.2f} wall, {r['ingest_cpu_ratio']:.2f} CPU ≥ "
            f"{TARGETS['ingest_ratio']}: "
            f"{_ok(r['ingest_ratio'], TARGETS['ingest_ratio'])} / "
            f"{_ok(r['ingest_cpu_ratio'], TARGETS['ingest_ratio'])}"
            if model
            else "ingest/raw: n/a (stand-in vectors)"
        )
        again = (
            f"re-ingest {r['reingest_speedup']:.0f}× ≥ 50×: "
            f"{_ok(r['reingest_speedup'], TARGETS['reingest_speedup'])}"
            if model
            else f"re-ingest {_s(r['reingest_s'])} s (ratio n/a: the first ingest had no model)"
        )
        lines.append(
            f"- N={r['chunks']} ({r['vectors']}): {ratio}; {again}; cold start "
            f"{r['cold_start_s']:.1f} s ≤ 10 s: "
            f"{_ok(r['cold_start_s'], TARGETS['cold_start_s'], higher=False)}"
        )
        if r["chunks"] >= 0.9 * LARGE:
            lines.append("  " + _large_targets(r, report["sizes"]))
    o = report.get("onnx")
    if o:
        lines.append(
            f"- ONNX int8: speedup {o['speedup']:.2f}× ≥ 2×: "
            f"{_ok(o['speedup'], TARGETS['onnx_speedup'])}; cosine mean/min "
            f"{o['cos_mean']:.4f}/{o['cos_min']:.4f} ≥ 0.98: "
            f"{_ok(min(o['cos_mean'], o['cos_min']), TARGETS['onnx_cos'])}"
        )
    if o and "lean_pps" in o:
        start = (report.get("model_start") or {}).get("lean", {}).get("seconds", float("nan"))
        lines.append(
            f"- ONNX int8 lean: speedup {o['lean_speedup']:.2f}× ≥ 2×: "
            f"{_ok(o['lean_speedup'], TARGETS['onnx_speedup'])}; cosine mean/min "
            f"{o['lean_cos_mean']:.4f}/{o['lean_cos_min']:.4f}; model cold start {start:.1f} s"
        )
    if report.get("cli"):
        from eval.cli_bench import cli_targets

        lines += cli_targets(report["cli"])
    return lines


def _large_targets(r: dict, rows: list[dict]) -> str:
    """The issue-14 targets of a row at about 100k chunks."""
    parts = []
    if r.get("model_load_s") is not None:
        start = r["cold_start_s"] - r["model_load_s"]
        parts.append(
            f"cold start without the model load {start:.1f} s ≤ 5 s: "
            f"{_ok(start, TARGETS['start_without_model_s'], higher=False)}"
        )
    parts.append(
        f"ask p95 {r['ask_p95_ms']:.0f} ms ≤ 300 ms: "
        f"{_ok(r['ask_p95_ms'], TARGETS['ask_p95_ms'], higher=False)}"
    )
    smaller = [x for x in rows if x["chunks"] < 0.5 * r["chunks"]]
    if smaller:
        base = max(smaller, key=lambda x: x["chunks"])
        growth = r["ask_p95_ms"] / base["ask_p95_ms"]
        parts.append(
            f"p95 {growth:.2f}× the N={base['chunks']} p95 ≤ 1.5×: "
            f"{_ok(growth, TARGETS['ask_p95_growth'], higher=False)}"
            + (
                " (that row embeds with the model, this one with the stand-in)"
                if base["vectors"] != r["vectors"]
                else ""
            )
        )
    if r.get("filtered_p95_ms") and r.get("same_unfiltered_p95_ms"):
        ratio = r["filtered_p95_ms"] / r["same_unfiltered_p95_ms"]
        parts.append(
            f"filtered p95 {ratio:.2f}× unfiltered ≤ 2×: "
            f"{_ok(ratio, TARGETS['filtered_p95_ratio'], higher=False)}"
        )
    return "; ".join(parts)


def bench_md(report: dict, command: str) -> str:
    """The whole eval/BENCH.md."""
    m = report["machine"]
    loads = [r["load_avg"] for r in report["sizes"]]
    lines = [
        "# Benchmark: speed, memory and scale",
        "",
        f"Regenerate with `{command}` (on 2 shared cores about 25 min for 1000,10000; 100000 "
        "uses stand-in vectors and adds about 30 min).",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['mem_gb']} GB RAM, {m['os']}, Python "
        f"{m['python']}; torch {m['torch']}, "
        f"sentence-transformers {m['sentence-transformers']}, "
        f"onnxruntime {m['onnxruntime']}, chromadb {m['chromadb']}. **Shared machine**: other "
        f"engineers' test runs used the same 2 cores (1-min load average before/after each "
        f"size: {loads}), so absolute figures are noisy; the ratios are measured within one "
        "run and are the numbers to compare.",
        "",
        f"Run {report['started']} – {report['finished']}; embedding backend of the "
        f"ingest and serving processes: `{report.get('backend', 'torch')}` "
        "(`STODKOLLEN_EMBEDDING__BACKEND`).",
        "",
        markdown(report),
        "",
        *([report["onnx_note"], ""] if report.get("onnx_note") else []),
        "## Targets",
        "",
        *targets(report),
        "",
        "## How the figures are taken",
        "",
        "- Corpus: seeded synthetic Swedish project pages (`eval/synthetic.py`), enough pages "
        "for ≈N chunks with the default chunking (120 words, overlap 20).",
        "- raw model passages/s: `embed_passages` on up to 512 of the corpus's own chunk texts "
        "(header + chunk, e5 passage prefix), in the ingest process right before and right "
        "after the ingest (mean of the two; the machine's load drifts). `(CPU)` ratios use "
        "the process's CPU seconds instead of wall time, which other users' load disturbs "
        "less.",
        "- ingest chunks/s: `Ingestor.run` over the corpus directory (load, parse, chunk, "
        "embed, one batched upsert per flush into embedded Chroma, then the update of the "
        "saved lexical index), chunks embedded ÷ wall seconds. Re-ingest: the same call again "
        "on the unchanged corpus (hash check only).",
        "- ask: a fresh serving process on the ingest's data dir; cold start is wall time from "
        "spawning it to its first answer (interpreter, imports, model load, loading the "
        "lexical index the ingest saved for the store version, one `ask`); p50/p95 over the "
        "next questions (generated from the corpus: owner, period, budget, topic in a "
        "kommun/län). Filtered: other questions asked with a kommun, län or year filter that "
        "matches the project they are drawn from, and the same questions without filters. "
        "Rebuild from store: afterwards, in the same process, building the index from every "
        "chunk in Chroma, as a process must that has no saved index for the current version "
        "(and as the catalog did at every start before the index was saved).",
        "- Peak RSS: `ru_maxrss` of the ingest and of the serving process. On disk: the "
        "Chroma directory, and the saved lexical index versions under `<home>/lexical`.",
        "- `stand-in` rows: vectors from a random projection of hashed words "
        "(`eval.synthetic.ProjectionEmbedder`) instead of the model; parsing, Chroma, BM25 and "
        "the answer path are real (refusal threshold off, as random vectors are never close), "
        "so these rows show the pipeline's own cost at that size.",
        "- Throughput (`--throughput`, largest size): the Gradio app as `stodkollen serve` "
        "runs it, in fresh processes on the row's data dir (`eval/throughput.py`); client "
        "threads in the bench process call `/ask` over HTTP (POST, then the event stream), "
        "64 questions per client count, round robin over the replicas; a `chroma run` server "
        "serves the same store directory to one, then two replicas sharing the data dir. The "
        "load generator shares the machine's cores.",
        "- ONNX: 64 chunk passages (sample and synthetic pages) encoded by torch fp32, by "
        "the int8 export inside sentence-transformers and by the lean `OnnxTextModel`, rounds "
        "interleaved, best round of each; cosine of every vector to torch fp32. Cold start "
        "to first query vector: a fresh process per backend (import, load, one query), best "
        "of two rounds.",
        "- Command line: `eval/cli_bench.py`. The sample corpus ingested with both backends "
        "into a fresh data dir; then `--help`, `projects` (text, `--csv`, `--json`), `ask` "
        "(default backend) and `ask` with `torch`, each a fresh process timed from spawn to "
        "exit (peak RSS from `wait4`), interleaved for 5 rounds after one warm-up round; "
        "medians, and the ask ratio pair by pair.",
        "",
        "What limits each figure and what 10M chunks would need: `docs/SCALING.md`.",
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def parse_sizes(text: str) -> list[int]:
    """'1000,10000' -> [1000, 10000]; a clear error for anything else."""
    from stodkollen.errors import UserInputError

    try:
        sizes = [int(x.replace("_", "")) for x in text.split(",") if x.strip()]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise UserInputError(f"--sizes ska vara positiva heltal med komma emellan, inte {text!r}.")
    return sizes


def run_cli(
    sizes_text: str,
    out: str | None,
    progress,
    stand_in_above: int | None = None,
    onnx: bool = True,
    throughput: bool = False,
    cli: bool = True,
    bulk_above: int | None = None,
) -> tuple[dict, str]:
    """What `stodkollen bench` does: run, render, optionally write eval/BENCH.md."""
    sizes = parse_sizes(sizes_text)
    stand_in_above = STAND_IN_ABOVE if stand_in_above is None else stand_in_above
    report = run_bench(
        sizes,
        stand_in_above=stand_in_above,
        onnx=onnx,
        progress=progress,
        throughput=throughput,
        cli=cli,
        bulk_above=bulk_above,
    )
    command = f"stodkollen bench --sizes {','.join(map(str, sizes))}"
    if stand_in_above != STAND_IN_ABOVE:
        command += f" --stand-in-above {stand_in_above}"
    if not onnx:
        command += " --no-onnx"
    if throughput:
        command += " --throughput"
    if not cli:
        command += " --no-cli"
    if bulk_above is not None:
        command += f" --bulk-above {bulk_above}"
    command += f" --out {out}" if out else ""
    text = bench_md(report, command)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    return report, text


# --- the workers (run in fresh processes) -------------------------------------------------------
def _emit(obj: dict) -> None:
    print(json.dumps(obj), flush=True)


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _settings(a: dict):
    from stodkollen.settings import AnswerSettings, Settings

    # Stand-in vectors score far below the model's calibrated refusal floors; without turning
    # them off every answer would be a refusal and the compose path would go unmeasured.
    off = {"min_dense": -1.0, "min_coverage": 0.0, "refusal_threshold": -1.0}
    fields = AnswerSettings.model_fields
    answer = {k: v for k, v in off.items() if k in fields} if a.get("stand_in") else {}
    extra = {"chroma_url": a["chroma_url"]} if a.get("chroma_url") else {}
    if a.get("serve"):
        extra["serve"] = a["serve"]
    return Settings(home=a["home"], model_dir=a["model_dir"], answer=answer, **extra)


def _embedder(settings, stand_in: bool):
    if stand_in:
        from eval.synthetic import ProjectionEmbedder

        return ProjectionEmbedder()
    from index.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(settings)


def _chunk_texts(corpus: Path, settings, sources: list[str] | None = None) -> list[str]:
    from ingest.chunking import chunk_project, embedding_text
    from ingest.loaders import expand_sources, load_source
    from ingest.projects import parse_document

    cfg, texts = settings.ingest, []
    for item in sources if sources is not None else expand_sources([str(corpus)]):
        doc = load_source(item, settings)
        for p in parse_document(doc):
            chunks = chunk_project(p, doc.content_hash, cfg.chunk_size, cfg.chunk_overlap)
            texts += [embedding_text(c) for c in chunks]
    return texts


class _Clock:
    """Wall and CPU seconds (all threads of this process) of one block."""

    def __enter__(self) -> _Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def worker_ingest(a: dict) -> None:
    """Raw model throughput on the corpus's own passages around an ingest, then a re-ingest.
    With `prefix_pages`, the pipeline ingests only the first pages and the rest is bulk-loaded
    (`worker_ingest_bulk`)."""
    if a.get("prefix_pages"):
        return worker_ingest_bulk(a)
    import random

    from index.store import ChunkStore
    from ingest.pipeline import Ingestor

    settings = _settings(a)
    embedder = _embedder(settings, a["stand_in"])
    texts = _chunk_texts(Path(a["corpus"]), settings)
    sample = random.Random(0).sample(texts, min(a["sample"], len(texts)))
    embedder.embed_passages(sample[:8])  # load the model outside the timings
    with _Clock() as raw_before:
        embedder.embed_passages(sample)
    ingestor = Ingestor(settings, ChunkStore(settings), embedder)
    update = ingestor._update_index
    spent: list[float] = []

    def timed_update() -> None:  # the lexical index update, part of the ingest's time
        t = time.perf_counter()
        update()
        spent.append(time.perf_counter() - t)

    ingestor._update_index = timed_update
    with _Clock() as ingest:
        first = ingestor.run([a["corpus"]])
    index_update_s = sum(spent)
    with _Clock() as raw_after:  # before and after: the machine's load drifts during a run
        embedder.embed_passages(sample)
    with _Clock() as again:
        second = ingestor.run([a["corpus"]])
    assert second.embedded == 0, "re-ingest of an unchanged corpus embedded chunks"
    n = len(sample)
    _emit(
        {
            "chunks": first.chunks,
            "embedded": first.embedded,
            "raw_pps": 2 * n / (raw_before.wall + raw_after.wall),
            "raw_pps_before_after": [n / raw_before.wall, n / raw_after.wall],
            "raw_cpu_pps": 2 * n / (raw_before.cpu + raw_after.cpu),
            "ingest_s": ingest.wall,
            "ingest_cps": first.embedded / ingest.wall,
            "ingest_cpu_cps": first.embedded / ingest.cpu,
            "reingest_s": again.wall,
            "index_update_s": index_update_s,
            "rss_mb": _rss_mb(),
        }
    )


def worker_ingest_bulk(a: dict) -> None:
    """The first `prefix_pages` pages through `Ingestor.run` (the pipeline, its rate logged as
    the store grows), the rest through `eval.bulk.bulk_load` (same parsing and flush, parsing
    in a second process, no source-state check), then the lexical index update of a run. No
    re-ingest: its unchanged-source check alone is estimated at minutes at this size.
    `STODKOLLEN_BENCH_BULK_UNTIL` (a Unix time) stops the bulk load early, at a smaller size."""
    import random

    from eval.bulk import RateLog, bulk_load, counting
    from index.store import ChunkStore
    from ingest.loaders import expand_sources
    from ingest.pipeline import Ingestor

    settings = _settings(a)
    embedder = _embedder(settings, a["stand_in"])
    sources = expand_sources([a["corpus"]])
    prefix, rest = sources[: a["prefix_pages"]], sources[a["prefix_pages"] :]
    texts = _chunk_texts(Path(a["corpus"]), settings, sources[:100])
    sample = random.Random(0).sample(texts, min(a["sample"], len(texts)))
    embedder.embed_passages(sample[:8])
    with _Clock() as raw:
        embedder.embed_passages(sample)
    store = ChunkStore(settings)
    ingestor = Ingestor(settings, store, embedder)
    log, phase = RateLog(a.get("rate_every", 25_000)), ["pipeline"]
    counting(store, log, phase, _emit)
    update = ingestor._update_index
    spent: list[float] = []

    def timed_update() -> None:
        t = time.perf_counter()
        update()
        spent.append(time.perf_counter() - t)

    ingestor._update_index = timed_update
    with _Clock() as pipe:
        first = ingestor.run(prefix)
    pipeline_update_s = sum(spent)
    log.cut()
    phase[0] = "bulk"
    until = os.environ.get("STODKOLLEN_BENCH_BULK_UNTIL")  # epoch s: a session's time budget
    with _Clock() as bulk:
        loaded = bulk_load(ingestor, rest, sources, until=float(until) if until else None)
    with _Clock() as index_update:
        timed_update()
    n = len(sample)
    chunks = store.count()
    _emit(
        {
            "chunks": chunks,
            "embedded": first.embedded + loaded["chunks"],
            "raw_pps": n / raw.wall,
            "raw_pps_before_after": [n / raw.wall, n / raw.wall],
            "raw_cpu_pps": n / raw.cpu,
            "ingest_s": pipe.wall,
            "ingest_cps": first.embedded / pipe.wall,
            "ingest_cpu_cps": first.embedded / pipe.cpu,
            "reingest_s": None,
            "index_update_s": index_update.wall,
            "pipeline": {
                "pages": len(prefix),
                "chunks": first.embedded,
                "seconds": pipe.wall,
                "cpu_s": pipe.cpu,
                "index_update_s": pipeline_update_s,
            },
            "bulk": {
                "pages": loaded["sources"],
                "chunks": loaded["chunks"],
                "seconds": bulk.wall,
                "cpu_s": bulk.cpu,  # this process only; parsing ran in another
                "stopped_early": loaded["stopped_early"],
                "index_update_s": index_update.wall,
            },
            "rates": log.entries,
            "rss_mb": _rss_mb(),
        }
    )


def _p(latencies: list[float], q: float) -> float:
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


class _Stages:
    """Milliseconds spent per question in each stage of the answer path (wrapped methods)."""

    def __init__(self, assistant) -> None:
        self.ms: dict[str, float] = {}
        store, emb = assistant.store, assistant.embedder
        self._wrap(store, "version", "version check")
        self._wrap(store, "query_chunks", "Chroma query")
        self._wrap(store, "chunks_by_id", "hit texts")
        self._wrap(emb, "embed_queries", "query vector")
        self._wrap(emb, "embed_passages", "sentence vectors")
        self._wrap(assistant.catalog.snapshot().lexical, "search", "BM25")
        self._wrap(assistant.catalog.snapshot().index, "mask", "filter mask")

    def _wrap(self, obj, name: str, label: str) -> None:
        real = getattr(obj, name)

        def timed(*args, **kwargs):
            t = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                self.ms[label] = self.ms.get(label, 0.0) + (time.perf_counter() - t) * 1000

        setattr(obj, name, timed)


def _ask_all(assistant, items: list) -> tuple[list[float], int]:
    from stodkollen.records import Filters

    latencies, answered = [], 0
    for item in items:
        q, f = (item, {}) if isinstance(item, str) else item
        t = time.perf_counter()
        answer = assistant.ask(q, filters=Filters(**f))
        latencies.append((time.perf_counter() - t) * 1000)
        answered += not answer.refused
    return latencies, answered


def worker_serve(a: dict) -> None:
    """Cold start to a first answer, then ask latency, unfiltered and filtered; then, in the
    same process, what a start without a saved index would cost (a rebuild from Chroma)."""
    t0 = time.perf_counter()
    from assistant.service import Assistant

    t_import = time.perf_counter()
    settings = _settings(a)
    assistant = Assistant(settings, embedder=_embedder(settings, a["stand_in"]))
    t1 = time.perf_counter()
    assistant.embedder.embed_queries(["uppvärmning"])  # model load (lazy)
    t2 = time.perf_counter()
    snap = assistant.catalog.refresh()
    t3 = time.perf_counter()
    assistant.ask(a["questions"][0])
    t4 = time.perf_counter()
    _emit(
        {
            "event": "first_answer",
            "rss_mb": _rss_mb(),
            "imports_s": t_import - t0,
            "open_s": t1 - t_import,  # settings, embedder object, Chroma client and collections
            "model_load_s": t2 - t1,
            "catalog_s": t3 - t2,
            "first_ask_s": t4 - t3,
            "worker_s": t4 - t0,  # the rest of the cold start is the interpreter starting
        }
    )
    event = assistant.catalog._cache.last_event
    stages = _Stages(assistant)
    latencies, answered = _ask_all(assistant, a["questions"])
    n = len(latencies)
    per_question = {k: round(v / n, 2) for k, v in sorted(stages.ms.items())}
    items = a.get("filtered") or []
    filtered, _ = _ask_all(assistant, items)
    same, _ = _ask_all(assistant, [q for q, _ in items])  # the same questions, no filters
    light = a.get("light", False)  # at bulk sizes: these two take minutes
    mask_ms, where_ms = _mask_timings(assistant, snap, a.get("filtered") or [], where=not light)
    rss_asked = _rss_mb()
    rebuild_s = None if light else _rebuild_seconds(assistant)
    _emit(
        {
            "p50_ms": statistics.median(latencies),
            "p95_ms": _p(latencies, 0.95),
            "filtered_p50_ms": statistics.median(filtered) if filtered else None,
            "filtered_p95_ms": _p(filtered, 0.95) if filtered else None,
            "same_unfiltered_p95_ms": _p(same, 0.95) if same else None,
            "stages_ms": per_question,
            "mask_ms": mask_ms,
            "where_ids_ms": where_ms,
            "answered": answered,
            "model_load_s": t2 - t1,
            "catalog_s": t3 - t2,
            "catalog_event": event,
            "rebuild_s": rebuild_s,
            "rss_asked_mb": rss_asked,
            "rss_mb": _rss_mb(),
        }
    )


def _mask_timings(
    assistant, snap, items: list, where: bool = True
) -> tuple[float | None, float | None]:
    """Mean ms per filter of the BM25 mask from the index's arrays, and of the alternative:
    Chroma `where` ids, mapped to BM25 positions (the id map built once, outside the timing);
    without `where`, the mask alone."""
    import numpy as np

    from stodkollen.records import Filters

    filters = [Filters(**f) for _, f in items if f]
    if not filters:
        return None, None
    if not where:
        times = []
        for f in filters:
            t = time.perf_counter()
            snap.index.mask(f)
            times.append(time.perf_counter() - t)
        return statistics.mean(times) * 1000, None
    index = snap.index
    position = {index.id_at(i): i for i in range(index.size)}
    masks, wheres = [], []
    for f in filters:
        t = time.perf_counter()
        mine = index.mask(f)
        masks.append(time.perf_counter() - t)
        t = time.perf_counter()
        theirs = np.zeros(index.size, bool)
        theirs[[position[c] for c in assistant.store.chunk_ids_where(f) if c in position]] = True
        wheres.append(time.perf_counter() - t)
        assert (mine == theirs).all(), f"mask and Chroma where disagree for {f}"
    return statistics.mean(masks) * 1000, statistics.mean(wheres) * 1000


def _rebuild_seconds(assistant) -> float:
    """Build the index from every stored chunk, as a process with no saved index must (and as
    the old catalog did at every start and every change of the chunk count)."""
    from index.lexical import ChunkIndexCache
    from ingest.chunking import lexical_text

    with tempfile.TemporaryDirectory() as d:
        cache = ChunkIndexCache(Path(d), lexical_text)
        t = time.perf_counter()
        cache.current(assistant.store)
        assert cache.last_event == "built"
        return time.perf_counter() - t


def onnx_passages(n: int = 64) -> list[str]:
    """Swedish passages as ingest embeds them: chunks of the sample pages, then synthetic ones."""
    import tempfile

    from eval.synthetic import write_corpus
    from stodkollen.settings import SAMPLE_CORPUS, Settings

    with tempfile.TemporaryDirectory() as d:
        settings = Settings(home=Path(d) / "home")
        texts = _chunk_texts(SAMPLE_CORPUS, settings)
        write_corpus(Path(d) / "syn", 20, seed=7)
        texts += _chunk_texts(Path(d) / "syn", settings)
    return texts[:n]


def _models(model_dir: Path) -> dict:
    """The three ways to run the model: torch fp32, int8 ONNX in ST, int8 ONNX lean."""
    from sentence_transformers import SentenceTransformer

    from index.onnx_backend import load_lean_model, load_onnx_model
    from index.provision import ensure_model

    st = ensure_model(model_dir)
    return {
        "torch": SentenceTransformer(str(st), device="cpu"),
        "onnx": load_onnx_model(st, model_dir),
        "lean": load_lean_model(st, model_dir),
    }


def worker_onnx(a: dict) -> None:
    """torch fp32 vs int8 ONNX on the same passages: throughput (interleaved) and cosine."""
    import numpy as np

    models = _models(Path(a["model_dir"]))
    texts = ["passage: " + p for p in onnx_passages(a.get("n", 64))]
    vecs = {k: m.encode(texts, batch_size=32, normalize_embeddings=True) for k, m in models.items()}
    wall: dict[str, list[float]] = {k: [] for k in models}
    cpu: dict[str, list[float]] = {k: [] for k in models}
    for _ in range(a.get("rounds", 3)):
        for k, m in models.items():
            with _Clock() as clock:
                m.encode(texts, batch_size=32, normalize_embeddings=True)
            wall[k].append(clock.wall)
            cpu[k].append(clock.cpu)
    n, out = len(texts), {"passages": len(texts)}
    for k in models:
        cos = np.sum(vecs["torch"] * vecs[k], axis=1)
        out.update(
            {
                f"{k}_pps": n / min(wall[k]),
                f"{k}_cpu_pps": n / min(cpu[k]),
                f"{k}_speedup": min(wall["torch"]) / min(wall[k]),
                f"{k}_cpu_speedup": min(cpu["torch"]) / min(cpu[k]),
                f"{k}_cos_mean": float(cos.mean()),
                f"{k}_cos_min": float(cos.min()),
            }
        )
    out.update(
        speedup=out["onnx_speedup"], cos_mean=out["onnx_cos_mean"], cos_min=out["onnx_cos_min"]
    )
    _emit(out)


def worker_model_start(a: dict) -> None:
    """Cold start of one backend alone: import, load, first query vector."""
    from index.onnx_backend import load_lean_model, load_onnx_model
    from index.provision import ensure_model

    st = ensure_model(Path(a["model_dir"]))
    if a["backend"] == "lean":
        model = load_lean_model(st, a["model_dir"])
    elif a["backend"] == "onnx":
        model = load_onnx_model(st, a["model_dir"])
    else:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(st), device="cpu")
    model.encode(["query: Vilka projekt finns i Malå?"], normalize_embeddings=True)
    _emit({"event": "first_answer", "rss_mb": _rss_mb()})


def model_cold_starts(model_dir: Path, rounds: int = 2) -> dict:
    """Seconds from spawning a process to its first query vector, per backend (best round)."""
    best: dict[str, dict] = {}
    for _ in range(rounds):
        for backend in ("torch", "onnx", "lean"):
            lines, first = _spawn(
                "model_start", {"model_dir": str(model_dir), "backend": backend}, 600
            )
            if backend not in best or first < best[backend]["seconds"]:
                best[backend] = {"seconds": first, "rss_mb": lines[-1]["rss_mb"]}
    return best


def worker_app(a: dict) -> None:
    """The Gradio app as `stodkollen serve` runs it, around an Assistant on this bench home
    (stand-in vectors when the home has them); for `eval.throughput`."""
    from assistant.service import Assistant
    from assistant.ui import launch

    settings = _settings(a)
    assistant = Assistant(settings, embedder=_embedder(settings, a["stand_in"]))
    launch(host="127.0.0.1", port=a["port"], assistant=assistant)


WORKERS = {
    "app": worker_app,
    "ingest": worker_ingest,
    "serve": worker_serve,
    "onnx": worker_onnx,
    "model_start": worker_model_start,
}

if __name__ == "__main__":
    import logging

    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    WORKERS[sys.argv[1]](json.loads(sys.argv[2]))
