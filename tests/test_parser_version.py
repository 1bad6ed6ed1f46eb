"""A parser change that alters records must bump PARSER_VERSION.

Stored documents are re-parsed on ingest only when their parser version is older: a change
without a bump would leave every existing store on the old records, silently. This test keeps a
fingerprint of what the parser makes of the development pages; when it changes, bump
`ingest.projects.PARSER_VERSION` and record the new fingerprint (the failure message says how).
A new PDF or HTML library version that reads the pages differently trips it too, rightly:
stored documents read by the old one would differ from fresh ones.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from eval.parsing import page_paths
from ingest.loaders import load_source
from ingest.projects import PARSER_VERSION, parse_document
from stodkollen.settings import Settings

DEV = Path(__file__).parent.parent / "eval" / "pages" / "dev"
RECORDED = Path(__file__).parent / "parser_fingerprint.json"


def parser_fingerprint() -> str:
    settings = Settings()
    digest = hashlib.sha1()
    for path in page_paths(DEV):
        doc = load_source(str(path), settings, path.name)
        for record in parse_document(doc):
            fields = asdict(record)
            fields.pop("source_id")  # the checkout's absolute path, not the parser's output
            digest.update(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def test_a_parser_change_bumps_the_parser_version():
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    now = parser_fingerprint()

    def update(version: int) -> str:
        return f'write {{"parser_version": {version}, "fingerprint": "{now}"}} to {RECORDED.name}'

    assert PARSER_VERSION >= recorded["parser_version"], "PARSER_VERSION never goes down"
    if PARSER_VERSION == recorded["parser_version"]:
        assert now == recorded["fingerprint"], (
            "The parser's records changed without a new PARSER_VERSION: stored documents would "
            f"keep their old records. Bump ingest.projects.PARSER_VERSION to {PARSER_VERSION + 1} "
            f"and {update(PARSER_VERSION + 1)}."
        )
    else:
        raise AssertionError(f"PARSER_VERSION was bumped: {update(PARSER_VERSION)}.")
