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
        for tag in re.findall(r"<link [^>]*rel=\"alternate feed\"[^>]*>", text):
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
    # Every built page but those that ask search engines to keep out (the survey pages).
    pages_built = {page_url(root, p, site_url) for p, text in pages(root)
                   if p.name == "index.html" and 'name="robots" content="noindex' not in text}
    assert pages_built
    assert set(locs) == pages_built and len(locs) == len(set(locs))
    assert not (root / "sitemaps").exists()


def test_robots_txt_names_the_sitemap(site: tuple[Path, str]) -> None:
    root, site_url = site
    lines = (root / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines and f"Sitemap: {site_url}sitemap.xml" in lines
    assert not any(line.startswith("Disallow: /") and line.strip() != "Disallow:" for line in lines)


# -- JSON-LD --------------------------------------------------------------------

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
ZONED = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)$")
DAYS = {f"https://schema.org/{d}" for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}


def jsonld(text: str) -> list[dict[str, Any]]:
    """Every JSON-LD object of a page (a block may hold one object, a list or an @graph)."""
    found: list[dict[str, Any]] = []
    for block in LD_JSON.findall(text):
        data = json.loads(block)  # a block that does not parse fails here
        for item in data if isinstance(data, list) else data.get("@graph", [data]):
            assert isinstance(item, dict)
            found.append(item)
    return found


def check_image(value: Any) -> None:
    urls = value if isinstance(value, list) else [value]
    assert urls and all(isinstance(u, str) and is_absolute_url(u) for u in urls), value


def check_car(car: dict[str, Any], sample: bool) -> None:
    assert car["name"] and is_absolute_url(car["url"])
    assert car["itemCondition"] == "https://schema.org/NewCondition"
    if sample or "image" in car:  # every sample model has a picture; a fixture model may have none
        check_image(car["image"])
    if sample:  # the sample configures the brand it sells
        assert car["brand"]["@type"] == "Brand" and car["brand"]["name"]
    offer = car["offers"]
    assert offer["@type"] == "Offer" and offer["priceCurrency"] == "CNY"
    assert isinstance(offer["price"], int | float) and offer["price"] > 0


def check_dealer(dealer: dict[str, Any], phones: dict[str, str]) -> None:
    assert dealer["name"]
    assert re.fullmatch(r"\+86-\d{2,4}(?:-\d{3,4}){1,2}", dealer["telephone"]), dealer["telephone"]
    # Derived from the configured phone: the same digits without the trunk 0.
    configured = phones[dealer["name"]]
    assert re.sub(r"\D", "", dealer["telephone"]) == "86" + re.sub(r"\D", "", configured).removeprefix("0")
    address = dealer["address"]
    assert address["@type"] == "PostalAddress" and address["streetAddress"] and address["addressCountry"] == "CN"
    assert "openingHours" not in dealer  # free text there is not schema.org's form; the structured field is below
    for spec in dealer.get("openingHoursSpecification", []):
        assert spec["@type"] == "OpeningHoursSpecification" and set(spec["dayOfWeek"]) <= DAYS and spec["dayOfWeek"]
        assert re.fullmatch(r"\d\d:\d\d", spec["opens"]) and re.fullmatch(r"\d\d:\d\d", spec["closes"]) and spec["opens"] < spec["closes"]
    if "geo" in dealer:
        assert dealer["geo"]["@type"] == "GeoCoordinates"
        assert -90 <= dealer["geo"]["latitude"] <= 90 and -180 <= dealer["geo"]["longitude"] <= 180


def check_posting(post: dict[str, Any]) -> None:
    assert post["headline"] and is_absolute_url(post["url"])
    assert ZONED.match(post["datePublished"]) and ZONED.match(post["dateModified"]), post
    authors = post["author"] if isinstance(post["author"], list) else [post["author"]]
    assert authors and all(a["@type"] in ("Person", "Organization") and a["name"] for a in authors)
    check_image(post["image"])
    assert post["publisher"]["@type"] == "Organization" and post["publisher"]["name"]


def check_faq(faq: dict[str, Any]) -> None:
    assert faq["mainEntity"]
    for question in faq["mainEntity"]:
        assert question["@type"] == "Question" and question["name"]
        assert question["acceptedAnswer"]["@type"] == "Answer" and question["acceptedAnswer"]["text"].strip()


def check_breadcrumbs(crumbs: dict[str, Any]) -> None:
    items = crumbs["itemListElement"]
    assert [i["position"] for i in items] == list(range(1, len(items) + 1))
    assert all(i["name"] and is_absolute_url(i["item"]) for i in items)


def locations(root: Path) -> dict[str, str]:
    """Location name → phone, as configured in the site's dealers.yml."""
    import yaml

    data = yaml.safe_load((root.parent / "content" / "dealers.yml").read_text(encoding="utf-8"))
    return {x["name"]: str(x["phone"]) for x in data}


def test_json_ld_of_every_page_parses_and_has_what_its_type_needs(site: tuple[Path, str]) -> None:
    root, site_url = site
    phones = locations(root)
    sample = site_url == SAMPLE_URL
    kinds: Counter[str] = Counter()
    for path, text in pages(root):
        rel = path.relative_to(root).as_posix()
        objects = jsonld(text)
        types = Counter(o["@type"] for o in objects)
        kinds.update(types)
        for data in objects:
            assert data["@context"] == "https://schema.org", rel
            {"Car": lambda d: check_car(d, sample), "AutoDealer": lambda d: check_dealer(d, phones), "BlogPosting": check_posting,
             "FAQPage": check_faq, "BreadcrumbList": check_breadcrumbs}.get(data["@type"], lambda d: None)(data)
        if rel == "index.html":
            assert types["AutoDealer"] == 1 and types["WebSite"] == 1, rel
            site_data = next(o for o in objects if o["@type"] == "WebSite")
            assert site_data["url"] == site_url and "potentialAction" not in site_data  # the search takes no URL query
        if re.fullmatch(r"models/[a-z0-9-]+/index.html", rel) and rel != "models/compare/index.html":
            assert types["Car"] == 1, rel
        if re.fullmatch(r"faq/(?!category/)[a-z0-9-]+/index.html", rel):
            assert types["FAQPage"] == 1 and types["BreadcrumbList"] == 1, rel
        if re.fullmatch(r"blog/\d{4}/\d\d/\d\d/[^/]+/index.html", rel):
            assert types["BlogPosting"] == 1, rel
        if rel == "dealers/index.html":
            assert types["AutoDealer"] == len(phones), rel
    assert kinds["Car"] and kinds["FAQPage"] and kinds["AutoDealer"]


def test_sample_dealers_have_structured_hours_and_coordinates(sample_site: Path) -> None:
    dealers = [o for o in jsonld((sample_site / "dealers" / "index.html").read_text(encoding="utf-8")) if o["@type"] == "AutoDealer"]
    first = dealers[0]
    assert first["telephone"] == "+86-731-8888-0000"
    week = [f"https://schema.org/{d}" for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")]
    assert first["openingHoursSpecification"] == [{"@type": "OpeningHoursSpecification", "dayOfWeek": week, "opens": "08:30", "closes": "18:00"}]
    assert first["geo"] == {"@type": "GeoCoordinates", "latitude": 28.2435, "longitude": 113.0823}
    assert all(d["openingHoursSpecification"] for d in dealers)
    posts = [o for p in (sample_site / "blog").rglob("index.html") for o in jsonld(p.read_text(encoding="utf-8")) if o["@type"] == "BlogPosting"]
    assert len(posts) == 4 and all(p["datePublished"].endswith("+08:00") for p in posts)


# -- the head: description, og:image, applicable-device -------------------------

META = re.compile(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"')


def head_meta(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in META.findall(text):
        found.setdefault(name, []).append(html.unescape(value))
    return found


def test_every_page_has_its_own_description_og_image_and_applicable_device(site: tuple[Path, str]) -> None:
    root, site_url = site
    descriptions: dict[str, str] = {}
    for path, text in pages(root):
        rel = path.relative_to(root).as_posix()
        meta = head_meta(text)
        assert meta.get("applicable-device") == ["pc,mobile"], rel
        # The sample has a default picture (its home page's); the fixture site has none, so only pages with their own.
        if site_url == SAMPLE_URL or "og:image" in meta:
            assert len(meta.get("og:image", [])) == 1 and is_absolute_url(meta["og:image"][0]), rel
        if site_url != SAMPLE_URL and "description" not in meta:
            continue  # the fixture site has no site_description for its lists and 404 page
        assert len(meta.get("description", [])) == 1, rel
        value = meta["description"][0]
        assert value.strip() and "<" not in value and len(value) <= 120, (rel, value)
        descriptions[rel] = value
    shared = Counter(descriptions.values())
    site_wide = [rel for rel, d in descriptions.items() if shared[d] > 1]
    # Content pages (answers, models, posts, promotions) never share a description.
    content_page = re.compile(r"^(faq/(?!category/)[a-z0-9-]+|models/(?!compare/)[a-z0-9-]+|blog/\d{4}/\d\d/\d\d/[^/]+|promotions/[a-z0-9-]+)/index.html$")
    assert not [rel for rel in site_wide if content_page.match(rel)], site_wide



def test_descriptions_are_cut_at_a_sentence_end_or_marked_as_cut() -> None:
    from build_tools.core.pages import description

    assert description("首保免费。\n\n  请带上保养手册。") == "首保免费。请带上保养手册。"  # no space between Chinese paragraphs
    long = "首次保养建议在行驶五千公里时进行。" * 10
    assert description(long) == "首次保养建议在行驶五千公里时进行。" * 7  # 119 characters, ending a sentence
    no_stop = "很长的一句话没有标点" * 20
    cut = description(no_stop)
    assert len(cut) == 120 and cut.endswith("…")
    assert description("ASX 2.0L CVT") == "ASX 2.0L CVT"
