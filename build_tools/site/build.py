"""One build of the site, engine-agnostic: :class:`SiteBuild`.

The engine (MkDocs or ProperDocs, :mod:`build_tools.adapter.plugin`) creates one per
build and calls, in order:

1. :meth:`SiteBuild.load` — read and validate everything the authors wrote;
2. :meth:`SiteBuild.generate` — the pages to add (typed pages of the domains, posts);
3. :meth:`SiteBuild.navigation` — the site's sections;
4. per page, as it is read: :meth:`~SiteBuild.page_markdown`, :meth:`~SiteBuild.rendered`;
5. :meth:`SiteBuild.published` — every page's final URL, once all pages are read;
6. per page, as it is written: :meth:`~SiteBuild.context`;
7. :meth:`SiteBuild.finish` — sitemap parts, robots.txt, feeds and the search index.

Every decision about what a page is, shows, feeds and is found by belongs to the
page's typed record in its domain; this object only keeps them together for one build.
A whole build can be run through it in a test without an engine.
"""

from __future__ import annotations

import datetime as dt
import html
import threading
import time
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from markdown.extensions import Extension

from ..blog.load import BlogOptions
from ..blog.pages import PostPage, visible_posts
from ..blog.records import Post
from ..catalog.jsonld import image_url
from ..catalog.pages import page_action_bar
from ..core.errors import BuildStop, Report, format_problems
from ..core.faults import describe
from ..core.feeds import FeedError, links_for, require_site_url, write_feeds
from ..core.jsonld import dumps
from ..core.pages import GeneratedPage, Page, Rendered, SearchDoc, description, text_record
from ..core.parallel import Job, JobError
from ..core.phones import PhoneLinks
from ..core.qr import QrCache
from ..core.reuse import FileMemo
from ..core.schema import escape_text_meta
from ..core.settings import Settings
from ..core.vocabulary import Vocabulary
from ..faq.pages import FaqMemo, visible_entries
from ..faq.records import FaqEntry
from ..search import write_index
from ..search.pages import search_panel, section_for
from . import domains
from .check import check_all, check_site
from .content import Content, load_content
from .domain import FeedInputs, Inputs, PageContext
from .domains import authored_page, generated_pages
from .feeds import BlogLayout, FeedPlan, plan_feeds
from .sitemap import ROBOTS, SITEMAP, SitemapEntry, robots_txt, sitemap_files

PACKAGE_DIR = Path(__file__).parents[1]
CSS_URI = "assets/dealer/dealer.css"
# Our static files: (site URI, file in build_tools/assets/). The search index is written after the build.
ASSETS = (
    (CSS_URI, PACKAGE_DIR / "assets" / "dealer.css"),
    ("assets/dealer/search.js", PACKAGE_DIR / "assets" / "search" / "search.js"),
    ("assets/dealer/search.css", PACKAGE_DIR / "assets" / "search" / "search.css"),
    *(asset for domain in domains.DOMAINS for asset in domain.assets),
)
SEARCH_INDEX_DIR = "assets/dealer/search-index"
# The home-screen icon iOS looks for (made by scripts/make_icons.py).
TOUCH_ICON = "assets/apple-touch-icon.png"


class Log(Protocol):
    def info(self, msg: str) -> None: ...
    def warning(self, msg: str) -> None: ...
    def error(self, msg: str) -> None: ...


@dataclass(frozen=True)
class Generated:
    """What :meth:`SiteBuild.generate` adds to the engine's files."""

    pages: list[GeneratedPage]
    # Posts of blog/ (outside the docs folder) as (URI the blog plugin expects, file).
    posts: list[tuple[str, Path]]
    # Authored pages (home, model pages …) whose typed page changed since the previous build:
    # a --dirty preview must render them again although their own file did not change.
    changed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Published:
    """A page of the build once the engine gave it its final URL."""

    src_uri: str
    url: str
    canonical_url: str | None = None
    in_sitemap: bool = True


class SiteBuild:
    """Loading, page generation, rendered results and the after-build writers of one build."""

    def __init__(self, settings: Settings, layout: BlogLayout | None, log: Log,
                 cache_dir: Callable[[str], Path | None] = lambda name: None, previous: SiteBuild | None = None) -> None:
        self.settings = replace(settings, clock=settings.now())  # one moment for the whole build
        self.layout = layout
        self.log = log
        self.cache_dir = cache_dir
        self.content = Content()
        self.report = Report()
        self.entries: list[FaqEntry] = []
        self.pages: dict[str, GeneratedPage] = {}  # by source URI
        self.authored: dict[str, Page] = {}  # typed pages of files authors wrote (model pages, posts)
        self.posts: dict[str, Post] = {}  # by the URI the blog plugin reads them from
        self.sections: list[tuple[str, str]] = []
        self.post_links: list[tuple[Post, str]] = []
        self.page_urls: set[str] = set()
        self.sitemap: list[SitemapEntry] = []
        self.newest_post: dt.datetime | None = None  # the newest post's last change: the blog's own lists' lastmod
        self.feeds = FeedPlan()
        self.index_job: Job | None = None
        self.contexts: list[PageContext] = []  # what the domains add to pages' contexts in this build: set by generate()
        # By page URL and by content record. A preview rebuild (``serve --dirty``) renders only
        # changed pages, so there the previous build's records and rendered pages are kept.
        self.search_docs: dict[str, SearchDoc] = dict(previous.search_docs) if previous else {}
        self.renders: dict[object, Rendered] = dict(previous.renders) if previous else {}
        self.faq_memo: FaqMemo = previous.faq_memo if previous else FaqMemo()
        self.descriptions: dict[str, str] = dict(previous.descriptions) if previous else {}  # by source URI
        # The typed pages of authored files (by source URI); per authored page, that page and what the domains
        # add to it (promotions), and what every such page may show (posts, the share image): a preview
        # rebuild renders an authored page again when its view or what all show changed.
        self.typed: dict[str, Page] = {}
        self.views: dict[str, tuple[Page | None, dict[str, Any]]] = {}
        self.shown: tuple[object, ...] = ()
        self.before: tuple[tuple[object, ...], dict[str, tuple[Page | None, dict[str, Any]]]] | None = (
            (previous.shown, previous.views) if previous else None)
        # What was read of each file (core/reuse.py): in preview, unchanged files are not read again.
        self.files: FileMemo = FileMemo(previous.files if previous and previous.settings.paths == settings.paths else None)
        self.share_image = ""  # the site's picture for og:image (absolute): set by generate()
        # The model and promotion pages' QR codes (saved by finish()); a preview keeps the session's.
        self.qr: QrCache = previous.qr if previous else QrCache(cache_dir("qr"))
        self.inputs = Inputs(self.content, self.settings, frozenset(), [])  # set by generate()
        try:
            self.site_url = require_site_url(settings.site_url)
        except FeedError as exc:
            raise BuildStop(str(exc)) from exc

    # -- 1. load ---------------------------------------------------------------

    def load(self) -> Report:
        """Read and validate all content; with errors, also every site-wide problem (all mistakes of the run at once)."""
        with self.files.current():
            self.content, self.report = load_content(self.settings.paths, BlogOptions.of(self.settings), self.settings.now())
            if not self.report.ok:
                check_all(self.content, self.settings, self.report)
        return self.report

    # -- 2. generate -----------------------------------------------------------

    def data_files(self) -> tuple[str, ...]:
        """Source URIs of content/ files that are data for generated pages: the engine must not publish them."""
        return tuple(uri for d in domains.DOMAINS if d.withheld is not None for uri in d.withheld(self.content, self.settings))

    def generate(self, authored: set[str]) -> Generated:
        """The generated pages and the posts to add; ``authored`` are the source URIs of the docs folder's files.

        Raises :class:`BuildStop` for what the engine would reject (nav entries and links
        to nothing, a file named like a generated page, posts without a blog).
        """
        content, settings = self.content, self.settings
        self.entries = visible_entries(content, settings)
        self.inputs = Inputs(content, settings, frozenset(authored), self.entries, self.faq_memo)
        pages = generated_pages(self.inputs)
        self.contexts = [d.context(self.inputs) for d in domains.DOMAINS if d.context is not None]
        report = Report()
        with self.files.current():
            check_site(content, settings, report, set(content.authored), {page.uri for page in pages})
        if not report.ok:
            raise BuildStop(format_problems(report.errors))
        docs = settings.paths.docs_dir.name
        for page in pages:
            if page.uri in authored:
                raise BuildStop(f"{docs}/{page.uri}: 与自动生成的页面同名 — 删除或改名这个文件")
        self.pages = {page.uri: page for page in pages}
        self.share_image = self._share_image()
        posts = self._posts(authored)
        self.typed = {uri: typed for uri in authored if uri.endswith(".md") and (typed := authored_page(uri, self.inputs)) is not None}
        self.shown = (tuple(self.posts.values()), self.share_image)
        self.views = {uri: (self.typed.get(uri), self._added(uri)) for uri in authored if uri.endswith(".md")}
        shown_before, views_before = self.before or ((), {})
        changed = frozenset(self.views if self.before is None or self.shown != shown_before else
                            (uri for uri, view in self.views.items() if views_before.get(uri) != view))
        # Titles and paths only (no items: in preview the previous build's rendered pages would
        # make 5,000 of them for nothing): enough to advertise the feeds on every page.
        self.feeds = self._plan_feeds(drafts=self.settings.preview, renders={})
        return Generated(pages, posts, changed)

    def _added(self, src_uri: str) -> dict[str, Any]:
        """What the domains add to an authored page's context (a model page's promotions …): in preview, a change renders it again."""
        added: dict[str, Any] = {}
        for add in self.contexts:
            add(src_uri, self.typed.get(src_uri), added)
        return added

    def _share_image(self) -> str:
        """The site's default picture for sharing (og:image): a domain's (the home page's hero), else the home-screen icon."""
        for domain in domains.DOMAINS:
            if domain.share_image is not None and (image := domain.share_image(self.content, self.settings)):
                return image
        return image_url(TOUCH_ICON, self.settings) if (self.settings.paths.docs_dir / TOUCH_ICON).is_file() else ""

    def _posts(self, authored: set[str]) -> list[tuple[str, Path]]:
        """Posts of blog/ for Material's blog plugin, under its post_dir; unpublished ones only in preview."""
        settings = self.settings
        visible = visible_posts(self.content.posts, settings.now(), settings.preview)
        if self.layout is None:
            if self.content.posts:
                raise BuildStop(f"{settings.config_name}: plugins: blog/posts/ 里有文章，但没有启用 Material 的 blog 插件 — 在 plugins 列表中加入 - blog（写法见 README.md）")
            return []
        docs = settings.paths.docs_dir.name
        # Material would otherwise create this page inside docs_dir itself.
        if self.layout.index_uri not in authored:
            raise BuildStop(f"{docs}/{self.layout.index_uri}: 找不到博客首页 — 创建这个文件，第一行写 # 新闻资讯")
        assert settings.paths.blog_dir is not None  # a layout is only read for a site with a blog
        posts_dir = settings.paths.blog_dir / "posts"
        files = []
        for post in visible:
            uri = self.layout.post_uri(post)
            if uri in authored:
                raise BuildStop(f"{docs}/{uri}: 与 {post.source} 同名 — 文章只放在 blog/posts/ 下，删除这个文件")
            files.append((uri, posts_dir / post.path))
            self.posts[uri] = post
        return files

    # -- 3. each page ----------------------------------------------------------

    def page(self, src_uri: str) -> Page | None:
        """The typed page of ``src_uri``: generated, or an authored page this site adds to (None: an ordinary page)."""
        # (typed: also an authored page a --dirty preview did not read again)
        return self.pages.get(src_uri) or self.authored.get(src_uri) or self.typed.get(src_uri)

    def page_markdown(self, src_uri: str, markdown: str, meta: MutableMapping[str, Any]) -> str:
        """A page's Markdown and front matter as the engine should render them."""
        generated = self.pages.get(src_uri)
        if generated is not None:
            meta.update(generated.meta())  # already escaped
            return markdown
        escape_text_meta(meta)
        post = self.posts.get(src_uri)
        typed: Page | None
        if post is not None:
            typed = PostPage(post=post, status=post.status(self.settings.now()), content=self.content, settings=self.settings)
        else:
            typed = self.typed.get(src_uri) or authored_page(src_uri, self.inputs)
        if typed is not None:
            for key, value in typed.defaults().items():
                meta.setdefault(key, value)  # an author (or a site) can still choose another template or title
            self.authored[src_uri] = typed
        return markdown

    def context(self, src_uri: str, url: str) -> dict[str, Any]:
        """The template context a page adds: its own, and the feeds it advertises."""
        page = self.page(src_uri)
        # Facts known only now: the page's own URL, and every post's.
        context = page.at(url, self.post_links).context() if page is not None else {}
        for add in self.contexts:  # what domains add, to their own pages or others' (promotions on model pages)
            add(src_uri, page, context)
        context.update(self._feed_context(src_uri))
        context.update(self._action_context(src_uri, page, url))
        context["head"] = self._head(page, context.get("head") or {}, url)
        return context

    def _head(self, page: Page | None, head: dict[str, Any], url: str) -> dict[str, Any]:
        """templates/partials/dealer-head.html's data: the page's JSON-LD (also what only its rendered HTML
        tells: a post, an answer) and its Open Graph picture, else the site's."""
        page_url = self.settings.absolute(url)
        rendered = self.renders.get(page.record) if page is not None and page.record is not None else None
        jsonld = list(head.get("jsonld") or [])
        og = dict(head.get("og") or {})
        if page is not None:
            jsonld += [dumps(data) for data in page.structured_data(rendered, page_url)]
            og["image"] = og.get("image") or page.share_image(rendered, page_url)
        og["image"] = og.get("image") or self.share_image
        return {**head, "jsonld": jsonld, "og": og}

    def description(self, src_uri: str) -> str:
        """A page's own meta description as text, for a page whose front matter has none ("": the site's)."""
        return self.descriptions.get(src_uri, "")

    def _action_context(self, src_uri: str, page: Page | None, url: str) -> dict[str, Any]:
        """The phone action bar (core/actions.py decides) and, on pages that want it (model, promotion), the page's QR code."""
        qr = page is not None and page.shows_qr
        return {
            "dealer_action_bar": page_action_bar(page, self.content, self.settings, url),
            "dealer_page_qr": self.qr.svg(self.settings.absolute(url)) if qr else "",
        }

    def markdown_extensions(self) -> list[Extension]:
        """Python-Markdown extensions every page is rendered with: tappable phone numbers (core/phones.py)."""
        return [PhoneLinks()]

    def site_globals(self) -> dict[str, Any]:
        """Template globals for every page, also those rendered without a page (404.html)."""
        touch_icon = TOUCH_ICON if (self.settings.paths.docs_dir / TOUCH_ICON).is_file() else ""
        site = {
            "dealer_feeds": self.site_wide_feeds(),
            "dealer_action_bar": page_action_bar(None, self.content, self.settings, ""),
            "dealer_touch_icon": touch_icon,
            "dealer_search": search_panel(self.settings),
            "dealer_share_image": self.share_image,
        }
        for domain in domains.DOMAINS:  # the 404 page's most asked questions, the feedback widget …
            if domain.globals is not None:
                site.update(domain.globals(self.inputs))
        return site

    def rendered(self, src_uri: str, url: str, title: str, content_html: str) -> int | None:
        """Take a page's rendered content (for feeds and search); returns a post's reading time in minutes."""
        page = self.page(src_uri)
        rendered = Rendered(url, content_html)
        if page is not None and page.record is not None:
            self.renders[page.record] = rendered
        # Titles of generated pages are escaped for Material; a search record holds text.
        title = html.unescape(title)
        section = section_for(url, self.sections, "页面")
        doc = page.search_record(rendered, title, section) if page is not None else text_record(rendered, title, section)
        if doc is None:
            self.search_docs.pop(url, None)
        else:
            self.search_docs[url] = doc
        # Each page its own description: its typed page's (answer, summary, excerpt), else an authored
        # page's first text. Material's own lists (archive, categories) keep the site's.
        if page is not None:
            self.descriptions[src_uri] = page.description_text(rendered)
        elif src_uri in self.inputs.authored:
            self.descriptions[src_uri] = description(rendered.text)
        return page.reading_minutes(rendered) if page is not None else None

    # -- 4. all pages known ----------------------------------------------------

    def navigation(self, sections: list[tuple[str, str]]) -> None:
        """The site's sections, (URL, title) of the top-level nav: search results name a page's section."""
        self.sections = sections

    def published(self, pages: list[Published], site_dir: Path) -> str:
        """Every page with its final URL, once every page has been read.

        Returns ``sitemap.xml`` (the engine writes it, and its .gz). Outside preview the search index is built from here on
        another core while the engine renders the pages (:meth:`finish` waits for it).
        """
        # Rendered pages of records this build no longer has (an edited answer is a new record) are dropped.
        current = {page.record for page in (*self.pages.values(), *self.authored.values(), *self.typed.values()) if page.record is not None}
        current.update(self.posts.values())  # also the posts a --dirty preview did not read again
        self.renders = {record: html for record, html in self.renders.items() if record in current}
        by_uri = {page.src_uri: page for page in pages}
        self.post_links = [(post, by_uri[uri].url) for uri, post in self.posts.items() if uri in by_uri]
        self.page_urls = {page.url for page in pages}
        self.newest_post = max((post.last_modified for post in self.posts.values()), default=None)  # (once, not per page)
        today = self.settings.today()
        self.sitemap = [SitemapEntry(page.canonical_url or page.url, self._lastmod(page.src_uri, today)) for page in pages
                        if page.in_sitemap and ((typed := self.page(page.src_uri)) is None or typed.in_sitemap)]
        if not self.settings.preview:
            self.index_job = Job(write_index, *self._index_args(site_dir))
        return sitemap_files(self.settings.site_url, self.sitemap)[SITEMAP]

    def _lastmod(self, src_uri: str, today: dt.date) -> dt.date:
        """A page's sitemap ``lastmod``: when its content last changed where the page knows it (answers,
        posts); else its file's modification time (authored pages); else the newest post for the blog's
        own lists; else the build date (``today``), as MkDocs itself writes for every page."""
        page = self.page(src_uri)
        known = page.last_change() if page is not None else None
        if page is None and src_uri in self.posts:  # a post a --dirty preview did not read again
            known = self.posts[src_uri].last_modified.date()
        if known is None and src_uri not in self.pages:
            path = self.settings.paths.docs_dir / src_uri
            if path.is_file():
                known = dt.datetime.fromtimestamp(path.stat().st_mtime, ZoneInfo(self.settings.timezone)).date()
            elif self.layout is not None and src_uri.startswith(self.layout.folder) and self.newest_post is not None:
                known = self.newest_post.date()
        return min(known, today) if known is not None else today

    # -- 5. after the pages ----------------------------------------------------

    def finish(self, site_dir: Path) -> threading.Thread | None:
        """Write the sitemap parts, feeds and search index into ``site_dir``.

        In preview the edited page is written already: the index and feeds (a few seconds
        on a large site) are written by the returned thread while the browser reloads.
        """
        self.qr.save()
        try:
            # sitemap.xml itself is the engine's (templates/sitemap.xml); parts exist only past 50,000 pages.
            files = sitemap_files(self.settings.site_url, self.sitemap)
            files.pop(SITEMAP)
            if ROBOTS not in self.inputs.authored:  # an author's own content/robots.txt is published as it is
                files[ROBOTS] = robots_txt(self.site_url)
            for name, text in files.items():
                path = site_dir / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            if not self.settings.preview:
                self._write_feeds(site_dir)
        except OSError as exc:
            raise BuildStop(describe(exc, str(site_dir))) from exc
        if not self.settings.preview:
            self._finish_index(site_dir)
            return None
        thread = threading.Thread(target=self._write_index_and_feeds, args=(site_dir,), daemon=True)
        thread.start()
        return thread

    def cancel(self) -> None:
        """The engine's build failed: stop building the index."""
        if self.index_job is not None:
            self.index_job.cancel()
            self.index_job = None

    def _index_args(self, site_dir: Path) -> tuple[list[SearchDoc], Path, Vocabulary, Path | None]:
        """What :func:`write_index` needs: the records of this build's pages, where to write, the vocabulary, the cache."""
        docs = [doc for url, doc in self.search_docs.items() if url in self.page_urls]
        return docs, site_dir / SEARCH_INDEX_DIR, self.content.vocabulary, self.cache_dir("")

    def _finish_index(self, site_dir: Path) -> None:
        job, self.index_job = self.index_job, None
        if job is None:
            return
        try:
            job.wait()
        except OSError as exc:  # without fork the index is written here
            raise BuildStop(describe(exc)) from exc
        except JobError as exc:
            if isinstance(exc.cause, OSError):  # a fault of the machine, not a bug: one sentence
                raise BuildStop(describe(exc.cause)) from exc
            raise BuildStop(f"search index: {exc}") from exc

    def _write_index_and_feeds(self, site_dir: Path) -> None:
        start = time.perf_counter()
        docs, folder, vocabulary, cache = self._index_args(site_dir)
        try:
            size = write_index(docs, folder, vocabulary, cache)
            feeds = self._write_feeds(site_dir)
        except OSError as exc:  # this thread has no one to raise to: the terminal gets the sentence
            self.log.error(describe(exc))
            return
        self.log.info(f"Search index ({len(docs)} pages, {size} bytes) and {feeds} feed files written in {time.perf_counter() - start:.2f} seconds")

    # -- feeds -----------------------------------------------------------------

    def _plan_feeds(self, drafts: bool = False, renders: dict[object, Rendered] | None = None) -> FeedPlan:
        """The feeds; with ``drafts``, what is on the preview site but unpublished counts too (e.g. a blog category's
        feed); ``renders`` (default: this build's) give their items."""
        return plan_feeds(FeedInputs(
            self.content, self.renders if renders is None else renders, site_url=self.site_url, site_name=self.settings.dealer.name,
            timezone=self.settings.timezone, now=self.settings.now(), full=self.settings.feed_content == "full",
            layout=self.layout, drafts=drafts,
        ))

    def site_wide_feeds(self) -> list[dict[str, str]]:
        """Feeds for pages rendered without a page context (404.html); pages add their own."""
        return links_for(self.feeds.site_wide)

    def _feed_context(self, src_uri: str) -> dict[str, Any]:
        """Template context: the feeds a page advertises in <head> and the one its 订阅 link points to."""
        own = self.feeds.own_feed(src_uri)
        subscribe = {"title": own.title, "rss": own.href("rss"), "atom": own.href("atom")} if own is not None else None
        return {"dealer_feeds": links_for(self.feeds.advertised(own)), "dealer_subscribe": subscribe}

    def _write_feeds(self, site_dir: Path) -> int:
        self.feeds = self._plan_feeds()
        return len(write_feeds(self.feeds.all(), site_dir, self.site_url, self.settings.feed_limit))

