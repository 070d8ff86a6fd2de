"""Plain settings the stages need, read from mkdocs.yml by the adapter."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from .links import LeadBuilder, tel


@dataclass(frozen=True)
class Paths:
    """Where the content lives; ``root`` is the folder that holds mkdocs.yml."""

    root: Path
    docs_dir: Path
    faq_dir: Path
    # The blog's folder (outside docs_dir); None for a site without a blog.
    blog_dir: Path | None = None

    @property
    def categories_file(self) -> Path:
        return self.faq_dir / "categories.yml"

    @property
    def vocabulary_file(self) -> Path:
        return self.faq_dir / "vocabulary.yml"

    @property
    def models_dir(self) -> Path:
        return self.docs_dir / "models"

    @property
    def content_dirs(self) -> tuple[Path, ...]:
        """The folders authors write in: a symlink may point only into these."""
        return tuple(p for p in (self.docs_dir, self.faq_dir, self.blog_dir) if p is not None)

    def rel(self, path: Path) -> str:
        """A path as authors see it: relative to the project, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass(frozen=True)
class Dealer:
    """Who runs the site: shown in the header, footer and contact links."""

    name: str
    phone: str = ""
    address: str = ""
    email: str = ""
    hours: str = ""
    # China conventions: the ICP filing (备案号, e.g. 湘ICP备00000000号-1), the optional
    # public-security filing (公安备案, e.g. 湘公网安备43010002000000号), a WeChat QR image
    # (a path in content/), and the name the phone header shows.
    icp: str = ""
    police_filing: str = ""
    wechat_qr: str = ""
    short_name: str = ""
    # The make the dealer sells (a 4S store sells one): the ``brand`` of its models' structured data.
    brand: str = ""

    @property
    def tel_url(self) -> str:
        return tel(self.phone)

    @property
    def icp_url(self) -> str:
        """Where every ICP number is looked up (MIIT's filing site)."""
        return ICP_URL if self.icp else ""

    @property
    def police_url(self) -> str:
        """The public-security filing's own record on the MPS site, found by its number."""
        digits = "".join(ch for ch in self.police_filing if ch.isdigit())
        return f"{POLICE_URL}#/query/webSearch?code={digits}" if digits else ""

    @property
    def header_name(self) -> str:
        """The name for a phone's header: ``short_name``, else the full name."""
        return self.short_name or self.name


@dataclass(frozen=True)
class Endpoint:
    """Where a form sends what customers submit (the dealer's form service): its URL and HTTP method (POST or GET)."""

    url: str
    method: str


ICP_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "https://beian.mps.gov.cn/"


@dataclass(frozen=True)
class Settings:
    paths: Paths
    dealer: Dealer
    timezone: str = "Asia/Shanghai"
    site_url: str = ""
    # Call-to-action URL templates by kind (test_drive, reserve, quote, service, ask).
    leads: Mapping[str, str] = field(default_factory=dict)
    utm_source: str = "website"
    utm_medium: str = "cta"
    utm_campaign: str = "{model}"
    # The location whose id fills {dealer} on model pages ("" = the first that sells).
    default_location: str = ""
    # Preview (mkdocs serve) also shows drafts and scheduled entries, marked as such.
    preview: bool = False
    # Material's blog `categories_allowed` (empty: any); feeds: items per feed, full text or excerpt.
    blog_categories: tuple[str, ...] = ()
    # Material's `blog_dir`: the folder in docs_dir that holds only the blog's index page.
    blog_index_dir: str = "blog"
    # Where Material's blog finds posts (its post_dir, e.g. "blog/posts"; "" without a blog).
    posts_uri: str = ""
    # mkdocs.yml's file name and the source URIs its nav names (checked by site/check.py).
    config_name: str = "mkdocs.yml"
    nav: tuple[str, ...] = ()
    # Where templates and Material's icons are looked up (the theme's folders and ours).
    theme_dirs: tuple[str, ...] = ()
    feed_limit: int = 20
    feed_content: str = "full"
    # The dealer's form services: satisfaction surveys (aftersales/) and 「这条回答有帮助吗？」 votes;
    # None: not configured (no survey may be published, no vote widget is shown).
    survey_endpoint: Endpoint | None = None
    feedback_endpoint: Endpoint | None = None
    # The moment one build is made at (SiteBuild sets it): every "is it published yet?" of that build
    # agrees, even for a post or promotion whose time comes while it runs. Not part of the settings'
    # identity (repr, ==): preview rebuilds compare settings to reuse unchanged pages.
    clock: dt.datetime | None = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def lead_builder(self) -> LeadBuilder:
        return LeadBuilder(
            templates=self.leads, email=self.dealer.email, phone=self.dealer.phone,
            utm_source=self.utm_source, utm_medium=self.utm_medium, utm_campaign=self.utm_campaign,
        )

    def now(self) -> dt.datetime:
        """The current time where the dealer is (the build's moment, once set): decides what is published."""
        return self.clock or dt.datetime.now(ZoneInfo(self.timezone))

    def today(self) -> dt.date:
        """Today's date where the dealer is: decides what is published."""
        return self.now().date()

    def endpoint_action(self, endpoint: Endpoint) -> str:
        """Where a form or the browser sends to: an https URL as written, a relative one resolved against ``site_url``.

        One rule for the survey, the helpful votes and the search's no-result queries, so a
        relative endpoint reaches the same place from every page.
        """
        return urljoin(self.site_url, endpoint.url) if self.site_url else endpoint.url

    def absolute(self, url: str) -> str:
        """A site-relative URL made absolute when ``site_url`` is known."""
        if not self.site_url:
            return "/" + url
        return self.site_url.rstrip("/") + "/" + url
