"""The one publish-status rule: drafts and what is dated in the future are validated but not published.

FAQ entries are dated by day, posts by the minute; both ask this module whether they
are on the site now, and preview shows everything, marked by its status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

from .schema import iso_day


class Status(StrEnum):
    """Shown to authors in preview; templates compare it with its text (``== "draft"``)."""

    PUBLISHED = "published"
    DRAFT = "draft"
    SCHEDULED = "scheduled"


When = TypeVar("When", dt.date, dt.datetime)


def status(draft: bool, when: When, now: When) -> Status:
    """A draft stays one whatever its date; otherwise it is published from ``when`` on."""
    if draft:
        return Status.DRAFT
    return Status.SCHEDULED if when > now else Status.PUBLISHED


class Scheduled(Protocol):
    def status(self, now: Any, /) -> Status: ...  # a day (FAQ entries) or a moment (posts)


Item = TypeVar("Item", bound=Scheduled)


def visible(items: Iterable[Item], now: dt.date | dt.datetime, preview: bool) -> list[Item]:
    """What goes on the site: published items; in preview, drafts and scheduled ones too."""
    return list(items) if preview else [item for item in items if item.status(now) == Status.PUBLISHED]


def moment(value: Any, zone: ZoneInfo) -> tuple[dt.datetime, bool] | None:
    """A front-matter date or date-time as an aware date-time in ``zone``, and whether it was a date.

    A date is that day's midnight where the dealer is (what a post dated today and a
    promotion starting today mean); a date-time without an offset is the dealer's
    time. None for anything else (also a string that is neither form).
    """
    if isinstance(value, str):
        text = value.strip()
        try:
            value = iso_day(text) if len(text) <= 10 else (dt.datetime.fromisoformat(text) if iso_day(text[:10]) else None)
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        return (value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)), False
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), tzinfo=zone), True
    return None
