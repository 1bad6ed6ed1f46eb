"""Writes gold.jsonl for dev6 and checks that furniture strings and record values occur in the pages.

Run: .venv/bin/python eval/pages/dev6/make_gold.py   (after make_pdfs.py)

Checks, per page: every furniture string, every record title and owner, every funder, and every
contact's name, e-mail and phone number occur in the page's visible text (HTML without tags,
Markdown without front matter, link syntax and emphasis, PDF text as pypdf extracts it; whitespace
collapsed). Also: periods are YYYY-MM with start <= end, budgets are positive ints, kinds are known,
every qNN_ page has a gold object, and no furniture string (longer than 8 characters) sits inside a
record.
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


GOLD = [
    # ---- class 1: facts without per-value labels -------------------------------------------
    {
        "page": "q01_beviljade-projekt-leader-nossadalen.txt",
        "layout": "semicolon_rows_header_text",
        "url": None,
        "records": [
            rec("Nossebro Marknadsplats", "Nossebro Köpmannaförening", "2025-04", "2026-09", 540000,
                ["Leader Nossadalen", "Essunga kommun"], ["Essunga"],
                [person("Sara Lindholm", None, "0512-571 22")]),
            rec("Bygdeköket i Tengene", "Tengene Bygdegårdsförening", "2024-11", "2025-10", 310000,
                ["Leader Nossadalen"], ["Grästorp"],
                [person("Bertil Ek", None, "070-641 18 05")]),
            rec("Ungt företagande i Vårgårda", "Vårgårda Företagarförening", "2025-01", "2027-06", 1240000,
                ["Leader Nossadalen", "Vårgårda kommun", "Stiftelsen Vårgårda Framtid"], ["Vårgårda"],
                [person("Amira Haddad", "amira@vargardaforetagare.se")]),
        ],
        "furniture": [
            "Hoppa till innehåll", "Den här webbplatsen använder kakor. Läs mer i vår kakpolicy. OK",
            "Hem » Beviljade projekt", "Ladda ner listan som CSV-fil", "Prenumerera på vårt nyhetsbrev",
            "Integritetspolicy", "Till toppen ↑",
        ],
    },
    {
        "page": "q02_pagaende-projekt-boxholm.html",
        "layout": "cards_icon_facts_one_line",
        "url": "https://www.boxholm.se/naringsliv-och-arbete/projekt-och-samarbeten/",
        "records": [
            rec("Sommenleden Malexander", "Malexanders Bygdeförening", "2025-05", "2027-04", 960000,
                ["Region Östergötland", "Boxholms kommun"], ["Boxholm"],
                [person("Elsa Bergkvist", None, "0142-510 36")]),
            rec("Bruksbyggnaden – ny företagsinkubator", "Boxholms kommun", "2024-09", "2026-08", 2100000,
                ["Boxholms kommun", "Europeiska regionala utvecklingsfonden"], ["Boxholm"],
                [person("Anders Kihlberg", "anders.kihlberg@boxholm.se")]),
            rec("Åsbo Lanthandel – ny kylanläggning", "Åsbo Handel AB", "2023-03", "2024-02", 380000,
                ["Länsstyrelsen Östergötland", "Åsbo Handel AB"], ["Boxholm"]),
        ],
        "furniture": [
            "Vi använder cookies för att förbättra din upplevelse av webbplatsen.", "Jag förstår",
            "Läs mer om cookies", "Hoppa till sidans innehåll", "Talande webb", "Senast granskad: 2025-10-29",
            "Dela sidan", "Fotograf: Karin Ahlqvist", "Tyckte du att sidan var till hjälp?",
            "Växel: 0142-841 00", "Behandling av personuppgifter",
        ],
    },
    {
        "page": "q03_projektoversikt-naringsliv-kristinehamn-2025.pdf",
        "layout": "pdf_slash_value_line_legend",
        "url": None,
        "records": [
            rec("Hamnmagasinet Kristinehamn", "Kristinehamns kommun", "2025-01", "2026-12", 2400000,
                ["Kristinehamns kommun", "Region Värmland"], ["Kristinehamn"],
                [person("Fredrik Nolander", "fredrik.nolander@kristinehamn.se", "0550-881 52")]),
            rec("Björneborgs Bruksmuseum", "Björneborgs Hembygdsförening", "2024-06", "2025-11", 465000,
                ["Leader Östra Vänerstranden", "Björneborgs Hembygdsförening"], ["Kristinehamn"],
                [person("Ingrid Malm", None, "070-392 17 48")]),
            rec("Ölme Cykelled", "Ölme Sockenråd", "2025-04", "2027-03", 780000,
                ["Kristinehamns kommun", "Länsstyrelsen Värmland"], ["Kristinehamn"]),
        ],
        "furniture": [
            "KRISTINEHAMNS KOMMUN Projektöversikt näringsliv 2025", "Näringsliv och tillväxt   Sida 1 av 1",
        ],
    },
    {
        "page": "q04_beslut-utvecklingsmedel-region-orebro-lan.txt",
        "layout": "tab_rows_title_in_column_text",
        "url": None,
        "records": [
            rec("Frövi Servicehus", "Frövi Ekonomiska Förening", "2025-09", "2027-08", 1700000,
                ["Region Örebro län", "Lindesbergs kommun", "Frövi Ekonomiska Förening"], ["Lindesberg"],
                [person("Karl-Johan Wik", "kj.wik@froviservice.se", "0581-630 14")]),
            rec("Skofabriken – kreativ mötesplats", "Kumla kommun", "2026-01", "2027-12", 2900000,
                ["Region Örebro län", "Kumla kommun"], ["Kumla"],
                [person("Lina Sandberg", "lina.sandberg@kumla.se", "019-588 21 43")]),
            rec("Paddelled i Letälven", "Letälvens Paddlarförening", "2025-11", "2026-10", 640000,
                ["Region Örebro län", "Letälvens Paddlarförening", "Degerfors kommun"], ["Degerfors"],
                [person("Tobias Wennberg", None, "070-219 55 31")]),
        ],
        "furniture": [
            "Till huvudinnehållet", "Filtrera tabellen", "Rader per sida: 25", "1–3 av 3", "Ladda ner (CSV)",
            "Senast uppdaterad: 2025-10-22", "Blev du hjälpt av informationen på sidan?", "Växel: 019-602 10 00",
            "Tillgänglighetsredogörelse",
        ],
    },
    # ---- class 2: run-in project names ---------------------------------------------------------
    {
        "page": "q05_landsbygdsmedel-mariestad.html",
        "layout": "news_bold_runin_paragraphs",
        "url": "https://mariestad.se/nyheter/2025-11-14-tre-foreningar-far-landsbygdsmedel",
        "records": [
            rec("Båthuset i Sjötorp", "Sjötorps Båtklubb", "2026-03", "2026-06", 420000,
                ["Mariestads kommun", "Västra Götalandsregionen"], ["Mariestad"], kind="article"),
            rec("Lyrestads Bygdebio", "Lyrestads Bygdegårdsförening", None, "2025-12", 95000,
                ["Mariestads kommun"], ["Mariestad"], kind="article"),
            rec("Hasslerörs Skolskog", "Föreningen Hasslerörs Byskola", "2026-01", "2026-12", 260000,
                ["Mariestads kommun", "Föreningen Hasslerörs Byskola"], ["Mariestad"], kind="article"),
        ],
        "furniture": [
            "Mariestads kommun använder kakor (cookies). Genom att fortsätta godkänner du att vi använder kakor.",
            "Godkänn kakor", "Till innehållet på sidan", "Lyssna", "Bild: Johan Fält", "Dela artikeln:",
            "Kundtjänst: 0501-75 50 00", "Tillgänglighetsredogörelse",
        ],
    },
    {
        "page": "q06_utvecklingsprojekt-tibro.md",
        "layout": "md_numbered_bold_items_nested_plus",
        "url": "https://www.tibro.se/naringsliv-och-arbete/utvecklingsprojekt/",
        "records": [
            rec("Möbelbyn Tibro – öppen verkstad", "Tibro Möbelhantverkare ekonomisk förening", "2025-10", "2027-09",
                1350000, ["Tibro kommun", "Västra Götalandsregionen"], ["Tibro"],
                [person("Jonas Wetterholm", "jonas@tibromobelhantverk.se", "0504-180 52")]),
            rec("Fagersanna Badplats", "Fagersanna Intresseförening", "2026-05", "2026-08", 210000,
                ["Tibro kommun", "Fagersanna Intresseförening"], ["Tibro"],
                [person("Lena Ask", None, "073-318 40 22")]),
            rec("Ransbergs Bystuga", "Ransbergs Byalag", "2025-01", "2025-12", 160000,
                ["Leader Hökensåsbygden"], ["Tibro"]),
        ],
        "furniture": [
            "Hoppa direkt till innehållet", "Lyssna", "Fotografi: Tibro kommun",
            "Dela sidan på: Facebook · LinkedIn · E-post", "Senast uppdaterad 1 december 2025",
            "Telefon 0504-180 00",
        ],
    },
    {
        "page": "q07_byalaget-gustafs-projekt.txt",
        "layout": "blog_colon_runin_paragraphs_text",
        "url": None,
        "records": [
            rec("Naturlekplatsen vid Gustafsskolan", "Gustafs Byalag", "2025-03", "2025-05", 265000,
                ["Säters kommun", "Stiftelsen Gustafs Sockenfond", "Gustafs Byalag"], ["Säter"],
                [person("Hanna Lilja", None, "070-538 91 26")]),
            rec("Fiber till Enbacka", "Enbacka Fiberförening", "2025-10", "2026-06", 1480000,
                ["Länsstyrelsen Dalarna", "Säters kommun", "Enbacka Fiberförening"], ["Säter"],
                [person("Roger Dahl", "roger.dahl@enbackafiber.se", "0225-301 47")]),
        ],
        "furniture": [
            "Upplagd av Byalagets styrelse kl. 19:42", "Skicka med e-post", "Blogga om detta!", "Dela på X",
            "Dela på Facebook", "Etiketter: fiber, lekplats, byalaget", "Inga kommentarer:", "Skicka en kommentar",
            "Nyare inlägg Äldre inlägg Startsida", "Prenumerera på: Kommentarer till inlägget (Atom)",
            "Tema Enkel. Drivs av Blogger.",
        ],
    },
    # ---- class 3: name hidden by its container or a caption line ------------------------------
    {
        "page": "q08_projekt-i-bygderna-bromolla.html",
        "layout": "ol_li_article_cards_dl",
        "url": "https://www.bromolla.se/naringsliv/landsbygd/projekt-i-bygderna/",
        "records": [
            rec("Näsums Bygdegård – energilyft", "Näsums Bygdegårdsförening", "2025-03", "2026-02", 690000,
                ["Boverket", "Bromölla kommun"], ["Bromölla"],
                [person("Per-Erik Nordh", None, "0456-210 74")]),
            rec("Gualövs Strandäng", "Gualövs Byalag", "2024-08", "2026-07", 420000,
                ["Länsstyrelsen Skåne", "Bromölla kommun"], ["Bromölla"],
                [person("Maja Troedsson", "maja.troedsson@gualov.nu")]),
            rec("Skräbeån – fria vandringsvägar", "Skräbeåns Fiskevårdsområdesförening", "2025-06", "2027-05",
                1150000, ["Havs- och vattenmyndigheten", "Bromölla kommun"], ["Bromölla"],
                [person("Henrik Alm", "henrik.alm@skrabean.se", "070-844 12 63")]),
        ],
        "furniture": [
            "Bromölla kommun använder kakor för att webbplatsen ska fungera bra för dig.", "Acceptera alla",
            "Endast nödvändiga", "Hoppa till huvudinnehåll", "Lyssna på sidan", "Sidan uppdaterades 3 november 2025",
            "Dela: Facebook · LinkedIn · Kopiera länk", "Hittade du det du letade efter?",
            "Kommunväxel 0456-822 00",
        ],
    },
    {
        "page": "q09_projekt-med-kommunal-medfinansiering-kungsor.html",
        "layout": "fact_tables_name_in_caption",
        "url": "https://www.kungsor.se/naringsliv/utveckling/projekt-med-kommunal-medfinansiering.html",
        "records": [
            rec("Valskogs Pumptrack", "Valskogs IF", "2025-08", "2026-06", 880000,
                ["Kungsörs kommun", "Allmänna arvsfonden"], ["Kungsör"],
                [person("Oskar Brandt", None, "070-276 30 94")]),
            rec("Kungsgårdens nya besöksentré", "Kungsörs kommun", "2026-01", "2027-12", 3200000,
                ["Kungsörs kommun", "Region Västmanland", "Europeiska regionala utvecklingsfonden"], ["Kungsör"],
                [person("Sofia Almgren", "sofia.almgren@kungsor.se")]),
            rec("Barkarö Bygdegård – nytt kök", "Kungs-Barkarö Bygdegårdsförening", "2025-04", "2025-12", 240000,
                ["Boverket", "Kungsörs kommun"], ["Kungsör"]),
        ],
        "furniture": [
            "Kungsörs kommun använder kakor för statistik och för att förbättra webbplatsen. "
            "Du väljer själv vilka kakor du godkänner.",
            "Godkänn alla", "Anpassa", "Gå till sidans huvudinnehåll", "Lyssna", "Lättläst", "Teckenspråk",
            "Senast ändrad: 2025-11-07", "Skriv ut sidan", "Tipsa någon om sidan", "Tillgänglighetsredogörelse",
        ],
    },
    {
        "page": "q10_projektfolder-landsbygd-vadstena-2025.pdf",
        "layout": "pdf_captioned_fact_box",
        "url": None,
        "records": [
            rec("Borghamns Stenhuggeri - besöksmål", "Borghamns Intresseförening", "2025-06", "2027-05", 1020000,
                ["Leader Slättbygden Östergötland", "Vadstena kommun"], ["Vadstena"],
                [person("Gunnel Sjö", "gunnel.sjo@borghamn.org", "0143-290 61")]),
            rec("Väversunda Fågeltorn", "Väversunda Naturvårdsförening", "2025-09", "2026-08", 540000,
                ["Länsstyrelsen Östergötland", "Vadstena kommun"], ["Vadstena"],
                [person("Mats Widén", None, "073-402 55 18")]),
        ],
        "furniture": [
            "VADSTENA KOMMUN Projekt för en levande landsbygd", "Vadstena kommun, Samhällsbyggnad   Sida 1 av 1",
        ],
    },
    # ---- class 4: funders as amounts, shares, own work, implicit publisher ---------------------
    {
        "page": "q11_projekt-pa-falbygden-falkoping.html",
        "layout": "h2_projects_funding_prose",
        "url": "https://www.falkoping.se/naringsliv-och-arbete/utvecklingsprojekt.html",
        "records": [
            rec("Mösseberg Trailcenter", "Falköpings Cykelklubb", "2025-04", "2026-10", 1500000,
                ["Västra Götalandsregionen", "Falköpings kommun", "Falköpings Cykelklubb"], ["Falköping"],
                [person("Emil Hägg", "emil.hagg@falkopingsck.se", "070-418 62 09")]),
            rec("Stenstorps Handelsplats", "Stenstorps Köpmän ekonomisk förening", "2025-10", "2027-09", 2300000,
                ["Länsstyrelsen Västra Götaland", "Falköpings kommun", "Stenstorps Köpmän ekonomisk förening"],
                ["Falköping"], [person("Anneli Rydh", None, "0515-300 84")]),
            rec("Kompetenscentrum Lantbruk Falbygden", "Falköpings kommun", "2024-01", "2026-12", 4600000,
                ["Europeiska socialfonden+", "Falköpings kommun", "Falbygdens Lantbrukarförening"], ["Falköping"],
                [person("Karin Borg", "karin.borg@falkoping.se", "0515-885 12")]),
        ],
        "furniture": [
            "Vi använder kakor (cookies) för att ge dig en bättre upplevelse.", "Läs mer om kakor",
            "Till sidans innehåll", "Lyssna", "Senast uppdaterad: 18 november 2025", "Dela sidan",
            "Hittade du informationen du sökte?", "Telefon 0515-88 50 00", "Tillgänglighetsredogörelse",
        ],
    },
    {
        "page": "q12_projekt-som-fatt-stod-leader-romeleasen.md",
        "layout": "md_leader_h3_financing_breakdown",
        "url": "https://www.leaderromeleasen.se/projekt-som-fatt-stod/",
        "records": [
            rec("Romeleleden – vandring över åsen", "Skurups Friluftsförening", "2025-08", "2027-07", 760000,
                ["Leader Romeleåsen", "Skurups kommun", "Skurups Friluftsförening"], ["Skurup"],
                [person("Ronja Kvist", "ronja.kvist@skurupsfriluft.se", "0411-160 38")]),
            rec("Klågerups Byahus", "Klågerups Byalag", "2025-02", "2025-12", 340000,
                ["Leader Romeleåsen", "Svedala kommun", "Stiftelsen Klågerups Gille", "Klågerups Byalag"],
                ["Svedala"], [person("Sven-Olof Persson", None, "040-40 17 82")]),
            rec("Skurups Hantverkshus", "Skurups Hantverksförening", "2026-01", "2027-06", 980000,
                ["Leader Romeleåsen", "Region Skåne", "Skurups Hantverksförening"], ["Skurup"],
                [person("Amanda Ljung", "amanda@skurupshantverk.se")]),
        ],
        "furniture": [
            "Till innehållet",
            "Leader Romeleåsen finansieras av Europeiska unionen, Jordbruksverket och områdets kommuner.",
            "Integritetspolicy", "© 2025 Leader Romeleåsen",
        ],
    },
    # ---- class 5: labels without a colon -------------------------------------------------------
    {
        "page": "q13_beviljade-bygdemedel-surahammar-2025.pdf",
        "layout": "pdf_grid_labels_no_colon",
        "url": None,
        "records": [
            rec("Belysning längs Bruksgatan i Ramnäs", "Ramnäs Bygdeförening", "2026-04", "2026-10", 185000,
                ["Surahammars kommun", "Ramnäs Bruks Vänner", "Ramnäs Bygdeförening"], ["Surahammar"],
                [person("Jan Östling", None, "070-615 22 80")]),
            rec("Kanotuthyrning vid Strömsholms kanal i Virsbo", "Virsbo Kanotförening", "2025-09", "2026-08", 230000,
                ["Surahammars kommun", "Region Västmanland", "Virsbo Kanotförening"], ["Surahammar"],
                [person("Elin Haraldsson", "elin@virsbokanot.se", "0220-410 93")]),
            rec("Tillgänglig entré till hembygdsgården i Sura", "Sura Hembygdsgille", "2026-01", "2026-12", 140000,
                ["Surahammars kommun", "Boverket", "Sura Hembygdsgille"], ["Surahammar"],
                [person("Bo Rehn", None, "0220-392 11")]),
        ],
        "furniture": [
            "SURAHAMMARS KOMMUN Beviljade bygdemedel 2025", "Kommunstyrelsens förvaltning   Sida 1 av 1",
        ],
    },
    {
        "page": "q14_pagaende-projekt-region-vastmanland.txt",
        "layout": "label_spaces_value_text_offvocabulary",
        "url": None,
        "records": [
            rec("Arboga Hamnkvarter", "Arboga kommun", "2025-01", "2027-12", 5400000,
                ["Arboga kommun", "Region Västmanland", "Europeiska regionala utvecklingsfonden"], ["Arboga"],
                [person("Mattias Grön", "mattias.gron@arboga.se", "0589-872 31")]),
            rec("Köpings Lärlingscentrum", "Köpings Industriförening", "2025-08", "2027-07", 2750000,
                ["Region Västmanland", "Köpings kommun"], ["Köping"],
                [person("Nadia Karimi", None, "0221-251 70")]),
            rec("Fagersta Stålcampus", "Fagersta kommun", "2024-10", "2026-09", 3100000,
                ["Fagersta kommun", "Region Västmanland", "Europeiska socialfonden+"], ["Fagersta"],
                [person("Oscar Lund", "oscar.lund@fagersta.se", "0223-441 06")]),
        ],
        "furniture": [
            "Gå direkt till sidans innehåll",
            "Regional utveckling / Projekt / Pågående projekt med regional medfinansiering",
            "Sidan uppdaterades: 2025-11-19", "Dela sidan", "Skriv ut", "Blev du hjälpt av informationen?",
            "Telefon 021-17 30 00", "Hitta kontaktuppgifter", "Webbplatsens tillgänglighet", "Till sidans topp",
        ],
    },
    # ---- class 6: one project, facts scattered -------------------------------------------------
    {
        "page": "q15_flygfaltsleden-ljungbyhed.html",
        "layout": "microsite_front_scattered_facts",
        "url": "https://www.flygfaltsleden.se/",
        "records": [
            rec("Flygfältsleden Ljungbyhed", "Ljungbyheds Samhällsförening", "2025-08", "2027-06", 1180000,
                ["Leader Söderåsen Nordväst", "Klippans kommun", "Ljungbyheds Samhällsförening"], ["Klippan"],
                [person("Emma Thorén", "emma.thoren@flygfaltsleden.se", "0435-290 47")]),
        ],
        "furniture": [
            "Webbplatsen använder kakor för att räkna besök.", "Nej tack", "Senaste nytt", "Arbetsdag i oktober",
            "Markavtalet är klart", "Foto på startsidan: Nils Åkesson", "Drivs med WordPress", "Integritetspolicy",
        ],
    },
    {
        "page": "q16_nyheter-bjorbo-dansbana.md",
        "layout": "md_project_news_feed",
        "url": "https://www.bjorbo.nu/dansbanan/nyheter/",
        "records": [
            rec("Björbo Dansbana", "Björbo Byagemenskap", "2025-04", "2026-06", 780000,
                ["Leader Dalälvarnas Möte", "Gagnefs kommun", "Björbo Bygdefond", "Björbo Byagemenskap"], ["Gagnef"],
                [person("Kerstin Nääs", "kerstin.naas@bjorbo.nu", "070-553 28 14")]),
        ],
        "furniture": [
            "Foto: Sune Backlund", "Tillbaka till Dansbanan", "Dela på Facebook",
            "© 2025 Björbo Byagemenskap · Björbo, 785 45 Björbo",
        ],
    },
    {
        "page": "q17_tjornarps-bystuga.txt",
        "layout": "single_project_generic_title_sections_text",
        "url": None,
        "records": [
            rec("Tjörnarps Bystuga", "Tjörnarps Byförening", "2025-02", "2027-01", 890000,
                ["Leader Ringsjöbygden", "Höörs kommun", "Tjörnarps Byförening"], ["Höör"],
                [person("Ulf Bengtsson", "ulf.bengtsson@tjornarp.se", "0413-220 46")]),
        ],
        "furniture": [
            "Hem | Projektet | Nyheter | Boka lokal | Kontakt", "Hem > Projektet",
            "Senast ändrad 2025-10-05", "Skriv ut sidan",
            "Tjörnarps Byförening · Stationsvägen 2 · 243 97 Höör · Bankgiro 5402-1187",
            "Föreningen är medlem i Hela Sverige ska leva Skåne", "Till sidans början",
        ],
    },
    # ---- class 8: facts tied by reference ------------------------------------------------------
    {
        "page": "q18_arsredovisning-tillvaxt-herrljunga-2025.md",
        "layout": "md_table_asterisk_notes",
        "url": None,
        "records": [
            rec("Annelunds Järnvägspark", "Annelunds Samhällsförening", "2024-05", "2025-10", 1050000,
                ["Leader Nossadalen", "Herrljunga kommun", "Annelunds Samhällsförening"], ["Herrljunga"]),
            rec("Företagslots Herrljunga", "Herrljunga kommun", "2025-01", "2026-12", 640000,
                ["Västra Götalandsregionen", "Herrljunga kommun"], ["Herrljunga"],
                [person("Jenny Carlberg", "jenny.carlberg@herrljunga.se", "0513-170 62")]),
        ],
        "furniture": ["Till huvudinnehållet", "Publicerad 2026-03-02 · Skriv ut · Dela"],
    },
    # ---- class 9: offer table with ceilings, implicit owner ------------------------------------
    {
        "page": "q19_klimatcheck-ulricehamn.html",
        "layout": "offer_comparison_table_rows",
        "url": "https://www.ulricehamn.se/naringsliv/stod-till-foretag/klimatchecken/",
        "records": [
            rec("Klimatchecken – stöd till småföretag", "Ulricehamns kommun", None, None, None,
                ["Ulricehamns kommun", "Boråsregionen Sjuhärads kommunalförbund"], ["Ulricehamn"],
                [person("Hugo Nyberg", "hugo.nyberg@ulricehamn.se", "0321-595 48")], kind="offer"),
        ],
        "furniture": [
            "Vi värnar om din integritet",
            "Vi använder nödvändiga kakor för att webbplatsen ska fungera. Med ditt samtycke använder vi även "
            "kakor för besöksstatistik.",
            "Tillåt statistikkakor", "Hoppa till innehåll", "Lyssna", "Senast uppdaterad 2025-12-03",
            "Hjälpte sidan dig?", "Kontaktcenter 0321-59 50 00", "Tillgänglighetsredogörelse",
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
            text = text.replace("\\*", " ").replace("**", "").replace("*", " ")
    return re.sub(r"\s+", " ", text)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def main() -> int:
    problems: list[str] = []
    pages = {p.name for p in H.iterdir() if re.match(r"q\d\d_", p.name)}
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
