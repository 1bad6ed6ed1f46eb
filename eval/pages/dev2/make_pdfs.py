"""Generate the PDF pages of the dev2 evaluation set (e06, e07).

Run from anywhere:  python eval/pages/dev2/make_pdfs.py
Requires fpdf2. Core font Helvetica (latin-1), so typographic dashes and quotes are mapped to
ASCII first. All organisations, people, amounts, dates, e-mails and phone numbers are invented.
"""

from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent

_MAP = {"\u2013": "-", "\u2014": "-", "\u2019": "'", "\u201d": '"', "\u201c": '"', "\u2026": "..."}


def clean(text: str) -> str:
    for k, v in _MAP.items():
        text = text.replace(k, v)
    text.encode("latin-1")  # fail loudly on anything else
    return text


class Doc(FPDF):
    def __init__(self, header_text: str, footer_left: str = ""):
        super().__init__(format="A4")
        self.header_text = clean(header_text)
        self.footer_left = clean(footer_left)
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=22)

    def header(self):
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, self.header_text, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        if self.footer_left:
            self.cell(0, 5, self.footer_left, align="L")
            self.set_x(self.l_margin)
        self.cell(0, 5, f"Sida {self.page_no()} ({{nb}})", align="R")
        self.set_text_color(0, 0, 0)

    def h1(self, text):
        self.set_font("Helvetica", "B", 16)
        self.multi_cell(0, 8, clean(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def h2(self, text):
        self.ln(2)
        self.set_font("Helvetica", "B", 12)
        self.multi_cell(0, 6, clean(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def p(self, text, style=""):
        self.set_font("Helvetica", style, 10.5)
        self.multi_cell(0, 5.4, clean(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def grid(self, rows, widths=(55, 115)):
        """A bordered two-column table (label | value)."""
        for label, value in rows:
            self.set_font("Helvetica", "B", 10)
            y = self.get_y()
            self.multi_cell(widths[0], 6, clean(label), border=1, new_x="RIGHT", new_y="TOP")
            self.set_font("Helvetica", "", 10)
            self.multi_cell(widths[1], 6, clean(value), border=1, new_x="LMARGIN", new_y="NEXT")
            self.set_y(max(self.get_y(), y + 6))
        self.ln(3)


def e06_projektblad_hultsfred():
    pdf = Doc("Projektblad | Tillväxt Hultsfred | 2024-02-20", "Hultsfreds kommun, näringslivsavdelningen")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.h1("Projektbeskrivning")
    pdf.grid([
        ("Projektnamn", "Virserums Möbelspår"),
        ("Stödmottagare", "Virserums Möbelindustriförening"),
        ("Organisationsnummer", "802400-1187"),
        ("Projektperiod", "2024-04-01 till 2026-03-31"),
        ("Total projektbudget", "1 980 000 kr"),
        ("Sökt stöd från Region Kalmar län", "790 000 kr"),
        ("Kontaktperson", "Henrik Axelsson, 0495-240 18, henrik.axelsson@virserumsmobel.se"),
    ])
    pdf.h2("Medfinansiärer")
    pdf.p("- Region Kalmar län 790 000 kr\n- Hultsfreds kommun 400 000 kr\n"
          "- Virserums Sparbanksstiftelse 150 000 kr\n- Egen insats (föreningens medlemmar) 640 000 kr")
    pdf.h2("Bakgrund och syfte")
    pdf.p("Virserum har en lång tradition av möbeltillverkning men få unga väljer branschen. "
          "Projektet ska knyta ihop de kvarvarande snickerierna i ett gemensamt besöksspår, "
          "starta en lärlingsskola och marknadsföra orten som möbelbygd.")
    pdf.add_page()
    pdf.h2("Aktiviteter")
    pdf.p("1. Besöksspår med skyltar och öppna verkstäder varje lördag under sommaren.\n"
          "2. Lärlingsskola för sex elever per år i samarbete med gymnasiet i Hultsfred.\n"
          "3. Gemensam webbutik för ortens möbelsnickare.")
    pdf.output(OUT / "e06_projektblad-virserum.pdf")


def e07_run_protokoll_gavleborg():
    pdf = Doc("REGION GÄVLEBORG  |  Regionala utvecklingsnämnden  |  Protokoll 2024-05-28",
              "Justerare: ........")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.h1("Regionala utvecklingsnämnden, sammanträde 28 maj 2024")
    pdf.p("Plats: Regionhuset, Gävle. Närvarande ledamöter enligt bilaga 1.")
    pdf.h2("§ 41 Val av justerare")
    pdf.p("Nämnden utser Cecilia Åkerblom (C) att justera protokollet.")
    pdf.h2("§ 42 Ansökan om regionala projektmedel - Hälsingeslöjd i nya former (RUN 2024/211)")
    pdf.p("Hälsinglands Slöjdförening ansöker om 540 000 kr för att utveckla slöjdkurser på distans och "
          "en försäljningsplattform för slöjdare i Bollnäs och Ovanåker. Projektets totala budget är "
          "1 080 000 kr och genomförandetiden 2024-06-01 - 2026-05-31. Medfinansiärer är Bollnäs "
          "kommun och Ovanåkers kommun.")
    pdf.p("Beslut: Regionala utvecklingsnämnden beviljar 540 000 kr.")
    pdf.h2("§ 43 Ansökan om regionala projektmedel - Testbädd för vätgas i Sandviken (RUN 2024/198)")
    pdf.p("Sökande är Sandvikens Energiteknik AB. Projektet ska bygga en testanläggning för vätgas till "
          "tunga fordon. Budget totalt 4,8 miljoner kronor, varav regionen ansöks om 1 500 000 kr och "
          "Energimyndigheten bidrar med 2 000 000 kr. Projekttid: januari 2025 - december 2027.")
    pdf.p("Kontaktperson: Ida Lönnqvist, 026-417 88 30.")
    pdf.p("Beslut: Regionala utvecklingsnämnden beviljar 1 500 000 kr.")
    pdf.add_page()
    pdf.h2("§ 44 Ansökan om regionala projektmedel - Gästrikeleden för alla (RUN 2024/233)")
    pdf.p("Föreningen Gästrikeleden ansöker om stöd för att göra delar av leden tillgängliga för "
          "rullstol och barnvagn mellan Hofors och Torsåker. Total kostnad 620 000 kr. Genomförande "
          "under 2024.")
    pdf.p("Beslut: Regionala utvecklingsnämnden beviljar 310 000 kr.")
    pdf.h2("§ 45 Informationsärenden")
    pdf.p("Regionala utvecklingsdirektören informerar om utlysningen inom ERUF och om den kommande "
          "revisionen av den regionala utvecklingsstrategin. Nämnden noterar informationen.")
    pdf.output(OUT / "e07_run-protokoll-gavleborg.pdf")


if __name__ == "__main__":
    e06_projektblad_hultsfred()
    e07_run_protokoll_gavleborg()
