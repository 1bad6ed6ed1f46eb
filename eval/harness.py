"""Runs the question set through the real assistant, the way a chat user would ask it."""

from __future__ import annotations

from pathlib import Path

from eval.runner import check_thresholds, format_table, load_questions, load_thresholds, run_eval
from stodkollen.records import Answer

EVAL_DIR = Path(__file__).resolve().parent
QUESTIONS = EVAL_DIR / "questions.jsonl"
THRESHOLDS = EVAL_DIR / "thresholds.json"


def make_ask(assistant):
    """ask(question, history, retriever): earlier turns are asked first, as in a conversation."""

    def ask(question: str, history: list[str], retriever: str) -> Answer:
        previous = None
        for turn in history:
            previous = assistant.ask(turn, previous=previous, retriever=retriever)
        return assistant.ask(question, previous=previous, retriever=retriever)

    return ask


def evaluate(
    assistant,
    questions_file: Path = QUESTIONS,
    retrievers=("hybrid", "bm25", "dense"),
    corpus: Path | None = None,
):
    """The evaluation report and its markdown tables; a page set's gold records score claims."""
    claims = None
    if corpus is not None:
        from eval.claims import load_claims
        from ingest.loaders import load_source

        def page_text(path: Path) -> str:
            return load_source(str(path), assistant.settings, path.name).text

        claims = load_claims(corpus, page_text)
    questions = load_questions(questions_file)
    report = run_eval(questions, make_ask(assistant), retrievers=retrievers, claims=claims)
    return report, format_table(report)


def corpus_settings(settings, folder: Path):
    """Settings whose store holds only this page set (its own home; the model is shared)."""
    home = settings.home / "eval-stores" / folder.resolve().name
    return settings.model_copy(update={"home": home, "model_dir": settings.models_dir})


def corpus_items(folder: Path | None) -> list[str] | None:
    """What to ingest for a page set: the pages its gold file lists (None: the sample)."""
    if folder is None:
        return None
    from eval.parsing import page_paths

    return [str(p) for p in page_paths(folder)]


def thresholds_for(folder: Path | None) -> Path:
    """A page set's own thresholds.json, else the sample's."""
    if folder is not None and (folder / "thresholds.json").is_file():
        return folder / "thresholds.json"
    return THRESHOLDS


def gate(report: dict, thresholds_file: Path = THRESHOLDS, retriever: str = "hybrid") -> list[str]:
    """Threshold failures of one retriever (empty when the gate passes)."""
    return check_thresholds(report, load_thresholds(thresholds_file), retriever=retriever)
