"""Should the assistant refuse? Too little evidence that the corpus answers the question."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.intent import Intent
from assistant.retrieve import Hit
from index.lexical import LexicalIndex


@dataclass
class Evidence:
    best_dense: float | None  # best cosine among the top hits (None for bm25-only)
    coverage: float  # IDF-weighted share of the question's topic terms found in the corpus


def evidence(
    question: str, hits: list[Hit], lexical: LexicalIndex, places: frozenset[str] = frozenset()
) -> Evidence:
    """`places`: further place words of the question that are no topic words
    (`assistant.places.village_terms`)."""
    dense = [h.dense for h in hits if h.dense is not None]
    return Evidence(max(dense) if dense else None, lexical.coverage(question, places))


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
