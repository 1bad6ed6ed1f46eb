"""Structure-aware parsing on small invented pages: blocks, list layouts, amounts, periods,
phones, chrome and the weak kommun signal. All names, numbers and organisations are made up."""

from __future__ import annotations

import pytest

from ingest.chunking import chunk_project, embedding_text, lexical_text
from ingest.clean import find_contacts, find_phones, is_chrome_line, strip_chrome
from ingest.metadata import find_amounts, find_budget, find_owner, find_period, parse_period
from ingest.projects import parse_document
from ingest.structure import (
    html_blocks,
    join_wrapped,
    markdown_blocks,
    strip_running_lines,
    text_blocks,
)
from stodkollen.records import Block, Document


def _html(body: str, head: str = "") -> str:
    return (
        f"<html><head><title>Projekt - Tranås kommun</title>{head}</head><body>"
        "<header><nav><a href='/'>Start</a></nav></header>"
        f"<main>{body}</main><footer><p>Tranås kommun · 573 82 Tranås</p></footer></body></html>"
    )


def _doc(fmt: str, text: str, blocks: list[Block] | None = None, url=None) -> Document:
    return Document(
        source=f"sida.{fmt}", text=text, content_hash="0", fmt=fmt, blocks=blocks or [], url=url
    )


def _html_doc(body: str, head: str = "") -> Document:
    blocks, url, site = html_blocks(_html(body, head))
    return _doc("html", "x", [Block("site", site), *blocks], url)


# --- amounts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sek"),
    [
        ("13 miljoner kronor", 13_000_000),
        ("1,3 Mkr", 1_300_000),
        ("620 211 SEK", 620_211),
        ("450 tkr", 450_000),
        ("ESF 7,9 miljoner", 7_900_000),
        ("3,6 MSEK", 3_600_000),
        ("SEK 2.5 million", 2_500_000),
    ],
)
def test_amounts_in_sek_keep_their_raw_text(text, sek):
    [amount] = find_amounts(text)
    assert (amount.sek, amount.raw) == (sek, text[text.index(amount.raw) :][: len(amount.raw)])


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("Stödet är högst 30 000 kr per företag.", None),
        ("Du kan få upp till 200 000 kronor.", None),
        ("Budget: 2,2 miljoner kronor, varav ERUF 1,1 miljoner", 2_200_000),
        ("Kommunens insats: 100 000 kr\nTotal omfattning: 900 000 kr", 900_000),
        ("Beviljat stöd: 300 000 kr\nTotal budget: 610 000 kr", 610_000),
        ("Föreningen har beviljats 75 000 kronor.", 75_000),
        ("Totalt omfattar satsningen 4 miljoner kronor.", 4_000_000),
    ],
)
def test_budget_is_a_total_never_a_ceiling_or_a_share(text, budget):
    assert find_budget(text) == budget


# --- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Projektet pågick under 2016–2018.", ("2016-01", "2018-12")),
        ("Projekttid: t.o.m. juni 2027", (None, "2027-06")),
        ("Tid: 2020-03 — 2021-11", ("2020-03", "2021-11")),
        ("Projektperiod: 1 april 2022 – 31 mars 2024", ("2022-04", "2024-03")),
        ("Period: 2021–2023", ("2021-01", "2023-12")),
        ("Tid: maj–september 2025", ("2025-05", "2025-09")),
        ("Project period: October 2022 – May 2024", ("2022-10", "2024-05")),
        ("Satsningen drivs från mars 2023 till och med februari 2025.", ("2023-03", "2025-02")),
        ("Det startade i augusti 2021. Det pågår till och med maj 2023.", ("2021-08", "2023-05")),
    ],
)
def test_periods_as_year_months(text, period):
    assert parse_period(find_period(text)) == period


def test_this_year_is_the_pages_year():
    assert parse_period(find_period("Projektet startade i mars i år.", 2022)) == ("2022-03", None)


# --- owners, phones, contacts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Sökande: Byalaget Norrgård ideell förening", "Byalaget Norrgård ideell förening"),
        ("Stödmottagare: Tranås Energi AB", "Tranås Energi AB"),
        ("Projektet drivs av Tranås kommun i samarbete med Aneby kommun.", "Tranås kommun"),
        ("Tranås Näringslivsråd är projektägare.", "Tranås Näringslivsråd"),
        ("The project is run by Tranås Municipality.", "Tranås Municipality"),
    ],
)
def test_owner_from_labels_and_sentences(text, owner):
    assert find_owner(text) == owner


def test_phones_in_every_swedish_format_but_not_times_or_dates():
    text = (
        "Tel 0140-38 51 20, mobil 070-111 22 33, +46 (0)140-38 51 21, +46 70 444 55 66, "
        "0140-38512. Öppet 08.00–16.30, beslut 2024-05-02, dnr 2024/118."
    )
    assert find_phones(text) == [
        "0140-38 51 20",
        "070-111 22 33",
        "+46 (0)140-38 51 21",
        "+46 70 444 55 66",
        "0140-38512",
    ]


def test_contact_card_keeps_every_number_and_no_byline():
    text = (
        "Text: Ella Byline\nFoto: Olle Fotograf\n\n"
        "Kim Kontakt, projektledare\nkim.kontakt@tranas.se\n"
        "Tel: 0140-38 51 20, mobil: 070-111 22 33"
    )
    [contact] = find_contacts(strip_chrome(text)[0])
    assert (contact.name, contact.email) == ("Kim Kontakt", "kim.kontakt@tranas.se")
    assert contact.phones == ["0140-38 51 20", "070-111 22 33"]


# --- chrome -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Hoppa till huvudinnehåll",
        "Start / Näringsliv / Projekt",
        "Startsida > Bo > Avfall",
        "Uppleva | Bo | Arbeta | Kommun",
        "Dela på Facebook",
        "Skriv ut",
        "Logga in",
        "Foto: Olle Fotograf",
        "Av: Ella Byline",
        "Sida 2 av 5",
        "© Tranås kommun 2024",
    ],
)
def test_chrome_lines(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    ["Projektet ska dela ut stöd till företag.", "Projektägare: Tranås kommun", "Bakgrund"],
)
def test_content_is_not_chrome(line):
    assert not is_chrome_line(line)


def test_pdf_running_headers_pagination_and_wrapped_lines():
    text = (
        "Tranås Energi AB | Slutrapport\nRubrik\nUnder tre år har företagen i bygden samarbetat, "
        "och projektet drevs av\nTranås Energi AB under 2019-2021.\nSida 1 av 2\n\n"
        "Tranås Energi AB | Slutrapport\nMer text.\nSida 2 av 2"
    )
    body, removed = strip_running_lines(text)
    assert "Sida" not in body and "Slutrapport" not in body
    assert "Tranås Energi AB | Slutrapport" in removed
    assert "projektet drevs av Tranås Energi AB under 2019-2021." in join_wrapped(body)
    assert "Rubrik\n" in join_wrapped(body)  # a short heading line is not a wrapped line


# --- blocks -----------------------------------------------------------------------------------


def test_html_blocks_leave_chrome_captions_and_alt_text_out():
    blocks, url, site = html_blocks(
        _html(
            "<h1>Ny led</h1><figure><img alt='En led i skogen'><figcaption>Leden. Foto: A B"
            "</figcaption></figure><div class='share'>Dela</div><p>Text om leden.</p>"
            "<dl><dt>Projektägare</dt><dd>Tranås kommun</dd></dl>",
            "<link rel='canonical' href='https://www.tranas.se/led'>",
        )
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Ny led"),
        ("para", "Text om leden."),
        ("term", "Projektägare"),
        ("def", "Tranås kommun"),
    ]
    assert url == "https://www.tranas.se/led" and "Tranås kommun" in site


def test_markdown_blocks_drop_link_rows_and_image_captions():
    blocks = markdown_blocks(
        "[Start](/) · [Logga in](/in)\n\n# Rubrik\n\n![alt](/a.jpg)\n*Foto: A B*\n\n"
        "- **Led A** – text\n\n| Projekt | Ägare |\n|---|---|\n| A | B |\n"
    )
    assert [(b.kind, b.text, b.lead) for b in blocks if b.kind != "table"] == [
        ("heading", "Rubrik", None),
        ("item", "Led A – text", "Led A"),
    ]
    [table] = [b for b in blocks if b.kind == "table"]
    assert table.header and table.cells == [["Projekt", "Ägare"], ["A", "B"]]


def test_text_blocks_find_headings_labels_decisions_and_items():
    text = (
        "Protokoll\n\n§ 12\nBeslut om stöd till projektet Ny led\nProjekttid: 2024–2025\n\n"
        "1. Byalaget – Bygdegården – 50 000 kr"
    )
    kinds = [(b.kind, b.text) for b in text_blocks(text)]
    assert kinds == [
        ("heading", "Protokoll"),
        ("heading", "§ 12 Beslut om stöd till projektet Ny led"),
        ("para", "Projekttid: 2024–2025"),
        ("item", "1. Byalaget – Bygdegården – 50 000 kr"),
    ]


# --- one record per project in every list layout ------------------------------------------------


def _titles(records):
    return [r.title for r in records]


def test_table_rows_are_records_with_header_labels():
    records = parse_document(
        _html_doc(
            "<h1>Projekt i kommunen</h1><p>Här listar vi projekten.</p><table>"
            "<tr><th>Projekt</th><th>Ägare</th><th>Tid</th><th>Budget (kr)</th></tr>"
            "<tr><td>Led A</td><td>Tranås kommun</td><td>2023–2024</td><td>500 000</td></tr>"
            "<tr><td>Led B</td><td>Byalaget ideell förening</td><td>2024</td><td>80 000</td></tr>"
            "</table>"
        )
    )
    assert _titles(records) == ["Led A", "Led B"]
    a, b = records
    assert (a.owner, a.period_start, a.period_end, a.budget_sek) == (
        "Tranås kommun",
        "2023-01",
        "2024-12",
        500_000,
    )
    assert (b.owner, b.budget_sek, b.kommuner) == ("Byalaget ideell förening", 80_000, ["Tranås"])
    assert b.kommun_signal == "site"  # named only in the page's title and footer


def test_definition_list_and_bullets_are_records():
    dl = parse_document(
        _html_doc(
            "<h1>Projekt</h1><dl><dt>Led A</dt><dd>Text. Projektägare: Tranås kommun · Tid: 2023"
            "</dd><dt>Led B</dt><dd>Text. Projektägare: Aneby kommun · Budget: 1 Mkr</dd></dl>"
        )
    )
    assert _titles(dl) == ["Led A", "Led B"]
    assert dl[1].owner == "Aneby kommun" and dl[1].budget_sek == 1_000_000
    md = markdown_blocks(
        "# Projekt\n\n- **Led A** – en led. Projektägare: Tranås kommun. Tid: 2022–2023.\n"
        "- **Led B** – en till. Projektägare: Aneby kommun. Budget: 2 Mkr.\n"
    )
    bullets = parse_document(_doc("md", "x", md))
    assert _titles(bullets) == ["Led A", "Led B"]
    assert bullets[0].period_end == "2023-12" and bullets[1].budget_sek == 2_000_000


def test_grant_decision_lines_are_records_funded_by_the_publisher():
    records = parse_document(
        _html_doc(
            "<h1>Beviljade ansökningar</h1><ul>"
            "<li>Tranås kommun – <em>Led A</em> – 120 000 kr (projekttid 2024-01 – 2024-12)</li>"
            "<li>Byalaget Norr ideell förening – <em>Bygdegården</em> – 45 000 kr</li></ul>"
        )
    )
    assert _titles(records) == ["Led A", "Bygdegården"]
    a, b = records
    assert (a.owner, a.budget_sek, a.period_start) == ("Tranås kommun", 120_000, "2024-01")
    assert b.owner == "Byalaget Norr ideell förening" and "Tranås kommun" in b.funders


def test_heading_sections_with_facts_are_records_and_the_intro_is_not():
    records = parse_document(
        _html_doc(
            "<h1>Våra projekt</h1><p>Här är några av kommunens projekt.</p>"
            "<h2>Led A</h2><p>Projektet drivs av Tranås kommun under 2021-2022. Budgeten är "
            "1 Mkr.</p><h2>Led B</h2><p>Projektägare: Aneby kommun</p>"
            "<h2>Kontakt</h2><p>Kim Kontakt, 0140-38 51 20</p>"
        )
    )
    assert _titles(records) == ["Led A", "Led B"]
    assert records[0].owner == "Tranås kommun" and records[0].budget_sek == 1_000_000


def test_single_page_is_one_record_titled_by_its_h1_not_a_section_heading():
    [record] = parse_document(
        _html_doc(
            "<h1>Ny led</h1><p>Leden byggs i skogen.</p><h2>Fakta om projektet</h2>"
            "<p>Projektägare: Tranås kommun<br>Projekttid: 2023–2025</p>"
        )
    )
    assert (record.title, record.owner, record.period_end) == ("Ny led", "Tranås kommun", "2025-12")


def test_weak_kommun_from_email_domain():
    """No kommun in the text or the chrome: the contact's e-mail domain tells it (a weaker,
    recorded signal), and 'kommunen' as owner becomes that kommun."""
    blocks, _, _ = html_blocks(
        "<html><body><main><h1>Ny led</h1><p>Projektägare: kommunen</p>"
        "<p>Kim Kontakt<br>kim.kontakt@aneby.se<br>0380-461 00</p></main></body></html>"
    )
    [record] = parse_document(_doc("html", "x", blocks))
    assert (record.kommuner, record.kommun_signal) == (["Aneby"], "email")
    assert record.owner == "Aneby kommun"


def test_weak_kommun_from_canonical_url():
    blocks, url, _ = html_blocks(
        "<html><head><link rel='canonical' href='https://www.aneby.se/led'></head><body><main>"
        "<h1>Ny led</h1><p>Leden byggs i skogen.</p></main></body></html>"
    )
    [record] = parse_document(_doc("html", "x", blocks, url))
    assert (record.kommuner, record.kommun_signal) == (["Aneby"], "url")


def test_running_footer_at_page_edges_and_one_page_letterhead():
    two_pages = (
        "Rubrik\nText om leden.\nTranås kommun · Box 1, 573 82 Tranås\n\n"
        "Mer text om leden.\nTranås kommun · Box 1, 573 82 Tranås"
    )
    body, removed = strip_running_lines(two_pages)
    assert "Box 1" not in body and "Box 1" in removed
    body, _ = strip_running_lines("Tranås Energi AB | Slutrapport\nRubrik\nText.")
    assert body.startswith("Rubrik")
    # In scraped text the blank-line parts are paragraphs, not pages.
    assert "Tranås kommun" in strip_running_lines("Tranås kommun\nA\n\nTranås kommun", False)[0]


def test_viewer_toolbar_with_a_file_size_is_chrome():
    assert is_chrome_line("Ladda ner PDF (300 kB)   Skriv ut   Dela")


def test_decision_sections_with_a_lowercase_grantee():
    text = (
        "Protokoll\n\n§ 7\nAnsökan om bidrag till bygdegården\n"
        "Kommunstyrelsen beslutar att bevilja Norrby hembygdsförening 40 000 kronor.\n\n"
        "§ 8\nStöd till projektet Ny led\n"
        "Kommunstyrelsen beslutar att bevilja Tranås Skidklubb 25 000 kronor.\n\n"
        "§ 9\nVal av justerare\nKim Ek utses."
    )
    records = parse_document(_doc("txt", text))
    assert [(r.title, r.owner, r.budget_sek) for r in records] == [
        ("Ansökan om bidrag till bygdegården", "Norrby hembygdsförening", 40_000),
        ("Ny led", "Tranås Skidklubb", 25_000),
    ]


def _text_doc(text: str, fmt: str = "txt"):
    from stodkollen.records import Document

    return Document(source="x.txt", text=text, content_hash="0", fmt=fmt)


def test_a_scraped_table_with_one_cell_per_line_gives_one_record_per_row():
    text = (
        "Beviljad bygdepeng 2024\n\nSökande\nProjekt\nBy\nBeviljat\n"
        "Fränsta Byaråd\nJulmarknad på torget\nFränsta\n25 000\n"
        "Erikslunds Skoterklubb\nNy ledbro över Ljungan\nErikslund\n50 000\nSumma\n75 000\n"
    )
    records = parse_document(_text_doc(text))
    assert [(r.title, r.owner, r.budget_sek, r.kommuner) for r in records] == [
        ("Julmarknad på torget", "Fränsta Byaråd", 25000, ["Ånge"]),
        ("Ny ledbro över Ljungan", "Erikslunds Skoterklubb", 50000, ["Ånge"]),
    ]


def test_a_pdf_table_row_with_its_columns_run_together_is_split():
    from ingest.structure import unflatten_tables

    text = (
        "Sökande Projekt Ort Beviljat (kr)\n"
        "Klövsjö Byalag Belysning vid skidspåret Klövsjö 85 000\n"
        "Myrvikens IF Utegym vid idrottsplatsen Myrviken 95 000\n"
    )
    out = unflatten_tables(text)
    assert (
        "Belysning vid skidspåret\nSökande: Klövsjö Byalag\nOrt: Klövsjö\nBeviljat: 85 000 kr"
        in out
    )
    assert "Sökande: Myrvikens IF" in out


def test_grant_lines_title_first_and_labels_on_their_own_line():
    from ingest.structure import join_fact_labels

    text = (
        "Beviljade projekt 2024\n\n"
        "Fiberkollen Saxdalen – Saxdalens Byalag – 88 000 kr\n"
        "Söderbärke Scenkonst – Kulturföreningen Bärkehus – 176 000 kr\n"
    )
    records = parse_document(_text_doc(text))
    assert [(r.title, r.owner, r.budget_sek) for r in records] == [
        ("Fiberkollen Saxdalen", "Saxdalens Byalag", 88000),
        ("Söderbärke Scenkonst", "Kulturföreningen Bärkehus", 176000),
    ]
    assert (
        join_fact_labels("Projektägare\nSaxnäs Byaförening") == "Projektägare: Saxnäs Byaförening"
    )


def test_applied_amounts_are_no_budget_and_prose_funders_end_at_a_clause():
    from ingest.metadata import find_funders

    assert find_budget("Sökt stöd: 210 000 kr. LAG prioriterar ansökan med 180 000 kr.") == 180000
    text = "Föreningen får dessutom bidrag från Leader Norrland, och resten betalar byborna själva."
    assert find_funders(text) == ["Leader Norrland"]


def test_list_records_carry_the_pages_title_and_intro_in_their_header_not_their_text():
    # Split into projects, a decision list would lose what the list is (whose meeting, when):
    # each record's context header, which is embedded and indexed, keeps it.
    records = parse_document(
        _html_doc(
            "<h1>Beslut om stöd – LAG-möte 12 mars 2024</h1>"
            "<p>LAG för Leader Fjällriket sammanträdde den 12 mars 2024 i Vansbro. Fem "
            "ansökningar behandlades.</p><ul>"
            "<li>Tranås kommun – <em>Led A</em> – 120 000 kr</li>"
            "<li>Byalaget Norr ideell förening – <em>Bygdegården</em> – 45 000 kr</li></ul>"
        )
    )
    assert _titles(records) == ["Led A", "Bygdegården"]
    for r in records:
        assert r.context == (
            "Beslut om stöd – LAG-möte 12 mars 2024. "
            "LAG för Leader Fjällriket sammanträdde den 12 mars 2024 i Vansbro."
        )
        assert "Fjällriket" not in r.text
        [chunk] = chunk_project(r, "hash", 120, 20)
        assert "Leader Fjällriket" in embedding_text(chunk) and "Fjällriket" not in chunk.text
        # BM25 counts the record's own words and the context's names only: the context's
        # common words, in every record of the page, would skew the word weights.
        own = embedding_text(chunk).replace(f" · {r.context}", "")
        assert lexical_text(chunk) == own.replace("\n", " · Leader Fjällriket Vansbro\n", 1)


def test_a_single_record_page_has_no_list_context():
    [record] = parse_document(
        _html_doc("<h1>Led A</h1><p>Projektet drivs av Tranås kommun under 2021-2022.</p>")
    )
    assert record.context == ""


def test_text_list_records_carry_the_pages_context():
    text = (
        "Projekt vi driver\n\nKommunen deltar i flera externt finansierade projekt.\n\n"
        "Led A\n\nProjektägare: Tranås kommun\nBudget: 1 000 000 kr\n\n"
        "Led B\n\nProjektägare: Aneby kommun\nBudget: 2 000 000 kr\n"
    )
    records = [r for r in parse_document(_doc("txt", text)) if r.kind == "project"]
    assert len(records) == 2
    assert all(
        "Kommunen deltar i flera externt finansierade projekt." in r.context for r in records
    )
