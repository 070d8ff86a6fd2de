"""The sitemap (sitemaps.org protocol) and the ``robots.txt`` that names it.

MkDocs writes one ``sitemap.xml`` with the build date as every page's ``lastmod``.
Here ``sitemap.xml`` is a plain ``urlset`` of every page — what Baidu reads (an index
alone is reported to be ignored by it) — and every URL has a ``lastmod``: the date its
content last changed where a page knows it (FAQ answers, posts), else the build's
estimate (see ``SiteBuild._lastmod``). Only a site beyond the protocol's 50,000 URLs
per file gets an index instead, over parts ``sitemaps/<n>.xml``, each with its
``lastmod`` too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

URLSET_LIMIT = 50_000  # URLs per file (sitemaps.org; Baidu's limit too). Files stay under 10 MB.
PARTS_DIR = "sitemaps"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


@dataclass(frozen=True)
class SitemapEntry:
    """One page: its absolute URL and when its content last changed."""

    url: str
    lastmod: dt.date


def _urlset(entries: list[SitemapEntry]) -> str:
    lines = "".join(f"  <url><loc>{escape(e.url)}</loc><lastmod>{e.lastmod.isoformat()}</lastmod></url>\n" for e in entries)
    return f"{_HEAD}<urlset {_NS}>\n{lines}</urlset>\n"


def sitemap_files(site_url: str, entries: list[SitemapEntry], limit: int = URLSET_LIMIT) -> dict[str, str]:
    """The sitemap files by site-relative path: ``sitemap.xml`` alone (a urlset), or, beyond
    ``limit`` pages, ``sitemap.xml`` as the index of ``sitemaps/<n>.xml`` parts."""
    if len(entries) <= limit:
        return {SITEMAP: _urlset(entries)}
    base = site_url.rstrip("/") + "/"
    files: dict[str, str] = {}
    index = []
    for number, start in enumerate(range(0, len(entries), limit), start=1):
        chunk = entries[start : start + limit]
        name = f"{PARTS_DIR}/{number}.xml"
        files[name] = _urlset(chunk)
        newest = max(e.lastmod for e in chunk)
        index.append(f"  <sitemap><loc>{escape(base + name)}</loc><lastmod>{newest.isoformat()}</lastmod></sitemap>\n")
    files[SITEMAP] = f"{_HEAD}<sitemapindex {_NS}>\n{''.join(index)}</sitemapindex>\n"
    return files


def robots_txt(site_url: str) -> str:
    """``robots.txt``: everything may be crawled; the sitemap's absolute address (Baidu and others read it here)."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/{SITEMAP}\n"
