"""The FAQ as a domain of the build (see :mod:`build_tools.site.domain`): its categories, vocabulary and entries,
its pages and its feed."""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core.errors import Report
from ..core.feeds import FeedSpec
from ..core.settings import Settings
from ..core.sources import author_files
from ..core.vocabulary import load_vocabulary
from ..site.domain import Domain, DomainFeeds, FeedInputs, Inputs, Loading, Source
from .load import load_categories, load_faq
from .pages import faq_item, generate_faq, visible_entries

if TYPE_CHECKING:
    from ..site.content import Content

FOLDER = "faq/"
POPULAR_404 = 5  # the 404 page's most asked questions


def load(at: Loading) -> None:
    """Categories first (the vocabulary and the entries name them), then the vocabulary, then the entries."""
    paths, content, report, broken = at.paths, at.content, at.report, at.broken
    content.categories = load_categories(paths, report, broken)
    content.vocabulary = load_vocabulary(paths.vocabulary_file, paths.rel(paths.vocabulary_file), report, [*content.categories, *broken.categories])
    content.faq = load_faq(paths, content, report, at.now.date(), broken)


def sources(content: Content, settings: Settings) -> list[Source]:
    """The answers on the site; their template is the FAQ's, whatever their front matter says."""
    root = os.fspath(settings.paths.root)
    return [Source(os.path.join(root, e.source), f"{FOLDER}{e.slug}.md", theme_names=False) for e in visible_entries(content, settings)]


def broken_pages(content: Content, settings: Settings, report: Report) -> Iterable[str]:
    """With errors, every FAQ file that failed validation is taken to have its page (a link to it is no second problem)."""
    valid = {e.slug for e in content.faq}
    files = author_files(settings.paths.faq_dir, settings.paths.content_dirs, settings.paths.rel, Report())
    return {f"{FOLDER}{p.stem}.md" for p in files if p.suffix == ".md" and p.stem not in valid}


def site_globals(inputs: Inputs) -> dict[str, Any]:
    """The most asked questions, for the 404 page."""
    popular = heapq.nsmallest(POPULAR_404, inputs.entries, key=lambda e: e.popularity)
    return {"dealer_popular": [(e, e.url) for e in popular]}


def feeds(at: FeedInputs) -> DomainFeeds:
    """One site-wide feed of new and updated answers; each answer is also listed by its models' feeds."""
    today = at.now.date()
    answers = [(e, faq_item(e, at.rendered[e], at.site_url, at.timezone, at.full)) for e in at.content.faq if e.is_published(today) and e in at.rendered]
    name = at.site_name
    spec = FeedSpec(FOLDER, f"{name} · 常见问题", f"{name}新发布和更新的常见问题解答", at.absolute(FOLDER), tuple(i for _, i in answers), by_updated=True, author=name)
    about = [(i, e.models) for e, i in answers]
    return DomainFeeds(site_wide=[spec], about=about, own=lambda uri: spec if uri.startswith(FOLDER) else None)


DOMAIN = Domain(
    name="faq",
    needs=("catalog",),  # entries name models
    load=load,
    generate=lambda i: generate_faq(i.content, i.settings, i.entries, i.faq_memo),
    sources=sources,
    broken_pages=broken_pages,
    globals=site_globals,
    feeds=feeds,
)
