"""The MkDocs adapter: wires the stages into MkDocs' build events.

This module (with :mod:`build_tools.config`) is the only code that knows MkDocs.
It reads settings, runs stage 1 (load and validate, :mod:`build_tools.load`),
stage 2 (generate pages, :mod:`build_tools.faq_pages`), and hands the results to
MkDocs as generated files and template context. Moving to another generator means
rewriting this module, not the stages.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .config import DealerPluginConfig
from .errors import format_problems
from .faq_pages import PageSpec, generate_faq
from .load import Paths, load_content
from .model import Content
from .settings import Dealer, Settings

log = get_plugin_logger(__name__)

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
CSS_URI = "assets/dealer/dealer.css"


def settings_from(config: MkDocsConfig, plugin_config: DealerPluginConfig, preview: bool = False) -> Settings:
    """Plain :class:`Settings` from a loaded MkDocs configuration."""
    root = Path(config.config_file_path).resolve().parent
    d = plugin_config.dealer
    return Settings(
        paths=Paths(root=root, docs_dir=Path(config.docs_dir), faq_dir=root / plugin_config.faq_dir),
        dealer=Dealer(name=d.name or config.site_name, phone=d.phone, address=d.address, email=d.email, hours=d.hours),
        timezone=plugin_config.timezone,
        site_url=config.site_url or "",
        ask_url=plugin_config.ask_url,
        preview=preview,
    )


def read_settings(config_file: str) -> Settings:
    """Settings for the site described by ``config_file`` (used by the CLI)."""
    config = load_config(config_file)
    plugin = config.plugins.get("dealer")
    if not isinstance(plugin, DealerPlugin):
        raise PluginError(f"{config_file}: plugins: 没有启用 dealer 插件 — 在 plugins 列表中加入 - dealer")
    return settings_from(config, plugin.config)


class DealerPlugin(BasePlugin[DealerPluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.preview = False
        self.settings: Settings | None = None
        self.content = Content()
        self.pages: dict[str, PageSpec] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = settings_from(config, self.config, preview=self.preview)
        # Our templates sit after the site's custom_dir (so a site can override
        # them) and before Material's.
        dirs = config.theme.dirs
        if str(TEMPLATES_DIR) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES_DIR))
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.settings is not None
        content, report = load_content(self.settings.paths)
        for problem in report.todos:
            log.info(str(problem))
        for problem in report.warnings:
            log.warning(str(problem))
        if not report.ok:
            raise PluginError(format_problems(report.errors))
        self.content = content
        self.pages = {}
        for spec in generate_faq(content, self.settings):
            if files.get_file_from_path(spec.uri) is not None:
                raise PluginError(f"{Path(config.docs_dir).name}/{spec.uri}: 与自动生成的页面同名 — 删除或改名这个文件")
            files.append(File.generated(config, spec.uri, content=spec.source(), inclusion=InclusionLevel.NOT_IN_NAV))
            self.pages[spec.uri] = spec
        files.append(File.generated(config, CSS_URI, abs_src_path=str(PACKAGE_DIR / "assets" / "dealer.css")))
        return files

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["dealer"] = self.settings.dealer if self.settings else None
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # A model page is titled by its `name` unless the author gave a title.
        model = self.content.models.get(Path(page.file.src_uri).stem) if page.file.src_uri.startswith("models/") else None
        if model is not None and "title" not in page.meta:
            page.meta["title"] = html.escape(model.name)
        return markdown

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        spec = self.pages.get(page.file.src_uri)
        if spec is not None:
            context["faq"] = spec.context
        return context

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # faq/ and blog/ live outside docs_dir, so MkDocs does not watch them itself.
        root = Path(config.config_file_path).resolve().parent
        for folder in (self.config.faq_dir, self.config.blog_dir):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server
