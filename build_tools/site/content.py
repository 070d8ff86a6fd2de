"""Everything the authors wrote, validated: the :class:`Content` record and the one loader that fills it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from ..aftersales.survey_load import load_surveys, survey_uris
from ..aftersales.survey_records import Survey
from ..blog.load import AUTHORS_FILE, POSTS_DIR, BlogOptions, load_authors, load_posts
from ..blog.records import Author, Post
from ..catalog.load import DEALERS_FILE, load_locations, load_models
from ..catalog.records import Location, VehicleModel
from ..core.errors import Report
from ..core.frontmatter import read_markdown
from ..core.schema import check_printed_meta
from ..core.settings import Paths
from ..core.sources import Broken, author_files
from ..core.vocabulary import Vocabulary, load_vocabulary
from ..faq.load import load_categories, load_faq
from ..faq.records import Category, FaqEntry
from ..home.load import HOME_FILE, load_home
from ..home.records import Home
from ..promotions.load import load_promotions, promotion_uris
from ..promotions.records import Promotion


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
    # Promotions and surveys are data for generated pages, not pages to publish as written.
    data_files = promotion_uris(paths.docs_dir, docs_files) | survey_uris(paths.docs_dir, docs_files)
    content = Content(
        categories=load_categories(paths, report, broken),
        models=load_models(paths.docs_dir, paths.rel, report, docs_files, broken),
        locations=load_locations(paths.docs_dir, paths.rel, report),
        authored=frozenset(p.relative_to(paths.docs_dir).as_posix() for p in docs_files) - {DEALERS_FILE} - data_files,
    )
    content.promotions = load_promotions(paths.docs_dir, paths.rel, docs_files, content.models, broken.models, ZoneInfo(blog.timezone), report)
    content.surveys = load_surveys(paths.docs_dir, paths.rel, docs_files, report)
    content.home = load_home(paths.docs_dir, paths.rel, report, {x.id for x in content.locations})
    content.vocabulary = load_vocabulary(paths.vocabulary_file, paths.rel(paths.vocabulary_file), report, [*content.categories, *broken.categories])
    content.faq = load_faq(paths, content, report, now.date(), broken)
    check_pages(paths, [p for p in docs_files if p.relative_to(paths.docs_dir).as_posix() not in data_files], report)
    if paths.blog_dir is not None:
        _stray_posts(paths, docs_files, blog.index_dir, report)
        content.authors = load_authors(paths.blog_dir / AUTHORS_FILE, paths.docs_dir, paths.rel, report, broken)
        posts_dir = paths.blog_dir / POSTS_DIR
        files = author_files(posts_dir, paths.content_dirs, paths.rel, report) if posts_dir.is_dir() else []
        content.posts = load_posts(posts_dir, paths.rel, content, blog, report, files=files, now=now, broken=broken)
    return content, report


def _stray_posts(paths: Paths, docs_files: list[Path], index_dir: str, report: Report) -> None:
    """Markdown under ``content/<blog_dir>/`` other than its index: Material would publish it
    as a post (even dated 2099) without any of our checks, so posts come only from blog/."""
    folder = paths.docs_dir / index_dir
    blog_dir = paths.blog_dir or paths.root / "blog"
    for path in docs_files:
        if folder in path.parents and path.suffix.lower() == ".md" and path != folder / "index.md":
            below = path.relative_to(folder).as_posix()
            target = below.removeprefix(POSTS_DIR + "/")
            report.error(paths.rel(path), 1, "", f"文章只能放在 {paths.rel(blog_dir)}/{POSTS_DIR}/ 下，{paths.rel(folder)}/ 里只放博客首页 index.md", f"把文件移到 {paths.rel(blog_dir)}/{POSTS_DIR}/{target}")


def check_pages(paths: Paths, docs_files: list[Path], report: Report) -> None:
    """The front matter of every other page in ``content/`` goes through the safe loader too.

    MkDocs would read it with plain PyYAML (990 nested ``[`` are a ``RecursionError``
    there); reading it here first means the author gets the line, in Chinese, and MkDocs
    never sees a hostile document. Model pages are read by :func:`load_models`, the
    home page by :func:`load_home`.
    """
    models_dir = paths.models_dir
    home = paths.docs_dir / HOME_FILE
    for path in docs_files:
        if path.suffix == ".md" and path != home and not (path.parent == models_dir and path.stem != "index"):
            source = read_markdown(path, paths.rel(path), report)
            if source is not None:
                check_printed_meta(source.meta, report)
