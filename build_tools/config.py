"""The plugin's settings schema, declared with MkDocs' own config options.

A mistake in mkdocs.yml therefore gets MkDocs' own message, naming the option.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c

from . import links
from .links import LEAD_PLACEHOLDERS
from .urls import URL_FIX, nav_links, url_problem


class TimeZone(c.Type):
    """An IANA time zone name such as ``Asia/Shanghai``."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise base.ValidationError(f"未知时区 {value!r}，例如写 Asia/Shanghai") from exc
        return value


class LinkTemplate(c.Type):
    """A URL template whose placeholders must be among ``allowed``."""

    def __init__(self, allowed: tuple[str, ...], default: str = "") -> None:
        super().__init__(str, default=default)
        self.allowed = allowed

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        try:
            links.check_template(value, self.allowed)
        except links.LinkTemplateError as exc:
            raise base.ValidationError(str(exc)) from exc
        return value


class LeadUrl(LinkTemplate):
    """A lead-link template that must also pass the one URL allow-list (:mod:`build_tools.urls`).

    Placeholders are checked as if filled: their values are percent-encoded, so they
    can never add a scheme, but a template such as ``javascript:{model}`` is refused.
    """

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if value:
            problem = url_problem(value.format_map({name: "x" for name in links.placeholders(value)}))
            if problem is not None:
                raise base.ValidationError(f"{problem}：{value!r} — {URL_FIX}")
        return value


class PositiveInt(c.Type):
    """A whole number of at least 1."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        value = super().run_validation(value)
        if isinstance(value, bool) or value < 1:
            raise base.ValidationError(f"应为大于 0 的整数，实际是 {value!r}")
        return value


class DealerConfig(base.Config):
    """Contact details shown in the footer and used for fallback links."""

    name = c.Optional(c.Type(str))  # defaults to site_name
    phone = c.Type(str, default="")
    address = c.Type(str, default="")
    email = c.Type(str, default="")
    hours = c.Type(str, default="")


class LeadsConfig(base.Config):
    """URL templates of the calls to action; an empty one falls back to mailto:/tel:."""

    test_drive = LeadUrl(LEAD_PLACEHOLDERS)  # 预约试驾
    reserve = LeadUrl(LEAD_PLACEHOLDERS)  # 在线订车
    quote = LeadUrl(LEAD_PLACEHOLDERS)  # 获取报价
    service = LeadUrl(LEAD_PLACEHOLDERS)  # 预约保养
    ask = LeadUrl(LEAD_PLACEHOLDERS)  # 我要提问


class UtmConfig(base.Config):
    """Attribution parameters appended to every configured lead URL."""

    source = c.Type(str, default="website")
    medium = c.Type(str, default="cta")
    campaign = LinkTemplate(LEAD_PLACEHOLDERS, default="{model}")


class DealerPluginConfig(base.Config):
    faq_dir = c.Type(str, default="faq")
    blog_dir = c.Type(str, default="blog")
    timezone = TimeZone(default="Asia/Shanghai")
    dealer = c.SubConfig(DealerConfig)
    leads = c.SubConfig(LeadsConfig)
    utm = c.SubConfig(UtmConfig)
    # Feeds (RSS/Atom): items per feed, and the whole text or only the part before <!-- more -->.
    feed_limit = PositiveInt(default=20)
    feed_content = c.Choice(("full", "excerpt"), default="full")
    # Location id (content/dealers.yml) used for {dealer} on model pages; default: the first that sells.
    default_location = c.Type(str, default="")


def config_url_problems(config: Any) -> list[str]:
    """Every link of ``mkdocs.yml`` outside the dealer block that fails the URL allow-list.

    ``site_url``, ``repo_url``, ``extra.homepage``, the links of ``extra.social`` and
    ``extra.alternate`` and the external links of ``nav`` end up in ``href`` attributes
    on every page (some printed by Material without escaping), so they pass the same
    allow-list as authors' links. Returns ``option: what — fix`` lines.
    """
    found: list[tuple[str, object]] = [("site_url", config.get("site_url")), ("repo_url", config.get("repo_url"))]
    extra = config.get("extra") or {}
    found.append(("extra.homepage", extra.get("homepage")))
    for key in ("social", "alternate"):
        items = extra.get(key)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                found.append((f"extra.{key}[{i}].link", item.get("link")))
    found += [("nav" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where), url) for where, _, url in nav_links(config.get("nav") or [])]
    return [
        f"{option}: {problem}：{value!r} — {URL_FIX}"
        for option, value in found
        if isinstance(value, str) and value and (problem := url_problem(value)) is not None
    ]
