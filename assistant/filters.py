"""Filters and result counts as users give them (CLI flags, the app's form, the API): one set of
rules and one set of Swedish messages for every entry point.

`parse_filters` and `parse_k` check what was typed; `Assistant.ask` then checks the filter values
against what the store holds (`resolve_filters`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import PurePath

from stodkollen import places
from stodkollen.errors import UserInputError
from stodkollen.records import Filters
from stodkollen.text import fold

FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_K = 50  # as RetrievalSettings.top_k
_INTEGER = re.compile(r"[+-]?\d+")


def _integer(value) -> int | None:
    """An int from an int, a whole finite float, or text of either ("2018", "2018.0"); else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        if _INTEGER.fullmatch(text):
            return int(text)
        try:
            return _integer(float(text))  # "1e400" is inf, "nan" is nan: neither is a number
        except ValueError:
            return None
    return None


def _shown(value) -> str:
    return repr(value.strip()) if isinstance(value, str) else str(value)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_year(value) -> int | None:
    """A year between 1900 and 2100; blank is no filter, and so is the number 0 (what an empty
    number field sends)."""
    if _blank(value) or (not isinstance(value, str) and value == 0):
        return None
    year = _integer(value)
    if year is None:
        raise UserInputError(f"Årtalet {_shown(value)} är inte ett år.")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserInputError(
            f"Årtalet {year} verkar fel: ange ett år mellan {FIRST_YEAR} och {LAST_YEAR}."
        )
    return year


def check_years(from_year: int | None, to_year: int | None) -> None:
    """Both years plausible and in order (UserInputError otherwise)."""
    for year in (from_year, to_year):
        parse_year(year)
    if from_year is not None and to_year is not None and from_year > to_year:
        raise UserInputError(f"Från-året ({from_year}) är senare än till-året ({to_year}).")


def parse_k(value, default: int | None = None) -> int | None:
    """How many sources or projects to show: a whole number from 1 to 50 (blank: `default`)."""
    if _blank(value):
        return default
    k = _integer(value)
    if k is None or not 1 <= k <= MAX_K:
        raise UserInputError(
            f"Antalet träffar måste vara ett heltal mellan 1 och {MAX_K}, inte {_shown(value)}."
        )
    return k


def _text(value) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def parse_filters(kommun=None, lan=None, from_year=None, to_year=None, source=None) -> Filters:
    """Filters from typed values: blanks mean no filter; years checked, a reversed range refused."""
    start, end = parse_year(from_year), parse_year(to_year)
    check_years(start, end)
    source = str(source).strip() if source is not None else ""  # file names keep their spaces
    return Filters(_text(kommun), _text(lan), start, end, source or None)


# --- filter values against what is known ------------------------------------------------------
SUGGEST_MIN_SCORE = 75  # rapidfuzz score (0-100) of the typed and the suggested name, folded


def _key(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").split())


_KOMMUN_WORD = re.compile(r"\s+(?:kommuns?|stads?)$")  # on folded names
_LAN_WORD = re.compile(r"\s+lan$")


def nearest(
    typed: str,
    choices: Iterable[str],
    preferred: Iterable[str] = (),
    partial: bool = False,
    ignore: re.Pattern[str] | None = None,
) -> str | None:
    """The known name closest to a typed one (case and diacritics ignored, and what `ignore`
    matches, such as a trailing "kommun"), if any is close; among near ties a name in
    `preferred` (what the store holds) wins. Names compare whole (so "a" suggests nothing);
    `partial` also matches a typed part of a long name."""
    from rapidfuzz import fuzz, process

    def key(name: str) -> str:
        return ignore.sub("", _key(name)) if ignore else _key(name)

    keyed = {name: key(name) for name in choices}
    scorer = fuzz.WRatio if partial else fuzz.ratio
    found = process.extract(
        key(typed), keyed, scorer=scorer, limit=10, score_cutoff=SUGGEST_MIN_SCORE
    )
    if not found:
        return None
    wanted = set(preferred)
    return max(found, key=lambda hit: (hit[1] + (3 if hit[2] in wanted else 0), hit[2]))[2]


_NONE_LIKE = {"kommun": "Ingen kommun", "län": "Inget län", "källa": "Ingen inläst källa"}


def _unknown(what: str, typed: str, suggestion: str | None) -> UserInputError:
    """'Okänd kommun 'X'. Menade du Y?' (what: kommun, län or källa)."""
    hint = f"Menade du {suggestion}?" if suggestion else f"{_NONE_LIKE[what]} har liknande namn."
    return UserInputError(f"{'Okänt' if what == 'län' else 'Okänd'} {what} '{typed}'. {hint}")


def _in_store(typed: str, present: Iterable[str]) -> str | None:
    """A name the store holds, typed with other case or diacritics."""
    return {_key(name): name for name in present}.get(_key(typed))


def _kommun(typed: str, present: frozenset[str]) -> str:
    if typed in present:
        return typed
    found = places.normalize_kommun(typed) or _in_store(typed, present)
    if found:
        return found
    lan = places.normalize_lan(typed)
    if lan:
        raise UserInputError(f"'{typed}' är ett län, inte en kommun: filtrera på länet {lan}.")
    known = [*present, *places.all_kommuner()]
    raise _unknown("kommun", typed, nearest(typed, known, present, ignore=_KOMMUN_WORD))


def _lan(typed: str, present: frozenset[str]) -> str:
    if typed in present:
        return typed
    found = places.normalize_lan(typed) or _in_store(typed, present)
    if found:
        return found
    kommun = places.normalize_kommun(typed)
    if kommun:
        raise UserInputError(
            f"'{typed}' är en kommun, inte ett län: {kommun} ligger i "
            f"{places.all_kommuner()[kommun]}."
        )
    known = [*present, *places.all_lan()]
    raise _unknown("län", typed, nearest(typed, known, present, ignore=_LAN_WORD))


def _source(typed: str, present: frozenset[str]) -> str:
    if typed in present:
        return typed
    name = PurePath(typed).name  # a path to an ingested file names it too
    if name in present:
        return name
    found = {s.casefold(): s for s in present}.get(typed.casefold())
    if found:
        return found
    if not present:
        raise UserInputError(f"Okänd källa '{typed}': inga dokument är inlästa ännu.")
    raise _unknown("källa", typed, nearest(typed, present, partial=True))


def resolve_filters(filters: Filters, snapshot) -> Filters:
    """Filters with their places and source as the store names them ("mala" -> "Malå"), or a
    UserInputError naming an unknown value and the nearest known one. `snapshot` is the
    assistant's catalog snapshot (its kommuner, län and sources)."""
    check_years(filters.from_year, filters.to_year)
    return replace(
        filters,
        kommun=_kommun(filters.kommun, snapshot.kommuner) if filters.kommun else None,
        lan=_lan(filters.lan, snapshot.lans) if filters.lan else None,
        source=_source(filters.source, snapshot.sources) if filters.source else None,
    )
