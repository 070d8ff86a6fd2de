"""Structured data of the catalogue: ``Car`` and ``AutoDealer``."""

from __future__ import annotations

from typing import Any

from ..core.jsonld import CONTEXT
from ..core.settings import Settings
from .records import Location, VehicleModel


def auto_dealer(location: Location, settings: Settings, url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "AutoDealer",
        "@id": f"{settings.absolute(url)}#{location.id}",
        "name": location.name,
        "telephone": location.phone,
        "address": {"@type": "PostalAddress", "streetAddress": location.address, "addressLocality": location.city, "addressCountry": "CN"},
        "url": settings.absolute(url),
    }
    if location.hours:
        data["openingHours"] = location.hours
    if location.map_url:
        data["hasMap"] = location.map_url
    return data


def car(model: VehicleModel, settings: Settings) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Car",
        "name": model.name,
        "description": model.summary,
        "bodyType": model.type,
        "url": settings.absolute(model.url),
        "offers": {
            "@type": "Offer",
            "price": model.price_from,
            "priceCurrency": "CNY",
            "url": settings.absolute(model.url),
        },
    }
    if model.name_en:
        data["alternateName"] = model.name_en
    if model.seats:
        data["seatingCapacity"] = model.seats
    if model.image:
        data["image"] = settings.absolute(model.image)
    return data
