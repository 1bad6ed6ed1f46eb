"""The first stage: a raw question made safe to process, or a Swedish UserInputError."""

from __future__ import annotations

import re

from stodkollen.errors import UserInputError

# Control characters, and lone surrogates (undecodable bytes from argv or stdin).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def clean_question(question: str, max_chars: int) -> str:
    """Strip control characters and whitespace; reject empty or over-long questions (Swedish)."""
    if question is None or not str(question).strip():
        raise UserInputError("Skriv en fråga först.")
    q = _CONTROL.sub(" ", str(question)).strip()
    if len(q) > max_chars:
        raise UserInputError(f"Frågan är för lång ({len(q)} tecken). Högst {max_chars} tecken.")
    if not re.search(r"\w", q):
        raise UserInputError("Frågan innehåller inga ord. Skriv en fråga med ord.")
    return q
