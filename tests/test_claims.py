"""The wrong-claim and field scorers of the evaluation (eval/claims.py)."""

from __future__ import annotations

from eval.claims import ClaimIndex, field_correct

GOLD = [
    {
        "page": "a.html",
        "records": [
            {"title": "Sjöboden", "owner": "Byaföreningen", "budget_sek": 780000,
             "period_start": "2025-02", "period_end": "2026-10", "contacts": []},
        ],
    },
    {
        "page": "b.html",
        "records": [
            {"title": "Hamnkontoret", "owner": "Hamnbolaget", "budget_sek": 1200000,
             "period_start": "2025-01", "period_end": "2026-08",
             "contacts": [{"name": "Eva Lind", "email": "eva@hamn.se", "phones": []}]},
        ],
    },
]  # fmt: skip
TEXTS = {
    "a.html": "20 januari 2025 – Nu drar vi igång. Sjöboden kostar 780 000 kr. "
    "Stödet är högst 200 000 kr.",
    "b.html": "Hamnkontoret, 1,2 miljoner kronor, januari 2025 – augusti 2026.",
}
QUESTION = {"expected_sources": ["a.html"], "expected_titles": ["Sjöboden"]}


def test_another_projects_values_are_wrong_claims():
    index = ClaimIndex(GOLD, TEXTS)
    wrong = index.wrong_claims(QUESTION, "Budgeten är 1,2 miljoner kr, kontakt eva@hamn.se.")
    assert wrong == ["belopp 1200000 (Hamnkontoret)", "e-post eva@hamn.se (Hamnkontoret)"]


def test_values_the_expected_page_states_are_not_wrong():
    index = ClaimIndex(GOLD, TEXTS)
    # "januari 2025" is also Hamnkontoret's start, but the asked page states it itself
    answer = "20 januari 2025 – Nu drar vi igång: högst 200 000 kr, budget 780 000 kr."
    assert index.wrong_claims(QUESTION, answer) == []
    assert index.wrong_claims(QUESTION, "Det pågår till augusti 2026.") == [
        "datum 2026-08 (Hamnkontoret)"
    ]


def test_field_correct_reads_the_gold_value():
    budget = {"field": "budget", "value": 780000}
    assert field_correct(budget, "Budgeten är 780 000 kr.")
    assert not field_correct(budget, "Budgeten är 1,2 Mkr.")
    period = {"field": "period", "value": "2025-02/2026-10"}
    assert field_correct(period, "Från februari 2025 till oktober 2026.")
    assert field_correct({"field": "owner", "value": "Byaföreningen"}, "Byaföreningen driver det.")
    assert field_correct({}, "x") is None


def test_the_expected_projects_funders_are_not_another_projects_names():
    gold = [
        {"page": "a.html", "records": [{"title": "Äppelgården", "funders": ["Tingsryds kommun"]}]},
        {"page": "b.html", "records": [{"title": "Skolan", "owner": "Tingsryds kommun"}]},
    ]
    index = ClaimIndex(gold, {"a.html": "Kommunen betalar.", "b.html": "Tingsryds kommun äger."})
    question = {"expected_sources": ["a.html"], "expected_titles": ["Äppelgården"]}
    assert index.wrong_claims(question, "Finansiärer: Tingsryds kommun.") == []
