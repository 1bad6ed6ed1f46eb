"""The places a question names, and what follows from them: boosts, or "nothing for X"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.retrieve import Boosts, Snapshot
from stodkollen import places
from stodkollen.records import Chunk
from stodkollen.text import terms, words


@dataclass
class AskedPlaces:
    kommuner: list[str] = field(default_factory=list)  # every kommun the question names
    lans: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)  # those the corpus has anything about

    @property
    def present_kommuner(self) -> list[str]:
        return [p for p in self.present if p in self.kommuner]

    def missing(self, snap: Snapshot) -> list[str]:
        return [k for k in self.kommuner if k not in snap.kommuner]


def asked_places(question: str, snap: Snapshot) -> AskedPlaces:
    kommuner = places.find_kommuner(question)
    # Typed without diacritics ("Mala"): a capitalised word that names a kommun counts when it
    # reads as a place: not a name that is also a word or surname ("Anna Berg telefon"), and
    # not right after another capitalised word (a first name), unless the context says place.
    found = list(re.finditer(r"\w+", question))
    for i, m in enumerate(found):
        w, p = m.group(), places.normalize_place(m.group())
        if not p or p in kommuner or not w[:1].isupper():
            continue
        after_name = i > 1 and found[i - 1].group()[:1].isupper()
        context = places.in_place_context(question, m.start(), m.end())
        if context or not (places.is_ambiguous(p) or after_name):
            kommuner.append(p)
    # A village or town named instead of its kommun ("Jag bor i Sysslebäck") that no page
    # names: its kommun, when the corpus has anything there. A village the pages name is
    # found by its own name; its whole kommun would bring in the kommun's other projects.
    for name, kommun in _covered_villages(question, snap):
        unknown = not any(snap.lexical.df(t) for t in terms(name))
        if unknown and kommun not in kommuner:
            kommuner.append(kommun)
    lans = places.find_lan(question)
    present = [k for k in kommuner if k in snap.kommuner] + [ln for ln in lans if ln in snap.lans]
    return AskedPlaces(kommuner, lans, present)


def _covered_villages(text: str, snap: Snapshot) -> list[tuple[str, str]]:
    """(village or town, its kommun) the text names, in kommuner the corpus has."""
    return [(n, k) for n, k in places.named_localities(text) if k in snap.kommuner]


def village_terms(text: str, snap: Snapshot) -> frozenset[str]:
    """Index terms of the villages and towns the text names in kommuner the corpus has: like
    a kommun's name they say where, not what, so the refusal test does not look for them.
    A village elsewhere stays a word the corpus lacks."""
    return frozenset(t for name, _k in _covered_villages(text, snap) for t in terms(name))


def place_boosts(asked: AskedPlaces, retrieval) -> Boosts:
    """Boost chunks in the places the question names (RetrievalSettings gives the sizes)."""
    share = retrieval.place_boost * retrieval.lan_boost_share
    return Boosts(
        kommuner=dict.fromkeys(asked.kommuner, retrieval.place_boost),
        lans=dict.fromkeys(asked.lans, share),
    )


def names_place(chunk: Chunk, place: str) -> bool:
    """Does this chunk name the place: in its text as a place (so "Anna Berg" is not Berg),
    or in its address (a page may name its kommun only in its web address)?"""
    if place in places.find_kommuner(f"{chunk.header}\n{chunk.text}"):
        return True
    needle = f" {' '.join(words(place))} "
    return needle in f" {' '.join(words(chunk.project.source))} "
