"""Typed records of the blog: authors and posts."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.actions import topic_of
from ..core.schedule import Status, status


@dataclass(frozen=True)
class Author:
    """A blog author from ``blog/.authors.yml``; the avatar is a path inside the site."""

    key: str
    name: str
    description: str = ""
    avatar: str = ""


@dataclass(frozen=True)
class Post:
    """One blog post, ``blog/posts/**/*.md``, in Material's blog front matter plus ``models``."""

    slug: str
    title: str
    date: dt.datetime  # aware, in the site's time zone
    body: str
    source: str  # as authors see it, e.g. blog/posts/2026/spring-service.md
    path: str  # below the posts folder, e.g. 2026/spring-service.md
    updated: dt.datetime | None = None
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    description: str = ""
    draft: bool = False

    @property
    def last_modified(self) -> dt.datetime:
        return self.updated or self.date

    @property
    def topic(self) -> str:
        """Service (保养、维修、用车指南 …) or sales, from the slug, categories and tags (core/actions.py)."""
        return topic_of(self.slug, *self.categories, *self.tags)

    def is_published(self, now: dt.datetime) -> bool:
        """Drafts and posts dated after ``now`` are validated but not published."""
        return self.status(now) is Status.PUBLISHED

    def status(self, now: dt.datetime) -> Status:
        """Published, draft or scheduled (:mod:`build_tools.core.schedule`) — shown to authors in preview."""
        return status(self.draft, self.date, now)


def newest_posts(post_links: Iterable[tuple[Post, str]], count: int) -> list[tuple[Post, str]]:
    """The ``count`` newest of (post, URL) pairs, newest first (a slug breaks a tie): what a page lists as news."""
    return heapq.nsmallest(count, post_links, key=lambda pair: (-pair[0].date.timestamp(), pair[0].slug))
