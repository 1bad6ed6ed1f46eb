"""Writes questions.jsonl for heldout4. Field-question values are read from gold.jsonl.

Run: .venv/bin/python eval/pages/heldout4/make_questions.py   (after make_gold.py)

Also checks that every expected source and title exists in gold, that every fact is a valid
regex, that every fact matches the visible text of at least one expected page (resolved relative
dates listed in RESOLVED are exempt), and lists runs of three or more consecutive words a question
shares with its expected pages (for review: the remaining overlaps should be names).
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

M01 = "m01_projekt-som-utvecklar-hylte.html"
M02 = "m02_beviljade-projekt-leader-kanalbygden-dal.html"
M03 = "m03_stod-till-service-jamtland.html"
M04 = "m04_cykelbygden-odeshog.html"
M05 = "m05_konsultcheck-saffle.html"
M06 = "m06_projects-invest-tornedalen.html"
M07 = "m07_pagaende-projekt-leader-hoglandets-skogsbygd.txt"
M08 = "m08_vara-projekt-killebergs-samhallsforening.txt"
M09 = "m09_torghandel-monsteras.txt"
M10 = "m10_beviljade-projektmedel-region-varmland.txt"
M11 = "m11_landsbygdsprojekt-uppvidinge.md"
M12 = "m12_verksamhetsberattelse-naringsliv-tomelilla-2025.md"
M13 = "m13_projektdagbok-sjoboden-jarnas.md"
M14 = "m14_lag-protokoll-leader-skogskusten-2025-09-17.pdf"
M15 = "m15_projektkatalog-landsbygd-region-kalmar-2025.pdf"

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


# Facts that are resolved relative dates, not literal page text (exempt from the fact-in-page check)
RESOLVED = {r"juni 2026|2026-06|sommaren 2026"}

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
q("local", "Jag har ett litet turistföretag i Unnaryd och skulle vilja sälja kanotturer. Händer det något i trakten som jag kan haka på?",
  [M01], ["Nissastigen – paddla och vandra i Hylte"], [r"Nissastigen"])
q("local", "Vi ska semestra i Dals Långed i sommar och vill hyra kanot. Finns det något nytt ställe för det där?",
  [M02], ["Kanotcenter Dals Långed"], [r"[Kk]anotcenter"])
q("local", "Kommer det att gå att ladda elbilen i Gäddede framöver?",
  [M03], ["Servicepunkt Gäddede"], [r"Servicepunkt Gäddede|Gäddede Handel|snabbladdare|laddare"])
q("local", "Jag har ett bed and breakfast nära Alvastra och många gäster kommer på cykel. Är det någon satsning på cykling i bygden?",
  [M04], ["Cykelbygden Ödeshög"], [r"Cykelbygden"])
q("local", "Jag har en frisörsalong i Säffle och vill anlita en byrå för marknadsföring. Kan kommunen bidra till kostnaden?",
  [M05], ["Konsultcheck för små företag"], [amt(25000), r"75\s?(?:procent|%)"])
q("local", "Jag är intresserad av att lära mig smida. Går det att gå en kurs någonstans i Stockaryd?",
  [M07], ["Stockaryds Smedja"], [r"[Ss]medja"])
q("local", "Finns det någonstans i Killeberg där man kan träna utomhus?",
  [M08], ["Killebergs Utegym"], [r"[Uu]tegym"])
q("local", "Vad är på gång i Långban, gruvorten utanför Filipstad?",
  [M10], ["Besöksmål Långban"], [r"Besöksmål Långban|utställning|disponenthus|guidade"])
q("local", "Min gamla cykel behöver lagas. Finns det något ställe i Lenhovda som tar emot och rustar begagnade saker?",
  [M11], ["Återbruket i Lenhovda"], [r"Återbruket"])
q("local", "Vår förening vill ha en fiskrökningskurs i en lokal vid havet i Järnäs. Finns det något vi kan hyra?",
  [M13], ["Sjöboden i Järnäs"], [r"[Ss]jöbod"])
q("local", "Vi seglar upp till norra Öland i sommar. Kan man duscha och tvätta när man lägger till i Böda?",
  [M15], ["Servicebod i Böda hamn"], [r"[Ss]ervicebod"])

# --- field: owner, budget, period, funders, contact ---------------------------------------------
fq("owner", "Vem driver kanotleden längs Nissan?", M01,
   "Nissastigen – paddla och vandra i Hylte", [r"Hylte Turistråd"])
fq("owner", "Vilken förening ligger bakom cykelslingorna runt Omberg och Rök?", M04,
   "Cykelbygden Ödeshög", [r"Ödeshögs Företagarförening"])
fq("owner", "Vem sökte pengar för att göra Folkets hus i Jämshög tillgängligt för rullstol?", M14,
   "Tillgängligt Folkets hus i Jämshög", [r"Jämshögs Folkets husförening"])
fq("owner", "Vem äger projektet som ska få norrmän att handla i Töcksfors?", M10,
   "Gränshandel Töcksfors", [r"Årjängs Näringslivsförening"])
fq("owner", "Vilken förening tar hand om det gamla slussvaktarhuset i Håverud?", M02,
   "Slussvaktarstugan i Håverud", [r"Håverud Kulturförening"])
fq("budget", "Vad kostar kanotcentret i Dals Långed sammanlagt?", M02,
   "Kanotcenter Dals Långed", [amt(590000)])
fq("budget", "Vad går upprustningen av bensinstationen i Lillhärdal på?", M03,
   "Ny drivmedelsanläggning i Lillhärdal", [amt(1800000)])
fq("budget", "Hur stor är budgeten för Kompetenslyftet i Hyltebruk?", M01,
   "Kompetenslyftet Hyltebruk", [amt(4150000)])
fq("budget", "Vad kostar det att göra om sjöboden i Järnäs?", M13,
   "Sjöboden i Järnäs", [amt(780000)])
fq("budget", "Hur mycket pengar omfattar satsningen på träföretag i Fågelfors?", M15,
   "Träcentrum Fågelfors", [amt(3900000)])
fq("period", "När började och när slutade bygdebussen i Torup?", M01,
   "Bygdebussen Torup–Unnaryd", [r"mars 2022|2022-03", r"december 2024|2024-12"])
fq("period", "Hur länge pågår projektet med lokalmat i Frinnaryds bygdegård?", M07,
   "Frinnaryd Lokalmat", [r"2025", r"2026"])
fq("period", "När ska sjöboden i Järnäs vara klar enligt den senaste planen?", M13,
   "Sjöboden i Järnäs", [r"oktober 2026|2026-10"])
fq("period", "Mellan vilka datum pågår guideutbildningen vid Mörrumsån?", M14,
   "Laxguider i Mörrum", [r"januari 2026|2026-01", r"juni 2027|2027-06"])
fq("funders", "Vilka har betalat för utegymmet i Killeberg?", M08,
   "Killebergs Utegym", [r"Leader Göinge skogsbygd", r"Osby kommun|bygdepeng"])
fq("funders", "Vilka finansierar samarbetet mellan matproducenterna kring Tösse?", M02,
   "Matnätet Östra Dal", [r"Leader Kanalbygden Dal", r"Åmåls kommun"])
fq("funders", "Vilka bidrar med pengar till serviceboden i Böda?", M15,
   "Servicebod i Böda hamn", [r"Region Kalmar län", r"Borgholms kommun", r"Leader Ölandskusten"])
fq("contact", "Vem kan jag ringa om glashyttan i Alstermo?", M11,
   "Hyttan i Alstermo – glas för besökare", [r"Sofia Hägg", r"0474-470\s?31|sofia\.hagg@alstermobruk\.se"])
fq("contact", "Vem ska jag prata med om att skolköken i Tomelilla handlar råvaror från lokala bönder?", M12,
   "Skolmat från Tomelillabygden", [r"Frida Nordén"])
fq("contact", "Vem leder arbetet med den nya godsterminalen vid gränsen i Haparanda?", M06,
   "Border Logistics Hub Haparanda–Tornio", [r"Aino Keskitalo"])

# --- which_project: described by purpose, answered by name -------------------------------------
q("which_project", "Vilket projekt i Hylte ger arbetslösa korta utbildningar för jobb inom el och underhåll på bruket?",
  [M01], ["Kompetenslyftet Hyltebruk"], [r"Kompetenslyftet"])
q("which_project", "Vad heter satsningen där bönder i Dalsland samordnar hur de levererar till krogar och skolor?",
  [M02], ["Matnätet Östra Dal"], [r"Matnätet"])
q("which_project", "I vilket projekt i Strömsunds kommun ska en butik få apoteksombud och utlämning av biblioteksböcker?",
  [M03], ["Servicehubb Hammerdal"], [r"Servicehubb Hammerdal"])
q("which_project", "Vad heter projektet i Vrigstad där ungdomarna fick vara med och designa en pumptrack?",
  [M07], ["Vrigstad Aktivitetspark"], [r"Vrigstad Aktivitetspark"])
q("which_project", "Vilket projekt i Tomelilla kommun gjorde om en väntsal till café och mötesrum?",
  [M12], ["Smedstorps stationshus"], [r"Smedstorps stationshus"])
q("which_project", "Vad kallas projektet där handlarna i Årjäng vill locka fler kunder från Norge?",
  [M10], ["Gränshandel Töcksfors"], [r"Gränshandel Töcksfors"])

# --- list ---------------------------------------------------------------------------------------
q("list", "Vilka projekt har Leader Kanalbygden Dal gett pengar till?",
  [M02], ["Kanotcenter Dals Långed", "Slussvaktarstugan i Håverud", "Matnätet Östra Dal",
          "Bruksmiljön i Billingsfors – digital guide"],
  [r"Kanotcenter", r"Slussvaktarstugan", r"Matnätet", r"Billingsfors"])
q("list", "Vilka butiker och mackar i Jämtlands län fick investeringsstöd från Länsstyrelsen hösten 2025?",
  [M03], ["Servicepunkt Gäddede", "Ny drivmedelsanläggning i Lillhärdal", "Servicehubb Hammerdal"],
  [r"Gäddede", r"Lillhärdal", r"Hammerdal"])
q("list", "Vilka projekt i Värmland fick regionala utvecklingspengar 2025?",
  [M10], ["Besöksmål Långban", "Industriskolan Storfors", "Gränshandel Töcksfors"],
  [r"Långban", r"Industriskolan", r"Töcksfors"])
q("list", "Vilka utvecklingsprojekt är Hylte kommun inblandad i?",
  [M01], ["Nissastigen – paddla och vandra i Hylte", "Kompetenslyftet Hyltebruk", "Bygdebussen Torup–Unnaryd"],
  [r"Nissastigen", r"Kompetenslyftet", r"Bygdebussen"])
q("list", "Vilka ansökningar tog Leader Skogskusten Blekinge ställning till på mötet i september 2025, och hur mycket fick de?",
  [M14], ["Tillgängligt Folkets hus i Jämshög", "Laxguider i Mörrum"],
  [r"Jämshög", r"Mörrum", amt(380000), amt(290000)])
q("list", "Vilka landsbygdsprojekt i Uppvidinge har kommunen pengar i just nu?",
  [M11], ["Hyttan i Alstermo – glas för besökare", "Återbruket i Lenhovda"],
  [r"Alstermo", r"Återbruket|Lenhovda"])

# --- factoid ------------------------------------------------------------------------------------
q("factoid", "Hur många övningsstationer finns på utegymmet i Killeberg?",
  [M08], ["Killebergs Utegym"], [r"tolv|\b12\b"])
q("factoid", "Vad får man betala för att stå en dag och sälja på Mönsterås torg?",
  [M09], ["Torghandel"], [r"150\s?(?:kr|kronor)"])
q("factoid", "Hur många nya företag registrerades i Tomelilla under 2025?",
  [M12], [], [r"\b96\b"])
q("factoid", "Fick Folkets hus i Jämshög hela beloppet de sökte från Leader?",
  [M14], ["Tillgängligt Folkets hus i Jämshög"], [amt(420000), amt(380000)])
q("factoid", "När är sista dagen att söka investeringsstöd för butiker i Jämtland i nästa omgång?",
  [M03], [], [r"31 januari 2026|2026-01-31"])
q("factoid", "När ska ombyggnaden i Gäddedes dagligvarubutik vara färdig?",
  [M03], ["Servicepunkt Gäddede"], [r"juni 2026|2026-06|sommaren 2026"])
q("factoid", "Hur snabbt får man besked om man söker konsultcheck i Säffle?",
  [M05], ["Konsultcheck för små företag"], [r"tre veckor|3 veckor"])
q("factoid", "Hur många timmar ideellt arbete har byaföreningen i Järnäs lagt på sjöboden hittills?",
  [M13], ["Sjöboden i Järnäs"], [r"600"])

# --- similar ------------------------------------------------------------------------------------
q("similar", "Vi är en idrottsklubb som vill bygga en pumptrack och grillplats åt ungdomarna vid vår plan. Har andra föreningar gjort något liknande?",
  [M07], ["Vrigstad Aktivitetspark"], [r"Vrigstad"])
q("similar", "Vår bygdegård funderar på att bygga om köket så att småföretag kan använda det för att förädla mat. Finns det andra som har gjort så?",
  [M07, M13], ["Frinnaryd Lokalmat", "Sjöboden i Järnäs"], [r"Frinnaryd|Sjöboden"])
q("similar", "Vi vill göra en ljudvandring där gamla bruksarbetare berättar. Har någon annan hembygdsförening gjort något sådant?",
  [M02], ["Bruksmiljön i Billingsfors – digital guide"], [r"Billingsfors"])
q("similar", "Vår by riskerar att bli av med sin enda affär. Finns det exempel på butiker som fått pengar för att bli servicepunkt med paket och apoteksombud?",
  [M03], ["Servicepunkt Gäddede", "Servicehubb Hammerdal"], [r"Gäddede|Hammerdal"])

# --- english ------------------------------------------------------------------------------------
q("english", "Who is leading the Border Logistics Hub project, and what is its total budget?",
  [M06], ["Border Logistics Hub Haparanda–Tornio"], [r"Haparanda", amt(6800000)])
q("english", "Which organisation owns Taste of Tornedalen, and when does the project finish?",
  [M06], ["Taste of Tornedalen"], [r"Tornedalens Matproducenter", r"August 2026|augusti 2026|2026-08"])
q("english", "Does Säffle municipality help small companies pay for an outside consultant?",
  [M05], ["Konsultcheck för små företag"], [amt(25000) + "|" + amt(100000)])
q("english", "What cycling project is going on around Omberg, and who is paying for it?",
  [M04], ["Cykelbygden Ödeshög"], [r"Cykelbygden", r"Leader Vätterbygd Öst"])
q("english", "How much support did the fuel station in Lillhärdal get from the county administrative board?",
  [M03], ["Ny drivmedelsanläggning i Lillhärdal"], [amt(1350000)])

# --- nodiacritics -------------------------------------------------------------------------------
q("nodiacritics", "vem driver kanotcentret i dals langed",
  [M02], ["Kanotcenter Dals Långed"], [r"Dals L[åa]ngeds Kanotklubb"])
q("nodiacritics", "hur mycket kostar aterbruket i lenhovda",
  [M11], ["Återbruket i Lenhovda"], [amt(225000)])
q("nodiacritics", "vilket projekt i filipstad har fatt pengar fran region varmland",
  [M10], ["Besöksmål Långban"], [r"L[åa]ngban"])
q("nodiacritics", "vad kostar en torgplats for hela aret i monsteras",
  [M09], ["Torghandel"], [amt(2800)])
q("nodiacritics", "nar borjar laxguideprojektet i morrum",
  [M14], ["Laxguider i Mörrum"], [r"2026-01-01|1 januari 2026|januari 2026|2026-01"])

# --- out_of_corpus: no page answers; most name a place the pages do cover -----------------------
q("out_of_corpus", "Finns det bidrag för att bygga en jordkällare på gården i Hylte?")
q("out_of_corpus", "Vilka regler gäller för att elda trädgårdsavfall i Nordmaling?")
q("out_of_corpus", "Vad kostar det att ansluta ett hus till kommunalt vatten och avlopp i Storfors?")
q("out_of_corpus", "Har Åmåls kommun något startbidrag för den som startar eget företag?")
q("out_of_corpus", "Kan jag få stöd för solceller på min lantgård i Ödeshög?")
q("out_of_corpus", "Vad kostar förskola i Tomelilla kommun?")
q("out_of_corpus", "Hur ansöker man om serveringstillstånd för en uteservering i Mönsterås?")
q("out_of_corpus", "Is there a relocation grant for families who move to Övertorneå?")


def words(s: str) -> list[str]:
    return re.findall(r"[\wåäöÅÄÖ+-]+", s.lower())


def main() -> int:
    problems = []
    for i, item in enumerate(Q, 1):
        item["id"] = f"h4-{i:03d}"
    out = [{k: item[k] for k in ("id", "kind", "question", "expected_sources", "expected_titles", "facts")}
           | ({"field": item["field"], "value": item["value"]} if "field" in item else {}) for item in Q]
    texts = {s: visible_text(H / s) for s in GOLD}
    for item in out:
        if item["kind"] == "out_of_corpus" and (item["expected_sources"] or item["facts"]):
            problems.append(f"{item['id']}: out_of_corpus with sources or facts")
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
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
