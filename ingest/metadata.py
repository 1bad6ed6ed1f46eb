"""Pure parsers for metadata written as free Swedish text: periods, money, dates, funders, owner."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # English pages about Swedish projects
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"

# One token per date expression; the order of the alternatives is the priority at a position.
_PERIOD_TOKEN = re.compile(
    rf"""(?<![\d/])(?:
      (?P<mrange>\b(?P<mr1>{_MONTH})\s*[-–—]\s*(?P<mr2>{_MONTH})\.?\s+(?P<mr_y>{_YEAR}))
    | (?P<dmy>(?P<dmy_d>\d{{1,2}})/(?P<dmy_m>\d{{1,2}})\s*(?P<dmy_y>{_YEAR}))
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
    r"\b(?:Aktuell\s+projektperiod|Projekttid(?:en)?|Projektperiod(?:en)?|Projektets\s+löptid"
    r"|Tidsperiod|Löptid(?:en)?|Programperiod(?:en)?|Genomförandetid(?:en)?|Genomförandeperiod"
    r"|Genomförande(?=\s+under\b)|Tidplan|Project\s+period|Duration|Timeline|Timeframe"
    r"|(?<![\w-])(?:Tid|Period)(?=\s*:))"
    r"\b\s*(?::|är)?\s*(?P<v>[^\n]+)",
    re.IGNORECASE,
)
_PERIOD_VERB = re.compile(
    r"\b(?:pågår|pågick|pågått|startade|startar|startades|påbörjades|avslutades|avslutas"
    r"|löper|löpte|slutar|slutade|genomfördes|genomförs|genomförts|börjar|började|inleds"
    r"|inleddes|runs|ran)\b",
    re.IGNORECASE,
)
# Prose that frames a period whatever the verb: "från augusti 2023 till och med juli 2025",
# "under 2018-2020", "under perioden 2023–2027", "from 2021 to 2023".
_PERIOD_FRAME = re.compile(
    r"\b(?:från|from)\s+(?:och\s+med\s+)?[^.;\n]{0,25}?\d{4}[^.;\n]{0,12}?"
    r"\s+(?:till|to|until|t\.\s?o\.\s?m\.)\s+[^.;\n]{0,25}?\d{4}"
    r"|\bunder\s+(?:(?:program)?perioden\s+)?(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}"
    # "under perioden oktober 2024 – juni 2025"
    rf"|\bunder\s+perioden\s+(?:{_MONTH})\s+(?:19|20)\d{{2}}\s*[-–—]\s*(?:{_MONTH})\s+(?:19|20)\d{{2}}",
    re.IGNORECASE,
)
# "Lärcentrumet startade …", "Arbetet pågår …": a noun in its definite form as the subject.
_DEFINITE_SUBJECT = re.compile(r"^\s*[A-ZÅÄÖ][a-zåäö]+(?:et|en)\s+(?:\w+\s+)?$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"”A-ZÅÄÖ])|\n")
# "i januari i år", "från mars i år": a month of the page's own year.
_THIS_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s+i\s+år\b", re.IGNORECASE)
_NEXT_YEAR = re.compile(r"\b(?:nästa\s+år|next\s+year)\b", re.IGNORECASE)
_MIDSUMMER = re.compile(r"\bmidsommar(?:en)?\b", re.IGNORECASE)
# "börjar i maj", "klart till juni": a month with no year, after a preposition.
_BARE_MONTH = re.compile(
    r"\b(?P<p>i|från|till|under|in|until|by)\s+(?P<m>januari|februari|mars|april|maj|juni|juli"
    r"|augusti|september|oktober|november|december)\b(?!\s*(?:\d|i\s+år))",
    re.IGNORECASE,
)


def _tokens(raw: str) -> list[tuple[re.Match[str], int, int | None]]:
    """(match, year, month or None for a bare year) for each valid date expression."""
    out = []
    for m in _PERIOD_TOKEN.finditer(raw):
        kind = m.lastgroup if m.group("range") is None else "range"
        if m.group("mrange"):
            # "juni–augusti 2024": two tokens of one year.
            y = int(m["mr_y"])
            out.append((m, y, _MONTHS[m["mr1"].lower()]))
            out.append((m, y, _MONTHS[m["mr2"].lower()]))
            continue
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


# "hösten 2024 till våren 2026": a season's first and last month (a school year's terms).
_SEASONS = {"våren": (1, 6), "sommaren": (6, 8), "hösten": (8, 12)}
_SEASON = re.compile(rf"\b(?P<s>{'|'.join(_SEASONS)})\s+(?P<y>{_YEAR})\b", re.IGNORECASE)
_MONTH_NAMES = (
    "januari februari mars april maj juni juli augusti september oktober november december"
).split()
# "tre år från 2022", "under två år från och med 2023": a duration counted from a year.
_NUMBER_WORDS = {"ett": 1, "en": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6,
                 "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}  # fmt: skip
_DURATION = re.compile(
    rf"\b(?P<n>\d|{'|'.join(_NUMBER_WORDS)})\s+(?:år|years?)\s+(?:från\s+(?:och\s+med\s+)?"
    rf"|fr\.?\s?o\.?\s?m\.?\s+|from\s+|starting\s+(?:in\s+)?)(?P<y>{_YEAR})\b",
    re.IGNORECASE,
)


def _normalise_period(text: str) -> str:
    """Seasons and durations as dates the tokens read: 'hösten 2024 till våren 2026' ->
    'augusti 2024 till juni 2026'; one season alone covers its months; 'tre år från 2022'
    -> '2022–2024'."""

    def duration(m: re.Match[str]) -> str:
        n = m["n"].lower()
        years = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        return f"{m['y']}–{int(m['y']) + years - 1}"

    text = _DURATION.sub(duration, text)
    seasons = list(_SEASON.finditer(text))
    if not seasons:
        return text
    alone = len(seasons) == 1 and len(list(_PERIOD_TOKEN.finditer(text))) == 1
    out, last = [], 0
    for i, m in enumerate(seasons):
        first, final = _SEASONS[m["s"].lower()]
        y = m["y"]
        if alone:
            words = f"{_MONTH_NAMES[first - 1]} {y} – {_MONTH_NAMES[final - 1]} {y}"
        else:
            words = f"{_MONTH_NAMES[(first if i == 0 else final) - 1]} {y}"
        out += [text[last : m.start()], words]
        last = m.end()
    return "".join([*out, text[last:]])


def _start(year: int, month: int | None) -> str:
    return f"{year}-{month or 1:02d}"


def _end(year: int, month: int | None) -> str:
    return f"{year}-{month or 12:02d}"


def parse_period(raw: str | None) -> tuple[str | None, str | None]:
    """(start, end) as 'YYYY-MM' from a period as written; a bare year covers Jan..Dec."""
    text = _normalise_period(raw or "")
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


def resolve_this_year(text: str, year: int | None) -> str:
    """'i januari i år' -> 'i januari 2023', 'nästa år' -> '2024', 'i maj' -> 'i maj 2023',
    'midsommar' -> 'juni', when the page's (publication) year is known."""
    if not year:
        return text
    text = _THIS_YEAR.sub(lambda m: f"{m['m']} {year}", text)
    text = _NEXT_YEAR.sub(str(year + 1), text)
    text = _MIDSUMMER.sub("juni", text)
    # "till juni 2025" already has its year; "i maj" gets the page's.
    return _BARE_MONTH.sub(lambda m: f"{m.group()} {year}", text)


def _sentence_period(sentence: str) -> str | None:
    frame = _PERIOD_FRAME.search(sentence)
    if frame and _tokens(frame.group()):
        return frame.group().strip()
    verb = _PERIOD_VERB.search(sentence)
    # The verb's subject names the work ("Projektet pågår", "Lärcentrumet startade", "Arbetet
    # pågår"): a noun in its definite form, or a pronoun.
    if not verb or not (
        re.search(r"projekt|satsning|programmet|\bdet\b|\bden\b|project", sentence, re.I)
        or _DEFINITE_SUBJECT.search(sentence[: verb.start()])
    ):
        return None
    tokens = [t for t in _tokens(sentence) if t[0].start() > verb.start()]
    if tokens:
        return sentence[verb.start() : tokens[-1][0].end()].strip()
    return None


def find_period(text: str, year: int | None = None) -> str | None:
    """The period as written: a 'Projekttid:'-style value, else a 'Projektet pågår ...' clause
    (with a following sentence's end date when the first gives only a start).

    `year` resolves "i år" (this year) in news items."""
    text = resolve_this_year(text, year)
    for m in _PERIOD_LABEL.finditer(text):
        value = re.split(
            r"\s+(?:Projektägare|Finansiär\w*|Budget)\b|\s[·|]\s|,\s+(?:budget|total)\b"
            r"|\.\s+(?=(?-i:[A-ZÅÄÖ]))|\)",
            m["v"],
            flags=re.I,
        )[0]
        tokens = _tokens(value)
        if tokens:
            return value[: tokens[-1][0].end()].strip(" .;,")
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    for i, sentence in enumerate(sentences):
        found = _sentence_period(sentence)
        if not found:
            continue
        start, end = parse_period(found)
        if start and not end and i + 1 < len(sentences):
            nxt = sentences[i + 1]
            until = re.search(
                rf"(?:t\.\s?o\.\s?m\.|till och med|till|until)\s+(?:slutet av\s+)?"
                rf"(?:\d{{1,2}}\s+)?(?:(?:{_MONTH})\s+)?{_YEAR}",
                nxt,
                re.I,
            )
            if until:
                return f"{found} {until.group()}"
        return found
    return None


_AMOUNT = re.compile(
    r"(?<![\d,.])(?P<n>\d{1,3}(?:[ .]\d{3})+|\d+)(?:,(?P<dec>\d+))?\s*"
    r"(?P<unit>miljoner|miljon|milj\.?|mnkr|mkr|msek|tkr|tusen|kronor|kr\b|sek\b|:-)",
    re.IGNORECASE,
)
# English: "SEK 8.2 million", "SEK 3.4 million", "8.2 million SEK".
_AMOUNT_EN = re.compile(
    r"\bSEK\s*(?P<n>\d+(?:,\d{3})*)(?:\.(?P<dec>\d+))?\s*(?P<unit>million|thousand)?"
    r"|(?P<n2>\d+(?:,\d{3})*)(?:\.(?P<dec2>\d+))?\s*(?P<unit2>million|thousand)\s*(?:SEK|kronor)",
)
_SCALE = {"miljoner": 10**6, "miljon": 10**6, "milj": 10**6, "milj.": 10**6, "mnkr": 10**6,
          "mkr": 10**6, "msek": 10**6, "tkr": 1000, "tusen": 1000,
          "million": 10**6, "thousand": 1000}  # fmt: skip
_BUDGET_CONTEXT = re.compile(
    r"(?:budget|beviljat belopp|beviljades|beviljats|omslutning|stödbelopp)[^\n]*", re.I
)


_THOUSANDS_DIGITS = 3
_PLAIN_UNITS = frozenset(("kr", "kronor", "sek", ":-"))
# "Summa kostnader 1 295 000", "Totalt 640 000": a budget table's sum line, where the unit
# stands in the table's heading rather than beside the number.
_SUM_LINE = re.compile(
    r"^\s*(?:Summa|Totalt?|Total)\s+(?:kostnader|kostnad|budget|projektkostnad\w*|utgifter)?"
    r"\s*:?\s*(?P<n>\d{1,3}(?:[ .\u00a0]\d{3})+)\s*(?:kr|kronor|SEK|:-)?\s*$",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class Amount:
    """A sum of money as written (`raw`) and in whole kronor (`sek`), with its position."""

    sek: int
    raw: str
    start: int
    end: int


def _spaces(text: str) -> str:
    return re.sub(r"[\u00a0\u202f\u2009]", " ", text)


def find_amounts(text: str) -> list[Amount]:
    """Every sum of money in SEK: '13 miljoner kronor', '1,3 Mkr', '620 211 SEK', '450 tkr',
    '3,6 MSEK', 'SEK 8.2 million'. Other currencies are not amounts here."""
    text = _spaces(text)
    found = []
    for m in _AMOUNT.finditer(text):
        dec = m["dec"] or "0"
        if len(dec) == _THOUSANDS_DIGITS and m["unit"].lower() in _PLAIN_UNITS:
            # "950,000 SEK": an English thousands separator, not decimals (Swedish decimals of
            # kronor have two digits at most, and a scale word: "1,25 miljoner").
            number = Decimal(re.sub(r"[ .]", "", m["n"]) + dec)
        else:
            number = Decimal(re.sub(r"[ .]", "", m["n"]) + "." + dec)
        found.append(
            Amount(int(number * _SCALE.get(m["unit"].lower(), 1)), m.group(), m.start(), m.end())
        )
    for m in _AMOUNT_EN.finditer(text):
        n, dec, unit = (m["n"], m["dec"], m["unit"]) if m["n"] else (m["n2"], m["dec2"], m["unit2"])
        number = Decimal(n.replace(",", "") + "." + (dec or "0"))
        found.append(
            Amount(int(number * _SCALE.get((unit or "").lower(), 1)), m.group(), m.start(), m.end())
        )
    return sorted(found, key=lambda a: a.start)


def parse_budget(text: str) -> int | None:
    """First sum of money in `text` in whole kronor: '624 602kr', '1,76 miljoner kronor'."""
    amounts = find_amounts(text)
    return amounts[0].sek if amounts else None


# What the words just before an amount make of it. A ceiling ("högst 50 000 kr", "upp till")
# or a share ("varav", "Kommunens insats") is never the project's budget.
_CEILING = re.compile(
    r"(?:högst|upp till|som mest|maximalt|max\.?|maximum(?:\s+of)?|up to|at most|minst|mer än"
    r"|no more than|not exceeding)\s*$",
    re.I,
)
_SHARE = re.compile(r"(?:varav|insats|andel|egen insats|per år|per företag|/år)\b[^.;\n]*$", re.I)
_TOTAL = re.compile(
    r"(?:budget|omfatt\w*|omslutning|total\w*|kostnad\w*\s+(?:är|på|blev|blir)|kostar|kosta"
    r"|förfogar\s+över|uppg(?:år|ick)\s+till|^\s*(?:Projekt)?[Kk]ostnad\s*:|\bcosts?\b)[^.;\n]*$",
    re.I,
)
_GRANTED = re.compile(
    r"(?:beviljat?\w*|stödbelopp|bevilja\b|stöd\w*|prioriter\w*|granted)[^.;\n]*$",
    re.I,
)
# An amount applied for ("ansöker om 65 000 kronor", "Sökt stöd: 210 000 kr") is what the
# applicant asked for, not what the project costs or was granted.
_APPLIED = re.compile(r"(?:\bsökt\w*|\bansök\w*\s+om|\bansökt\w*|\bsöker)[^.;\n]*$", re.I)
_CONTEXT_CHARS = 60  # how far back the words that qualify an amount may stand


# "95 000 kr per år", "5 000 kr/månad": a rate, not what the project costs.
_RATE = re.compile(
    r"^\s*(?:per|/|om|a)\s*(?:år(?:et)?|månad(?:en)?|vecka|timme|deltagare|företag|person"
    r"|sökande|ansökan|year|month|company|applicant|business|participant)\b",
    re.I,
)


# A sum in another currency before the kronor ("EUR 2.35 million (around SEK 26.8 million)"):
# its decimal point must not end the words that say what the kronor are.
_FOREIGN = re.compile(
    r"(?:EUR|€|NOK|DKK|USD|euro)\s*[\d.,]+(?:\s*(?:million|miljoner|mn|m))?"
    r"|[\d.,]+\s*(?:million\s+|miljoner\s+)?(?:EUR|€|NOK|DKK|USD|euro)\b"
    r"|\b(?:approx|appr|ca|c|cirka|around|about|ungefär)\.?(?=\s)",
    re.IGNORECASE,
)
# "400 000 kronor att fördela": a pot an offer shares out, not what a project costs.
_POT = re.compile(
    r"^\s*(?:kronor|kr|sek)?\s*(?:att\s+(?:fördela|söka|dela\s+ut)|i\s+potten)\b", re.I
)
# "2,35 miljoner euro": a sum in another currency, never kronor.
_FOREIGN_AFTER = re.compile(r"^\s*(?:euro|EUR|€|NOK|DKK|USD)\b")


def _amount_kind(text: str, amount: Amount) -> str | None:
    after = text[amount.end : amount.end + _CONTEXT_CHARS]
    if _RATE.match(after):
        return "rate"
    if _POT.match(after):
        return "pot"
    if _FOREIGN_AFTER.match(after):
        return "foreign"
    before = _FOREIGN.sub(" ", text[max(0, amount.start - _CONTEXT_CHARS) : amount.start])
    before = re.split(r"[.;\n]\s|\n|\s[·|]\s", before)[-1]
    if _CEILING.search(before.rstrip(" :")):
        return "ceiling"
    if _SHARE.search(before):
        return "share"
    if _APPLIED.search(before):
        return "applied"
    if _TOTAL.search(before):
        return "total"
    if _GRANTED.search(before):
        return "granted"
    return None


# A sentence about a programme or an area's money ("Leader X har en total budget på 60 miljoner
# för hela programperioden"): its total is not a project's.
_PROGRAMME = re.compile(
    r"\b(?:programperiod\w*|programmet|leaderområdet|hela\s+området|fonden|ramen|årets\s+ram"
    r"|per\s+år|varje\s+år|totalt\s+har|sammanlagt\s+har)\b",
    re.IGNORECASE,
)


def total_amounts(text: str) -> list[int]:
    """Every sum the text calls a project's total ("Budget:", "kostar totalt"), once per place
    it stands: two different ones mean the text covers two projects, or a project and its
    parts."""
    text = _spaces(text)
    out = []
    for a in find_amounts(text):
        start = max(text.rfind(". ", 0, a.start), text.rfind("\n", 0, a.start)) + 1
        end = min(x for x in (text.find(". ", a.end), text.find("\n", a.end), len(text)) if x >= 0)
        if _amount_kind(text, a) == "total" and not _PROGRAMME.search(text[start:end]):
            out.append(a.sek)
    return out


def find_budget(text: str) -> int | None:
    """A project's total budget where the text calls it one ('Budget:', 'total budget på',
    'omfattar totalt'); otherwise a granted amount; never a ceiling or a co-financier's share."""
    text = _spaces(text)
    by_kind: dict[str, int] = {}
    for amount in find_amounts(text):
        kind = _amount_kind(text, amount)
        if kind in ("total", "granted"):
            by_kind.setdefault(kind, amount.sek)
    if "total" not in by_kind and (m := _SUM_LINE.search(text)):
        by_kind["total"] = int(re.sub(r"\D", "", m["n"]))
    return by_kind.get("total", by_kind.get("granted"))


_DATE = re.compile(
    rf"(?<!\d)(?:(?P<y>{_YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})"
    rf"|(?P<nd>\d{{1,2}})\s+\b(?P<nm>{_MONTH})\.?\s+(?P<ny>{_YEAR}))(?!\d)",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(
    r"^\s*\*?(?:Publicerad|Publicerat|Publiceringsdatum|Skapad|Published)\b", re.I
)
_UPDATED = re.compile(
    r"^\s*(?:Senast\s+(?:uppdaterad|ändrad|granskad)"
    r"|Sidan\s+(?:senast\s+)?(?:uppdaterad|ändrad|granskad)(?:es)?(?:\s+senast)?"
    r"|Uppdaterad|Ändrad|(?:Page\s+)?[Ll]ast\s+updated|Updated|Page\s+updated"
    r"|Last\s+modified)\b",
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


# A page-date line ("Published 4 May 2022 · Updated 30 January 2024") has at most this many
# words; a longer line is a sentence that happens to start "Uppdaterad ...".
_PAGE_DATE_WORDS = 10


def page_date_kind(line: str) -> str | None:
    """'published' / 'updated' for a page-date line that also holds its date, else None."""
    kind = page_date_label(line)
    # Short lines only: a content sentence may start "Uppdaterad information ... 1 mars 2024".
    return kind if kind and len(line.split()) <= _PAGE_DATE_WORDS and parse_date(line) else None


def find_page_dates(text: str) -> tuple[str | None, str | None]:
    """(published, updated) from the page's own date lines ('Publicerad 2021-03-30')."""
    found: dict[str, str | None] = {}
    for line in text.splitlines():
        kind = page_date_kind(line)
        if kind and kind not in found:
            found[kind] = parse_date(line)
    return found.get("published"), found.get("updated")


_FUNDER_LABEL = re.compile(
    r"^(?:Övriga\s+)?(?:Med)?[Ff]inansiär(?:er)?\s*:\s*(?P<v>.+)"
    r"|^(?:(?:(?:Co-?)?[Ff]unded by|(?:Co-?)?[Ff]inanced by)\s*:?|(?:Funding|Funders?)\s*:)"
    r"\s*(?P<e>.+)"
    r"|^(?:Offentlig|Extern)\s+(?:med)?finansiering\s*:\s*(?P<o>.+)"
    r"|^(?:Övrig\s+)?[Ff]inansiering\s*:\s*(?P<b>.+(?:\n(?![\w -]{1,30}:).+)*)",
    re.MULTILINE,
)
_FUNDER_SENTENCE = re.compile(
    r"(?:finansi(?:eras|erades|erats|erat|eras\s+delvis)\s+(?:(?!av\b|genom\b)\w+\s+){0,2}"
    r"(?:av|genom|med\s+(?:[\w-]+\s+){0,3}(?:medel\s+)?från)"
    r"|finansiärer?\s+(?:är|var)|understöd(?:s|des)\s+av"
    r"|(?:med|får|fick|har\s+fått)\s+(?:\w+\s+)?(?:stöd|bidrag|pengar|medel)\s+från"
    r"|(?:får|fick|har\s+fått)\s+(?:\w+\s+)?(?:stöd|bidrag|pengar|medel)\s+av"
    r"|med\s+(?:\w+\s+)?(?:bidrag|pengar|medel)\s+av"
    r"|(?:Pengarna|Medlen|Finansieringen|Budgeten|[Öö]vrig finansiering)\b[^.\n]{0,40}?"
    r"\s+kom(?:mer)?\s+från|Funding\s+came\s+from|(?:co-?)?funded\s+by|(?:co-?)?financed\s+by"
    # "har beviljats 420 000 kronor från Leader X", "Resten betalar X"
    r"|(?:Beviljat\s+(?:stöd|belopp|bidrag)|Stödbelopp)\s*:\s*[\d,. ]+\s*(?:kr|kronor|sek"
    r"|miljoner\s+kronor|tkr)\s+(?:från|ur)"
    r"|(?:beviljats|(?:har\s+)?(?:fått|får|fick))\s+[\d,. ]+\s*(?:kr|kronor|miljoner\s+kronor"
    r"|miljoner|tkr)\s+(?:från|ur|av)"
    r"|(?:^|[.!?]\s+)(?:Hälften|Halva\s+\w+|Resten|Resterande\s+\w+|En\s+(?:tredjedel|fjärdedel)"
    r"|\d+\s*(?:procent|%))\s+(?:kommer|kom)\s+från"
    r"|[Rr]esten\s+(?:betalar|betalas\s+av|står)|[Rr]esterande\s+del\s+betalas\s+av)\s*:?\s+(?P<v>.+?)"
    r"(?:[.!?](?=\s|$)|\n|$)",
    re.IGNORECASE,
)
# "Region Östergötland och Tillväxtverket har tillsammans beviljat ...": funders as subject.
_FUNDER_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+)(?P<v>[A-ZÅÄÖ][^.!?\n]{2,120}?)\s+(?:har\s+(?:tillsammans\s+)?beviljat"
    r"|medfinansierar|medfinansierade)\b",
    re.MULTILINE,
)
# "varav 4,2 miljoner från ESF", "Beviljat ESF-stöd": a fund named beside its share.
_FUNDER_SHARE = re.compile(
    r"varav\s+[\d,. ]+\s*(?:miljoner|mkr|tkr|kr|kronor)?\s+från\s+(?P<v>[A-ZÅÄÖ][\w+-]*)"
    r"|Beviljat\s+(?P<s>[A-ZÅÄÖ]{2,}\+?)-stöd"
    # "varav Jordbruksverket stod för 1 200 000 kronor", "Energimyndigheten bidrar med 2 000 000 kr"
    r"|(?:varav|och)\s+(?P<w>[A-ZÅÄÖ][\wåäö-]*(?:\s+[A-ZÅÄÖ][\wåäö-]*){0,3}|kommunen|regionen)"
    r"\s+(?:(?:står|stod)\s+)?för\s+(?:[\d,. ]+\s*(?:miljoner\s+kronor|kronor|kr|tkr)|hälften"
    r"|resten|en\s+(?:tredjedel|fjärdedel)|\d+\s*(?:procent|%))"
    r"|(?:^|[.!?,]\s+|\s(?:och|samt)\s+)(?P<g>[A-ZÅÄÖ][\wåäö-]*(?:\s+[A-ZÅÄÖ][\wåäö-]*){0,3}"
    r"|kommunen|regionen)\s+(?:går|gick)\s+in\s+med\s+(?:[\d,. ]+\s*(?:kr|kronor|miljon|tkr)"
    r"|pengar|medel|resten)"
    r"|(?:^|[.!?]\s+|\s(?:och|samt)\s+)(?P<c>[A-ZÅÄÖ][\wåäö-]*(?:\s+[A-ZÅÄÖ][\wåäö-]*){0,3})"
    r"\s+bidrar\s+med\s+[\d,. ]+\s*(?:miljoner\s+kronor|kronor|kr|tkr)",
    re.MULTILINE,
)
# "… som delas lika mellan Tidaholms kommun och Region Västra Götaland": the sharers.
_FUNDER_SHARED = re.compile(
    r"(?:kostnad\w*|finansiering\w*|pengar\w*|kronor|budget\w*|resten|summan|kostar)"
    r"[^.!?\n]{0,60}?\bdelas\s+(?:lika\s+)?mellan\s+(?P<v>[^.!?\n]+)",
    re.IGNORECASE,
)
_AMOUNT_WORDS = r"[\d][\d,. ]*\s*(?:miljoner\s+kronor|miljoner|miljon|kronor|kr\b|tkr|mkr)"
# "Leader X bidrar med 900 000 kronor, Region Y med 1,1 miljoner och Z kommun med 300 000":
# after the first contributor the verb is left out, each further one is "<Org> med <amount>".
_CONTRIBUTION = re.compile(r"\b(?:bidrar|bidrog|går\s+in|gick\s+in|skjuter\s+till)\s+med\b", re.I)
_ELIDED = re.compile(
    r"(?:,\s*|\s(?:och|samt)\s+)(?P<v>[A-ZÅÄÖ][\wåäö-]*(?:\s+[A-ZÅÄÖ][\wåäö-]*){0,3}"
    r"(?:\s+(?:kommun|län|region))?|kommunen|regionen)\s+med\s+" + _AMOUNT_WORDS
)


# A contributor named like a funding body, not a person ("Lisa Berg med 10 000 kr").
_FUNDING_NAME = re.compile(
    r"\b(?:kommun|kommunen|region|regionen|Region|Leader|Länsstyrelsen|Tillväxtverket"
    r"|Jordbruksverket|fond\w*|stiftelse\w*|förening\w*|förbund\w*|AB|EU)\b|fonden\b"
)


def _elided_contributors(text: str) -> list[str]:
    """The further contributors of a sentence that names one with "bidrar med <amount>"."""
    out: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if _CONTRIBUTION.search(sentence):
            out += [m["v"] for m in _ELIDED.finditer(sentence) if _FUNDING_NAME.search(m["v"])]
    return out


# A financing table: a "Finansiering"/"Medfinansiärer" heading line, then one line per funder
# with its share ("Region Gävleborg 400 000", "- Hultsfreds kommun 400 000 kr").
_FUNDING_TABLE = re.compile(
    r"^(?:\d+\.\s+)?(?:Finansieringsbudget|Finansieringsplan|Finansiering|Finansiärer"
    r"|Medfinansiärer|Medfinansiering|Funding)\s*:?\s*\n\s*(?P<rows>(?:[-•*]?\s*[A-ZÅÄÖ][^\n]*?"
    r"\d[\d ]*(?:\s*(?:kr|kronor|SEK|:-|%))?[ \t]*(?:\n[ \t]*\n?|$))+)",
    re.MULTILINE,
)
_FUNDING_ROW = re.compile(r"^[-•*]?\s*(?P<v>[A-ZÅÄÖ][^\d\n]*?)\s+\d")
# Rows of a financing table that are no funder: sums, the applicant's own work, private money.
_NOT_FUNDER_ROW = re.compile(r"^(?:Summa|Totalt?|Egen\s+insats|Privat|Ideell|Övrig)", re.I)
_FUNDER_SPLIT = re.compile(r"\s*(?:,|;|\n|\bsamt\b|\boch\b|\band\b)\s*")
# "ERUF projekt med medfinansiering från Region X": two funders in one phrase.
_CO_FUNDING = re.compile(
    r"\s+(?:projekt\s+)?med\s+(?:(?:med)?finansiering|stöd|bidrag|medel)\s+(?:från|av)\s+", re.I
)
_FUNDER_NOISE = [
    re.compile(r"(?:total\s+)?budget\s*:?\s*[\d\s.,]+\s*(?:kr|kronor|sek|:-)?", re.I),
    re.compile(
        r"\s*\d[\d\s]*(?:[.,]\d+)?\s*(?:%|procent|miljoner(?:\s+kronor)?|miljon|mkr|msek|tkr"
        r"|kronor|kr\b|sek\b)(?:\s*\([^)]*\))?",
        re.I,
    ),
    re.compile(r"^(?:kommunerna|medel från|från|av|the|genom)\s+", re.I),
    re.compile(r"^(?:resten|resterande(?:\s+\w+)?)\s+(?:från|av)\s+", re.I),
    # "…, med stöd från Leader X": a further funder named inside the list.
    re.compile(r"^(?:med|och)\s+(?:stöd|bidrag|medel|pengar|finansiering)\s+(?:från|av)\s+", re.I),
    re.compile(r"\s+(?:som|which|who|för\s+att|to\s+\w+|in\s+order\s+to)\s+.*$", re.I),
    # "Region Skåne as part of the project X", "… som en del av satsningen Y"
    re.compile(r"\s+(?:as\s+(?:a\s+)?part\s+of|inom\s+ramen\s+för)\s+.*$", re.I),
    re.compile(r"\s+programme$|^(?:the\s+)", re.I),
]
# "havs-, fiskeri- och vattenbruksfonden": a suspended compound is one name, not three.
_SUSPENDED = re.compile(
    r"\b\w+-(?:,\s*\w+-)*\s+(?:och|and)\s+\w+"
    # "Agency for Economic and Regional Growth": a capitalised "of/for X and Y" inside a name
    r"|\b(?:for|of)\s+[A-Z]\w+\s+and\s+[A-Z]\w+"
)
# The applicant's own part ("föreningen själv genom ideellt arbete") is no outside funder.
_OWN_PART = re.compile(
    r"^(?:föreningen|företaget|sökanden|byalaget)\s+själv|ideellt\s+arbete"
    r"|^(?:du|ni|vi|man|jag)\b"  # "Resten står du för själv."
    r"|^\w+(?:as|des|ts)\s+av\b"  # "… och hanteras av näringslivsenheten": another clause
    r"|^(?:som|vilket|vilken|där|which|who)\b"  # ", som också ordnar mentorer": a relative clause
    r"|^och\s+med\b|^(?:försäljning|intäkter|avgifter|biljett)\w*",  # "från och med", sales
    re.IGNORECASE,
)


# ", och resten betalar …", ", men …": Swedish puts no comma before the "och" that ends a
# list, so a comma and a conjunction start a new clause, and the funders end there.
_CLAUSE_END = re.compile(r",\s+(?:och|men|medan|samt\s+att)\s+.*$", re.I)


# "kommunens utvecklingsfond (Vansbro kommun)", "kommunens landsbygdsfond": the kommun's own
# money, so the kommun is the funder (named in the parenthesis, else resolved from the page).
_KOMMUN_FUND = re.compile(
    r"^kommunens\s+[\wåäö-]*(?:fond|medel|pott|budget)\w*(?:\s*\((?P<k>[^)]*kommun)\))?$", re.I
)


_LOWER_FUNDER = re.compile(
    r"^(?:kommunen|[\wåäö]*kommuner(?:na)?\b|regionen|staten|länsstyrelsen|landstinget"
    r"|de\s+\w+\s+[\wåäö]*kommunerna|(?:the\s+)?municipalit|europeiska\s|eu\b"
    r"|(?:deltagande\s+)?företag(?:en)?\b|(?:föreningens|företagets|sökandens)\s+egen\s+insats"
    r"|egen\s+insats|[\wåäö-]*(?:fond|fonden|stiftelse|stiftelsen|förbund|förbundet"
    r"|programmet)\b)",
    re.IGNORECASE,
)


def _funder_items(value: str) -> list[str]:
    value = _CLAUSE_END.sub("", value)
    value = re.sub(r"(?<=\d),(?=\d)", "\x03", value)  # "3,4 miljoner": one amount
    value = _CO_FUNDING.sub(", ", _spaces(value))
    value = _SUSPENDED.sub(
        lambda m: (
            m.group().replace(",", "\x00").replace(" och ", " \x01 ").replace(" and ", " \x02 ")
        ),
        value,
    )
    # Separators inside parentheses do not split: "(via Länsstyrelsen X, Y)".
    depth, chars = 0, []
    for ch in value:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        chars.append("\x00" if ch == "," and depth else ch)
    value = "".join(chars)
    items = []
    for part in _FUNDER_SPLIT.split(value):
        part = part.replace("\x00", ",").replace("\x01", "och").replace("\x02", "and")
        part = part.replace("\x03", ",")
        for noise in _FUNDER_NOISE:
            part = noise.sub("", part)
        part = part.strip(" .:")
        fund = _KOMMUN_FUND.match(part)
        if fund:
            part = fund["k"] or "kommunen"
        part = re.sub(r"\s+för$", "", part)  # "Resten står Malmö stad för."
        # A funder is named: a lower-case phrase is one only when it names a public body or
        # a fund ("kommunen", "staten"), not "sponsorer i bygden" or "arrangören".
        if part[:1].islower() and not _LOWER_FUNDER.match(part):
            continue
        if len(part) > 1 and part[0].isalpha() and not _OWN_PART.search(part):
            items.append(part)
    return items


# "Leader Glasbygd Nord: 620 000 kr", "Hedemora kommun (sökt)    180 000 kr": a public body
# and its sum on a line of their own, as a financing breakdown writes them with no heading.
_FUNDING_LINE = re.compile(
    r"^[-•*]?\s*(?P<v>[A-ZÅÄÖ][^\d\n:()]*?)\s*(?:\([^)\n]*\))?\s*:?\s+"
    r"\d[\d  ]*(?:,\d+)?\s*(?:kr|kronor|SEK|tkr|:-|miljoner)\b[^\n]{0,20}$",
    re.MULTILINE,
)
_FUNDING_BODY = re.compile(
    r"^(?:Leader\b|Region\b|Länsstyrelsen\b|Europeiska\b|Tillväxtverket$|Jordbruksverket$"
    r"|Boverket$|Allmänna arvsfonden$|Arvsfonden$|Vinnova$|Energimyndigheten$)"
    r"|\b(?:kommun|regionen|län)$"
)
# So many such lines in a row make a breakdown; one could be a grant decision's sentence.
_FUNDING_LINES_MIN = 2


def _funding_rows(text: str) -> list[str]:
    """Public bodies named with their sum, one per line, in a run of such lines."""
    out: list[str] = []
    run: list[str] = []
    for line in [*text.split("\n"), ""]:
        m = _FUNDING_LINE.match(line.strip())
        if m and _FUNDING_BODY.search(m["v"].strip()):
            run.append(m["v"].strip())
            continue
        if m and _NOT_FUNDER_ROW.match(m["v"].strip()):
            continue  # "Totalt: 900 000 kr", own work: the breakdown goes on
        if len(run) >= _FUNDING_LINES_MIN:
            out += run
        run = []
    return out


def find_funders(text: str) -> list[str]:
    """Funders named after 'Finansiär:', 'Finansiering:', 'finansieras av', 'finansiärer är',
    'Pengarna kommer från', 'X har beviljat', 'varav ... från X'."""
    values = [m["v"] or m["b"] or m["e"] or m["o"] for m in _FUNDER_LABEL.finditer(text)]
    values += [m["v"] for m in _FUNDER_SENTENCE.finditer(text)]
    values += [m["v"] for m in _FUNDER_SUBJECT.finditer(text)]
    values += [m["v"] or m["s"] or m["w"] or m["c"] or m["g"] for m in _FUNDER_SHARE.finditer(text)]
    values += [m["v"] for m in _FUNDER_SHARED.finditer(text)]
    values += _elided_contributors(text)
    values += _funding_rows(text)
    for table in _FUNDING_TABLE.finditer(text):
        for row in table["rows"].split("\n"):
            m = _FUNDING_ROW.match(row.strip())
            if m and not _NOT_FUNDER_ROW.match(m["v"]):
                values.append(m["v"])
    seen: dict[str, str] = {}
    for value in values:
        for item in _funder_items(value):
            seen.setdefault(item.casefold(), item)
    return list(seen.values())


_OWNER_LABEL = re.compile(
    r"(?:\b(?:Projektägare|Sökande|Stödmottagare|Huvudman(?:\s+för\s+projektet)?"
    r"|(?:Projekt)?[Aa]nsvarig\s+organisation|Projektansvarig|Project\s+owner|Lead\s+partner"
    r"|Lead\s+organisation|Beneficiary|Applicant)|^Ägare)\s*(?::|är|is)\s*"
    r"(?P<v>[^\n]+)",
    re.IGNORECASE | re.MULTILINE,
)
# "Projektansvarig: Anna Berg" names a person (the project manager), not an organisation.
_PERSON_NAME = re.compile(
    r"^[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäö]+)?(?:\s+[A-ZÅÄÖ][a-zåäöéü-]+){1,2}$"
)
_OWNER_STOP = re.compile(
    r"\s+(?:Projekttid|Projektperiod|Period|Tid:|Finansiär\w*|Budget)\b.*$|\s[·|]\s.*$"
    r"|,\s+(?:based|located|med\s+säte|belägen|baserad)\b.*$"
    r"|\.\s+[A-ZÅÄÖ].*$"
)
# The kinds of organisation a name ends in ("Hackås Bygdeförening", "Kosta Byalag").
ORG_KINDS = r"förening|förbund|byalag|byaråd|sällskap|gille|stiftelse|klubb|samfällighet|församling"
_ORG_TAIL = (
    r"(?:[ \t]+(?:ekonomisk|ideell)[ \t]+förening|[ \t]+ek\.\s*för\.|[ \t]+AB|[ \t]+HB"
    # "Kälarne bygdeförening", "Byns intresseförening": the organisation word in lower case
    rf"|[ \t]+[a-zåäö]*(?:{ORG_KINDS})(?:en|et)?)?"
)
_ORG = (  # one line only: a label line above ("Ärendebeskrivning") is not part of the name
    r"[A-ZÅÄÖ][\w&.-]*(?:[ \t]+(?:[A-ZÅÄÖ][\w&.-]*|kommun|stad|län|region|AB|i(?=[ \t]+[A-ZÅÄÖ])))*"
    + _ORG_TAIL
)
# A department written without its kommun ("Näringslivsavdelningen", "kommunens
# utvecklingsenhet"): the kommun is filled in from the page when it is known.
_DEPARTMENT = re.compile(
    r"^(?:(?:den\s+)?kommunens?\s+)?"
    r"(?P<d>(?:[\wåäö]+-\s+och\s+)?[\wåäö]*(?:avdelning|enhet|förvaltning|kontor)(?:en)?)?$"
    r"|^kommunen$",
    re.IGNORECASE,
)
_OWNER_SENTENCE = [
    re.compile(
        rf"(?:^|[.!?]\s+)(?P<v>[Kk]ommunens\s+\w+|{_ORG})\s+(?:är|var)\s+(?:projektägare|huvudman)\b",
        re.MULTILINE,
    ),
    # "Bjärtrå Företagarförening driver projektet", "Tomelilla kommun leder arbetet".
    re.compile(
        rf"(?:^|[.!?]\s+)(?P<v>{_ORG})\s+(?:driver|drev|leder|ledde|äger)\s+"
        r"(?:projektet|satsningen|arbetet|förstudien)\b",
        re.MULTILINE,
    ),
    re.compile(
        r"(?:\b(?:[Pp]rojektet|[Ss]atsningen|[Ff]örstudien|[Kk]artläggningen|[Ii]nsatsen)\s+"
        r"(?:genomförs|genomfördes)|\b(?i:drevs|drivs|ägs|ägdes|förvaltas|is run by|was run by"
        r"|run by|is owned by|is led by|was led by|is managed by|is coordinated by))\s+"
        # "drivs som ett projekt av kommunens näringslivsenhet"
        r"(?:som\s+(?:ett|en)\s+[\wåäö]+\s+)?"
        rf"(?:(?:av|by)\s+)?(?:den\s+(?:ideella|ekonomiska)\s+föreningen\s+)?"
        rf"(?P<v>kommunens\s+\w+|{_ORG})"
    ),
    re.compile(rf"\bDet är (?P<v>{_ORG}),?\s+(?:som\b|[^,]{{0,60}},\s+som\s+driver)"),
    re.compile(rf"(?:^|[.!?]\s+)(?P<v>{_ORG})\s+(?:har\s+ansökt|ansöker|söker)\s+om", re.MULTILINE),
    # "Kvikkjokks Fjällstugeförening har beviljats 420 000 kronor från …": the grantee.
    re.compile(
        rf"(?:^|[.!?]\s+)(?P<v>{_ORG})\s+(?:har\s+(?:beviljats|fått)|beviljas|får)\s+[\d,. ]+"
        r"(?:kr|kronor|miljon|miljoner|tkr)",
        re.MULTILINE,
    ),
    # "Bakom projektet står Glommersträsks Byaförening", "X står bakom satsningen".
    re.compile(rf"\bBakom\s+(?:projektet|satsningen|bygget|initiativet)\s+står\s+(?P<v>{_ORG})"),
    re.compile(rf"(?:^|[.!?]\s+)(?P<v>{_ORG})\s+står\s+bakom\b", re.MULTILINE),
    # "bevilja Överkalix hembygdsförening 50 000 kronor": the grantee up to the amount.
    re.compile(r"\bbevilja\s+(?P<v>[A-ZÅÄÖ][^,.;:\d\n]{2,80}?)\s+\d"),
]
# An organisation as the subject that opens a project's description ("Ekshärads
# Hembygdsförening rustar upp ..."): the owner, when nothing states one.
_ORG_WORD = (
    r"(?:[\wåäö]*(?:förening|förbund|sällskap|gille|stiftelse|råd)(?:en|et)?|AB|HB|kommun"
    r"|(?:ekonomisk|ideell)\s+förening)"
)
_SUBJECT_ORG = re.compile(
    rf"^(?P<v>(?:[A-ZÅÄÖ][\wåäö-]*\s+){{0,4}}{_ORG_WORD}(?:\s+{_ORG_WORD})?)\s+(?=[a-zåäö])"
)


# A name that is an organisation's: "Saxdalens Byalag", "Kulturföreningen Bärkehus",
# "Myrvikens IF", "Vindelns kommun", "Region Västerbotten".
_ORG_NAME = re.compile(
    r"(?:förening|förbund|byalag|byaråd|sällskap|gille|stiftelse|klubb|\bråd|samfällighet"
    r"|församling)\w*\b|(?<!\w)(?:AB|HB|IF|IK|BK|FF|SK|ek\.\s*för\.)(?!\w)"
    r"|\b(?:kommun|Region|Länsstyrelsen|Leader)\b",
    re.IGNORECASE,
)


def looks_like_org(name: str) -> bool:
    """Is `name` written as an organisation's name (association, company, kommun, region)?"""
    return bool(_ORG_NAME.search(name))


_ORG_LINE_WORDS = 10  # "Vindelns Lokalmat ekonomisk förening, Vindelns kommun"


def opening_owner(text: str) -> str | None:
    """The organisation that opens a project description: as the subject of its first
    sentence, or as a first line naming only the organisation (and maybe its kommun), as
    entries of a decision list do ("Holmöns Byaförening, Umeå kommun")."""
    text = text.strip()
    m = _SUBJECT_ORG.match(text)
    if m:
        return m["v"]
    first = text.split("\n")[0].strip()
    name = re.sub(r",\s*[A-ZÅÄÖ][\wåäö-]*\s+(?:kommun|stad)$", "", first)
    if (
        len(first.split()) <= _ORG_LINE_WORDS
        and looks_like_org(name)
        and not re.search(r"[\d:.!?]", first)
        and re.match(r"[A-ZÅÄÖ]", first)
    ):
        return name
    return None


# "Föreningen har fått …" after the association was named: the word, not a name.
_GENERIC_OWNER = re.compile(
    r"^(?:Föreningen|Företaget|Bolaget|Byalaget|Organisationen|Stiftelsen|Sökanden|Projektet)$"
)


def find_owner(text: str) -> str | None:
    """The project owner: 'Projektägare: X', 'X är projektägare', 'Projektet drevs av X',
    'Sökande: X', 'X har ansökt om', 'bevilja X <belopp>'."""
    text = _spaces(text)
    owner = None
    for m in _OWNER_LABEL.finditer(text):
        value = _OWNER_STOP.sub("", m["v"]).strip(" .,;")
        if m.group().lower().startswith("projektansvarig") and _PERSON_NAME.match(value):
            continue
        owner = value
        break
    for pattern in _OWNER_SENTENCE:
        if owner:
            break
        found = (m["v"] for m in pattern.finditer(text))
        owner = next((v for v in found if not _GENERIC_OWNER.match(v)), None)
    if not owner:
        return None
    owner = re.split(r"\s+(?:i samarbete med|tillsammans med|in partnership with)\s+", owner)[0]
    owner = re.split(r"\.\s+(?=[A-ZÅÄÖ])", owner)[0]
    # "Sorsele Kommun är projektägare": the organisation word is not part of the name.
    return re.sub(r"(?<=\w) Kommun\b", " kommun", owner.strip(" .,;"))


def kommun_name(kommun: str) -> str:
    """'Sölvesborg' -> 'Sölvesborgs kommun', 'Ronneby' -> 'Ronneby kommun'."""
    if kommun[-1] in "aeiouyåäöAEIOUYÅÄÖsxz":
        return f"{kommun} kommun"
    return f"{kommun}s kommun"


def has_granted_amount(text: str) -> bool:
    """Does the text state a granted sum ("Stöd: 310 000 kr", "beviljas 95 000 kr")?"""
    text = _spaces(text)
    return any(_amount_kind(text, a) == "granted" for a in find_amounts(text))


def kommun_owner(owner: str | None, kommun: str | None) -> str | None:
    """'Näringslivsavdelningen' or 'kommunens utvecklingsenhet' of a page whose kommun is
    known -> 'Orsa kommun, näringslivsavdelningen' / 'Vännäs kommun'."""
    if not owner or not kommun:
        return owner
    m = _DEPARTMENT.match(owner.strip())
    if not m:
        return owner
    name = kommun_name(kommun)
    dept = m.group("d")
    if dept and not re.match(r"(?:den\s+)?kommunens?\s", owner, re.I) and dept.endswith("en"):
        return f"{name}, {dept.lower()}"
    return name
