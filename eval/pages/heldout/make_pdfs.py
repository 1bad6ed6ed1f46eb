"""Generate the PDF pages of the held-out evaluation corpus.

Run from anywhere:  .venv/bin/python eval/pages/heldout/make_pdfs.py
Needs fpdf2 (pip install fpdf2). Uses the core Helvetica font, which covers
Latin-1 (å ä ö é); characters outside Latin-1 are mapped to ASCII look-alikes.
The output is deterministic (fixed creation date), so re-running does not
produce spurious diffs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2024, 6, 1, 12, 0, 0, tzinfo=dt.UTC)

_ASCII = {"\u2013": "-", "\u2014": "-", "\u2019": "'", "\u201d": '"', "\u201c": '"', "\u2026": "..."}


def latin1(text: str) -> str:
    for bad, good in _ASCII.items():
        text = text.replace(bad, good)
    text.encode("latin-1")  # fail loudly on anything else
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

    # helpers ---------------------------------------------------------------
    def doc_title(self, text: str, size: int = 16):
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


def h05_region_orebro() -> None:
    pdf = Doc(
        "REGION ÖREBRO LÄN",
        "Regional utveckling - Beslutsförteckning",
        "Region Örebro län | Box 9015, 701 09 Örebro | regionorebrolan.se",
    )
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Beviljade projekt 2024")
    pdf.para("Regionala utvecklingsmedel (anslag 1:1). Beslutsdatum: 2024-02-15. Diarienummer: RUN 2024/0117.", "I")
    pdf.para(
        "Regionala utvecklingsnämnden har beslutat att bevilja regionala projektmedel till följande "
        "projekt. Beloppen avser beviljat stöd för hela projektperioden. Samtliga projekt finansieras "
        "av Region Örebro län."
    )
    pdf.para(
        "Hällefors kommun beviljas 1 200 000 kronor för projektet Bergslagens designlabb. Projektet pågår "
        "2024-03 - 2026-02 och ska ge formgivare och hantverksföretag tillgång till verkstad, "
        "3D-skrivare och utrustning för prototyper. Kontaktperson: Jenny Åkesson, "
        "jenny.akesson@hallefors.se, 0591-641 12."
    )
    pdf.para(
        "Stiftelsen Gruvbygdens Arv beviljas 640 000 kronor för projektet Gruvmiljöer i Ljusnarsberg, "
        "2024-05 - 2025-10. Stödet ska användas till guidade visningar, skyltning och en digital "
        "besöksguide vid de gamla gruvområdena."
    )
    pdf.para(
        "Laxå kommun beviljas 310 000 kronor för projektet Ungdomsföretag i Laxå, som genomförs under "
        "2024. Gymnasieelever får coachning för att driva sommarföretag."
    )
    pdf.add_page()
    pdf.para(
        "Askersunds Skärgårdsråd ekonomisk förening beviljas 2,1 miljoner kronor för projektet "
        "Skärgårdsnäring Askersund, 2024-09 - 2027-08. Projektet ska förlänga säsongen för "
        "turistföretagen i norra Vätterns skärgård."
    )
    pdf.para(
        "Nora Centrumförening beviljas 450 000 kronor för projektet Digital handel i Nora, "
        "2024-04 - 2025-03. Butikerna i stadskärnan får hjälp med e-handel och gemensam hemleverans."
    )
    pdf.para("Sammanlagt beviljades 4 700 000 kronor till fem projekt vid sammanträdet.")
    pdf.heading("Upplysningar")
    pdf.para(
        "Beslut om regionala projektmedel kan inte överklagas. Frågor om beslutet kan skickas till "
        "regionens registratur, registrator@regionorebrolan.se."
    )
    pdf.output(str(HERE / "h05_region_orebro_beviljade_2024.pdf"))


def h09_bracke_prose() -> None:
    pdf = Doc(
        "BRÄCKE KOMMUN",
        "Projektbeskrivning - Dnr KS 2023/118",
        "Bräcke kommun | Kommunledningsförvaltningen",
    )
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.doc_title("Levande byar - servicepunkter i Bräcke kommun")
    pdf.heading("Bakgrund")
    pdf.para(
        "I kommunens mindre orter har flera butiker, bankkontor och drivmedelsstationer lagts ned under "
        "det senaste decenniet. För många boende är det i dag flera mil till närmaste ombud för paket "
        "och apoteksvaror, och den som saknar bil har svårt att klara vardagen. Samtidigt finns det "
        "starka byaråd och föreningar som vill ta ansvar för servicen på orten."
    )
    pdf.heading("Syfte och mål")
    pdf.para(
        "Syftet är att i varje by skapa en bemannad servicepunkt där invånarna kan hämta paket och "
        "receptfria läkemedel, få hjälp med digitala myndighetskontakter och låna en dator. Målet är "
        "att minst tre servicepunkter ska vara i drift när projektet avslutas och att driften därefter "
        "ska kunna bäras av byaråden tillsammans med den lokala handeln."
    )
    pdf.heading("Genomförande")
    pdf.para(
        "Projektet drivs av Bräcke kommun genom enheten för hållbar utveckling, i nära samarbete med "
        "byaråden i Kälarne, Gällö och Pilgrimstad. Arbetet inleddes i april 2023 och pågår till och "
        "med mars 2026. Under det första året kartlades behoven genom byamöten och en enkät till "
        "hushållen; därefter inreds lokalerna och personal från föreningarna utbildas."
    )
    pdf.heading("Ekonomi")
    pdf.para(
        "Totalt omfattar projektet 4,2 miljoner kronor. Hälften kommer från Europeiska regionala "
        "utvecklingsfonden, och resten delas lika mellan Region Jämtland Härjedalen och kommunen. "
        "Byaråden bidrar dessutom med ideellt arbete som inte ingår i budgeten."
    )
    pdf.add_page()
    pdf.heading("Uppföljning")
    pdf.para(
        "Antalet besök vid servicepunkterna räknas varje månad och redovisas till styrgruppen, där "
        "kommunen, regionen och de tre byaråden ingår. En extern utvärderare följer projektet och "
        "lämnar en slutrapport."
    )
    pdf.heading("Kontakt")
    pdf.para(
        "Den som vill veta mer kan höra av sig till projektledaren Annika Olofsson på "
        "annika.olofsson@bracke.se eller 0693-161 45."
    )
    pdf.output(str(HERE / "h09_bracke_levande_byar.pdf"))


if __name__ == "__main__":
    h05_region_orebro()
    h09_bracke_prose()
    print("wrote", *(p.name for p in sorted(HERE.glob("*.pdf"))))
