"""Projects -> chunks: sentence-aware splitting inside one project, a context header, metadata."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from index.store import ChunkRecord
from ingest.models import Contact, Project

_WORD = re.compile(r"\w+|[^\w\s]")


def _words(text: str) -> list[str]:
    # Offline and fast: llama-index would otherwise fetch a tiktoken vocabulary.
    return _WORD.findall(text)


@lru_cache(maxsize=4)
def _splitter(chunk_size: int, chunk_overlap: int):
    from llama_index.core.node_parser import SentenceSplitter

    return SentenceSplitter(
        chunk_size=chunk_size, chunk_overlap=min(chunk_overlap, chunk_size // 2), tokenizer=_words
    )


def context_header(project: Project) -> str:
    """A short line that makes a chunk findable on its own: project title and place."""
    places = ", ".join(project.kommuner[:3]) or ", ".join(project.lan[:2])
    return f"{project.title} ({places})" if places else project.title


def _contact_text(c: Contact) -> str:
    return ", ".join(p for p in (c.name, c.role, c.email, c.phone) if p)


def project_metadata(project: Project, doc_hash: str) -> dict:
    """Scalar metadata for Chroma: lists are joined; per-place boolean flags allow `where`."""
    md: dict = {
        "source": project.source,
        "project_id": project.id,
        "project_index": project.index,
        "title": project.title,
        "kind": project.kind,
        "doc_hash": doc_hash,
        "kommun": project.kommuner[0] if project.kommuner else None,
        "kommuner": "; ".join(project.kommuner),
        "lan": project.lan[0] if project.lan else None,
        "lans": "; ".join(project.lan),
        "owner": project.owner,
        "period_raw": project.period_raw,
        "period_start": project.period_start,
        "period_end": project.period_end,
        "start_year": int(project.period_start[:4]) if project.period_start else None,
        "end_year": int(project.period_end[:4]) if project.period_end else None,
        "funders": "; ".join(project.funders),
        "budget_sek": project.budget_sek,
        "contacts": " | ".join(_contact_text(c) for c in project.contacts),
        "published": project.published,
        "updated": project.updated,
    }
    for k in project.kommuner:
        md[f"kommun:{k}"] = True
    for ln in project.lan:
        md[f"lan:{ln}"] = True
    return {k: v for k, v in md.items() if v is not None and v != ""}


def chunk_id(source: str, doc_hash: str, project_index: int, chunk_index: int, text: str) -> str:
    """Deterministic: the same source and content always get the same id, so re-ingest is
    idempotent; two files with the same text keep chunks of their own."""
    key = f"{source}:{doc_hash}:{project_index}:{chunk_index}:{text}"
    return hashlib.sha1(key.encode()).hexdigest()


def chunk_project(
    project: Project, doc_hash: str, chunk_size: int, overlap: int
) -> list[ChunkRecord]:
    """Split one project's text into sentence-aligned chunks carrying its metadata."""
    body = project.text.strip() or project.title
    pieces = _splitter(chunk_size, overlap).split_text(body) or [body]
    base = project_metadata(project, doc_hash)
    header = context_header(project)
    out = []
    for i, text in enumerate(pieces):
        md = dict(base, chunk_index=i, header=header)
        out.append(
            ChunkRecord(chunk_id(project.source, doc_hash, project.index, i, text), text, md)
        )
    return out


def embedding_text(record: ChunkRecord) -> str:
    """What is embedded and BM25-indexed: the context header, then the chunk."""
    return f"{record.metadata.get('header', '')}\n{record.text}".strip()
