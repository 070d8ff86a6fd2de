"""Everything the authors wrote, validated: the :class:`Content` record and the one loader that fills it.

Each domain loads its own records (its ``domain.py``'s ``load`` hook, listed in :mod:`build_tools.site.domains`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from ..aftersales.survey_records import Survey
from ..blog.load import BlogOptions
from ..blog.records import Author, Post
from ..catalog.records import Location, VehicleModel
from ..core.errors import Report
from ..core.frontmatter import read_markdown
from ..core.schema import check_printed_meta
from ..core.settings import Paths
from ..core.sources import Broken, author_files
from ..core.vocabulary import Vocabulary
from ..faq.records import Category, FaqEntry
from ..home.records import Home
from ..promotions.records import Promotion
from . import domains
from .domain import Loading, load_order

T = TypeVar("T")


@dataclass
class Content:
    """Everything the authors wrote, validated."""

    categories: dict[str, Category] = field(default_factory=dict)
    models: dict[str, VehicleModel] = field(default_factory=dict)
    faq: list[FaqEntry] = field(default_factory=list)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    posts: list[Post] = field(default_factory=list)
    authors: dict[str, Author] = field(default_factory=dict)
    locations: list[Location] = field(default_factory=list)
    # Every valid promotion, whatever its dates (which are on the site is decided per build).
    promotions: list[Promotion] = field(default_factory=list)
    # The home page's storefront settings (content/index.md front matter); None without the file.
    home: Home | None = None
    # Satisfaction surveys (content/surveys/<slug>.yml), data for generated pages.
    surveys: list[Survey] = field(default_factory=list)
    # The files of content/ that MkDocs will publish, as source URIs (``models/asx.md``):
    # what links and nav entries may point at (dealers.yml and promotions are data, not pages).
    authored: frozenset[str] = frozenset()
    # Records of domains that keep them in a type of their own (:meth:`keep`, :meth:`of`), by that type.
    own: dict[type[Any], object] = field(default_factory=dict)

    def keep(self, records: object) -> None:
        """Keep a domain's own records (one object per type, e.g. a dataclass of its records)."""
        self.own[type(records)] = records

    def of(self, kind: type[T]) -> T:
        """The records kept with :meth:`keep` as a ``kind`` (KeyError: that domain did not load)."""
        records = self.own[kind]
        assert isinstance(records, kind)
        return records


def load_content(paths: Paths, blog: BlogOptions | None = None, now: dt.datetime | None = None) -> tuple[Content, Report]:
    """Read and validate all content; never raises for bad input.

    ``now`` (default: the current time in the blog options' time zone) is what
    ``updated`` dates may not be later than.
    """
    report = Report()
    blog = blog or BlogOptions()
    now = now or dt.datetime.now(ZoneInfo(blog.timezone))
    broken = Broken()
    docs_files = author_files(paths.docs_dir, paths.content_dirs, paths.rel, report)
    # Data for generated pages (dealers.yml, promotions, surveys), not pages to publish as written.
    data_files = domains.data_uris(paths.docs_dir, docs_files)
    content = Content(authored=frozenset(p.relative_to(paths.docs_dir).as_posix() for p in docs_files) - data_files)
    loading = Loading(paths, content, report, broken, docs_files, blog, now)
    for domain in load_order(domains.DOMAINS):
        if domain.load is not None:
            domain.load(loading)
    check_pages(paths, [p for p in docs_files if p.relative_to(paths.docs_dir).as_posix() not in data_files], report)
    return content, report


def check_pages(paths: Paths, docs_files: list[Path], report: Report) -> None:
    """The front matter of every other page in ``content/`` goes through the safe loader too.

    MkDocs would read it with plain PyYAML (990 nested ``[`` are a ``RecursionError``
    there); reading it here first means the author gets the line, in Chinese, and MkDocs
    never sees a hostile document. Pages a domain's loader reads itself (model pages,
    the home page: its ``reads_page``) are left to it.
    """
    readers = [d.reads_page for d in domains.DOMAINS if d.reads_page is not None]
    for path in docs_files:
        if path.suffix == ".md" and not any(reads(paths, path) for reads in readers):
            source = read_markdown(path, paths.rel(path), report)
            if source is not None:
                check_printed_meta(source.meta, report)
