"""Write gold.jsonl for the dev4 evaluation set and check it against the pages.

Run from anywhere:  python eval/pages/dev4/make_gold.py
Checks that every title, contact name and furniture string occurs in its page (PDF text via
pypdf, whitespace folded), that every owner occurs unless it is listed in DERIVED_OWNERS
(owner named only through the e-mail domain / URL), and that every furniture string occurs
exactly once. Exits non-zero on any failure.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def c(name, email=None, *phones):
    return {"name": name, "email": email, "phones": list(phones)}


def rec(title, owner, start, end, budget, funders, kommuner, contacts=(), kind="project"):
    return {"kind": kind, "title": title, "owner": owner, "period_start": start,
            "period_end": end, "budget_sek": budget, "funders": list(funders),
            "kommuner": list(kommuner), "contacts": list(contacts)}


VKS = ["Alvesta", "Lessebo", "Tingsryd", "Uppvidinge"]
BVB = ["Kalix", "Haparanda", "Överkalix", "Övertorneå"]

PAGES = [
    {"page": "g01_projektlista-dorotea.txt", "layout": "label_lines_no_blank", "url": None,
     "records": [
         rec("Vildmarkskök Risbäck", "Risbäcks Byaförening", "2024-06", "2026-05", 1350000,
             ["Region Västerbotten", "Dorotea kommun"], ["Dorotea"],
             [c("Lovisa Granlund", "lovisa.granlund@risbackbyn.se", "070-618 24 73")]),
         rec("Laddstolpar längs E45", "Dorotea kommun, tekniska avdelningen", "2025-01", "2025-12",
             2400000, ["Naturvårdsverket (Klimatklivet)"], ["Dorotea"],
             [c("Henrik Edvardsson", "henrik.edvardsson@dorotea.se", "0942-172 35")]),
         rec("Bygdegård Avasjö 2.0", "Avasjö Bygdegårdsförening", "2024-09", "2025-08", 615000,
             ["Boverket", "Dorotea kommun"], ["Dorotea"],
             [c("Ingrid Mårtensson", "avasjo.bygdegard@gmail.com", "+46 70 255 81 36")]),
     ],
     "furniture": ["Hoppa till innehåll", "Hittade du det du sökte?", "Till toppen",
                   "Telefon växel: 0942-171 90", "Tillgänglighetsredogörelse", "Om kakor"]},

    {"page": "g02_projekt-tranas.txt", "layout": "label_lines_no_blank", "url": None,
     "records": [
         rec("Kanotled på Svartån", "Tranås Kanotklubb", "2025-04", "2026-10", 780000,
             ["Region Jönköpings län"], ["Tranås"],
             [c("Jens Aho", "jens.aho@tranaskanot.se", "0140-175 62")]),
         rec("Skolhuset i Gripenberg", "Gripenbergs Intresseförening", "2024-08", "2025-12", 1120000,
             ["Leader Höglandsbygd", "Tranås kommun"], ["Tranås"],
             [c("Torbjörn Nyqvist", "torbjorn.nyqvist@gripenberg.nu", "0140-300 48")]),
         rec("Textilt återbruk", "Tranås Återbruk ideell förening", "2024-01", "2026-12", 2050000,
             ["Naturvårdsverket", "Tranås kommun"], ["Tranås"],
             [c("Ebba Kjellin", "ebba.kjellin@tranasaterbruk.se", "0140-681 22", "072-514 03 66")]),
     ],
     "furniture": ["Till startsidan", "Lyssna", "Translate",
                   "Du är här: Startsida > Näringsliv > Projekt och samverkan", "Dela sidan",
                   "Senast granskad 2025-02-14", "Webbkarta"]},

    {"page": "g03_lag-beslut-varendsskogen.pdf", "layout": "grant_sentences_pdf", "url": None,
     "records": [
         rec("Mustlabbet i Urshult", "Urshults Hembygdsförening", "2025-04", "2026-09", 412000,
             ["Leader Värendsskogen"], ["Tingsryd"]),
         rec("Glasbyns vandringsslinga", "Kosta Byalag", "2025-05", "2026-10", 265500,
             ["Leader Värendsskogen"], ["Lessebo"]),
         rec("Scen i Moheda", "Moheda Ungdomsförening", "2025-01", "2025-12", 148000,
             ["Leader Värendsskogen"], ["Alvesta"]),
         rec("Solkraft i bygdegården", "Lenhovda Bygdegårdsförening", "2025-06", "2026-05", 327000,
             ["Leader Värendsskogen"], ["Uppvidinge"]),
         rec("Cykla i Värendsskogen", "Värendsskogens Turistnätverk ekonomisk förening", "2025-05",
             "2027-04", 590000, ["Leader Värendsskogen"], VKS),
     ],
     "furniture": ["Leader Värendsskogen | Beslut LAG 2025-03-12",
                   "Leader Värendsskogen ideell förening", "Sida 1 av 1"]},

    {"page": "g04_bygdemedel-bracke.txt", "layout": "grant_sentences_text", "url": None,
     "records": [
         rec("Bastu vid badplatsen i Kälarne", "Kälarne Byaförening", "2025-06", "2025-09", 86000,
             ["Bräcke kommun"], ["Bräcke"]),
         rec("Belysning på idrottsplatsen", "Gällö IF", "2025-05", "2025-10", 140000,
             ["Bräcke kommun"], ["Bräcke"]),
         rec("Brunnsparken i Pilgrimstad", "Pilgrimstads Hembygdsförening", "2025-08", "2025-12",
             52500, ["Bräcke kommun"], ["Bräcke"]),
         rec("Ny scen i bygdegården", "Hunge Bygdegårdsförening", "2025-01", "2025-12", 64000,
             ["Bräcke kommun"], ["Bräcke"]),
     ],
     "furniture": ["Hittade du det du sökte?", "Till toppen", "Bräcke kommun · 843 80 Bräcke"]},

    {"page": "g05_gastbrygga-hunnebostrand.txt", "layout": "news_breadcrumb_title", "url": None,
     "records": [
         rec("Ny gästbrygga i Hunnebostrand", "Hunnebostrands Hamnförening", "2025-05", "2026-06",
             4200000, ["Tillväxtverket", "Sotenäs kommun"], ["Sotenäs"],
             [c("Viktor Strand", "viktor.strand@hunnebohamn.se", "0523-66 41 08")], kind="article"),
     ],
     "furniture": ["Hoppa till innehåll",
                   "Du är här: Startsida > Nyheter > Ny gästbrygga i Hunnebostrand",
                   "Publicerad 2025-02-11", "Dela", "Skriv ut", "Fler nyheter",
                   "Nya öppettider på återvinningscentralen",
                   "Sommarjobb för unga – ansök senast 15 mars",
                   "Kommunfullmäktige sammanträder i Kungshamn", "Till toppen",
                   "Telefon växel: 0523-66 90 00", "Tillgänglighet · Kakor · Personuppgifter"]},

    {"page": "g06_vallmejeriet-venjan.html", "layout": "facts_aside_after_main",
     "url": "https://www.mora.se/naringsliv/projekt/vallmejeriet-venjan",
     "records": [
         rec("Vallmejeriet Venjan", "Venjans Fäbodmejeri ekonomisk förening", "2024-09", "2026-08",
             2650000, ["Leader Siljan Fjäll", "Region Dalarna", "Mora kommun"], ["Mora"],
             [c("Karin Olsson", "karin.olsson@venjansmejeri.se", "0250-431 27")]),
     ],
     "furniture": ["Mora kommun använder kakor för att webbplatsen ska fungera och för att förbättra den.",
                   "Tillåt alla", "Bara nödvändiga", "Gå direkt till innehållet",
                   "Var informationen på sidan till hjälp?", "Om kakor",
                   "Tillgänglighetsredogörelse"]},

    {"page": "g07_vandringsnav-hokensas.html", "layout": "facts_aside_after_main",
     "url": "https://tidaholm.se/uppleva-och-gora/projekt/vandringsnav-hokensas",
     "records": [
         rec("Vandringsnav Hökensås", "Tidaholms Turistförening", "2025-03", "2027-02", 1900000,
             ["Region Västra Götaland", "Tidaholms kommun", "Högskolan i Skövde"], ["Tidaholm"],
             [c("Amra Hodžić", "amra.hodzic@tidaholmsturist.se", "+46 502 60 18 44")]),
     ],
     "furniture": ["Sidan uppdaterades 2025-03-20", "Hittade du det du sökte?", "Personuppgifter"]},

    {"page": "g08_nya-bygdeprojekt-jamtland.md", "layout": "bullets_owner_unlabelled", "url": None,
     "records": [
         rec("Byastugan i Hackås", "Hackås Bygdeförening", "2025-03", "2025-12", 420000,
             ["Leader Fjällbygd Jämtland"], ["Berg"]),
         rec("Fiber till Vallbo", "Vallbo Fiberförening ekonomisk förening", "2025-04", "2026-03",
             310500, ["Åre kommun"], ["Åre"]),
         rec("Vinterspår i Föllinge", "Föllinge IK", "2025-11", "2026-04", 96000,
             ["Leader Fjällbygd Jämtland"], ["Krokom"]),
         rec("Fjällmat i Lofsdalen", "Lofsdalens Fjällgårdar ekonomisk förening", "2025-01",
             "2025-12", 185000, ["Region Jämtland Härjedalen"], ["Härjedalen"]),
     ],
     "furniture": ["Hoppa till innehåll", "Dela:", "Prenumerera på nyhetsbrevet",
                   "© Bygdenätet Jämtland 2025"]},

    {"page": "g09_leader-bottenviksbygden-projekt.md", "layout": "leader_area_bullets", "url": None,
     "records": [
         rec("Isfiskefestival i Töre", "Töre Sportfiskeklubb", "2025-01", "2025-04", 128000,
             ["Leader Bottenviksbygden"], ["Kalix"]),
         rec("Kvarnen i Svanstein", "Svansteins Byaförening", "2024-06", "2025-09", 245000,
             ["Leader Bottenviksbygden"], ["Övertorneå"]),
         rec("Hamnkök i Nikkala", "Nikkala Båtklubb", "2024-05", "2025-08", 172500,
             ["Leader Bottenviksbygden"], ["Haparanda"]),
         rec("Skyttecenter Överkalix", "Överkalix Jaktskytteklubb", "2024-09", "2026-06", 390000,
             ["Leader Bottenviksbygden"], ["Överkalix"]),
         rec("Bygdeguider", "Bottenvikens Guideförening", "2024-10", "2026-09", 460000,
             ["Leader Bottenviksbygden"], BVB),
     ],
     "furniture": ["Till innehållet", "Senast uppdaterad 2025-01-22", "© Leader Bottenviksbygden",
                   "Integritetspolicy"]},

    {"page": "g10_hantverkslyft-hjo.html", "layout": "prose_passive_owner",
     "url": "https://www.hjo.se/bo-bygga-miljo/byggnadsvard/hantverkslyft-trastaden",
     "records": [
         rec("Hantverkslyft Trästaden", "Hjo Byggnadsvårdsförening", "2024-08", "2027-07", 2800000,
             ["Europeiska regionala utvecklingsfonden", "Region Västra Götaland", "Hjo kommun"],
             ["Hjo"],
             [c("Mateja Žagar-Perić", "mateja.zagar@hjobyggnadsvard.se", "0503-351 27",
                "073-662 40 18"),
              c("Paweł Kowalczyk", "pawel.kowalczyk@hjobyggnadsvard.se", "076-118 93 05")]),
     ],
     "furniture": ["Vi använder kakor (cookies) för statistik.", "Godkänn", "Neka",
                   "Om webbplatsen"]},

    {"page": "g11_etableringslotsen.html", "layout": "prose_kommun_in_domain",
     "url": "https://www.vilhelmina.se/naringsliv/etableringslotsen",
     "records": [
         rec("Etableringslotsen", "Vilhelmina kommun, näringslivsenheten", "2024-01", "2026-12",
             2300000, ["Leader Inlandsfjällen", "Region Västerbotten", "Vilhelmina kommun"],
             ["Vilhelmina"],
             [c("Sanna Ivarsson", "sanna.ivarsson@vilhelmina.se", "0940-142 63")]),
     ],
     "furniture": ["Hoppa till huvudinnehåll", "Lyssna", "Dela", "Skriv ut", "Kontakta oss", "© 2025"]},

    {"page": "g12_stationshuset-lesjofors.md", "layout": "news_date_line_cleft", "url": None,
     "records": [
         rec("Stationshuset i Lesjöfors blir mötesplats", "Lesjöfors bygdeförening", "2025-03",
             "2026-05", 650000, ["Leader Bergsmansbygd", "Filipstads kommun"], ["Filipstad"],
             [c("Göran Lilja", "stationshuset@lesjoforsbygd.se", "0590-250 31")], kind="article"),
     ],
     "furniture": ["Till innehållet", "3 april 2025", "Foto: Maja Berglöf", "Dela på Facebook",
                   "Fler nyheter", "Badplatserna öppnar 1 juni", "Ny rektor på Lesjöfors skola",
                   "Vägarbete på riksväg 63 i vår"]},

    {"page": "g13_sjobodarna-mollosund.html", "layout": "funder_chain", "url": None,
     "records": [
         rec("Sjöbodarna i Mollösund", "Mollösunds Sjöbodsförening", "2022-05", "2024-04", 1120000,
             ["Leader Västkustöarna", "Europeiska havs-, fiskeri- och vattenbruksfonden",
              "Orust kommun"], ["Orust"],
             [c("Per Albinsson", "per.albinsson@sjobodarna-mollosund.se", "+46 70 388 14 52")]),
     ],
     "furniture": ["Hittade du det du sökte?",
                   "© Mollösunds Sjöbodsförening · Hamnvägen, Mollösund"]},

    {"page": "g14_projekt-alvsbyn.md", "layout": "funder_acronym_amount", "url": None,
     "records": [
         rec("Vätgasnod Älvsbyn", "Norrbottens Vätgasforum ekonomisk förening", "2024-01", "2026-12",
             5200000, ["Europeiska regionala utvecklingsfonden (ERUF)", "Region Norrbotten",
                       "Älvsbyns kommun"], ["Älvsbyn"],
             [c("Tobias Lindqvist", "tobias.lindqvist@vatgasforum.se", "0929-170 52")]),
         rec("Sommarlovsentreprenörer", "Älvsby Företagarförening", "2025-06", "2025-08", 350000,
             ["Älvsbyns kommun"], ["Älvsbyn"],
             [c("Josefin Sandberg", "josefin.sandberg@alvsbyn.se", "0929-172 18")]),
     ],
     "furniture": ["Hoppa till innehållet", "Startsida / Näringsliv / Pågående projekt",
                   "Senast uppdaterad: 2025-03-03"]},

    {"page": "g15_affarsutvecklingscheck-gavleborg.html", "layout": "support_offer_own_share",
     "url": "https://www.regiongavleborg.se/regional-utveckling/foretagsstod/affarsutvecklingscheck",
     "records": [
         rec("Affärsutvecklingscheck", "Region Gävleborg", None, None, None, ["Region Gävleborg"], [],
             [c("Noor Rahimi", "noor.rahimi@regiongavleborg.se", "026-15 87 42")], kind="offer"),
     ],
     "furniture": ["Lyssna", "Var informationen på sidan till hjälp?", "Senast uppdaterad: 2025-01-30",
                   "Om webbplatsen"]},

    {"page": "g16_green-start-grant-gallivare.html", "layout": "english_offer",
     "url": "https://www.gallivare.se/en/business/green-start-grant",
     "records": [
         rec("Green Start Grant", "Gällivare Municipality", None, None, None,
             ["Gällivare Municipality"], ["Gällivare"],
             [c("Hanna Jokela", "hanna.jokela@gallivare.se", "+46 970 183 27", "+46 72 240 61 95")],
             kind="offer"),
     ],
     "furniture": ["This website uses cookies.", "Svenska", "Last updated: 5 February 2025",
                   "Privacy", "Accessibility"]},

    {"page": "g17_creative-ystad-grant.md", "layout": "english_offer", "url": None,
     "records": [
         rec("Creative Ystad Event Grant", "Ystad Municipality", None, None, None,
             ["Ystad Municipality", "Region Skåne"], ["Ystad"],
             [c("Ida Brännström", "ida.brannstrom@ystad.se", "+46 411 57 73 02")], kind="offer"),
     ],
     "furniture": ["Skip to content", "Ystad Municipality / Culture / Creative Ystad",
                   "Share this page", "Page updated 18 February 2025"]},

    {"page": "g18_hantverkshuset-glimakra.txt", "layout": "breadcrumb_title_text", "url": None,
     "records": [
         rec("Hantverkshuset Glimåkra", "Glimåkra Hantverksförening", "2025-09", "2026-08", 420000,
             ["Östra Göinge kommun"], ["Östra Göinge"],
             [c("Malin Öhrn", "malin.ohrn@ostragoinge.se", "044-775 62 14")]),
     ],
     "furniture": ["Lyssna",
                   "Du är här: Startsida > Bo och leva > Landsbygdsutveckling > Hantverkshuset Glimåkra",
                   "Var informationen på sidan till hjälp?", "Till toppen",
                   "Telefon växel: 044-775 69 90"]},
]

# Owners the page names only as "kommunens näringslivsenhet" (kommun from the domain).
DERIVED_OWNERS = {("g11_etableringslotsen.html", "Vilhelmina kommun, näringslivsenheten")}


def page_text(path: Path) -> str:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        text = "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)
    else:
        text = path.read_text(encoding="utf-8")
    return text


def fold_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def check() -> list[str]:
    problems = []
    for g in PAGES:
        path = HERE / g["page"]
        if not path.exists():
            problems.append(f"{g['page']}: missing")
            continue
        text = fold_ws(page_text(path))
        for r in g["records"]:
            if fold_ws(r["title"]) not in text:
                problems.append(f"{g['page']}: title not in page: {r['title']}")
            if r["owner"] and r["owner"] not in text and (g["page"], r["owner"]) not in DERIVED_OWNERS:
                problems.append(f"{g['page']}: owner not in page: {r['owner']}")
            for ct in r["contacts"]:
                if ct["name"] not in text:
                    problems.append(f"{g['page']}: contact not in page: {ct['name']}")
                if ct["email"] and ct["email"] not in text:
                    problems.append(f"{g['page']}: e-mail not in page: {ct['email']}")
                for ph in ct["phones"]:
                    if ph not in text:
                        problems.append(f"{g['page']}: phone not in page: {ph}")
        for s in g["furniture"]:
            n = text.count(s)
            if n != 1:
                problems.append(f"{g['page']}: furniture {s!r} occurs {n} times")
    return problems


def main() -> int:
    problems = check()
    for p in problems:
        print(p)
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as fh:
        for g in PAGES:
            fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    n = sum(len(g["records"]) for g in PAGES)
    print(f"{len(PAGES)} pages, {n} records; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
