"""Thumbs up/down on answers, kept as JSON lines in settings.feedback_file."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from stodkollen.errors import UserInputError
from stodkollen.settings import Settings, get_settings

RATINGS = ("up", "down")
_LOCK = threading.Lock()  # one process may serve many sessions; lines must not interleave


def _source_names(sources: list) -> list[str]:
    names = []
    for s in sources or []:
        names.append(s.get("source", "") if isinstance(s, dict) else getattr(s, "source", str(s)))
    return names


def feedback_record(question: str, answer: str, sources: list, rating: str) -> dict:
    """One feedback entry: time (UTC, ISO 8601), question, answer, source names, rating."""
    if rating not in RATINGS:
        raise UserInputError(f"Okänt betyg {rating!r}: använd 'up' eller 'down'.")
    return {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "question": question,
        "answer": answer,
        "sources": _source_names(sources),
        "rating": rating,
    }


def record_feedback(
    question: str, answer: str, sources: list, rating: str, settings: Settings | None = None
) -> dict:
    """Append one rating as a JSON line to the feedback file; returns what was written."""
    entry = feedback_record(question, answer, sources, rating)
    path = (settings or get_settings()).feedback_file
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    with _LOCK:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(line)
    return entry


def export(settings: Settings | None = None, path: Path | None = None) -> Iterator[str]:
    """Every stored feedback line (JSON, without newline), oldest first; none if no file."""
    path = path or (settings or get_settings()).feedback_file
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield line.rstrip("\n")
