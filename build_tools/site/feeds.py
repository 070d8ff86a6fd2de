"""Which feeds the site has and which feed lists what.

Records in (posts and FAQ entries, and the HTML rendered for them, keyed by the record),
:class:`~build_tools.core.feeds.FeedSpec` out.
The feeds are (``blog/`` is Material's ``blog_dir``):

=========================================  =========================================
``blog/rss.xml``, ``blog/atom.xml``        every published post
``blog/category/<slug>/rss.xml`` (+atom)   the posts of one blog category
``faq/rss.xml``, ``faq/atom.xml``          new and updated FAQ answers
``models/<slug>/rss.xml`` (+atom)          posts and FAQ answers about one model
``promotions/rss.xml`` (+atom)             the promotions running now
=========================================  =========================================
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin

from ..blog.pages import post_item
from ..blog.records import Post
from ..core.feeds import FeedSpec, site_path
from ..core.pages import Rendered
from ..faq.pages import faq_item
from ..promotions.pages import promotion_item
from .content import Content

FAQ_FOLDER = "faq/"
PROMOTIONS_FOLDER = "promotions/"


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
    promotions: FeedSpec | None = None

    @property
    def site_wide(self) -> list[FeedSpec]:
        """Feeds every page advertises in its ``<head>``."""
        return [spec for spec in (self.blog, self.faq) if spec is not None]

    def all(self) -> list[FeedSpec]:
        own = [self.promotions] if self.promotions is not None else []
        return [*self.site_wide, *self.categories.values(), *self.models.values(), *own]

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
        elif src_uri.startswith(PROMOTIONS_FOLDER):
            own = self.promotions
        elif src_uri.startswith("models/"):
            own = self.models.get(posixpath.splitext(posixpath.basename(src_uri))[0])
        return own

    def advertised(self, own: FeedSpec | None) -> list[FeedSpec]:
        """Feeds a page lists in its ``<head>``: the site-wide ones plus its own."""
        site_wide = self.site_wide
        return site_wide + ([own] if own is not None and own not in site_wide else [])


def plan_feeds(
    content: Content,
    rendered: Mapping[object, Rendered],
    *,
    site_url: str,
    site_name: str,
    timezone: str,
    now: dt.datetime,
    full: bool = True,
    layout: BlogLayout | None = None,
    categories: Iterable[str] = (),
) -> FeedPlan:
    """The site's feeds. ``rendered`` maps posts and FAQ entries to their rendered pages.

    Only published items with a rendered page are listed, so a feed can never
    link to a page that is not in ``site/``.
    """
    authors = {key: a.name for key, a in content.authors.items()}
    posts = [(p, post_item(p, rendered[p], site_url, full, authors)) for p in content.posts if p.is_published(now) and p in rendered]
    today = now.date()
    answers = [(e, faq_item(e, rendered[e], site_url, timezone, full)) for e in content.faq if e.is_published(today) and e in rendered]

    def absolute(folder: str) -> str:
        return urljoin(site_url, site_path(folder))

    plan = FeedPlan()
    if layout is not None:
        plan.blog = FeedSpec(layout.folder, f"{site_name} · 新闻资讯", f"{site_name}的新闻、活动与用车指南", absolute(layout.folder), tuple(i for _, i in posts), author=site_name)
        for name in dict.fromkeys(categories):
            folder = layout.category_folder(name)
            items = tuple(i for p, i in posts if name in p.categories)
            plan.categories[name] = FeedSpec(folder, f"{site_name} · {name}", f"{site_name}新闻资讯中“{name}”分类的文章", absolute(folder), items, author=site_name)
    plan.faq = FeedSpec(FAQ_FOLDER, f"{site_name} · 常见问题", f"{site_name}新发布和更新的常见问题解答", absolute(FAQ_FOLDER), tuple(i for _, i in answers), by_updated=True, author=site_name)
    if content.promotions:
        # Only promotions running now: an ended one leaves the feed with the next build.
        current = tuple(promotion_item(p, rendered[p], site_url, full) for p in content.promotions if p.is_current(now) and p in rendered)
        plan.promotions = FeedSpec(PROMOTIONS_FOLDER, f"{site_name} · 优惠活动", f"{site_name}正在进行的购车优惠活动", absolute(PROMOTIONS_FOLDER), current, author=site_name)
    for slug, model in content.models.items():
        items = tuple(i for p, i in posts if slug in p.models) + tuple(i for e, i in answers if slug in e.models)
        plan.models[slug] = FeedSpec(model.url, f"{site_name} · {model.name}", f"{model.name}的相关文章和常见问题", absolute(model.url), items, by_updated=True, author=site_name)
    return plan
