"""Writes gold.jsonl for the sixth held-out set (heldout6) and checks it against the pages.

Run: .venv/bin/python eval/pages/heldout6/make_gold.py   (after make_pdfs.py)

Checks, per page: every furniture string, every record title, owner and funder, and every contact's
name, e-mail and phone number occur in the page's visible text (HTML without head, scripts and tags,
Markdown without front matter, link targets and emphasis marks, PDF text as pypdf extracts it;
whitespace collapsed). Values the page never writes out because they are deduced from a domain
(r05: the kommun appears only in e-mail addresses and the canonical URL) are listed in DEDUCED and
exempt. Also: periods are YYYY-MM with start <= end, budgets are positive ints, kinds are known,
every record has a kommun, every page file has a gold object (and vice versa), and no furniture
string longer than 8 characters sits inside a record's values.
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import pypdf

H = Path(__file__).resolve().parent

KINDS = {"project", "article", "offer", "page", "leader_area"}

# (page, value) pairs that are deduced, not written on the page
DEDUCED = {
    ("r05_lagesbild-pagaende-insatser.html", "Åtvidabergs kommun"),
}


def rec(title, owner, start, end, budget, funders, kommuner, contacts=(), kind="project"):
    return {"kind": kind, "title": title, "owner": owner, "period_start": start, "period_end": end,
            "budget_sek": budget, "funders": list(funders), "kommuner": list(kommuner),
            "contacts": list(contacts)}


def person(name, email=None, *phones):
    return {"name": name, "email": email, "phones": list(phones)}


GOLD = [
    # ------------------------------------------------------------------------------------------
    {
        "page": "r01_jamfor-landsbygdsprojekt-varberg.html",
        "layout": "projects_as_columns_table",
        "url": "https://www.varberg.se/naringsliv-och-arbete/landsbygd/jamfor-landsbygdsprojekten",
        "records": [
            rec("Träslövsläge Hamnbod", "Föreningen Träslövslägets Hamn", "2025-03", "2026-06", 1480000,
                ["Varbergs kommun", "Leader Kust och Ås Halland", "Föreningen Träslövslägets Hamn"], ["Varberg"],
                [person("Pernilla Ahlgren", "pernilla@hamnbodentraslov.se", "0340-64 12 90")]),
            rec("Veddige Bygdeskafferi", "Veddige Handelsförening ekonomisk förening", "2025-01", "2026-12", 2300000,
                ["Varbergs kommun", "Region Halland", "Jordbruksverket"], ["Varberg"],
                [person("Jonas Wikström", None, "073-420 19 55")]),
            rec("Tvååker Cykelslinga", "Tvååkers Sockenråd", "2025-08", "2027-10", 860000,
                ["Varbergs kommun", "Region Halland"], ["Varberg"],
                [person("Ingrid Fält", "ingrid.falt@tvaakerssockenrad.se")]),
        ],
        "furniture": [
            "Hoppa till innehållet",
            "Vi använder kakor (cookies) för att webbplatsen ska fungera och för att förstå hur den används.",
            "Tillåt alla kakor", "Bara nödvändiga", "Läs om kakor",
            "Lyssna", "Skriv ut", "Dela sidan",
            "Hittade du det du letade efter?",
            "Sidan uppdaterades 14 januari 2026",
            "Kontaktcenter 0340-69 71 00",
            "Följ oss: Facebook · Instagram · LinkedIn",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r02_fem-fragor-glasverkstad-pukeberg.html",
        "layout": "interview_qa_single",
        "url": "https://www.nybro.se/nyheter/2025/fem-fragor-om-oppen-glasverkstad-pukeberg",
        "records": [
            rec("Fem frågor om Öppen glasverkstad Pukeberg", "Hyttvänner i Pukeberg", "2025-02", "2026-12", 1260000,
                ["Leader Sydostskogen", "Nybro kommun", "Hyttvänner i Pukeberg"], ["Nybro"],
                [person("Hedvig Sandberg", "hedvig@hyttvanner.se", "072-514 38 06")], kind="article"),
        ],
        "furniture": [
            "Nödvändiga kakor gör att sidan fungerar. Med ditt samtycke använder vi även kakor för statistik.",
            "Godkänn statistikkakor",
            "Translate",
            "Publicerad 14 maj 2025 · Text: Oskar Malm",
            "Foto: Ebba Rydell",
            "Dela: Facebook LinkedIn Kopiera länk",
            "Fler nyheter",
            "Sommarlovsaktiviteterna är här",
            "Ny cykelbana längs Kvarnvägen",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r03_starthjalpen-vetlanda.html",
        "layout": "offer_with_calculator",
        "url": "https://www.vetlanda.se/foretagare/starta-foretag/starthjalpen",
        "records": [
            rec("Starthjälpen – bidrag till nya företag", "Vetlanda kommun", None, None, None,
                ["Vetlanda kommun", "Region Jönköpings län"], ["Vetlanda"],
                [person("Fredrik Almqvist", "fredrik.almqvist@vetlanda.se", "0383-974 22")], kind="offer"),
        ],
        "furniture": [
            "Vi sparar kakor för att mäta besök och förbättra webbplatsen.",
            "Mer om kakor", "Jag förstår",
            "Lättläst", "Talande webb", "Languages",
            "Startsida › Företagare › Starta företag › Starthjälpen",
            "Välj en ledig tid nedan",
            "tis 10 feb 09:00 tis 10 feb 13:30 tors 12 feb 10:00",
            "Fler tider",
            "Till e-tjänsten",
            "Senast granskad: 2 februari 2026",
            "Telefon växel 0383-972 00",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r04_news-live-and-work-alvdalen.html",
        "layout": "english_blog_index_teasers",
        "url": "https://www.alvdalen.se/en/live-and-work/news",
        "records": [
            rec("Särna Makerspace gets the green light", "Särna Bygdeutveckling ekonomisk förening", "2026-01",
                "2027-06", 1900000,
                ["Leader Fjällbygd Dalarna", "Älvdalen Municipality", "Särna Bygdeutveckling ekonomisk förening"],
                ["Älvdalen"], [person("Karin Ohlsson", "karin@sarnamakerspace.se")], kind="article"),
            rec("Can Idre house its winter staff?", "Idrefjällets Arbetsgivarnätverk", "2026-03", "2026-11", 640000,
                ["Region Dalarna", "Idrefjällets Arbetsgivarnätverk", "Älvdalen Municipality"], ["Älvdalen"],
                [person("Mats Höglund", None, "+46 70 284 51 93")], kind="article"),
        ],
        "furniture": [
            "This website uses cookies to remember your settings and to count visits. You can change your choice at any time.",
            "Accept all", "Only necessary", "Cookie settings",
            "Filter: All Projects Events Jobs",
            "Posted by Elin Mattsson", "Posted by Jakob Frost",
            "Read more →",
            "Page 1 of 6", "Older posts",
            "Get our stories once a month.",
            "Projects (24) · Events (31) · Jobs (12) · Housing (9) · Särna (14) · Idre (17)",
            "Switchboard +46 251 597 00",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r05_lagesbild-pagaende-insatser.html",
        "layout": "dashboard_progress_cards_kommun_in_domain",
        "url": "https://naringsliv.atvidaberg.se/lagesbild/pagaende-insatser",
        "records": [
            rec("Lokalt servicenav i Grebo", "Grebo Samhällsförening", "2025-03", "2026-08", 980000,
                ["Länsstyrelsen Östergötland", "Åtvidabergs kommun"], ["Åtvidaberg"],
                [person("Rolf Enqvist", None, "070-655 21 08")]),
            rec("Digitalt kompetenslyft för handeln", "Åtvidabergs kommun", "2025-09", "2027-02", 1450000,
                ["Europeiska regionala utvecklingsfonden", "Åtvidabergs kommun"], ["Åtvidaberg"],
                [person("Jenny Asplund", "jenny.asplund@atvidaberg.se", "0120-835 77")]),
            rec("Vandringsleder i Björsäter", "Björsäters Ledförening", "2024-10", "2026-05", 540000,
                ["Leader Östgöta Mellanbygd", "Åtvidabergs kommun"], ["Åtvidaberg"],
                [person("Lars-Göran Pihl", None, "073-312 90 47")]),
        ],
        "furniture": [
            "Vi använder bara nödvändiga kakor på den här webbplatsen.",
            "Senaste avstämning: 20 januari 2026",
            "© 2026",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r06_serveringstillstand-horby.html",
        "layout": "service_fees_table_html",
        "url": "https://www.horby.se/foretagare/tillstand-och-regler/serveringstillstand",
        "records": [
            rec("Serveringstillstånd", None, None, None, None, [], ["Hörby"],
                [person("Sofie Brandt", "sofie.brandt@horby.se", "0415-378 62")], kind="page"),
        ],
        "furniture": [
            "Gå direkt till innehåll",
            "Vissa är nödvändiga, andra hjälper oss att förbättra webbplatsen.",
            "Acceptera", "Inställningar",
            "Lyssna", "Translate",
            "Fick du svar på din fråga?",
            "Senast uppdaterad: 8 januari 2026",
            "Medborgarservice 0415-378 00",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r07_nyhetsbrev-leader-mjorn-och-saveaan.txt",
        "layout": "plain_text_email_newsletter",
        "url": None,
        "records": [
            rec("Floda Stationshus – kulturhus året runt", "Föreningen Floda Stationshus", "2026-01", "2027-12",
                1120000, ["Leader Mjörn och Säveån", "Lerums kommun", "Föreningen Floda Stationshus"], ["Lerum"],
                [person("Anneli Borg", None, "0302-158 40")]),
            rec("Sollebrunns Ungdomsverkstad", "Föreningen Unga i Sollebrunn", "2026-02", "2027-01", 310000,
                ["Leader Mjörn och Säveån"], ["Alingsås"]),
            rec("Fiskeguider på Mjörn", "Gråbo Fritidsfiske ekonomisk förening", "2026-01", "2026-06", 455000,
                ["Leader Mjörn och Säveån", "Alingsås kommun", "Gråbo Fritidsfiske ekonomisk förening"],
                ["Lerum", "Alingsås"], [person("Tomas Kjellberg", "tomas@grabofritidsfiske.se")]),
        ],
        "furniture": [
            "Från: Leader Mjörn och Säveån <nyhetsbrev@leadermjornsaveaan.se>",
            "Till: prenumeranter@leadermjornsaveaan.se",
            "Visa nyhetsbrevet i webbläsaren [1]",
            "Läs mer [2]", "Läs mer [3]", "Läs mer [4]",
            "Länkar i detta nyhetsbrev:",
            "Leader finansieras av Europeiska unionen och svenska staten via Jordbruksverket.",
            "Du får det här brevet eftersom du har anmält dig till Leader Mjörn och Säveåns nyhetsbrev.",
            "Avsluta prenumerationen: https://leadermjornsaveaan.se/avregistrera",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r08_naringslivsdagen-2025-presentation-enkoping.txt",
        "layout": "slide_deck_text_with_notes",
        "url": None,
        "records": [
            rec("Grillby Matnod", "Grillby Lantbrukarförening ekonomisk förening", "2025-04", "2027-03", 2100000,
                ["Europeiska regionala utvecklingsfonden", "Region Uppsala", "Enköpings kommun"], ["Enköping"],
                [person("Sara Wennberg", "sara@grillbymatnod.se")]),
            rec("Företagshus i Örsundsbro – förstudie", "Örsundsbro Företagarförening", "2025-08", "2026-02", 380000,
                ["Länsstyrelsen i Uppsala län", "Enköpings kommun"], ["Enköping"],
                [person("Ylva Bergqvist", "ylva.bergqvist@enkoping.se")]),
            rec("Sommarföretagare i Fjärdhundra", "Enköpings kommun", "2025-06", "2026-08", 640000,
                ["Stiftelsen Fjärdhundrafonden", "Enköpings kommun"], ["Enköping"]),
        ],
        "furniture": [
            "Naringslivsdagen_2025_landsbygd_v3.pptx – exporterad som text med anteckningar",
            "Enköpings kommun | Näringslivsdagen 13 november 2025",
            "[Bild: karta med 23 anslutna gårdar]",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r09_svar-pa-interpellation-landsbygden-vingaker.txt",
        "layout": "interpellation_answer_text",
        "url": None,
        "records": [
            rec("Bruksminnen Högsjö", "Högsjö Bruksförening", "2025-05", "2026-09", 720000,
                ["Vingåkers kommun", "Leader Sörmlands Sjörike", "Högsjö Bruksförening"], ["Vingåker"],
                [person("Gunnel Ström", None, "070-248 16 93")]),
            rec("Baggetorps Bytorg", "Baggetorps Byalag", "2025-01", "2025-12", 260000,
                ["Vingåkers kommun", "Länsstyrelsen i Södermanlands län"], ["Vingåker"]),
            rec("Marmorbyns Vandringsled", "Marmorbyns Intresseförening", "2025-08", "2026-06", 390000,
                ["Vingåkers kommun", "Marmorbyns Intresseförening"], ["Vingåker"]),
        ],
        "furniture": [
            "Hoppa till sidans innehåll",
            "Start / Kommun och politik / Kommunfullmäktige / Interpellationer och frågor / Svar på interpellation om landsbygdens projekt",
            "Lyssna", "Skriv ut",
            "Sidan publicerades 30 oktober 2025",
            "Hjälpte informationen dig?",
            "Kontaktcenter 0151-193 00",
            "Följ oss på Facebook",
            "Till toppen",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r10_platsannons-projektledare-gardskar.txt",
        "layout": "job_ad_project_text",
        "url": None,
        "records": [
            rec("Besöksnäring Gårdskär året runt", "Föreningen Gårdskärs Kustbygd", "2026-03", "2028-02", 2460000,
                ["Leader Dalälvens Mynning", "Europeiska havs-, fiskeri- och vattenbruksfonden", "Älvkarleby kommun",
                 "Föreningen Gårdskärs Kustbygd"], ["Älvkarleby"],
                [person("Bengt Söderlund", "bengt.soderlund@gardskarskustbygd.se", "070-381 26 54")]),
        ],
        "furniture": [
            "Jobbkusten.se – lediga jobb i Gävleborg och norra Uppland",
            "Logga in Mina sparade jobb För arbetsgivare",
            "Sök jobb: [ yrke, ort eller företag ] Sök",
            "Lediga jobb > Uppsala län > Älvkarleby > Projektledare",
            "Spara annons Dela Skriv ut Annons-ID 8840213",
            "Vi undanber oss kontakt med rekryteringsföretag och försäljare av annonser.",
            "Liknande jobb",
            "Turistinformatör, säsong – Skutskär",
            "Alla annonser granskas innan publicering",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r11_oppna-data-projektregister-ronneby.md",
        "layout": "md_long_format_open_data_table",
        "url": "https://www.ronneby.se/kommun-och-politik/oppna-data/projektregister-landsbygd",
        "records": [
            rec("Kallinge Aktivitetspark", "Kallinge Fritidsförening", "2025-04", "2026-10", 1350000,
                ["Ronneby kommun", "Allmänna arvsfonden"], ["Ronneby"],
                [person("Emir Hadžić", "emir.hadzic@kallingefritid.se", "0457-291 63")]),
            rec("Bräkne-Hoby Hantverkshus", "Bräkne-Hoby Hantverksgille ekonomisk förening", "2025-09", "2027-08",
                960000, ["Ronneby kommun", "Leader Ronnebyån", "Bräkne-Hoby Hantverksgille ekonomisk förening"],
                ["Ronneby"], [person("Maria Lindell", None, "070-662 48 15")]),
            rec("Johannishus Byaservice", "Johannishus Samhällsförening", "2026-01", "2026-12", 420000,
                ["Ronneby kommun", "Länsstyrelsen Blekinge län"], ["Ronneby"]),
        ],
        "furniture": [
            "Hoppa till innehållet",
            "Start › Kommun och politik › Öppna data › Projektregister för landsbygdsutveckling",
            "Ladda ner: CSV · JSON · Beskrivning av fälten",
            "Visar 34 av 34 rader.",
            "Var den här sidan till hjälp?",
            "Om webbplatsen · Tillgänglighet · Kakor",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r12_mal-och-budget-2026-naringsliv-nynashamn.md",
        "layout": "md_budget_document_investments",
        "url": None,
        "records": [
            rec("Sorunda Servicepunkt", "Sorunda Bygderåd", "2026-01", "2027-12", 1600000,
                ["Region Stockholm", "Länsstyrelsen i Stockholms län", "Nynäshamns kommun"], ["Nynäshamn"]),
            rec("Ösmo Företagspark – förstudie", "Nynäshamns kommun", "2026-01", "2026-06", 450000,
                ["Nynäshamns kommun"], ["Nynäshamn"]),
            rec("Båtbuss Nynäshamn–Torö, pilot", "Södertörns Skärgårdsförening", "2026-05", "2027-09", 2200000,
                ["Region Stockholm", "Nynäshamns kommun"], ["Nynäshamn"]),
        ],
        "furniture": [
            "Nynäshamns kommun · Mål och budget 2026 med plan för 2027–2028 · Beslutad av kommunfullmäktige 20 november 2025, § 143",
            "Sida 14 av 38",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r13_gotenepodden-avsnitt-12-kinnekulle-aret-runt.md",
        "layout": "md_podcast_show_notes",
        "url": "https://www.gotene.se/podd/avsnitt-12-kinnekulle-aret-runt",
        "records": [
            rec("Kalkbrottsvandringar Hällekis", "Föreningen Hällekis Stenbrottsvänner", "2025-04", "2026-10", 880000,
                ["Leader Vänerkulle", "Götene kommun", "Föreningen Hällekis Stenbrottsvänner"], ["Götene"],
                [person("Frida Axelsson", "frida@stenbrottsvanner.se")]),
            rec("Vinteröppet i Lundsbrunn", "Lundsbrunns Utvecklingsgrupp ekonomisk förening", "2025-12", "2027-03",
                1200000, ["Västra Götalandsregionen", "Götene kommun"], ["Götene"],
                [person("Patrik Ström", None, "0511-307 42")]),
        ],
        "furniture": [
            "Götene kommun › Götenepodden › Avsnitt 12",
            "Götenepodden · Publicerad 2 oktober 2025 · 34 min",
            "▶ Spela avsnittet · Ladda ner (MP3, 31 MB)",
            "Prenumerera: Spotify · Apple Podcasts · RSS",
            "Programledare: Niklas Öberg, kommunikatör på Götene kommun",
            "Producent: Lovisa Hed",
            "Läs hela transkriptionen av avsnitt 12",
            "Tipsa oss om ett ämne: podden.redaktion@gotene.se",
            "Ansvarig utgivare: Kommunikationschefen, Götene kommun",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r14_ksau-protokoll-vanersborg-2025-12-03.pdf",
        "layout": "att_clauses_with_appendix_pdf",
        "url": None,
        "records": [
            rec("Ny scen i Brålanda bygdegård", "Brålanda Bygdegårdsförening", "2026-02", "2026-11", 412000,
                ["Vänersborgs kommun", "Boverket", "Brålanda Bygdegårdsförening"], ["Vänersborg"],
                [person("Inger Sjöström", None, "0521-221 84")]),
            rec("Frändefors Kulturstig", "Frändefors Sockenråd", "2026-04", "2026-09", 168000,
                ["Vänersborgs kommun", "Frändefors Sockenråd"], ["Vänersborg"],
                [person("Mats Ekelund", "mats.ekelund@frandeforssockenrad.se")]),
            rec("Digital guide till Vargöns industriminnen", "Föreningen Vargöns Industriminnen", "2026-01",
                "2027-06", 540000,
                ["Vänersborgs kommun", "Västra Götalandsregionen", "Föreningen Vargöns Industriminnen"],
                ["Vänersborg"], [person("Hassan Jaber", None, "070-914 27 36")]),
            rec("Laddstolpar vid bygdegården i Gestad", "Gestads Framtidsgrupp", "2026-03", "2026-08", 120000,
                ["Vänersborgs kommun", "Gestads Framtidsgrupp"], ["Vänersborg"]),
        ],
        "furniture": [
            "VÄNERSBORGS KOMMUN Kommunstyrelsens arbetsutskott Sammanträdesprotokoll 2025-12-03",
            "Justerandes sign ________ Utdragsbestyrkande ________",
            "Sida 1 av 3", "Sida 2 av 3", "Sida 3 av 3",
            "Protokollet är justerat. Justeringen har tillkännagivits genom anslag på kommunens digitala anslagstavla.",
        ],
    },
    # ------------------------------------------------------------------------------------------
    {
        "page": "r15_laxa-kommun-informerar-vecka-6-2026.pdf",
        "layout": "kommun_info_sheet_boxes_pdf",
        "url": None,
        "records": [
            rec("Finnerödja får ett servicehus", "Ramundeboda Bygdeförening", "2026-03", "2027-02", 1050000,
                ["Länsstyrelsen i Örebro län", "Laxå kommun", "Leader Skagernbygden"], ["Laxå"],
                [person("Ove Lindgren", None, "0584-120 93")], kind="article"),
            rec("Pumptrack i Hasselfors klar till midsommar", "Föreningen Hasselfors Aktiv", "2026-04", "2026-06",
                380000, ["Allmänna arvsfonden", "Laxå kommun"], ["Laxå"], kind="article"),
        ],
        "furniture": [
            "ANNONS",
            "Laxå kommun · Kontaktcenter 0584-471 00 · www.laxa.se · Följ oss på Facebook",
        ],
    },
]


def visible_text(path: Path) -> str:
    if path.suffix == ".pdf":
        text = "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages)
    else:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", text)
            text = re.sub(r"<[^>]+>", " ", text)
            text = html.unescape(text)
        elif path.suffix == ".md":
            text = re.sub(r"(?s)\A---\n.*?\n---\n", " ", text)  # front matter is not visible text
            text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
            text = text.replace("**", "").replace("*", " ").replace("`", "")
    return re.sub(r"\s+", " ", text)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def main() -> int:
    problems: list[str] = []
    pages = {p.name for p in H.iterdir() if re.match(r"r\d\d_", p.name)}
    gold_pages = {g["page"] for g in GOLD}
    if pages != gold_pages:
        problems.append(f"pages without gold or gold without page: {sorted(pages ^ gold_pages)}")
    for g in GOLD:
        path = H / g["page"]
        if not path.exists():
            continue
        text = visible_text(path)
        for f in g["furniture"]:
            if norm(f) not in text:
                problems.append(f"{g['page']}: furniture not in page: {f!r}")
        for r in g["records"]:
            if r["kind"] not in KINDS:
                problems.append(f"{g['page']}: unknown kind {r['kind']!r}")
            values = [r["title"]] + ([r["owner"]] if r["owner"] else []) + r["funders"]
            for c in r["contacts"]:
                values += [c["name"]] + ([c["email"]] if c["email"] else []) + c["phones"]
            for v in values:
                if (g["page"], v) in DEDUCED:
                    continue
                if norm(v) not in text:
                    problems.append(f"{g['page']}: value not in page: {v!r}")
            for key in ("period_start", "period_end"):
                if r[key] is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", r[key]):
                    problems.append(f"{g['page']}: bad {key} {r[key]!r}")
            if r["period_start"] and r["period_end"] and r["period_start"] > r["period_end"]:
                problems.append(f"{g['page']}: period start after end in {r['title']!r}")
            if r["budget_sek"] is not None and (not isinstance(r["budget_sek"], int) or r["budget_sek"] <= 0):
                problems.append(f"{g['page']}: bad budget in {r['title']!r}")
            if not r["kommuner"]:
                problems.append(f"{g['page']}: no kommun in {r['title']!r}")
            fields = json.dumps(r, ensure_ascii=False)
            for f in g["furniture"]:
                if len(f) > 8 and f in fields:
                    problems.append(f"{g['page']}: furniture string inside a record: {f!r}")
    with open(H / "gold.jsonl", "w", encoding="utf-8") as out:
        for g in GOLD:
            out.write(json.dumps(g, ensure_ascii=False) + "\n")
    n = sum(len(g["records"]) for g in GOLD)
    print(f"wrote {len(GOLD)} pages, {n} records to {H / 'gold.jsonl'}")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
