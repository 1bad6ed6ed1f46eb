"""Pure functions that turn answers, sources and projects into safe chat markdown and HTML.

Everything shown comes from documents somebody else wrote, so every piece of text is
HTML-escaped here, markdown syntax in it is neutralised, and only http(s) URLs become links.
No gradio import: these are tested without a server.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html import escape
from urllib.parse import urlparse

from assistant.fields import format_period
from stodkollen.records import Answer, Filters, Project, Source

_CITATION = re.compile(r"\[(\d{1,3})\]")
# Characters that start markdown (or LaTeX) syntax; backslash-escaped in untrusted text.
# (< > & " ' are left to html.escape: a backslash before an entity would show it verbatim.)
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-!|~$=:])")
# http(s)/www addresses, restricted to characters that carry no markdown or HTML meaning
# (no brackets, parentheses, quotes, angle brackets, backslash, backtick or asterisk).
_WEB_ADDRESS = re.compile(r"\b(?:https?://|www\.)[\w.\-/%?=&#~+,;@!:]*[\w/=#~+-]")
_LIST_ITEM = re.compile(r"^- ")
_SPACES = re.compile(r"\s+")
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


def anchor(n: int) -> str:
    """The HTML id of source card n (what a [n] in an answer links to)."""
    return f"kalla-{int(n)}"


def is_web_url(value: str | None) -> bool:
    """True only for http(s) URLs with a host; javascript:, data: and friends never are."""
    if not value or any(c in value for c in "\x00\r\n\t "):
        return False
    parsed = urlparse(value.strip())
    return parsed.scheme.lower() in ("http", "https") and bool(parsed.netloc)


def escape_markdown(text: str) -> str:
    """Untrusted text as inert markdown: markdown characters backslash-escaped, HTML escaped.

    Web addresses are left as they are (their character set cannot form markup), so the
    chat's autolinker shows them without stray backslashes.
    """
    out, pos = [], 0
    for m in _WEB_ADDRESS.finditer(text):
        out.append(escape(_MARKDOWN.sub(r"\\\1", text[pos : m.start()]), quote=True))
        out.append(m.group(0))
        pos = m.end()
    out.append(escape(_MARKDOWN.sub(r"\\\1", text[pos:]), quote=True))
    return "".join(out)


def escape_html(text: str) -> str:
    """Untrusted text for HTML: escaped, and [ ] as entities so no markdown link can form."""
    return escape(str(text), quote=True).replace("[", "&#91;").replace("]", "&#93;")


def link_or_text(value: str, label: str | None = None, markdown: bool = False) -> str:
    """An <a> for an http(s) URL (opens in a new tab), otherwise the escaped text.

    With markdown=True the label is also markdown-escaped (for chat messages).
    """
    shown = (escape_markdown if markdown else escape_html)(label if label is not None else value)
    if is_web_url(value):
        href = escape_html(value.strip())
        return f'<a href="{href}" target="_blank" rel="noopener noreferrer nofollow">{shown}</a>'
    return shown


def source_html(value: str) -> str:
    """A source for HTML: a link for a web URL, a file name kept on one line otherwise."""
    if is_web_url(value):
        return link_or_text(value)
    return f'<span class="sk-file">{escape_html(value)}</span>'


def shorten(text: str, limit: int = 300) -> str:
    """Text cut at a word boundary to about limit characters, with an ellipsis."""
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


# --- chat messages ------------------------------------------------------------------------
def _cite_link(n: int) -> str:
    return f'<a href="#{anchor(n)}" class="sk-cite" title="Källa {n}">[{n}]</a>'


def _answer_line(line: str, numbers: set[int]) -> str:
    """One line of answer text: escaped, with its valid [n] turned into anchor links."""
    bullet = ""
    if _LIST_ITEM.match(line):
        bullet, line = "- ", line[2:]
    out, pos = [], 0
    for m in _CITATION.finditer(line):
        if int(m.group(1)) not in numbers:
            continue
        out.append(escape_markdown(line[pos : m.start()]))
        out.append(_cite_link(int(m.group(1))))
        pos = m.end()
    out.append(escape_markdown(line[pos:]))
    return bullet + "".join(out)


def answer_markdown(answer: Answer, filters: Filters | None = None, complete: bool = True) -> str:
    """The chat message for an answer: cited text, a note, active filters and a source list.

    complete=False renders only the text (a partial answer while it streams).
    """
    numbers = {s.n for s in answer.sources}
    parts = ["\n".join(_answer_line(line, numbers) for line in answer.answer.splitlines())]
    if not complete:
        return parts[0]
    if answer.more:
        more = "<br>".join(_answer_line(line, numbers) for line in answer.more.splitlines())
        parts.append(f"<details><summary>Visa mer</summary>\n\n{more}\n\n</details>")
    if answer.note and answer.note.lower() not in answer.answer.lower():
        parts.append(f"*{escape_markdown(answer.note)}*")
    active = describe_filters(filters)
    if active:
        parts.append(f"*Filter: {escape_markdown(active)}*")
    if answer.sources:
        # Numbers only: the cards beside the chat show titles, addresses and passages.
        parts.append("**Källor:** " + " ".join(_cite_link(s.n) for s in answer.sources))
    return "\n\n".join(parts)


def describe_filters(filters: Filters | None) -> str:
    """'kommun Malå, år 2019–2022' for active filters, '' when none."""
    if filters is None or filters.is_empty():
        return ""
    parts = []
    if filters.kommun:
        parts.append(f"kommun {filters.kommun}")
    if filters.lan:
        parts.append(f"län {filters.lan}")
    if filters.from_year is not None or filters.to_year is not None:
        start = filters.from_year if filters.from_year is not None else ""
        end = filters.to_year if filters.to_year is not None else ""
        parts.append(f"år {start}–{end}")
    if filters.source:
        parts.append(f"källa {filters.source}")
    return ", ".join(parts)


def error_markdown(message: str) -> str:
    """A user mistake or a known failure as a chat message (Swedish text, escaped)."""
    return f"⚠️ {escape_markdown(str(message))}"


# --- source cards -------------------------------------------------------------------------
def _normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _sentence_core(sentence: str) -> str:
    """A cited sentence without its trailing [n] and final punctuation, as it is in the text."""
    s = _CITATION.sub("", sentence).strip()
    return s.rstrip(".!?: ").strip()


def _find(text: str, needle: str) -> tuple[int, int] | None:
    """Where needle occurs in text, tolerant to differences in whitespace."""
    if len(needle) < 4:
        return None
    i = text.find(needle)
    if i >= 0:
        return i, i + len(needle)
    words = [re.escape(w) for w in needle.split()]
    m = re.search(r"\s+".join(words), text) if words else None
    return (m.start(), m.end()) if m else None


def highlight_spans(text: str, sentences: Iterable[str]) -> list[tuple[int, int]]:
    """Merged character spans of text covered by the cited sentences (or their stated value)."""
    spans = []
    for sentence in sentences:
        core = _sentence_core(sentence)
        found = _find(text, core)
        if found is None and ": " in core:  # "Projektägare för X: Y" -> highlight "Y"
            found = _find(text, core.rsplit(": ", 1)[1])
        if found:
            spans.append(found)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlighted_excerpt(text: str, sentences: Iterable[str]) -> str:
    """The excerpt as escaped HTML with the cited sentences in <mark>."""
    out, pos = [], 0
    for start, end in highlight_spans(text, sentences):
        out.append(escape_html(text[pos:start]))
        out.append(f"<mark>{escape_html(text[start:end])}</mark>")
        pos = end
    out.append(escape_html(text[pos:]))
    return "".join(out)


def _facts(src: Source) -> list[tuple[str, str]]:
    p = src.project
    facts = [
        ("Kommun", ", ".join(p.kommuner)),
        ("Län", ", ".join(p.lan)),
        ("Projekt", p.title if p.kind == "project" else ""),
        ("Projektägare", p.owner or ""),
        ("Period", format_period(p) or ""),
    ]
    return [(k, str(v)) for k, v in facts if v]


def source_card(src: Source) -> str:
    """One source as a card (a project card with one passage)."""
    return project_card([src])


def project_card(group: list[Source]) -> str:
    """One project's sources as one card: its title, address and facts once, then each cited
    passage with the anchor its [n] links to."""
    lead = group[0]
    facts = "".join(f"<dt>{escape_html(k)}</dt><dd>{escape_html(v)}</dd>" for k, v in _facts(lead))
    title = f'<div class="sk-title">{escape_html(lead.title)}</div>' if lead.title else ""
    passages = "".join(
        f'<div class="sk-passage" id="{anchor(s.n)}"><span class="sk-n">[{int(s.n)}]</span>'
        f'<blockquote class="sk-excerpt">{highlighted_excerpt(s.text, s.cited_sentences)}'
        "</blockquote></div>"
        for s in group
    )
    return (
        f'<article class="sk-card">{title}'
        f'<header><span class="sk-source">{source_html(lead.source)}</span></header>'
        f"<dl>{facts}</dl>{passages}</article>"
    )


def group_by_project(sources: list[Source]) -> list[list[Source]]:
    """Sources of one project together, in order of the project's first source."""
    groups: dict[str, list[Source]] = {}
    for s in sources:
        groups.setdefault(s.project.id, []).append(s)
    return list(groups.values())


def source_cards(sources: list[Source]) -> str:
    """The sources panel: one card per project, or a short Swedish hint when there are none."""
    if not sources:
        return '<div class="sk-empty">Inga källor att visa ännu.</div>'
    cards = "".join(project_card(g) for g in group_by_project(sources))
    return f'<div class="sk-sources"><h3>Källor</h3>{cards}</div>'


# --- similar projects ---------------------------------------------------------------------
SIMILAR_COLUMNS = ["Projekt", "Kommun", "Period", "Projektägare", "Varför liknande", "Källa"]


def similar_rows(projects: Iterable) -> list[list[str]]:
    """Plain table rows (no markup) for similar projects, in SIMILAR_COLUMNS order."""
    return [
        [p.title or "", p.kommun or "", p.period or "", p.owner or "", p.passage or "", p.source]
        for p in projects
    ]


def similar_table(projects: Iterable) -> str:
    """Similar projects as an escaped HTML table; sources that are web URLs become links."""
    rows = []
    for p, row in ((p, similar_rows([p])[0]) for p in projects):
        row[4] = shorten(row[4])
        cells = [f"<td>{escape_html(v) or '–'}</td>" for v in row[:-1]]
        cells.append(f'<td class="sk-source">{source_html(p.source)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if not rows:
        return '<div class="sk-empty">Inga liknande projekt hittades.</div>'
    head = "".join(f"<th>{escape_html(c)}</th>" for c in SIMILAR_COLUMNS)
    return (
        f'<table class="sk-table sk-similar"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# --- documents ----------------------------------------------------------------------------
def document_rows(chunks: Iterable) -> list[dict]:
    """Per source: chunk count, project titles and places, from the catalog's chunks."""
    docs: dict[str, dict] = {}
    for c in chunks:
        p = c.project
        d = docs.setdefault(p.source, {"chunks": 0, "projects": {}, "kommuner": set()})
        d["chunks"] += 1
        d["projects"].setdefault(p.id, p.title)
        d["kommuner"].update(p.kommuner)
    return [
        {
            "source": src,
            "chunks": d["chunks"],
            "projects": len(d["projects"]),
            "titles": [t for t in d["projects"].values() if t],
            "kommuner": sorted(d["kommuner"]),
        }
        for src, d in sorted(docs.items())
    ]


def documents_table(chunks: Iterable, projects: list[Project] | None = None) -> str:
    """The Dokument tab: totals, one row per document, then (optionally) every project."""
    rows = document_rows(chunks)
    if not rows:
        return '<div class="sk-empty">Inga dokument är inlästa ännu.</div>'
    n_chunks = sum(r["chunks"] for r in rows)
    n_projects = sum(r["projects"] for r in rows)
    body = "".join(
        f"<tr><td class='sk-source'>{source_html(r['source'])}</td>"
        f"<td>{escape_html('; '.join(r['titles'][:4]))}{' …' if len(r['titles']) > 4 else ''}</td>"
        f"<td>{escape_html(', '.join(r['kommuner'])) or '–'}</td>"
        f"<td class='sk-num'>{r['projects']}</td><td class='sk-num'>{r['chunks']}</td></tr>"
        for r in rows
    )
    html = (
        f'<p class="sk-totals">{len(rows)} dokument, {n_projects} projekt, '
        f"{n_chunks} textavsnitt.</p>"
        '<table class="sk-table sk-docs"><thead><tr><th>Dokument</th><th>Projekt och sidor</th>'
        "<th>Kommuner</th><th>Projekt</th><th>Avsnitt</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )
    if projects:
        html += projects_table(projects)
    return html


def projects_table(projects: list[Project]) -> str:
    """Every ingested project with owner and period."""
    body = "".join(
        "<tr>"
        f"<td>{escape_html(p.title)}</td>"
        f"<td>{escape_html(', '.join(p.kommuner)) or '–'}</td>"
        f"<td>{escape_html(p.owner or '') or '–'}</td>"
        f"<td>{escape_html(format_period(p) or '') or '–'}</td>"
        f"<td class='sk-source'>{source_html(p.source)}</td>"
        "</tr>"
        for p in projects
        if p.kind == "project"
    )
    if not body:
        return ""
    return (
        '<h3>Projekt</h3><table class="sk-table sk-projects"><thead><tr><th>Projekt</th>'
        "<th>Kommuner</th><th>Projektägare</th><th>Period</th><th>Källa</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def ingest_report(summary: dict) -> str:
    """An ingest summary as one Swedish line of escaped markdown, skipped sources listed."""
    line = (
        f"Klart: {summary.get('added', 0)} nya, {summary.get('updated', 0)} uppdaterade, "
        f"{summary.get('unchanged', 0)} oförändrade dokument; "
        f"{summary.get('chunks', 0)} textavsnitt i registret."
    )
    skipped = [f"- {escape_markdown(skipped_text(s))}" for s in summary.get("skipped", [])]
    cut = [f"- {escape_markdown(skipped_text(s))}" for s in summary.get("warnings", [])]
    return (
        escape_markdown(line)
        + ("\n\nHoppades över:\n" + "\n".join(skipped) if skipped else "")
        + ("\n\nLästes in delvis:\n" + "\n".join(cut) if cut else "")
    )


def skipped_text(skipped: dict) -> str:
    """'fil.doc: okänt format .doc' for one skipped source."""
    return f"{skipped.get('source', '?')}: {skipped.get('reason', 'okänt fel')}"


# --- uploads ------------------------------------------------------------------------------
def safe_file_name(name: str, allowed: Iterable[str], fallback: str = "dokument") -> str | None:
    """A safe base name for an uploaded file (letters, digits, . _ -), or None if not allowed."""
    base = re.split(r"[\\/]", str(name))[-1]
    base = unicodedata.normalize("NFC", base).strip().lstrip(".")
    stem, dot, suffix = base.rpartition(".")
    if not dot or f".{suffix.lower()}" not in {a.lower() for a in allowed}:
        return None
    stem = re.sub(r"\.{2,}", ".", _UNSAFE_NAME.sub("_", stem)).strip("._-")[:80] or fallback
    return f"{stem}.{suffix.lower()}"
