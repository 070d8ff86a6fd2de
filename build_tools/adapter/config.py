"""What ``mkdocs.yml`` says: the plugin's settings schema, its problems with their line, and plain :class:`Settings`.

The schema is declared with MkDocs' own config options, so a mistake in mkdocs.yml gets
MkDocs' own message, naming the option. :func:`read_settings` is what the commands
(``check``, ``intake``) use; the plugin uses :func:`settings_from`.
"""

from __future__ import annotations

import posixpath
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin

from ..core import links
from ..core.links import LEAD_PLACEHOLDERS
from ..core.settings import Dealer, Endpoint, Paths, Settings
from ..core.sources import check_image
from ..core.urls import ENDPOINT_FIX, URL_FIX, endpoint_problem, nav_links, url_problem
from ..site.build import PACKAGE_DIR
from ..site.feeds import BlogLayout

# Our templates: after a site's custom_dir (which can override them), before Material's.
TEMPLATES_DIR = PACKAGE_DIR / "templates"


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
    icp = c.Type(str, default="")  # 备案号, e.g. 湘ICP备00000000号-1 (footer, linking to beian.miit.gov.cn)
    police_filing = c.Type(str, default="")  # 公安备案, e.g. 湘公网安备43010002000000号
    wechat_qr = c.Type(str, default="")  # WeChat QR image, a path in content/ (footer and store cards)
    short_name = c.Type(str, default="")  # the name in a phone's header (full name on desktop)
    brand = c.Type(str, default="")  # the make the dealer sells (三菱): each model's schema.org brand


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


class HttpMethod(c.Type[str]):
    """POST or GET (any case), as an HTML form's ``method``."""

    def __init__(self) -> None:
        super().__init__(str, default="POST")

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value).upper()
        if value not in ("POST", "GET"):
            raise base.ValidationError(f"method 只能写 POST 或 GET，实际是 {value!r}")
        return value


class EndpointConfig(base.Config):
    """A form service that receives what customers submit (``url`` empty: not configured)."""

    url = c.Type(str, default="")
    method = HttpMethod()


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
    # Where satisfaction surveys (content/surveys/) and 「这条回答有帮助吗？」 votes are sent.
    survey_endpoint = c.SubConfig(EndpointConfig)
    feedback_endpoint = c.SubConfig(EndpointConfig)


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


def _dealer_problems(config: Any, plugin: Any) -> list[tuple[Option, str]]:
    """The WeChat QR image is checked like every image an author names; a 公安备案 needs its number."""
    found: list[tuple[Option, str]] = []
    d = plugin.dealer
    if d.wechat_qr and (problem := check_image(d.wechat_qr, Path(config.docs_dir), "微信二维码图片", "例如 wechat_qr: assets/wechat-qr.png（放在 content/assets/ 下）")):
        found.append((("plugins", "dealer", "dealer", "wechat_qr"), f"{problem[0]} — {problem[1]}"))
    if d.police_filing and not any(ch.isdigit() for ch in d.police_filing):
        found.append((("plugins", "dealer", "dealer", "police_filing"), f"公安备案号里没有编号：{d.police_filing!r} — 照备案证书写全，例如 police_filing: 湘公网安备43010002000000号"))
    return found


def _endpoint_problems(plugin: Any) -> list[tuple[Option, str]]:
    """The survey and feedback endpoints: where customers' answers go must be https (or this site)."""
    found: list[tuple[Option, str]] = []
    for key in ("survey_endpoint", "feedback_endpoint"):
        url = plugin[key].url
        if url and (problem := endpoint_problem(url)) is not None:
            found.append((("plugins", "dealer", key, "url"), f"{problem}：{url!r} — {ENDPOINT_FIX}"))
    return found


def config_problems(config: Any, plugin: Any) -> list[str]:
    """``mkdocs.yml:LINE: option: what — fix`` for every link and lead template of ``mkdocs.yml`` that is refused."""
    path = Path(config.config_file_path)
    problems = _lead_problems(plugin) + _url_problems(config) + _dealer_problems(config, plugin) + _endpoint_problems(plugin)
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


def settings_from(config: MkDocsConfig, plugin_config: DealerPluginConfig, preview: bool = False) -> Settings:
    """Plain :class:`Settings` from a loaded MkDocs configuration."""
    root = Path(config.config_file_path).resolve().parent
    d = plugin_config.dealer
    return Settings(
        paths=Paths(root=root, docs_dir=Path(config.docs_dir), faq_dir=root / plugin_config.faq_dir, blog_dir=root / plugin_config.blog_dir),
        dealer=Dealer(name=d.name or config.site_name, phone=d.phone, address=d.address, email=d.email, hours=d.hours,
                      icp=d.icp, police_filing=d.police_filing, wechat_qr=d.wechat_qr, short_name=d.short_name, brand=d.brand),
        timezone=plugin_config.timezone,
        site_url=config.site_url or "",
        leads={kind: url for kind, url in plugin_config.leads.items() if url},
        utm_source=plugin_config.utm.source,
        utm_medium=plugin_config.utm.medium,
        utm_campaign=plugin_config.utm.campaign,
        default_location=plugin_config.default_location,
        preview=preview,
        blog_categories=tuple(blog.config.categories_allowed) if (blog := material_blog(config)) else (),
        blog_index_dir=posixpath.normpath(blog.config.blog_dir) if blog else "blog",
        posts_uri=layout.posts_uri if (layout := blog_layout(config)) else "",
        config_name=Path(config.config_file_path).name,
        nav=tuple(nav_files(config.nav or [])),
        theme_dirs=(str(TEMPLATES_DIR), *config.theme.dirs),
        feed_limit=plugin_config.feed_limit,
        feed_content=plugin_config.feed_content,
        survey_endpoint=_endpoint(plugin_config.survey_endpoint),
        feedback_endpoint=_endpoint(plugin_config.feedback_endpoint),
    )


def _endpoint(option: EndpointConfig) -> Endpoint | None:
    return Endpoint(option.url, option.method) if option.url else None


def nav_files(nav: Any) -> list[str]:
    """The source URIs a ``nav`` names (links to other sites left out)."""
    if isinstance(nav, str):
        return [] if urlsplit(nav).scheme or nav.startswith("/") else [posixpath.normpath(nav)]
    if isinstance(nav, dict):
        return [uri for value in nav.values() for uri in nav_files(value)]
    if isinstance(nav, list):
        return [uri for item in nav for uri in nav_files(item)]
    return []


def material_blog(config: MkDocsConfig) -> BasePlugin | None:
    """Material's blog plugin, when the site enables it."""
    plugin = config.plugins.get("material/blog") or config.plugins.get("blog")
    return plugin if plugin is not None and plugin.config.get("enabled", True) else None


def blog_layout(config: MkDocsConfig) -> BlogLayout | None:
    """Where Material's blog plugin expects posts and puts category pages (None without it)."""
    plugin = material_blog(config)
    if plugin is None:
        return None
    c = plugin.config
    root = posixpath.normpath(c.blog_dir)

    def category_folder(name: str) -> str:
        # The same URL Material gives the category page, so the feed sits next to it.
        path = c.categories_url_format.format(slug=c.categories_slugify(name, c.categories_slugify_separator))
        return posixpath.join(root, posixpath.normpath(path.strip("/"))) + "/"

    return BlogLayout(root, posixpath.normpath(c.post_dir.format(blog=root)), category_folder)


def read_settings(config_file: str) -> Settings:
    """Settings for the site described by ``config_file`` (used by the CLI)."""
    config = load_config(config_file)
    plugin = config.plugins.get("dealer")
    if plugin is None or not isinstance(plugin.config, DealerPluginConfig):
        raise PluginError(f"{config_file}: plugins: 没有启用 dealer 插件 — 在 plugins 列表中加入 - dealer")
    problems = config_problems(config, plugin.config)
    if problems:
        raise ConfigProblems("\n".join(problems))
    return settings_from(config, plugin.config)


def command_settings(config_file: str) -> Settings | None:
    """:func:`read_settings` for a command: None after saying on stderr why ``mkdocs.yml`` cannot be used."""
    try:
        return read_settings(config_file)
    except ConfigProblems as exc:
        print(exc, file=sys.stderr)  # each line names the file and line itself
    except (ConfigurationError, OSError) as exc:
        print(f"{config_file}: {exc}", file=sys.stderr)
    return None
