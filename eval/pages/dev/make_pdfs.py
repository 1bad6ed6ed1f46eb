"""Generate the six PDF pages of the dev evaluation corpus.

Run from anywhere:  python eval/pages/dev/make_pdfs.py
Requires fpdf2 (pip install fpdf2). Uses the core font Helvetica, which only
covers latin-1, so typographic dashes and quotes are mapped to ASCII first.
All organisations, people, amounts, dates, e-mails and phone numbers are
invented for evaluation purposes.
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
    def __init__(self, header_text: str, footer_left: str = "", page_word: str = "Sida"):
        super().__init__(format="A4")
        self.header_text = clean(header_text)
        self.footer_left = clean(footer_left)
        self.page_word = page_word
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
        self.cell(0, 5, f"{self.page_word} {self.page_no()} av {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    # helpers -------------------------------------------------------------
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

    def label_lines(self, rows):
        for label, value in rows:
            self.set_font("Helvetica", "B", 10)
            self.cell(42, 5.6, clean(label))
            self.set_font("Helvetica", "", 10)
            self.multi_cell(0, 5.6, clean(value), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)


def d02_cirkulara_verkstaden():
    pdf = Doc("Region Dalarna | Projektblad nr 2022:14", "Regional utveckling")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.h1("Cirkulära verkstaden Falun–Borlänge")
    pdf.p("Små tillverkande företag i Falun och Borlänge kastar varje år stora mängder spill av trä, "
          "textil och metall som skulle kunna bli nya produkter. Cirkulära verkstaden samlar spillet på "
          "ett ställe, sorterar det och säljer det vidare till hantverkare, skolor och andra företag.")
    pdf.p("Projektet bygger samtidigt upp en verkstad där företagen kan testa att reparera och "
          "renovera sina egna produkter, och där arbetssökande kan få praktik inom reparation och "
          "materialhantering.")
    pdf.h2("Fakta om projektet")
    pdf.label_lines([
        ("Projektägare:", "Återbruk Dalarna ekonomisk förening"),
        ("Projektperiod:", "2022-01 — 2024-06"),
        ("Budget:", "totalt 3,6 MSEK"),
        ("Finansiering:", "Europeiska regionala utvecklingsfonden (ERUF) 40 %, Region Dalarna 30 %, "
                          "Falu kommun 15 %, Borlänge kommun 15 %"),
        ("Kommuner:", "Falun, Borlänge"),
        ("Kontaktperson:", "Henrik Dahlgren, verksamhetsledare"),
        ("E-post:", "henrik.dahlgren@aterbrukdalarna.se"),
        ("Telefon:", "023-45 67 12"),
    ])
    pdf.add_page()
    pdf.h2("Aktiviteter")
    pdf.p("- Insamling av spillmaterial hos minst 40 företag enligt ett fast hämtschema.\n"
          "- Ett materialbibliotek med webbutik där material kan reserveras och hämtas.\n"
          "- Kurser i reparation och renovering för företagens personal.\n"
          "- Praktikplatser för arbetssökande i samarbete med kommunernas arbetsmarknadsenheter.")
    pdf.h2("Förväntade resultat")
    pdf.p("Målet är att 120 ton material ska gå till återbruk i stället för förbränning under "
          "projekttiden, och att minst fem nya produkter av spillmaterial ska nå marknaden. "
          "Verksamheten ska kunna fortsätta i föreningens regi när projektet har avslutats.")
    pdf.output(OUT / "d02_cirkulara-verkstaden.pdf")


def d10_lag_beslut():
    pdf = Doc("Leader Vildmarksriket | Protokollsutdrag LAG-möte 2024-03-12", "Leader Vildmarksriket ideell förening")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.h1("Beslut om stöd – LAG-möte 12 mars 2024")
    pdf.p("LAG för Leader Vildmarksriket, som omfattar Malung-Sälens, Vansbro och Älvdalens kommuner, "
          "sammanträdde den 12 mars 2024 i Vansbro. Vid mötet behandlades sju ansökningar, varav fem "
          "prioriterades och en bordlades till nästa möte. Besluten är fattade med stöd av den lokala "
          "utvecklingsstrategin 2023–2027.")
    pdf.h2("Beviljade ansökningar")
    rows = [
        "1. Sälens Byalag ekonomisk förening – Byagården Sälen, energieffektivisering – 185 000 kr",
        "2. Vansbro kommun – Älvbadet Vansbro – 420 000 kr (projekttid 2024-04-01 – 2025-09-30)",
        "3. Älvdalens Hantverksgille – Porfyrverkstaden – 96 500 kr",
        "4. Malungs Skinnföretagarförening – Skinnriket digitalt – 348 000 kr",
        "5. Lima Fiskevårdsområdesförening – Fisketurism i Västerdalälven – 512 300 kr (projekttid 2024-05 – 2026-04)",
    ]
    for r in rows:
        pdf.p(r)
    pdf.p("Summa beviljat vid mötet: 1 561 800 kr.", style="B")
    pdf.h2("Korta beskrivningar")
    pdf.p("Byagården Sälen byter värmesystem och isolerar samlingslokalen så att den kan hållas öppen "
          "året runt. Älvbadet Vansbro anlägger en tillgänglig badplats med brygga och bastu vid älven. "
          "Porfyrverkstaden ger kurser i stenslipning för unga. Skinnriket digitalt bygger en gemensam "
          "webbutik för skinn- och pälshantverkare. Fisketurism i Västerdalälven tar fram fiskekort "
          "online, fiskecamper och utbildning av fiskeguider.")
    pdf.add_page()
    pdf.h2("Övrigt")
    pdf.p("Nästa LAG-möte hålls den 14 maj 2024. Ansökningar som ska behandlas vid det mötet ska "
          "ha kommit in senast den 15 april.")
    pdf.p("Frågor om besluten: Karin Hed, verksamhetsledare, karin.hed@vildmarksriket.se, "
          "0280-152 60 eller 070-398 21 05.")
    pdf.p("Vid protokollet: Karin Hed        Justeras: Olof Backlund, ordförande")
    pdf.output(OUT / "d10_lag-beslut-vildmarksriket.pdf")


def d15_ksau_protokoll():
    pdf = Doc("SOLLEFTEÅ KOMMUN   SAMMANTRÄDESPROTOKOLL   Kommunstyrelsens arbetsutskott   Sammanträdesdatum 2024-04-09",
              "Justerandes sign ........      Utdragsbestyrkande ........")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.h1("Kommunstyrelsens arbetsutskott")
    pdf.label_lines([
        ("Plats och tid:", "Kommunhuset, sammanträdesrum Nipan, kl. 08.30–11.45"),
        ("Beslutande:", "Anders Lidström (S), ordförande; Karin Wallin (C); Mats Ekman (M); Lena Strid (S)"),
        ("Övriga:", "Tomas Berglund, kommundirektör; Therese Olsson, näringslivsstrateg § 87–88; "
                    "Hanna Lund, sekreterare"),
        ("Justerare:", "Mats Ekman (M)"),
        ("Paragrafer:", "§ 85–88"),
    ])
    pdf.h2("§ 85  Val av justerare")
    pdf.p("Arbetsutskottet utser Mats Ekman (M) att jämte ordföranden justera protokollet.")
    pdf.h2("§ 86  Ekonomisk uppföljning per mars 2024")
    pdf.p("Kommundirektören redovisar det ekonomiska utfallet för årets tre första månader. "
          "Arbetsutskottet noterar informationen.")
    pdf.add_page()
    pdf.h2("§ 87  Medfinansiering av projektet Skogsnäringens kompetenscentrum")
    pdf.p("Dnr KS 2024/00214")
    pdf.p("Ärendebeskrivning\nÅngermanlands Skogsutbildning AB har ansökt om kommunal medfinansiering "
          "för projektet Skogsnäringens kompetenscentrum. Projektet ska erbjuda korta utbildningar för "
          "skogsmaskinförare, plantskolearbetare och motormanuell röjning, och bygga upp en "
          "simulatorhall i Sollefteå. Projektperioden är 2024-09-01 – 2027-08-31 och projektets totala "
          "budget är 6 450 000 kronor. Övriga finansiärer är Europeiska socialfonden plus (ESF+) och "
          "Region Västernorrland.")
    pdf.p("Kontaktperson hos projektägaren: Stefan Hägglund, stefan.hagglund@askogsutbildning.se, "
          "0620-177 35.")
    pdf.p("Arbetsutskottets beslut\nKommunstyrelsen föreslås besluta att medfinansiera projektet med "
          "900 000 kronor fördelat på 300 000 kronor per år 2025–2027, under förutsättning att övrig "
          "finansiering beviljas.", style="")
    pdf.p("Beslutet skickas till: Kommunstyrelsen, Ångermanlands Skogsutbildning AB, ekonomienheten")
    pdf.add_page()
    pdf.h2("§ 88  Medfinansiering av projektet Ramsele Servicenod")
    pdf.p("Dnr KS 2024/00231")
    pdf.p("Ärendebeskrivning\nRamsele Utvecklingsförening ideell förening vill inrätta en servicenod i "
          "byns gamla bankhus med paketombud, ett kommunalt servicekontor på deltid och lokaler för "
          "distansarbete. Projektet pågår 2024–2025 och har en total budget på 1 100 000 kronor. "
          "Övrig finansiering: Tillväxtverket 700 000 kronor (beviljat) och föreningens egen insats "
          "250 000 kronor.")
    pdf.p("Kontakt: Berit Sjödin, föreningens ordförande, 0621-100 47.")
    pdf.p("Arbetsutskottets beslut\nArbetsutskottet beslutar att bevilja Ramsele Utvecklingsförening "
          "150 000 kronor ur landsbygdsutvecklingsanslaget för projektet Ramsele Servicenod.")
    pdf.p("Beslutet skickas till: Ramsele Utvecklingsförening, ekonomienheten")
    pdf.output(OUT / "d15_ksau-protokoll-solleftea.pdf")


def d18_slutrapport():
    pdf = Doc("Roslagens Matproducenter ek. för. | Slutrapport | Dnr 3.2.17-04471/2017", "")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.h1("Slutrapport: Skärgårdsmat Roslagen")
    pdf.h2("1. Sammanfattning")
    pdf.p("Skärgårdsmat Roslagen har arbetat för att fler lokala livsmedel från skärgården ska nå "
          "restauranger, butiker och besökare i Norrtälje och Östhammar. Projektet drevs av Roslagens "
          "Matproducenter ekonomisk förening under 2018–2020. Arbetet har skett i nära samarbete med "
          "yrkesfiskare, lammuppfödare och småskaliga grönsaksodlare på öarna.")
    pdf.p("Den totala budgeten uppgick till 1 875 000 kronor. Projektet finansierades genom "
          "landsbygdsprogrammet via Länsstyrelsen i Stockholms län, samt av Norrtälje kommun och "
          "Östhammars kommun som tillsammans bidrog med den offentliga medfinansieringen.")
    pdf.h2("2. Bakgrund")
    pdf.p("Många producenter i skärgården hade svårt att nå ut med sina varor. Transporterna var dyra, "
          "volymerna små och restaurangerna på fastlandet visste ofta inte vad som fanns att köpa. "
          "Samtidigt efterfrågade besökarna lokal mat under sommarsäsongen.")
    pdf.add_page()
    pdf.h2("3. Genomförande och resultat")
    pdf.p("Under projekttiden byggdes en gemensam beställningsportal för 26 producenter, och en "
          "samlastning med båt startades två dagar i veckan under sommarhalvåret. Tolv restauranger "
          "skrev avtal om fasta leveranser. En gemensam varumärkesprofil togs fram och användes på "
          "förpackningar och menyer.")
    pdf.p("Pandemin våren 2020 gjorde att flera restauranger stängde, och projektet ställde i stället "
          "om till hemleveranser av matkassar till fritidshusägare. Det visade sig vara så populärt "
          "att föreningen fortsätter med matkassarna i egen regi efter projektets slut.")
    pdf.h2("4. Fortsättning")
    pdf.p("Beställningsportalen och samlastningen drivs vidare av föreningen med finansiering från "
          "medlemsavgifter och en mindre avgift per leverans.")
    pdf.add_page()
    pdf.h2("5. Kontakt")
    pdf.p("Frågor om rapporten besvaras av föreningens verksamhetsledare Eva Sundqvist, "
          "eva@roslagsmat.se, telefon 0176-22 10 45.")
    pdf.p("Rapporten är godkänd av föreningens styrelse 2021-02-18.")
    pdf.output(OUT / "d18_slutrapport-skargardsmat.pdf")


def table_rows(pdf, widths, rows, bold_first=True):
    """A bordered table; pypdf reads each row back as one line with the columns run together."""
    for n, row in enumerate(rows):
        pdf.set_font("Helvetica", "B" if (n == 0 and bold_first) else "", 9)
        for w, cell in zip(widths, row):
            pdf.cell(w, 6, clean(cell), border=1)
        pdf.ln()
    pdf.ln(3)


def d31_landsbygdsmedel_berg():
    pdf = Doc("BERGS KOMMUN | Kommunstyrelsens arbetsutskott | Beslut 2024-05-14")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.h1("Fördelning av landsbygdsmedel 2024")
    pdf.p("Kommunstyrelsens arbetsutskott beslutade den 14 maj 2024 att fördela 357 500 kronor ur "
          "kommunens landsbygdsmedel till sex lokala projekt. Medlen ska göra byarna mer attraktiva "
          "att bo i och besöka. Totalt kom det in elva ansökningar.")
    table_rows(pdf, (58, 62, 28, 22), [
        ("Sökande", "Projekt", "Ort", "Beviljat (kr)"),
        ("Klövsjö Byalag", "Belysning vid skidspåret", "Klövsjö", "85 000"),
        ("Svenstaviks Hembygdsförening", "Digitalt bildarkiv", "Svenstavik", "42 500"),
        ("Rätans Bygdegårdsförening", "Ny köksutrustning i bygdegården", "Rätan", "60 000"),
        ("Myrvikens IF", "Utegym vid idrottsplatsen", "Myrviken", "95 000"),
        ("Åsarna Skidklubb", "Vallabod för barn och unga", "Åsarna", "35 000"),
        ("Hackås Företagarförening", "Skyltprogram för bygdens företag", "Hackås", "40 000"),
        ("Summa", "", "", "357 500"),
    ])
    pdf.p("Utbetalning sker mot redovisade kostnader. Projekten ska vara genomförda och redovisade "
          "senast ett år efter beslutet.")
    pdf.p("Frågor om beslutet besvaras av landsbygdsutvecklare Tove Granlund, tove.granlund@berg.se, "
          "0687-161 40.")
    pdf.output(OUT / "d31_landsbygdsmedel-berg.pdf")


def d32_lag_umealvsdalen():
    pdf = Doc("Leader Umeälvsdalen | LAG-beslut 2024-09-18", "Leader Umeälvsdalen ideell förening")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.h1("Prioriterade projekt – LAG-möte 18 september 2024")
    pdf.p("LAG i Leader Umeälvsdalen, som omfattar Umeå, Vindeln och Bjurholm, sammanträdde den "
          "18 september 2024 och prioriterade fem projekt. Det formella beslutet om stöd fattas "
          "därefter av Jordbruksverket.")
    pdf.h2("Prioriterade ansökningar")
    entries = [
        ("1. Kulturstigen på Holmön", "Holmöns Byaförening, Umeå kommun",
         "Beviljat stöd: 312 000 kr · Projekttid: 2024-10-01 – 2026-09-30"),
        ("2. Matlänken Vindeln", "Vindelns Lokalmat ekonomisk förening, Vindelns kommun",
         "Beviljat stöd: 450 000 kr · Projekttid: 2024-11-01 – 2026-10-31"),
        ("3. Ungdomsgården i Tavelsjö", "Tavelsjö Byaförening, Umeå kommun",
         "Beviljat stöd: 128 500 kr"),
        ("4. Vandringsled längs Vindelälven", "Åmsele Intresseförening, Vindelns kommun",
         "Beviljat stöd: 265 000 kr · Projekttid: 2025-01-01 – 2025-12-31"),
        ("5. Företagskvällar i Bjurholm", "Bjurholms Företagarförening, Bjurholms kommun",
         "Beviljat stöd: 96 000 kr"),
    ]
    for title, owner, money in entries:
        pdf.set_font("Helvetica", "B", 10.5)
        pdf.multi_cell(0, 5.4, clean(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10.5)
        pdf.multi_cell(0, 5.4, clean(owner), new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 5.4, clean(money).replace("·", "-"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.add_page()
    pdf.h2("Övrigt")
    pdf.p("Nästa LAG-möte hålls den 20 november 2024. Ansökningar till det mötet ska ha kommit in "
          "senast den 15 oktober.")
    pdf.p("Frågor om besluten: verksamhetsledare Malin Ek, malin.ek@umealvsdalen.se, 090-17 42 60.")
    pdf.output(OUT / "d32_lag-beslut-umealvsdalen.pdf")


ALL = {
    "d02": d02_cirkulara_verkstaden,
    "d10": d10_lag_beslut,
    "d15": d15_ksau_protokoll,
    "d18": d18_slutrapport,
    "d31": d31_landsbygdsmedel_berg,
    "d32": d32_lag_umealvsdalen,
}

if __name__ == "__main__":
    import sys

    chosen = sys.argv[1:] or list(ALL)  # e.g. "python make_pdfs.py d31 d32" writes only those
    for key in chosen:
        ALL[key]()
    print(f"wrote {len(chosen)} PDFs to", OUT)
