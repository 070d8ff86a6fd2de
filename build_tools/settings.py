"""Plain settings the stages need, read from mkdocs.yml by the adapter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .load import Paths


@dataclass(frozen=True)
class Dealer:
    """Who runs the site: shown in the header, footer and contact links."""

    name: str
    phone: str = ""
    address: str = ""
    email: str = ""
    hours: str = ""

    @property
    def tel_url(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


@dataclass(frozen=True)
class Settings:
    paths: Paths
    dealer: Dealer
    timezone: str = "Asia/Shanghai"
    site_url: str = ""
    ask_url: str = ""
    # Preview (mkdocs serve) also shows drafts and scheduled entries, marked as such.
    preview: bool = False

    def today(self) -> dt.date:
        """Today's date where the dealer is: decides what is published."""
        return dt.datetime.now(ZoneInfo(self.timezone)).date()

    def absolute(self, url: str) -> str:
        """A site-relative URL made absolute when ``site_url`` is known."""
        if not self.site_url:
            return "/" + url
        return self.site_url.rstrip("/") + "/" + url
