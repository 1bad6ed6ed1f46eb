"""`stodkollen projects` from the list saved at the store's version: no chromadb import when
it is current, never a stale row after a write (by any process), never a traceback for a
damaged file. Real Chroma, real ingest, the hashing embedder (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.service import Assistant
from index.project_cache import project_records, table_path
from index.store import ChunkStore
from index.store_version import stored_version
from stodkollen.settings import Settings
from tests.test_fast_cli import _among, _run_cli

PAGE = """{title}

Projektet {title} bygger vindsnurror vid Testsjön i Arjeplogs kommun.
Projektägare: {owner}
"""


def _settings(home: Path, **kw) -> Settings:
    return Settings(home=home, embedding={"model": "hash"}, **kw)


def _env(home: Path) -> dict[str, str]:
    return {"STODKOLLEN_HOME": str(home), "STODKOLLEN_EMBEDDING__MODEL": "hash"}


def _write(folder: Path, name: str, title: str, owner: str = "Testby kommun") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(PAGE.format(title=title, owner=owner), encoding="utf-8")


def _ingest(settings: Settings, folder: Path, prune: bool = False) -> None:
    a = Assistant(settings)
    try:
        a.ingest([str(folder)], prune=prune)
    finally:
        a.store.close()


def _projects(home: Path, *args: str) -> tuple[str, bool]:
    """`stodkollen projects ARGS` in a fresh process: (stdout, whether it imported chromadb)."""
    done, modules = _run_cli(["projects", *args], _env(home))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout, bool(_among(modules, ("chromadb",)))


def _titles(home: Path) -> tuple[list[str], bool]:
    out, chroma = _projects(home, "--json")
    return [row["title"] for row in json.loads(out)], chroma


def test_projects_reads_the_saved_list_without_chromadb(tmp_path):
    home, pages = tmp_path / "home", tmp_path / "sidor"
    _write(pages, "a.txt", "Vindkraft i Testby")
    _write(pages, "b.txt", "Solkraft i Testby")
    _ingest(_settings(home), pages)
    assert table_path(_settings(home)).is_file()  # the ingest saved it
    saved = {args: _projects(home, *args) for args in ((), ("--json",), ("--csv",))}
    assert not any(chroma for _, chroma in saved.values())
    assert "Vindkraft i Testby" in saved[()][0] and "Solkraft i Testby" in saved[("--csv",)][0]
    for args, (out, _) in saved.items():  # the same bytes as the list read from Chroma
        table_path(_settings(home)).unlink()
        fresh, chroma = _projects(home, *args)
        assert chroma and fresh == out, args
        assert table_path(_settings(home)).is_file()  # saved again by the reader


def test_a_write_by_another_process_is_shown_at_once(tmp_path):
    home, pages = tmp_path / "home", tmp_path / "sidor"
    settings = _settings(home)
    _write(pages, "a.txt", "Vindkraft i Testby")
    _write(pages, "b.txt", "Solkraft i Testby")
    _ingest(settings, pages)
    assert _titles(home) == (["Vindkraft i Testby", "Solkraft i Testby"], False)
    # A write that does not save the list (another program, an older version): the saved
    # list is stale, so the reader asks Chroma, shows the write and saves the list again.
    store = ChunkStore(settings)
    try:
        gone = next(r for r in store.all_projects() if r.project.title.startswith("Sol"))
        store.delete_ids([], [gone.id])
    finally:
        store.close()
    assert _titles(home) == (["Vindkraft i Testby"], True)
    assert _titles(home) == (["Vindkraft i Testby"], False)
    # An ingest that changes the projects leaves the new list saved.
    _write(pages, "a.txt", "Vågkraft i Testby")
    _write(pages, "c.txt", "Biogas i Testby")
    _ingest(settings, pages, prune=True)
    assert _titles(home) == (["Vågkraft i Testby", "Solkraft i Testby", "Biogas i Testby"], False)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"\xff\xfe\x00garbage",
        b"[]",
        b'{"format": 1}',
        b"null",
        "entries-not-pairs",
        "entries-wrong-types",
        "another-format",
        "another-collection",
    ],
)
def test_a_damaged_saved_list_gives_the_stored_rows(tmp_path, damage):
    home, pages = tmp_path / "home", tmp_path / "sidor"
    settings = _settings(home)
    _write(pages, "a.txt", "Vindkraft i Testby")
    _ingest(settings, pages)
    path = table_path(settings)
    saved = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(damage, str):
        changed = {
            "entries-not-pairs": {"entries": [[1, 2, 3]]},
            "entries-wrong-types": {"entries": [["text", {"index": "ett", "kommuner": 5}]]},
            "another-format": {"format": 999},
            "another-collection": {"collection": "stodkollen_other"},
        }[damage]
        damage = json.dumps({**saved, **changed}).encode()
    path.write_bytes(damage)
    store = ChunkStore(settings)
    try:
        expected = [r.project.to_dict() for r in store.all_projects()]
    finally:
        store.close()
    assert [r.project.to_dict() for r in project_records(settings)] == expected
    assert json.loads(path.read_text(encoding="utf-8")) == saved  # written anew, whole


def test_a_damaged_saved_list_through_the_command(tmp_path):
    home, pages = tmp_path / "home", tmp_path / "sidor"
    _write(pages, "a.txt", "Vindkraft i Testby")
    _ingest(_settings(home), pages)
    table_path(_settings(home)).write_text('{"format": 1, "entries": [[1, 2]]', encoding="utf-8")
    assert _titles(home) == (["Vindkraft i Testby"], True)
    assert _titles(home) == (["Vindkraft i Testby"], False)
    assert [p.name for p in table_path(_settings(home)).parent.iterdir()] == [
        table_path(_settings(home)).name  # no temporary files left behind
    ]


def test_stored_version_is_the_store_version_after_every_kind_of_write(tmp_path):
    home, pages = tmp_path / "home", tmp_path / "sidor"
    settings = _settings(home)
    assert stored_version(settings) is None  # no store yet
    _write(pages, "a.txt", "Vindkraft i Testby")
    _write(pages, "b.txt", "Solkraft i Testby")
    store = ChunkStore(settings)
    try:
        assert store.version() == "" and stored_version(settings) is None  # nothing written
        seen = set()

        def check() -> None:
            now = store.version()
            assert now and stored_version(settings) == now and now not in seen
            seen.add(now)

        _ingest(settings, pages)
        check()
        _write(pages, "a.txt", "Vindkraft i Testby", owner="Arjeplogs kommun")  # an edit
        _ingest(settings, pages)
        check()
        state = next(iter(store.source_states().values()))
        store.rename_source(state, "nytt-namn.txt")
        check()
        store.delete_ids(state.chunk_ids[:1])
        check()
        # Another collection in the same file (other chunking) has a version record of its
        # own: it does not answer for this one.
        other = _settings(home, ingest={"chunk_size": 200})
        _ingest(other, pages)
        assert stored_version(other) not in (None, store.version())
        assert stored_version(settings) == store.version()
        for _ in range(30):  # many writes: whatever Chroma does with its log meanwhile
            store.delete_ids(["no-such-chunk"])
        check()
    finally:
        store.close()


def test_the_version_is_read_from_a_home_whose_path_holds_uri_characters(tmp_path):
    # "#" or "?" in the path must not end the file URI (and drop read-only mode).
    home, pages = tmp_path / "hem#1?x", tmp_path / "sidor"
    settings = _settings(home)
    _write(pages, "a.txt", "Vindkraft i Testby")
    _ingest(settings, pages)
    store = ChunkStore(settings)
    try:
        assert stored_version(settings) == store.version()
    finally:
        store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hem#1?x", "sidor"]  # no stray file


def test_a_server_store_is_never_read_from_a_saved_list(tmp_path):
    settings = _settings(tmp_path / "home", chroma_url="http://127.0.0.1:9")
    assert stored_version(settings) is None
    from index.project_cache import cached_entries, save_entries

    save_entries(settings, "token", [["text", {}]])
    assert not table_path(settings).exists() and cached_entries(settings) is None


def test_a_list_over_the_limit_is_not_saved_and_still_listed(tmp_path, monkeypatch):
    import index.project_cache as cache

    home, pages = tmp_path / "home", tmp_path / "sidor"
    settings = _settings(home)
    _write(pages, "a.txt", "Vindkraft i Testby")
    _write(pages, "b.txt", "Solkraft i Testby")
    monkeypatch.setattr(cache, "SAVE_LIMIT", 1)
    _ingest(settings, pages)
    assert not table_path(settings).exists()  # the ingest did not read the records back
    titles = [r.project.title for r in project_records(settings)]
    assert titles == ["Vindkraft i Testby", "Solkraft i Testby"]
    assert not table_path(settings).exists()  # nor did the reader write them out
