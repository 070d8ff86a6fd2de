"""Structured data (schema.org JSON-LD) for search engines and link previews.

Builders return plain dictionaries; :func:`dumps` serialises them so that no text
can close the surrounding ``<script>`` element.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .model import Location, VehicleModel
from .settings import Settings

CONTEXT = "https://schema.org"

# Characters that could end the <script> element or confuse an HTML parser.
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dumps(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _UNSAFE.items():
        text = text.replace(char, escaped)
    return text


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


def breadcrumbs(items: Iterable[tuple[str, str]], settings: Settings) -> dict[str, Any]:
    """A ``BreadcrumbList`` from (name, site-relative URL) pairs, home first."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": settings.absolute(url)}
            for i, (name, url) in enumerate(items, start=1)
        ],
    }
