"""Which unit of a page states the asked kind of value (an amount, a date, a name) for the
item the question is about.

A page the parser read as one record may list several projects, each with its own amount
and dates. The value stated is the one under the line most about the question's topic (a
listed project's name), one whose unit names the topic or the field ("Budgeten är …"), or
the page's only value of that kind. With several values and nothing that ties one to the
question none is stated: another item's value with a valid citation is worse than no value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant import answer_types, units
from stodkollen.records import Source

# A listed item's fact lines follow its name within a few non-blank lines (a description, the
# owner, the period, the amount, a contact); further down, the lines are the next item's.
ANCHOR_LINES = 6

# Words of a field's own vocabulary: a unit holding one states that field ("Projektets
# totala budget är …"), not another sum of the page (a grant, a fee).
FIELD_WORDS = {
    "budget": re.compile(
        r"budget|kostnad|kostar|omslutning|omfattning|totalt|total", re.IGNORECASE
    ),
    "period": re.compile(
        r"pågår|period|projekttid|löptid|genomför|startar|avslutas|slutar|till och med",
        re.IGNORECASE,
    ),
    "owner": re.compile(r"projektägare|ägare|drivs av|driver|huvudman|sökande", re.IGNORECASE),
    "contacts": re.compile(r"kontakt|ring|mejla|e-post|telefon", re.IGNORECASE),
    "funders": re.compile(r"finansier|medfinansi|bidrar|beviljat|stöd från|betalar", re.IGNORECASE),
}
_VALUE = re.compile(r"\d[\d  ,.]*\d|\d")


@dataclass(frozen=True)
class Typed:
    src: Source
    unit: str
    overlap: float  # weighted share of the question's topic terms in the unit
    rank: int  # the source's rank among those looked at
    line: int  # non-blank line of the source's text where the unit starts (-1: not found)


@dataclass(frozen=True)
class Choice:
    """The outcome: a unit (`pick`), no unit of that kind, or several with none tied."""

    pick: tuple[Source, str] | None = None
    ambiguous: bool = False


NOTHING = Choice()
AMBIGUOUS = Choice(ambiguous=True)


def typed_units(
    sources: list[Source], kind: str, topic: frozenset[str], idf: Callable[[str], float]
) -> list[Typed]:
    """Units of these sources holding a thing of this kind, with where they stand."""
    out = []
    for rank, src in enumerate(sources):
        lines = [" ".join(ln.split()) for ln in _lines(src)]
        at = 0  # units come in text order: look for each from where the last one stood
        for u in units.units(src.text):
            if not answer_types.unit_has(u, kind):
                continue
            line = _line_of(u, lines, at)
            at = max(line, at)
            out.append(Typed(src, u, units.term_overlap(topic, u, idf), rank, line))
    return out


def _lines(src: Source) -> list[str]:
    """A source's non-blank lines: the line numbers every function here shares."""
    return [ln.strip() for ln in src.text.splitlines() if ln.strip()]


# A unit is found in its source's lines by its first characters (a joined unit spans lines).
_FIND_CHARS = 24


def _line_of(unit: str, lines: list[str], start: int) -> int:
    head = unit[:_FIND_CHARS]
    for n in range(start, len(lines)):
        if head in lines[n]:
            return n
    return next((n for n in range(start) if head in lines[n]), -1)


def anchor(src: Source, topic: frozenset[str], idf: Callable[[str], float]) -> int | None:
    """The non-blank line of this source most about the question's topic (a listed item's
    name or description), or None when no line shares a topic word."""
    scored = [(units.term_overlap(topic, ln, idf), -n) for n, ln in enumerate(_lines(src))]
    if not scored:
        return None
    best, neg = max(scored)
    return -neg if best > 0 else None


def _values(unit: str, kind: str) -> frozenset[str]:
    """What a unit states of this kind, as compared across units: its numbers for an
    amount or a date ("2 100 000 kronor" and "2 100 000 kr" state the same), else its text."""
    if kind in (answer_types.AMOUNT, answer_types.TIME, answer_types.SHARE):
        return frozenset(re.sub(r"\D", "", v) for v in _VALUE.findall(unit))
    return frozenset({" ".join(unit.split()).casefold()})


# The next listed item's name: a short capitalised line with no figures, label or sentence
# end. An organisation's name on a line of its own is an item's owner, not the next item.
_NAME_LINE = re.compile(r"^[A-ZÅÄÖ][^\d:]{0,60}(?<![.!?])$")
_NAME_LINE_WORDS = 6
_ORG_WORD = re.compile(
    r"(?:förening|föreningen|kommun|AB|IK|IF|region|enhet|enheten|bolag|stiftelse|byalag"
    r"|klubb|förbund|kooperativ|sällskap)\b",
    re.IGNORECASE,
)


def _item_end(lines: list[str], at: int) -> int:
    """The last line of the item whose name or text is at line `at`: up to ANCHOR_LINES
    below it, and not past the next item's name."""
    for n in range(at + 1, min(at + ANCHOR_LINES, len(lines) - 1) + 1):
        if _is_name_line(lines[n]):
            return n - 1
    return at + ANCHOR_LINES


def _one_value(sources: list[Source], kind: str) -> bool:
    """Do the sources' texts state one value of this kind, counting the lines too short to
    be units ("450 000 kr")?"""
    found = set()
    for src in sources:
        for line in src.text.splitlines():
            if answer_types.unit_has(line, kind):
                found |= _values(line, kind) if kind != answer_types.WHO else {line.strip()}
    return len(found) <= 1


def near_anchor(
    typed: list[Typed], sources: list[Source], topic: frozenset[str], idf
) -> tuple[list[Typed], bool]:
    """(the typed units of the item under the first source's anchor line that has any,
    nearest first; whether an anchor is a listed item's name). When the question's topic
    is an item's name, units outside that item belong to other items."""
    named = False
    for rank, src in enumerate(sources):
        at = anchor(src, topic, idf)
        if at is None:
            continue
        lines = _lines(src)
        named = named or _is_name_line(lines[at])
        end = _item_end(lines, at)
        under = [t for t in typed if t.rank == rank and at <= t.line <= end]
        if under:
            return sorted(under, key=lambda t: t.line), named
    return [], named


def _is_name_line(line: str) -> bool:
    return (
        bool(_NAME_LINE.match(line))
        and len(line.split()) <= _NAME_LINE_WORDS
        and not _ORG_WORD.search(line)
    )


def choose(
    sources: list[Source],
    kind: str,
    topic: frozenset[str],
    idf: Callable[[str], float],
    field: str | None = None,
    stated: frozenset[str] = frozenset(),
) -> Choice:
    """The unit that states the asked value (see the module's docstring). `stated`: terms
    of values the answer already gives, which tie a unit to it as the topic's do."""
    typed = typed_units(sources, kind, topic | stated, idf)
    if not typed:
        return NOTHING
    if len({_values(t.unit, kind) for t in typed}) == 1 and _one_value(sources, kind):
        return Choice((typed[0].src, typed[0].unit))
    under, named = near_anchor(typed, sources, topic, idf)
    if under:
        return Choice((under[0].src, under[0].unit))
    if named:
        return AMBIGUOUS  # the asked item states no such value; the others' are not its
    words = FIELD_WORDS.get(field or "")
    if words:
        named = [t for t in typed if words.search(t.unit)]
        if named and len({_values(t.unit, kind) for t in named}) == 1:
            return Choice((named[0].src, named[0].unit))
    best = max(typed, key=lambda t: (t.overlap, -t.rank))
    if best.overlap > 0:
        return Choice((best.src, best.unit))
    return AMBIGUOUS


def tied(
    sources: list[Source],
    kind: str,
    topic: frozenset[str],
    stated: frozenset[str],
    idf: Callable[[str], float],
    limit: int,
) -> list[tuple[Source, str]]:
    """Units of this kind that name a value the answer already states (each funder's share
    beside the funders just named), under the question's anchor when it has one: on a page
    of several items, another item's unit may name the same funder."""
    typed = [t for t in typed_units(sources, kind, stated, idf) if t.overlap > 0]
    if not typed:
        return []
    under, named = near_anchor(typed, sources, topic, idf)
    return [(t.src, t.unit) for t in (under if named else typed)[:limit]]
