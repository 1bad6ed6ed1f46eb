"""The lean ONNX model for benchmarks: the int8 export run with tokenizers, onnxruntime and
numpy only, which skips the seconds that importing sentence-transformers takes at start-up."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from index.onnx_backend import FILE_NAME, ensure_onnx_model, runner_for

_LEAN_MODULES = ("Pooling", "Normalize")  # what OnnxTextModel reproduces in numpy


class OnnxTextModel:
    """The int8 encoder with mean pooling and normalisation in numpy: no torch, no
    sentence-transformers. Offers the part of SentenceTransformer's API the embedder uses."""

    def __init__(self, folder: str | Path, file_name: str = FILE_NAME):
        self.runner = runner_for(Path(folder), file_name)

    @property
    def max_seq_length(self) -> int:
        return self.runner.max_seq_length

    @max_seq_length.setter
    def max_seq_length(self, value: int) -> None:
        self.runner.max_seq_length = value

    def get_embedding_dimension(self) -> int:
        return self.runner.dimension

    get_sentence_embedding_dimension = get_embedding_dimension

    def encode(self, sentences: str | list[str], batch_size: int = 32, **kwargs) -> np.ndarray:
        """Unit vectors (float32), longest texts batched together as sentence-transformers does."""
        texts = [sentences] if isinstance(sentences, str) else list(sentences)
        out = np.zeros((len(texts), self.runner.dimension), np.float32)
        order = np.argsort([-len(t) for t in texts], kind="stable")
        for i in range(0, len(texts), batch_size):
            idx = order[i : i + batch_size]
            ids, mask = self.runner.tokenize([texts[j] for j in idx])
            tokens = self.runner.run(ids, mask)
            weights = mask[..., None].astype(np.float32)
            mean = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out[idx] = mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)
        return out[0] if isinstance(sentences, str) else out


def load_lean_onnx_model(st_folder: str | Path, models_dir: str | Path) -> OnnxTextModel:
    """`OnnxTextModel` over the cached export (mean pooling + normalise, as e5 is configured)."""
    folder = ensure_onnx_model(st_folder, models_dir)
    types = [m["type"] for m in json.loads((folder / "modules.json").read_text())[1:]]
    pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
    if [t.rsplit(".", 1)[-1] for t in types] != list(_LEAN_MODULES) or (
        pooling.get("pooling_mode", "mean") != "mean"
        and not pooling.get("pooling_mode_mean_tokens")
    ):
        raise ValueError(f"{folder} har andra moduler än medelvärde + normalisering: {types}")
    return OnnxTextModel(folder)
