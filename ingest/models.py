"""Domain records produced by ingestion: a loaded document and the projects found in it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    role: str | None = None


@dataclass
class Document:
    """A source after loading: clean-ish text plus where it came from."""

    source: str  # file name (not the full path) or URL
    text: str  # plain text, UTF-8, HTML already reduced to main content
    content_hash: str  # sha256 of the raw bytes
    path: str | None = None  # full local path, when a file
    fmt: str = "txt"  # txt | md | html | pdf


@dataclass
class Project:
    """One record: a project (or an article/page) with its metadata, as the page states it."""

    source: str
    index: int  # position on the page, 0-based
    title: str
    text: str  # cleaned body text, boilerplate removed
    kind: str = "project"  # project | article | page
    kommuner: list[str] = field(default_factory=list)
    lan: list[str] = field(default_factory=list)
    owner: str | None = None
    period_raw: str | None = None
    period_start: str | None = None  # YYYY-MM
    period_end: str | None = None  # YYYY-MM
    funders: list[str] = field(default_factory=list)
    budget_sek: int | None = None
    contacts: list[Contact] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD
    updated: str | None = None  # YYYY-MM-DD ("Senast uppdaterad")

    @property
    def id(self) -> str:
        return f"{self.source}#{self.index}"

    def to_dict(self) -> dict:
        d = asdict(self)
        d["id"] = self.id
        return d
