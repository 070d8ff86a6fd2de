"""Stage 2 for the blog and feeds: which posts go on the site, and which feeds list what.

Plain records in (:class:`~build_tools.model.Post`, :class:`~build_tools.model.FaqEntry`
and the HTML MkDocs rendered for them), :class:`~build_tools.feeds.FeedSpec` out.
The feeds are (``blog/`` is Material's ``blog_dir``):

=========================================  =========================================
``blog/rss.xml``, ``blog/atom.xml``        every published post
``blog/category/<slug>/rss.xml`` (+atom)   the posts of one blog category
``faq/rss.xml``, ``faq/atom.xml``          new and updated FAQ answers
``models/<slug>/rss.xml`` (+atom)          posts and FAQ answers about one model
=========================================  =========================================
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin
from zoneinfo import ZoneInfo

from ..blog.records import Post
from ..core.feeds import EXCERPT_SEPARATOR, FeedItem, FeedSpec, absolutize, excerpt, tag_uri
from ..faq.records import FaqEntry
from .content import Content

FAQ_FOLDER = "faq/"
_LEADING_H1 = re.compile(r"\A\s*<h1\b[^>]*>.*?</h1>\s*", re.S)


@dataclass(frozen=True)
class Rendered:
    """A page as MkDocs rendered it: its site-relative URL and its content HTML."""

    url: str
    html: str


@dataclass(frozen=True)
class BlogLayout:
    """Where Material's blog plugin puts things, read from its settings by the adapter."""

    blog_uri: str  # Material's blog_dir inside the docs, e.g. "blog"
    posts_uri: str  # Material's post_dir, e.g. "blog/posts"
    # Category name -> folder of its page, e.g. "新闻" -> "blog/category/新闻/"
    category_folder: Callable[[str], str]

    @property
    def folder(self) -> str:
        return f"{self.blog_uri}/"

    @property
    def index_uri(self) -> str:
        return f"{self.blog_uri}/index.md"

    def post_uri(self, post: Post) -> str:
        """Where Material finds ``post``: its path below blog/posts/, under Material's post_dir."""
        return f"{self.posts_uri}/{post.path}"


@dataclass
class FeedPlan:
    """Every feed of the site plus which feeds each kind of page advertises."""

    blog: FeedSpec | None = None
    faq: FeedSpec | None = None
    categories: dict[str, FeedSpec] = field(default_factory=dict)  # by category name
    models: dict[str, FeedSpec] = field(default_factory=dict)  # by model slug

    @property
    def site_wide(self) -> list[FeedSpec]:
        """Feeds every page advertises in its ``<head>``."""
        return [spec for spec in (self.blog, self.faq) if spec is not None]

    def all(self) -> list[FeedSpec]:
        return [*self.site_wide, *self.categories.values(), *self.models.values()]

    def own_feed(self, src_uri: str, layout: BlogLayout | None) -> FeedSpec | None:
        """The feed a page's 订阅 link points to: its blog category's, the blog's, the FAQ's or its model's."""
        own: FeedSpec | None = None
        if layout is not None and src_uri.startswith(layout.folder):
            own = self.blog
            for spec in self.categories.values():
                if src_uri.startswith(spec.folder) or src_uri == spec.folder.rstrip("/") + ".md":
                    own = spec
        elif src_uri.startswith(FAQ_FOLDER):
            own = self.faq
        elif src_uri.startswith("models/"):
            own = self.models.get(posixpath.splitext(posixpath.basename(src_uri))[0])
        return own

    def advertised(self, own: FeedSpec | None) -> list[FeedSpec]:
        """Feeds a page lists in its ``<head>``: the site-wide ones plus its own."""
        site_wide = self.site_wide
        return site_wide + ([own] if own is not None and own not in site_wide else [])


def visible_posts(posts: list[Post], now: dt.datetime, preview: bool) -> list[Post]:
    """What goes on the site: published posts; in preview, drafts and scheduled ones too."""
    return list(posts) if preview else [p for p in posts if p.is_published(now)]


def preview_banner(post: Post, now: dt.datetime) -> str:
    """The Markdown notice that marks a draft or scheduled post in preview (empty when published)."""
    status = post.status(now)
    if status == "draft":
        return '!!! warning "草稿"\n    这篇文章还是草稿（draft: true），只在本地预览中显示，不会发布到网站。\n\n'
    if status == "scheduled":
        when = f"{post.date.year}年{post.date.month}月{post.date.day}日"
        return f'!!! info "定时发布"\n    这篇文章将于 {when} 发布，届时才会出现在网站上。\n\n'
    return ""


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


def post_item(post: Post, rendered: Rendered, site_url: str, full: bool = True, author_names: Mapping[str, str] | None = None) -> FeedItem:
    """The feed item for a published post; its id depends only on the date and slug."""
    link = urljoin(site_url, rendered.url)
    names = author_names or {}
    return FeedItem(
        id=tag_uri(site_url, post.date.date(), f"blog/{post.slug}"),
        title=post.title,
        link=link,
        published=post.date,
        updated=post.updated,
        content=item_html(rendered, link, full),
        summary=post.description,
        categories=post.categories,
        authors=tuple(names.get(a, a) for a in post.authors),
    )


def faq_item(entry: FaqEntry, rendered: Rendered, site_url: str, timezone: str, full: bool = True) -> FeedItem:
    """The feed item for a published FAQ answer; an ``updated`` date keeps the id and moves it up."""
    zone = ZoneInfo(timezone)
    link = urljoin(site_url, rendered.url)
    return FeedItem(
        id=tag_uri(site_url, entry.date, f"faq/{entry.slug}"),
        title=entry.question,
        link=link,
        published=dt.datetime.combine(entry.date, dt.time(), tzinfo=zone),
        updated=dt.datetime.combine(entry.updated, dt.time(), tzinfo=zone) if entry.updated else None,
        content=item_html(rendered, link, full),
        categories=entry.tags,
    )


def plan_feeds(
    content: Content,
    rendered: Mapping[str, Rendered],
    *,
    site_url: str,
    site_name: str,
    timezone: str,
    now: dt.datetime,
    full: bool = True,
    layout: BlogLayout | None = None,
    categories: Iterable[str] = (),
) -> FeedPlan:
    """The site's feeds. ``rendered`` maps ``post:<slug>`` / ``faq:<slug>`` to rendered pages.

    Only published items with a rendered page are listed, so a feed can never
    link to a page that is not in ``site/``.
    """
    authors = {key: a.name for key, a in content.authors.items()}
    posts = [(p, post_item(p, rendered[f"post:{p.slug}"], site_url, full, authors)) for p in content.posts if p.is_published(now) and f"post:{p.slug}" in rendered]
    today = now.date()
    answers = [(e, faq_item(e, rendered[f"faq:{e.slug}"], site_url, timezone, full)) for e in content.faq if e.is_published(today) and f"faq:{e.slug}" in rendered]

    def absolute(folder: str) -> str:
        return urljoin(site_url, quote(folder))

    plan = FeedPlan()
    if layout is not None:
        plan.blog = FeedSpec(layout.folder, f"{site_name} · 新闻资讯", f"{site_name}的新闻、活动与用车指南", absolute(layout.folder), tuple(i for _, i in posts))
        for name in dict.fromkeys(categories):
            folder = layout.category_folder(name)
            items = tuple(i for p, i in posts if name in p.categories)
            plan.categories[name] = FeedSpec(folder, f"{site_name} · {name}", f"{site_name}新闻资讯中“{name}”分类的文章", absolute(folder), items)
    plan.faq = FeedSpec(FAQ_FOLDER, f"{site_name} · 常见问题", f"{site_name}新发布和更新的常见问题解答", absolute(FAQ_FOLDER), tuple(i for _, i in answers), by_updated=True)
    for slug, model in content.models.items():
        items = tuple(i for p, i in posts if slug in p.models) + tuple(i for e, i in answers if slug in e.models)
        plan.models[slug] = FeedSpec(model.url, f"{site_name} · {model.name}", f"{model.name}的相关文章和常见问题", absolute(model.url), items, by_updated=True)
    return plan
