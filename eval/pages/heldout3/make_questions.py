"""Writes questions.jsonl for heldout3. Field-question values are read from gold.jsonl.

Run: .venv/bin/python eval/pages/heldout3/make_questions.py   (after make_gold.py)

Also checks that every expected source and title exists in gold, that every fact is a valid
regex, and lists runs of three or more consecutive words a question shares with its expected
pages (for review: the remaining overlaps should be names).
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

K01 = "k01_pagaende-projekt-osthammar.html"
K02 = "k02_landsbygdsprojekt-tingsryd.html"
K03 = "k03_naringslivsnytt-ockelbo.html"
K04 = "k04_leader-giman-indalsalven-verksamhetsberattelse-2025.md"
K05 = "k05_beviljade-projekt-region-vasterbotten.pdf"
K06 = "k06_stod-till-landsbygdsforetag-heby.html"
K07 = "k07_border-waters-trail.html"
K08 = "k08_oppna-smedjan-munkfors.txt"
K09 = "k09_kontakta-naringslivskontoret-krokom.html"
K10 = "k10_yrkesbryggan.md"
K11 = "k11_felanmalan-gatubelysning-fargelanda.txt"
K12 = "k12_slutrapport-barhubben-korpilombolo.txt"
K13 = "k13_hamnlyftet-henan.md"
K14 = "k14_kville-byalag-projekt.txt"
K15 = "k15_tjansteskrivelse-verkstadsnatverket-emmaboda.pdf"

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
q("local", "Jag driver ett litet snickeri utanför Östervåla och vill köpa en ny maskin. Kan kommunen hjälpa till med pengar?",
  [K06], ["Stöd till landsbygdsföretag"], [r"40\s?000", r"50\s?(procent|%)|halva"])
q("local", "Mitt café på Gräsö har stängt under vintermånaderna. Pågår det något som kan hjälpa oss att ha öppet längre?",
  [K01], ["Gräsö året runt"], [r"Gräsö året runt"])
q("local", "Vi är några hantverkare i Ransäter som letar efter en verkstad att dela på. Finns det något sådant i närheten?",
  [K08], ["Öppna smedjan"], [r"[Ss]medja"])
q("local", "Jag ska öppna ett kafé i Krokom och vill ha stöd kring serveringstillståndet. Vem på kommunen vänder jag mig till?",
  [K09], ["Kontakta näringslivskontoret"], [r"Ellinor Pålsson"])
q("local", "Jag funderar på att sätta upp en glasskiosk i Henåns hamn. Vad är på gång där nere?",
  [K13], ["Hamnlyftet Henån"], [r"Hamnlyftet", r"gästbrygga|torghandel|strandpromenad|servicehus"])
q("local", "Jag bor i Korpilombolo och plockar bär varje höst. Finns det någon i byn som tar emot och förädlar bär?",
  [K12], ["Bärhubben Korpilombolo"], [r"Bärhubben|Korpilombolo Bär AB"])
q("local", "Jag jobbar som skidguide i Hemavan. Finns det någon satsning på utbildning för oss guider?",
  [K05], ["Tärnafjällens guideakademi"], [r"[Gg]uideakademi"])
q("local", "Jag bakar bröd hemma i Kälarne och vill sälja det. Finns det något ställe i byn där lokala producenter kan sälja?",
  [K04], ["Matbod Kälarne"], [r"[Mm]atbod"])
q("local", "Jag har en mekanisk verkstad i Vissefjärda och hittar inga svetsare. Samarbetar företagen i kommunen kring sådant?",
  [K15], ["Verkstadsnätverket Emmaboda"], [r"Verkstadsnätverket"])
q("local", "Vår förening i Urshult har massor av äpplen varje höst. Är det något på gång i byn kring frukten?",
  [K02], ["Äppelriket Urshult"], [r"Äppelriket", r"muster"])
q("local", "Går det att hyra en arbetsplats med bra internet i Kville om man jobbar på distans?",
  [K14], ["Mötesplats Kville"], [r"Mötesplats Kville"])

# --- field: owner, budget, period, funders, contact ---------------------------------------------
fq("owner", "Vem ligger bakom elbilsladdningen som byggs i Alunda och Öregrund?", K01,
   "Laddstråk Öregrund–Alunda", [r"Öregrunds Hamn och Handel"])
fq("owner", "Vilken organisation håller till i bruksmedjan i Munkfors?", K08,
   "Öppna smedjan", [r"Munkfors Hantverkskooperativ"])
fq("owner", "Vem är huvudman för Fiberlyft Bispgården?", K04,
   "Fiberlyft Bispgården", [r"Bispgårdens Fiberförening"])
fq("owner", "Vem driver satsningen där anställda i äldreomsorgen i Dorotea och Åsele utbildar sig till undersköterskor?", K05,
   "Vårdkompetens i inlandet", [r"Dorotea kommun"])
fq("owner", "Vem äger projektet Yrkesbryggan?", K10,
   "Yrkesbryggan", [r"Norberg|[Ll]ärcentrum"])
fq("budget", "Vad kostar Bruksturism Österbybruk totalt?", K01,
   "Bruksturism Österbybruk", [r"2\s?950\s?000|2,95\s?(miljoner|mkr|Mkr)"])
fq("budget", "Hur stor är den sammanlagda budgeten för kanot- och vandringsleden kring Stora Le?", K07,
   "Border Waters Trail", [r"16[,.]2\s?(miljoner|million|mkr|MSEK)|16\s?200\s?000|1[,. ]?420[,. ]?000|1[,.]42\s?(miljoner|million)"])
fq("budget", "Hur mycket pengar omfattar hantverkarnas projekt i Munkfors?", K08,
   "Öppna smedjan", [r"2,4\s?miljoner|2\s?400\s?000"])
fq("budget", "Vad kostar förstudien och byggfasen i Hamnlyftet Henån tillsammans?", K13,
   "Hamnlyftet Henån", [r"3,2\s?miljoner|3\s?200\s?000"])
fq("budget", "Vilken budget hade bärprojektet i Korpilombolo?", K12,
   "Bärhubben Korpilombolo", [r"1\s?900\s?000|1,9\s?miljoner"])
fq("period", "Mellan vilka år ska cykelprojektet i Ockelbo hålla på?", K03,
   "Cykla i Ockelbobygden", [r"2025", r"2027"])
fq("period", "När börjar och slutar projektet med matsalen i Åmot?", K03,
   "Åmots Bruksmatsal", [r"augusti\s+2025|2025-08|aug\.?\s+2025", r"juni\s+2026|2026-06"])
fq("period", "Under vilken tid pågick fiskeprojektet vid sjön Tiken?", K02,
   "Fiske runt Tiken", [r"juni\s+2023|2023-06", r"maj\s+2025|2025-05"])
fq("period", "Hur länge håller Yrkesbryggan på?", K10,
   "Yrkesbryggan", [r"2025", r"2027"])
fq("funders", "Vilka betalar för Äppelriket Urshult?", K02,
   "Äppelriket Urshult", [r"Leader Skogsbygd Syd", r"Tingsryds kommun|kommunen"])
fq("funders", "Varifrån kommer pengarna till att göra om den gamla skolan i Kville till mötesplats?", K14,
   "Mötesplats Kville", [r"Leader Norra Bohuslän Kust"])
fq("funders", "Vilka är med och finansierar verkstadsnätverket i Emmaboda?", K15,
   "Verkstadsnätverket Emmaboda", [r"Region Kalmar län", r"Emmaboda kommun|kommunen"])
fq("contact", "Vem ska jag ringa för att anmäla mig till kvällskurserna för småföretagare i Tingsryd?", K02,
   "Företagarskola på distans", [r"Sara Nyqvist", r"0477-441\s?27|sara\.nyqvist@tingsryd\.se"])
fq("contact", "Vem kan svara på frågor om gränsprojektet med kanotleder mellan Dals-Ed och Norge?", K07,
   "Border Waters Trail", [r"Linnea Ahlgren"])
fq("contact", "Vem leder upprustningen av Henåns hamn, och hur når jag personen?", K13,
   "Hamnlyftet Henån", [r"Kristoffer Lund", r"0304-334\s?71|kristoffer\.lund@orust\.se"])

# --- which_project: described by purpose, answered by name -------------------------------------
q("which_project", "Finns det någon i Gimo som guidar företag som ska växa genom tillstånd och lokalsökande? Vad heter den satsningen?",
  [K01], ["Företagslots Gimo"], [r"Företagslots Gimo"])
q("which_project", "Vilket projekt i Ragunda har byggt en utomhusscen vid Indalsälven?",
  [K04], ["Scen vid älven, Hammarstrand"], [r"Scen vid älven"])
q("which_project", "Vad heter projektet som ska skylta upp grusvägar för cyklister i skogarna väster om Ockelbo?",
  [K03], ["Cykla i Ockelbobygden"], [r"Cykla i Ockelbobygden"])
q("which_project", "Vilket projekt samlar företag som bygger fritidshus av trä i södra Lappland?",
  [K05], ["Trähusklustret Dorotea"], [r"Trähusklustret"])
q("which_project", "Vilket projekt i Pajala kommun gick ut på att ta hand om blåbär och lingon i bygden?",
  [K12], ["Bärhubben Korpilombolo"], [r"Bärhubben"])
q("which_project", "Vad heter projektet som utbildar fiskeguider i Åsele?",
  [K05], ["Fiskeguidning i Ångermanälven"], [r"Fiskeguidning i Ångermanälven"])

# --- list ---------------------------------------------------------------------------------------
q("list", "Vilka utvecklingsprojekt har Östhammars kommun igång just nu?",
  [K01], ["Gräsö året runt", "Bruksturism Österbybruk", "Företagslots Gimo", "Laddstråk Öregrund–Alunda"],
  [r"Gräsö", r"Österbybruk", r"Gimo", r"Laddstråk"])
q("list", "Vilka projekt fick pengar av Region Västerbotten i maj 2025?",
  [K05], ["Tärnafjällens guideakademi", "Trähusklustret Dorotea", "Fiskeguidning i Ångermanälven", "Vårdkompetens i inlandet"],
  [r"[Gg]uideakademi", r"Trähusklustret", r"Fiskeguidning", r"Vårdkompetens"])
q("list", "Vilka kommuner täcker Leader Gimån–Indalsälven?",
  [K04], ["Leader Gimån–Indalsälven"], [r"Bräcke", r"Ragunda"])
q("list", "Vilka personer kan man prata med på Krokoms näringslivskontor?",
  [K09], ["Kontakta näringslivskontoret"], [r"Johan Sjödin", r"Ellinor Pålsson", r"Nils-Erik Strand", r"Amira Haddad"])
q("list", "Vilka kommuner samarbetar i projektet Border Waters Trail?",
  [K07], ["Border Waters Trail"], [r"Dals-Ed", r"Aremark", r"Marker"])

# --- factoid ------------------------------------------------------------------------------------
q("factoid", "Hur många hushåll har blivit kunder i den obemannade butiken i Kälarne?",
  [K04], ["Matbod Kälarne"], [r"212"])
q("factoid", "Hur mycket bär tog man emot i Korpilombolo under projektets säsonger?",
  [K12], ["Bärhubben Korpilombolo"], [r"41\s?ton"])
q("factoid", "Hur många veckor dröjer beslutet när man sökt Hebys landsbygdsstöd?",
  [K06], ["Stöd till landsbygdsföretag"], [r"sex veckor|6 veckor"])
q("factoid", "Hur många båtar får plats vid den nya gästbryggan i Henån?",
  [K13], ["Hamnlyftet Henån"], [r"\b40\b"])
q("factoid", "Hur mycket har Emmaboda Industrigrupp begärt av kommunen, och hur mycket föreslår tjänstemännen?",
  [K15], ["Verkstadsnätverket Emmaboda"], [r"440\s?000", r"400\s?000"])

# --- similar ------------------------------------------------------------------------------------
q("similar", "Vi på kommunen funderar på att låta lokala hantverkare dela lokal och maskiner och sälja tillsammans. Har någon annan kommun provat något liknande?",
  [K08], ["Öppna smedjan"], [r"Öppna smedjan"])
q("similar", "Vår byförening vill starta en självbetjäningsbutik för mat efter att affären lagts ner. Finns det liknande projekt vi kan lära oss av?",
  [K04], ["Matbod Kälarne"], [r"Matbod Kälarne|Kälarne"])
q("similar", "Vi planerar att utbilda arbetslösa vuxna till jobb i industrin tillsammans med företagen på orten. Har någon kommun gjort så förut?",
  [K10], ["Yrkesbryggan"], [r"Yrkesbryggan"])
q("similar", "Vi tänker gräva fiber till byar som hamnat utanför operatörernas utbyggnad. Finns det tidigare projekt av det slaget?",
  [K04], ["Fiberlyft Bispgården"], [r"Bispgården"])

# --- english ------------------------------------------------------------------------------------
q("english", "Who leads the Border Waters Trail project and when does it end?",
  [K07], ["Border Waters Trail"], [r"Dals-Ed", r"2027"])
q("english", "I run a small business in the countryside of Heby municipality. Can I get a grant to buy equipment?",
  [K06], ["Stöd till landsbygdsföretag"], [r"40[\s,]?000", r"50\s?(%|per ?cent|procent)|half|halva"])
q("english", "Which organisation runs the shared blacksmith workshop in Munkfors, and what does the project cost?",
  [K08], ["Öppna smedjan"], [r"Munkfors Hantverkskooperativ", r"2[.,]4\s?(miljoner|million|mkr|MSEK)|2[\s,]?400[\s,]?000"])
q("english", "Who at Krokom municipality can explain how to bid when the municipality buys services?",
  [K09], ["Kontakta näringslivskontoret"], [r"Amira Haddad"])
q("english", "What came out of the berry processing project in Korpilombolo?",
  [K12], ["Bärhubben Korpilombolo"], [r"41\s?(ton|tonnes|tons)"])

# --- nodiacritics -------------------------------------------------------------------------------
q("nodiacritics", "vem driver appelriket i urshult",
  [K02], ["Äppelriket Urshult"], [r"Urshults Byar[åa]d"])
q("nodiacritics", "finns det nagot stod for foretag pa landsbygden i heby kommun",
  [K06], ["Stöd till landsbygdsföretag"], [r"40\s?000"])
q("nodiacritics", "hur mycket pengar far kville byalag fran leader till motesplatsen i skolan",
  [K14], ["Mötesplats Kville"], [r"428\s?400"])
q("nodiacritics", "ska det bli laddplatser for elbil i oregrund",
  [K01], ["Laddstråk Öregrund–Alunda"], [r"Laddstr[åa]k"])
q("nodiacritics", "gatlampan utanfor mitt hus i hogsater ar trasig, vart vander jag mig",
  [K11], ["Felanmälan gatubelysning"], [r"0528-567\s?(10|41|99)|Roger Carlsson|e-tjänst|Felanmälan"])

# --- out_of_corpus: no page answers; most name a place the pages do cover -----------------------
q("out_of_corpus", "Finns det bidrag till solceller på villor i Ockelbo?")
q("out_of_corpus", "Kan jag få ett startbidrag från Färgelanda kommun när jag startar eget?")
q("out_of_corpus", "Vilka regler gäller för bygglov till en egen brygga på Orust?")
q("out_of_corpus", "Finns det stöd i Tingsryd för företag som vill anställa en lärling?")
q("out_of_corpus", "Hur ansöker man om skolskjuts i Pajala kommun?")
q("out_of_corpus", "Vad kostar det att hyra bygdegården i Kville för ett bröllop?")
q("out_of_corpus", "Pågår det något vindkraftsprojekt i Krokoms kommun?")
q("out_of_corpus", "Are there any grants for electric boats in Östhammar?")
q("out_of_corpus", "Does Dorotea municipality pay a relocation bonus to families who move there?")


def words(s: str) -> list[str]:
    return re.findall(r"[\wåäöÅÄÖøØ+-]+", s.lower())


def main() -> int:
    problems = []
    for i, item in enumerate(Q, 1):
        item["id"] = f"h3-{i:03d}"
    out = [{k: item[k] for k in ("id", "kind", "question", "expected_sources", "expected_titles", "facts")}
           | ({"field": item["field"], "value": item["value"]} if "field" in item else {}) for item in Q]
    for item in out:
        for s in item["expected_sources"]:
            if s not in GOLD:
                problems.append(f"{item['id']}: unknown source {s}")
        titles = {r["title"] for s in item["expected_sources"] if s in GOLD for r in GOLD[s]["records"]}
        for t in item["expected_titles"]:
            if t not in titles:
                problems.append(f"{item['id']}: unknown title {t}")
        for f in item["facts"]:
            re.compile(f)
        # overlap report
        for s in item["expected_sources"]:
            page_words = words(visible_text(H / s))
            grams = {tuple(page_words[j:j + 3]) for j in range(len(page_words) - 2)}
            qw = words(item["question"])
            shared = [" ".join(qw[j:j + 3]) for j in range(len(qw) - 2) if tuple(qw[j:j + 3]) in grams]
            if shared:
                print(f"overlap {item['id']}: {shared}")
    with open(H / "questions.jsonl", "w", encoding="utf-8") as fh:
        for item in out:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for item in out:
        counts[item["kind"]] = counts.get(item["kind"], 0) + 1
    print(f"wrote {len(out)} questions:", counts)
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
