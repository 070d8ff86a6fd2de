"""The typed record of a promotion, and the one rule of when it is on the site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SCHEDULED, CURRENT, ENDED = "scheduled", "current", "ended"


@dataclass(frozen=True)
class Promotion:
    """One promotion, ``content/promotions/<slug>.md``.

    ``start`` and ``end`` are aware date-times in the site's time zone; ``end`` is
    exclusive (an ``end`` written as a date is the next day's midnight), so a promotion
    is current while ``start <= now < end``.
    """

    slug: str
    title: str
    summary: str
    start: dt.datetime
    end: dt.datetime
    source: str  # the file, relative to the project
    body: str = ""
    models: tuple[str, ...] = ()
    image: str = ""
    terms: str = ""
    # Whether start / end were written as dates (shown without a time).
    start_is_date: bool = False
    end_is_date: bool = False

    @property
    def url(self) -> str:
        return f"promotions/{self.slug}/"

    @property
    def src_uri(self) -> str:
        return f"promotions/{self.slug}.md"

    @property
    def end_iso(self) -> str:
        """The exclusive end, ISO 8601 with its offset: what the browser counts down to."""
        return self.end.isoformat()

    def status(self, now: dt.datetime) -> str:
        """``scheduled`` before ``start``, ``current`` until ``end``, then ``ended``."""
        if now < self.start:
            return SCHEDULED
        return CURRENT if now < self.end else ENDED

    def is_current(self, now: dt.datetime) -> bool:
        """Only a current promotion is anywhere on the published site."""
        return self.status(now) == CURRENT
