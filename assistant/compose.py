"""Extractive answers: pick the most relevant sentences of the sources, each with its [n]."""

from __future__ import annotations

import re

from assistant.types import Source
from index.lexical import terms

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9–\-\"”])|\n+")
_BULLET = re.compile(r"^\s*[•\-–*]\s*")


def sentences(text: str) -> list[str]:
    """Split a chunk into sentences and list items; drop fragments too short to stand alone."""
    out = []
    for part in _SENTENCE_END.split(text):
        s = _BULLET.sub("", part).strip()
        if len(s) >= 12 and re.search(r"\w{3}", s):
            out.append(s)
    return out


def term_overlap(question_terms: set[str], sentence: str) -> float:
    """Share of the question's terms found in the sentence."""
    if not question_terms:
        return 0.0
    return len(question_terms & set(terms(sentence))) / len(question_terms)


def best_sentences(question: str, sources: list[Source], limit: int) -> list[tuple[Source, str]]:
    """The sentences that best cover the question; earlier sources win ties."""
    q = set(terms(question))
    scored = []
    for rank, src in enumerate(sources):
        for pos, sent in enumerate(sentences(src.text)):
            overlap = term_overlap(q, sent)
            prior = 1.0 / (1 + rank) * 0.35 + (0.05 if pos == 0 else 0.0)
            scored.append((overlap + prior, rank, pos, src, sent))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    picked: list[tuple[Source, str]] = []
    seen: set[str] = set()
    for score, _rank, _pos, src, sent in scored:
        key = sent.lower()
        if key in seen:
            continue
        if picked and score < 0.3:
            break
        seen.add(key)
        picked.append((src, sent))
        if len(picked) >= limit:
            break
    picked.sort(key=lambda p: p[0].n)
    return picked


def cite(pairs: list[tuple[Source, str]]) -> str:
    """Join sentences, each followed by its citation; remember what each source contributed."""
    parts = []
    for src, sent in pairs:
        sent = sent.rstrip()
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
