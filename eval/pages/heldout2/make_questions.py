"""Writes questions.jsonl for heldout2 from the gold records (field values are taken from gold.jsonl)."""
import json
from pathlib import Path
H = Path(__file__).resolve().parent
gold = {json.loads(l)["page"]: json.loads(l) for l in open(H / "gold.jsonl")}
G1="g01_pagaende-projekt-tranas.html"; G2="g02_etableringscheck-vimmerby.html"; G3="g03_nyhet-hantverkshus-vamhus.txt"
G4="g04_matkraft-aredalen.html"; G5="g05_ksau-protokoll-hagfors.pdf"; G6="g06_coastal-food-lab-solvesborg.md"
G7="g07_foretagsbussen.html"; G8="g08_parkeringstillstand-sala.txt"; G9="g09_leader-lagadalen-beviljade.md"
G10="g10_foreningsbidrag-lidkoping.html"; G11="g11_beviljade-projektmedel-rjl-2025.pdf"; G12="g12_starta-foretag-falkenberg.txt"
G13="g13_gruvarvet-grangesberg.txt"; G14="g14_innovation-voucher-gavleborg.html"
T = {}  # title -> record
for p, o in gold.items():
    for r in o["records"]: T[r["title"]] = (p, r)
V3 = "Nytt liv i skolhuset – Våmhus får ett hantverkshus"; BUSS = "Företagsbussen – rådgivning på hjul"
Q = []
def q(kind, question, sources, titles, facts, **extra):
    for t in titles: assert t in T, t
    for s in sources: assert s in gold, s
    d = {"id": None, "kind": kind, "question": question, "expected_sources": sources, "expected_titles": titles, "facts": facts}
    d.update(extra); Q.append(d)
def fq(field, question, title, facts):
    p, r = T[title]
    if field == "budget": v = r["budget_sek"]
    elif field == "period": v = f'{r["period_start"]}/{r["period_end"]}'
    elif field == "owner": v = r["owner"]
    elif field == "funders": v = r["funders"]
    elif field == "contact": v = r["contacts"][0]["name"]
    q("field", question, [p], [title], facts, field=field, value=v)

# local
q("local", "Jag har nyss dragit igång en liten firma i Vimmerby. Kan jag få några pengar av kommunen?", [G2], ["Etableringscheck för nya företag"], [r"25\s?000", r"50\s?(procent|%)"])
q("local", "Vart vänder jag mig i Falkenberg om jag går i tankar på att starta eget?", [G12], ["Starta företag"], [r"Nyföretagarcentrum|[Ff]öretagslots|Niklas Ohlin"])
q("local", "Jag bor i Sysslebäck och har en enskild firma. Kan jag få råd utan att behöva köra långt?", [G7], [BUSS], [r"[Ff]öretagsbuss", r"Ida Fjällström|0560-167\s?42|ida\.fjallstrom@torsby\.se"])
q("local", "Vad satsar man på för företagare i Tranås just nu?", [G1], ["Handelslyftet Storgatan", "Sommarlovsentreprenörer", "Cirkulär möbelhub Sommen"], [r"Handelslyftet", r"Sommarlovsentrepren", r"möbelhub"])
q("local", "Har ett litet teknikföretag i Gävle och vill prova en ny produktidé. Finns det något stöd från regionen?", [G14], ["Innovation voucher for small businesses"], [r"[Ii]nnovation ?voucher|[Ii]nnovationscheck", r"100[\s,]?000"])
q("local", "Vilka bygdeprojekt i Älmhults kommun har fått Leaderpengar den senaste tiden?", [G9], ["Digitalt lyft för småföretag i Älmhult", "Konst längs Helge å"], [r"Digitalt lyft", r"Konst längs Helge å"])
q("local", "Jag gör ost på min gård i Duved. Finns det någon hjälp att leverera den till krogarna i Åre?", [G4], ["Matkraft Åredalen"], [r"Matkraft Åredalen", r"Tove Renström|070-529\s?64\s?11|tove\.renstrom@"])
q("local", "Satsar man på turism någonstans i Ludvika?", [G13], ["Gruvarvet i Grängesberg"], [r"Grängesberg", r"[Gg]ruv"])
q("local", "Jag flätar korgar och söker en verkstad att hyra någonstans runt Mora. Vet ni om något?", [G3], [V3], [r"Våmhus", r"hantverkshus|skolhus|byskola"])
q("local", "Jag är arbetslös och bor i Skillingaryd. Finns det någon utbildning som kan leda till jobb?", [G11], ["Kompetensväxling Vaggeryd-Skillingaryd"], [r"Kompetensväxling", r"lager|truck"])

# field
fq("owner", "Vilken organisation står bakom verkstaden i Tranås där gamla kontorsmöbler rustas upp?", "Cirkulär möbelhub Sommen", [r"Återbruket i Tranås"])
fq("budget", "Vad kostar fiberutbyggnaden söder om Sommen sammanlagt?", "Bredband till Sommens södra strand", [r"7\s?150\s?000|7,15 miljoner"])
fq("period", "Hur länge ska satsningen på butikerna längs Storgatan i Tranås hålla på?", "Handelslyftet Storgatan", [r"mars 2024|2024-03", r"februari 2026|2026-02"])
fq("contact", "Vem ska jag prata med om att låta min tonåring driva sommarföretag i Tranås?", "Sommarlovsentreprenörer", [r"Jonas Wiklander", r"0140-381\s?44|jonas\.wiklander@tranas\.se"])
fq("funders", "Vilka är med och betalar för den gemensamma matdistributionen i Åredalen?", "Matkraft Åredalen", [r"Länsstyrelsen", r"Region Jämtland Härjedalen", r"Åre kommun"])
fq("budget", "Hur mycket räknar man med att ombyggnaden av gamla skolan i Våmhus kostar totalt?", V3, [r"1\s?150\s?000|1,15 miljoner"])
fq("owner", "Vilken förening vill bygga nya rastplatser för kanotpaddlare längs Klarälven vid Ekshärad?", "Klarälvens kanotled etapp 2", [r"Ekshärads [Tt]uristförening"])
fq("budget", "Vad kostar förstudien om industrins framtida personalbehov i Hagfors?", "Kompetensbanken för industrin", [r"620\s?000"])
fq("period", "Under vilken tid ska cykelsatsningen på Höglandet genomföras?", "Cykelturism på Höglandet", [r"april 2025|2025-04", r"mars 2027|2027-03"])
fq("contact", "Vem kan jag kontakta om AI-projektet för underleverantörer i Gislaved?", "Industriell AI för underleverantörer", [r"Oskar Fält", r"0371-281\s?66|oskar\.falt@gislavedsindustri\.se"])
fq("funders", "Vilka lägger pengar på att göra gruvområdet i Grängesberg till ett besöksmål?", "Gruvarvet i Grängesberg", [r"Leader Bergsbygden", r"Region Dalarna", r"Ludvika kommun"])
fq("owner", "Vem fick Leaderstöd för matlagningskvällarna i Strömsnäsbruk?", "Matglädje i Strömsnäsbruk", [r"Strömsnäsbruks [Bb]yalag"])
fq("budget", "Hur mycket stöd fick paddlingsleden på Lagan?", "Laganleden för paddling", [r"655\s?000"])
fq("period", "Hur länge ska rådgivningsbussen i Torsby köra som projekt?", BUSS, [r"augusti 2024|2024-08", r"juni 2026|2026-06"])

# factoid
q("factoid", "Hur mycket startkapital får varje ungdom i sommarföretagarsatsningen i Tranås?", [G1], ["Sommarlovsentreprenörer"], [r"1\s?500"])
q("factoid", "Måste man betala något för ett handikapptillstånd för parkering i Sala?", [G8], ["Parkeringstillstånd för rörelsehindrade"], [r"avgiftsfri|kostar (inte|ingenting)|gratis|ingen avgift"])
q("factoid", "Hur många år gäller ett p-tillstånd för den som har problem med att gå i Sala innan man måste söka igen?", [G8], ["Parkeringstillstånd för rörelsehindrade"], [r"tre år|3 år"])
q("factoid", "Hur dyr måste en köpt tjänst vara som minst för att ett nytt företag i Vimmerby ska kunna få checken?", [G2], ["Etableringscheck för nya företag"], [r"10\s?000"])
q("factoid", "När är sista dagarna att söka utvecklingsbidrag för föreningar i Lidköping?", [G10], ["Bidrag till föreningars utvecklingsprojekt"], [r"15 mars", r"15 september"])
q("factoid", "När brukar kvällsträffarna för dem som planerar en egen firma i Falkenberg vara?", [G12], ["Starta företag"], [r"[Ff]örsta tisdagen", r"18"])
q("factoid", "Hur många besökare om året hoppas man få till gruvområdet i Grängesberg?", [G13], ["Gruvarvet i Grängesberg"], [r"15\s?000"])
q("factoid", "Hur mycket pengar delade Leader Lagadalen ut sammanlagt vid mötet i november 2024?", [G9], ["Ungdomens hus i Lidhult", "Laganleden för paddling", "Matglädje i Strömsnäsbruk", "Digitalt lyft för småföretag i Älmhult", "Konst längs Helge å"], [r"2\s?371\s?500"])
q("factoid", "Hur ofta kör kylbilen ut lokala råvaror till restaurangerna i Åredalen?", [G4], ["Matkraft Åredalen"], [r"två gånger (i|per) vecka|2 gånger (i|per) vecka"])

# which_project
q("which_project", "Vilket projekt i Tranås ger folk som varit arbetslösa länge en chans att lära sig renovera möbler?", [G1], ["Cirkulär möbelhub Sommen"], [r"Cirkulär möbelhub Sommen"])
q("which_project", "Finns det något projekt i Jönköpings län där man kan utbilda sig till truckförare?", [G11], ["Kompetensväxling Vaggeryd-Skillingaryd"], [r"Kompetensväxling Vaggeryd.Skillingaryd"])
q("which_project", "Vad heter satsningen i Lidhult som ska ge ungdomar någonstans att vara på kvällarna?", [G9], ["Ungdomens hus i Lidhult"], [r"Ungdomens hus"])
q("which_project", "Vilket projekt i Blekinge försöker få strömming att hamna på tallriken i stället för i djurfoder?", [G6], ["Coastal Food Lab Sölvesborg"], [r"Coastal Food Lab"])
q("which_project", "Vad heter förstudien i Hagfors som ska ta reda på vilka yrkesroller stålföretagen behöver?", [G5], ["Kompetensbanken för industrin"], [r"Kompetensbanken"])

# list
q("list", "Vilka näringslivsprojekt har Tranås kommun igång?", [G1], ["Handelslyftet Storgatan", "Sommarlovsentreprenörer", "Cirkulär möbelhub Sommen", "Bredband till Sommens södra strand"], [r"Handelslyftet", r"Sommarlovsentrepren", r"möbelhub", r"Bredband|[Ff]iber"])
q("list", "Vilka kommuner hör till Leader Lagadalen?", [G9], [], [r"Ljungby", r"Markaryd", r"Älmhult"])
q("list", "Vilka projekt fick pengar när Region Jönköpings län fördelade projektmedel i februari 2025?", [G11], ["Cykelturism på Höglandet", "Industriell AI för underleverantörer", "Kompetensväxling Vaggeryd-Skillingaryd"], [r"Cykelturism", r"Industriell AI", r"Kompetensväxling"])
q("list", "Vad kan vår förening i Lidköping inte få utvecklingsbidrag till?", [G10], ["Bidrag till föreningars utvecklingsprojekt"], [r"ordinarie verksamhet", r"utomlands", r"priser|gåvor"])
q("list", "I vilka byar gör företagsbussen i Torsby stopp?", [G7], [BUSS], [r"Sysslebäck", r"Östmark", r"Lekvattnet", r"Stöllet"])

# similar
q("similar", "Finns det fler projekt som Laganleden, som satsar på paddling eller kanotturism någon annanstans?", [G5], ["Klarälvens kanotled etapp 2"], [r"Klarälvens kanotled"])
q("similar", "Matkraft Åredalen låter intressant. Finns det liknande projekt för småskaliga livsmedelsproducenter i andra delar av landet?", [G6], ["Coastal Food Lab Sölvesborg"], [r"Coastal Food Lab"])
q("similar", "Finns det andra satsningar som liknar Digitalt lyft i Älmhult, där företag får stöd med att märkas och sälja på nätet?", [G1], ["Handelslyftet Storgatan"], [r"Handelslyftet"])

# english
q("english", "Who is in charge of the Coastal Food Lab project in Sölvesborg?", [G6], ["Coastal Food Lab Sölvesborg"], [r"Listerlandet Fishing Cooperative"])
q("english", "What is the most a small firm in the Gävleborg region can receive through Region Gävleborg's innovation voucher?", [G14], ["Innovation voucher for small businesses"], [r"100[,\s]?000", r"50\s?(percent|per cent|%)"])
q("english", "I just registered a company in Vimmerby. Is there any grant from the municipality for new businesses?", [G2], ["Etableringscheck för nya företag"], [r"25[\s,]?000", r"[Ee]tableringscheck|establishment (check|voucher|grant)"])
q("english", "What is the total budget for turning the old Grängesberg mine into a visitor attraction?", [G13], ["Gruvarvet i Grängesberg"], [r"2[.,]9 (million|miljoner)|2[\s,]?900[\s,]?000"])

# nodiacritics
q("nodiacritics", "vem kan man ringa om parkeringstillstand i sala", [G8], ["Parkeringstillstånd för rörelsehindrade"], [r"Olle Brink|0224-74\s?71\s?30|olle\.brink@sala\.se"])
q("nodiacritics", "hur mycket fick konstutstallningen vid helge a i stod", [G9], ["Konst längs Helge å"], [r"176\s?000"])
q("nodiacritics", "finns det nagot bidrag for foreningar i lidkoping som vill hitta pa nagot nytt", [G10], ["Bidrag till föreningars utvecklingsprojekt"], [r"40\s?000"])

# out of corpus
for text in [
    "Vad gäller för strandskydd om jag vill bygga en brygga vid Sommen i Tranås?",
    "Kan jag få bidrag för att byta ut oljepannan i mitt hus i Mora?",
    "Vad kostar det att hyra en båtplats i Hällevik?",
    "Hur mycket statsbidrag fick Hagfors kommun för att förbättra företagsklimatet 2023?",
    "When is the next call for innovation vouchers in Region Västernorrland?",
    "Finns det något startbidrag för nya företag i Sölvesborg?",
]:
    q("out_of_corpus", text, [], [], [])

for i, d in enumerate(Q, 1): d["id"] = f"h2-{i:03d}"
with open(H / "questions.jsonl", "w") as fh:
    for d in Q: fh.write(json.dumps(d, ensure_ascii=False) + "\n")
from collections import Counter
print(len(Q), Counter(d["kind"] for d in Q))
