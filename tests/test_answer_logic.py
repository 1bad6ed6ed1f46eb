"""Unit tests of the logic around the model: fusion, filters, sentence units, intents."""

from __future__ import annotations

import pytest

from assistant import fields, units
from assistant.intent import classify
from assistant.question import clean_question
from assistant.retrieve import rrf
from assistant.service import Assistant
from index.lexical import LexicalIndex
from stodkollen.codec import matches, where
from stodkollen.errors import UserInputError
from stodkollen.records import Filters, Project, Source
from stodkollen.settings import AnswerSettings, Settings
from stodkollen.text import fold, terms
from tests.conftest import SAMPLE
from tests.fakes import HashingEmbedder


def test_rrf_rewards_agreement():
    fused = rrf([["a", "b", "c"], ["b", "c", "a"]], k=60)
    assert max(fused, key=fused.get) == "b"
    assert fused["a"] == pytest.approx(1 / 61 + 1 / 63)


def test_filters_match_and_where_agree():
    p = Project(
        "002.txt",
        0,
        "X",
        kommuner=["Malå"],
        lan=["Västerbottens län"],
        period_start="2022-01",
        period_end="2024-12",
    )
    assert matches(p, Filters(kommun="Malå", from_year=2023, to_year=2030))
    assert not matches(p, Filters(kommun="Mora"))
    assert not matches(p, Filters(from_year=2025))
    assert not matches(p, Filters(to_year=2021))
    assert matches(Project("x", 0, "Y"), Filters(from_year=2020))  # no period: kept
    assert where(Filters(kommun="Malå", lan="Västerbottens län")) == {
        "$and": [{"kommuner": {"$contains": "Malå"}}, {"lans": {"$contains": "Västerbottens län"}}]
    }
    assert where(Filters()) is None


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
    found = units.units(text)
    assert found[0].startswith("Urval av aktiviteter: Sommarlovsentreprenör för unga; Utbildning")
    assert units.is_list_unit(found[0])
    assert found[1] == "Slut här nu."


def test_cite_numbers_every_sentence():
    src = Source(2, Project("a.txt", 0, "A"), 1.0, "Ett. Två.")
    assert (
        units.cite([(src, "Första meningen"), (src, "Andra?")]) == "Första meningen. [2] Andra? [2]"
    )
    assert src.cited_sentences == ["Första meningen.", "Andra?"]


def test_field_sentences_and_formats():
    p = Project(
        "x.txt",
        0,
        "X",
        budget_sek=624602,
        period_start="2012-03",
        period_end="2014-10",
        period_raw="201203 — 201410",
        owner="Lycksele kommun",
    )
    assert fields.format_sek(624602) == "624 602 kr"
    assert fields.field_sentence("budget", p, 1) == "Budget för X: 624 602 kr. [1]"
    assert "2012-03 – 2014-10 (201203 — 201410)" in fields.field_sentence("period", p, 1)
    assert fields.field_sentence("contacts", p, 1) is None


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
        ("When did the project in Piteå start?", {"fields": ["period"]}),
        # "when" opening a clause is no question about time
        ("Can I get financial help when starting a company in Piteå?", {"fields": []}),
        ("Do you know when the project started?", {"fields": ["period"]}),
        ("Until when?", {"fields": ["period"]}),
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


def test_a_list_question_on_a_list_page_gets_the_pages_projects_beyond_the_top_k(tmp_path):
    settings = Settings(home=tmp_path, answer=AnswerSettings(min_dense=0.0))
    a = Assistant(settings, embedder=HashingEmbedder())
    a.ingest([str(SAMPLE)])
    ans = a.ask("Vilka projekt pågår i Malå kommun?", k=2)
    listed = [line for line in ans.answer.splitlines() if line.startswith("- ")]
    # Two sources retrieved, the page's four projects listed, each line citing its source.
    assert len(listed) >= 3 and len(ans.sources) > 2
    assert "Pågående projekt" not in ans.answer  # the page's intro is not one of them
    for line in listed:
        n = int(line.rsplit("[", 1)[1].rstrip("]"))
        assert ans.sources[n - 1].title in line


def test_a_field_question_naming_a_project_is_not_refused_on_the_dense_floor(tmp_path):
    # Hashed bags of words fall far below e5's dense floor: only the project's name can
    # carry this question ("Hall ut" without diacritics, "stod bakom" nowhere on the page).
    settings = Settings(home=tmp_path, answer=AnswerSettings(min_dense=0.99))
    a = Assistant(settings, embedder=HashingEmbedder())
    a.ingest([str(SAMPLE)])
    ans = a.ask("Vem stod bakom Hall ut?")
    assert not ans.refused and "Industriellt Utvecklingscentrum" in ans.answer
    assert a.ask("Vad kostar bygglov för en carport?").refused


def test_a_long_list_unit_is_cut_to_its_intro_and_the_answering_item():
    from assistant.units import focused
    from stodkollen.text import terms

    items = [
        "workshops om marknadsföring för nya företagare i hela länet under våren och hösten",
        "sommarlovsentreprenörer där unga driver eget företag under juli med stöd av handledare",
        "rådgivning om upphandling för små företag som vill lämna anbud till kommunen",
    ]
    unit = "Följande insatser har genomförts under året: " + "; ".join(items)
    q = set(terms("Hur fick unga prova på att driva företag på sommarlovet?"))
    assert focused(unit, q) == "Följande insatser har genomförts under året: " + items[1]
    short = "Projektet har två delar: kurser; rådgivning"
    assert focused(short, q) == short  # short units stay whole
    # No item answers more than another (the place is the whole list's): the list is the answer.
    plans = "Planen är att Östersunds kommun under 2021 ska: " + "; ".join(
        [*items, "översätta webbsidan Leva i Östersund till fler språk än svenska och engelska"]
    )
    assert focused(plans, set(terms("Vad har Östersund för planer för 2021?"))) == plans
    asked = set(terms("Vad planerar Östersunds kommun att göra 2021?"))
    with_kommun = plans.replace(": ", ": hjälpa kommunens företag; ", 1)
    assert focused(with_kommun, asked) == with_kommun  # "kommun" names the place, no item


@pytest.mark.parametrize(
    "question",
    [
        "Har andra kommuner haft projekt som påminner om FRONT?",
        "Finns det fler satsningar i stil med Move Up North?",
        "Finns det fler kommuner än Mora som har ett sommarprogram för unga?",
    ],
)
def test_ways_of_asking_for_similar_projects(question):
    from assistant.intent import classify

    assert classify(question).is_similar


def test_best_sentences_can_skip_units_too_long_for_a_list_line():
    long = "Företagare i kommunen får stöd " + " ".join(["och mycket annat"] * 12) + "."
    short = "Företagare får stöd genom rådgivning hos kommunen."
    src = Source(1, Project("a.txt", 0, "A"), 1.0, f"{long} {short}")
    scoring = units.UnitScoring(0.0, 0.0, 0.0)
    assert units.best_sentences("stöd företagare", [src], 1, scoring)[0][1] == long
    picked = units.best_sentences("stöd företagare", [src], 1, scoring, max_unit_words=30)
    assert picked[0][1] == short


def _evidence(dense: float, coverage: float):
    from assistant.refusal import Evidence

    return Evidence(dense, coverage)


def test_a_sentence_close_to_the_question_overrules_the_word_test_only_when_it_would_refuse():
    from assistant.refusal import should_refuse

    cfg = AnswerSettings()
    intent = classify("Vad har Mora lagt pengar på för att ordna event mitt i stan?")
    asked: list[int] = []

    def best(value: float):
        def f() -> float:
            asked.append(1)
            return value

        return f

    low = _evidence(cfg.min_dense + 0.02, cfg.min_coverage / 2)  # words missing, dense middling
    assert should_refuse(low, intent, cfg)
    assert should_refuse(low, intent, cfg, best_unit=best(cfg.strong_unit - 0.01))
    assert not should_refuse(low, intent, cfg, best_unit=best(cfg.strong_unit))
    asked.clear()
    covered = _evidence(cfg.min_dense + 0.02, 1.0)
    assert not should_refuse(covered, intent, cfg, best_unit=best(0.0))
    far = _evidence(cfg.min_dense - 0.01, 1.0)
    assert should_refuse(far, intent, cfg, best_unit=best(1.0))
    assert asked == []  # the sentence vectors are only computed when the word test refuses


def test_query_vectors_are_embedded_once_per_question():
    from assistant.meaning import CachedQueries

    class Counting(HashingEmbedder):
        calls = 0

        def embed_queries(self, texts):
            Counting.calls += len(texts)
            return super().embed_queries(texts)

    inner = Counting()
    cached = CachedQueries(inner, max_items=2)
    a = cached.embed_queries(["fråga ett"])
    b = cached.embed_queries(["fråga ett"])
    assert (a == b).all() and Counting.calls == 1
    cached.embed_queries(["fråga två", "fråga tre"])  # evicts "fråga ett"
    cached.embed_queries(["fråga ett"])
    assert Counting.calls == 4
    assert cached.embed_passages(["x"]).shape == inner.embed_passages(["x"]).shape


@pytest.mark.parametrize(
    "question",
    [
        "Finns det liknande projekt som Visby Hamnkök i andra delar av landet?",
        "Finns det fler projekt som Startlots på andra orter?",
        "Har någon annan kommun gjort något liknande som Håll ut?",
        "Finns det liknande projekt någon annanstans?",
        "Är Gotland ensamt om sin satsning, eller har fler kommuner gjort likadant?",
    ],
)
def test_asking_for_similar_projects_elsewhere_leaves_the_own_kommun_out(question):
    from assistant.similar import _excluded_places

    own = Project("a.txt", 0, "Visby Hamnkök", kommuner=["Gotland"])
    assert "Gotland" in _excluded_places(question, [own])
    assert _excluded_places("Finns det liknande projekt som Visby Hamnkök?", [own]) == set()


@pytest.mark.parametrize(
    ("unit", "fragment"),
    [
        ("För mer information och stöd kontakta enheten och medarbetare i projektet:", True),
        ("BESLUT – Din ansökan om projektstöd", True),
        ("Projektet ger kostnadsfri rådgivning till nya företagare i hela kommunen.", False),
        ("Kort men hel mening.", False),
    ],
)
def test_lead_ins_and_headings_are_fragments(unit, fragment):
    assert units.is_fragment(unit) is fragment


def test_a_field_answer_adds_no_sentence_that_only_names_the_project(tmp_path):
    from assistant.composers import ComposeContext, field_answer

    title = "Medskapande processer i Malåbygden"
    text = (
        f"Landsbygdsutvecklare och kontaktperson för projekt {title}.\n\n"
        "Kostnaden delas mellan Tillväxtverket och kommunen enligt beslutet."
    )
    project = Project("a.txt", 0, title, budget_sek=624_602, kommuner=["Malå"])
    cfg = AnswerSettings()

    def answer(question: str) -> str:
        src = Source(1, project, 1.0, text)
        ctx = ComposeContext(
            question, classify(question), [src], cfg, {}, None, units.UnitScoring.from_settings(cfg)
        )
        return field_answer(ctx)

    plain = answer(f"Vad är budgeten för {title}?")
    assert "624 602" in plain and "kontaktperson" not in plain
    shared = answer(f"Hur delas kostnaden för {title}?")
    assert "Kostnaden delas" in shared


def _list_ctx(question: str, sources: list[Source]):
    from assistant.composers import ComposeContext

    cfg = AnswerSettings()
    return ComposeContext(
        question,
        classify(question),
        sources,
        cfg,
        {},
        None,
        units.UnitScoring.from_settings(cfg, question),
    )


@pytest.mark.parametrize(
    "question, noun",
    [
        ("Vilka orter räknas till nätverket Region 10?", "orter"),
        ("Vilka andra kommuner var Mora ihop med?", "kommuner"),
        ("I vilka byar finns det bygdeservice?", "byar"),
        ("Which towns take part?", "towns"),
        ("Vilka projekt finns i Malå?", None),
        ("Vilka lån kan jag få?", None),  # folded "lån" is "lan": no county asked for
    ],
)
def test_the_kind_of_place_a_question_asks_for(question, noun):
    from assistant.answer_types import asked_place_noun

    assert asked_place_noun(question) == noun


def test_a_list_question_naming_a_project_lists_from_that_project_only():
    from assistant.composers import list_answer

    named = Project("a.txt", 0, "Industrispåret Gnosjö", kommuner=["Gnosjö"])
    other = Project("b.txt", 0, "Glaskonstens hus", kommuner=["Arvika"])
    sources = [
        Source(
            1,
            named,
            1.0,
            "Regionen beviljar stöd till projektet Industrispåret Gnosjö.\n"
            "Projektet hjälper underleverantörer i Gnosjö, Gislaved och Vaggeryd.",
        ),
        Source(2, other, 0.5, "Glaset visas i Arvika, Eda, Säffle och Årjäng."),
    ]
    answer = list_answer(_list_ctx("Vilka kommuner är med i Industrispåret Gnosjö?", sources))
    # The unit naming the places, not the one repeating the project's name, nor another
    # project's list of kommuner (which names more).
    assert "Gislaved och Vaggeryd" in answer and "[1]" in answer and "Arvika" not in answer


def test_a_question_naming_a_project_is_scored_on_what_it_asks_not_the_name():
    from assistant.composers import list_answer

    title = "Medskapande processer för hållbar service"
    project = Project("a.txt", 0, title, kommuner=["Malå"])
    text = (
        f"Kontaktperson för projekt {title} är landsbygdsutvecklaren.\n\n"
        "I projektet ingår följande aktiviteter:\n"
        "- Samarbeten med lokalsamhället\n- Nya interna arbetssätt\n- Erfarenhetsutbyte"
    )
    ctx = _list_ctx(f"Vilka moment består {title} av?", [Source(1, project, 1.0, text)])
    assert not set(terms(title)) & ctx.topic_terms
    assert "Erfarenhetsutbyte" in list_answer(ctx)


def test_the_best_unit_comes_first_so_a_length_budget_never_holds_it_back():
    project = Project("a.txt", 0, "Utveckla företagsklimatet", kommuner=["Östersund"])
    first = Source(1, project, 1.0, "Kommunen satsar på digitalisering och nya arbetssätt.")
    second = Source(2, project, 0.9, "Kommunen har lanserat 15 digitala e-tjänster för företag.")
    q = "Hur många digitala e-tjänster har kommunen lanserat?"
    cfg = AnswerSettings()
    picked = units.best_sentences(q, [first, second], 2, units.UnitScoring.from_settings(cfg, q))
    assert "15 digitala" in picked[0][1]
    assert [s.n for s, _u in picked] == [2, 1]  # then the rest in reading order


@pytest.mark.parametrize(
    "question, unit, holds",
    [
        (
            "Vad gjorde man konkret inom FRONT?",
            "Urval av aktiviteter: sommarlovsentreprenör; framtidsdag; utbildning i upphandling",
            True,
        ),
        ("Vilka insatser ingick i projektet?", "Kommunen arrangerade tre företagsträffar.", True),
        ("Vad gjorde man konkret inom FRONT?", "Projektet pågick 2012–2013.", False),
    ],
)
def test_a_question_about_what_was_done_prefers_lists_of_activities(question, unit, holds):
    from assistant.answer_types import ACTIVITY, expected_types, unit_has

    assert ACTIVITY in expected_types(question)
    assert unit_has(unit, ACTIVITY) is holds


def test_a_field_answer_also_answers_the_questions_other_part():
    from assistant.composers import ComposeContext, field_answer

    title = "Medskapande processer i Malåbygden"
    project = Project("a.txt", 0, title, funders=["Tillväxtverket", "Malå kommun"])
    shares = "Tillväxtverket och landsbygdsfonden 80%\nMalå kommun 20%"
    text = f"{title}\n{shares}\nProjektet stärker lokal service."
    cfg = AnswerSettings()

    def answer(question: str) -> str:
        src = Source(1, project, 1.0, text)
        scoring = units.UnitScoring.from_settings(cfg, question)
        return field_answer(
            ComposeContext(question, classify(question), [src], cfg, {}, None, scoring)
        )

    both = answer(f"Vem betalar för {title}, och hur stor andel står var och en för?")
    assert "Tillväxtverket" in both and "80%" in both
    assert "80%" not in answer(f"Vem finansierar {title}?")  # only what is asked


def test_an_overview_question_that_asks_for_more_gets_the_sentences_that_answer():
    from assistant.composers import overview_answer

    title = "Move Up North"
    project = Project("a.txt", 0, title, kommuner=["Malå"])
    text = (
        "Projektet ska öka inflyttningen till Malå.\n\n"
        "Malå är en del av kommunnätverket Region 10.\n\n"
        "Huvudmålet är en mer hållbar kompetensförsörjning för regionens arbetsgivare."
    )
    src = Source(1, project, 1.0, text)
    assert overview_answer(_list_ctx(f"Vad är {title}?", [src])).startswith("Projektet ska")
    assert overview_answer(_list_ctx(f"Berätta om {title}", [src])) is not None
    assert overview_answer(_list_ctx(f"Vad är {title} främst ute efter att uppnå?", [src])) is None


def test_a_list_page_intro_is_not_listed_as_one_of_its_projects():
    from assistant.composers import list_answer

    intro = Project("p.txt", 0, "Pågående projekt", kommuner=["Malå"], kind="page")
    first = Project("p.txt", 1, "Move up North", kommuner=["Malå"])
    second = Project("p.txt", 2, "Medskapande processer", kommuner=["Malå"])
    sources = [
        Source(1, intro, 1.0, "Här kan ni läsa om de projekt som pågår i kommunen just nu."),
        Source(2, first, 0.9, "Projektet ska öka inflyttningen till kommunen."),
        Source(3, second, 0.8, "Projektet stärker samarbetet med lokala aktörer."),
    ]
    answer = list_answer(_list_ctx("Vilka projekt pågår i Malå?", sources))
    assert "Move up North" in answer and "Medskapande" in answer
    assert "Pågående projekt" not in answer


def test_a_page_of_its_own_stays_in_a_list_only_a_list_pages_intro_goes():
    from assistant.composers import _projects_first

    intro = Project("p.txt", 0, "Pågående projekt", kind="page")
    project = Project("p.txt", 1, "Move up North")
    offer = Project("radgivning.html", 0, "Rådgivning för företagare", kind="page")
    sources = [Source(n, p, 1.0, "") for n, p in enumerate([intro, project, offer], start=1)]
    assert [s.project.title for s in _projects_first(sources)] == [
        "Move up North",
        "Rådgivning för företagare",
    ]


def test_nar_det_galler_asks_for_no_time():
    from assistant.answer_types import TIME, expected_types

    assert TIME not in expected_types("Vem kan jag kontakta när det gäller lokaler?")
    assert TIME in expected_types("När startade projektet?")


def test_a_village_is_a_place_word_only_where_the_corpus_has_its_kommun():
    """Adak lies in Malå: with Malå covered the village says where, not what; without it,
    the village is a word the corpus lacks, and the refusal test must see that."""
    from types import SimpleNamespace

    from assistant.places import village_terms
    from assistant.refusal import evidence
    from index.lexical import LexicalIndex

    lexical = LexicalIndex(["Solceller på bygdegården ger el till byn.", "Fiber till byarna."])
    q = "Finns det solceller på bygdegården i Adak?"

    def coverage(covered: set[str]) -> float:
        snap = SimpleNamespace(kommuner=frozenset(covered))  # the corpus's kommuner
        return evidence(q, [], lexical, village_terms(q, snap)).coverage

    assert coverage({"Malå"}) == 1.0
    assert coverage({"Kiruna"}) < 1.0


# A list page read as one record: each item's facts stand as bare lines under its name.
_LISTED = (
    "Här är våra projekt.\n\n"
    "Ängsleden\nEn vandringsled längs ån med rastplatser.\n\n"
    "Ängsbygdens vandrarförening\n\nmaj 2024 – juni 2026\n\n2 100 000 kr\n\n"
    "Verkstadslyftet\nKorta kurser i svetsning för arbetssökande.\n\n"
    "Kommunens arbetsmarknadsenhet\n\nsep. 2023 – aug. 2025\n\n3,4 miljoner kr\n\n"
)


def _field(question: str, text: str, title: str = "Projekt i kommunen") -> str:
    from assistant.composers import ComposeContext, field_answer

    cfg = AnswerSettings()
    src = Source(1, Project("list.html", 0, title, kommuner=["Malå"]), 1.0, text)
    scoring = units.UnitScoring.from_settings(cfg, question)
    return field_answer(ComposeContext(question, classify(question), [src], cfg, {}, None, scoring))


def test_a_field_value_on_a_list_page_is_the_one_under_the_asked_items_name():
    budget = _field("Hur mycket kostar Verkstadslyftet?", _LISTED)
    assert "3,4 miljoner" in budget and "2 100 000" not in budget
    period = _field("När pågår Ängsleden?", _LISTED)
    assert "maj 2024" in period and "2023" not in period


def test_several_values_and_nothing_tying_one_to_the_question_state_none():
    answer = _field("Vad är budgeten?", _LISTED)
    assert "2 100 000" not in answer and "3,4 miljoner" not in answer
    assert "flera belopp" in answer
    single = _field("Vad är budgeten?", "Ett projekt om leder.\n\n2 100 000 kr\n\n")
    assert "2 100 000" in single  # one value on the page is not ambiguous


def test_one_value_stated_twice_on_a_project_page_is_not_ambiguous():
    page = (
        "Ängsleden är en vandringsled längs ån som byggs av Ängsbygdens vandrarförening.\n\n"
        "Projektet har en total budget på 2 100 000 kronor.\n\nFakta\n\n"
        "Budget: 2 100 000 kr\n\nProjekttid: maj 2024 – juni 2026\n"
    )
    assert "2 100 000" in _field("Hur mycket kostar Ängsleden?", page, title="Ängsleden")


def test_the_budget_is_the_sum_the_page_calls_its_budget_not_a_grant_beside_it():
    page = (
        "Ängsleden är en vandringsled längs ån.\n\n"
        "Projektets totala budget är 2 100 000 kronor.\n\n"
        "Jordbruksverket bidrar med 1 400 000 kronor och kommunen med 700 000 kronor.\n"
    )
    answer = _field("Hur mycket kostar Ängsleden?", page, title="Ängsleden")
    assert "2 100 000" in answer and "1 400 000" not in answer


def test_an_item_without_the_value_does_not_borrow_the_next_items():
    page = (
        "Här är våra projekt.\n\nÄngsleden\nEn vandringsled längs ån med rastplatser.\n\n"
        "Verkstadslyftet\nKorta kurser i svetsning för arbetssökande.\n\n3,4 miljoner kr\n\n"
        "Byastugan\nNytt tak på bygdegården.\n\n450 000 kr\n\n"
    )
    answer = _field("Hur mycket kostar Ängsleden?", page)
    assert "3,4" not in answer and "450 000" not in answer


def test_the_other_part_of_a_field_question_stays_with_the_asked_item():
    page = (
        "Här är våra projekt.\n\n"
        "Ängsleden\nEn vandringsled längs ån med rastplatser.\n\n"
        "Leden finansieras av Jordbruksverket och Ängsby kommun.\n\n"
        "Verkstadslyftet\nKorta kurser i svetsning för arbetssökande.\n\n"
        "Jordbruksverket ger Verkstadslyftet 3 400 000 kr och kommunen 900 000 kr.\n\n"
    )
    answer = _field("Vem finansierar Ängsleden och med hur mycket?", page)
    assert "Jordbruksverket" in answer and "3 400 000" not in answer
