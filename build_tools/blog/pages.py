"""The blog's part of each post page: the preview notice, the call to action, search and feed.

Material's blog plugin renders posts; :class:`PostPage` is what this site adds to one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ..core.feeds import FeedItem, item_html, tag_uri
from ..core.links import Lead
from ..core.pages import Page, Rendered, SearchDoc, text_record
from ..core.text import html_to_text
from .load import reading_minutes
from .records import Post


def visible_posts(posts: list[Post], now: dt.datetime, preview: bool) -> list[Post]:
    """What goes on the site: published posts; in preview, drafts and scheduled ones too."""
    return list(posts) if preview else [p for p in posts if p.is_published(now)]


@dataclass(frozen=True, kw_only=True)
class PostPage(Page):
    """A post as Material renders it (its template is Material's), plus our parts."""

    template = "blog-post.html"
    post: Post
    leads: list[Lead]
    status: str
    preview: bool

    def defaults(self) -> dict[str, str]:
        return {}  # Material's blog plugin chooses the template

    def banner(self) -> str:
        """Markdown put before the post's own: in preview, the notice of a draft or scheduled post."""
        return preview_banner(self.post, self.status) if self.preview else ""

    def context(self) -> dict[str, Any]:
        # A post about a model ends with a test drive of it (templates/blog-post.html).
        return {"dealer_post_leads": self.leads}

    def search_record(self, rendered: Rendered, title: str, section: str) -> SearchDoc | None:
        """Drafts and scheduled posts are shown in preview but never searchable."""
        return text_record(rendered, title, section) if self.status == "published" else None

    @property
    def record(self) -> Post:
        return self.post

    def reading_minutes(self, rendered: Rendered) -> int:
        """Material counts a Chinese sentence as one word: our count (an author's ``readtime`` wins)."""
        return reading_minutes(html_to_text(rendered.html))


def preview_banner(post: Post, status: str) -> str:
    """The Markdown notice that marks a draft or scheduled post in preview (empty when published)."""
    if status == "draft":
        return '!!! warning "草稿"\n    这篇文章还是草稿（draft: true），只在本地预览中显示，不会发布到网站。\n\n'
    if status == "scheduled":
        when = f"{post.date.year}年{post.date.month}月{post.date.day}日"
        return f'!!! info "定时发布"\n    这篇文章将于 {when} 发布，届时才会出现在网站上。\n\n'
    return ""


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
