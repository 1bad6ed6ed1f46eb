"""Swedish kommuner and län: recognise them in text and normalise user-typed place names."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from stodkollen.text import fold

_CSV = Path(__file__).parent / "data" / "kommuner.csv"
# Villages and towns a page may name instead of their kommun ("Ammarnäs", "Lansjärvs
# Byaförening"): place knowledge, one locality per line with its kommun. Localities whose name
# is also a common word or belongs to more than one kommun are left out of the file.
_ORTER_CSV = Path(__file__).parent / "data" / "orter.csv"
# Sweden's other tätorter (data/README.md: where the list comes from and what was left out).
# Many are also words or surnames ("Kosta", "Moheda"), so they count only in a place's
# context: "i Urshult", "vid Kosta", "Moheda Ungdomsförening".
_TATORTER_CSV = Path(__file__).parent / "data" / "tatorter.csv"

# Kommun names that are also common words, given names or surnames ("Mark", "Vara", "Berg",
# "Nora", "Dorotea" ...). They count only with place context: "Marks kommun", "i Vara",
# or listed next to another place ("Dorotea, Lycksele och Malå").
_AMBIGUOUS = frozenset(
    "Ale Berg Boden Dorotea Eda Falkenberg Falu Hallsberg Kil Klippan Köping Lund Mark Nora "
    "Norberg Salem Säter Trosa Vara Vilhelmina".split()
)
# Landscape/region names that mean a län without the word "län"; kommun-named län
# (Stockholm, Uppsala, Jönköping, Kalmar, Örebro, Gotland) are left out on purpose.
_LAN_STEMS = {
    "Södermanlands län": ["Sörmland", "Södermanland"],
    "Östergötlands län": ["Östergötland"],
    "Kronobergs län": ["Kronoberg"],
    "Blekinge län": ["Blekinge"],
    "Skåne län": ["Skåne"],
    "Hallands län": ["Halland"],
    "Västra Götalands län": ["Västra Götaland", "Västra Götalandsregionen"],
    "Värmlands län": ["Värmland"],
    "Västmanlands län": ["Västmanland"],
    "Dalarnas län": ["Dalarna"],
    "Gävleborgs län": ["Gävleborg"],
    "Västernorrlands län": ["Västernorrland"],
    # "Jämtland och Härjedalen" is the region, not Härjedalens kommun.
    "Jämtlands län": ["Jämtland", "Jämtland och Härjedalen", "Jämtland Härjedalen"],
    "Västerbottens län": ["Västerbotten"],
    "Norrbottens län": ["Norrbotten"],
}
# Regions named after their kommun-named seat; only the "Region X" form means the län.
_REGION_ONLY = {
    "Region Stockholm": "Stockholms län",
    "Region Uppsala": "Uppsala län",
    "Region Jönköping": "Jönköpings län",
    "Region Kalmar": "Kalmar län",
    "Region Örebro": "Örebro län",
    "Region Jämtland Härjedalen": "Jämtlands län",
    "Region Sörmland": "Södermanlands län",
}
_KOMMUN_EXTRA = {"Malung": "Malung-Sälen", "Falu": "Falun"}  # short and genitive-only forms
_CONTEXT_AFTER = re.compile(r"\s+(?:[Kk]ommuns?|[Ss]tads?)\b")
_CONTEXT_BEFORE = re.compile(
    r"\b(?:i|från|till|inom|utanför|kring|nära|kommunerna|kommunen)\s+$", re.IGNORECASE
)
_LIST_GLUE = re.compile(r"\s*(?:,|och|samt|&|/)\s*")


@dataclass(frozen=True)
class _Place:
    kommun: str | None
    lan: str | None
    ambiguous: bool = False


def _genitive(name: str) -> str:
    return name if name[-1] in "sxz" else name + "s"


@cache
def all_kommuner() -> dict[str, str]:
    """All 290 kommuner mapped to their län, in file order (by län, then name)."""
    with _CSV.open(encoding="utf-8") as f:
        return {row["kommun"]: row["lan"] for row in csv.DictReader(f)}


@cache
def _aliases() -> dict[str, _Place]:
    """Surface form in running text -> place."""
    table: dict[str, _Place] = {}
    for kommun in all_kommuner():
        forms = {kommun, _genitive(kommun), kommun.replace("-", " "), kommun.replace(" ", "-")}
        for form in forms:
            table[form] = _Place(kommun, None, kommun in _AMBIGUOUS)
    for form, kommun in _KOMMUN_EXTRA.items():
        for f in (form, _genitive(form)):
            table[f] = _Place(kommun, None, form in _AMBIGUOUS)
    for lan in set(all_kommuner().values()):
        for form in (lan, lan + "s"):
            table[form] = _Place(None, lan)
    for lan, stems in _LAN_STEMS.items():
        for stem in stems:
            for form in (stem, _genitive(stem), f"Region {stem}"):
                table.setdefault(form, _Place(None, lan))
    for form, lan in _REGION_ONLY.items():
        table[form] = _Place(None, lan)
    table["Region Gotland"] = _Place("Gotland", "Gotlands län")
    return table


@cache
def _pattern() -> re.Pattern[str]:
    # Longest first so "Västerbottens län" wins over "Västerbotten"; case-sensitive on purpose:
    # place names are capitalised, the words they collide with mostly are not.
    return re.compile(r"(?<!\w)" + _alternation(_aliases()) + r"(?!\w)")


def _alternation(forms) -> str:
    """Longest first, behind a lookahead for the forms' first letters: at every other position
    the match fails at once instead of trying each of the ~700 forms (4-5x faster, measured;
    the same matches)."""
    ordered = sorted(forms, key=len, reverse=True)
    firsts = re.escape("".join(sorted({f[0] for f in ordered})))
    return rf"(?=[{firsts}])(?:" + "|".join(map(re.escape, ordered)) + ")"


def _scan(text: str) -> list[_Place]:
    """Accepted place mentions in order; ambiguous names need context (see _AMBIGUOUS)."""
    return [p for _, p in _scan_matches(text)]


def _scan_matches(text: str) -> list[tuple[re.Match[str], _Place]]:
    hits = [(m, _aliases()[m.group()]) for m in _pattern().finditer(text)]
    ok = [
        not p.ambiguous
        or bool(_CONTEXT_AFTER.match(text, m.end()) or _CONTEXT_BEFORE.search(text[: m.start()]))
        for m, p in hits
    ]
    changed = True
    while changed:  # a list of places accepts its ambiguous members, link by link
        changed = False
        for i, (m, _) in enumerate(hits):
            if ok[i]:
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(hits) and ok[j] and _glued(text, hits[j][0], m):
                    ok[i] = changed = True
                    break
    return [hit for hit, good in zip(hits, ok, strict=True) if good]


def _glued(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    first, second = (a, b) if a.start() < b.start() else (b, a)
    return bool(_LIST_GLUE.fullmatch(text, first.end(), second.start()))


def _unique(items: list[str | None]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _orter(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as f:
        return {row["ort"]: row["kommun"] for row in csv.DictReader(f)}


@cache
def localities() -> dict[str, str]:
    """Localities (villages, towns that are not a kommun's name) -> their kommun."""
    return _orter(_ORTER_CSV)


@cache
def weak_localities() -> dict[str, str]:
    """Tätorter that count only in a place's context -> their kommun."""
    return _orter(_TATORTER_CSV)


def _forms(orter: dict[str, str]) -> dict[str, str]:
    """Each locality as written and in the genitive -> its kommun."""
    forms: dict[str, str] = {}
    for ort, kommun in orter.items():
        for form in (ort, _genitive(ort)):
            forms.setdefault(form, kommun)
    return forms


def _whole_names(forms: dict[str, str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + _alternation(forms) + r"(?![\w-])")


@cache
def _weak_forms() -> dict[str, str]:
    return _forms(weak_localities())


@cache
def _weak_pattern() -> re.Pattern[str]:
    return _whole_names(_weak_forms())


# A place's context around a weak locality: a preposition before it, or an organisation or
# "by" after it ("i Urshult", "Moheda Ungdomsförening", "Kosta Byalag", "Lesjöfors bygdeförening").
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:[Ii]|vid|[Ff]rån|till|utanför|runt|nära|kring|mellan|in|near|at|byn|orten"
    r"|tätorten)\s+|\(\s*)$"
)
_PLACE_AFTER = re.compile(
    r"^\s+(?:(?i:[a-zåäö]*(?:förening|föreningen|byalag|byaråd|bygdegård\w*|sällskap|gille"
    r"|klubb))|IF|IK|BK|SK|FF|GoIF|by\b|bruk\b)"
)


_SURNAME_AFTER = re.compile(r"^\s+[A-ZÅÄÖ][a-zåäöéü]+")


def _weak_in_context(text: str, m: re.Match[str]) -> bool:
    after = text[m.end() : m.end() + 30]
    if _PLACE_AFTER.match(after):
        return True
    if _SURNAME_AFTER.match(after):
        return False  # "till Kosta Papadopoulos": a first name
    return bool(_PLACE_BEFORE.search(text[max(0, m.start() - 12) : m.start()]))


@cache
def _locality_forms() -> dict[str, str]:
    return _forms(localities())


@cache
def _locality_pattern() -> re.Pattern[str]:
    return _whole_names(_locality_forms())


def _locality_matches(text: str) -> list[tuple[int, str, str]]:
    """(position, locality as written, its kommun) for each village or town the text
    names: those of `orter.csv` anywhere, the other tätorter in a place's context."""
    found = [
        (m.start(), m.group(), _locality_forms()[m.group()])
        for m in _locality_pattern().finditer(text)
    ]
    found += [
        (m.start(), m.group(), _weak_forms()[m.group()])
        for m in _weak_pattern().finditer(text)
        if _weak_in_context(text, m)
    ]
    return sorted(found)


# Words after which a place in the same sentence is named in passing, not as the place the
# project concerns: "inspirerat av ett projekt i Umeå", "studiebesök i Arvidsjaur",
# "erfarenheter från Hemavan", "hur man gjort i Kiruna".
_PASSING = re.compile(
    r"\b(?:inspir\w+|förebild\w*|studiebesök\w*|studieres\w+|efter\s+modell|liknande|tittat"
    r"|erfarenhet(?:er)?\s+från|lär(?:t|de)?\s+sig\s+av|likt|precis\s+som|jämför\w*"
    r"|inspired|similar|modelled|study\s+visit"
    # where products are sold or visitors come from: "säljs i delikatessbutiker i Malmö",
    # "seglare som kommer från Lysekil eller är på väg mot Strömstad"
    r"|(?:säljs|såldes)\s+(?:[\wåäö]+\s+){0,4}(?:butiker|affärer|restauranger|marknader"
    r"|delikatess\w*)|sold\s+in|på\s+väg\s+(?:mot|till)|besökare\s+från"
    # a person's past: "har tidigare arbetat i Åre", "har drivit en verkstad i Lund"
    r"|tidigare\s+(?:arbetat|jobbat|bott|drivit)|previously\s+worked"
    r"|har\s+(?:arbetat|jobbat|bott|drivit)"
    # the kommuner next door: "grannkommunerna Storuman och Dorotea"
    r"|grannkommun\w*|neighbouring)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n")
# A place inside an institution's name ("Högskolan i Skövde") is no place the project concerns.
_INSTITUTION_BEFORE = re.compile(
    r"\b(?:Högskolan|Universitetet|Lasarettet|Sjukhuset|University|College)\s+(?:i|of)\s+$"
)
# A funder line: an institution named in it is a funder, not where the project is.
_FUNDER_LINE = re.compile(r"^\s*(?:Övriga\s+)?(?:Med)?[Ff]inansiär(?:er)?\s*:")


def record_kommuner(text: str) -> list[str]:
    """The kommuner a project's text concerns, in order of first mention: kommun names, and
    localities as their kommun. A place named only after a passing cue in its sentence
    ("inspirerat av ett projekt i Umeå") is left out."""
    kept: list[str] = []
    for sentence in _SENTENCE_BREAK.split(text):
        if not sentence.strip():
            continue
        cue = _PASSING.search(sentence)
        found = [
            (m.start(), p.kommun)
            for m, p in _scan_matches(sentence)
            if p.kommun
            and not (
                _FUNDER_LINE.match(sentence) and _INSTITUTION_BEFORE.search(sentence[: m.start()])
            )
        ]
        found += [(start, kommun) for start, _name, kommun in _locality_matches(sentence)]
        kept += [kommun for start, kommun in sorted(found) if not (cue and start > cue.start())]
    return _unique(kept)


def named_localities(text: str) -> list[tuple[str, str]]:
    """(locality as written, its kommun) for each village or town the text names."""
    return [(name, kommun) for _start, name, kommun in _locality_matches(text)]


def names_locality(text: str) -> bool:
    """Does the text name a locality (a village or town that is no kommun's name)?"""
    return bool(_locality_pattern().search(text))


def in_place_context(text: str, start: int, end: int) -> bool:
    """Is the word at text[start:end] used as a place: "i Berg", "Bergs kommun"?"""
    return bool(_CONTEXT_AFTER.match(text, end) or _CONTEXT_BEFORE.search(text[:start]))


def is_ambiguous(kommun: str) -> bool:
    """A kommun name that is also a common word, given name or surname ("Berg", "Mark")."""
    return kommun in _AMBIGUOUS


def find_kommuner(text: str) -> list[str]:
    """Canonical kommun names mentioned in `text`, in order of first mention."""
    return _unique([p.kommun for p in _scan(text)])


def find_lan(text: str) -> list[str]:
    """Län named in `text` (as län, region or landscape name), in order of first mention."""
    return _unique([p.lan for p in _scan(text)])


def lan_of(kommun: str) -> str | None:
    """The län of a kommun (any form `normalize_place` accepts), or None."""
    name = normalize_place(kommun)
    return all_kommuner().get(name) if name else None


def _fold(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").split())


@cache
def _lookup() -> tuple[dict[str, str], dict[str, str | None]]:
    """(casefolded form -> canonical, diacritic-free form -> canonical or None if ambiguous)."""
    exact: dict[str, str] = {}
    folded: dict[str, str | None] = {}
    for form, place in _aliases().items():
        canonical = place.kommun or place.lan or form
        exact.setdefault(" ".join(form.casefold().replace("-", " ").split()), canonical)
        key = _fold(form)
        # Habo and Håbo fold to the same key: refuse to guess between them.
        folded[key] = canonical if folded.get(key, canonical) == canonical else None
    return exact, folded


def normalize_place(name: str) -> str | None:
    """Canonical kommun or län for a typed name ("Mala", "Östersunds kommun"), else None."""
    key = " ".join(name.casefold().replace("-", " ").split())
    key = re.sub(r"\s+(?:kommuns?|stads?)$", "", key)
    exact, folded = _lookup()
    return exact.get(key) or folded.get(_fold(key))


def all_lan() -> list[str]:
    """The 21 län, in file order."""
    return list(dict.fromkeys(all_kommuner().values()))


def normalize_kommun(name: str) -> str | None:
    """The canonical kommun for a typed name ("mala", "Malå kommun"), else None."""
    canonical = normalize_place(name)
    return canonical if canonical in all_kommuner() else None


def normalize_lan(name: str) -> str | None:
    """The canonical län for a typed name ("Västerbotten", "vasterbottens lan"), else None.

    A bare seat name ("Kalmar", "Stockholm") means its län here.
    """
    lans = set(all_kommuner().values())
    base = normalize_place(name) or name
    for candidate in (base, f"{base} län", f"{_genitive(base)} län"):
        canonical = normalize_place(candidate)
        if canonical in lans:
            return canonical
    return None


def kommuner_in_lan(lan: str) -> list[str]:
    """Kommuner of a län given in any accepted form ("Västerbotten", "vasterbottens lan")."""
    canonical = normalize_lan(lan)
    return [k for k, v in all_kommuner().items() if v == canonical] if canonical else []
