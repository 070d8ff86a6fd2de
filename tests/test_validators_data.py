"""Machine-read data of the built sample and fixture sites, checked by rules written from the specs.

- Feeds: every ``rss.xml``/``atom.xml`` parsed by feedparser (not bozo), then RFC 4287 (Atom) and RSS 2.0 rules
  checked on the XML itself: ids are absolute URIs (IRIs percent-encoded), an author for every entry, the self
  link equal to the feed's own address, absolute links (also inside the item HTML), dates with a time zone.
- JSON-LD: every ``application/ld+json`` block of every page parsed, then checked per ``@type``.
- The head: a description of its own on every content page, ``og:image`` (absolute) and ``applicable-device``.
- Baidu: ``sitemap.xml`` is a plain urlset with ``lastmod`` on every URL; ``robots.txt`` names it.
"""

from __future__ import annotations

import email.utils
import html
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import feedparser
import pytest
from conftest import REPO, build_copy

SAMPLE_URL = "https://example.github.io/dealer-site/"
FIXTURE_URL = "https://dealer.example.cn/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# RFC 3339 date-time with a zone (Atom §3.3).
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$")
# RFC 822 / 2822 date with a numeric zone or a named one (RSS 2.0 pubDate).
RFC822 = re.compile(r"^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d(?::\d\d)? (?:[+-]\d{4}|GMT|UT|[ECMP][SD]T|Z)$")
# RFC 3986 URI: a scheme, then only unreserved, reserved and percent-encoded characters.
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$")
URL_ATTR = re.compile(r"""\s(?:href|src|poster|cite)=["']([^"']*)["']""")


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site (the repository's own content), built once for this module."""
    return build_copy(REPO, tmp_path_factory.mktemp("sample") / "src")


@pytest.fixture(scope="module", params=["sample", "fixture"])
def site(request: pytest.FixtureRequest) -> tuple[Path, str]:
    """Each built site with its ``site_url``."""
    if request.param == "sample":
        return request.getfixturevalue("sample_site"), SAMPLE_URL
    return request.getfixturevalue("built_site"), FIXTURE_URL


def location(site: Path, path: Path, site_url: str) -> str:
    """The address a file of the built site is served at: site_url plus its path, percent-encoded."""
    return site_url + quote(path.relative_to(site).as_posix(), safe="/")


def feeds(site: Path, name: str) -> list[Path]:
    return sorted(p for p in site.rglob(name) if not p.relative_to(site).as_posix().startswith("assets/"))


def is_absolute_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and URI.match(url) is not None


def html_links(fragment: str) -> list[str]:
    return [html.unescape(u) for u in URL_ATTR.findall(fragment)]


# -- feeds ----------------------------------------------------------------------


def test_the_sites_have_their_feeds(site: tuple[Path, str]) -> None:
    root, _ = site
    atom, rss = feeds(root, "atom.xml"), feeds(root, "rss.xml")
    assert len(atom) == len(rss) >= 3
    assert sorted(p.parent for p in atom) == sorted(p.parent for p in rss)


def test_atom_feeds_follow_rfc_4287(site: tuple[Path, str]) -> None:
    root, site_url = site
    for path in feeds(root, "atom.xml"):
        where = path.relative_to(root).as_posix()
        data = path.read_bytes()
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (where, parsed.get("bozo_exception"))
        feed = ET.fromstring(data)
        here = location(root, path, site_url)
        # §4.1.1: exactly one id, title, updated; the id an absolute URI (an IRI percent-encoded).
        for tag in ("id", "title", "updated"):
            assert len(feed.findall(ATOM + tag)) == 1, (where, tag)
        assert URI.match(feed.findtext(ATOM + "id") or ""), (where, feed.findtext(ATOM + "id"))
        assert RFC3339.match(feed.findtext(ATOM + "updated") or ""), where
        # The self link is where the feed is (§4.2.7.2), spelled as every other link to it.
        selves = [link.get("href") for link in feed.findall(ATOM + "link") if link.get("rel") == "self"]
        assert selves == [here], (where, selves)
        assert all(is_absolute_url(link.get("href") or "") for link in feed.iter(ATOM + "link")), where
        feed_author = feed.find(f"{ATOM}author/{ATOM}name")
        ids = []
        for entry in feed.findall(ATOM + "entry"):
            entry_id = entry.findtext(ATOM + "id") or ""
            ids.append(entry_id)
            assert URI.match(entry_id), (where, entry_id)
            for tag in ("title", "updated"):
                assert len(entry.findall(ATOM + tag)) == 1, (where, entry_id, tag)
            for tag in ("updated", "published"):
                for when in entry.findall(ATOM + tag):
                    assert RFC3339.match(when.text or ""), (where, entry_id, tag, when.text)
            # §4.1.2: an entry has an author, or the feed has one for it.
            author = entry.find(f"{ATOM}author/{ATOM}name")
            assert (author is not None and (author.text or "").strip()) or (feed_author is not None and (feed_author.text or "").strip()), (where, entry_id)
            assert [link.get("rel", "alternate") for link in entry.findall(ATOM + "link")].count("alternate") == 1, (where, entry_id)
            for link in entry.findall(ATOM + "link"):
                assert is_absolute_url(link.get("href") or ""), (where, link.get("href"))
            for content in (entry.findtext(ATOM + "content") or "", entry.findtext(ATOM + "summary") or ""):
                for url in html_links(content):
                    assert is_absolute_url(url) or url.startswith(("tel:", "mailto:")), (where, entry_id, url)
        assert len(ids) == len(set(ids)), where


def test_rss_feeds_follow_rss_2(site: tuple[Path, str]) -> None:
    root, site_url = site
    for path in feeds(root, "rss.xml"):
        where = path.relative_to(root).as_posix()
        data = path.read_bytes()
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (where, parsed.get("bozo_exception"))
        assert parsed.version == "rss20", where
        channel = ET.fromstring(data).find("channel")
        assert channel is not None
        for tag in ("title", "link", "description"):
            assert (channel.findtext(tag) or "").strip(), (where, tag)
        assert is_absolute_url(channel.findtext("link") or ""), where
        selves = [link.get("href") for link in channel.findall(ATOM + "link") if link.get("rel") == "self"]
        assert selves == [location(root, path, site_url)], (where, selves)
        for when in (channel.findtext("lastBuildDate"), channel.findtext("pubDate")):
            assert when is None or (RFC822.match(when) and email.utils.parsedate_tz(when) is not None), (where, when)
        for item in channel.findall("item"):
            guid = item.findtext("guid") or ""
            assert guid and URI.match(guid), (where, guid)
            assert (item.findtext("title") or item.findtext("description") or "").strip(), (where, guid)
            pub = item.findtext("pubDate") or ""
            assert RFC822.match(pub) and email.utils.parsedate_tz(pub) is not None, (where, guid, pub)
            assert is_absolute_url(item.findtext("link") or ""), (where, guid)
            for url in html_links(item.findtext("description") or ""):
                assert is_absolute_url(url) or url.startswith(("tel:", "mailto:")), (where, guid, url)


def pages(site: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(site.rglob("*.html")):
        yield path, path.read_text(encoding="utf-8")


def page_url(site: Path, path: Path, site_url: str) -> str:
    rel = path.relative_to(site).as_posix()
    return site_url + quote(rel.removesuffix("index.html"), safe="/")


def test_feed_links_of_pages_name_the_feeds_address(site: tuple[Path, str]) -> None:
    root, site_url = site
    addresses = {location(root, p, site_url) for name in ("rss.xml", "atom.xml") for p in feeds(root, name)}
    seen = set()
    for path, text in pages(root):
        if path.name == "404.html":
            continue
        for tag in re.findall(r"<link [^>]*rel=\"alternate\"[^>]*>", text):
            if "application/" not in tag:
                continue
            href = html.unescape(re.search(r'href="([^"]*)"', tag).group(1))  # type: ignore[union-attr]
            url = urljoin(page_url(root, path, site_url), href)
            assert url in addresses, (path.relative_to(root).as_posix(), href)
            seen.add(url)
    assert seen == addresses  # every feed is advertised somewhere


# -- Baidu: the sitemap and robots.txt ------------------------------------------


def test_sitemap_is_one_urlset_with_a_lastmod_on_every_page(site: tuple[Path, str]) -> None:
    root, site_url = site
    urlset = ET.parse(root / "sitemap.xml").getroot()
    assert urlset.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"  # not an index: Baidu ignores those
    urls = urlset.findall("s:url", SITEMAP_NS)
    locs = [u.findtext("s:loc", namespaces=SITEMAP_NS) or "" for u in urls]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", u.findtext("s:lastmod", namespaces=SITEMAP_NS) or "") for u in urls)
    assert all(is_absolute_url(loc) and loc.startswith(site_url) for loc in locs)
    pages_built = {page_url(root, p, site_url) for p, _ in pages(root) if p.name == "index.html"}
    assert set(locs) == pages_built and len(locs) == len(set(locs))
    assert not (root / "sitemaps").exists()


def test_robots_txt_names_the_sitemap(site: tuple[Path, str]) -> None:
    root, site_url = site
    lines = (root / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines and f"Sitemap: {site_url}sitemap.xml" in lines
    assert not any(line.startswith("Disallow: /") and line.strip() != "Disallow:" for line in lines)
