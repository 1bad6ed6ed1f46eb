"""Sitemaps: the page URLs a site lists, parsed by ultimate-sitemap-parser from bytes we fetched.

usp can download sitemaps itself (with requests, reading robots.txt and probing a dozen known
paths); it never does here. Every sitemap file is fetched by the guarded session (address guard on
every hop, robots.txt, size and time limits, the crawl's per-host pace) and only its text goes to
`usp.tree.sitemap_from_str`, which parses XML sitemaps, sitemap indexes, RSS/Atom feeds and plain
text lists without any network access. A sitemap index comes back with its children un-fetched
(usp's InvalidSitemap); we fetch those the same way, up to MAX_SITEMAPS files per site.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stodkollen.errors import SourceSkipped

if TYPE_CHECKING:
    from ingest.fetch import GuardedSession

log = logging.getLogger(__name__)

MAX_SITEMAPS = 20  # sitemap files read per site: an index and its children
NOT_A_SITEMAP = "ingen giltig sitemap (not a sitemap)"


@dataclass
class SitemapRead:
    """What one sitemap file gave: its page URLs, or why it gave none."""

    url: str
    pages: int = 0
    reason: str | None = None

    def to_dict(self) -> dict:
        out: dict = {"url": self.url, "pages": self.pages}
        if self.reason:
            out["reason"] = self.reason
        return out


def read_sitemaps(
    session: GuardedSession,
    urls: list[str],
    same_site: Callable[[str], bool],
    max_bytes: int,
) -> tuple[list[str], list[SitemapRead]]:
    """Page URLs listed by the sitemaps at `urls` and the index children they name.

    Only sitemaps for which `same_site` is true are fetched (a sitemap lists pages of its own
    host). Returns (page URLs in sitemap order without repeats, one SitemapRead per file).
    """
    from usp.objects.sitemap import InvalidSitemap
    from usp.tree import sitemap_from_str

    queue = [u for u in urls if same_site(u)]
    seen: set[str] = set()
    pages: dict[str, None] = {}
    reads: list[SitemapRead] = []
    while queue and len(reads) < MAX_SITEMAPS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            text = _fetch_text(session, url, max_bytes)
        except SourceSkipped as skip:
            reads.append(SitemapRead(url, reason=skip.reason))
            continue
        tree = sitemap_from_str(text)
        if isinstance(tree, InvalidSitemap):
            reads.append(SitemapRead(url, reason=NOT_A_SITEMAP))
            continue
        found = [page.url for page in tree.all_pages()]
        pages.update(dict.fromkeys(found))
        reads.append(SitemapRead(url, pages=len(found)))
        for child in tree.all_sitemaps():  # parsed from a string: no child was fetched
            if isinstance(child, InvalidSitemap) and same_site(child.url):
                queue.append(child.url)
    return list(pages), reads


def _fetch_text(session: GuardedSession, url: str, max_bytes: int) -> str:
    # Any content type: servers label sitemaps application/xml, text/xml, text/plain or gzip.
    fetched = session.fetch(url, allowed_types=None)
    if not 200 <= fetched.status < 300:
        raise SourceSkipped(url, f"HTTP {fetched.status}")
    body = fetched.body
    if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz (a Content-Encoding was already undone)
        body = _gunzip(body, url, max_bytes)
    return body.decode("utf-8", "replace")  # the sitemap protocol requires UTF-8


def _gunzip(data: bytes, url: str, max_bytes: int) -> bytes:
    """Decompress, stopping at max_bytes so a small bomb cannot fill the memory."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise SourceSkipped(url, f"trasig gzip-fil (broken gzip): {exc}") from exc
    if len(out) > max_bytes:
        raise SourceSkipped(url, "för stor (too large)")
    return out
