"""Should the assistant refuse? Too little evidence that the corpus answers the question."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.intent import Intent
from assistant.retrieve import Hit
from index.lexical import LexicalIndex
from stodkollen.places import named_localities
from stodkollen.text import terms


@dataclass
class Evidence:
    best_dense: float | None  # best cosine among the top hits (None for bm25-only)
    coverage: float  # IDF-weighted share of the question's topic terms found in the corpus


def evidence(
    question: str, hits: list[Hit], lexical: LexicalIndex, covered: frozenset[str] = frozenset()
) -> Evidence:
    """`covered`: the kommuner the corpus has. A village or town the question names in one
    of them says where, not what: like a kommun's name, it is no topic word the corpus must
    hold. A village elsewhere stays a word the corpus lacks."""
    dense = [h.dense for h in hits if h.dense is not None]
    villages = frozenset(
        t for name, kommun in named_localities(question) if kommun in covered for t in terms(name)
    )
    return Evidence(max(dense) if dense else None, lexical.coverage(question, villages))


def should_refuse(
    ev: Evidence,
    intent: Intent,
    answer_settings,
    check_terms: bool = True,
    best_unit: Callable[[], float] | None = None,
) -> bool:
    """The corpus lacks the question's topic, or nothing is close enough.

    English questions share no words with the corpus, and a resolved follow-up is about a known
    project, so for those the term test only applies when there is no dense evidence at all.
    When the term test alone would refuse, `best_unit` (the best cosine between the question
    and one sentence of the top hits, computed only then) can overrule it: a reworded question
    names its topic in other words, but one sentence of the page says the same thing.
    """
    if ev.best_dense is not None and ev.best_dense < answer_settings.min_dense:
        return True
    if ev.best_dense is not None and ev.best_dense >= answer_settings.strong_dense:
        return False  # close in meaning: a paraphrase need not share the corpus's words
    if intent.english or not check_terms:
        return ev.best_dense is None and ev.coverage < answer_settings.min_coverage
    if ev.coverage >= answer_settings.min_coverage:
        return False
    return best_unit is None or best_unit() < answer_settings.strong_unit
