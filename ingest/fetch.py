"""Fetch URLs safely: http(s) only, public addresses only, robots.txt, time and size limits.

The guard resolves every host itself, refuses private addresses and then connects to the address
it checked (the host name travels in the Host header and TLS SNI), so a DNS answer cannot change
between the check and the connection. Redirects are followed by hand so every hop is re-checked.

robots.txt is read with protego (Google-style `*` and `$` patterns, longest match wins). One
GuardedSession serves one URL (fetch_url) or a whole crawl (ingest/crawl.py), which adds a
per-host pace and conditional requests.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
from protego import Protego

from stodkollen.errors import SourceSkipped

if TYPE_CHECKING:
    from stodkollen.settings import Settings

Resolver = Callable[[str, int], list[str]]  # (host, port) -> IP address strings
AddressCheck = Callable[[str], bool]  # IP address string -> True when it must not be fetched
Pace = Callable[[str], float]  # host -> seconds waited before a request to it may be sent
HopCheck = Callable[[httpx.URL], str | None]  # a redirect target -> reason to refuse it, or None

MAX_REDIRECTS = 5
ALLOWED_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "application/pdf"}
)
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309 lets crawlers ignore robots.txt content past 500 KiB

PRIVATE = "adressen pekar på ett privat/lokalt nät (private address)"
DISALLOWED = "robots.txt tillåter inte hämtning (disallowed by robots.txt)"
TIMEOUT = "tidsgräns (timeout)"
TOO_LARGE = "för stor (too large)"
REDIRECT_LOOP = "omdirigeringsslinga (redirect loop)"

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_METADATA = frozenset(ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_ACCEPT = "text/html,application/xhtml+xml,text/plain,text/markdown,application/pdf;q=0.9"
_ALLOW_ALL = Protego.parse("")
_DISALLOW_ALL = Protego.parse("User-agent: *\nDisallow: /\n")


def resolve_host(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for a host (IPv4 and IPv6), in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_private_address(address: str) -> bool:
    """True for any address that is not plainly on the public internet (fails closed)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv6 form that carries an IPv4 address reaches that IPv4 host: judge the inner one.
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip in _NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            return is_private_address(str(inner))
    return (
        ip in _METADATA
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global  # catches ranges such as 100.64.0.0/10 that are neither
    )


def fetch_url(
    url: str,
    settings: Settings,
    *,
    resolver: Resolver | None = None,
    is_blocked: AddressCheck | None = None,
) -> tuple[bytes, str, str]:
    """Download one http(s) URL under the guard: (body, Content-Type header, final URL).

    `resolver` and `is_blocked` replace DNS and the address classifier (tests inject fakes).
    Raises SourceSkipped with a Swedish (English) reason for anything refused or failed.
    """
    with GuardedSession(settings, resolver=resolver, is_blocked=is_blocked) as session:
        response = session.fetch(url)
    if not 200 <= response.status < 300:
        raise SourceSkipped(url, f"HTTP {response.status}")
    return response.body, response.content_type, str(response.url)


@dataclass
class Fetched:
    """One answer, after redirects."""

    status: int
    content_type: str
    body: bytes  # empty unless the status is 2xx
    url: httpx.URL  # the final URL
    etag: str | None = None
    last_modified: str | None = None


class GuardedSession:
    """Guarded fetches sharing one connection pool and the robots.txt answers per origin.

    Each fetch() has its own deadline (url_timeout_s, not counting time spent waiting for
    `pace`). `pace`, when given, is called with the host before every request, robots.txt and
    redirect hops included, and waits until that host may be asked again.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        resolver: Resolver | None = None,
        is_blocked: AddressCheck | None = None,
        pace: Pace | None = None,
    ):
        ingest = settings.ingest
        self.source = ""
        self.timeout_s = ingest.url_timeout_s
        self.deadline = time.monotonic() + self.timeout_s
        self.max_bytes = int(ingest.max_file_mb * 1024 * 1024)
        self.user_agent = ingest.user_agent
        self.allow_private = ingest.allow_private_urls
        self.resolver = resolver or resolve_host
        self.is_blocked = is_blocked or is_private_address
        self.pace = pace
        self.requests = 0  # requests sent, robots.txt and redirect hops included
        self.robots_files: dict[str, Protego] = {}
        # trust_env=False: a proxy from the environment would resolve names itself and defeat
        # the address check; redirects are followed by hand so each hop is checked.
        self.client = httpx.Client(
            trust_env=False,
            follow_redirects=False,
            headers={"User-Agent": ingest.user_agent, "Accept": _ACCEPT},
        )

    def __enter__(self) -> GuardedSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.client.close()

    def skip(self, reason: str) -> SourceSkipped:
        return SourceSkipped(self.source, reason)

    def fetch(
        self,
        url: str,
        *,
        allowed_types: frozenset[str] | None = ALLOWED_TYPES,
        headers: dict[str, str] | None = None,
        hop_check: HopCheck | None = None,
    ) -> Fetched:
        """One guarded GET of `url` (SourceSkipped names it); any status comes back.

        `allowed_types=None` accepts any content type. `headers` go with every hop (e.g.
        If-None-Match). `hop_check` may refuse a redirect target after the address guard
        passed it and before anything is sent to it.
        """
        self._begin(url)
        return self.get(url, allowed_types=allowed_types, headers=headers, hop_check=hop_check)

    def robots(self, url: str) -> Protego:
        """The robots.txt rules of a URL's origin, read once per session."""
        self._begin(url)
        return self._robots(self._parse(url))

    def _begin(self, source: str) -> None:
        self.source = source
        self.deadline = time.monotonic() + self.timeout_s

    def get(
        self,
        url: str,
        *,
        allowed_types: frozenset[str] | None = None,
        for_robots: bool = False,
        headers: dict[str, str] | None = None,
        hop_check: HopCheck | None = None,
    ) -> Fetched:
        """GET with guarded redirects; reads the body only for 2xx answers.

        robots.txt itself is fetched with for_robots=True: not checked against itself, and cut
        at ROBOTS_MAX_BYTES instead of refused when large.
        """
        visited: set[str] = set()
        for hop in range(MAX_REDIRECTS + 1):
            target = self._parse(url)
            if str(target) in visited:
                raise self.skip(REDIRECT_LOOP)
            visited.add(str(target))
            addresses = self._checked_addresses(target)
            if hop and hop_check is not None and (reason := hop_check(target)):
                raise self.skip(reason)
            if not for_robots and not self._robots(target).can_fetch(str(target), self.user_agent):
                raise self.skip(DISALLOWED)
            response = self._send(target, addresses, headers or {})
            try:
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    url = str(target.join(location))
                    continue
                return self._finish(response, target, allowed_types, truncate=for_robots)
            finally:
                response.close()
        raise self.skip(f"för många omdirigeringar (more than {MAX_REDIRECTS} redirects)")

    def _parse(self, url: str) -> httpx.URL:
        # Parse with httpx itself: a second URL parser could disagree about the host.
        try:
            target = httpx.URL(url)
        except (httpx.InvalidURL, TypeError) as exc:
            raise self.skip(f"ogiltig adress (invalid URL): {exc}") from exc
        if target.scheme not in ("http", "https"):
            raise self.skip(f"bara http och https stöds (unsupported scheme {target.scheme!r})")
        if not target.raw_host:
            raise self.skip("ogiltig adress (invalid URL): värd saknas (no host)")
        return target

    def _checked_addresses(self, target: httpx.URL) -> list[str]:
        port = target.port or (443 if target.scheme == "https" else 80)
        try:
            addresses = self.resolver(target.raw_host.decode("ascii"), port)
        except (OSError, UnicodeError) as exc:
            raise self.skip(f"kunde inte nås (unreachable): {exc}") from exc
        if not addresses:
            raise self.skip("kunde inte nås (unreachable): inga adresser (no addresses)")
        for address in addresses:
            # The metadata endpoint stays refused even when tests allow private addresses.
            if _is_metadata(address) or (not self.allow_private and self.is_blocked(address)):
                raise self.skip(PRIVATE)
        return addresses

    def _robots(self, target: httpx.URL) -> Protego:
        origin = f"{target.scheme}://{target.netloc.decode('ascii')}"
        if origin not in self.robots_files:
            self.robots_files[origin] = self._read_robots(target)
        return self.robots_files[origin]

    def _read_robots(self, target: httpx.URL) -> Protego:
        response = self.get(str(target.join("/robots.txt")), for_robots=True)
        # RFC 9309: a missing file allows everything; a server error means "assume disallowed".
        # 401/403 count as disallowed, as urllib.robotparser does.
        if response.status in (401, 403) or response.status >= 500:
            return _DISALLOW_ALL
        if not 200 <= response.status < 300:
            return _ALLOW_ALL
        return Protego.parse(response.body.decode("utf-8", "replace"))

    def _send(
        self, target: httpx.URL, addresses: list[str], headers: dict[str, str]
    ) -> httpx.Response:
        """Connect to the checked addresses in turn, naming the host in Host and SNI."""
        if self.pace is not None:
            self.deadline += self.pace(target.host)  # waiting politely is not the server's time
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        error: Exception | None = None
        for address in addresses:
            request = self.client.build_request(
                "GET",
                target.copy_with(host=address),
                headers={**headers, "Host": target.netloc.decode("ascii")},
                extensions=extensions,
                timeout=self._remaining(),
            )
            self.requests += 1
            try:
                return self.client.send(request, stream=True)
            except httpx.ConnectError as exc:
                error = exc  # this address is down; the next checked one may answer
            except httpx.TimeoutException as exc:
                raise self.skip(TIMEOUT) from exc
            except httpx.HTTPError as exc:
                raise self.skip(f"kunde inte nås (unreachable): {exc}") from exc
        raise self.skip(f"kunde inte nås (unreachable): {error}") from error

    def _finish(
        self,
        response: httpx.Response,
        target: httpx.URL,
        allowed_types: frozenset[str] | None,
        *,
        truncate: bool,
    ) -> Fetched:
        content_type = response.headers.get("content-type", "").strip()
        validators = response.headers.get("etag"), response.headers.get("last-modified")
        if not 200 <= response.status_code < 300:
            return Fetched(response.status_code, content_type, b"", target, *validators)
        mime = content_type.split(";")[0].strip().lower()
        if allowed_types is not None and mime not in allowed_types:
            raise self.skip(f"fel innehållstyp (unsupported content type) {mime or 'saknas'}")
        body = self._read_body(response, truncate=truncate)
        return Fetched(response.status_code, content_type, body, target, *validators)

    def _read_body(self, response: httpx.Response, *, truncate: bool) -> bytes:
        """Stream the body, stopping at the size limit and at the deadline."""
        limit = ROBOTS_MAX_BYTES if truncate else self.max_bytes
        declared = response.headers.get("content-length", "")
        if not truncate and declared.isdigit() and int(declared) > limit:
            raise self.skip(TOO_LARGE)
        chunks: list[bytes] = []
        size = 0
        try:
            # iter_bytes counts decompressed bytes, so a gzip bomb also hits the limit.
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > limit and not truncate:
                    raise self.skip(TOO_LARGE)
                if size > limit:
                    break
                if time.monotonic() > self.deadline:  # a slow drip never trips a read timeout
                    raise self.skip(TIMEOUT)
        except httpx.TimeoutException as exc:
            raise self.skip(TIMEOUT) from exc
        except httpx.HTTPError as exc:
            raise self.skip(f"kunde inte nås (unreachable): {exc}") from exc
        return b"".join(chunks)[:limit]

    def _remaining(self) -> httpx.Timeout:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise self.skip(TIMEOUT)
        return httpx.Timeout(remaining)


def _is_metadata(address: str) -> bool:
    try:
        return ipaddress.ip_address(address) in _METADATA
    except ValueError:
        return True
