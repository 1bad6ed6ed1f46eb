"""Filters and result counts as users give them (CLI flags, the app's form, the API): one set of
rules and one set of Swedish messages for every entry point.

`parse_filters` and `parse_k` check what was typed; `Assistant.ask` then checks the filter values
against what the store holds (`resolve_filters`).
"""

from __future__ import annotations

import math
import re

from stodkollen.errors import UserInputError
from stodkollen.records import Filters

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
