"""Pure parsers for metadata written as free Swedish text: periods, money, dates, funders, owner."""

from __future__ import annotations

import re
from decimal import Decimal

_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"

# One token per date expression; the order of the alternatives is the priority at a position.
_PERIOD_TOKEN = re.compile(
    rf"""(?<![\d/])(?:
      (?P<dmy>(?P<dmy_d>\d{{1,2}})/(?P<dmy_m>\d{{1,2}})\s*(?P<dmy_y>{_YEAR}))
    | (?P<typo>(?P<typo_y>{_YEAR})(?P<typo_m>[012])-\d{{2}})
    | (?P<range>(?P<r1>{_YEAR})\s*[-–—]\s*(?P<r2>{_YEAR}))
    | (?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>\d{{2}})(?:-\d{{2}})?)
    | (?P<compact>(?P<c_y>{_YEAR})(?P<c_m>0[1-9]|1[0-2]))
    | (?P<named>(?:\d{{1,2}}\s+)?\b(?P<n_m>{_MONTH})\.?\s+(?P<n_y>{_YEAR}))
    | (?P<year>{_YEAR})
    )(?!\d)""",
    re.VERBOSE | re.IGNORECASE,
)
_UNTIL = re.compile(r"(?:\bt\.?\s?o\.?\s?m\.?|\btom|\btill|\bsenast)\s*$", re.IGNORECASE)
_FROM = re.compile(
    r"(?:\bfr\.?\s?o\.?\s?m\.?|\bfrån|\bsedan|\bstartade|\bstartar)\s*$", re.IGNORECASE
)
_PERIOD_LABEL = re.compile(
    r"\b(?:Aktuell\s+projektperiod|Projekttid|Projektperiod|Projektets\s+löptid|Tidsperiod"
    r"|Löptid)\b\s*:?\s*(?P<v>[^\n]+)",
    re.IGNORECASE,
)
_PERIOD_VERB = re.compile(
    r"\b(?:pågår|pågick|pågått|startade|startar|startades|påbörjades|avslutades|avslutas"
    r"|löper|löpte|slutar|slutade)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"”A-ZÅÄÖ])|\n")


def _tokens(raw: str) -> list[tuple[re.Match[str], int, int | None]]:
    """(match, year, month or None for a bare year) for each valid date expression."""
    out = []
    for m in _PERIOD_TOKEN.finditer(raw):
        kind = m.lastgroup if m.group("range") is None else "range"
        if m.group("dmy"):
            year, month = int(m["dmy_y"]), int(m["dmy_m"])
        elif m.group("typo"):
            # "20112-01": a five-digit year. Read as "2011-12-01" that lost its "-1"
            # (2011 + month 1x + day), so the stray digit is the month's second digit.
            year, month = int(m["typo_y"]), 10 + int(m["typo_m"])
        elif kind == "range":
            year, month = int(m["r1"]), None
        elif m.group("iso"):
            year, month = int(m["iso_y"]), int(m["iso_m"])
        elif m.group("compact"):
            year, month = int(m["c_y"]), int(m["c_m"])
        elif m.group("named"):
            year, month = int(m["n_y"]), _MONTHS[m["n_m"].lower()]
        else:
            year, month = int(m.group("year")), None
        # An impossible month ("2012-13") still tells the year.
        out.append((m, year, month if month is None or 1 <= month <= 12 else None))
    return out


def _start(year: int, month: int | None) -> str:
    return f"{year}-{month or 1:02d}"


def _end(year: int, month: int | None) -> str:
    return f"{year}-{month or 12:02d}"


def parse_period(raw: str | None) -> tuple[str | None, str | None]:
    """(start, end) as 'YYYY-MM' from a period as written; a bare year covers Jan..Dec."""
    text = raw or ""
    tokens = _tokens(text)
    if not tokens:
        return None, None
    (m, year, month), rest = tokens[0], tokens[1:]
    if m.group("range"):
        return _start(year, None), _end(int(m["r2"]), None)
    if rest:
        m2, year2, month2 = rest[0]
        end_year = int(m2["r2"]) if m2.group("range") else year2
        return _start(year, month), _end(end_year, None if m2.group("range") else month2)
    before = text[: m.start()]
    if _UNTIL.search(before):
        return None, _end(year, month)
    if _FROM.search(before) or month is not None:
        return _start(year, month), None
    return _start(year, None), _end(year, None)


def find_period(text: str) -> str | None:
    """The period as written: a 'Projekttid:'-style value, else a 'Projektet pågår ...' clause."""
    for m in _PERIOD_LABEL.finditer(text):
        value = re.split(r"\s+(?:Projektägare|Finansiär\w*|Budget)\b", m["v"])[0]
        if _tokens(value):
            return value.strip(" .;")
    for sentence in _SENTENCE_END.split(text):
        verb = _PERIOD_VERB.search(sentence)
        if not verb or not re.search(r"projekt|satsning|programmet", sentence, re.I):
            continue
        tokens = [t for t in _tokens(sentence) if t[0].start() > verb.start()]
        if tokens:
            return sentence[verb.start() : tokens[-1][0].end()].strip()
    return None


_AMOUNT = re.compile(
    r"(?<![\d,.])(?P<n>\d{1,3}(?:[ .]\d{3})+|\d+)(?:,(?P<dec>\d+))?\s*"
    r"(?P<unit>miljoner|miljon|milj\.?|mnkr|mkr|msek|tkr|tusen|kronor|kr\b|sek\b|:-)",
    re.IGNORECASE,
)
_SCALE = {"miljoner": 10**6, "miljon": 10**6, "milj": 10**6, "milj.": 10**6, "mnkr": 10**6,
          "mkr": 10**6, "msek": 10**6, "tkr": 1000, "tusen": 1000}  # fmt: skip
_BUDGET_CONTEXT = re.compile(
    r"(?:budget|beviljat belopp|beviljades|beviljats|omslutning|stödbelopp)[^\n]*", re.I
)


def _spaces(text: str) -> str:
    return re.sub(r"[\u00a0\u202f\u2009]", " ", text)


def parse_budget(text: str) -> int | None:
    """First sum of money in `text` in whole kronor: '624 602kr', '1,76 miljoner kronor'."""
    m = _AMOUNT.search(_spaces(text))
    if not m:
        return None
    number = Decimal(re.sub(r"[ .]", "", m["n"]) + "." + (m["dec"] or "0"))
    return int(number * _SCALE.get(m["unit"].lower(), 1))


def find_budget(text: str) -> int | None:
    """A project's total budget, only where the text says budget (not any amount it mentions)."""
    for m in _BUDGET_CONTEXT.finditer(_spaces(text)):
        amount = parse_budget(m.group())
        if amount is not None:
            return amount
    return None


_DATE = re.compile(
    rf"(?<!\d)(?:(?P<y>{_YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})"
    rf"|(?P<nd>\d{{1,2}})\s+\b(?P<nm>{_MONTH})\.?\s+(?P<ny>{_YEAR}))(?!\d)",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(r"^\s*(?:Publicerad|Publicerat|Publiceringsdatum|Skapad)\b", re.I)
_UPDATED = re.compile(
    r"^\s*(?:Senast\s+(?:uppdaterad|ändrad|granskad)|Sidan\s+(?:senast\s+)?(?:uppdaterad|ändrad)"
    r"|Uppdaterad|Ändrad)\b",
    re.IGNORECASE,
)


def parse_date(text: str) -> str | None:
    """First calendar date in `text` as 'YYYY-MM-DD' ('2021-03-30', '13 februari 2024')."""
    for m in _DATE.finditer(text):
        if m["y"]:
            year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
        else:
            year, month, day = int(m["ny"]), _MONTHS[m["nm"].lower()], int(m["nd"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year}-{month:02d}-{day:02d}"
    return None


def page_date_label(line: str) -> str | None:
    """'published' / 'updated' when `line` starts with such a label ('Senast ändrad'), else None."""
    if _PUBLISHED.match(line):
        return "published"
    if _UPDATED.match(line):
        return "updated"
    return None


def page_date_kind(line: str) -> str | None:
    """'published' / 'updated' for a page-date line that also holds its date, else None."""
    kind = page_date_label(line)
    # Short lines only: a content sentence may start "Uppdaterad information ... 1 mars 2024".
    return kind if kind and len(line.split()) <= 8 and parse_date(line) else None


def find_page_dates(text: str) -> tuple[str | None, str | None]:
    """(published, updated) from the page's own date lines ('Publicerad 2021-03-30')."""
    found: dict[str, str | None] = {}
    for line in text.splitlines():
        kind = page_date_kind(line)
        if kind and kind not in found:
            found[kind] = parse_date(line)
    return found.get("published"), found.get("updated")


_FUNDER_LABEL = re.compile(
    r"^(?:Med)?[Ff]inansiär(?:er)?\s*:\s*(?P<v>.+)|^Finansiering\s*:\s*(?P<b>.+(?:\n.+)*)",
    re.MULTILINE,
)
_FUNDER_SENTENCE = re.compile(
    r"(?:finansi(?:eras|erades|erats)\s+(?:av|genom|med\s+medel\s+från)"
    r"|finansiärer?\s+(?:är|var))\s+(?P<v>.+?)(?:[.!?](?=\s|$)|\n|$)",
    re.IGNORECASE,
)
_FUNDER_SPLIT = re.compile(r"\s*(?:,|;|\n|\bsamt\b|\boch\b)\s*")
# "ERUF projekt med medfinansiering från Region X": two funders in one phrase.
_CO_FUNDING = re.compile(r"\s+(?:projekt\s+)?med\s+(?:med)?finansiering\s+(?:från|av)\s+", re.I)
_FUNDER_NOISE = [
    re.compile(r"(?:total\s+)?budget\s*:?\s*[\d\s.,]+\s*(?:kr|kronor|sek|:-)?", re.I),
    re.compile(r"\s*\d+(?:[.,]\d+)?\s*%"),
    re.compile(r"^(?:kommunerna|kommunen|medel från|från|av)\s+", re.I),
]


def _funder_items(value: str) -> list[str]:
    items = []
    for part in _FUNDER_SPLIT.split(_CO_FUNDING.sub(", ", _spaces(value))):
        for noise in _FUNDER_NOISE:
            part = noise.sub("", part)
        part = part.strip(" .:")
        if len(part) > 1 and part[0].isalpha():
            items.append(part)
    return items


def find_funders(text: str) -> list[str]:
    """Funders named after 'Finansiär:', 'Finansiering:', 'finansieras av', 'finansiärer är'."""
    values = [m["v"] or m["b"] for m in _FUNDER_LABEL.finditer(text)]
    values += [m["v"] for m in _FUNDER_SENTENCE.finditer(text)]
    seen: dict[str, str] = {}
    for value in values:
        for item in _funder_items(value):
            seen.setdefault(item.casefold(), item)
    return list(seen.values())


_OWNER_LABEL = re.compile(r"\bProjektägare\s*(?::|är)\s*(?P<v>[^\n]+)", re.IGNORECASE)
_OWNER_STOP = re.compile(r"\s+(?:Projekttid|Projektperiod|Period|Finansiär\w*|Budget)\b.*$")
_ORG = r"[A-ZÅÄÖ][\w&.-]*(?:\s+(?:[A-ZÅÄÖ][\w&.-]*|kommun|stad|län|region|AB|i(?=\s+[A-ZÅÄÖ])))*"
_OWNER_SENTENCE = [
    re.compile(rf"(?:^|[.!?]\s+)(?P<v>{_ORG})\s+(?:är|var)\s+projektägare\b", re.MULTILINE),
    re.compile(rf"\b(?:drevs|drivs|ägs|ägdes)\s+av\s+(?P<v>{_ORG})"),
]


def find_owner(text: str) -> str | None:
    """The project owner: 'Projektägare: X', 'X är projektägare', 'Projektet drevs av X'."""
    m = _OWNER_LABEL.search(text)
    owner = _OWNER_STOP.sub("", m["v"]) if m else None
    for pattern in _OWNER_SENTENCE:
        if owner:
            break
        m = pattern.search(text)
        owner = m["v"] if m else None
    if not owner:
        return None
    # "Sorsele Kommun är projektägare": the organisation word is not part of the name.
    return re.sub(r"(?<=\w) Kommun\b", " kommun", owner.strip(" .,;"))
