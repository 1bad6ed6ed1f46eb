"""Run an evaluation question set against the assistant and report, tabulate and gate the metrics.

A question file is JSON Lines, one object per line:
  id, question, kind, expected_sources (file names), facts (regexes), and optionally
  expected_titles (project titles on a multi-project page) and history (earlier user turns).
A question with no expected_sources is out of corpus: the assistant should refuse it.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from eval.metrics import METRIC_KEYS, score_answer, summarize
from stodkollen.errors import UserInputError
from stodkollen.records import Answer

Ask = Callable[[str, list[str], str], Answer]

_REQUIRED = {"id": str, "question": str, "kind": str, "expected_sources": list, "facts": list}
_OPTIONAL_LISTS = ("expected_titles", "history")
_FIELDS = ("owner", "budget", "period", "funders", "contact")


class QuestionFileError(UserInputError):
    """A question file line that does not follow the format; the message names line and field."""


def load_questions(path: str | Path) -> list[dict]:
    """Read and validate a JSON Lines question file; errors name the line and the field."""
    path = Path(path)
    questions: list[dict] = []
    first_line_of: dict[str, int] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QuestionFileError(f"{path}: filen kan inte läsas ({e})") from e
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name} rad {lineno}"
        question = _parse_line(line, where)
        _validate(question, where)
        if question["id"] in first_line_of:
            first = first_line_of[question["id"]]
            raise QuestionFileError(f"{where}: id '{question['id']}' finns redan på rad {first}")
        first_line_of[question["id"]] = lineno
        questions.append(question)
    if not questions:
        raise QuestionFileError(f"{path.name}: filen innehåller inga frågor")
    return questions


def _parse_line(line: str, where: str) -> dict:
    """Parse one line as a JSON object."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as e:
        raise QuestionFileError(f"{where}: ogiltig JSON ({e.msg}, kolumn {e.colno})") from e
    if not isinstance(value, dict):
        raise QuestionFileError(f"{where}: raden ska vara ett JSON-objekt")
    return value


def _validate(q: dict, where: str) -> None:
    """Check fields, types, regexes and that out-of-corpus questions carry no expectations."""
    for name, kind in _REQUIRED.items():
        if name not in q:
            raise QuestionFileError(f"{where}: fältet '{name}' saknas")
        if not isinstance(q[name], kind) or (kind is str and not q[name].strip()):
            expected = "en icke-tom sträng" if kind is str else "en lista"
            raise QuestionFileError(f"{where}: fältet '{name}' ska vara {expected}")
    for name in ("expected_sources", "facts", *_OPTIONAL_LISTS):
        value = q.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise QuestionFileError(f"{where}: fältet '{name}' ska vara en lista med strängar")
    _check_regexes(q["facts"], where)
    if "field" in q and (q["field"] not in _FIELDS or "value" not in q):
        raise QuestionFileError(f"{where}: 'field' ska vara en av {', '.join(_FIELDS)} med 'value'")
    if not q["expected_sources"]:
        for name in ("facts", "expected_titles"):
            if q.get(name):
                raise QuestionFileError(f"{where}: fältet '{name}' kräver expected_sources")
    elif q["kind"] == "out_of_corpus":
        raise QuestionFileError(f"{where}: out_of_corpus ska ha tom 'expected_sources'")


def _check_regexes(facts: list[str], where: str) -> None:
    """Every fact must compile as a Python regular expression."""
    for fact in facts:
        try:
            re.compile(fact)
        except re.error as e:
            message = f"{where}: fältet 'facts' har ogiltigt regex {fact!r}: {e}"
            raise QuestionFileError(message) from e


def run_eval(
    questions: Sequence[dict],
    ask: Ask,
    retrievers: Sequence[str] = ("hybrid", "bm25", "dense"),
    on_result: Callable[[str, dict], None] | None = None,
    claims=None,
) -> dict:
    """Ask every question with every retriever; return per-question, per-kind and overall scores.

    on_result(retriever, record) is called after each question, e.g. for a progress bar.
    """
    report: dict = {"n_questions": len(questions), "retrievers": {}}
    for retriever in retrievers:
        records = []
        for question in questions:
            record = _ask_and_score(question, ask, retriever, claims)
            records.append(record)
            if on_result:
                on_result(retriever, record)
        report["retrievers"][retriever] = {
            "overall": summarize(records),
            "by_kind": _by_kind(records),
            "questions": records,
        }
    return report


def _ask_and_score(question: dict, ask: Ask, retriever: str, claims=None) -> dict:
    """Time one ask() and score it; an exception is recorded as an empty, unrefused answer."""
    error = None
    start = time.perf_counter()
    try:
        answer = ask(question["question"], list(question.get("history", [])), retriever)
    except Exception as e:  # one failing question must not lose the whole run
        error = f"{type(e).__name__}: {e}"
        answer = Answer(question=question["question"], answer="", refused=False)
    latency_ms = (time.perf_counter() - start) * 1000
    record = score_answer(question, answer, latency_ms, claims)
    record["error"] = error
    return record


def _by_kind(records: Sequence[dict]) -> dict[str, dict]:
    """Summaries per question kind, in order of first appearance."""
    kinds = dict.fromkeys(r["kind"] for r in records)
    return {k: summarize([r for r in records if r["kind"] == k]) for k in kinds}


_COLUMNS = (
    ("hit@1", "hit@1"),
    ("hit@5", "hit@5"),
    ("mrr", "MRR"),
    ("fact_recall", "fact recall"),
    ("citation_validity", "cit. validity"),
    ("citation_precision", "cit. precision"),
    ("ooc_refusal", "OOC refusal"),
    ("false_refusals", "false refusals"),
    ("field_accuracy", "field acc."),
    ("wrong_claim_rate", "wrong claims"),
    ("latency_p50_ms", "p50 ms"),
    ("latency_p95_ms", "p95 ms"),
)


def format_table(report: dict) -> str:
    """Markdown: one row per retriever, then one row per question kind for the first retriever."""
    retrievers = report["retrievers"]
    if not retrievers:
        return "(inga resultat)"
    rows = [[name, *_cells(r["overall"])] for name, r in retrievers.items()]
    lines = _markdown(["retriever", *(label for _, label in _COLUMNS)], rows)
    first = next(iter(retrievers))
    by_kind = retrievers[first]["by_kind"]
    kind_rows = [[kind, str(s["n"]), *_cells(s)] for kind, s in by_kind.items()]
    lines += ["", f"Per kind ({first}):", ""]
    lines += _markdown(["kind", "n", *(label for _, label in _COLUMNS)], kind_rows)
    errors = {name: r["overall"]["errors"] for name, r in retrievers.items()}
    if any(errors.values()):
        failed = ", ".join(f"{name}: {n}" for name, n in errors.items() if n)
        lines += ["", f"Frågor som gav fel (räknas som missar): {failed}"]
    return "\n".join(lines)


def _cells(summary: dict) -> list[str]:
    """Format one summary's metrics: rates with two decimals, milliseconds as integers."""
    cells = []
    for key, _ in _COLUMNS:
        value = summary[key]
        if value is None:
            cells.append("–")
        elif key.endswith("_ms"):
            cells.append(f"{value:.0f}")
        else:
            cells.append(f"{value:.2f}")
    return cells


def _markdown(header: list[str], rows: list[list[str]]) -> list[str]:
    """Lines of a markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def check_thresholds(report: dict, thresholds: dict, retriever: str = "hybrid") -> list[str]:
    """Failure messages such as "hit@5 0.91 < 0.95"; empty when every threshold holds.

    thresholds is {"min": {metric: floor}, "max": {metric: ceiling}}; a metric that could not be
    measured (None, e.g. no out-of-corpus questions in the set) is skipped.
    """
    unknown = set(thresholds) - {"min", "max", "description"}
    if unknown:
        raise ValueError(f"okända nycklar i tröskelvärdena: {sorted(unknown)}")
    if retriever not in report["retrievers"]:
        raise ValueError(f"retrievern '{retriever}' finns inte i rapporten")
    overall = report["retrievers"][retriever]["overall"]
    failures = []
    for direction, op in (("min", "<"), ("max", ">")):
        for key, bound in thresholds.get(direction, {}).items():
            if key not in METRIC_KEYS:
                raise ValueError(f"okänt mått i tröskelvärdena: '{key}'")
            value = overall[key]
            if value is None:
                continue
            if (value < bound) if direction == "min" else (value > bound):
                failures.append(f"{key} {_num(value)} {op} {_num(bound)}")
    return failures


def load_thresholds(path: str | Path) -> dict:
    """Read a thresholds JSON file ({"min": {...}, "max": {...}})."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _num(value: float) -> str:
    """A short number for messages: 0.91, 0.947, 1."""
    return f"{round(value, 3):g}"
