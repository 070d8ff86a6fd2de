"""Typed records of the blog: authors and posts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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

    def is_published(self, now: dt.datetime) -> bool:
        """Drafts and posts dated after ``now`` are validated but not published."""
        return not self.draft and self.date <= now

    def status(self, now: dt.datetime) -> str:
        """``published``, ``draft`` or ``scheduled`` — shown to authors in preview."""
        if self.draft:
            return "draft"
        return "scheduled" if self.date > now else "published"
