"""Refusal calibration: the evidence scores of answerable and out-of-corpus questions.

`python -m eval.calibrate [--corpus eval/pages/dev] [--questions FILE ...]` prints, per
question group, the best dense cosine and the lexical coverage that the refusal test sees, so
thresholds are set between the two distributions rather than guessed.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from assistant.intent import classify
from assistant.places import village_terms
from assistant.refusal import evidence
from eval import harness
from eval.runner import load_questions
from stodkollen.records import Filters
from stodkollen.settings import get_settings

EVIDENCE_HITS = 3  # as the answer path looks at them


def scores(assistant, questions: list[dict]) -> list[dict]:
    out = []
    for q in questions:
        if q.get("history"):
            continue  # follow-ups are judged with their previous answer, not alone
        hits = assistant.retriever.search(q["question"], Filters())
        snap = assistant.catalog.snapshot()
        places = village_terms(q["question"], snap)
        ev = evidence(q["question"], hits[:EVIDENCE_HITS], snap.lexical, places)
        out.append(
            {
                "id": q["id"],
                "answerable": bool(q["expected_sources"]),
                "english": classify(q["question"]).english,
                "dense": ev.best_dense,
                "coverage": ev.coverage,
            }
        )
    return out


def describe(rows: list[dict], key: str) -> str:
    vals = sorted(r[key] for r in rows if r[key] is not None)
    if not vals:
        return "–"
    q = statistics.quantiles(vals, n=10) if len(vals) > 1 else vals
    med = statistics.median(vals)
    return f"min {vals[0]:.3f}  p10 {q[0]:.3f}  median {med:.3f}  max {vals[-1]:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--questions", type=Path, nargs="*")
    args = ap.parse_args()
    settings = get_settings()
    if args.corpus:
        settings = harness.corpus_settings(settings, args.corpus)
    from assistant.service import Assistant

    assistant = Assistant(settings)
    assistant.ingest(harness.corpus_items(args.corpus), prune=args.corpus is not None)
    files = args.questions or [
        args.corpus / "questions.jsonl" if args.corpus else harness.QUESTIONS
    ]
    rows = [r for f in files for r in scores(assistant, load_questions(f))]
    for label, pick in (
        ("answerable, Swedish", lambda r: r["answerable"] and not r["english"]),
        ("answerable, English", lambda r: r["answerable"] and r["english"]),
        ("out of corpus", lambda r: not r["answerable"]),
    ):
        group = [r for r in rows if pick(r)]
        print(f"{label} (n={len(group)})")
        print(f"  dense    {describe(group, 'dense')}")
        print(f"  coverage {describe(group, 'coverage')}")
    for r in sorted(rows, key=lambda r: (r["answerable"], -(r["dense"] or 0))):
        print(
            f"  {r['id']:12} {'A' if r['answerable'] else 'O'} {'en' if r['english'] else 'sv'}"
            f" dense {r['dense'] or 0:.3f} coverage {r['coverage']:.2f}"
        )


if __name__ == "__main__":
    main()
