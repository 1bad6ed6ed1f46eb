"""The benchmark code: synthetic pages parse like real ones, and a small run measures everything."""

from __future__ import annotations

import re

import numpy as np
import pytest
from click.testing import CliRunner

from eval import bench, synthetic
from stodkollen.errors import UserInputError

_PERIOD = re.compile(
    r"\d{6} — \d{6}|\d{4}-\d{2} — \d{4}-\d{2}|\d{4}[–-]\d{4}|\d{1,2}/\d{1,2} \d{4}"
)


def test_pages_are_deterministic_and_parse_into_their_projects(tmp_path, settings):
    from ingest.loaders import load_source
    from ingest.projects import parse_document

    pages = synthetic.write_corpus(tmp_path, 8, seed=3)
    assert [p.text for p in pages] == [p.text for p in synthetic.generate_pages(8, seed=3)]
    assert pages[0].text != synthetic.generate_pages(1, seed=4)[0].text
    kommuner = {k for k, _ in synthetic.load_kommuner()}
    for page in pages:
        assert 3 <= len(page.projects) <= 6
        doc = load_source(str(tmp_path / page.name), settings)
        found = [p for p in parse_document(doc) if p.kind == "project"]
        assert [p.title for p in found] == [p.title for p in page.projects]
        for parsed, made in zip(found, page.projects, strict=True):
            assert made.kommun in kommuner
            assert parsed.owner == made.owner
            assert parsed.period_start and parsed.period_start[:4] == str(made.start_year)
            assert made.budget_sek is None or parsed.budget_sek == made.budget_sek


def test_generator_uses_the_messy_forms_of_the_sample_pages():
    text = "\n".join(p.text for p in synthetic.generate_pages(40, seed=0))
    assert "Projektägare: " in text and "Projekttid: " in text
    assert re.search(r"\d{6} — \d{6}", text) and re.search(r"\d/\d{1,2} \d{4} – ", text)
    assert re.search(r"Total budget \d{1,3}(?: \d{3})+ kr", text)
    assert len(_PERIOD.findall(text)) > 100
    assert synthetic.format_budget(624602) == "624 602 kr"


def test_questions_name_things_in_the_corpus():
    pages = synthetic.generate_pages(10, seed=1)
    qs = synthetic.questions(pages, 30)
    assert len(qs) == 30 and all(q.endswith("?") for q in qs)
    titles = {p.title for page in pages for p in page.projects}
    assert any(any(t in q for t in titles) for q in qs)


def test_stand_in_vectors_are_unit_length_and_deterministic():
    emb = synthetic.ProjectionEmbedder()
    a = emb.embed_passages(["Projekt i Malå kommun", "Turism i Kiruna"])
    b = synthetic.ProjectionEmbedder().embed_passages(["Projekt i Malå kommun", "Turism i Kiruna"])
    assert a.shape == (2, 384) and np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert np.array_equal(a, b)


def test_parse_sizes():
    assert bench.parse_sizes("1000, 10_000") == [1000, 10000]
    for bad in ("", "abc", "0", "10,-1"):
        with pytest.raises(UserInputError):
            bench.parse_sizes(bad)


def test_cli_bench_rejects_bad_sizes():
    from cli.main import main

    result = CliRunner().invoke(main, ["bench", "--sizes", "many"])
    assert result.exit_code == 2
    assert "Fel: --sizes" in result.output


def test_small_run_with_stand_in_vectors(tmp_path, model_dir):
    """Real parsing, Chroma, BM25 and answers in fresh processes; vectors from the stand-in."""
    row = bench.bench_size(60, tmp_path, model_dir, stand_in=True, n_questions=5)
    assert row["vectors"] == "stand-in" and row["chunks"] >= 30
    assert row["reingest_s"] < row["ingest_s"]
    assert row["answered"] >= 1 and row["ask_p95_ms"] >= row["ask_p50_ms"] > 0
    assert row["rss_ingest_mb"] > 50 and row["rss_serve_mb"] > 50 and row["index_mb"] > 0
    assert 0 < row["cold_start_s"] < 120
    # the serving process loads the index the ingest saved; filtered questions were asked
    assert row["catalog_event"] == "loaded" and row["rebuild_s"] > 0
    assert row["filtered_p95_ms"] >= row["filtered_p50_ms"] > 0
    assert row["same_unfiltered_p95_ms"] > 0 and row["where_ids_ms"] > 0
    assert {"BM25", "Chroma query", "hit texts", "version check"} <= set(row["stages_ms"])
    assert row["lexical_mb"] > 0
    # throughput: the real app (one, then two replicas on a chroma run server) over HTTP
    from eval.throughput import markdown, measure

    home = {"home": str(tmp_path / "home_60"), "model_dir": str(model_dir), "stand_in": True}
    got = measure(home, ["Vilka projekt finns i Malå?", "Vem är projektägare?"], (1, 2), 4)
    for key in ("one", "one_on_server", "two_on_server"):
        assert [r["clients"] for r in got[key]] == [1, 2]
        assert all(r["errors"] == 0 and r["questions"] == 4 and r["qps"] > 0 for r in got[key])
    assert "two replicas" in markdown(got, "note")


@pytest.mark.slow
def test_small_run_with_the_real_model(tmp_path, model_dir):
    report = bench.run_bench(
        [40],
        onnx=False,
        workdir=tmp_path,
        model_dir=model_dir,
        n_questions=5,
        progress=lambda line: None,
    )
    row = report["sizes"][0]
    assert row["vectors"] == "model" and row["chunks"] >= 20
    assert row["raw_pps"] > 0 and row["ingest_cps"] > 0 and 0 < row["ingest_ratio"] < 3
    assert row["reingest_speedup"] > 1 and row["answered"] >= 1
    text = bench.bench_md(report, "stodkollen bench --sizes 40")
    assert "| N chunks |" in text and "Shared machine" in text and "## Targets" in text
    assert "stodkollen bench --sizes 40" in text


def test_report_renders_onnx_and_targets():
    row = {
        "chunks": 100,
        "vectors": "model",
        "pages": 13,
        "raw_pps": 20.0,
        "ingest_cps": 17.0,
        "ingest_ratio": 0.85,
        "ingest_cpu_ratio": 0.9,
        "ingest_s": 5.9,
        "reingest_s": 0.05,
        "reingest_speedup": 118.0,
        "ask_p50_ms": 300,
        "ask_p95_ms": 900,
        "answered": 5,
        "questions": 5,
        "cold_start_s": 12.0,
        "catalog_s": 0.2,
        "rss_ingest_mb": 1300,
        "rss_serve_mb": 1000,
        "index_mb": 3,
        "load_avg": [1.0, 2.0],
    }
    onnx = {"torch_pps": 8.0, "torch_cpu_pps": 8.6}
    for k, pps in (("onnx", 17.6), ("lean", 18.0)):
        onnx |= {
            f"{k}_pps": pps,
            f"{k}_cpu_pps": pps,
            f"{k}_speedup": pps / 8,
            f"{k}_cpu_speedup": pps / 8.6,
            f"{k}_cos_mean": 0.9964,
            f"{k}_cos_min": 0.9944,
        }
    onnx |= {"speedup": 2.2, "cos_mean": 0.9964, "cos_min": 0.9944}
    starts = {"torch": {"seconds": 20.0, "rss_mb": 900}, "lean": {"seconds": 3.0, "rss_mb": 400}}
    report = {"sizes": [row], "onnx": onnx, "model_start": starts}
    lines = bench.targets(report)
    assert (
        "cold start 12.0 s ≤ 10 s: **no**" in lines[0] and "re-ingest 118× ≥ 50×: yes" in lines[0]
    )
    assert "ONNX int8: speedup 2.20× ≥ 2×: yes" in lines[1]
    assert "ONNX int8 lean: speedup 2.25× ≥ 2×: yes" in lines[2] and "cold start 3.0 s" in lines[2]
    table = bench.markdown(report)
    assert "| ONNX int8 (SentenceTransformer) | 17.6 |" in table
    assert "| 3.0 | 400 |" in table


def test_the_100k_targets_of_issue_14_are_reported():
    def row(chunks: int, p95: float, **kw) -> dict:
        return {
            "chunks": chunks,
            "vectors": "stand-in",
            "reingest_speedup": 100.0,
            "reingest_s": 1.0,
            "cold_start_s": 6.0,
            "model_load_s": 2.0,
            "ask_p50_ms": p95 / 2,
            "ask_p95_ms": p95,
            **kw,
        }

    small = row(10_000, 100.0)
    large = row(100_000, 180.0, filtered_p95_ms=500.0, same_unfiltered_p95_ms=200.0)
    lines = bench.targets({"sizes": [small, large]})
    text = "\n".join(lines)
    assert "cold start without the model load 4.0 s ≤ 5 s: yes" in text
    assert "ask p95 180 ms ≤ 300 ms: yes" in text
    assert "p95 1.80× the N=10000 p95 ≤ 1.5×: **no**" in text
    assert "filtered p95 2.50× unfiltered ≤ 2×: **no**" in text
    assert sum("ask p95" in line for line in lines) == 1  # only the 100k row has them


def test_command_line_figures_render_with_their_targets():

    cli = {"rounds": 5, "load_avg": 1.0, "ask_vs_torch": 0.23}
    for name, (wall, rss) in {
        "help": (0.13, 16),
        "projects": (1.4, 101),
        "ask": (2.2, 414),
        "ask_torch": (9.6, 936),
    }.items():
        cli |= {f"{name}_s": wall, f"{name}_rss_mb": rss}
    report = {"sizes": [], "cli": cli}
    lines = bench.targets(report)
    assert lines[0].startswith("- ask 2.20 s ≤ 2.5 s: yes; peak RSS 414 MB ≤ 500 MB: yes; 0.23×")
    assert lines[1] == "- --help 0.13 s < 1.0 s: yes; projects 1.40 s < 1.0 s: **no**"
    table = bench.markdown(report)
    assert "| `stodkollen projects` | 1.40 | 101 |" in table


def test_a_command_is_timed_from_outside(tmp_path):
    from eval import cli_bench

    env = cli_bench._env(tmp_path / "home", tmp_path / "models", {})
    run = cli_bench.timed(["--help"], env)
    assert run["wall_s"] > 0 and run["rss_mb"] > 1
    with pytest.raises(RuntimeError, match="nosuchcommand"):
        cli_bench.timed(["nosuchcommand"], env)
