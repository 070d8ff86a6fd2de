"""The blog's part of each post page: the preview notice, the call to action, search and feed.

Material's blog plugin renders posts; :class:`PostPage` is what this site adds to one.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from ..catalog.jsonld import image_url
from ..catalog.pages import model_picture, topic_leads
from ..core.actions import PageActions
from ..core.feeds import EXCERPT_SEPARATOR, FeedItem, item_html, tag_uri
from ..core.jsonld import blog_posting
from ..core.links import Lead
from ..core.pages import Page, Rendered, SearchDoc, description, text_record
from ..core.schedule import Status, visible
from ..core.settings import Settings
from ..core.text import html_to_text
from .load import reading_minutes

if TYPE_CHECKING:  # the record of all content
    from ..site.content import Content
from .records import Post

_FIRST_IMAGE = re.compile(r"""<img\b[^>]*?\ssrc=["']([^"']+)["']""", re.I)


def visible_posts(posts: list[Post], now: dt.datetime, preview: bool) -> list[Post]:
    """What goes on the site: published posts; in preview, drafts and scheduled ones too."""
    return visible(posts, now, preview)


@dataclass(frozen=True, kw_only=True)
class PostPage(Page):
    """A post as Material renders it (its template is Material's), plus our parts."""

    template = "blog-post.html"
    post: Post
    status: Status
    content: Content
    settings: Settings
    leads: list[Lead] = field(default_factory=list)

    def defaults(self) -> dict[str, str]:
        return {}  # Material's blog plugin chooses the template

    def context(self) -> dict[str, Any]:
        # templates/blog-post.html: a draft's or scheduled post's notice (only in preview, where
        # they are shown), and a post about a model ends with a test drive of it.
        return {"dealer_post_leads": self.leads, "dealer_post_status": self.status, "head": {"og": {"type": "article"}}}

    def search_record(self, rendered: Rendered, title: str, section: str) -> SearchDoc | None:
        """Drafts and scheduled posts are shown in preview but never searchable."""
        return text_record(rendered, title, section) if self.status == Status.PUBLISHED else None

    @property
    def record(self) -> Post:
        return self.post

    def at(self, url: str, post_links: Sequence[tuple[Post, str]]) -> PostPage:
        """A post about models ends with a test drive of each (a service post: 预约保养), linked back to the post's URL."""
        if not self.post.models:
            return self
        return replace(self, leads=topic_leads(self.post.topic, self.post.models, self.content, self.settings, url))

    def last_change(self) -> dt.date:
        return self.post.last_modified.date()

    def actions(self) -> PageActions:
        return PageActions(self.post.topic)

    def description_text(self, rendered: Rendered | None) -> str:
        """The excerpt (the text before ``<!-- more -->``); a ``description`` in the front matter wins."""
        if rendered is None:
            return ""
        return description(html_to_text(rendered.html.split(EXCERPT_SEPARATOR, 1)[0]))

    def share_image(self, rendered: Rendered | None, page_url: str) -> str:
        """The post's first picture, else the picture of the first model it names ("": the site's)."""
        found = _FIRST_IMAGE.search(rendered.html) if rendered is not None else None
        url = urljoin(page_url, html.unescape(found.group(1))) if found is not None else ""
        if url.startswith(("https://", "http://")):  # not a data: picture
            return url
        model = next((self.content.models[m] for m in self.post.models if m in self.content.models), None)
        return image_url(model_picture(model), self.settings) if model else ""

    def structured_data(self, rendered: Rendered | None, page_url: str) -> list[dict[str, Any]]:
        """The post as a ``BlogPosting``: headline, dates with zone, authors by name, picture, the dealer as publisher."""
        names = [self.content.authors[a].name if a in self.content.authors else a for a in self.post.authors]
        return [blog_posting(
            headline=self.post.title, url=page_url, published=self.post.date, modified=self.post.updated, authors=names,
            image=self.share_image(rendered, page_url), description=self.post.description or self.description_text(rendered),
            settings=self.settings,
        )]

    def reading_minutes(self, rendered: Rendered) -> int:
        """Material counts a Chinese sentence as one word: our count (an author's ``readtime`` wins)."""
        return reading_minutes(rendered.text)


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
