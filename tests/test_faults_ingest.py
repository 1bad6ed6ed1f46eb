"""Regression tests for the ingest faults of issue 15 (fake embedder, real embedded Chroma)."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

import cli.main as cli
from index.store import ChunkStore
from ingest.chunking import embedding_text
from ingest.loaders import load_source
from ingest.pipeline import Ingestor
from stodkollen.records import Answer, Project, Source
from stodkollen.settings import IngestSettings, Settings
from tests.conftest import SAMPLE
from tests.fakes import HashingEmbedder


def _ingestor(settings: Settings):
    store = ChunkStore(settings)
    return Ingestor(settings, store, HashingEmbedder()), store


def _by_source(store: ChunkStore) -> dict[str, set[str]]:
    """Stored display name -> the document versions (hashes) stored under it."""
    out: dict[str, set[str]] = {}
    for r in store.all_chunks():
        out.setdefault(r.project.source, set()).add(r.doc_hash)
    return out


@pytest.fixture
def fake_cli(settings, monkeypatch):
    """The CLI with an assistant over the test's home and the fake embedder."""
    from assistant.service import Assistant

    monkeypatch.setattr(cli, "_assistant", lambda: Assistant(settings, embedder=HashingEmbedder()))
    return settings


# --- 1. a document's identity is its resolved path ---------------------------------------------
@pytest.fixture
def same(tmp_path):
    """same/2023/projekt.txt and same/2024/projekt.txt: one file name, two projects."""
    root = tmp_path / "same"
    for year, page in (("2023", "002_a2ead99e0bb57481.txt"), ("2024", "003_b4cd6cbfee5ded9c.txt")):
        (root / year).mkdir(parents=True)
        shutil.copy(SAMPLE / page, root / year / "projekt.txt")
    return root


def test_same_file_name_in_separate_runs_keeps_both_documents(settings, same):
    ing, store = _ingestor(settings)
    first = ing.run([str(same / "2023")])
    second = ing.run([str(same / "2024")])
    assert (first.added, second.added, second.updated) == (1, 1, 0)
    stored = _by_source(store)
    assert len(stored) == 2 and len(set().union(*stored.values())) == 2  # both projects kept
    # shown under the shortest names that tell them apart
    assert set(stored) == {"2023/projekt.txt", "2024/projekt.txt"}
    ids = {r.project.source_id for r in store.all_chunks()}
    assert ids == {str((same / y / "projekt.txt").resolve()) for y in ("2023", "2024")}


def test_folder_then_subfolder_stores_each_file_once(settings, same):
    ing, store = _ingestor(settings)
    ing.run([str(same)])
    count = store.count()
    again = ing.run([str(same / "2023")])
    assert (again.added, again.updated, again.unchanged, again.embedded) == (0, 0, 1, 0)
    assert store.count() == count
    assert set(_by_source(store)) == {"2023/projekt.txt", "2024/projekt.txt"}


# --- 2. file names that are not valid UTF-8 ----------------------------------------------------
def test_undecodable_file_name_is_stored_under_an_escaped_name(settings, tmp_path):
    folder = tmp_path / "namn"
    folder.mkdir()
    shutil.copy(SAMPLE / "003_b4cd6cbfee5ded9c.txt", folder / "bra.txt")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write((SAMPLE / "004_2bf8b921bb3f0e7e.txt").read_bytes())
    ing, store = _ingestor(settings)
    summary = ing.run([str(folder)])
    assert (summary.added, summary.skipped) == (2, [])
    assert set(_by_source(store)) == {"bra.txt", "caf\\xe9.txt"}


def test_undecodable_file_name_does_not_break_the_cli(fake_cli, tmp_path):
    folder = tmp_path / "namn"
    folder.mkdir()
    shutil.copy(SAMPLE / "003_b4cd6cbfee5ded9c.txt", folder / "bra.txt")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"")  # empty: listed as skipped, under its escaped name
    result = CliRunner().invoke(cli.main, ["ingest", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["added"] == 1
    assert [s["source"] for s in summary["skipped"]] == ["caf\\xe9.txt"]


# --- 3. deeply nested HTML ---------------------------------------------------------------------
@pytest.mark.parametrize("rows", [300, 3000])
def test_deeply_nested_html_keeps_every_row(settings, tmp_path, rows):
    body = "".join(
        f"<div>Rad {i} handlar om projekt nummer {i} i Malå.\n" for i in range(1, rows + 1)
    )
    page = tmp_path / "djup.html"
    page.write_text(f"<html><head><title>Djup</title></head><body>{body}</body></html>")
    doc = load_source(str(page), settings)
    missing = [i for i in range(1, rows + 1) if f"Rad {i} handlar" not in doc.text]
    assert missing == []
    assert "Djup" not in doc.text  # the <head> stays out
    if rows == 300:
        ing, store = _ingestor(settings)
        assert ing.run([str(page)]).added == 1
        stored = " ".join(embedding_text(r) for r in store.all_chunks())  # title in the header
        assert all(f"Rad {i} handlar" in stored for i in (1, 254, 300))


# --- 4. a cost limit per document --------------------------------------------------------------
def _huge_line(tmp_path, sentences: int = 20_000):
    words = "Projektet i Malå kommun bygger solceller på taken och ordnar kurser för företagare"
    path = tmp_path / "enrad.txt"
    path.write_text(" ".join(f"{words} nummer {i}." for i in range(sentences)), encoding="utf-8")
    return path


def test_a_huge_single_line_is_capped_at_the_chunk_limit_with_a_warning(tmp_path, model_dir):
    path = _huge_line(tmp_path)
    assert path.stat().st_size > 1_500_000 and b"\n" not in path.read_bytes()
    settings = Settings(
        home=tmp_path / "home",
        model_dir=model_dir,
        ingest=IngestSettings(max_chunks_per_document=20),
    )
    ing, store = _ingestor(settings)
    summary = ing.run([str(path)])
    assert (summary.added, summary.chunks, summary.embedded, summary.skipped) == (1, 20, 20, [])
    assert [w["source"] for w in summary.warnings] == ["enrad.txt"]
    assert "20" in summary.warnings[0]["reason"] and "avkortad" in summary.warnings[0]["reason"]
    assert summary.to_dict()["warnings"] == summary.warnings
    texts = [r.text for r in store.all_chunks()]
    assert all(t.endswith(".") for t in texts)  # split at sentence ends, not one giant line
    assert max(len(t) for t in texts) < 2000
    # Unchanged with the same limit; a higher limit completes the document.
    assert ing.run([str(path)]).unchanged == 1
    more = settings.model_copy(update={"ingest": IngestSettings(max_chunks_per_document=30)})
    ing.settings = more
    again = ing.run([str(path)])
    assert (again.updated, again.chunks) == (1, 30)


def test_the_chunk_limit_default_is_documented():
    field = IngestSettings.model_fields["max_chunks_per_document"]
    assert field.default >= 100 and field.description


# --- 5. control characters in names ------------------------------------------------------------
def test_control_characters_in_names_stay_on_one_line_in_cli_text(fake_cli, tmp_path):
    folder = tmp_path / "rader"
    folder.mkdir()
    (folder / "tom\nfil.txt").write_text("")
    shutil.copy(SAMPLE / "003_b4cd6cbfee5ded9c.txt", folder / "bra.txt")
    result = CliRunner().invoke(cli.main, ["ingest", str(folder)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[1].startswith("skipped: tom\\nfil.txt: tom fil")

    source = Source(1, Project("rad1\nrad2.txt", 0, "Titel", kommuner=["Malå"]), 1.0, "text")
    text = cli._answer_text(Answer("Fråga?", "Svar [1].", False, [source]))
    assert text.splitlines()[-1] == "[1] rad1\\nrad2.txt: Titel – Malå"


# --- 6. file links out of the named folder ----------------------------------------------------
@pytest.fixture
def linked(tmp_path):
    corpus, outside = tmp_path / "korpus", tmp_path / "utanfor"
    corpus.mkdir()
    outside.mkdir()
    shutil.copy(SAMPLE / "003_b4cd6cbfee5ded9c.txt", corpus / "bra.txt")
    (outside / "hemlig.txt").write_text(
        "Hemligt\n\nLösenordet till servern är gurkmajonnäs och får inte spridas vidare.\n"
    )
    (corpus / "passwd.txt").symlink_to(outside / "hemlig.txt")
    (corpus / "kopia.txt").symlink_to(corpus / "bra.txt")  # inside the folder: fine, one copy
    return corpus


def _secret_stored(store: ChunkStore) -> bool:
    return any("gurkmajonnäs" in r.text for r in store.all_chunks())


def test_file_link_out_of_the_folder_is_skipped_unless_asked(settings, linked):
    ing, store = _ingestor(settings)
    summary = ing.run([str(linked)])
    assert summary.added == 1 and not _secret_stored(store)
    assert [s["source"] for s in summary.skipped] == ["passwd.txt"]
    assert (
        "länk" in summary.skipped[0]["reason"] and "--follow-links" in summary.skipped[0]["reason"]
    )
    followed = ing.run([str(linked)], follow_links=True)
    assert (followed.added, followed.unchanged, followed.skipped) == (1, 1, [])
    assert _secret_stored(store)


def test_cli_follow_links_option(fake_cli, linked):
    result = CliRunner().invoke(cli.main, ["ingest", str(linked), "--json"])
    assert [s["source"] for s in json.loads(result.stdout)["skipped"]] == ["passwd.txt"]
    result = CliRunner().invoke(cli.main, ["ingest", str(linked), "--follow-links", "--json"])
    assert result.exit_code == 0, result.output
    assert (json.loads(result.stdout)["added"], json.loads(result.stdout)["skipped"]) == (1, [])


def test_directory_link_is_listed_and_not_followed(settings, linked, tmp_path):
    (linked / "utanfor").symlink_to(tmp_path / "utanfor", target_is_directory=True)
    ing, store = _ingestor(settings)
    summary = ing.run([str(linked)], follow_links=True)
    assert summary.added == 2  # bra.txt and, asked for, passwd.txt
    assert [(s["source"], s["reason"].split(" (")[0]) for s in summary.skipped] == [
        ("utanfor", "länkad mapp följs inte")
    ]
    assert len({r.project.source_id for r in store.all_chunks()}) == 2
