"""The metadata codec: records survive a round trip through real Chroma, and filters agree."""

from __future__ import annotations

import numpy as np
import pytest

from index.store import ChunkStore
from stodkollen import codec
from stodkollen.records import Chunk, Contact, Filters, Project, ProjectRecord
from stodkollen.settings import Settings


def _project(**kw) -> Project:
    base = dict(
        source="a.html",
        source_id="/sidor/a.html",
        index=2,
        title="Företagslots",
        text="Lotsen hjälper nya företag.",
        kommuner=["Malå", "Norsjö"],
        lan=["Västerbottens län"],
        owner="Malå kommun",
        period_raw="2022–2024",
        period_start="2022-01",
        period_end="2024-12",
        funders=["Tillväxtverket", "Region Västerbotten"],
        budget_sek=624602,
        contacts=[
            Contact("Anna Berg", "anna.berg@mala.se", "0953-140 00", "projektledare"),
            Contact("Per Ek", None, role="handläggare", phones=["0953-140 01", "070-123 45 67"]),
        ],
        kommun_signal="text",
        published="2023-05-01",
    )
    base.update(kw)
    return Project(**base)


def test_chunk_and_project_round_trip_through_chroma(tmp_path):
    store = ChunkStore(Settings(home=tmp_path))
    p = _project()
    chunk = Chunk("c1", "Lotsen hjälper.", p, "h1", 0, 1, "Företagslots (Malå)")
    bare = _project(
        index=3,
        title="Utan fakta",
        kommuner=[],
        lan=[],
        owner=None,
        funders=[],
        contacts=[],
        budget_sek=None,
        period_raw=None,
        period_start=None,
        period_end=None,
        published=None,
    )
    empty = Chunk("c2", "Text.", bare, "h1", 0, 1, "")
    vec = np.eye(2, 8, dtype=np.float32)
    records = [ProjectRecord(p, "h1", ["c1"], 2), ProjectRecord(bare, "h1", ["c2"], 2)]
    store.upsert([chunk, empty], vec, records, vec, 2000)
    got = {c.id: c for c in store.all_chunks()}
    assert got["c1"].project == _project(text="")
    assert got["c1"].header == chunk.header and got["c1"].doc_chunks == 1
    assert got["c2"].project == _project(
        text="",
        **{
            k: getattr(bare, k)
            for k in (
                "index",
                "title",
                "kommuner",
                "kommun_signal",
                "lan",
                "owner",
                "funders",
                "contacts",
                "budget_sek",
                "period_raw",
                "period_start",
                "period_end",
                "published",
            )
        },
    )
    stored = {r.id: r for r in store.all_projects()}
    assert stored[p.id].project == p and stored[p.id].chunk_ids == ["c1"]
    assert stored[p.id].doc_projects == 2
    store.close()


@pytest.mark.parametrize(
    "f",
    [
        Filters(kommun="Malå"),
        Filters(kommun="Mora"),
        Filters(lan="Västerbottens län"),
        Filters(from_year=2023),
        Filters(from_year=2025),
        Filters(to_year=2021),
        Filters(to_year=2022, from_year=2022),
        Filters(source="b.html"),
        Filters(kommun="Norsjö", from_year=2020, to_year=2030),
    ],
)
def test_where_and_matches_agree(tmp_path, f):
    """Chroma's `where` and the in-memory rule pick the same records, periods or not."""
    store = ChunkStore(Settings(home=tmp_path))
    projects = [
        _project(),
        _project(
            source="b.html",
            kommuner=["Mora"],
            lan=["Dalarnas län"],
            period_start=None,
            period_end=None,
        ),
        _project(index=5, period_start="2019-03", period_end=None),
        _project(index=6, period_start=None, period_end="2021-06"),
    ]
    chunks = [Chunk(f"c{i}", "x", p, "h", 0, 4, "") for i, p in enumerate(projects)]
    vec = np.ones((len(chunks), 4), np.float32) / 2
    store.upsert(chunks, vec, [], np.zeros((0, 4)), 100)
    by_where = {cid for cid, _ in store.query_chunks(vec[0], 10, f)}
    by_rule = {c.id for c in chunks if codec.matches(c.project, f)}
    assert by_where == by_rule
    store.close()


def test_contact_phones_and_old_single_phone_records():
    """Several numbers per person survive the codec; a stored contact without `phones`
    (written before the list existed) reads back with its one number in the list."""
    c = Contact("Per Ek", phones=["0953-140 01", "070-123 45 67"])
    assert c.phone == "0953-140 01" and "070-123 45 67" in c.text()
    md = codec.chunk_metadata(Chunk("c", "t", _project(contacts=[c]), "h", 0, 1, ""))
    assert codec.chunk_from("c", "t", md).project.contacts == [c]
    old = codec.chunk_from(
        "c", "t", {**md, "contacts": ['{"name": "Per Ek", "phone": "0953-140 01"}']}
    )
    assert old.project.contacts == [Contact("Per Ek", phones=["0953-140 01"])]
