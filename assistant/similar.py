"""Similar projects: rank projects (not chunks) by their project-level vector."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import numpy as np

from assistant import fields, units
from stodkollen.places import find_kommuner
from stodkollen.records import REFUSAL, Answer, Project, Source
from stodkollen.text import fold, terms, words

_LEAD_IN = re.compile(
    r"^(finns det|har ni|har det funnits|visa|hitta|ge mig)?\s*(nagra|några)?\s*"
    r"(liknande|snarlika|jämförbara|similar)\s+(projekt|projects?)\s*(som|till|like|to|med|om)?\s*",
    re.IGNORECASE,
)
# Asks for projects elsewhere than the named project's own kommun (folded text).
_OTHER_PLACES = re.compile(
    r"\bandra (kommuner|orter|platser|stader|regioner|lan|delar av landet)\b|\bannan (kommun|ort)"
    r"|\bannat (lan|hall)|\bandra hall\b|\bannanstans\b|\bnagon annanstans\b|\belsewhere\b"
    r"|other (municipalit|region|places|towns|parts)"
    r"|\bfler (kommuner|orter|platser|stader)\b|\bensam(t|ma)? om\b|\bmore (municipalit|towns)"
)
# A title variant shorter than this ("Ett") would match queries by accident.
MIN_VARIANT_CHARS = 4
# Without a sentence to show, the start of the project's text explains the match.
FALLBACK_PASSAGE_CHARS = 200


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


def _title_variants(title: str) -> list[str]:
    """A title as people say it: whole, without "Projekt", before a parenthesis, in quotes."""
    variants = [title, re.sub(r"^projekt(et)?\s+", "", title, flags=re.IGNORECASE)]
    variants.append(title.split("(")[0])
    variants.extend(re.findall(r"[”\"“](.+?)[”\"“]", title))
    out = []
    for v in variants:
        joined = " ".join(words(v))
        if len(joined) >= MIN_VARIANT_CHARS:
            out.append(joined)
    return out


def _names_project(query: str, title: str) -> bool:
    """True when the query names this project (so it is not returned as similar to itself)."""
    q = " " + " ".join(words(query)) + " "
    return any(f" {v} " in q for v in _title_variants(title))


def _named(store, text: str) -> list[Project]:
    """The projects a query names."""
    return [
        r.project
        for r in store.all_projects()
        if r.project.kind == "project" and _names_project(text, r.project.title)
    ]


def _query_vector(embedder, store, query: str, named: list[Project]) -> np.ndarray:
    """The description's vector, pulled towards the vector of a project the query names."""
    vec = embedder.embed_queries([query])[0]
    if named:
        own = store.project_vector(named[0].id)
        if own is not None:
            vec = vec + own
            vec = vec / (np.linalg.norm(vec) or 1.0)
    return vec


def _excluded_places(text: str, named: list[Project]) -> set[str]:
    """Kommuner to leave out when the query asks for other kommuner than its own."""
    if not _OTHER_PLACES.search(fold(text)):
        return set()
    out = set(find_kommuner(text))
    for p in named:
        out |= set(p.kommuner)
    return out


def find_similar(assistant, text: str, k: int = 5) -> list[SimilarProject]:
    """Projects most similar to a description or a project name, best first."""
    store, cfg = assistant.store, assistant.settings.answer
    scoring = units.UnitScoring.from_settings(cfg)
    query = _LEAD_IN.sub("", text.strip()) or text
    named = _named(store, text)
    named_ids = {p.id for p in named}
    vec = _query_vector(assistant.embedder, store, query, named)
    skip_places = _excluded_places(text, named)
    out = []
    for record, score in store.query_projects(vec, k + cfg.similar_extra_candidates):
        p = record.project
        # A page's intro next to its projects is no project of its own; a one-record page is.
        intro = p.kind == "page" and record.doc_projects > 1
        if intro or p.id in named_ids or _names_project(text, p.title):
            continue
        if p.kommun in skip_places:
            continue
        src = Source(1, p, 0.0, p.text)
        best = units.best_sentences(query, [src], 1, scoring, prose_only=True)
        passage = (
            units.focused(best[0][1], set(terms(query)))
            if best
            else p.text[:FALLBACK_PASSAGE_CHARS]
        )
        out.append(
            SimilarProject(
                p.id, p.title, p.source, p.kommun, fields.format_period(p), p.owner, score, passage
            )
        )
        if len(out) >= k:
            break
    return out


def similar_answer(assistant, question: str, k: int) -> Answer:
    """The chat's answer to "finns det liknande projekt …": a cited list of projects."""
    found = find_similar(assistant, question, k=min(k, assistant.settings.answer.similar_in_chat))
    if not found:
        return Answer(question, REFUSAL, refused=True)
    by_id = {r.id: r.project for r in assistant.store.projects_by_id([p.project_id for p in found])}
    sources, lines = [], []
    for n, p in enumerate(found, start=1):
        project = by_id.get(p.project_id) or Project(p.source, 0, p.title)
        src = Source(n, project, p.score, p.passage)
        src.cited_sentences.append(p.passage)
        sources.append(src)
        where = f" ({p.kommun})" if p.kommun else ""
        lines.append(f"- {p.title}{where}: {p.passage.rstrip('.')}. [{n}]")
    text = "Liknande projekt:\n" + "\n".join(lines)
    return Answer(question, text, False, sources, project_id=found[0].project_id)
