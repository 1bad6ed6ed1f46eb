"""What the assistant returns: an answer with numbered sources (the JSON shape of the CLI)."""

from __future__ import annotations

from dataclasses import dataclass, field

REFUSAL = "Jag hittar inget om det i dokumenten."


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
    n: int  # citation number, 1-based, as used in "[n]"
    source: str  # file name or URL
    title: str
    score: float
    text: str  # the chunk (excerpt) shown to the user
    metadata: dict = field(default_factory=dict)  # kommun, lan, owner, period, project_id, ...
    cited_sentences: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = {
            "n": self.n,
            "source": self.source,
            "title": self.title,
            "score": round(float(self.score), 4),
            "text": self.text,
        }
        for k, v in self.metadata.items():
            d.setdefault(k, v)
        return d


@dataclass
class Answer:
    question: str
    answer: str
    refused: bool
    sources: list[Source] = field(default_factory=list)
    project_id: str | None = None  # the project the answer is about (for follow-ups)
    note: str | None = None  # e.g. "Inget hittades för Kiruna; närmaste källor i samma län."

    def to_dict(self) -> dict:
        d = {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "sources": [s.to_dict() for s in self.sources],
        }
        if self.note:
            d["note"] = self.note
        return d
