"""Shared fixtures: every test gets its own data dir; the real model is provisioned once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stodkollen.settings import Settings

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory) -> Path:
    """One provisioned model per test session (shareable through STODKOLLEN_MODEL_DIR)."""
    shared = os.environ.get("STODKOLLEN_TEST_MODEL_DIR")
    path = Path(shared) if shared else tmp_path_factory.mktemp("models")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def settings(tmp_path, model_dir) -> Settings:
    return Settings(home=tmp_path / "home", model_dir=model_dir)


@pytest.fixture(scope="session")
def real_embedder(model_dir, tmp_path_factory):
    """The real model with the default backend (the ONNX export)."""
    from index.embedder import SentenceTransformerEmbedder

    s = Settings(home=tmp_path_factory.mktemp("embhome"), model_dir=model_dir)
    return SentenceTransformerEmbedder(s)


@pytest.fixture(scope="session")
def torch_embedder(model_dir, tmp_path_factory):
    """The real model in torch fp32: the reference the ONNX export is held to."""
    from index.embedder import SentenceTransformerEmbedder

    s = Settings(
        home=tmp_path_factory.mktemp("torchhome"),
        model_dir=model_dir,
        embedding={"backend": "torch"},
    )
    return SentenceTransformerEmbedder(s)


@pytest.fixture(scope="session")
def sample_assistant(model_dir, tmp_path_factory, real_embedder):
    """The real assistant over the ingested sample corpus (real model, real Chroma)."""
    from assistant.service import Assistant

    s = Settings(home=tmp_path_factory.mktemp("samplehome"), model_dir=model_dir)
    a = Assistant(s, embedder=real_embedder)
    a.ingest([str(SAMPLE)])
    return a
