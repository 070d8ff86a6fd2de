"""Typed records of the FAQ: categories and entries."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from ..core.actions import topic_of
from ..core.schedule import Status, status


@dataclass(frozen=True)
class Category:
    """An FAQ category from ``faq/categories.yml``; file order is display order."""

    key: str
    name: str
    description: str = ""
    # ``topic:`` of categories.yml (service or sales); "" = guessed, see :attr:`action_topic`.
    topic: str = ""

    @property
    def url(self) -> str:
        return f"faq/category/{self.key}/"

    @property
    def action_topic(self) -> str:
        """``service`` or ``sales``: which buttons its questions get (core/actions.py decides)."""
        return topic_of(self.key, self.name, topic=self.topic)


@dataclass(frozen=True)
class FaqEntry:
    """One answered (or drafted) customer question, ``faq/**/<slug>.md``."""

    slug: str
    question: str
    category: str
    date: dt.date
    answer: str
    source: str
    updated: dt.date | None = None
    models: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    asked: int | None = None
    draft: bool = False

    @property
    def url(self) -> str:
        return f"faq/{self.slug}/"

    @property
    def last_modified(self) -> dt.date:
        return self.updated or self.date

    @functools.cached_property
    def popularity(self) -> tuple[int, int, str]:
        """Sort key: most asked first, then most recently answered, then by slug (once per entry: lists sort by it)."""
        return (-(self.asked or 0), -self.last_modified.toordinal(), self.slug)

    def is_published(self, today: dt.date) -> bool:
        """Drafts and entries dated after ``today`` are validated but not published."""
        return self.status(today) is Status.PUBLISHED

    def status(self, today: dt.date) -> Status:
        """Published, draft or scheduled (:mod:`build_tools.core.schedule`) — shown to authors in preview."""
        return status(self.draft, self.date, today)
