"""Writes gold.jsonl for heldout3 and checks that furniture strings and record values occur in the pages.

Run: .venv/bin/python eval/pages/heldout3/make_gold.py   (after make_pdfs.py)

Checks, per page: every furniture string, every record title and owner, and every contact's
name, e-mail and phone number occur in the page's visible text (HTML without tags, Markdown
without link syntax and emphasis, PDF text as pypdf extracts it; whitespace collapsed).
Owners deduced from a domain (listed in DEDUCED_OWNERS) are exempt. Furniture strings are also
checked to occur in no record field.
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import pypdf

H = Path(__file__).resolve().parent

# page -> owners that the page never writes out (the kommun is deduced from URL / e-mail domain)
DEDUCED_OWNERS = {"k10_yrkesbryggan.md": {"Norbergs kommun"}}


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
        "contacts": [c for c in contacts],
    }


def person(name, email=None, *phones):
    return {"name": name, "email": email, "phones": list(phones)}


def page_rec(title, kommuner, contacts=()):
    return rec(title, None, None, None, None, [], kommuner, contacts, kind="page")


GOLD = [
    {
        "page": "k01_pagaende-projekt-osthammar.html",
        "layout": "table_merged_header",
        "url": "https://www.osthammar.se/naringsliv-och-arbete/utvecklingsprojekt/pagaende-projekt/",
        "records": [
            rec("Gräsö året runt", "Gräsö Näringslivsförening", "2024-02", "2026-01", 1860000,
                ["Leader Uppland Nordost", "Östhammars kommun"], ["Östhammar"]),
            rec("Bruksturism Österbybruk", "Stiftelsen Österby Bruksmiljö", "2023-05", "2025-12", 2950000,
                ["Europeiska regionala utvecklingsfonden", "Region Uppsala", "Östhammars kommun"], ["Östhammar"]),
            rec("Företagslots Gimo", "Östhammars kommun", "2025-01", "2026-12", 780000,
                ["Östhammars kommun", "Region Uppsala"], ["Östhammar"]),
            rec("Laddstråk Öregrund–Alunda", "Öregrunds Hamn och Handel ekonomisk förening", "2024-09", "2025-08",
                1240000, ["Naturvårdsverket", "Östhammars kommun"], ["Östhammar"]),
        ],
        "furniture": [
            "Gå direkt till sidans innehåll", "Tillåt alla kakor", "Bara nödvändiga kakor", "Inställningar för kakor",
            "Lyssna på sidan", "Skriv ut", "Dela på Facebook", "Dela på LinkedIn",
            "Senast uppdaterad: 3 september 2025", "Hittade du det du sökte?", "Tillgänglighetsredogörelse",
            "Så hanterar vi dina personuppgifter", "Växel: 0173-869 00",
        ],
    },
    {
        "page": "k02_landsbygdsprojekt-tingsryd.html",
        "layout": "js_accordion",
        "url": "https://www.tingsryd.se/foretagare/landsbygdsutveckling/projekt-for-landsbygden.html",
        "records": [
            rec("Äppelriket Urshult", "Urshults Byaråd", "2024-04", "2026-03", 1350000,
                ["Leader Skogsbygd Syd", "Tingsryds kommun"], ["Tingsryd"],
                [person("Annika Gustavsson", "annika.gustavsson@urshultsbyarad.se", "070-284 61 93")]),
            rec("Fiske runt Tiken", "Tikens Fiskevårdsområdesförening", "2023-06", "2025-05", 640000,
                ["Länsstyrelsen i Kronobergs län", "Tingsryds kommun"], ["Tingsryd"],
                [person("Lars-Erik Holm", None, "0477-310 52")]),
            rec("Företagarskola på distans", "Tingsryds kommun", "2025-03", "2027-02", 2100000,
                ["Europeiska socialfonden+", "Tingsryds kommun"], ["Tingsryd"],
                [person("Sara Nyqvist", "sara.nyqvist@tingsryd.se", "0477-441 27")]),
        ],
        "furniture": [
            "Till innehållet", "Jag godkänner", "Neka statistikkakor", "Sidan uppdaterades 2025-06-17",
            "Skriv ut sidan", "Tipsa en vän", "Kontaktcenter: 0477-442 00", "Dataskydd (GDPR)", "© Tingsryds kommun",
        ],
    },
    {
        "page": "k03_naringslivsnytt-ockelbo.html",
        "layout": "news_two_projects",
        "url": "https://www.ockelbo.se/naringsliv/naringslivsnytt/2025-03-18-grusvagar-och-brukskok-far-pengar.html",
        "records": [
            rec("Cykla i Ockelbobygden", "Ockelbo Cykelklubb", "2025-05", "2027-04", 1120000,
                ["Region Gävleborg", "Ockelbo kommun", "Ockelbo Cykelklubb"], ["Ockelbo"],
                [person("Petter Ålund", "petter@ockelbocykel.se", "070-392 18 45")], kind="article"),
            rec("Åmots Bruksmatsal", "Åmots Intresseförening", "2025-08", "2026-06", 460000,
                ["Länsstyrelsen Gävleborg", "Ockelbo kommun"], ["Ockelbo"],
                [person("Karin Sund", None, "073-615 04 22")], kind="article"),
        ],
        "furniture": [
            "Hoppa till innehållet", "Acceptera", "Avvisa", "Text: Jenny Hålén", "Foto: Mats Grönvall",
            "Dela artikeln:", "Skriv ut", "Telefon 0297-571 00", "Tillgänglighetsredogörelse",
        ],
    },
    {
        "page": "k04_leader-giman-indalsalven-verksamhetsberattelse-2025.md",
        "layout": "leader_annual_report_md",
        "url": None,
        "records": [
            rec("Leader Gimån–Indalsälven", "Föreningen Leader Gimån–Indalsälven", "2023-01", "2027-12", 41200000,
                ["Europeiska jordbruksfonden för landsbygdsutveckling", "Region Jämtland Härjedalen",
                 "Bräcke kommun", "Ragunda kommun"], ["Bräcke", "Ragunda"],
                [person("Maja Öhrn", "maja.ohrn@leadergiman.se", "0693-170 45")], kind="leader_area"),
            rec("Scen vid älven, Hammarstrand", "Hammarstrands Kulturförening", "2023-09", "2025-06", 720000,
                ["Leader Gimån–Indalsälven", "Ragunda kommun"], ["Ragunda"]),
            rec("Matbod Kälarne", "Kälarne Bygdeutveckling ekonomisk förening", "2024-01", "2025-12", 1050000,
                ["Leader Gimån–Indalsälven", "Bräcke kommun"], ["Bräcke"]),
            rec("Fiberlyft Bispgården", "Bispgårdens Fiberförening", "2024-03", "2026-02", 2640000,
                ["Leader Gimån–Indalsälven", "Post- och telestyrelsen", "Ragunda kommun"], ["Ragunda"]),
        ],
        "furniture": [
            "Hoppa till innehåll", "Vi använder cookies för att ge dig en bättre upplevelse.", "OK, jag förstår",
            "Publicerad 12 februari 2026 i Dokument", "Ladda ner hela verksamhetsberättelsen (PDF, 1,2 MB)",
            "Org.nr 802533-4418", "Integritetspolicy", "© 2026 Leader Gimån–Indalsälven",
        ],
    },
    {
        "page": "k05_beviljade-projekt-region-vasterbotten.pdf",
        "layout": "region_table_pdf",
        "url": None,
        "records": [
            rec("Tärnafjällens guideakademi", "Tärnafjällens Guideförening", "2025-09", "2027-08", 3200000,
                ["Region Västerbotten", "Storumans kommun"], ["Storuman"]),
            rec("Trähusklustret Dorotea", "Dorotea Trähus ekonomisk förening", "2025-08", "2026-12", 1480000,
                ["Region Västerbotten", "Dorotea kommun", "Tillväxtverket"], ["Dorotea"]),
            rec("Fiskeguidning i Ångermanälven", "Åsele Fiskeklubb", "2025-06", "2027-05", 860000,
                ["Region Västerbotten", "Åsele kommun"], ["Åsele"]),
            rec("Vårdkompetens i inlandet", "Dorotea kommun", "2025-10", "2028-09", 5400000,
                ["Region Västerbotten", "Åsele kommun", "Europeiska socialfonden+"], ["Dorotea", "Åsele"]),
        ],
        "furniture": [
            "REGION VÄSTERBOTTEN", "Regional utveckling - Beslut 2025-05-28",
            "Regionala utvecklingsnämnden, beviljade projektmedel maj 2025", "Sida 1 av 2", "Sida 2 av 2",
        ],
    },
    {
        "page": "k06_stod-till-landsbygdsforetag-heby.html",
        "layout": "faq_offer",
        "url": "https://www.heby.se/naringsliv/stod-och-radgivning/stod-till-landsbygdsforetag/",
        "records": [
            rec("Stöd till landsbygdsföretag", "Heby kommun", None, None, None, ["Heby kommun"], ["Heby"],
                [person("Tove Rask", "tove.rask@heby.se", "0224-365 18")], kind="offer"),
        ],
        "furniture": [
            "Gå till huvudinnehåll", "Godkänn kakor", "Endast nödvändiga", "Teckenspråk", "Senast ändrad: 2025-11-28",
            "Skriv ut sidan", "Dela på Facebook", "Var informationen på sidan till hjälp?", "Kundcenter: 0224-361 00",
            "Tillgänglighetsredogörelse",
        ],
    },
    {
        "page": "k07_border-waters-trail.html",
        "layout": "english_interreg",
        "url": "https://www.borderwaterstrail.eu/en/about-the-project/",
        "records": [
            rec("Border Waters Trail", "Dals-Eds kommun", "2024-03", "2027-02", 16200000,
                ["European Regional Development Fund", "Västra Götalandsregionen", "Østfold fylkeskommune",
                 "Dals-Eds kommun", "Aremark kommune", "Marker kommune"], ["Dals-Ed"],
                [person("Linnea Ahlgren", "linnea.ahlgren@dalsed.se", "+46 534 190 42"),
                 person("Torbjørn Haugland", "torbjorn.haugland@aremark.kommune.no", "+47 69 19 60 33")]),
        ],
        "furniture": [
            "Skip to content", "Manage cookie consent", "Accept all", "Reject statistics", "Cookie policy (EU)",
            "Share this:", "© 2025 Border Waters Trail", "Privacy notice", "Last updated 14 January 2025",
        ],
    },
    {
        "page": "k08_oppna-smedjan-munkfors.txt",
        "layout": "prose_ekonomisk_forening",
        "url": None,
        "records": [
            rec("Öppna smedjan", "Munkfors Hantverkskooperativ", "2025-03", "2027-08", 2400000,
                ["Leader Älvdal och Bergslag", "Munkfors kommun", "Munkfors Hantverkskooperativ"], ["Munkfors"],
                [person("Helena Forsberg", None, "070-551 38 26")]),
        ],
        "furniture": [
            "Hoppa till huvudinnehållet", "Sidan uppdaterades: 2025-04-22", "Dela sidan", "Till toppen",
            "Telefon växel: 0563-292 00", "Tillgänglighetsredogörelse", "Personuppgifter och GDPR",
            "Följ oss på Facebook",
        ],
    },
    {
        "page": "k09_kontakta-naringslivskontoret-krokom.html",
        "layout": "adviser_contacts",
        "url": "https://krokom.se/naringsliv-och-arbete/kontakta-naringslivskontoret/",
        "records": [
            page_rec("Kontakta näringslivskontoret", ["Krokom"], [
                person("Johan Sjödin", "johan.sjodin@krokom.se", "0640-16 72 10"),
                person("Ellinor Pålsson", "ellinor.palsson@krokom.se", "070-648 21 90"),
                person("Nils-Erik Strand", "nils-erik.strand@krokom.se", "+46 70 318 42 55"),
                person("Amira Haddad", "amira.haddad@krokom.se", "0640-163 05"),
            ]),
        ],
        "furniture": [
            "Till sidans huvudinnehåll", "Tillåt analyskakor", "Avböj", "Publicerad: 2024-10-02. Uppdaterad: 2025-09-15",
            "Skriv ut", "Kontaktcenter 0640-161 00", "Tillgänglighetsredogörelse", "Visselblåsning",
        ],
    },
    {
        "page": "k10_yrkesbryggan.md",
        "layout": "kommun_in_url_md",
        "url": "https://www.norberg.se/naringsliv-och-arbete/projekt/yrkesbryggan.html",
        "records": [
            rec("Yrkesbryggan", "Norbergs kommun", "2025-08", "2027-06", 1900000,
                ["Europeiska socialfonden+", "Norbergs kommun"], ["Norberg"],
                [person("Frida Wallin", "frida.wallin@norberg.se", "0223-291 14")]),
        ],
        "furniture": [
            "Gå till innehållet", "Den här webbplatsen använder kakor.", "Läs om kakor", "Jag förstår",
            "Senast granskad 2025-08-26 av Lärcentrum", "Skriv ut", "Växel: 0223-290 00", "Tillgänglighetsredogörelse",
        ],
    },
    {
        "page": "k11_felanmalan-gatubelysning-fargelanda.txt",
        "layout": "service_page_txt",
        "url": None,
        "records": [
            page_rec("Felanmälan gatubelysning", ["Färgelanda"],
                     [person("Roger Carlsson", "roger.carlsson@fargelanda.se", "0528-567 41")]),
        ],
        "furniture": [
            "Till innehållet", "Senast uppdaterad 2025-01-30", "Till toppen", "Kundtjänst 0528-567 00",
            "Öppettider kundtjänst: måndag–fredag 8–16", "Hantering av personuppgifter", "Webbplatsen använder kakor",
        ],
    },
    {
        "page": "k12_slutrapport-barhubben-korpilombolo.txt",
        "layout": "slutrapport_txt",
        "url": None,
        "records": [
            rec("Bärhubben Korpilombolo", "Korpilombolo Bygdegårdsförening", "2022-05", "2024-10", 1900000,
                ["Leader Torne-Muonio", "Länsstyrelsen i Norrbottens län", "Pajala kommun"], ["Pajala"],
                [person("Eila Niemi", "eila.niemi@korpilombolobygd.se", "0978-301 66")]),
        ],
        "furniture": [
            "Vi använder kakor för att förbättra din upplevelse. Godkänn | Läs mer", "Publicerad 2025-01-20",
            "Till toppen", "Integritetspolicy", "Följ oss på Facebook",
            "Webbplatsen drivs med stöd av Europeiska unionen",
        ],
    },
    {
        "page": "k13_hamnlyftet-henan.md",
        "layout": "two_phases_md",
        "url": None,
        "records": [
            rec("Hamnlyftet Henån", "Orust kommun", "2023-03", "2026-03", 3200000,
                ["Orust kommun", "Västra Götalandsregionen", "Leader Orust Kustbygd"], ["Orust"],
                [person("Kristoffer Lund", "kristoffer.lund@orust.se", "0304-334 71")]),
        ],
        "furniture": [
            "Hoppa till sidans innehåll", "Publicerad 2024-03-11 · Uppdaterad 2025-10-02", "Skriv ut sidan",
            "Tipsa om sidan", "Växel 0304-339 00",
        ],
    },
    {
        "page": "k14_kville-byalag-projekt.txt",
        "layout": "byalag_txt",
        "url": None,
        "records": [
            rec("Mötesplats Kville", "Kville Byalag", "2025-01", "2026-06", 612000,
                ["Leader Norra Bohuslän Kust", "Kville Byalag"], ["Tanum"],
                [person("Stefan Myhr", "stefan.myhr@kvillebyalag.se", "070-217 55 08")]),
            rec("Sommarkafé vid badplatsen", "Kville Byalag", "2024-06", "2024-08", 52000,
                ["Tanums kommun"], ["Tanum"]),
        ],
        "furniture": ["Senaste inläggen", "© 2025 Kville Byalag | Drivs med WordPress", "Till toppen ↑"],
    },
    {
        "page": "k15_tjansteskrivelse-verkstadsnatverket-emmaboda.pdf",
        "layout": "tjansteskrivelse_pdf",
        "url": None,
        "records": [
            rec("Verkstadsnätverket Emmaboda", "Emmaboda Industrigrupp", "2026-01", "2027-12", 1760000,
                ["Region Kalmar län", "Emmaboda kommun", "Emmaboda Industrigrupp"], ["Emmaboda"],
                [person("Jonas Petrén", "jonas.petren@emmabodaindustri.se", "070-833 19 40")]),
        ],
        "furniture": [
            "EMMABODA KOMMUN", "TJÄNSTESKRIVELSE", "Kommunledningsförvaltningen, Dnr KS 2025/412",
            "Sida 1 av 2", "Sida 2 av 2",
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
            text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
            text = text.replace("**", "").replace("*", " ")
    return re.sub(r"\s+", " ", text)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def main() -> int:
    problems: list[str] = []
    pages = {p.name for p in H.iterdir() if re.match(r"k\d\d_", p.name)}
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
            values = [r["title"]] + ([r["owner"]] if r["owner"] else [])
            for c in r["contacts"]:
                values += [c["name"]] + ([c["email"]] if c["email"] else []) + c["phones"]
            for v in values:
                if v in DEDUCED_OWNERS.get(g["page"], set()):
                    continue
                if norm(v) not in text:
                    problems.append(f"{g['page']}: value not in page: {v!r}")
            for key in ("period_start", "period_end"):
                if r[key] is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", r[key]):
                    problems.append(f"{g['page']}: bad {key} {r[key]!r}")
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
