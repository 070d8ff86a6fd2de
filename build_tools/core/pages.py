"""Typed records for pages: what a domain asks the build to generate, and what a rendered page yields.

Each kind of generated page (FAQ home, category, entry, models index, comparison,
dealers …) is a dataclass of its own in its domain package, subclassing :class:`Page`:
it knows its template, the context that template reads, its search record and the
content record its feed item is made from. Nothing ties a page to its records but
these attributes — no ``kind`` strings, no string keys.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from .actions import PageActions
from .text import html_to_text


@dataclass(frozen=True)
class SearchDoc:
    """One searchable page: where it is, its title, its category or section, its plain text.

    ``keywords`` (tags, model names) are searched like the text but never shown. ``names`` are
    what the page is *the* page of (a model, a store, a promotion): a query naming one puts the
    page first. ``asked`` is set on questions only (how often asked, 0 if unknown): search
    suggests the most asked of the questions matching what is typed.
    """

    url: str
    title: str
    section: str
    text: str
    keywords: str = ""
    names: tuple[str, ...] = ()
    asked: int | None = None


@dataclass(frozen=True)
class Rendered:
    """A page as the engine rendered it: its site-relative URL and its content HTML."""

    url: str
    html: str

    @functools.cached_property
    def text(self) -> str:
        """The visible text of :attr:`html` (:func:`~.text.html_to_text`), made once: a page's search
        record, description and structured data all read it (three parses of every answer before)."""
        return html_to_text(self.html)


DESCRIPTION_SIZE = 120  # characters of a meta description: what Baidu and others show of it
# A line break between two Chinese paragraphs is no space in Chinese text.
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


def description(text: str, size: int = DESCRIPTION_SIZE) -> str:
    """Plain text cut for ``<meta name="description">``: at a sentence end in its second half, else with an ellipsis."""
    text = _CJK_GAP.sub("", " ".join(text.split()))
    if len(text) <= size:
        return text
    cut = text[:size]
    end = max(cut.rfind(mark) for mark in "。！？；!?")
    return cut[: end + 1] if end >= size // 2 else cut[: size - 1].rstrip() + "…"


def text_record(rendered: Rendered, title: str, section: str) -> SearchDoc:
    """The search record of an ordinary page: its title and visible text, under its site section."""
    return SearchDoc(rendered.url, title, section, rendered.text)


@dataclass(frozen=True)
class Page:
    """A page whose template and context the build decides; generated ones also have a ``uri`` and a title.

    Subclasses set :attr:`template` and override :meth:`context` (what the template
    reads, e.g. ``{"faq": {...}}``), and where they differ from an ordinary page,
    :meth:`search_record` and :attr:`record`.
    """

    template: ClassVar[str]
    # False: a page customers reach only through a link they were sent (a survey): left out of the sitemap.
    in_sitemap: ClassVar[bool] = True
    # True: the page shows its own QR code on desktop (to open it on a phone: model and promotion pages).
    shows_qr: ClassVar[bool] = False

    def defaults(self) -> dict[str, Any]:
        """Front matter an authored page gets unless its author wrote it (``hide``: Material's sidebars to leave out)."""
        return {"template": self.template}

    def context(self) -> dict[str, Any]:
        """The template context this page adds to the engine's."""
        return {}

    def search_record(self, rendered: Rendered, title: str, section: str) -> SearchDoc | None:
        """How the page is found by the site search (None: not at all)."""
        return text_record(rendered, title, section)

    @property
    def record(self) -> object | None:
        """The content record the page presents, whose feed item is made from the rendered page (None: no feed item)."""
        return None

    def at(self, url: str, post_links: Sequence[tuple[Any, str]]) -> Page:
        """This page once the engine gave it its ``url`` and every post its link (post, URL): most pages need neither."""
        return self

    def reading_minutes(self, rendered: Rendered) -> int | None:
        """The reading time to show, where the page shows one (None: the engine's own, or none)."""
        return None

    def last_change(self) -> dt.date | None:
        """When the page's content last changed, if known (the sitemap's lastmod)."""
        return None

    def actions(self) -> PageActions:
        """What the page is about, for its phone action bar (core/actions.py): a sales page unless it says otherwise."""
        return PageActions()

    # -- the <head> (templates/partials/dealer-head.html); ``rendered`` is the page's content HTML when it has a record

    def description_text(self, rendered: Rendered | None) -> str:
        """The page's own meta description as plain text ("": its front matter's, else the site's)."""
        return ""

    def structured_data(self, rendered: Rendered | None, page_url: str) -> list[dict[str, Any]]:
        """schema.org objects known once the page is rendered (a post, an answer), added to its JSON-LD;
        ``page_url`` is the page's absolute URL."""
        return []

    def share_image(self, rendered: Rendered | None, page_url: str) -> str:
        """The absolute URL of the page's picture for ``og:image`` ("": the site's default picture)."""
        return ""


@dataclass(frozen=True, kw_only=True)
class GeneratedPage(Page):
    """A page with no file of its own: where it goes, what it is called, its Markdown."""

    uri: str
    title: str
    description: str = ""
    # When the page's content last changed, if known (the sitemap's lastmod).
    lastmod: dt.date | None = None
    # Material's sidebars the page leaves out ("navigation", "toc").
    hide: tuple[str, ...] = ()

    def meta(self) -> dict[str, Any]:
        """The page's metadata, as front matter would give it (``hide``: Material's sidebars to leave out).

        The title is HTML-escaped here because Material prints ``page.meta.title``
        unescaped; a question containing ``<script>`` must show as text. (Set by the
        adapter rather than written as front matter: parsing YAML for every generated
        page costs more than everything else this class does.)
        """
        meta: dict[str, Any] = {"title": html.escape(self.title), "template": self.template}
        if self.description:
            meta["description"] = html.escape(self.description)
        if self.hide:
            meta["hide"] = list(self.hide)
        return meta

    def source(self) -> str:
        """The page's Markdown (most generated pages are all template)."""
        return ""

    def last_change(self) -> dt.date | None:
        return self.lastmod
