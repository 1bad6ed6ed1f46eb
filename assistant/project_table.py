"""The project list as rows: records to rows, filtering, CSV text and chart data.

Pure (no store, no Gradio): the CLI's `projects --csv` and the app's Projekt tab both use it.
Only records of kind "project" are listed; articles and pages carry no project metadata.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from assistant.render import escape_markdown, is_web_url
from stodkollen.records import Project

if TYPE_CHECKING:  # pandas loads with the first frame: `projects --csv` needs none
    import pandas as pd

# The CSV's columns: the same keys as `stodkollen projects --json`.
CSV_KEYS = (
    "title",
    "kommuner",
    "lan",
    "owner",
    "period_start",
    "period_end",
    "budget_sek",
    "funders",
    "source",
)
# The app's columns (Swedish headers) in order.
TABLE_HEADERS = (
    "Projekt",
    "Kommun",
    "Län",
    "Projektägare",
    "Period",
    "Budget (kr)",
    "Finansiärer",
    "Källa",
)
YEAR, LAN, COUNT = "Startår", "Län", "Antal projekt"
_LISTS = ("kommuner", "lan", "funders")


def project_rows(projects: Iterable[Project]) -> list[dict]:
    """One dict per project (kind "project" only), keyed like the JSON output."""
    return [
        {
            "title": p.title,
            "kommuner": list(p.kommuner),
            "lan": list(p.lan),
            "owner": p.owner,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "period_raw": p.period_raw,
            "budget_sek": p.budget_sek,
            "funders": list(p.funders),
            "source": p.source,
        }
        for p in projects
        if p.kind == "project"
    ]


def _folded(value: str | None) -> str:
    return " ".join(str(value or "").split()).casefold()


def filter_rows(
    rows: list[dict], kommun: str | None = None, lan: str | None = None, text: str | None = None
) -> list[dict]:
    """Rows naming the kommun and the län (any of theirs), whose text contains `text`.

    Empty values mean no filter; matching ignores case and extra spaces.
    """
    kommun, lan, words = _folded(kommun), _folded(lan), _folded(text).split()
    out = []
    for r in rows:
        if kommun and kommun not in {_folded(k) for k in r["kommuner"]}:
            continue
        if lan and lan not in {_folded(x) for x in r["lan"]}:
            continue
        if words:
            hay = _folded(
                " ".join(
                    [r["title"], r["owner"] or "", r["source"], period_text(r)]
                    + [str(r["budget_sek"] or "")]
                    + [x for key in _LISTS for x in r[key]]
                )
            )
            if not all(w in hay for w in words):
                continue
        out.append(r)
    return out


def choices(rows: list[dict], key: str) -> list[str]:
    """The distinct kommuner ("kommuner") or län ("lan") of the rows, sorted Swedish-style."""
    return sorted({x for r in rows for x in r[key]}, key=_swedish)


_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "Å": "{", "Ä": "|", "Ö": "}"})


def _swedish(text: str) -> str:
    """A sort key putting å, ä, ö after z, as Swedish does."""
    return text.casefold().translate(_ORDER)


def period_text(row: dict) -> str:
    """ "2012-03 – 2014-10", "från 2012-03", "till 2014-10", else the page's own words."""
    start, end = row["period_start"], row["period_end"]
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"från {start}"
    if end:
        return f"till {end}"
    return row.get("period_raw") or ""


def csv_text(rows: list[dict]) -> str:
    """The rows as CSV: a header of CSV_KEYS, lists joined with "; ", missing values empty."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_KEYS)
    for r in rows:
        writer.writerow(
            "; ".join(r[key]) if key in _LISTS else ("" if r[key] is None else r[key])
            for key in CSV_KEYS
        )
    return buf.getvalue()


def source_markdown(source: str) -> str:
    """A markdown link for an http(s) source, else the (escaped) file name."""
    if is_web_url(source):
        href = source.strip().replace("(", "%28").replace(")", "%29")
        return f"[{escape_markdown(source.strip())}]({href})"
    return escape_markdown(source)


def table_frame(rows: list[dict]) -> pd.DataFrame:
    """The app's table: Swedish headers, lists as text, the source as markdown."""
    import pandas as pd

    data = [
        [
            r["title"],
            ", ".join(r["kommuner"]),
            ", ".join(r["lan"]),
            r["owner"] or "",
            period_text(r),
            r["budget_sek"],  # a number, so that the column sorts by size
            ", ".join(r["funders"]),
            source_markdown(r["source"]),
        ]
        for r in rows
    ]
    return pd.DataFrame(data, columns=list(TABLE_HEADERS))


def per_start_year(rows: list[dict]) -> pd.DataFrame:
    """Projects per start year, every year from the first to the last (years as text)."""
    import pandas as pd

    years = Counter(int(r["period_start"][:4]) for r in rows if r["period_start"])
    span = range(min(years), max(years) + 1) if years else range(0)
    return pd.DataFrame({YEAR: [str(y) for y in span], COUNT: [years[y] for y in span]})


def per_lan(rows: list[dict]) -> pd.DataFrame:
    """Projects per län, most first (a project in two län counts in both)."""
    import pandas as pd

    counts = Counter(x for r in rows for x in set(r["lan"]))
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], _swedish(kv[0])))
    return pd.DataFrame({LAN: [k for k, _ in ordered], COUNT: [n for _, n in ordered]})
