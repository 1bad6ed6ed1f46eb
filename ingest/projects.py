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

from ingest.blockparse import (
    Page,
    Section,
    document_title,
    generic_heading,
    is_offer,
    labelled_kommuner,
    looks_like_news,
    page_context,
    page_sections,
    placeholder_title,
    prepare,
    section_fields,
    single_title,
    site_name,
    subject_project,
)
from ingest.clean import (
    EMAIL,
    clean_body,
    contact_line,
    find_contacts,
    strip_chrome,
)
from ingest.labels import COLON_LINE, canonical_label, canonical_line
from ingest.metadata import (
    find_budget,
    find_funders,
    find_owner,
    find_period,
    has_granted_amount,
    kommun_name,
    kommun_owner,
    page_date_kind,
    parse_budget,
    parse_date,
    parse_period,
    total_amounts,
)
from ingest.structure import (
    colon_label_runs,
    join_fact_labels,
    join_wrapped,
    strip_running_lines,
    text_blocks,
    unflatten_tables,
)
from stodkollen.places import find_kommuner, find_lan, lan_of, normalize_place, record_kommuner
from stodkollen.records import Block, Contact, Document, Project
from stodkollen.text import sentences

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
    return _is_heading(para) and not (
        _LISTING.match(para) or _SUBHEADING.match(para) or generic_heading(para)
    )


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
    period_raw = find_period(body, int(page.published[:4]) if page.published else None)
    start, end = parse_period(period_raw)
    # The listing page's own kommun first, then the owner's, then places the text names.
    kommuner = _unique([*home, *record_kommuner(owner or ""), *record_kommuner(full)])
    lan = _unique([*map(lan_of, kommuner), *find_lan(owner or ""), *find_lan(full)])
    return Project(
        source=doc.source,
        source_id=doc.source_id,
        index=index,
        title=section.title or document_title(full) or subject_project(full) or doc.source,
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


# Bump when a parser change alters the records a page gives: stored documents read by an
# older parser are then read again on the next ingest, even with unchanged bytes (only chunks
# whose embedded text changed are embedded again).
PARSER_VERSION = 37


def parse_document(doc: Document) -> list[Project]:
    """Split a loaded page into records: by its own structure when the loader kept one
    (HTML, Markdown), else from the text (plain text, PDF)."""
    records = _parse_blocks(doc) if doc.blocks else []
    records = records or _parse_text(doc)
    for record in records:  # every record carries its document's identity, whatever the path
        record.source_id = doc.source_id
    return records


def _parse_blocks(doc: Document) -> list[Project]:
    page = prepare(doc.blocks)
    return _build(doc, page, page_sections(page))


def _parse_text(doc: Document) -> list[Project]:
    """Plain text: chrome and running headers out; the heading/label reader of the samples
    first, and the block reader when that finds no list (grant lines, § decisions, …)."""
    labelled = colon_label_runs(join_fact_labels(doc.text))
    raw, removed = strip_running_lines(labelled, printed=doc.fmt == "pdf")
    raw = unflatten_tables(raw)
    if doc.fmt == "pdf":
        raw = join_wrapped(raw)
    raw, chrome = strip_chrome(raw)
    site = f"{removed}\n{chrome}"
    cleaned = clean_body(raw)
    page = prepare([Block("site", site), *text_blocks(cleaned)])
    sections = page_sections(page)
    if doc.fmt == "pdf":  # a printed document: the block reader knows its heading lines
        return _build(doc, page, sections)
    legacy = _parse_legacy(doc, cleaned)
    if sum(r.kind == "project" for r in legacy) >= 2 or len(sections) < 2:
        return _finish(legacy, site, doc, publisher(site) or _content_publisher(page))
    return _build(doc, page, sections)


def _parse_legacy(doc: Document, text: str) -> list[Project]:
    """The heading/label reader over the cleaned text (`clean_body`)."""
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
    if titles and sum(r.kind == "project" for r in records) >= 2:
        intro = page.main[: titles[0]]
        heads = [p for p in intro if _is_heading(p)]
        body = [Block("para", p) for p in intro if not _is_heading(p)]
        context = page_context(heads[0] if heads else "", body)
        for r in records:
            r.context = context if r.kind == "project" else ""
    _attach(records, find_contacts("\n".join(leftover)))
    return records


# --- records from sections; signals from the page around them -------------------------------

_PUBLISHER = re.compile(
    r"\b(?:Region\s+[A-ZÅÄÖ][\wåäö]+(?:\s+[A-ZÅÄÖ][\wåäö]+)?(?:\s+län)?"
    r"|Leader\s+[A-ZÅÄÖ][\wåäö-]+(?:\s+(?:och\s+)?[A-ZÅÄÖ][\wåäö-]+){0,3}"
    r"|Länsstyrelsen\s+i\s+\w+\s+län"
    r"|[A-ZÅÄÖ][\wåäö-]+\s+(?:kommun|[Ss]tad|Municipality)|Tillväxtverket|Jordbruksverket)\b"
)
_OWN_KOMMUN = re.compile(r"\b(?P<k>[A-ZÅÄÖ][\wåäö-]+)\s+(?:kommun|[Ss]tad)\b")
_THE_KOMMUN = re.compile(r"^(?:kommunen|(?:the\s+)?municipality(?:\s+itself)?)$", re.IGNORECASE)
_THE_KOMMUNER = re.compile(
    r"^(?:de\s+\w+\s+)?(?:medlems)?kommunerna$|^the\s+\w+\s+municipalities$", re.I
)


def _case(line: str) -> str:
    """'SOLLEFTEÅ KOMMUN' -> 'Sollefteå kommun' (running headers shout), field by field."""
    fields = re.split(r"(\s{3,}|\s\|\s)", line)
    out = []
    for f in fields:
        if f.isupper():
            words = f.title().split()
            f = " ".join(
                w.lower() if w.lower() in ("kommun", "län", "stad", "i") else w for w in words
            )
        out.append(f)
    return "".join(out)


def _content_publisher(page: Page) -> str | None:
    """A printed document names its body in its first lines ("REGION JÖNKÖPINGS LÄN")."""
    head = [b.text for b in page.blocks[:_HEAD_BLOCKS] if b.kind in ("heading", "para")]
    return publisher("\n".join(head))


_HEAD_BLOCKS = 6  # where a document's letterhead sits


def publisher(site: str) -> str | None:
    """The organisation a page's chrome names first: its <title> suffix, header or footer."""
    for line in site.split("\n"):
        m = _PUBLISHER.search(_case(line.strip()))
        if m:
            return m.group()
    return None


def _site_kommun(site: str) -> str | None:
    for line in site.split("\n"):
        for m in _OWN_KOMMUN.finditer(_case(line)):
            found = find_kommuner(m.group())
            if found:
                return found[0]
    return None


def _domain_kommun(host: str) -> str | None:
    parts = [p for p in host.lower().split(".") if p not in ("www", "se", "com", "nu", "org")]
    for part in parts:
        place = normalize_place(part.replace("-", " "))
        if place and lan_of(place):
            return place
    return None


def _weak_kommun(record: Project, site: str, url: str | None) -> tuple[str | None, str | None]:
    """(kommun, signal) when the text names none: the publisher's name in the chrome, the
    list page's own "X kommun" in its title or intro, the one kommun that funds it, the
    contacts' e-mail domains, the page's host."""
    kommun = _site_kommun(site) or _site_kommun(record.context)
    if kommun:
        return kommun, "site"
    # A kommun's own money goes to projects within it ("Samtliga projekt finansieras av
    # Bräcke kommun" above a decision list of village projects).
    funding = {k for f in record.funders if (k := _site_kommun(f))}
    if len(funding) == 1:
        return funding.pop(), "funder"
    emails = [c.email for c in record.contacts if c.email] + EMAIL.findall(record.text)
    for email in emails:
        kommun = _domain_kommun(email.split("@")[1])
        if kommun:
            return kommun, "email"
    if url:
        host = re.sub(r"^\w+://", "", url).split("/")[0]
        kommun = _domain_kommun(host)
        if kommun:
            return kommun, "url"
    return None, None


def _resolve_funders(record: Project, home: str | None) -> None:
    """'kommunen' and 'de fyra kommunerna' named as funders become the kommuner themselves."""
    out: list[str] = []
    for f in record.funders:
        if _THE_KOMMUN.match(f):
            if record.owner and "Municipality" in record.owner:
                out.append(re.sub(r"\s*\(.*$|,.*$", "", record.owner))
            elif home:
                out.append(kommun_name(home))
            else:
                out.append(f)
        elif _THE_KOMMUNER.match(f) and record.kommuner:
            out += [kommun_name(k) for k in record.kommuner]
        else:
            out.append(f)
    record.funders = list(dict.fromkeys(out))


# Labels of one project's fact; a record whose text gives one of them twice with different
# values holds several projects the layout did not let the parser split.
_FACT_LABELS = {
    "owner": re.compile(r"^(?:Projektägare|Stödmottagare|Sökande)\s*:\s*(?P<v>\S.*)$", re.M),
    "period": re.compile(r"^(?:Projekttid|Projektperiod|Genomförandetid)\s*:\s*(?P<v>\S.*)$", re.M),
    "budget": re.compile(r"^(?:Budget|Total budget|Projektbudget)\s*:\s*(?P<v>\S.*)$", re.M),
}


def _strict_labels(text: str) -> str:
    """The text with labels in the site's own words as the parser's ("Drivs av:" ->
    "Projektägare:"), leaving out words that also label other things ("Tid:" of an event)."""
    return "\n".join(canonical_line(line, strict=True) for line in text.split("\n"))


def _conflicting(text: str, strict: str) -> set[str]:
    """The facts a record's text labels more than once with different values (`strict`: the
    text through `_strict_labels`)."""
    out = set()
    for name, label in _FACT_LABELS.items():
        values = {" ".join(m["v"].split()).casefold().rstrip(" .") for m in label.finditer(strict)}
        if len(values) > 1:
            out.add(name)
    # A loose label word given twice with different values ("Tid: …" for each of two
    # projects) is a repeated layout all the same; once beside "Projekttid:" it is an event's.
    seen: dict[tuple[str, str], set[str]] = {}
    for line in text.split("\n"):
        m = COLON_LINE.match(line.strip())
        field = _FIELD_OF.get(canonical_label(m["l"]) or "") if m else None
        if field:
            seen.setdefault((field, m["l"].casefold()), set()).add(m["v"].casefold().rstrip(" ."))
    out |= {field for (field, _label), values in seen.items() if len(values) > 1}
    return out


_FIELD_OF = {"Projektägare": "owner", "Projekttid": "period", "Budget": "budget"}


def _budget_values(text: str, strict: str) -> tuple[list[int], list[int]]:
    """(sums the text gives as a project's total, in prose or under a budget label; sums under
    label words that also mean other costs, "Kostnad:"), once per place each."""
    labelled = [parse_budget(m["v"]) for m in _FACT_LABELS["budget"].finditer(strict)]
    lines = text.split("\n")
    loose_at = [
        i
        for i, line in enumerate(lines)
        if (m := COLON_LINE.match(line.strip()))
        and canonical_label(m["l"]) == "Budget"
        and not canonical_label(m["l"], strict=True)
    ]
    prose = total_amounts("\n".join(x for i, x in enumerate(lines) if i not in loose_at))
    loose = [parse_budget(COLON_LINE.match(lines[i].strip())["v"]) for i in loose_at]
    return prose + [v for v in labelled if v], [v for v in loose if v]


def _whole_of_parts(values: list[int]) -> int | None:
    """The sum that the others add up to ("6,2 miljoner" for stages of 0,4 and 5,8; stages of
    equal cost count each), if any."""
    top = max(values)
    parts = [v for v in values if v != top]
    return top if parts and sum(parts) == top else None


def _drop_conflicts(record: Project) -> None:
    """A fact the record's text gives two values for is not the record's: which project each
    belongs to is unknown, so none is stated (the answer then quotes the text instead). Sums
    that add up to one of them are parts of that whole (a project's stages): it is the budget."""
    strict = _strict_labels(record.text)
    conflicts = _conflicting(record.text, strict)
    if "owner" in conflicts:
        record.owner = None
    if "period" in conflicts:
        record.period_raw = record.period_start = record.period_end = None
    totals, costs = _budget_values(record.text, strict)
    if "budget" in conflicts or len(set(totals)) > 1:
        record.budget_sek = _whole_of_parts(totals + costs) if totals + costs else None


# A status written after a project's name: "Isbanan på torget (genomfört)", "X – Pågår".
_STATUS = re.compile(
    r"\s*\((?:genomfört|genomförd|avslutat|avslutad|pågår|pågående|klart|klar|nytt|ny)\)$"
    r"|\s+[-–]\s*(?:Pågår|Pågående|Avslutat|Avslutad|Genomfört|Planerat|Planerad)$"
)


_HEAD_CHARS = 200  # a scraped page's first line, its site's name, is within this


def _finish(records: list[Project], site: str, doc: Document, pub: str | None = None) -> list:
    """Signals from around the text: a weak kommun when the text names none, departments
    and 'kommunen' resolved to the kommun, offers owned and funded by their publisher; facts
    the text gives twice with different values dropped."""
    pub = pub or publisher(site)
    if len(records) == 1 and records[0].kind == "project" and placeholder_title(records[0].title):
        # "Om projektet" on a project's own site: the site's name, from its <title>, or in a
        # scraped text the header line it opens with
        head = site if doc.fmt == "html" else doc.text.lstrip()[:_HEAD_CHARS]
        records[0].title = site_name(head, records[0].title) or records[0].title
    for record in records:
        record.title = _STATUS.sub("", record.title).strip() or record.title
        _drop_conflicts(record)
        own, signal = _weak_kommun(record, site, doc.url)
        if record.kommuner:
            record.kommun_signal = record.kommun_signal or "text"
        elif own:
            record.kommuner, record.kommun_signal = [own], signal
            record.lan = _unique([lan_of(own), *record.lan])
        # "Kommunens utvecklingsenhet", "kommunen": the publisher's kommun, not one the
        # text happens to name ("mot Umeå").
        home = own or record.kommun
        owner = kommun_owner(record.owner, home)
        if owner != record.owner and home and home not in record.kommuner:
            record.kommuner = [home, *record.kommuner]
            record.lan = _unique([lan_of(home), *record.lan])
        record.owner = owner
        if home and re.search(r"^Kommunens insats\s*:\s*\d", record.text, re.M):
            record.funders = [*record.funders, "kommunen"]  # the kommun's own share
        _resolve_funders(record, home)
        if record.kind == "offer" and pub:
            record.owner = record.owner or pub
            record.funders = record.funders or [pub]
    return records


def _granted_by(context: str, pub: str) -> bool:
    """Does a list page's intro say its projects got support from the publisher itself
    ("projekt som fått stöd från Leader Österlenbygd", "kommuner får stöd från
    Tillväxtverket")?"""
    return any(
        pub.casefold() in s.casefold() and _GRANTED_FROM.search(s) for s in sentences(context)
    )


_FUNDING_BODY = re.compile(r"^(?:Leader|Region|Länsstyrelsen|Tillväxtverket|Jordbruksverket)\b")
_GRANTED_FROM = re.compile(
    r"\b(?:f(?:ått|år|ick)|beviljats?|beviljades|tilldelats)\s+(?:\w+\s+){0,3}?"
    r"(?:stöd|bidrag|medel|pengar|finansiering)\s+(?:från|av|ur)\b"
    r"|\b(?:stöd|bidrag|medel)\s+från\b",
    re.IGNORECASE,
)


# A project said to cover the whole area of the list's publisher ("i hela leaderområdet").
_WHOLE_AREA = re.compile(
    r"\b(?:i|inom|över)\s+hela\s+leader-?området\b|\bi\s+alla\s+(?:\w+\s+)?kommuner(?:na)?\s+i"
    r"\s+leader-?området\b|\bacross\s+the\s+(?:whole\s+)?Leader\s+area\b",
    re.IGNORECASE,
)
MIN_AREA_KOMMUNER = 2  # an intro that names one kommun describes no area of several


def _build(doc: Document, page: Page, sections: list[Section]) -> list[Project]:
    pub = publisher(page.site) or _content_publisher(page)
    year = int(page.published[:4]) if page.published else None
    records = []
    for index, sec in enumerate(sections):
        fields = section_fields(sec, year)
        title = sec.title
        kind = sec.kind
        if kind == "single":
            title = single_title(sec.title, sec.blocks)
            if is_offer(sec.blocks):
                kind = "offer"
            elif looks_like_news(page, doc.url):
                kind = "article"
            elif fields["owner"] or fields["period_start"] or fields["budget_sek"]:
                kind = "project"
            else:
                kind = "page"
            if kind == "page":
                fields.update(owner=None, funders=[], budget_sek=None)
        # A record that names no funder of its own, on a list whose intro says its projects
        # got support from the publisher, is funded by the publisher.
        if pub and not fields["funders"] and _granted_by(sec.context, pub):
            sec.granted_by_publisher = True
        # A sum granted with no grantor named, in a list a funding body publishes ("Stöd:
        # 310 000 kr" in a Leader newsletter): the publisher granted it.
        if (
            pub
            and kind == "project"
            and not fields["funders"]
            and _FUNDING_BODY.match(pub)
            and has_granted_amount(sec.text)
        ):
            sec.granted_by_publisher = True
        if sec.granted_by_publisher and pub:
            if pub.casefold() not in {f.casefold() for f in fields["funders"]}:
                fields["funders"] = [pub, *fields["funders"]]
        text = sec.text
        label = labelled_kommuner(text)
        kommuner = record_kommuner(label) if label else []
        kommuner = kommuner or _unique(
            [
                *record_kommuner(fields["owner"] or ""),
                *record_kommuner(f"{title}\n{sec.place_text}"),
            ]
        )
        if _WHOLE_AREA.search(text):
            # "… i hela leaderområdet": every kommun the list page's intro says the area has
            area = record_kommuner(sec.context)
            if len(area) >= MIN_AREA_KOMMUNER:
                kommuner = _unique([*kommuner, *area])
        lan = _unique([*map(lan_of, kommuner), *find_lan(f"{title}\n{text}")])
        records.append(
            Project(
                source=doc.source,
                index=index,
                title=title or doc.source,
                text=text,
                kind=kind,
                kommuner=kommuner,
                lan=lan,
                published=page.published,
                updated=page.updated,
                context=sec.context,
                **fields,
            )
        )
    return _finish(records, page.site, doc, pub)
