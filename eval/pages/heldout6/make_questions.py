"""Writes questions.jsonl for heldout6. Field-question values are read from gold.jsonl.

Run: .venv/bin/python eval/pages/heldout6/make_questions.py   (after make_gold.py)

Checks that every expected source and title exists in gold, that every fact is a valid regex that
matches the visible text of at least one expected page, that out-of-corpus questions have no
sources or facts (and answerable ones have both), that field values equal the gold record, and
prints the runs of three consecutive words a question shares with its expected pages (for review:
the remaining overlaps should be names).
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

R01 = "r01_jamfor-landsbygdsprojekt-varberg.html"
R02 = "r02_fem-fragor-glasverkstad-pukeberg.html"
R03 = "r03_starthjalpen-vetlanda.html"
R04 = "r04_news-live-and-work-alvdalen.html"
R05 = "r05_lagesbild-pagaende-insatser.html"
R06 = "r06_serveringstillstand-horby.html"
R07 = "r07_nyhetsbrev-leader-mjorn-och-saveaan.txt"
R08 = "r08_naringslivsdagen-2025-presentation-enkoping.txt"
R09 = "r09_svar-pa-interpellation-landsbygden-vingaker.txt"
R10 = "r10_platsannons-projektledare-gardskar.txt"
R11 = "r11_oppna-data-projektregister-ronneby.md"
R12 = "r12_mal-och-budget-2026-naringsliv-nynashamn.md"
R13 = "r13_gotenepodden-avsnitt-12-kinnekulle-aret-runt.md"
R14 = "r14_ksau-protokoll-vanersborg-2025-12-03.pdf"
R15 = "r15_laxa-kommun-informerar-vecka-6-2026.pdf"

T_PUKEBERG = "Fem frågor om Öppen glasverkstad Pukeberg"
T_START = "Starthjälpen – bidrag till nya företag"
T_SARNA = "Särna Makerspace gets the green light"
T_IDRE = "Can Idre house its winter staff?"
T_FLODA = "Floda Stationshus – kulturhus året runt"
T_ORSUNDSBRO = "Företagshus i Örsundsbro – förstudie"
T_OSMO = "Ösmo Företagspark – förstudie"
T_BATBUSS = "Båtbuss Nynäshamn–Torö, pilot"
T_VARGON = "Digital guide till Vargöns industriminnen"
T_GESTAD = "Laddstolpar vid bygdegården i Gestad"
T_FINNERODJA = "Finnerödja får ett servicehus"
T_PUMPTRACK = "Pumptrack i Hasselfors klar till midsommar"

SEP = r"[\s\u00a0.,]?"


def amt(n: int) -> str:
    """Regex for an amount in kronor, tolerant of digit grouping and of 'X,Y miljoner'/'X.Y million' forms."""
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


Q: list[dict] = []


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
q("local", "Jag bor i Träslövsläge och vill köpa färsk fisk direkt från båtarna. Är det något sådant på gång?",
  [R01], ["Träslövsläge Hamnbod"], [r"Hamnbod"])
q("local", "Vi har flyttat till Särna med två tonåringar som gillar att bygga grejer. Finns det någon verkstad där de kan skriva ut i 3D?",
  [R04], [T_SARNA], [r"[Mm]akerspace"])
q("local", "Jag har mitt hus i Grebo och har svårt att komma in till stan när jag ska hämta ut paket. Görs det något åt det?",
  [R05], ["Lokalt servicenav i Grebo"], [r"[Ss]ervicenav|[Pp]aketutlämning"])
q("local", "Finns det något för tonåringar att göra på eftermiddagarna i Sollebrunn?",
  [R07], ["Sollebrunns Ungdomsverkstad"], [r"Ungdomsverkstad"])
q("local", "Vi är nyinflyttade i Floda. Ska den gamla järnvägsstationen användas till något?",
  [R07], [T_FLODA], [r"Floda Stationshus"])
q("local", "Kan man hämta ut paket eller träffa vården i Finnerödja nu för tiden?",
  [R15], [T_FINNERODJA], [r"servicehus"])
q("local", "Mina barn cyklar BMX i Hasselfors. Blir det någon bana för dem där?",
  [R15], [T_PUMPTRACK], [r"[Pp]umptrack"])
q("local", "Jag har en gård nära Grillby. Går det att sälja mina grönsaker till skolorna i kommunen?",
  [R08], ["Grillby Matnod"], [r"Matnod"])
q("local", "Går det någon båt ut till Torö på sommaren för oss som inte har bil?",
  [R12], [T_BATBUSS], [r"[Bb]åtbuss"])
q("local", "Jag bor i Sorunda och både banken och apoteket är borta. Är det någon som planerar något som ersätter dem?",
  [R12], ["Sorunda Servicepunkt"], [r"[Ss]ervicepunkt"])
q("local", "Vilka vandringsleder går att gå runt Björsäter?",
  [R05], ["Vandringsleder i Björsäter"], [r"Vandringsleder i Björsäter|19 kilometer"])

# --- field: owner, budget, period, funders, contact ---------------------------------------------
fq("owner", "Vem står bakom gårdsbutiken med förbeställda matkassar i Veddige?", R01, "Veddige Bygdeskafferi",
   [r"Veddige Handelsförening"])
fq("owner", "Vilken förening tänker göra om brandstationen i Särna till en öppen verkstad?", R04, T_SARNA,
   [r"Särna Bygdeutveckling"])
fq("owner", "Är det kommunen som äger utredningen om småkontor och verkstadslokaler i Örsundsbro?", R08, T_ORSUNDSBRO,
   [r"Örsundsbro Företagarförening"])
fq("owner", "Vem ligger bakom de guidade fisketurerna på Mjörn?", R07, "Fiskeguider på Mjörn",
   [r"Gråbo Fritidsfiske"])
fq("owner", "Vem ansvarar för båtbussen ut till Torö?", R12, T_BATBUSS,
   [r"Södertörns Skärgårdsförening"])

fq("budget", "Hur mycket kostar cykelslingan kring Tvååker totalt?", R01, "Tvååker Cykelslinga", [amt(860000)])
fq("budget", "Vad är totalbudgeten för servicesatsningen i Grebo, alltså inte bara det som gått åt än så länge?", R05,
   "Lokalt servicenav i Grebo", [amt(980000)])
fq("budget", "Hur mycket kostar scenbygget i Brålandas bygdegård sammanlagt?", R14, "Ny scen i Brålanda bygdegård",
   [amt(412000)])
fq("budget", "Vad kostar satsningen på att Lundsbrunns bad ska vara igång även på vintern?", R13, "Vinteröppet i Lundsbrunn",
   [amt(1200000)])
fq("budget", "Vilken budget har satsningen på turism året om i Gårdskär?", R10, "Besöksnäring Gårdskär året runt",
   [amt(2460000)])

fq("period", "Mellan vilka datum pågår hantverkshuset i Bräkne-Hoby?", R11, "Bräkne-Hoby Hantverkshus",
   [r"2025-09-01", r"2027-08-31"])
fq("period", "När startar och när avslutas arbetet med bruksminnena i Högsjö?", R09, "Bruksminnen Högsjö",
   [r"maj 2025", r"september 2026"])
fq("period", "Hur länge ska man kunna gå guidade turer i kalkbrotten vid Hällekis?", R13, "Kalkbrottsvandringar Hällekis",
   [r"april 2025", r"oktober 2026"])
fq("period", "Under vilken tid rustas Flodas stationsbyggnad?", R07, T_FLODA,
   [r"januari 2026", r"december 2027"])

fq("funders", "Vilka står för finansieringen av aktivitetsparken i Kallinge?", R11, "Kallinge Aktivitetspark",
   [r"Allmänna arvsfonden", r"Ronneby kommun"])
fq("funders", "Var kommer pengarna till servicehuset i Finnerödja ifrån?", R15, T_FINNERODJA,
   [r"Länsstyrelsen i Örebro län", r"Skagernbygden", r"Laxå kommun"])
fq("funders", "Vilka betalar för appen om industrihistorien i Vargön?", R14, T_VARGON,
   [r"Västra Götalandsregionen", r"Vänersborgs kommun|landsbygdsfonden"])

fq("contact", "Vem hör jag av mig till om startbidraget för nya företag i Vetlanda?", R03, T_START,
   [r"Fredrik Almqvist", r"0383-974 22|fredrik\.almqvist@vetlanda\.se"])
fq("contact", "Vem är kontaktperson för kulturstigen i Frändefors?", R14, "Frändefors Kulturstig",
   [r"Mats Ekelund"])
fq("contact", "Vem kan jag ringa om vinterbad och kafé i Lundsbrunn?", R13, "Vinteröppet i Lundsbrunn",
   [r"Patrik Ström", r"0511-307 42"])

# --- which_project: described by purpose, answered by name --------------------------------------
q("which_project", "Vilket projekt i Enköping låter tonåringar ha ett eget företag över sommarlovet?",
  [R08], ["Sommarföretagare i Fjärdhundra"], [r"Sommarföretagare"])
q("which_project", "Vilket projekt i Vingåker sätter upp laddning för elbilar i en by?",
  [R09], ["Baggetorps Bytorg"], [r"Baggetorps Bytorg"])
q("which_project", "Vad heter satsningen i Varberg som märker ut en cykeltur på småvägar mot kusten?",
  [R01], ["Tvååker Cykelslinga"], [r"Cykelslinga"])
q("which_project", "Vilket projekt i Nybro lär nybörjare glasblåsning?",
  [R02], [T_PUKEBERG], [r"Öppen glasverkstad"])
q("which_project", "Vilket projekt i Vänersborg ska berätta om den gamla industrin i Vargön med hjälp av mobilen?",
  [R14], [T_VARGON], [r"Digital guide|Vargöns [Ii]ndustriminnen"])
q("which_project", "Vilket av Åtvidabergs projekt hjälper butiker att börja sälja på nätet?",
  [R05], ["Digitalt kompetenslyft för handeln"], [r"[Kk]ompetenslyft"])

# --- list: several items from one page ----------------------------------------------------------
q("list", "Räkna upp landsbygdsprojekten i Varberg som kommunen är med och finansierar.",
  [R01], ["Träslövsläge Hamnbod", "Veddige Bygdeskafferi", "Tvååker Cykelslinga"],
  [r"Hamnbod", r"Bygdeskafferi", r"Cykelslinga"])
q("list", "Vilka föreningar fick pengar ur Vänersborgs landsbygdsfond för 2026, och hur mycket fick var och en?",
  [R14], ["Ny scen i Brålanda bygdegård", "Frändefors Kulturstig", T_VARGON, T_GESTAD],
  [r"Brålanda Bygdegårdsförening", amt(180000), r"Frändefors Sockenråd", r"Vargöns Industriminnen", amt(140000),
   r"Gestads Framtidsgrupp"])
q("list", "Vilka projekt fick ja från Leader Mjörn och Säveån i november 2025?",
  [R07], [T_FLODA, "Sollebrunns Ungdomsverkstad", "Fiskeguider på Mjörn"],
  [r"Floda Stationshus", r"Sollebrunns Ungdomsverkstad", r"Fiskeguider"])
q("list", "Vilka landsbygdsprojekt tog kommunstyrelsens ordförande upp när han svarade Centerpartiet i Vingåker?",
  [R09], ["Bruksminnen Högsjö", "Baggetorps Bytorg", "Marmorbyns Vandringsled"],
  [r"Bruksminnen Högsjö", r"Baggetorps Bytorg", r"Marmorbyns Vandringsled"])
q("list", "Vilka satsningar på landsbygd och företag har Nynäshamn med i budgeten för 2026?",
  [R12], ["Sorunda Servicepunkt", T_OSMO, T_BATBUSS],
  [r"Sorunda Servicepunkt", r"Ösmo Företagspark", r"Båtbuss"])
q("list", "Vilka projekt finns i Ronnebys öppna register över landsbygdsprojekt?",
  [R11], ["Kallinge Aktivitetspark", "Bräkne-Hoby Hantverkshus", "Johannishus Byaservice"],
  [r"Kallinge Aktivitetspark", r"Bräkne-Hoby Hantverkshus", r"Johannishus Byaservice"])

# --- factoid: single facts from body text -------------------------------------------------------
q("factoid", "Vad får man betala för att söka tillfälligt tillstånd att sälja öl på en festival i Hörby?",
  [R06], ["Serveringstillstånd"], [amt(3200)])
q("factoid", "Hur många timmar ideellt arbete räknar man med till verkstaden i Särna?",
  [R04], [T_SARNA], [r"1,100|1 100"])
q("factoid", "Vad kostade det att reparera glasugnen i Pukeberg?",
  [R02], [T_PUKEBERG], [amt(210000)])
q("factoid", "Hur mycket av pengarna till servicen i Grebo har använts hittills?",
  [R05], ["Lokalt servicenav i Grebo"], [amt(410000)])
q("factoid", "Hur stor är Vetlanda kommuns pott för nya företag under 2026?",
  [R03], [T_START], [amt(800000)])
q("factoid", "Hur mycket kan man som mest få i stöd från Leader Mjörn och Säveån, och när är nästa sista ansökningsdag?",
  [R07], [], [amt(900000), r"15 februari 2026"])
q("factoid", "Hur många företag har sitt säte på landsbygden i Enköpings kommun?",
  [R08], [], [r"1 480"])
q("factoid", "Med hur mycket höjer Vänersborg stödet för att ploga privata vägar?",
  [R14], [], [r"4,60"])

# --- similar: someone describes a planned project and asks for similar ones ---------------------
q("similar", "Vi vill öppna en butik tillsammans där gårdarna i bygden säljer sin mat. Har någon annan kommun något liknande?",
  [R01, R08], ["Veddige Bygdeskafferi", "Grillby Matnod"], [r"Bygdeskafferi|Matnod"])
q("similar", "Vårt byalag funderar på att ordna paketutlämning och apoteksombud i byn. Har andra byar gjort något sådant?",
  [R05, R12, R15], ["Lokalt servicenav i Grebo", "Sorunda Servicepunkt", T_FINNERODJA],
  [r"Grebo|Sorunda|Finnerödja"])
q("similar", "Vi vill skylta en promenad genom socknen med berättelser om hur det var förr. Vilka andra har gjort något liknande?",
  [R14, R09], ["Frändefors Kulturstig", "Bruksminnen Högsjö"], [r"Kulturstig|Bruksminnen"])
q("similar", "Vår förening vill ta över en nedlagd tågstation och göra den till samlingslokal. Finns det andra som har gjort så?",
  [R07], [T_FLODA], [r"Floda"])

# --- english ------------------------------------------------------------------------------------
q("english", "Who is paying for the study on staff housing in Idre, and what does it cost?",
  [R04], [T_IDRE], [r"Region Dalarna", amt(640000)])
q("english", "Is there any grant in Vetlanda for someone who has just started a company?",
  [R03], [T_START], [r"Starthjälpen", amt(40000)])
q("english", "When is the service hub in Grebo supposed to be finished?",
  [R05], ["Lokalt servicenav i Grebo"], [r"2026-08-31|augusti 2026|August 2026"])
q("english", "Who funds the guided walks in the old limestone quarries at Hällekis?",
  [R13], ["Kalkbrottsvandringar Hällekis"], [r"Leader Vänerkulle", r"Götene kommun"])
q("english", "How much does it cost to apply for a one-off alcohol licence for a private party in Hörby?",
  [R06], ["Serveringstillstånd"], [amt(1100)])

# --- nodiacritics -------------------------------------------------------------------------------
q("nodiacritics", "vem driver hamnboden i traslovslage",
  [R01], ["Träslövsläge Hamnbod"], [r"Tr[äa]sl[öo]vsl[äa]gets Hamn"])
q("nodiacritics", "hur mycket kostar pumptracken i hasselfors",
  [R15], [T_PUMPTRACK], [amt(380000)])
q("nodiacritics", "nar blir kulturstigen i frandefors klar",
  [R14], ["Frändefors Kulturstig"], [r"september"])
q("nodiacritics", "vilka betalar for sommarforetagarna i fjardhundra",
  [R08], ["Sommarföretagare i Fjärdhundra"], [r"Fj[äa]rdhundrafonden", r"[Kk]ommun"])
q("nodiacritics", "vem kan man ringa om vandringslederna i bjorsater",
  [R05], ["Vandringsleder i Björsäter"], [r"Lars-G[öo]ran Pihl"])

# --- out_of_corpus: no page answers; all name a place the pages cover ---------------------------
q("out_of_corpus", "Hur söker jag bygglov för en carport i Varberg?")
q("out_of_corpus", "Vad kostar en plats på äldreboende i Nybro?")
q("out_of_corpus", "Hur ska jag sortera matavfallet i Vetlanda?")
q("out_of_corpus", "Vilka badplatser i Vingåker har livräddare på sommaren?")
q("out_of_corpus", "Kan jag få bidrag för att bygga om badrummet i Ronneby när jag inte kan gå längre?")
q("out_of_corpus", "Hur fungerar skolskjutsen för barn som bor utanför Götene?")
q("out_of_corpus", "Hur hög är kommunalskatten i Laxå?")
q("out_of_corpus", "What are the opening hours of the recycling centre in Enköping?")


def words(s: str) -> list[str]:
    return re.findall(r"[\wåäöÅÄÖ+-]+", s.lower())


def main() -> int:
    problems = []
    for i, item in enumerate(Q, 1):
        item["id"] = f"h6-{i:03d}"
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
            try:
                rx = re.compile(f)
            except re.error as e:
                problems.append(f"{item['id']}: bad regex {f!r}: {e}")
                continue
            if not any(rx.search(texts[s]) for s in item["expected_sources"] if s in texts):
                problems.append(f"{item['id']}: fact {f!r} matches none of its pages")
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
