"""Extractive answers, one composer per answer kind; each returns text with [n] or None."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant import fields, units
from assistant.intent import Intent
from stodkollen import places
from stodkollen.records import Source
from stodkollen.text import terms

# A list answer looks for a bulleted list in the leading sources only: later ones drift.
LIST_SOURCES = 3
# "Vilka kommuner …": units naming more places score higher, up to this many.
MAX_PLACES_COUNTED = 5
# Cross-lingual choice compares the units of the leading sources only (each costs an encode).
CROSSLINGUAL_SOURCES = 3


@dataclass
class ComposeContext:
    question: str
    intent: Intent
    sources: list[Source]
    answer: object  # AnswerSettings
    idf: Callable[[str], float]
    embedder: object  # for cross-lingual sentence choice
    scoring: units.UnitScoring

    def best(self, sources: list[Source], limit: int, **kw) -> list[tuple[Source, str]]:
        return units.best_sentences(self.question, sources, limit, self.scoring, self.idf, **kw)


def field_answer(ctx: ComposeContext) -> str | None:
    """Metadata fields (owner, period, budget, contacts, funders) of the leading project."""
    if not ctx.intent.fields:
        return None
    lines, values = [], []
    for name in ctx.intent.fields:
        for src in ctx.sources:
            line = fields.field_sentence(name, src.project, src.n)
            if line:
                lines.append(line)
                values.append(fields.field_value(name, src.project) or "")
                src.cited_sentences.append(line)
                break
    if not lines:
        return None
    text = " ".join(lines)
    # One supporting sentence from the page, unless it only repeats the value.
    support = ctx.best(ctx.sources[:1], 1)
    if support and not any(v and v.split(" (")[0] in support[0][1] for v in values):
        text += " " + units.cite(support)
    return text


def list_answer(ctx: ComposeContext) -> str | None:
    """A list inside the leading sources, or one line per distinct project."""
    if not ctx.intent.is_list:
        return None
    wants_places = "kommuner" in ctx.question.lower()
    best = None
    q_terms = set(terms(ctx.question))
    for src in ctx.sources[:LIST_SOURCES]:
        for unit in units.units(src.text):
            score = units.term_overlap(q_terms, unit, ctx.idf)
            if units.is_list_unit(unit):
                score += ctx.answer.list_unit_bonus
            if wants_places:
                score += ctx.answer.list_place_bonus * min(
                    len(places.find_kommuner(unit)), MAX_PLACES_COUNTED
                )
            if best is None or score > best[0]:
                best = (score, src, unit)
    if best and (units.is_list_unit(best[2]) or wants_places):
        return units.cite([(best[1], best[2])])
    lines, seen = [], set()
    for src in ctx.sources:
        if src.project.id in seen:
            continue
        seen.add(src.project.id)
        pair = ctx.best([src], 1)
        if pair:
            lines.append(f"- {src.title}: {units.cite(pair)}")
    return "\n".join(lines) or None


def overview_answer(ctx: ComposeContext) -> str | None:
    """ "Berätta om X": the opening sentences of the leading source."""
    if not ctx.intent.is_overview:
        return None
    lead = ctx.sources[0]
    first = units.units(lead.text)[: ctx.answer.overview_units]
    return units.cite([(lead, u) for u in first]) if first else None


def sentence_answer(ctx: ComposeContext) -> str | None:
    """The sentences that best answer the question, from sources close to the best one."""
    lead = ctx.sources[0]
    near = [s for s in ctx.sources if s.score >= ctx.answer.near_score_ratio * lead.score]
    limit = ctx.answer.max_sentences
    if ctx.intent.english:
        pairs = _closest_units(ctx, near, min(limit, ctx.answer.crosslingual_units))
    else:
        pairs = ctx.best(near, limit)
    return units.cite(pairs)


def _closest_units(ctx: ComposeContext, sources: list[Source], limit: int):
    """Cross-lingual: pick the units whose embeddings are closest to the question."""
    cands = [(s, u) for s in sources[:CROSSLINGUAL_SOURCES] for u in units.units(s.text)]
    if not cands:
        return []
    qv = ctx.embedder.embed_queries([ctx.question])[0]
    uv = ctx.embedder.embed_passages([u for _s, u in cands])
    order = sorted(range(len(cands)), key=lambda i: -float(uv[i] @ qv))[:limit]
    return [cands[i] for i in sorted(order)]


# Tried in this order; the first that has something to say answers.
COMPOSERS = (field_answer, list_answer, overview_answer, sentence_answer)


def compose(ctx: ComposeContext) -> str:
    for composer in COMPOSERS:
        text = composer(ctx)
        if text is not None:
            return text
    return ""
