"""Typed records of the home page (``content/index.md`` front matter)."""

from __future__ import annotations

from dataclasses import dataclass

# The quick actions, in the order shown by default: lead kinds plus a call and the way to the store.
QUICK_ACTIONS: dict[str, str] = {
    "test_drive": "预约试驾",
    "reserve": "在线订车",
    "service": "预约保养",
    "call": "一键拨号",
    "map": "到店导航",
}
# Lead kinds the hero's button may start (see core.links.LEAD_KINDS).
HERO_ACTIONS = ("test_drive", "reserve", "quote", "service", "ask")


@dataclass(frozen=True)
class Hero:
    """The big picture at the top: headline, one line of text and the primary button."""

    headline: str
    text: str = ""
    image: str = ""
    button: str = ""  # the button's label ("" = the label of its action)
    action: str = "test_drive"  # a lead kind; ignored when ``link`` is set
    link: str = ""  # a page of the site or a URL instead of a lead form


@dataclass(frozen=True)
class Home:
    """What the author chose for the home page; every part has a default."""

    source: str
    hero: Hero | None = None
    actions: tuple[str, ...] = tuple(QUICK_ACTIONS)
    faq_count: int = 5
    posts_count: int = 3
    store: str = ""  # the location of the store card ("" = the default location)
