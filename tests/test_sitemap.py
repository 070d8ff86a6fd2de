"""The sitemap: one urlset with a lastmod on every URL (what Baidu reads), an index only past 50,000 pages; robots.txt."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from build_tools.site.sitemap import SitemapEntry, robots_txt, sitemap_files

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
DAY = dt.date(2025, 1, 1)


def test_one_urlset_with_every_page_and_its_lastmod() -> None:
    entries = [SitemapEntry(f"https://d.example.cn/faq/q-{i}/", DAY + dt.timedelta(days=i)) for i in range(3)]
    files = sitemap_files("https://d.example.cn/", entries)
    assert list(files) == ["sitemap.xml"]
    root = ET.fromstring(files["sitemap.xml"].encode())
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert [(u.findtext("s:loc", namespaces=NS), u.findtext("s:lastmod", namespaces=NS)) for u in root.findall("s:url", NS)] == [
        (e.url, e.lastmod.isoformat()) for e in entries
    ]


def test_past_the_limit_an_index_of_parts_each_dated_by_its_newest_page() -> None:
    entries = [SitemapEntry(f"https://d.example.cn/faq/q-{i}/", DAY + dt.timedelta(days=i)) for i in range(5)]
    files = sitemap_files("https://d.example.cn", entries, limit=2)
    assert list(files) == ["sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"].encode())
    assert [(s.findtext("s:loc", namespaces=NS), s.findtext("s:lastmod", namespaces=NS)) for s in index.findall("s:sitemap", NS)] == [
        ("https://d.example.cn/sitemaps/1.xml", "2025-01-02"), ("https://d.example.cn/sitemaps/2.xml", "2025-01-04"),
        ("https://d.example.cn/sitemaps/3.xml", "2025-01-05"),
    ]
    urls = [u.findtext("s:loc", namespaces=NS) for n in (1, 2, 3) for u in ET.fromstring(files[f"sitemaps/{n}.xml"].encode()).findall("s:url", NS)]
    assert urls == [e.url for e in entries]


def test_urls_are_escaped_and_an_empty_site_has_an_empty_urlset() -> None:
    files = sitemap_files("https://d.example.cn/", [SitemapEntry("https://d.example.cn/?a=1&b=<2>", DAY)])
    assert "https://d.example.cn/?a=1&amp;b=&lt;2&gt;" in files["sitemap.xml"]
    ET.fromstring(files["sitemap.xml"].encode())
    assert ET.fromstring(sitemap_files("https://d.example.cn/", [])["sitemap.xml"].encode()).findall("s:url", NS) == []


def test_robots_txt_names_the_sitemap_by_its_absolute_address() -> None:
    assert robots_txt("https://d.example.cn/shop/") == "User-agent: *\nAllow: /\n\nSitemap: https://d.example.cn/shop/sitemap.xml\n"
