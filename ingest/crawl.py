"""Crawl a section of a site: `stodkollen ingest URL --crawl [--depth N] [--max-pages M]`.

Scope: pages on the start URL's host (http and https alike, same port) whose path lies under the
start URL's folder: /projekt/ for /projekt/, /projekt/index.html and /projekt alike.

Order: robots.txt of the site (protego: `*` and `$` patterns; its Crawl-delay or Request-rate
for our agent may slow the pace), then its sitemaps (those robots.txt names, else /sitemap.xml;
ingest/sitemap.py), then breadth first from the start page and the sitemap's pages, following
links `depth` hops. At most `max_pages` pages are requested.

Every request goes through ingest/fetch.py's GuardedSession: the address guard on every hop and
redirect, robots.txt, size and time limits, and a per-host pace (HostPacer, crawl_delay_s).

A page stored before is asked for with If-None-Match / If-Modified-Since (ingest/validators.py);
a 304 costs no download, and its links, kept from last time, are followed again.

Two phases: the crawl fetches pages and turns them into Documents, writing nothing; then the
ordinary Ingestor stores them (new chunks first, no pruning), and validators are saved only for
pages the store now holds. A page that fails is skipped with a reason; what is stored stays.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

import httpx

from ingest.fetch import DISALLOWED, Fetched, GuardedSession
from ingest.loaders import decode_text, url_document
from ingest.pipeline import Ingestor, IngestSummary
from ingest.projects import PARSER_VERSION
from ingest.sitemap import SitemapRead, read_sitemaps
from ingest.validators import Validator, Validators
from stodkollen.errors import SourceSkipped, UserInputError
from stodkollen.records import Document

if TYPE_CHECKING:
    from index.embedder import Embedder
    from index.store import ChunkStore
    from ingest.fetch import AddressCheck, Resolver
    from stodkollen.records import SourceState
    from stodkollen.settings import Settings

log = logging.getLogger(__name__)

MAX_CRAWL_DELAY_S = 30.0  # a robots.txt asking for more is obeyed only this far
OUTSIDE = "utanför startadressens webbplats och sökväg (outside the crawl scope)"
MAX_PAGES = "gränsen för antal sidor nåddes (--max-pages reached)"
# Links to these are never requested: no loader reads them. Unknown endings are requested and
# the Content-Type decides.
NOT_PAGES = frozenset(
    ".zip .gz .tgz .tar .7z .rar .bz2 .xz .jpg .jpeg .png .gif .webp .svg .ico .bmp .tif .tiff "
    ".heic .avif .mp3 .mp4 .m4a .avi .mov .mkv .wav .ogg .webm .doc .docx .xls .xlsx .ppt .pptx "
    ".odt .ods .odp .rtf .exe .msi .dmg .iso .apk .css .js .json .xml .ics .csv .woff .woff2 .ttf "
    ".eot".split()
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


# --- pace ------------------------------------------------------------------------------------


class HostPacer:
    """At most one request per interval to each host, measured from request to request.

    The GuardedSession calls it before every request with the host name; it sleeps as long as
    needed and returns the seconds it slept.
    """

    def __init__(
        self,
        interval_s: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.interval_s = interval_s
        self.clock, self.sleep = clock, sleep
        self.intervals: dict[str, float] = {}
        self.last: dict[str, float] = {}

    def slow_down(self, host: str, seconds: float) -> None:
        """A host asks for more time between requests (robots.txt): raise, never lower."""
        wanted = min(seconds, MAX_CRAWL_DELAY_S)
        self.intervals[host] = max(self.intervals.get(host, self.interval_s), wanted)

    def __call__(self, host: str) -> float:
        waited = 0.0
        if host in self.last:
            due = self.last[host] + self.intervals.get(host, self.interval_s)
            waited = max(0.0, due - self.clock())
            if waited:
                self.sleep(waited)
        self.last[host] = self.clock()
        return waited


# --- scope and links -------------------------------------------------------------------------


def normalize(url: str | httpx.URL) -> httpx.URL | None:
    """An http(s) URL without fragment and default port, or None when it is not one."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return None
    parsed = parsed.copy_with(fragment=None)
    if not parsed.raw_path or parsed.raw_path.startswith(b"?"):
        parsed = parsed.copy_with(path="/")
    return parsed


def _site(url: httpx.URL) -> tuple[str, int | None]:
    return url.host.lower(), url.port  # httpx leaves the port None when it is the default


@dataclass(frozen=True)
class Scope:
    """One start URL's host and folder."""

    site: tuple[str, int | None]
    prefix: str

    @classmethod
    def of(cls, start: httpx.URL) -> Scope:
        path = start.path or "/"
        if not path.endswith("/"):
            head, _, last = path.rpartition("/")
            # /projekt/index.html -> /projekt/ ; /projekt -> /projekt/ (a folder without slash)
            path = head + "/" if "." in last else path + "/"
        return cls(_site(start), path)

    def contains(self, url: httpx.URL) -> bool:
        return _site(url) == self.site and (url.path + "/").startswith(self.prefix)


def page_links(body: bytes, content_type: str, base: httpx.URL) -> list[httpx.URL]:
    """The http(s) targets of <a href> and <area href> in an HTML page, in page order."""
    import lxml.html
    from lxml import etree

    declared = _CHARSET.search(content_type)
    text = decode_text(body, declared.group(1) if declared else None)
    if not text:
        return []
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError):
        return []
    base_tag = root.find(".//base[@href]")
    if base_tag is not None:
        base = _join(base, base_tag.get("href", "")) or base
    links: list[httpx.URL] = []
    for element in root.iter("a", "area"):
        href = (element.get("href") or "").strip()
        if href and not href.startswith("#") and (target := _join(base, href)) is not None:
            links.append(target)
    return links


def _join(base: httpx.URL, href: str) -> httpx.URL | None:
    try:
        return normalize(base.join(href))
    except (httpx.InvalidURL, TypeError, ValueError):
        return None


def _not_a_page(url: httpx.URL) -> str | None:
    suffix = PurePosixPath(url.path).suffix.lower()
    if suffix in NOT_PAGES:
        return f"okänt format {suffix} (unsupported format)"
    return None


# --- the summary -----------------------------------------------------------------------------


@dataclass
class CrawlSummary:
    fetched: int = 0  # pages downloaded in full (2xx)
    unchanged: int = 0  # pages answered 304 Not Modified: nothing downloaded
    outside: int = 0  # distinct links outside the scope, not followed
    not_visited: int = 0  # queued pages left when --max-pages was reached
    requests: int = 0  # HTTP requests sent: pages, robots.txt, sitemaps, redirect hops
    skipped: list[dict] = field(default_factory=list)  # {"source": url, "reason": ...}
    sitemaps: list[SitemapRead] = field(default_factory=list)
    ingest: IngestSummary = field(default_factory=IngestSummary)

    def skip(self, url: str, reason: str) -> None:
        self.skipped.append({"source": url, "reason": reason})
        log.info("Hoppar över %s: %s", url, reason)

    def to_dict(self) -> dict:
        return {
            "fetched": self.fetched,
            "unchanged": self.unchanged,
            "outside": self.outside,
            "not_visited": self.not_visited,
            "requests": self.requests,
            "skipped": self.skipped + self.ingest.skipped,
            "sitemaps": [s.to_dict() for s in self.sitemaps],
            "ingest": self.ingest.to_dict(),
        }

    def text(self) -> str:
        """The summary a person reads (Swedish)."""
        i = self.ingest
        lines = [
            f"Hämtade sidor: {self.fetched}, oförändrade (304, ingen nedladdning): "
            f"{self.unchanged}, överhoppade: {len(self.skipped) + len(i.skipped)}, "
            f"förfrågningar: {self.requests}",
            f"Lagrat: {i.added} nya, {i.updated} uppdaterade, {i.unchanged} oförändrade; "
            f"{i.embedded} textbitar inbäddade, {i.chunks} i arkivet ({i.seconds:.1f} s)",
        ]
        for read in self.sitemaps:
            said = read.reason or f"{read.pages} adresser"
            lines.append(f"Sitemap {read.url}: {said}")
        if self.outside:
            lines.append(f"Länkar utanför startadressens webbplats och sökväg: {self.outside}")
        if self.not_visited:
            lines.append(f"Ej besökta när --max-pages nåddes: {self.not_visited}")
        by_reason: dict[str, list[str]] = {}
        for s in self.skipped + i.skipped:
            by_reason.setdefault(s["reason"], []).append(s["source"])
        if by_reason:
            lines.append("Överhoppade:")
        for reason, urls in by_reason.items():
            lines.append(f"  {reason}: {len(urls)}")
            lines.extend(f"    {url}" for url in urls)
        return "\n".join(lines)


# --- the crawl -------------------------------------------------------------------------------


@dataclass
class _Page:
    url: str  # as requested: the validators' key
    doc: Document  # source = the URL after redirects
    validator: Validator


class Crawler:
    """One crawl over one session: fetches pages into Documents and writes nothing."""

    def __init__(
        self,
        settings: Settings,
        session: GuardedSession,
        pacer: HostPacer,
        states: dict[str, SourceState],
        validators: Validators,
        depth: int,
        max_pages: int,
        progress: Callable[[CrawlSummary, int], None] | None = None,
    ):
        self.settings, self.session, self.pacer = settings, session, pacer
        self.states, self.validators = states, validators
        self.depth, self.max_pages = depth, max_pages
        self.progress = progress
        self.summary = CrawlSummary()
        self.scopes: list[Scope] = []
        self.queue: deque[tuple[str, int]] = deque()
        self.queued: set[str] = set()  # every URL ever queued or skipped at the door
        self.visited: set[str] = set()  # requested, or reached by a redirect
        self.outside: set[str] = set()
        self.requested = 0
        self.pages: dict[str, _Page] = {}  # by document source

    def run(self, roots: Iterable[str]) -> list[_Page]:
        starts = []
        for root in roots:
            start = normalize(root.strip())
            if start is None:
                raise UserInputError(f"--crawl kräver webbadresser (http/https), inte {root!r}")
            starts.append(start)
        self.scopes = [Scope.of(s) for s in starts]
        for start in starts:
            self._enqueue(start, 0)
        for origin in dict.fromkeys(s.copy_with(path="/", query=None) for s in starts):
            self._read_site(origin)
        while self.queue:
            if self.requested >= self.max_pages:
                left = {url for url, _ in self.queue if url not in self.visited}
                self.summary.not_visited = len(left)
                break
            url, depth = self.queue.popleft()
            if url not in self.visited:
                self._visit(url, depth)
                self._report()
        self.summary.outside = len(self.outside)
        self.summary.requests = self.session.requests
        return list(self.pages.values())

    def _report(self) -> None:
        if self.progress is not None:
            total = min(self.max_pages, self.requested + len(self.queue))
            self.progress(self.summary, total)

    def _read_site(self, origin: httpx.URL) -> None:
        """robots.txt (pace and sitemaps) and the sitemaps' pages of one site."""
        try:
            rules = self.session.robots(str(origin))
        except SourceSkipped:
            return  # the start page's own fetch reports why
        agent = self.settings.ingest.user_agent
        delay = rules.crawl_delay(agent) or 0.0
        rate = rules.request_rate(agent)
        if rate is not None and rate.requests:
            delay = max(delay, rate.seconds / rate.requests)
        if delay:
            self.pacer.slow_down(origin.host, delay)
        listed = [str(origin.join(u)) for u in rules.sitemaps] or [str(origin.join("/sitemap.xml"))]

        def same_site(url: str) -> bool:
            parsed = normalize(url)
            return parsed is not None and _site(parsed) == _site(origin)

        max_bytes = int(self.settings.ingest.max_file_mb * 1024 * 1024)
        found, reads = read_sitemaps(self.session, listed, same_site, max_bytes)
        self.summary.sitemaps.extend(reads)
        for url in found:
            if (parsed := normalize(url)) is not None:
                self._enqueue(parsed, 0)

    def _in_scope(self, url: httpx.URL) -> bool:
        return any(scope.contains(url) for scope in self.scopes)

    def _enqueue(self, url: httpx.URL, depth: int) -> None:
        """Queue a URL once; what will never be fetched is skipped here, without a request."""
        key = str(url)
        if key in self.queued:
            return
        if not self._in_scope(url):
            self.outside.add(key)
            return
        self.queued.add(key)
        reason = _not_a_page(url)
        if reason is None and not self._robots_allow(url):
            reason = DISALLOWED
        if reason:
            self.summary.skip(key, reason)
            return
        self.queue.append((key, depth))

    def _robots_allow(self, url: httpx.URL) -> bool:
        try:
            rules = self.session.robots(str(url))
        except SourceSkipped:
            return True  # the fetch itself fails and says why
        return rules.can_fetch(str(url), self.settings.ingest.user_agent)

    def _hop_check(self, target: httpx.URL) -> str | None:
        """A redirect may not leave the scope nor land on a page this crawl already has."""
        target = normalize(target) or target
        if not self._in_scope(target):
            return OUTSIDE
        if str(target) in self.visited:
            return f"samma sida som {target} (duplicate)"
        return None

    def _conditional(self, url: str) -> tuple[Validator | None, dict[str, str]]:
        """Validators to ask with, only when the store still holds that version of the page."""
        known = self.validators.get(url)
        if known is None:
            return None, {}
        state = self.states.get(known.final_url)
        if state is None or not state.is_current(known.content_hash, PARSER_VERSION):
            return None, {}
        return known, known.conditional_headers()

    def _visit(self, url: str, depth: int) -> None:
        self.visited.add(url)
        self.requested += 1
        known, headers = self._conditional(url)
        try:
            fetched = self.session.fetch(url, headers=headers, hop_check=self._hop_check)
        except SourceSkipped as skip:
            self.summary.skip(url, skip.reason)
            return
        final = normalize(fetched.url) or fetched.url
        self.visited.add(str(final))
        if fetched.status == 304 and known is not None:
            self.summary.unchanged += 1
            page = _Page(url, _unchanged_document(known), known)
            if fetched.etag:  # a 304 may carry a fresher ETag
                known.etag = fetched.etag
            links = [u for u in map(normalize, known.links) if u is not None]
        elif 200 <= fetched.status < 300:
            self.summary.fetched += 1
            try:
                page, links = self._fetched_page(url, str(final), fetched)
            except Exception as exc:  # noqa: BLE001 - one hostile page must not end the crawl
                log.warning("Kunde inte läsa %s", url, exc_info=True)
                self.summary.skip(url, f"kunde inte läsas (unreadable): {type(exc).__name__}")
                return
        else:
            self.summary.skip(url, f"HTTP {fetched.status}")
            return
        if page is not None:
            self.pages[page.doc.source] = page
        if depth < self.depth:
            for link in links:
                self._enqueue(link, depth + 1)

    def _fetched_page(
        self, url: str, final: str, fetched: Fetched
    ) -> tuple[_Page | None, list[httpx.URL]]:
        mime = fetched.content_type.split(";")[0].strip().lower()
        is_html = mime in ("text/html", "application/xhtml+xml")
        links = page_links(fetched.body, fetched.content_type, fetched.url) if is_html else []
        try:
            doc = url_document(final, fetched.body, fetched.content_type)
        except SourceSkipped as skip:
            self.summary.skip(url, skip.reason)
            return None, links
        kept = [str(link) for link in links]
        validator = Validator(
            final, doc.content_hash, doc.fmt, fetched.etag, fetched.last_modified, kept
        )
        return _Page(url, doc, validator), links


def _unchanged_document(known: Validator) -> Document:
    """Stands for a page that answered 304: the pipeline finds it current and reads no text."""
    return Document(source=known.final_url, text="", content_hash=known.content_hash, fmt=known.fmt)


class _PagesIngestor(Ingestor):
    """The ordinary ingest, reading the crawled pages instead of loading its items."""

    def __init__(self, settings, store, embedder, docs: dict[str, Document]):
        super().__init__(settings, store, embedder)
        self.docs = docs

    def load(self, item: str, name: str | None = None) -> Document:
        return self.docs[item]


def crawl_ingest(
    settings: Settings,
    store: ChunkStore,
    embedder: Embedder,
    roots: list[str],
    *,
    depth: int | None = None,
    max_pages: int | None = None,
    resolver: Resolver | None = None,
    is_blocked: AddressCheck | None = None,
    pacer: HostPacer | None = None,
) -> CrawlSummary:
    """Crawl from `roots` and store what was found; see the module docstring."""
    cfg = settings.ingest
    depth = cfg.crawl_depth if depth is None else depth
    max_pages = cfg.crawl_max_pages if max_pages is None else max_pages
    pacer = pacer or HostPacer(cfg.crawl_delay_s)
    states = store.source_states()
    with Validators(settings.crawl_state_file) as validators:
        with (
            GuardedSession(
                settings, resolver=resolver, is_blocked=is_blocked, pace=pacer
            ) as session,
            _ProgressBar(max_pages) as progress,
        ):
            crawler = Crawler(
                settings, session, pacer, states, validators, depth, max_pages, progress
            )
            pages = crawler.run(roots)
        summary = crawler.summary
        if not pages:
            summary.ingest.chunks = store.count()
            return summary
        docs = {page.doc.source: page.doc for page in pages}
        summary.ingest = _PagesIngestor(settings, store, embedder, docs).run(list(docs))
        refused = {s["source"] for s in summary.ingest.skipped}
        for page in pages:  # only now that the store holds them
            if page.doc.source not in refused:
                validators.put(page.url, page.validator)
    return summary


class _ProgressBar:
    """tqdm on stderr while crawling, when stderr is a terminal; a no-op otherwise."""

    def __init__(self, max_pages: int):
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=max_pages, desc="Hämtar", unit="sida", file=sys.stderr)

    def __enter__(self) -> Callable[[CrawlSummary, int], None] | None:
        return self.update if self.bar is not None else None

    def update(self, summary: CrawlSummary, total: int) -> None:
        assert self.bar is not None
        self.bar.total = max(total, self.bar.n + 1)
        self.bar.set_postfix(
            hämtade=summary.fetched,
            oförändrade=summary.unchanged,
            överhoppade=len(summary.skipped),
            refresh=False,
        )
        self.bar.update(1)

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.close()
