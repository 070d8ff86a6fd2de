"""Which feeds the site has and which feed lists what: each domain says it (its ``domain.py``'s ``feeds`` hook).

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

from collections.abc import Callable
from dataclasses import dataclass, field

from ..blog.records import Post
from ..core.feeds import FeedSpec
from . import domains
from .domain import About, DomainFeeds, FeedInputs


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
    """Every feed of the site plus which feeds each page advertises."""

    site_wide: list[FeedSpec] = field(default_factory=list)  # feeds every page advertises in its ``<head>``
    others: list[FeedSpec] = field(default_factory=list)
    # Per domain, in the domains' order: a page's source URI → the feed its 订阅 link points to (None: not its page).
    owners: list[Callable[[str], FeedSpec | None]] = field(default_factory=list)

    def add(self, feeds: DomainFeeds) -> None:
        self.site_wide += feeds.site_wide
        self.others += feeds.specs
        if feeds.own is not None:
            self.owners.append(feeds.own)

    def all(self) -> list[FeedSpec]:
        return [*self.site_wide, *self.others]

    def own_feed(self, src_uri: str) -> FeedSpec | None:
        """The feed a page's 订阅 link points to: the first domain's that claims the page (its blog category's, the blog's, the FAQ's …)."""
        return next((spec for own in self.owners if (spec := own(src_uri)) is not None), None)

    def advertised(self, own: FeedSpec | None) -> list[FeedSpec]:
        """Feeds a page lists in its ``<head>``: the site-wide ones plus its own."""
        site_wide = self.site_wide
        return site_wide + ([own] if own is not None and own not in site_wide else [])


def plan_feeds(inputs: FeedInputs) -> FeedPlan:
    """The site's feeds, each domain's in the domains' order, then the feeds about models (they list other domains' items).

    Only published items with a rendered page are listed, so a feed can never
    link to a page that is not in ``site/``.
    """
    plan = FeedPlan()
    about: list[About] = []
    for domain in domains.DOMAINS:
        if domain.feeds is not None:
            feeds = domain.feeds(inputs)
            plan.add(feeds)
            about += feeds.about
    for domain in domains.DOMAINS:
        if domain.topic_feeds is not None:
            plan.add(domain.topic_feeds(inputs, about))
    return plan
