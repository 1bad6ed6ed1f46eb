"""Generate the two PDF pages of the third held-out set (heldout3).

Run from anywhere:  .venv/bin/python eval/pages/heldout3/make_pdfs.py [k05 k15]
Needs fpdf2. Core Helvetica font (Latin-1); dashes and quotes outside Latin-1
are mapped to ASCII. Fixed creation date, so re-running gives identical output.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2025, 12, 1, 8, 30, 0, tzinfo=dt.UTC)
_ASCII = {"\u2013": "-", "\u2014": "-", "\u2019": "'", "\u201d": '"', "\u201c": '"', "\u2026": "...", "\u2192": "->"}


def latin1(text: str) -> str:
    for bad, good in _ASCII.items():
        text = text.replace(bad, good)
    text.encode("latin-1")
    return text


class Doc(FPDF):
    def __init__(self, header_left: str, header_right: str, footer_text: str, orientation: str = "P"):
        super().__init__(orientation=orientation, format="A4")
        self.header_left = latin1(header_left)
        self.header_right = latin1(header_right)
        self.footer_text = latin1(footer_text)
        self.set_creation_date(FIXED_DATE)
        self.set_auto_page_break(auto=True, margin=22)
        self.set_margins(20, 18, 20)

    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 6, self.header_left, new_x="LMARGIN", new_y="TOP")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 6, self.header_right, align="R", new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(7)

    def footer(self):
        self.set_y(-14)
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

    def para(self, text: str, style: str = "", size: float = 10.5):
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, 5.4, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2.2)

    def label(self, key: str, value: str, width: float = 45):
        self.set_font("Helvetica", "B", 10.5)
        self.cell(width, 5.6, latin1(key), new_x="RIGHT", new_y="TOP")
        self.set_font("Helvetica", "", 10.5)
        self.multi_cell(0, 5.6, latin1(value), new_x="LMARGIN", new_y="NEXT")


def k05_vasterbotten() -> None:
    pdf = Doc(
        "REGION VÄSTERBOTTEN",
        "Regional utveckling - Beslut 2025-05-28",
        "Regionala utvecklingsnämnden, beviljade projektmedel maj 2025",
        orientation="L",
    )
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Beviljade projekt - regionala utvecklingsmedel, maj 2025")
    pdf.para(
        "Regionala utvecklingsnämnden beslutade den 28 maj 2025 att bevilja regionala utvecklingsmedel till "
        "fyra projekt i inlandet. Total budget avser projektets samtliga kostnader. Kolumnen Beviljat visar "
        "Region Västerbottens andel. Belopp i kronor."
    )
    rows = [
        ("Dnr", "Projekt", "Stödmottagare", "Kommun", "Projekttid", "Total budget", "Beviljat", "Övriga finansiärer"),
        ("RUN 412-2025", "Tärnafjällens guideakademi", "Tärnafjällens Guideförening", "Storuman",
         "2025-09-01 - 2027-08-31", "3 200 000", "1 600 000", "Storumans kommun"),
        ("RUN 433-2025", "Trähusklustret Dorotea", "Dorotea Trähus ekonomisk förening", "Dorotea",
         "2025-08-15 - 2026-12-31", "1 480 000", "590 000", "Dorotea kommun, Tillväxtverket"),
        ("RUN 451-2025", "Fiskeguidning i Ångermanälven", "Åsele Fiskeklubb", "Åsele",
         "2025-06-01 - 2027-05-31", "860 000", "430 000", "Åsele kommun"),
        ("RUN 468-2025", "Vårdkompetens i inlandet", "Dorotea kommun", "Dorotea, Åsele",
         "2025-10-01 - 2028-09-30", "5 400 000", "2 000 000", "Åsele kommun, Europeiska socialfonden+"),
        ("", "Summa", "", "", "", "10 940 000", "4 620 000", ""),
    ]
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(
        col_widths=(24, 40, 40, 24, 36, 24, 22, 47),
        text_align=("LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT"),
        line_height=5,
        first_row_as_headings=True,
    ) as table:
        for row in rows:
            r = table.row()
            for value in row:
                r.cell(latin1(value))
    pdf.ln(4)
    pdf.heading("Kort om projekten")
    pdf.para(
        "Tärnafjällens guideakademi: En utbildning för fjäll-, skid- och fiskeguider i Tärnaby och Hemavan, med "
        "säkerhet, språk och företagande, så att fler guider kan arbeta året runt i stället för bara under "
        "vintersäsongen."
    )
    pdf.para(
        "Trähusklustret Dorotea: Fem småföretag som tillverkar stommar, fönster och inredning i trä samarbetar "
        "om gemensam försäljning av färdiga fritidshus och om en gemensam torkanläggning för virke."
    )
    pdf.para(
        "Fiskeguidning i Ångermanälven: Fiskeklubben utbildar guider, bygger två raststugor vid älven och tar fram "
        "fiskepaket för besökare tillsammans med boenden i Åsele."
    )
    pdf.para(
        "Vårdkompetens i inlandet: Dorotea kommun driver projektet tillsammans med Åsele kommun. Anställda inom "
        "äldreomsorgen kan läsa till undersköterska på arbetstid, och nyanlända får språkstöd på arbetsplatsen."
    )
    pdf.heading("Villkor")
    pdf.para(
        "Utbetalning sker i efterskott mot redovisade kostnader. Projekten ska lämna lägesrapport varje halvår "
        "och slutrapport senast två månader efter projektslut."
    )
    pdf.para(
        "Upplysningar lämnas av handläggare Anders Wikström, Region Västerbotten, 090-785 41 62, "
        "anders.wikstrom@regionvasterbotten.se."
    )
    pdf.output(str(HERE / "k05_beviljade-projekt-region-vasterbotten.pdf"))


def k15_emmaboda() -> None:
    pdf = Doc("EMMABODA KOMMUN", "TJÄNSTESKRIVELSE", "Kommunledningsförvaltningen, Dnr KS 2025/412")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.label("Datum:", "2025-11-04", 35)
    pdf.label("Diarienummer:", "KS 2025/412", 35)
    pdf.label("Handläggare:", "Lina Karlberg, näringslivsutvecklare", 35)
    pdf.label("Till:", "Kommunstyrelsen", 35)
    pdf.ln(4)
    pdf.doc_title("Ansökan om medfinansiering - Verkstadsnätverket Emmaboda", 14)
    pdf.heading("Förslag till beslut", 11)
    pdf.para("Kommunstyrelsen beslutar att")
    pdf.para(
        "1. bevilja Emmaboda Industrigrupp 400 000 kronor i medfinansiering till projektet Verkstadsnätverket "
        "Emmaboda, fördelat med 200 000 kronor per år 2026 och 2027,"
    )
    pdf.para("2. medlen belastar kommunstyrelsens anslag för näringslivsutveckling,")
    pdf.para("3. beslutet gäller under förutsättning att Region Kalmar län beviljar sin del av finansieringen.")
    pdf.heading("Sammanfattning", 11)
    pdf.para(
        "Emmaboda Industrigrupp, en ideell förening för tillverkande företag i kommunen, har ansökt om "
        "440 000 kronor till projektet Verkstadsnätverket Emmaboda. Förvaltningen föreslår att föreningen "
        "beviljas 400 000 kronor, eftersom kostnaden för lokalhyra i ansökan avser lokaler som kommunen redan "
        "upplåter utan kostnad."
    )
    pdf.heading("Ärendet", 11)
    pdf.para(
        "Fjorton verkstads- och tillverkningsföretag i Emmaboda, Eriksmåla, Vissefjärda och Johansfors vill "
        "samarbeta för att klara kompetensförsörjningen. I projektet ordnar företagen gemensamma utbildningar "
        "i svetsning, truckkörning och arbetsledning, rekryterar tillsammans på gymnasieskolan och "
        "arbetsförmedlingens mässor och upphandlar energikartläggningar gemensamt. Nya arbetsledare får en "
        "mentor från ett annat företag i nätverket."
    )
    pdf.para("Projektet pågår i två år, från januari 2026 till december 2027.")
    pdf.heading("Ekonomi", 11)
    pdf.para("Finansieringsplan enligt ansökan:")
    pdf.label("Region Kalmar län", "700 000 kr", 110)
    pdf.label("Emmaboda kommun (sökt belopp)", "440 000 kr", 110)
    pdf.label("Emmaboda Industrigrupp (medlemsföretagens insats)", "620 000 kr", 110)
    pdf.label("Total budget", "1 760 000 kr", 110)
    pdf.ln(3)
    pdf.para(
        "Om kommunen beviljar 400 000 kronor täcker föreningen mellanskillnaden på 40 000 kronor med egna medel. "
        "Projektets totala budget påverkas inte."
    )
    pdf.para(
        "Kontaktperson hos sökanden: Jonas Petrén, ordförande i Emmaboda Industrigrupp, 070-833 19 40, "
        "jonas.petren@emmabodaindustri.se"
    )
    pdf.heading("Beslutsunderlag", 11)
    pdf.para("Ansökan från Emmaboda Industrigrupp, inkommen 2025-10-02\nProjektplan och budget, daterade 2025-09-28")
    pdf.ln(4)
    pdf.para("Lina Karlberg\nNäringslivsutvecklare")
    pdf.para("Beslutet skickas till: Emmaboda Industrigrupp, ekonomiavdelningen", "I")
    pdf.output(str(HERE / "k15_tjansteskrivelse-verkstadsnatverket-emmaboda.pdf"))


JOBS = {"k05": k05_vasterbotten, "k15": k15_emmaboda}

if __name__ == "__main__":
    for key in sys.argv[1:] or JOBS:
        JOBS[key]()
