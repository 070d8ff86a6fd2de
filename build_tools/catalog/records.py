"""Typed records of the sales catalogue: models, trims, colours and locations."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.links import tel
from .hours import OpeningHours


@dataclass(frozen=True)
class Trim:
    """One version of a model (e.g. 两驱精英版) and its suggested price in yuan."""

    name: str
    price: int
    highlights: tuple[str, ...] = ()


@dataclass(frozen=True)
class Color:
    """A body colour: its name, its swatch and, optionally, a picture of the model in it."""

    name: str
    hex: str
    image: str = ""


@dataclass(frozen=True)
class Service:
    """One periodic service of a model's maintenance plan (``maintenance:`` in its front matter).

    ``km`` and ``months`` count from the previous service (the first: from the purchase),
    whichever comes first; the plan's last service repeats at its interval. ``price`` is an
    estimate in yuan (``None``: not given, 0: free, e.g. 首保).
    """

    items: tuple[str, ...]
    km: int | None = None
    months: int | None = None
    price: int | None = None


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
    maintenance: tuple[Service, ...] = ()

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
    # Structured data only (catalog/hours.py): schema.org opening hours and (latitude, longitude).
    opening_hours: tuple[OpeningHours, ...] = ()
    geo: tuple[float, float] | None = None

    @property
    def sells(self) -> bool:
        return "sales" in self.services

    @property
    def services_cars(self) -> bool:
        return "service" in self.services

    @property
    def tel_url(self) -> str:
        return tel(self.phone)
