"""The evaluation runner and metrics on hand-made answers, and the shape of the bundled set."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from eval.metrics import cited_numbers, percentile, title_matches
from eval.runner import (
    QuestionFileError,
    check_thresholds,
    format_table,
    load_questions,
    load_thresholds,
    run_eval,
)
from stodkollen.records import REFUSAL, Answer, Project, Source

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
QUESTIONS = ROOT / "eval" / "questions.jsonl"
THRESHOLDS = ROOT / "eval" / "thresholds.json"
KINDS = {
    "factoid",
    "field",
    "list",
    "local",
    "similar",
    "followup",
    "english",
    "keyword",
    "nodiacritics",
    "out_of_corpus",
}
MALA = "002_a2ead99e0bb57481.txt"
NORSJO = "003_b4cd6cbfee5ded9c.txt"
MORA = "000_861bb95524c07e0b.txt"


def src(n: int, source: str, title: str = "T") -> Source:
    return Source(n=n, project=Project(source, 0, title), score=1.0 / n, text="...")


def question(qid: str, expected=(MALA,), facts=(), kind="factoid", **extra) -> dict:
    q = {"id": qid, "question": qid, "kind": kind, "expected_sources": list(expected)}
    return q | {"facts": list(facts)} | extra


def run_one(q: dict, answer: Answer, retrievers=("hybrid",)) -> tuple[dict, dict]:
    """Run the runner on one question with a fake ask; return (record, overall)."""
    report = run_eval([q], lambda question, history, retriever: answer, retrievers)
    result = report["retrievers"][retrievers[0]]
    return result["questions"][0], result["overall"]


def answer(text: str, sources: list[Source], refused: bool = False) -> Answer:
    return Answer(question="q", answer=text, refused=refused, sources=sources)


# --- retrieval ranks -------------------------------------------------------------------------


def test_hit_and_reciprocal_rank_at_rank_two():
    record, _ = run_one(question("q1"), answer("x [1]", [src(1, MORA), src(2, MALA)]))
    assert (record["hit@1"], record["hit@5"], record["reciprocal_rank"]) == (False, True, 0.5)


def test_expected_source_at_rank_six_misses_hit_at_five():
    sources = [src(i, MORA) for i in range(1, 6)] + [src(6, MALA)]
    record, _ = run_one(question("q1"), answer("x", sources))
    assert record["rank"] == 6 and record["hit@5"] is False
    assert record["reciprocal_rank"] == pytest.approx(1 / 6)


def test_no_expected_source_gives_zero_reciprocal_rank():
    record, overall = run_one(question("q1"), answer("x", [src(1, MORA)]))
    assert record["reciprocal_rank"] == 0.0 and overall["mrr"] == 0.0


def test_expected_titles_reject_other_project_on_same_page():
    q = question("q1", expected_titles=["Move up North"])
    sources = [src(1, MALA, "Medskapande processer"), src(2, MALA, "Projekt Move up North")]
    record, _ = run_one(q, answer("x", sources))
    assert record["rank"] == 2


def test_title_matching_is_tolerant_but_not_empty():
    assert title_matches("Många vägar in — tillväxt", "MÅNGA VÄGAR IN - tillväxt och mer")
    assert title_matches("Utveckla företagsklimatet", "Projekt ”Utveckla företagsklimatet” – x")
    assert title_matches("Projekt Move up North", "Move up North")
    assert not title_matches("Projekt Move up North", "Projekt")
    assert not title_matches("Håll ut", "")


def test_mrr_is_averaged_over_answerable_questions_only():
    qs = [question("a"), question("b"), question("c", expected=[], kind="out_of_corpus")]
    answers = {
        "a": answer("x", [src(1, MALA)]),
        "b": answer("x", [src(1, MORA), src(2, MORA), src(3, MORA), src(4, MALA)]),
        "c": answer(REFUSAL, [], refused=True),
    }
    report = run_eval(qs, lambda q, h, r: answers[q], ("bm25",))
    overall = report["retrievers"]["bm25"]["overall"]
    assert overall["mrr"] == pytest.approx((1 + 0.25) / 2)
    assert overall["hit@1"] == 0.5 and overall["hit@5"] == 1.0


# --- facts and citations ---------------------------------------------------------------------


def test_fact_recall_counts_regex_matches_case_insensitively():
    q = question("q1", facts=[r"624\s?602", "sandor lindström", "Europeiska socialfonden"])
    text = "Total budget 624 602kr [1]. Kontakt: Sandor Lindström [1]."
    record, _ = run_one(q, answer(text, [src(1, MALA)]))
    assert record["fact_recall"] == pytest.approx(2 / 3)
    assert record["missed_facts"] == ["Europeiska socialfonden"]


def test_citation_to_missing_source_is_invalid():
    sources = [src(1, MALA), src(2, MALA), src(3, MORA)]
    record, overall = run_one(question("q1"), answer("Svar [1] och [7].", sources))
    assert record["citation_valid"] is False and record["invalid_citations"] == [7]
    assert overall["citation_validity"] == 0.0


def test_valid_citations_and_refusal_without_citations():
    ok, _ = run_one(
        question("q1"), answer("A [1][2]. B [1, 3].", [src(i, MALA) for i in (1, 2, 3)])
    )
    refusal, _ = run_one(question("q2", expected=[]), answer(REFUSAL, [], refused=True))
    assert ok["citation_valid"] and refusal["citation_valid"]


def test_cited_numbers_reads_lists_and_ignores_other_brackets():
    assert cited_numbers("a [2] b [1; 3] c [2] [sic] [x1]") == [2, 1, 3]


def test_citation_precision_is_share_of_cited_expected_sources():
    sources = [src(1, MALA), src(2, MORA), src(3, MALA)]
    record, _ = run_one(question("q1"), answer("A [1]. B [2]. C [1].", sources))
    assert record["citation_precision"] == 0.5
    uncited, _ = run_one(question("q2"), answer("inga hänvisningar", sources))
    assert uncited["citation_precision"] is None


# --- refusals, latency, errors ---------------------------------------------------------------


def test_ooc_refusal_and_false_refusals():
    qs = [
        question("in1"),
        question("in2"),
        question("out1", expected=[], kind="out_of_corpus"),
        question("out2", expected=[], kind="out_of_corpus"),
    ]
    refused = {"in1", "out1", "out2"}
    report = run_eval(
        qs, lambda q, h, r: answer("x", [src(1, MALA)], refused=q in refused), ("hybrid",)
    )
    overall = report["retrievers"]["hybrid"]["overall"]
    assert overall["ooc_refusal"] == 1.0 and overall["false_refusals"] == 0.5
    assert report["retrievers"]["hybrid"]["by_kind"]["out_of_corpus"]["n"] == 2


def test_history_and_retriever_are_passed_to_ask():
    calls = []

    def ask(q, history, retriever):
        calls.append((q, history, retriever))
        return answer("x", [])

    run_eval([question("och vem ägde det?", history=["Berätta om Håll ut"])], ask, ("a", "b"))
    assert calls == [
        ("och vem ägde det?", ["Berätta om Håll ut"], "a"),
        ("och vem ägde det?", ["Berätta om Håll ut"], "b"),
    ]


def test_percentiles_interpolate():
    assert percentile([10, 20, 30, 40], 0.5) == 25
    assert percentile([10, 20, 30, 40, 50], 0.95) == pytest.approx(48)
    assert percentile([7], 0.95) == 7 and percentile([], 0.5) is None


def test_latency_is_measured_per_question():
    _, overall = run_one(question("q1"), answer("x", []))
    assert overall["latency_p50_ms"] >= 0 and overall["latency_p95_ms"] >= 0


def test_failing_ask_is_recorded_not_raised():
    def ask(q, h, r):
        raise RuntimeError("modellen saknas")

    report = run_eval([question("q1")], ask, ("hybrid",))
    record = report["retrievers"]["hybrid"]["questions"][0]
    assert record["error"] == "RuntimeError: modellen saknas" and record["hit@5"] is False
    assert "hybrid: 1" in format_table(report)


# --- table and thresholds --------------------------------------------------------------------


def test_format_table_has_a_row_per_retriever_and_per_kind():
    qs = [question("a"), question("b", kind="field"), question("c", expected=[], kind="x")]
    report = run_eval(qs, lambda q, h, r: answer("x [1]", [src(1, MALA)]), ("hybrid", "bm25"))
    table = format_table(report)
    assert "| retriever | hit@1 | hit@5 | MRR | fact recall |" in table
    assert "| hybrid | 1.00 | 1.00 | 1.00 |" in table and "| bm25 |" in table
    assert "Per kind (hybrid)" in table and "| field | 1 |" in table


def perfect_report(**overrides) -> dict:
    overall = {
        "hit@1": 1.0,
        "hit@5": 1.0,
        "mrr": 1.0,
        "fact_recall": 1.0,
        "citation_validity": 1.0,
        "citation_precision": 1.0,
        "ooc_refusal": 1.0,
        "false_refusals": 0.0,
        "latency_p50_ms": 5.0,
        "latency_p95_ms": 9.0,
    }
    return {"retrievers": {"hybrid": {"overall": overall | overrides}}}


def test_bundled_thresholds_pass_on_a_perfect_report():
    thresholds = load_thresholds(THRESHOLDS)
    assert set(thresholds["max"]) == {"false_refusals"}
    assert check_thresholds(perfect_report(), thresholds) == []


GATE = {"min": {"hit@5": 0.95}, "max": {"false_refusals": 0.05}}


def test_threshold_floor_fails_below_and_passes_at_bound():
    assert check_thresholds(perfect_report(**{"hit@5": 0.91}), GATE) == ["hit@5 0.91 < 0.95"]
    assert check_thresholds(perfect_report(**{"hit@5": 0.95}), GATE) == []


def test_threshold_ceiling_fails_above_and_passes_below():
    failures = check_thresholds(perfect_report(false_refusals=0.08), GATE)
    assert failures == ["false_refusals 0.08 > 0.05"]
    assert check_thresholds(perfect_report(false_refusals=0.04), GATE) == []


def test_project_thresholds_never_fall_below_the_issue_floors():
    t = load_thresholds(THRESHOLDS)
    floors = {
        "hit@5": 0.95,
        "fact_recall": 0.85,
        "citation_validity": 1.0,
        "citation_precision": 0.9,
        "ooc_refusal": 0.9,
    }
    for key, floor in floors.items():
        assert t["min"][key] >= floor, key
    assert t["max"]["false_refusals"] <= 0.05
    assert check_thresholds(perfect_report(), t) == []


def test_unmeasured_metric_is_skipped_and_unknown_metric_rejected():
    assert check_thresholds(perfect_report(ooc_refusal=None), {"min": {"ooc_refusal": 0.9}}) == []
    with pytest.raises(ValueError, match="hit@50"):
        check_thresholds(perfect_report(), {"min": {"hit@50": 0.9}})
    with pytest.raises(ValueError, match="dense"):
        check_thresholds(perfect_report(), {}, retriever="dense")


# --- loading question files ------------------------------------------------------------------


def write_lines(tmp_path: Path, rows: list) -> Path:
    path = tmp_path / "mine.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_questions_reads_a_valid_file_and_skips_blank_lines(tmp_path):
    path = write_lines(tmp_path, [question("a", facts=["x"]), "", question("b", expected=[])])
    assert [q["id"] for q in load_questions(path)] == ["a", "b"]


def test_load_questions_names_line_and_missing_field(tmp_path):
    bad = question("b")
    del bad["facts"]
    path = write_lines(tmp_path, [question("a"), "", bad])
    with pytest.raises(QuestionFileError, match=r"rad 3: fältet 'facts' saknas"):
        load_questions(path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{not json", "rad 1: ogiltig JSON"),
        ("[1, 2]", "rad 1: raden ska vara ett JSON-objekt"),
        (question("a", facts=["(unclosed"]), "rad 1: fältet 'facts' har ogiltigt regex"),
        (question("a") | {"expected_sources": "x.txt"}, "rad 1: fältet 'expected_sources'"),
        (question("a") | {"question": " "}, "rad 1: fältet 'question' ska vara en icke-tom"),
        (question("a", expected=[], facts=["x"]), "rad 1: fältet 'facts' kräver"),
        (question("a", kind="out_of_corpus"), "rad 1: out_of_corpus ska ha tom"),
        (question("a", history="Berätta"), "rad 1: fältet 'history'"),
    ],
)
def test_load_questions_rejects_bad_lines(tmp_path, row, message):
    with pytest.raises(QuestionFileError, match=re.escape(message)):
        load_questions(write_lines(tmp_path, [row]))


def test_load_questions_rejects_duplicate_ids_and_empty_files(tmp_path):
    with pytest.raises(QuestionFileError, match="rad 2: id 'a' finns redan på rad 1"):
        load_questions(write_lines(tmp_path, [question("a"), question("a")]))
    with pytest.raises(QuestionFileError, match="inga frågor"):
        load_questions(write_lines(tmp_path, [""]))
    with pytest.raises(QuestionFileError, match="kan inte läsas"):
        load_questions(tmp_path / "finns-inte.jsonl")


# --- the bundled question set ----------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> list[dict]:
    return load_questions(QUESTIONS)


def page_text(name: str) -> str:
    return " ".join((SAMPLE / name).read_text(encoding="utf-8").split())


def test_bundled_set_size_and_kinds(bundled):
    assert len(bundled) >= 75
    assert len({q["id"] for q in bundled}) == len(bundled)
    counts = Counter(q["kind"] for q in bundled)
    assert set(counts) == KINDS
    assert all(n >= 5 for n in counts.values()) and counts["out_of_corpus"] >= 12


def test_bundled_set_kind_conventions(bundled):
    for q in bundled:
        if q["kind"] == "out_of_corpus":
            assert q["expected_sources"] == [] and q["facts"] == [], q["id"]
        else:
            assert q["expected_sources"] and q["facts"], q["id"]
        assert bool(q.get("history")) == (q["kind"] == "followup"), q["id"]
        if q["kind"] == "nodiacritics":
            assert not re.search("[åäöÅÄÖ]", q["question"]), q["id"]


def test_bundled_expected_sources_exist(bundled):
    for q in bundled:
        for name in q["expected_sources"]:
            assert (SAMPLE / name).is_file(), (q["id"], name)


def test_bundled_facts_are_in_the_expected_pages(bundled):
    for q in bundled:
        texts = [page_text(name) for name in q["expected_sources"]]
        for fact in q["facts"]:
            assert any(re.search(fact, t, re.IGNORECASE) for t in texts), (q["id"], fact)


def test_bundled_expected_titles_are_on_the_expected_pages(bundled):
    for q in bundled:
        texts = [page_text(name).casefold() for name in q["expected_sources"]]
        for title in q.get("expected_titles", []):
            assert any(title.casefold() in t for t in texts), (q["id"], title)


def test_side_by_side_reads_the_per_kind_tables_and_replaces_its_own_section(tmp_path):
    from eval import side_by_side as sbs

    report = (
        "# Evaluation results\n\nPer kind (hybrid):\n\n| kind | n | hit@5 | fact recall |\n"
        "|---|---|---|---|\n| field | 15 | 1.00 | 0.97 |\n| list | 8 | 1.00 | 0.71 |\n"
    )
    kinds = sbs.per_kind(report)
    assert kinds["list"]["fact recall"] == "0.71" and kinds["field"]["n"] == "15"
    text = sbs.render([("a", kinds), ("b", {"list": {"n": "3", "fact recall": "0.50"}})])
    assert "| list | 0.71 (8) | 0.50 (3) |" in text and "| field | 0.97 (15) | – |" in text
    assert text.startswith(sbs.BEGIN) and text.endswith(sbs.END)
    # A second run reads the report's own table, not the side-by-side section of the first.
    assert sbs.per_kind(f"{report}\n{text}\n") == kinds
