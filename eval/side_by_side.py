"""Per-kind fact recall of the hybrid retriever on every question set, side by side.

`python -m eval.side_by_side` (the last step of `make eval`) reads the per-kind tables the
reports hold and writes one table into eval/RESULTS.md, between markers, so the sample,
its reworded copies, the development set and the three held-out sets can be compared per
kind.
"""

from __future__ import annotations

from pathlib import Path

EVAL = Path(__file__).parent
# (column title, report): the sets in the order people compare them.
REPORTS = (
    ("sample", EVAL / "RESULTS.md"),
    ("sample reworded", EVAL / "RESULTS-reworded.md"),
    ("development", EVAL / "RESULTS-dev.md"),
    # Blind when written; in session 6 their parsing failure classes were described and
    # built into dev4, so for parsing they are no longer blind.
    ("held-out (classes seen, s6)", EVAL / "RESULTS-heldout.md"),
    ("held-out 2 (classes seen, s6)", EVAL / "RESULTS-heldout2.md"),
    # Blind when written (session 6); in session 7 its classes were built into dev5.
    ("held-out 3 (classes seen, s7)", EVAL / "RESULTS-heldout3.md"),
    # Blind when written (session 7); its classes were then described and built into dev6.
    ("held-out 4 (classes seen, s7)", EVAL / "RESULTS-heldout4.md"),
    # Blind: written in session 7 and only measured since (sessions 7 and 8).
    ("held-out 5 (blind, s7)", EVAL / "RESULTS-heldout5.md"),
    ("held-out 6 (blind, s8)", EVAL / "RESULTS-heldout6.md"),
)
BEGIN = "<!-- side-by-side: begin -->"
END = "<!-- side-by-side: end -->"
METRICS = ("fact recall", "hit@5", "wrong claims", "false refusals")


def per_kind(report: str) -> dict[str, dict[str, str]]:
    """{kind: {column: value}} from a report's 'Per kind (hybrid)' table (a side-by-side
    section already in the report, as in RESULTS.md after a run, is not read)."""
    if BEGIN in report:
        report = report[: report.index(BEGIN)]
    lines = report.split("Per kind (hybrid):", 1)[-1].strip().splitlines()
    rows = [line for line in lines if line.startswith("|")]
    if len(rows) < 2:
        return {}
    head = [c.strip() for c in rows[0].strip("|").split("|")]
    out = {}
    for line in rows[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        out[cells[0]] = dict(zip(head, cells, strict=False))
    return out


def table(tables: list[tuple[str, dict]], metric: str) -> str:
    kinds = list(dict.fromkeys(k for _, t in tables for k in t))
    head = "| kind | " + " | ".join(f"{name} (n)" for name, _ in tables) + " |"
    lines = [head, "|---|" + "---:|" * len(tables)]
    for kind in kinds:
        cells = []
        for _, t in tables:
            row = t.get(kind)
            cells.append(f"{row.get(metric, '–')} ({row.get('n', '')})" if row else "–")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render(tables: list[tuple[str, dict]]) -> str:
    parts = [BEGIN, "## Per kind, every question set side by side (hybrid retriever)", ""]
    for metric in METRICS:
        parts += [f"**{metric}**", "", table(tables, metric), ""]
    return "\n".join([*parts, END])


def main() -> None:
    tables = [(name, per_kind(path.read_text(encoding="utf-8"))) for name, path in REPORTS]
    target = REPORTS[0][1]
    text = target.read_text(encoding="utf-8")
    if BEGIN in text:
        text = text[: text.index(BEGIN)].rstrip() + "\n"
    target.write_text(f"{text.rstrip()}\n\n{render(tables)}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
