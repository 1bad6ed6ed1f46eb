"""Generate the two PDF pages of the fifth held-out set (heldout5).

Run from anywhere:  .venv/bin/python eval/pages/heldout5/make_pdfs.py [p14 p15]
Needs fpdf2. Core Helvetica font (Latin-1); dashes, quotes and other characters outside
Latin-1 are mapped to Latin-1/ASCII. Fixed creation date, so re-running gives identical output.

p14: a kommun appendix whose project table has wrapped cells (fpdf2 table()).
p15: an association's annual report set in two text columns (fpdf2 text_columns()).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2026, 2, 10, 9, 0, 0, tzinfo=dt.UTC)
_MAP = {
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2026": "...", "\u2192": "->", "\u00a0": " ", "\u2009": " ", "\u2022": "\u00b7",
}


def latin1(text: str) -> str:
    for bad, good in _MAP.items():
        text = text.replace(bad, good)
    text.encode("latin-1")  # raises if anything is left outside Latin-1
    return text


class Doc(FPDF):
    def __init__(self, header_left: str, header_right: str, footer_text: str, orientation: str = "P"):
        super().__init__(orientation=orientation, format="A4")
        self.header_left = latin1(header_left)
        self.header_right = latin1(header_right)
        self.footer_text = latin1(footer_text)
        self.set_creation_date(FIXED_DATE)
        self.set_auto_page_break(auto=True, margin=22)
        self.set_margins(18, 18, 18)

    def header(self):
        self.set_font("Helvetica", "B", 8.5)
        self.cell(0, 5, self.header_left, new_x="LMARGIN", new_y="TOP")
        self.set_font("Helvetica", "", 8.5)
        self.cell(0, 5, self.header_right, align="R", new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(6)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"{self.footer_text}   Sida {self.page_no()} av {{nb}}", align="C")

    def doc_title(self, text: str, size: float = 15):
        self.set_title(latin1(text))
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, 8, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def heading(self, text: str, size: float = 12):
        self.ln(2)
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, 6, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def para(self, text: str, style: str = "", size: float = 10, width: float = 0):
        self.set_font("Helvetica", style, size)
        self.multi_cell(width, 5.2, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)


# --------------------------------------------------------------------------------------------
def p14_bilaga_projekt() -> None:
    pdf = Doc(
        "SÖDERKÖPINGS KOMMUN · VALDEMARSVIKS KOMMUN",
        "Näringslivsprogram 2025–2028, bilaga 2",
        "Antagen av kommunfullmäktige i båda kommunerna hösten 2025",
    )
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Bilaga 2. Pågående utvecklingsprojekt")
    pdf.para(
        "Söderköpings och Valdemarsviks kommuner har ett gemensamt näringslivsprogram för 2025–2028. I den här "
        "bilagan redovisas de utvecklingsprojekt som kommunerna driver eller medfinansierar och som bidrar till "
        "programmets tre mål: fler företag som växer, en besöksnäring som är öppen hela året och bättre "
        "tillgång till kompetens. Bilagan uppdateras en gång per år. Uppgifterna gäller den 1 december 2025."
    )
    pdf.para(
        "Tillsammans har kommunerna omkring 1 900 aktiva företag. Fyra av tio finns inom handel, besöksnäring "
        "eller bygg, och nästan alla har färre än tio anställda."
    )
    pdf.heading("Projekt där kommunerna är projektägare", 11.5)

    rows = [
        ("Projekt", "Projektägare", "Tid", "Budget", "Finansiärer"),
        ("**Skärgårdsnod Gryt**\nEn servicebyggnad vid gästhamnen med reception, tvätt och uthyrning av kajaker "
         "och elcyklar. Drivs i samverkan med företagen i skärgården.",
         "Valdemarsviks kommun", "2025-04 – 2027-03", "2,4 mnkr",
         "Europeiska regionala utvecklingsfonden, Region Östergötland, Valdemarsviks kommun"),
        ("**Besöksnäring Göta kanal Öst**\nGemensam marknadsföring och bokningsbara paket för företag längs "
         "kanalens östra del, från Söderköping till Mem.",
         "Söderköpings kommun", "2024-09 – 2026-08", "1 850 tkr",
         "Region Östergötland, Söderköpings kommun, Föreningen Söderköpings Näringsliv"),
        ("**Kompetenslyft Östkusten**\nKorta yrkesutbildningar inom bygg, vård och restaurang för anställda i "
         "små företag i båda kommunerna.",
         "Söderköpings kommun", "2026-01 – 2027-12", "3 100 000 kr",
         "Europeiska socialfonden+, Söderköpings kommun, Valdemarsviks kommun"),
    ]
    pdf.set_font("Helvetica", "", 8.5)
    head = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))
    with pdf.table(col_widths=(56, 30, 24, 20, 44), text_align="LEFT", line_height=4.4,
                   headings_style=head, markdown=True, padding=1.5) as table:
        for r in rows:
            row = table.row()
            for cell in r:
                row.cell(latin1(cell))
    pdf.ln(5)
    pdf.heading("Kontaktpersoner", 11)
    pdf.para("Skärgårdsnod Gryt: Lotta Hellberg, projektledare, 0123-191 55\n"
             "Besöksnäring Göta kanal Öst och Kompetenslyft Östkusten: näringslivskontoret i Söderköping, 0121-181 20")
    pdf.para("Projekt som avslutades under 2025 redovisas i programmets årliga uppföljning, bilaga 3.", "I")
    pdf.output(str(HERE / "p14_naringslivsprogram-bilaga-2-soderkoping-valdemarsvik.pdf"))


# --------------------------------------------------------------------------------------------
def p15_arsberattelse() -> None:
    pdf = Doc(
        "KOOPERATIVT FORUM VÄSTMANLAND",
        "Årsberättelse 2025",
        "Kooperativt Forum Västmanland ekonomisk förening, org.nr 769612-3344",
    )
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Årsberättelse 2025", 18)
    pdf.para("Kooperativt Forum Västmanland ger rådgivning till dig som vill starta företag tillsammans med "
             "andra, och driver projekt för sociala företag i länets kommuner.", "I", 10.5)
    pdf.ln(1)

    def h(cols, text):
        pdf.set_font("Helvetica", "B", 11.5)
        cols.write(latin1(text) + "\n")
        pdf.set_font("Helvetica", "", 9.5)

    def p(cols, text, style=""):
        pdf.set_font("Helvetica", style, 9.5)
        cols.write(latin1(text) + "\n\n")
        pdf.set_font("Helvetica", "", 9.5)

    with pdf.text_columns(ncols=2, gutter=9, text_align="LEFT", line_height=1.15, balance=True) as cols:
        h(cols, "Ordföranden har ordet")
        p(cols, "2025 blev året då fler än någonsin hörde av sig till oss. Många var unga som ville driva något "
                "tillsammans i stället för att starta ensam, och flera kom från föreningar som ville ta över en "
                "verksamhet som kommunen eller ett företag lagt ned. Vi har också fått ett nytt kontor i Arboga, "
                "vilket gör det lättare att träffa oss i västra delen av länet.")
        p(cols, "Tack till alla medlemmar, samarbetspartner och finansiärer för ett fint år!")
        h(cols, "Året i siffror")
        p(cols, "214 rådgivningssamtal\n19 nya kooperativ och sociala företag\n6 utbildningsdagar om "
                "föreningsekonomi\nOmsättning 3,8 miljoner kronor")
        h(cols, "Projekt vi drev under året")
        pdf.set_font("Helvetica", "B", 10)
        cols.write(latin1("Återbruksgallerian Arboga") + "\n")
        p(cols, "I en tom butikslokal på Nygatan har vi tillsammans med Arboga kommun öppnat en galleria där sex "
                "sociala företag säljer reparerade möbler, kläder och cyklar. Gallerian ger arbetsträning åt ett "
                "tjugotal personer per år, och tre av dem har fått anställning i företagen.")
        p(cols, "Projektägare: Kooperativt Forum Västmanland\nTid: 1 mars 2024 – 28 februari 2026\n"
                "Budget: 2 260 000 kr\nFinansiärer: Europeiska socialfonden+, Arboga kommun\n"
                "Kontakt: Nadia Karimi, 070-512 66 30, nadia@kooperativtforum.se")
        pdf.set_font("Helvetica", "B", 10)
        cols.write(latin1("Valskogs Byabutik") + "\n")
        p(cols, "När den sista affären i Valskog stängde bildade byborna ett kooperativ för att öppna en ny. Vi har "
                "hjälpt till med stadgar, affärsplan och ansökan. Butiken öppnar i en del av den gamla "
                "stationsbyggnaden och ska också vara paketombud.")
        p(cols, "Projektägare: Valskogs Byakooperativ ekonomisk förening\nTid: juni 2025 – maj 2026\n"
                "Budget: 640 000 kr\nFinansiärer: Leader Mälarbygden Väst, Kungsörs kommun\n"
                "Kontakt: Göran Wik, 073-806 21 44")
        h(cols, "Ekonomi i korthet")
        p(cols, "Rådgivningen finansierades till drygt hälften av Tillväxtverket. Resten kom från kommunerna i "
                "länet, medlemsavgifter och uppdrag. Årets resultat blev ett överskott på 42 000 kronor, som "
                "förs över till nästa år.")
        p(cols, "Styrelsen, februari 2026", "I")
    pdf.output(str(HERE / "p15_arsberattelse-2025-kooperativt-forum-vastmanland.pdf"))


JOBS = {"p14": p14_bilaga_projekt, "p15": p15_arsberattelse}

if __name__ == "__main__":
    for key in sys.argv[1:] or JOBS:
        JOBS[key]()
