"""Generate the PDF page of the dev4 evaluation set (g03).

Run from anywhere:  python eval/pages/dev4/make_pdfs.py
Requires fpdf2. Core font Helvetica (latin-1), so typographic dashes and quotes are mapped to
ASCII first. The creation date is fixed, so re-running gives identical output. All
organisations, people, amounts, dates, e-mails and phone numbers are invented.
"""

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent
FIXED_DATE = datetime(2025, 3, 14, 9, 0, 0, tzinfo=timezone.utc)

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
        self.set_creation_date(FIXED_DATE)
        self.alias_nb_pages()

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
        self.cell(0, 5, f"Sida {self.page_no()} av {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    def h1(self, text):
        self.set_font("Helvetica", "B", 16)
        self.multi_cell(0, 8, clean(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def p(self, text, style=""):
        self.set_font("Helvetica", style, 10.5)
        self.multi_cell(0, 5.4, clean(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)


def g03_lag_beslut_varendsskogen():
    pdf = Doc("Leader Värendsskogen | Beslut LAG 2025-03-12", "Leader Värendsskogen ideell förening")
    pdf.add_page()
    pdf.h1("Beviljade projekt vid LAG-mötet 12 mars 2025")
    pdf.p("Leaderområdet Värendsskogen omfattar Alvesta, Lessebo, Tingsryd och Uppvidinge kommuner. "
          "Vid mötet den 12 mars 2025 beslutade styrelsen (LAG) att bevilja stöd till fem projekt. "
          "Samtliga projekt nedan finansieras av Leader Värendsskogen.")
    pdf.p("Urshults Hembygdsförening beviljas 412 000 kr för projektet Mustlabbet i Urshult, "
          "2025-04-01 - 2026-09-30. Föreningen bygger ett gemensamt musteri där fruktodlare och "
          "privatpersoner kan pressa och pastörisera äppelmust.")
    # Worded so that the line wraps naturally after "till och med oktober": the end year starts
    # the next line (checked with pypdf).
    pdf.p("Kosta Byalag beviljas 265 500 kr för projektet Glasbyns vandringsslinga, maj 2025 "
          "till och med oktober 2026. Slingan knyter ihop glasbruken, hyttan och sjön med skyltar på "
          "svenska, engelska och tyska.")
    pdf.p("Moheda Ungdomsförening beviljas 148 000 kr för projektet Scen i Moheda, under 2025. "
          "Pengarna används till en utomhusscen i parken och kurser i ljud- och ljusteknik för unga.")
    pdf.p("Lenhovda Bygdegårdsförening beviljas 327 000 kr för projektet Solkraft i bygdegården, "
          "2025-06 - 2026-05. Solceller och ett batterilager gör bygdegården till en trygg "
          "samlingsplats vid strömavbrott.")
    pdf.p("Värendsskogens Turistnätverk ekonomisk förening beviljas 590 000 kr för projektet Cykla "
          "i Värendsskogen, 2025-05-01 - 2027-04-30. Projektet märker upp och marknadsför "
          "cykelslingor på grusvägar i hela leaderområdet.")
    pdf.p("Totalt beviljat vid mötet: 1 742 500 kr.", style="B")
    pdf.p("Frågor om besluten besvaras av verksamhetsledare Sofia Lindahl, "
          "sofia.lindahl@varendsskogen.se, 0477-102 64.")
    pdf.output(OUT / "g03_lag-beslut-varendsskogen.pdf")


PAGES = {"g03": g03_lag_beslut_varendsskogen}

if __name__ == "__main__":
    import sys

    for key in sys.argv[1:] or PAGES:
        PAGES[key]()
