"""The one-shot command line stays lean: what each command imports (speed itself is measured
by `stodkollen bench`, not here), and the light Punkt load that keeps nltk's package out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Modules whose import costs seconds or hundreds of MB: none belongs on the paths below
# (bm25s needs scipy.sparse, which is cheap; nltk's package __init__ pulls in scipy.stats).
HEAVY = ("torch", "sentence_transformers", "transformers", "gradio", "llama_index.core", "nltk")
HEAVY += ("scipy.stats",)
# ... and none of these either for --help and projects (no model is loaded there).
MODEL = ("onnxruntime", "tokenizers", "sentencepiece")


def _run_cli(args: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, dict]:
    """Run `stodkollen ARGS` in a fresh interpreter; (the process, what it had imported)."""
    code = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: print('MODULES ' + json.dumps(sorted(sys.modules)), "
        "file=sys.stderr))\n"
        "from cli.main import main\n"
        f"main({args!r})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        timeout=300,
    )
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("MODULES "))
    return done, set(json.loads(line.removeprefix("MODULES ")))


def _among(modules: set[str], names) -> set[str]:
    """Which of these packages (or their submodules) were imported."""
    return {n for n in names if any(m == n or m.startswith(n + ".") for m in modules)}


def test_help_and_projects_load_no_model_and_no_heavy_library(tmp_path):
    env = {"STODKOLLEN_HOME": str(tmp_path / "home"), "STODKOLLEN_EMBEDDING__MODEL": "hash"}
    for args in (["--help"], ["projects"]):
        done, modules = _run_cli(args, env)
        assert done.returncode == 0, done.stderr
        assert not _among(modules, (*HEAVY, *MODEL)), args


@pytest.mark.slow
def test_ask_imports_no_torch_gradio_or_llama_index(sample_assistant, model_dir):
    """A one-shot question with the default (ONNX) backend on the ingested sample."""
    env = {
        "STODKOLLEN_HOME": str(sample_assistant.settings.home),
        "STODKOLLEN_MODEL_DIR": str(model_dir),
    }
    done, modules = _run_cli(["ask", "Vem var projektägare för Håll ut?"], env)
    assert done.returncode == 0, done.stderr
    assert "Industriellt Utvecklingscentrum" in done.stdout
    assert not _among(modules, HEAVY)
    assert "onnxruntime" in modules  # the model did run
    assert not _among(modules, ("chromadb",))  # answered from the store's saved copy


def test_sentences_load_punkt_without_nltks_package_init():
    code = (
        "import sys\n"
        "from stodkollen.text import sentences\n"
        "print(sentences('Det kostade bl.a. ca. 5 mkr. Nästa mening.'))\n"
        "print(sorted(m for m in sys.modules if m == 'nltk' or m.startswith(('nltk.', 'scipy'))))\n"
        "import nltk\n"  # still a whole, normal nltk afterwards
        "from nltk.tokenize.punkt import PunktTokenizer\n"
        "print(PunktTokenizer.__module__, hasattr(nltk, 'word_tokenize'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    said, loaded, later = done.stdout.splitlines()
    assert said == "['Det kostade bl.a. ca. 5 mkr.', 'Nästa mening.']"
    assert loaded == "[]"
    assert later == "nltk.tokenize.punkt True"
