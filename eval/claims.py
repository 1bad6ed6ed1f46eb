"""Claims in an answer (amounts, month dates, e-mails, names) checked against gold records.

Written apart from the parser on purpose: the scorer must not share the code it scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from stodkollen.text import fold

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_AMOUNT = re.compile(
    r"(?<![\w,.])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[,.](\d+))?\s*"
    r"(miljoner|miljon|milj\.?|mnkr|mkr|msek|tkr|tusen|kronor|kr|sek)\b",
    re.IGNORECASE,
)
_SCALE = {
    "miljoner": 10**6,
    "miljon": 10**6,
    "milj": 10**6,
    "milj.": 10**6,
    "mnkr": 10**6,
    "mkr": 10**6,
    "msek": 10**6,
    "tkr": 10**3,
    "tusen": 10**3,
}
_MONTH_NAMES = (
    "januari februari mars april maj juni juli augusti september oktober november december"
)
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), start=1)}
_MONTH_DATE = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_ISO_MONTH = re.compile(r"\b((?:19|20)\d{2})-(0[1-9]|1[0-2])\b")


def amounts(text: str) -> set[int]:
    """Amounts in SEK: "624 602 kr", "1,3 Mkr", "13 miljoner kronor", "450 tkr"."""
    out = set()
    for whole, frac, unit in _AMOUNT.findall(text):
        try:
            value = Decimal(re.sub(r"\D", "", whole) + (f".{frac}" if frac else ""))
        except InvalidOperation:
            continue
        out.add(int(value * _SCALE.get(unit.lower(), 1)))
    return out


def months(text: str) -> set[str]:
    """Year-months: "2023-03" and "mars 2023"."""
    found = {f"{y}-{m}" for y, m in _ISO_MONTH.findall(text)}
    found |= {f"{y}-{_MONTHS[m.lower()]:02d}" for m, y in _MONTH_DATE.findall(text)}
    return found


def _norm(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", fold(text))) + " "


def says(text: str, phrase: str) -> bool:
    """The answer states this name or phrase (folded, punctuation ignored)."""
    return bool(phrase.strip()) and _norm(phrase) in _norm(text)


@dataclass
class RecordClaims:
    page: str
    title: str
    amounts: set[int] = field(default_factory=set)
    months: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    # Funders are shared by many projects ("Leader", a kommun): naming the asked project's
    # own funder is right, and naming another's is no sign of a mix-up.
    funders: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, page: str, rec: dict) -> RecordClaims:
        c = cls(page, rec.get("title") or "")
        if rec.get("budget_sek"):
            c.amounts.add(int(rec["budget_sek"]))
        c.months |= {m for m in (rec.get("period_start"), rec.get("period_end")) if m}
        for contact in rec.get("contacts") or []:
            if contact.get("email"):
                c.emails.add(contact["email"].lower())
            if contact.get("name"):
                c.names.add(contact["name"])
        if rec.get("owner"):
            c.names.add(rec["owner"])
        c.funders = set(rec.get("funders") or [])
        return c

    def stated_in(self, answer: str) -> set[str]:
        """This record's claims that the answer states."""
        got = {f"belopp {a}" for a in self.amounts & amounts(answer)}
        got |= {f"datum {m}" for m in self.months & months(answer)}
        got |= {f"e-post {e}" for e in self.emails if e in answer.lower()}
        got |= {f"namn {n}" for n in self.names if says(answer, n)}
        return got


class ClaimIndex:
    """Every gold record's claims, and the pages' own text (a value a page states is never
    wrong when it cites that page, e.g. a grant ceiling beside the budget)."""

    def __init__(self, gold: list[dict], page_texts: dict[str, str]):
        self.records = [RecordClaims.of(g["page"], r) for g in gold for r in g["records"]]
        self.page_texts = page_texts

    def expected(self, question: dict) -> list[RecordClaims]:
        titles = [fold(t) for t in question.get("expected_titles", [])]
        pages = set(question["expected_sources"])
        recs = [r for r in self.records if r.page in pages]
        if titles:
            named = [
                r for r in recs if any(t in fold(r.title) or fold(r.title) in t for t in titles)
            ]
            recs = named or recs
        return recs

    def wrong_claims(self, question: dict, answer: str) -> list[str]:
        """Claims of another record that no expected record or expected page makes."""
        if not question["expected_sources"]:
            return []
        ok: set[str] = set()
        for r in self.expected(question):
            ok |= r.stated_in(answer) | {f"namn {f}" for f in r.funders if says(answer, f)}
        pages_text = " ".join(self.page_texts.get(p, "") for p in question["expected_sources"])
        wrong: dict[str, str] = {}
        for r in self.records:
            for claim in r.stated_in(answer) - ok:
                kind, value = claim.split(" ", 1)
                if kind == "belopp" and int(value) in amounts(pages_text):
                    continue
                if kind == "datum" and (value in months(pages_text) or says(pages_text, value)):
                    continue  # "20 januari 2025", "2025.01.20" on the expected page: its own
                if kind not in ("belopp", "datum") and says(pages_text, value):
                    continue
                wrong.setdefault(claim, r.title)  # one report per claim, with one owner
        return [f"{claim} ({title})" for claim, title in sorted(wrong.items())]


def field_correct(question: dict, answer: str) -> bool | None:
    """Does the answer state the gold value of the field asked? None when no field is asked."""
    name, value = question.get("field"), question.get("value")
    if not name or value is None:
        return None
    if name == "budget":
        return int(value) in amounts(answer)
    if name == "period":
        start, end = str(value).split("/")
        stated = months(answer)
        if start in stated and end in stated:
            return True
        whole_years = start.endswith("-01") and end.endswith("-12")
        return whole_years and start[:4] in answer and end[:4] in answer
    values = value if isinstance(value, list) else [value]
    return all(says(answer, str(v)) for v in values)


def load_claims(folder: Path, page_text) -> ClaimIndex:
    """The claim index of a page set; page_text(path) returns a page's plain text."""
    from eval.parsing import load_gold

    gold = load_gold(folder)
    return ClaimIndex(gold, {g["page"]: page_text(folder / g["page"]) for g in gold})
