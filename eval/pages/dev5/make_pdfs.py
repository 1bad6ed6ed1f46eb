"""Generate the two PDF pages of the fifth development set (dev5).

Run from anywhere:  .venv/bin/python eval/pages/dev5/make_pdfs.py [n07 n09]
Needs fpdf2. Core Helvetica font (Latin-1); dashes and quotes outside Latin-1
are mapped to ASCII. Fixed creation date, so re-running gives identical output.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2025, 11, 3, 9, 0, 0, tzinfo=dt.UTC)
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
        self.set_margins(18, 16, 18)

    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 6, self.header_left, new_x="LMARGIN", new_y="TOP")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 6, self.header_right, align="R", new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(6)

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

    def label(self, key: str, value: str, width: float = 45, size: float = 10.5):
        self.set_font("Helvetica", "B", size)
        self.cell(width, 5.6, latin1(key), new_x="RIGHT", new_y="TOP")
        self.set_font("Helvetica", "", size)
        self.multi_cell(0, 5.6, latin1(value), new_x="LMARGIN", new_y="NEXT")


def n07_siljan() -> None:
    pdf = Doc(
        "LEADER SILJAN SÖDER",
        "Bilaga 1 till protokoll LAG 2025-06-11",
        "Leader Siljan Söder - beviljade projekt juni 2025",
        orientation="L",
    )
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Beviljade projekt vid LAG-mötet den 11 juni 2025")
    pdf.para(
        "Leadergruppen (LAG) i Leader Siljan Söder beslutade den 11 juni 2025 att bevilja stöd till fem projekt "
        "i Rättviks och Leksands kommuner. Kolumnen Budget visar projektets totala kostnad. Leaderstöd är den del "
        "som betalas av Leader Siljan Söder, och i sista kolumnen står övrig offentlig medfinansiering. "
        "Alla belopp i kronor."
    )
    rows = [
        ("Nr", "Projektnamn", "Sökande", "Ort", "Projektperiod", "Budget", "Leaderstöd", "Övrig offentlig finansiering"),
        ("2025:07", "Fäbodkök Vikarbyn", "Vikarbyns Byaförening", "Vikarbyn", "2025-09-01 - 2027-06-30",
         "1 260 000", "756 000", "Rättviks kommun"),
        ("2025:08", "Tällbergs Hantverksstråk", "Tällbergs Företagarförening", "Tällberg", "2025-10-01 - 2026-12-31",
         "640 000", "384 000", "Leksands kommun"),
        ("2025:09", "Insjöns Båthus", "Insjöns Segelsällskap", "Insjön", "2025-08-15 - 2026-09-30",
         "415 000", "249 000", "Leksands kommun"),
        ("2025:10", "Furudals Bruksgård 2.0", "Furudals Bruksförening", "Furudal", "2026-01-01 - 2027-12-31",
         "2 180 000", "1 308 000", "Rättviks kommun, Region Dalarna"),
        ("2025:11", "Ljusspår i Siljansnäs", "Siljansnäs IK", "Siljansnäs", "2025-11-01 - 2026-10-31",
         "520 000", "312 000", "Leksands kommun"),
        ("", "Totalt", "", "", "", "5 015 000", "3 009 000", ""),
    ]
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(
        col_widths=(18, 44, 44, 24, 40, 22, 22, 47),
        text_align=("LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT"),
        line_height=5,
        first_row_as_headings=True,
    ) as table:
        for row in rows:
            r = table.row()
            for value in row:
                r.cell(latin1(value))
    pdf.ln(4)
    pdf.heading("Projektbeskrivningar")
    pdf.para(
        "Fäbodkök Vikarbyn - Byaföreningen bygger ett sommarkök vid fäboden ovanför byn där besökare kan äta "
        "fäbodmat, köpa ost och delta i kurser i messmörskokning."
    )
    pdf.para(
        "Tällbergs Hantverksstråk - Åtta hantverkare och två gallerier i Tällberg tar fram en gemensam karta, "
        "skyltning och öppettider, så att besökare kan gå mellan verkstäderna under hela säsongen."
    )
    pdf.para(
        "Insjöns Båthus - Segelsällskapet bygger ett båthus med förråd för jollar och kajaker som skolan och "
        "andra föreningar i Insjön kan låna."
    )
    pdf.para(
        "Furudals Bruksgård 2.0 - Bruksgården rustas för att ta emot övernattande gäster, med kök, tvättstuga "
        "och tio bäddar, och blir bas för vandrare och skoterturister i Ore skogsbygd."
    )
    pdf.para(
        "Ljusspår i Siljansnäs - Idrottsklubben sätter upp LED-belysning på 3,5 km av skidspåret och bygger en "
        "värmestuga vid starten."
    )
    pdf.heading("Villkor och upplysningar")
    pdf.para(
        "Stödet betalas ut i efterhand mot redovisade kostnader. Projekt som inte har kommit i gång inom sex "
        "månader efter beslutet kan förlora sitt stöd. Frågor om besluten besvaras av verksamhetsledare "
        "Karin Halvarsson, 0248-170 52, karin.halvarsson@leadersiljansoder.se."
    )
    pdf.output(str(HERE / "n07_lag-beslut-leader-siljan-soder.pdf"))


def n09_tranemo() -> None:
    pdf = Doc(
        "VÄSTRA GÖTALANDSREGIONEN",
        "BESLUT",
        "Regionutvecklingsnämnden | Dnr RUN 2025-00417",
    )
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.label("Beslutsdatum:", "2025-09-18", 42, 10)
    pdf.label("Diarienummer:", "RUN 2025-00417", 42, 10)
    pdf.label("Stödmottagare:", "Limmareds Glasbruksförening", 42, 10)
    pdf.label("Organisationsnummer:", "802478-1134", 42, 10)
    pdf.label("Handläggare:", "Therese Wahlberg", 42, 10)
    pdf.ln(5)
    pdf.doc_title("Beslut om regionalt utvecklingsstöd till projektet Glasets hus Limmared", 14)
    pdf.heading("Beslut", 11)
    pdf.para(
        "Regionutvecklingsnämnden beviljar Limmareds Glasbruksförening stöd med högst 950 000 kronor för "
        "projektet Glasets hus Limmared. Stödet lämnas som regionala utvecklingsmedel och betalas ut i "
        "efterhand mot redovisade och betalda kostnader."
    )
    pdf.heading("Skäl för beslutet", 11)
    pdf.para(
        "Föreningen har sökt 1 100 000 kronor. Nämnden bedömer att projektet bidrar till målen i den regionala "
        "utvecklingsstrategin om fler besöksmål på landsbygden, men att kostnaden för marknadsföring i ansökan "
        "är för hög i förhållande till projektets omfattning. Stödet har därför minskats med 150 000 kronor."
    )
    pdf.heading("Om projektet", 11)
    pdf.para(
        "I det nedlagda glasbrukets magasin i Limmared ska föreningen öppna en utställning om glastillverkningen "
        "på orten, en glasverkstad där besökare kan blåsa glas tillsammans med en glasblåsare och en butik för "
        "lokala formgivare. Projektet ska också ta fram ett program för skolklasser i Sjuhäradsbygden."
    )
    pdf.label("Projekttid:", "2025-10-01 - 2027-09-30", 42, 10)
    pdf.ln(3)
    pdf.heading("Finansieringsplan", 11)
    pdf.para("Beviljad finansiering enligt reviderad budget:", size=10)
    pdf.label("Västra Götalandsregionen", "950 000 kr", 115, 10)
    pdf.label("Tranemo kommun", "300 000 kr", 115, 10)
    pdf.label("Limmareds Glasbruksförening (ideellt arbete)", "210 000 kr", 115, 10)
    pdf.label("Summa", "1 460 000 kr", 115, 10)
    pdf.ln(3)
    pdf.heading("Villkor", 11)
    pdf.para(
        "Lägesrapport lämnas varje halvår. Slutrapport och slutredovisning ska ha kommit in senast två månader "
        "efter projekttidens slut. Ändringar i projektet ska godkännas av regionen i förväg."
    )
    pdf.para(
        "Kontaktperson hos stödmottagaren: Anton Grip, projektledare, 0325-781 40, anton.grip@glasetshus.se"
    )
    pdf.heading("Hur man överklagar", 11)
    pdf.para(
        "Beslutet kan överklagas hos Förvaltningsrätten i Göteborg. Överklagandet ska ha kommit in till "
        "Västra Götalandsregionen inom tre veckor från den dag du fick del av beslutet."
    )
    pdf.ln(2)
    pdf.para("Therese Wahlberg\nHandläggare, avdelning regional utveckling")
    pdf.para("Kopia: Tranemo kommun, näringslivsenheten", "I", 9.5)
    pdf.output(str(HERE / "n09_beslut-utvecklingsstod-glasets-hus-tranemo.pdf"))


JOBS = {"n07": n07_siljan, "n09": n09_tranemo}

if __name__ == "__main__":
    for key in sys.argv[1:] or JOBS:
        JOBS[key]()
