"""Extractive answers, one composer per answer kind; each returns text with [n] or None."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from assistant import answer_types, fields, units, value_units
from assistant.intent import Intent
from stodkollen import places
from stodkollen.records import Source
from stodkollen.text import as_phrase, holds_phrase, place_terms, terms, title_head

# A local answer lists offerings; with fewer than this, the sentence answer says more.
MIN_LOCAL_PROJECTS = 2
# A local list line quotes a unit of at most this many words when the project has one: five
# lines must fit the answer's length budget, and a 60-word sentence fills it alone.
LOCAL_LINE_WORDS = 30
# A list answer looks for a bulleted list in the leading sources only: later ones drift.
LIST_SOURCES = 3
# "Vilka kommuner …": units naming more places score higher, up to this many.
MAX_PLACES_COUNTED = 5
# Cross-lingual choice compares the units of the leading sources only (each costs an encode).
CROSSLINGUAL_SOURCES = 3


@dataclass
class ComposeContext:
    question: str
    intent: Intent
    sources: list[Source]
    answer: object  # AnswerSettings
    idf: Callable[[str], float]
    embedder: object  # for cross-lingual sentence choice
    scoring: units.UnitScoring
    places: tuple[str, ...] = ()  # kommuner the question names that the corpus has

    closeness: units.Closeness | None = None

    @cached_property
    def question_terms(self) -> frozenset[str]:
        """The question's index terms: computed once for every composer and unit."""
        return frozenset(terms(self.question))

    @cached_property
    def named_sources(self) -> list[Source]:
        """The sources of projects the question names (by the first words of the title)."""
        return [s for s in self.sources if _names(self.question, s)]

    @cached_property
    def topic_terms(self) -> frozenset[str]:
        """The question's terms without the name of a project it names: every unit of that
        project is about it, so repeating its name says nothing about what is asked
        ("Vilka moment består Medskapande processer … av?" asks for "moment")."""
        named = {t for s in self.named_sources for t in terms(s.project.title)}
        return self.question_terms - named

    def best(self, sources: list[Source], limit: int, **kw) -> list[tuple[Source, str]]:
        return units.best_sentences(
            self.question,
            sources,
            limit,
            self.scoring,
            self.idf,
            closeness=self.closeness,
            topic=self.topic_terms,
            **kw,
        )


# What kind of sentence can stand in for a field the project's metadata lacks.
_FIELD_TYPES = {
    "budget": answer_types.AMOUNT,
    "period": answer_types.TIME,
    "owner": answer_types.WHO,
    "contacts": answer_types.WHO,
    "funders": answer_types.WHO,
}
_NOT_STATED = {
    "budget": "anger ingen budget",
    "period": "anger ingen projekttid",
    "owner": "anger ingen projektägare",
    "contacts": "anger ingen kontaktperson",
    "funders": "anger inga finansiärer",
}
# When the page holds several values of the kind and none is tied to the question.
_UNCLEAR = {
    "budget": "nämner flera belopp men inte vilket som är budgeten för det du frågar om",
    "period": "nämner flera tider men inte vilken som är projekttiden för det du frågar om",
    "owner": "nämner flera namn men inte vem som äger det du frågar om",
    "contacts": "nämner flera namn men inte vem som är kontaktperson för det du frågar om",
    "funders": "nämner flera namn men inte vilka som finansierar det du frågar om",
}


# Kinds of things a field question can ask for besides the field itself ("Vem betalar, och hur
# stor andel?"): values a unit holds, not people, places or activities.
_OTHER_PART_TYPES = frozenset(
    {answer_types.SHARE, answer_types.AMOUNT, answer_types.TIME, answer_types.COUNT}
)


def _project_name(src: Source) -> str:
    """How an answer names a source's project: its title, unless that is only a file name."""
    title = src.project.title
    return title if title and title != src.project.source else "källan"


# Units that answer a field question's other part ("hur stor andel står var och en för?"):
# one per funder; a project rarely has more than three.
MAX_OTHER_PART_UNITS = 3
# Best units of the project looked at for the field answer's one supporting sentence.
SUPPORT_CANDIDATES = 3


def field_answer(ctx: ComposeContext) -> str | None:
    """Fields (owner, period, budget, contacts, funders) of the one project the question is
    about: the one it names, else the best-ranked. Never another project's value; when its
    page does not state the field, a sentence of that project holding that kind of thing, or
    a plain "the page does not say"."""
    if not ctx.intent.fields:
        return None
    lead = ctx.sources[0]
    own = [s for s in ctx.sources if s.project.id == lead.project.id]
    parts, values = [], []
    for name in ctx.intent.fields:
        line = fields.field_sentence(name, lead.project, lead.n)
        if line:
            parts.append(line)
            values.append(fields.field_value(name, lead.project) or "")
            lead.cited_sentences.append(line)
            continue
        typed = value_units.choose(own, _FIELD_TYPES[name], ctx.topic_terms, ctx.idf, name)
        if typed.pick:
            parts.append(units.cite([typed.pick]))
            values.append(typed.pick[1])
            continue
        said = _UNCLEAR[name] if typed.ambiguous else _NOT_STATED[name]
        line = f"Sidan om {_project_name(lead)} {said}. [{lead.n}]"
        parts.append(line)
        lead.cited_sentences.append(line)
    # The question's other part ("… och hur stor andel står var och en för?"): a unit of the
    # same project holding that kind of thing, when the field lines do not.
    asked_types = ctx.scoring.expects & _OTHER_PART_TYPES
    for kind in sorted(asked_types - {_FIELD_TYPES[name] for name in ctx.intent.fields}):
        if any(answer_types.unit_has(p, kind) for p in parts):
            continue
        stated = frozenset(t for v in values for t in terms(v))
        pairs = value_units.tied(own, kind, ctx.topic_terms, stated, ctx.idf, MAX_OTHER_PART_UNITS)
        if pairs:  # "… och hur stor andel står var och en för?": each funder's share
            parts.append(units.cite(pairs))
            values.extend(u for _s, u in pairs)
            continue
        typed = value_units.choose(own, kind, ctx.topic_terms, ctx.idf, stated=stated)
        if typed.pick:
            parts.append(units.cite([typed.pick]))
            values.append(typed.pick[1])
    text = " ".join(dict.fromkeys(parts))
    # One supporting sentence from the page: not one that only repeats a value, nor one that
    # shares nothing with the question but the project's name (English shares no words).
    asked = ctx.question_terms - set(terms(lead.project.title)) - place_terms()
    support = [
        pair
        for pair in ctx.best([lead], SUPPORT_CANDIDATES, prose_only=True)
        if not any(_repeats(v, pair[1]) for v in values)
        and (ctx.intent.english or asked & set(terms(pair[1])))
    ]
    if support:
        text += " " + units.cite(support[:1])
    return text


def _repeats(value: str, sentence: str) -> bool:
    """Does the sentence only repeat this value ("624 602 kr" in "budget 624 602kr")?"""
    core = "".join(value.split(" (")[0].split())
    return bool(core) and core in "".join(sentence.split())


def which_project_answer(ctx: ComposeContext) -> str | None:
    """ "Vilket projekt …": name the project first, with its kommun, then why it fits."""
    if not ctx.intent.is_which_project or ctx.intent.is_list:
        return None
    lead = ctx.sources[0]
    why = ctx.best([lead], 1)
    text = f"Projektet {_headline(lead)}"
    return f"{text}: {units.cite(why)}" if why else f"{text}. [{lead.n}]"


# A unit answers "Vilka orter …" on its own only when it names at least this many places.
MIN_PLACES_LISTED = 2


def list_answer(ctx: ComposeContext) -> str | None:
    """A list inside the leading sources, or one line per distinct project."""
    if not ctx.intent.is_list:
        return None
    noun = answer_types.asked_place_noun(ctx.question)
    wants_places = noun is not None
    # "Vilka orter …" asks for places: the word "orter" is the kind of answer, not its topic.
    topic = ctx.topic_terms - set(terms(noun)) if noun else ctx.topic_terms
    # A question naming a project asks for a list of that project ("Vilka kommuner är med i
    # X?"): another project's list would be a wrong claim about X.
    named = ctx.named_sources
    best = None
    for src in named or ctx.sources[:LIST_SOURCES]:
        for unit in units.units(src.text):
            score = units.term_overlap(topic, unit, ctx.idf)
            if units.is_list_unit(unit):
                score += ctx.answer.list_unit_bonus
            named_places = len(places.find_kommuner(unit)) if wants_places else 0
            score += ctx.answer.list_place_bonus * min(named_places, MAX_PLACES_COUNTED)
            if best is None or score > best[0]:
                best = (score, src, unit, named_places)
    if best and (units.is_list_unit(best[2]) or best[3] >= MIN_PLACES_LISTED):
        return units.cite([(best[1], best[2])])
    if named and len({s.project.id for s in named}) == len({s.project.id for s in ctx.sources}):
        return None  # only that project's sources and no list in them: its sentences answer
    lines, seen = [], set()
    # Projects in the places the question names, when any are retrieved.
    pool = [s for s in ctx.sources if set(ctx.places) & set(s.project.kommuner)]
    pool = pool or ctx.sources
    lead_page = pool[0].project.source
    # A list page answers a list question: when the lead's page holds several of the
    # retrieved projects, only they are listed; else projects of other pages that are close
    # in meaning. One line per project, in its own words where it has them.
    on_page = [s for s in pool if s.project.source == lead_page]
    several = len({s.project.id for s in on_page}) >= MIN_LOCAL_PROJECTS
    candidates = on_page if several else [s for s in pool if _on_topic(ctx, s)]
    for src in _projects_first(candidates):
        if src.project.id in seen:
            continue
        seen.add(src.project.id)
        line = _line(ctx, [src])
        if line:
            lines.append(line)
    return "\n".join(lines) or None


def _line(ctx: ComposeContext, group: list[Source]) -> str | None:
    """One list line for a project (these sources of it): what it is or gives, in its own
    words (not a "Projektägare:" line), in a unit short enough for a list line when the page
    has one, a long list cut to its answering item."""
    pair = (
        ctx.best(group, 1, prose_only=True, max_unit_words=LOCAL_LINE_WORDS)
        or ctx.best(group, 1, prose_only=True)
        or ctx.best(group, 1)
    )
    if not pair:
        return None
    src, unit = pair[0]
    short = [(src, units.focused(unit, ctx.topic_terms, ctx.idf))]
    return f"- {_project_name(group[0])}: {units.cite(short)}"


def _projects_first(sources: list[Source]) -> list[Source]:
    """These sources without a list page's intro ("Pågående projekt") when that page's
    projects are among them: an intro is about the page, not one of its projects. A page
    record of its own (a support offer) stays."""
    with_projects = {s.project.source for s in sources if s.project.kind == "project"}
    return [
        s for s in sources if s.project.kind == "project" or s.project.source not in with_projects
    ]


def local_answer(ctx: ComposeContext) -> str | None:
    """ "Finns det stöd för företagare i X?": one line per offering or project in X, what it
    gives, each cited; at most `local_items` lines."""
    if not (ctx.intent.asks_support and ctx.places) or ctx.intent.fields:
        return None
    by_project: dict[str, list[Source]] = {}
    for src in ctx.sources:
        if set(ctx.places) & set(src.project.kommuner) and _on_topic(ctx, src):
            by_project.setdefault(src.project.id, []).append(src)
    keep = {s.project.id for s in _projects_first([g[0] for g in by_project.values()])}
    by_project = {pid: group for pid, group in by_project.items() if pid in keep}
    if len(by_project) < MIN_LOCAL_PROJECTS:
        return None  # one project is no list: the sentence answer says more about it
    lines = []
    for group in list(by_project.values())[: ctx.answer.local_items]:
        line = _line(ctx, group)
        if line:
            lines.append(line)
    if not lines:
        return None
    return f"I {', '.join(ctx.places)} finns bland annat:\n" + "\n".join(lines)


def _on_topic(ctx: ComposeContext, src: Source) -> bool:
    """Close enough in meaning to the best source: in a place-boosted ranking every page of
    the place ranks high, so the fused score cannot tell a topic from a neighbour."""
    best = max((s.dense for s in ctx.sources if s.dense is not None), default=None)
    if best is None or src.dense is None or src.project.id == ctx.sources[0].project.id:
        return True  # the best-ranked project is the topic
    return src.dense >= best - ctx.answer.local_dense_margin


# The words of an overview question itself ("Berätta om X", "Vad handlar X om?").
_OVERVIEW_TERMS = frozenset(terms("berätta mer beskriv handlar projektet tell describe"))


def overview_answer(ctx: ComposeContext) -> str | None:
    """ "Berätta om X": the opening sentences of the leading source."""
    if not ctx.intent.is_overview or ctx.topic_terms - _OVERVIEW_TERMS - place_terms():
        return None  # "Vad är X främst ute efter att uppnå?" asks for more than an overview
    lead = ctx.sources[0]
    first = units.units(lead.text)[: ctx.answer.overview_units]
    return units.cite([(lead, u) for u in first]) if first else None


def sentence_answer(ctx: ComposeContext) -> str | None:
    """The sentences that best answer the question, from sources close to the best one,
    opened by the name of the project they come from when the question does not name it."""
    lead = ctx.sources[0]
    near = [s for s in ctx.sources if s.score >= ctx.answer.near_score_ratio * lead.score]
    # One project per answer: a sentence quoted from the next project would read as this
    # one's (lists and local questions have their own composers).
    near = [s for s in near if s.project.id == lead.project.id]
    limit = ctx.answer.max_sentences
    if ctx.intent.english:
        pairs = _closest_units(ctx, near, min(limit, ctx.answer.crosslingual_units))
    else:
        pairs = ctx.best(near, limit)
    pairs = [(src, units.focused(u, ctx.topic_terms, ctx.idf)) for src, u in pairs]
    text = units.cite(pairs)
    projects = {src.project.id for src, _u in pairs}
    if len(projects) == 1 and not _names(ctx.question, pairs[0][0]):
        return f"{_headline(pairs[0][0])}: {text}"
    return text


def _names(question: str, src: Source) -> bool:
    """Does the question already name this source's project (its first title words)?"""
    return holds_phrase(as_phrase(question), title_head(src.project.title))


def _headline(src: Source) -> str:
    """A project as an answer introduces it: its name and kommun ("Bygdeservice Kusten
    (Skellefteå)"), so a user who asked about a topic learns what the offering is called."""
    where = f" ({', '.join(src.project.kommuner[:2])})" if src.project.kommuner else ""
    return f"{_project_name(src)}{where}"


def _closest_units(ctx: ComposeContext, sources: list[Source], limit: int):
    """Cross-lingual: pick the units whose embeddings are closest to the question."""
    cands = [(s, u) for s in sources[:CROSSLINGUAL_SOURCES] for u in units.units(s.text)]
    if not cands:
        return []
    qv = ctx.embedder.embed_queries([ctx.question])[0]
    uv = ctx.embedder.embed_passages([u for _s, u in cands])
    order = sorted(range(len(cands)), key=lambda i: -float(uv[i] @ qv))[:limit]
    return [cands[i] for i in sorted(order)]


# Tried in this order; the first that has something to say answers.
COMPOSERS = (
    field_answer,
    which_project_answer,
    local_answer,
    list_answer,
    overview_answer,
    sentence_answer,
)


def compose(ctx: ComposeContext) -> str:
    for composer in COMPOSERS:
        text = composer(ctx)
        if text is not None:
            return text
    return ""
