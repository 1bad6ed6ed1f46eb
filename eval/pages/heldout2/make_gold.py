"""Writes gold.jsonl for heldout2 and checks that furniture strings and record values occur in the pages."""
import json, html, re, sys
from pathlib import Path
import pypdf
H = Path(__file__).resolve().parent

def C(name, email=None, phones=()):
    return {"name": name, "email": email, "phones": list(phones)}

def R(title, kind="project", owner=None, ps=None, pe=None, budget=None, funders=(), kommuner=(), contacts=()):
    return {"kind": kind, "title": title, "owner": owner, "period_start": ps, "period_end": pe,
            "budget_sek": budget, "funders": list(funders), "kommuner": list(kommuner), "contacts": list(contacts)}

pages = [
 ("g01_pagaende-projekt-tranas.html", "label_bullets",
  "https://www.tranas.se/naringsliv-och-arbete/utvecklingsprojekt/pagaende-naringslivsprojekt.html",
  [R("Handelslyftet Storgatan", owner="Tranås Citysamverkan ideell förening", ps="2024-03", pe="2026-02", budget=2340000,
     funders=["Region Jönköpings län", "Tranås kommun"], kommuner=["Tranås"],
     contacts=[C("Elin Brodd", "elin.brodd@tranas.se", ["0140-381 27"])]),
   R("Sommarlovsentreprenörer", owner="Tranås kommun", ps="2023-01", pe="2025-12", budget=640000,
     funders=["Tranås kommun", "Stiftelsen Sommenbygdens Framtid"], kommuner=["Tranås"],
     contacts=[C("Jonas Wiklander", "jonas.wiklander@tranas.se", ["0140-381 44"])]),
   R("Cirkulär möbelhub Sommen", owner="Återbruket i Tranås ekonomisk förening", ps="2024-09", pe="2027-08", budget=3900000,
     funders=["Europeiska regionala utvecklingsfonden", "Region Jönköpings län", "Tranås kommun"], kommuner=["Tranås"],
     contacts=[C("Paula Ekström", "paula@aterbruketitranas.se", ["073-551 20 84"])]),
   R("Bredband till Sommens södra strand", owner="Sommenbygdens Fiberförening", ps="2022-05", pe="2024-10", budget=7150000,
     funders=["Post- och telestyrelsen", "Tranås kommun"], kommuner=["Tranås"],
     contacts=[C("Kent Hamberg", None, ["070-611 93 02"])])],
  ["Acceptera alla kakor", "Endast nödvändiga", "Om kakor på tranas.se", "Hoppa till huvudinnehållet", "Lyssna",
   "Dela sidan", "Skriv ut", "Sidan granskades senast 14 augusti 2024", "Tillgänglighetsredogörelse",
   "Behandling av personuppgifter", "Följ oss på Facebook och Instagram", "Telefon: 0140-381 00"]),
 ("g02_etableringscheck-vimmerby.html", "support_offer",
  "https://www.vimmerby.se/naringsliv/stod-till-foretag/etableringscheck.html",
  [R("Etableringscheck för nya företag", kind="offer", owner="Vimmerby kommun", funders=["Vimmerby kommun"],
     kommuner=["Vimmerby"], contacts=[C("Hampus Fridell", "hampus.fridell@vimmerby.se", ["0492-76 93 10"])])],
  ["Jag godkänner", "Inställningar för kakor", "Till innehållet", "Publicerad: 3 februari 2025", "Uppdaterad: 19 maj 2025",
   "Skriv ut sidan", "Hittade du det du sökte?", "Kontaktcenter: 0492-76 90 00", "© Vimmerby kommun"]),
 ("g03_nyhet-hantverkshus-vamhus.txt", "news_article", None,
  [R("Nytt liv i skolhuset – Våmhus får ett hantverkshus", kind="article", owner="Våmhus bygdeförening",
     ps="2025-04", pe="2026-12", budget=1150000, funders=["Leader Fjäll och Sjö", "Mora kommun"], kommuner=["Mora"],
     contacts=[C("Annika Myhr", None, ["070-334 18 52"])])],
  ["Till innehåll", "Publicerad 12 mars 2025", "Foto: Mats Gruvberg", "Text: Karolina Ahnberg", "Till toppen",
   "Telefon växel: 0250-261 00", "Tillgänglighetsredogörelse", "Om kakor", "Nya turer för kollektivtrafiken i sommar"]),
 ("g04_matkraft-aredalen.html", "facts_box", "https://www.are.se/naringsliv/projekt/matkraft-aredalen.html",
  [R("Matkraft Åredalen", owner="Åredalens Livsmedelsproducenter ekonomisk förening", ps="2024-01", pe="2026-06",
     budget=4200000, funders=["Länsstyrelsen i Jämtlands län", "Region Jämtland Härjedalen", "Åre kommun"],
     kommuner=["Åre"], contacts=[C("Tove Renström", "tove.renstrom@aredalensmat.se", ["070-529 64 11"])])],
  ["Vi använder kakor", "Tillåt alla", "Neka statistik", "Gå till huvudinnehåll", "Foto: Ylva Hallgren",
   "Senast ändrad: 2025-01-22", "Skriv ut", "Lyssna", "In English"]),
 ("g05_ksau-protokoll-hagfors.pdf", "decision_minutes", None,
  [R("Klarälvens kanotled etapp 2", owner="Ekshärads Turistförening", ps="2025-01", pe="2026-12", budget=1480000,
     funders=["Hagfors kommun", "Region Värmland", "Leader Älv och Skog"], kommuner=["Hagfors"],
     contacts=[C("Sofie Almqvist", "sofie@eksharadsturism.se", ["070-418 26 73"])]),
   R("Kompetensbanken för industrin", owner="Föreningen Hagforsföretagen", ps="2024-11", pe="2025-10", budget=620000,
     funders=["Hagfors kommun", "Region Värmland"], kommuner=["Hagfors"],
     contacts=[C("Robin Dahlgren", "robin.dahlgren@hagforsforetagen.se", ["0563-144 80"])])],
  ["HAGFORS KOMMUN SAMMANTRÄDESPROTOKOLL", "Justerandes sign ______", "Sida 1 av 2", "Sida 2 av 2"]),
 ("g06_coastal-food-lab-solvesborg.md", "english", None,
  [R("Coastal Food Lab Sölvesborg", owner="Listerlandet Fishing Cooperative", ps="2024-04", pe="2027-03", budget=5600000,
     funders=["European Maritime, Fisheries and Aquaculture Fund", "Region Blekinge", "Sölvesborg Municipality"],
     kommuner=["Sölvesborg"], contacts=[C("Linnea Stark", "linnea.stark@listerfisk.se", ["+46 456 194 33"])])],
  ["Skip to content", "Photo: Jesper Malmros", "Last reviewed: 10 February 2025", "Share on Facebook", "Print this page",
   "Accessibility statement", "Switchboard +46 456 816 00"]),
 ("g07_foretagsbussen.html", "kommun_in_domain", "https://www.torsby.se/arbete-och-naringsliv/foretagsbussen.html",
  [R("Företagsbussen – rådgivning på hjul", owner="Torsby kommun", ps="2024-08", pe="2026-06", budget=1720000,
     funders=["Region Värmland", "Torsby kommun"], kommuner=["Torsby"],
     contacts=[C("Ida Fjällström", "ida.fjallstrom@torsby.se", ["0560-167 42"])])],
  ["Godkänn alla", "Bara nödvändiga", "Hoppa till sidans innehåll", "Sidan uppdaterades 2 september 2024", "Dela",
   "Skriv ut", "Lyssna", "Kundtjänst 0560-160 00", "Tillgänglighetsredogörelse", "Om webbplatsen"]),
 ("g08_parkeringstillstand-sala.txt", "service_page", None,
  [R("Parkeringstillstånd för rörelsehindrade", kind="page", kommuner=["Sala"],
     contacts=[C("Olle Brink", "olle.brink@sala.se", ["0224-74 71 30"])])],
  ["Gå direkt till innehåll", "Senast uppdaterad: 7 november 2024", "Dela sidan", "Skriv ut", "Till toppen",
   "Växel: 0224-74 70 00", "Kakor på sala.se", "Hantering av personuppgifter", "Tillgänglighetsredogörelse"]),
 ("g09_leader-lagadalen-beviljade.md", "bullet_grants", None,
  [R("Ungdomens hus i Lidhult", owner="Lidhults IF", ps="2024-11", pe="2026-06", budget=412000,
     funders=["Leader Lagadalen"], kommuner=["Ljungby"]),
   R("Laganleden för paddling", owner="Ljungby Kanotsällskap", ps="2025-01", pe="2026-12", budget=655000,
     funders=["Leader Lagadalen"], kommuner=["Ljungby"]),
   R("Matglädje i Strömsnäsbruk", owner="Strömsnäsbruks Byalag", ps="2024-12", pe="2025-11", budget=238500,
     funders=["Leader Lagadalen"], kommuner=["Markaryd"]),
   R("Digitalt lyft för småföretag i Älmhult", owner="Älmhults Företagarförening", ps="2025-02", pe="2027-01",
     budget=890000, funders=["Leader Lagadalen"], kommuner=["Älmhult"]),
   R("Konst längs Helge å", owner="Kulturföreningen Delary Bruk", ps="2025-03", pe="2025-10", budget=176000,
     funders=["Leader Lagadalen"], kommuner=["Älmhult"])],
  ["Hoppa till innehållet", "Publicerad 28 november 2024", "Integritetspolicy", "Följ oss på Facebook"]),
 ("g10_foreningsbidrag-lidkoping.html", "support_offer",
  "https://lidkoping.se/kultur-och-fritid/foreningsliv/bidrag-och-stod/utvecklingsbidrag.html",
  [R("Bidrag till föreningars utvecklingsprojekt", kind="offer", owner="Lidköpings kommun", funders=["Lidköpings kommun"],
     kommuner=["Lidköping"], contacts=[C("Rebecka Sund", "rebecka.sund@lidkoping.se", ["0510-77 14 62"])])],
  ["Kakor på lidkoping.se", "Okej, jag förstår", "Läs mer om kakor", "Hoppa direkt till innehållet",
   "Senast uppdaterad 12 januari 2025", "Dela", "Skriv ut", "Kontaktcenter: 0510-77 00 00", "Tillgänglighetsredogörelse"]),
 ("g11_beviljade-projektmedel-rjl-2025.pdf", "grant_labels_pdf", None,
  [R("Cykelturism på Höglandet", owner="Aneby kommun", ps="2025-04", pe="2027-03", budget=2800000,
     funders=["Region Jönköpings län", "Aneby kommun", "Sävsjö kommun", "Vetlanda kommun"],
     kommuner=["Aneby", "Sävsjö", "Vetlanda"], contacts=[C("Emma Lövgren", "emma.lovgren@aneby.se", ["0380-461 05"])]),
   R("Industriell AI för underleverantörer", owner="Gislaveds Industriförening", ps="2025-03", pe="2026-12",
     budget=3450000, funders=["Region Jönköpings län", "Gislaveds kommun", "Jönköping University"],
     kommuner=["Gislaved"], contacts=[C("Oskar Fält", "oskar.falt@gislavedsindustri.se", ["0371-281 66"])]),
   R("Kompetensväxling Vaggeryd-Skillingaryd", owner="Vaggeryds kommun", ps="2025-06", pe="2026-05", budget=960000,
     funders=["Region Jönköpings län", "Vaggeryds kommun"], kommuner=["Vaggeryd"],
     contacts=[C("Hanna Westin", "hanna.westin@vaggeryd.se", ["0370-67 82 15"])])],
  ["Region Jönköpings län Regional utveckling", "Beslut om regionala projektmedel 2025-02-20", "Sida 1 av 2", "Sida 2 av 2"]),
 ("g12_starta-foretag-falkenberg.txt", "service_steps", None,
  [R("Starta företag", kind="page", kommuner=["Falkenberg"],
     contacts=[C("Niklas Ohlin", "niklas.ohlin@falkenberg.se", ["0346-88 61 20"]),
               C("Nyföretagarcentrum Falkenberg", "radgivning@nyforetagarcentrum-falkenberg.se", ["0346-71 05 90"])])],
  ["Hoppa till huvudinnehåll", "Lyssna", "Translate", "Öppna meny", "Informationen granskades: 28 april 2025",
   "Var sidan till hjälp?", "Kontaktcenter 0346-88 60 00", "Falkenbergs kommun på Facebook"]),
 ("g13_gruvarvet-grangesberg.txt", "prose_only", None,
  [R("Gruvarvet i Grängesberg", owner="Grängesbergs Gruvhistoriska Sällskap", ps="2024-09", pe="2026-06", budget=2900000,
     funders=["Leader Bergsbygden", "Region Dalarna", "Ludvika kommun"], kommuner=["Ludvika"],
     contacts=[C("Håkan Stål", "hakan.stal@gruvhistoriska.se", ["070-288 41 90"])])],
  ["Till sidans innehåll", "Sök på webbplatsen", "Sidan uppdaterades: 2024-10-03", "Skriv ut", "Dela på Facebook",
   "Till toppen", "Telefon: 0240-860 00", "Personuppgifter (GDPR)"]),
 ("g14_innovation-voucher-gavleborg.html", "english_offer",
  "https://www.regiongavleborg.se/en/business-and-development/innovation-voucher/",
  [R("Innovation voucher for small businesses", kind="offer", owner="Region Gävleborg",
     funders=["Region Gävleborg", "European Regional Development Fund"], kommuner=[],
     contacts=[C("Jonatan Berg", "jonatan.berg@regiongavleborg.se", ["+46 26 15 77 30"])])],
  ["Accept cookies", "Decline", "Skip to main content", "På svenska", "Page last updated: 6 March 2025",
   "Switchboard: +46 26 15 40 00"]),
]

def text_of(f):
    p = H / f
    if f.endswith('.pdf'):
        return "\n".join(pg.extract_text() for pg in pypdf.PdfReader(str(p)).pages)
    t = p.read_text()
    if f.endswith('.html'):
        t = html.unescape(re.sub(r'<[^>]+>', ' ', t))
        t = re.sub(r'[ \t]+', ' ', t)
    return t

ok = True
out = []
for f, layout, url, recs, furn in pages:
    t = text_of(f)
    for s in furn:
        if s not in t:
            print("MISSING furniture", f, repr(s)); ok = False
    for r in recs:
        checks = [r["title"].replace("–", "-") if f.endswith('.pdf') else r["title"]]
        if r["owner"] and not f.startswith("g07"): checks.append(r["owner"])
        for c in r["contacts"]:
            checks += [c["name"]] + ([c["email"]] if c["email"] else []) + c["phones"]
        for s in checks:
            if s not in t: print("MISSING value", f, repr(s)); ok = False
    out.append({"page": f, "layout": layout, "url": url, "records": recs, "furniture": furn})
with open(H / "gold.jsonl", "w") as fh:
    for o in out: fh.write(json.dumps(o, ensure_ascii=False) + "\n")
print("pages", len(out), "records", sum(len(o["records"]) for o in out), "ok", ok)
