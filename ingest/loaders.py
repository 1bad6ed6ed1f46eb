"""Turn files and URLs into Documents; anything unusable is skipped with a readable reason.

Every format comes out the same shape: plain UTF-8 text, headings on their own lines and a blank
line between paragraphs, so later steps never need to know where a text came from.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from stodkollen.errors import SourceSkipped
from stodkollen.records import Document

if TYPE_CHECKING:
    from lxml import etree
    from pypdf import PageObject, PdfReader

    from stodkollen.settings import Settings

FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
MIME_FORMATS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "text/markdown": "md",
    "application/pdf": "pdf",
}

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
# Encodings a Swedish text file plausibly uses. Left unrestricted, charset-normalizer reads short
# cp1252 text as cp1250 and turns "å" into "ĺ".
_ENCODINGS = ["utf_8", "cp1252", "iso8859_15", "mac_roman", "cp850", "utf_16", "utf_32"]
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# C0/C1 controls, soft hyphens and zero-width characters carry no text; tab and newline stay.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff]")
_MARKDOWN_RULES = [
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"^[ \t]*(```|~~~).*$", re.M), ""),  # fence lines go, the code stays
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link -> link text
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M), r"\1"),  # ATX heading
    (re.compile(r"^ {0,3}> ?", re.M), ""),  # block quote marker
    (re.compile(r"^ {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$", re.M), ""),  # rule, setext underline
    (re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$", re.M), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
]
_DROP_TAGS = ("script", "style", "noscript", "template", "head", "nav", "footer", "svg", "iframe")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure form h1 h2 h3 h4 h5 h6 "
    "header hr li main ol p pre section table td th tr ul".split()
)


def is_url(item: str) -> bool:
    """True when an item names a URL (any scheme) rather than a local path."""
    return bool(_URL.match(item))


def expand_sources(
    items: list[str], follow_links: bool = False, skipped: list[SourceSkipped] | None = None
) -> list[str]:
    """Files, directories (walked in sorted order, hidden entries skipped) and URLs, de-duplicated.

    A path that does not exist is passed through so load_source can report it as not found.
    Inside a directory, a file link is followed only when it points into the named directory
    (or follow_links is set) and a directory link never; links left out are added to skipped.
    """
    seen: set[str] = set()
    sources: list[str] = []
    for item in items:
        for source in _expand_one(item.strip(), follow_links, skipped):
            if source not in seen:
                seen.add(source)
                sources.append(source)
    return sources


def _expand_one(
    item: str, follow_links: bool = False, skipped: list[SourceSkipped] | None = None
) -> Iterator[str]:
    if not item:
        return
    if is_url(item):
        yield item
        return
    path = Path(item).expanduser()
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError:  # e.g. a parent directory we may not enter: load_source gives the reason
        is_dir = exists = False
    if is_dir:
        root = path.resolve()
        links = skipped if skipped is not None else []
        yield from (str(p) for p in _walk(root, root, follow_links, links))
    elif exists:
        yield str(path.resolve())
    else:
        yield item


def _walk(
    directory: Path, root: Path, follow_links: bool, skipped: list[SourceSkipped]
) -> Iterator[Path]:
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError:
        yield directory  # passed on so load_source reports it instead of it vanishing
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            target = _link_target(entry, root, follow_links, skipped)
            if target is not None:
                yield target
        elif entry.is_dir():
            yield from _walk(entry, root, follow_links, skipped)
        else:
            yield entry


def _link_target(
    link: Path, root: Path, follow_links: bool, skipped: list[SourceSkipped]
) -> Path | None:
    """Where a link found in a directory leads, or None (and why, in skipped)."""
    name = escape_undecodable(link.name)
    if link.is_dir():  # a linked directory can loop back on itself
        skipped.append(SourceSkipped(name, "länkad mapp följs inte (directory link)"))
        return None
    try:
        target = link.resolve()
    except (OSError, RuntimeError):  # a link loop
        skipped.append(SourceSkipped(name, "trasig länk (broken link)"))
        return None
    if not follow_links and not target.is_relative_to(root):
        reason = "länken pekar ut ur mappen och följs inte; använd --follow-links (outside link)"
        skipped.append(SourceSkipped(name, reason))
        return None
    return target


def escape_undecodable(text: str) -> str:
    """A name that can be stored and printed: bytes of a file name that are not UTF-8 (kept by
    Python as lone surrogates) become backslash escapes, b'caf\\xe9.txt' -> 'caf\\\\xe9.txt'."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that does not stand for a byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def source_id(item: str) -> str:
    """A source's identity in the store: its resolved path (the same whichever folder was named
    and in every run), or the URL; undecodable bytes escaped."""
    if is_url(item):
        return escape_undecodable(item)
    try:
        return escape_undecodable(str(Path(item).expanduser().resolve()))
    except (OSError, RuntimeError):  # e.g. a symlink loop: the path as given
        return escape_undecodable(item)


def source_names(items: list[str]) -> dict[str, str]:
    """The name each source is shown under: the file name, or, where two sources share a name,
    the shortest path suffix that tells them apart ("a/projekt.txt"); a URL is its own name.

    Give it every source of the store, not just one run's, so that names stay unique."""
    paths = {item: Path(item).parts for item in items if not is_url(item)}
    names = {item: item for item in items if is_url(item)}
    suffixes: dict[int, Counter] = {}

    def shared(parts: tuple[str, ...], depth: int) -> bool:
        if depth not in suffixes:
            suffixes[depth] = Counter(p[-depth:] for p in paths.values())
        return suffixes[depth][parts[-depth:]] > 1

    for item, parts in paths.items():
        depth = 1
        while depth < len(parts) and shared(parts, depth):
            depth += 1
        names[item] = "/".join(parts[-depth:]) if parts else item
    return names


def load_source(item: str, settings: Settings, name: str | None = None) -> Document:
    """Load one file path or URL into a Document; raises SourceSkipped with the reason."""
    if is_url(item):
        return _load_url(escape_undecodable(item), settings)
    return _load_file(Path(item), settings, name)


def _load_file(path: Path, settings: Settings, name: str | None = None) -> Document:
    name = name or escape_undecodable(path.name or str(path))
    try:
        exists, regular = path.exists(), path.is_file()
    except OSError as exc:  # exists() raises, rather than answers, on permission errors
        raise SourceSkipped(name, f"kunde inte läsas (unreadable): {exc.strerror}") from exc
    if not exists:
        raise SourceSkipped(name, "finns inte (not found)")
    if not regular:
        raise SourceSkipped(name, "inte en vanlig fil (not a regular file)")
    suffix = path.suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is None:
        shown = suffix or "utan filändelse"
        raise SourceSkipped(name, f"okänt format {shown} (unsupported format)")
    data = _read_limited(path, name, settings.ingest.max_file_mb)
    text = extract_text(data, fmt, name)
    doc = Document(
        source=name,
        text=text,
        content_hash=_sha256(data),
        path=str(path.resolve()),
        fmt=fmt,
        source_id=source_id(str(path)),
    )
    return _with_structure(doc, data)


def _read_limited(path: Path, name: str, max_mb: float) -> bytes:
    """Read a file after checking its size, so a huge file is never pulled into memory."""
    limit = int(max_mb * 1024 * 1024)
    too_large = SourceSkipped(name, f"filen är större än {max_mb:g} MB (file too large)")
    try:
        size = path.stat().st_size
        if size > limit:
            raise too_large
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise SourceSkipped(name, f"kunde inte läsas (unreadable): {exc.strerror}") from exc
    if len(data) > limit:
        raise too_large
    if not data:
        raise SourceSkipped(name, "tom fil (empty file)")
    return data


def _load_url(url: str, settings: Settings) -> Document:
    from ingest.fetch import fetch_url  # httpx is only needed when a URL is given

    data, content_type, _final_url = fetch_url(url, settings)
    return url_document(url, data, content_type)


def url_document(url: str, data: bytes, content_type: str) -> Document:
    """A downloaded body as a Document (single URLs and crawled pages alike)."""
    if not data:
        raise SourceSkipped(url, "tomt svar (empty response)")
    mime, _, params = content_type.partition(";")
    fmt = MIME_FORMATS.get(mime.strip().lower())
    if fmt is None:
        raise SourceSkipped(url, f"fel innehållstyp (unsupported content type) {mime}")
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.I)
    declared = charset.group(1) if charset else None
    text = extract_text(data, fmt, url, declared)
    doc = Document(source=url, text=text, content_hash=_sha256(data), path=None, fmt=fmt)
    return _with_structure(doc, data, declared)


def _with_structure(doc: Document, data: bytes, charset: str | None = None) -> Document:
    """HTML and Markdown keep their structure beside the text (see ingest.structure)."""
    from ingest.structure import add_structure

    if doc.fmt == "html" and charset is None:
        found = _META_CHARSET.search(data[:4096])
        charset = found.group(1).decode("ascii") if found else None
    if doc.fmt == "html" and _beyond_lxml_limits(decode_text(data, charset) or ""):
        return doc  # lxml would cut the blocks short; the text was read in full without them
    return add_structure(doc, data, charset)


def extract_text(data: bytes, fmt: str, source: str, charset: str | None = None) -> str:
    """Plain text from the raw bytes of one format (txt|md|html|pdf); charset is a declared hint."""
    if fmt == "pdf":
        return pdf_to_text(data, source)
    if _looks_binary(data):
        raise SourceSkipped(source, "binär fil (binary content)")
    if fmt == "html" and charset is None:
        found = _META_CHARSET.search(data[:4096])
        charset = found.group(1).decode("ascii") if found else None
    text = decode_text(data, charset)
    if text is None:
        raise SourceSkipped(source, "kunde inte avkoda texten (undecodable text)")
    if fmt == "html":
        text = html_to_text(text)
        if not text:
            raise SourceSkipped(source, "ingen text i HTML (no text in HTML)")
        return text
    text = _tidy(strip_markdown(text) if fmt == "md" else text)
    if not text:
        raise SourceSkipped(source, "ingen text (no text)")
    return text


def decode_text(data: bytes, declared: str | None = None) -> str | None:
    """Decode bytes: BOM, then UTF-8, then a declared charset, then charset-normalizer."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = _usable_charset(declared)
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):  # LookupError: e.g. a "charset=zlib" label
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_ENCODINGS).best()
    return str(best) if best is not None else None


def _usable_charset(label: str | None) -> str | None:
    import codecs

    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    # As browsers do: latin-1 and ASCII labels mean cp1252, and a declared UTF-16 without a BOM
    # is a mislabel (the BOM check already ran).
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return None if name.startswith(("utf-16", "utf-32")) else name


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if any(sample.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f\x1b")
    return controls > len(sample) // 10


def strip_markdown(text: str) -> str:
    """Light markdown removal: headings, links, emphasis and fences go, the words and lines stay."""
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    return text


def html_to_text(html: str) -> str:
    """Main content of an HTML page as plain text; empty when the page has none."""
    # trafilatura treats a page with an XML declaration (XHTML) as XML and loses headings.
    html = _XML_DECLARATION.sub("", html, count=1)
    if _beyond_lxml_limits(html):
        return _tidy(_flat_text(html))
    return _tidy(_trafilatura_text(html) or _lxml_text(html))


def _beyond_lxml_limits(html: str) -> bool:
    """True when libxml2 (lxml, and trafilatura with it) would silently cut the page short: it
    stops at 256 nested elements (300 unclosed <div> rows keep 253) and drops text nodes over
    10 MB."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return False  # nothing parsed: the usual path reports it
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def _flat_text(html: str) -> str:
    """All visible text, blocks on their own lines, read by a tokenizer that builds no tree and
    so has no depth limit (for pages beyond lxml's limits; no boilerplate removal)."""
    from html.parser import HTMLParser

    head_tags = {"title", "meta", "link", "base", "style", "script", "noscript", "template"}

    class Flat(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.dropped: list[str] = []  # open elements whose content is not shown

        def handle_starttag(self, tag: str, attrs) -> None:
            if "head" in self.dropped and tag not in head_tags:  # <head> left unclosed
                del self.dropped[self.dropped.index("head") :]
            if tag in _DROP_TAGS:
                self.dropped.append(tag)
            elif not self.dropped and tag == "br":
                self.parts.append("\n")
            elif not self.dropped and tag in _BLOCK_TAGS:
                self.parts.append("\n\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in self.dropped:
                del self.dropped[len(self.dropped) - 1 - self.dropped[::-1].index(tag) :]
            elif not self.dropped and tag in _BLOCK_TAGS:
                self.parts.append("\n\n")

        def handle_data(self, data: str) -> None:
            if not self.dropped:
                self.parts.append(_collapse(data))

    parser = Flat()
    parser.feed(html)
    parser.close()
    return "\n".join(line.strip() for line in "".join(parser.parts).split("\n"))


def _trafilatura_text(html: str) -> str:
    import trafilatura
    from lxml import etree

    try:
        xml = trafilatura.extract(html, output_format="xml", include_comments=False)
    except Exception:  # noqa: BLE001 - broken or hostile markup: fall back, never crash
        return ""
    if not xml:
        return ""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    main = etree.fromstring(xml.encode("utf-8"), parser).find("main")
    if main is None:
        return ""
    return "\n\n".join(block for block in map(_render_block, main) if block)


def _render_block(element: etree._Element, depth: int = 0) -> str:
    """One block of trafilatura's XML (head, p, list, table, quote, ...) as text."""
    if element.tag == "list":
        lines = []
        for item in element.iterfind("item"):
            lines.append("  " * depth + "- " + _inline_text(item, skip="list"))
            lines.extend(_render_block(sub, depth + 1) for sub in item.iterfind("list"))
        return "\n".join(line for line in lines if line.strip(" -"))
    if element.tag == "table":
        rows = (
            " | ".join(_inline_text(cell) for cell in row.iterfind("cell"))
            for row in element.iterfind("row")
        )
        return "\n".join(row for row in rows if row.strip(" |"))
    return _inline_text(element)


def _inline_text(element: etree._Element, skip: str = "") -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag != skip:
            parts.append(_inline_text(child, skip))
        parts.append(child.tail or "")
    lines = "".join(parts).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def _lxml_text(html: str) -> str:
    """Fallback when trafilatura finds nothing: all visible text, blocks on their own lines."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for element in root.xpath("|".join(f"//{tag}" for tag in _DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter(etree.Element):
        # Collapse source whitespace first, then add the line breaks the layout implies.
        element.text = _collapse(element.text)
        element.tail = _collapse(element.tail)
        if element.tag == "br":
            element.tail = "\n" + element.tail
        elif element.tag in _BLOCK_TAGS:
            element.text = "\n\n" + element.text
            element.tail = "\n\n" + element.tail
    return "\n".join(line.strip() for line in root.text_content().split("\n"))


def _collapse(text: str | None) -> str:
    return re.sub(r"\s+", " ", text) if text else ""


def pdf_to_text(data: bytes, source: str) -> str:
    """Text of every page of a PDF; encrypted, broken or image-only PDFs are skipped."""
    pages = _open_pdf(data, source)
    texts: list[str] = []
    errors: list[str] = []
    for page in pages:
        try:
            texts.append(page.extract_text() or "")
        except Exception as exc:  # noqa: BLE001 - one bad page should not lose the others
            errors.append(str(exc) or type(exc).__name__)
    text = _tidy("\n\n".join(texts))
    if text:
        return text
    if errors:
        raise SourceSkipped(source, f"trasig PDF (broken PDF): {errors[0]}")
    raise SourceSkipped(source, "ingen text i PDF (scanned?)")


def _open_pdf(data: bytes, source: str) -> list[PageObject]:
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _unlock_pdf(reader, source)
        return list(reader.pages)
    except SourceSkipped:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many exception types on bad input
        raise SourceSkipped(source, f"trasig PDF (broken PDF): {exc}") from exc


def _unlock_pdf(reader: PdfReader, source: str) -> None:
    # Many public PDFs are encrypted only to restrict printing: the user password is empty.
    try:
        unlocked = reader.decrypt("")
    except Exception as exc:  # noqa: BLE001 - e.g. AES without the cryptography package
        raise SourceSkipped(source, f"krypterad PDF (encrypted PDF): {exc}") from exc
    if not unlocked:
        raise SourceSkipped(source, "krypterad PDF med lösenord (encrypted PDF)")


def _tidy(text: str) -> str:
    """NFC, no invisible characters, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
