"""Typed records for the site's content.

Front matter is parsed once, in :mod:`build_tools.load`, into these records; every
later stage works on them and never on raw dictionaries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .links import tel
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
class Trim:
    """One version of a model (e.g. 两驱精英版) and its suggested price in yuan."""

    name: str
    price: int
    highlights: tuple[str, ...] = ()


@dataclass(frozen=True)
class Color:
    name: str
    hex: str


@dataclass(frozen=True)
class VehicleModel:
    """A vehicle model page, ``content/models/<slug>.md``."""

    slug: str
    name: str
    source: str
    type: str = ""
    price_from: int = 0
    summary: str = ""
    name_en: str = ""
    seats: int | None = None
    image: str = ""
    gallery: tuple[str, ...] = ()
    specs: tuple[tuple[str, str], ...] = ()
    trims: tuple[Trim, ...] = ()
    colors: tuple[Color, ...] = ()
    test_drive: bool = True

    @property
    def url(self) -> str:
        return f"models/{self.slug}/"

    @property
    def src_uri(self) -> str:
        return f"models/{self.slug}.md"


@dataclass(frozen=True)
class Location:
    """A sales and/or service location from ``content/dealers.yml``."""

    id: str
    name: str
    city: str
    address: str
    phone: str
    hours: str = ""
    services: tuple[str, ...] = ()
    map_url: str = ""

    @property
    def sells(self) -> bool:
        return "sales" in self.services

    @property
    def services_cars(self) -> bool:
        return "service" in self.services

    @property
    def tel_url(self) -> str:
        return tel(self.phone)


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

    @property
    def popularity(self) -> tuple[int, int, str]:
        """Sort key: most asked first, then most recently answered, then by slug."""
        return (-(self.asked or 0), -self.last_modified.toordinal(), self.slug)

    def is_published(self, today: dt.date) -> bool:
        """Drafts and entries dated after ``today`` are validated but not published."""
        return not self.draft and self.date <= today

    def status(self, today: dt.date) -> str:
        """``published``, ``draft`` or ``scheduled`` — shown to authors in preview."""
        if self.draft:
            return "draft"
        return "scheduled" if self.date > today else "published"


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


@dataclass
class Content:
    """Everything the authors wrote, validated."""

    categories: dict[str, Category] = field(default_factory=dict)
    models: dict[str, VehicleModel] = field(default_factory=dict)
    faq: list[FaqEntry] = field(default_factory=list)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    posts: list[Post] = field(default_factory=list)
    authors: dict[str, Author] = field(default_factory=dict)
    locations: list[Location] = field(default_factory=list)
    # The files of content/ that MkDocs will publish, as source URIs (``models/asx.md``):
    # what links and nav entries may point at (dealers.yml is data, not a page).
    authored: frozenset[str] = frozenset()
