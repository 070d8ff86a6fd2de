"""The sitemap: an index of parts, each capped, with the dates content last changed."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from build_tools.site.sitemap import PART_SIZE, SitemapEntry, sitemap_index, sitemap_parts

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_parts_are_capped_and_the_index_lists_each() -> None:
    entries = [SitemapEntry(f"https://d.example.cn/faq/q-{i}/", dt.date(2025, 1, 1) if i % 2 else None) for i in range(2 * PART_SIZE + 1)]
    parts = sitemap_parts(entries)
    assert list(parts) == ["sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml"]
    urls = []
    for text in parts.values():
        found = ET.fromstring(text.encode()).findall("s:url", NS)
        assert len(found) <= PART_SIZE
        urls += [u.findtext("s:loc", namespaces=NS) for u in found]
    assert urls == [e.url for e in entries]
    first = ET.fromstring(parts["sitemaps/1.xml"].encode()).findall("s:url", NS)
    assert first[0].find("s:lastmod", NS) is None and first[1].findtext("s:lastmod", namespaces=NS) == "2025-01-01"
    index = ET.fromstring(sitemap_index("https://d.example.cn/", len(entries)).encode())
    assert [s.findtext("s:loc", namespaces=NS) for s in index.findall("s:sitemap", NS)] == [
        f"https://d.example.cn/sitemaps/{n}.xml" for n in (1, 2, 3)
    ]


def test_urls_are_escaped_and_an_empty_site_still_has_one_part() -> None:
    parts = sitemap_parts([SitemapEntry("https://d.example.cn/?a=1&b=<2>")])
    assert "https://d.example.cn/?a=1&amp;b=&lt;2&gt;" in parts["sitemaps/1.xml"]
    ET.fromstring(parts["sitemaps/1.xml"].encode())
    assert list(sitemap_parts([])) == ["sitemaps/1.xml"]
    assert "sitemaps/1.xml" in sitemap_index("https://d.example.cn", 0)
