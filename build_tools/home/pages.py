"""Stage 2 for the home page: :class:`HomePage`, the storefront typed page of ``content/index.md``."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..blog.records import Post, newest_posts
from ..catalog.jsonld import auto_dealer, image_url
from ..catalog.pages import default_location, format_price, model_leads, model_picture
from ..catalog.records import Location, VehicleModel
from ..core.jsonld import dumps, publisher_id, website
from ..core.links import Lead
from ..core.pages import Page
from ..core.settings import Settings
from ..faq.records import FaqEntry
from .load import HOME_FILE
from .records import QUICK_ACTIONS, Home

if TYPE_CHECKING:
    from ..site.content import Content

# Material's sidebars hold nothing for a customer on the storefront.
HIDE = ["navigation", "toc"]


@dataclass(frozen=True)
class Action:
    """A quick action: its kind (a lead kind, ``call`` or ``map``), label and target."""

    kind: str
    label: str
    url: str


@dataclass(frozen=True)
class ShowroomCard:
    """A model on the home page: the model, its price 「¥9.98 万起」 and its test-drive link (if offered)."""

    model: VehicleModel
    price: str
    picture: str
    test_drive: Lead | None


@dataclass(frozen=True, kw_only=True)
class HomePage(Page):
    """``content/index.md`` as a storefront: everything its template shows, decided here."""

    template = "home.html"
    home: Home
    hero_url: str
    hero_label: str
    quick_actions: list[Action]  # (not ``actions``: that is Page.actions(), the phone bar's topic)
    showroom: list[ShowroomCard]
    faq: list[FaqEntry]
    store: Location | None
    # The newest posts: known only once every post has its URL (see :meth:`with_posts`).
    posts: list[tuple[Post, str]] = field(default_factory=list)
    # JSON-LD: the store as the site's AutoDealer, and the WebSite.
    jsonld: tuple[str, ...] = ()

    def defaults(self) -> dict[str, Any]:
        """Its template, and no sidebars (the home page is not documentation)."""
        return {"template": self.template, "hide": list(HIDE)}

    def at(self, url: str, post_links: Sequence[tuple[Post, str]]) -> HomePage:
        """This page with the newest of the site's posts (post, URL)."""
        return replace(self, posts=newest_posts(post_links, self.home.posts_count))

    def context(self) -> dict[str, Any]:
        return {"home": {
            "hero": self.home.hero, "hero_url": self.hero_url, "hero_label": self.hero_label,
            "actions": self.quick_actions, "showroom": self.showroom, "faq": self.faq, "posts": self.posts, "store": self.store,
        }, "head": {"jsonld": list(self.jsonld), "preload": self.home.hero.image if self.home.hero is not None else ""}}


def _store(home: Home, content: Content, settings: Settings) -> Location | None:
    chosen = next((x for x in content.locations if x.id == home.store), None)
    return chosen or default_location(content, settings)


def _serving(kind: str, store: Location | None, content: Content) -> dict[str, str]:
    """{dealer} for a lead: the store when it offers the kind (sells, or services cars), else a location that does."""
    def offers(x: Location) -> bool:
        return x.services_cars if kind == "service" else x.sells
    chosen = store if store is not None and offers(store) else next((x for x in content.locations if offers(x)), None)
    return {"dealer": chosen.id, "dealer_name": chosen.name} if chosen else {}


def quick_actions(kinds: tuple[str, ...], store: Location | None, content: Content, settings: Settings, page: str) -> list[Action]:
    """The quick actions: lead forms at a location that offers them, a ``tel:`` link, the store's map (else the dealers page)."""
    builder = settings.lead_builder
    actions = []
    for kind in kinds:
        label = QUICK_ACTIONS[kind]
        if kind == "call":
            url = store.tel_url if store else settings.dealer.tel_url
            if not url:
                continue
        elif kind == "map":
            if store is None:
                continue  # no location, no dealers page either
            url = store.map_url or "dealers/"
        else:
            url = builder.link(kind, page=page, **_serving(kind, store, content)).url
        actions.append(Action(kind, label, url))
    return actions


def home_page(src_uri: str, content: Content, settings: Settings, entries: list[FaqEntry]) -> HomePage | None:
    """The typed page of the home page, or ``None`` for any other page (or a site without one)."""
    home = content.home
    if src_uri != HOME_FILE or home is None:
        return None
    page = settings.absolute("")
    store = _store(home, content, settings)
    hero_url, hero_label = "", ""
    if home.hero is not None:
        if home.hero.link:
            hero_url, hero_label = home.hero.link, home.hero.button or "了解详情"
        else:
            lead = settings.lead_builder.link(home.hero.action, page=page, **_serving(home.hero.action, store, content))
            hero_url, hero_label = lead.url, home.hero.button or lead.label
    showroom = []
    for model in sorted(content.models.values(), key=lambda m: (m.price_from, m.slug)):
        leads = model_leads(model, content, settings, "", ("test_drive",)) if model.test_drive else []
        showroom.append(ShowroomCard(model, format_price(model.price_from) + "起", model_picture(model), leads[0] if leads else None))
    return HomePage(
        home=home, hero_url=hero_url, hero_label=hero_label,
        quick_actions=quick_actions(home.actions, store, content, settings, page), showroom=showroom,
        faq=heapq.nsmallest(home.faq_count, entries, key=lambda e: e.popularity), store=store,
        jsonld=home_jsonld(home, store, settings),
    )


def home_jsonld(home: Home, store: Location | None, settings: Settings) -> tuple[str, ...]:
    """The home page's structured data: the store as the ``AutoDealer`` that publishes the site, and the ``WebSite``."""
    data = []
    if store is not None:
        dealer = auto_dealer(store, settings, "", id_=publisher_id(settings))
        if home.hero is not None and home.hero.image:
            dealer["image"] = image_url(home.hero.image, settings)
        data.append(dealer)
    data.append(website(settings, settings.dealer.name, published_by_dealer=store is not None))
    return tuple(dumps(d) for d in data)
