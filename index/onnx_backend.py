"""ONNX Runtime backend: the provisioned model exported once to fused int8 ONNX.

sentence-transformers' own `backend="onnx"` needs `optimum`, whose current release pins an older
transformers than ours. So the export is done here, offline: `torch.onnx` writes fp32,
onnxruntime's transformer optimiser fuses attention, layer norms and GELU (model type bert),
and `onnxruntime.quantization.quantize_dynamic` makes the fused graph int8 (fused attention
becomes `QAttention`). The result is written as a sentence-transformers folder whose first
module is `OnnxEncoder`. Two ways to run it: `load_lean_model` (`index.onnx_runtime`:
tokenizers + onnxruntime + numpy, what the `onnx` backend uses) and `load_onnx_model`, a
`SentenceTransformer(modules=..., backend="onnx")` for code that needs the full API.
Importing this module is cheap: torch and sentence-transformers load only when used.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import warnings
from functools import cache
from pathlib import Path
from typing import Any

from index.onnx_runtime import (
    DEFAULT_MAX_SEQ_LENGTH,
    ENCODER_CONFIG,
    FILE_NAME,
    PIECES_FILE,
    OnnxRunner,
    OnnxTextModel,
    PieceTokenizer,
    RunnerLength,
)
from stodkollen.settings import ONNX_EXPORT_RECIPE

log = logging.getLogger(__name__)

_DONE_MARKER = ".exported"
_SOURCE_FILES = ("config.json", "model.safetensors", "pytorch_model.bin", "tokenizer.json")
_COPIED = ("tokenizer.json", "tokenizer_config.json", "config_sentence_transformers.json")


def onnx_model_folder(st_folder: str | Path, models_dir: str | Path) -> Path:
    """Where the ONNX export of `st_folder` is cached: named after the source and a content key."""
    st = Path(st_folder)
    key = hashlib.sha256(f"{ONNX_EXPORT_RECIPE}:{FILE_NAME}".encode())  # a new recipe, a new folder
    for name in _SOURCE_FILES:
        f = st / name
        if f.exists():  # size + config text: cheap, and changes when the model is rebuilt
            key.update(f"{name}:{f.stat().st_size}".encode())
            if name == "config.json":
                key.update(f.read_bytes())
    return Path(models_dir) / f"{st.name}-onnx-{key.hexdigest()[:8]}"


def ensure_onnx_model(st_folder: str | Path, models_dir: str | Path) -> Path:
    """Return the fused int8 ONNX sentence-transformers folder, exporting it once if needed."""
    from index.provision import build_once

    st = Path(st_folder)
    if not (st / "modules.json").exists():
        raise ValueError(f"ONNX-backend kräver en lokal sentence-transformers-mapp, inte {st}")
    marker = {"source": str(st.resolve()), "file_name": FILE_NAME}
    return build_once(
        onnx_model_folder(st, models_dir),
        lambda tmp: build_onnx_folder(st, tmp / "out", tmp / "fp32.onnx"),
        "Exporterar språkmodellen till ONNX int8 (engångsjobb, ca 1 min)",
        marker=json.dumps(marker) + "\n",
        done=_DONE_MARKER,
    )


_LEAN_MODULES = ("Pooling", "Normalize")  # what OnnxTextModel reproduces in numpy


class NotLean(ValueError):
    """The model's modules after the encoder are other than mean pooling + normalisation."""


def load_lean_model(st_folder: str | Path, models_dir: str | Path) -> OnnxTextModel:
    """`OnnxTextModel` over the cached export; `NotLean` when the folder's modules are other
    than mean pooling + normalisation (then `load_onnx_model` runs it)."""
    folder = ensure_onnx_model(st_folder, models_dir)
    types = [m["type"] for m in json.loads((folder / "modules.json").read_text())[1:]]
    pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
    if [t.rsplit(".", 1)[-1] for t in types] != list(_LEAN_MODULES) or (
        pooling.get("pooling_mode", "mean") != "mean"
        and not pooling.get("pooling_mode_mean_tokens")
    ):
        raise NotLean(f"{folder} har andra moduler än medelvärde + normalisering: {types}")
    return OnnxTextModel(folder)


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
    """Write a sentence-transformers folder: fused int8 ONNX encoder + the source's pooling
    modules."""
    (out / "onnx").mkdir(parents=True)
    export_fp32(st, fp32_path)
    fused = fp32_path.with_name("fused.onnx")
    config = json.loads((st / "config.json").read_text())
    source = fused if fuse_transformer(fp32_path, fused, config) else fp32_path
    quantize_int8(source, out / FILE_NAME)
    for name in _COPIED:
        if (st / name).exists():
            shutil.copy2(st / name, out / name)
    write_piece_model(out / "tokenizer.json", out / PIECES_FILE)
    modules = json.loads((st / "modules.json").read_text())
    for m in modules[1:]:
        shutil.copytree(st / m["path"], out / m["path"])
    bert_config = json.loads((st / "sentence_bert_config.json").read_text())
    max_len = bert_config.get("max_seq_length", DEFAULT_MAX_SEQ_LENGTH)
    modules[0] = {"idx": 0, "name": "0", "path": "", "type": f"{__name__}.OnnxEncoder"}
    (out / "modules.json").write_text(json.dumps(modules, indent=2))
    (out / ENCODER_CONFIG).write_text(
        json.dumps({"file_name": FILE_NAME, "max_seq_length": max_len}, indent=2)
    )


# Texts whose ids the SentencePiece model must reproduce before it is used: Swedish, spaces of
# every kind (leading, trailing, repeated, non-breaking), compatibility forms, an empty text.
_PROBES = (
    "passage: Projektägare: Industriellt Utvecklingscentrum i Kalmar AB. Budget 624 602 kr.",
    "query: Vem var projektägare för Håll ut?",
    "  två  mellanslag\xa0och\ttab\n",
    "Finansiär:\xa0Tillväxtverket\xa0",
    "ﬁ ligatur ①② ＡＢＣ全角 — “citat” 😀 x\u200b",
    " ",
    "",
)


def write_piece_model(tokenizer_json: Path, out: Path) -> bool:
    """Write tokenizer.json's Unigram model as a SentencePiece model (`PieceTokenizer`) when
    it is one (charsmap normaliser, metaspace) and gives the same ids on the probe texts;
    False otherwise (the runner then uses tokenizer.json)."""
    import base64

    from sentencepiece import sentencepiece_model_pb2 as pb
    from tokenizers import Tokenizer

    spec = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    model, norm = spec["model"], spec.get("normalizer") or {}
    charsmaps = [n for n in norm.get("normalizers", []) if n.get("type") == "Precompiled"]
    if model.get("type") != "Unigram" or not charsmaps:
        return False
    special = {t["content"] for t in spec.get("added_tokens", [])}
    kind = pb.ModelProto.SentencePiece
    proto = pb.ModelProto()
    for i, (piece, score) in enumerate(model["vocab"]):
        entry = proto.pieces.add(piece=piece, score=score)
        entry.type = (
            kind.UNKNOWN
            if i == model["unk_id"]
            else kind.CONTROL
            if piece in special
            else kind.NORMAL
        )
    ids = {piece: i for i, (piece, _) in enumerate(model["vocab"])}
    proto.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
    proto.trainer_spec.unk_id = model["unk_id"]
    proto.trainer_spec.bos_id, proto.trainer_spec.eos_id = ids["<s>"], ids["</s>"]
    proto.trainer_spec.pad_id = ids["<pad>"]
    proto.normalizer_spec.name = "identity"
    proto.normalizer_spec.precompiled_charsmap = base64.b64decode(
        charsmaps[0]["precompiled_charsmap"]
    )
    # The charsmap, then one space for a run of them, then "▁" before the text (metaspace).
    proto.normalizer_spec.add_dummy_prefix = True
    proto.normalizer_spec.remove_extra_whitespaces = True
    proto.normalizer_spec.escape_whitespaces = True
    out.write_bytes(proto.SerializeToString())
    reference = Tokenizer.from_str(tokenizer_json.read_text(encoding="utf-8"))
    pieces = PieceTokenizer(out)
    if all(reference.encode(t).ids == pieces.ids(t) for t in _PROBES):
        return True
    log.warning("SentencePiece-modellen gav andra id:n än tokenizer.json; används inte")
    out.unlink()
    return False


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


def fuse_transformer(src: Path, dst: Path, config: dict) -> bool:
    """onnxruntime's transformer optimiser (model type bert): embedding + layer norm, attention,
    skip + layer norm and bias + GELU each become one fused operator. Fusing before quantising
    lets the attention become one `QAttention`; the reverse order leaves dozens of small ops.
    Python fusions only (opt_level 0): ONNX Runtime's own graph optimisations run at load
    time on whatever CPU the session meets. False (nothing written) for a model whose
    attention the optimiser does not recognise: it is then quantised unfused."""
    from onnxruntime.transformers import optimizer
    from onnxruntime.transformers.fusion_options import FusionOptions

    root = logging.getLogger()  # the optimiser logs its progress through the root logger
    was, root.disabled = root.disabled, True
    try:
        model = optimizer.optimize_model(
            str(src),
            model_type="bert",
            num_heads=int(config["num_attention_heads"]),
            hidden_size=int(config["hidden_size"]),
            optimization_options=FusionOptions("bert"),
            opt_level=0,
            use_gpu=False,
        )
        fused = model.get_fused_operator_statistics()
    finally:
        root.disabled = was
    if not fused.get("Attention"):
        log.warning("ONNX: ingen attention att slå ihop (%s); kvantiserar utan fusion", fused)
        return False
    model.save_model_to_file(str(dst))
    return True


# The feed-forward output projections (fed by GELU, whose skewed activations quantise worst
# to one uint8 scale per tensor) of this many first layers stay fp32. Measured on 64 Swedish
# passages: cosine to torch fp32 0.9964 mean / 0.9955 min with every layer int8, 0.9989 /
# 0.9986 with the first six fp32, for about 19 % more CPU time; keeping the first three, the
# last six or only layers 3-5 helped far less. Full int8 moved a development-set question
# from cosine 0.876 (torch) to 0.869, under the answer's strong-evidence bar of 0.87; with six
# fp32 the development gate still failed by one question each on hit@5 (0.949) and false
# refusals (0.034). With all twelve it holds (hit@5 0.958, false refusals 0.025, cosine 0.9990
# mean / 0.9988 min) at 2.5x torch fp32 against 2.85x with six (29 passages, one run).
FP32_FFN_OUTPUT_LAYERS = 12


def ffn_outputs(model) -> list[str]:
    """Names of the MatMul nodes fed by a fused bias + GELU, in graph (layer) order."""
    made_by = {out: node for node in model.graph.node for out in node.output}
    return [
        n.name
        for n in model.graph.node
        if n.op_type == "MatMul"
        and n.input[0] in made_by
        and made_by[n.input[0]].op_type in ("BiasGelu", "Gelu", "FastGelu")
    ]


def quantize_int8(src: Path, dst: Path) -> None:
    """Dynamic int8 quantisation, per output channel (per-tensor loses ~1.5 % cosine here),
    except the first layers' feed-forward output projections (`FP32_FFN_OUTPUT_LAYERS`)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep = ffn_outputs(onnx.load(str(src), load_external_data=False))[:FP32_FFN_OUTPUT_LAYERS]
    root = logging.getLogger()  # quantize_dynamic logs advice through the root logger
    was, root.disabled = root.disabled, True
    try:
        quantize_dynamic(
            str(src),
            str(dst),
            weight_type=QuantType.QInt8,
            per_channel=True,
            nodes_to_exclude=keep,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    finally:
        root.disabled = was


@cache
def _encoder_class():
    """OnnxEncoder, defined on first use so that importing this module stays cheap."""
    import torch
    from sentence_transformers.base.modules.input_module import InputModule

    class OnnxEncoder(RunnerLength, InputModule):
        """sentence-transformers input module running an `OnnxRunner`."""

        config_file_name = ENCODER_CONFIG
        config_keys = ["file_name", "max_seq_length"]

        def __init__(
            self,
            model_dir: str,
            file_name: str = FILE_NAME,
            max_seq_length: int = DEFAULT_MAX_SEQ_LENGTH,
        ):
            super().__init__()
            self.runner = OnnxRunner(model_dir, file_name, max_seq_length)
            self.model_dir, self.file_name = str(model_dir), file_name
            self.tokenizer = self.runner.tokenizer

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
            max_len = int(config.get("max_seq_length", DEFAULT_MAX_SEQ_LENGTH))
            return cls(str(folder), file_name, max_len)

    OnnxEncoder.__module__, OnnxEncoder.__qualname__ = __name__, "OnnxEncoder"
    return OnnxEncoder


def __getattr__(name: str):
    if name == "OnnxEncoder":  # the type named in the exported folder's modules.json
        return _encoder_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
