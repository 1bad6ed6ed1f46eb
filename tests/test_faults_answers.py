"""Regression tests for answer faults of issue 15 (5: short lines, 6: surnames as places)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.service import Assistant
from stodkollen.settings import AnswerSettings, Settings
from tests.fakes import HashingEmbedder

HOURS = """Företagsservice i Lycksele

Här får du som driver företag råd och stöd av kommunens näringslivsenhet.

Öppettider
Måndag 8–17
Tisdag 8–17
Onsdag 8–12
Fredag 8–15

Rådgivare
Anna Berg 0950-166 01
Olle Ek 0950-166 02
"""


@pytest.fixture
def assistant(tmp_path: Path) -> Assistant:
    page = tmp_path / "sidor" / "foretagsservice.txt"
    page.parent.mkdir()
    page.write_text(HOURS, encoding="utf-8")
    # Refusal is calibrated for e5's cosines and is not what these faults are about: off.
    a = Assistant(
        Settings(home=tmp_path / "home", answer=AnswerSettings(min_dense=0.0, min_coverage=0.0)),
        embedder=HashingEmbedder(),
    )
    a.ingest([str(page.parent)])
    return a


def test_fault5_short_lines_under_a_heading_are_quotable(assistant):
    ans = assistant.ask("Vilka öppettider har företagsservice?")
    assert not ans.refused
    assert ans.answer.strip(), "a retrieved page of short lines must not give an empty answer"
    assert "Måndag 8–17" in ans.answer


def test_fault6_a_surname_that_is_a_kommun_is_no_place(assistant):
    ans = assistant.ask("Anna Berg telefon")
    assert "Jag hittar inget om Berg" not in ans.answer
    assert "0950-166 01" in ans.answer


def test_fault6_a_real_place_still_counts(assistant):
    ans = assistant.ask("Finns det rådgivning i Berg?")
    assert "Jag hittar inget om Berg" in ans.answer and ans.refused
