"""Stage 2 for promotions: each promotion's page, the promotions index, the cards, the feed item.

Outside preview only current promotions get a page, a card, a search record and a feed
item, so an ended or future promotion is nowhere in ``site/``; in preview every
promotion is shown, marked 「未开始」/「已结束」 like a draft.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from ..catalog.pages import default_location, model_leads
from ..catalog.records import VehicleModel
from ..core.actions import SALES, PageActions
from ..core.feeds import FeedItem, item_html, tag_uri
from ..core.jsonld import breadcrumbs, dumps
from ..core.links import Lead
from ..core.pages import GeneratedPage, Page, Rendered, SearchDoc, text_record
from ..core.settings import Settings
from .load import INDEX_URI
from .records import CURRENT, Promotion

if TYPE_CHECKING:  # the record of all content, which holds this domain's records
    from ..site.content import Content

SCRIPT_URI = "assets/dealer/promotions.js"
IMAGES_DIR = "assets/promotions/"


@dataclass(frozen=True)
class Card:
    """A promotion as a card or a page shows it: the record and its status at build time."""

    promotion: Promotion
    status: str

    @property
    def start_label(self) -> str:
        return _label(self.promotion.start, self.promotion.start_is_date)

    @property
    def end_label(self) -> str:
        p = self.promotion
        return _label(p.end - dt.timedelta(days=1), True) if p.end_is_date else _label(p.end, False)


def _label(when: dt.datetime, is_date: bool) -> str:
    day = f"{when.year}年{when.month}月{when.day}日"
    return day if is_date else f"{day} {when:%H:%M}"


def _sales_page(meta: dict[str, str]) -> dict[str, Any]:
    # A sales page, not documentation: the sidebars would hold only its own title and headings.
    return {**meta, "hide": ["navigation", "toc"]}


def visible_promotions(content: Content, settings: Settings) -> list[Card]:
    """What is on the site now: current promotions; in preview every one, with its status."""
    now = settings.now()
    cards = [Card(p, p.status(now)) for p in content.promotions]
    return cards if settings.preview else [c for c in cards if c.status == CURRENT]


def withheld_files(content: Content, settings: Settings) -> list[str]:
    """Source URIs MkDocs must not publish as they are: every promotion file (their pages are generated),
    and the pictures below ``assets/promotions/`` of promotions not on the site (they would show it)."""
    shown = {posixpath.normpath(c.promotion.image) for c in visible_promotions(content, settings) if c.promotion.image}
    images = {posixpath.normpath(p.image) for p in content.promotions if p.image} - shown
    return [p.src_uri for p in content.promotions] + sorted(i for i in images if i.startswith(IMAGES_DIR))


def promotions_for(cards: list[Card], model: str | None = None) -> list[Card]:
    """The cards a page lists (``dealer_promotions``): all of them, or those naming ``model``."""
    return cards if model is None else [c for c in cards if model in c.promotion.models]


@dataclass(frozen=True, kw_only=True)
class PromotionPage(GeneratedPage):
    """One promotion: picture, dates, the time left (counted in the browser), its detail, terms and models."""

    template = "promotions/promotion.html"
    shows_qr = True
    card: Card
    models: list[VehicleModel]
    leads: list[Lead]
    jsonld: list[str]
    og: dict[str, str]

    def source(self) -> str:
        return self.card.promotion.body

    def meta(self) -> dict[str, Any]:
        return _sales_page(super().meta())

    def context(self) -> dict[str, Any]:
        return {
            "promotion": {"card": self.card, "models": self.models, "leads": self.leads, "script": SCRIPT_URI},
            "head": {"jsonld": self.jsonld, "og": self.og},
        }

    def actions(self) -> PageActions:
        """A sales page; the phone bar's 预约试驾 names the model when the promotion is about one."""
        return PageActions(SALES, self.models[0] if len(self.models) == 1 else None)

    def search_record(self, rendered: Rendered, title: str, section: str) -> SearchDoc | None:
        """Found by title, summary, detail and model names; a promotion not running now (preview only) never."""
        if self.card.status != CURRENT:
            return None
        doc = text_record(rendered, title, section)
        text = f"{self.card.promotion.summary} {doc.text}"
        return SearchDoc(doc.url, doc.title, doc.section, text, " ".join(m.name for m in self.models), names=(self.card.promotion.title,))

    @property
    def record(self) -> Promotion:
        return self.card.promotion


def _index_context(cards: list[Card]) -> dict[str, Any]:
    return {"dealer_promotions": cards, "promotion": {"script": SCRIPT_URI}}


@dataclass(frozen=True, kw_only=True)
class PromotionsIndex(GeneratedPage):
    """The promotions index (``promotions/``), generated unless an author wrote ``content/promotions/index.md``."""

    template = "promotions/index.html"
    cards: list[Card]

    def meta(self) -> dict[str, Any]:
        return _sales_page(super().meta())

    def context(self) -> dict[str, Any]:
        return _index_context(self.cards)

    def search_record(self, rendered: Rendered, title: str, section: str) -> SearchDoc | None:
        # A list of promotions: its description only, or it would outrank the promotions themselves.
        return SearchDoc(rendered.url, title, section, self.description)


@dataclass(frozen=True, kw_only=True)
class AuthoredPromotionsIndex(Page):
    """``content/promotions/index.md`` written by an author: the cards follow the author's text."""

    template = "promotions/index.html"
    cards: list[Card]

    def defaults(self) -> dict[str, Any]:
        return _sales_page(super().defaults())

    def context(self) -> dict[str, Any]:
        return _index_context(self.cards)


def promotion_leads(models: list[VehicleModel], content: Content, settings: Settings, page_url: str) -> list[Lead]:
    """A test drive of each model the promotion names (named on the button when there are several);
    of no model in particular (the form asks) when it names none."""
    if not models:
        location = default_location(content, settings)
        return [settings.lead_builder.link("test_drive", dealer=location.id if location else "",
                                           dealer_name=location.name if location else "", page=settings.absolute(page_url))]
    leads = [lead for m in models for lead in model_leads(m, content, settings, page_url, ("test_drive",))]
    if len(models) == 1:
        return leads
    return [replace(lead, label=f"试驾{m.name}") for lead, m in zip(leads, [m for m in models if m.test_drive], strict=True)]


def promotion_page(card: Card, content: Content, settings: Settings) -> PromotionPage:
    p = card.promotion
    models = [content.models[slug] for slug in p.models if slug in content.models]
    leads = promotion_leads(models, content, settings, p.url)
    crumbs = breadcrumbs([("首页", ""), ("优惠活动", "promotions/"), (p.title, p.url)], settings)
    # Shared in WeChat and the like: the picture, the offer and the last day.
    og = {"type": "website", "title": p.title, "description": f"{p.summary}（截止 {card.end_label}）",
          "url": settings.absolute(p.url), "image": settings.absolute(p.image) if p.image else ""}
    return PromotionPage(uri=p.src_uri, title=p.title, description=p.summary, card=card, models=models, leads=leads,
                         jsonld=[dumps(crumbs)], og=og)


def generate_promotions(content: Content, settings: Settings, authored: set[str] | frozenset[str]) -> list[GeneratedPage]:
    """A page per visible promotion, and the index unless authored (when the site has any promotion file)."""
    cards = visible_promotions(content, settings)
    pages: list[GeneratedPage] = [promotion_page(card, content, settings) for card in cards]
    if content.promotions and INDEX_URI not in authored:
        pages.append(PromotionsIndex(uri=INDEX_URI, title="优惠活动", description="正在进行的购车优惠活动", cards=cards))
    return pages


def authored_page(src_uri: str, content: Content, settings: Settings) -> Page | None:
    """The typed page of ``content/promotions/index.md``, or ``None`` for any other file."""
    return AuthoredPromotionsIndex(cards=visible_promotions(content, settings)) if src_uri == INDEX_URI else None


def promotion_item(promotion: Promotion, rendered: Rendered, site_url: str, full: bool = True) -> FeedItem:
    """The feed item of a current promotion; its id depends only on its start date and slug."""
    link = urljoin(site_url, rendered.url)
    return FeedItem(
        id=tag_uri(site_url, promotion.start.date(), f"promotions/{promotion.slug}"),
        title=promotion.title,
        link=link,
        published=promotion.start,
        content=item_html(rendered, link, full),
        summary=promotion.summary,
    )
