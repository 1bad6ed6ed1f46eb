"""Split one loaded page into records (projects, articles, page text) with their metadata.

A page is read as paragraphs (blank-line separated) and split by structure alone:
- a project title is a heading line followed by a metadata line (Projektägare, Projekttid, ...);
- on a listing page (a heading such as "Pågående projekt"), also a heading followed by prose,
  optionally with a one-line subtitle in between;
- the first "Senast uppdaterad"-style line ends the main content; headed prose after it
  (001's publication blurb) becomes records of kind "article";
- text before the first project becomes a "page" record if it has a real paragraph;
- a page without project titles is one record: "article" if it has a publication date,
  "project" if it states an owner or a period, else "page".
Titles are kept as the page writes them ("Projekt Move up North") and left out of `text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.clean import clean_text, contact_line, find_contacts
from ingest.metadata import (
    find_budget,
    find_funders,
    find_owner,
    find_period,
    page_date_kind,
    parse_date,
    parse_period,
)
from stodkollen.places import find_kommuner, find_lan, lan_of
from stodkollen.records import Contact, Document, Project

_META = re.compile(
    r"^(?:Projektägare|Projekttid|Projektperiod|Aktuell projektperiod|Tidsperiod|Löptid"
    r"|(?:Med)?[Ff]inansiär(?:er)?|Finansiering|Budget|Total budget|Projektbudget"
    r"|Beviljat belopp|Stödbelopp|Diarienummer|Ärendenummer)\b"
)
_LISTING = re.compile(
    r"^(?:(?:Pågående|Avslutade|Aktuella|Tidigare|Genomförda|Våra|Kommande|Beviljade|Övriga)"
    r" )?projekt(?: (?:i|inom|som)\b.*)?$|^Projekt(?:lista|översikt)$",
    re.IGNORECASE,
)
# Section headings inside one project; on a listing page they must not start a new record.
_SUBHEADING = re.compile(
    r"^(?:Syfte|Mål|Målgrupp|Bakgrund|Resultat|Aktiviteter|Urval av aktiviteter|Kontakt"
    r"|Kontaktperson|Mer information|Om projektet|Finansiering|Läs mer|Dokument|Länkar)$",
    re.IGNORECASE,
)
_MIN_REAL_WORDS = 15  # a paragraph this long is content, not a heading, caption or lead-in


@dataclass
class _Section:
    title: str
    paras: list[str] = field(default_factory=list)
    kind: str = "project"


def _words(para: str) -> int:
    return len(para.split())


def _is_heading(para: str) -> bool:
    """A one-line paragraph that reads as a title: short, capitalised, no closing punctuation."""
    if "\n" in para or len(para) > 150 or _words(para) > 20 or _META.match(para):
        return False
    if not re.match(r"^[\"”“'A-ZÅÄÖÉ0-9]", para) or re.search(r"[.:;,!?]$|: |@|https?://", para):
        return False
    return page_date_kind(para) is None


def _is_body(para: str) -> bool:
    if para.startswith("- "):
        return True
    return not _is_heading(para) and (
        _words(para) >= 12 or (_words(para) >= 6 and para.rstrip()[-1] in ".!?:")
    )


def _meta_titles(paras: list[str]) -> list[int]:
    return [i for i in range(len(paras) - 1) if _is_heading(paras[i]) and _META.match(paras[i + 1])]


def _may_title(para: str) -> bool:
    return _is_heading(para) and not (_LISTING.match(para) or _SUBHEADING.match(para))


def _heading_titles(paras: list[str], start: int) -> list[int]:
    """Headings followed by prose (or by a subtitle line and then prose) from `start` on."""
    titles, i = [], start
    while i < len(paras) - 1:
        nxt, after = paras[i + 1], paras[i + 2] if i + 2 < len(paras) else ""
        if _may_title(paras[i]):
            if _META.match(nxt) or _is_body(nxt):
                titles.append(i)
            elif _is_heading(nxt) and not _META.match(after) and _is_body(after):
                titles.append(i)
                i += 1  # nxt is this title's subtitle, not a title of its own
        i += 1
    return titles


def _title_indices(paras: list[str]) -> list[int]:
    meta = _meta_titles(paras)
    listing = next((i for i, p in enumerate(paras) if _LISTING.match(p)), None)
    if listing is not None:
        return sorted(set(meta) | set(_heading_titles(paras, listing + 1)))
    return meta if len(meta) >= 2 else []


def _sections(paras: list[str], titles: list[int], kind: str) -> list[_Section]:
    bounds = [*titles, len(paras)]
    return [
        _Section(paras[start], paras[start + 1 : end], kind)
        for start, end in zip(bounds, bounds[1:], strict=False)
    ]


def _lead_section(paras: list[str], kind: str) -> _Section | None:
    """Paragraphs outside any project, titled by the heading just before their first prose."""
    if not any(_words(p) >= _MIN_REAL_WORDS for p in paras):
        return None
    first_body = next((i for i, p in enumerate(paras) if _is_body(p)), len(paras))
    heads = [i for i in range(first_body) if _is_heading(paras[i])]
    if not heads:
        return _Section("", paras, kind)
    return _Section(paras[heads[-1]], paras[: heads[-1]] + paras[heads[-1] + 1 :], kind)


@dataclass
class _Page:
    main: list[str]
    tail: list[str]
    published: str | None = None
    updated: str | None = None


def _split_paras(lines: list[str]) -> list[str]:
    return [p.strip() for p in "\n".join(lines).split("\n\n") if p.strip()]


def _read_page(text: str) -> _Page:
    """Take the page's date lines out; the first 'updated' line after content ends the main part."""
    parts: tuple[list[str], list[str]] = ([], [])
    dates: dict[str, str | None] = {}
    seen_content = in_tail = False
    for line in text.split("\n"):
        kind = page_date_kind(line)
        if kind:
            dates.setdefault(kind, parse_date(line))
            # Some sites print "Senast uppdaterad" under the title: only a date after content
            # marks the end of the main text.
            in_tail = in_tail or (kind == "updated" and seen_content)
            continue
        parts[in_tail].append(line)
        seen_content = seen_content or _words(line) >= _MIN_REAL_WORDS
    main, tail = (_split_paras(p) for p in parts)
    return _Page(main, tail, dates.get("published"), dates.get("updated"))


def _single_section(page: _Page) -> _Section | None:
    """The whole main text as one record; its kind from what the text states."""
    body = "\n\n".join(page.main)
    if page.published:
        kind = "article"
    else:
        kind = "project" if find_owner(body) or find_period(body) else "page"
    if not page.main:
        return None
    return _lead_section(page.main, kind) or _Section(page.main[0], page.main[1:], kind)


def _home_kommun(paras: list[str]) -> list[str]:
    """The kommun a listing page speaks for: named as 'X kommun' in its intro ("Malå kommuns")."""
    text = "\n".join(paras)
    for kommun in find_kommuner(text):
        if re.search(rf"(?<!\w){re.escape(kommun)}s? (?:[Kk]ommun|[Ss]tad)", text):
            return [kommun]
    return []


def _unique(items: list[str | None]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _record(doc: Document, index: int, section: _Section, page: _Page, home: list[str]) -> Project:
    body = "\n\n".join(section.paras)
    full = f"{section.title}\n\n{body}"
    owner = find_owner(body)
    period_raw = find_period(body)
    start, end = parse_period(period_raw)
    # The listing page's own kommun first, then the owner's, then places the text names.
    kommuner = _unique([*home, *find_kommuner(owner or ""), *find_kommuner(full)])
    lan = _unique([*map(lan_of, kommuner), *find_lan(owner or ""), *find_lan(full)])
    return Project(
        source=doc.source,
        source_id=doc.source_id,
        index=index,
        title=section.title or doc.source,
        text=body,
        kind=section.kind,
        kommuner=kommuner,
        lan=lan,
        owner=owner,
        period_raw=period_raw,
        period_start=start,
        period_end=end,
        funders=find_funders(body),
        budget_sek=find_budget(body),
        contacts=find_contacts(body),
        published=page.published,
        updated=page.updated,
    )


def _tail_sections(page: _Page) -> tuple[list[_Section], list[str]]:
    """Headed prose after the main text, and the leftover paragraphs (footer, contact cards)."""
    titles = _heading_titles(page.tail, 0)
    kept, rest = [], page.tail[: titles[0]] if titles else list(page.tail)
    for section in _sections(page.tail, titles, "article"):
        if any(_words(p) >= _MIN_REAL_WORDS for p in section.paras):
            kept.append(section)
        else:
            rest += [section.title, *section.paras]
    return kept, rest


def _attach(records: list[Project], contacts: list[Contact]) -> None:
    """Page-level contacts go to the page record, else to every record of the page."""
    targets = [r for r in records if r.kind == "page"][:1] or records
    for record in targets:
        known = {c.name for c in record.contacts}
        for contact in contacts:
            if contact.name not in known:
                record.contacts.append(contact)
                record.text = f"{record.text}\n\n{contact_line(contact)}".strip()


def parse_document(doc: Document) -> list[Project]:
    """Split a loaded page into project/article/page records with their metadata."""
    text, _ = clean_text(doc.text)
    page = _read_page(text)
    titles = _title_indices(page.main)
    home: list[str] = []
    if titles:
        lead = _lead_section(page.main[: titles[0]], "page")
        home = _home_kommun(page.main[: titles[0]])
        sections = ([lead] if lead else []) + _sections(page.main, titles, "project")
    else:
        single = _single_section(page)
        sections = [single] if single else []
    tail, leftover = _tail_sections(page)
    records = [
        _record(doc, i, s, page, home if s.kind == "project" else [])
        for i, s in enumerate(sections + tail)
    ]
    _attach(records, find_contacts("\n".join(leftover)))
    return records
