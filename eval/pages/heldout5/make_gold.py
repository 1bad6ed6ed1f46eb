"""Writes gold.jsonl for heldout5 and checks that furniture strings and record values occur in the pages.

Run: .venv/bin/python eval/pages/heldout5/make_gold.py   (after make_pdfs.py)

Checks, per page: every furniture string, every record title, owner and funder, and every contact's
name, e-mail and phone number occur in the page's visible text (HTML without tags, Markdown
without front matter, link syntax and emphasis, PDF text as pypdf extracts it; whitespace collapsed).
Values that the page wraps across the cells of a text-rendered table (p10) are listed in WRAPPED and
checked word by word instead. Also: periods are YYYY-MM and start <= end, budgets are positive ints,
kind is known, every page has a gold object, and no furniture string (longer than 8 characters)
sits inside a record.
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

# values that p10's text-browser table breaks over several lines with other cells in between
WRAPPED = {
    "Nya frysdiskar och LED-belysning i butiken",
    "Servicepunkt med paketombud, kaffehörna och laddplats",
    "Tillbyggnad av lager och ny lastkaj",
    "Loftahammars Livs AB",
    "Totebo Bygdeservice ekonomisk förening",
}


def rec(title, owner, start, end, budget, funders, kommuner, contacts=(), kind="project"):
    return {
        "kind": kind,
        "title": title,
        "owner": owner,
        "period_start": start,
        "period_end": end,
        "budget_sek": budget,
        "funders": list(funders),
        "kommuner": list(kommuner),
        "contacts": list(contacts),
    }


def person(name, email=None, *phones):
    return {"name": name, "email": email, "phones": list(phones)}


def page_rec(title, kommuner, contacts=()):
    return rec(title, None, None, None, None, [], kommuner, contacts, kind="page")


GOLD = [
    {
        "page": "p01_naringsliv-och-arbete-timra.html",
        "layout": "startpage_partner_figcaptions",
        "url": "https://www.timra.se/naringsliv-och-arbete.html",
        "records": [
            rec("Hamnkraft Timrå", "Mittkustens Logistikförening", "2024-01", "2027-12", 9600000,
                ["Europeiska regionala utvecklingsfonden", "Region Västernorrland", "Timrå kommun"], ["Timrå"]),
            rec("Matlyftet Timrå", "Timrå kommun", "2025-09", "2027-08", 3450000,
                ["Leader Medelpadskusten", "Timrå kommun"], ["Timrå"],
                [person("Johanna Sjölander", None, "060-16 33 72")]),
        ],
        "furniture": [
            "Timrå kommun använder kakor (cookies) för att webbplatsen ska fungera och för att se vilka sidor "
            "som besöks mest.",
            "Godkänn alla kakor", "Anpassa inställningar", "Hoppa till sidans innehåll", "Lyssna", "Translate",
            "Lättläst", "Foto: Mikael Strand", "Senast uppdaterad: 2 februari 2026", "Dela sidan", "Skriv ut",
            "Fick du den information du behövde?", "Prenumerera på nyhetsbrevet för företagare",
            "Växel: 060-16 30 00 · timra.kommun@timra.se", "Tillgänglighetsredogörelse",
            "Så hanterar vi personuppgifter", "Om kakor",
        ],
    },
    {
        "page": "p02_bygdelyftet-leader-bergslagsbygd.html",
        "layout": "umbrella_microgrants_unlabelled_owner",
        "url": "https://leaderbergslagsbygd.se/projekt/bygdelyftet/",
        "records": [
            rec("Bygdelyftet – småprojekt i bygden", "Leader Bergslagsbygd", "2025-01", "2026-12", 420000,
                ["Leader Bergslagsbygd", "Lindesbergs kommun", "Nora kommun"], ["Lindesberg", "Nora"],
                [person("Annika Hedström", "annika@leaderbergslagsbygd.se", "0580-182 40")]),
            rec("Ny scenbelysning i Folkets park", "Fellingsbro Folkparksförening", "2025-04", "2025-06", 28400,
                ["Leader Bergslagsbygd", "Fellingsbro Folkparksförening"], ["Lindesberg"]),
            rec("Vandringskarta för Ramsberg", "Ramsbergs Hembygdsförening", "2025-05", "2026-03", 24900,
                ["Leader Bergslagsbygd", "Ramsbergs Hembygdsförening"], ["Lindesberg"]),
            rec("Bastuflotte vid badplatsen i Gyttorp", "Gyttorps Byalag", "2025-08", "2025-10", 30000,
                ["Leader Bergslagsbygd", "Gyttorps Byalag"], ["Nora"]),
        ],
        "furniture": [
            "Vi använder cookies för att se hur sidorna används. Inga uppgifter lämnas vidare.", "Okej",
            "Bara nödvändiga", "Läs mer om cookies", "Hoppa till innehåll",
            "Publicerad 11 november 2025 | Uppdaterad 20 januari 2026", "Bild: Leader Bergslagsbygd",
            "Dela detta:", "18 mars 2026 – LAG-möte i Frövi",
            "22 april 2026 – Informationsträff om projektstöd, Nora", "Senaste nytt",
            "Fem beslut på januarimötet", "Kontoret stänger över jul",
            "Leader Bergslagsbygd finansieras av Europeiska unionen", "© 2026 Leader Bergslagsbygd | Tema: Astra",
        ],
    },
    {
        "page": "p03_nyhet-utvecklingsmedel-region-jonkopings-lan.html",
        "layout": "news_decision_sentences_percent",
        "url": "https://utveckling.rjl.se/nyheter/2026/tre-projekt-far-regionala-utvecklingsmedel/",
        "records": [
            rec("Verkstadsskolan i Gislaved", "Gislaveds kommun", "2026-03", "2028-02", 2850000,
                ["Region Jönköpings län", "Gislaveds kommun", "Gislaveds Industriförening"], ["Gislaved"],
                kind="article"),
            rec("Mullsjö Cykelnav", "Föreningen Mullsjö Stigcyklister", "2026-01", "2026-12", 380000,
                ["Region Jönköpings län"], ["Mullsjö"], kind="article"),
            rec("Vätterbranternas besöksnätverk", "Habo Turism ekonomisk förening", "2026-04", "2028-03", 1230000,
                ["Region Jönköpings län", "Habo kommun"], ["Habo"], kind="article"),
        ],
        "furniture": [
            "Vissa kakor behövs för att webbplatsen ska fungera. Andra använder vi för statistik, men bara om du "
            "godkänner det.",
            "Godkänn statistikkakor", "Neka statistikkakor", "Till innehållet", "Lyssna", "A-Ö", "Other languages",
            "Publicerad: 2026-01-29", "Foto: Linnea Wahlberg", "Dela på Facebook", "Dela på LinkedIn",
            "Kopiera länk", "Sidan uppdaterades 2026-01-30", "Hittade du det du sökte?", "Telefon: 010-241 90 00",
            "Om webbplatsen",
        ],
    },
    {
        "page": "p04_eu-projects-munkedal.html",
        "layout": "english_partner_budget_table",
        "url": "https://www.munkedal.se/en/business-and-work/eu-projects.html",
        "records": [
            rec("Gullmarn Blue Food", "Munkedal Municipality", "2025-09", "2028-08", 11600000,
                ["Interreg Öresund-Kattegat-Skagerrak", "Västra Götalandsregionen", "Munkedal Municipality",
                 "Hvaler kommune"], ["Munkedal"],
                [person("Sara Björklund", "sara.bjorklund@munkedal.se", "+46 524 180 44"),
                 person("Ola Brekke", None, "+47 69 37 52 10")]),
            rec("Bohuslän Skills Bridge", "Stenungsund Municipality", "2026-01", "2027-12", 7800000,
                ["European Social Fund+", "Stenungsund Municipality", "Munkedal Municipality",
                 "Västkustens folkhögskola"], ["Stenungsund", "Munkedal"],
                [person("Amir Haddad", "amir.haddad@munkedal.se")]),
        ],
        "furniture": [
            "This website uses cookies. Some are needed for the site to work, others help us understand how the "
            "site is used.",
            "Accept all", "Necessary only", "Skip to content", "Svenska", "Last updated: 19 January 2026",
            "Print page", "Switchboard +46 524 180 00", "Accessibility statement", "About cookies",
        ],
    },
    {
        "page": "p05_femorehuvud-aret-runt.html",
        "layout": "single_facts_in_links_tables_footer",
        "url": "https://www.femorehuvud.se/om-projektet/",
        "records": [
            rec("Femörehuvud året runt", "Föreningen Femörehuvud Friluft", "2025-03", "2027-11", 1700000,
                ["Leader Sörmlandskust Öst", "Oxelösunds kommun", "Stiftelsen Kustbygdsfonden"], ["Oxelösund"],
                [person("Malin Öhrn", "malin@femorehuvud.se", "0155-26 41 90")]),
        ],
        "furniture": [
            "Vi använder bara kakor som behövs för att sidan ska fungera.", "Jag förstår", "Foto: Therese Wallin",
            "Följ oss på Instagram", "© 2026 Föreningen Femörehuvud Friluft",
        ],
    },
    {
        "page": "p06_grona-steget-kristinehamn.html",
        "layout": "offer_summary_card_checklist",
        "url": "https://www.kristinehamn.se/naringsliv/stod-och-radgivning/grona-steget.html",
        "records": [
            rec("Gröna steget – klimatcheck för småföretag", "Kristinehamns kommun", None, None, None,
                ["Kristinehamns kommun", "Region Värmland"], ["Kristinehamn"],
                [person("Ellinor Grahn", "ellinor.grahn@kristinehamn.se", "0550-881 34")], kind="offer"),
        ],
        "furniture": [
            "Kakor (cookies) hjälper oss att göra webbplatsen bättre. Du väljer själv vilka du godkänner.",
            "Jag godkänner alla", "Bara nödvändiga", "Till sidans innehåll", "Lyssna",
            "Startsida > Näringsliv > Stöd och rådgivning > Gröna steget", "Senast granskad: 14 januari 2026",
            "Var sidan till hjälp?", "Kommunens växel 0550-880 00", "Om webbplatsen", "Tillgänglighetsredogörelse",
        ],
    },
    {
        "page": "p07_projektbanken-esf-ovre-norrland.txt",
        "layout": "project_bank_fused_labels_text",
        "url": None,
        "records": [
            rec("Jobbväxeln Lycksele", "Lycksele kommun", "2025-03", "2027-12", 6480000,
                ["Europeiska socialfonden+", "Arbetsförmedlingen", "Region Västerbotten"], ["Lycksele"],
                [person("Henrik Mäkinen", "henrik.makinen@lycksele.se", "0950-373 18")]),
            rec("Sorsele Gröna Jobb", "Sorsele Sociala Företag ekonomisk förening", "2025-09", "2027-08", 1980000,
                ["Europeiska socialfonden+", "Sorsele kommun"], ["Sorsele"],
                [person("Lena Granström", "lena@sorselesocialaforetag.se", "070-318 44 27")]),
            rec("Inlandets Kompetensväg", "Region Västerbotten", "2026-01", "2028-12", 9330000,
                ["Europeiska socialfonden+", "Lycksele kommun", "Sorsele kommun"], ["Lycksele", "Sorsele"],
                [person("Kerstin Nordlund", "kerstin.nordlund@regionvasterbotten.se", "090-16 39 82")]),
        ],
        "furniture": [
            "Logotyp på utskrifter", "Hoppa till huvudinnehåll", "Startsida / Resultat / Projektbanken / Sökresultat",
            "Region: Övre Norrland", "Programområde: Alla", "Projektfas: Alla", "Visar 3 projekt",
            "Sortera på: Senast beviljade", "In English", "Till toppen", "Visar 3 av 3 projekt",
            "Prenumerera på nyheter från projektbanken", "Telefon: 08-579 171 90", "Tillgänglighetsredogörelse",
            "Behandling av personuppgifter",
        ],
    },
    {
        "page": "p08_forstudie-aret-runt-i-jakkvik.txt",
        "layout": "leader_post_aligned_labels_varav_lines",
        "url": None,
        "records": [
            rec("Förstudie – Året runt i Jäkkvik", "Jäkkviks Byaförening", "2025-10", "2026-06", 518400,
                ["Leader Silvervägen", "Arjeplogs kommun", "Jäkkviks Byaförening"], ["Arjeplog"],
                [person("Tomas Labba", "tomas.labba@jakkviksbyaforening.se")]),
        ],
        "furniture": [
            "Hoppa till innehåll", "Lokalt ledd utveckling längs Silvervägen",
            "Publicerat av: Mona Lindberg, 4 december, 2025", "Senaste inläggen", "LAG-möte 12 februari",
            "Nu kan du söka stöd för förstudier", "God jul från leaderkontoret",
            "Medfinansieras av Europeiska unionen", "© Leader Silvervägen 2025",
        ],
    },
    {
        "page": "p09_ledig-mark-och-lokaler-vadstena.txt",
        "layout": "service_plots_prices_text",
        "url": None,
        "records": [
            page_rec("Ledig mark och lokaler för företag", ["Vadstena"],
                     [person("Karin Åberg", "karin.aberg@vadstena.se", "0143-154 62")]),
        ],
        "furniture": [
            "Gå direkt till innehållet", "Lyssna", "Kontakta oss",
            "Du är här: Startsida / Näringsliv / Etablera företag / Ledig mark och lokaler",
            "Sidan uppdaterades: 2025-12-03", "Hjälpte informationen dig?", "Kontaktcenter: 0143-150 00",
            "Tillgänglighetsredogörelse", "Personuppgifter", "Till toppen",
        ],
    },
    {
        "page": "p10_beviljat-stod-kommersiell-service-kalmar-lan.txt",
        "layout": "text_browser_dump_wrapped_table",
        "url": None,
        "records": [
            rec("Nya frysdiskar och LED-belysning i butiken", "Loftahammars Livs AB", None, None, 412000,
                ["Länsstyrelsen i Kalmar län"], ["Västervik"]),
            rec("Servicepunkt med paketombud, kaffehörna och laddplats", "Totebo Bygdeservice ekonomisk förening",
                None, None, 685000, ["Länsstyrelsen i Kalmar län"], ["Västervik"]),
            rec("Tillbyggnad av lager och ny lastkaj", "Figeholms Handel AB", None, None, 940000,
                ["Länsstyrelsen i Kalmar län"], ["Oskarshamn"]),
        ],
        "furniture": [
            "Till innehållet", "Välj län Lyssna Lättläst Teckenspråk English",
            "Privatperson Företag Förening Kommun och myndighet Om oss",
            "Startsida > Kalmar > Företag > Landsbygd > Service på landsbygden > Beviljade stöd till service 2025",
            "Sidan uppdaterades: 15 januari 2026", "Hjälpte informationen på sidan dig? Ja Nej",
            "Telefon: 010-223 81 00", "Om webbplatsen Tillgänglighetsredogörelse Behandling av personuppgifter",
        ],
    },
    {
        "page": "p11_styrelseprotokoll-algaras-byalag.md",
        "layout": "association_board_minutes_md",
        "url": "https://www.algarasbyalag.se/2026/01/20/protokoll-styrelsemote-14-januari-2026/",
        "records": [
            rec("Bygdetorget i Älgarås", "Älgarås Byalag", "2026-03", "2027-10", 640000,
                ["Leader Tivedsbygden", "Töreboda kommun", "Älgarås Byalag"], ["Töreboda"],
                [person("Anneli Strömberg", None, "070-552 81 40")]),
            rec("Julbelysningen", "Älgarås Byalag", "2025-11", "2025-11", 31500,
                ["Töreboda kommun", "Älgarås Byalag"], ["Töreboda"]),
        ],
        "furniture": [
            "Hoppa till innehåll", "För en levande bygd mellan Tiveden och Göta kanal",
            "Postat den 20 januari 2026 av Sekreteraren", "Kategorier: Protokoll", "← Föregående inlägg",
            "Lämna en kommentar", "Du måste vara inloggad för att kunna skriva en kommentar.",
            "Sök på webbplatsen", "Senaste inläggen", "Tack för en fin julmarknad!",
            "© 2026 Älgarås Byalag · Drivs med WordPress",
        ],
    },
    {
        "page": "p12_landsbygdsprojekt-region-ostergotland.md",
        "layout": "md_pandoc_definition_lists",
        "url": "https://www.regionostergotland.se/regional-utveckling/landsbygd/landsbygdsprojekt",
        "records": [
            rec("Livsmedelshubb Finspång", "Finspångs kommun", "2025-08", "2027-07", 2160000,
                ["Region Östergötland", "Finspångs kommun", "Leader Östgötaskogen"], ["Finspång"],
                [person("Linda Ståhl", "linda.stahl@finspang.se", "0122-851 28")]),
            rec("Digital bruksvandring i Boxholm", "Boxholms Bruksmiljöförening", "2026-01", "2026-12", 780000,
                ["Region Östergötland", "Boxholms kommun", "Boxholms Bruksmiljöförening"], ["Boxholm"],
                [person("Sven-Olof Rydh", None, "070-283 11 95")]),
            rec("Gårdsbutiker runt Skänninge", "Skänninge Handelsförening", "2025-02", "2026-01", 1050000,
                ["Region Östergötland", "Mjölby kommun"], ["Mjölby"]),
        ],
        "furniture": [
            "Till innehållet", "Lyssna", "Translate", "Lättläst",
            "Start / Regional utveckling / Landsbygd / Landsbygdsprojekt", "Bild: Region Östergötland",
            "Senast uppdaterad: 2026-01-22", "Skriv ut", "Hittade du det du letade efter? Ja Nej",
            "Region Östergötland · Telefon 010-103 50 00 · Om webbplatsen · Kakor",
        ],
    },
    {
        "page": "p13_pressmeddelande-leader-sodra-dalabygden.md",
        "layout": "md_press_release_quoted_projects",
        "url": "https://www.mynewsdesk.com/se/leader-sodra-dalabygden/pressreleases/"
               "bruksparken-i-horndal-och-bygdebio-i-stora-skedvi-faar-leaderstoed-3391027",
        "records": [
            rec("Bruksparken i Horndal", "Horndals Intresseförening", "2026-06", "2027-09", 820000,
                ["Leader Södra Dalabygden", "Avesta kommun", "Horndals Intresseförening"], ["Avesta"],
                [person("Bo Hedin", None, "070-391 27 64")], kind="article"),
            rec("Skedvi Bygdebio", "Stora Skedvi Filmförening", "2026-08", "2026-12", 185000,
                ["Leader Södra Dalabygden", "Säters kommun"], ["Säter"], kind="article"),
        ],
        "furniture": [
            "Gå till huvudinnehåll", "Nyhetsrum", "Pressmeddelande • Feb 03, 2026 09:30 CET",
            "Ämnen: Landsbygdsutveckling Leader Kultur", "Regioner: Dalarna Västmanland", "Foto: Privat",
            "Ladda ner bild", "Prenumerera på pressmeddelanden", "Rapportera det här innehållet",
        ],
    },
    {
        "page": "p14_naringslivsprogram-bilaga-2-soderkoping-valdemarsvik.pdf",
        "layout": "pdf_wrapped_cell_table",
        "url": None,
        "records": [
            rec("Skärgårdsnod Gryt", "Valdemarsviks kommun", "2025-04", "2027-03", 2400000,
                ["Europeiska regionala utvecklingsfonden", "Region Östergötland", "Valdemarsviks kommun"],
                ["Valdemarsvik"], [person("Lotta Hellberg", None, "0123-191 55")]),
            rec("Besöksnäring Göta kanal Öst", "Söderköpings kommun", "2024-09", "2026-08", 1850000,
                ["Region Östergötland", "Söderköpings kommun", "Föreningen Söderköpings Näringsliv"],
                ["Söderköping"]),
            rec("Kompetenslyft Östkusten", "Söderköpings kommun", "2026-01", "2027-12", 3100000,
                ["Europeiska socialfonden+", "Söderköpings kommun", "Valdemarsviks kommun"],
                ["Söderköping", "Valdemarsvik"]),
        ],
        "furniture": [
            "SÖDERKÖPINGS KOMMUN · VALDEMARSVIKS KOMMUN Näringslivsprogram 2025-2028, bilaga 2",
            "Antagen av kommunfullmäktige i båda kommunerna hösten 2025 Sida 1 av 1",
        ],
    },
    {
        "page": "p15_arsberattelse-2025-kooperativt-forum-vastmanland.pdf",
        "layout": "pdf_two_column_annual_report",
        "url": None,
        "records": [
            rec("Återbruksgallerian Arboga", "Kooperativt Forum Västmanland", "2024-03", "2026-02", 2260000,
                ["Europeiska socialfonden+", "Arboga kommun"], ["Arboga"],
                [person("Nadia Karimi", "nadia@kooperativtforum.se", "070-512 66 30")]),
            rec("Valskogs Byabutik", "Valskogs Byakooperativ ekonomisk förening", "2025-06", "2026-05", 640000,
                ["Leader Mälarbygden Väst", "Kungsörs kommun"], ["Kungsör"],
                [person("Göran Wik", None, "073-806 21 44")]),
        ],
        "furniture": [
            "KOOPERATIVT FORUM VÄSTMANLAND Årsberättelse 2025",
            "Kooperativt Forum Västmanland ekonomisk förening, org.nr 769612-3344 Sida 1 av 1",
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
            text = text.replace("**", "").replace("*", " ")
    return re.sub(r"\s+", " ", text)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def occurs(value: str, text: str) -> bool:
    if value in WRAPPED:
        return all(w in text for w in value.split())
    return norm(value) in text


def main() -> int:
    problems: list[str] = []
    pages = {p.name for p in H.iterdir() if re.match(r"p\d\d_", p.name)}
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
                if not occurs(v, text):
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
