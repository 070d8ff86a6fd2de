"""Structured data of the catalogue: ``Car`` and ``AutoDealer``."""

from __future__ import annotations

from typing import Any

from ..core.feeds import site_path
from ..core.jsonld import CONTEXT, telephone
from ..core.settings import Settings
from .records import Location, VehicleModel

NEW = "https://schema.org/NewCondition"


def image_url(path: str, settings: Settings) -> str:
    """An image of content/ (a site-relative path) as an absolute, percent-encoded URL ("" stays "")."""
    return settings.absolute(site_path(path)) if path else ""


def auto_dealer(location: Location, settings: Settings, url: str, *, id_: str = "") -> dict[str, Any]:
    """A location as an ``AutoDealer``: phone in +86 form, address, opening hours and coordinates when given."""
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "AutoDealer",
        "@id": id_ or f"{settings.absolute(url)}#{location.id}",
        "name": location.name,
        "telephone": telephone(location.phone),
        "address": {"@type": "PostalAddress", "streetAddress": location.address, "addressLocality": location.city, "addressCountry": "CN"},
        "url": settings.absolute(url),
    }
    if settings.dealer.brand:
        data["brand"] = {"@type": "Brand", "name": settings.dealer.brand}
    if location.opening_hours:
        data["openingHoursSpecification"] = [line.schema() for line in location.opening_hours]
    if location.geo is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": location.geo[0], "longitude": location.geo[1]}
    if location.map_url:
        data["hasMap"] = location.map_url
    return data


def car(model: VehicleModel, settings: Settings, picture: str = "") -> dict[str, Any]:
    """A model as a new ``Car`` with its brand, picture and an ``Offer`` from its lowest price in CNY."""
    url = settings.absolute(model.url)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Car",
        "name": model.name,
        "description": model.summary,
        "bodyType": model.type,
        "url": url,
        "itemCondition": NEW,
    }
    if settings.dealer.brand:
        data["brand"] = {"@type": "Brand", "name": settings.dealer.brand}
    if model.price_from:
        data["offers"] = {"@type": "Offer", "price": model.price_from, "priceCurrency": "CNY", "itemCondition": NEW, "url": url}
    if model.name_en:
        data["alternateName"] = model.name_en
    if model.seats:
        data["seatingCapacity"] = model.seats
    if picture := picture or model.image:
        data["image"] = image_url(picture, settings)
    return data
