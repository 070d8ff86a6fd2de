"""Typed records for the site's content.

Front matter is parsed once, in :mod:`build_tools.load`, into these records; every
later stage works on them and never on raw dictionaries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Category:
    """An FAQ category from ``faq/categories.yml``; file order is display order."""

    key: str
    name: str
    description: str = ""

    @property
    def url(self) -> str:
        return f"faq/category/{self.key}/"


@dataclass(frozen=True)
class VehicleModel:
    """A vehicle model page, ``content/models/<slug>.md``."""

    slug: str
    name: str
    source: str

    @property
    def url(self) -> str:
        return f"models/{self.slug}/"


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

    def is_published(self, today: dt.date) -> bool:
        """Drafts and entries dated after ``today`` are validated but not published."""
        return not self.draft and self.date <= today

    def status(self, today: dt.date) -> str:
        """``published``, ``draft`` or ``scheduled`` — shown to authors in preview."""
        if self.draft:
            return "draft"
        return "scheduled" if self.date > today else "published"


@dataclass
class Content:
    """Everything the authors wrote, validated."""

    categories: dict[str, Category] = field(default_factory=dict)
    models: dict[str, VehicleModel] = field(default_factory=dict)
    faq: list[FaqEntry] = field(default_factory=list)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
