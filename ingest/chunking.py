"""Projects -> chunks: sentence-aware splitting inside one project, a context header, metadata."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from functools import lru_cache

from stodkollen.records import Chunk, Project
from stodkollen.text import sentence_pieces

_WORD = re.compile(r"\w+|[^\w\s]")


def _words(text: str) -> list[str]:
    # Offline and fast: llama-index would otherwise fetch a tiktoken vocabulary.
    return _WORD.findall(text)


@lru_cache(maxsize=4)
def _splitter(chunk_size: int, chunk_overlap: int):
    from llama_index.core.node_parser import SentenceSplitter

    return SentenceSplitter(
        chunk_size=chunk_size,
        chunk_overlap=min(chunk_overlap, chunk_size // 2),
        tokenizer=_words,
        chunking_tokenizer_fn=sentence_pieces,  # Swedish Punkt, the answers' splitter too
    )


CONTEXT_JOIN = " · "  # between a record's own header and its list page's context


def context_header(project: Project) -> str:
    """A short line that makes a chunk findable on its own: project title and place, and on a
    list page what the page says about all its records."""
    places = ", ".join(project.kommuner[:3]) or ", ".join(project.lan[:2])
    head = f"{project.title} ({places})" if places else project.title
    return f"{head}{CONTEXT_JOIN}{project.context}" if project.context else head


def chunk_id(source: str, project_index: int, chunk_index: int, embedded: str) -> str:
    """Deterministic from the source's identity, the position and the embedded text (not the
    document's bytes): re-ingest is idempotent, a chunk whose embedded text is unchanged keeps
    its id (and its vector) when the rest of its page changes, and two files with the same
    text keep chunks of their own."""
    key = f"{source}:{project_index}:{chunk_index}:{embedded}"
    return hashlib.sha1(key.encode("utf-8", "backslashreplace")).hexdigest()


def chunk_project(project: Project, doc_hash: str, chunk_size: int, overlap: int) -> list[Chunk]:
    """Split one project's text into sentence-aligned chunks carrying its metadata."""
    body = project.text.strip() or project.title
    pieces = _splitter(chunk_size, overlap).split_text(body) or [body]
    meta = replace(project, text="")
    header = context_header(project)
    source = project.source_id or project.source
    return [
        Chunk(
            chunk_id(source, project.index, i, _embedded(header, text)),
            text,
            meta,
            doc_hash,
            i,
            0,
            header,
        )
        for i, text in enumerate(pieces)
    ]


def _embedded(header: str, text: str) -> str:
    return f"{header}\n{text}".strip()


def embedding_text(chunk: Chunk) -> str:
    """What is embedded: the context header, then the chunk."""
    return _embedded(chunk.header, chunk.text)


def lexical_text(chunk: Chunk) -> str:
    """What is BM25-indexed: the header with only the names of the list page's context, then
    the chunk.

    The page context is in every record of a list page; its common words counted by BM25 would
    lower the weight of the words it shares with the page's records and shift the answers'
    word scores. Its names (the LAG, the programme, the places) are what a question about the
    list uses and the records do not repeat ("Leader Vildmarksrikets möte").
    """
    header = chunk.header
    context = chunk.project.context
    if context and header.endswith(f"{CONTEXT_JOIN}{context}"):
        header = header[: -len(f"{CONTEXT_JOIN}{context}")]
        names = context_names(context)
        header = f"{header}{CONTEXT_JOIN}{names}" if names else header
    return _embedded(header, chunk.text)


# A capitalised word inside a sentence is a name; the first word of a sentence is capitalised
# anyway.
_SENTENCE_START = re.compile(r"(?:^|[.!?:–-]\s+)(\S+)")
_NAME = re.compile(r"[A-ZÅÄÖ][\wåäöÅÄÖ-]+")


def context_names(context: str) -> str:
    """The names in a list page's context, in order, once each."""
    starts = {m.start(1) for m in _SENTENCE_START.finditer(context)}
    names = [m.group() for m in _NAME.finditer(context) if m.start() not in starts]
    return " ".join(dict.fromkeys(names))
