"""The parsing gate: the development pages parse at the issue's floors (eval/pages/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.parsing import evaluate_parsing, format_parsing
from stodkollen.settings import Settings

PAGES = Path(__file__).resolve().parent.parent / "eval" / "pages"


def _failures(report, floors: dict) -> list[str]:
    d = report.to_dict()
    out = []
    if d["record_count_exact"] < floors["record_count_exact"]:
        out.append(f"record count exact {d['record_count_exact']}")
    for name, bounds in floors["fields"].items():
        for kind, floor in bounds.items():
            value = d["fields"][name][kind]
            if value is None or value < floor:
                out.append(f"{name} {kind} {value} < {floor}")
    if len(d["furniture_hits"]) > floors["furniture_hits"]:
        out.append(f"furniture in chunks: {d['furniture_hits'][:5]}")
    return out


def test_development_pages_parse_at_the_floors(tmp_path):
    floors = json.loads((PAGES / "parsing-floors.json").read_text(encoding="utf-8"))
    report = evaluate_parsing(PAGES / "dev", Settings(home=tmp_path))
    print(format_parsing(report, "dev"))
    assert not _failures(report, floors)


@pytest.mark.parametrize("name", ["dev2", "dev3", "dev4", "dev5", "dev6", "heldout4"])
def test_later_development_pages_parse_at_their_floors(tmp_path, name):
    """dev2 … dev6: pages in layouts and wordings dev does not use, written for issue 13 (dev2
    before the parser was changed for them, dev3 after a first round, dev4 from the failure
    classes of heldout and heldout2, dev5 from heldout3's, dev6 from heldout4's); each set has
    its own floors (parsing-floors-<set>.json). dev5's and dev6's are regression floors under
    the issue's; so are heldout4's, whose failing pages were read while the parser was changed
    in session 8 (it is a tuning set since)."""
    floors = json.loads((PAGES / f"parsing-floors-{name}.json").read_text(encoding="utf-8"))
    report = evaluate_parsing(PAGES / name, Settings(home=tmp_path))
    print(format_parsing(report, name))
    assert not _failures(report, floors)


def test_held_out_pages_are_reported(tmp_path, capsys):
    """Held-out pages are measured, not gated: the parser was not tuned on them."""
    report = evaluate_parsing(PAGES / "heldout", Settings(home=tmp_path))
    print(format_parsing(report, "heldout"))
    assert report.pages == 15
