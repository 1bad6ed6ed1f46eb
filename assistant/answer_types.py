"""What kind of thing answers a question (an amount, a time, a who), and which units hold one.

Read from the question's words; used to prefer units that contain a thing of that type
("högst 30 000 kr per projekt" for "hur mycket kan vi få?").
"""

from __future__ import annotations

import re

from stodkollen.text import fold

AMOUNT, TIME, WHO, PLACE = "amount", "time", "who", "place"
COUNT, SHARE, DISTANCE, ACTIVITY = "count", "share", "distance", "activity"

# Words that name kinds of places in a question (folded): the kind of answer, not its topic.
# ("län" is left out: folded it is "lan", which is also "lån", a loan.)
PLACE_NOUNS = "kommuner|kommun|orter|ort|stader|stad|platser|plats|byar|municipalities|towns|places"

# Patterns run on folded question text (no diacritics, lower case).
_EXPECTS = {
    AMOUNT: re.compile(
        r"hur mycket|vad kostar|kostnad|kosta|budget|belopp|summa|hur stor(t|a)? (stod|bidrag)|"
        r"hur manga kronor|procent|how much|\bcost|amount"
    ),
    TIME: re.compile(
        r"\bnar\b(?! det galler)|hur lange|vilket ar|vilka ar|sista dag|deadline|datum|how long|"
        r"^when\b|\bwhen (did|does|do|is|was|were|will|has|had)\b|\b(until|since) when\b|"
        r"\bwhen (the|it|this|that)\b.{0,60}\b(start|began|begin|ran|run|end|finish)|"
        r"oppettider|oppet"
    ),
    COUNT: re.compile(r"hur manga|\bantal|how many|number of"),
    SHARE: re.compile(
        r"hur stor (del|andel)|\bandel|hur manga procent|hur hog (andel|procent)|what share|"
        r"percent"
    ),
    DISTANCE: re.compile(r"hur langt|avstand|how far|distance"),
    # What was or is done: "Vad gjorde man konkret inom FRONT?", "Vilka insatser ingår?".
    ACTIVITY: re.compile(
        r"\bvad (gjorde|gjordes|gors|gor) (man|de|ni|kommunen|projektet)\b|"
        r"\bvad (har|hade|ska) (\w+ ){1,3}(gjort|gora)\b|\bvad har gjorts\b|"
        r"\bvilka (aktiviteter|insatser|atgarder|moment|delar)\b|\bvad (ingar|ingick)\b|"
        r"\bwhat (did|does|do|will) .{0,40}\bdo\b|\bwhat activities\b"
    ),
    # Which places: "Vilka orter räknas till Region 10?", "Vilka kommuner är med i X?".
    PLACE: re.compile(
        r"\b(?:i )?(?:vilka|vilken|which)(?: (?:andra|fler|other|more))? (" + PLACE_NOUNS + r")\b"
    ),
    WHO: re.compile(
        r"\bvem\b|\bvilka (foretag|organisationer|foreningar|aktorer)|vilken (forening|"
        r"organisation|aktor|myndighet|kommun)|kontakta|ringa|mejla|\bwho\b|contact"
    ),
}

_UNIT_HAS = {
    AMOUNT: re.compile(
        r"\d[\d  ,.]*\s*(kr\b|kronor|sek\b|miljon|mkr|msek|tkr|tusen|procent|%)", re.IGNORECASE
    ),
    TIME: re.compile(
        r"\b(19|20)\d{2}\b|\b(januari|februari|mars|april|maj|juni|juli|augusti|september|"
        r"oktober|november|december)\b|\b\d{1,2}[.:]\d{2}\b",
        re.IGNORECASE,
    ),
    # A count: a number that is not a year, or a number word ("sex byar", "drygt 900 besök").
    COUNT: re.compile(
        r"\b(?!(19|20)\d{2}\b)\d[\d  ]*\b|\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|"
        r"tjugo|trettio|hundra|tusen)\b",
        re.IGNORECASE,
    ),
    SHARE: re.compile(
        r"\d+(,\d+)?\s*(%|procent)|\b(hälften|halva|en (tredjedel|fjärdedel|femtedel))\b",
        re.IGNORECASE,
    ),
    DISTANCE: re.compile(r"\d+(,\d+)?\s*(km|kilometer|meter|mil)\b", re.IGNORECASE),
    # A list of things done (an intro and its items), or a sentence saying what was done.
    ACTIVITY: re.compile(
        r":\s.+;\s|\b(aktivitet|insats|genomför|arrangera|anordna|workshop|seminari|träff)",
        re.IGNORECASE,
    ),
    WHO: re.compile(
        r"[\w.+-]+@[\w-]+\.\w+|\b0\d{1,3}[- ]?\d|\+46|\b[A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé]+\b|"
        r"\b(kommun|AB|förening|Region|Länsstyrelsen|Tillväxtverket|Almi|Leader)\b"
    ),
}


def asked_place_noun(question: str) -> str | None:
    """The kind of place a question asks for ("orter" in "Vilka orter räknas till …?")."""
    match = _EXPECTS[PLACE].search(fold(question))
    return next((g for g in match.groups() if g), None) if match else None


def expected_types(question: str) -> frozenset[str]:
    q = fold(question)
    return frozenset(t for t, pattern in _EXPECTS.items() if pattern.search(q))


def unit_has(unit: str, kind: str) -> bool:
    pattern = _UNIT_HAS.get(kind)
    return bool(pattern and pattern.search(unit))
