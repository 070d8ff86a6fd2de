"""The MkDocs adapter: MkDocs' build events wired to one :class:`~build_tools.site.build.SiteBuild`.

This module (with :mod:`build_tools.adapter.config`) is the only code that knows
MkDocs (or ProperDocs, which runs it unchanged). It turns ``mkdocs.yml`` into plain
:class:`Settings`, hands the build's generated pages and posts to MkDocs as files,
and passes each page through the build; what a page is, shows, feeds and is found by
is decided in the domains. Here only: MkDocs' files, theme folders, the preview's
error page and page cache, and Material's blog plugin's settings.
"""

from __future__ import annotations

import html
import threading
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.templates import TemplateContext

from ..core.errors import BuildStop, format_problems
from ..core.faults import usable_cache_dir
from ..core.pages import GeneratedPage
from ..core.phones import PhoneLinks
from ..core.slugs import heading_slug
from ..site.build import ASSETS, CSS_URI, Published, SiteBuild
from ..site.domains import data_uris
from ..site.preview import ERROR_PAGE_URIS, error_page
from .cache import PageCache
from .config import TEMPLATES_DIR, DealerPluginConfig, blog_layout, config_problems, material_blog, settings_from

log = get_plugin_logger(__name__)



class DealerPlugin(BasePlugin[DealerPluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.preview = False
        self.dirty = False
        self.build: SiteBuild | None = None  # None while the content has errors
        self.page_cache: PageCache | None = None
        self.generated: dict[str, File] = {}  # the last build's generated pages, by URI
        self.background: threading.Thread | None = None
        # In preview, the lines of a build that failed: every URL shows them (see _error_files).
        self.errors: list[str] | None = None
        self.shown_errors = False
        self.no_cache_said = False
        self.root = Path()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview = command == "serve"
        self.dirty = dirty

    # Before Material's blog plugin: its own checks of the same files (authors, posts)
    # would otherwise stop the build first, in English.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        problems = config_problems(config, self.config)
        if problems:
            raise PluginError("\n".join(problems))
        settings = settings_from(config, self.config, preview=self.preview)
        self.root = settings.paths.root
        self.errors = None
        # Our templates sit after the site's custom_dir (so a site can override
        # them) and before Material's.
        dirs = config.theme.dirs
        if str(TEMPLATES_DIR) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES_DIR))
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        config.markdown_extensions = [e for e in config.markdown_extensions if not isinstance(e, PhoneLinks)]
        if self.preview and self.dirty and self.page_cache is None and (folder := self._cache_dir("pages")) is not None:
            self.page_cache = PageCache(folder)
        self._wait_for_background()  # the previous preview build's index and feeds use its state
        previous = self.build if self.preview else None
        try:
            self.build = SiteBuild(settings, blog_layout(config), log, self._cache_dir, previous)
        except BuildStop as exc:
            raise PluginError(str(exc)) from exc
        config.markdown_extensions.extend(self.build.markdown_extensions())
        # Readable heading ids for Chinese headings (pinyin), unless the site chose its own slugify.
        config.mdx_configs.setdefault("toc", {}).setdefault("slugify", heading_slug)
        report = self.build.load()
        for problem in report.todos:
            log.info(str(problem))
        for problem in report.warnings:
            log.warning(str(problem))
        if not report.ok:
            if not self.preview:
                raise PluginError(format_problems(report.errors))
            self._fail(format_problems(report.errors), config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.build is not None:
            if self.shown_errors:
                # A --dirty rebuild skips pages whose output is newer than their source: after
                # the error page every page must be written again.
                clean_directory(config.site_dir)
                self.shown_errors = False
            try:
                return self._content_files(self.build, files, config)
            except BuildStop as exc:
                if not self.preview:
                    raise PluginError(str(exc)) from exc
                self._fail(str(exc), config)
        return self._error_files(files, config)

    def _fail(self, message: str, config: MkDocsConfig) -> None:
        """Preview with broken content: log the problems and serve them on every URL instead of stopping."""
        self.errors = message.splitlines()
        self.shown_errors = True
        for line in self.errors:
            log.error(line)
        self.build = None  # nothing of the broken content is used by this build's hooks
        blog = material_blog(config)
        if blog is not None:
            # Material's blog checks the same files and would stop the preview; the error page has no posts.
            blog.config["enabled"] = False

    def _error_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Only the error page, as the home page, the blog's page and 404.html, plus static files for its look.

        ``mkdocs serve`` answers unknown URLs with 404.html; a ``--dirty`` preview would
        still hold the previous build's pages, so the output folder (serve's own
        temporary folder) is emptied first and every URL shows the problems.
        """
        assert self.errors is not None
        clean_directory(config.site_dir)
        config["nav"] = None  # the configured nav names pages this build does not have
        # (on_files may have failed halfway, after adding our stylesheet)
        data = data_uris(Path(config.docs_dir), [Path(f.abs_src_path) for f in files if f.abs_src_path])
        kept = [f for f in files if not f.is_documentation_page() and f.src_uri not in (*data, CSS_URI)]
        markdown = error_page(self.errors)
        layout = blog_layout(config)
        uris = [*ERROR_PAGE_URIS, *([layout.index_uri] if layout is not None else [])]
        pages = []
        for uri in dict.fromkeys(uris):
            page = File.generated(config, uri, content=markdown, inclusion=InclusionLevel.INCLUDED if uri == "index.md" else InclusionLevel.NOT_IN_NAV)
            if uri == "404.md":
                page.dest_uri = "404.html"  # what the dev server sends for an unknown URL
            pages.append(page)
        css = File.generated(config, CSS_URI, abs_src_path=str(dict(ASSETS)[CSS_URI]))
        return Files([*kept, *pages, css])

    def _content_files(self, build: SiteBuild, files: Files, config: MkDocsConfig) -> Files:
        for uri in build.data_files():
            data_file = files.get_file_from_path(uri)
            if data_file is not None:
                files.remove(data_file)
        generated = build.generate({f.src_uri for f in files})
        previous, self.generated = self.generated, {}
        for page in generated.pages:
            files.append(file := self._generated_file(config, page))
            self.generated[page.uri] = file
        if self.dirty:
            # --dirty never deletes output: a deleted FAQ entry's page would still be served.
            for uri in previous.keys() - self.generated.keys():
                Path(previous[uri].abs_dest_path).unlink(missing_ok=True)
            # --dirty renders a page only when its file is newer than its output: without the output,
            # an authored page showing what changed elsewhere (a model page's questions) is rendered again.
            for uri in generated.changed:
                if (authored := files.get_file_from_path(uri)) is not None:
                    Path(authored.abs_dest_path).unlink(missing_ok=True)
        for uri, path in ASSETS:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        # Before Material's blog plugin's on_files (priority -50), which picks posts up from its post_dir.
        for uri, path in generated.posts:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def _generated_file(self, config: MkDocsConfig, page: GeneratedPage) -> File:
        """A generated page: in memory for a build; in preview, a cached file so that
        ``mkdocs serve --dirty`` re-renders only the pages whose content or context changed."""
        if self.page_cache is None:
            return File.generated(config, page.uri, content=page.source(), inclusion=InclusionLevel.NOT_IN_NAV)
        path = self.page_cache.path_for(page)
        return File.generated(config, page.uri, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        build = self.build
        env.globals["dealer"] = build.settings.dealer if build else None
        env.globals["today"] = build.settings.today() if build else None
        if build is None:
            return env
        env.globals.update(build.site_globals())
        # Compiled templates are reused between builds (Jinja checks each template's source).
        if (jinja_cache := self._cache_dir("jinja")) is not None:
            env.bytecode_cache = FileSystemBytecodeCache(str(jinja_cache))
        # Material's blog plugin gives posts their URLs while pages are read, so only now
        # is every page's URL final.
        pages = [Published(f.src_uri, f.url, f.page.canonical_url, True) if f.page else Published(f.src_uri, f.url, None, False)
                 for f in files.documentation_pages()]
        env.globals["dealer_sitemap"] = build.published(pages, Path(config.site_dir))
        return env

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        # Material's blog index is a page it created before the nav, so MkDocs leaves it
        # untitled until rendering: fall back to its title in mkdocs.yml's nav.
        nav_titles = {v: k for e in (config.nav or []) if isinstance(e, dict) for k, v in e.items() if isinstance(v, str)}
        if self.build is not None:
            self.build.navigation([
                (item.url, item.title or nav_titles.get(item.file.src_uri, ""))
                for item in nav.items if isinstance(item, Page) and item.url and (item.title or item.file.src_uri in nav_titles)
            ])
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return markdown if self.build is None else self.build.page_markdown(page.file.src_uri, markdown, page.meta)

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        if self.build is not None:
            cast(dict[str, Any], context).update(self.build.context(page.file.src_uri, page.url))  # MkDocs types the context as its own keys only
            # Material prints page.meta.description as the page's <meta name="description"> (unescaped, like the title).
            if not page.meta.get("description") and (text := self.build.description(page.file.src_uri)):
                page.meta["description"] = html.escape(text)
        return context

    def on_page_content(self, rendered: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.build is not None:
            minutes = self.build.rendered(page.file.src_uri, page.url, page.title or "", rendered)
            if minutes is not None and "readtime" not in page.meta and hasattr(page, "config"):
                page.config.readtime = minutes  # Material's blog plugin reads a post's reading time here
        return rendered

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.build is None:
            return  # the error page only; the page cache is kept for the fixed content
        if self.page_cache is not None:
            self.page_cache.prune()
        try:
            self.background = self.build.finish(Path(config.site_dir))
        except BuildStop as exc:
            raise PluginError(str(exc)) from exc

    def _cache_dir(self, name: str) -> Path | None:
        """``.cache/<name>``, or None where it cannot be written (a read-only checkout): then there is no cache."""
        folder = self.root / ".cache" / name
        if usable_cache_dir(folder):
            return folder
        if not self.no_cache_said:
            self.no_cache_said = True
            log.info(".cache: 缓存文件夹不可写，本次不使用缓存（结果相同，只是慢一些）")
        return None

    def _wait_for_background(self) -> None:
        if self.background is not None:
            self.background.join()
            self.background = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:
            self.build.cancel()

    def on_shutdown(self) -> None:
        self._wait_for_background()

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # faq/ and blog/ live outside docs_dir, so MkDocs does not watch them itself.
        for folder in (self.config.faq_dir, self.config.blog_dir):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server
