"""Extractive answers: pick the most relevant sentences of the sources, each with its [n]."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.types import Source
from index.lexical import place_terms, terms

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9–\-\"”])")
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
        sentences = [_clean(s) for s in _SENTENCE_END.split(intro)] if intro else []
        if items:
            # Only the sentence right before the bullets introduces them.
            head = sentences.pop().rstrip(".:; ") + ": " if sentences else ""
            out.extend(sentences)
            out.append(_clean(head + "; ".join(items[:MAX_LIST_ITEMS])))
        else:
            out.extend(sentences)
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
    return [u for u in out if len(u) >= 12 and len(re.findall(r"\w{2,}", u)) >= 3]


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


def best_sentences(
    question: str,
    sources: list[Source],
    limit: int,
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
            prior = 0.3 / (1 + rank) + (0.05 if pos == 0 else 0.0)
            scored.append((overlap + prior, rank, pos, src, unit))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    picked: list[tuple[int, int, Source, str]] = []
    seen: set[str] = set()
    for score, rank, pos, src, unit in scored:
        key = unit.lower()
        if key in seen:
            continue
        if picked and score < 0.35:
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


def format_sek(amount: int) -> str:
    """624602 -> '624 602 kr' (Swedish thousands separator)."""
    return f"{amount:,}".replace(",", " ") + " kr"


def format_period(md: dict) -> str | None:
    start, end, raw = md.get("period_start"), md.get("period_end"), md.get("period_raw")
    if start and end:
        text = f"{start} – {end}"
    elif start:
        text = f"från {start}"
    elif end:
        text = f"till {end}"
    else:
        return raw
    return f"{text} ({raw})" if raw and raw not in text else text


FIELD_LABELS = {
    "owner": "Projektägare",
    "period": "Projekttid",
    "budget": "Budget",
    "funders": "Finansiärer",
    "contacts": "Kontakt",
}


def field_value(name: str, md: dict) -> str | None:
    """The value of a metadata field as a Swedish phrase, or None when the page does not say."""
    if name == "owner":
        return md.get("owner")
    if name == "period":
        return format_period(md)
    if name == "budget":
        return format_sek(int(md["budget_sek"])) if md.get("budget_sek") else None
    if name == "funders":
        return md.get("funders", "").replace("; ", ", ") or None
    if name == "contacts":
        return md.get("contacts", "").replace(" | ", "; ") or None
    return None


def field_sentence(name: str, md: dict, n: int) -> str | None:
    value = field_value(name, md)
    if not value:
        return None
    return f"{FIELD_LABELS[name]} för {md.get('title', 'projektet')}: {value}. [{n}]"
