"""Which calls to action a page gets: the one place that decides.

Every button on a page (FAQ answers, model pages, the dealers page, posts) and the
phone's bottom action bar come from here; :class:`~build_tools.core.links.LeadBuilder`
only turns a decision into a URL. The rule is about the page's *topic*:

* ``service`` (保养、维修、售后): 预约保养, with the store that services cars;
* ``sales`` (everything else: buying, test drives, configurations, finance): 预约试驾
  for each model the page names (one button per model), or one general 预约试驾
  when it names none — never a link with an empty ``model=``.

A FAQ category's topic is its ``topic:`` in ``faq/categories.yml`` when given, else it
is guessed from its key and name (:func:`topic_of`). Domain records come in through
small protocols, so this module imports no domain.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from .links import Lead, LeadBuilder

SALES = "sales"
SERVICE = "service"
TOPICS = (SALES, SERVICE)
# Words of a category key, name or blog category that make it about service, not sales.
SERVICE_WORDS = ("maintenance", "repair", "service", "aftersales", "保养", "维修", "售后", "用车")
# The action bar on a phone (the 电话 button comes first, from the dealer's phone).
BAR_KINDS = {SALES: ("test_drive", "reserve"), SERVICE: ("service",)}
MODEL_KINDS = ("test_drive", "reserve", "quote")


class ModelRef(Protocol):
    """What a call to action needs of a vehicle model."""

    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def test_drive(self) -> bool: ...


class StoreRef(Protocol):
    """What a call to action needs of a location (the store that fills ``{dealer}``)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


def topic_of(*names: str, topic: str = "") -> str:
    """A topic: the configured one, else ``service`` when a name holds a service word, else ``sales``."""
    if topic:
        return topic
    folded = " ".join(names).lower()
    return SERVICE if any(word in folded for word in SERVICE_WORDS) else SALES


@dataclass(frozen=True)
class PageActions:
    """What a page is about, for its action bar: its topic and the model it shows (if exactly one)."""

    topic: str = SALES
    model: ModelRef | None = None


def _store_values(store: StoreRef | None) -> dict[str, str]:
    return {"dealer": store.id, "dealer_name": store.name} if store is not None else {}


def model_leads(model: ModelRef, builder: LeadBuilder, store: StoreRef | None, page: str, kinds: Sequence[str] = MODEL_KINDS) -> list[Lead]:
    """A model page's buttons (预约试驾 only if the model can be test-driven)."""
    return [
        builder.link(kind, model=model.slug, model_name=model.name, page=page, **_store_values(store))
        for kind in kinds
        if kind != "test_drive" or model.test_drive
    ]


def topic_leads(topic: str, models: Iterable[ModelRef], builder: LeadBuilder, store: StoreRef | None, page: str,
                service_store: StoreRef | None = None) -> list[Lead]:
    """The buttons of a page about ``topic`` naming ``models`` (a FAQ answer, a post).

    Service: one 预约保养 (with the single model named, if any); sales: a 预约试驾 per
    model that can be test-driven, or a general one when none is named.
    """
    models = list(models)
    if topic == SERVICE:
        model = models[0] if len(models) == 1 else None
        named = {"model": model.slug, "model_name": model.name} if model is not None else {}
        return [builder.link("service", page=page, **named, **_store_values(service_store or store))]
    drivable = [m for m in models if m.test_drive]
    if drivable:
        return [_labelled(lead, m.name) for m in drivable for lead in model_leads(m, builder, store, page, ("test_drive",))]
    if models:  # only models that cannot be test-driven: ask for a quote instead
        return [lead for m in models for lead in model_leads(m, builder, store, page, ("quote",))]
    return [builder.link("test_drive", page=page, **_store_values(store))]


def _labelled(lead: Lead, model_name: str) -> Lead:
    """「预约试驾 欧蓝德」: several test-drive buttons must say which model each books."""
    return Lead(lead.kind, f"{lead.label} {model_name}", lead.url)


def location_leads(sells: bool, services: bool, store: StoreRef, builder: LeadBuilder, page: str) -> list[Lead]:
    """A store card's buttons: 预约试驾 where it sells, 预约保养 where it services cars (no model: no ``model=``)."""
    kinds = [k for k, offered in (("test_drive", sells), ("service", services)) if offered]
    return [builder.link(k, page=page, **_store_values(store)) for k in kinds]


def action_bar(actions: PageActions, builder: LeadBuilder, store: StoreRef | None, page: str,
               service_store: StoreRef | None = None) -> list[Lead]:
    """The phone's bottom bar after 电话: 预约试驾 · 在线订车 on sales pages, 预约保养 on service pages."""
    model = actions.model
    named = {"model": model.slug, "model_name": model.name} if model is not None else {}
    if actions.topic == SERVICE:
        return [builder.link("service", page=page, **named, **_store_values(service_store or store))]
    kinds = [k for k in BAR_KINDS[SALES] if k != "test_drive" or model is None or model.test_drive]
    return [builder.link(k, page=page, **named, **_store_values(store)) for k in kinds]
