"""The domain records every layer shares: documents, projects, chunks, sources and answers.

Plain dataclasses with no storage knowledge: how they are flattened into Chroma metadata is
the job of `stodkollen.codec` alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

REFUSAL = "Jag hittar inget om det i dokumenten."


@dataclass
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None  # the first of `phones`, kept for readers of older records
    role: str | None = None
    phones: list[str] = field(default_factory=list)  # every number, as the page writes it

    def __post_init__(self) -> None:
        if self.phone and self.phone not in self.phones:
            self.phones.insert(0, self.phone)
        self.phone = self.phones[0] if self.phones else None

    def text(self) -> str:
        """ "Name, role, e-mail, phones" as one line (what a source card shows)."""
        return ", ".join(p for p in (self.name, self.role, self.email, *self.phones) if p)


@dataclass
class Block:
    """One block of a page's own structure, in reading order.

    kind: heading | para | item (list item) | table | term (<dt>) | def (<dd>) | rule.
    `level` is the heading level (1-6) or the list depth; `lead` is a leading bold or
    emphasised phrase ("**Visby Hamnkök** – ett delat kök"); a table keeps its rows in
    `cells` (the first row is the header row when `header` is true).
    """

    kind: str
    text: str = ""
    level: int = 0
    lead: str | None = None
    cells: list[list[str]] = field(default_factory=list)
    header: bool = False


@dataclass
class Document:
    """A source after loading: clean-ish text plus where it came from."""

    source: str  # file name (not the full path) or URL
    text: str  # plain text, UTF-8, HTML already reduced to main content
    content_hash: str  # sha256 of the raw bytes
    path: str | None = None  # full local path, when a file
    fmt: str = "txt"  # txt | md | html | pdf
    blocks: list[Block] = field(default_factory=list)  # HTML/Markdown structure, else empty
    url: str | None = None  # the page's canonical URL (canonical link, og:url), when stated
    # Identity in the store: the resolved path or the URL (see loaders.source_id); stable
    # across runs whichever folder was named. Defaults to `path`, else `source`.
    source_id: str = ""

    def __post_init__(self) -> None:
        self.source_id = self.source_id or self.path or self.source


@dataclass
class Project:
    """One record: a project (or an article/page) with its metadata, as the page states it.

    `text` is the body; a project read back from a chunk carries an empty text.
    """

    source: str
    index: int  # position on the page, 0-based
    title: str
    text: str = ""  # cleaned body text, boilerplate removed
    kind: str = "project"  # project | article | page
    kommuner: list[str] = field(default_factory=list)
    lan: list[str] = field(default_factory=list)
    # Where `kommuner` came from: "text" (named on the page) or a weaker signal when the
    # text names none: "site" (the publisher's name in page chrome), "email" (contacts'
    # e-mail domains), "funder" (the one kommun that funds it) or "url" (the page's host).
    kommun_signal: str | None = None
    owner: str | None = None
    period_raw: str | None = None
    period_start: str | None = None  # YYYY-MM
    period_end: str | None = None  # YYYY-MM
    funders: list[str] = field(default_factory=list)
    budget_sek: int | None = None
    contacts: list[Contact] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD
    updated: str | None = None  # YYYY-MM-DD ("Senast uppdaterad")
    source_id: str = ""  # the document's identity (Document.source_id); defaults to `source`
    # On a page that lists several records: what the page says about all of them (its title
    # and the intro's first sentence), so that each record is found by the list's own words
    # ("Leader Vildmarksriket", "LAG-möte 12 mars 2024"). Indexed, never quoted.
    context: str = ""

    @property
    def id(self) -> str:
        # From the identity, not the display name (which can change); hashed so that answers
        # do not show local paths.
        key = (self.source_id or self.source).encode("utf-8", "backslashreplace")
        return f"{hashlib.sha1(key).hexdigest()[:16]}#{self.index}"

    @property
    def kommun(self) -> str | None:
        """The main kommun (the page's own, when it names one)."""
        return self.kommuner[0] if self.kommuner else None

    @property
    def start_year(self) -> int | None:
        return int(self.period_start[:4]) if self.period_start else None

    @property
    def end_year(self) -> int | None:
        return int(self.period_end[:4]) if self.period_end else None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["id"] = self.id
        d.pop("source_id")  # a local path: not shown
        return d


@dataclass
class Chunk:
    """A piece of one project's text, as embedded and stored."""

    id: str
    text: str  # the chunk as shown to users
    project: Project  # the project it belongs to (text left empty)
    doc_hash: str
    chunk_index: int = 0
    doc_chunks: int = 0  # chunks of the whole document: a crash-safety count
    header: str = ""  # title and place, embedded with the text to make the chunk findable
    parser: int = 0  # the parser version that made it (a newer parser re-reads the page)


@dataclass
class ProjectRecord:
    """A stored project: its metadata, a text excerpt and the chunks that make it up."""

    project: Project
    doc_hash: str
    chunk_ids: list[str] = field(default_factory=list)
    doc_projects: int = 0  # projects of the whole document: a crash-safety count
    parser: int = 0  # the parser version that made it

    @property
    def id(self) -> str:
        return self.project.id


@dataclass
class SourceState:
    """What the store holds for one source: hashes, recorded counts and ids, per collection."""

    names: set = field(default_factory=set)  # display names it is stored under
    parsers: set = field(default_factory=set)  # parser versions of its chunks and projects
    chunk_hashes: set = field(default_factory=set)
    chunk_counts: set = field(default_factory=set)
    chunk_ids: list[str] = field(default_factory=list)
    project_hashes: set = field(default_factory=set)
    project_counts: set = field(default_factory=set)
    project_ids: list[str] = field(default_factory=list)

    def is_current(self, doc_hash: str, parser: int) -> bool:
        """Chunks and project records all of this version, read by this parser, and as many
        as were written."""
        return (
            self.parsers == {parser}
            and self.chunk_hashes == {doc_hash}
            and self.chunk_counts == {len(self.chunk_ids)}
            and self.project_hashes == {doc_hash}
            and self.project_counts == {len(self.project_ids)}
        )


@dataclass
class Filters:
    kommun: str | None = None
    lan: str | None = None
    from_year: int | None = None
    to_year: int | None = None
    source: str | None = None

    def is_empty(self) -> bool:
        return not any(
            v is not None and v != ""
            for v in (self.kommun, self.lan, self.from_year, self.to_year, self.source)
        )


@dataclass
class Source:
    """One numbered source of an answer: the cited chunk (or passage) and its project."""

    n: int  # citation number, 1-based, as used in "[n]"
    project: Project
    score: float
    text: str  # the chunk (excerpt) shown to the user
    chunk_id: str | None = None
    cited_sentences: list[str] = field(default_factory=list)
    dense: float | None = None  # cosine of question and chunk (None: not ranked densely)

    @property
    def source(self) -> str:
        return self.project.source

    @property
    def title(self) -> str:
        return self.project.title

    def to_dict(self) -> dict:
        p = self.project
        d = {
            "n": self.n,
            "source": p.source,
            "title": p.title,
            "score": round(float(self.score), 4),
            "text": self.text,
            "project_id": p.id,
            "kind": p.kind,
            "kommun": p.kommun,
            "kommuner": list(p.kommuner),
            "kommun_signal": p.kommun_signal,
            "lan": p.lan[0] if p.lan else None,
            "lans": list(p.lan),
            "owner": p.owner,
            "period_raw": p.period_raw,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "funders": list(p.funders),
            "budget_sek": p.budget_sek,
            "contacts": [c.text() for c in p.contacts],
            "published": p.published,
            "updated": p.updated,
        }
        return {k: v for k, v in d.items() if v not in (None, "", [])}


@dataclass
class Answer:
    question: str
    answer: str
    refused: bool
    sources: list[Source] = field(default_factory=list)
    project_id: str | None = None  # the project the answer is about (for follow-ups)
    note: str | None = None  # e.g. "Inget hittades för Kiruna; närmaste källor i samma län."
    more: str | None = None  # what the length budget held back ("Visa mer")

    def to_dict(self) -> dict:
        d = {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "sources": [s.to_dict() for s in self.sources],
        }
        if self.note:
            d["note"] = self.note
        if self.more:
            d["more"] = self.more
        return d
