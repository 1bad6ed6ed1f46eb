"""Unit tests of the logic around the model: fusion, filters, sentence units, intents."""

from __future__ import annotations

import pytest

from assistant import compose
from assistant.intent import classify
from assistant.retrieve import matches, rrf, where_clause
from assistant.service import Assistant, clean_question
from assistant.types import Filters, Source
from index.lexical import LexicalIndex, fold, terms
from stodkollen.errors import UserInputError
from stodkollen.settings import AnswerSettings, Settings
from tests.conftest import SAMPLE
from tests.fakes import HashingEmbedder


def test_rrf_rewards_agreement():
    fused = rrf([["a", "b", "c"], ["b", "c", "a"]], k=60)
    assert max(fused, key=fused.get) == "b"
    assert fused["a"] == pytest.approx(1 / 61 + 1 / 63)


def test_filters_match_and_where_agree():
    md = {
        "kommun:Malå": True,
        "lan:Västerbottens län": True,
        "source": "002.txt",
        "start_year": 2022,
        "end_year": 2024,
    }
    assert matches(md, Filters(kommun="Malå", from_year=2023, to_year=2030))
    assert not matches(md, Filters(kommun="Mora"))
    assert not matches(md, Filters(from_year=2025))
    assert not matches(md, Filters(to_year=2021))
    assert matches({"source": "x"}, Filters(from_year=2020))  # no period: not filtered out
    assert where_clause(Filters(kommun="Malå", lan="Västerbottens län")) == {
        "$and": [{"kommun:Malå": True}, {"lan:Västerbottens län": True}]
    }
    assert where_clause(Filters()) is None


def test_folding_and_stemming_meet_misspellings():
    assert fold("Malå Östersund") == "mala ostersund"
    assert set(terms("projektagare Ornskoldsvik")) == set(terms("Projektägare Örnsköldsvik"))


def test_lexical_coverage_ignores_places():
    idx = LexicalIndex(["Projektet stärker företag i Malå", "Bygglov handläggs av kommunen"])
    assert idx.coverage("företag i Kiruna") == 1.0  # Kiruna is a place, judged elsewhere
    assert idx.coverage("carport skatt") == 0.0
    assert idx.search("foretag", 2)[0][0] == 0


def test_units_keep_a_list_with_its_intro():
    text = (
        "Urval av aktiviteter\n\n- Sommarlovsentreprenör för unga.\n"
        "- Utbildning i upphandling.\n\nSlut här nu."
    )
    units = compose.units(text)
    assert units[0].startswith("Urval av aktiviteter: Sommarlovsentreprenör för unga; Utbildning")
    assert compose.is_list_unit(units[0])
    assert units[1] == "Slut här nu."


def test_cite_numbers_every_sentence():
    src = Source(2, "a.txt", "A", 1.0, "Ett. Två.")
    assert (
        compose.cite([(src, "Första meningen"), (src, "Andra?")])
        == "Första meningen. [2] Andra? [2]"
    )
    assert src.cited_sentences == ["Första meningen.", "Andra?"]


def test_field_sentences_and_formats():
    md = {
        "title": "X",
        "budget_sek": 624602,
        "period_start": "2012-03",
        "period_end": "2014-10",
        "period_raw": "201203 — 201410",
        "owner": "Lycksele kommun",
    }
    assert compose.format_sek(624602) == "624 602 kr"
    assert compose.field_sentence("budget", md, 1) == "Budget för X: 624 602 kr. [1]"
    assert "2012-03 – 2014-10 (201203 — 201410)" in compose.field_sentence("period", md, 1)
    assert compose.field_sentence("contacts", md, 1) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Vem var projektägare för Håll ut?", {"fields": ["owner"]}),
        ("Vad kostar Medskapande processer?", {"fields": ["budget"]}),
        ("Vem kan jag kontakta om SHiMR?", {"fields": ["contacts"]}),
        ("Vilka kommuner ingår i Region 10?", {"is_list": True}),
        ("Finns det liknande projekt som FRONT?", {"is_similar": True}),
        ("och vem ägde det?", {"maybe_followup": True}),
        ("Finns det rådgivning i Malå?", {"maybe_followup": False}),
        ("How many inhabitants does Norsjö have?", {"english": True}),
        ("Hur många invånare har Norsjö?", {"english": False}),
    ],
)
def test_intents(question, expected):
    intent = classify(question)
    for key, value in expected.items():
        assert getattr(intent, key) == value, (question, key)


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x01", "!!! ???", "x" * 2001])
def test_bad_questions_get_swedish_errors(bad):
    with pytest.raises(UserInputError) as err:
        clean_question(bad, 2000)
    assert any(w in str(err.value) for w in ("fråga", "Frågan"))


def test_assistant_logic_with_fake_embedder(tmp_path):
    """The whole ask path over real Chroma with a deterministic embedder."""
    # The dense floor is calibrated for e5's cosines; hashed bags of words score lower.
    settings = Settings(home=tmp_path, answer=AnswerSettings(min_dense=0.0))
    a = Assistant(settings, embedder=HashingEmbedder())
    a.ingest([str(SAMPLE)])
    ans = a.ask("Vem var projektägare för Håll ut?")
    assert "Industriellt Utvecklingscentrum i Kalmar AB [1]" in ans.answer.replace(".", "")
    assert ans.sources[0].title == "Håll ut"
    refused = a.ask("Vad kostar bygglov för en carport?")
    assert refused.refused and refused.sources == []
