"""The int8 ONNX backend: close to torch fp32 on Swedish text, exported once, cached and locked."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from stodkollen.settings import SAMPLE_CORPUS, Settings


def swedish_sentences(n: int = 40) -> list[str]:
    """Sentences of the sample pages, long enough to mean something."""
    text = " ".join(f.read_text(encoding="utf-8") for f in sorted(SAMPLE_CORPUS.glob("*.txt")))
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]
    return sentences[:n]


@pytest.fixture(scope="module")
def onnx_embedder(model_dir, tmp_path_factory):
    from index.embedder import SentenceTransformerEmbedder

    home = tmp_path_factory.mktemp("onnxhome")
    return SentenceTransformerEmbedder(
        Settings(home=home, model_dir=model_dir, embedding={"backend": "onnx"})
    )


@pytest.mark.slow
def test_onnx_vectors_match_torch_on_swedish(onnx_embedder, torch_embedder):
    sentences = swedish_sentences()
    assert len(sentences) >= 30
    for embed in ("embed_passages", "embed_queries"):
        ref = getattr(torch_embedder, embed)(sentences)
        got = getattr(onnx_embedder, embed)(sentences)
        assert got.shape == ref.shape == (len(sentences), 384)
        cos = np.sum(ref * got, axis=1)
        assert cos.mean() >= 0.98 and cos.min() >= 0.98, (embed, cos.mean(), cos.min())


@pytest.mark.slow
def test_onnx_export_is_cached(onnx_embedder, model_dir, monkeypatch):
    from index import onnx_backend
    from index.provision import ensure_model

    onnx_embedder.embed_queries(["hej"])  # the fixture's model exists, so the export is done
    st = ensure_model(model_dir)
    folder = onnx_backend.onnx_model_folder(st, model_dir)
    onnx_file = folder / onnx_backend.FILE_NAME
    stamp = onnx_file.stat().st_mtime_ns
    marker = json.loads((folder / ".exported").read_text())
    assert marker["file_name"] == onnx_backend.FILE_NAME

    def no_export(*args, **kwargs):
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_backend, "build_onnx_folder", no_export)
    model = onnx_backend.load_onnx_model(st, model_dir)
    assert model.get_backend() == "onnx"
    assert onnx_file.stat().st_mtime_ns == stamp
    assert onnx_file.stat().st_size < 0.4 * (st / "model.safetensors").stat().st_size  # int8


@pytest.mark.slow
def test_lean_model_equals_the_sentence_transformers_one(onnx_embedder, model_dir):
    """The backend's model (numpy pooling) gives the vectors of the same export run inside
    sentence-transformers."""
    from index.onnx_backend import load_onnx_model
    from index.onnx_runtime import OnnxTextModel
    from index.provision import ensure_model

    sentences = ["passage: " + s for s in swedish_sentences(12)] + ["query: Vad gör Malå?"]
    lean = onnx_embedder.model
    assert isinstance(lean, OnnxTextModel)
    full = load_onnx_model(ensure_model(model_dir), model_dir)
    full.max_seq_length = lean.max_seq_length
    ref = full.encode(sentences, normalize_embeddings=True, batch_size=1)
    got = lean.encode(sentences, batch_size=32)
    assert got.shape == ref.shape and lean.get_sentence_embedding_dimension() == 384
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert np.min(np.sum(ref * got, axis=1)) > 0.9999
    # Dynamic int8 picks its activation scale per run: the backend runs one text at a time,
    # so a text's vector does not depend on the texts encoded with it.
    for subset in (sentences[:1], sentences[3:7], sentences[::-1]):
        again = lean.encode(subset, batch_size=32)
        mine = [sentences.index(t) for t in subset]
        assert np.allclose(again, got[mine], atol=1e-6)
    assert np.allclose(lean.encode(sentences[0]), got[0], atol=1e-6)


@pytest.mark.slow
def test_export_fuses_attention_and_writes_the_piece_model(onnx_embedder):
    """The export is the fused graph (one QAttention per layer) and tokenises with
    SentencePiece, equal to tokenizer.json on text with every kind of space."""
    import onnx
    from tokenizers import Tokenizer

    from index.onnx_runtime import PieceTokenizer

    runner = onnx_embedder.model.runner
    graph = onnx.load(str(runner.folder / runner.file_name), load_external_data=False).graph
    ops = [n.op_type for n in graph.node]
    assert ops.count("QAttention") == 12 and "Softmax" not in ops
    assert isinstance(runner.tokenizer, PieceTokenizer)
    reference = Tokenizer.from_file(str(runner.folder / "tokenizer.json"))
    texts = swedish_sentences(40) + ["  x  ", "a\xa0\xa0b\xa0", "\n", "Tel:\t070-123 45 67 "]
    for text in texts:
        assert runner.tokenizer.ids(text) == reference.encode(text).ids, text


def test_importing_the_backend_stays_cheap():
    """No torch or sentence-transformers until a model is exported or built with them."""
    code = (
        "import sys, index.onnx_backend\n"
        "print(sorted({'torch', 'sentence_transformers'} & set(sys.modules)))"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(root)),
        timeout=60,
    )
    assert done.stdout.strip() == "[]", done.stderr


def _fake_st_folder(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "modules.json").write_text("[]")
    (path / "config.json").write_text('{"model_type": "bert"}')
    return path


def test_concurrent_first_loads_export_once(tmp_path, monkeypatch):
    """Two processes' threads asking at once: one export, both get the finished folder."""
    pytest.importorskip("onnxruntime")
    from index import onnx_backend

    calls = []

    def fake_build(st: Path, out: Path, fp32_path: Path) -> None:
        calls.append(st)
        (out / "onnx").mkdir(parents=True)
        (out / onnx_backend.FILE_NAME).write_bytes(b"onnx")
        threading.Event().wait(0.3)  # long enough for the other thread to reach the lock

    monkeypatch.setattr(onnx_backend, "build_onnx_folder", fake_build)
    st, models = _fake_st_folder(tmp_path / "st"), tmp_path / "models"
    results: list[Path] = []
    threads = [
        threading.Thread(target=lambda: results.append(onnx_backend.ensure_onnx_model(st, models)))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert results[0] == results[1] and (results[0] / onnx_backend.FILE_NAME).exists()
    assert not [p for p in models.iterdir() if p.name.startswith(".onnx-export-")]  # no leftovers


def test_failed_export_leaves_nothing_behind(tmp_path, monkeypatch):
    pytest.importorskip("onnxruntime")
    from index import onnx_backend

    def broken(st: Path, out: Path, fp32_path: Path) -> None:
        out.mkdir(parents=True)
        raise RuntimeError("export failed")

    monkeypatch.setattr(onnx_backend, "build_onnx_folder", broken)
    st, models = _fake_st_folder(tmp_path / "st"), tmp_path / "models"
    with pytest.raises(RuntimeError):
        onnx_backend.ensure_onnx_model(st, models)
    assert not onnx_backend.onnx_model_folder(st, models).exists()
    assert not [p for p in models.iterdir() if p.name.startswith(".onnx-export-")]


def test_onnx_backend_needs_a_local_folder(tmp_path):
    pytest.importorskip("onnxruntime")
    from index import onnx_backend

    with pytest.raises(ValueError, match="lokal"):
        onnx_backend.ensure_onnx_model(tmp_path / "intfolder", tmp_path / "models")
