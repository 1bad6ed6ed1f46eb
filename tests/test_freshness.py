"""Issue 15, fault 4: an edit that keeps the chunk count reaches every reader (store version)."""

from __future__ import annotations

from assistant.service import Assistant
from stodkollen.settings import AnswerSettings, Settings
from tests.fakes import HashingEmbedder

PAGE = """Vindkraft i Testby

Projektet Vindkraft i Testby bygger {n} vindsnurror vid Testsjön i Arjeplogs kommun.
"""


def _assistant(settings: Settings) -> Assistant:
    return Assistant(settings, embedder=HashingEmbedder())


def test_an_edit_that_keeps_the_count_reaches_another_reader(tmp_path):
    page = tmp_path / "sidor" / "vind.txt"
    page.parent.mkdir()
    page.write_text(PAGE.format(n="tre"), encoding="utf-8")
    # Refusal is calibrated for e5's cosines, not the hashing embedder's: off here.
    settings = Settings(home=tmp_path / "home", answer=AnswerSettings(min_dense=0, min_coverage=0))
    writer, reader = _assistant(settings), _assistant(settings)  # separate stores and catalogs
    writer.ingest([str(page.parent)])
    count = writer.store.count()
    assert (
        "tre vindsnurror" in reader.ask("Hur många vindsnurror bygger Vindkraft i Testby?").answer
    )
    page.write_text(PAGE.format(n="fem"), encoding="utf-8")
    assert writer.ingest([str(page.parent)]).updated == 1
    assert writer.store.count() == count  # the count alone cannot tell the reader
    answer = reader.ask("Hur många vindsnurror bygger Vindkraft i Testby?").answer
    assert "fem vindsnurror" in answer and "tre vindsnurror" not in answer
