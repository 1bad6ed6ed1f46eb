"""ONNX Runtime backend: the provisioned model exported once to int8 ONNX.

sentence-transformers' own `backend="onnx"` needs `optimum`, whose current release pins an older
transformers than ours. So the export is done here with `torch.onnx` and
`onnxruntime.quantization.quantize_dynamic` (both offline), and the result is written as a
sentence-transformers folder whose first module is `OnnxEncoder`. Two ways to run it:
`load_onnx_model` builds a `SentenceTransformer(modules=..., backend="onnx")`; the benchmark's
lean variant (tokenizers + onnxruntime + numpy only) lives in `eval/lean_onnx.py`.
Importing this module is cheap: torch and sentence-transformers load only when used.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

FILE_NAME = "onnx/model_qint8.onnx"
ENCODER_CONFIG = "onnx_encoder_config.json"
_DONE_MARKER = ".exported"
_SOURCE_FILES = ("config.json", "model.safetensors", "pytorch_model.bin", "tokenizer.json")
_COPIED = ("tokenizer.json", "tokenizer_config.json", "config_sentence_transformers.json")


def onnx_model_folder(st_folder: str | Path, models_dir: str | Path) -> Path:
    """Where the ONNX export of `st_folder` is cached: named after the source and a content key."""
    st = Path(st_folder)
    key = hashlib.sha256()
    for name in _SOURCE_FILES:
        f = st / name
        if f.exists():  # size + config text: cheap, and changes when the model is rebuilt
            key.update(f"{name}:{f.stat().st_size}".encode())
            if name == "config.json":
                key.update(f.read_bytes())
    return Path(models_dir) / f"{st.name}-onnx-int8-{key.hexdigest()[:8]}"


def ensure_onnx_model(st_folder: str | Path, models_dir: str | Path) -> Path:
    """Return the int8 ONNX sentence-transformers folder, exporting it once if needed."""
    from index.provision import build_once

    st = Path(st_folder)
    if not (st / "modules.json").exists():
        raise ValueError(f"ONNX-backend kräver en lokal sentence-transformers-mapp, inte {st}")
    marker = {"source": str(st.resolve()), "file_name": FILE_NAME}
    return build_once(
        onnx_model_folder(st, models_dir),
        lambda tmp: build_onnx_folder(st, tmp / "out", tmp / "fp32.onnx"),
        "Exporterar språkmodellen till ONNX int8 (engångsjobb)",
        marker=json.dumps(marker) + "\n",
        done=_DONE_MARKER,
    )


def load_onnx_model(st_folder: str | Path, models_dir: str | Path, file_name: str = FILE_NAME):
    """A SentenceTransformer running the cached int8 ONNX export of `st_folder` on the CPU."""
    from sentence_transformers import SentenceTransformer

    folder = ensure_onnx_model(st_folder, models_dir)
    config = folder / "config_sentence_transformers.json"
    prompts = json.loads(config.read_text()).get("prompts") if config.exists() else None
    # Modules are built here rather than by SentenceTransformer(folder): that path would need
    # trust_remote_code=True for OnnxEncoder, which also lets a folder run its own code.
    return SentenceTransformer(
        modules=_modules(folder, file_name), device="cpu", backend="onnx", prompts=prompts
    )


def _modules(folder: Path, file_name: str) -> list:
    """OnnxEncoder, then the folder's own sentence-transformers modules (pooling, normalize)."""
    import importlib

    spec = json.loads((folder / "modules.json").read_text())
    modules = [_encoder_class().load(str(folder), model_kwargs={"file_name": file_name})]
    for entry in spec[1:]:
        module_name, _, class_name = entry["type"].rpartition(".")
        if not module_name.startswith("sentence_transformers."):
            raise ValueError(f"Okänd modultyp i {folder}/modules.json: {entry['type']}")
        cls = getattr(importlib.import_module(module_name), class_name)
        modules.append(cls.load(str(folder), subfolder=entry["path"]))
    return modules


def build_onnx_folder(st: Path, out: Path, fp32_path: Path) -> None:
    """Write a sentence-transformers folder: int8 ONNX encoder + the source's pooling modules."""
    (out / "onnx").mkdir(parents=True)
    export_fp32(st, fp32_path)
    quantize_int8(fp32_path, out / FILE_NAME)
    for name in _COPIED:
        if (st / name).exists():
            shutil.copy2(st / name, out / name)
    modules = json.loads((st / "modules.json").read_text())
    for m in modules[1:]:
        shutil.copytree(st / m["path"], out / m["path"])
    max_len = json.loads((st / "sentence_bert_config.json").read_text()).get("max_seq_length", 512)
    modules[0] = {"idx": 0, "name": "0", "path": "", "type": f"{__name__}.OnnxEncoder"}
    (out / "modules.json").write_text(json.dumps(modules, indent=2))
    (out / ENCODER_CONFIG).write_text(
        json.dumps({"file_name": FILE_NAME, "max_seq_length": max_len}, indent=2)
    )


def export_fp32(st: Path, path: Path) -> None:
    """Export the folder's transformer to fp32 ONNX (dynamic batch and sequence axes)."""
    import torch
    from transformers import AutoModel

    class LastHiddenState(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    model = AutoModel.from_pretrained(str(st), attn_implementation="eager", local_files_only=True)
    wrapped = LastHiddenState(model.eval())
    ids = torch.tensor([[0, 1000, 2000, 2], [0, 3000, 2, 1]], dtype=torch.long)
    mask = (ids != 1).long()
    axes = {0: "batch", 1: "sequence"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            wrapped,
            (ids, mask),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
            opset_version=17,
            dynamo=False,
        )


def quantize_int8(src: Path, dst: Path) -> None:
    """Dynamic int8 quantisation, per output channel (per-tensor loses ~1.5 % cosine here)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()  # quantize_dynamic logs advice through the root logger
    was, root.disabled = root.disabled, True
    try:
        quantize_dynamic(
            str(src),
            str(dst),
            weight_type=QuantType.QInt8,
            per_channel=True,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    finally:
        root.disabled = was


class OnnxRunner:
    """Tokenizer + ONNX Runtime session of one exported folder: texts -> token vectors."""

    def __init__(self, folder: str | Path, file_name: str = FILE_NAME, max_seq_length: int = 512):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.folder, self.file_name = Path(folder), file_name
        self.tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        pad = self.tokenizer.token_to_id("<pad>")
        self.tokenizer.enable_padding(pad_id=1 if pad is None else pad, pad_token="<pad>")
        self.max_seq_length = max_seq_length
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = int(os.environ.get("OMP_NUM_THREADS", "0") or 0)
        opts.inter_op_num_threads = 1
        # No busy-waiting between calls: a serving process should not burn idle cores.
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
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        return ids, mask

    def run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        feed = {"input_ids": ids, "attention_mask": mask}
        return self.session.run(["last_hidden_state"], feed)[0]


def runner_for(folder: Path, file_name: str = FILE_NAME) -> OnnxRunner:
    config = json.loads((folder / ENCODER_CONFIG).read_text())
    return OnnxRunner(folder, file_name, int(config.get("max_seq_length", 512)))


@cache
def _encoder_class():
    """OnnxEncoder, defined on first use so that importing this module stays cheap."""
    import torch
    from sentence_transformers.base.modules.input_module import InputModule

    class OnnxEncoder(InputModule):
        """sentence-transformers input module running an `OnnxRunner`."""

        config_file_name = ENCODER_CONFIG
        config_keys = ["file_name", "max_seq_length"]

        def __init__(self, model_dir: str, file_name: str = FILE_NAME, max_seq_length: int = 512):
            super().__init__()
            self.runner = OnnxRunner(model_dir, file_name, max_seq_length)
            self.model_dir, self.file_name = str(model_dir), file_name
            self.tokenizer = self.runner.tokenizer

        @property
        def max_seq_length(self) -> int:
            return self.runner.max_seq_length

        @max_seq_length.setter
        def max_seq_length(self, value: int) -> None:
            self.runner.max_seq_length = value

        def preprocess(self, inputs, prompt: str | None = None, **kwargs) -> dict[str, Any]:
            texts = [(prompt or "") + (t if isinstance(t, str) else " ".join(t)) for t in inputs]
            ids, mask = self.runner.tokenize(texts)
            return {"input_ids": torch.from_numpy(ids), "attention_mask": torch.from_numpy(mask)}

        def forward(self, features: dict[str, Any], **kwargs) -> dict[str, Any]:
            ids = features["input_ids"].cpu().numpy()
            mask = features["attention_mask"].cpu().numpy()
            features["token_embeddings"] = torch.from_numpy(self.runner.run(ids, mask))
            return features

        def get_embedding_dimension(self) -> int:
            return self.runner.dimension

        get_word_embedding_dimension = get_embedding_dimension

        def save(self, output_path: str, *args, **kwargs) -> None:
            """Copy the ONNX file and tokenizer next to this module's config."""
            out = Path(output_path)
            (out / self.file_name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(self.model_dir) / self.file_name, out / self.file_name)
            shutil.copy2(Path(self.model_dir) / "tokenizer.json", out / "tokenizer.json")
            self.save_config(str(out))

        @classmethod
        def load(cls, model_name_or_path: str, subfolder: str = "", model_kwargs=None, **kw):
            """Load from a local folder; `model_kwargs={"file_name": ...}` picks the file."""
            folder = Path(model_name_or_path) / subfolder
            config = json.loads((folder / ENCODER_CONFIG).read_text())
            file_name = (model_kwargs or {}).get("file_name", config.get("file_name", FILE_NAME))
            return cls(str(folder), file_name, int(config.get("max_seq_length", 512)))

    OnnxEncoder.__module__, OnnxEncoder.__qualname__ = __name__, "OnnxEncoder"
    return OnnxEncoder


def __getattr__(name: str):
    if name == "OnnxEncoder":  # the type named in the exported folder's modules.json
        return _encoder_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
