"""RSS 2.0 and Atom feeds from plain records, written with feedgen.

Plain :class:`FeedItem` and :class:`FeedSpec` records in, feed files out: nothing
here knows MkDocs, so every rule (order, limit, ids, absolute URLs, escaping) is
unit-testable. The adapter collects the rendered HTML of posts and FAQ answers
and calls :func:`write_feeds` once per build.

Every feed folder gets both formats: ``<folder>rss.xml`` and ``<folder>atom.xml``.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from feedgen.feed import FeedGenerator

from .pages import Rendered

# (file name, MIME type) of each format, in the order pages advertise them.
FORMATS: dict[str, tuple[str, str]] = {
    "rss": ("rss.xml", "application/rss+xml"),
    "atom": ("atom.xml", "application/atom+xml"),
}
DEFAULT_LIMIT = 20
LANGUAGE = "zh-CN"
EXCERPT_SEPARATOR = "<!-- more -->"

# Attributes that hold a URL in the HTML that Python-Markdown and MkDocs write.
_URL_ATTR = re.compile(r"""(\s(?:href|src|poster|cite)=)(["'])(.*?)\2""", re.I | re.S)
_SRCSET = re.compile(r"""(\ssrcset=)(["'])(.*?)\2""", re.I | re.S)


class FeedError(ValueError):
    """A feed cannot be written as configured (e.g. no absolute site address)."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: a post or an FAQ answer, already rendered to HTML."""

    id: str  # stable: never derived from the title or text (see tag_uri)
    title: str
    link: str  # absolute URL of the item's page
    published: dt.datetime  # time-zone aware
    content: str  # HTML whose links and images are absolute URLs
    updated: dt.datetime | None = None
    summary: str = ""
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()

    @property
    def last_modified(self) -> dt.datetime:
        return self.updated or self.published


@dataclass(frozen=True)
class FeedSpec:
    """A feed: where it goes, what it is called, the page it belongs to, its items."""

    folder: str  # site-relative folder ending in "/", e.g. "blog/" or "models/asx/"
    title: str
    description: str
    link: str  # absolute URL of the page the feed belongs to
    items: tuple[FeedItem, ...] = ()
    # FAQ feeds list new *and updated* answers, so they sort by the last change.
    by_updated: bool = False
    # Who writes the feed (the dealer): Atom's feed-level author, which entries without their
    # own author (FAQ answers, promotions) inherit (RFC 4287 §4.1.2).
    author: str = ""

    def path(self, fmt: str) -> str:
        """Site-relative path of this feed in ``fmt`` (``rss`` or ``atom``), as the file is named on disk."""
        return self.folder + FORMATS[fmt][0]

    def href(self, fmt: str) -> str:
        """The feed's site-relative URL: :meth:`path` percent-encoded (``blog/category/%E6%96%B0%E9%97%BB/atom.xml``).

        One spelling everywhere (``<link rel="alternate">``, the 订阅 link, the feed's own
        id and self link), so the self link equals the address a reader fetched it from.
        """
        return site_path(self.path(fmt))


def site_path(path: str) -> str:
    """A site-relative path as a URL path: UTF-8 percent-encoded, ``/`` kept (an IRI made a URI, RFC 3987 §3.1)."""
    return quote(path, safe="/")


def require_site_url(site_url: str) -> str:
    """``site_url`` normalised to end in "/"; feeds need absolute links, so it must be set."""
    parts = urlsplit(site_url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedError(
            "mkdocs.yml: site_url: 没有设置网站的完整网址 — 订阅源（RSS/Atom）里的链接必须是完整网址，"
            "请在 mkdocs.yml 中写上 site_url: https://www.example.cn/"
        )
    return site_url if site_url.endswith("/") else site_url + "/"


def tag_uri(site_url: str, date: dt.date, path: str) -> str:
    """A permanent id (RFC 4151 tag URI) from the site's host, the first publication date and a slug path.

    Titles and text are deliberately not part of it, so editing a post does not
    make feed readers show it again as a new item.
    """
    host = urlsplit(require_site_url(site_url)).hostname or "localhost"
    return f"tag:{host},{date.isoformat()}:{path}"


def absolutize(html: str, base_url: str) -> str:
    """``html`` with every relative ``href``/``src``/``srcset`` URL made absolute against ``base_url``.

    Feed readers show items away from the site, where relative links break.
    Escaped text (e.g. ``href="x"`` inside a code block, written as ``&quot;``)
    is not an attribute and is left alone.
    """

    def one(match: re.Match[str]) -> str:
        return f"{match.group(1)}{match.group(2)}{urljoin(base_url, match.group(3).strip())}{match.group(2)}"

    def many(match: re.Match[str]) -> str:
        candidates = []
        for candidate in match.group(3).split(","):
            url, _, size = candidate.strip().partition(" ")
            candidates.append(f"{urljoin(base_url, url)} {size}".strip())
        return f"{match.group(1)}{match.group(2)}{', '.join(candidates)}{match.group(2)}"

    return _SRCSET.sub(many, _URL_ATTR.sub(one, html))


def excerpt(html: str, separator: str = EXCERPT_SEPARATOR) -> str:
    """The part of rendered HTML before the excerpt separator (all of it when there is none)."""
    return html.split(separator, 1)[0].strip()


def ordered(spec: FeedSpec, limit: int = DEFAULT_LIMIT) -> list[FeedItem]:
    """The items a feed shows: newest first, at most ``limit``; ties broken by id for stable output."""
    if limit < 1:
        raise FeedError(f"订阅源条目数 feed_limit 必须大于 0，实际是 {limit}")
    key = (lambda i: i.last_modified) if spec.by_updated else (lambda i: i.published)
    by_id = sorted(spec.items, key=lambda i: i.id)
    return sorted(by_id, key=key, reverse=True)[:limit]


def render(spec: FeedSpec, fmt: str, site_url: str, limit: int = DEFAULT_LIMIT) -> bytes:
    """The feed ``spec`` as an RSS 2.0 (``fmt="rss"``) or Atom (``fmt="atom"``) document."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown feed format {fmt!r}")
    base = require_site_url(site_url)
    self_url = urljoin(base, spec.href(fmt))
    items = ordered(spec, limit)
    for item in items:
        for when in (item.published, item.updated):
            if when is not None and when.utcoffset() is None:
                raise ValueError(f"feed item {item.id} has a date without a time zone: {when!r}")

    fg = FeedGenerator()
    # The feed's own address is its permanent Atom id.
    fg.id(self_url)
    fg.title(spec.title)
    if spec.author:
        fg.author(name=spec.author)
    # feedgen takes RSS's single <link> from the last link added: the page, not the feed itself.
    fg.link(href=self_url, rel="self", type=FORMATS[fmt][1])
    fg.link(href=spec.link, rel="alternate")
    fg.description(spec.description or spec.title)
    fg.language(LANGUAGE)
    fg.generator("dealer-site")
    # Dated by the newest item, not the build time, so an unchanged feed stays byte-identical.
    newest = max((i.last_modified for i in items), default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    fg.updated(newest)
    fg.lastBuildDate(newest)

    for item in items:
        # Items are added newest first; feedgen prepends by default, which would reverse them.
        entry = fg.add_entry(order="append")
        entry.id(item.id)
        entry.guid(item.id, permalink=False)
        entry.title(item.title)
        entry.link(href=item.link, rel="alternate")
        entry.published(item.published)
        entry.updated(item.last_modified)
        entry.content(item.content, type="html")
        if item.summary:
            entry.summary(item.summary)
        for author in item.authors:
            entry.author(name=author)
        for category in item.categories:
            entry.category(term=category)
    data: bytes = fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)  # feedgen is untyped
    return data


def write_feeds(specs: Iterable[FeedSpec], site_dir: Path, site_url: str, limit: int = DEFAULT_LIMIT) -> list[Path]:
    """Write both formats of every spec below ``site_dir``; returns the files written."""
    written: list[Path] = []
    seen: set[str] = set()
    for spec in specs:
        for fmt in FORMATS:
            rel = spec.path(fmt)
            # Two feeds at one path would silently overwrite each other.
            if rel in seen:
                raise FeedError(f"{rel}: 两个订阅源使用了同一个路径")
            seen.add(rel)
            path = site_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(render(spec, fmt, site_url, limit))
            written.append(path)
    return written


def links_for(specs: Sequence[FeedSpec]) -> list[dict[str, str]]:
    """``<link rel="alternate">`` data (title, MIME type, site-relative href) for ``specs``."""
    return [
        {"title": f"{spec.title}（{fmt.upper() if fmt == 'rss' else 'Atom'}）", "type": FORMATS[fmt][1], "href": spec.href(fmt)}
        for spec in specs
        for fmt in FORMATS
    ]


_LEADING_H1 = re.compile(r"\A\s*<h1\b[^>]*>.*?</h1>\s*", re.S)


def item_html(rendered: Rendered, page_url: str, full: bool) -> str:
    """Feed content from rendered page HTML: without the page's own H1, cut at the excerpt, absolute URLs."""
    body = _LEADING_H1.sub("", rendered.html, count=1)
    if full:
        body = body.replace(EXCERPT_SEPARATOR, "")
    else:
        short = excerpt(body)
        if short != body.strip():
            body = f'{short}\n<p><a href="{htmllib.escape(page_url)}">阅读全文</a></p>'
    return absolutize(body, page_url)
