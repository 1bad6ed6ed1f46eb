"""Project fields (owner, period, budget, funders, contacts) as Swedish answer phrases."""

from __future__ import annotations

from stodkollen.records import Project


def format_sek(amount: int) -> str:
    """624602 -> '624 602 kr' (Swedish thousands separator)."""
    return f"{amount:,}".replace(",", " ") + " kr"


def format_period(p: Project) -> str | None:
    start, end, raw = p.period_start, p.period_end, p.period_raw
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


def field_value(name: str, p: Project) -> str | None:
    """The value of a field as a Swedish phrase, or None when the page does not say."""
    if name == "owner":
        return p.owner
    if name == "period":
        return format_period(p)
    if name == "budget":
        return format_sek(int(p.budget_sek)) if p.budget_sek else None
    if name == "funders":
        return ", ".join(p.funders) or None
    if name == "contacts":
        return "; ".join(c.text() for c in p.contacts) or None
    return None


def field_sentence(name: str, p: Project, n: int) -> str | None:
    value = field_value(name, p)
    if not value:
        return None
    return f"{FIELD_LABELS[name]} för {p.title or 'projektet'}: {value}. [{n}]"
