"""Parsing quality against gold pages: records per page, per-field precision and recall, and
page furniture that leaked into chunks.

A page set is a folder with `gold.jsonl` (one line per page: page, layout, url, records,
furniture) beside the pages; see eval/pages/README.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from ingest.chunking import chunk_project
from ingest.loaders import load_source
from ingest.projects import parse_document
from stodkollen.records import Project
from stodkollen.settings import Settings
from stodkollen.text import fold

# Two titles name the same record when they agree this well (token-set ratio, 0-100):
# tolerant of "Projekt X" against "X", strict enough to keep sibling projects apart.
TITLE_MATCH = 85
# Two organisation names agree at this token-set ratio ("Malå kommun" ~ "Malå kommun,
# näringslivsenheten" does not; "Återbruk Dalarna ek. för." ~ "… ekonomisk förening" does).
NAME_MATCH = 90
FIELDS = ("title", "owner", "period", "budget", "kommun", "funders", "contacts")


def load_gold(folder: Path) -> list[dict]:
    lines = (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def page_paths(folder: Path) -> list[Path]:
    """The pages of a set, as its gold file lists them (not the gold or question files)."""
    return [folder / g["page"] for g in load_gold(folder)]


@dataclass
class Count:
    """Right, predicted and expected values of one field over a page set."""

    right_pred: float = 0.0  # predicted values that are right
    pred: int = 0
    right_gold: float = 0.0  # gold values that were found
    gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.right_pred / self.pred if self.pred else None

    @property
    def recall(self) -> float | None:
        return self.right_gold / self.gold if self.gold else None


@dataclass
class ParsingReport:
    pages: int = 0
    exact_count_pages: int = 0
    fields: dict[str, Count] = field(default_factory=lambda: {f: Count() for f in FIELDS})
    furniture_hits: list[str] = field(default_factory=list)  # "page: string"
    per_page: list[dict] = field(default_factory=list)

    @property
    def exact_count_share(self) -> float:
        return self.exact_count_pages / self.pages if self.pages else 0.0

    def to_dict(self) -> dict:
        return {
            "pages": self.pages,
            "record_count_exact": round(self.exact_count_share, 3),
            "fields": {
                name: {"precision": _r(c.precision), "recall": _r(c.recall), "n_gold": c.gold}
                for name, c in self.fields.items()
            },
            "furniture_hits": self.furniture_hits,
            "per_page": self.per_page,
        }


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def _norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", fold(text or "")))


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b) and fuzz.token_set_ratio(_norm(a), _norm(b)) >= NAME_MATCH


def _digits(phone: str) -> str:
    d = re.sub(r"\D", "", phone)
    return "0" + d[2:] if d.startswith("46") else d


def _match_records(pred: list[Project], gold: list[dict]) -> list[tuple[Project, dict]]:
    """Greedy pairs by title similarity, best first."""
    scored = sorted(
        (
            (fuzz.token_set_ratio(_norm(p.title), _norm(g["title"])), i, j)
            for i, p in enumerate(pred)
            for j, g in enumerate(gold)
        ),
        reverse=True,
    )
    used_p, used_g, pairs = set(), set(), []
    for score, i, j in scored:
        if score < TITLE_MATCH or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((pred[i], gold[j]))
    return pairs


def _score_scalar(c: Count, pred_value, gold_value, same) -> None:
    if pred_value is not None:
        c.pred += 1
    if gold_value is not None:
        c.gold += 1
    if pred_value is not None and gold_value is not None and same(pred_value, gold_value):
        c.right_pred += 1
        c.right_gold += 1


def _score_set(c: Count, pred: list, gold: list, same) -> None:
    c.pred += len(pred)
    c.gold += len(gold)
    c.right_pred += sum(any(same(p, g) for g in gold) for p in pred)
    c.right_gold += sum(any(same(p, g) for p in pred) for g in gold)


def _contact_ok(p, g: dict) -> bool:
    """Same person (name or e-mail), and what the page gives of e-mail and phones is right."""
    same_person = _same_name(p.name, g.get("name")) or (
        p.email and g.get("email") and p.email.lower() == g["email"].lower()
    )
    if not same_person:
        return False
    if (g.get("email") or None) != (p.email or None) and g.get("email"):
        return False
    gold_phones = {_digits(x) for x in g.get("phones") or []}
    pred_phones = {
        _digits(x) for x in (getattr(p, "phones", None) or ([p.phone] if p.phone else []))
    }
    return gold_phones <= pred_phones if gold_phones else True


def score_page(projects: list[Project], gold: dict, report: ParsingReport) -> None:
    records = gold["records"]
    pairs = _match_records(projects, records)
    f = report.fields
    f["title"].pred += len(projects)
    f["title"].gold += len(records)
    f["title"].right_pred += len(pairs)
    f["title"].right_gold += len(pairs)
    matched_pred = {id(p) for p, _ in pairs}
    matched_gold = {id(g) for _, g in pairs}
    # Unmatched records count too: their stated values are wrong, their gold values missed.
    unmatched = [(p, {}) for p in projects if id(p) not in matched_pred]
    unmatched += [(None, g) for g in records if id(g) not in matched_gold]
    for p, g in [*pairs, *unmatched]:
        _score_scalar(f["owner"], p and p.owner, g.get("owner"), _same_name)
        period = (p.period_start, p.period_end) if p and (p.period_start or p.period_end) else None
        gold_period = (
            (g.get("period_start"), g.get("period_end"))
            if g.get("period_start") or g.get("period_end")
            else None
        )
        _score_scalar(f["period"], period, gold_period, lambda a, b: a == b)
        _score_scalar(f["budget"], p and p.budget_sek, g.get("budget_sek"), lambda a, b: a == b)
        _score_set(f["kommun"], p.kommuner if p else [], g.get("kommuner") or [], str.__eq__)
        _score_set(f["funders"], p.funders if p else [], g.get("funders") or [], _same_name)
        _score_set(f["contacts"], p.contacts if p else [], g.get("contacts") or [], _contact_ok)
    report.pages += 1
    report.exact_count_pages += len(projects) == len(records)
    report.per_page.append(
        {
            "page": gold["page"],
            "layout": gold["layout"],
            "records": len(projects),
            "gold_records": len(records),
            "matched": len(pairs),
        }
    )


def furniture_in_chunks(projects: list[Project], strings: list[str], settings: Settings) -> list:
    cfg = settings.ingest
    texts = [
        c.text for p in projects for c in chunk_project(p, "x", cfg.chunk_size, cfg.chunk_overlap)
    ]
    return [s for s in strings if any(s in t for t in texts)]


def evaluate_parsing(folder: Path, settings: Settings) -> ParsingReport:
    report = ParsingReport()
    for gold in load_gold(folder):
        doc = load_source(str(folder / gold["page"]), settings, gold["page"])
        projects = parse_document(doc)
        score_page(projects, gold, report)
        for s in furniture_in_chunks(projects, gold.get("furniture") or [], settings):
            report.furniture_hits.append(f"{gold['page']}: {s}")
    return report


def format_parsing(report: ParsingReport, name: str) -> str:
    d = report.to_dict()
    lines = [
        f"Parsing, {name}: {d['pages']} pages, record count exact on "
        f"{d['record_count_exact']:.2f} of them; furniture strings in chunks: "
        f"{len(d['furniture_hits'])}",
        "",
        "| field | precision | recall | gold values |",
        "|---|---|---|---|",
    ]
    for fname, v in d["fields"].items():
        p = "–" if v["precision"] is None else f"{v['precision']:.2f}"
        r = "–" if v["recall"] is None else f"{v['recall']:.2f}"
        lines.append(f"| {fname} | {p} | {r} | {v['n_gold']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parsing table of one page set, no store and no embedding:
    `python -m eval.parsing eval/pages/dev2 [--pages]`; --pages lists pages with wrong records."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m eval.parsing")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pages", action="store_true", help="list pages with wrong records")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        report = evaluate_parsing(args.folder, Settings(home=Path(home)))
    print(format_parsing(report, args.folder.name))
    if args.pages:
        for p in report.per_page:
            if p["records"] != p["gold_records"] or p["matched"] != p["gold_records"]:
                print(
                    f"{p['page']}: {p['records']} records, {p['gold_records']} in gold, "
                    f"{p['matched']} matched"
                )
    for hit in report.furniture_hits:
        print(f"furniture in a chunk: {hit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
