"""Answer units (sentences, and lists kept whole), their scoring against a question, citing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from stodkollen.records import Source
from stodkollen.text import place_terms, sentences, terms

_BULLET = re.compile(r"^\s*[•\-–*]\s+")
MAX_LIST_ITEMS = 8
_BRACKETED_NUMBER = re.compile(r"\[(\d+)\]")


def _clean(unit: str) -> str:
    return re.sub(r"\s+", " ", unit).strip()


def units(text: str) -> list[str]:
    """Sentences, with a list kept whole: an intro line and its bullet items form one unit."""
    out: list[str] = []
    intro: str | None = None
    items: list[str] = []

    def close() -> None:
        nonlocal intro, items
        said = sentences(intro) if intro else []
        if items:
            # Only the sentence right before the bullets introduces them.
            head = said.pop().rstrip(".:; ") + ": " if said else ""
            out.extend(said)
            out.append(_clean(head + "; ".join(items[:MAX_LIST_ITEMS])))
        else:
            out.extend(said)
        intro, items = None, []

    for line in text.splitlines():
        if not line.strip():
            continue
        if _BULLET.match(line):
            items.append(_BULLET.sub("", line).strip().rstrip("."))
            continue
        close()
        intro = line.strip()
    close()
    return [u for u in out if _quotable(u)]


# A unit shorter than this says nothing on its own ("Kontakt:", "Läs mer här").
MIN_UNIT_CHARS = 12
MIN_UNIT_WORDS = 3


def _quotable(unit: str) -> bool:
    return len(unit) >= MIN_UNIT_CHARS and len(re.findall(r"\w{2,}", unit)) >= MIN_UNIT_WORDS


_METADATA_LINE = re.compile(
    r"^(projektägare|projekttid|projektperiod|aktuell projektperiod|finansiär|finansiering|"
    r"medfinansiär|kontakt|tfn|telefon|e-post)",
    re.IGNORECASE,
)


def is_metadata_unit(unit: str) -> bool:
    """A "Projektägare: … Projekttid: …" style line: facts, but no description."""
    return bool(_METADATA_LINE.match(unit))


def is_list_unit(unit: str) -> bool:
    """A unit built from an intro and bullet items (see `units`)."""
    return ": " in unit and unit.count("; ") >= 1


Weight = Callable[[str], float]


def _related(q: str, u: str) -> bool:
    """Compound or leftover inflection: "foretag" in "nyforetagarcentrum", "syftet" ~ "syft"."""
    if len(q) >= 5 and q in u:
        return True
    return len(u) >= 4 and q.startswith(u) and len(q) - len(u) <= 3


def term_overlap(question_terms: set[str], unit: str, weight: Weight | None = None) -> float:
    """Weighted share of the question's terms found in the unit (compounds count: a term of
    five or more letters matches inside a longer word, as in "företag" in "Nyföretagarcentrum")."""
    if not question_terms:
        return 0.0
    w = weight or (lambda _t: 1.0)
    unit_terms = set(terms(unit))
    found = 0.0
    for t in question_terms:
        if t in unit_terms or any(_related(t, u) for u in unit_terms):
            found += w(t)
    return found / sum(w(t) for t in question_terms)


@dataclass(frozen=True)
class UnitScoring:
    """How units are ranked: term overlap plus priors (see AnswerSettings for the reasons)."""

    rank_prior: float
    first_unit_prior: float
    min_unit_score: float

    @classmethod
    def from_settings(cls, answer) -> UnitScoring:
        return cls(answer.rank_prior, answer.first_unit_prior, answer.min_unit_score)


def best_sentences(
    question: str,
    sources: list[Source],
    limit: int,
    scoring: UnitScoring,
    weight: Weight | None = None,
    prose_only: bool = False,
) -> list[tuple[Source, str]]:
    """The units that best cover the question; earlier sources win ties."""
    q = set(terms(question)) - place_terms()
    scored = []
    for rank, src in enumerate(sources):
        for pos, unit in enumerate(units(src.text)):
            if prose_only and is_metadata_unit(unit):
                continue
            overlap = term_overlap(q, unit, weight)
            prior = scoring.rank_prior / (1 + rank) + (scoring.first_unit_prior if pos == 0 else 0)
            scored.append((overlap + prior, rank, pos, src, unit))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    picked: list[tuple[int, int, Source, str]] = []
    seen: set[str] = set()
    for score, rank, pos, src, unit in scored:
        key = unit.lower()
        if key in seen:
            continue
        if picked and score < scoring.min_unit_score:
            break
        seen.add(key)
        picked.append((rank, pos, src, unit))
        if len(picked) >= limit:
            break
    picked.sort(key=lambda p: (p[0], p[1]))  # reading order: by source, then position
    return [(src, unit) for _r, _p, src, unit in picked]


def cite(pairs: list[tuple[Source, str]]) -> str:
    """Join sentences, each followed by its citation; remember what each source contributed."""
    parts = []
    for src, sent in pairs:
        # A document cannot forge citations: "[2]" inside quoted text becomes "(2)".
        sent = _BRACKETED_NUMBER.sub(r"(\1)", sent.rstrip())
        if not sent.endswith((".", "!", "?", ":")):
            sent += "."
        parts.append(f"{sent} [{src.n}]")
        src.cited_sentences.append(sent)
    return " ".join(parts)
