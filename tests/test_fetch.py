"""The guarded URL fetcher, against a local http.server on 127.0.0.1 only.

No test sends traffic anywhere but loopback: other hosts exist only as names that an injected
resolver maps to 127.0.0.x, and public addresses are only classified, never contacted.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ingest.fetch import fetch_url, is_private_address
from ingest.loaders import load_source
from stodkollen.errors import SourceSkipped
from stodkollen.settings import IngestSettings, Settings

PAGE = (
    "<html><head><title>Projekt</title></head><body><nav>Meny</nav><article>"
    "<h1>Projekt i Mora</h1><p>Projektet i Mora får stöd från Tillväxtverket under 2021–2023 "
    "för att utveckla näringslivet i kommunen tillsammans med Orsa och Älvdalen.</p>"
    "</article></body></html>"
).encode()
PRIVATE = "adressen pekar på ett privat/lokalt nät (private address)"
ROBOTS = "robots.txt tillåter inte hämtning (disallowed by robots.txt)"


@dataclass(frozen=True)
class Seen:
    """What the server saw of one request."""

    path: str
    host: str
    user_agent: str


@dataclass
class Reply:
    status: int = 200
    body: bytes = PAGE
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # before the status line
    drip_s: float = 0.0  # between single bytes of the body
    length: bool = True  # send Content-Length


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Reply | Callable[[str], Reply]] = {"/page.html": Reply()}
        self.requests: list[Seen] = []
        self.stop = threading.Event()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def port(self) -> int:
        return self.server_address[1]

    def paths(self) -> list[str]:
        return [seen.path for seen in self.requests]

    def handle_error(self, request, client_address) -> None:
        pass  # clients hang up on purpose (size limits, timeouts)


class Handler(BaseHTTPRequestHandler):
    server: LocalServer

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        headers = self.headers
        self.server.requests.append(Seen(self.path, headers["Host"], headers["User-Agent"]))
        route = self.server.routes.get(self.path) or self.server.routes.get("*")
        reply = route(self.path) if callable(route) else route
        self._reply(reply or Reply(status=404, body=b"saknas", content_type="text/plain"))

    def _reply(self, reply: Reply) -> None:
        if reply.delay_s and self.server.stop.wait(reply.delay_s):
            return
        self.send_response(reply.status)
        if reply.content_type:
            self.send_header("Content-Type", reply.content_type)
        if reply.length:
            self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not reply.drip_s:
            self.wfile.write(reply.body)
            return
        for byte in reply.body:
            if self.server.stop.wait(reply.drip_s):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield srv
    finally:
        srv.stop.set()
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


def make_settings(tmp_path: Path, **ingest: object) -> Settings:
    values = {"url_timeout_s": 1.0, "allow_private_urls": True, **ingest}
    return Settings(home=tmp_path / "home", ingest=IngestSettings(**values))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def skipped(url: str, settings: Settings, **kwargs: object) -> SourceSkipped:
    with pytest.raises(SourceSkipped) as caught:
        fetch_url(url, settings, **kwargs)
    assert caught.value.source == url
    return caught.value


def no_dns(host: str, port: int) -> list[str]:
    raise AssertionError(f"resolver called for {host}")


# --- the address classifier ------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.0.1",
        "192.168.1.1",
        "127.0.0.1",
        "::1",
        "169.254.169.254",
        "fd00:ec2::254",
        "fe80::1",
        "0.0.0.0",
        "::",
        "100.64.0.1",
        "224.0.0.1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::a00:1",
        "2002:7f00:1::1",
        "inte-en-adress",
    ],
)
def test_private_addresses_are_recognised(address):
    assert is_private_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1::1", "::ffff:93.184.216.34"])
def test_public_addresses_are_allowed(address):
    assert not is_private_address(address)


# --- the guard -------------------------------------------------------------------------------


def test_loopback_refused_before_any_request(server, tmp_path):
    settings = make_settings(tmp_path, allow_private_urls=False)
    assert skipped(f"{server.base}/page.html", settings).reason == PRIVATE
    assert skipped(f"http://localhost:{server.port}/page.html", settings).reason == PRIVATE
    assert server.requests == []


def test_any_private_address_among_several_refuses(server, tmp_path):
    settings = make_settings(tmp_path, allow_private_urls=False)
    url = f"http://blandad.test:{server.port}/page.html"

    def mixed(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "127.0.0.1"]

    assert skipped(url, settings, resolver=mixed).reason == PRIVATE
    assert server.requests == []


def test_metadata_address_refused_even_when_private_allowed(settings):
    def metadata(host: str, port: int) -> list[str]:
        return ["169.254.169.254"]

    assert skipped("http://moln.test/latest/", settings, resolver=metadata).reason == PRIVATE


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.invalid/a.txt", "gopher://x"])
def test_only_http_and_https(settings, url):
    assert "http" in skipped(url, settings, resolver=no_dns).reason


def test_redirect_to_blocked_host_is_refused(server, tmp_path):
    """The guard is on; only 127.0.0.2 counts as private, and every hop is re-checked."""
    settings = make_settings(tmp_path, allow_private_urls=False)
    hosts = {"tillaten.test": ["127.0.0.1"], "blockerad.test": ["127.0.0.2"]}
    target = f"http://blockerad.test:{server.port}/page.html"
    server.routes["/vidare"] = Reply(status=302, headers={"Location": target})
    url = f"http://tillaten.test:{server.port}/vidare"

    exc = skipped(
        url, settings, resolver=lambda host, port: hosts[host], is_blocked="127.0.0.2".__eq__
    )

    assert exc.reason == PRIVATE
    assert server.paths() == ["/robots.txt", "/vidare"]
    # The connection went to the checked address while the Host header kept the name.
    assert {seen.host for seen in server.requests} == {f"tillaten.test:{server.port}"}


def test_redirect_to_other_scheme_is_refused(server, settings):
    server.routes["/fil"] = Reply(status=301, headers={"Location": "file:///etc/passwd"})
    assert "http" in skipped(f"{server.base}/fil", settings).reason


# --- fetching --------------------------------------------------------------------------------


def test_html_page_is_fetched(server, settings):
    body, content_type, final_url = fetch_url(f"{server.base}/page.html", settings)
    assert (body, content_type, final_url) == (
        PAGE,
        "text/html; charset=utf-8",
        f"{server.base}/page.html",
    )
    assert server.requests[-1].host == f"127.0.0.1:{server.port}"


def test_user_agent_from_settings(server, tmp_path):
    fetch_url(f"{server.base}/page.html", make_settings(tmp_path, user_agent="Testagent/9"))
    assert [(seen.path, seen.user_agent) for seen in server.requests] == [
        ("/robots.txt", "Testagent/9"),
        ("/page.html", "Testagent/9"),
    ]


def test_robots_disallow_is_honoured(server, settings):
    robots = b"User-agent: *\nDisallow: /privat/\n"
    server.routes["/robots.txt"] = Reply(body=robots, content_type="text/plain")
    server.routes["/privat/sida.html"] = Reply()
    assert skipped(f"{server.base}/privat/sida.html", settings).reason == ROBOTS
    assert "/privat/sida.html" not in server.paths()
    assert fetch_url(f"{server.base}/page.html", settings)[0] == PAGE


def test_robots_for_our_agent_only(server, tmp_path):
    robots = b"User-agent: Stodkollen\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    server.routes["/robots.txt"] = Reply(body=robots, content_type="text/plain")
    assert skipped(f"{server.base}/page.html", make_settings(tmp_path)).reason == ROBOTS
    other = make_settings(tmp_path, user_agent="Annan/1.0")
    assert fetch_url(f"{server.base}/page.html", other)[0] == PAGE


def test_robots_server_error_means_disallowed(server, settings):
    server.routes["/robots.txt"] = Reply(status=503, body=b"", content_type="text/plain")
    assert skipped(f"{server.base}/page.html", settings).reason == ROBOTS


def chain(path: str) -> Reply:
    step = int(path.rsplit("/", 1)[1])
    if step == 0:
        return Reply()
    return Reply(status=302, body=b"", headers={"Location": f"/r/{step - 1}"})


def test_redirect_chain_is_followed(server, settings):
    server.routes["*"] = lambda path: chain(path) if path.startswith("/r/") else None
    body, _type, final_url = fetch_url(f"{server.base}/r/5", settings)
    assert body == PAGE
    assert final_url == f"{server.base}/r/0"
    assert server.paths().count("/robots.txt") == 1  # one origin, asked once


def test_redirect_chain_is_capped(server, settings):
    server.routes["*"] = lambda path: chain(path) if path.startswith("/r/") else None
    assert "omdirigeringar" in skipped(f"{server.base}/r/6", settings).reason
    assert "/r/0" not in server.paths()


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "streamed"])
def test_oversize_response_is_cut_off(server, tmp_path, declared):
    settings = make_settings(tmp_path, max_file_mb=0.01)  # about 10 kB
    server.routes["/stor.txt"] = Reply(
        body=b"a" * 200_000, content_type="text/plain", length=declared
    )
    assert skipped(f"{server.base}/stor.txt", settings).reason == "för stor (too large)"


@pytest.mark.parametrize("content_type", ["image/png", "application/octet-stream", None])
def test_wrong_content_type_is_skipped(server, settings, content_type):
    server.routes["/fil"] = Reply(body=b"\x89PNG", content_type=content_type)
    reason = skipped(f"{server.base}/fil", settings).reason
    assert reason.startswith("fel innehållstyp (unsupported content type)")


def test_slow_server_hits_the_timeout(server, settings):
    server.routes["/seg"] = Reply(delay_s=5)
    started = time.monotonic()
    assert skipped(f"{server.base}/seg", settings).reason == "tidsgräns (timeout)"
    assert time.monotonic() - started < 2.5


def test_time_limit_is_total_not_per_read(server, settings):
    # Each byte arrives well within a read timeout; the whole body would take 4 s.
    server.routes["/droppar"] = Reply(body=b"x" * 20, content_type="text/plain", drip_s=0.2)
    started = time.monotonic()
    assert skipped(f"{server.base}/droppar", settings).reason == "tidsgräns (timeout)"
    assert time.monotonic() - started < 2.5


def test_not_found_is_skipped(server, settings):
    assert skipped(f"{server.base}/saknas.html", settings).reason == "HTTP 404"


def test_unreachable_port(tmp_path, settings):
    srv = LocalServer()  # bound, then closed: nothing listens on the port any more
    port = srv.server_address[1]
    srv.server_close()
    reason = skipped(f"http://127.0.0.1:{port}/", settings).reason
    assert reason.startswith("kunde inte nås (unreachable)")


# --- load_source on URLs ---------------------------------------------------------------------


def test_load_source_parses_a_fetched_page(server, settings):
    url = f"{server.base}/page.html"
    doc = load_source(url, settings)
    assert (doc.source, doc.fmt, doc.path) == (url, "html", None)
    assert doc.text.startswith("Projekt i Mora\n\nProjektet i Mora får stöd")
    assert "Meny" not in doc.text


def test_load_source_uses_the_declared_charset(server, settings):
    text = "Stöd till Västerås och Gävle för 2022."
    server.routes["/gammal.txt"] = Reply(
        body=text.encode("cp1252"), content_type="text/plain; charset=windows-1252"
    )
    doc = load_source(f"{server.base}/gammal.txt", settings)
    assert (doc.text, doc.fmt) == (text, "txt")


def test_load_source_reports_fetch_errors_by_url(server, tmp_path):
    url = f"{server.base}/page.html"
    with pytest.raises(SourceSkipped) as caught:
        load_source(url, make_settings(tmp_path, allow_private_urls=False))
    assert (caught.value.source, caught.value.reason) == (url, PRIVATE)
