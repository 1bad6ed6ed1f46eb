"""Generate the two PDF pages of the fourth held-out set (heldout4).

Run from anywhere:  .venv/bin/python eval/pages/heldout4/make_pdfs.py [m14 m15]
Needs fpdf2. Core Helvetica font (Latin-1); dashes, quotes and other characters outside
Latin-1 are mapped to ASCII. Fixed creation date, so re-running gives identical output.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2025, 12, 10, 9, 0, 0, tzinfo=dt.UTC)
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

    def label(self, key: str, value: str, width: float = 40):
        self.set_font("Helvetica", "B", 10)
        self.cell(width, 5.4, latin1(key), new_x="RIGHT", new_y="TOP")
        self.set_font("Helvetica", "", 10)
        self.multi_cell(0, 5.4, latin1(value), new_x="LMARGIN", new_y="NEXT")

    def fact_box(self, title: str, rows: list[tuple[str, str]], x: float, w: float, key_w: float, fill=(236, 236, 236)):
        """A shaded box of label/value lines at (x, current y) with the given width."""
        y0 = self.get_y()
        # draw text first on a throw-away pass to learn the height, then the box, then the text
        lines = 1 + sum(max(1, len(self.multi_cell(w - key_w - 4, 5, latin1(v), dry_run=True, output="LINES")))
                        for _, v in rows)
        height = lines * 5 + 6
        self.set_fill_color(*fill)
        self.rect(x, y0, w, height, style="F")
        self.set_xy(x + 2, y0 + 2)
        self.set_font("Helvetica", "B", 10)
        self.cell(w - 4, 5, latin1(title), new_x="LEFT", new_y="NEXT")
        for key, value in rows:
            self.set_x(x + 2)
            self.set_font("Helvetica", "B", 9.5)
            self.cell(key_w, 5, latin1(key), new_x="RIGHT", new_y="TOP")
            self.set_font("Helvetica", "", 9.5)
            self.multi_cell(w - key_w - 4, 5, latin1(value), new_x="LEFT", new_y="NEXT")
        self.set_y(y0 + height + 3)
        return y0, height


def m14_lag_protokoll() -> None:
    pdf = Doc(
        "LEADER SKOGSKUSTEN BLEKINGE",
        "Protokoll LAG-möte 2025-09-17",
        "Justerare: ..............",
    )
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Protokoll fört vid LAG-möte")
    pdf.label("Datum:", "2025-09-17, kl. 17.30-20.10")
    pdf.label("Plats:", "Bygdegården i Asarum samt via Teams")
    pdf.label("Närvarande:", "Helena Strand (ordförande), Lars-Göran Persson, Kerstin Lund, Ahmed Yusuf, "
              "Maria Bengtsson, Per Welander, Sofie Ek")
    pdf.label("Övriga:", "Oskar Lindh, verksamhetsledare (sekreterare)")
    pdf.ln(3)

    pdf.heading("§ 31  Mötets öppnande", 11)
    pdf.para("Ordföranden hälsade välkommen och förklarade mötet öppnat. Dagordningen godkändes.")
    pdf.heading("§ 32  Val av justerare", 11)
    pdf.para("Till att justera protokollet valdes Lars-Göran Persson.")

    pdf.heading("§ 33  Ansökan: Tillgängligt Folkets hus i Jämshög (ärende-ID 2025-0412)", 11)
    pdf.fact_box("Projektfakta", [
        ("Sökande", "Jämshögs Folkets husförening"),
        ("Kommun", "Olofström"),
        ("Projekttid", "2025-11-01 - 2026-10-31"),
        ("Total budget", "610 000 kr"),
        ("Sökt belopp", "420 000 kr"),
        ("Övrig finansiering", "Olofströms kommun 90 000 kr, egen insats 100 000 kr"),
        ("Kontaktperson", "Birgitta Olsson, 0454-940 27"),
    ], x=pdf.l_margin, w=170, key_w=42)
    pdf.para(
        "Föreningen vill bygga en ramp vid entrén, en plattformshiss till scenen och en toalett som fungerar "
        "för rullstol, så att huset kan användas av alla som bor i Jämshög och Kyrkhult. Ansökan har beretts "
        "av kontoret och bedöms stämma väl med strategins insatsområde om mötesplatser. En post för "
        "inredning i ansökan bedöms inte vara stödberättigande."
    )
    pdf.para(
        "Beslut: LAG beslutar att prioritera ansökan och bevilja 380 000 kr. Föreningen har meddelat att "
        "mellanskillnaden täcks med egna medel, så projektets totala budget ändras inte.", "B"
    )
    pdf.para("Kerstin Lund anmälde jäv och deltog inte i handläggningen av ärendet.", "I")

    pdf.heading("§ 34  Ansökan: Laxguider i Mörrum (ärende-ID 2025-0439)", 11)
    pdf.fact_box("Projektfakta", [
        ("Sökande", "Mörrumsåns Guideförening"),
        ("Kommun", "Karlshamn"),
        ("Projekttid", "2026-01-01 - 2027-06-30"),
        ("Total budget", "415 000 kr"),
        ("Sökt belopp", "290 000 kr"),
        ("Övrig finansiering", "Karlshamns kommun 60 000 kr, Region Blekinge 65 000 kr"),
        ("Kontaktperson", "Tomas Kron, 070-455 18 92, tomas@morrumsguiderna.se"),
    ], x=pdf.l_margin, w=170, key_w=42)
    pdf.para(
        "Guideföreningen vill utbilda tolv nya fiskeguider längs ån, med kurser i säkerhet, fiskevård, "
        "engelska och att starta eget. Projektet tar också fram en gemensam bokningssida för guidade turer "
        "i Mörrum och Asarum."
    )
    pdf.para("Beslut: LAG beslutar att prioritera ansökan och bevilja sökt belopp, 290 000 kr.", "B")

    pdf.heading("§ 35  Ekonomisk rapport", 11)
    pdf.para(
        "Verksamhetsledaren redovisade att 4 120 000 kr av områdets ram för programperioden återstår att "
        "bevilja efter dagens beslut. Rapporten lades till handlingarna."
    )
    pdf.heading("§ 36  Nästa möte", 11)
    pdf.para("Nästa LAG-möte hålls den 19 november 2025 i Olofström.")
    pdf.ln(6)
    pdf.para("Vid protokollet\nOskar Lindh\n\nOrdförande\nHelena Strand\n\nJusterare\nLars-Göran Persson")
    pdf.output(str(HERE / "m14_lag-protokoll-leader-skogskusten-2025-09-17.pdf"))


def m15_projektkatalog() -> None:
    pdf = Doc(
        "REGION KALMAR LÄN",
        "Projektkatalog: Landsbygd i utveckling 2025",
        "Region Kalmar län, Regional utveckling",
    )
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Landsbygd i utveckling - projektkatalog 2025", 16)
    pdf.para(
        "I den här katalogen presenterar vi ett urval av de landsbygdsprojekt som Region Kalmar län är med och "
        "finansierar. Syftet är att sprida idéer mellan kommunerna i länet, så att fler kan hämta inspiration "
        "och ta kontakt med dem som redan har provat. Varje projekt beskrivs kort, och till höger finns "
        "uppgifter om vem som driver det och hur det finansieras."
    )
    pdf.para(
        "Katalogen ges ut varje år. Urvalet görs av regionens landsbygdsutvecklare och säger inget om hur "
        "projekten prioriteras i kommande utlysningar.", "I"
    )

    col_w = 92
    box_x = pdf.l_margin + col_w + 8
    box_w = pdf.w - pdf.r_margin - box_x

    def project(title, paragraphs, facts):
        pdf.heading(title, 13)
        y_top = pdf.get_y()
        for text in paragraphs:
            pdf.para(text, width=col_w)
        y_after_text = pdf.get_y()
        pdf.set_y(y_top)
        _, h = pdf.fact_box("Fakta", facts, x=box_x, w=box_w, key_w=22)
        pdf.set_y(max(y_after_text, y_top + h) + 4)

    project(
        "Servicebod i Böda hamn",
        [
            "I Böda hamn på norra Öland fanns länge ingen service alls utanför sommarveckorna. Hamnföreningen "
            "bygger nu en servicebod med toaletter, dusch och tvätt för båtgäster och cyklister, en liten kiosk "
            "och ett rum där Borgholms kommun och Polisen kan ha mottagning några gånger per år.",
            "Boden värms med en värmepump och solceller på taket, och föreningen räknar med att kunna hålla "
            "öppet från påsk till slutet av oktober.",
        ],
        [
            ("Ägare", "Böda Hamnförening"),
            ("Kommun", "Borgholm"),
            ("Tid", "maj 2025 - april 2027"),
            ("Budget", "2 350 000 kr"),
            ("Finansiärer", "Region Kalmar län, Borgholms kommun, Leader Ölandskusten"),
            ("Kontakt", "Jenny Öberg, 0485-280 36"),
        ],
    )
    project(
        "Träcentrum Fågelfors",
        [
            "I det gamla bruket i Fågelfors samlar kommunen utbildning, provverkstad och företagsrådgivning för "
            "små trä- och möbelföretag. Företagen kan hyra maskintid, få hjälp med produktutveckling och delta "
            "i gemensamma mässor.",
            "Sedan starten har nio företag använt verkstaden regelbundet och två nya företag har startat i "
            "lokalerna. Ett samarbete med gymnasiets byggprogram i Högsby ger praktikplatser.",
        ],
        [
            ("Ägare", "Högsby kommun"),
            ("Kommun", "Högsby"),
            ("Tid", "januari 2024 - december 2026"),
            ("Budget", "3,9 miljoner kronor"),
            ("Finansiärer", "Europeiska regionala utvecklingsfonden, Region Kalmar län, Högsby kommun"),
            ("Kontakt", "Robert Nyman, 0491-291 62, robert.nyman@hogsby.se"),
        ],
    )
    pdf.heading("Vill du veta mer?", 11)
    pdf.para(
        "Kontakta regionens landsbygdsutvecklare Camilla Edvardsson, 0480-44 83 12, "
        "camilla.edvardsson@regionkalmar.se, om du vill komma i kontakt med projekten eller själv har en idé."
    )
    pdf.output(str(HERE / "m15_projektkatalog-landsbygd-region-kalmar-2025.pdf"))


JOBS = {"m14": m14_lag_protokoll, "m15": m15_projektkatalog}

if __name__ == "__main__":
    for key in sys.argv[1:] or JOBS:
        JOBS[key]()
