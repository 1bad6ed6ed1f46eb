"""Crawling a site section: a 30-page site served on 127.0.0.1 by the test itself, real embedded
Chroma, the hashing embedder. No request leaves loopback; other host names exist only through an
injected resolver."""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from cli.main import main
from index.store import ChunkStore
from ingest.crawl import HostPacer, Scope, crawl_ingest, normalize
from ingest.fetch import DISALLOWED, PRIVATE, TOO_LARGE
from stodkollen.settings import EmbeddingSettings, IngestSettings, Settings
from tests.fakes import HashingEmbedder

PLACES = [
    ("Mora", "besöksnäring"), ("Orsa", "bredband"), ("Älvdalen", "skogsbruk"),
    ("Kiruna", "samhällsflytt"), ("Gällivare", "gruvnäring"), ("Luleå", "startlots"),
    ("Piteå", "startbidrag"), ("Skellefteå", "batterier"), ("Umeå", "kulturhus"),
    ("Sundsvall", "hamnen"), ("Östersund", "vintersport"), ("Sollefteå", "vattenkraft"),
    ("Arvika", "konsthantverk"), ("Karlstad", "pappersindustri"), ("Gotland", "solenergi"),
    ("Kalmar", "livsmedel"), ("Ljungby", "skolskjuts"), ("Borås", "textil"),
    ("Lysekil", "sjögräs"), ("Sandviken", "stål"), ("Boden", "kompetens"),
    ("Falun", "gruvmuseum"), ("Gävle", "logistik"), ("Västerås", "robotik"),
    ("Örebro", "livsmedelsteknik"), ("Växjö", "träbyggande"), ("Visby", "hantverk"),
    ("Jokkmokk", "samisk kultur"), ("Arjeplog", "biltester"), ("Malå", "landsbygdsservice"),
]  # fmt: skip
ROBOTS = """User-agent: *
Disallow: /*.pdf$
Disallow: /projekt/intern/*
Sitemap: {base}/sitemap.xml
"""
LOOP = "omdirigeringsslinga (redirect loop)"
HTML = "text/html; charset=utf-8"


def project_page(n: int, version: int = 1, links: str = "") -> bytes:
    place, topic = PLACES[n - 1]
    extra = " Projektet har förlängts och fått en ny budget." if version > 1 else ""
    return (
        f"<html><head><title>Projekt {n}</title></head><body><nav><a href='./'>Alla projekt</a>"
        f" <a href='/om-oss.html'>Om oss</a></nav><main><h1>{topic.capitalize()} i {place}</h1>"
        f"<p>Projektet om {topic} i {place} kommun drivs av kommunen tillsammans med det lokala "
        f"näringslivet under 2022–2024 och får stöd från Tillväxtverket.{extra}</p>"
        f"<p>Målet är att utveckla {topic} i {place} och skapa nya arbetstillfällen i "
        f"kommunen genom samverkan mellan företag, föreningar och skolor.</p>{links}"
        "</main></body></html>"
    ).encode()


@dataclass
class Page:
    body: bytes = b""
    content_type: str | None = HTML
    status: int = 200
    location: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Seen:
    path: str
    status: int
    conditional: bool  # If-None-Match or If-Modified-Since was sent
    at: float


@dataclass
class Site:
    """The pages a LocalSite serves and what it saw."""

    pages: dict[str, Page] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def statuses(self, since: int = 0) -> Counter:
        return Counter((s.path, s.status) for s in self.seen[since:])


class Handler(BaseHTTPRequestHandler):
    server: LocalSite

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        site = self.server.site
        page = site.pages.get(self.path) or Page(b"saknas", "text/plain", status=404)
        etag, since = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        status = page.status
        if status == 200 and (
            (etag and etag == page.etag) or (since and since == page.last_modified)
        ):
            status = 304
        with site.lock:
            site.seen.append(Seen(self.path, status, bool(etag or since), time.monotonic()))
        self.send_response(status)
        for name, value in (
            ("Content-Type", page.content_type),
            ("Location", page.location),
            ("ETag", page.etag),
            ("Last-Modified", page.last_modified),
        ):
            if value:
                self.send_header(name, value)
        body = page.body if status == 200 else b""
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class LocalSite(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.site = Site()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request, client_address) -> None:
        pass  # the client hangs up on purpose (size limit, content type)


@pytest.fixture
def server() -> Iterator[LocalSite]:
    srv = LocalSite()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


def stamp(n: int) -> str:
    return formatdate(1_700_000_000 + n * 3600, usegmt=True)


def set_project(site: Site, n: int, version: int = 1) -> None:
    """p01..p30; even pages validate by ETag, odd ones by Last-Modified only."""
    links = "".join(f"<a href='p{k:02d}.html'>Projekt {k}</a>" for k in range(21, 31))
    body = project_page(n, version, links if n == 10 else "")
    page = Page(body)
    if n % 2:
        page.last_modified = stamp(n * 10 + version)
    else:
        page.etag = f'"p{n}-v{version}"'
    site.pages[f"/projekt/p{n:02d}.html"] = page


def build_site(srv: LocalSite) -> Site:
    """The 30-page municipal site of the brief, with every kind of fault."""
    site, base = srv.site, srv.base
    site.pages["/robots.txt"] = Page(ROBOTS.format(base=base).encode(), "text/plain")
    site.pages["/sitemap.xml"] = Page(
        (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{base}/sitemaps/projekt.xml</loc></sitemap>"
            f"<sitemap><loc>{base}/sitemaps/fler.xml.gz</loc></sitemap>"
            "</sitemapindex>"
        ).encode(),
        "application/xml",
    )
    listed = [f"{base}/projekt/p{n:02d}.html" for n in range(1, 16)]
    listed += [f"{base}/om-oss.html", f"{base}/projekt/intern/hemligt.html"]
    site.pages["/sitemaps/projekt.xml"] = Page(urlset(listed), "text/xml")
    more = urlset([f"{base}/projekt/p{n:02d}.html" for n in range(16, 21)])
    site.pages["/sitemaps/fler.xml.gz"] = Page(gzip.compress(more), "application/gzip")
    for n in range(1, 31):
        set_project(site, n)
    index_links = "".join(f"<li><a href='p{n:02d}.html'>Projekt {n}</a></li>" for n in (1, 5, 10))
    index_links += "".join(
        f"<li><a href='{href}'>{href}</a></li>"
        for href in (
            "intern/lista.html",
            "plan.pdf",
            "plan.pdf?format=html",
            "filer/underlag.zip",
            "bilder/karta",
            "borttagen.html",
            "slinga-a",
            "stor.html",
            "gammal.html",
            "/om-oss.html",
            "http://example.invalid/extern",
            "mailto:projekt@kommun.example",
            "#topp",
        )
    )
    site.pages["/projekt/"] = Page(
        (
            "<html><head><title>Projekt</title></head><body><main><h1>Våra projekt</h1>"
            "<p>Kommunen driver ett trettiotal utvecklingsprojekt med stöd från Tillväxtverket "
            "och Europeiska regionala utvecklingsfonden under perioden 2022–2024.</p>"
            f"<ul>{index_links}</ul></main></body></html>"
        ).encode(),
        etag='"index-1"',
        last_modified=stamp(0),
    )
    site.pages["/projekt/plan.pdf?format=html"] = Page(
        "<html><body><main><h1>Utvecklingsplan</h1><p>Utvecklingsplanen för kommunens "
        "näringsliv 2022–2026 beskriver satsningar på besöksnäring och bredband.</p></main>"
        "</body></html>".encode(),
        etag='"plan-1"',
    )
    site.pages["/projekt/plan.pdf"] = Page(b"%PDF-1.4", "application/pdf")
    site.pages["/projekt/intern/lista.html"] = Page(project_page(1))
    site.pages["/projekt/intern/hemligt.html"] = Page(project_page(2))
    site.pages["/projekt/filer/underlag.zip"] = Page(b"PK\x03\x04", "application/zip")
    site.pages["/projekt/bilder/karta"] = Page(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
    site.pages["/projekt/slinga-a"] = Page(status=302, location="slinga-b")
    site.pages["/projekt/slinga-b"] = Page(status=302, location="/projekt/slinga-a")
    site.pages["/projekt/stor.html"] = Page(b"<html><body>" + b"x" * 300_000 + b"</body></html>")
    site.pages["/projekt/gammal.html"] = Page(status=301, location="p05.html")
    site.pages["/om-oss.html"] = Page(project_page(3))
    return site


def urlset(urls: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{u}</loc><lastmod>2024-05-01</lastmod></url>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    ).encode()


def crawl_settings(tmp_path, **ingest: object) -> Settings:
    values = {
        "allow_private_urls": True,
        "crawl_delay_s": 0.0,
        "max_file_mb": 0.1,  # about 100 kB: stor.html is over it, the project pages far under
        "url_timeout_s": 5.0,
        **ingest,
    }
    return Settings(
        home=tmp_path / "home",
        embedding=EmbeddingSettings(model="hash"),
        ingest=IngestSettings(**values),
    )


def sources(store: ChunkStore) -> set[str]:
    return set(store.source_states())


def reasons(summary) -> dict[str, str]:
    return {s["source"]: s["reason"] for s in summary.to_dict()["skipped"]}


# --- the site of the brief -------------------------------------------------------------------


def test_crawl_site_then_recrawl_downloads_only_the_changed_page(server, tmp_path):
    site, base = build_site(server), server.base
    settings = crawl_settings(tmp_path)
    store, embedder = ChunkStore(settings), HashingEmbedder()

    first = crawl_ingest(settings, store, embedder, [f"{base}/projekt/"], depth=2, max_pages=100)

    pages = {f"{base}/projekt/p{n:02d}.html" for n in range(1, 31)}
    expected = pages | {f"{base}/projekt/", f"{base}/projekt/plan.pdf?format=html"}
    assert sources(store) == expected
    assert (first.fetched, first.unchanged) == (32, 0)
    assert (first.ingest.added, first.ingest.skipped) == (32, [])
    assert reasons(first) == {
        f"{base}/projekt/intern/hemligt.html": DISALLOWED,  # from the sitemap
        f"{base}/projekt/intern/lista.html": DISALLOWED,  # Disallow: /projekt/intern/*
        f"{base}/projekt/plan.pdf": DISALLOWED,  # Disallow: /*.pdf$ (the ?format=html is fine)
        f"{base}/projekt/filer/underlag.zip": "okänt format .zip (unsupported format)",
        f"{base}/projekt/bilder/karta": "fel innehållstyp (unsupported content type) image/png",
        f"{base}/projekt/borttagen.html": "HTTP 404",
        f"{base}/projekt/slinga-a": LOOP,
        f"{base}/projekt/stor.html": TOO_LARGE,
        f"{base}/projekt/gammal.html": f"samma sida som {base}/projekt/p05.html (duplicate)",
    }
    assert first.outside == 2  # /om-oss.html and example.invalid: counted, never requested
    assert [s.to_dict() for s in first.sitemaps] == [
        {"url": f"{base}/sitemap.xml", "pages": 0},
        {"url": f"{base}/sitemaps/projekt.xml", "pages": 17},
        {"url": f"{base}/sitemaps/fler.xml.gz", "pages": 5},
    ]
    requested = {s.path for s in site.seen}
    never = {"/projekt/intern/lista.html", "/projekt/intern/hemligt.html", "/projekt/plan.pdf"}
    never |= {"/projekt/filer/underlag.zip", "/om-oss.html"}
    assert not requested & never
    assert site.statuses()[("/robots.txt", 200)] == 1
    assert first.requests == len(site.seen)
    assert "Hämtade sidor: 32," in first.text() and "Överhoppade:" in first.text()

    # One page changes; the second crawl asks conditionally and downloads only that one.
    set_project(site, 7, version=2)
    mark = len(site.seen)
    chunk_ids = {sid: st.chunk_ids for sid, st in store.source_states().items()}

    second = crawl_ingest(settings, store, embedder, [f"{base}/projekt/"], depth=2, max_pages=100)

    seen = site.statuses(mark)
    p07 = "/projekt/p07.html"
    page_paths = {normalize(u).raw_path.decode() for u in expected}
    assert {path for path, status in seen if status == 200} & page_paths == {p07}
    assert sum(n for (path, status), n in seen.items() if status == 304) == 31
    assert seen == Counter(
        {(path, 304): 1 for path in page_paths - {p07}}
        | {
            (p07, 200): 1,
            # not pages, or not stored: asked for in full again, as they should be
            ("/robots.txt", 200): 1,
            ("/sitemap.xml", 200): 1,
            ("/sitemaps/projekt.xml", 200): 1,
            ("/sitemaps/fler.xml.gz", 200): 1,
            ("/projekt/bilder/karta", 200): 1,  # refused by its Content-Type, body not read
            ("/projekt/stor.html", 200): 1,  # refused by its Content-Length, body not read
            ("/projekt/borttagen.html", 404): 1,
            ("/projekt/slinga-a", 302): 1,
            ("/projekt/slinga-b", 302): 1,
            ("/projekt/gammal.html", 301): 1,
        }
    )
    assert all(s.conditional for s in site.seen[mark:] if s.path in page_paths)
    assert (second.fetched, second.unchanged) == (1, 31)
    assert (second.ingest.updated, second.ingest.unchanged, second.ingest.added) == (1, 31, 0)
    assert reasons(second) == reasons(first)
    after = store.source_states()
    assert set(after) == expected  # nothing stored was lost
    for sid, ids in chunk_ids.items():
        if sid != f"{base}{p07}":
            assert after[sid].chunk_ids == ids
    texts = [c.text for c in store.all_chunks() if c.project.source == f"{base}{p07}"]
    assert any("förlängts" in t for t in texts)


def test_recrawl_after_the_store_changed_downloads_in_full(server, tmp_path):
    """Validators are only used while the store holds that version of the page."""
    site, base = build_site(server), server.base
    settings = crawl_settings(tmp_path)
    crawl_ingest(settings, ChunkStore(settings), HashingEmbedder(), [f"{base}/projekt/"])
    # Another chunk size is another collection: same home, same validator file, empty store.
    other = settings.model_copy(
        update={"ingest": settings.ingest.model_copy(update={"chunk_size": 90})}
    )
    assert other.collection_name() != settings.collection_name()
    mark = len(site.seen)
    again = crawl_ingest(other, ChunkStore(other), HashingEmbedder(), [f"{base}/projekt/"])
    assert (again.unchanged, again.ingest.added) == (0, 32)
    assert not any(s.conditional for s in site.seen[mark:])


def test_corrupt_validator_file_is_moved_aside(server, tmp_path):
    build_site(server)
    settings = crawl_settings(tmp_path)
    settings.home.mkdir(parents=True)
    settings.crawl_state_file.write_bytes(b"inte en databas" * 100)
    summary = crawl_ingest(
        settings, ChunkStore(settings), HashingEmbedder(), [f"{server.base}/projekt/"], depth=0
    )
    assert summary.ingest.added == 21  # depth 0: the start page and the 20 sitemap pages
    assert [p.name.split(".broken-")[0] for p in settings.home.glob("*.broken-*")] == [
        "crawl.sqlite3"
    ]


def test_a_page_that_breaks_the_parser_is_skipped(server, tmp_path, monkeypatch):
    import ingest.crawl

    build_site(server)
    real = ingest.crawl.url_document

    def breaks_on_p03(url: str, data: bytes, content_type: str):
        if url.endswith("/p03.html"):
            raise RecursionError("för djupt nästlad HTML")
        return real(url, data, content_type)

    monkeypatch.setattr(ingest.crawl, "url_document", breaks_on_p03)
    settings = crawl_settings(tmp_path)
    summary = crawl_ingest(
        settings, ChunkStore(settings), HashingEmbedder(), [f"{server.base}/projekt/"], depth=0
    )
    assert reasons(summary) == {
        f"{server.base}/projekt/intern/hemligt.html": DISALLOWED,
        f"{server.base}/projekt/p03.html": "kunde inte läsas (unreadable): RecursionError",
    }
    assert summary.ingest.added == 20  # the start page and the other 19 sitemap pages


# --- depth and page limits --------------------------------------------------------------------


def test_depth_zero_and_max_pages(server, tmp_path):
    site, base = build_site(server), server.base
    del site.pages["/sitemap.xml"]  # links only
    settings = crawl_settings(tmp_path)
    store = ChunkStore(settings)
    only_start = crawl_ingest(settings, store, HashingEmbedder(), [f"{base}/projekt/"], depth=0)
    assert sources(store) == {f"{base}/projekt/"}
    assert only_start.sitemaps[0].reason == "HTTP 404"

    mark = len(site.seen)
    capped = crawl_ingest(
        settings, store, HashingEmbedder(), [f"{base}/projekt/"], depth=2, max_pages=4
    )
    pages = [s.path for s in site.seen[mark:] if s.path not in ("/robots.txt", "/sitemap.xml")]
    assert pages == ["/projekt/", "/projekt/p01.html", "/projekt/p05.html", "/projekt/p10.html"]
    assert (capped.fetched, capped.unchanged) == (3, 1)  # the start page is stored already
    # left: six further links of the start page and p21..p30 linked from p10
    assert capped.not_visited == 16
    assert "Ej besökta när --max-pages nåddes: 16" in capped.text()


# --- the guard ---------------------------------------------------------------------------------


def test_loopback_refused_by_default(server, tmp_path):
    build_site(server)
    settings = crawl_settings(tmp_path, allow_private_urls=False)
    assert Settings().ingest.allow_private_urls is False
    store = ChunkStore(settings)
    summary = crawl_ingest(settings, store, HashingEmbedder(), [f"{server.base}/projekt/"])
    assert reasons(summary) == {f"{server.base}/projekt/": PRIVATE}
    assert server.site.seen == [] and sources(store) == set()


def test_guard_on_every_request_and_redirect(server, tmp_path):
    """The name resolves anew for every request: once it turns private, nothing more is sent;
    and a redirect towards a private address is refused by the guard before any request."""
    site, port = build_site(server), server.server_address[1]
    base = f"http://kommun.test:{port}"
    site.pages["/robots.txt"] = Page(b"User-agent: *\nDisallow:\n", "text/plain")
    site.pages["/projekt/gammal.html"] = Page(
        status=302, location=f"http://blockerad.test:{port}/projekt/p05.html"
    )
    calls = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        if host == "blockerad.test" or len(calls) > 6:
            return ["127.0.0.2"]  # a DNS answer that changes to a private address
        return ["127.0.0.1"]

    settings = crawl_settings(tmp_path, allow_private_urls=False)
    first = crawl_ingest(
        settings,
        ChunkStore(settings),
        HashingEmbedder(),
        [f"{base}/projekt/"],
        resolver=resolver,
        is_blocked="127.0.0.2".__eq__,
    )
    # robots, sitemap, the start page and its first three links; then the name turned private
    assert [s.path for s in site.seen] == [
        "/robots.txt",
        "/sitemap.xml",  # an index naming sitemaps on 127.0.0.1: another site, not read
        "/projekt/",
        "/projekt/p01.html",
        "/projekt/p05.html",
        "/projekt/p10.html",
    ]
    assert first.ingest.added == 4
    refused = {url for url, reason in reasons(first).items() if reason == PRIVATE}
    assert len(refused) == 18 and f"{base}/projekt/p30.html" in refused
    assert set(reasons(first)) - refused == {f"{base}/projekt/filer/underlag.zip"}

    site.seen.clear()
    calls.clear()
    redirected = crawl_ingest(
        settings,
        ChunkStore(settings),
        HashingEmbedder(),
        [f"{base}/projekt/gammal.html"],
        depth=0,
        resolver=lambda host, port: ["127.0.0.2" if host == "blockerad.test" else "127.0.0.1"],
        is_blocked="127.0.0.2".__eq__,
    )
    assert reasons(redirected)[f"{base}/projekt/gammal.html"] == PRIVATE
    assert "/projekt/p05.html" not in {s.path for s in site.seen}


# --- pace --------------------------------------------------------------------------------------


def test_host_pacer_spaces_requests_per_host():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = HostPacer(1.0, clock=lambda: now[0], sleep=sleep)
    assert pacer("a.test") == 0.0  # the first request to a host goes at once
    now[0] += 0.25
    assert pacer("a.test") == pytest.approx(0.75)
    assert pacer("b.test") == 0.0  # other hosts are paced on their own
    pacer.slow_down("a.test", 5.0)  # robots.txt Crawl-delay: 5
    assert pacer("a.test") == pytest.approx(5.0)
    pacer.slow_down("a.test", 0.1)  # never lowered
    pacer.slow_down("c.test", 3600)  # capped
    assert pacer.intervals == {"a.test": 5.0, "c.test": 30.0}


def test_robots_crawl_delay_paces_the_crawl(server, tmp_path):
    site, base = server.site, server.base
    site.pages["/robots.txt"] = Page(b"User-agent: *\nCrawl-delay: 0.3\n", "text/plain")
    for n in (1, 2, 3):
        set_project(site, n)
    links = "".join(f"<a href='p{n:02d}.html'>{n}</a>" for n in (1, 2, 3))
    site.pages["/projekt/"] = Page(f"<html><body><p>Projekt</p>{links}</body></html>".encode())
    settings = crawl_settings(tmp_path, crawl_delay_s=0.05)
    crawl_ingest(settings, ChunkStore(settings), HashingEmbedder(), [f"{base}/projekt/"])
    times = [s.at for s in site.seen]
    assert len(times) == 6  # robots, sitemap (404), start page, three projects
    # robots.txt is read before its Crawl-delay is known; the four requests after it are paced.
    # Arrival times jitter by some milliseconds, so the span is what is asserted exactly.
    gaps = [b - a for a, b in zip(times[1:], times[2:], strict=False)]
    assert times[-1] - times[1] >= 4 * 0.3 - 0.05, gaps
    assert min(gaps) >= 0.15, gaps


# --- scope ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "inside", "outside"),
    [
        ("http://k.test/projekt/", "http://k.test/projekt/a/b.html", "http://k.test/projektx"),
        ("http://k.test/projekt", "https://k.test/projekt/a.html", "http://k.test/om.html"),
        ("http://k.test/projekt/index.html", "http://k.test/projekt/", "http://k.test/"),
        ("http://k.test/", "http://K.TEST:80/allt", "http://k.test:8080/"),
    ],
)
def test_scope_is_host_and_folder(start, inside, outside):
    scope = Scope.of(normalize(start))
    assert scope.contains(normalize(inside))
    assert not scope.contains(normalize(outside))


# --- the command ---------------------------------------------------------------------------------


def test_cli_crawl(server, tmp_path):
    build_site(server)
    env = {
        "STODKOLLEN_HOME": str(tmp_path / "home"),
        "STODKOLLEN_EMBEDDING__MODEL": "hash",
        "STODKOLLEN_INGEST__ALLOW_PRIVATE_URLS": "true",
        "STODKOLLEN_INGEST__CRAWL_DELAY_S": "0",
        "STODKOLLEN_INGEST__MAX_FILE_MB": "0.1",
    }
    runner = CliRunner()
    url = f"{server.base}/projekt/"
    out = runner.invoke(main, ["ingest", url, "--crawl", "--depth", "1", "--json"], env=env)
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["fetched"] >= 23 and data["ingest"]["added"] >= 23
    text = runner.invoke(main, ["ingest", url, "--crawl", "--depth", "1"], env=env)
    assert text.exit_code == 0
    assert "oförändrade (304, ingen nedladdning): " in text.stdout
    assert "robots.txt tillåter inte hämtning" in text.stdout

    wrong = runner.invoke(main, ["ingest", url, "--depth", "1"], env=env)
    assert wrong.exit_code == 2 and "Fel: --depth" in wrong.stderr
    bad = runner.invoke(main, ["ingest", "data/sample", "--crawl"], env=env)
    assert bad.exit_code == 2 and "Fel: --crawl kräver webbadresser" in bad.stderr
