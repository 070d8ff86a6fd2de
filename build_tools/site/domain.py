"""What a domain package gives the build: :class:`Domain`, a record of optional hooks.

Each domain (``faq/``, ``catalog/``, ``promotions/`` …) declares one ``DOMAIN`` in its
``domain.py``; :mod:`build_tools.site.domains` lists them, and the build, ``make check``
and the feeds call the hooks in that list's order. A hook a domain has no use for is
left ``None``. Nothing here imports a domain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from ..core.errors import Report
from ..core.feeds import FeedItem, FeedSpec, site_path
from ..core.pages import GeneratedPage, Page, Rendered
from ..core.settings import Paths, Settings
from ..core.sources import Broken

if TYPE_CHECKING:
    from ..blog.load import BlogOptions
    from ..faq.pages import FaqMemo
    from ..faq.records import FaqEntry
    from .content import Content
    from .feeds import BlogLayout


@dataclass(frozen=True)
class Loading:
    """What a domain's loader reads: the content loaded so far (the domains it ``needs`` are in it) and where to report."""

    paths: Paths
    content: Content  # the loader fills its own fields (or :meth:`Content.keep` its own record)
    report: Report
    broken: Broken  # names whose entry has an error: known, so a reference to them is not a second problem
    docs_files: list[Path]  # the author files of the docs folder
    blog: BlogOptions
    now: dt.datetime  # what ``updated`` dates may not be later than


@dataclass(frozen=True)
class Inputs:
    """What the domains' page makers read: the content, the settings, the files authors wrote, the visible questions."""

    content: Content
    settings: Settings
    authored: Collection[str]  # source URIs of the docs folder's files
    entries: list[FaqEntry]  # the FAQ entries on the site (in preview, drafts too)
    faq_memo: FaqMemo | None = None  # kept from the previous preview build


@dataclass(frozen=True)
class FeedInputs:
    """What the domains' feed makers read."""

    content: Content
    rendered: Mapping[object, Rendered]  # content record → its rendered page: only those get a feed item
    site_url: str
    site_name: str
    timezone: str
    now: dt.datetime
    full: bool = True  # whole pages in the items, not excerpts
    layout: BlogLayout | None = None
    # Planning the pages' links in preview: records not yet published count too (their pages are on the
    # preview site). False for the feeds written, which list published records only.
    drafts: bool = False

    def absolute(self, folder: str) -> str:
        """The absolute URL of a feed's folder."""
        return urljoin(self.site_url, site_path(folder))


# An item of a domain's feed that a feed about models lists too: (item, the model slugs it is about).
About = tuple[FeedItem, Collection[str]]


@dataclass
class DomainFeeds:
    """The feeds of one domain and which pages subscribe to them."""

    site_wide: list[FeedSpec] = field(default_factory=list)  # advertised in every page's <head>
    specs: list[FeedSpec] = field(default_factory=list)  # its other feeds
    about: Sequence[About] = ()  # its items about models (for the models' feeds)
    # The feed a page's 订阅 link points to, by the page's source URI (None: not one of this domain's pages).
    own: Callable[[str], FeedSpec | None] | None = None


@dataclass(frozen=True)
class Source:
    """A Markdown file a domain makes a page of (not one of the docs folder's own): its links are checked like theirs."""

    path: Path | str  # (a str for the FAQ's 5,000 files: making Paths of them cost more than a preview's whole check)
    uri: str  # the page's source URI (what links to it resolve to)
    theme_names: bool = True  # its ``template:``/``icon:`` reach the theme (False: the domain's page decides them)


# Per page as it is written: (source URI, its typed page or None, the template context so far) → add to the context.
PageContext = Callable[[str, Page | None, dict[str, Any]], None]


@dataclass(frozen=True)
class Domain:
    """One domain's hooks, each optional; the build calls them in the order of ``site.domains.DOMAINS``."""

    name: str
    # Domains whose records :attr:`load` reads: they are loaded first (whatever their place in the list).
    needs: tuple[str, ...] = ()
    # (docs folder, its author files) → source URIs of files that are this domain's data, not pages.
    data_uris: Callable[[Path, list[Path]], Iterable[str]] | None = None
    # Read and validate this domain's records into ``Loading.content``; problems go to ``Loading.report``.
    load: Callable[[Loading], None] | None = None
    # Authored pages whose front matter this domain's loader reads itself (the others are read by ``check_pages``).
    reads_page: Callable[[Paths, Path], bool] | None = None
    # The pages this domain generates.
    generate: Callable[[Inputs], list[GeneratedPage]] | None = None
    # The typed page of a file an author wrote that this domain adds to (None: not its file).
    authored_page: Callable[[str, Inputs], Page | None] | None = None
    # Source URIs of content/ files the engine must not publish as they are (data, pictures of hidden records).
    withheld: Callable[[Content, Settings], Iterable[str]] | None = None
    # What ``--strict`` would reject about the site as a whole (``make check``, site/check.py):
    # site-wide problems, given the authored source URIs; returns pages to take as existing (reported once, here).
    check: Callable[[Content, Settings, Report, Collection[str]], Iterable[str]] | None = None
    # Its pages made from files outside the docs folder's own (answers, posts, promotions), whose links are checked.
    sources: Callable[[Content, Settings], Iterable[Source]] | None = None
    # In a run with errors: pages of its files that failed validation, taken to exist (their own error is said).
    broken_pages: Callable[[Content, Settings, Report], Iterable[str]] | None = None
    # A nav entry naming a page of this domain that will not exist: report it in its own words (True), else False.
    missing_nav: Callable[[str, int, Settings, Report], bool] | None = None
    # Its feeds; ``topic_feeds`` are feeds that list other domains' items about models (called after every ``feeds``).
    feeds: Callable[[FeedInputs], DomainFeeds] | None = None
    topic_feeds: Callable[[FeedInputs, Sequence[About]], DomainFeeds] | None = None
    # The site's picture for sharing (og:image, absolute URL; "": none): the first domain's that has one wins.
    share_image: Callable[[Content, Settings], str] | None = None
    # Template globals for every page, also those rendered without a page (404.html).
    globals: Callable[[Inputs], dict[str, Any]] | None = None
    # Its static files: (site URI, file), copied into every build.
    assets: tuple[tuple[str, Path], ...] = ()
    # Called once per build, after generation: what this domain adds to pages' template contexts (its own or others').
    context: Callable[[Inputs], PageContext] | None = None


def load_order(domains: Sequence[Domain]) -> list[Domain]:
    """``domains`` with each after the domains it needs, otherwise in list order; a wrong ``needs`` is a bug, said here."""
    names = {d.name for d in domains}
    for domain in domains:
        if unknown := set(domain.needs) - names:
            raise ValueError(f"domain {domain.name!r} needs unknown domain(s) {sorted(unknown)}")
    ordered: list[Domain] = []
    done: set[str] = set()
    waiting = list(domains)
    while waiting:
        ready = next((d for d in waiting if set(d.needs) <= done), None)
        if ready is None:
            raise ValueError(f"domains need each other: {[d.name for d in waiting]}")
        waiting.remove(ready)
        ordered.append(ready)
        done.add(ready.name)
    return ordered
