"""Stage 2 for the sales catalogue: model pages, models index, comparison, dealers.

Model pages are written by authors (``content/models/<slug>.md``); this stage only
adds their template and context (:class:`ModelPage`). The models index (unless
authored), the comparison page and the dealers page are generated typed pages.
"""

from __future__ import annotations

import heapq
import html
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..blog.records import Post, newest_posts
from ..core import actions as cta  # the one place that decides the buttons
from ..core.jsonld import breadcrumbs, dumps
from ..core.links import Lead
from ..core.pages import GeneratedPage, Page, Rendered, SearchDoc, description, text_record
from ..core.settings import Settings
from ..faq.records import FaqEntry
from .jsonld import auto_dealer, car, image_url
from .records import Location, Service, VehicleModel

if TYPE_CHECKING:  # the record of all content, which holds this domain's records
    from ..site.content import Content

MODELS_INDEX_URI = "models/index.md"
COMPARE_URI = "models/compare.md"
DEALERS_URI = "dealers.md"
MODEL_FAQ_SIZE = 8
MODEL_POSTS_SIZE = 5
# The id of the 「保养计划」 section: FAQ answers about a model's maintenance link to it, so it
# is written in the template, never derived from the heading's text.
MAINTENANCE_ANCHOR = "maintenance-plan"
# Calendar reminders book through the same form, counted apart (utm_medium) from the page's buttons.
CALENDAR_MEDIUM = "calendar"


def format_price(yuan: int) -> str:
    """Prices the Chinese way, in units of 10,000 yuan: 169800 → ``¥16.98 万``."""
    return f"¥{yuan / 10000:.2f} 万"


def default_location(content: Content, settings: Settings) -> Location | None:
    """The location that fills {dealer} where a page names none: configured, else the first that sells."""
    for location in content.locations:
        if location.id == settings.default_location:
            return location
    return next((x for x in content.locations if x.sells), None)


def service_location(content: Content, settings: Settings) -> Location | None:
    """The location that fills {dealer} on a service booking: the default one if it services cars, else the first that does."""
    default = default_location(content, settings)
    if default is not None and default.services_cars:
        return default
    return next((x for x in content.locations if x.services_cars), default)


def model_leads(model: VehicleModel, content: Content, settings: Settings, page_url: str, kinds: tuple[str, ...] = cta.MODEL_KINDS) -> list[Lead]:
    """The calls to action for a model, with the model and the default location filled in (decided in core/actions.py)."""
    return cta.model_leads(model, settings.lead_builder, default_location(content, settings), settings.absolute(page_url), kinds)


def location_leads(location: Location, settings: Settings) -> list[Lead]:
    """Test drive where the location sells, service booking where it services cars; no model, so no ``model=``."""
    return cta.location_leads(location.sells, location.services_cars, location, settings.lead_builder, settings.absolute("dealers/"))


def topic_leads(topic: str, model_slugs: tuple[str, ...], content: Content, settings: Settings, page_url: str) -> list[Lead]:
    """The buttons of a FAQ answer or a post about ``topic`` naming ``model_slugs`` (see core/actions.py)."""
    models = [content.models[slug] for slug in model_slugs if slug in content.models]
    return cta.topic_leads(topic, models, settings.lead_builder, default_location(content, settings),
                               settings.absolute(page_url), service_location(content, settings))


def page_action_bar(page: Page | None, content: Content, settings: Settings, page_url: str) -> list[Lead]:
    """The phone action bar of a page (after 电话): its topic and model decide, in core/actions.py."""
    which = page.actions() if page is not None else cta.PageActions()
    return cta.action_bar(which, settings.lead_builder, default_location(content, settings), settings.absolute(page_url),
                              service_location(content, settings))


@dataclass(frozen=True)
class PlanRow:
    """One service of a maintenance plan as a customer reads it."""

    title: str  # 「第 1 次保养」, 「第 3 次及以后」
    when: str  # 「购车后 5,000 公里或 6 个月」, 「之后每 10,000 公里或 12 个月」
    items: tuple[str, ...]
    price: str  # 「免费」, 「参考价 ¥480」, 「到店报价」


def _interval(service: Service) -> str:
    parts = [f"{service.km:,} 公里" if service.km else "", f"{service.months} 个月" if service.months else ""]
    return "或 ".join(p for p in parts if p)


def _price(service: Service) -> str:
    if service.price is None:
        return "到店报价"
    return "免费" if service.price == 0 else f"参考价 ¥{service.price:,}"


def plan_rows(plan: Sequence[Service]) -> list[PlanRow]:
    """The plan as rows: each interval counts from the previous service (see :func:`plan_cycle`)."""
    rows = []
    for i, service in enumerate(plan):
        if len(plan) == 1:
            title, when = "定期保养", f"每 {_interval(service)}"
        elif i == 0:
            title, when = "第 1 次保养", f"购车后 {_interval(service)}"
        elif len(plan) == 2:
            title, when = "第 2 次及以后", f"之后每 {_interval(service)}"
        else:
            title, when = f"第 {i + 1} 次保养", f"再过 {_interval(service)}"
        rows.append(PlanRow(title, when, service.items, _price(service)))
    return rows


def plan_cycle(plan: Sequence[Service]) -> str:
    """How the plan goes on after its last row: the services after the first repeat in order.

    One service repeats itself; with two, the second repeats (its row says 「之后每」); with
    more, the second to the last form a cycle (小保养, 加滤芯, 小保养, 大保养, …).
    """
    if len(plan) < 3:
        return ""
    return f"第 {len(plan)} 次之后，从第 2 次起依次循环。"


def maintenance_leads(model: VehicleModel, content: Content, settings: Settings) -> tuple[Lead, Lead]:
    """预约保养 with the model filled in: the page's button, and the same booking for calendar reminders."""
    page = settings.absolute(model.url)
    args = (default_location(content, settings), page, service_location(content, settings))
    button = cta.topic_leads(cta.SERVICE, [model], settings.lead_builder, *args)[0]
    calendar = cta.topic_leads(cta.SERVICE, [model], replace(settings.lead_builder, utm_medium=CALENDAR_MEDIUM), *args)[0]
    return button, calendar


def reminder_data(model: VehicleModel, leads: tuple[Lead, Lead], settings: Settings) -> dict[str, Any]:
    """What ``assets/maintenance.js`` needs to list the next services and write the .ics (as JSON in the page).

    ``leads``: 预约保养 of the page (``book``, the button under the listed dates) and of the calendar (``booking``).
    """
    return {
        "slug": model.slug,
        "name": model.name,
        "dealer": settings.dealer.name,
        "book": leads[0].url,
        "booking": leads[1].url,
        "host": urlsplit(settings.site_url).hostname or "dealer-site.invalid",
        "services": [{"km": s.km, "months": s.months, "items": list(s.items), "price": s.price} for s in model.maintenance],
    }


def _faq_about(model: VehicleModel, entries: list[FaqEntry]) -> list[FaqEntry]:
    about = [e for e in entries if model.slug in e.models]
    return heapq.nsmallest(MODEL_FAQ_SIZE, about, key=lambda e: e.popularity)


@dataclass(frozen=True, kw_only=True)
class ModelPage(Page):
    """An authored model page: the model's record, prices, trims, questions, posts and calls to action."""

    template = "models/model.html"
    shows_qr = True
    model: VehicleModel
    faq: list[FaqEntry]
    leads: list[Lead]
    settings: Settings
    # 预约保养 under the maintenance plan, and the plan for the reminder tool (empty without a plan).
    service_lead: Lead | None = None
    reminder: dict[str, Any] = field(default_factory=dict)
    # The newest posts about the model: known only once every post has its URL (see :meth:`at`).
    posts: list[tuple[Post, str]] = field(default_factory=list)

    def defaults(self) -> dict[str, Any]:
        """Front matter the page gets unless its author wrote it: its template, the model's name as title, no sidebars."""
        return {"template": self.template, "title": html.escape(self.model.name), "hide": ["navigation", "toc"]}

    def actions(self) -> cta.PageActions:
        return cta.PageActions(cta.SALES, self.model)

    def search_record(self, rendered: Rendered, title: str, section: str) -> SearchDoc | None:
        """Found like any page, and first for a query naming the model (欧蓝德, Outlander)."""
        names = tuple(n for n in (self.model.name, self.model.name_en) if n)
        return replace(text_record(rendered, title, section), names=names)

    def description_text(self, rendered: Rendered | None) -> str:
        """The model's summary and price (an author's ``description`` wins)."""
        return description(f"{self.model.summary}（{format_price(self.model.price_from)}起）")

    def at(self, url: str, post_links: Sequence[tuple[Post, str]]) -> ModelPage:
        """This page with the newest of the site's posts (post, URL) that name its model."""
        about = [(post, link) for post, link in post_links if self.model.slug in post.models]
        return replace(self, posts=newest_posts(about, MODEL_POSTS_SIZE))

    def context(self) -> dict[str, Any]:
        model, settings = self.model, self.settings
        return {
            "catalog": {
                "model": model,
                "plan": plan_rows(model.maintenance),
                "plan_cycle": plan_cycle(model.maintenance),
                "service_lead": self.service_lead,
                "reminder": self.reminder,
                "price_from": format_price(model.price_from) + "起",
                "picture": model_picture(model),
                "trims": [(trim, format_price(trim.price)) for trim in model.trims],
                "faq": self.faq,
                "posts": self.posts,
                "leads": self.leads,
            },
            "head": {
                # The big picture is the page's largest paint: fetched with the stylesheets, not after them.
                "preload": model_picture(model),
                "jsonld": [
                    dumps(car(model, settings, model_picture(model))),
                    dumps(breadcrumbs([("首页", ""), ("车型", "models/"), (model.name, model.url)], settings)),
                ],
                "og": {
                    "type": "product",
                    "title": model.name,
                    "description": f"{model.summary}（{format_price(model.price_from)}起）",
                    "url": settings.absolute(model.url),
                    "image": image_url(model_picture(model), settings),
                },
            },
        }


def model_picture(model: VehicleModel) -> str:
    """The model's big picture: its ``image``, else the first colour that names one ("" = none)."""
    return model.image or next((c.image for c in model.colors if c.image), "")


def _cards(content: Content) -> list[tuple[VehicleModel, str, str]]:
    """(model, 「¥9.98 万起」, picture) per model, cheapest first."""
    return [(m, format_price(m.price_from) + "起", model_picture(m)) for m in sorted(content.models.values(), key=lambda m: (m.price_from, m.slug))]


@dataclass(frozen=True, kw_only=True)
class AuthoredModelsIndex(Page):
    """``content/models/index.md`` written by an author: the model cards follow the author's text."""

    template = "models/index.html"
    cards: list[tuple[VehicleModel, str, str]]

    def defaults(self) -> dict[str, Any]:
        """Its template; no table of contents (the cards need the width)."""
        return {"template": self.template, "hide": ["toc"]}

    def context(self) -> dict[str, Any]:
        return {"catalog": {"cards": self.cards}}


@dataclass(frozen=True, kw_only=True)
class ModelsIndex(GeneratedPage):
    """The models index, generated unless an author wrote ``content/models/index.md``."""

    template = "models/index.html"
    cards: list[tuple[VehicleModel, str, str]]

    context = AuthoredModelsIndex.context


@dataclass(frozen=True, kw_only=True)
class ComparePage(GeneratedPage):
    """All models side by side: one row per spec label (the union, in first-seen order)."""

    template = "models/compare.html"
    models: list[VehicleModel]
    rows: list[tuple[str, list[str]]]
    trims: list[list[tuple[str, str]]]

    def context(self) -> dict[str, Any]:
        return {"catalog": {"models": self.models, "rows": self.rows, "trims": self.trims}}


@dataclass(frozen=True, kw_only=True)
class DealersPage(GeneratedPage):
    """The sales and service locations by city, each with its calls to action."""

    template = "dealers.html"
    cities: list[tuple[str, list[tuple[Location, list[Lead]]]]]
    jsonld: list[str]

    def context(self) -> dict[str, Any]:
        return {"catalog": {"cities": self.cities}, "head": {"jsonld": self.jsonld}}

    def actions(self) -> cta.PageActions:
        return cta.PageActions(cta.SERVICE)  # the phone bar books a service; each store card offers both

    def search_record(self, rendered: Rendered, title: str, section: str) -> SearchDoc | None:
        """Found like any page, and first for a query naming one of its stores."""
        names = tuple(location.name for _, stores in self.cities for location, _ in stores)
        return replace(text_record(rendered, title, section), names=names)


def compare_page(content: Content) -> ComparePage:
    models = sorted(content.models.values(), key=lambda m: (m.price_from, m.slug))
    labels: dict[str, None] = {}
    for model in models:
        labels.update(dict.fromkeys(label for label, _ in model.specs))
    rows = [("类型", [m.type for m in models]), ("指导价", [format_price(m.price_from) + "起" for m in models])]
    rows.append(("座位数", [f"{m.seats} 座" if m.seats else "" for m in models]))
    for label in labels:
        rows.append((label, [dict(m.specs).get(label, "") for m in models]))
    trims = [[(t.name, format_price(t.price)) for t in m.trims] for m in models]
    return ComparePage(uri=COMPARE_URI, title="车型对比", description="在售车型参数与价格对比", models=models, rows=rows, trims=trims, hide=("toc",))


def dealers_page(content: Content, settings: Settings) -> DealersPage:
    cities: dict[str, list[tuple[Location, list[Lead]]]] = {}
    for location in content.locations:
        cities.setdefault(location.city, []).append((location, location_leads(location, settings)))
    return DealersPage(
        uri=DEALERS_URI, title="经销商与服务网点", description="销售与售后服务网点、电话与地址", cities=list(cities.items()),
        jsonld=[dumps(auto_dealer(x, settings, "dealers/")) for x in content.locations],
    )


def generate_catalog(content: Content, settings: Settings, authored: set[str]) -> list[GeneratedPage]:
    """Generated catalogue pages; ``authored`` lists the src URIs authors wrote themselves."""
    pages: list[GeneratedPage] = []
    if content.models and MODELS_INDEX_URI not in authored:
        pages.append(ModelsIndex(uri=MODELS_INDEX_URI, title="车型", description="在售车型与指导价", cards=_cards(content), hide=("toc",)))
    if content.models:
        pages.append(compare_page(content))
    if content.locations:
        pages.append(dealers_page(content, settings))
    return pages


def authored_page(src_uri: str, content: Content, settings: Settings, entries: list[FaqEntry]) -> Page | None:
    """The typed page of a catalogue page an author wrote (a model page, the models index), or ``None``."""
    if src_uri == MODELS_INDEX_URI:
        return AuthoredModelsIndex(cards=_cards(content))
    if src_uri.startswith("models/") and src_uri.count("/") == 1:
        model = content.models.get(src_uri.removeprefix("models/").removesuffix(".md"))
        if model is not None:
            service_lead, reminder = None, {}
            if model.maintenance:
                leads = maintenance_leads(model, content, settings)
                service_lead, reminder = leads[0], reminder_data(model, leads, settings)
            return ModelPage(model=model, faq=_faq_about(model, entries), leads=model_leads(model, content, settings, model.url), settings=settings,
                             service_lead=service_lead, reminder=reminder)
    return None
