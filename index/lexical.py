"""BM25 over chunks (bm25s) on the Swedish index terms of `stodkollen.text`, and the compact
per-chunk index a process keeps instead of the chunks themselves, saved per store version.

`LexicalIndex` is BM25 plus document frequencies (the refusal's term coverage, the composers'
IDF weights). Its score matrix is built with numpy (equal to bm25s's own builder) and can be
saved and loaded memory-mapped (bm25s save/load). `ChunkIndex` is what answering needs to know
about *every* chunk: its id by BM25 position, the fields filters test (source, year span,
kommuner, län) as numpy arrays, the kommuner, län and sources present and each project's title
head. Texts and metadata stay in Chroma and are fetched for hits only.

`ChunkIndexCache` keeps one `ChunkIndex` at the store's version (`ChunkStore.version()`, the
token every write replaces): it loads the index saved for that token from
`<home>/lexical/<store identity>/<terms fingerprint>/<token>/` (arrays and BM25
memory-mapped); else it applies this process's own writes, which the store reports with the
version each replaced, to the index they started from (each chunk's index terms are saved
with it, so the texts are never read back); else it builds from every chunk. It saves what
it made, so the next process on this home starts by loading, and keeps the version before
it for replicas still loading that one. The ingest saves the version it leaves behind.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import shutil
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from stodkollen import codec
from stodkollen.records import Chunk, Filters
from stodkollen.text import known_term, place_terms, terms, title_head

log = logging.getLogger(__name__)

# Of the saved files and what they index; a change makes old caches unreadable (rebuilt, not
# misread). 2: each chunk's index terms are saved too, so a write can be applied without the
# texts. 3: list-page context left out of the indexed text. 4: only its names indexed
# (`ingest.chunking.lexical_text`).
FORMAT = 4
# A title head shorter than this ("Ett", "Vi") would match questions by accident.
MIN_TITLE_HEAD_CHARS = 4
# Saved versions kept per store: the newest and the one before it, which a replica that has
# not yet seen the newest may be loading right now (a folder it has already memory-mapped
# may go: the mapped files stay readable until it lets go of them).
KEEP_VERSIONS = 2
# Writes of this process are remembered, as index rows, for bringing the index up to date
# without reading every chunk back (`ChunkIndexCache.record`). Beyond this many rows (an
# ingest of a million chunks at once) the journal is dropped and the index is rebuilt from
# the store, which then costs about as much as the rows would.
JOURNAL_MAX_ROWS = 1_000_000  # chunk rows held (~0.35 KB each: term ids and columns)
# A store-version token that names a folder: ChunkStore writes uuid4 hex; anything else
# (no token yet: a store never written by this code) is built but not saved.
_SAVABLE_VERSION = re.compile(r"[0-9a-f]{8,64}")

EMPTY_DOC = "__empty__"  # the term of a text without index terms, so every text is a document


def _bm25s():
    import bm25s

    # bm25s sets its logger to DEBUG on import: its lines would reach stderr next to the
    # CLI's one-line messages.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


# --- term lists ---------------------------------------------------------------------------
def term_ids(texts: Sequence[str], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Each text's index terms as ids in `vocab` (extended in place): (lengths, flat ids)."""
    lens = np.empty(len(texts), np.int64)
    flat: list[int] = []
    for i, text in enumerate(texts):
        ids = [vocab.setdefault(t, len(vocab)) for t in (terms(text) or [EMPTY_DOC])]
        lens[i] = len(ids)
        flat += ids
    return lens, np.asarray(flat, np.int32)


def _ptr(lens: np.ndarray) -> np.ndarray:
    out = np.zeros(len(lens) + 1, np.int64)
    np.cumsum(lens, out=out[1:])
    return out


def _gather(ptr: np.ndarray, flat: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The term lists of `rows`, in that order: (lengths, flat ids)."""
    lens = (ptr[1:] - ptr[:-1])[rows]
    if not len(rows) or not lens.sum():
        return lens, np.zeros(0, np.int32)
    starts = np.repeat(ptr[:-1][rows] - _ptr(lens)[:-1], lens)
    return lens, np.asarray(flat[starts + np.arange(int(lens.sum()))], np.int32)


# --- BM25 ---------------------------------------------------------------------------------
class LexicalIndex:
    """BM25 (bm25s) over documents given as index terms, with their document frequencies."""

    def __init__(self, texts: Sequence[str] = ()):
        vocab: dict[str, int] = {}
        lens, flat = term_ids(texts, vocab)
        self._set(*_bm25(_ptr(lens), flat, list(vocab)))

    def _set(self, bm25, size: int) -> None:
        self._bm25, self.size = bm25, size
        self.vocab: dict[str, int] = bm25.vocab_dict if bm25 is not None else {}
        indptr = np.asarray(bm25.scores["indptr"]) if bm25 is not None else np.zeros(1)
        # One score per (document, term): the column lengths are the document frequencies.
        self._df = np.diff(indptr).astype(np.int64)

    @classmethod
    def from_terms(cls, ptr: np.ndarray, flat: np.ndarray, vocab: list[str]) -> LexicalIndex:
        index = cls.__new__(cls)
        index._set(*_bm25(ptr, flat, vocab))
        return index

    def save(self, path: Path) -> None:
        if self._bm25 is not None:
            self._bm25.save(str(path), show_progress=False)

    @classmethod
    def load(cls, path: Path, size: int) -> LexicalIndex:
        bm25s = _bm25s()
        index = cls.__new__(cls)
        bm25 = bm25s.BM25.load(str(path), mmap=True, show_progress=False) if size else None
        index._set(bm25, size)
        return index

    def df(self, term: str) -> int:
        i = self.vocab.get(term)
        return int(self._df[i]) if i is not None and i < len(self._df) else 0

    def idf(self, term: str) -> float:
        """Inverse document frequency; unseen terms weigh the most."""
        return math.log((self.size + 1) / (self.df(term) + 0.5))

    def coverage(self, query: str, places: frozenset[str] = frozenset()) -> float:
        """IDF-weighted share of the question's topic terms that occur anywhere in the corpus
        (a compound counts when its head word does: `known_term`).

        Place names are left out (kommuner and län, and the `places` terms the caller found,
        such as a village's name): whether the corpus covers a place is decided separately.
        """
        q = set(terms(query)) - place_terms() - places
        total = sum(self.idf(t) for t in q)
        if not total:
            return 1.0
        return sum(self.idf(t) for t in q if known_term(t, self.vocab)) / total

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(position, score) of the best texts, score > 0 only; mask selects allowed texts."""
        q = terms(query)
        if not self.size or not q:
            return []
        known = [t for t in q if t in self.vocab]
        if not known:
            return []
        k = min(k, self.size)
        weight = None if mask is None else mask.astype(np.float32)
        docs, scores = self._bm25.retrieve(
            [known], k=k, show_progress=False, weight_mask=weight, n_threads=1
        )
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]


def _bm25(ptr: np.ndarray, flat: np.ndarray, vocab: list[str]):
    """(bm25s index, number of documents) over term lists whose ids index `vocab`.

    The score matrix is computed with numpy over all (document, term) pairs at once, with the
    arithmetic of bm25s's own builder (Lucene BM25, its defaults, the same float64 steps and
    the float32 result), so it equals `bm25s.BM25().index(...)` bit for bit (tested) while
    taking a fraction of the time of its loop over documents.
    """
    bm25s = _bm25s()
    n = len(ptr) - 1
    if not n:
        return None, 0
    bm25 = bm25s.BM25()
    assert (bm25.method, bm25.idf_method, bm25.dtype) == ("lucene", "lucene", "float32")
    lens = np.diff(ptr).astype(np.int64)
    docs = np.repeat(np.arange(n, dtype=np.int64), lens)
    pairs, tf = np.unique((docs << 32) | flat.astype(np.int64), return_counts=True)
    rows, cols = pairs >> 32, pairs & 0xFFFFFFFF
    df = np.bincount(cols, minlength=len(vocab))
    # idf of each distinct document frequency, by the same math.log bm25s calls
    values = np.unique(df[df > 0])
    idf_of = {int(d): math.log(1 + (n - int(d) + 0.5) / (int(d) + 0.5)) for d in values}
    idf = np.zeros(len(vocab), np.float32)
    idf[df > 0] = [idf_of[int(d)] for d in df[df > 0]]
    avg = lens.mean()
    norm = bm25.k1 * ((1 - bm25.b) + bm25.b * lens[rows] / avg)  # float64, as per document
    tf32 = tf.astype(np.float32)
    scores = (idf[cols] * (tf32 / (norm + tf32))).astype(np.float32)
    order = _by_column(cols)
    indptr = np.zeros(len(vocab) + 1, np.int64)
    np.cumsum(np.bincount(cols, minlength=len(vocab)), out=indptr[1:])
    bm25.scores = {
        "data": scores[order],
        "indices": rows[order].astype(np.int32),
        "indptr": indptr,
        "num_docs": n,
    }
    bm25.vocab_dict = {t: i for i, t in enumerate(vocab)}
    bm25.vocab_dict.setdefault("", len(vocab))  # what bm25s adds for empty queries
    bm25.unique_token_ids_set = set(bm25.vocab_dict.values())
    bm25.nonoccurrence_array = None
    return bm25, n


def _by_column(cols: np.ndarray) -> np.ndarray:
    """A stable order by column: entries already in (row, column) order come out in (column,
    row) order, the CSC layout. Radix passes of 16 bits (numpy sorts those by counting)."""
    order = np.argsort((cols & 0xFFFF).astype(np.uint16), kind="stable")
    high = cols[order] >> 16
    if high.any():
        order = order[np.argsort(high.astype(np.uint16), kind="stable")]
    return order


def _bm25_reference(ptr: np.ndarray, flat: np.ndarray, vocab: list[str]):
    """bm25s's own builder over the same term lists (the tests compare the two)."""
    bm25s = _bm25s()
    as_list = flat.tolist()
    docs = [as_list[a:b] for a, b in zip(ptr[:-1].tolist(), ptr[1:].tolist(), strict=True)]
    bm25 = bm25s.BM25()
    bm25.index((docs, {t: i for i, t in enumerate(vocab)}), show_progress=False)
    return bm25


# --- the per-chunk index ------------------------------------------------------------------
_INT_COLUMNS = ("source", "pindex", "cindex", "year_from", "year_to", "project")
_PLACES = ("kommun", "lan")
_TABLES = ("source", "project", "kommun", "lan", "vocab")


@dataclass
class _Rows:
    """Per-chunk columns (position-aligned) and their string tables, before sorting."""

    ids: list[bytes]
    cols: dict[str, np.ndarray]  # _INT_COLUMNS, each int32 per chunk
    places: dict[str, tuple[np.ndarray, np.ndarray]]  # kind -> (position, place id) pairs
    term_lens: np.ndarray
    term_flat: np.ndarray


def _head(chunk: Chunk) -> str:
    """A project's title as a question would name it: its first words, folded ("" if none)."""
    p = chunk.project
    if p.kind != "project":
        return ""
    head = title_head(p.title)
    return head if len(head) >= MIN_TITLE_HEAD_CHARS else ""


class ChunkIndex:
    """What a process knows about every chunk of one store version (see the module doc).

    Positions are sorted by (source, project index, chunk index, id): the order the catalog
    of whole chunks had, so BM25 ties rank as before.
    """

    def __init__(self, ids, cols, places, tables, lexical, version: str, term_lists):
        self.ids = ids  # np.ndarray of utf-8 bytes, by position
        # Each chunk's index terms (lengths, flat vocab ids) by position: what a change is
        # applied to (`changed`), without reading the texts back.
        self.term_lens, self.term_flat = term_lists
        self.cols: dict[str, np.ndarray] = cols
        self.places: dict[str, tuple[np.ndarray, np.ndarray]] = places
        self.tables: dict[str, list] = tables  # source, project, kommun, lan, vocab
        self.lexical: LexicalIndex = lexical
        self.version = version  # the store-version token this index is of
        self._by_id: np.ndarray | None = None  # positions sorted by id, made on first use
        self._place_ids = {
            kind: {name: i for i, name in enumerate(tables[kind])} for kind in _PLACES
        }
        self._source_ids = {name: i for i, name in enumerate(tables["source"])}
        present = {kind: np.unique(places[kind][1]) for kind in _PLACES}
        self.kommuner = frozenset(tables["kommun"][i] for i in present["kommun"].tolist())
        self.lans = frozenset(tables["lan"][i] for i in present["lan"].tolist())
        self.sources = frozenset(tables["source"])  # display names some chunk comes from
        heads: dict[str, str] = {}
        for pid, head in (tables["project"][i] for i in _first_seen(cols["project"])):
            if head and pid not in heads:
                heads[pid] = head
        self.title_heads: tuple[tuple[str, str], ...] = tuple(heads.items())

    @property
    def size(self) -> int:
        return len(self.ids)

    def id_at(self, position: int) -> str:
        return self.ids[position].decode()

    def positions_of(self, ids: list[str]) -> np.ndarray:
        """Each id's position (-1 for an id this index does not hold)."""
        order = self._by_id
        if order is None:
            order = self._by_id = np.argsort(self.ids, kind="stable")  # once per index
        wanted = np.asarray([i.encode() for i in ids], dtype=bytes)  # never truncated
        if not self.size or not len(wanted):
            return np.full(len(wanted), -1, np.int64)
        at = np.minimum(np.searchsorted(self.ids, wanted, sorter=order), self.size - 1)
        found = order[at]
        return np.where(self.ids[found] == wanted, found, -1)

    def ids_where(self, mask: np.ndarray) -> list[str]:
        """The chunk ids at the positions a mask selects."""
        return [i.decode() for i in self.ids[mask].tolist()]

    def mask(self, f: Filters) -> np.ndarray | None:
        """Positions that pass the filters (the rule of `codec.matches`), None when unfiltered."""
        if f.is_empty():
            return None
        keep = np.ones(self.size, bool)
        for kind, name in (("kommun", f.kommun), ("lan", f.lan)):
            if name:
                keep &= self._in_place(kind, name)
        if f.source:
            keep &= self.cols["source"] == self._source_ids.get(f.source, -1)
        if f.from_year is not None:
            keep &= self.cols["year_to"] >= int(f.from_year)
        if f.to_year is not None:
            keep &= self.cols["year_from"] <= int(f.to_year)
        return keep

    def _in_place(self, kind: str, name: str) -> np.ndarray:
        at, pid = self.places[kind]
        found = np.zeros(self.size, bool)
        i = self._place_ids[kind].get(name)
        if i is not None:
            found[at[pid == i]] = True
        return found

    # --- building ---------------------------------------------------------------------
    @classmethod
    def empty(cls) -> ChunkIndex:
        return cls.build([], [], "")

    @classmethod
    def build(cls, chunks: list[Chunk], texts: list[str], version: str) -> ChunkIndex:
        """The index of exactly these chunks (`texts`: what BM25 indexes of each)."""
        tables: dict[str, list] = {k: [] for k in _TABLES}
        return cls._assemble(_rows_of(chunks, texts, tables), tables, version)

    @classmethod
    def _assemble(cls, rows: _Rows, tables: dict[str, list], version: str) -> ChunkIndex:
        """Sort the rows into position order and build BM25 over them."""
        n = len(rows.ids)
        ids = np.asarray(rows.ids, dtype=bytes) if n else np.zeros(0, "S1")
        source_rank = np.argsort(np.argsort(np.array(tables["source"], dtype=object)))
        src = rows.cols["source"]
        order = np.lexsort(
            (ids, rows.cols["cindex"], rows.cols["pindex"], source_rank[src] if n else src)
        )
        back = np.empty(n, np.int64)
        back[order] = np.arange(n)
        ids = ids[order]
        cols = {c: rows.cols[c][order] for c in _INT_COLUMNS}
        places = {}
        for kind in _PLACES:
            at, pid = rows.places[kind]
            at = back[at].astype(np.int32)
            o = np.lexsort((pid, at))
            places[kind] = (at[o], pid[o])
        lens, flat = _gather(_ptr(rows.term_lens), rows.term_flat, order)
        lexical = LexicalIndex.from_terms(_ptr(lens), flat, tables["vocab"])
        return cls(ids, cols, places, tables, lexical, version, (lens, flat))

    # --- applying writes ----------------------------------------------------------------
    def changed(self, changes: list[IndexChange], version: str) -> ChunkIndex:
        """This index after these writes (in order): equal to a build from every chunk the
        store then holds (tested), at the cost of sorting arrays and the BM25 matrix.

        All rows (this index's, then each write's) are joined once; a row survives when the
        last write naming its id (an upsert or a delete) is the one that wrote it."""
        tables = {k: list(v) for k, v in self.tables.items()}
        lookup = {k: {v: i for i, v in enumerate(tables[k])} for k in _TABLES}
        base = _Rows(
            np.asarray(self.ids),
            {c: np.asarray(a) for c, a in self.cols.items()},
            {k: (np.asarray(at), np.asarray(pid)) for k, (at, pid) in self.places.items()},
            np.asarray(self.term_lens),
            np.asarray(self.term_flat),
        )
        parts = [base] + [_remapped(c.rows, c.tables, tables, lookup) for c in changes]
        rows = _concat(parts)
        seq = np.repeat(np.arange(len(parts)), [len(p.ids) for p in parts])
        gone = [np.asarray(c.deleted, dtype=bytes).reshape(-1) for c in changes]
        keys = np.concatenate([rows.ids, *gone]) if len(rows.ids) or gone else rows.ids
        when = np.concatenate([seq, *(np.full(len(g), k) for k, g in enumerate(gone, 1))])
        order = np.lexsort((when, keys))  # by id, then by write
        last = np.ones(len(order), bool)
        last[:-1] = keys[order[1:]] != keys[order[:-1]]
        winners = order[last]
        alive = np.zeros(len(rows.ids), bool)
        alive[winners[winners < len(rows.ids)]] = True
        for k, change in enumerate(changes, 1):
            for ids, name in change.renamed:  # rows written before the rename
                at = (seq < k) & np.isin(rows.ids, np.asarray(ids, dtype=bytes))
                rows.cols["source"][at] = _entry(tables, "source", name)
        rows, tables = _compacted(_select(rows, alive), tables)
        return self._assemble(rows, tables, version)

    # --- saving -----------------------------------------------------------------------
    def save(self, path: Path) -> None:
        path.mkdir(parents=True)
        arrays = {"ids": self.ids} | {f"col_{c}": a for c, a in self.cols.items()}
        arrays |= {"term_lens": self.term_lens, "term_flat": self.term_flat}
        for kind, (at, pid) in self.places.items():
            arrays |= {f"{kind}_at": at, f"{kind}_id": pid}
        for name, a in arrays.items():
            np.save(path / f"{name}.npy", a, allow_pickle=False)
        self.lexical.save(path / "bm25")
        meta = {"format": FORMAT, "size": self.size, "version": self.version}
        meta["tables"] = self.tables
        (path / "index.json").write_text(json.dumps(meta, ensure_ascii=False))  # written last

    @classmethod
    def load(cls, path: Path) -> ChunkIndex:
        meta = json.loads((path / "index.json").read_text())
        if meta.get("format") != FORMAT:
            raise ValueError(f"format {meta.get('format')}")

        def arr(name: str) -> np.ndarray:
            return np.load(path / f"{name}.npy", mmap_mode="r", allow_pickle=False)

        tables = meta["tables"]
        tables["project"] = [tuple(p) for p in tables["project"]]
        index = cls(
            arr("ids"),
            {c: arr(f"col_{c}") for c in _INT_COLUMNS},
            {kind: (arr(f"{kind}_at"), arr(f"{kind}_id")) for kind in _PLACES},
            tables,
            LexicalIndex.load(path / "bm25", meta["size"]),
            meta["version"],
            (arr("term_lens"), arr("term_flat")),
        )
        if index.size != meta["size"]:
            raise ValueError(f"{index.size} ids, {meta['size']} recorded")
        return index


def _first_seen(column: np.ndarray) -> list[int]:
    """The distinct values of a column in the order they first occur."""
    if not len(column):
        return []
    values, first = np.unique(column, return_index=True)
    return values[np.argsort(first)].tolist()


def _rows_of(chunks: list[Chunk], texts: list[str], tables: dict[str, list]) -> _Rows:
    """Rows for these chunks; their strings are added to `tables`."""
    lookup = {k: {v: i for i, v in enumerate(tables[k])} for k in _TABLES}

    def entry(kind: str, value) -> int:
        found = lookup[kind].get(value)
        if found is None:
            found = lookup[kind][value] = len(tables[kind])
            tables[kind].append(value)
        return found

    cols = {c: np.empty(len(chunks), np.int32) for c in _INT_COLUMNS}
    places: dict[str, tuple[list, list]] = {kind: ([], []) for kind in _PLACES}
    for i, c in enumerate(chunks):
        p = c.project
        first, last = codec.year_span(p)
        cols["source"][i] = entry("source", p.source)
        cols["pindex"][i], cols["cindex"][i] = p.index, c.chunk_index
        cols["year_from"][i], cols["year_to"][i] = first, last
        cols["project"][i] = entry("project", (p.id, _head(c)))
        for kind, names in (("kommun", p.kommuner), ("lan", p.lan)):
            for name in dict.fromkeys(names):
                places[kind][0].append(i)
                places[kind][1].append(entry(kind, name))
    vocab = lookup["vocab"]
    lens, flat = term_ids(texts, vocab)
    tables["vocab"].extend(list(vocab)[len(tables["vocab"]) :])
    return _Rows(
        [c.id.encode() for c in chunks],
        cols,
        {k: (np.asarray(a, np.int32), np.asarray(b, np.int32)) for k, (a, b) in places.items()},
        lens,
        flat,
    )


@dataclass
class IndexChange:
    """One write to the store as index rows: the version it replaced and the one it set, the
    chunks it wrote (rows with their own string tables), the ids it deleted and the display
    names it changed ([(chunk ids, new name)])."""

    parent: str
    version: str
    rows: _Rows
    tables: dict[str, list]
    deleted: list[str]
    renamed: list[tuple[list[str], str]]


def _entry(tables: dict[str, list], kind: str, value) -> int:
    try:
        return tables[kind].index(value)
    except ValueError:
        tables[kind].append(value)
        return len(tables[kind]) - 1


def _select(rows: _Rows, keep: np.ndarray) -> _Rows:
    """The rows a mask keeps, in their order."""
    kept = np.flatnonzero(keep)
    new_at = np.cumsum(keep) - 1
    places = {}
    for kind, (at, pid) in rows.places.items():
        stays = keep[at]
        places[kind] = (new_at[at[stays]].astype(np.int32), pid[stays])
    lens, flat = _gather(_ptr(rows.term_lens), rows.term_flat, kept)
    return _Rows(rows.ids[kept], {c: a[kept] for c, a in rows.cols.items()}, places, lens, flat)


def _concat(parts: list[_Rows]) -> _Rows:
    """Rows one after another (new arrays: the parts may be memory-mapped)."""
    offsets = np.cumsum([0] + [len(p.ids) for p in parts])[:-1]
    ids = [p.ids for p in parts if len(p.ids)]
    places = {
        kind: (
            np.concatenate(
                [p.places[kind][0] + o for p, o in zip(parts, offsets, strict=True)]
            ).astype(np.int32),
            np.concatenate([p.places[kind][1] for p in parts]).astype(np.int32),
        )
        for kind in _PLACES
    }
    return _Rows(
        np.concatenate(ids) if ids else parts[0].ids,
        {c: np.concatenate([p.cols[c] for p in parts]).astype(np.int32) for c in _INT_COLUMNS},
        places,
        np.concatenate([p.term_lens for p in parts]).astype(np.int64),
        np.concatenate([p.term_flat for p in parts]).astype(np.int32),
    )


_TABLE_OF_COLUMN = {"source": "source", "project": "project"}


def _remapped(rows: _Rows, own: dict[str, list], tables: dict[str, list], lookup) -> _Rows:
    """Rows whose table ids index `own`, re-pointed into `tables` (extended in place, with
    `lookup`, its value -> id maps)."""

    def to(kind: str) -> np.ndarray:
        out = np.empty(len(own[kind]), np.int32)
        for i, value in enumerate(own[kind]):
            found = lookup[kind].get(value)
            if found is None:
                found = lookup[kind][value] = len(tables[kind])
                tables[kind].append(value)
            out[i] = found
        return out

    cols = dict(rows.cols)
    for column, kind in _TABLE_OF_COLUMN.items():
        cols[column] = to(kind)[rows.cols[column]] if len(rows.ids) else rows.cols[column]
    places = {
        kind: (at, to(kind)[pid] if len(pid) else pid) for kind, (at, pid) in rows.places.items()
    }
    flat = to("vocab")[rows.term_flat] if len(rows.term_flat) else rows.term_flat
    return _Rows(rows.ids, cols, places, rows.term_lens, flat)


def _compacted(rows: _Rows, tables: dict[str, list]) -> tuple[_Rows, dict[str, list]]:
    """Tables cut to the entries some row uses (a fresh build has no others: a vocabulary
    term of deleted chunks would count as known to the refusal's coverage)."""
    used = {
        "source": rows.cols["source"],
        "project": rows.cols["project"],
        "kommun": rows.places["kommun"][1],
        "lan": rows.places["lan"][1],
        "vocab": rows.term_flat,
    }
    out: dict[str, list] = {}
    new_of: dict[str, np.ndarray] = {}
    for kind, values in used.items():
        keep = np.unique(values)
        out[kind] = [tables[kind][i] for i in keep.tolist()]
        new_of[kind] = np.zeros(len(tables[kind]), np.int32)
        new_of[kind][keep] = np.arange(len(keep), dtype=np.int32)
    cols = dict(rows.cols)
    cols["source"] = new_of["source"][rows.cols["source"]]
    cols["project"] = new_of["project"][rows.cols["project"]]
    places = {k: (at, new_of[k][pid]) for k, (at, pid) in rows.places.items()}
    flat = new_of["vocab"][rows.term_flat]
    return _Rows(rows.ids, cols, places, rows.term_lens, flat), out


def change_of(
    parent: str,
    version: str,
    upserted: list[Chunk],
    deleted: list[str],
    renamed: list[tuple[list[str], str]],
    text_of: Callable[[Chunk], str],
) -> IndexChange:
    """A write as index rows. Chunks go through the codec first, so a row is what a build
    from the store would make of the chunk read back."""
    back = [codec.chunk_from(c.id, c.text, codec.chunk_metadata(c)) for c in upserted]
    tables: dict[str, list] = {k: [] for k in _TABLES}
    rows = _rows_of(back, [text_of(c) for c in back], tables)
    rows.ids = np.asarray(rows.ids, dtype=bytes) if rows.ids else np.zeros(0, "S1")
    return IndexChange(parent, version, rows, tables, list(deleted), list(renamed))


# --- kept at the store's version ----------------------------------------------------------
class ChunkIndexCache:
    """The `ChunkIndex` of one store, kept at its version, saved under `root` per version.

    A version is reached by loading the index saved for it, else by applying this process's
    own writes (`record`, called by the store after each write) to the index of the version
    they started from, else by building from every chunk. A write's record names the version
    it replaced, read right after its data went in: when another process wrote meanwhile,
    the chain does not reach back to a known index and the index is built from the store.
    """

    def __init__(self, root: Path, text_of: Callable[[Chunk], str]):
        self.root, self.text_of = root, text_of
        self._lock = threading.Lock()
        self._index: ChunkIndex | None = None
        self.last_event = "none"  # what the last change was: loaded, updated or built
        self._journal: dict[str, IndexChange] = {}  # by the version each write set
        self._journal_rows = 0
        self._journal_lock = threading.Lock()

    def record(self, parent: str, version: str, upserted, deleted, renamed) -> None:
        """A write to the store made by this process (see `index.store.ChunkStore.on_write`)."""
        change = change_of(parent, version, upserted, deleted, renamed, self.text_of)
        with self._journal_lock:
            self._journal[version] = change
            self._journal_rows += len(change.rows.ids)
            if self._journal_rows > JOURNAL_MAX_ROWS:
                log.info("Lexikalt index: för många ändringar i minnet, byggs om från lagret")
                self._journal.clear()
                self._journal_rows = 0

    def current(self, store, wait: bool = True) -> ChunkIndex:
        """The index at the store's version. One cheap call when nothing changed; while
        another thread brings it up to date, callers that need not `wait` get the previous
        index (a process's first call always waits)."""
        index = self._index
        version = store.version()
        if index is not None and index.version == version:
            return index
        if not self._lock.acquire(blocking=wait or index is None):
            return index
        try:
            # Read again inside the lock: another thread may have caught up, or a write may
            # have come. The version is read before any chunk, so an index built while a write
            # runs is labelled with the older token and the next call builds again.
            version = store.version()
            index = self._index
            if index is not None and index.version == version:
                return index
            index = self._load(version) or self._updated(version, store)
            if index is None:
                chunks = store.all_chunks()
                index = ChunkIndex.build(chunks, [self.text_of(c) for c in chunks], version)
                self.last_event = "built"
                log.info("Lexikalt index byggt: %d delar", index.size)
                self._save(index)
            self._index = index
            return index
        finally:
            self._lock.release()

    def _updated(self, version: str, store) -> ChunkIndex | None:
        """The index at `version` from an index this process knows (in memory or saved) and
        its own writes since; None when the writes do not lead there."""
        with self._journal_lock:
            chain: list[IndexChange] = []
            at, base = version, None
            while at in self._journal and len(chain) <= len(self._journal):
                chain.append(self._journal[at])
                at = chain[-1].parent
                if self._index is not None and self._index.version == at:
                    base = self._index
                    break
        if not chain:
            return None
        base = base or self._load(at)
        if base is None:
            return None
        index = base.changed(chain[::-1], version)
        if index.size != store.count():  # a write the chain does not know of: never trust
            log.warning(
                "Lexikalt index: %d delar efter ändringar, lagret har fler eller färre; byggs om",
                index.size,
            )
            return None
        with self._journal_lock:
            for change in chain:
                if self._journal.pop(change.version, None) is not None:
                    self._journal_rows -= len(change.rows.ids)
        self.last_event = "updated"
        log.info("Lexikalt index uppdaterat: %d skrivningar, %d delar", len(chain), index.size)
        self._save(index)
        return index

    def _path(self, version: str) -> Path | None:
        return self.root / version if _SAVABLE_VERSION.fullmatch(version) else None

    def _load(self, version: str) -> ChunkIndex | None:
        path = self._path(version)
        if path is None or not (path / "index.json").is_file():
            return None
        try:
            index = ChunkIndex.load(path)
            if index.version != version:
                raise ValueError(f"version {index.version}, folder {version}")
        except Exception:  # a damaged or older cache is removed and rebuilt, never trusted
            log.warning("Sparat lexikalt index i %s kunde inte läsas", path, exc_info=True)
            shutil.rmtree(path, ignore_errors=True)
            return None
        self.last_event = "loaded"
        return index

    def _saved(self) -> list[Path]:
        """Saved versions, newest first."""
        if not self.root.is_dir():
            return []
        found = [p for p in self.root.iterdir() if _SAVABLE_VERSION.fullmatch(p.name)]
        return sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True)

    def _save(self, index: ChunkIndex) -> None:
        """Write to a temporary folder, then rename: readers never see half an index."""
        target = self._path(index.version)
        if target is None:
            return
        tmp = self.root / f".tmp-{uuid.uuid4().hex}"
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            index.save(tmp)
            try:
                os.rename(tmp, target)
            except OSError:  # another process saved this version first
                shutil.rmtree(tmp, ignore_errors=True)
            for old in self._saved()[KEEP_VERSIONS:]:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            log.warning("Lexikalt index kunde inte sparas i %s", self.root, exc_info=True)


# Words that exercise folding, stopwords, stemming and compounds: when `terms` changes (a
# new stemmer, stopword list or folding rule) their terms change, and so does the folder a
# saved index is looked up in, so an index built with the old terms is never loaded.
_TERMS_PROBE = (
    "Företagsrådgivningen i Malå och Östersunds kommuner: projektägare, finansiärerna, "
    "satsningar på landsbygden, bl.a. 13 miljoner kronor, the projects were funded"
)


def terms_fingerprint() -> str:
    """A short hash of what `terms` makes of a probe text, plus the file format."""
    import hashlib

    probe = f"{FORMAT}|{'|'.join(terms(_TERMS_PROBE))}|{len(place_terms())}"
    return "t" + hashlib.sha1(probe.encode()).hexdigest()[:10]


_caches: dict[str, ChunkIndexCache] = {}
_caches_lock = threading.Lock()


def cache_for(store, text_of: Callable[[Chunk], str]) -> ChunkIndexCache:
    """This process's one cache for a store (by home and store identity): threads, assistants
    and the ingest pipeline on one store share it, so a version is built once."""
    root = Path(store.settings.home) / "lexical" / store.identity / terms_fingerprint()
    with _caches_lock:
        cache = _caches.get(str(root))
        if cache is None:
            cache = _caches[str(root)] = ChunkIndexCache(root, text_of)
    store.on_write(cache.record)  # once per store object: the index follows its writes
    return cache
