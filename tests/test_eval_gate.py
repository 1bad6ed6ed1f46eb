"""The evaluation gate catches a broken retriever (real model, real Chroma, the full set)."""

from __future__ import annotations

import pytest

from assistant.service import Assistant
from eval.harness import evaluate, gate
from stodkollen.settings import EmbeddingSettings, Settings
from tests.conftest import SAMPLE

pytestmark = pytest.mark.slow


def test_gate_catches_dense_with_wrong_query_prefix(tmp_path, model_dir):
    broken = Settings(
        home=tmp_path / "home",
        model_dir=model_dir,
        embedding=EmbeddingSettings(query_prefix="passage: "),  # e5 wants "query: "
    )
    assistant = Assistant(broken)
    assistant.ingest([str(SAMPLE)])
    report, table = evaluate(assistant, retrievers=("dense",))
    failures = gate(report, retriever="dense")
    print(table)
    assert failures, "a dense retriever with the passage prefix on queries must fail the gate"
