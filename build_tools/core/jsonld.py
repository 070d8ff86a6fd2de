"""Structured data (schema.org JSON-LD): the safe serialiser and breadcrumbs every page kind uses."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .settings import Settings

CONTEXT = "https://schema.org"


# Characters that could end the <script> element or confuse an HTML parser.
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dumps(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _UNSAFE.items():
        text = text.replace(char, escaped)
    return text


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
