"""Feedback: one JSON line per rating, safe under concurrent writers, exported as written."""

from __future__ import annotations

import json
import threading

import pytest
from click.testing import CliRunner

from assistant.feedback import export, feedback_record, record_feedback
from stodkollen.errors import UserInputError
from stodkollen.records import Project, Source


def test_record_appends_one_json_line(settings):
    src = Source(1, Project("001.txt", 0, "Håll ut"), 0.5, "text")
    entry = record_feedback("Vem?", "Svar [1]", [src, {"source": "https://x.se"}], "up", settings)
    assert entry["sources"] == ["001.txt", "https://x.se"]
    record_feedback("Vad?", "Jag hittar inget", [], "down", settings)
    lines = settings.feedback_file.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["rating"] for line in lines] == ["up", "down"]
    first = json.loads(lines[0])
    assert set(first) == {"time", "question", "answer", "sources", "rating"}
    assert first["question"] == "Vem?" and first["time"].endswith("+00:00")
    assert list(export(settings)) == lines


def test_unknown_rating_is_rejected():
    with pytest.raises(UserInputError):
        feedback_record("q", "a", [], "meh")


def test_export_without_file_is_empty(settings):
    assert list(export(settings)) == []


def test_concurrent_writers_do_not_interleave(settings):
    text = "å" * 5000  # long lines: torn writes would show as invalid JSON

    def write(i: int) -> None:
        for _ in range(20):
            record_feedback(f"q{i}", text, [], "up", settings)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = list(export(settings))
    assert len(lines) == 160
    assert all(json.loads(line)["answer"] == text for line in lines)


def test_cli_feedback_export(settings, monkeypatch):
    import cli.main as cli

    record_feedback("Vem?", "Svar", [], "down", settings)
    monkeypatch.setenv("STODKOLLEN_HOME", str(settings.home))
    result = CliRunner().invoke(cli.main, ["feedback", "export"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip())["rating"] == "down"
