"""Promotions as a domain of the build (see :mod:`build_tools.site.domain`): content/promotions/ files, their pages,
their feed, and their cards on the home page and on the pages of the models they name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..catalog.pages import ModelPage
from ..core.feeds import FeedSpec
from ..core.pages import Page
from ..core.settings import Settings
from ..site.domain import Domain, DomainFeeds, FeedInputs, Inputs, Loading, PageContext, Source
from .load import load_promotions, promotion_uris
from .pages import SCRIPT_URI, authored_page, generate_promotions, promotion_item, promotions_for, visible_promotions, withheld_files

if TYPE_CHECKING:
    from ..site.content import Content

FOLDER = "promotions/"
HOME_URI = "index.md"


def load(at: Loading) -> None:
    """Every valid promotion, whatever its dates (which are on the site is decided per build)."""
    paths = at.paths
    at.content.promotions = load_promotions(paths.docs_dir, paths.rel, at.docs_files, at.content.models, at.broken.models, ZoneInfo(at.blog.timezone), at.report)


def sources(content: Content, settings: Settings) -> list[Source]:
    """The promotions on the site: their files' links are checked."""
    return [Source(settings.paths.root / c.promotion.source, c.promotion.src_uri) for c in visible_promotions(content, settings)]


def feeds(at: FeedInputs) -> DomainFeeds:
    """The promotions running now (an ended one leaves the feed with the next build); no feed without promotion files."""
    if not at.content.promotions:
        return DomainFeeds()
    name = at.site_name
    current = tuple(promotion_item(p, at.rendered[p], at.site_url, at.full) for p in at.content.promotions if p.is_current(at.now) and p in at.rendered)
    spec = FeedSpec(FOLDER, f"{name} · 优惠活动", f"{name}正在进行的购车优惠活动", at.absolute(FOLDER), current, author=name)
    return DomainFeeds(specs=[spec], own=lambda uri: spec if uri.startswith(FOLDER) else None)


def page_context(inputs: Inputs) -> PageContext:
    """The promotions on the home page (all) and on a model page (those naming the model)."""
    cards = visible_promotions(inputs.content, inputs.settings)

    def add(src_uri: str, page: Page | None, context: dict[str, Any]) -> None:
        if src_uri == HOME_URI:
            context.setdefault("dealer_promotions", cards)
        elif isinstance(page, ModelPage):
            context["dealer_promotions"] = promotions_for(cards, page.model.slug)

    return add


DOMAIN = Domain(
    name="promotions",
    needs=("catalog",),  # promotions name models
    data_uris=promotion_uris,
    load=load,
    generate=lambda i: generate_promotions(i.content, i.settings, set(i.authored)),
    authored_page=lambda uri, i: authored_page(uri, i.content, i.settings),
    withheld=withheld_files,
    sources=sources,
    feeds=feeds,
    context=page_context,
    assets=((SCRIPT_URI, Path(__file__).parents[1] / "assets" / "promotions.js"),),
)
