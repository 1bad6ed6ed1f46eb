"""Writes gold.jsonl for heldout4 and checks that furniture strings and record values occur in the pages.

Run: .venv/bin/python eval/pages/heldout4/make_gold.py   (after make_pdfs.py)

Checks, per page: every furniture string, every record title and owner, and every contact's
name, e-mail and phone number occur in the page's visible text (HTML without tags, Markdown
without link syntax and emphasis, PDF text as pypdf extracts it; whitespace collapsed).
Also: periods are YYYY-MM and start <= end, budgets are positive ints, kind is known, every
page has a gold object, and no furniture string (longer than 8 characters) sits inside a record.
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
        "page": "m01_projekt-som-utvecklar-hylte.html",
        "layout": "filter_tabs_icon_meta",
        "url": "https://www.hylte.se/naringsliv-och-arbete/utveckling/projekt.html",
        "records": [
            rec("Nissastigen – paddla och vandra i Hylte", "Hylte Turistråd ekonomisk förening", "2025-04", "2027-10",
                2780000, ["Region Halland", "Hylte kommun", "Hylte Turistråd ekonomisk förening"], ["Hylte"],
                [person("Sanna Liljeqvist", None, "0345-182 64")]),
            rec("Kompetenslyftet Hyltebruk", "Hylte kommun", "2024-09", "2026-08", 4150000,
                ["Hylte kommun", "Europeiska socialfonden+"], ["Hylte"],
                [person("Petra Ydrén", "petra.ydren@hylte.se")]),
            rec("Bygdebussen Torup–Unnaryd", "Torups Samhällsförening", "2022-03", "2024-12", 640000,
                ["Leader Halländska höglandet", "Hylte kommun"], ["Hylte"]),
        ],
        "furniture": [
            "Vi använder kakor för att webbplatsen ska fungera och för att få statistik om hur den används.",
            "Tillåt alla kakor", "Bara nödvändiga kakor", "Gå direkt till innehållet", "Lyssna",
            "Senast uppdaterad: 4 november 2025", "Dela sidan:", "Skriv ut sidan", "Fick du svar på din fråga?",
            "Vi svarar inte på frågor som skickas här. Vill du ha svar, kontakta Hylte kontaktcenter.",
            "Bilder: Lina Ekberg", "Kontaktcenter: 0345-189 50", "Tillgänglighetsredogörelse",
            "Följ Hylte kommun på Facebook och Instagram",
        ],
    },
    {
        "page": "m02_beviljade-projekt-leader-kanalbygden-dal.html",
        "layout": "leader_year_h3_links",
        "url": "https://kanalbygdendal.se/projekt/beviljade-projekt/",
        "records": [
            rec("Kanotcenter Dals Långed", "Dals Långeds Kanotklubb", "2025-05", "2026-10", 590000,
                ["Leader Kanalbygden Dal", "Dals Långeds Kanotklubb"], ["Bengtsfors"],
                [person("Kjell Åström", "kjell.astrom@dlkk.se", "070-214 63 08")]),
            rec("Slussvaktarstugan i Håverud", "Håverud Kulturförening", "2025-06", "2026-05", 260000,
                ["Leader Kanalbygden Dal"], ["Mellerud"]),
            rec("Matnätet Östra Dal", "Östra Dals Matproducenter ekonomisk förening", "2024-09", "2026-08", 870000,
                ["Leader Kanalbygden Dal", "Åmåls kommun", "Östra Dals Matproducenter ekonomisk förening"], ["Åmål"],
                [person("Ingela Berntsson", None, "0532-170 45")]),
            rec("Bruksmiljön i Billingsfors – digital guide", "Billingsfors Hembygdsförening", "2024-03", "2025-06",
                198000, ["Leader Kanalbygden Dal"], ["Bengtsfors"]),
        ],
        "furniture": [
            "Hantera samtycke för cookies", "Vi använder cookies för att mäta besök och förbättra webbplatsen.",
            "Acceptera", "Neka", "Visa inställningar", "Hoppa till innehåll", "Sidan uppdaterades 18 november 2025",
            "Senaste nytt", "Ny utlysning för småprojekt", "Anmäl dig till vårt nyhetsbrev",
            "Medfinansieras av Europeiska unionen", "Följ oss på Facebook",
            "Copyright © 2025 Leader Kanalbygden Dal | Drivs med WordPress",
        ],
    },
    {
        "page": "m03_stod-till-service-jamtland.html",
        "layout": "news_roundup_dash_items",
        "url": "https://www.lansstyrelsen.se/jamtland/om-oss/nyheter-och-press/nyheter---jamtland/"
               "2025-10-21-tre-byar-far-stod-for-att-behalla-butik-och-mack.html",
        "records": [
            rec("Servicepunkt Gäddede", "Gäddede Handel AB", None, "2026-06", 1200000,
                ["Länsstyrelsen Jämtlands län"], ["Strömsund"], kind="article"),
            rec("Ny drivmedelsanläggning i Lillhärdal", "Lillhärdals Bygdemack ekonomisk förening", "2026-01", "2026-06",
                1800000, ["Länsstyrelsen Jämtlands län", "Härjedalens kommun"], ["Härjedalen"], kind="article"),
            rec("Servicehubb Hammerdal", "Hammerdals Livs AB", None, None, 460000,
                ["Länsstyrelsen Jämtlands län"], ["Strömsund"], kind="article"),
        ],
        "furniture": [
            "Länsstyrelsen använder kakor (cookies) för att ge dig en bättre upplevelse av webbplatsen.",
            "Jag godkänner", "Neka analyskakor", "Till huvudinnehåll", "Lättläst", "Teckenspråk", "Välj län",
            "Publicerad 21 oktober 2025", "Foto: Mats Brännström", "Kopiera länk", "Lyssna på sidan",
            "Hjälpte informationen på sidan dig?", "Telefon: 010-225 39 40 (växel)", "Tillgänglighetsredogörelse",
        ],
    },
    {
        "page": "m04_cykelbygden-odeshog.html",
        "layout": "single_scattered_facts",
        "url": "https://www.cykelbygden.se/om-projektet/",
        "records": [
            rec("Cykelbygden Ödeshög", "Ödeshögs Företagarförening", "2025-03", "2027-02", 1640000,
                ["Leader Vätterbygd Öst", "Ödeshögs kommun", "Ödeshögs Företagarförening"], ["Ödeshög"],
                [person("Ida Fransson", "ida.fransson@odeshogsforetagare.se", "0144-350 18")]),
        ],
        "furniture": [
            "Vi sparar kakor för statistik om du godkänner det.", "Okej, godkänn", "Nej tack",
            "Foto: Alexander Rosén", "Integritetspolicy", "Pressbilder", "© 2025 Cykelbygden Ödeshög",
        ],
    },
    {
        "page": "m05_konsultcheck-saffle.html",
        "layout": "offer_tier_table",
        "url": "https://www.saffle.se/naringsliv-och-arbete/stod-till-foretag/konsultcheck.html",
        "records": [
            rec("Konsultcheck för små företag", "Säffle kommun", None, None, None,
                ["Säffle kommun", "Region Värmland"], ["Säffle"],
                [person("Linnéa Backlund", "linnea.backlund@saffle.se", "0533-681 27")], kind="offer"),
        ],
        "furniture": [
            "Den här webbplatsen använder kakor.", "Godkänn alla", "Endast nödvändiga", "Hoppa över menyn",
            "Lyssna", "Lättläst", "Translate", "Sidan uppdaterades: 2025-12-02", "Skriv ut",
            "Var informationen till hjälp?", "Kontaktcenter 0533-681 00",
        ],
    },
    {
        "page": "m06_projects-invest-tornedalen.html",
        "layout": "english_qa_per_project",
        "url": "https://www.investtornedalen.se/en/projects/",
        "records": [
            rec("Border Logistics Hub Haparanda–Tornio", "Haparanda Municipality", "2025-01", "2027-06", 6800000,
                ["Interreg Aurora", "Region Norrbotten", "Haparanda Municipality", "City of Tornio"], ["Haparanda"],
                [person("Aino Keskitalo", "aino.keskitalo@haparanda.se", "+46 922 150 44")]),
            rec("Taste of Tornedalen", "Tornedalens Matproducenter ekonomisk förening", "2024-09", "2026-08", 1900000,
                ["Leader Torne–Muonio", "Övertorneå Municipality"], ["Övertorneå"],
                [person("Lisa Niemi", "lisa.niemi@tornedalsmat.se", "+46 927 720 61")]),
        ],
        "furniture": [
            "We use cookies to remember your settings and to count visits. You can change your choice at any time.",
            "Accept all cookies", "Only necessary cookies", "Skip to main content", "Meänkielelä",
            "Last updated: 3 December 2025", "Print this page", "Switchboard +46 922 159 00",
            "Switchboard +46 927 729 00", "Accessibility statement",
        ],
    },
    {
        "page": "m07_pagaende-projekt-leader-hoglandets-skogsbygd.txt",
        "layout": "pipe_rows_text",
        "url": None,
        "records": [
            rec("Vrigstad Aktivitetspark", "Vrigstads IK", "2025-03", "2026-06", 720000,
                ["Leader Höglandets skogsbygd", "Sävsjö kommun"], ["Sävsjö"],
                [person("Emil Sandqvist", None, "070-382 19 56")]),
            rec("Stockaryds Smedja", "Stockaryds Hembygdsförening", "2024-10", "2025-12", 385000,
                ["Leader Höglandets skogsbygd"], ["Sävsjö"]),
            rec("Frinnaryd Lokalmat", "Frinnaryds Bygdegårdsförening", "2025-01", "2026-12", 1150000,
                ["Leader Höglandets skogsbygd", "Aneby kommun", "Region Jönköpings län"], ["Aneby"],
                [person("Karin Wahlgren", "karin@frinnarydsbygdegard.se", "0380-410 72")]),
        ],
        "furniture": [
            "Hoppa till huvudinnehåll", "Du är här: Start / Projekt / Pågående projekt", "Läs mer »",
            "Visar 3 av 3 projekt", "Dela på Facebook", "Skriv ut", "Medfinansieras av Europeiska unionen",
            "Integritetspolicy", "Till toppen",
        ],
    },
    {
        "page": "m08_vara-projekt-killebergs-samhallsforening.txt",
        "layout": "name_dash_paragraphs_text",
        "url": None,
        "records": [
            rec("Killebergs Utegym", "Killebergs Samhällsförening", "2024-05", "2025-06", 310000,
                ["Leader Göinge skogsbygd", "Osby kommun", "Göinge Bygdefond", "Killebergs Samhällsförening"],
                ["Osby"], [person("Maja Svensson", None, "070-311 28 64")]),
            rec("Laddplats vid bygdegården", "Killebergs Samhällsförening", "2025-04", "2025-09", 48000,
                ["Osby kommun", "Killebergs Samhällsförening"], ["Osby"]),
        ],
        "furniture": [
            "Publicerat 14 september 2025 av Webbredaktören", "Sök efter:", "Dela detta:", "Gilla Laddar...",
            "Kommentarer är stängda.", "Senaste inläggen", "© 2025 Killebergs Samhällsförening",
            "Tema: Twenty Twenty-One av WordPress",
        ],
    },
    {
        "page": "m09_torghandel-monsteras.txt",
        "layout": "service_fees_txt",
        "url": None,
        "records": [
            page_rec("Torghandel", ["Mönsterås"], [person("Karin Lövgren", "torghandel@monsteras.se", "0499-170 85")]),
        ],
        "furniture": [
            "Till startsidan", "Du är här: Startsida › Näringsliv och arbete › Tillstånd och regler › Torghandel",
            "Senast uppdaterad: 2025-09-30", "Hjälpte informationen dig?", "Kontaktcenter: 0499-170 00",
            "Tillgänglighetsredogörelse", "Till toppen",
        ],
    },
    {
        "page": "m10_beviljade-projektmedel-region-varmland.txt",
        "layout": "datatable_tsv_text",
        "url": None,
        "records": [
            rec("Besöksmål Långban", "Långbans Gruvby ekonomisk förening", "2025-04", "2027-03", 1900000,
                ["Region Värmland", "Filipstads kommun", "Länsstyrelsen Värmland"], ["Filipstad"]),
            rec("Industriskolan Storfors", "Storfors kommun", "2025-08", "2027-12", 2650000,
                ["Region Värmland", "Storfors kommun"], ["Storfors"]),
            rec("Gränshandel Töcksfors", "Årjängs Näringslivsförening", "2025-10", "2026-09", 840000,
                ["Region Värmland", "Årjängs kommun"], ["Årjäng"]),
        ],
        "furniture": [
            "Visa 10 poster", "Sök:", "Visar 1 till 3 av 3 poster", "Föregående", "Nästa", "Exportera till Excel",
            "Sidan granskades senast: 2025-11-12", "Hittade du det du sökte?", "Växel: 054-701 19 00",
            "Till toppen",
        ],
    },
    {
        "page": "m11_landsbygdsprojekt-uppvidinge.md",
        "layout": "md_nested_lists",
        "url": "https://www.uppvidinge.se/naringsliv-och-arbete/landsbygdsutveckling/landsbygdsprojekt/",
        "records": [
            rec("Hyttan i Alstermo – glas för besökare", "Alstermo Bruksförening", "2024-08", "2026-07", 900000,
                ["Leader Glasbygd Nord", "Uppvidinge kommun", "Alstermo Bruksförening"], ["Uppvidinge"],
                [person("Sofia Hägg", "sofia.hagg@alstermobruk.se", "0474-470 31")]),
            rec("Återbruket i Lenhovda", "Lenhovda Intresseförening", "2025-01", "2025-12", 225000,
                ["Länsstyrelsen i Kronobergs län", "Uppvidinge kommun"], ["Uppvidinge"],
                [person("Göran Ek", None, "070-590 44 12")]),
        ],
        "furniture": [
            "Gå till huvudinnehåll", "Foto: Jesper Lind", "Senast ändrad: 8 oktober 2025", "Skriv ut",
            "Tipsa en vän", "Växel 0474-470 00", "Om kakor", "Tillgänglighetsredogörelse",
        ],
    },
    {
        "page": "m12_verksamhetsberattelse-naringsliv-tomelilla-2025.md",
        "layout": "md_table_footnotes",
        "url": None,
        "records": [
            rec("Skolmat från Tomelillabygden", "Tomelilla kommun", "2024-08", "2026-06", 1200000,
                ["Region Skåne", "Tomelilla kommun"], ["Tomelilla"],
                [person("Frida Nordén", "frida.norden@tomelilla.se", "0417-181 46")]),
            rec("Smedstorps stationshus", "Smedstorps Byalag", "2023-05", "2025-09", 860000,
                ["Leader Backlandet Syd", "Tomelilla kommun", "Smedstorps Byalag"], ["Tomelilla"]),
        ],
        "furniture": [
            "Hoppa till innehållet", "Lyssna", "Translate",
            "Sidan publicerades 2026-02-16 och uppdaterades senast 2026-02-16.", "Dela på Facebook",
            "Dela på LinkedIn", "Skriv ut", "Telefon 0417-180 00", "Kakor",
        ],
    },
    {
        "page": "m13_projektdagbok-sjoboden-jarnas.md",
        "layout": "md_project_diary",
        "url": "https://www.jarnasbyaforening.se/sjoboden/dagbok/",
        "records": [
            rec("Sjöboden i Järnäs", "Järnäs Byaförening", "2025-02", "2026-10", 780000,
                ["Leader Kustlandet Ume", "Nordmalings kommun", "Järnäs Byaförening"], ["Nordmaling"],
                [person("Tove Lindgren", "tove.lindgren@jarnasbyaforening.se", "070-266 81 45")]),
        ],
        "furniture": [
            "Foto: Per-Olov Nyström", "Tillbaka till Sjöboden", "Dela på Facebook", "© Järnäs Byaförening 2025",
        ],
    },
    {
        "page": "m14_lag-protokoll-leader-skogskusten-2025-09-17.pdf",
        "layout": "lag_minutes_factbox_pdf",
        "url": None,
        "records": [
            rec("Tillgängligt Folkets hus i Jämshög", "Jämshögs Folkets husförening", "2025-11", "2026-10", 610000,
                ["Leader Skogskusten Blekinge", "Olofströms kommun", "Jämshögs Folkets husförening"], ["Olofström"],
                [person("Birgitta Olsson", None, "0454-940 27")]),
            rec("Laxguider i Mörrum", "Mörrumsåns Guideförening", "2026-01", "2027-06", 415000,
                ["Leader Skogskusten Blekinge", "Karlshamns kommun", "Region Blekinge"], ["Karlshamn"],
                [person("Tomas Kron", "tomas@morrumsguiderna.se", "070-455 18 92")]),
        ],
        "furniture": [
            "LEADER SKOGSKUSTEN BLEKINGE Protokoll LAG-möte 2025-09-17", "Justerare: ..............   Sida 1 av 2",
            "Justerare: ..............   Sida 2 av 2",
        ],
    },
    {
        "page": "m15_projektkatalog-landsbygd-region-kalmar-2025.pdf",
        "layout": "catalogue_sidebox_pdf",
        "url": None,
        "records": [
            rec("Servicebod i Böda hamn", "Böda Hamnförening", "2025-05", "2027-04", 2350000,
                ["Region Kalmar län", "Borgholms kommun", "Leader Ölandskusten"], ["Borgholm"],
                [person("Jenny Öberg", None, "0485-280 36")]),
            rec("Träcentrum Fågelfors", "Högsby kommun", "2024-01", "2026-12", 3900000,
                ["Europeiska regionala utvecklingsfonden", "Region Kalmar län", "Högsby kommun"], ["Högsby"],
                [person("Robert Nyman", "robert.nyman@hogsby.se", "0491-291 62")]),
        ],
        "furniture": [
            "REGION KALMAR LÄN Projektkatalog: Landsbygd i utveckling 2025",
            "Region Kalmar län, Regional utveckling   Sida 1 av 1",
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


def main() -> int:
    problems: list[str] = []
    pages = {p.name for p in H.iterdir() if re.match(r"m\d\d_", p.name)}
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
            values = [r["title"]] + ([r["owner"]] if r["owner"] else [])
            for c in r["contacts"]:
                values += [c["name"]] + ([c["email"]] if c["email"] else []) + c["phones"]
            for v in values:
                if norm(v) not in text:
                    problems.append(f"{g['page']}: value not in page: {v!r}")
            for key in ("period_start", "period_end"):
                if r[key] is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", r[key]):
                    problems.append(f"{g['page']}: bad {key} {r[key]!r}")
            if r["period_start"] and r["period_end"] and r["period_start"] > r["period_end"]:
                problems.append(f"{g['page']}: period start after end in {r['title']!r}")
            if r["budget_sek"] is not None and (not isinstance(r["budget_sek"], int) or r["budget_sek"] <= 0):
                problems.append(f"{g['page']}: bad budget in {r['title']!r}")
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
