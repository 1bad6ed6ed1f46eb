"""Records from a page's blocks: one record per project in every list layout.

Layouts are told apart by structure, tried in this order:
- a table whose header names a project column: one row, one record (header cells are labels);
- a definition list whose terms are not field labels: one <dt> and its <dd>s, one record;
- grant-decision lines "Sökande – Projekt – 450 000 kr (projekttid …)": one line, one record;
- list items opening with a bold name and carrying project facts: one item, one record;
- headings whose sections state project facts (labels, or owner/period/budget in prose), at
  the heading level where most such sections sit ("§ 54" decision headings outrank others);
- else the page is one record, titled by its h1.
Blocks outside the projects (intro, contact boxes, "Kort om projekten") form the page's own
record only when that text states facts of its own (a Leader area with owner, period and
budget); otherwise they are left out, and description sentences naming a listed project join
that project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.clean import box_line, find_contacts, is_box_heading, is_chrome_line
from ingest.flat_tables import period_sides
from ingest.labels import canonical_label, canonical_line, column_label
from ingest.metadata import (
    ORG_KINDS,
    find_amounts,
    find_budget,
    find_funders,
    find_owner,
    find_period,
    looks_like_org,
    opening_owner,
    page_date_kind,
    parse_date,
    parse_period,
)
from ingest.structure import ENTRY, colon_label_runs
from stodkollen.records import Block
from stodkollen.text import fold, sentences

# A stage of one project: "Etapp 1 – förstudie", "Fas 2: Ombyggnad", "Steg 3".
STAGE = (
    r"(?:Etapp|Fas|Steg|Delsteg|Skede|Phase|Stage|Step)\s*(?:\d+|(?-i:[IVX]+))"
    r"(?=\s*(?:[:.–-]|$))"
)
# Headings that name a part of a page, never a project (titles never come from them).
GENERIC_HEADING = re.compile(
    r"^(?:Om\s+(?:projektet|projekten|oss)|Kort\s+om\s+projekten|Fakta(?:\s+om\s+projektet)?"
    r"|Kontakt(?:a\s+oss|person|er)?|Kontor\s+och\s+kontakt|Frågor.*|Bakgrund|Syfte|Mål"
    r"|Målgrupp|Resultat|Förväntade\s+resultat|Aktiviteter|Mer\s+information|Läs\s+mer"
    r"|Dokument|Länkar|Finansiering|Sammanfattning|Beslut|Beslutsunderlag|Ärendebeskrivning"
    r"|Övrigt|Innehåll|Genomförande(?:\s+och\s+resultat)?|Fortsättning|Nyheter|Underskrifter"
    r"|Det\s+här\s+gör\s+vi|Så\s+\w+\s+du(?:\s+dig)?|Key\s+facts|About(?:\s+the"
    r"\s+project)?|Contact|Background|Results?|Korta\s+beskrivningar|Beviljade\s+\w+"
    r"|Protokoll.*|Arbetsutskottets\s+beslut"
    rf"|{STAGE}.*"
    r"|\d+\.\s+\w+(?:\s+\w+){0,3})$",
    re.IGNORECASE,
)
# Labels of project facts, as they stand before a value ("Projektägare: X").
LABELS = (
    r"Projektnamn|Projektägare|Ägare|Sökande|Stödmottagare|Huvudman|Projektansvarig"
    r"|(?:Projekt)?[Aa]nsvarig\s+organisation|Projekttid|Projektperiod|Period|Tid"
    r"|Löptid|Genomförandetid|Total\s+(?:projekt)?budget(?:\s*\(kr\))?|Projektbudget|Budget"
    r"|Total\s+omfattning|Kostnad|Beviljat(?:\s+[\w-]+)?"
    r"|Kommunens\s+insats|Medfinansiärer|Finansiärer|Finansiär|Övrig\s+finansiering"
    r"|Finansiering|Finansieras\s+av|Kommuner|Kommun|Ort|Orter|Insatsområde"
    r"|Län|Kontaktperson|Kontakt|Beskrivning|Project\s+owner|Lead\s+partner|Project\s+period"
    r"|Duration|Total\s+budget|(?:Co-)?[Ff]unded\s+by|Co-financed\s+by"
)
# Words that make a short heading a section of a page, not a project's name.
_GENERIC_WORD = re.compile(
    r"\b(?:fakta|facts|kontakt\w*|contact|bakgrund|background|syfte|finansiering\w*|resultat"
    r"|results?|aktiviteter|om\s+projekte[nt]|about|uppgifter|sammanfattning|redovisning"
    r"|tidplan|projektorganisation|kostnadsbudget|finansieringsbudget|uppföljning|budget"
    r"|timeline|summary)\b",
    re.IGNORECASE,
)
# "A. Uppgifter om stödmottagaren", "C1 Sammanfattning": a form's lettered sections.
_LETTERED_SECTION = re.compile(r"^[A-H]\d?\.?\s+[A-ZÅÄÖ]")
_GENERIC_WORDS_MAX = 5


def generic_heading(text: str) -> bool:
    """A heading that names a part of a page ("Fakta om projektet", "Kontakt", "Bakgrund")."""
    text = ENTRY.sub(r"\g<t>", text.strip())  # "2. Projektorganisation" names a part too
    return bool(GENERIC_HEADING.match(text)) or (
        len(text.split()) <= _GENERIC_WORDS_MAX
        and bool(_GENERIC_WORD.search(text) or _LETTERED_SECTION.match(text))
    )


# Other labels a fact box may hold besides project facts.
_BOX_LABEL = re.compile(
    rf"^(?:{LABELS}|Målgrupp|Målgrupper|Byar|Orter|Webbplats|Hemsida|E-post|Telefon|Status"
    r"|Programområde|Insatsområde|Diarienummer|Dnr|Target|Website)$",
    re.IGNORECASE,
)
_BOX_LABEL_WORDS = re.compile(_BOX_LABEL.pattern.strip("^$"), re.IGNORECASE)
_LABEL_AT = re.compile(rf"(?:^|(?<=\s))(?:{LABELS})(?=\s*:|\s+av\s)", re.IGNORECASE)
_FACT_LABEL = re.compile(
    r"^(?:Projektnamn|Projektägare|Ägare|Sökande|Stödmottagare|Huvudman|Ansvarig\s+organisation"
    r"|Projekttid|Projektperiod|Period|Tid|Löptid|Genomförandetid|Total\s+(?:projekt)?budget"
    r"|Budget|Total\s+omfattning|Kostnad|Beviljat(?:\s+[\w-]+)?|Finansiär\w*|Medfinansiär\w*"
    r"|Finansiering|Project\s+owner|Lead\s+partner|Project\s+period|Duration"
    r"|(?:Co-)?[Ff]unded\s+by)\b\s*:?",
    re.IGNORECASE,
)
_NAME_COLUMN = re.compile(
    r"^(?:Projekt(?:namn|titel)?|Namn|Project(?:\s+(?:name|title))?|Titel|Insats|Satsning"
    r"|Aktivitet|Ändamål|Benämning)$",
    re.I,
)
# A column of granted amounts: the publisher lists what it granted ("Beviljat belopp").
_GRANTED_COLUMN = re.compile(r"^(?:Beviljat|Beviljade|Beviljas|Granted)\b", re.I)
_KOMMUN_LABEL = re.compile(
    r"^\s*(?:Kommun(?:er)?|Ort(?:er)?|Plats|Location)\s*:\s*(?P<v>[^\n·|]+)", re.I | re.M
)
_TITLE_LABEL = re.compile(
    r"^\s*(?:Projektnamn|Projektets\s+namn|Project\s+name)\s*:\s*(?P<v>[^\n·|]+)", re.I | re.M
)
_GRANT = re.compile(
    r"^(?:\d+[.)]\s*)?(?P<owner>[^–—]+?)\s+[-–—]\s+(?P<title>.+?)\s+[-–—]\s+"
    r"(?P<amount>\d[\d\s.]*(?:,\d+)?\s*(?:kr|kronor|SEK|tkr|Mkr|miljoner\s+kronor))\.?"
    r"\s*(?:\((?P<rest>[^)]*)\))?\.?$"
)
# A list page's heading or h1 that says its items were granted support.
_GRANTED_LIST = re.compile(
    r"\bbeviljade?\b|\bbeslut\s+om\s+stöd\b|\bmedfinansiering\b|\bfördelning\b|\bfördelades\b"
    r"|\btilldelning\b|\bprioriterade\b|\bf(?:ått|år|ick)\s+(?:\w+\s+)?\w*stöd\b|\bbeviljats\b",
    re.I,
)
_DECISION = re.compile(r"^§+\s*\d+")
_ENTRY_LEVEL = 3  # the level text_blocks gives an enumerated entry's title
_DECISION_ABOUT_PROJECT = re.compile(
    r"\bprojekt\w*|\bstöd\b|\bbidrag\w*|\bmedfinansiering|\bansökan\b", re.IGNORECASE
)
_PROJECT_IN_HEADING = re.compile(r"\bprojektet\s+(?P<name>[A-ZÅÄÖ\"”].+)$")
_SECTION_NUMBER = re.compile(r"^§+\s*\d+\s*")
# "E-handelsskolan är en del av projektet Digital handel i bygden": the page belongs to it.
_PART_OF_PROJECT = re.compile(
    r"\b(?:en\s+del\s+av|del\s+av|ingår\s+i|inom)\s+projektet\s+"
    r"(?P<name>[A-ZÅÄÖ][^,.;:]{2,60}?)(?=,|\s+som\b|\.|$)"
)
_OFFER_QUESTION = re.compile(r"\b(?:söka|ansöka|ansöker|apply)\b.*\?$|^Vem\s+kan\s+\w+\?$", re.I)
# Sentences about every listed project at once: "Samtliga projekt finansieras ...".
_ALL_PROJECTS = re.compile(r"^(?:Samtliga|Alla)\s+(?:projekt(?:en)?|beviljade)\b", re.I)
_NEWS_MARK = re.compile(r"\b(?:nyhet|nyheter|news|pressmeddelande)\b", re.I)


@dataclass
class Section:
    """A record in the making: its title and blocks, with facts a layout gave directly."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    kind: str = "project"
    owner: str | None = None
    budget: int | None = None
    period_raw: str | None = None
    funders: list[str] = field(default_factory=list)
    granted_by_publisher: bool = False
    context: str = ""  # what the list page says about all its records (Project.context)

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks if b.text)

    @property
    def place_text(self) -> str:
        """The text that says where the project is: without an examples section, whose
        places are where others used an offer ("Exempel: Ett bageri i Söderhamn …")."""
        kept, skipping = [], False
        for b in self.blocks:
            if b.kind == "heading":
                skipping = bool(_EXAMPLES_HEADING.match(b.text))
            if not skipping and b.text:
                kept.append(b.text)
        return "\n\n".join(kept)


_EXAMPLES_HEADING = re.compile(
    r"^(?:Goda\s+)?[Ee]xempel\b|^Så\s+har\s+andra\b|^Examples?\b|^Case\s+stud|^Inspiration\b"
)


@dataclass
class Page:
    """A page's blocks after dates and chrome are taken out, with what the chrome said."""

    blocks: list[Block]
    site: str = ""  # chrome text: where the publisher names itself
    published: str | None = None
    updated: str | None = None


# --- preparing the blocks -----------------------------------------------------------------


def _split_labels(text: str) -> str:
    """One label per line: "Projektägare: X · Tid: Y | Budget: Z. Finansiering: W"."""
    return re.sub(
        rf"\s*(?:[·|]|(?<=[.)])\s)\s*(?=(?:{LABELS})(?:\s*:|\s+av\s))",
        "\n",
        text,
        flags=re.IGNORECASE,
    )


def _clean_block(block: Block, page: Page) -> Block | None:
    if block.kind in ("table", "rule", "site"):
        return block
    kept = []
    for line in block.text.split("\n"):
        kind = page_date_kind(line.strip("*_ "))
        if kind:
            date = parse_date(line)
            if kind == "published":
                page.published = page.published or date
                # "Publicerad 2023-02-10. Uppdaterad 2024-10-21." holds both.
                rest = re.search(r"(?:Uppdaterad|Updated|ändrad)\b(.*)$", line, re.I)
                if rest and parse_date(rest.group(1)):
                    page.updated = page.updated or parse_date(rest.group(1))
            else:
                page.updated = page.updated or date
            continue
        if is_chrome_line(line) and block.kind != "heading":  # headings are structure
            page.site += "\n" + line
            continue
        kept.append(line if block.kind == "heading" else canonical_line(line, _BOX_LABEL_WORDS))
    text = "\n".join(kept).strip()
    if not text:
        return None
    if block.lead and not text.startswith(block.lead):
        block = Block(block.kind, text, block.level, None, block.cells, block.header)
    return Block(
        block.kind, _split_labels(text), block.level, block.lead, block.cells, block.header
    )


def _facts_table(block: Block) -> Block | None:
    """A two-column key-value table ("Project owner | X") as a facts paragraph."""
    rows = block.cells
    if block.header and rows and not any(c.strip() for c in rows[0]):
        rows = rows[1:]  # "| | |" over a Markdown key-value table: a header with no names
    elif block.header:
        return None
    if not rows or any(len(r) != 2 for r in rows):
        return None
    return Block("para", "\n".join(f"{k}: {v}".replace("\n", ", ") for k, v in rows))


def _label_of(text: str) -> str | None:
    """The label a term or a label cell stands for: as written when the parser reads it,
    else the parser's word for it (`ingest.labels`)."""
    text = text.strip().rstrip(":").strip()
    return text if _BOX_LABEL.match(text) else canonical_label(text)


def _join_label_values(blocks: list[Block]) -> list[Block]:
    """A label and its value as two blocks ("<div class=label>Kalkyl</div><div>1,1 Mkr</div>")
    or two lines of one block, as one label line."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == b.kind == "para"
            and "\n" not in prev.text.strip()
            and _label_of(prev.text)
            and not _label_of(b.text.split("\n")[0])
            and len(b.text.split()) <= _LABEL_VALUE_WORDS
        ):
            out[-1] = Block("para", f"{_label_of(prev.text)}: {b.text}")
            continue
        out.append(b)
    return out


_LABEL_VALUE_WORDS = 25  # a value is short; a longer block is the next paragraph


def _facts_dl(blocks: list[Block], start: int) -> tuple[Block | None, int]:
    """A <dl> whose terms are mostly labels ("Projektägare", "Projekttid") as facts lines."""
    end = start
    while end < len(blocks) and blocks[end].kind in ("term", "def"):
        end += 1
    terms = [b for b in blocks[start:end] if b.kind == "term"]
    labels = [t for t in terms if _label_of(t.text)]
    if not terms or len(labels) * 2 < len(terms):
        return None, start
    lines: list[str] = []
    for b in blocks[start:end]:
        if b.kind == "term":
            lines.append(f"{_label_of(b.text) or b.text}:")
        elif lines:
            lines[-1] += (" " if lines[-1].endswith(":") else "\n") + b.text
    return Block("para", "\n".join(lines)), end


def _colon_item_labels(blocks: list[Block]) -> list[Block]:
    """A run of list items that each open with a fact label and its value, the colon left to
    the styling ("<span class=label>Löptid</span> 2024–2026"), as label lines."""
    out = list(blocks)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and out[j].kind == "item" and "\n" not in out[j].text:
            j += 1
        if j > i:
            lines = colon_label_runs("\n".join(b.text for b in out[i:j])).split("\n")
            for k, line in zip(range(i, j), lines, strict=True):
                if line != out[k].text:
                    b = out[k]
                    out[k] = Block(b.kind, line, b.level, b.lead, b.cells, b.header)
        i = max(j, i + 1)
    return out


# A list item whose nested items give at least this many labelled facts ("Ägare: …", "Tid:
# …") is a record: one labelled line could be a note on an ordinary bullet.
MIN_NESTED_FACTS = 2
_NESTED_TITLE_WORDS = 15  # the item's own text is a name, not a paragraph


def _nested_item_headings(blocks: list[Block]) -> list[Block]:
    """A list of items each carrying nested items of labelled facts ("- **Name**" over
    "  - Ägare: X", "  - Tid: 2024–2026") is a list of records, whatever the format (nested
    <ul>, Markdown, a word processor's outline): each item is a heading over its facts."""
    out: list[Block] = []
    heading_level = 1
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            heading_level = b.level
        if b.kind == "item" and _titles_nested_facts(blocks, i):
            out.append(Block("heading", b.text, level=min(heading_level + 1, 6), lead=b.lead))
            continue
        out.append(b)
    return out


def _titles_nested_facts(blocks: list[Block], i: int) -> bool:
    b = blocks[i]
    if "\n" in b.text or len(b.text.split()) > _NESTED_TITLE_WORDS or _FACT_LABEL.match(b.text):
        return False
    facts = strict = 0
    for j in range(i + 1, len(blocks)):
        nested = blocks[j]
        if nested.kind != "item" or nested.level <= b.level:
            break
        if nested.level == b.level + 1 and (
            _FACT_LABEL.match(nested.text) or canonical_line(nested.text) != nested.text
        ):
            facts += 1
            # "Ägare:", "Budget:" name a project's facts; "Tid:", "Kostnad:" also a course's
            strict += canonical_line(nested.text, strict=True) != nested.text
    return facts >= MIN_NESTED_FACTS and strict >= 1


def _split_named(blocks: list[Block]) -> list[Block]:
    """A paragraph of label lines that holds several "Projekt: X" lines (label lines of
    consecutive projects run together) as one paragraph per project."""
    out: list[Block] = []
    for b in blocks:
        lines = b.text.split("\n")
        cuts = [i for i, line in enumerate(lines) if _NAMED_PROJECT.match(line.strip())]
        if b.kind != "para" or not cuts or cuts == [0]:
            out.append(b)
            continue
        bounds = sorted({0, *cuts, len(lines)})
        out += [
            Block("para", "\n".join(lines[s:e]))
            for s, e in zip(bounds, bounds[1:], strict=False)
            if "\n".join(lines[s:e]).strip()
        ]
    return out


def _box_line(text: str) -> bool:
    """A block that a box of furniture may hold: every line short and no sentence."""
    return all(box_line(line) for line in text.split("\n"))


def prepare(blocks: list[Block]) -> Page:
    """Take page dates and chrome out of the blocks; cut what lies above the h1 and after a
    closing rule (a converted page's header and footer); turn fact boxes into label lines."""
    page = Page([])
    page.site = "\n".join(b.text for b in blocks if b.kind == "site")
    blocks = [b for b in blocks if b.kind != "site"]
    h1 = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1), None)
    if h1:
        head, blocks = blocks[:h1], blocks[h1:]
        for b in head:
            if not _clean_block(b, page):
                continue
            page.site += "\n" + b.text  # breadcrumbs and menus above the title
    rules = [i for i, b in enumerate(blocks) if b.kind == "rule"]
    if rules and not any(b.kind == "heading" for b in blocks[rules[-1] :]):
        tail, blocks = blocks[rules[-1] :], blocks[: rules[-1]]
        for b in tail:
            if _clean_block(b, page):
                page.site += "\n" + b.text
    blocks = _nested_item_headings(_split_named(_colon_item_labels(_join_label_values(blocks))))
    out: list[Block] = []
    in_box = False  # under a heading that opens a box of furniture (feedback, related news)
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "heading" or not _box_line(b.text):
            in_box = b.kind == "heading" and is_box_heading(b.text)
        if in_box:
            if _clean_block(b, page):  # the page's dates may sit in the box's last lines
                page.site += "\n" + b.text
            i += 1
            continue
        if b.kind == "term":
            facts, end = _facts_dl(blocks, i)
            if facts:
                out.append(facts)
                i = end
                continue
        if b.kind == "table" and (facts := _facts_table(b)):
            b = facts
        cleaned = _clean_block(b, page)
        if cleaned and cleaned.kind != "rule":
            out.append(cleaned)
        i += 1
    page.blocks = out
    return page


# --- the layouts ----------------------------------------------------------------------------


def _has_facts(text: str, needed: int = 2) -> bool:
    """Does a text state a project's own facts: a fact label, or `needed` of owner, period
    and budget in prose?"""
    if any(_FACT_LABEL.match(line.strip()) for line in text.split("\n")):
        return True
    found = [find_owner(text), find_period(text), find_budget(text)]
    # a card's facts as bare lines ("2 780 000 kr"): one of each (several sums are a table)
    periods, money = _bare_lines(text)
    bare = (len(periods) == 1) + (len(money) == 1)
    return sum(x is not None for x in found) + bare >= needed


def _table_rows(block: Block) -> list[Section]:
    if block.kind != "table" or len(block.cells) < 3:
        return []
    if not block.header and not any(_NAME_COLUMN.match(c.strip()) for c in block.cells[0]):
        return []  # a header row given as plain cells still names its columns
    header = block.cells[0]
    name_col = next((i for i, h in enumerate(header) if _NAME_COLUMN.match(h.strip())), None)
    if name_col is None:
        return []
    sections = []
    start_col, end_col = period_sides(header) or (None, None)
    for row in block.cells[1:]:
        if len(row) != len(header) or not row[name_col].strip():
            continue
        # "**Kvarnen i Knäred**<br>Den gamla kvarnen …": the name above its description.
        name, *description = [x.strip() for x in row[name_col].split("\n") if x.strip()]
        rest = " ".join(description)
        if description and not (rest.endswith(".") or len(rest.split()) >= _DESCRIPTION_WORDS):
            name, description = " ".join([name, *description]), []  # a name on two lines
        lines = [" ".join(description)] if description else []
        for col, (h, cell) in enumerate(zip(header, row, strict=True)):
            cell = cell.replace("\n", ", ")
            if (
                col == name_col
                or not cell
                or (start_col is not None and end_col is not None and col in (start_col, end_col))
            ):
                continue
            # "Total budget (kr) | 1 150 000": the unit sits in the header.
            if re.search(r"\b(?:kr|sek|kronor)\b", h, re.I) and re.fullmatch(r"[\d\s.,]+", cell):
                cell = f"{cell} kr"
            label = re.sub(r"\s*\((?:kr|sek)\)", "", h, flags=re.I)
            lines.append(f"{_column_label(label)}: {cell}")
        if start_col is not None and end_col is not None:
            # a period in two columns ("Start", "Slut") as one line the period reader knows
            lines.append(f"Projekttid: {row[start_col]} – {row[end_col]}")
        granted = any(_GRANTED_COLUMN.match(h.strip()) for h in header)
        sections.append(
            Section(name, [Block("para", "\n".join(lines))], granted_by_publisher=granted)
        )
    return sections


_DESCRIPTION_WORDS = 6  # below a name cell's first line: a description, not the name going on


def _column_label(name: str) -> str:
    """A grouped column's name as a label: "Ekonomi, kronor Total kostnad" -> "Budget"."""
    words = name.split()
    for i in range(len(words)):
        text = " ".join(words[i:])
        label = _label_of(text) or column_label(text)
        if label:
            return label
    return name


def _dl_records(blocks: list[Block]) -> list[tuple[int, int, Section]]:
    out = []
    i = 0
    while i < len(blocks):
        if blocks[i].kind == "term":
            j = i + 1
            while j < len(blocks) and blocks[j].kind == "def":
                j += 1
            out.append((i, j, Section(blocks[i].text, blocks[i + 1 : j])))
            i = j
        else:
            i += 1
    return out if len(out) >= 2 else []


def _grant_section(block: Block) -> Section | None:
    if block.kind not in ("item", "para") or "\n" in block.text:
        return None
    m = _GRANT.match(block.text)
    if not m or len(m["owner"].split()) > 8:
        return None
    amounts = find_amounts(m["amount"])
    owner, title = m["owner"].strip(" ,"), m["title"].strip()
    # "Projekt – Sökande – belopp": the organisation is whichever part is named like one.
    if looks_like_org(title) and not looks_like_org(owner):
        owner, title = title.strip(" ,"), owner
    return Section(
        title,
        [block],
        owner=owner,
        budget=amounts[0].sek if amounts else None,
        period_raw=find_period(f"Projekttid {m['rest']}") if m["rest"] else None,
    )


# "”Gamleby sommarscen”, Föreningen Gamleby Teater. 142 000 kronor.": quoted title, owner,
# amount (a news list of grants).
_QUOTED_GRANT = re.compile(
    r"^[\"”“'](?P<title>[^\"”“']{2,100})[\"”“'],?\s+(?P<owner>[^.\n]{2,100}?)[.,;]\s+"
    r"(?:(?:beviljas|får|fick|beviljades)\s+)?(?P<amount>\d[\d\s.]*(?:,\d+)?\s*"
    r"(?:kr|kronor|SEK|tkr|miljoner\s+kronor)|\d+(?:,\d+)?\s*(?:Mkr|mnkr|MSEK))\.?\s*$"
)


# "Alfta Skidklubb beviljas 180 000 kr för en ny belysning av elljusspåret.": a decision
# list's item in prose; the purpose names the project.
_PROSE_GRANT = re.compile(
    r"^(?:\d{1,2}[.)]\s*)?(?P<owner>[A-ZÅÄÖ][^\n]{2,80}?)\s+(?:beviljas|tilldelas|får)\s+"
    r"(?P<amount>\d[\d\s.]*(?:,\d+)?\s*(?:kr|kronor|SEK|tkr)|\d+(?:,\d+)?\s*(?:Mkr|mnkr|MSEK"
    r"|miljoner\s+kronor))\s+(?:i\s+stöd\s+)?(?:för|till)\s+(?:att\s+)?(?:en\s+|ett\s+)?"
    r"(?P<title>[^.\n]{3,100})\."
)


def _prose_grant_section(block: Block) -> Section | None:
    if block.kind not in ("item", "para"):
        return None
    text, name = block.text.strip(), None
    lead = (block.lead or "").strip()
    if lead and text.startswith(lead) and len(lead.split()) <= _ITEM_NAME_WORDS:
        # "**Båthuset i Sjötorp.** Sjötorps Båtklubb beviljas …": the project's name in bold
        name, text = lead.rstrip(" .:–-"), text[len(lead) :].strip()
    m = _PROSE_GRANT.match(text)
    if not m or not looks_like_org(m["owner"]) or "från" in m.group():
        return None
    amounts = find_amounts(m["amount"])
    title, period = _title_and_period(m["title"])
    title = name or title
    return Section(
        title[0].upper() + title[1:],
        [block],
        owner=m["owner"].strip(" ,"),
        budget=amounts[0].sek if amounts else None,
        period_raw=period,
        granted_by_publisher=True,  # "beviljas" with no grantor named: the publisher decided
    )


# "projektet Ny scen i parken, 2025-05 – 2026-04": the name after "projektet", and a period
# that follows it after a comma.
_NAMED_PURPOSE = re.compile(r"^(?:projektet|projekt|satsningen|förstudien)\s+(?=\S)", re.I)


def _title_and_period(purpose: str) -> tuple[str, str | None]:
    title = _NAMED_PURPOSE.sub("", purpose.strip()).strip()
    head, _, tail = title.rpartition(",")
    period = find_period(f"Projekttid: {tail.strip()}") if head and tail.strip() else None
    if period and parse_period(period) != (None, None):
        title = head.strip()
    else:
        period = None
    return title.strip(" \"”“'"), period


def _quoted_grant_section(block: Block) -> Section | None:
    if block.kind not in ("item", "para") or "\n" in block.text:
        return None
    m = _QUOTED_GRANT.match(block.text.strip())
    if not m:
        return None
    amounts = find_amounts(m["amount"])
    return Section(
        m["title"].strip(),
        [block],
        owner=m["owner"].strip(" ,"),
        budget=amounts[0].sek if amounts else None,
    )


# "Projekt: Bengtsfors Båtcafé" opening a block of label lines: one project per such block.
_NAMED_PROJECT = re.compile(
    r"^(?:Projekt|Projektnamn|Projektets\s+namn|Project(?:\s+name)?)\s*:\s*(?P<t>[^\n]{2,120})$",
    re.IGNORECASE,
)


def _named_sections(blocks: list[Block]) -> list[tuple[int, int, Section]]:
    """Blocks opening with a "Projekt: X" line, each with the blocks up to the next one (or
    the next heading), when at least two do."""
    starts = [
        i
        for i, b in enumerate(blocks)
        if b.kind in ("para", "item") and _NAMED_PROJECT.match(b.text.split("\n")[0].strip())
    ]
    if len(starts) < 2:
        return []
    out = []
    for n, i in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        end = next((j for j in range(i + 1, end) if blocks[j].kind == "heading"), end)
        first, *rest = blocks[i].text.split("\n")
        m = _NAMED_PROJECT.match(first.strip())
        body = [Block("para", "\n".join(rest))] if rest else []
        out.append((i, end, Section(m["t"].strip(), body + blocks[i + 1 : end])))
    return out


_ITEM_NAME = re.compile(r"^(?P<name>[A-ZÅÄÖ\"”][^–—:]{1,80}?)\s+[–—]\s+")
_ITEM_NAME_WORDS = 8


def _with_bullet_siblings(
    blocks: list[Block], found: list[tuple[int, Section]]
) -> list[tuple[int, Section]]:
    """Items of the same list as the project items found, named the same way (in bold),
    that state one fact of their own ("Servicehubb X – Y AB får 460 000 kronor …"): projects
    of that list too, as headed sections with one fact beside siblings with two are."""
    rows = {i for i, _ in found}
    level = blocks[min(rows)].level
    bold = all(blocks[i].lead for i in rows)
    lo, hi = min(rows), max(rows)
    while lo > 0 and blocks[lo - 1].kind == "item":
        lo -= 1
    while hi + 1 < len(blocks) and blocks[hi + 1].kind == "item":
        hi += 1
    extra = [
        (i, sec)
        for i in range(lo, hi + 1)
        if i not in rows
        and blocks[i].level == level
        and (blocks[i].lead is not None) == bold
        and (sec := _bullet_section(blocks[i], needed=1))
    ]
    return sorted([*found, *extra], key=lambda t: t[0])


def _bullet_section(block: Block, needed: int = 2) -> Section | None:
    """A list item that names a project and states its facts: "**Visby Hamnkök** – ett
    delat kök … Projektägare: …" (the name in bold, or before the first dash). `needed`:
    how many of owner, period and budget it must state (one beside siblings that state two)."""
    if block.kind != "item":
        return None
    lead = block.lead
    if not lead:
        m = _ITEM_NAME.match(block.text)
        if not m or len(m["name"].split()) > _ITEM_NAME_WORDS:
            return None
        lead = m["name"]
    body = block.text[len(lead) :].lstrip(" –—-:.")
    # "**Arctic Food Lab** (2022–2024). Lead partner: …": the period in brackets after the name.
    bracket = _BRACKET_PERIOD.match(body)
    period_raw = bracket["p"] if bracket else None
    if not _has_facts(body, needed=1 if period_raw else needed):
        return None
    # "**Byastugan i Hackås** — Hackås Bygdeförening, Hackås (Bergs kommun). …": the
    # organisation named first, with no label, is the owner when no label names one.
    first = re.split(r"[,.(]", body, maxsplit=1)[0].strip()
    owner = (
        first
        if len(first.split()) <= _ITEM_NAME_WORDS
        and _NAMED_ORG.match(first)
        and not find_owner(body)
        else None
    )
    return Section(lead.strip(" :–-"), [Block("para", body)], owner=owner, period_raw=period_raw)


# A phrase that is an organisation's name (not one that mentions one): capitalised words
# ending in the kind of organisation ("Hackås Bygdeförening", "Föllinge IK", "Lofsdalens
# Fjällgårdar ekonomisk förening", "Bergs kommun").
_NAMED_ORG = re.compile(
    r"^(?=[A-ZÅÄÖ])(?:[A-ZÅÄÖ][\wåäö-]*\s+)*(?:(?:ekonomisk|ideell)\s+)?"
    rf"(?:(?i:[\wåäö-]*(?:{ORG_KINDS})(?:en|et)?)|AB|HB|IF|IK|BK|SK|FF|kommun)"
    r"(?:\s+[A-ZÅÄÖ][\wåäö-]*)*$"
)
_BRACKET_PERIOD = re.compile(r"^\((?P<p>[^()]*\d{4}[^()]*)\)")


def _entry_sections(blocks: list[Block], heads: list[int]) -> list[tuple[int, int, Section]]:
    """Enumerated entries ("1. Kulturstigen på Holmön", "a) Gnarps Kulturhus") that state
    project facts, when at least two do: one record each, up to the next heading."""
    out = []
    for i in heads:
        m = ENTRY.match(blocks[i].text)
        if not m or blocks[i].level != _ENTRY_LEVEL or generic_heading(m["t"]):
            continue
        end = next(
            (j for j in range(i + 1, len(blocks)) if blocks[j].kind == "heading"), len(blocks)
        )
        body = blocks[i + 1 : end]
        if _has_facts("\n".join(b.text for b in body), 1):
            out.append((i, end, Section(m["t"].strip(), body)))
    return out if len(out) >= 2 else []


def _heading_sections(blocks: list[Block]) -> list[tuple[int, int, Section]]:
    """(start, end, section) for headings whose own text states project facts, at the level
    where most of them sit; on minutes only the "§ 12" headings count."""
    heads = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    entries = _entry_sections(blocks, heads)
    if entries:
        return entries
    decisions = [i for i in heads if _DECISION.match(blocks[i].text)]
    if decisions:
        candidates = decisions
    else:
        candidates = [
            i
            for i in heads
            if blocks[i].level > 1
            and not generic_heading(blocks[i].text)
            and not _facts_box(blocks[i].text)
            and not _DATED_ENTRY.match(blocks[i].text.strip())
            and not blocks[i].text.rstrip().endswith("?")
        ]
    cand = set(candidates)

    def ends_section(i: int, j: int) -> bool:
        b = blocks[j]
        if b.kind != "heading":
            return False
        if _facts_box(b.text):
            # "Fakta" over a box of labels: the facts of the heading above, unless that has
            # facts of its own (then the box is about the page: "I korthet" on a grant list)
            return _has_facts("\n".join(x.text for x in blocks[i + 1 : j]))
        if decisions:
            return j in cand
        return b.level <= blocks[i].level or j in cand

    def extent(i: int) -> int:
        return next((j for j in range(i + 1, len(blocks)) if ends_section(i, j)), len(blocks))

    def needed(i: int) -> int:
        # A decision about a named project or a grant needs only one fact of its own.
        return 1 if decisions and _DECISION_ABOUT_PROJECT.search(blocks[i].text) else 2

    with_facts = [
        i
        for i in candidates
        if _has_facts("\n".join(b.text for b in blocks[i + 1 : extent(i)]), needed(i))
    ]
    by_level: dict[int, list[int]] = {}
    for i in with_facts:
        by_level.setdefault(1 if decisions else blocks[i].level, []).append(i)
    if not by_level:
        return []
    level, chosen = max(by_level.items(), key=lambda kv: (len(kv[1]), -kv[0]))
    if not decisions:
        # Sibling headings of a project list that state one fact of their own are projects
        # too ("Ung i Ed … pågår 2023–2026" beside projects that state two).
        siblings = [
            i
            for i in candidates
            if blocks[i].level == level
            and i not in chosen
            and _has_facts("\n".join(b.text for b in blocks[i + 1 : extent(i)]), 1)
        ]
        if len(chosen) >= 2 or len(chosen) + len(siblings) >= _SIBLINGS_MIN:
            chosen = sorted([*chosen, *siblings])
    if len(chosen) < 2 and not decisions:
        return []
    out = []
    for i in chosen:
        end = extent(i)
        title = _SECTION_NUMBER.sub("", blocks[i].text).strip()
        m = _PROJECT_IN_HEADING.search(title)
        if m:  # "Beslut om stöd till projektet Industrispåret Gnosjö"
            title = m["name"].strip(' ”"')
        body = blocks[i + 1 : end]
        out.append((i, end, _named_by_lead(title, body)))
    return out


# "Hedesunda Båtlag (Hedesunda Båtklubb)": a project's name with its owner in brackets.
_OWNER_IN_BRACKETS = re.compile(r"^(?P<t>.+?)\s+\((?P<o>[^()]+)\)$")


# A heading that opens with a day's date ("2 september 2025 – Mer tid för bygget",
# "2025-11-20 · Golvet är lagt") is an entry of a diary or news feed, not a project's name.
_DATED_ENTRY = re.compile(
    r"^(?:\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober"
    r"|november|december)\s+\d{4}|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
# The heading of a project's fact box, set at its name's level in a printed catalogue.
_FACTS_BOX = re.compile(
    r"^(?:Fakta|Facts|Projektfakta|Snabbfakta|Fakta om projektet|Kort om projektet|I korthet"
    r"|Nyckeluppgifter|Key facts)\s*:?$",
    re.IGNORECASE,
)


def _facts_box(heading: str) -> bool:
    return bool(_FACTS_BOX.match(heading.strip()))


# A list whose every project states only one fact of its own still has this many projects
# beside the one that states two (fewer could be a single project's own sections).
_SIBLINGS_MIN = 3
_KOMMUN_HEADING = re.compile(r"^[A-ZÅÄÖ][\wåäö-]+(?:\s[A-ZÅÄÖ][\wåäö-]+)?\s+(?:kommun|stad)$")


def _named_by_lead(title: str, body: list[Block]) -> Section:
    """A section titled by a kommun ("Pajala kommun") whose text opens with a bold name
    ("**Hemvändarlots** – …") is that project, owned by the kommun."""
    first = next((b for b in body if b.kind in ("para", "item")), None)
    if _KOMMUN_HEADING.match(title) and first is not None and first.lead:
        return Section(first.lead.strip(" :–-"), body, owner=title)
    m = _OWNER_IN_BRACKETS.match(title)
    if m and looks_like_org(m["o"]) and not find_period(m["o"]):
        return Section(m["t"].strip(), body, owner=m["o"].strip())
    return Section(title, body)


# --- from sections to a page's records ------------------------------------------------------


def _lead_title(blocks: list[Block]) -> str:
    h = next((b for b in blocks if b.kind == "heading"), None)
    return h.text if h else ""


def _attach_descriptions(rest: list[Block], sections: list[Section]) -> list[Block]:
    """Sentences naming a listed project ("**Lekeberg Lokalt** samlar …") join it; sentences
    about all projects join each; what is left stays with the page."""
    left: list[Block] = []
    keys = [(s, s.title.split(",")[0].split(" – ")[0].strip()) for s in sections]
    for b in rest:
        if b.kind not in ("para", "item"):
            left.append(b)
            continue
        keep: list[str] = []
        for sent in sentences(b.text):
            owners = [s for s, key in keys if key and sent.startswith(key)]
            if _ALL_PROJECTS.match(sent):
                for s in sections:
                    s.blocks.append(Block("para", sent))
            elif owners:
                owners[0].blocks.append(Block("para", sent))
            else:
                keep.append(sent)
        if keep:
            left.append(Block(b.kind, " ".join(keep), b.level))
    return left


def _keyed_appendix(blocks: list[Block]) -> tuple[list[Block], dict[str, list[Block]]]:
    """(the blocks without it, what it says per project) for a list keyed by the names of the
    page's own project headings ("Mer information: <dt>Ratans Hamnbastu</dt><dd>Viktor …</dd>"):
    a box that adds contacts to projects above, not a list of projects itself."""
    headings = {b.text.casefold() for b in blocks if b.kind == "heading"}
    keyed = [
        i
        for i, b in enumerate(blocks)
        if b.kind == "term"
        and b.text.casefold() in headings
        and i + 1 < len(blocks)
        and blocks[i + 1].kind == "def"
    ]
    if len(keyed) < _MIN_KEYED:
        return blocks, {}
    extra: dict[str, list[Block]] = {}
    for i in keyed:
        extra.setdefault(blocks[i].text.casefold(), []).append(Block("para", blocks[i + 1].text))
    drop = {k for i in keyed for k in (i, i + 1)}
    return [b for k, b in enumerate(blocks) if k not in drop], extra


_MIN_KEYED = 2  # one name could be a coincidence; two make a list keyed by the projects


def _list_sections(page: Page) -> tuple[list[Section], list[Block]] | None:
    """The project sections of a list page and the blocks outside them, or None."""
    blocks, extra = _keyed_appendix(page.blocks)
    named = [b for b in blocks if b.kind == "heading" and b.text.casefold() in extra]
    level = named[0].level if named else None
    peers = [b for b in blocks if b.kind == "heading" and b.level == level]
    if not extra:
        return _sections_of(blocks)
    if len(named) != len(peers):
        # the list names only some of the page's sections: find them as usual, then add it
        found = _sections_of(blocks)
        for sec in found[0] if found else []:
            sec.blocks += extra.get(sec.title.casefold(), [])
        return found
    # The headings the appendix names are the page's projects, however few facts they state.
    sections, used = [], set()
    for i, b in enumerate(blocks):
        if b.kind != "heading" or b.text.casefold() not in extra:
            continue
        end = next(
            (
                j
                for j in range(i + 1, len(blocks))
                if blocks[j].kind == "heading" and (blocks[j].level or 0) <= (b.level or 0)
            ),
            len(blocks),
        )
        used.update(range(i, end))
        sections.append(Section(b.text, [*blocks[i + 1 : end], *extra[b.text.casefold()]]))
    return sections, [b for k, b in enumerate(blocks) if k not in used]


def _sections_of(blocks: list[Block]) -> tuple[list[Section], list[Block]] | None:
    for i, b in enumerate(blocks):
        rows = _table_rows(b)
        if len(rows) >= 2:
            rest = blocks[:i] + blocks[i + 1 :]
            return rows, _attach_descriptions(rest, rows)
    dl = _dl_records(blocks)
    if dl:
        used = {k for s, e, _ in dl for k in range(s, e)}
        return [sec for *_, sec in dl], [b for k, b in enumerate(blocks) if k not in used]
    named = _named_sections(blocks)
    if named:
        used = {k for s, e, _ in named for k in range(s, e)}
        sections = [sec for *_, sec in named]
        context = " ".join(b.text for b in blocks[: named[0][0]] if b.kind == "heading")
        if _GRANTED_LIST.search(context):
            for sec in sections:
                sec.granted_by_publisher = True
        return sections, [b for k, b in enumerate(blocks) if k not in used]
    for make in (_grant_section, _quoted_grant_section, _prose_grant_section, _bullet_section):
        found = [(i, sec) for i, b in enumerate(blocks) if (sec := make(b))]
        if make is _bullet_section and len(found) >= 2:
            found = _with_bullet_siblings(blocks, found)
        if len(found) >= 2:
            used = {i for i, _ in found}
            sections = [sec for _, sec in found]
            first = min(used)
            context = " ".join(b.text for b in blocks[:first] if b.kind == "heading")
            if make in (_grant_section, _quoted_grant_section) and _GRANTED_LIST.search(context):
                for sec in sections:
                    sec.granted_by_publisher = True
            rest = [b for k, b in enumerate(blocks) if k not in used]
            after = [b for k, b in enumerate(blocks) if k not in used and k > first]
            before = [b for k, b in enumerate(blocks) if k not in used and k < first]
            return sections, before + _attach_descriptions(after, sections)
    heads = _heading_sections(blocks)
    if heads:
        used = {k for s, e, _ in heads for k in range(s, e)}
        for start, _end, sec in heads:
            context = " ".join(b.text for b in blocks[: start + 1] if b.kind == "heading")
            if _GRANTED_LIST.search(blocks[start].text) or (
                _GRANTED_LIST.search(context) and not _DECISION.match(blocks[start].text)
            ):
                sec.granted_by_publisher = True
            under_decision = any(
                _DECISION.match(b.text) for b in blocks[:start] if b.kind == "heading"
            )
            if (_DECISION.match(blocks[start].text) or under_decision) and re.search(
                r"\bbevilja|\bmedfinansiera|\bprioriterar\b", sec.text
            ):
                sec.granted_by_publisher = True
        return [sec for *_, sec in heads], [b for k, b in enumerate(blocks) if k not in used]
    return None


def page_sections(page: Page) -> list[Section]:
    """The page's records as sections: list projects (with the page's own record when its
    text states facts of its own), or the whole page as one."""
    listed = _list_sections(page)
    title = _lead_title(page.blocks)
    if listed:
        sections, rest = listed
        lead = Section(title, [b for b in rest if b.text != title], kind="page")
        context = page_context(title, lead.blocks)
        for sec in sections:
            sec.context = context
        # The page's own record needs owner, period and budget of its own in prose (a Leader
        # area, a programme); an intro that introduces the list is not a record.
        found = [find_owner(lead.text), find_period(lead.text), find_budget(lead.text)]
        if all(x is not None for x in found):
            return [lead, *sections]
        return sections
    body = [b for b in page.blocks if not (b.kind == "heading" and b.text == title)]
    if not body and not title:
        return []
    return [Section(title, body, kind="single")]


# The page title and the intro's first sentence name what a list is (a LAG meeting, a
# programme, a kommun's project list); longer would repeat the intro in every record's header.
PAGE_CONTEXT_WORDS = 30


def page_context(title: str, blocks: list[Block]) -> str:
    """What a list page says about all its records: its title and its intro's first sentence,
    cut to PAGE_CONTEXT_WORDS words."""
    intro = next((b.text for b in blocks if b.kind == "para" and sentences(b.text)), "")
    first = sentences(intro)[0] if intro else ""
    words = ". ".join(x for x in (title.rstrip(".: "), first) if x).split()
    return " ".join(words[:PAGE_CONTEXT_WORDS])


# A document's kind written where a title would stand ("PROJEKTPLAN", "Slutrapport för
# projektstöd inom Leader"): the project's name is the line below it or a name label.
_DOC_KIND = re.compile(
    r"^(?:Projektplan|Projektbeskrivning|Projektblad|Projektdirektiv|Slutrapport|Lägesrapport"
    r"|Delrapport|Ansökan|Project\s+(?:plan|description|sheet)|Final\s+report)\b[^:\n]{0,60}$",
    re.IGNORECASE,
)
_DOC_TITLE_WORDS = 10


def document_title(text: str) -> str | None:
    """The project a document is about, where the document names its kind instead of the
    project in its heading: a "Projektets namn:" label, or the short line below "PROJEKTPLAN"."""
    named = _TITLE_LABEL.search(text)
    if named and named["v"].strip():
        return named["v"].strip()
    lines = [line.strip() for line in text.split("\n")]
    for line, nxt in zip(lines, lines[1:], strict=False):
        if (
            _DOC_KIND.match(line)
            and nxt
            and len(nxt.split()) <= _DOC_TITLE_WORDS
            and not re.search(r"[.:;!?]$|\d{4}", nxt)
        ):
            return nxt
    return None


# What opens an official letter or memo where a title would stand: a letterhead in capitals,
# a "Datum:"/"Beslutsdatum:" label line, the document's kind ("Tjänsteskrivelse", "Beslut").
_NOT_A_DOC_TITLE = re.compile(
    r"^(?:[^:\n]{2,30}:\s*\d.*|[A-ZÅÄÖ][A-ZÅÄÖ\s–-]{3,60}|(?:Tjänsteskrivelse|Beslut"
    r"|Protokollsutdrag|Delegationsbeslut|Ärende)\b[^\n]{0,40})$"
)
# A letter's subject line names the project: "Beslut om stöd till projektet Glasets hus",
# 'Ärende: Medfinansiering av projektet "Bruksscenen Långshyttan"'.
_SUBJECT_PROJECT = re.compile(
    r"^(?:Ärende|Angående|Ämne|Rubrik|Beslut|Ansökan|Medfinansiering|Förslag|Stöd|Bidrag)\b"
    r"[^\n]{0,60}?\b(?:till|för|av|om|inom)\s+projektet\s+[\"”“']?"
    r"(?P<name>[A-ZÅÄÖ][^\"”\n.]{2,60}?)[\"”']?\s*$",
    re.MULTILINE,
)
_SUBJECT_LINES = 15  # the subject stands in the letter's head, above its body


def subject_project(text: str) -> str | None:
    """The project a letter or memo is about, from its subject line."""
    head = "\n".join(text.split("\n")[:_SUBJECT_LINES])
    m = _SUBJECT_PROJECT.search(head)
    return m["name"].strip() if m else None


def single_title(title: str, blocks: list[Block]) -> str:
    """A single record's title: the h1, with the project it belongs to when the page says so
    ("E-handelsskolan – Digital handel i bygden"), or the opening bold name when the h1 is one
    generic word ("Leaderområdet – Leader Tångbältet")."""
    text = "\n".join(b.text for b in blocks)
    if not title or _DOC_KIND.match(title) or _NOT_A_DOC_TITLE.match(title):
        found = document_title(f"{title}\n{text}") or subject_project(text)
        if found:
            return found
    named = _TITLE_LABEL.search(text)
    if named and named["v"].strip() and named["v"].strip() not in title:
        return f"{title} – {named['v'].strip()}" if title else named["v"].strip()
    part = _PART_OF_PROJECT.search(text)
    if part and part["name"] not in title:
        return f"{title} – {part['name'].strip()}"
    first = next((b for b in blocks if b.kind == "para"), None)
    if len(title.split()) == 1 and first and first.lead and first.lead not in title:
        return f"{title} – {first.lead}"
    return title


# A page heading that names no project: a part of the site, a greeting, the start page.
_GREETING = re.compile(r"^(?:Välkommen|Welcome|Start|Startsida|Hem|Home)\b|!$", re.IGNORECASE)
# A publisher's name in a page's <title>: the site of a kommun or an authority, no project.
_PUBLISHER_NAME = re.compile(
    r"(?:kommun|stad|region|län|Länsstyrelsen\b.*|Tillväxtverket|Jordbruksverket)$", re.IGNORECASE
)
_SITE_NAME_WORDS = 8
# A <title> has the page, perhaps its parent, and the site; more parts make a menu line.
_MAX_TITLE_PARTS = 3
_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s*:\s+")


def placeholder_title(title: str) -> bool:
    """A single record's title that is a section of the site, not the project's name."""
    return not title or generic_heading(title) or bool(_GREETING.search(title.strip()))


def site_name(site: str, title: str) -> str | None:
    """The project's own site name from the first line of `site` (a page's <title>, "Om
    projektet | Cykelbygden Ödeshög", or a scraped page's header line): a part that is no
    section name, greeting or publisher such as a kommun. Titles never come from generic
    section headings (issue 13)."""
    first = next((line.strip() for line in site.split("\n") if line.strip()), "")
    parts = [p.strip() for p in _TITLE_PARTS.split(first)]
    if len(parts) > _MAX_TITLE_PARTS:
        return None  # a menu ("Hem | Projektet | Nyheter | Kontakt"), not a title
    for part in reversed(parts):  # "Section | Site": the site's name comes last
        if (
            part
            and fold(part) != fold(title)
            and len(part.split()) <= _SITE_NAME_WORDS
            and not placeholder_title(part)
            and not _PUBLISHER_NAME.search(part)
        ):
            return part
    return None


def is_offer(blocks: list[Block]) -> bool:
    """A support offer: question headings about who may apply and how."""
    questions = [b for b in blocks if b.kind == "heading" and _OFFER_QUESTION.search(b.text)]
    return len(questions) >= 1 and any(b.text.endswith("?") for b in blocks if b.kind == "heading")


def looks_like_news(page: Page, url: str | None) -> bool:
    return bool(page.published) and bool(_NEWS_MARK.search(f"{url or ''} {page.site}"))


def section_fields(sec: Section, year: int | None) -> dict:
    """Owner, period, budget, funders and contacts of one section, from the facts a layout
    gave and from its text (labels first, then prose)."""
    text = sec.text
    meta_period, meta_budget = _meta_line(text)
    period_raw = sec.period_raw or find_period(text, year) or meta_period
    start, end = parse_period(period_raw)
    funders = list(sec.funders)
    for f in find_funders(text):
        if f.casefold() not in {x.casefold() for x in funders}:
            funders.append(f)
    owner = sec.owner or find_owner(text)
    if owner is None and sec.kind == "project":
        owner = opening_owner(text)
    return {
        "owner": owner,
        "period_raw": period_raw,
        "period_start": start,
        "period_end": end,
        "budget_sek": next(
            (b for b in (sec.budget, find_budget(text), meta_budget) if b is not None), None
        ),
        "funders": funders,
        "contacts": find_contacts(text),
    }


_META_SEP = re.compile(r"\s+[·•]\s+|\s*\|\s*")
_META_FIELDS_MIN = 2


def _meta_line(text: str) -> tuple[str | None, int | None]:
    """A card's meta line of short fields ("2023–2025 · 1,8 mkr · Ägare: X"): a field that is
    only a period is the period, a field that is only a sum of money is the budget."""
    for line in text.split("\n"):
        fields = [f.strip() for f in _META_SEP.split(line.strip()) if f.strip()]
        if len(fields) < _META_FIELDS_MIN:
            continue
        period = next((f for f in fields if _only_period(f)), None)
        money = next((f for f in fields if _only_amount(f)), None)
        if period or money:
            amounts = find_amounts(money) if money else []
            return period, amounts[0].sek if amounts else None
    # The same fields as lines of their own (a card's meta list, one fact per item): one line
    # that is only a period is the period; one line that is only a sum, when the text holds
    # no other sum, is the budget (beside a grant or a total it could be either).
    periods, money = _bare_lines(text)
    period = periods[0] if len(periods) == 1 else None
    budget = None
    if len(money) == 1 and len(find_amounts(text)) == 1:
        budget = find_amounts(money[0])[0].sek
    return period, budget


def _bare_lines(text: str) -> tuple[list[str], list[str]]:
    """(lines that are only a period, lines that are only a sum of money)."""
    fields = [
        field.strip()
        for line in text.split("\n")
        for field in _META_SEP.split(line)  # a meta line's fields ("Förening|2025–2026|40 000 kr")
        if field.strip()
    ]
    periods = [f for f in fields if _only_period(f) and _SPAN.search(f)]
    money = [f for f in fields if _only_amount(f) and find_amounts(f)[0].sek >= MIN_BARE_SUM]
    return periods, money


# A bare line is a project's period only as a span ("maj 2024 – juni 2026", "2024–2026"): a
# lone date is a publication date or an event's day.
_SPAN = re.compile(r"\d{4}.*\s[–—-]\s.*\d{4}|\d{4}\s*[–—]\s*\d{4}|\d{4}-\d{2}\s*[–—-]\s*\d{4}")
# A bare sum smaller than this is a fee or a price (a course, an entry ticket), not what a
# project costs; even a small Leader grant is larger.
MIN_BARE_SUM = 10_000


def _only_period(field: str) -> bool:
    return bool(
        re.fullmatch(r"[\d\s–—-]+|(?:\w+\.?\s+)?\d{4}\s*[–—-]\s*(?:\w+\.?\s+)?\d{4}", field)
    ) and bool(parse_period(field)[0])


def _only_amount(field: str) -> bool:
    amounts = find_amounts(field)
    if len(amounts) != 1:
        return False
    rest = field.replace(amounts[0].raw, " ", 1)
    return not re.sub(r"(?i)\b(?:kr|kronor|sek)\b|[\s.:-]", "", rest)  # "4,15 miljoner kr"


def labelled_kommuner(text: str) -> str | None:
    m = _KOMMUN_LABEL.search(text)
    return m["v"] if m else None
