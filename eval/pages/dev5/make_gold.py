"""Writes gold.jsonl for dev5 and checks that furniture strings and record values occur in the pages.

Run: .venv/bin/python eval/pages/dev5/make_gold.py   (after make_pdfs.py)

Checks, per page: every furniture string, every record title and owner, every funder, and every
contact's name, e-mail and phone number occur in the page's visible text (HTML without tags,
Markdown without link syntax and emphasis, PDF text as pypdf extracts it; whitespace collapsed).
Values the page never writes out (the kommun deduced from a URL or e-mail domain, listed in
DEDUCED) are exempt. Furniture strings must occur exactly once in the visible text (PDF running
headers and footers: at most once per page) and in no record field. Periods must be YYYY-MM.
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import pypdf

H = Path(__file__).resolve().parent

# page -> values (owner or funder) the page never writes out; deduced from URL / e-mail domain
DEDUCED = {
    "n13_kajpromenaden-skarhamn.html": {"Tjörns kommun"},
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


ERUF = "Europeiska regionala utvecklingsfonden"

GOLD = [
    {
        "page": "n01_projekt-med-medfinansiering-kinda.html",
        "layout": "table_grouped_header",
        "url": "https://www.kinda.se/naringsliv-och-arbete/utveckling/projekt-med-kommunal-medfinansiering.html",
        "records": [
            rec("Kanotleden Stångån", "Kinda Kanotklubb", "2024-04", "2026-10", 1480000,
                ["Leader Stångådalen", "Region Östergötland", "Kinda kommun"], ["Kinda"]),
            rec("Kisa Hantverksby", "Kisa Företagarförening", "2023-09", "2025-08", 2260000,
                ["Region Östergötland", "Tillväxtverket", "Kinda kommun"], ["Kinda"]),
            rec("Rimforsa Laddpark", "Rimforsa Samhällsförening", "2025-01", "2026-06", 690000,
                ["Naturvårdsverket", "Kinda kommun"], ["Kinda"]),
            rec("Horns bygdekök", "Horns Bygdegårdsförening", "2025-03", "2027-02", 940000,
                ["Leader Stångådalen", "Kinda kommun"], ["Kinda"]),
        ],
        "furniture": [
            "Hoppa till huvudinnehåll", "Acceptera alla kakor", "Acceptera endast nödvändiga", "Skriv ut sidan",
            "Dela sidan", "Lyssna på texten", "Senast ändrad 2025-09-02", "Fick du hjälp av informationen?",
            "Kommunväxel 0494-190 00", "Behandling av personuppgifter",
        ],
    },
    {
        "page": "n02_utvecklingsprojekt-laholm.md",
        "layout": "md_table_flattened_two_row_header",
        "url": None,
        "records": [
            rec("Kvarnen i Knäred", "Knäreds Hembygdsförening", "2024-03", "2025-11", 540000,
                ["Leader Lagadalen", "Laholms kommun"], ["Laholm"]),
            rec("Strandvärdar Mellbystrand", "Mellbystrands Företagarförening", "2025-05", "2026-09", 1120000,
                ["Region Halland", "Laholms kommun"], ["Laholm"]),
            rec("Veinge Mathall", "Veinge Handelsförening ekonomisk förening", "2025-01", "2026-12", 1850000,
                ["Leader Lagadalen", "Region Halland"], ["Laholm"]),
            rec("Cykelstråk Hallandsåsen", "Laholms kommun", "2024-08", "2027-07", 3400000,
                ["Trafikverket", "Region Halland", "Laholms kommun"], ["Laholm"]),
        ],
        "furniture": [
            "Gå direkt till innehållet", "Godkänn kakor", "Endast nödvändiga kakor",
            "Publicerad 2024-02-12. Senast uppdaterad 2025-06-30.", "Skriv ut", "Dela på Facebook",
            "Telefon 0430-150 00", "Tillgänglighetsredogörelse",
        ],
    },
    {
        "page": "n03_naringslivsprojekt-gnesta.html",
        "layout": "tab_widget_dl_labels",
        "url": "https://www.gnesta.se/naringsliv/utveckling/pagaende-naringslivsprojekt/",
        "records": [
            rec("Stjärnhovs Servicebutik", "Stjärnhovs Intresseförening", "2024-10", "2026-09", 1100000,
                ["Leader Södermanlands Sjöbygd", "Gnesta kommun"], ["Gnesta"],
                [person("Birgitta Kron", "birgitta.kron@stjarnhovsif.se", "070-512 36 84")]),
            rec("Gnesta Matnätverk", "Gnesta kommun", "2025-02", "2026-12", 780000,
                ["Region Sörmland", "Gnesta kommun"], ["Gnesta"],
                [person("Oskar Vinberg", "oskar.vinberg@gnesta.se", "0158-275 44")]),
            rec("Frösjöns Friluftsnod", "Frösjöns Båt- och Friluftsklubb", "2023-05", "2025-04", 465000,
                ["Länsstyrelsen i Södermanlands län", "Gnesta kommun"], ["Gnesta"],
                [person("Jamal Haidari", None, "073-208 71 35")]),
        ],
        "furniture": [
            "Till sidans innehåll", "Godkänn statistikkakor", "Sidan granskades senast 2025-05-19", "Skriv ut",
            "Kontaktcenter 0158-274 00", "Personuppgiftshantering",
        ],
    },
    {
        "page": "n04_landsbygdsprojekt-arjang.html",
        "layout": "collapse_button_factgrid",
        "url": "https://www.saffle.se/foretag-och-arbete/landsbygdsutveckling/landsbygdsprojekt",
        "records": [
            rec("Silleruds Bygdetaxi", "Silleruds Utvecklingsgrupp ideell förening", "2024-05", "2026-04", 985000,
                ["Leader Västvärmlands Sjöar", "Årjängs kommun"], ["Årjäng"],
                [person("Ingrid Sandahl", None, "070-445 19 02")]),
            rec("Töcksfors Båtslip", "Töcksfors Båtklubb", "2023-06", "2024-12", 420000,
                ["Länsstyrelsen Värmland", "Årjängs kommun"], ["Årjäng"],
                [person("Per-Olof Nyman", "per-olof.nyman@tocksforsbatklubb.se", "0573-410 27")]),
            rec("Holmedals Kulturlada", "Holmedals Hembygdsförening", "2025-03", "2027-02", 1640000,
                ["Leader Västvärmlands Sjöar", "Region Värmland", "Årjängs kommun"], ["Årjäng"],
                [person("Malin Örtenblad", "malin.ortenblad@holmedalshembygd.se", "073-614 88 20")]),
        ],
        "furniture": [
            "Hoppa till huvudinnehållet", "Tillåt kakor", "Bara nödvändiga", "Skriv ut sidan", "Dela sidan",
            "Uppdaterad 8 oktober 2025", "Servicecenter 0573-141 00",
        ],
    },
    {
        "page": "n05_nyhet-kustsatsningar-robertsfors.html",
        "layout": "news_projects_contact_list",
        "url": "https://www.robertsfors.se/nyheter/2025-10-02-bastu-i-hamnen-och-verkstad-for-unga-far-pengar.html",
        "records": [
            rec("Ratans Hamnbastu", "Ratans Båtlag", "2025-11", "2026-05", 735000,
                ["Leader Kustbygd Västerbotten", "Robertsfors kommun", "Ratans Båtlag"], ["Robertsfors"],
                [person("Viktor Öström", "viktor.ostrom@ratansbatlag.se", "070-219 84 37")], kind="article"),
            rec("Bygdeå Ungdomsverkstad", "Bygdeå Ungdomsförening", "2026-01", "2027-12", 1300000,
                ["Allmänna arvsfonden", "Robertsfors kommun", "Bygdeå Ungdomsförening"], ["Robertsfors"],
                [person("Sanna Lidström", None, "073-580 12 66")], kind="article"),
        ],
        "furniture": [
            "Gå till artikeln", "Ja, det är okej", "Nej, bara nödvändiga",
            "Text och foto: Lena Marklund, kommunikationsenheten", "Dela på Facebook", "Mejla artikeln",
            "Senaste nyheterna", "Växel 0934-141 00",
        ],
    },
    {
        "page": "n06_aktuella-projekt-skinnskatteberg.txt",
        "layout": "label_value_lines_no_colon",
        "url": None,
        "records": [
            rec("Smedjan i Riddarhyttan", "Riddarhyttans Samhällsförening", "2024-08", "2026-07", 870000,
                ["Leader Bergslagsälvar", "Skinnskattebergs kommun"], ["Skinnskatteberg"],
                [person("Elsa Hedberg", "elsa.hedberg@riddarhyttan.nu", "070-381 22 59")]),
            rec("Matkasse från bygden", "Skinnskattebergs kommun", "2025-01", "2026-06", 1240000,
                ["Region Västmanland", "Skinnskattebergs kommun"], ["Skinnskatteberg"],
                [person("Leyla Karimi", "leyla.karimi@skinnskatteberg.se", "0222-451 38")]),
            rec("Kolarleden", "Skinnskattebergs Turistförening", "2023-05", "2024-10", 312000,
                ["Länsstyrelsen i Västmanlands län"], ["Skinnskatteberg"],
                [person("Göran Lilja", None, "0222-103 84")]),
        ],
        "furniture": [
            "Gå till innehåll", "Dela: Facebook · LinkedIn · E-post", "Uppdaterad: 2025-05-14",
            "↑ Till sidans början", "Kommunens växel: 0222-450 10",
        ],
    },
    {
        "page": "n07_lag-beslut-leader-siljan-soder.pdf",
        "layout": "pdf_table_flattened_rows",
        "url": None,
        "records": [
            rec("Fäbodkök Vikarbyn", "Vikarbyns Byaförening", "2025-09", "2027-06", 1260000,
                ["Leader Siljan Söder", "Rättviks kommun"], ["Rättvik"]),
            rec("Tällbergs Hantverksstråk", "Tällbergs Företagarförening", "2025-10", "2026-12", 640000,
                ["Leader Siljan Söder", "Leksands kommun"], ["Leksand"]),
            rec("Insjöns Båthus", "Insjöns Segelsällskap", "2025-08", "2026-09", 415000,
                ["Leader Siljan Söder", "Leksands kommun"], ["Leksand"]),
            rec("Furudals Bruksgård 2.0", "Furudals Bruksförening", "2026-01", "2027-12", 2180000,
                ["Leader Siljan Söder", "Rättviks kommun", "Region Dalarna"], ["Rättvik"]),
            rec("Ljusspår i Siljansnäs", "Siljansnäs IK", "2025-11", "2026-10", 520000,
                ["Leader Siljan Söder", "Leksands kommun"], ["Leksand"]),
        ],
        "furniture": [
            "LEADER SILJAN SÖDER", "Bilaga 1 till protokoll LAG 2025-06-11",
            "Leader Siljan Söder - beviljade projekt juni 2025", "Sida 1 av 1",
        ],
    },
    {
        "page": "n08_bygdemedel-2025-norsjo.txt",
        "layout": "pasted_table_rows_text",
        "url": None,
        "records": [
            rec("Ny belysning på isbanan", "Bastuträsk Byaförening", None, None, 184000, ["Norsjö kommun"], ["Norsjö"]),
            rec("Omklädningsrum vid fotbollsplanen", "Kusfors IF", None, None, 326000, ["Norsjö kommun"], ["Norsjö"]),
            rec("Begagnad pistmaskin", "Norsjövallens Skidklubb", None, None, 410000, ["Norsjö kommun"], ["Norsjö"]),
            rec("Nytt tak på bygdegården", "Mensträsk Bygdegårdsförening", None, None, 130000, ["Norsjö kommun"],
                ["Norsjö"]),
        ],
        "furniture": [
            "Hoppa till sidans innehåll", "Publicerad 24 april 2025", "Dela på Facebook", "Skriv ut nyheten",
            "Fler nyheter", "Telefon (växel): 0918-141 00", "Följ oss på Instagram",
        ],
    },
    {
        "page": "n09_beslut-utvecklingsstod-glasets-hus-tranemo.pdf",
        "layout": "decision_letter_pdf",
        "url": None,
        "records": [
            rec("Glasets hus Limmared", "Limmareds Glasbruksförening", "2025-10", "2027-09", 1460000,
                ["Västra Götalandsregionen", "Tranemo kommun", "Limmareds Glasbruksförening"], ["Tranemo"],
                [person("Anton Grip", "anton.grip@glasetshus.se", "0325-781 40")]),
        ],
        "furniture": [
            "VÄSTRA GÖTALANDSREGIONEN", "Regionutvecklingsnämnden | Dnr RUN 2025-00417", "Sida 1 av 2", "Sida 2 av 2",
        ],
    },
    {
        "page": "n10_tjansteskrivelse-bruksscenen-hedemora.txt",
        "layout": "memo_in_document_viewer",
        "url": None,
        "records": [
            rec("Bruksscenen Långshyttan", "Långshyttans Kulturförening", "2025-11", "2027-10", 940000,
                ["Leader Södra Dalarnas Bergslag", "Hedemora kommun", "Långshyttans Kulturförening"], ["Hedemora"],
                [person("Rasmus Edholm", None, "070-664 30 18")]),
        ],
        "furniture": [
            "Hedemora kommun – Möteshandlingar", "Ladda ner som PDF", "Stäng dokumentet", "© Hedemora kommun",
        ],
    },
    {
        "page": "n11_om-leader-nordvanern.html",
        "layout": "leader_area_prose_with_project_cards",
        "url": "https://www.leadernordvanern.se/om-oss/",
        "records": [
            rec("Leader Nordvänern", "Nordvänerns Leaderförening", "2023-01", "2027-12", 32800000,
                ["Europeiska jordbruksfonden för landsbygdsutveckling", "Region Värmland", "Kils kommun",
                 "Forshaga kommun", "Grums kommun"], ["Kil", "Forshaga", "Grums"],
                [person("Cecilia Brandt", "cecilia.brandt@leadernordvanern.se", "0554-194 62")], kind="leader_area"),
            rec("Dansbanan i Fagerås", "Fagerås Bygdeförening", "2024-05", "2026-04", 560000,
                ["Leader Nordvänern", "Kils kommun"], ["Kil"]),
            rec("Industriminnen i Deje", "Deje Hembygdsförening", "2025-01", "2026-12", 890000,
                ["Leader Nordvänern", "Forshaga kommun", "Länsstyrelsen Värmland"], ["Forshaga"]),
            rec("Slottsbrons Gästhamn", "Slottsbrons Båtklubb", "2025-04", "2026-10", 1340000,
                ["Leader Nordvänern", "Grums kommun"], ["Grums"]),
        ],
        "furniture": [
            "Hoppa till innehåll", "Hantera samtycke för kakor", "Visa inställningar",
            "Medfinansieras av Europeiska unionen", "© 2025 Nordvänerns Leaderförening", "Integritetspolicy",
        ],
    },
    {
        "page": "n12_besoksnaring-oland-2027.md",
        "layout": "umbrella_project_with_subprojects_md",
        "url": None,
        "records": [
            rec("Besöksnäring Öland 2027", "Borgholms kommun", "2024-09", "2027-08", 9600000,
                [ERUF, "Region Kalmar län", "Borgholms kommun", "Mörbylånga kommun"], ["Borgholm", "Mörbylånga"],
                [person("Anneli Borg", "anneli.borg@borgholm.se", "0485-883 12")]),
            rec("Löttorp Cykelnav", "Norra Ölands Företagarförening", "2025-03", "2027-02", 2100000,
                [ERUF, "Borgholms kommun"], ["Borgholm"]),
            rec("Degerhamns Hamnmagasin", "Södra Ölands Hamnförening", "2024-09", "2026-06", 1450000,
                [ERUF, "Mörbylånga kommun"], ["Mörbylånga"]),
            rec("Ölands Vinterpaket", "Ölands Turistföretagare ekonomisk förening", "2025-01", "2027-08", 3200000,
                [ERUF, "Region Kalmar län"], ["Borgholm", "Mörbylånga"]),
        ],
        "furniture": [
            "Till innehållet", "Godkänn alla", "Sidan publicerades 2024-09-30 och uppdaterades 2025-08-14.",
            "Skriv ut sidan", "Dela sidan", "Växel: 0485-880 10", "Hantering av personuppgifter",
        ],
    },
    {
        "page": "n13_kajpromenaden-skarhamn.html",
        "layout": "project_phases_html",
        "url": "https://www.tjorn.se/trafik-och-infrastruktur/hamnar/utvecklingsprojekt/kajpromenaden-i-skarhamn.html",
        "records": [
            rec("Kajpromenaden i Skärhamn", "Tjörns kommun", "2022-10", "2026-03", 4350000,
                ["Tjörns kommun", "Västra Götalandsregionen", "Havs- och vattenmyndigheten", "Leader Södra Bohuslän"],
                ["Tjörn"], [person("Fredrik Alm", "fredrik.alm@tjorn.se", "0304-601 48")]),
        ],
        "furniture": [
            "Direkt till innehållet", "Jag accepterar inte", "Senast uppdaterad 2025-07-03", "Skriv ut",
            "Kommunens växel 0304-601 10", "Tillgänglighetsredogörelse",
        ],
    },
    {
        "page": "n14_vatterstranden-karlsborg.txt",
        "layout": "project_steps_text",
        "url": None,
        "records": [
            rec("Vätterstranden Karlsborg", "Karlsborgs kommun", "2024-04", "2026-05", 2530000,
                ["Karlsborgs kommun", "Länsstyrelsen i Västra Götalands län", "Leader Tiveden–Vättern", "Boverket"],
                ["Karlsborg"], [person("Hanna Sjöberg", "hanna.sjoberg@karlsborg.se", "0505-173 19")]),
        ],
        "furniture": [
            "Hoppa till innehållet", "Senast uppdaterad: 2025-09-10", "Skriv ut | Dela | Tipsa någon", "Till toppen",
            "Kommunväxel 0505-170 00", "Kakor och personuppgifter",
        ],
    },
    {
        "page": "n15_hova-framtid-projekt.txt",
        "layout": "association_wordpress_text",
        "url": None,
        "records": [
            rec("Hova Marknadshall", "Hova Framtid", "2025-03", "2027-02", 1480000,
                ["Leader Skagern–Vänern", "Gullspångs kommun", "Stiftelsen Hova Sparbanksfond", "Hova Framtid"],
                ["Gullspång"], [person("Mirja Kallio", "mirja.kallio@hovaframtid.se", "076-318 45 02")]),
            rec("Isbanan på torget", "Hova Framtid", "2024-12", "2025-03", 68000,
                ["Gullspångs kommun", "Hova Framtid"], ["Gullspång"]),
        ],
        "furniture": [
            "Senaste nytt", "Hova Framtid är medlem i Hela Sverige ska leva",
            "© 2025 Hova Framtid · Stolt drivs av WordPress", "Upp ↑",
        ],
    },
    {
        "page": "n16_kontakta-foretagsservice-flen.html",
        "layout": "contact_cards_role_first",
        "url": "https://www.flen.se/naringsliv-och-arbete/foretagsservice/kontakta-foretagsservice/",
        "records": [
            page_rec("Kontakta Företagsservice", ["Flen"], [
                person("Kristina Vallgren", "kristina.vallgren@flen.se", "0157-430 12"),
                person("Ali Rahimi", "ali.rahimi@flen.se", "070-214 58 63"),
                person("Ulla-Britt Sandelin", "ulla-britt.sandelin@flen.se", "0157-431 90", "+46 73 804 26 17"),
                person("Jonatan Åkesson", "jonatan.akesson@flen.se", "0157-430 55"),
            ]),
        ],
        "furniture": [
            "Hoppa direkt till innehållet", "Godkänn nödvändiga", "Publicerad 2025-01-15, ändrad 2025-10-01",
            "Skriv ut sidan", "Dela sidan", "Lyssna på sidan", "Fick du den hjälp du behövde?",
            "Kontaktcenter 0157-430 00",
        ],
    },
    {
        "page": "n17_baltic-shore-trails.html",
        "layout": "english_interreg_dl_eur_budget",
        "url": "https://www.balticshoretrails.eu/about/",
        "records": [
            rec("Baltic Shore Trails", "Torsås kommun", "2024-09", "2027-08", 26800000,
                ["European Regional Development Fund", "Region Kalmar län", "Torsås kommun",
                 "Palanga City Municipality", "Gmina Łeba"], ["Torsås"],
                [person("Emelie Skog", "emelie.skog@torsas.se", "+46 486 337 21"),
                 person("Rūta Petrauskienė", "ruta.petrauskiene@palanga.lt", "+370 460 48 215")]),
        ],
        "furniture": [
            "Skip to main content", "Allow all cookies", "Only necessary cookies", "Share on", "Privacy policy",
            "Accessibility statement", "Page last modified 3 February 2025", "© 2025 Baltic Shore Trails",
        ],
    },
    {
        "page": "n18_bygdecheck-svenljunga.html",
        "layout": "offer_bold_paragraph_questions",
        "url": "https://www.svenljunga.se/kultur-och-fritid/foreningsliv/bidrag/bygdecheck-for-foreningar.html",
        "records": [
            rec("Bygdecheck för föreningar", "Svenljunga kommun", None, None, None, ["Svenljunga kommun"],
                ["Svenljunga"], [person("Sofie Hägg", "sofie.hagg@svenljunga.se", "0325-181 62")], kind="offer"),
        ],
        "furniture": [
            "Gå till sidans innehåll", "Ok, jag godkänner", "Sidan ändrades senast: 2025-11-06", "Tipsa en vän",
            "Var det här till hjälp?", "Telefon 0325-180 00", "Talande webb",
        ],
    },
    {
        "page": "n19_bybutiksstod-osby.md",
        "layout": "offer_bold_line_questions_md",
        "url": None,
        "records": [
            rec("Bybutiksstöd", "Osby kommun", None, None, None, ["Osby kommun"], ["Osby"],
                [person("Patrik Holmgren", "patrik.holmgren@osby.se", "0479-528 34")], kind="offer"),
        ],
        "furniture": [
            "Hoppa till innehåll", "Jag förstår", "Sidan uppdaterades 2025-03-21", "Skriv ut", "Dela sidan",
            "Servicecenter 0479-528 00",
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
    pages = {p.name for p in H.iterdir() if re.match(r"n\d\d_", p.name)}
    gold_pages = {g["page"] for g in GOLD}
    if pages != gold_pages:
        problems.append(f"pages without gold or gold without page: {sorted(pages ^ gold_pages)}")
    for g in GOLD:
        path = H / g["page"]
        if not path.exists():
            continue
        text = visible_text(path)
        # PDF running headers/footers repeat once per page; everything else occurs exactly once
        most = len(pypdf.PdfReader(str(path)).pages) if path.suffix == ".pdf" else 1
        for f in g["furniture"]:
            n = text.count(norm(f))
            if not 1 <= n <= most:
                problems.append(f"{g['page']}: furniture occurs {n} times: {f!r}")
        for r in g["records"]:
            values = [r["title"]] + ([r["owner"]] if r["owner"] else []) + r["funders"]
            for c in r["contacts"]:
                values += [c["name"]] + ([c["email"]] if c["email"] else []) + c["phones"]
            for v in values:
                if v in DEDUCED.get(g["page"], set()):
                    continue
                if norm(v) not in text:
                    problems.append(f"{g['page']}: value not in page: {v!r}")
            for key in ("period_start", "period_end"):
                if r[key] is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", r[key]):
                    problems.append(f"{g['page']}: bad {key} {r[key]!r}")
            if r["period_start"] and r["period_end"] and r["period_start"] > r["period_end"]:
                problems.append(f"{g['page']}: period ends before it starts in {r['title']!r}")
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
