"""The MkDocs adapter: wires the stages into MkDocs' build events.

This module (with :mod:`build_tools.adapter.config`) is the only code that knows MkDocs.
It reads settings, runs stage 1 (load and validate, :mod:`build_tools.site.content`),
stage 2 (generate pages, :mod:`build_tools.faq.pages`), and hands the results to
MkDocs as generated files and template context. Moving to another generator means
rewriting this module, not the stages.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import threading
import time
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.templates import TemplateContext

from ..blog.load import BlogOptions, reading_minutes
from ..blog.records import Post
from ..catalog.load import DEALERS_FILE
from ..catalog.pages import authored_page_context, generate_catalog, post_leads, posts_about
from ..core.errors import Report, format_problems
from ..core.faults import describe, usable_cache_dir
from ..core.feeds import FeedError, links_for, require_site_url, write_feeds
from ..core.pages import PageSpec
from ..core.parallel import Job, JobError
from ..core.schema import PRINTED_META
from ..core.settings import Dealer, Paths, Settings
from ..core.vocabulary import Vocabulary
from ..faq.pages import generate_faq, visible_entries
from ..faq.records import FaqEntry
from ..search import SearchDoc, write_index
from ..search.pages import html_to_text, page_record
from ..site.check import check_all, check_site
from ..site.content import Content, load_content
from ..site.feeds import BlogLayout, FeedPlan, Rendered, plan_feeds, preview_banner, visible_posts
from ..site.preview import ERROR_PAGE_URIS, error_page
from ..site.sitemap import SitemapEntry, sitemap_index, sitemap_parts
from .cache import PageCache
from .config import ConfigProblems, DealerPluginConfig, config_problems

log = get_plugin_logger(__name__)

PACKAGE_DIR = Path(__file__).parents[1]  # build_tools/: its templates/ and assets/
TEMPLATES_DIR = PACKAGE_DIR / "templates"
CSS_URI = "assets/dealer/dealer.css"
# The search client; its index is written after the build (see on_post_build).
SEARCH_ASSETS = ("assets/dealer/search.js", "assets/dealer/search.css")
SEARCH_INDEX_DIR = "assets/dealer/search-index"


def settings_from(config: MkDocsConfig, plugin_config: DealerPluginConfig, preview: bool = False) -> Settings:
    """Plain :class:`Settings` from a loaded MkDocs configuration."""
    root = Path(config.config_file_path).resolve().parent
    d = plugin_config.dealer
    return Settings(
        paths=Paths(root=root, docs_dir=Path(config.docs_dir), faq_dir=root / plugin_config.faq_dir, blog_dir=root / plugin_config.blog_dir),
        dealer=Dealer(name=d.name or config.site_name, phone=d.phone, address=d.address, email=d.email, hours=d.hours),
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
    )


# Front-matter keys that Material prints as HTML without escaping (<title>, <meta
# name="description">, the header, headings, blog excerpts, navigation subtitles, and
# the navigation's status badge, whose value lands in a class attribute).
def escape_text_meta(meta: MutableMapping[str, Any]) -> None:
    """HTML-escape, once, the front-matter text that Material prints unescaped.

    Every page's meta is read afresh for each build (posts by Material's blog plugin in
    its ``on_files``), so this runs exactly once per value; generated pages get theirs
    escaped by :meth:`PageSpec.meta`. A customer then sees ``A&B <x>`` as written.
    """
    for key in PRINTED_META:
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key])


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
    if not isinstance(plugin, DealerPlugin):
        raise PluginError(f"{config_file}: plugins: 没有启用 dealer 插件 — 在 plugins 列表中加入 - dealer")
    problems = config_problems(config, plugin.config)
    if problems:
        raise ConfigProblems("\n".join(problems))
    return settings_from(config, plugin.config)


class DealerPlugin(BasePlugin[DealerPluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.preview = False
        self.settings: Settings | None = None
        self.content = Content()
        self.pages: dict[str, PageSpec] = {}
        self.entries: list[FaqEntry] = []
        self.authored: dict[str, dict[str, Any]] = {}
        self.post_links: list[tuple[Post, str]] = []
        self.env: Environment | None = None
        # By page URL. A dirty preview rebuild renders only changed pages, so in preview
        # the records (and rendered posts for the feeds) of earlier builds are kept.
        self.search_docs: dict[str, SearchDoc] = {}
        self.page_cache: PageCache | None = None
        self.sections: list[tuple[str, str]] = []
        self.layout: BlogLayout | None = None
        self.posts: dict[str, Post] = {}  # by src_uri
        self.rendered: dict[str, Rendered] = {}
        self.feeds = FeedPlan()
        self.page_urls: set[str] = set()
        self.sitemap: list[SitemapEntry] = []
        self.background: threading.Thread | None = None
        self.index_job: Job | None = None
        self.dirty = False
        self.loaded: tuple[Content, Report] | None = None
        # In preview, the lines of a build that failed: every URL shows them (see _error_files).
        self.errors: list[str] | None = None
        self.shown_errors = False
        self.no_cache_said = False

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
        self.settings = settings_from(config, self.config, preview=self.preview)
        self.errors = None
        # Our templates sit after the site's custom_dir (so a site can override
        # them) and before Material's.
        dirs = config.theme.dirs
        if str(TEMPLATES_DIR) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES_DIR))
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        self.layout = blog_layout(config)
        if self.preview and self.dirty and self.page_cache is None and (folder := self._cache_dir("pages")) is not None:
            self.page_cache = PageCache(folder)
        try:
            require_site_url(config.site_url or "")
        except FeedError as exc:
            raise PluginError(str(exc)) from exc
        self._wait_for_background()  # the previous preview build's index and feeds use this state
        self.loaded = load_content(self.settings.paths, BlogOptions.of(self.settings), self.settings.now())
        report = self.loaded[1]
        for problem in report.todos:
            log.info(str(problem))
        for problem in report.warnings:
            log.warning(str(problem))
        if not report.ok:
            check_all(self.loaded[0], self.settings, report)  # every mistake of the run at once
            if not self.preview:
                raise PluginError(format_problems(report.errors))
            self._fail(format_problems(report.errors), config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.errors is None:
            if self.shown_errors:
                # A --dirty rebuild skips pages whose output is newer than their source: after
                # the error page every page must be written again.
                clean_directory(config.site_dir)
                self.shown_errors = False
            try:
                return self._content_files(files, config)
            except PluginError as exc:
                if not self.preview:
                    raise
                self._fail(str(exc), config)
        return self._error_files(files, config)

    def _fail(self, message: str, config: MkDocsConfig) -> None:
        """Preview with broken content: log the problems and serve them on every URL instead of stopping."""
        self.errors = message.splitlines()
        self.shown_errors = True
        for line in self.errors:
            log.error(line)
        # Nothing of the broken content is used by this build's hooks.
        self.pages, self.authored, self.posts, self.post_links, self.feeds = {}, {}, {}, [], FeedPlan()
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
        kept = [f for f in files if not f.is_documentation_page() and f.src_uri not in (DEALERS_FILE, CSS_URI)]
        markdown = error_page(self.errors)
        uris = [*ERROR_PAGE_URIS, *([self.layout.index_uri] if self.layout is not None else [])]
        pages = []
        for uri in dict.fromkeys(uris):
            page = File.generated(config, uri, content=markdown, inclusion=InclusionLevel.INCLUDED if uri == "index.md" else InclusionLevel.NOT_IN_NAV)
            if uri == "404.md":
                page.dest_uri = "404.html"  # what the dev server sends for an unknown URL
            pages.append(page)
        css = File.generated(config, CSS_URI, abs_src_path=str(PACKAGE_DIR / "assets" / "dealer.css"))
        return Files([*kept, *pages, css])

    def _content_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.settings is not None and self.loaded is not None
        content, _ = self.loaded
        self.content = content
        self.entries = visible_entries(content, self.settings)
        self.pages = {}
        self.authored = {}
        # dealers.yml is data for generated pages, not a file to publish as is.
        data_file = files.get_file_from_path(DEALERS_FILE)
        if data_file is not None:
            files.remove(data_file)
        authored = {f.src_uri for f in files}
        specs = generate_faq(content, self.settings) + generate_catalog(content, self.settings, authored)
        # What --strict would reject about nav entries and links, said in Chinese first.
        report = Report()
        check_site(content, self.settings, report, set(content.authored), {spec.uri for spec in specs})
        if not report.ok:
            raise PluginError(format_problems(report.errors))
        for spec in specs:
            if spec.uri in authored:
                raise PluginError(f"{Path(config.docs_dir).name}/{spec.uri}: 与自动生成的页面同名 — 删除或改名这个文件")
            files.append(self._generated_file(config, spec))
            self.pages[spec.uri] = spec
        files.append(File.generated(config, CSS_URI, abs_src_path=str(PACKAGE_DIR / "assets" / "dealer.css")))
        for uri in SEARCH_ASSETS:
            files.append(File.generated(config, uri, abs_src_path=str(PACKAGE_DIR / "assets" / "search" / Path(uri).name)))
        if not self.preview:
            self.search_docs = {}
        self._add_posts(files, config, authored)
        return files

    def _generated_file(self, config: MkDocsConfig, spec: PageSpec) -> File:
        """A generated page: in memory for a build; in preview, a cached file so that
        ``mkdocs serve --dirty`` re-renders only the pages whose content or context changed."""
        if self.page_cache is None:
            return File.generated(config, spec.uri, content=spec.source(), inclusion=InclusionLevel.NOT_IN_NAV)
        path = self.page_cache.path_for(spec)
        return File.generated(config, spec.uri, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        # Search results name a page's section: the top-level nav entry its URL falls under.
        # Material's blog index is a page it created before the nav, so MkDocs leaves it
        # untitled until rendering: fall back to its title in mkdocs.yml's nav.
        nav_titles = {v: k for e in (config.nav or []) if isinstance(e, dict) for k, v in e.items() if isinstance(v, str)}
        self.sections = [
            (item.url, item.title or nav_titles.get(item.file.src_uri, ""))
            for item in nav.items if isinstance(item, Page) and item.url and (item.title or item.file.src_uri in nav_titles)
        ]
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["dealer"] = self.settings.dealer if self.settings else None
        env.globals["today"] = self.settings.today() if self.settings else None
        # Site-wide feeds for pages rendered without a page context (404.html); pages add their own.
        env.globals["dealer_feeds"] = links_for(self.feeds.site_wide)
        self.env = env
        # Compiled templates are reused between builds (Jinja checks each template's source).
        if (jinja_cache := self._cache_dir("jinja")) is not None:
            env.bytecode_cache = FileSystemBytecodeCache(str(jinja_cache))
        # Material's blog plugin gives posts their URLs while pages are read, so only now
        # are every page's URL and every post's link final.
        self.post_links = [(post, file.url) for uri, post in self.posts.items() if (file := files.get_file_from_path(uri))]
        pages = files.documentation_pages()
        self.page_urls = {file.url for file in pages}
        if not self.preview and self.errors is None:
            # Every page has been read, so the index has all it needs: it is built on another
            # core while MkDocs renders the pages (on_post_build waits for it).
            self.index_job = Job(write_index, *self._index_args(config))
        # Our sitemap.xml template renders this index; on_post_build writes its parts.
        self.sitemap = [
            SitemapEntry(file.page.canonical_url or file.url, self._lastmod(file.src_uri))
            for file in pages if file.page is not None
        ]
        env.globals["dealer_sitemap"] = sitemap_index(config.site_url or "", len(self.sitemap))
        return env

    def _lastmod(self, src_uri: str) -> dt.date | None:
        spec, post = self.pages.get(src_uri), self.posts.get(src_uri)
        return spec.lastmod if spec is not None else post.last_modified.date() if post is not None else None

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.settings is not None
        if self.errors is not None:
            return markdown
        spec = self.pages.get(page.file.src_uri)
        if spec is not None:
            page.meta.update(spec.meta())  # already escaped
        else:
            escape_text_meta(page.meta)
        post = self.posts.get(page.file.src_uri)
        if post is not None and self.settings.preview:
            markdown = preview_banner(post, self.settings.now()) + markdown
        found = authored_page_context(page.file.src_uri, self.content, self.settings, self.entries)
        if found is not None:
            template, context = found
            # setdefault: an author (or a site) can still choose another template.
            page.meta.setdefault("template", template)
            model = context["catalog"].get("model")
            if model is not None and "title" not in page.meta:
                page.meta["title"] = html.escape(model.name)
            self.authored[page.file.src_uri] = context
        return markdown

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        if self.errors is not None:
            return context
        spec = self.pages.get(page.file.src_uri)
        ours = cast(dict[str, Any], context)  # MkDocs types the context as its own keys only
        ours.update(spec.context if spec is not None else self.authored.get(page.file.src_uri, {}))
        catalog = ours.get("catalog") or {}
        if catalog.get("kind") == "model":
            catalog["posts"] = posts_about(catalog["model"], self.post_links)
        ours.update(self._feed_context(page.file.src_uri))
        post = self.posts.get(page.file.src_uri)
        leads = post_leads(post, self.content, self.settings, page.url) if post is not None and self.settings is not None else []
        if leads and self.env is not None:
            # Material's post template has no block for this: the partial's output follows the rendered post.
            buttons = self.env.get_template("partials/leads.html").module.lead_buttons  # type: ignore[attr-defined]  # a Jinja macro
            page.content = (page.content or "") + str(buttons(leads))
        return context

    def on_page_content(self, rendered: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.errors is not None:
            return rendered
        self._keep_for_feeds(rendered, page)
        post = self.posts.get(page.file.src_uri)
        # Drafts and scheduled posts are shown in preview but never searchable.
        unpublished = post is not None and self.settings is not None and post.status(self.settings.now()) != "published"
        # Titles of generated pages are escaped for Material; a search record holds text.
        title = html.unescape(page.title or "")
        doc = None if unpublished else page_record(page.url, title, rendered, self.pages.get(page.file.src_uri), self.sections)
        if doc is None:
            self.search_docs.pop(page.url, None)
        else:
            self.search_docs[doc.url] = doc
        return rendered

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.errors is not None:
            return  # the error page only; the page cache is kept for the fixed content
        if self.page_cache is not None:
            self.page_cache.prune()
        try:
            for name, text in sitemap_parts(self.sitemap).items():
                path = Path(config.site_dir) / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            if not self.preview:
                self._write_feeds(config)
        except OSError as exc:
            raise PluginError(describe(exc, config.site_dir)) from exc
        if not self.preview:
            self._finish_index()
            return
        # In preview the edited page is written already: let the browser reload while
        # the search index and feeds (a few seconds on a large site) catch up.
        self._wait_for_background()
        self.background = threading.Thread(target=self._write_index_and_feeds, args=(config,), daemon=True)
        self.background.start()

    def _index_args(self, config: MkDocsConfig) -> tuple[list[SearchDoc], Path, Vocabulary, Path | None]:
        """What :func:`write_index` needs: the records of this build's pages, where to write, the vocabulary, the cache."""
        assert self.settings is not None
        docs = [doc for url, doc in self.search_docs.items() if url in self.page_urls]
        return docs, Path(config.site_dir) / SEARCH_INDEX_DIR, self.content.vocabulary, self._cache_dir("")

    def _finish_index(self) -> None:
        job, self.index_job = self.index_job, None
        if job is None:
            return
        try:
            job.wait()
        except OSError as exc:  # without fork the index is written here
            raise PluginError(describe(exc)) from exc
        except JobError as exc:
            if isinstance(exc.cause, OSError):  # a fault of the machine, not a bug: one sentence
                raise PluginError(describe(exc.cause)) from exc
            raise PluginError(f"search index: {exc}") from exc

    def _write_index_and_feeds(self, config: MkDocsConfig) -> None:
        start = time.perf_counter()
        docs, folder, vocabulary, cache = self._index_args(config)
        try:
            size = write_index(docs, folder, vocabulary, cache)
            feeds = self._write_feeds(config)
        except OSError as exc:  # this thread has no one to raise to: the terminal gets the sentence
            log.error(describe(exc))
            return
        log.info(f"Search index ({len(docs)} pages, {size} bytes) and {feeds} feed files written in {time.perf_counter() - start:.2f} seconds")

    def _cache_dir(self, name: str) -> Path | None:
        """``.cache/<name>``, or None where it cannot be written (a read-only checkout): then there is no cache."""
        assert self.settings is not None
        folder = self.settings.paths.root / ".cache" / name
        if usable_cache_dir(folder):
            return folder
        if not self.no_cache_said:
            self.no_cache_said = True
            log.info(f"{self.settings.paths.rel(self.settings.paths.root / '.cache')}: 缓存文件夹不可写，本次不使用缓存（结果相同，只是慢一些）")
        return None

    def _wait_for_background(self) -> None:
        if self.background is not None:
            self.background.join()
            self.background = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.index_job is not None:
            self.index_job.cancel()
            self.index_job = None

    def on_shutdown(self) -> None:
        self._wait_for_background()

    # -- blog and feeds ------------------------------------------------------

    def _add_posts(self, files: Files, config: MkDocsConfig, authored: set[str]) -> None:
        """Hand the posts of blog/ (outside docs_dir) to Material's blog plugin as files under its post_dir.

        Runs in our on_files, before Material's (priority -50). Unpublished posts are
        never added outside preview, so no page, list, search entry or sitemap line exists.
        """
        assert self.settings is not None and self.settings.paths.blog_dir is not None
        self.posts = {}
        if not self.preview:
            self.rendered = {}
        now = self.settings.now()
        posts = visible_posts(self.content.posts, now, self.settings.preview)
        if self.layout is None:
            if self.content.posts:
                raise PluginError("mkdocs.yml: plugins: blog/posts/ 里有文章，但没有启用 Material 的 blog 插件 — 在 plugins 列表中加入 - blog（写法见 README.md）")
        else:
            # Material would otherwise create this page inside docs_dir itself.
            if self.layout.index_uri not in authored:
                raise PluginError(f"{Path(config.docs_dir).name}/{self.layout.index_uri}: 找不到博客首页 — 创建这个文件，第一行写 # 新闻资讯")
            posts_dir = self.settings.paths.blog_dir / "posts"
            for post in posts:
                uri = self.layout.post_uri(post)
                if uri in authored:
                    raise PluginError(f"{Path(config.docs_dir).name}/{uri}: 与 {post.source} 同名 — 文章只放在 blog/posts/ 下，删除这个文件")
                files.append(File.generated(config, uri, abs_src_path=str(posts_dir / post.path)))
                self.posts[uri] = post
        # Titles and paths only (no items yet): enough to advertise the feeds on every page.
        self.feeds = self._plan_feeds(config, posts)

    def _plan_feeds(self, config: MkDocsConfig, posts: list[Post]) -> FeedPlan:
        assert self.settings is not None
        return plan_feeds(
            self.content, self.rendered, site_url=require_site_url(config.site_url or ""), site_name=self.settings.dealer.name,
            timezone=self.settings.timezone, now=self.settings.now(), full=self.settings.feed_content == "full",
            layout=self.layout, categories=[c for p in posts for c in p.categories],
        )

    def _keep_for_feeds(self, rendered: str, page: Page) -> None:
        """Remember the rendered HTML of posts and FAQ answers for the feeds written after the build."""
        post = self.posts.get(page.file.src_uri)
        spec = self.pages.get(page.file.src_uri)
        faq = spec.context.get("faq", {}) if spec is not None else {}
        if post is not None:
            self.rendered[f"post:{post.slug}"] = Rendered(page.url, rendered)
            # Material's reading time counts a Chinese sentence as one word; an author's `readtime` wins.
            if "readtime" not in page.meta and hasattr(page, "config"):
                page.config.readtime = reading_minutes(html_to_text(rendered))
        elif faq.get("kind") == "entry":
            self.rendered[f"faq:{faq['entry'].slug}"] = Rendered(page.url, rendered)

    def _feed_context(self, src_uri: str) -> dict[str, Any]:
        """Template context: the feeds a page advertises in <head> and the one its 订阅 link points to."""
        own = self.feeds.own_feed(src_uri, self.layout)
        subscribe = {"title": own.title, "rss": own.path("rss"), "atom": own.path("atom")} if own is not None else None
        return {"dealer_feeds": links_for(self.feeds.advertised(own)), "dealer_subscribe": subscribe}

    def _write_feeds(self, config: MkDocsConfig) -> int:
        assert self.settings is not None
        posts = [p for p in self.posts.values() if p.is_published(self.settings.now())]
        self.feeds = self._plan_feeds(config, posts)
        written = write_feeds(self.feeds.all(), Path(config.site_dir), require_site_url(config.site_url or ""), self.settings.feed_limit)
        return len(written)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # faq/ and blog/ live outside docs_dir, so MkDocs does not watch them itself.
        root = Path(config.config_file_path).resolve().parent
        for folder in (self.config.faq_dir, self.config.blog_dir):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server
