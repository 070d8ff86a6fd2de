"""The sitemap, split so that no file grows with the number of pages.

MkDocs writes one ``sitemap.xml`` listing every page (and the build date as every
page's ``lastmod``). Here ``sitemap.xml`` is a sitemap index (sitemaps.org protocol)
pointing at parts of at most :data:`PART_SIZE` pages each, ``sitemaps/<n>.xml``, and a
page's ``lastmod`` is the date its content last changed, where we know one (FAQ
answers, posts), else left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

PART_SIZE = 1000  # pages per part: ~120 KB; the protocol's limit is 50,000
PARTS_DIR = "sitemaps"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


@dataclass(frozen=True)
class SitemapEntry:
    """One page: its absolute URL and, if known, when its content last changed."""

    url: str
    lastmod: dt.date | None = None


def part_names(count: int) -> list[str]:
    """Site-relative paths of the parts needed for ``count`` pages (at least one)."""
    return [f"{PARTS_DIR}/{n}.xml" for n in range(1, max(1, -(-count // PART_SIZE)) + 1)]


def sitemap_index(site_url: str, count: int) -> str:
    """``sitemap.xml``: the index of the parts for ``count`` pages."""
    base = site_url.rstrip("/") + "/"
    items = "".join(f"  <sitemap><loc>{escape(base + name)}</loc></sitemap>\n" for name in part_names(count))
    return f"{_HEAD}<sitemapindex {_NS}>\n{items}</sitemapindex>\n"


def sitemap_parts(entries: list[SitemapEntry]) -> dict[str, str]:
    """The parts, by site-relative path, pages in the order given."""
    parts = {}
    for number, name in enumerate(part_names(len(entries))):
        lines = []
        for entry in entries[number * PART_SIZE : (number + 1) * PART_SIZE]:
            lastmod = f"<lastmod>{entry.lastmod.isoformat()}</lastmod>" if entry.lastmod else ""
            lines.append(f"  <url><loc>{escape(entry.url)}</loc>{lastmod}</url>\n")
        parts[name] = f"{_HEAD}<urlset {_NS}>\n{''.join(lines)}</urlset>\n"
    return parts
