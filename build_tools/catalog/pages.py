"""Stage 2 for the sales catalogue: model pages, models index, comparison, dealers.

Model pages are written by authors (``content/models/<slug>.md``); this stage only
adds their template and context. The models index (unless authored), the
comparison page and the dealers page are generated as :class:`PageSpec` records.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING, Any

from ..blog.records import Post
from ..core.jsonld import breadcrumbs, dumps
from ..core.links import Lead
from ..core.pages import PageSpec
from ..core.settings import Settings
from ..faq.records import FaqEntry
from .jsonld import auto_dealer, car
from .records import Location, VehicleModel

if TYPE_CHECKING:  # the record of all content, which holds this domain's records
    from ..site.content import Content

MODELS_INDEX_URI = "models/index.md"
COMPARE_URI = "models/compare.md"
DEALERS_URI = "dealers.md"
MODEL_FAQ_SIZE = 8
MODEL_POSTS_SIZE = 5
MODEL_LEADS = ("test_drive", "reserve", "quote")


def format_price(yuan: int) -> str:
    """Prices the Chinese way, in units of 10,000 yuan: 169800 → ``¥16.98 万``."""
    return f"¥{yuan / 10000:.2f} 万"


def default_location(content: Content, settings: Settings) -> Location | None:
    """The location that fills {dealer} where a page names none: configured, else the first that sells."""
    for location in content.locations:
        if location.id == settings.default_location:
            return location
    return next((x for x in content.locations if x.sells), None)


def model_leads(model: VehicleModel, content: Content, settings: Settings, page_url: str, kinds: tuple[str, ...] = MODEL_LEADS) -> list[Lead]:
    """The calls to action for a model, with the model and the default location filled in."""
    location = default_location(content, settings)
    builder = settings.lead_builder
    return [
        builder.link(
            kind,
            model=model.slug,
            model_name=model.name,
            dealer=location.id if location else "",
            dealer_name=location.name if location else "",
            page=settings.absolute(page_url),
        )
        for kind in kinds
        if kind != "test_drive" or model.test_drive
    ]


def location_leads(location: Location, settings: Settings) -> list[Lead]:
    """Test drive where the location sells, service booking where it services cars."""
    kinds = [k for k, offered in (("test_drive", location.sells), ("service", location.services_cars)) if offered]
    page = settings.absolute("dealers/")
    return [settings.lead_builder.link(k, dealer=location.id, dealer_name=location.name, page=page) for k in kinds]


def _faq_about(model: VehicleModel, entries: list[FaqEntry]) -> list[FaqEntry]:
    about = [e for e in entries if model.slug in e.models]
    return heapq.nsmallest(MODEL_FAQ_SIZE, about, key=lambda e: e.popularity)


def posts_about(model: VehicleModel, posts: list[tuple[Post, str]]) -> list[tuple[Post, str]]:
    """The newest posts naming ``model``, from (post, URL) pairs of the site."""
    about = [(post, url) for post, url in posts if model.slug in post.models]
    return heapq.nsmallest(MODEL_POSTS_SIZE, about, key=lambda pair: (-pair[0].date.timestamp(), pair[0].slug))


def post_leads(post: Post, content: Content, settings: Settings, page_url: str) -> list[Lead]:
    """A post about a model ends with a test drive of (the first) model it names."""
    if not post.models:
        return []
    return model_leads(content.models[post.models[0]], content, settings, page_url, ("test_drive",))


def model_page_context(model: VehicleModel, content: Content, settings: Settings, entries: list[FaqEntry]) -> dict[str, Any]:
    """Template context of an authored model page (its posts are added by :func:`posts_about` once known)."""
    return {
        "catalog": {
            "kind": "model",
            "model": model,
            "price_from": format_price(model.price_from) + "起",
            "trims": [(trim, format_price(trim.price)) for trim in model.trims],
            "faq": _faq_about(model, entries),
            "posts": [],
            "leads": model_leads(model, content, settings, model.url),
        },
        "head": {
            "jsonld": [
                dumps(car(model, settings)),
                dumps(breadcrumbs([("首页", ""), ("车型", "models/"), (model.name, model.url)], settings)),
            ],
            "og": {
                "type": "product",
                "title": model.name,
                "description": f"{model.summary}（{format_price(model.price_from)}起）",
                "url": settings.absolute(model.url),
                "image": settings.absolute(model.image) if model.image else "",
            },
        },
    }


def models_index_context(content: Content) -> dict[str, Any]:
    cards = [(m, format_price(m.price_from) + "起") for m in sorted(content.models.values(), key=lambda m: (m.price_from, m.slug))]
    return {"catalog": {"kind": "models", "cards": cards}}


def compare_context(content: Content) -> dict[str, Any]:
    """All models side by side: one row per spec label (the union, in first-seen order)."""
    models = sorted(content.models.values(), key=lambda m: (m.price_from, m.slug))
    labels: dict[str, None] = {}
    for model in models:
        labels.update(dict.fromkeys(label for label, _ in model.specs))
    rows = [("类型", [m.type for m in models]), ("指导价", [format_price(m.price_from) + "起" for m in models])]
    rows.append(("座位数", [f"{m.seats} 座" if m.seats else "" for m in models]))
    for label in labels:
        rows.append((label, [dict(m.specs).get(label, "") for m in models]))
    trims = [[(t.name, format_price(t.price)) for t in m.trims] for m in models]
    return {"catalog": {"kind": "compare", "models": models, "rows": rows, "trims": trims}}


def dealers_context(content: Content, settings: Settings) -> dict[str, Any]:
    cities: dict[str, list[tuple[Location, list[Lead]]]] = {}
    for location in content.locations:
        cities.setdefault(location.city, []).append((location, location_leads(location, settings)))
    return {
        "catalog": {"kind": "dealers", "cities": list(cities.items())},
        "head": {"jsonld": [dumps(auto_dealer(x, settings, "dealers/")) for x in content.locations]},
    }


def generate_catalog(content: Content, settings: Settings, authored: set[str]) -> list[PageSpec]:
    """Generated catalogue pages; ``authored`` lists the src URIs authors wrote themselves."""
    specs: list[PageSpec] = []
    if content.models and MODELS_INDEX_URI not in authored:
        specs.append(PageSpec(MODELS_INDEX_URI, "车型", "models/index.html", description="在售车型与指导价", context=models_index_context(content)))
    if content.models:
        specs.append(PageSpec(COMPARE_URI, "车型对比", "models/compare.html", description="在售车型参数与价格对比", context=compare_context(content)))
    if content.locations:
        specs.append(PageSpec(DEALERS_URI, "经销商与服务网点", "dealers.html", description="销售与售后服务网点、电话与地址", context=dealers_context(content, settings)))
    return specs


def authored_page_context(src_uri: str, content: Content, settings: Settings, entries: list[FaqEntry]) -> tuple[str, dict[str, Any]] | None:
    """(template, context) for a catalogue page an author wrote, or ``None``."""
    if src_uri == MODELS_INDEX_URI:
        return "models/index.html", models_index_context(content)
    if src_uri.startswith("models/") and src_uri.count("/") == 1:
        model = content.models.get(src_uri.removeprefix("models/").removesuffix(".md"))
        if model is not None:
            return "models/model.html", model_page_context(model, content, settings, entries)
    return None
