"""From page text to Project records: cleaning, metadata parsers and splitting, on the samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.clean import clean_text, find_contacts
from ingest.metadata import (
    find_budget,
    find_funders,
    find_owner,
    find_page_dates,
    find_period,
    parse_budget,
    parse_date,
    parse_period,
)
from ingest.projects import parse_document
from stodkollen.records import Contact, Document, Project

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def _doc(source: str, text: str) -> Document:
    return Document(source=source, text=text, content_hash="0" * 64)


def _records(prefix: str) -> list[Project]:
    path = next(SAMPLE.glob(f"{prefix}_*.txt"))
    return parse_document(_doc(path.name, path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def pages() -> dict[str, list[Project]]:
    return {prefix: _records(prefix) for prefix in ("000", "001", "002", "003", "004")}


def _by_title(records: list[Project]) -> dict[str, Project]:
    return {r.title: r for r in records}


# --- the sample pages -------------------------------------------------------------------------

PROJECTS_001 = [
    ("Progressiva kommuner", "Lycksele kommun", "2012-03", "2014-10", ["Lycksele"]),
    (
        "Tillväxtföretag i Västernorrland",
        "Länsstyrelsen i Västernorrland",
        "2012-03",
        "2014-06",
        [],
    ),
    (
        "Många vägar in — tillväxt och företagande i Kristianstad",
        "Kristianstads kommun",
        "2012-06",
        "2013-10",
        ["Kristianstad"],
    ),
    (
        "Utmaningen — samverkan och samsyn för tillväxt",
        "Vansbro kommun",
        "2012-09",
        "2014-10",
        ["Vansbro"],
    ),
    (
        "Utvecklingsplan Motala — staden och regionen en integrerad del i det lokala "
        "näringlivets utvecklingsförutsättningar",
        "Motala kommun",
        "2012-09",
        "2014-10",
        ["Motala"],
    ),
    ("Håll ut", "Industriellt Utvecklingscentrum i Kalmar AB", "2012-03", "2014-10", ["Kalmar"]),
    ("FRONT (Framtid och Norsjös tillväxt)", "Norsjö kommun", "2012-01", "2013-11", ["Norsjö"]),
    ("Business Unusual", "Ljungby kommun", "2011-12", "2014-01", ["Ljungby"]),
    (
        "Örnsköldsviks kommun i samverkan med Företagarna",
        "Örnsköldsviks kommun",
        "2011-12",
        "2014-10",
        ["Örnsköldsvik"],
    ),
    ("Regional tillväxt på alla nivåer", "Regionförbundet Västerbotten", "2012-01", "2014-06", []),
]


def test_record_counts_per_page(pages):
    counts = {prefix: len(records) for prefix, records in pages.items()}
    assert counts == {"000": 1, "001": 12, "002": 5, "003": 1, "004": 1}
    for records in pages.values():
        assert [r.index for r in records] == list(range(len(records)))


def test_001_exact_ten_projects(pages):
    projects = [r for r in pages["001"] if r.kind == "project"]
    got = [(p.title, p.owner, p.period_start, p.period_end, p.kommuner) for p in projects]
    assert got == PROJECTS_001


def test_001_raw_periods_and_lan(pages):
    by_title = _by_title(pages["001"])
    orn = by_title["Örnsköldsviks kommun i samverkan med Företagarna"]
    assert orn.period_raw == "20112-01 — 2014-10"
    assert orn.lan == ["Västernorrlands län"]
    assert by_title["Tillväxtföretag i Västernorrland"].lan == ["Västernorrlands län"]
    assert by_title["Håll ut"].lan == ["Kalmar län"]
    assert by_title["Regional tillväxt på alla nivåer"].lan == ["Västerbottens län"]
    assert by_title["Progressiva kommuner"].lan == ["Västerbottens län"]


def test_001_intro_and_trailing_blurb(pages):
    intro, *_, blurb = pages["001"]
    assert (intro.kind, intro.title) == ("page", "Lokalt och regionalt tillväxtarbete")
    assert "Programmet för Lokalt och regionalt tillväxtarbete är avslutat" in intro.text
    assert (blurb.kind, blurb.title) == ("article", "Företagens förväntningar på kommunen")
    assert blurb.text.startswith("Generellt tycks företagen vara relativt nöjda")
    assert "Läs mer och ladda hem" not in blurb.text
    assert all(r.updated == "2013-11-15" for r in pages["001"])
    # The page date line is metadata, not the last project's text.
    assert "Senast ändrad" not in pages["001"][-2].text


def test_001_project_text_keeps_its_metadata_line(pages):
    front = _by_title(pages["001"])["FRONT (Framtid och Norsjös tillväxt)"]
    assert front.text.startswith("Projektägare:Norsjö kommun Projekttid: 2012-01 — 2013-11")
    assert "förbättra företagsklimatet i kommunen" in front.text
    assert "Business Unusual" not in front.text


def test_002_four_projects_with_metadata(pages):
    intro, *projects = pages["002"]
    assert (intro.kind, intro.title, intro.kommuner) == ("page", "Pågående projekt", ["Malå"])
    assert [p.title for p in projects] == [
        "Utveckling av näringslivet och företagsklimatet i Malå kommun (1,76 - projektet)",
        "Medskapande processer för hållbar service i Malåbygden",
        "Strategisk Samverkan för Hållbar Näringslivsutveckling i Möjligheternas Region",
        "Projekt Move up North",
    ]
    assert all(p.kind == "project" and p.kommuner[0] == "Malå" for p in projects)
    assert all(p.updated == "2024-02-13" and p.published is None for p in pages["002"])
    tvv, service, shimr, move = projects
    assert (tvv.period_start, tvv.period_end, tvv.funders) == (
        "2022-01",
        "2024-12",
        ["Tillväxtverket"],
    )
    assert tvv.period_raw == "2022-2024, pågått även 2018-2021"
    assert (service.period_start, service.period_end) == ("2022-09", "2024-08")
    assert service.budget_sek == 624602
    assert service.funders == [
        "Tillväxtverket",
        "Europeiska jordbruksfonden för landsbygdsutveckling",
        "Malå kommun",
    ]
    assert (shimr.period_start, shimr.period_end) == (None, "2025-12")
    assert shimr.funders[:3] == ["ERUF", "Region Norrbotten", "Region Västerbotten"]
    assert {"Arjeplog", "Åsele", "Vilhelmina", "Dorotea"} <= set(shimr.kommuner)
    assert shimr.lan == ["Västerbottens län", "Norrbottens län"]
    assert (move.owner, move.period_start, move.period_end) == (
        "Sorsele kommun",
        "2023-01",
        "2026-12",
    )
    assert move.funders == [
        "Europeiska Socialfonden ESF",
        "Region Västerbotten",
        "Region Norrbotten",
        "kommuner i Region 10",
    ]
    assert move.text.startswith("Projektet ska öka inflyttning")  # the subtitle stays as text


def test_002_contacts_belong_to_their_project(pages):
    _, tvv, service, shimr, move = pages["002"]
    assert tvv.contacts == []
    assert service.contacts == [
        Contact(
            name="Sandor Lindström",
            email="sandor.lindstrom@mala.se",
            phone="0953-140 84",
            role="Vik. Landsbygdsutvecklare",
        )
    ]
    assert shimr.contacts == [
        Contact("Aleksandra Simanovskaya", "aleksandra.simanovskaya@mala.se", "0953-140 61")
    ]
    assert move.contacts == [Contact("Wolfgang Mehl", "wolfgang.mehl@mala.se", "0953-14039")]
    # The contact details stay readable in the project text ("vem kan jag kontakta?").
    assert "sandor.lindstrom@mala.se" in service.text
    assert "kontakta Wolfgang" in move.text


def test_003_is_one_project_with_its_contact(pages):
    [front] = pages["003"]
    assert (front.kind, front.title, front.owner) == ("project", "FRONT", "Norsjö kommun")
    assert (front.kommuner, front.lan) == (["Norsjö"], ["Västerbottens län"])
    assert (front.period_start, front.period_end) == ("2012-01", "2013-12")
    assert front.funders == ["Tillväxtverket"]
    assert front.updated == "2014-09-17"
    # Both numbers of the card: the desk phone and the mobile.
    assert front.contacts == [
        Contact(
            name="Beatriz Axelsson",
            role="Tillväxtschef",
            phones=["0918-141 67", "072-500 15 30"],
        )
    ]
    assert "Beatriz Axelsson" in front.text
    # The municipality's footer is not a contact and not text.
    for footer in ("info@norsjo.se", "hemsida@norsjo.se", "Storgatan", "Org.nr", "Öppettider"):
        assert footer not in front.text


def test_004_is_one_article(pages):
    [article] = pages["004"]
    assert article.kind == "article"
    assert article.title.startswith("Projekt ”Utveckla företagsklimatet”")
    assert (article.published, article.updated) == ("2021-03-30", "2021-03-31")
    assert (article.kommuner, article.lan) == (["Östersund"], ["Jämtlands län"])
    assert (article.period_start, article.period_end) == ("2018-01", "2020-12")
    assert "Publicerad" not in article.text
    assert "- Landsbygdsutveckling" in article.text


def test_000_is_one_page_record_for_mora(pages):
    [mora] = pages["000"]
    assert (mora.kind, mora.title) == ("page", "Tillväxtverkets stöd för näringslivsutveckling")
    assert mora.kommuner[0] == "Mora"
    assert mora.lan == ["Dalarnas län"]
    assert mora.updated == "2021-08-12"
    assert "- Stöttat verksamheten Nyföretagarcentrum." in mora.text
    assert "•" not in mora.text


@pytest.mark.parametrize(
    ("prefix", "kommun"),
    [("000", "Mora"), ("002", "Malå"), ("003", "Norsjö"), ("004", "Östersund")],
)
def test_kommun_of_each_page(pages, prefix, kommun):
    assert all(r.kommuner and r.kommuner[0] == kommun for r in pages[prefix])


BOILERPLATE = [
    "klart.se",
    "Tillväxtverkets logotyp",
    "Lunchstängt",
    "Translate the website",
    "Måndag-torsdag",
    "Synpunkter på hemsidan",
    "Kontakta webbmaster",
    "Org.nr",
    "Växel",
    "cookies",
    "öppnas i nytt fönster",
]


def test_no_boilerplate_in_any_record(pages):
    for record in (r for records in pages.values() for r in records):
        text = f"{record.title}\n{record.text}"
        for chrome in BOILERPLATE:
            assert chrome not in text, (record.id, chrome)
        assert "Bild" not in text.split("\n"), record.id
        assert "\u00a0" not in text and "  " not in text, record.id


# --- generic splitting on pages that are not in the corpus -----------------------------------

MADE_UP_PAGE = """Avslutade satsningar i Vindeln

Vindelns kommun har under flera år drivit utvecklingsprojekt tillsammans med företagen i \
kommunen och grannkommunerna.

Besöksnäring längs älven

Projektägare: Vindelns kommun Projekttid: 2019-03 — 2021-02

Projektet har byggt upp ett nätverk av små besöksföretag längs älven och tagit fram \
gemensamma paket för turister.

Kompetenslyft i skogsbruket

Projektägare: Norrskog Utbildning AB Projekttid: 201904 — 202012

Finansiär: Europeiska socialfonden

Utbildningar för anställda i små skogsföretag i Vindeln och Vännäs, med fokus på digital \
planering.
"""


def test_made_up_page_splits_on_owner_and_period_lines():
    page, first, second = parse_document(_doc("vindeln.txt", MADE_UP_PAGE))
    assert (page.kind, page.title, page.kommuner) == (
        "page",
        "Avslutade satsningar i Vindeln",
        ["Vindeln"],
    )
    assert (first.title, first.owner) == ("Besöksnäring längs älven", "Vindelns kommun")
    assert (first.period_start, first.period_end) == ("2019-03", "2021-02")
    assert (second.title, second.owner) == ("Kompetenslyft i skogsbruket", "Norrskog Utbildning AB")
    assert (second.period_start, second.period_end) == ("2019-04", "2020-12")
    assert second.funders == ["Europeiska socialfonden"]
    assert second.kommuner == ["Vindeln", "Vännäs"]
    assert "Besöksnäring" not in second.text


# Shaped like the text an HTML loader gives: one paragraph per block, blank lines between.
HTML_DERIVED = """Projekt

Här listar vi kommunens pågående projekt inom näringsliv och turism. Kontakta oss om du vill \
veta mer om något av dem.

Digitala Lycksele

Projektet hjälper små företag i Lycksele att komma igång med e-handel och digital \
marknadsföring under 2024.

Kontaktperson: Erik Nilsson, projektledare
Telefon: 0950-123 45
E-post: erik.nilsson@lycksele.se

Grön omställning i inlandet

Ett samarbete mellan Lycksele och Storuman om energieffektivisering i industrin. Projektet \
pågår 2023–2025 och finansieras av Region Västerbotten.

Dela sidan

Senast uppdaterad: 3 maj 2024
"""


def test_html_derived_listing_page_splits_on_headings():
    intro, digital, green = parse_document(_doc("https://example.invalid/projekt", HTML_DERIVED))
    assert (intro.kind, intro.title) == ("page", "Projekt")
    assert [digital.title, green.title] == ["Digitala Lycksele", "Grön omställning i inlandet"]
    assert digital.contacts == [
        Contact("Erik Nilsson", "erik.nilsson@lycksele.se", "0950-123 45", "projektledare")
    ]
    assert (green.period_start, green.period_end) == ("2023-01", "2025-12")
    assert green.funders == ["Region Västerbotten"]
    assert green.kommuner == ["Lycksele", "Storuman"]
    assert green.lan == ["Västerbottens län"]
    assert all(r.updated == "2024-05-03" for r in (intro, digital, green))
    assert "Dela sidan" not in green.text


def test_subheadings_stay_inside_their_project():
    text = (
        "Våra projekt\n\nHär finns kommunens projekt för företagare, föreningar och alla som "
        "bor i kommunen.\n\nLokal mat i Vara\n\nProjektet samlar lokala matproducenter i "
        "Vara kommun kring gemensam försäljning och logistik.\n\nResultat\n\nTolv företag "
        "säljer nu tillsammans via en gemensam webbutik och ett utlämningsställe."
    )
    # The one-sentence intro is too thin for a record of its own.
    [food] = parse_document(_doc("vara.txt", text))
    assert food.title == "Lokal mat i Vara"
    assert "Resultat\n\nTolv företag" in food.text
    assert food.kommuner == ["Vara"]


def test_short_page_without_structure_is_one_record():
    [record] = parse_document(_doc("kort.txt", "Kort notis\n\nMöte i Malå på tisdag."))
    assert (record.kind, record.title, record.text) == (
        "page",
        "Kort notis",
        "Möte i Malå på tisdag.",
    )
    assert record.kommuner == ["Malå"]


def test_empty_page_has_no_records():
    assert parse_document(_doc("tom.txt", "klart.se\n\nBild\n")) == []


# --- parsers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("201203 — 201410", ("2012-03", "2014-10")),
        ("2012-01 — 2013-11", ("2012-01", "2013-11")),
        ("20112-01 — 2014-10", ("2011-12", "2014-10")),  # five-digit year typo in 001
        ("2018–2020", ("2018-01", "2020-12")),
        ("1/9 2022 – 31/8 2024", ("2022-09", "2024-08")),
        ("2022-2024", ("2022-01", "2024-12")),
        ("2022-2024, pågått även 2018-2021", ("2022-01", "2024-12")),
        ("startade 1 januari 2012 och pågick till december 2013", ("2012-01", "2013-12")),
        ("t.o.m. december 2025", (None, "2025-12")),
        ("pågår i sin aktiva fasen t.o.m. december 2025", (None, "2025-12")),
        ("i tre år, 2023-2026", ("2023-01", "2026-12")),
        ("från mars 2021", ("2021-03", None)),
        ("2020", ("2020-01", "2020-12")),
        ("2012-13 — 2014-10", ("2012-01", "2014-10")),  # impossible month: the year still holds
        ("", (None, None)),
        (None, (None, None)),
        ("okänd period", (None, None)),
    ],
)
def test_parse_period(raw, expected):
    assert parse_period(raw) == expected


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("Projektägare: Lycksele kommun Projekttid: 201203 — 201410", "201203 — 201410"),
        (
            "Aktuell projektperiod 2022-2024, pågått även 2018-2021",
            "2022-2024, pågått även 2018-2021",
        ),
        (
            "Projektet pågår i tre år, 2023-2026. Sorsele Kommun är projektägare.",
            "pågår i tre år, 2023-2026",
        ),
        # A strategy year in a sentence about the project is not its period.
        ("Projektet drevs av Norsjö kommun som utarbetades 2010/2011.", None),
        ("Följande insatser har genomförts under 2020.", None),
    ],
)
def test_find_period(text, raw):
    assert find_period(text) == raw


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("624 602kr", 624602),
        ("624 602 kr", 624602),
        ("Total budget 624\u00a0602\u00a0kr", 624602),
        ("1,76 miljoner kronor", 1760000),
        ("2 mnkr", 2000000),
        ("500 tkr", 500000),
        ("1.200.000 kr", 1200000),
        ("39 kommuner", None),
        ("1,76 - projektet", None),
    ],
)
def test_parse_budget(text, amount):
    assert parse_budget(text) == amount


def test_find_budget_needs_a_budget_word():
    assert find_budget("Finansiering: Total budget 624 602kr\nTillväxtverket 80%") == 624602
    assert find_budget("möjlighet att söka 1,76 miljoner kronor per år") is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Publicerad 2021-03-30", "2021-03-30"),
        ("Senast uppdaterad den 13 februari 2024", "2024-02-13"),
        ("Senast ändrad 15 november 2013 13:46", "2013-11-15"),
        ("Sidan uppdaterad:\u00a0 2014-09-17", "2014-09-17"),
        ("Senast uppdaterad: 12 augusti 2021", "2021-08-12"),
        ("2021-13-40", None),
        ("inget datum", None),
    ],
)
def test_parse_date(text, date):
    assert parse_date(text) == date


def test_find_page_dates():
    text = "Publicerad 2021-03-30\n\nText.\n\nSidan uppdaterad 2021-03-31"
    assert find_page_dates(text) == ("2021-03-30", "2021-03-31")


@pytest.mark.parametrize(
    ("text", "funders"),
    [
        ("Finansiär: Tillväxtverket ", ["Tillväxtverket"]),
        ("Projektet finansieras av Tillväxtverket.", ["Tillväxtverket"]),
        (
            "Finansiering: Total budget 624 602kr\nTillväxtverket, Europeiska jordbruksfonden "
            "för landsbygdsutveckling 80%\nMalå kommun 20%\n\nSyftet med projektet är ...",
            [
                "Tillväxtverket",
                "Europeiska jordbruksfonden för landsbygdsutveckling",
                "Malå kommun",
            ],
        ),
        (
            "Medfinansiärer: ERUF projekt med medfinansiering från Region Norrbotten, Region "
            "Västerbotten och kommunerna Arjeplog, Malå.",
            ["ERUF", "Region Norrbotten", "Region Västerbotten", "Arjeplog", "Malå"],
        ),
        (
            "Move Up North:s finansiärer är Europeiska Socialfonden ESF, Region Västerbotten, "
            "Region Norrbotten, kommuner i Region 10. Projektet pågår i tre år.",
            [
                "Europeiska Socialfonden ESF",
                "Region Västerbotten",
                "Region Norrbotten",
                "kommuner i Region 10",
            ],
        ),
        ("Medfinansiering av BID-projekt samt kartmaterial", []),
    ],
)
def test_find_funders(text, funders):
    assert find_funders(text) == funders


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Projektägare: Lycksele kommun Projekttid: 201203 — 201410", "Lycksele kommun"),
        ("Projektägare:Norsjö kommun Projekttid: 2012-01 — 2013-11", "Norsjö kommun"),
        (
            "Projektägare: Industriellt Utvecklingscentrum i Kalmar AB Projekttid: 2012",
            "Industriellt Utvecklingscentrum i Kalmar AB",
        ),
        ("Projektet pågår i tre år, 2023-2026. Sorsele Kommun är projektägare. ", "Sorsele kommun"),
        (
            "Projektet drevs av Norsjö kommun och tog avstamp i den lokala strategin.",
            "Norsjö kommun",
        ),
        ("Vissa projekt är det Malå kommun som äger.", None),
    ],
)
def test_find_owner(text, owner):
    assert find_owner(text) == owner


# --- cleaning and contacts ----------------------------------------------------------------------


def test_clean_text_drops_chrome_and_keeps_paragraphs():
    raw = (
        "klart.se\n\nRubrik\n\nEtt stycke\u00a0med  text.\n\n\n\nBild\n\n • Punkt ett\n\n"
        " • Punkt två\nTillväxtverkets logotyp\nLäs mer och ladda hem rapporten Xlänk till annan "
        "webbplats, öppnas i nytt fönster\nMåndag-torsdag: 08:00-16:30\nLunchstängt: 12.00-13.00\n"
        "Växel: 0918-14 000\nE-post: info@norsjo.se\nOrg.nr: 21 20 00 - 2858\n"
        "Translate the website with Google translate."
    )
    text, contacts = clean_text(raw)
    assert text == "Rubrik\n\nEtt stycke med text.\n\n- Punkt ett\n- Punkt två"
    assert contacts == []


def test_clean_text_joins_label_and_value_lines():
    raw = (
        "Beatriz Axelsson\nTillväxtschef\n\nTelefon\n\n0918-141 67\n\n"
        "E-postadress\n\n\nArbetsplats\nTillväxtavdelningen"
    )
    text, contacts = clean_text(raw)
    assert "Telefon: 0918-141 67" in text
    assert "E-postadress" not in text  # a label left without a value
    assert contacts == [Contact("Beatriz Axelsson", None, "0918-141 67", "Tillväxtschef")]


@pytest.mark.parametrize(
    "line",
    [
        "Växelverkan mellan företag och skola är viktig.",
        "Måndag 3 mars träffas företagarna i Malå.",
        "Företaget säljer kakor och bröd i hela länet.",
        "Bildningsförbundet ordnar kurser.",
    ],
)
def test_clean_text_keeps_content_that_resembles_chrome(line):
    assert clean_text(line)[0] == line


def test_find_contacts_single_line_and_switchboard():
    line = "Sandor Lindström Tfn: 0953-140 84 E-post: sandor.lindstrom@mala.se"
    assert find_contacts(line) == [
        Contact("Sandor Lindström", "sandor.lindstrom@mala.se", "0953-140 84")
    ]
    assert find_contacts("Norsjö kommun\nVäxel: 0918-14 000\nE-post: info@norsjo.se") == []
