"""Generate the two PDF pages of the sixth held-out set (heldout6).

Run from anywhere:  .venv/bin/python eval/pages/heldout6/make_pdfs.py [r14 r15]
Needs fpdf2. Core Helvetica font (Latin-1); dashes, quotes and arrows are mapped to Latin-1/ASCII.
The creation date is fixed, so re-running gives byte-identical files.

r14: kommunstyrelsens arbetsutskott minutes. The decision is a list of "att"-clauses that name the
     applicant and the granted amount but refer to the projects only by number; titles, totals,
     periods and contacts sit in an appendix (Bilaga 1) on the last page.
r15: a kommun's weekly information page in the local paper: a grid of boxed notices (two per row),
     two of which are about projects; the others are road works, library hours, meetings, jobs.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2026, 2, 12, 8, 30, 0, tzinfo=dt.UTC)
_MAP = {
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2026": "...", "\u2192": "->", "\u00a0": " ", "\u2009": " ", "\u2022": "\u00b7",
}


def l1(text: str) -> str:
    for bad, good in _MAP.items():
        text = text.replace(bad, good)
    text.encode("latin-1")  # raises if anything outside Latin-1 is left
    return text


# ------------------------------------------------------------------------------------------------
class Minutes(FPDF):
    HEAD = "VÄNERSBORGS KOMMUN   Kommunstyrelsens arbetsutskott   Sammanträdesprotokoll 2025-12-03"

    def __init__(self):
        super().__init__(orientation="P", format="A4")
        self.set_creation_date(FIXED_DATE)
        self.set_auto_page_break(auto=True, margin=24)
        self.set_margins(22, 18, 20)

    def header(self):
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, l1(self.HEAD), new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
        self.ln(5)

    def footer(self):
        self.set_y(-16)
        self.set_font("Helvetica", "", 8)
        self.cell(60, 5, "Justerandes sign ________")
        self.cell(60, 5, "Utdragsbestyrkande ________")
        self.cell(0, 5, f"Sida {self.page_no()} av {{nb}}", align="R")

    def p(self, text, style="", size=10, h=5.2, indent=0):
        self.set_font("Helvetica", style, size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.w - self.l_margin - self.r_margin - indent, h, l1(text), new_x="LMARGIN", new_y="NEXT")

    def label_row(self, label, value, w=52):
        self.set_font("Helvetica", "B", 9.5)
        y = self.get_y()
        self.multi_cell(w, 5, l1(label), new_x="RIGHT", new_y="TOP")
        self.set_font("Helvetica", "", 9.5)
        self.multi_cell(0, 5, l1(value), new_x="LMARGIN", new_y="NEXT")
        self.set_y(max(self.get_y(), y + 5) + 1)


def r14_ksau_protokoll() -> None:
    pdf = Minutes()
    pdf.alias_nb_pages()
    pdf.set_title("Sammanträdesprotokoll KSAU 2025-12-03")
    pdf.add_page()
    pdf.p("Kommunstyrelsens arbetsutskott", "B", 15, 8)
    pdf.p("Sammanträdesprotokoll", "", 12, 7)
    pdf.ln(3)
    pdf.label_row("Plats och tid", "Sessionssalen, kommunhuset, onsdagen den 3 december 2025 kl. 08.30-11.45")
    pdf.label_row("Beslutande", "Anna Kjellgren (S), ordförande\nBjörn Hallin (M), vice ordförande\nLeila Mansour (C)\n"
                  "Olof Tenggren (S)\nUlrika Brandt (KD)")
    pdf.label_row("Övriga deltagande", "Peter Wahlqvist, kommundirektör\nSara Lindroos, kommunsekreterare\n"
                  "Erik Norén, landsbygdsutvecklare, § 212")
    pdf.label_row("Utses att justera", "Björn Hallin (M)")
    pdf.label_row("Justeringens plats och tid", "Kommunhuset, måndagen den 8 december 2025")
    pdf.label_row("Paragrafer", "207-219")
    pdf.ln(2)
    pdf.p("Underskrifter", "B", 10)
    pdf.p("Sekreterare ...................................   Sara Lindroos", "", 9.5)
    pdf.p("Ordförande  ...................................   Anna Kjellgren", "", 9.5)
    pdf.p("Justerande  ...................................   Björn Hallin", "", 9.5)
    pdf.ln(4)
    pdf.set_fill_color(238, 238, 238)
    pdf.set_font("Helvetica", "B", 9.5)
    pdf.cell(0, 6, "ANSLAG/BEVIS", fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.p("Protokollet är justerat. Justeringen har tillkännagivits genom anslag på kommunens digitala anslagstavla.",
          "", 9)
    pdf.p("Datum då anslaget sätts upp: 2025-12-09   Datum då anslaget tas ned: 2025-12-31", "", 9)
    pdf.p("Förvaringsplats för protokollet: Kommunledningsförvaltningen", "", 9)

    pdf.add_page()
    pdf.p("§ 212   Dnr KS 2025/418", "B", 10)
    pdf.p("Fördelning av medel ur landsbygdsfonden 2026", "B", 12.5, 7)
    pdf.ln(1)
    pdf.p("Arbetsutskottets beslut", "B", 10.5)
    pdf.p("Arbetsutskottet beslutar", "", 10)
    clauses = [
        "1. att bevilja Brålanda Bygdegårdsförening 180 000 kronor för projekt 1 enligt bilaga 1,",
        "2. att bevilja Frändefors Sockenråd 60 000 kronor för projekt 2 enligt bilaga 1,",
        "3. att bevilja Föreningen Vargöns Industriminnen 140 000 kronor för projekt 3 enligt bilaga 1,",
        "4. att bevilja Gestads Framtidsgrupp 60 000 kronor för projekt 4 enligt bilaga 1,",
        "5. att återstående 160 000 kronor förs över till ansökningsomgången hösten 2026, samt",
        "6. att beslut enligt punkt 1-4 gäller under förutsättning att projektens övriga finansiering beviljas.",
    ]
    for c in clauses:
        pdf.p(c, "", 10, indent=6)
    pdf.ln(2)
    pdf.p("Ärendet", "B", 10.5)
    pdf.p("Landsbygdsfonden är Vänersborgs kommuns stöd till föreningar som vill utveckla sin bygd. För 2026 omfattar "
          "fonden 600 000 kronor. Sex ansökningar kom in före den 15 oktober 2025. Två av dem uppfyllde inte villkoren "
          "eftersom sökande inte var en ideell förening, och har avslagits på delegation. De fyra återstående "
          "ansökningarna sammanfattas i bilaga 1. Förvaltningen föreslår att samtliga fyra beviljas, men med lägre "
          "belopp än sökt för projekt 1, 2 och 4, så att fondens medel räcker till en omgång under hösten 2026.")
    pdf.ln(1)
    pdf.p("Beslutsunderlag", "B", 10.5)
    pdf.p("Tjänsteskrivelse från landsbygdsutvecklaren, 2025-11-14\nBilaga 1. Sammanställning av ansökningar till "
          "landsbygdsfonden 2026")
    pdf.ln(1)
    pdf.p("Yrkanden", "B", 10.5)
    pdf.p("Björn Hallin (M) yrkar bifall till förvaltningens förslag. Leila Mansour (C) yrkar att Gestads "
          "Framtidsgrupp ska beviljas det sökta beloppet, 80 000 kronor.")
    pdf.p("Beslutsgång", "B", 10.5)
    pdf.p("Ordföranden ställer förvaltningens förslag mot Leila Mansours yrkande och finner att arbetsutskottet "
          "beslutar enligt förvaltningens förslag.")
    pdf.p("Reservation", "B", 10.5)
    pdf.p("Leila Mansour (C) reserverar sig mot beslutet till förmån för eget yrkande.")
    pdf.p("Expedieras till", "B", 10.5)
    pdf.p("Sökande, ekonomienheten, landsbygdsutvecklaren")
    pdf.ln(5)
    pdf.p("§ 213   Dnr KS 2025/377", "B", 10)
    pdf.p("Information om vinterväghållning på enskilda vägar", "B", 12.5, 7)
    pdf.p("Gatuchefen informerar om att kommunens bidrag till snöröjning av enskilda vägar höjs från 4,20 till 4,60 "
          "kronor per meter väg från och med säsongen 2025/26.")
    pdf.p("Arbetsutskottets beslut", "B", 10.5)
    pdf.p("Arbetsutskottet noterar informationen.")

    pdf.add_page()
    pdf.p("Bilaga 1 till § 212", "B", 10)
    pdf.p("Sammanställning av ansökningar till landsbygdsfonden 2026", "B", 12.5, 7)
    pdf.ln(2)
    projects = [
        ("Projekt 1. Ny scen i Brålanda bygdegård",
         [("Sökande", "Brålanda Bygdegårdsförening"),
          ("Genomförande", "2026-02-01 - 2026-11-30"),
          ("Total kostnad", "412 000 kr"),
          ("Sökt ur landsbygdsfonden", "200 000 kr"),
          ("Övrig finansiering", "Boverket 150 000 kr, egen insats 62 000 kr"),
          ("Kontaktperson", "Inger Sjöström, 0521-221 84")],
         "En fast scen med ljus och ljud i stora salen, så att bygdegården kan ta emot teater och konserter."),
        ("Projekt 2. Frändefors Kulturstig",
         [("Sökande", "Frändefors Sockenråd"),
          ("Genomförande", "april-september 2026"),
          ("Total kostnad", "168 000 kr"),
          ("Sökt ur landsbygdsfonden", "95 000 kr"),
          ("Övrig finansiering", "ideellt arbete värderat till 73 000 kr"),
          ("Kontaktperson", "Mats Ekelund, mats.ekelund@frandeforssockenrad.se")],
         "En fyra kilometer lång stig med tolv skyltar om sockens historia, från kyrkan till Vänerns strand."),
        ("Projekt 3. Digital guide till Vargöns industriminnen",
         [("Sökande", "Föreningen Vargöns Industriminnen"),
          ("Genomförande", "2026-01-15 - 2027-06-30"),
          ("Total kostnad", "540 000 kr"),
          ("Sökt ur landsbygdsfonden", "140 000 kr"),
          ("Övrig finansiering", "Västra Götalandsregionen 300 000 kr, egen insats 100 000 kr"),
          ("Kontaktperson", "Hassan Jaber, 070-914 27 36")],
         "Berättelser, bilder och filmer om smältverket och pappersbruket, i en app och på skyltar med QR-koder."),
        ("Projekt 4. Laddstolpar vid bygdegården i Gestad",
         [("Sökande", "Gestads Framtidsgrupp"),
          ("Genomförande", "mars-augusti 2026"),
          ("Total kostnad", "120 000 kr"),
          ("Sökt ur landsbygdsfonden", "80 000 kr"),
          ("Övrig finansiering", "egen insats 40 000 kr"),
          ("Kontaktperson", "-")],
         "Två laddstolpar som bybor och besökare kan boka via en app; intäkterna går till bygdegårdens drift."),
    ]
    for title, rows, desc in projects:
        pdf.p(title, "B", 11, 6)
        for k, v in rows:
            pdf.label_row(k, v, w=50)
        pdf.p(desc, "I", 9.5)
        pdf.ln(3)
    pdf.output(str(HERE / "r14_ksau-protokoll-vanersborg-2025-12-03.pdf"))


# ------------------------------------------------------------------------------------------------
class InfoPage(FPDF):
    def __init__(self):
        super().__init__(orientation="P", format="A4")
        self.set_creation_date(FIXED_DATE)
        self.set_auto_page_break(auto=False)
        self.set_margins(14, 12, 14)

    def header(self):
        self.set_font("Helvetica", "", 7.5)
        self.cell(0, 4, "ANNONS", align="R", new_x="LMARGIN", new_y="NEXT")

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, l1("Laxå kommun · Kontaktcenter 0584-471 00 · www.laxa.se · Följ oss på Facebook"), align="C")


def r15_kommuninfo() -> None:
    pdf = InfoPage()
    pdf.set_title("Laxå kommun informerar vecka 6 2026")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.cell(0, 11, l1("Laxå kommun informerar"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, l1("Vecka 6 · onsdag 4 februari 2026"), new_x="LMARGIN", new_y="NEXT")
    pdf.line(14, pdf.get_y() + 1, 196, pdf.get_y() + 1)

    boxes = [
        ("Vägarbete på Storgatan",
         "Från måndag 9 februari byter vi vattenledningar under Storgatan, mellan järnvägsstationen och torget. "
         "Trafiken leds om via Skolgatan i ungefär sex veckor. Busshållplatsen vid torget flyttas tillfälligt 50 meter "
         "norrut. Frågor: tekniska kontoret, 0584-473 40."),
        ("Finnerödja får ett servicehus",
         "Ramundeboda Bygdeförening bygger om matsalen i den gamla skolan i Finnerödja till ett servicehus med "
         "paketombud, kaffe, en datorplats och ett rum för vårdbesök. Arbetet pågår från mars 2026 till februari 2027 "
         "och kostar 1 050 000 kronor. Länsstyrelsen i Örebro län har beviljat 520 000 kronor, Laxå kommun bidrar med "
         "200 000 kronor och Leader Skagernbygden med 330 000 kronor. Vill du hjälpa till? Ring Ove Lindgren, "
         "0584-120 93."),
        ("Biblioteket har nya öppettider",
         "Från 1 mars har huvudbiblioteket öppet måndag-torsdag 10-19 och fredag 10-16. Lördagsöppet första lördagen "
         "varje månad, 10-13. Meröppet med lånekort och kod gäller som vanligt alla dagar 7-22."),
        ("Pumptrack i Hasselfors klar till midsommar",
         "Föreningen Hasselfors Aktiv bygger en asfalterad pumptrack bakom skolan i Hasselfors. Bygget startar i april "
         "och banan ska vara klar till midsommar. Den kostar 380 000 kronor, varav Allmänna arvsfonden står för "
         "300 000 kronor och kommunen för resten. Banan blir fri att använda för alla."),
        ("Sammanträden",
         "Kommunfullmäktige sammanträder måndag 16 februari kl. 18.30 i Folkets hus. Sammanträdet sänds också på "
         "kommunens webbplats. Handlingarna finns att läsa i kontaktcenter."),
        ("Lediga jobb",
         "Vi söker en lärare i slöjd, en undersköterska till hemtjänsten och sommarvikarier till "
         "äldreomsorgen. Läs mer och ansök på kommunens webbplats under Jobba hos oss."),
    ]
    col_w, gap, x0 = 88, 6, 14
    y = pdf.get_y() + 6
    for i in range(0, len(boxes), 2):
        heights = []
        for j, (head, body) in enumerate(boxes[i:i + 2]):
            x = x0 + j * (col_w + gap)
            pdf.set_xy(x + 3, y + 3)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(col_w - 6, 6, l1(head), new_x="LEFT", new_y="NEXT")
            pdf.set_x(x + 3)
            pdf.set_font("Helvetica", "", 9.5)
            pdf.multi_cell(col_w - 6, 4.8, l1(body), new_x="LEFT", new_y="NEXT")
            heights.append(pdf.get_y() - y + 3)
        h = max(heights)
        for j in range(len(boxes[i:i + 2])):
            pdf.rect(x0 + j * (col_w + gap), y, col_w, h)
        y += h + gap
    pdf.output(str(HERE / "r15_laxa-kommun-informerar-vecka-6-2026.pdf"))


JOBS = {"r14": r14_ksau_protokoll, "r15": r15_kommuninfo}

if __name__ == "__main__":
    wanted = sys.argv[1:] or list(JOBS)
    for key in wanted:
        JOBS[key]()
        print("wrote", key)
