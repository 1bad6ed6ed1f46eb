"""Strip scraped-page chrome from text and pull out the contact people it names."""

from __future__ import annotations

import re

from ingest.metadata import page_date_label, parse_date
from stodkollen.records import Contact

# Whole lines that are widgets, navigation, footers or link chrome, never content.
_BOILERPLATE = re.compile(
    r"^(?:klart\.se|Bild|Foto|Bildtext\b.*|[\w ]{0,40}\blogotyp|Translate the website.*"
    r"|Google translate.*"
    r"|(?:Information om |Om |Vi använder |Godkänn (?:alla )?)?(?:cookies|kakor)\b.*"
    r"|Dela(?: sidan| på \w+)?|Skriv ut|Tipsa(?: en vän| om sidan)?|Lyssna|Läs upp(?: sidan)?"
    r"|Till toppen|Hoppa till.*|Följ oss.*|Hitta hit|Läs mer och ladda (?:hem|ner)\b.*"
    r"|Öppettider|Lunchstängt\b.*|Synpunkter på (?:hemsidan|webbplatsen)|Kontakta webbmaster"
    # Opening hours: "Måndag-torsdag: 08:00-16:30".
    r"|(?:Måndag|Tisdag|Onsdag|Torsdag|Fredag|Lördag|Söndag)(?:\s*[-–]\s*\w+)?:?\s*"
    r"\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}"
    r"|Org\.?\s*nr\b.*|Organisationsnummer\b.*|Växel\b.*|.*\(vx\).*|Besöksadress|Postadress"
    r"|Leveransadress|Kontaktinformation|Kommunhuset|Box \d+"
    # Street address and postcode lines from footers: "Storgatan 67", "935 81, Norsjö".
    r"|[A-ZÅÄÖ]\w*(?:gatan|vägen|torget|gränd|backen|allén) \d+\w?|\d{3} ?\d{2},? [A-ZÅÄÖ]\w+)$",
    re.IGNORECASE,
)
_LINK_CHROME = re.compile(r"\s*(?:länk till annan webbplats,?\s*)?öppnas i nytt fönster\.?", re.I)
_BULLET = re.compile(r"^[•·▪◦‣●*]\s*")

PHONE = re.compile(r"(?<![\d-])(?:\+46\s?|0)\d{1,3}\s?-\s?\d{1,3}(?:[ -]?\d{2,3}){1,3}(?!\d)")
# A candidate that phonenumbers accepts but that is a time ("08.00–16.30") or a date.
_NOT_PHONE = re.compile(r"\d[.:]\d\d|\d{4}-\d\d-\d\d")
_SWEDISH_SHAPE = re.compile(r"^(?:\+46\s*(?:\(0\))?\s*|0)\d{1,3}[\s-]\d{2,3}(?:\s\d{2,3}){1,2}$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Mailboxes of an organisation, not of a person: footers, not contacts.
_GENERIC_MAILBOX = re.compile(
    r"^(?:info|hemsida|webmaster|webbredaktion|kommun|registrator|kontakt|kontaktcenter"
    r"|kundtjanst|kundservice|post|servicecenter|medborgarservice|no-?reply|support)@",
    re.IGNORECASE,
)
# A label line whose value sits on the next line, as contact widgets render them.
_LABELS = {
    "phone": re.compile(r"^(?:Telefon|Tfn|Tel|Mobil|Mobiltelefon|Mobilnummer|Direktnummer):?$"),
    "email": re.compile(r"^(?:E-post|E-postadress|Epost|Mejl|Mail):?$", re.IGNORECASE),
    "text": re.compile(r"^(?:Arbetsplats|Titel|Befattning|Roll):?$"),
}
# Letters of names as Swedish pages write them, Nordic and other European ones included
# ("Paweł Kowalczyk", "Mateja Žagar-Perić", "Dragan Marković").
_UPPER = "A-ZÅÄÖÉÈÜØÆÁÍÓÚÝŽŠČĆĐŁŚŻŹŃÑŇŘŤĎ"
_LOWER = "a-zåäöéèüøæáíóúýžščćđłśżźńñňřťďßë"
_NAME_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:[A-ZÅÄÖ]\.?|{_NAME_WORD})){{1,3}}")
_ROLE_WORDS = (
    r"(?:chef|ledare|samordnare|utvecklare|handläggare|strateg|koordinator|sekreterare"
    r"|rådgivare|ansvarig|direktör|controller|ekonom|utredare|konsult|lots|lärare|coach"
    r"|assistent|manager|coordinator|officer|advis[eo]r|director|specialist)"
)
_ROLE_WORD = re.compile(rf"{_ROLE_WORDS}$", re.IGNORECASE)
# "Business coordinator Hanna Jokela", "Project manager Elin Voss": a job title in lower
# case before the name.
_ROLE_PREFIX = re.compile(
    rf"^(?:(?:Kontakta|Ring|Mejla|Fråga)\s+(?:vår|våra|er|din|oss\s+och)?\s*)?"
    rf"(?P<role>(?:[\w-]+\s+){{0,2}}[\w-]*{_ROLE_WORDS})\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)


# Digits the shortest number `find_phones` keeps has: `_SWEDISH_SHAPE` needs 0 + 1 + 2 + 2
# (valid Swedish numbers have more); a text with fewer cannot hold one.
MIN_PHONE_DIGITS = 6
_DIGIT = re.compile(r"\d")


def find_phones(text: str) -> list[str]:
    """Swedish phone numbers in `text` as the page writes them ('0910-73 58 21',
    '+46 (0)70 512 33 80', '0953-14039'), checked by phonenumbers; times and dates are not."""
    if len(_DIGIT.findall(text)) < MIN_PHONE_DIGITS:  # most lines: no matcher run
        return []
    import phonenumbers

    text = re.sub(r"[\u00a0\u202f\u2009]", " ", text)
    found: list[str] = []
    # Numbers phonenumbers finds valid, and numbers merely possible when they are written
    # as Swedish numbers are (area code, then a space or dash): its metadata lags behind
    # some number ranges.
    for m in phonenumbers.PhoneNumberMatcher(text, "SE", leniency=phonenumbers.Leniency.POSSIBLE):
        raw = m.raw_string.strip()
        if _NOT_PHONE.search(raw) or "/" in raw or not re.match(r"^(?:\+|00|0)", raw):
            continue
        if not phonenumbers.is_valid_number(m.number) and not _SWEDISH_SHAPE.match(raw):
            continue
        if raw not in found:
            found.append(raw)
    return found


def _label_value(label: str, line: str) -> bool:
    for kind, pattern in _LABELS.items():
        if pattern.match(label):
            if kind == "phone":
                return bool(PHONE.search(line) or find_phones(line))
            if kind == "email":
                return bool(EMAIL.search(line))
            return len(line.split()) <= 6 and ":" not in line and not _is_label(line)
    return page_date_label(label) is not None and parse_date(line) is not None


def _is_label(line: str) -> bool:
    bare = page_date_label(line) is not None and parse_date(line) is None
    return bare or any(p.match(line) for p in _LABELS.values())


def _merge_labels(lines: list[str]) -> list[str]:
    """Join 'Telefon' + '0918-141 67' into 'Telefon: 0918-141 67'; drop labels left empty."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not _is_label(line):
            out.append(line)
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j]:
            j += 1
        if j < len(lines) and _label_value(line, lines[j]):
            out.append(f"{line.rstrip(':')}: {lines[j]}")
            i = j + 1
        else:
            i += 1
    return out


def _drop_fragments(lines: list[str]) -> list[str]:
    """Drop repeated lines and a widget's surname line before the full name ('Axelsson')."""
    out: list[str] = []
    for i, line in enumerate(lines):
        nxt = next((x for x in lines[i + 1 :] if x), "")
        surname = " " not in line and _NAME.fullmatch(nxt) and nxt.endswith(" " + line)
        if line and (line == nxt or surname):
            continue
        out.append(line)
    return out


def _tidy_line(line: str) -> str:
    line = re.sub(r"[\u00a0\u202f\u2009\t]", " ", line)
    line = re.sub(r"[\u200b\u00ad\ufeff]", "", line)
    line = _LINK_CHROME.sub("", " ".join(line.split()))
    return "- " + _BULLET.sub("", line) if _BULLET.match(line) else line


def _paragraphs(lines: list[str]) -> str:
    """Blank-line separated paragraphs; a list stays together even if its items were spaced."""
    out: list[str] = []
    for line in lines:
        if not line:
            if out and out[-1]:
                out.append("")
        elif line.startswith("- ") and len(out) > 1 and not out[-1] and out[-2].startswith("- "):
            out[-1] = line
        else:
            out.append(line)
    return "\n".join(out).strip()


def clean_text(text: str) -> tuple[str, list[Contact]]:
    """Remove boilerplate and normalise whitespace; return the text and its contact people."""
    cleaned = clean_body(text)
    return cleaned, find_contacts(cleaned)


def clean_body(text: str) -> str:
    """`clean_text` without the contact search (the parser finds contacts per record)."""
    lines = [_tidy_line(line) for line in text.replace("\r\n", "\n").split("\n")]
    lines = _merge_labels(lines)
    lines = ["" if _BOILERPLATE.match(line) or _is_org_line(line) else line for line in lines]
    return _paragraphs(_drop_fragments(lines))


def _is_org_line(line: str) -> bool:
    """A line carrying only an organisation's switchboard or shared mailbox."""
    if "@" not in line:  # the common case, without running the e-mail pattern
        return False
    emails = EMAIL.findall(line)
    return bool(emails) and all(_GENERIC_MAILBOX.match(e) for e in emails) and len(line) < 60


_LABEL_WORDS = (
    r"\b(?i:Tfn|Tel|Telefon|Mobil\w*|E-post\w*|Epost|Mejl|E-mail|Phone|Mobile|ring|telefon)\b"
)
_SPLIT_AT_DETAILS = re.compile(rf"{_LABEL_WORDS}|{PHONE.pattern}|{EMAIL.pattern}")
# A name line of a contact card, maybe labelled and with a title: "Kontaktperson: Erik Ek, chef".
_CARD = re.compile(
    rf"(?:[\wåäöÅÄÖ -]{{2,40}}:\s*)?(?P<name>{_NAME.pattern})"
    r"(?:\s*,\s*(?P<role>[^,\d@:]+?))?"
)
# Words that start a name-shaped phrase which is an organisation or place, not a person.
_NOT_PERSON = re.compile(
    r"\b(?:Region|Kommun|kommun|Stad|AB|Leader|Företagsrådet|Länsstyrelsen|Sverige)\b"
)
# The person named in a sentence just before the contact details:
# "Frågor besvaras av coachen Ali Rahimi, telefon 070-554 21 09".
_PROSE_NAME = re.compile(rf"(?P<name>{_NAME.pattern})[\s,:]*(?:på|,|–|-|:)?\s*$")


def _card(line: str) -> tuple[str, str | None] | None:
    m = _CARD.fullmatch(line)
    if not m and (pre := _ROLE_PREFIX.match(line)):
        card = _card(pre["rest"])
        return (card[0], card[1] or pre["role"]) if card else None
    if not m or (m["role"] and len(m["role"].split()) > 4) or _NOT_PERSON.search(m["name"]):
        return None
    name, role = m["name"], m["role"]
    # "Projektledare Nils Stenlund": a job title written before the name is the role.
    first, _, rest = name.partition(" ")
    if _ROLE_WORD.search(first) and len(rest.split()) >= 2:
        name, role = rest, role or first
    return name, role


def _is_detail_line(line: str) -> bool:
    """Lines that may sit between a name and its number: details, labels, a job title."""
    if PHONE.search(line) or EMAIL.search(line) or re.match(r"^[\w-]+: ", line):
        return True
    return len(line.split()) <= 3 and not re.search(r"\d", line)


def _name_index(lines: list[str], i: int) -> int | None:
    """Index of the name line above detail line i (a contact card), or None."""
    for j in range(i - 1, max(i - _CARD_LINES, -1), -1):
        if _card(lines[j]):
            return j
        if not (
            _is_detail_line(lines[j])
            or _DETAIL_LABEL.match(lines[j])
            or _card_description(lines[j])
        ):
            return None
    return None


_CARD_LINES = 7  # name, role, a description, and label/value lines of one contact card
# A card's detail labels on lines of their own (<dt>Mobil</dt><dd>070-…</dd>).
_DETAIL_LABEL = re.compile(
    r"^(?:Telefon|Tel|Tfn|Mobil|Mobiltelefon|Direkt|E-post|Epost|Mejl|Mail|Phone|Mobile"
    r"|E-mail|Email)\.?:?$",
    re.IGNORECASE,
)
# "Hjälper dig som ska starta …": what the person does, between the name and the numbers
_DESCRIPTION_WORDS = 8


def _card_description(line: str) -> bool:
    return len(line.split()) >= _DESCRIPTION_WORDS and line.endswith(".") and "@" not in line


def _role(lines: list[str], at: int) -> str | None:
    """Job title on the line after the name ('Tillväxtschef') or before it ('X /kontaktperson')."""
    after = lines[at + 1] if at + 1 < len(lines) else ""
    if after and len(after.split()) <= 4 and not re.search(r"[\d@:]", after):
        return after
    before = re.split(r"\s*/\s*|,", lines[at - 1])[0].strip() if at > 0 else ""
    if before and len(before.split()) <= 5 and _ROLE_WORD.search(before):
        return before
    return None


def _name_from_email(email: str) -> str | None:
    m = re.match(r"^([a-zåäöé]+)[._]([a-zåäöé]+(?:-[a-zåäöé]+)?)@", email, re.IGNORECASE)
    name = f"{m[1].title()} {m[2].title()}" if m else None
    return None if name is None or _NOT_PERSON.search(name) else name


# A details line of a contact card ("Tel: 0910-73 58 21, mobil: 070-218 44 19") has at most
# this many words besides its numbers and addresses; a longer line is a sentence.
_CARD_LINE_WORDS = 4


def _bare_words(line: str, phones: list[str]) -> int:
    for phone in phones:
        line = line.replace(phone, " ")
    return len(EMAIL.sub(" ", line).split())


def _prose_name(line: str) -> str | None:
    head = _SPLIT_AT_DETAILS.split(line)[0]
    m = _PROSE_NAME.search(head.rstrip(" ,:-–"))
    if not m or _NOT_PERSON.search(m["name"]):
        return None
    return m["name"]


def _contact_at(lines: list[str], i: int) -> Contact | None:
    line = lines[i]
    emails = EMAIL.findall(line) if "@" in line else []
    email = next((e for e in emails if not _GENERIC_MAILBOX.match(e)), None)
    switchboard = re.search(r"\(vx\)|\bväxel", line, re.IGNORECASE)
    phones = [] if switchboard else find_phones(line)
    if not email and not phones:
        return None
    contact = Contact(email=email, phones=phones)
    card = _card(_SPLIT_AT_DETAILS.split(line)[0].strip(" ,:-–"))
    if card:  # "Sandor Lindström Tfn: 0953-140 84"
        contact.name, contact.role = card
    elif (
        _bare_words(line, phones) <= _CARD_LINE_WORDS and (at := _name_index(lines, i)) is not None
    ):
        contact.name, contact.role = _card(lines[at]) or (None, None)
        contact.role = contact.role or _role(lines, at)
    elif name := _prose_name(line):  # "Frågor besvaras av coachen Ali Rahimi, telefon ..."
        contact.name = name
    elif email:  # a sentence such as "kontakta Wolfgang ...: wolfgang.mehl@mala.se"
        contact.name = _name_from_email(email)
    return contact if contact.name else None


def _merge(contacts: list[Contact], new: Contact) -> None:
    for old in contacts:
        same_mail = old.email and old.email == new.email
        if same_mail or (old.name or "").casefold() == (new.name or "").casefold():
            old.email = old.email or new.email
            old.phones += [p for p in new.phones if p not in old.phones]
            old.phone = old.phones[0] if old.phones else None
            old.role = old.role or new.role
            return
    contacts.append(new)


def find_contacts(text: str) -> list[Contact]:
    """People given with a phone number or personal e-mail; switchboards and info@ are skipped."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    contacts: list[Contact] = []
    for i in range(len(lines)):
        contact = _contact_at(lines, i)
        if contact:
            _merge(contacts, contact)
    return contacts


def contact_line(contact: Contact) -> str:
    """One readable line for a contact, for record text that lost the original card."""
    parts = [contact.name, contact.role]
    parts += [f"telefon {' / '.join(contact.phones)}" if contact.phones else None]
    parts += [f"e-post {contact.email}" if contact.email else None]
    return "Kontakt: " + ", ".join(p for p in parts if p)


# --- page chrome judged on the text (both the structured and the plain-text path) ---------

# Short lines that are site chrome whatever the page: skip links, menus, log-in prompts,
# share/print/listen tools, list-page widgets, footer links, bylines and photo credits.
_CHROME_LINE = re.compile(
    r"^(?:(?:Hoppa|Gå)\s+(?:direkt\s+)?till\s+(?:sidans\s+)?(?:huvud)?innehåll(?:et)?"
    r"|Till\s+(?:huvud)?innehåll(?:et)?|Skip\s+to\s+(?:main\s+)?content|Meny|Sök|Search"
    r"|Sök\s+(?:på|bland)\s+.*|Logga\s+in.*|Registrera\s+dig.*|Mina\s+sidor|E-tjänster"
    r"|In\s+English|På\s+svenska|Languages|Other\s+languages|Translate|Lättläst|Teckenspråk"
    r"|Lyssna|Läs\s+upp.*|Dela(?:\s+\S+){0,3}:?|Share:?(?:\s+\S+){0,3}|Print|Skriv\s+ut(?:\s+sidan)?"
    r"|Visa\s+på\s+karta|Exportera\s+till\s+\w+|Visar\s+\d.*|Filtrera(?::.*)?|Rensa\s+filter"
    r"|Visa\s+fler.*|Se\s+alla\s+.*|Ladda\s+(?:ner|upp)\s+.*|Rapportera\s+.*|Textversion.*"
    r"|Till\s+toppen|(?:Till|Upp\s+till)\s+sidans\s+(?:början|topp)|Upp"
    r"|Tillgänglighet(?:sredogörelse)?|Accessibility(?:\s+statement)?|Privacy"
    r"|Integritetspolicy.*|Personuppgifter|Så\s+hanterar\s+vi\s+personuppgifter|Cookies?|Kakor"
    r"|Om\s+webbplatsen.*|Om\s+oss|Villkor|Följ\s+.*|Follow\s+us.*|Prenumerera\s+på.*"
    r"|Kontakta\s+oss|©.*|Skapad\s+med\s+.*|(?:Sida|Dokument|Ärende)\s+\d+\s+av\s+\d+"
    r"|(?:Tillbaka|Back)\s+(?:till|to)\s+\S+(?:\s+\S+)?|Läs\s+mer|Read\s+more|Nästa\s+sida"
    r"|Föregående\s+sida|Next\s+page|Previous\s+page|Webbkarta|Sitemap|Site\s+map"
    # feedback widgets: "Var informationen på sidan till hjälp?", "Hittade du det du sökte?"
    r"|Var\s+(?:informationen|sidan|den\s+här\s+sidan|innehållet)\b.*\bhjälp\w*\s*\??"
    r"|Hittade\s+du\s+(?:det|vad|den\s+information)\s+du\s+(?:sökte|letade\s+efter)\??"
    r"|Fick\s+du\s+svar\s+på\s+(?:din|dina)\s+frågor?\??|Was\s+this\s+page\s+helpful\??"
    # any short question about whether the page or its information helped
    r"|(?:Tyckte\s+du\s+att\s+(?:sidan|informationen|texten)|Blev\s+du\s+hjälpt"
    r"|Hjälpte\s+(?:sidan|informationen|texten)|Var\s+det\s+här\s+till\s+hjälp)[^?]{0,40}\?"
    r"|Visa\s+(?:hela|mer|mindre)\b.{0,30}|Dölj\b.{0,30}"
    # blog and CMS widgets (Blogger, WordPress)
    r"|Upplagd\s+av\s+.{1,60}|Postat?\s+av\s+.{1,60}|Skicka\s+(?:med\s+e-post|en\s+kommentar)"
    r"|Blogga\s+om\s+detta!?|Etiketter:.*|Kategorier:.*|Inga\s+kommentarer:?"
    r"|\d+\s+kommentarer:?|Kommentarer\s+är\s+stängda\.?|Lämna\s+en\s+kommentar|Gilla\s+Laddar.*"
    r"|(?:Nyare|Äldre)\s+inlägg.*|Tema:?\s+.{1,50}\b(?:av|by)\s+(?:WordPress|Blogger)\.?|.{0,40}\bDrivs\s+av\s+(?:Blogger|WordPress)\.?"
    r"|Tipsa\s+(?:någon|en\s+vän)(?:\s+om\s+sidan)?"
    r"|(?:Bilder|Foton|Fotografer)\s*:\s*[\w .,'-]{2,60}"
    r"|(?:Telefon\s*)?[Vv]äxel(?:nummer)?\s*:\s*[\d\s+()-]+"
    r"|(?:Foto|Fotograf|Bild|Photo|Image|Text|Av|By)\s*:\s*[\w .,'-]{2,60}"
    r"|\[(?:Bild|Foto|Image)\b[^\]]*\]|\[[^\]]{1,40}\])$",
    re.IGNORECASE,
)
# Document-viewer toolbars, whatever their length.
_VIEWER = re.compile(r"\b(?:Filstorlek|Antal\s+sidor|Zooma|Gå\s+till\s+sida)\b", re.IGNORECASE)
_CHROME_WORDS = 8  # chrome lines are short; a longer line is content that resembles them
# "Start / Näringsliv / Projekt", "Startsida > Barn > Skolskjuts", "Du är här: ..."
_CRUMB_SEP = re.compile(r"\s+[/>›»]\s+")
_MENU_SEP = re.compile(r"\s+[|·]\s+|\s{3,}")
_MENU_ITEM_WORDS = 4


def _is_menu(line: str) -> bool:
    """A row of links: three or more short items split by '|', '·' or wide gaps."""
    items = [re.sub(r"\s*\([^)]*\)", "", i) for i in _MENU_SEP.split(line) if i.strip()]
    # "(412 kB)" beside a download link is a file size, not content.
    return len(items) >= 3 and all(
        len(i.split()) <= _MENU_ITEM_WORDS and not re.search(r"\d{3}|@|:\s", i) for i in items
    )


def _is_crumb(line: str) -> bool:
    line = re.sub(r"^Du är här:?\s*", "", line)
    items = _CRUMB_SEP.split(line)
    return len(items) >= 3 and all(len(i.split()) <= _MENU_ITEM_WORDS + 1 for i in items)


# Arrows and icons that tools carry in their text: "Till toppen ↑", "Dela ›".
_ICONS = re.compile(r"[\s↑↓←→⇧▲▼›‹»«✕×☰]+$|^[\s↑↓←→⇧▲▼›‹»«✕×☰]+")
# Page tools written on one line: "Skriv ut sidan · Dela på Facebook".
_TOOL_SEP = re.compile(r"\s+[·|•]\s+")


def is_chrome_line(line: str) -> bool:
    """True for a line that is page chrome: a menu, a breadcrumb, a share or print link,
    a log-in prompt, a byline or photo credit, a pager, a viewer toolbar."""
    line = _ICONS.sub("", line.strip().strip("*_ "))
    if not line:
        return False
    if _FEEDBACK.match(line):  # "Var informationen till hjälp? Ja | Nej": the buttons too
        line = _ANSWER_BUTTONS.sub("", line)
    parts = _TOOL_SEP.split(line)
    if len(parts) > 1 and all(_is_chrome_part(p) for p in parts):
        return True
    if len(line.split()) <= _CHROME_WORDS and (
        _CHROME_LINE.match(line) or _BOILERPLATE.match(line)
    ):
        return True
    if _VIEWER.search(line) or re.match(r"^(?:\[(?:Bild|Foto|Image)\b.*\]|©.*)$", line, re.I):
        return True
    return _is_menu(line) or _is_crumb(line)


_ANSWER_BUTTONS = re.compile(r"(?:\s*[|·/]?\s*\b(?:Ja|Nej|Yes|No)\b)+\s*$")


def _is_chrome_part(part: str) -> bool:
    part = _ICONS.sub("", part.strip())
    return len(part.split()) <= _CHROME_WORDS and bool(
        _CHROME_LINE.match(part) or _BOILERPLATE.match(part) or _YES_NO.match(part)
    )


def _menu_like(line: str) -> bool:
    words = line.split()
    if _BULLET.match(line.strip()) or line.strip().startswith("- "):
        return False  # a bulleted list of short items is content
    return (
        is_chrome_line(line)
        or _is_org_line(line)
        or (0 < len(words) <= _MENU_ITEM_WORDS and not re.search(r"[\d:@.!?]", line))
    )


# A paragraph of at least this many lines, of which more than this share are menu-like,
# is a scraped menu or footer block: its menu-like lines go, and from the larger share on
# the whole block (the footer's phone and mailbox lines with it).
_MENU_BLOCK_LINES = 4
_MENU_BLOCK_SHARE = 0.5
_FOOTER_BLOCK_SHARE = 0.75
# Headings of related-content boxes: they and the short link lines under them are chrome.
_RELATED = re.compile(
    r"^(?:Fler\s+nyheter|Relaterade?\s+(?:dokument|sidor|nyheter|länkar)|Relaterat|Läs\s+också"
    r"|Se\s+även|Andra\s+har\s+också\s+läst|More\s+news|Related"
    # a blog's sidebar: "Senaste inläggen", "Kategorier", "Arkiv"
    r"|Senaste\s+(?:inläggen|inlägg|nytt|nyheterna|kommentarerna)|Kategorier|Arkiv)$",
    re.IGNORECASE,
)


_MENU_TITLE_WORDS = 12  # a page title repeated at the end of a menu block is short
# A breadcrumb trail: "Du är här: Startsida > Näringsliv > Projekt", "Start › Trafik".
_CRUMBS = re.compile(r"^(?:Du är här\s*:?\s*)?(?:[^>›»|]+\s[>›»]\s)+(?P<last>[^>›»]+)$", re.I)


# Under a related-content heading, a sentence of this many words is the page going on, and
# so is any line longer than a link's title.
_SENTENCE_WORDS = 4
_BOX_LINE_WORDS = 12


def box_line(line: str) -> bool:
    """Could this line stand in a box of links and buttons (short, not a sentence)?"""
    line = line.strip()
    words = len(line.split())
    return words <= _BOX_LINE_WORDS and not (
        line.endswith((".", "!", "?")) and words >= _SENTENCE_WORDS
    )


_FEEDBACK = re.compile(
    r"^(?:Var\s+(?:informationen|sidan|den\s+här\s+sidan|innehållet)\b.*\bhjälp|Hittade\s+du"
    r"|Fick\s+du\s+svar|Was\s+this\s+page\s+helpful|Tyckte\s+du\s+att\s+sidan|Blev\s+du\s+hjälpt"
    r"|Hjälpte\s+(?:sidan|informationen)|Var\s+det\s+här\s+till\s+hjälp)",
    re.IGNORECASE,
)
_YES_NO = re.compile(r"^(?:Ja|Nej|Yes|No)(?:\s+(?:Ja|Nej|Yes|No))?$")


def is_box_heading(text: str) -> bool:
    """A heading that opens a box of page furniture, not content: a feedback widget's
    question or a related-news / related-links box ("Fler nyheter", "Läs också")."""
    text = text.strip().strip("#*_ ")
    return bool(_RELATED.match(text) or _FEEDBACK.match(text))


# Menu items that are no page's title, however they are repeated.
_NOT_A_TITLE = re.compile(
    r"^(?:Kontakt|Kontakta\s+oss|Om\s+oss|Start|Startsida|Hem|Nyheter|Aktuellt|Meny|Sök|Contact)$",
    re.IGNORECASE,
)


def _title_in_menu(lines: list[str]) -> str | None:
    """The page's title when a scrape put it at the end of the menu block above the content:
    the last item of a breadcrumb trail repeated on the next line, a line after the trail,
    or the block's last line written twice (once as the trail's end, once as the heading)."""
    for i, line in enumerate(lines):
        m = _CRUMBS.match(line)
        if m and i + 1 < len(lines):
            after = lines[i + 1]
            if after == m["last"].strip() or i + 2 == len(lines):
                return after
    if (
        len(lines) >= 2
        and lines[-1] == lines[-2]
        and len(lines[-1].split()) <= _MENU_TITLE_WORDS
        and not _NOT_A_TITLE.match(lines[-1])
    ):
        return lines[-1]
    return None


def strip_chrome(text: str) -> tuple[str, str]:
    """(text without chrome lines, the chrome that was removed) for scraped text.

    The removed chrome is returned because the publisher names itself there ("Ydre kommun",
    "Borås Stad"): a weak kommun signal, never record text."""
    kept, removed = [], []
    for para in re.split(r"\n[ \t]*\n", text):
        lines = para.split("\n")
        bare = [line.strip() for line in lines if line.strip()]
        share = sum(map(_menu_like, bare)) / len(bare) if bare else 0.0
        menu = len(bare) >= _MENU_BLOCK_LINES and share > _MENU_BLOCK_SHARE
        if menu and share >= _FOOTER_BLOCK_SHARE:
            title = None if any(k.strip() for k in kept) else _title_in_menu(bare)
            removed += [line for line in bare if line != title]
            if title:
                kept.append(title)  # the page's title, scraped right below its menu
            continue
        out = []
        skipping_related = False
        # The title below a breadcrumb trail in a menu run that goes on into the content.
        title = _title_in_menu(bare) if menu and not any(k.strip() for k in kept) else None
        after_feedback = False
        for line in lines:
            s = line.strip()
            if _RELATED.match(s):
                skipping_related = True
            elif skipping_related and not is_chrome_line(s) and not box_line(s):
                skipping_related = False  # a sentence: the page goes on below the box
            if after_feedback and _YES_NO.match(s):
                removed.append(s)  # the buttons under "Var informationen till hjälp?"
                continue
            after_feedback = bool(_FEEDBACK.match(s)) or (after_feedback and not s)
            if title and s == title:
                out += [s, ""]  # a paragraph of its own: the page's heading
                title = None
                continue
            if skipping_related or is_chrome_line(s) or (menu and _menu_like(s)):
                removed.append(s)
                continue
            out.append(line)
        kept.append("\n".join(out))
    return "\n\n".join(kept), "\n".join(removed)
