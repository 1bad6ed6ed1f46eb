"""Fact labels as pages write them, mapped to the labels the parser reads.

Sites label a project's facts in their own words: "Huvudansvarig", "Drivs av", "Löper",
"Kalkyl", "Omslutning", "Medel från", "Frågor besvaras av". Where the page's structure says a
text is a label (a `<dt>`, the first of a label/value pair, the part before a colon), the label
is classified by what it is about and replaced by the one word the extractors know
("Projektägare", "Projekttid", "Budget", "Finansiärer", "Kontaktperson", "Kommun"), so every
extractor reads every wording the same way.
"""

from __future__ import annotations

import re

# Label phrases per field, matched against the whole label (case-insensitive). Words that also
# label other things on a page ("Datum" of a letter, "Summa" of a table, "Var"/"När" of an
# event) are left out: a wrong label costs more than a missed one.
_FIELDS: tuple[tuple[str, str], ...] = (
    (
        "Projektägare",
        r"(?:projekt)?ägare|huvudansvarig(?:\s+organisation)?|ansvarig\s+organisation"
        r"|(?:drivs|genomförs|leds|ägs)\s+av|sökande|stödmottagare|huvudman|projektansvarig"
        r"\s+organisation|projekthuvudman|organisation(?:\s+som\s+driver)?|vem\s+driver"
        r"(?:\s+projektet)?|lead\s+(?:partner|beneficiary|organisation)|project\s+owner"
        r"|beneficiary|applicant|run\s+by",
    ),
    (
        "Projekttid",
        r"(?:projekt)?tid(?:en)?|tidsperiod(?:en)?|(?:projekt)?period(?:en)?|löper|löptid(?:en)?"
        r"|pågår|genomförande(?:tid|period)?(?:en)?|tidsram(?:en)?|tidplan|projektets\s+löptid"
        r"|project\s+period|duration|timeframe|runs",
    ),
    (
        "Budget",
        r"(?:total\s+|projektets\s+)?budget|(?:projekt)?kalkyl|kostnadsram|omslutning|(?:total\s+)?omfattning"
        r"|(?:total|totala|projektets)\s+(?:projekt)?kostnad(?:er)?|(?:total|projekt)kostnad(?:er)?"
        r"|kostnad(?:er)?|total\s+cost|total\s+budget|budget\s+total|(?:total\s+)?project\s+cost",
    ),
    (
        "Finansiärer",
        r"(?:med)?finansiär(?:er)?|(?:extern\s+|övrig\s+)?(?:med)?finansiering(?:\s+från)?"
        r"|finansieras\s+av"
        r"|(?:medel|pengar|stöd|bidrag|pengarna)\s+(?:kommer\s+)?från|finansierat\s+av"
        r"|funded\s+by|funding|funders?|co-?financed\s+by|financed\s+by",
    ),
    (
        "Kontaktperson",
        r"kontakt(?:person(?:er)?)?|kontakta|frågor(?:\s+(?:besvaras\s+av|om\s+projektet))?"
        r"|hör\s+av\s+dig(?:\s+till)?|mer\s+information|contact(?:\s+person)?",
    ),
    ("Kommun", r"kommun(?:er)?|ort(?:er)?|municipalit(?:y|ies)|location"),
)
_LABEL = re.compile(
    "|".join(f"(?P<f{i}>(?:{pattern}))" for i, (_canon, pattern) in enumerate(_FIELDS)),
    re.IGNORECASE,
)
MAX_LABEL_WORDS = 5  # a label is a short phrase; a longer text is a sentence
# Label words that also label other things on a page: an event's "Tid", a fika's "Kostnad", a
# page's "Ort". Good enough to read a value under, not to prove that a record holds two
# projects (`strict`).
_LOOSE = re.compile(
    r"^(?:tid(?:en)?|period(?:en)?|kostnad(?:er)?|omfattning|ort(?:er)?|kontakt|pågår|löper"
    r"|organisation|location|runs|duration)$",
    re.IGNORECASE,
)


def canonical_label(text: str, strict: bool = False) -> str | None:
    """The parser's label for a text the page's structure marks as a label, or None."""
    text = text.strip().rstrip(":").strip()
    if not text or len(text.split()) > MAX_LABEL_WORDS or re.search(r"\d", text):
        return None
    if strict and _LOOSE.match(text):
        return None
    m = _LABEL.fullmatch(text)
    if not m:
        return None
    index = int(next(k for k, v in m.groupdict().items() if v)[1:])
    return _FIELDS[index][0]


# Words that name an owner as a table's column, where a person is not what a row holds; as a
# line's label ("Ansvarig: Anna Svensson") they name a person.
_COLUMN_ONLY = {"ansvarig": "Projektägare", "ansvariga": "Projektägare"}


def column_label(name: str) -> str | None:
    """The parser's label for a table column's name."""
    return canonical_label(name) or _COLUMN_ONLY.get(name.strip().rstrip(":").casefold())


# "Label: value" on one line.
COLON_LINE = re.compile(r"^(?P<l>[^:\n]{2,40}?)\s*:\s*(?P<v>\S.*)$")


def canonical_line(line: str, known: re.Pattern[str] | None = None, strict: bool = False) -> str:
    """'Kalkyl: 1,1 miljoner kronor' -> 'Budget: 1,1 miljoner kronor'; a line whose label the
    parser already reads (`known`, matched on the whole label) is left as it is."""
    m = COLON_LINE.match(line.strip())
    if not m or (known is not None and known.fullmatch(m["l"].strip())):
        return line
    canon = canonical_label(m["l"], strict)
    return f"{canon}: {m['v']}" if canon else line


def bare_label(line: str) -> tuple[str, str] | None:
    """('Projektägare', value) for 'Genomförs av Tingsryds kommun': a label phrase of up to
    MAX_LABEL_WORDS words opening a line, no colon. Only for lines the caller knows come in a
    run of label lines (a label table written out), never for prose."""
    words = line.strip().split()
    for n in range(min(MAX_LABEL_WORDS, len(words) - 1), 0, -1):
        canon = canonical_label(" ".join(words[:n]))
        if canon:
            value = words[n]
            # "Ansvarig utgivare Anna Svensson": a value opens with a name, a number or a month
            if value[:1].islower() and not _MONTH_OR_TIME.match(value):
                return None
            return canon, " ".join(words[n:])
    return None


_MONTH_OR_TIME = re.compile(
    r"^(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec|från|fr\.?o\.?m|t\.?o\.?m|under|våren"
    r"|hösten|sommaren|vintern|ca|cirka|drygt|knappt|totalt)",
    re.IGNORECASE,
)
