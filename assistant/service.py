"""The assistant: one object that answers questions over the store, loaded once per process."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

from assistant import compose
from assistant.intent import Intent, classify
from assistant.retrieve import Catalog, Hit, Retriever
from assistant.types import REFUSAL, Answer, Filters, Source
from index.lexical import fold, terms
from ingest import places
from stodkollen.errors import UserInputError
from stodkollen.settings import Settings, get_settings

log = logging.getLogger(__name__)

# Control characters, and lone surrogates (undecodable bytes from argv or stdin).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


@dataclass
class Evidence:
    best_dense: float | None  # best cosine among the top hits (None for bm25-only)
    coverage: float  # IDF-weighted share of the question's topic terms found in the corpus


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


class Assistant:
    def __init__(self, settings: Settings | None = None, embedder=None, store=None):
        self.settings = settings or get_settings()
        if embedder is None:
            from index.embedder import SentenceTransformerEmbedder

            embedder = SentenceTransformerEmbedder(self.settings)
        if store is None:
            from index.store import ChunkStore

            store = ChunkStore(self.settings)
        self.embedder, self.store = embedder, store
        self.catalog = Catalog(store)
        self.retriever = Retriever(self.catalog, embedder, self.settings)
        self._ingest_lock = threading.Lock()

    # --- ingest -------------------------------------------------------------------------
    def ingest(self, items: list[str] | None = None, prune: bool = False):
        from ingest.pipeline import Ingestor

        with self._ingest_lock:
            summary = Ingestor(self.settings, self.store, self.embedder).run(items, prune=prune)
        self.catalog.refresh(force=True)
        return summary

    # --- questions ----------------------------------------------------------------------
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
        filters = filters or Filters()
        k = k or self.settings.retrieval.top_k
        intent = classify(q)
        self.catalog.refresh()
        if intent.is_similar:
            from assistant.similar import similar_answer

            return similar_answer(self, q, k)

        asked = self._places(q)
        missing = [p for p in asked["kommuner"] if not self._has_place(p)]
        if missing and not asked["present"]:
            return self._place_missing(q, missing[0], filters, k)

        query = q
        named = self._named_projects(q)
        projects = dict.fromkeys(named, 3.0)
        followup = bool(previous and previous.project_id and intent.maybe_followup)
        # A resolved follow-up is about a known project: its words need not be in the corpus.
        resolved = followup and not named and not asked["kommuner"]
        if resolved:
            projects[previous.project_id] = 3.0
            query = f"{previous.sources[0].title if previous.sources else ''} {q}"
        hits = self._search(query, filters, retriever, self._place_boost(asked), projects)
        sources = self._sources(hits[: max(k, 1)])
        if not sources or self._refuse(query, intent, hits[:3], check_terms=not resolved):
            return Answer(q, REFUSAL, refused=True, sources=[])
        return self._compose(q, intent, sources)

    def _search(
        self,
        query: str,
        filters: Filters,
        method: str | None,
        flags: dict[str, float],
        projects: dict[str, float],
    ) -> list[Hit]:
        """Retrieve with place flags boosted, then lift the projects the question is about."""
        hits = self.retriever.search(query, filters, method, flags)
        if projects:
            for h in hits:
                w = projects.get(h.record.metadata.get("project_id"), 0.0)
                h.score += w / (self.settings.retrieval.rrf_k + 1)
            hits.sort(key=lambda h: -h.score)
        return hits

    def _sources(self, hits: list[Hit]) -> list[Source]:
        out = []
        for i, h in enumerate(hits, start=1):
            md = {k: v for k, v in h.record.metadata.items() if ":" not in k and k != "doc_hash"}
            out.append(
                Source(i, md.get("source", ""), md.get("title", ""), h.score, h.record.text, md)
            )
        return out

    # --- evidence and refusal -----------------------------------------------------------
    def evidence(self, question: str, hits: list[Hit]) -> Evidence:
        dense = [h.dense for h in hits if h.dense is not None]
        coverage = self.catalog.lexical.coverage(question)
        return Evidence(max(dense) if dense else None, coverage)

    def _refuse(
        self, question: str, intent: Intent, hits: list[Hit], check_terms: bool = True
    ) -> bool:
        """Too little evidence: the corpus lacks the question's topic, or nothing is close."""
        cfg = self.settings.answer
        ev = self.evidence(question, hits)
        if ev.best_dense is not None and ev.best_dense < cfg.min_dense:
            return True
        if intent.english or not check_terms:
            return ev.best_dense is None and ev.coverage < cfg.min_coverage
        return ev.coverage < cfg.min_coverage

    # --- places -------------------------------------------------------------------------
    def _places(self, question: str) -> dict:
        kommuner = places.find_kommuner(question)
        for w in re.findall(r"\w+", question):
            p = places.normalize_place(w)
            if p and p not in kommuner and w[:1].isupper():
                kommuner.append(p)
        lans = places.find_lan(question)
        present = [p for p in kommuner if self._has_place(p)] + [
            ln for ln in lans if self._has_lan(ln)
        ]
        return {"kommuner": kommuner, "lan": lans, "present": present}

    def _has_place(self, kommun: str) -> bool:
        return f"kommun:{kommun}" in self.catalog.snapshot().flags

    def _has_lan(self, lan: str) -> bool:
        return f"lan:{lan}" in self.catalog.snapshot().flags

    def _place_boost(self, places: dict) -> dict[str, float]:
        w = self.settings.retrieval.place_boost * (self.settings.retrieval.rrf_k + 1) * 0.05
        boost = {f"kommun:{p}": w for p in places["kommuner"]}
        boost.update({f"lan:{ln}": w / 2 for ln in places["lan"]})
        return boost

    def _place_missing(self, q: str, place: str, filters: Filters, k: int) -> Answer:
        """Nothing for this kommun: say so and offer the nearest sources (same län)."""
        lan = places.lan_of(place)
        text = f"Jag hittar inget om {place} i dokumenten."
        sources: list[Source] = []
        if lan and self._has_lan(lan):
            hits = self.retriever.search(q, Filters(lan=lan))
            sources = self._sources(_one_per_project(hits)[: min(k, 3)])
            if sources:
                listed = "; ".join(f"{s.title} [{s.n}]" for s in sources)
                text += f" Närmast finns källor i samma län ({lan}): {listed}."
        return Answer(q, text, refused=True, sources=sources, note=f"Inget om {place}")

    # --- projects named in the question -------------------------------------------------
    def _named_projects(self, question: str) -> list[str]:
        fq = " " + " ".join(re.findall(r"\w+", fold(question))) + " "
        return [pid for pid, head in self.catalog.snapshot().title_heads if f" {head} " in fq]

    # --- composing ----------------------------------------------------------------------
    def _compose(self, q: str, intent: Intent, sources: list[Source]) -> Answer:
        lead = sources[0]
        answer = None
        if intent.fields:
            answer = self._field_answer(q, intent, sources)
        if answer is None and intent.is_list:
            answer = self._list_answer(q, sources)
        if answer is None and intent.is_overview:
            first = compose.units(lead.text)[:3]
            answer = compose.cite([(lead, u) for u in first]) if first else None
        if answer is None:
            # Sentences only from sources that rank close to the best one: fewer off-topic cites.
            near = [s for s in sources if s.score >= 0.7 * lead.score]
            limit = self.settings.answer.max_sentences
            if intent.english:
                pairs = self._closest_units(q, near, min(limit, 2))
            else:
                pairs = compose.best_sentences(q, near, limit, self._idf)
            answer = compose.cite(pairs)
        cfg = self.settings.answer
        if cfg.mode == "generative" and cfg.llm_base_url:
            from assistant.generate import generate

            answer = generate(q, sources, answer, self.settings)
        return Answer(q, answer, False, sources, project_id=lead.metadata.get("project_id"))

    def _closest_units(self, q: str, sources: list[Source], limit: int):
        """Cross-lingual: pick the units whose embeddings are closest to the question."""
        cands = [(s, u) for s in sources[:3] for u in compose.units(s.text)]
        if not cands:
            return []
        qv = self.embedder.embed_queries([q])[0]
        uv = self.embedder.embed_passages([u for _s, u in cands])
        order = sorted(range(len(cands)), key=lambda i: -float(uv[i] @ qv))[:limit]
        return [cands[i] for i in sorted(order)]

    def _idf(self, term: str) -> float:
        return self.catalog.lexical.idf(term)

    def _field_answer(self, q: str, intent: Intent, sources: list[Source]) -> str | None:
        """Metadata fields (owner, period, budget, contacts, funders) of the leading project."""
        lines, values = [], []
        for name in intent.fields:
            for src in sources:
                line = compose.field_sentence(name, src.metadata, src.n)
                if line:
                    lines.append(line)
                    values.append(compose.field_value(name, src.metadata) or "")
                    src.cited_sentences.append(line)
                    break
        if not lines:
            return None
        text = " ".join(lines)
        # One supporting sentence from the page, unless it only repeats the value.
        support = compose.best_sentences(q, sources[:1], 1, self._idf)
        if support and not any(v and v.split(" (")[0] in support[0][1] for v in values):
            text += " " + compose.cite(support)
        return text

    def _list_answer(self, q: str, sources: list[Source]) -> str | None:
        """A list inside the leading sources, or one line per distinct project."""
        wants_places = "kommuner" in q.lower()
        best = None
        for src in sources[:3]:
            for unit in compose.units(src.text):
                score = compose.term_overlap(set(terms(q)), unit, self._idf)
                if compose.is_list_unit(unit):
                    score += 0.3
                if wants_places:
                    score += 0.1 * min(len(places.find_kommuner(unit)), 5)
                if best is None or score > best[0]:
                    best = (score, src, unit)
        if best and (compose.is_list_unit(best[2]) or wants_places):
            return compose.cite([(best[1], best[2])])
        lines, seen = [], set()
        for src in sources:
            pid = src.metadata.get("project_id")
            if pid in seen:
                continue
            seen.add(pid)
            pair = compose.best_sentences(q, [src], 1, self._idf)
            if pair:
                lines.append(f"- {src.title}: {compose.cite(pair)}")
        return "\n".join(lines) or None


def _one_per_project(hits: list[Hit]) -> list[Hit]:
    seen: set[str] = set()
    out = []
    for h in hits:
        pid = h.record.metadata.get("project_id")
        if pid not in seen:
            seen.add(pid)
            out.append(h)
    return out
