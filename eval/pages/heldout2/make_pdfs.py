"""Generate the two PDF pages of the second held-out set (heldout2).

Run from anywhere:  .venv/bin/python eval/pages/heldout2/make_pdfs.py
Needs fpdf2. Core Helvetica font (Latin-1); dashes and quotes outside Latin-1
are mapped to ASCII. Fixed creation date, so re-running gives identical output.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2025, 5, 1, 9, 0, 0, tzinfo=dt.UTC)
_ASCII = {"\u2013": "-", "\u2014": "-", "\u2019": "'", "\u201d": '"', "\u201c": '"', "\u2026": "..."}


def latin1(text: str) -> str:
    for bad, good in _ASCII.items():
        text = text.replace(bad, good)
    text.encode("latin-1")
    return text


class Doc(FPDF):
    def __init__(self, header_left: str, header_right: str, footer_text: str):
        super().__init__(format="A4")
        self.header_left = latin1(header_left)
        self.header_right = latin1(header_right)
        self.footer_text = latin1(footer_text)
        self.set_creation_date(FIXED_DATE)
        self.set_auto_page_break(auto=True, margin=22)
        self.set_margins(22, 20, 22)

    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 6, self.header_left, new_x="LMARGIN", new_y="TOP")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 6, self.header_right, align="R", new_x="LMARGIN", new_y="NEXT")
        self.line(22, self.get_y() + 1, 188, self.get_y() + 1)
        self.ln(8)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"{self.footer_text}   Sida {self.page_no()} av {{nb}}", align="C")

    def doc_title(self, text: str, size: int = 15):
        self.set_title(latin1(text))
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, 8, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def heading(self, text: str):
        self.ln(2)
        self.set_font("Helvetica", "B", 12)
        self.multi_cell(0, 6, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def para(self, text: str, style: str = ""):
        self.set_font("Helvetica", style, 10.5)
        self.multi_cell(0, 5.4, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2.5)

    def label(self, key: str, value: str):
        self.set_font("Helvetica", "B", 10.5)
        self.cell(48, 5.6, latin1(key), new_x="RIGHT", new_y="TOP")
        self.set_font("Helvetica", "", 10.5)
        self.multi_cell(0, 5.6, latin1(value), new_x="LMARGIN", new_y="NEXT")


def g05_hagfors() -> None:
    pdf = Doc("HAGFORS KOMMUN", "SAMMANTRÄDESPROTOKOLL", "Kommunstyrelsens arbetsutskott 2024-10-08   Justerandes sign ______")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Kommunstyrelsens arbetsutskott")
    pdf.para("Plats och tid: Sammanträdesrummet Klarälven, kommunhuset, tisdagen den 8 oktober 2024 kl. 09.00-11.40")
    pdf.para("Beslutande: Anneli Bergkvist (S), ordförande; Tomas Hedin (C); Maria Sjöö (M); Per-Olof Rask (S)")
    pdf.para("Övriga: Mikael Sundin, näringslivschef (§§ 113-114); Ewa Lundgren, sekreterare")
    pdf.para("Paragrafer: 112-115")
    pdf.heading("§ 112 Val av justerare")
    pdf.para("Arbetsutskottet utser Maria Sjöö (M) att jämte ordföranden justera dagens protokoll.")
    pdf.heading("§ 113 Medfinansiering - Klarälvens kanotled etapp 2 (Dnr KS 2024/318)")
    pdf.para(
        "Ekshärads Turistförening har ansökt om 300 000 kronor i kommunal medfinansiering till projektet "
        "Klarälvens kanotled etapp 2. Projektet ska anlägga sex nya rastplatser med vindskydd och torrtoaletter "
        "mellan Ekshärad och Edebäck, ta fram en digital karta och utbilda lokala uthyrare av kanoter i säkerhet. "
        "Projektet pågår från januari 2025 till december 2026. Den totala budgeten är 1 480 000 kronor. "
        "Övriga finansiärer är Region Värmland och Leader Älv och Skog."
    )
    pdf.para(
        "Näringslivschefen föreslår att föreningen beviljas 250 000 kronor, eftersom en del av de sökta "
        "kostnaderna avser ordinarie underhåll av befintliga leder."
    )
    pdf.para("Beslut", "B")
    pdf.para(
        "Arbetsutskottet beslutar att bevilja Ekshärads Turistförening 250 000 kronor i medfinansiering till "
        "projektet Klarälvens kanotled etapp 2, att belasta kommunstyrelsens utvecklingsanslag 2025-2026."
    )
    pdf.para("Kontaktperson för projektet är Sofie Almqvist, 070-418 26 73, sofie@eksharadsturism.se")
    pdf.add_page()
    pdf.heading("§ 114 Medfinansiering - Kompetensbanken för industrin (Dnr KS 2024/341)")
    pdf.para(
        "Föreningen Hagforsföretagen ansöker om medel till förstudien Kompetensbanken för industrin. "
        "Förstudien ska kartlägga vilka yrkesroller stål- och verkstadsföretagen i kommunen behöver de närmaste "
        "fem åren och föreslå hur företagen kan dela på lärlingar och utbildningsinsatser. Förstudien pågår "
        "november 2024 - oktober 2025 och kostar totalt 620 000 kronor, som delas lika mellan Hagfors kommun "
        "och Region Värmland."
    )
    pdf.para("Beslut", "B")
    pdf.para(
        "Arbetsutskottet beslutar att bevilja Föreningen Hagforsföretagen 310 000 kronor till förstudien "
        "Kompetensbanken för industrin under förutsättning att Region Värmland beviljar motsvarande belopp."
    )
    pdf.para("Kontaktperson: Robin Dahlgren, verksamhetsledare, 0563-144 80, robin.dahlgren@hagforsforetagen.se")
    pdf.heading("§ 115 Information om vinterväghållning")
    pdf.para(
        "Teknisk chef informerar om upphandlingen av snöröjning för vintersäsongen 2024/2025. "
        "Arbetsutskottet noterar informationen."
    )
    pdf.ln(6)
    pdf.para("Vid protokollet: Ewa Lundgren     Ordförande: Anneli Bergkvist     Justerare: Maria Sjöö")
    pdf.para("Protokollet är justerat och tillkännagivet på kommunens anslagstavla 2024-10-11.", "I")
    pdf.output(str(HERE / "g05_ksau-protokoll-hagfors.pdf"))


def g11_region_jonkoping() -> None:
    pdf = Doc("Region Jönköpings län", "Regional utveckling", "Beslut om regionala projektmedel 2025-02-20")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Beviljade regionala projektmedel, februari 2025")
    pdf.para(
        "Regionala utvecklingsnämnden beslutade den 20 februari 2025 att bevilja medfinansiering ur anslaget "
        "för regional tillväxt till tre projekt. Region Jönköpings län finansierar högst halva projektkostnaden; "
        "resten kommer från de finansiärer som anges nedan.",
        "I",
    )
    pdf.heading("1. Cykelturism på Höglandet")
    pdf.label("Stödmottagare:", "Aneby kommun")
    pdf.label("Deltagande kommuner:", "Aneby, Sävsjö, Vetlanda")
    pdf.label("Projekttid:", "2025-04-01 - 2027-03-31")
    pdf.label("Total budget:", "2 800 000 kr")
    pdf.label("Beviljat belopp:", "1 400 000 kr")
    pdf.label("Övriga finansiärer:", "Aneby kommun, Sävsjö kommun, Vetlanda kommun")
    pdf.label("Kontakt:", "Emma Lövgren, 0380-461 05, emma.lovgren@aneby.se")
    pdf.ln(2)
    pdf.para(
        "Ett sammanhängande nät av cykelvägar på grusvägar mellan sjöar och byar märks ut, och boenden och caféer "
        "längs sträckan utbildas i att ta emot cykelturister."
    )
    pdf.heading("2. Industriell AI för underleverantörer")
    pdf.label("Stödmottagare:", "Gislaveds Industriförening")
    pdf.label("Projekttid:", "2025-03-01 - 2026-12-31")
    pdf.label("Total budget:", "3 450 000 kr")
    pdf.label("Beviljat belopp:", "1 150 000 kr")
    pdf.label("Övriga finansiärer:", "Gislaveds kommun, Jönköping University")
    pdf.label("Kontakt:", "Oskar Fält, 0371-281 66, oskar.falt@gislavedsindustri.se")
    pdf.ln(2)
    pdf.para(
        "Tolv underleverantörer inom gummi, plast och metall testar maskininlärning för kvalitetskontroll och "
        "planering av produktionen tillsammans med forskare."
    )
    pdf.add_page()
    pdf.heading("3. Kompetensväxling Vaggeryd-Skillingaryd")
    pdf.label("Stödmottagare:", "Vaggeryds kommun")
    pdf.label("Projekttid:", "2025-06-01 - 2026-05-31")
    pdf.label("Total budget:", "960 000 kr")
    pdf.label("Beviljat belopp:", "480 000 kr")
    pdf.label("Övriga finansiärer:", "Vaggeryds kommun")
    pdf.label("Kontakt:", "Hanna Westin, 0370-67 82 15, hanna.westin@vaggeryd.se")
    pdf.ln(2)
    pdf.para(
        "Arbetssökande utbildas till lagerarbetare och truckförare i samarbete med logistikföretagen i "
        "Vaggeryd och Skillingaryd, med praktik på företagen."
    )
    pdf.heading("Upplysningar")
    pdf.para(
        "Frågor om beslutet besvaras av projekthandläggare Petra Nordh, Region Jönköpings län, "
        "010-242 60 18, petra.nordh@rjl.se."
    )
    pdf.output(str(HERE / "g11_beviljade-projektmedel-rjl-2025.pdf"))


JOBS = {"g05": g05_hagfors, "g11": g11_region_jonkoping}

if __name__ == "__main__":
    for key in sys.argv[1:] or JOBS:
        JOBS[key]()
