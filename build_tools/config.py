"""The plugin's settings schema, declared with MkDocs' own config options.

A mistake in mkdocs.yml therefore gets MkDocs' own message, naming the option.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c

from . import links
from .faq_pages import ASK_PLACEHOLDERS


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

    def __init__(self, allowed: tuple[str, ...]) -> None:
        super().__init__(str, default="")
        self.allowed = allowed

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        try:
            links.check_template(value, self.allowed)
        except links.LinkTemplateError as exc:
            raise base.ValidationError(str(exc)) from exc
        return value


class DealerConfig(base.Config):
    """Contact details shown in the footer and used for fallback links."""

    name = c.Optional(c.Type(str))  # defaults to site_name
    phone = c.Type(str, default="")
    address = c.Type(str, default="")
    email = c.Type(str, default="")
    hours = c.Type(str, default="")


class DealerPluginConfig(base.Config):
    faq_dir = c.Type(str, default="faq")
    blog_dir = c.Type(str, default="blog")
    timezone = TimeZone(default="Asia/Shanghai")
    # 我要提问: a form URL template, or empty to fall back to mailto:/tel: from `dealer`.
    ask_url = LinkTemplate(ASK_PLACEHOLDERS)
    dealer = c.SubConfig(DealerConfig)
