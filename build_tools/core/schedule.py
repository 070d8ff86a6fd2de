"""The one publish-status rule: drafts and what is dated in the future are validated but not published.

FAQ entries are dated by day, posts by the minute; both ask this module whether they
are on the site now, and preview shows everything, marked by its status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Any, Protocol, TypeVar


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
