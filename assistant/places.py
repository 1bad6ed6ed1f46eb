"""The places a question names, and what follows from them: boosts, or "nothing for X"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.retrieve import Boosts, Snapshot
from stodkollen import places


@dataclass
class AskedPlaces:
    kommuner: list[str] = field(default_factory=list)  # every kommun the question names
    lans: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)  # those the corpus has anything about

    def missing(self, snap: Snapshot) -> list[str]:
        return [k for k in self.kommuner if k not in snap.kommuner]


def asked_places(question: str, snap: Snapshot) -> AskedPlaces:
    kommuner = places.find_kommuner(question)
    for w in re.findall(r"\w+", question):
        p = places.normalize_place(w)
        if p and p not in kommuner and w[:1].isupper():
            kommuner.append(p)
    lans = places.find_lan(question)
    present = [k for k in kommuner if k in snap.kommuner] + [ln for ln in lans if ln in snap.lans]
    return AskedPlaces(kommuner, lans, present)


def place_boosts(asked: AskedPlaces, retrieval) -> Boosts:
    """Boost chunks in the places the question names (RetrievalSettings gives the sizes)."""
    share = retrieval.place_boost * retrieval.lan_boost_share
    return Boosts(
        kommuner=dict.fromkeys(asked.kommuner, retrieval.place_boost),
        lans=dict.fromkeys(asked.lans, share),
    )
