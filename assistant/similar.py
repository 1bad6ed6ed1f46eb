"""Similar projects: rank projects (not chunks) by their project-level vector."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import numpy as np

from assistant import compose
from assistant.types import Answer, Source
from index.lexical import fold

_LEAD_IN = re.compile(
    r"^(finns det|har ni|har det funnits|visa|hitta|ge mig)?\s*(nagra|några)?\s*"
    r"(liknande|snarlika|jämförbara|similar)\s+(projekt|projects?)\s*(som|till|like|to|med|om)?\s*",
    re.IGNORECASE,
)


@dataclass
class SimilarProject:
    project_id: str
    title: str
    source: str
    kommun: str | None
    period: str | None
    owner: str | None
    score: float
    passage: str  # the sentence that makes it similar

    def to_dict(self) -> dict:
        return asdict(self)


_OTHER_PLACES = re.compile(r"andra kommuner|annan kommun|annat lan|other (municipalit|region)")


def _title_variants(title: str) -> list[str]:
    """A title as people say it: whole, without "Projekt", before a parenthesis, in quotes."""
    variants = [title, re.sub(r"^projekt(et)?\s+", "", title, flags=re.IGNORECASE)]
    variants.append(title.split("(")[0])
    variants.extend(re.findall(r"[”\"“](.+?)[”\"“]", title))
    out = []
    for v in variants:
        words = re.findall(r"\w+", fold(v))
        if words and len(" ".join(words)) >= 4:
            out.append(" ".join(words))
    return out


def _names_project(query: str, title: str) -> bool:
    """True when the query names this project (so it is not returned as similar to itself)."""
    q = " " + " ".join(re.findall(r"\w+", fold(query))) + " "
    return any(f" {v} " in q for v in _title_variants(title))


def _named(assistant, text: str) -> list[str]:
    """Ids of the projects a query names."""
    got = assistant.store.projects.get(include=["metadatas"])
    return [
        pid
        for pid, md in zip(got["ids"], got["metadatas"], strict=True)
        if md.get("kind") == "project" and _names_project(text, md.get("title", ""))
    ]


def _query_vector(assistant, text: str, query: str, named: list[str]) -> np.ndarray:
    """The description's vector, pulled towards the vector of a project the query names."""
    vec = assistant.embedder.embed_queries([query])[0]
    if named:
        got = assistant.store.projects.get(ids=named[:1], include=["embeddings"])
        if len(got["embeddings"]):
            vec = vec + np.asarray(got["embeddings"][0], np.float32)
            vec = vec / (np.linalg.norm(vec) or 1.0)
    return vec


def _excluded_places(assistant, text: str, named: list[str]) -> set[str]:
    """Kommuner to leave out when the query asks for other kommuner than its own."""
    if not _OTHER_PLACES.search(fold(text)):
        return set()
    from ingest.places import find_kommuner

    out = set(find_kommuner(text))
    if named:
        md = assistant.store.projects.get(ids=named, include=["metadatas"])["metadatas"]
        for m in md:
            out |= {k for k in str(m.get("kommuner", "")).split("; ") if k}
    return out


def find_similar(assistant, text: str, k: int = 5) -> list[SimilarProject]:
    """Projects most similar to a description or a project name, best first."""
    query = _LEAD_IN.sub("", text.strip()) or text
    named = _named(assistant, text)
    vec = _query_vector(assistant, text, query, named)
    skip_places = _excluded_places(assistant, text, named)
    out = []
    for pid, score, md, doc in assistant.store.query_projects(vec, k + 15):
        # A page's intro next to its projects is no project of its own; a one-record page is.
        intro = md.get("kind") == "page" and md.get("doc_projects", 1) > 1
        if intro or pid in named or _names_project(text, md.get("title", "")):
            continue
        if md.get("kommun") in skip_places:
            continue
        src = Source(1, md.get("source", ""), "", 0.0, doc)
        best = compose.best_sentences(query, [src], 1, prose_only=True)
        out.append(
            SimilarProject(
                pid,
                md.get("title", ""),
                md.get("source", ""),
                md.get("kommun"),
                compose.format_period(md),
                md.get("owner"),
                score,
                best[0][1] if best else doc[:200],
            )
        )
        if len(out) >= k:
            break
    return out


def similar_answer(assistant, question: str, k: int) -> Answer:
    """The chat's answer to "finns det liknande projekt …": a cited list of projects."""
    found = find_similar(assistant, question, k=min(k, 3))
    if not found:
        from assistant.types import REFUSAL

        return Answer(question, REFUSAL, refused=True)
    sources, lines = [], []
    for n, p in enumerate(found, start=1):
        md = {"project_id": p.project_id, "kommun": p.kommun, "owner": p.owner, "period": p.period}
        src = Source(n, p.source, p.title, p.score, p.passage, {k: v for k, v in md.items() if v})
        src.cited_sentences.append(p.passage)
        sources.append(src)
        where = f" ({p.kommun})" if p.kommun else ""
        lines.append(f"- {p.title}{where}: {p.passage.rstrip('.')}. [{n}]")
    text = "Liknande projekt:\n" + "\n".join(lines)
    return Answer(question, text, False, sources, project_id=found[0].project_id)
