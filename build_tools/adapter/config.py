"""The plugin's settings schema, declared with MkDocs' own config options.

A mistake in mkdocs.yml therefore gets MkDocs' own message, naming the option.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import ConfigurationError

from ..core import links
from ..core.links import LEAD_PLACEHOLDERS
from ..core.urls import URL_FIX, nav_links, url_problem


class TimeZone(c.Type[str]):
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


class PositiveInt(c.Type[int]):
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
    """URL templates of the calls to action; an empty one falls back to mailto:/tel:.

    Their placeholders and schemes are checked by :func:`config_problems`, not here:
    MkDocs would prefix the message with its English ``Config value 'plugins': …`` and
    give no line.
    """

    test_drive = c.Type(str, default="")  # 预约试驾
    reserve = c.Type(str, default="")  # 在线订车
    quote = c.Type(str, default="")  # 获取报价
    service = c.Type(str, default="")  # 预约保养
    ask = c.Type(str, default="")  # 我要提问


class UtmConfig(base.Config):
    """Attribution parameters appended to every configured lead URL."""

    source = c.Type(str, default="website")
    medium = c.Type(str, default="cta")
    campaign = c.Type(str, default="{model}")


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


Option = tuple[str | int, ...]


class ConfigProblems(ConfigurationError):
    """Refused settings of ``mkdocs.yml``, one ``mkdocs.yml:LINE: …`` line each."""


def _lead_problems(plugin: Any) -> list[tuple[Option, str]]:
    """Lead templates: known placeholders, and (as if filled) the one URL allow-list.

    Placeholder values are percent-encoded, so they can never add a scheme, but a
    template such as ``javascript:{model}`` is refused.
    """
    found: list[tuple[Option, str]] = []
    templates = [(("leads", kind), value) for kind, value in plugin.leads.items()]
    templates.append((("utm", "campaign"), plugin.utm.campaign))
    for where, value in templates:
        if not value:
            continue
        option: Option = ("plugins", "dealer", *where)
        try:
            links.check_template(value, LEAD_PLACEHOLDERS)
        except links.LinkTemplateError as exc:
            found.append((option, str(exc)))
            continue
        if where[0] == "leads" and (problem := url_problem(value.format_map({n: "x" for n in links.placeholders(value)}))) is not None:
            found.append((option, f"{problem}：{value!r} — {URL_FIX}"))
    return found


def _url_problems(config: Any) -> list[tuple[Option, str]]:
    """Every other link of ``mkdocs.yml`` that fails the URL allow-list.

    ``site_url``, ``repo_url``, ``extra.homepage``, the links of ``extra.social`` and
    ``extra.alternate`` and the external links of ``nav`` end up in ``href`` attributes
    on every page (some printed by Material without escaping), so they pass the same
    allow-list as authors' links.
    """
    found: list[tuple[Option, object]] = [(("site_url",), config.get("site_url")), (("repo_url",), config.get("repo_url"))]
    extra = config.get("extra") or {}
    found.append((("extra", "homepage"), extra.get("homepage")))
    for key in ("social", "alternate"):
        items = extra.get(key)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                found.append((("extra", key, i, "link"), item.get("link")))
    found += [(("nav", *where), url) for where, _, url in nav_links(config.get("nav") or [])]
    return [
        (option, f"{problem}：{value!r} — {URL_FIX}")
        for option, value in found
        if isinstance(value, str) and value and (problem := url_problem(value)) is not None
    ]


def config_problems(config: Any, plugin: Any) -> list[str]:
    """``mkdocs.yml:LINE: option: what — fix`` for every link and lead template of ``mkdocs.yml`` that is refused."""
    path = Path(config.config_file_path)
    problems = _lead_problems(plugin) + _url_problems(config)
    if not problems:
        return []
    lines = _OptionLines(path)
    return [f"{path.name}:{lines.line(option)}: {_option_name(option)}: {what}" for option, what in problems]


def _option_name(option: Option) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(option))


class _OptionLines:
    """Lines of options in ``mkdocs.yml``, read from PyYAML's nodes (MkDocs' own ``!ENV`` tags are fine here)."""

    def __init__(self, path: Path) -> None:
        try:
            self.root: yaml.Node | None = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
        except (OSError, yaml.YAMLError):
            self.root = None

    def line(self, option: Option) -> int:
        node, line = self.root, 1
        for part in option:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode):
                if isinstance(part, int):
                    child = node.value[part] if part < len(node.value) else None
                else:  # a plugin named in a list: "- dealer:" or "- dealer"
                    for item in node.value:
                        if isinstance(item, yaml.MappingNode):
                            child = next((v for k, v in item.value if k.value == part), None)
                        elif isinstance(item, yaml.ScalarNode) and item.value == part:
                            child = item
                        if child is not None:
                            break
            if child is None:
                break
            node, line = child, child.start_mark.line + 1
        return line
