"""Tables that lost their cell borders: a PDF or pasted table read back one row per line,
its cells joined by single spaces (a number, a project's name, its owner, a place, a period and
two sums, all on one line), or split by one character (";", a tab, " | ").

The header line names the columns; each name says what kind of value the column holds (a
number, a name, an organisation, a place, a period, an amount, free text). A row is split by
trying every way to give each column some of its words, keeping only splits where every
value reads as its kind, and taking the most plausible of those (organisation names of two
or three words, places the gazetteer knows, amounts of at least a thousand kronor, a budget
no smaller than what was granted from it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.labels import column_label
from ingest.metadata import find_amounts, looks_like_org, parse_period
from stodkollen.places import localities, normalize_place

NUM, NAME, ORG, PLACE, PERIOD, MONEY, TEXT = "num name org place period money text".split()

# Column names per kind; at each place in a header the longest name wins (`header_columns`).
_COLUMNS: tuple[tuple[str, str], ...] = (
    (NUM, r"Nr|Nummer|Löpnr|Dnr|Diarienr|Diarienummer|Ärendenr|Ärende"),
    (NAME, r"Projektnamn|Projekttitel|Projekt|Titel|Insats|Ändamål|Benämning"),
    (
        ORG,
        r"Sökande\s+organisation|Sökande|Projektägare|Stödmottagare|Mottagare|Organisation"
        r"|Förening|Ägare|Huvudman",
    ),
    (PLACE, r"Ort|By|Kommun|Plats"),
    (PERIOD, r"Projektperiod|Projekttid|Tidsperiod|Genomförandetid|Period|Tid"),
    (
        TEXT,
        r"Övrig(?:a)?\s+(?:offentlig\s+)?(?:med)?finansiering|Övriga\s+finansiärer"
        r"|Medfinansiärer|Finansiärer|Medfinansiär",
    ),
    # Amount columns: "Budget", "Total kostnad", "Beviljat belopp", "Leaderstöd", "Bygdemedel".
    (
        MONEY,
        r"Total\s+(?:budget|kostnad)|Totalkostnad|Budget|Kostnad"
        r"|Beviljat(?:\s+(?:belopp|stöd))?|Belopp|Ansökt(?:\s+belopp)?|Sökt(?:\s+belopp)?|\w*(?:stöd|medel|bidrag)",
    ),
)
_COLUMN_PATTERNS = [
    (kind, re.compile(rf"(?:{p})(?:\s*\((?:kr|sek|tkr)\))?(?=\s|$)", re.IGNORECASE))
    for kind, p in _COLUMNS
]
_MIN_COLUMNS = 4  # fewer named columns could be a sentence that happens to use the words
_TOTAL_ROW = re.compile(r"^(?:Summa|Totalt|Total|Totalsumma|Sammanlagt)\b", re.IGNORECASE)
_AMOUNT = re.compile(r"(?:[1-9]\d{0,2}(?:[ \u00a0]\d{3})*|0)(?:,\d+)?(?:\s*(?:kr|kronor|tkr|SEK))?")
_PERIOD = re.compile(
    r"(?:\d{4}-\d{2}(?:-\d{2})?|\d{4})\s*[-–]\s*(?:\d{4}-\d{2}(?:-\d{2})?|\d{4})", re.IGNORECASE
)
_MAX_WORDS = {NUM: 1, NAME: 10, ORG: 6, PLACE: 3, PERIOD: 5, MONEY: 5, TEXT: 12}
_MAX_TRIES = 5000  # a row that needs more splits than this is not a table row


@dataclass(frozen=True)
class Column:
    name: str
    kind: str


def header_columns(line: str) -> list[Column] | None:
    """The columns a header line names, or None when the line is no such header."""
    cols: list[Column] = []
    pos = 0
    line = line.strip()
    while pos < len(line):
        found = [(m.end(), kind) for kind, p in _COLUMN_PATTERNS if (m := p.match(line, pos))]
        if not found:
            return None
        end, kind = max(found)  # the longest name: "Projektperiod", not "Projekt"
        cols.append(Column(line[pos:end], kind))
        pos = end
        while pos < len(line) and line[pos].isspace():
            pos += 1
    kinds = [c.kind for c in cols]
    if len(cols) < _MIN_COLUMNS or NAME not in kinds or MONEY not in kinds:
        return None
    return cols


def _fits(kind: str, words: list[str]) -> float | None:
    """How implausible these words are as a value of this kind (0 best), None if they are not."""
    text = " ".join(words)
    if kind == NUM:
        return 0.0 if re.search(r"\d", text) else None
    if kind == MONEY:
        if not _AMOUNT.fullmatch(text):
            return None
        return 0.0 if len(words) > 1 or len(re.sub(r"\D", "", text)) >= 4 else 2.0
    if kind == PERIOD:
        return 0.0 if _PERIOD.fullmatch(text) else None
    if kind == PLACE:
        if normalize_place(text) or text in localities():
            return 0.0
        return 1.5 if len(words) == 1 and text[:1].isupper() and text.isalpha() else None
    if kind == ORG:
        if not looks_like_org(words[-1]) and not looks_like_org(" ".join(words[-2:])):
            return None
        return abs(len(words) - 2) * 1.0
    if kind == NAME:
        return 0.0 if text[:1].isupper() or text[:1].isdigit() else None
    return 0.0  # free text


def _budget_below_grant(columns: list[Column], cells: list[str]) -> float:
    """1 when a row's budget is less than the sum granted from it: "1 312 500 787 500" read
    as 1 312 and 500 787 500 rather than 1 312 500 and 787 500."""
    money = [
        (c.name, int(re.sub(r"\D", "", cell) or 0))
        for c, cell in zip(columns, cells, strict=True)
        if c.kind == MONEY
    ]
    budget = next((v for n, v in money if _BUDGET_COLUMN.match(n)), None)
    granted = [v for n, v in money if not _BUDGET_COLUMN.match(n)]
    return 1.0 if budget is not None and any(g > budget for g in granted) else 0.0


def split_row(columns: list[Column], line: str) -> list[str] | None:
    """The row's cells, one per column, or None when no split reads as the columns."""
    words = line.split()
    best: tuple[float, list[str]] | None = None
    tries = 0

    def walk(col: int, start: int, cost: float, cells: list[str]) -> None:
        nonlocal best, tries
        tries += 1
        if tries > _MAX_TRIES or (best is not None and cost >= best[0]):
            return
        if col == len(columns):
            if start == len(words):
                total = cost + _budget_below_grant(columns, cells)
                if best is None or total < best[0]:
                    best = (total, list(cells))
            return
        kind = columns[col].kind
        last = col == len(columns) - 1
        low = 0 if kind == TEXT else 1
        for n in range(low, _MAX_WORDS[kind] + 1):
            if start + n > len(words):
                break
            if last and start + n != len(words) and kind != TEXT:
                continue
            part = words[start : start + n] if n else []
            fit = _fits(kind, part) if part else (0.0 if kind == TEXT else None)
            if fit is None:
                continue
            walk(col + 1, start + n, cost + fit, [*cells, " ".join(part)])

    walk(0, 0, 0.0, [])
    if tries > _MAX_TRIES:
        return None  # too many ways to read it: not a row of this table
    return best[1] if best else None


_LABELS = {ORG: "Projektägare", PLACE: "Ort", PERIOD: "Projekttid", TEXT: "Finansiärer"}
_BUDGET_COLUMN = re.compile(r"^(?:Total|Budget|Kostnad|Totalkostnad)", re.IGNORECASE)


def _money_line(column_name: str, cell: str) -> str:
    """An amount cell as a label line: "Budget:" under a total's column, else "Beviljat:"."""
    amount = cell if re.search(r"[a-zA-Z]", cell) else f"{cell} kr"
    return f"{'Budget' if _BUDGET_COLUMN.match(column_name) else 'Beviljat'}: {amount}"


def row_lines(columns: list[Column], cells: list[str]) -> list[str]:
    """A split row as a record: its name as the title line, the other cells as label lines."""
    name = next(c for c, col in zip(cells, columns, strict=True) if col.kind == NAME)
    lines = [name]
    for col, cell in zip(columns, cells, strict=True):
        if not cell or col.kind in (NAME, NUM):
            continue
        if col.kind == MONEY:
            lines.append(_money_line(col.name, cell))
        else:
            lines.append(f"{_LABELS[col.kind]}: {cell}")
    return lines


def unflatten_rows(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """(records as lines, index after the table) for a header at lines[i] and the rows below
    it, or None when lines[i] is no table header or fewer than two rows split."""
    columns = header_columns(lines[i])
    if not columns:
        return None
    records: list[list[str]] = []
    j = i + 1
    while j < len(lines) and lines[j].strip() and not _TOTAL_ROW.match(lines[j].strip()):
        cells = split_row(columns, lines[j])
        if cells is None:
            break
        records.append(row_lines(columns, cells))
        j += 1
    if len(records) < 2:
        return None
    return records, j


# --- rows with their cells split by a character: "A;B;C", tabs, " | " ---------------------

_SEPARATORS = ("\t", ";", " | ", " / ")
_MIN_SEPARATED_COLUMNS = 3
_START = re.compile(r"^(?:Start|Från|Startdatum|Börjar|Fr\.?\s?o\.?\s?m\.?)$", re.IGNORECASE)
_END = re.compile(r"^(?:Slut|Till|Slutdatum|Slutar|T\.?\s?o\.?\s?m\.?)$", re.IGNORECASE)


def period_sides(names: list[str]) -> tuple[int, int] | None:
    """(start column, end column) of a period given in two columns ("Start", "Slut"; in a
    grouped header "Tidsperiod Start"), or None when there are not both."""

    def side(pattern: re.Pattern[str]) -> int | None:
        for k, name in enumerate(names):
            *group, word = name.split() or [""]
            group_name = " ".join(group)
            if pattern.match(word) and (
                not group
                or column_kind(group_name) == PERIOD
                or column_label(group_name) == "Projekttid"
            ):
                return k
        return None

    start, end = side(_START), side(_END)
    return (start, end) if start is not None and end is not None else None


_EMPTY_CELL = re.compile(r"^[-–—]?$")


def column_kind(name: str) -> str | None:
    """The kind of value a column of this name holds, or None."""
    clean = re.sub(r"\s*\((?:kr|sek|tkr)\)", "", name.strip(), flags=re.IGNORECASE)
    for kind, pattern in _COLUMN_PATTERNS:
        m = pattern.match(clean)
        if m and m.end() == len(clean):
            return kind
    return None


def _label(name: str) -> str:
    """A column name as a label the parser reads: the label table's word for its first or
    last words ("Medfinansiärer utöver Leader" -> "Finansiärer"), else the name itself."""
    words = name.split()
    for n in range(len(words), 0, -1):
        label = column_label(" ".join(words[:n])) or column_label(" ".join(words[-n:]))
        if label:
            return label
    return name


def _split_headers(line: str):
    """(separator, column names, their kinds) for each separator that splits the line into
    at least _MIN_SEPARATED_COLUMNS non-empty names."""
    for sep in _SEPARATORS:
        names = [c.strip() for c in line.strip().split(sep)]
        if len(names) >= _MIN_SEPARATED_COLUMNS and all(names):
            yield sep, names, [column_kind(n) for n in names]


def separated_rows(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """(records as lines, index after the table) for a header at lines[i] whose cells are
    split by one separator, and at least two rows below it split the same way; or None."""
    for sep, names, kinds in _split_headers(lines[i]):
        if NAME not in kinds or sum(k is not None for k in kinds) < 2:
            continue
        rows, j = [], i + 1
        while j < len(lines) and len(cells := [c.strip() for c in lines[j].split(sep)]) == len(
            names
        ):
            rows.append(cells)
            j += 1
        if len(rows) < 2:
            continue
        return [_separated_record(names, kinds, row) for row in rows], j
    return None


def _row_fits(kinds: list[str | None], cells: list[str]) -> bool:
    """Do a row's cells hold what its legend's columns name (a sum of money in a budget
    column, a period in a period column)?"""
    for kind, cell in zip(kinds, cells, strict=True):
        if _EMPTY_CELL.match(cell):
            continue
        if kind == MONEY and not find_amounts(cell):
            return False
        if kind == PERIOD and not parse_period(cell)[0]:
            return False
    return True


def legend_rows(lines: list[str], i: int) -> list[str] | None:
    """A legend line of column names split by one separator, with no name column ("Ägare |
    Ort | Projekttid | Budget"), that explains rows standing further down, each under its
    own project's name line: the lines from i on with every such row written as label lines.
    None when lines[i] is no legend or fewer than two rows follow it."""
    for sep, names, kinds in _split_headers(lines[i]):
        if NAME in kinds or None in kinds:  # a legend names columns; a menu names pages
            continue
        rows: list[tuple[int, list[str]]] = []
        for j in range(i + 1, len(lines)):
            cells = [c.strip() for c in lines[j].split(sep)]
            if len(cells) != len(names):
                continue
            if not _row_fits(kinds, cells):
                break  # another table with as many columns (a budget): the legend ends
            rows.append((j, cells))
        if len(rows) < 2:
            continue
        out = list(lines[i + 1 :])
        for j, cells in rows:
            # the row's own name stands on the line above it: no name cell to title it
            record = _separated_record(["", *names], [NAME, *kinds], ["", *cells])
            out[j - i - 1] = "\n".join(record[1:])
        return out
    return None


def _separated_record(names: list[str], kinds: list[str | None], row: list[str]) -> list[str]:
    title = row[kinds.index(NAME)]
    lines = [title]
    sides = period_sides(names)
    for k, (name, kind, cell) in enumerate(zip(names, kinds, row, strict=True)):
        if kind in (NAME, NUM) or _EMPTY_CELL.match(cell) or (sides and k in sides):
            continue
        if kind == MONEY:
            lines.append(_money_line(name, cell))
        elif kind in _LABELS and kind != PLACE:
            lines.append(f"{_LABELS[kind]}: {cell}")
        elif kind == PLACE:
            lines.append(f"{'Kommun' if name.lower().startswith('kommun') else 'Ort'}: {cell}")
        else:
            lines.append(f"{_label(name)}: {cell}")
    if sides:
        lines.append(f"Projekttid: {row[sides[0]]} – {row[sides[1]]}")
    return lines
