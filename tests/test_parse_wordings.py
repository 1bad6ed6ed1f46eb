"""Issue 13: wordings and layouts beyond the development pages (see eval/pages/dev2, dev3).
Small invented snippets; all names, numbers and organisations are made up."""

from __future__ import annotations

import pytest

from ingest.metadata import find_budget, find_funders, find_owner, find_period, parse_period
from ingest.projects import parse_document
from ingest.structure import colon_label_runs, html_blocks, markdown_blocks
from stodkollen.records import Block, Document


def _doc(fmt: str, text: str, blocks: list[Block] | None = None) -> Document:
    return Document(source=f"sida.{fmt}", text=text, content_hash="0", fmt=fmt, blocks=blocks or [])


def _html(body: str) -> Document:
    page = (
        "<html><head><title>Projekt - Boxholms kommun</title></head><body>"
        f"<main>{body}</main><footer>Boxholms kommun, 590 10 Boxholm</footer></body></html>"
    )
    blocks, _url, site = html_blocks(page)
    return _doc("html", "x", [Block("site", site), *blocks])


@pytest.mark.parametrize(
    ("raw", "period"),
    [
        ("hösten 2024 till våren 2026", ("2024-08", "2026-06")),
        ("under hösten 2024", ("2024-08", "2024-12")),
        ("tre år från 2022", ("2022-01", "2024-12")),
        ("202203 — 202406", ("2022-03", "2024-06")),
        ("September 2023 – August 2026", ("2023-09", "2026-08")),
        ("löpande sedan 2022", ("2022-01", None)),
    ],
)
def test_periods_as_pages_write_them(raw, period):
    assert parse_period(raw) == period


def test_periods_from_labels_and_prose():
    assert find_period("Genomförandetid 2022-05-01 – 2023-10-31.") == "2022-05-01 – 2023-10-31"
    assert find_period("Duration: March 2024 – May 2025") == "March 2024 – May 2025"
    prose = "Lärcentrumet startade i augusti 2023 och får stöd till och med juli 2025."
    assert parse_period(find_period(prose)) == ("2023-08", "2025-07")
    news = "Arbetet börjar i maj och ska vara klart till midsommar nästa år."
    assert parse_period(find_period(news, 2024)) == ("2024-05", "2025-06")


@pytest.mark.parametrize(
    ("text", "sek"),
    [
        ("Budget: 950,000 SEK", 950000),
        ("Kostnad: 1 250 000 kr", 1250000),
        ("Kostnad: 95 000 kr per år", None),
        ("Hela projektet beräknas kosta 600 000 kronor.", 600000),
        ("Personal 720 000\nResor 45 000\nSumma kostnader 765 000", 765000),
        ("Total projektbudget: 1 250 000:-", 1250000),
    ],
)
def test_budgets(text, sek):
    assert find_budget(text) == sek


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Huvudman för projektet är Ydre kommun. Projektet pågår 2024.", "Ydre kommun"),
        ("Asby Byalag driver projektet, som ska bygga en brygga.", "Asby Byalag"),
        ("Föreningen Sommenleden ansöker om stöd för skyltar.", "Föreningen Sommenleden"),
        ("Kisa Skytteförening har beviljats 40 000 kronor från Leader.", "Kisa Skytteförening"),
        ("Lead partner: Boxholm Dairy Cooperative, based in Boxholm", "Boxholm Dairy Cooperative"),
        ("Projektansvarig: Anna Berg", None),
    ],
)
def test_owners(text, owner):
    assert find_owner(text) == owner


def test_funders_from_a_financing_table_and_prose():
    table = "Finansieringsbudget\nRegion Östergötland 400 000\nYdre kommun 100 000\nSumma 500 000"
    assert find_funders(table) == ["Region Östergötland", "Ydre kommun"]
    prose = "Budget 2 miljoner kronor. Energimyndigheten bidrar med 900 000 kr."
    assert find_funders(prose) == ["Energimyndigheten"]
    english = (
        "Co-financed by: the Swedish Agency for Economic and Regional Growth and X Municipality"
    )
    assert find_funders(english)[0] == "Swedish Agency for Economic and Regional Growth"


def test_bare_label_runs_get_their_colon():
    text = "Projektnamn Sommenbåten\nStödmottagare Sommens Båtlag\nProjektperiod 2024 till 2025"
    assert colon_label_runs(text).split("\n")[1] == "Stödmottagare: Sommens Båtlag"
    assert (
        colon_label_runs("Budget för nästa år ska tas fram.") == "Budget för nästa år ska tas fram."
    )


def test_accordion_sections_are_projects():
    body = "<h1>Projekt</h1>" + "".join(
        f"<details><summary>{t}</summary><ul><li>Ansvarig organisation: {o}</li>"
        f"<li>Period: 2024-01-01 till 2024-12-31</li><li>Kostnad: 50 000 kr</li></ul></details>"
        for t, o in (("Strålsnäs brygga", "Strålsnäs Byalag"), ("Kisa scen", "Kisa Teaterförening"))
    )
    records = parse_document(_html(body))
    assert [(r.title, r.owner, r.budget_sek) for r in records] == [
        ("Strålsnäs brygga", "Strålsnäs Byalag", 50000),
        ("Kisa scen", "Kisa Teaterförening", 50000),
    ]


def test_named_project_blocks_in_plain_text():
    text = (
        "Projekt som fått stöd\n\n"
        "Projekt: Sommenbåten\nSökande: Sommens Båtlag\nBeviljat stöd: 40 000 kr\n\n"
        "Projekt: Asby bygdegård\nSökande: Asby Bygdegårdsförening\nBeviljat stöd: 75 000 kr\n"
    )
    records = parse_document(_doc("txt", text))
    assert [(r.title, r.owner, r.budget_sek) for r in records] == [
        ("Sommenbåten", "Sommens Båtlag", 40000),
        ("Asby bygdegård", "Asby Bygdegårdsförening", 75000),
    ]


def test_markdown_key_value_tables_under_headings():
    md = "# Projekt\n\n" + "".join(
        f"## {t}\n\n| | |\n|---|---|\n| Projektägare | {o} |\n| Tid | 2023–2024 |\n\n"
        for t, o in (("Sommenbåten", "Sommens Båtlag"), ("Asby scen", "Asby IF"))
    )
    records = parse_document(_doc("md", md, markdown_blocks(md)))
    assert [(r.title, r.owner, r.period_start) for r in records] == [
        ("Sommenbåten", "Sommens Båtlag", "2023-01"),
        ("Asby scen", "Asby IF", "2023-01"),
    ]
