"""The assistant: the answer path as stages, loaded once per process.

clean → intent → places and filters → retrieve and fuse → refuse? → compose → (generate)
"""

from __future__ import annotations

import logging
import threading

from assistant import places as asked
from assistant import units
from assistant.composers import ComposeContext, compose
from assistant.filters import resolve_filters
from assistant.intent import Intent, classify
from assistant.meaning import CachedQueries, SentenceVectors, closeness_to
from assistant.question import clean_question
from assistant.refusal import evidence, should_refuse
from assistant.retrieve import Boosts, Catalog, Hit, Retriever, one_per_project
from stodkollen import places
from stodkollen.codec import matches
from stodkollen.records import REFUSAL, Answer, Filters, Source
from stodkollen.settings import Settings, get_settings
from stodkollen.text import as_phrase, holds_phrase, words

log = logging.getLogger(__name__)

# A field question this short that names no project or place asks about the conversation's
# project ("Vem kan jag kontakta?", "Vem hör jag av mig till om jag är intresserad?").
SHORT_FIELD_QUESTION_WORDS = 10
# The refusal test looks at the best few hits: a strong hit further down is noise.
EVIDENCE_HITS = 3
# A list page leads a list question's sources when it has at least this many of them.
MIN_LIST_PAGE_PROJECTS = 2
# Projects of a list page added to a list answer's sources beyond those retrieved: an answer
# of about 90 words has room for this many one-line items.
MAX_LIST_PAGE_PROJECTS = 8
# Query vectors kept per process: the questions of a few conversations (follow-ups repeat).
QUERY_CACHE = 256


class Assistant:
    def __init__(self, settings: Settings | None = None, embedder=None, store=None):
        self.settings = settings or get_settings()
        if embedder is None:
            from index.embedder import build_embedder

            embedder = build_embedder(self.settings)
        if store is None:
            from index.store import ChunkStore

            store = ChunkStore(self.settings)
        # One question's vector serves retrieval, the refusal test and sentence choice.
        embedder = CachedQueries(embedder, QUERY_CACHE)
        self.embedder, self.store = embedder, store
        self.catalog = Catalog(store)
        self.retriever = Retriever(self.catalog, embedder, self.settings)
        self.sentence_vectors = SentenceVectors(embedder, self.settings.answer.sentence_cache)
        self._ingest_lock = threading.Lock()

    def ingest(
        self, items: list[str] | None = None, prune: bool = False, follow_links: bool = False
    ):
        """Ingest sources into this assistant's store and show them to the next question."""
        from ingest.pipeline import Ingestor

        with self._ingest_lock:
            ingestor = Ingestor(self.settings, self.store, self.embedder)
            summary = ingestor.run(items, prune=prune, follow_links=follow_links)
        self.catalog.refresh(force=True)
        return summary

    def resolve_filters(self, filters: Filters | None) -> Filters:
        """Filters with places and source as the store names them; UserInputError naming an
        unknown value and the nearest known name (ask() does this too)."""
        return resolve_filters(filters or Filters(), self.catalog.refresh())

    # --- the answer path ----------------------------------------------------------------
    def ask(
        self,
        question: str,
        filters: Filters | None = None,
        previous: Answer | None = None,
        retriever: str | None = None,
        k: int | None = None,
    ) -> Answer:
        """Answer a Swedish (or English) question with cited sources, or refuse."""
        q = clean_question(question, self.settings.answer.max_question_chars)
        k = k or self.settings.retrieval.top_k
        intent = classify(q)
        snap = self.catalog.refresh()
        filters = resolve_filters(filters or Filters(), snap)
        if intent.is_similar:
            from assistant.similar import similar_answer

            return similar_answer(self, q, k)

        where = asked.asked_places(q, snap)
        missing = where.missing(snap)
        boosts = asked.place_boosts(where, self.settings.retrieval)
        query, resolved, named = self._resolve_project(q, intent, previous, where, snap, boosts)
        hits = self.retriever.search(query, filters, retriever, boosts)
        if missing and not where.present:
            # No page is tagged with the place: answer only from pages that still name it
            # (in their text or address), else say so and offer the same län.
            hits = [h for h in hits if asked.names_place(h.chunk, missing[0])]
            if not hits:
                return self._place_missing(q, missing[0], k)
        sources = _sources(hits[: max(k, 1)])
        ev = evidence(query, hits[:EVIDENCE_HITS], snap.lexical, asked.village_terms(query, snap))

        def best_unit() -> float:
            return self._best_unit(query, hits[:EVIDENCE_HITS])

        # A question naming a stored project, or a resolved follow-up, is about a known project:
        # the word test does not apply to it (the dense floor still does).
        known = resolved or named
        # Asking for a field of a project it names ("Vem stod bakom Håll ut?") is answerable
        # however far the words are from the page's: the answer is that project's field, or
        # that its page does not state it.
        field_of_named = named and bool(intent.fields)
        if not sources or (
            not field_of_named
            and should_refuse(ev, intent, self.settings.answer, not known, best_unit)
        ):
            if missing and not where.present:
                return self._place_missing(q, missing[0], k)
            return Answer(q, REFUSAL, refused=True, sources=[])
        # "Vilka projekt …?" on a list page: the page's whole list, unless the question
        # narrows it to villages of the kommun ("runt Svenstavik och Klövsjö").
        if intent.is_list and not intent.fields and not places.names_locality(q):
            sources = sources + self._page_siblings(sources, filters)
        return self._answer(q, intent, sources, tuple(where.present_kommuner))

    def _page_siblings(self, sources: list[Source], filters: Filters) -> list[Source]:
        """The other projects of a list page that leads the sources with several of its
        projects, as extra sources: "Vilka projekt …?" is answered by the whole list, not by
        the few projects that happened to rank in the top k."""
        lead = sources[0].project
        on_page = {s.project.id for s in sources if s.project.source == lead.source}
        if len(on_page) < MIN_LIST_PAGE_PROJECTS:
            return []
        shown = {s.project.id for s in sources}
        siblings = [
            r.project
            for r in self.store.projects_of(lead.source_id or lead.source)
            if r.project.kind == "project" and r.id not in shown and matches(r.project, filters)
        ][:MAX_LIST_PAGE_PROJECTS]
        return [Source(len(sources) + n, p, 0.0, p.text) for n, p in enumerate(siblings, start=1)]

    def _resolve_project(
        self, q: str, intent: Intent, previous: Answer | None, where, snap, boosts: Boosts
    ) -> tuple[str, bool, bool]:
        """Boost projects the question names, or the previous answer's project for a
        follow-up; (the query to search with, whether it is a resolved follow-up, whether it
        names a stored project). Either way the question is about a known project and need not
        use the corpus's words ("Vem stod bakom Hall ut?")."""
        cfg = self.settings.retrieval
        weight = cfg.named_project_boost / (cfg.rrf_k + 1)
        folded = as_phrase(q)
        named = [pid for pid, head in snap.title_heads if holds_phrase(folded, head)]
        boosts.projects.update(dict.fromkeys(named, weight))
        # "Vem kan jag kontakta?" after an answer: a short field question naming nothing is
        # about the previous answer's project too.
        short_field = bool(intent.fields) and len(words(q)) <= SHORT_FIELD_QUESTION_WORDS
        followup = bool(previous and previous.project_id and (intent.maybe_followup or short_field))
        # A resolved follow-up is about a known project: its words need not be in the corpus.
        if not (followup and not named and not where.kommuner):
            return q, False, bool(named)
        boosts.projects[previous.project_id] = weight
        title = previous.sources[0].title if previous.sources else ""
        return f"{title} {q}", True, False

    def _answer(
        self, q: str, intent: Intent, sources: list[Source], places: tuple[str, ...] = ()
    ) -> Answer:
        cfg = self.settings.answer
        ctx = ComposeContext(
            q,
            intent,
            sources,
            cfg,
            self.catalog.snapshot().lexical.idf,
            self.embedder,
            units.UnitScoring.from_settings(cfg, q),
            places,
            self._closeness(q),
        )
        text, more = units.within_budget(compose(ctx), cfg.max_answer_words)
        if cfg.mode == "generative" and cfg.llm_base_url:
            from assistant.generate import generate

            text = generate(q, sources, text, self.settings)
        answer = Answer(q, text, False, sources, project_id=sources[0].project.id)
        answer.more = more
        return answer

    def _best_unit(self, q: str, hits: list[Hit]) -> float:
        """The best cosine between the question and one sentence of these hits. Label lines
        ("Projektägare: Lycksele kommun") are left out: they share a place with a question,
        not its topic."""
        texts = list(
            dict.fromkeys(
                u for h in hits for u in units.units(h.chunk.text) if not units.is_metadata_unit(u)
            )
        )
        if not texts:
            return 0.0
        qv = self.embedder.embed_queries([q])[0]
        return float((self.sentence_vectors.of(texts) @ qv).max())

    def _closeness(self, q: str):
        weight = self.settings.answer.meaning_weight
        if not weight:
            return None
        qv = self.embedder.embed_queries([q])[0]
        return closeness_to(qv, self.sentence_vectors, weight)

    def _place_missing(self, q: str, place: str, k: int) -> Answer:
        """Nothing for this kommun: say so and offer the nearest sources (same län)."""
        lan = places.lan_of(place)
        text = f"Jag hittar inget om {place} i dokumenten."
        sources: list[Source] = []
        if lan and lan in self.catalog.snapshot().lans:
            hits = self.retriever.search(q, Filters(lan=lan))
            nearby = min(k, self.settings.answer.nearby_sources)
            sources = _sources(one_per_project(hits)[:nearby])
            if sources:
                listed = "; ".join(f"{s.title} [{s.n}]" for s in sources)
                text += f" Närmast finns källor i samma län ({lan}): {listed}."
        return Answer(q, text, refused=True, sources=sources, note=f"Inget om {place}")


def _sources(hits: list[Hit]) -> list[Source]:
    return [
        Source(i, h.chunk.project, h.score, h.chunk.text, h.chunk.id, dense=h.dense)
        for i, h in enumerate(hits, start=1)
    ]
