"""Running the ONNX export: tokenizers + onnxruntime + numpy, no torch, no sentence-transformers.

`OnnxTextModel` is what the `onnx` backend embeds with: the exported encoder, then mean pooling
and normalisation in numpy (how e5 is configured), with the part of SentenceTransformer's API
the embedder uses. Importing sentence-transformers alone takes seconds, which a one-shot
`stodkollen ask` cannot afford. Importing this module is cheap: onnxruntime and tokenizers load
when a model is built. The export itself lives in `index.onnx_backend`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

FILE_NAME = "onnx/model_fused_qint8.onnx"  # attention/layer-norm/GELU fused, then int8
# The tokenizer as a SentencePiece model, written by the export when it gives the same ids as
# tokenizer.json: it loads in a fraction of the time and memory (tokenizers builds a trie of
# the 250 000 pieces at every load: about 1.5 s and 300 MB at peak here).
PIECES_FILE = "sentencepiece.model"
SPACE_PIECE = "\u2581"  # SentencePiece's visible space
ENCODER_CONFIG = "onnx_encoder_config.json"
DEFAULT_MAX_SEQ_LENGTH = 512  # e5's position table
# Texts per onnxruntime run. One: dynamic int8 picks its activation scale per run, over every
# token of the batch padding included, so a batched text's vector depended on its neighbours
# (cosine 0.998 to itself encoded in another batch); alone it is the same vector every time,
# and with no padding it is also faster (64 passages on 2 cores: 2.8 CPU-s one at a time,
# 3.9 s in runs of 8, 4.8 s in runs of 32).
TEXTS_PER_RUN = 1
# Floors that keep pooling and normalising finite for an all-padding row or a zero vector.
_MIN_TOKENS = 1e-9
_MIN_NORM = 1e-12


class OnnxRunner:
    """Tokenizer + ONNX Runtime session of one exported folder: texts -> token vectors."""

    def __init__(
        self,
        folder: str | Path,
        file_name: str = FILE_NAME,
        max_seq_length: int = DEFAULT_MAX_SEQ_LENGTH,
    ):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.folder, self.file_name = Path(folder), file_name
        if (self.folder / PIECES_FILE).exists():
            self.tokenizer = PieceTokenizer(self.folder / PIECES_FILE)
        else:
            self.tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
            pad = self.tokenizer.token_to_id("<pad>")
            self.tokenizer.enable_padding(pad_id=1 if pad is None else pad, pad_token="<pad>")
        self.max_seq_length = max_seq_length
        opts = ort.SessionOptions()
        # 0: one thread per core. Two threads on two cores measured fastest; OMP_NUM_THREADS
        # lets a host that runs several processes give each fewer.
        opts.intra_op_num_threads = int(os.environ.get("OMP_NUM_THREADS", "0") or 0)
        opts.inter_op_num_threads = 1  # the graph is one chain: nothing to run side by side
        # No busy-waiting between calls: a serving process should not burn idle cores, and on
        # shared cores spinning measured slower, not faster.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(self.folder / file_name), opts, providers=["CPUExecutionProvider"]
        )
        self.dimension = int(self.session.get_outputs()[0].shape[-1])

    @property
    def max_seq_length(self) -> int:
        return self._max_seq_length

    @max_seq_length.setter
    def max_seq_length(self, value: int) -> None:
        self._max_seq_length = int(value)
        self.tokenizer.enable_truncation(max_length=self._max_seq_length)

    def tokenize(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Token ids and attention mask, padded to the longest text of the batch."""
        if isinstance(self.tokenizer, PieceTokenizer):
            return self.tokenizer.tokenize(texts)
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        return ids, mask

    def run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        feed = {"input_ids": ids, "attention_mask": mask}
        return self.session.run(["last_hidden_state"], feed)[0]


class PieceTokenizer:
    """The e5 tokenizer run by sentencepiece: the ids tokenizer.json gives (the export checks
    it on probe texts), with the start and end tokens, truncation and padding added here."""

    def __init__(self, path: Path):
        import sentencepiece as spm

        self.sp = spm.SentencePieceProcessor(model_file=str(path))
        self.bos, self.eos, self.pad = self.sp.bos_id(), self.sp.eos_id(), self.sp.pad_id()
        self.space = self.sp.piece_to_id(SPACE_PIECE)
        self.max_length = DEFAULT_MAX_SEQ_LENGTH

    def enable_truncation(self, max_length: int) -> None:
        self.max_length = max_length

    def ids(self, text: str) -> list[int]:
        """Ids of one text with start and end tokens, truncated to `max_length`."""
        pieces = self.sp.encode(text)
        # tokenizers' Metaspace keeps one "▁" for whitespace at the end of a text; SentencePiece
        # drops it. "x" is appended to see what the normaliser makes of the last character.
        if text and self.sp.normalize(text + "x").endswith(SPACE_PIECE + "x"):
            pieces.append(self.space)
        return [self.bos, *pieces[: self.max_length - 2], self.eos]

    def tokenize(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        rows = [self.ids(t) for t in texts]
        width = max((len(r) for r in rows), default=0)
        ids = np.full((len(rows), width), self.pad, np.int64)
        mask = np.zeros((len(rows), width), np.int64)
        for i, r in enumerate(rows):
            ids[i, : len(r)], mask[i, : len(r)] = r, 1
        return ids, mask


def runner_for(folder: Path, file_name: str = FILE_NAME) -> OnnxRunner:
    """The runner of an exported folder, at the sequence length its config records."""
    config = json.loads((folder / ENCODER_CONFIG).read_text())
    return OnnxRunner(folder, file_name, int(config.get("max_seq_length", DEFAULT_MAX_SEQ_LENGTH)))


def mean_pooled(tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Unit vectors: the mean of each text's token vectors (padding left out), normalised."""
    weights = mask[..., None].astype(np.float32)
    mean = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), _MIN_TOKENS)
    return mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), _MIN_NORM)


class RunnerLength:
    """`max_seq_length` of a wrapper around an `OnnxRunner` (`self.runner`): read from and set
    on the runner, which truncates."""

    @property
    def max_seq_length(self) -> int:
        return self.runner.max_seq_length

    @max_seq_length.setter
    def max_seq_length(self, value: int) -> None:
        self.runner.max_seq_length = value


class OnnxTextModel(RunnerLength):
    """The exported encoder with mean pooling and normalisation in numpy. Offers the part of
    SentenceTransformer's API the embedder uses (`encode`, `max_seq_length`, dimension)."""

    def __init__(self, folder: str | Path, file_name: str = FILE_NAME):
        self.runner = runner_for(Path(folder), file_name)

    def get_embedding_dimension(self) -> int:
        return self.runner.dimension

    get_sentence_embedding_dimension = get_embedding_dimension

    def encode(
        self, sentences: str | list[str], batch_size: int = TEXTS_PER_RUN, **kwargs
    ) -> np.ndarray:
        """Unit vectors (float32), `TEXTS_PER_RUN` texts per run whatever `batch_size` asks
        (the embedder passes the torch batch size); a smaller `batch_size` is honoured."""
        texts = [sentences] if isinstance(sentences, str) else list(sentences)
        out = np.zeros((len(texts), self.runner.dimension), np.float32)
        order = np.argsort([-len(t) for t in texts], kind="stable")
        per_run = max(1, min(batch_size, TEXTS_PER_RUN))
        for i in range(0, len(texts), per_run):
            idx = order[i : i + per_run]
            ids, mask = self.runner.tokenize([texts[j] for j in idx])
            out[idx] = mean_pooled(self.runner.run(ids, mask), mask)
        return out[0] if isinstance(sentences, str) else out
