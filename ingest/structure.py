"""A page's own structure as a flat list of blocks (headings, paragraphs, list items, tables,
definition lists), for HTML through lxml and for Markdown through markdown-it-py.

Page chrome is left out here, where the markup still says what it is: navigation, site header
and footer, cookie banners, breadcrumbs, share/print/listen tools, forms, figures with their
captions and photo credits, images (alt text is never text). What markup cannot tell (a
"Foto:" line in a paragraph, a "Senast uppdaterad" line) is judged later on the text.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from typing import TYPE_CHECKING

from ingest.clean import is_box_heading, is_chrome_line
from ingest.flat_tables import column_kind, legend_rows, separated_rows, unflatten_rows
from ingest.labels import bare_label, canonical_label
from ingest.metadata import looks_like_org
from stodkollen.places import localities, normalize_place
from stodkollen.records import Block, Document

if TYPE_CHECKING:
    from lxml import etree

# Elements that never carry page content.
_DROP_TAGS = (
    "script style noscript template head nav footer svg iframe form button input select "
    "label figure figcaption img picture video audio canvas map object"
).split()
# class / id / role / aria-label words of chrome containers (cookie banners, breadcrumbs,
# share and print tools, pagers, related-news boxes, bylines, image captions, skip links).
_CHROME = re.compile(
    r"cookie|consent|gdpr|cky-|kakor|breadcrumb|brödsmul|brodsmul|share|social|print|skip"
    r"|tools|toolbar|readspeaker|pager|pagination|related|byline|caption|filter|search"
    r"|dialog|banner|logo|screen-reader|sr-only|visually-hidden|badge",
    re.IGNORECASE,
)
_SCREEN_READER = re.compile(r"screen-reader|sr-only|visually-hidden", re.IGNORECASE)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CONTAINERS = frozenset(
    "html body main article section div aside blockquote center details summary span a "
    "font header hgroup address".split()
)
_LEAD_TAGS = frozenset("strong b em i".split())
# The heading level an accordion's <summary> stands for: below the page's h2 sections.
_SUMMARY_LEVEL = 3
# A cell or list separator line in Markdown tables (| --- | :-: |).
_SPACE = re.compile(r"[ \t\u00a0\u202f\u2009]+")


def _clean(text: str) -> str:
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# --- HTML -----------------------------------------------------------------------------------


def _attr_words(el: etree._Element) -> str:
    return " ".join(el.get(a) or "" for a in ("class", "id", "role", "aria-label"))


def _is_trigger(el: etree._Element) -> bool:
    """An accordion's or tab widget's trigger (`<button aria-expanded>`, `role="tab"`): the
    title of the panel it opens, not a form control (nor a panel that carries the attribute)."""
    if el.get("role") == "tab":
        return True
    clickable = el.tag in ("button", "a") or el.get("role") == "button"
    opens = el.get("aria-expanded") is not None or el.get("aria-controls") is not None
    return clickable and opens


def _is_chrome(el: etree._Element) -> bool:
    if el.tag in _DROP_TAGS and not (el.tag == "button" and _is_trigger(el)):
        return True
    if el.tag == "header":
        # A site header; an article's own header holds its title and stays.
        return not el.xpath(".//h1|.//h2")
    if el.tag == "aside" and not el.xpath(".//dl|.//table|.//p|.//h2|.//h3"):
        return True
    words = _attr_words(el)
    if not words.strip() or not _CHROME.search(words):
        return False
    if _screen_reader_label(el):
        return False
    return not el.xpath(".//h1")  # a "hero banner" that holds the page's title is content


def _screen_reader_label(el: etree._Element) -> str | None:
    """'Projektägare' for "<span class=visually-hidden>Projektägare: </span>" beside an icon:
    the label of the value that follows, written for screen readers, is the page's own label.
    Only an inline span: a hidden heading or link text is navigation for screen readers."""
    if el.tag != "span" or not _SCREEN_READER.search(_attr_words(el)):
        return None
    text = " ".join("".join(el.itertext()).split()).rstrip(": ")
    after = (el.tail or "") + "".join(
        "".join(sib.itertext()) + (sib.tail or "") for sib in el.itersiblings()
    )
    if not _is_label(text) or not after.strip():
        return None  # a label with no value beside it (an icon link's hidden name)
    if after.strip().casefold().startswith(text.casefold()):
        return None  # the label is also shown ("<span aria-hidden>Budget: </span>")
    return text


def _inline(el: etree._Element) -> str:
    """Visible text of an element, <br> as a line break, chrome children left out."""
    parts = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        label = _screen_reader_label(child)
        if child.tag == "br":
            parts.append("\n")
        elif label:
            parts.append(f"{label}: ")  # its colon may be left to the styling
        elif not _is_chrome(child):
            if child.tag in ("p", "div", "li", "dd", "dt"):
                parts.append("\n" + _inline(child) + "\n")
            else:
                parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _lead(el: etree._Element) -> str | None:
    """The text of a leading <strong>/<em> that opens the element's text."""
    if (el.text or "").strip():
        return None
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is None or first.tag not in _LEAD_TAGS:
        return None
    text = _clean(_inline(first))
    return text or None


def _table_text(rows: list[list[str]]) -> str:
    return "\n".join(" | ".join(c.replace("\n", ", ") for c in r) for r in rows)


def _span(cell: etree._Element, attr: str) -> int:
    try:
        return max(1, min(int(cell.get(attr) or 1), _MAX_SPAN))
    except ValueError:
        return 1


_MAX_SPAN = 50  # a colspan/rowspan beyond this is a markup error, not a layout


def _grid(trs: list[list[etree._Element]]) -> list[list[str]]:
    """Rows of cell texts with rowspan and colspan spread over the cells they cover."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}
    for r, cells in enumerate(trs):
        row: list[str] = []
        col = 0
        for cell in cells:
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            text = _clean(_inline(cell))
            for dc in range(_span(cell, "colspan")):
                row.append(text)
                for dr in range(1, _span(cell, "rowspan")):
                    pending[(r + dr, col + dc)] = text
            col += _span(cell, "colspan")
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        grid.append(row)
    return grid


def _grouped_header(rows: list[list[str]], depth: int) -> list[str]:
    """One name per column from a header of `depth` rows: "Tidsperiod" over "Start" and
    "Slut" gives "Tidsperiod Start", "Tidsperiod Slut"; a cell spanning the rows, its name."""
    names = []
    for col in range(len(rows[0])):
        parts: list[str] = []
        for r in range(depth):
            cell = rows[r][col] if col < len(rows[r]) else ""
            if cell and cell not in parts:
                parts.append(cell)
        names.append(" ".join(parts))
    return names


def _table(el: etree._Element) -> Block | None:
    trs = []
    for tr in el.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if cells:
            trs.append(cells)
    if not trs:
        return None
    rows = _grid(trs)
    header = all(c.tag == "th" for c in trs[0]) and len(rows[0]) > 1
    depth = 1
    while header and depth < len(trs) and all(c.tag == "th" for c in trs[depth]):
        depth += 1  # a grouped header: a row of groups over a row of column names
    if depth > 1:
        rows = [_grouped_header(rows, depth), *rows[depth:]]
    return Block("table", _table_text(rows), cells=rows, header=header)


_SIDE = re.compile(r"^(?:Start|Slut|Från|Till|Startdatum|Slutdatum)$", re.IGNORECASE)


def _merge_md_header(table: list[list[str]]) -> list[list[str]]:
    """A two-row header flattened by an HTML-to-Markdown converter: the group names in the
    header with empty cells beside them, the column names as the first body row with empty
    cells under the names that spanned both rows."""
    if len(table) < 2:
        return table
    top, sub = table[0], table[1]
    if (
        len(top) != len(sub)
        or not any(top)  # "| | |" over a key-value table: no header at all
        or all(top)
        or all(sub)  # names that span both rows leave empty cells below them
        or any(re.search(r"\d{3}", c) for c in sub)
    ):
        return table
    if sum(bool(c) for c in sub) < 2 or not all(c or t for t, c in zip(top, sub, strict=True)):
        return table
    if not any(
        column_kind(c) or canonical_label(c, strict=True) or _SIDE.match(c) for c in sub if c
    ):
        return table  # the first row holds values, not the column names of a second header row
    names, group = [], ""
    for t, c in zip(top, sub, strict=True):
        group = t or group  # an empty header cell continues the group on its left
        names.append(" ".join(x for x in ((group if c else t), c) if x))
    return [names, *table[2:]]


def _walk(el: etree._Element, out: list[Block], depth: int = 0) -> None:
    kinds = Counter((c.tag, c.get("class")) for c in el if isinstance(c.tag, str))
    for child in el:
        if not isinstance(child.tag, str) or _is_chrome(child):
            _loose(child.tail, out)
            continue
        tag = child.tag
        if child.get("role") == "tab" and _tab_panel(child) is not None:
            _loose(child.tail, out)
            continue  # a tab's name titles its panel, which may stand far from the tab list
        tab = _panel_tab(child)
        if tab is not None:
            text = _clean(_inline(tab)).replace("\n", " ")
            if text:
                out.append(Block("heading", text, level=_SUMMARY_LEVEL))
        if tag in _HEADINGS:
            text = _clean(_inline(child)).replace("\n", " ")
            if text:
                out.append(Block("heading", text, level=_HEADINGS[tag]))
        elif (
            tag == "summary"
            and child.getparent() is not None
            and child.getparent().tag == "details"
        ) or (_is_trigger(child) and not _has_blocks(child)):
            # An accordion's <summary> titles its <details>: one collapsible section each.
            text = _clean(_inline(child)).replace("\n", " ")
            if text and not is_chrome_line(text):  # a "Visa fler" toggle is no title
                out.append(Block("heading", text, level=_SUMMARY_LEVEL))
        elif tag == "p" or tag == "pre":
            text = _clean(_inline(child))
            lead = _lead(child)
            if text and lead == text and _pseudo_heading(text):
                # "<p><strong>Vem kan söka?</strong></p>": a heading the editor made bold
                out.append(Block("heading", text, level=_below(out), lead=text))
            elif text:
                out.append(Block("para", text, lead=lead))
        elif tag in ("ul", "ol"):
            for li in child:
                if not isinstance(li.tag, str) or li.tag != "li" or _is_chrome(li):
                    continue
                if li.xpath(_HEADING_INSIDE):
                    # A list item with a heading of its own is a card (a project in a list of
                    # projects): its heading, text and facts are blocks, not one item line.
                    _loose(li.text, out)
                    _walk(li, out, depth)
                    _loose(li.tail, out)
                    continue
                nested = [n for n in li if isinstance(n.tag, str) and n.tag in ("ul", "ol")]
                for n in nested:
                    li.remove(n)
                text = _clean(_inline(li))
                if text:
                    out.append(Block("item", text, level=depth, lead=_lead(li)))
                for n in nested:
                    _walk_list(n, out, depth + 1)
        elif tag == "dl":
            for part in child:
                if not isinstance(part.tag, str) or part.tag not in ("dt", "dd"):
                    continue
                text = _clean(_inline(part))
                if text:
                    kind = "term" if part.tag == "dt" else "def"
                    out.append(Block(kind, text, lead=_lead(part)))
        elif tag == "table":
            block = _table(child)
            caption = child.find("caption")
            named = _clean(_inline(caption)).replace("\n", " ") if caption is not None else ""
            if block and named:  # a <caption> names its table: a project's facts table
                out.append(Block("heading", named, level=_below(out), lead=named))
            if block:
                out.append(block)
        elif tag == "hr":
            out.append(Block("rule"))
        elif tag in _CONTAINERS and _repeated(child, kinds):
            _walk_card(child, out, depth)
        elif tag in _CONTAINERS or tag not in ("tr", "td", "th", "tbody", "thead"):
            _loose(child.text, out)
            _walk(child, out, depth)
        _loose(child.tail, out)


_CARD_TAGS = frozenset("div article section li".split())
_HEADING_INSIDE = "./h2|./h3|./h4|./h5|./h6|./*/h2|./*/h3|./*/h4|./*/h5|./*/h6"
_MIN_CARDS = 2  # siblings of one kind and class: a list of like items, such as project cards
_CARD_TITLE_WORDS = 12  # a card's title line is short


def _repeated(el: etree._Element, kinds: Counter) -> bool:
    """Is the element one of several siblings of the same tag and class (a card in a grid)?
    `kinds` counts its parent's children by (tag, class)."""
    if el.tag not in _CARD_TAGS or not el.get("class"):
        return False
    return kinds[(el.tag, el.get("class"))] >= _MIN_CARDS


def _walk_card(el: etree._Element, out: list[Block], depth: int) -> None:
    """A card without a heading of its own: its first short line (a linked name, a bold
    title) is its heading, so each card becomes a section like a headed one."""
    inner: list[Block] = []
    _loose(el.text, inner)
    _walk(el, inner, depth)
    first = inner[0] if inner else None
    if (
        first is not None
        and len(inner) >= 2
        and first.kind == "para"
        and not any(b.kind == "heading" for b in inner)
        and "\n" not in first.text
        and len(first.text.split()) <= _CARD_TITLE_WORDS
        and not re.search(r"[.:!?]$|:\s", first.text)
        and not is_chrome_line(first.text)
        and not _is_label(first.text)
    ):
        inner[0] = Block("heading", first.text, level=_SUMMARY_LEVEL)
    out.extend(inner)


_PSEUDO_HEADING_WORDS = 12  # a bold line this short, alone in its paragraph, is a heading


def _pseudo_heading(text: str) -> bool:
    return (
        "\n" not in text
        and len(text.split()) <= _PSEUDO_HEADING_WORDS
        and not re.search(r"[.:]$|:\s", text)  # a bold sentence or "Label: value" is no heading
        and not is_chrome_line(text)
        and not _is_label(text)  # "<strong>Projektägare</strong>" above its value
    )


def _is_label(text: str) -> bool:
    return bool(canonical_label(text) or _FACT_LABEL_LINE.match(text))


def _below(out: list[Block]) -> int:
    """The level of a heading under the last real heading so far (bold-line headings, marked
    by their lead, are siblings, not nested)."""
    last = next(
        (b.level for b in reversed(out) if b.kind == "heading" and b.level and not b.lead), 1
    )
    return min(last + 1, max(_HEADINGS.values()))


# Per document being read, per thread (a crawl or the app may read pages side by side): tab
# -> panel ids and the ids present, which `html_blocks` fills for `_walk`.
_PAGE = threading.local()


def _tabs() -> dict[str, etree._Element]:
    return getattr(_PAGE, "tabs", {})


def _tab_panel(tab: etree._Element) -> str | None:
    panel_id = tab.get("aria-controls")
    return panel_id if panel_id and panel_id in getattr(_PAGE, "ids", ()) else None


def _panel_tab(el: etree._Element) -> etree._Element | None:
    """The tab that names this tab panel (`role="tab"` with `aria-controls` = its id)."""
    panel_id = el.get("id")
    return _tabs().get(panel_id) if panel_id else None


def _has_blocks(el: etree._Element) -> bool:
    """Does the element hold block content (paragraphs, lists, headings) rather than a label?"""
    return bool(el.xpath(".//p|.//ul|.//ol|.//dl|.//table|.//h2|.//h3|.//h4|.//div"))


def _walk_list(el: etree._Element, out: list[Block], depth: int) -> None:
    holder = el.makeelement("div", {})
    holder.append(el)
    _walk(holder, out, depth)


def _loose(text: str | None, out: list[Block]) -> None:
    """Text sitting directly in a container (no <p>) is a paragraph of its own."""
    text = _clean(text or "")
    if text and re.search(r"\w", text):
        out.append(Block("para", text))


def _main_root(root: etree._Element) -> etree._Element:
    # Not the first <article>: a listing page may hold one article per project.
    for xp in ("//main", "//*[@role='main']", "//body"):
        found = root.xpath(xp)
        if found:
            return found[0]
    return root


def html_canonical(root: etree._Element) -> str | None:
    for xp in (
        "//link[@rel='canonical']/@href",
        "//meta[@property='og:url']/@content",
    ):
        found = [u.strip() for u in root.xpath(xp) if u and u.strip().startswith("http")]
        if found:
            return found[0]
    return None


def html_blocks(html: str) -> tuple[list[Block], str | None, str]:
    """(blocks of the main content, canonical URL, site text) of an HTML page.

    The site text is the page's <title> and the text of its header/footer chrome: where the
    publisher names itself ("Skellefteå kommun"), kept apart from the content."""
    import lxml.html
    from lxml import etree

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return [], None, ""
    url = html_canonical(root)
    title = " ".join(root.xpath("//title//text()"))
    chrome = " \n".join(
        _clean(_inline(el)) for el in root.xpath("//footer|//header") if not el.xpath(".//h1")
    )
    out: list[Block] = []
    main = _main_root(root)
    if main.tag != "body" and not main.xpath(".//h1"):
        # A hero banner above <main> holds the page's title: it is content, not site header.
        h1 = root.xpath("//h1")
        if h1 and not _inside_chrome(h1[0]):
            text = _clean(_inline(h1[0])).replace("\n", " ")
            if text:
                out.append(Block("heading", text, level=1))
    tabs = root.xpath("//*[@role='tab'][@aria-controls]")
    # Several tabs over one panel are filters of one list ("Alla", "Pågående", "Avslutade"),
    # not the names of sections: only a panel with a tab of its own is titled by it.
    names: dict[str, set[str]] = {}
    for t in tabs:  # a tab list may be rendered twice (desktop and mobile): count its names
        names.setdefault(t.get("aria-controls"), set()).add(_clean(_inline(t)))
    _PAGE.tabs = {
        t.get("aria-controls"): t for t in tabs if len(names[t.get("aria-controls")]) == 1
    }
    _PAGE.ids = set(root.xpath("//@id"))
    try:
        _walk(main, out)
    finally:
        _PAGE.tabs, _PAGE.ids = {}, set()
    if main.tag != "body" and not _FACT_LABELS.search(" ".join(main.itertext())):
        for aside in root.xpath("//aside"):
            # The page's facts box placed beside <main> rather than inside it; not a box of
            # other projects ("Fler projekt från …") nor one when <main> states its own facts.
            if main in aside.iterancestors() or _is_chrome(aside) or _inside_chrome(aside):
                continue
            heading = next((" ".join(h.itertext()) for h in aside.xpath(".//h2|.//h3|.//h4")), "")
            if _OTHER_CONTENT.search(heading):
                continue
            if _FACT_LABELS.search(" ".join(aside.itertext())):
                _walk(aside, out)
    return out, url, f"{title}\n{chrome}".strip()


# Headings of boxes about other pages: "Fler projekt", "Relaterade projekt", "Se även".
_OTHER_CONTENT = re.compile(
    r"^\s*(?:Fler|Andra|Liknande|Relaterade?|Tidigare|Se även|Läs (?:också|mer)|More|Other"
    r"|Related)\b",
    re.IGNORECASE,
)
# Labels of a project's facts box: an <aside> outside <main> that holds them is content.
_FACT_LABELS = re.compile(
    r"\b(?:Projektägare|Projektperiod|Projekttid|Projektbudget|Total budget|Finansiärer"
    r"|Projektledare|Project owner|Lead partner|Project period)\b"
)


def _inside_chrome(el: etree._Element) -> bool:
    """Is `el` inside navigation, a footer or another chrome container (not a header that
    holds the title)?"""
    for parent in el.iterancestors():
        if parent.tag in ("nav", "footer", "aside", "form") or (
            parent.tag not in ("header", "body", "html") and _is_chrome(parent)
        ):
            return True
    return False


# --- Markdown -------------------------------------------------------------------------------

_MD_LINK_ONLY = re.compile(r"^(?:\s*(?:\[[^\]]*\]\([^)]*\)|[·|•/›>»,:-]|\w{0,12}:)\s*)+$")


def _md_inline(token) -> tuple[str, str | None, bool, bool]:
    """(text, leading bold/em text, has an image, only links) of an inline token."""
    parts: list[str] = []
    lead: str | None = None
    has_image = False
    in_strong = 0
    strong_buf: list[str] = []
    saw_text_before = False
    link_depth = 0
    text_outside_links = False
    for child in token.children or []:
        t = child.type
        if t == "image":
            has_image = True
            continue
        if t in ("softbreak", "hardbreak") or (
            t == "html_inline" and re.match(r"<br\s*/?>", child.content, re.I)
        ):
            parts.append("\n")
            continue
        if t in ("strong_open", "em_open"):
            in_strong += 1
            continue
        if t in ("strong_close", "em_close"):
            in_strong -= 1
            if in_strong == 0 and lead is None and not saw_text_before and strong_buf:
                lead = "".join(strong_buf).strip()
            continue
        if t == "link_open":
            link_depth += 1
            continue
        if t == "link_close":
            link_depth -= 1
            continue
        if t in ("text", "code_inline"):
            content = child.content
            if in_strong and lead is None and not saw_text_before:
                strong_buf.append(content)
            elif content.strip():
                saw_text_before = True
            if not link_depth and re.search(r"\w{3,}", content):
                text_outside_links = True
            parts.append(content)
    return "".join(parts), lead, has_image, not text_outside_links


def markdown_blocks(markdown: str) -> list[Block]:
    """Blocks of a Markdown page (HTML-to-Markdown conversions included)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(markdown)
    out: list[Block] = []
    stack: list[str] = []
    depth = -1
    table: list[list[str]] | None = None
    row: list[str] | None = None
    table_header = False
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type.endswith("_open"):
            stack.append(tok.tag)
        elif tok.type.endswith("_close") and stack:
            stack.pop()
        if tok.type == "table_open":
            table, table_header = [], False
        elif tok.type == "thead_open":
            table_header = True
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and table is not None and row is not None:
            table.append(row)
        elif tok.type == "table_close" and table:
            if table_header:
                table = _merge_md_header(table)
            out.append(Block("table", _table_text(table), cells=table, header=table_header))
            table = None
        elif tok.type == "hr":
            out.append(Block("rule"))
        elif tok.type == "inline":
            text, lead, has_image, links_only = _md_inline(tok)
            text = _clean(text)
            if table is not None and row is not None:
                row.append(text)  # a cell's lines stay: a name above its description
                continue
            if not text:
                continue
            opener = tokens[i - 1]
            if opener.type == "heading_open":
                out.append(Block("heading", text.replace("\n", " "), level=int(opener.tag[1])))
            elif has_image:
                continue  # an image with its caption / photo credit
            elif links_only:
                continue  # a row of links: menus, share buttons, skip links
            elif "li" in stack:
                out.append(Block("item", text, level=max(depth, 0), lead=lead))
            elif lead == text and _pseudo_heading(text):
                out.append(Block("heading", text, level=_below(out), lead=text))
            else:
                out.append(Block("para", text, lead=lead))
    return out


# --- plain text and PDF ---------------------------------------------------------------------

# "Sida 1 av 2", "--- Sida 4 (14) ---", "Page 2 of 3": pagination, with whatever running
# footer text shares its line.
_PAGINATION = re.compile(r"\b(?:Sida|Page)\s+\d+\s*(?:av|of|\(\d+\))\s*\d*", re.IGNORECASE)
_PAGINATION_LINE_WORDS = 20  # a running footer may hold an address beside the page number
_LEADERS = re.compile(r"\.{6,}")  # signature lines: "Justerandes sign ........"
_RUNNING = re.compile(r"\s\|\s|\s{3,}")  # header fields split by bars or wide gaps


def strip_running_lines(text: str, printed: bool = True) -> tuple[str, str]:
    """(text, removed) without a printed document's running headers and footers: pagination
    lines, signature lines, lines repeated at the top or bottom of several pages (pages are
    the blank-line separated parts of PDF text), and a first line split into fields by bars
    (a letterhead, even on a one-page document). Page edges count only for `printed` text
    (PDF); in scraped text the blank-line parts are paragraphs, not pages."""
    lines = text.split("\n")
    pages = [p.strip().split("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]
    edges: dict[str, int] = {}
    for page in pages:
        for line in {page[0].strip(), page[-1].strip()}:
            edges[line] = edges.get(line, 0) + 1
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.strip()] = counts.get(line.strip(), 0) + 1
    first = next((line.strip() for line in lines if line.strip()), "")
    kept, removed = [], []
    for line in lines:
        s = line.strip()
        repeated = counts.get(s, 0) >= 2 and (_RUNNING.search(s) or (s.isupper() and " " in s))
        running = printed and len(pages) >= 2 and edges.get(s, 0) >= 2
        letterhead = s == first and bool(re.search(r"\s\|\s", s))
        paged = _PAGINATION.search(s) and len(s.split()) <= _PAGINATION_LINE_WORDS
        if s and (repeated or running or letterhead or paged or _LEADERS.search(s)):
            removed.append(_PAGINATION.sub("", _LEADERS.sub(" ", s)).strip(" -·|"))
            continue
        kept.append(line)
    return "\n".join(kept), "\n".join(r for r in removed if r)


_ENDS_SENTENCE = re.compile(r"[.!?:;]$")
_WRAP_CHARS = 60  # a printed line this long that ends mid-sentence goes on below
_STARTS_ITEM = re.compile(r"^(?:[-•*]\s|\d+[.)]\s|§\s*\d)")
_YEAR_ITEM = re.compile(r"^(?:19|20)\d\d\.\s")


def join_wrapped(text: str) -> str:
    """Join the lines a PDF broke inside a sentence or inside parentheses: a line continues
    when it ends with a comma or dash, has an open parenthesis, or the next line starts
    in lower case or with a digit that opens no list item."""
    out: list[str] = []
    for line in text.split("\n"):
        s = line.strip()
        prev = out[-1] if out else ""
        # "2026. Slingan …" after "… till och med oktober": a year the line break cut off
        # from its month, not item 2026 of a numbered list
        year_tail = _YEAR_ITEM.match(s) and not _ENDS_SENTENCE.search(prev)
        if prev and s and (not _STARTS_ITEM.match(s) or year_tail):
            open_paren = prev.count("(") > prev.count(")")
            dangling = re.search(r"[,\-–]$", prev) and not prev.startswith(("- ", "• "))
            lower = s[0].islower() or (s[0].isdigit() and not _ENDS_SENTENCE.search(prev))
            # A line as long as the page is wide that stops mid-sentence was wrapped.
            full = (
                len(prev) >= _WRAP_CHARS
                and not _LABEL_LINE.match(s)
                and not _SECTION_SIGN.match(prev)
                # a short line that is no sentence's end is a heading, not a wrapped tail
                and (len(s.split()) > _SECTION_HEADING_WORDS or _ENDS_SENTENCE.search(s))
            )
            if open_paren or dangling or ((lower or full) and not _ENDS_SENTENCE.search(prev)):
                out[-1] = f"{prev} {s}"
                continue
        out.append(s if s else "")
    return "\n".join(out)


_LABEL_LINE = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ /+()-]{1,40}:\s*\S")
_SECTION_SIGN = re.compile(r"^§+\s*\d+(?:\s*[-–]\s*\d+)?\b")
# "§ 102   Dnr KS 2024/118": a decision heading that holds only the case's file number.
_REFERENCE_ONLY = re.compile(
    r"(?<=\d)\s+(?:Dnr|Diarienr|Diarienummer|Ärende(?:nummer|nr)?)\.?:?\s*[\w ./-]*\d[\w./-]*$",
    re.IGNORECASE,
)
_HEADING_WORDS = 14  # a heading line is short
# A grant line: name, a dash, another name, a dash, an amount ("… – … – 64 500 kr (2024–2025)").
_GRANT_LINE = re.compile(
    r"^(?:[-•*]\s+|\d+[.)]\s*)?[^–—]+?\s[-–—]\s.+?\s[-–—]\s\d[\d\s.]*(?:,\d+)?\s*"
    r"(?:kr|kronor|SEK|tkr|Mkr|miljoner\s+kronor)\b[^–—]*$"
)


# A decision list's entry written as a sentence: "Kosta Byalag beviljas 265 500 kr för …".
_GRANT_OPENING = re.compile(
    r"^[A-ZÅÄÖ][^\n.]{2,80}?\s+(?:beviljas|tilldelas)\s+\d[\d\s,.]*\s*(?:kr|kronor|SEK|tkr"
    r"|miljoner)\b"
)


def _in_titled_section(blocks: list[Block]) -> bool:
    """Is the text being read under a section heading (a project's own title), rather than
    under the document's title? A grant sentence there is that project's, not a new entry."""
    last = next((b for b in reversed(blocks) if b.kind == "heading"), None)
    return bool(last and last.level >= 2)


def _heading_like(line: str) -> bool:
    if len(line) > 120 or len(line.split()) > _HEADING_WORDS or _LABEL_LINE.match(line):
        return False
    if not re.match(r"^[\"”“'A-ZÅÄÖÉ0-9§]", line) or re.search(r"[.,;!]$|@|https?://", line):
        return False
    return not re.match(r"^\d+[.)]\s+\S.*\d", line)  # numbered decision lines are items


# An enumerated entry of a list: "1. Titel", "a) Titel" (the title alone on its line).
ENTRY = re.compile(r"^(?:\d{1,2}[.)]|[a-h]\))\s+(?P<t>\S.*)$")
_ENTRY_LEVEL = 3  # below a document's sections and "§ 14" decisions
_ENTRY_WORDS = 10


def _entry_title(text: str) -> bool:
    return (
        len(text.split()) <= _ENTRY_WORDS
        and bool(re.match(r"[\"”“A-ZÅÄÖ]", text))
        and not re.search(r"[.,;:!?]$|:\s|@|\d[\d ]{2,}", text)
    )


_SECTION_HEADING_WORDS = 6  # "Förväntade resultat", "2. Bakgrund": a section's own heading
_TITLE_WORDS = 10  # "Slutrapport: Skärgårdsmat Roslagen" opening a document


def _inner_heading(line: str, prev: str, nxt: str) -> bool:
    """A short heading line inside a run of lines (a PDF page has no blank lines): after a
    finished sentence, before a capitalised line."""
    if len(line.split()) > _SECTION_HEADING_WORDS or not nxt or not re.match(r"[A-ZÅÄÖ0-9]", nxt):
        return False
    if not (_heading_like(line) or re.fullmatch(r"\d+\.\s+[A-ZÅÄÖ][\w ]+", line)):
        return False
    # the block above ends with a sentence, or with a contact's number or address (the last
    # line of a catalogue's fact box: "Kontakt Jenny Öberg, 0485-280 36")
    return not prev or bool(_ENDS_SENTENCE.search(prev) or _CONTACT_END.search(prev))


_CONTACT_END = re.compile(r"(?:\d[\d ‑-]{4,}\d|@[\w-]+(?:\.[\w-]+)+)$")


# A project's fact label opening a line ("Projektägare: …", "Budget: …").
_FACT_OPENS_LINE = re.compile(
    r"^(?:Projektägare|Projekttid|Projektperiod|Budget|Total budget|Projektbudget"
    r"|Finansiär(?:er)?|Stödmottagare|Sökande|Beviljat\s+\w+|Stödbelopp)\s*:",
    re.IGNORECASE,
)


def _titles_described_facts(lines: list[str], i: int) -> bool:
    """A scraped list without blank lines: a title line, one sentence about the project, then
    its fact labels. The title stands after the previous project's last label (or a
    finished sentence, or at the top)."""
    if i + 2 >= len(lines) or not _FACT_OPENS_LINE.match(lines[i + 2]):
        return False
    description, prev = lines[i + 1], lines[i - 1] if i else ""
    if _LABEL_LINE.match(description) or not _ENDS_SENTENCE.search(description):
        return False
    # after the page's own heading ("Beviljade projekt 2023") the first title comes too
    return not prev or bool(
        _LABEL_LINE.match(prev) or _ENDS_SENTENCE.search(prev) or (i == 1 and _heading_like(prev))
    )


def text_blocks(text: str) -> list[Block]:
    """Blocks guessed from plain text (scraped pages, PDF text): heading lines, '§ 12' decision
    headings, label lines ("Projektägare: …"), list items ("- …", "1. …") and paragraphs."""
    blocks: list[Block] = []
    first = True
    for para in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in para.split("\n") if line.strip()]
        i = 0
        prose: list[str] = []

        def flush(prose: list[str] = prose) -> None:
            if prose:
                blocks.append(Block("para", "\n".join(prose)))
                prose.clear()

        while i < len(lines):
            line = lines[i]
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            prev = lines[i - 1] if i else ""
            if (
                first
                and not blocks
                and len(line.split()) <= _TITLE_WORDS
                and not (_ENDS_SENTENCE.search(line) or _STARTS_ITEM.match(line))
            ):
                blocks.append(Block("heading", line, level=1))  # the document's title
            elif _SECTION_SIGN.match(line):
                flush()
                title = line
                if (_SECTION_SIGN.fullmatch(line) or _REFERENCE_ONLY.search(line)) and nxt:
                    # "§ 54" alone or with only its file number: the subject is on the next line
                    title, i = f"{_REFERENCE_ONLY.sub('', line)} {nxt}", i + 1
                blocks.append(Block("heading", title, level=2))
            elif (m := ENTRY.match(line)) and _entry_title(m["t"]) and nxt and not ENTRY.match(nxt):
                # "1. Kulturstigen på Holmön" / "a) Gnarps Kulturhus" over its own lines: one
                # entry of a decision list; the line below it is its first line, not a heading
                flush()
                blocks.append(Block("heading", line, level=_ENTRY_LEVEL))
                if not _LABEL_LINE.match(nxt) and not _STARTS_ITEM.match(nxt):
                    prose.append(nxt)
                    i += 1
            elif _GRANT_LINE.match(line):  # "Projekt – Sökande – 145 000 kr": one grant
                flush()
                blocks.append(Block("item", re.sub(r"^[-•*]\s+", "", line)))
            elif re.match(r"^(?:[-•*]|\d+[.)])\s+\S", line) and not _heading_like(line):
                flush()
                blocks.append(Block("item", re.sub(r"^[-•*]\s+", "", line)))
            elif _heading_like(line) and (
                len(lines) == 1
                or (nxt and (_LABEL_LINE.match(nxt) or i == 0))
                or _titles_described_facts(lines, i)
            ):
                flush()
                blocks.append(Block("heading", line, level=2))
            elif _inner_heading(line, prev, nxt) and not _LABEL_LINE.match(line):
                flush()
                blocks.append(Block("heading", re.sub(r"^\d+\.\s+", "", line), level=2))
            elif _LABEL_LINE.match(line) and not prose:
                blocks.append(Block("para", line))
            else:
                if (
                    prose
                    and _GRANT_OPENING.match(line)
                    and _ENDS_SENTENCE.search(prev)
                    and (_GRANT_OPENING.match(prose[0]) or not _in_titled_section(blocks))
                ):
                    flush()  # "X beviljas 120 000 kr för …": the next decision of a list
                prose.append(line)
            i += 1
        flush()
        first = first and not blocks
    # Consecutive label lines make one facts paragraph.
    merged: list[Block] = []
    for b in blocks:
        if (
            merged
            and b.kind == "para"
            and merged[-1].kind == "para"
            and _LABEL_LINE.match(b.text)
            and _LABEL_LINE.match(merged[-1].text.split("\n")[-1])
        ):
            merged[-1] = Block("para", f"{merged[-1].text}\n{b.text}")
        else:
            merged.append(b)
    return merged


def add_structure(doc: Document, data: bytes, charset: str | None = None) -> Document:
    """The page's blocks and canonical URL on a loaded Document (HTML and Markdown; plain
    text and PDF keep only their text). Never fails a load: structure is a bonus."""
    if doc.fmt not in ("html", "md"):
        return doc
    from ingest.loaders import decode_text

    try:
        raw = decode_text(data, charset)
        if raw is None:
            return doc
        if doc.fmt == "md":
            doc.blocks = markdown_blocks(raw)
        else:
            blocks, url, site = html_blocks(raw)
            doc.url = url
            doc.blocks = [Block("site", site), *blocks] if blocks else []
    except Exception:  # noqa: BLE001 - hostile markup: the text path still has the page
        doc.blocks = []
    if not any(b.kind in ("heading", "para", "item", "table", "term", "def") for b in doc.blocks):
        doc.blocks = []
    return doc


# --- tables that lost their markup ----------------------------------------------------------

# Column headings of a grant table. A table scraped to text keeps one cell per line; a PDF
# table comes back one row per line with the columns run together.
_COLUMN = (
    r"Sökande|Projektägare|Stödmottagare|Organisation|Förening|Projekt|Projektnamn|Ort|By"
    r"|Kommun|Beviljat(?:\s+(?:belopp|stöd))?|Belopp|Ansökt(?:\s+belopp)?|Sökt(?:\s+belopp)?"
    r"|Budget|Projekttid|Period"
)
_COLUMN_CELL = re.compile(rf"^(?:{_COLUMN})(?:\s*\((?:kr|sek|tkr)\))?$", re.IGNORECASE)
_COLUMN_RUN = re.compile(rf"^(?:(?:{_COLUMN})(?:\s*\((?:kr|sek|tkr)\))?\s*){{3,}}$", re.I)
_NAME_COL = re.compile(r"^(?:Projekt|Projektnamn)$", re.IGNORECASE)
_OWNER_COL = re.compile(r"^(?:Sökande|Projektägare|Stödmottagare|Organisation|Förening)$", re.I)
_PLACE_COL = re.compile(r"^(?:Ort|By|Kommun)$", re.IGNORECASE)
_MONEY_COL = re.compile(r"^(?:Beviljat|Belopp|Ansökt|Sökt|Budget)", re.IGNORECASE)
_TOTAL_ROW = re.compile(r"^(?:Summa|Totalt|Total|Totalsumma|Sammanlagt)\b", re.IGNORECASE)
_MONEY_CELL = re.compile(r"^\d{1,3}(?:[ .\u00a0]\d{3})*(?:,\d+)?(?:\s*(?:kr|kronor|SEK))?$")
_ORG_TAIL_WORDS = ("ek. för.", "ekonomisk förening", "ideell förening", "AB", "u.p.a.")
_MIN_TABLE_ROWS = 2


def _record_lines(header: list[str], row: list[str]) -> list[str] | None:
    """A table row as a record: its project name as a title line, the other cells as labels."""
    name = next((i for i, h in enumerate(header) if _NAME_COL.match(h)), None)
    if name is None or not row[name].strip():
        return None
    lines = [row[name].strip()]
    for h, cell in zip(header, row, strict=True):
        label = re.sub(r"\s*\((?:kr|sek|tkr)\)", "", h, flags=re.I).strip()
        if h is header[name] or not cell.strip():
            continue
        if _MONEY_COL.match(label) and re.fullmatch(r"[\d\s.,\u00a0]+", cell):
            cell = f"{cell.strip()} {'tkr' if 'tkr' in h.lower() else 'kr'}"
        lines.append(f"{label}: {cell.strip()}")
    return lines


def _split_row(header: list[str], line: str) -> list[str] | None:
    """The cells of a PDF table row whose columns ran together: the amount at the end, a
    place before it (a kommun or locality), the owner up to its organisation word."""
    cells: dict[int, str] = {}
    rest = line.strip()
    cols = list(range(len(header)))
    if _MONEY_COL.match(header[cols[-1]]):
        m = re.search(r"\s(\d{1,3}(?:[ .\u00a0]\d{3})*(?:,\d+)?)(?:\s*(?:kr|kronor))?$", rest)
        if not m:
            return None
        cells[cols.pop()], rest = m.group(1), rest[: m.start()].strip()
    if cols and _PLACE_COL.match(header[cols[-1]]):
        words = rest.split()
        for n in (3, 2, 1):  # the longest place name that ends the row
            cand = " ".join(words[-n:])
            if len(words) > n and (normalize_place(cand) or cand in localities()):
                cells[cols.pop()], rest = cand, " ".join(words[:-n])
                break
        else:
            return None
    if len(cols) != 2 or not (
        _OWNER_COL.match(header[cols[0]]) and _NAME_COL.match(header[cols[1]])
    ):
        return None
    words = rest.split()
    for j in range(1, len(words)):
        owner = " ".join(words[:j])
        if looks_like_org(words[j - 1]):
            tail = next((t for t in _ORG_TAIL_WORDS if " ".join(words[j:]).startswith(t)), None)
            if tail:
                owner, j = f"{owner} {tail}", j + len(tail.split())
            cells[cols[0]], cells[cols[1]] = owner, " ".join(words[j:])
            break
    else:
        return None
    if not cells[cols[1]]:
        return None
    return [cells.get(i, "") for i in range(len(header))]


def unflatten_tables(text: str) -> str:
    """Grant tables that lost their markup, rewritten as one record per row: a title line and
    label lines ("Sökande: …", "Beviljat: 25 000 kr"), blank-line separated. Handles a table
    scraped to one cell per line and a PDF table read back one row per line."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        header: list[str] = []
        rows: list[list[str]] = []
        j = i
        if _COLUMN_CELL.match(s):  # one cell per line
            while j < len(lines) and _COLUMN_CELL.match(lines[j].strip()):
                header.append(lines[j].strip())
                j += 1
            cells = []
            while j < len(lines) and len(cells) < 4 * len(header) * 50:
                t = lines[j].strip()
                if not t or _TOTAL_ROW.match(t):
                    break
                cells.append(t)
                j += 1
            k = len(header)
            usable = len(cells) - len(cells) % k
            rows = [cells[n : n + k] for n in range(0, usable, k)]
            if usable != len(cells) or not all(
                _MONEY_CELL.match(r[-1]) for r in rows if _MONEY_COL.match(header[-1])
            ):
                rows = []
        elif _COLUMN_RUN.match(s):  # a PDF row per line
            header = re.findall(rf"(?:{_COLUMN})(?:\s*\((?:kr|sek|tkr)\))?", s, re.I)
            j = i + 1
            while j < len(lines) and (row := _split_row(header, lines[j])):
                rows.append(row)
                j += 1
        records = [r for row in rows if (r := _record_lines(header, row))]
        if len(header) >= 3 and len(records) >= _MIN_TABLE_ROWS and len(records) == len(rows):
            for record in records:
                out += ["", *record, ""]
            i = j
            continue
        # other columns (number, period, several amounts), or cells split by ";", tabs, "|"
        flat = unflatten_rows(lines, i) or separated_rows(lines, i)
        if flat:
            for record in flat[0]:
                out += ["", *record, ""]
            i = flat[1]
            continue
        explained = legend_rows(lines, i)
        if explained is not None:  # the legend is read into its rows; it says nothing more
            lines = lines[: i + 1] + explained
            i += 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


# Fact labels a scraped page may set on a line of their own, the value on the next line
# ("Projektägare" / "Saxnäs Byaförening"), as card and fact-box widgets render them.
_FACT_LABEL_WORDS = (
    r"Projektägare|Sökande|Stödmottagare|Huvudman|Ansvarig\s+organisation|Projekttid"
    r"|Projektperiod|Löptid|Genomförandetid|Period|Budget|Total\s+(?:projekt)?budget"
    r"|Projektbudget|Total\s+omfattning|Totala\s+kostnader|Kostnad|Beviljat(?:\s+(?:belopp|stöd))?"
    r"|Finansiering|(?:Med)?[Ff]inansiärer?|Kommuner?|Ort|Kontaktperson|Projektnamn"
    r"|Projektets\s+namn|Organisationsnummer|Namn|Telefon|E-post|Projektansvarig"
    r"|Finansieras\s+av"
)
_FACT_LABEL_LINE = re.compile(rf"^(?:{_FACT_LABEL_WORDS})\s*:?$", re.IGNORECASE)
# "Projektnamn Virserums Möbelspår": a label and its value with no colon between them, as a
# PDF table's two columns come out as one line.
_BARE_LABEL_LINE = re.compile(rf"^(?P<l>{_FACT_LABEL_WORDS})\s+(?P<v>[^\s:].*)$", re.IGNORECASE)
_BARE_LABEL_RUN = 3  # so many such lines in a row make a label table, not prose
_FACT_VALUE_WORDS = 25  # a value line is short; a longer line is the next paragraph


def _text_label(line: str) -> str | None:
    """The parser's label for a line that is only a label in a site's own words ("Ägs av",
    "Kostnadsram"); not a contact label: a contact card's lines are read as a card."""
    label = canonical_label(line)
    return None if label == "Kontaktperson" else label


def join_fact_labels(text: str) -> str:
    """'Projektägare' + 'Saxnäs Byaförening' on two lines -> 'Projektägare: Saxnäs Byaförening'."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        label = line if _FACT_LABEL_LINE.match(line) else _text_label(line)
        if (
            label
            and nxt
            and not _FACT_LABEL_LINE.match(nxt)
            and not _text_label(nxt)
            # a table's column headings, one per line, are no label and value
            and not _COLUMN_CELL.match(nxt)
            and not (out and _COLUMN_CELL.match(out[-1].strip()))
            and len(nxt.split()) <= _FACT_VALUE_WORDS
            and not _STARTS_ITEM.match(nxt)  # a list below a heading ("Medfinansiärer")
            # a share bar's "E-post" link above a related-news box is no label
            and not (is_chrome_line(nxt) or is_box_heading(nxt))
        ):
            out.append(f"{label.rstrip(' :')}: {nxt}")
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


_PROSE_AFTER_LABEL = re.compile(
    r"^(?:är|var|blir|blev|hos|som|och|att|för|med|på|i|av|till|från|kommer|ska|har|kan)\b"
)


def colon_label_runs(text: str) -> str:
    """Runs of at least _BARE_LABEL_RUN lines that each open with a fact label and a value
    ("Stödmottagare Virserums Möbelindustriförening") get the colon the layout left out."""
    lines = text.split("\n")

    def split(line: str) -> tuple[str, str] | None:
        m = _BARE_LABEL_LINE.match(line.strip())
        if m:
            return m["l"], m["v"]
        # a label in the site's own words ("Drivs av   Arboga kommun"), never a sentence
        if line.rstrip().endswith(".") or re.match(r"^[^:]{1,40}:(?:\s|$)", line.strip()):
            return None  # a sentence, or a label that has its colon
        found = bare_label(line)
        if not found or not found[1] or _PROSE_AFTER_LABEL.match(found[1]):
            return None  # "Projektperioden är 2024–2027 …": a sentence, not label and value
        return found

    bare = [split(line) for line in lines]
    out = list(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and bare[j]:
            j += 1
        if j - i >= _BARE_LABEL_RUN:
            for k in range(i, j):
                label, value = bare[k]
                out[k] = f"{label}: {value.strip()}"
        i = max(j, i + 1)
    return "\n".join(out)
