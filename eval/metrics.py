"""Scoring one answer against one evaluation question, and averaging the scores."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from stodkollen.records import Answer, Source

# "[2]", and lists such as "[1, 3]" or "[1;3]".
_CITATION = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]+")
_QUOTES = re.compile("[\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]")

# Summary key -> per-question record key, averaged over answerable questions only.
_ANSWERABLE_MEANS = {
    "hit@1": "hit@1",
    "hit@5": "hit@5",
    "mrr": "reciprocal_rank",
    "fact_recall": "fact_recall",
    "citation_precision": "citation_precision",
    "false_refusals": "refused",
}
METRIC_KEYS = (
    "hit@1",
    "hit@5",
    "mrr",
    "fact_recall",
    "citation_validity",
    "citation_precision",
    "ooc_refusal",
    "false_refusals",
    "latency_p50_ms",
    "latency_p95_ms",
    "field_accuracy",
    "wrong_claim_rate",
)


def normalize_title(title: str) -> str:
    """Casefold, unify dashes, drop quotes and collapse whitespace, so titles compare fairly."""
    title = _QUOTES.sub("", _DASHES.sub("-", title.casefold()))
    return " ".join(title.split())


def title_matches(expected: str, actual: str) -> bool:
    """True when the expected title is in the actual one, or the actual is a fair part of it."""
    exp, act = normalize_title(expected), normalize_title(actual)
    if not exp or not act:
        return False
    # The second case covers an ingester that drops a prefix such as "Projekt".
    return exp in act or (act in exp and 2 * len(act) >= len(exp))


def source_matches(source: Source, expected_sources: Sequence[str], titles: Sequence[str]) -> bool:
    """True when the source is an expected file and, if titles are given, has one of them."""
    if source.source not in expected_sources:
        return False
    return not titles or any(title_matches(t, source.title) for t in titles)


def first_hit_rank(
    answer: Answer, expected_sources: Sequence[str], titles: Sequence[str]
) -> int | None:
    """1-based position of the first matching source in the answer, or None."""
    for rank, source in enumerate(answer.sources, start=1):
        if source_matches(source, expected_sources, titles):
            return rank
    return None


def fact_recall(text: str, facts: Sequence[str]) -> float | None:
    """Share of fact regexes found in the text (case-insensitive); None when there are no facts."""
    if not facts:
        return None
    found = sum(1 for f in facts if re.search(f, text, re.IGNORECASE))
    return found / len(facts)


def missed_facts(text: str, facts: Sequence[str]) -> list[str]:
    """The fact regexes not found in the text."""
    return [f for f in facts if not re.search(f, text, re.IGNORECASE)]


def cited_numbers(text: str) -> list[int]:
    """Distinct citation numbers in the text, in order of first appearance."""
    seen: list[int] = []
    for group in _CITATION.findall(text):
        for part in re.split(r"\s*[,;]\s*", group):
            if int(part) not in seen:
                seen.append(int(part))
    return seen


def invalid_citations(answer: Answer) -> list[int]:
    """Cited numbers that name no source of the answer (empty means the citations are valid)."""
    known = {s.n for s in answer.sources}
    return [n for n in cited_numbers(answer.answer) if n not in known]


def citation_precision(answer: Answer, expected_sources: Sequence[str]) -> float | None:
    """Share of cited numbers whose source file is expected; None when nothing is cited."""
    cited = cited_numbers(answer.answer)
    if not cited:
        return None
    by_n = {s.n: s.source for s in answer.sources}
    good = sum(1 for n in cited if by_n.get(n) in expected_sources)
    return good / len(cited)


def score_answer(question: dict, answer: Answer, latency_ms: float, claims=None) -> dict:
    """Score one answer against its question; retrieval scores are None when out of corpus.

    With a claim index (page sets with gold records) the answer's field value and its claims
    that belong to another project are scored too.
    """
    from eval.claims import field_correct

    expected = question["expected_sources"]
    answerable = bool(expected)
    rank = first_hit_rank(answer, expected, question.get("expected_titles", []))
    return {
        "id": question["id"],
        "kind": question["kind"],
        "answerable": answerable,
        "refused": answer.refused,
        "rank": rank if answerable else None,
        "hit@1": (rank == 1) if answerable else None,
        "hit@5": (rank is not None and rank <= 5) if answerable else None,
        "reciprocal_rank": (1 / rank if rank else 0.0) if answerable else None,
        "fact_recall": fact_recall(answer.answer, question["facts"]),
        "missed_facts": missed_facts(answer.answer, question["facts"]),
        "citation_valid": not invalid_citations(answer),
        "invalid_citations": invalid_citations(answer),
        "citation_precision": citation_precision(answer, expected) if answerable else None,
        "latency_ms": round(latency_ms, 1),
        "sources": [s.source for s in answer.sources],
        "answer": answer.answer,
        "field_correct": field_correct(question, answer.answer) if answerable else None,
        "wrong_claims": claims.wrong_claims(question, answer.answer) if claims else None,
    }


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-quantile (0..1) by linear interpolation between closest ranks; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def mean(values: Iterable[float | bool | None]) -> float | None:
    """Mean of the values that are not None; None when there are none."""
    present = [float(v) for v in values if v is not None]
    return sum(present) / len(present) if present else None


def summarize(records: Sequence[dict]) -> dict:
    """Aggregate per-question records (from score_answer) into the metric keys."""
    answerable = [r for r in records if r["answerable"]]
    ooc = [r for r in records if not r["answerable"]]
    latencies = [r["latency_ms"] for r in records]
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    summary = {
        "n": len(records),
        "n_answerable": len(answerable),
        "n_ooc": len(ooc),
        "errors": sum(1 for r in records if r.get("error")),
    }
    for key, record_key in _ANSWERABLE_MEANS.items():
        summary[key] = mean(r[record_key] for r in answerable)
    summary["citation_validity"] = mean(r["citation_valid"] for r in records)
    summary["field_accuracy"] = mean(r.get("field_correct") for r in answerable)
    judged = [r["wrong_claims"] for r in answerable if r.get("wrong_claims") is not None]
    summary["wrong_claim_rate"] = mean(bool(w) for w in judged)
    summary["ooc_refusal"] = mean(r["refused"] for r in ooc)
    summary["latency_p50_ms"] = None if p50 is None else round(p50, 1)
    summary["latency_p95_ms"] = None if p95 is None else round(p95, 1)
    return summary
