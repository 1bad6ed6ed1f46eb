"""The CLI contract, in-process with click's CliRunner, real model and real Chroma."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import main

pytestmark = pytest.mark.slow


@pytest.fixture
def cli_env(tmp_path, model_dir, monkeypatch):
    monkeypatch.setenv("STODKOLLEN_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("STODKOLLEN_MODEL_DIR", str(model_dir))
    return tmp_path


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, model_dir):
    """A home with the sample corpus ingested once, shared by the read-only tests."""
    home = tmp_path_factory.mktemp("clihome")
    env = {"STODKOLLEN_HOME": str(home), "STODKOLLEN_MODEL_DIR": str(model_dir)}
    assert CliRunner().invoke(main, ["ingest"], env=env).exit_code == 0
    return env


@pytest.fixture
def sample_env(ingested, monkeypatch):
    for key, value in ingested.items():
        monkeypatch.setenv(key, value)


def _run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result


def test_ingest_twice_then_ask_json(cli_env):
    first = _run("ingest", "--json")
    assert first.exit_code == 0, first.output
    s1 = json.loads(first.stdout)
    assert (s1["added"], s1["skipped"]) == (5, [])
    second = json.loads(_run("ingest", "--json").stdout)
    assert (second["unchanged"], second["embedded"], second["added"]) == (5, 0, 0)
    print(f"first ingest {s1['seconds']:.2f} s, unchanged re-ingest {second['seconds']:.3f} s")
    assert second["seconds"] < s1["seconds"] / 10

    out = _run("ask", "--json", "Vad kostar Medskapande processer?")
    d = json.loads(out.stdout)
    assert "624 602" in d["answer"] and not d["refused"]
    cited = {int(n) for n in __import__("re").findall(r"\[(\d+)\]", d["answer"])}
    assert "002_a2ead99e0bb57481.txt" in {s["source"] for s in d["sources"] if s["n"] in cited}


def test_ask_stdin_one_json_per_line(sample_env):
    out = _run(
        "ask",
        "-",
        "--json",
        input="Vem var projektägare för Håll ut?\n\nHur ansöker jag om bygglov?\n",
    )
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert len(lines) == 2
    assert "Kalmar" in lines[0]["answer"] and lines[1]["refused"] is True


def test_projects_json_lists_records_with_metadata(sample_env):
    rows = json.loads(_run("projects", "--json").stdout)
    assert len(rows) >= 16
    hall = next(r for r in rows if r["title"] == "Håll ut")
    assert hall["owner"] == "Industriellt Utvecklingscentrum i Kalmar AB"
    assert (hall["period_start"], hall["period_end"]) == ("2012-03", "2014-10")
    medsk = next(r for r in rows if r["title"].startswith("Medskapande"))
    assert medsk["budget_sek"] == 624602 and "Malå" in medsk["kommuner"]


def test_projects_csv_has_one_row_per_project(sample_env):
    import csv
    import io

    out = _run("projects", "--csv")
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[0] == (
        "title,kommuner,lan,owner,period_start,period_end,budget_sek,funders,source"
    )
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    listed = json.loads(_run("projects", "--json").stdout)
    assert len(rows) == sum(r["kind"] == "project" for r in listed)
    medsk = next(r for r in rows if r["title"].startswith("Medskapande"))
    assert medsk["budget_sek"] == "624602" and "Malå" in medsk["kommuner"].split("; ")
    assert _run("projects", "--csv", "--json").exit_code == 2
    # The plain listing shows the same projects: no list page's intro ("Pågående projekt").
    text = _run("projects").stdout.splitlines()
    assert len(text) == len(rows) and not any(t.startswith("Pågående projekt") for t in text)


def test_similar_cli(sample_env):
    rows = json.loads(
        _run("similar", "--json", "samverkan mellan kommun och företagarorganisation").stdout
    )
    assert any("Örnsköldsvik" in r["title"] for r in rows[:2])


def test_directory_with_one_good_and_five_bad_files(cli_env):
    d = cli_env / "mixed"
    d.mkdir()
    (d / "bra.txt").write_text(
        "Solkraft i Arjeplog\n\nProjektägare: Arjeplogs kommun Projekttid: 2021-01 — 2022-12"
        "\n\nProjektet bygger solceller på kommunens tak.\n"
    )
    (d / "tom.txt").write_text("")
    (d / "binar.txt").write_bytes(b"\x00\xff\x00\xfe" * 64)
    (d / "okand.docx").write_bytes(b"PK\x03\x04 not really")
    (d / "trasig.pdf").write_bytes(b"%PDF-1.4 trasig")
    (d / "stor.txt").write_text("ord " * 400_000)  # ~1.6 MB, over the 1 MB limit below
    result = CliRunner().invoke(
        main, ["ingest", str(d), "--json"], env={"STODKOLLEN_INGEST__MAX_FILE_MB": "1"}
    )
    assert result.exit_code == 0, result.output
    s = json.loads(result.stdout)
    assert s["added"] == 1
    assert {x["source"] for x in s["skipped"]} == {
        "tom.txt",
        "binar.txt",
        "okand.docx",
        "trasig.pdf",
        "stor.txt",
    }
    assert all(x["reason"] for x in s["skipped"])


def test_nothing_processable_exits_2_with_one_line(cli_env):
    result = CliRunner().invoke(main, ["ingest", str(cli_env / "finns-inte.txt")])
    assert result.exit_code == 2


def test_user_mistake_is_one_swedish_line(sample_env):
    result = CliRunner().invoke(main, ["ask", "   "])
    assert result.exit_code == 2
    assert result.stderr.startswith("Fel: ") and "Traceback" not in result.output
