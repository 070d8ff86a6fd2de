"""Structured data (schema.org JSON-LD): the safe serialiser and the objects every page kind shares.

Domain objects (``Car``, ``AutoDealer``) are in catalog/jsonld.py; here the serialiser,
breadcrumbs, the site (``WebSite``), posts (``BlogPosting``), answers (``FAQPage``) and
phone numbers in international form.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .settings import Settings

CONTEXT = "https://schema.org"
LANGUAGE = "zh-CN"


# Characters that could end the <script> element or confuse an HTML parser: JSON allows
# them escaped anywhere in a string, so no text can close the element (``</script>``,
# ``<!--``) whatever an author writes.
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dumps(data: dict[str, Any]) -> str:
    """``data`` as JSON safe to print inside ``<script type="application/ld+json">`` unescaped."""
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


# Mainland area codes of two digits after the trunk 0 (010 Beijing, 020–029); the others have three.
_TWO_DIGIT_AREA = re.compile(r"^(?:10|2\d)")


def telephone(phone: str) -> str:
    """A Chinese number as written (0731-8888 0000, 138 1234 5678, 400-800-1234) in international
    form, ``+86-731-8888-0000``; a number already starting with + or 00 keeps its own country code."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.strip().startswith("+") or digits.startswith("00"):
        digits = digits.removeprefix("00")
        if not digits.startswith("86"):
            return "+" + digits
        digits = digits[2:]
    elif digits.startswith("86") and len(digits) in (12, 13):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):  # a mobile
        return f"+86-{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if len(digits) == 10 and digits[:3] in ("400", "800"):
        return f"+86-{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    national = digits.removeprefix("0")
    area = 2 if _TWO_DIGIT_AREA.match(national) else 3
    local = national[area:]
    if not local:
        return "+86-" + national if national else ""
    return f"+86-{national[:area]}-{local[:-4]}-{local[-4:]}" if len(local) > 4 else f"+86-{national[:area]}-{local}"


def website(settings: Settings, name: str, *, published_by_dealer: bool) -> dict[str, Any]:
    """The site as a ``WebSite`` (its publisher: the home page's ``AutoDealer``, when there is one). No
    ``SearchAction``: the site search takes no query from the URL, so a search box in results would have nowhere to send it."""
    data: dict[str, Any] = {"@context": CONTEXT, "@type": "WebSite", "@id": settings.absolute("") + "#website", "name": name,
                            "url": settings.absolute(""), "inLanguage": LANGUAGE}
    if published_by_dealer:
        data["publisher"] = {"@id": publisher_id(settings)}
    return data


def publisher_id(settings: Settings) -> str:
    """The ``@id`` of the dealer as an organisation (the home page's ``AutoDealer``)."""
    return settings.absolute("") + "#dealer"


def publisher(settings: Settings, logo: str = "") -> dict[str, Any]:
    """The dealer as the ``Organization`` that publishes the site's posts."""
    data: dict[str, Any] = {"@type": "Organization", "@id": publisher_id(settings), "name": settings.dealer.name, "url": settings.absolute("")}
    if logo:
        data["logo"] = {"@type": "ImageObject", "url": logo}
    return data


def iso(when: dt.datetime) -> str:
    """A time-zone aware moment in ISO 8601 with its offset (schema.org's DateTime)."""
    if when.utcoffset() is None:
        raise ValueError(f"date without a time zone: {when!r}")
    return when.isoformat()


def blog_posting(*, headline: str, url: str, published: dt.datetime, modified: dt.datetime | None, authors: Sequence[str],
                 image: str, description: str, settings: Settings, logo: str = "") -> dict[str, Any]:
    """A post as a ``BlogPosting`` (headline, dates with their zone, authors, image, the dealer as publisher)."""
    data: dict[str, Any] = {
        "@context": CONTEXT, "@type": "BlogPosting", "headline": headline, "url": url, "mainEntityOfPage": url,
        "datePublished": iso(published), "dateModified": iso(modified or published), "inLanguage": LANGUAGE,
        "author": [{"@type": "Person", "name": name} for name in authors] or publisher(settings, logo),
        "publisher": publisher(settings, logo),
    }
    if image:
        data["image"] = image
    if description:
        data["description"] = description
    return data


def faq_page(question: str, answer: str, url: str) -> dict[str, Any]:
    """One question and its answer (by the dealer) as an ``FAQPage`` with one ``Question``."""
    return {
        "@context": CONTEXT, "@type": "FAQPage", "url": url, "inLanguage": LANGUAGE,
        "mainEntity": [{"@type": "Question", "name": question, "acceptedAnswer": {"@type": "Answer", "text": answer}}],
    }
