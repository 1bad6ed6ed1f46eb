"""Deterministic synthetic Swedish project pages for benchmarks (seeded; no model, no network).

Pages look like data/sample/001: a listing heading, a lead paragraph, then 3-6 projects as
"Title\\n\\nProjektägare: X Projekttid: Y\\n\\nBody…", an optional budget block and a
"Senast uppdaterad" line. Kommun and län names are the real ones from ingest/data/kommuner.csv.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_KOMMUNER_CSV = Path(__file__).resolve().parent.parent / "ingest" / "data" / "kommuner.csv"
_FALLBACK = [
    ("Malå", "Västerbottens län"),
    ("Mora", "Dalarnas län"),
    ("Norsjö", "Västerbottens län"),
    ("Östersund", "Jämtlands län"),
    ("Kristianstad", "Skåne län"),
    ("Motala", "Östergötlands län"),
]

THEMES = [
    ("näringslivsutveckling", "Näringslivsutveckling"),
    ("kompetensförsörjning", "Kompetenslyft"),
    ("besöksnäring", "Besöksnäring"),
    ("digitalisering", "Digitalt först"),
    ("landsbygdsutveckling", "Levande landsbygd"),
    ("inflyttning", "Flytta hit"),
    ("entreprenörskap", "Unga entreprenörer"),
    ("hållbar service", "Hållbar service"),
    ("handel i stadskärnan", "Levande stadskärna"),
    ("cirkulär ekonomi", "Cirkulära företag"),
    ("företagsklimat", "Bättre företagsklimat"),
    ("integration på arbetsmarknaden", "Jobb för alla"),
    ("energiomställning", "Energismart"),
    ("kulturella och kreativa näringar", "Kreativa näringar"),
    ("livsmedelsproduktion", "Lokal mat"),
    ("internationalisering", "Export och tillväxt"),
]
_GROUPS = [
    "små och medelstora företag",
    "unga vuxna",
    "nyanlända",
    "lantbrukare",
    "besöksföretag",
    "kvinnliga företagare",
    "handlare",
    "ideella föreningar",
    "skolor",
    "arbetsgivare",
]
_ACTIVITIES = [
    "workshops",
    "företagsbesök",
    "nätverksträffar",
    "rådgivning",
    "en förstudie",
    "utbildningsinsatser",
    "en digital plattform",
    "mentorprogram",
    "studieresor",
    "en kartläggning av kompetensbehov",
    "en företagsgala",
    "en inflyttarservice",
]
_SENTENCES = [
    "Projektets syfte är att stärka {theme} i {kommun} genom bättre samverkan mellan kommun, "
    "näringsliv och ideell sektor.",
    "Syftet med projektet är att skapa fler konkurrenskraftiga och växande företag och fler "
    "arbetstillfällen i {lan}.",
    "Målgruppen är {group} i {kommun} och närliggande kommuner.",
    "Inom projektet genomförs {activity} och {activity2} för att utveckla {theme}.",
    "Projektet drivs av {owner} tillsammans med {partner} och finansieras av Tillväxtverket.",
    "Erfarenheterna från projektet ska spridas till andra kommuner i {lan} och användas i det "
    "regionala tillväxtarbetet.",
    "En viktig del är att utveckla arbetssätt, verktyg och metoder som lever vidare efter "
    "projekttiden.",
    "Under projekttiden har {count} {group} deltagit i {activity}.",
    "Resultaten följs upp årligen och redovisas till kommunstyrelsen i {kommun}.",
    "Projektet ska bidra till en långsiktigt hållbar tillväxt som är både socialt, ekologiskt "
    "och ekonomiskt hållbar.",
    "Samarbetet med {partner} gör det möjligt att nå {group} som kommunen annars har svårt att nå.",
    "Genom {activity} får företagen stöd i frågor om {theme} och kompetensutveckling.",
]
_WORD = re.compile(r"\w+")
_MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


@dataclass
class SyntheticProject:
    title: str
    kommun: str
    lan: str
    owner: str
    period: str
    start_year: int
    theme: str
    budget_sek: int | None


@dataclass
class SyntheticPage:
    name: str
    text: str
    projects: list[SyntheticProject]


def load_kommuner() -> list[tuple[str, str]]:
    """(kommun, län) pairs from ingest/data/kommuner.csv, or a short built-in list."""
    if not _KOMMUNER_CSV.exists():
        return list(_FALLBACK)
    with _KOMMUNER_CSV.open(encoding="utf-8") as f:
        return [(r["kommun"], r["lan"]) for r in csv.DictReader(f) if r.get("kommun")]


def genitive(name: str) -> str:
    return name if name[-1] in "sxz" else name + "s"


def region_name(lan: str) -> str:
    """'Västerbottens län' -> 'Västerbotten' (as in 'Region Västerbotten')."""
    return lan.removesuffix(" län").removesuffix("s")


def format_budget(amount: int) -> str:
    """624602 -> '624 602 kr' (Swedish thousands separator)."""
    return f"{amount:,}".replace(",", " ") + " kr"


class PageGenerator:
    """Seeded generator: the same seed always gives the same pages."""

    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)
        self.kommuner = load_kommuner()

    def period(self) -> tuple[str, int]:
        """A project period in one of the messy forms the real pages use, and its start year."""
        r = self.rng
        y1 = r.randint(2008, 2024)
        y2 = y1 + r.randint(1, 3)
        m1, m2 = r.randint(1, 12), r.randint(1, 12)
        forms = [
            f"{y1}{m1:02d} — {y2}{m2:02d}",
            f"{y1}-{m1:02d} — {y2}-{m2:02d}",
            f"{y1}–{y2}",
            f"1/{m1} {y1} – {r.randint(28, 30)}/{m2} {y2}",
            f"{y1}-{y2}",
            f"{r.randint(1, 28)} {_MONTHS[m1 - 1]} {y1} – "
            f"{r.randint(1, 28)} {_MONTHS[m2 - 1]} {y2}",
        ]
        return r.choice(forms), y1

    def owner(self, kommun: str, lan: str) -> str:
        r = self.rng
        forms = [
            f"{genitive(kommun)} kommun",
            f"{genitive(kommun)} kommun",
            f"Region {region_name(lan)}",
            f"Länsstyrelsen i {region_name(lan)}",
            f"{kommun} Näringsliv AB",
            f"Företagarna {kommun}",
            f"Industriellt Utvecklingscentrum i {kommun} AB",
            "Coompanion",
        ]
        return r.choice(forms)

    def title(self, kommun: str, theme: tuple[str, str]) -> str:
        r = self.rng
        word, label = theme
        forms = [
            f"{label} i {kommun}",
            f"{label} — {word} för framtiden",
            f"Projekt {label}",
            f"{label} {kommun} {r.randint(2, 9)}.0",
            f"Utveckla {word} i {kommun}",
            f"{label} ({word} i samverkan)",
        ]
        return r.choice(forms)

    def body(self, project: SyntheticProject, partner: str) -> str:
        r = self.rng
        n = r.randint(3, 9)
        picked = r.sample(_SENTENCES, k=min(n, len(_SENTENCES)))
        acts = r.sample(_ACTIVITIES, 2)
        slots = {
            "theme": project.theme,
            "kommun": project.kommun,
            "lan": project.lan,
            "owner": project.owner,
            "partner": partner,
            "group": r.choice(_GROUPS),
            "activity": acts[0],
            "activity2": acts[1],
            "count": r.randint(12, 240),
        }
        first = [s.format(**slots) for s in picked]
        split = r.randint(1, len(first))  # one or two paragraphs
        paras = [" ".join(first[:split]), " ".join(first[split:])]
        return "\n\n".join(p for p in paras if p)

    def place(self, home: tuple[str, str]) -> tuple[str, str]:
        """Mostly the page's own kommun, else one in the same län, sometimes anywhere."""
        r, roll = self.rng, self.rng.random()
        if roll < 0.5:
            return home
        if roll < 0.85:
            return r.choice([k for k in self.kommuner if k[1] == home[1]])
        return r.choice(self.kommuner)

    def project(self, home: tuple[str, str]) -> tuple[SyntheticProject, str]:
        """One project record and its text block."""
        r = self.rng
        kommun, lan = self.place(home)
        theme = r.choice(THEMES)
        period, start = self.period()
        owner = self.owner(kommun, lan)
        budget = r.randint(150, 9000) * 1000 + r.randint(0, 999) if r.random() < 0.5 else None
        p = SyntheticProject(
            self.title(kommun, theme), kommun, lan, owner, period, start, theme[0], budget
        )
        label = r.choice(["Projekttid", "Projekttid", "Projektperiod"])
        lines = [
            p.title,
            f"Projektägare: {owner} {label}: {period}",
            self.body(p, self._partner(lan)),
        ]
        if budget:
            share = r.choice([50, 60, 70, 80])
            lines.append(
                f"Finansiering: Total budget {format_budget(budget)}\n"
                f"Tillväxtverket {share}%\n{genitive(kommun)} kommun {100 - share}%"
            )
        return p, "\n\n".join(lines)

    def _partner(self, lan: str) -> str:
        return self.rng.choice(
            [
                f"Region {region_name(lan)}",
                "Almi",
                "Företagarna",
                "Arbetsförmedlingen",
                "Nyföretagarcentrum",
                "det lokala näringslivet",
                "grannkommunerna",
            ]
        )

    def page(self, index: int) -> SyntheticPage:
        """One listing page with 3-6 projects."""
        r = self.rng
        home_place = r.choice(self.kommuner)
        projects, blocks = [], []
        for _ in range(r.randint(3, 6)):
            p, block = self.project(home_place)
            projects.append(p)
            blocks.append(block)
        home = home_place[0]
        lead = (
            f"{genitive(home)} kommun arbetar för att stärka företagens konkurrenskraft. Här "
            "finns projekt som kommunen äger eller medfinansierar, med projektägare och "
            "projekttid för varje projekt."
        )
        date = f"{r.randint(1, 28)} {r.choice(_MONTHS)} {r.randint(2013, 2025)}"
        heading = r.choice(["Pågående projekt", "Avslutade projekt", "Projekt"])
        text = "\n\n".join([heading, lead, *blocks, f"Senast uppdaterad: {date}"]) + "\n"
        return SyntheticPage(f"syn_{index:06d}.txt", text, projects)


def generate_pages(n_pages: int, seed: int = 0) -> list[SyntheticPage]:
    """`n_pages` pages; page i is the same for a given seed whatever n_pages is."""
    gen = PageGenerator(seed)
    return [gen.page(i) for i in range(n_pages)]


def write_corpus(out_dir: Path, n_pages: int, seed: int = 0) -> list[SyntheticPage]:
    """Write `n_pages` pages as UTF-8 .txt files into `out_dir` and return them."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = generate_pages(n_pages, seed)
    for page in pages:
        (out_dir / page.name).write_text(page.text, encoding="utf-8")
    return pages


def questions(pages: list[SyntheticPage], n: int = 30, seed: int = 1) -> list[str]:
    """Questions whose answers are in the pages: owner, period, budget, topic in a kommun."""
    r = random.Random(seed)
    projects = [p for page in pages for p in page.projects]
    out = []
    for _ in range(n):
        p = r.choice(projects)
        forms = [
            f"Vem är projektägare för {p.title}?",
            f"Vilka projekt om {p.theme} finns i {p.kommun}?",
            f"När pågick projektet {p.title}?",
            f"Vad är syftet med {p.title}?",
            f"Finns det projekt om {p.theme} i {p.lan}?",
        ]
        if p.budget_sek:
            forms.append(f"Hur stor är budgeten för {p.title}?")
        out.append(r.choice(forms))
    return out


class ProjectionEmbedder:
    """Fast stand-in for the model at sizes it cannot embed in time: hashed words mapped to fixed
    random 384-d vectors (a random projection of bag-of-words), summed and normalised."""

    name = "stand-in-random-projection"

    def __init__(self, dim: int = 384, seed: int = 0):
        self.dim, self.seed = dim, seed
        self._words: dict[str, np.ndarray] = {}

    def _word(self, word: str) -> np.ndarray:
        vec = self._words.get(word)
        if vec is None:
            key = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
            vec = np.random.default_rng(key ^ self.seed).standard_normal(self.dim, np.float32)
            self._words[word] = vec
        return vec

    def _vec(self, text: str) -> np.ndarray:
        words = _WORD.findall(text.lower())
        if not words:
            return np.zeros(self.dim, np.float32)
        v = np.sum([self._word(w) for w in words], axis=0)
        return v / (np.linalg.norm(v) or 1.0)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self._vec(t) for t in texts]).astype(np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.embed_passages(texts)
