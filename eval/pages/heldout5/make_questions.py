"""Writes questions.jsonl for heldout5. Field-question values are read from gold.jsonl.

Run: .venv/bin/python eval/pages/heldout5/make_questions.py   (after make_gold.py)

Also checks that every expected source and title exists in gold, that every fact is a valid
regex, that every fact matches the visible text of at least one expected page (resolved relative
dates listed in RESOLVED are exempt), that field values equal the gold record, and lists runs of
three or more consecutive words a question shares with its expected pages (for review: the
remaining overlaps should be names).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

H = Path(__file__).resolve().parent
sys.path.insert(0, str(H))
from make_gold import visible_text  # noqa: E402

GOLD = {g["page"]: g for g in map(json.loads, (H / "gold.jsonl").read_text(encoding="utf-8").splitlines())}

P01 = "p01_naringsliv-och-arbete-timra.html"
P02 = "p02_bygdelyftet-leader-bergslagsbygd.html"
P03 = "p03_nyhet-utvecklingsmedel-region-jonkopings-lan.html"
P04 = "p04_eu-projects-munkedal.html"
P05 = "p05_femorehuvud-aret-runt.html"
P06 = "p06_grona-steget-kristinehamn.html"
P07 = "p07_projektbanken-esf-ovre-norrland.txt"
P08 = "p08_forstudie-aret-runt-i-jakkvik.txt"
P09 = "p09_ledig-mark-och-lokaler-vadstena.txt"
P10 = "p10_beviljat-stod-kommersiell-service-kalmar-lan.txt"
P11 = "p11_styrelseprotokoll-algaras-byalag.md"
P12 = "p12_landsbygdsprojekt-region-ostergotland.md"
P13 = "p13_pressmeddelande-leader-sodra-dalabygden.md"
P14 = "p14_naringslivsprogram-bilaga-2-soderkoping-valdemarsvik.pdf"
P15 = "p15_arsberattelse-2025-kooperativt-forum-vastmanland.pdf"

SEP = r"[\s\u00a0.,]?"


def amt(n: int) -> str:
    """Regex for an amount in kronor, tolerant of digit grouping, and of 'X,Y miljoner'/'X.Y million' forms."""
    s = str(n)
    groups = []
    while s:
        groups.insert(0, s[-3:])
        s = s[:-3]
    alts = [SEP.join(groups)]
    if n >= 1_000_000 and n % 10_000 == 0:
        whole, rest = divmod(n, 1_000_000)
        dec = f"{rest:06d}".rstrip("0")
        num = f"{whole}[,.]{dec}" if dec else f"{whole}(?:[,.]0)?"
        alts.append(num + r"\s?(?:miljoner|miljon|million|mnkr|mkr|Mkr|MSEK|mn)")
    elif n >= 10_000 and n % 1_000 == 0:
        alts.append(f"{n // 1000}" + r"\s?(?:tkr|tusen)")
    return "(?:" + "|".join(alts) + ")"


# Facts that are resolved dates, not literal page text (exempt from the fact-in-page check)
RESOLVED: set[str] = set()

Q: list[dict] = []

T_BYGDELYFTET = "Bygdelyftet – småprojekt i bygden"
T_TOTEBO = "Servicepunkt med paketombud, kaffehörna och laddplats"
T_LOFTA = "Nya frysdiskar och LED-belysning i butiken"
T_FIGE = "Tillbyggnad av lager och ny lastkaj"


def q(kind, question, sources=(), titles=(), facts=()):
    Q.append({"kind": kind, "question": question, "expected_sources": list(sources),
              "expected_titles": list(titles), "facts": list(facts)})


def fq(field, question, page, title, facts, contact_index=0):
    r = next(r for r in GOLD[page]["records"] if r["title"] == title)
    if field == "owner":
        value = r["owner"]
    elif field == "budget":
        value = r["budget_sek"]
    elif field == "period":
        value = f"{r['period_start']}/{r['period_end']}"
    elif field == "funders":
        value = r["funders"]
    elif field == "contact":
        value = r["contacts"][contact_index]["name"]
    else:
        raise ValueError(field)
    Q.append({"kind": "field", "question": question, "expected_sources": [page], "expected_titles": [title],
              "facts": list(facts), "field": field, "value": value})


# --- local: someone asks what exists in a place -------------------------------------------------
q("local", "Jag har en gård utanför Timrå och skulle vilja leverera grönsaker till skolorna. Kan någon hjälpa mig med det?",
  [P01], ["Matlyftet Timrå"], [r"Matlyftet"])
q("local", "Vår förening i Fellingsbro behöver nya lampor till scenen i parken. Finns det småpengar att söka för sånt?",
  [P02], ["Ny scenbelysning i Folkets park", T_BYGDELYFTET], [r"Bygdelyftet|[Ss]cenbelysning"])
q("local", "Kan man bada bastu ute på sjön i Gyttorp?",
  [P02], ["Bastuflotte vid badplatsen i Gyttorp"], [r"[Bb]astuflott"])
q("local", "Jag funderar på att flytta till Gislaved och vill lära mig köra cnc-maskiner. Går det att utbilda sig till det där?",
  [P03], ["Verkstadsskolan i Gislaved"], [r"Verkstadsskolan"])
q("local", "Vi är ett gäng som cyklar terräng. Händer det något för oss runt Mullsjö?",
  [P03], ["Mullsjö Cykelnav"], [r"Cykelnav"])
q("local", "Vad kan man hitta på ute vid Femöre i Oxelösund när det inte är sommar?",
  [P05], ["Femörehuvud året runt"], [r"Femörehuvud"])
q("local", "Jag driver en liten firma i Sorsele och vill att personalen tar truckkort. Finns det någon utbildning som är subventionerad?",
  [P07], ["Inlandets Kompetensväg"], [r"Inlandets Kompetensväg"])
q("local", "Är det någon som jobbar för att Jäkkvik ska ha service även under vintern?",
  [P08], ["Förstudie – Året runt i Jäkkvik"], [r"Året runt i Jäkkvik|[Ff]örstudie"])
q("local", "Affären i Totebo har varit stängd i flera år. Vet någon om den ska öppna igen?",
  [P10], [T_TOTEBO], [r"Totebo Bygdeservice|[Ss]ervicepunkt"])
q("local", "Jag bor i Älgarås. Ska det göras något med den grusade ytan vid butiken?",
  [P11], ["Bygdetorget i Älgarås"], [r"Bygdetorget"])
q("local", "Kommer det att gå att handla mat i Valskog igen?",
  [P15], ["Valskogs Byabutik"], [r"Byabutik"])

# --- field: owner, budget, period, funders, contact ---------------------------------------------
fq("owner", "Vem är projektägare för satsningen på att göra Söråkers hamn till ett nav för åkerier och skogsbolag?", P01,
   "Hamnkraft Timrå", [r"Mittkustens Logistikförening"])
fq("owner", "Vilken förening ligger bakom den nya vandringskartan i Ramsberg?", P02,
   "Vandringskarta för Ramsberg", [r"Ramsbergs Hembygdsf[öo]rening"])
fq("owner", "Vem driver ESF-projektet i Sorsele där långtidsarbetslösa hugger ved och odlar?", P07,
   "Sorsele Gröna Jobb", [r"Sorsele Sociala F[öo]retag"])
fq("owner", "Vilken kommun leder Bohuslän Skills Bridge?", P04,
   "Bohuslän Skills Bridge", [r"Stenungsund"])
fq("owner", "Vem äger projektet med galleriet för begagnade möbler och kläder i Arboga?", P15,
   "Återbruksgallerian Arboga", [r"Kooperativt Forum V[äa]stmanland"])

fq("budget", "Vad kostar verkstadsutbildningen i Gislaved totalt, inte bara regionens del?", P03,
   "Verkstadsskolan i Gislaved", [amt(2850000)])
fq("budget", "Hur stor är den totala budgeten för Jobbväxeln i Lycksele?", P07,
   "Jobbväxeln Lycksele", [amt(6480000)])
fq("budget", "Hur mycket kostar förstudien om Jäkkvik sammanlagt?", P08,
   "Förstudie – Året runt i Jäkkvik", [amt(518400)])
fq("budget", "Vad är totalkostnaden för torgprojektet i Älgarås?", P11,
   "Bygdetorget i Älgarås", [amt(640000)])
fq("budget", "Hur mycket pengar har skärgårdsnoden i Gryt att röra sig med?", P14,
   "Skärgårdsnod Gryt", [amt(2400000)])

fq("period", "Mellan vilka månader pågår Matlyftet i Timrå?", P01,
   "Matlyftet Timrå", [r"sep(?:tember|\.)? 2025|2025-09", r"aug(?:usti|\.)? 2027|2027-08"])
fq("period", "Från när till när håller projektet på Femörehuvud på?", P05,
   "Femörehuvud året runt", [r"mars 2025|2025-03", r"november 2027|2027-11"])
fq("period", "Hur länge ska Habos nätverk för friluftsturism längs Vättern hålla på?", P03,
   "Vätterbranternas besöksnätverk", [r"april 2026|2026-04", r"mars 2028|2028-03"])
fq("period", "Under vilka år pågår Kompetenslyft Östkusten?", P14,
   "Kompetenslyft Östkusten", [r"2026", r"2027"])

fq("funders", "Vilka är med och betalar för odlingsprojektet Gullmarn Blue Food?", P04,
   "Gullmarn Blue Food", [r"Interreg", r"V[äa]stra G[öo]talandsregionen", r"Hvaler"])
fq("funders", "Vem står för pengarna till ljudguiden om bruket i Boxholm?", P12,
   "Digital bruksvandring i Boxholm", [r"Region [ÖO]sterg[öo]tland", r"Boxholms kommun"])
fq("funders", "Vilka finansierar kyllagret och den gemensamma logistiken för gårdarna i Finspång?", P12,
   "Livsmedelshubb Finspång", [r"Region [ÖO]sterg[öo]tland", r"Leader [ÖO]stg[öo]taskogen", r"Finsp[åa]ngs kommun"])

fq("contact", "Vem ska jag ringa om jag vill veta mer om Matlyftet?", P01,
   "Matlyftet Timrå", [r"Johanna Sj[öo]lander"])
fq("contact", "Vi är en grupp på tio som vill ha en guidad vandring på Femörehuvud. Vem bokar vi med?", P05,
   "Femörehuvud året runt", [r"Malin [ÖO]hrn"])
fq("contact", "Vem är kontaktperson för den nya butiken i Valskog?", P15,
   "Valskogs Byabutik", [r"G[öo]ran Wik"])

# --- which_project: described by purpose, answered by name --------------------------------------
q("which_project", "Vad heter leaderparaplyet i Lindesberg och Nora som delar ut mindre belopp till byaföreningar?",
  [P02], [T_BYGDELYFTET], [r"Bygdelyftet"])
q("which_project", "Vilket ESF-projekt i Lycksele hjälper invandrare och yngre arbetslösa att få jobb inom vård och skog?",
  [P07], ["Jobbväxeln Lycksele"], [r"Jobbv[äa]xeln"])
q("which_project", "Vad heter projektet där åtta gårdsbutiker på slätten tagit fram karta och skyltar tillsammans?",
  [P12], ["Gårdsbutiker runt Skänninge"], [r"G[åa]rdsbutiker runt Sk[äa]nninge"])
q("which_project", "Vilket projekt i Söderköping säljer paketresor till turister längs kanalen?",
  [P14], ["Besöksnäring Göta kanal Öst"], [r"Bes[öo]ksn[äa]ring G[öo]ta kanal"])
q("which_project", "Vilket leaderprojekt i Avesta kommun ska bygga lekplats och utescen på en bruksort?",
  [P13], ["Bruksparken i Horndal"], [r"Bruksparken"])
q("which_project", "Vilket av Länsstyrelsen i Kalmars stöd till butiker gick till Oskarshamns kommun, och vad ska göras?",
  [P10], [T_FIGE], [r"Figeholm", r"lastkaj|lager"])

# --- list: several items from one page ----------------------------------------------------------
q("list", "Vilka föreningar har hittills fått pengar ur Bygdelyftet och till vad?",
  [P02], ["Ny scenbelysning i Folkets park", "Vandringskarta för Ramsberg", "Bastuflotte vid badplatsen i Gyttorp"],
  [r"[Ss]cenbelysning", r"[Vv]andringskarta", r"[Bb]astuflott"])
q("list", "Vilka projekt fick regionala utvecklingsmedel i Jönköpings län i slutet av januari 2026, och hur mycket fick vart och ett?",
  [P03], ["Verkstadsskolan i Gislaved", "Mullsjö Cykelnav", "Vätterbranternas besöksnätverk"],
  [r"Verkstadsskolan", r"Cykelnav", r"V[äa]tterbranter", amt(1140000), amt(380000), amt(615000)])
q("list", "Vilka projekt med pengar från socialfonden finns i Lycksele och Sorsele?",
  [P07], ["Jobbväxeln Lycksele", "Sorsele Gröna Jobb", "Inlandets Kompetensväg"],
  [r"Jobbv[äa]xeln", r"Sorsele Gr[öo]na Jobb", r"Inlandets Kompetensv[äa]g"])
q("list", "Vilka lanthandlar i Kalmar län fick investeringsstöd under 2025, och med hur mycket?",
  [P10], [T_LOFTA, T_TOTEBO, T_FIGE],
  [r"Loftahammar", r"Totebo", r"Figeholm", amt(206000), amt(616500), amt(470000)])
q("list", "Vilka organisationer är partner i Gullmarn Blue Food?",
  [P04], ["Gullmarn Blue Food"], [r"Munkedal", r"Hvaler", r"Kvistrum Seafood"])
q("list", "Vilka utvecklingsprojekt räknas upp i bilagan till Söderköpings och Valdemarsviks näringslivsprogram?",
  [P14], ["Skärgårdsnod Gryt", "Besöksnäring Göta kanal Öst", "Kompetenslyft Östkusten"],
  [r"Sk[äa]rg[åa]rdsnod Gryt", r"G[öo]ta kanal", r"Kompetenslyft [ÖO]stkusten"])

# --- factoid: single facts from body text -------------------------------------------------------
q("factoid", "Hur stor kan klimatchecken för småföretag i Kristinehamn bli som mest?",
  [P06], ["Gröna steget – klimatcheck för småföretag"], [amt(40000)])
q("factoid", "Vad får man betala per kvadratmeter för en industritomt av kommunen i Vadstena?",
  [P09], ["Ledig mark och lokaler för företag"], [r"95 (?:kr|kronor)"])
q("factoid", "Hur många besökare kom till Femörehuvud under 2024 enligt räknaren?",
  [P05], ["Femörehuvud året runt"], [amt(18400)])
q("factoid", "Hur mycket var det ideella arbetet med bastuflotten i Gyttorp värt?",
  [P02], ["Bastuflotte vid badplatsen i Gyttorp"], [amt(52300)])
q("factoid", "Varför får Totebo större stödandel från Länsstyrelsen än de andra butikerna?",
  [P10], [T_TOTEBO], [r"90\s?(?:procent|%)", r"2023|stängd"])
q("factoid", "Hur mycket hade Älgarås byalag på kontot i januari 2026?",
  [P11], [], [amt(48213)])
q("factoid", "Hur många rådgivningar gjorde Kooperativt Forum Västmanland under 2025?",
  [P15], [], [r"214"])
q("factoid", "När är nästa ansökningstillfälle för regionens utvecklingspengar i Jönköpings län?",
  [P03], [], [r"15 april 2026|2026-04-15"])

# --- similar: someone describes a planned project and asks for similar ones ---------------------
q("similar", "Butiken i vår by har lagts ned och vi funderar på att driva en ny tillsammans. Finns det byar som redan har gjort det?",
  [P15, P10], ["Valskogs Byabutik", T_TOTEBO], [r"Valskog|Totebo"])
q("similar", "Vår hembygdsförening vill spela in gamla arbetare som berättar om bruket och lägga ut det som en guide i mobilen. Har någon annan gjort så?",
  [P12], ["Digital bruksvandring i Boxholm"], [r"Boxholm"])
q("similar", "Vi vill att små matproducenter ska samordna transporter och sälja till storkök. Finns det liknande projekt någon annanstans?",
  [P12, P01], ["Livsmedelshubb Finspång", "Matlyftet Timrå"], [r"Finsp[åa]ng|Matlyftet"])
q("similar", "Vi vill köpa en projektor och ordna bioträffar i vår bygdegård. Har någon förening fått stöd till något liknande?",
  [P13], ["Skedvi Bygdebio"], [r"Skedvi"])

# --- english ------------------------------------------------------------------------------------
q("english", "Which municipality leads Bohuslän Skills Bridge, and how much does it cost in all?",
  [P04], ["Bohuslän Skills Bridge"], [r"Stenungsund", amt(7800000)])
q("english", "How much will the shared cold store for farms in Finspång cost, and who is paying for it?",
  [P12], ["Livsmedelshubb Finspång"], [amt(2160000), r"Region [ÖO]sterg[öo]tland"])
q("english", "Can a small firm in Kristinehamn get help paying for an energy consultant?",
  [P06], ["Gröna steget – klimatcheck för småföretag"], [r"Gr[öo]na steget", amt(40000)])
q("english", "How much did the county administrative board grant to the grocery shop in Loftahammar?",
  [P10], [T_LOFTA], [amt(206000)])
q("english", "When does the Gullmarn Blue Food project finish?",
  [P04], ["Gullmarn Blue Food"], [r"August 2028|augusti 2028|2028-08"])

# --- nodiacritics -------------------------------------------------------------------------------
q("nodiacritics", "vem driver bion i stora skedvi",
  [P13], ["Skedvi Bygdebio"], [r"Stora Skedvi Filmf[öo]rening"])
q("nodiacritics", "hur mycket fick habo turism av regionen",
  [P03], ["Vätterbranternas besöksnätverk"], [amt(615000)])
q("nodiacritics", "nar ska forstudien i jakkvik vara fardig",
  [P08], ["Förstudie – Året runt i Jäkkvik"], [r"midsommar|juni 2026|2026-06"])
q("nodiacritics", "vilka betalar for aterbruksgallerian i arboga",
  [P15], ["Återbruksgallerian Arboga"], [r"[Ss]ocialfonden", r"Arboga kommun"])
q("nodiacritics", "vad kostar vandringskartan over ramsberg",
  [P02], ["Vandringskarta för Ramsberg"], [amt(24900)])

# --- out_of_corpus: no page answers; most name a place the pages do cover -----------------------
q("out_of_corpus", "Hur söker man bygglov för ett garage i Timrå?")
q("out_of_corpus", "Vad kostar en förskoleplats i Nora kommun?")
q("out_of_corpus", "Vad kostar det att ansluta villan till fiber i Sorsele?")
q("out_of_corpus", "Hur ofta går bussen mellan Gislaved och Värnamo?")
q("out_of_corpus", "Får man fiska utan fiskekort i Vättern vid Habo?")
q("out_of_corpus", "Har Arjeplogs kommun något flyttbidrag för nya invånare?")
q("out_of_corpus", "Hur ansöker man om hemtjänst i Oskarshamn?")
q("out_of_corpus", "Are there grants for opening a bed and breakfast in Vadstena?")


def words(s: str) -> list[str]:
    return re.findall(r"[\wåäöÅÄÖ+-]+", s.lower())


def main() -> int:
    problems = []
    for i, item in enumerate(Q, 1):
        item["id"] = f"h5-{i:03d}"
    out = [{k: item[k] for k in ("id", "kind", "question", "expected_sources", "expected_titles", "facts")}
           | ({"field": item["field"], "value": item["value"]} if "field" in item else {}) for item in Q]
    texts = {s: visible_text(H / s) for s in GOLD}
    seen = set()
    for item in out:
        if item["question"] in seen:
            problems.append(f"{item['id']}: duplicate question")
        seen.add(item["question"])
        if item["kind"] == "out_of_corpus" and (item["expected_sources"] or item["facts"]):
            problems.append(f"{item['id']}: out_of_corpus with sources or facts")
        if item["kind"] != "out_of_corpus" and not (item["expected_sources"] and item["facts"]):
            problems.append(f"{item['id']}: answerable question without sources or facts")
        for s in item["expected_sources"]:
            if s not in GOLD:
                problems.append(f"{item['id']}: unknown source {s}")
        titles = {r["title"] for s in item["expected_sources"] if s in GOLD for r in GOLD[s]["records"]}
        for t in item["expected_titles"]:
            if t not in titles:
                problems.append(f"{item['id']}: unknown title {t}")
        for f in item["facts"]:
            rx = re.compile(f)
            if f not in RESOLVED and not any(rx.search(texts[s]) for s in item["expected_sources"] if s in texts):
                problems.append(f"{item['id']}: fact {f!r} matches none of its pages")
        # overlap report
        for s in item["expected_sources"]:
            page_words = words(texts[s])
            grams = {tuple(page_words[j:j + 3]) for j in range(len(page_words) - 2)}
            qw = words(item["question"])
            shared = [" ".join(qw[j:j + 3]) for j in range(len(qw) - 2) if tuple(qw[j:j + 3]) in grams]
            if shared:
                print(f"overlap {item['id']} ({s[:3]}): {shared}")
    with open(H / "questions.jsonl", "w", encoding="utf-8") as fh:
        for item in out:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for item in out:
        counts[item["kind"]] = counts.get(item["kind"], 0) + 1
    print(f"wrote {len(out)} questions:", counts)
    fields: dict[str, int] = {}
    for item in out:
        if "field" in item:
            fields[item["field"]] = fields.get(item["field"], 0) + 1
    print("field questions:", fields)
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
