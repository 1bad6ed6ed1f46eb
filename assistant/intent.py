"""What a question asks for: a metadata field, a list, similar projects, a follow-up, a place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stodkollen.text import fold

# Patterns run on folded text (no diacritics, lower case), so "agare" matches "ägare".
FIELD_PATTERNS: dict[str, re.Pattern] = {
    "owner": re.compile(
        r"projektagar|\bagde\b|\bager\b|\bagare\b|vem (driver|drev|har drivit)|"
        r"\bdrevs av\b|\b(stod|star|statt) bakom\b|\bowner|who (ran|owned|runs|owns|led)|"
        r"\b(was|is) behind\b"
    ),
    "budget": re.compile(
        r"budget|kosta|kostnad|hur mycket pengar|hur stor.*(summa|belopp)|"
        r"\bcost|how much money|how much did"
    ),
    "funders": re.compile(
        r"finansi|medfinans|\bfund(ed|er|ing|s)?\b|\b(vem|vilka)\b.*\b(betala|har betalat|bekosta)|"
        r"betalat for|bekostat|who (paid|pays)"
    ),
    "contacts": re.compile(
        r"kontakt|vem (kan|ska|bor|far) (jag|man|vi) (ringa|fraga|mejla|prata med|"
        r"vanda (mig|sig|oss) till)|\bhora? (jag |man |vi )?av (mig|sig|oss)\b|"
        r"vem kan svara|e-?post|mejl|telefon|"
        r"\bcontact|\bemail|\bphone|get in touch|reach out"
    ),
    "period": re.compile(
        r"projekttid|projektperiod|\bperiod|nar (pagick|startade|borjade|slutade|"
        r"avslutades|genomfordes|pagar)|hur lange|vilka ar|under vilken tid|fran nar|"
        r"till nar|^when\b|\bwhen (did|does|do|is|was|were|will|has|had)\b|how long|"
        r"\b(until|since) when\b|\bwhen (the|it|this|that)\b.{0,60}\b(start|began|begin|ran|run"
        r"|end|finish)"
    ),
}
LIST_PATTERN = re.compile(r"^(vilka|lista|ge mig en lista|which|list)\b|\bvilka (kommuner|projekt)")
OVERVIEW_PATTERN = re.compile(
    r"^(beratta (mer )?om|beskriv|vad (ar|handlar) (projektet )?|tell me about|describe|what is)\b"
)
WHICH_PROJECT_PATTERN = re.compile(
    r"\b(vilket|vilken) (projekt|satsning|insats|initiativ)|\bwhich (project|initiative)"
)
# Entrepreneurs asking what exists where they are: "finns det rådgivning i Malå?".
LOCAL_SUPPORT_PATTERN = re.compile(
    r"\b(stod|stodet|hjalp|radgivning|radgivare|bidrag|starta eget|starta foretag|nyforetag|"
    r"foretagare|foretagsstod|finansiering|lots|support|help|advice|grants?)\b"
)
SIMILAR_PATTERN = re.compile(
    r"liknande|liknar|snarlik|similar|jamforbar|\bfler (projekt|satsningar|initiativ) som\b|"
    r"\b(pa|i) andra (orter|hall|platser|kommuner|delar av landet)\b|other (places|towns)|"
    r"paminner om|i stil med|gjort likadant|\bfler kommuner (an|som)\b"
)
FOLLOWUP_PATTERN = re.compile(
    r"^(och|men|samt|and|what about)\b|\b(det|den|detta|projektet|dess|it|its|that project)\b"
)
# English function words that are not Swedish words too (checked before folding: "för" != "for").
_IDIOMS = re.compile(r"\b(finns|fanns|ar|galler|gar|blir) det\b")  # "det" that is no pronoun
ENGLISH_WORDS = frozenset(
    "the what who whom whose which how is are was were does did do has have had there in for of "
    "to and with many much when where why can could any about project projects municipality "
    "support business businesses owned funded".split()
)


@dataclass
class Intent:
    fields: list[str] = field(default_factory=list)
    is_list: bool = False
    is_similar: bool = False
    is_overview: bool = False
    is_which_project: bool = False
    asks_support: bool = False
    maybe_followup: bool = False
    english: bool = False


# "Hur stor del av kostnaden …" asks for a share, not for the project's budget.
SHARE_PATTERN = re.compile(r"hur stor (del|andel)|\bandel")


def classify(question: str) -> Intent:
    """Cheap, rule-based reading of the question; retrieval does the rest."""
    q = fold(question).strip()
    share = bool(SHARE_PATTERN.search(q))
    words = re.findall(r"\w+", q)
    english_hits = sum(1 for w in re.findall(r"\w+", question.lower()) if w in ENGLISH_WORDS)
    return Intent(
        fields=[
            name
            for name, pat in FIELD_PATTERNS.items()
            if pat.search(q) and not (share and name == "budget")
        ],
        is_list=bool(LIST_PATTERN.search(q)),
        is_similar=bool(SIMILAR_PATTERN.search(q)),
        is_overview=bool(OVERVIEW_PATTERN.search(q)),
        is_which_project=bool(WHICH_PROJECT_PATTERN.search(q)),
        asks_support=bool(LOCAL_SUPPORT_PATTERN.search(q)),
        maybe_followup=len(words) <= 8 and bool(FOLLOWUP_PATTERN.search(_IDIOMS.sub(" ", q))),
        english=english_hits >= 2 and english_hits / max(len(words), 1) > 0.25,
    )
