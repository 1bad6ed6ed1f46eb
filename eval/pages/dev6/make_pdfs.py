"""Generate the three PDF pages of the sixth development set (dev6).

Run from anywhere:  .venv/bin/python eval/pages/dev6/make_pdfs.py [q03 q10 q13]
Needs fpdf2. Core Helvetica font (Latin-1); dashes, quotes and other characters outside
Latin-1 are mapped to ASCII. Fixed creation date, so re-running gives identical output.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2025, 12, 12, 10, 0, 0, tzinfo=dt.UTC)
_ASCII = {
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2026": "...", "\u2192": "->", "\u00a0": " ", "\u2009": " ",
}


def latin1(text: str) -> str:
    for bad, good in _ASCII.items():
        text = text.replace(bad, good)
    text.encode("latin-1")  # raises if anything is left outside Latin-1
    return text


class Doc(FPDF):
    def __init__(self, header_left: str, header_right: str, footer_text: str):
        super().__init__(orientation="P", format="A4")
        self.header_left = latin1(header_left)
        self.header_right = latin1(header_right)
        self.footer_text = latin1(footer_text)
        self.set_creation_date(FIXED_DATE)
        self.set_auto_page_break(auto=True, margin=24)
        self.set_margins(20, 18, 20)

    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 6, self.header_left, new_x="LMARGIN", new_y="TOP")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 6, self.header_right, align="R", new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(7)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"{self.footer_text}   Sida {self.page_no()} av {{nb}}", align="C")

    def doc_title(self, text: str, size: int = 15):
        self.set_title(latin1(text))
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, 8, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def heading(self, text: str, size: float = 12):
        self.ln(2)
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, 6, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def para(self, text: str, style: str = "", size: float = 10.5, width: float = 0):
        self.set_font("Helvetica", style, size)
        self.multi_cell(width, 5.4, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def fact_box(self, caption: str, rows: list[tuple[str, str]], x: float, w: float, key_w: float,
                 fill=(232, 238, 232)):
        """A shaded box: a caption line, then label/value lines."""
        y0 = self.get_y()
        lines = 1 + sum(max(1, len(self.multi_cell(w - key_w - 4, 5, latin1(v), dry_run=True, output="LINES")))
                        for _, v in rows)
        height = lines * 5 + 6
        self.set_fill_color(*fill)
        self.rect(x, y0, w, height, style="F")
        self.set_xy(x + 2, y0 + 2)
        self.set_font("Helvetica", "B", 10)
        self.cell(w - 4, 5, latin1(caption), new_x="LEFT", new_y="NEXT")
        for key, value in rows:
            self.set_x(x + 2)
            self.set_font("Helvetica", "B", 9.5)
            self.cell(key_w, 5, latin1(key), new_x="RIGHT", new_y="TOP")
            self.set_font("Helvetica", "", 9.5)
            self.multi_cell(w - key_w - 4, 5, latin1(value), new_x="LEFT", new_y="NEXT")
        self.set_y(y0 + height + 3)

    def grid_rows(self, rows: list[tuple[str, str]], key_w: float, val_w: float):
        """Two-column label/value grid with thin rules and no colon; values wrap in their column."""
        for key, value in rows:
            y0 = self.get_y()
            self.set_x(self.l_margin)
            self.set_font("Helvetica", "B", 9.5)
            self.cell(key_w, 5.2, latin1(key), new_x="RIGHT", new_y="TOP")
            self.set_font("Helvetica", "", 9.5)
            self.multi_cell(val_w, 5.2, latin1(value), new_x="LMARGIN", new_y="NEXT")
            self.set_draw_color(200, 200, 200)
            self.line(self.l_margin, self.get_y() + 0.5, self.l_margin + key_w + val_w, self.get_y() + 0.5)
            self.set_draw_color(0, 0, 0)
            self.ln(1.2)
        self.ln(2)


def q03_projektoversikt() -> None:
    pdf = Doc("KRISTINEHAMNS KOMMUN", "Projektöversikt näringsliv 2025", "Näringsliv och tillväxt")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Projektöversikt: utvecklingsprojekt i Kristinehamn 2025", 15)
    pdf.para(
        "Översikten redovisar de utvecklingsprojekt där kommunen är projektägare eller medfinansiär. Den "
        "tas fram varje höst inför budgetarbetet och skickas till kommunstyrelsen för kännedom."
    )
    pdf.para(
        "Raden under varje projektnamn anger i tur och ordning: projektägare / ort / projekttid / total "
        "budget / finansiärer.", "I"
    )

    def project(title, values, text, contact=None):
        pdf.heading(title, 12)
        pdf.para(" / ".join(values), size=10)
        pdf.para(text)
        if contact:
            pdf.para(contact, size=10)

    project(
        "Hamnmagasinet Kristinehamn",
        ["Kristinehamns kommun", "Kristinehamn", "2025-01 - 2026-12", "2 400 000 kr",
         "Kristinehamns kommun, Region Värmland"],
        "Det gamla hamnmagasinet vid Vänerhamnen rustas till en mötesplats för besöksnäring och kulturella "
        "näringar, med ateljéer på övervåningen och en saluhall i bottenplanet.",
        "Kontakt: Fredrik Nolander, 0550-881 52, fredrik.nolander@kristinehamn.se",
    )
    project(
        "Björneborgs Bruksmuseum",
        ["Björneborgs Hembygdsförening", "Björneborg", "2024-06 - 2025-11", "465 000 kr",
         "Leader Östra Vänerstranden, Björneborgs Hembygdsförening"],
        "Föreningen gör om den gamla brukskontorsbyggnaden till ett museum om järnbruket och ordnar "
        "guidade visningar under sommaren. Föreningens medlemmar har lagt drygt 900 timmar på bygget.",
        "Kontakt: Ingrid Malm, 070-392 17 48",
    )
    project(
        "Ölme Cykelled",
        ["Ölme Sockenråd", "Ölme", "2025-04 - 2027-03", "780 000 kr",
         "Kristinehamns kommun, Länsstyrelsen Värmland"],
        "En skyltad cykelled på grusvägar mellan Ölme kyrka, badplatsen och gårdsbutikerna i socknen, "
        "med rastplatser och en digital karta.",
    )
    pdf.heading("Frågor om översikten", 11)
    pdf.para(
        "Kontakta näringslivsstrateg Camilla Wärn, 0550-881 07, camilla.warn@kristinehamn.se."
    )
    pdf.output(str(HERE / "q03_projektoversikt-naringsliv-kristinehamn-2025.pdf"))


def q10_projektfolder() -> None:
    pdf = Doc("VADSTENA KOMMUN", "Projekt för en levande landsbygd", "Vadstena kommun, Samhällsbyggnad")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Projekt för en levande landsbygd 2025", 16)
    pdf.para(
        "Vadstena kommun stöttar föreningar som vill utveckla sin bygd. I den här foldern berättar vi om "
        "två projekt som kommunen är med och finansierar. Vi hoppas att de kan inspirera fler."
    )

    def project(title, facts, paragraphs):
        pdf.heading(title, 13)
        pdf.fact_box("I korthet", facts, x=pdf.l_margin, w=pdf.w - pdf.l_margin - pdf.r_margin, key_w=34)
        for text in paragraphs:
            pdf.para(text)
        pdf.ln(2)

    project(
        "Borghamns Stenhuggeri - besöksmål",
        [
            ("Projektägare:", "Borghamns Intresseförening"),
            ("Period:", "juni 2025 - maj 2027"),
            ("Budget:", "1 020 000 kr"),
            ("Finansiering:", "Leader Slättbygden Östergötland, Vadstena kommun"),
            ("Kontakt:", "Gunnel Sjö, 0143-290 61, gunnel.sjo@borghamn.org"),
        ],
        [
            "Kalkstensbrottet i Borghamn har brutits i flera hundra år. Intresseföreningen rustar den gamla "
            "stenhuggarverkstaden och gör en stig genom brottet med skyltar om hantverket och om hur stenen "
            "fraktades över Vättern.",
            "Under sommarhalvåret ska det finnas visningar varje helg, och skolor i hela länet erbjuds "
            "temadagar om sten och geologi.",
        ],
    )
    project(
        "Väversunda Fågeltorn",
        [
            ("Projektägare:", "Väversunda Naturvårdsförening"),
            ("Period:", "september 2025 - augusti 2026"),
            ("Budget:", "540 000 kr"),
            ("Finansiering:", "Länsstyrelsen Östergötland, Vadstena kommun"),
            ("Kontakt:", "Mats Widén, 073-402 55 18"),
        ],
        [
            "Ett nytt fågeltorn med ramp ersätter det gamla tornet vid sjön, så att även den som använder "
            "rullstol kan se fågellivet. Föreningen tar också fram en ljudguide om sjöns fåglar.",
        ],
    )
    pdf.heading("Vill du veta mer?", 11)
    pdf.para(
        "Kommunens landsbygdsutvecklare Anna Kjellberg svarar på frågor om projekten och om hur man söker "
        "stöd: 0143-154 30, anna.kjellberg@vadstena.se."
    )
    pdf.output(str(HERE / "q10_projektfolder-landsbygd-vadstena-2025.pdf"))


def q13_bygdemedel() -> None:
    pdf = Doc("SURAHAMMARS KOMMUN", "Beviljade bygdemedel 2025", "Kommunstyrelsens förvaltning")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Sammanställning av beviljade bygdemedel 2025", 15)
    pdf.para(
        "Kommunstyrelsens arbetsutskott har under 2025 beviljat bygdemedel till tre projekt. Bygdemedlen är "
        "Surahammars kommuns stöd till föreningar som utvecklar sin ort. Sammanställningen redovisar varje projekt "
        "med huvudman, ort, genomförandetid, total kostnad och övrig finansiering."
    )
    pdf.para("Årets ram för bygdemedel var 350 000 kronor, varav 285 000 kronor har beviljats.", "I")

    def project(title, rows):
        pdf.heading(title, 12)
        pdf.grid_rows(rows, key_w=38, val_w=72)

    project("Belysning längs Bruksgatan i Ramnäs", [
        ("Huvudman", "Ramnäs Bygdeförening"),
        ("Ort", "Ramnäs"),
        ("Genomförande", "april - oktober 2026"),
        ("Totalkostnad", "185 000 kr"),
        ("Beviljat", "95 000 kr"),
        ("Medfinansiering", "Ramnäs Bruks Vänner 40 000 kr, eget arbete 50 000 kr"),
        ("Kontakt", "Jan Östling, 070-615 22 80"),
    ])
    project("Kanotuthyrning vid Strömsholms kanal i Virsbo", [
        ("Huvudman", "Virsbo Kanotförening"),
        ("Ort", "Virsbo"),
        ("Genomförande", "2025-09-01 - 2026-08-31"),
        ("Totalkostnad", "230 000 kr"),
        ("Beviljat", "120 000 kr"),
        ("Medfinansiering", "Region Västmanland 60 000 kr, egen insats 50 000 kr"),
        ("Kontakt", "Elin Haraldsson, 0220-410 93, elin@virsbokanot.se"),
    ])
    project("Tillgänglig entré till hembygdsgården i Sura", [
        ("Huvudman", "Sura Hembygdsgille"),
        ("Ort", "Surahammar"),
        ("Genomförande", "under 2026"),
        ("Totalkostnad", "140 000 kr"),
        ("Beviljat", "70 000 kr"),
        ("Medfinansiering", "Boverket 40 000 kr, eget arbete 30 000 kr"),
        ("Kontakt", "Bo Rehn, 0220-392 11"),
    ])
    pdf.heading("Upplysningar", 11)
    pdf.para(
        "Frågor om bygdemedel besvaras av kommunens folkhälso- och landsbygdssamordnare Lotta Berglund, "
        "0220-390 45, lotta.berglund@surahammar.se."
    )
    pdf.output(str(HERE / "q13_beviljade-bygdemedel-surahammar-2025.pdf"))


JOBS = {"q03": q03_projektoversikt, "q10": q10_projektfolder, "q13": q13_bygdemedel}

if __name__ == "__main__":
    for key in sys.argv[1:] or JOBS:
        JOBS[key]()
