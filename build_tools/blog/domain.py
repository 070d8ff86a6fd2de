"""The blog as a domain of the build (see :mod:`build_tools.site.domain`): authors and posts, the blog's feed and
one per blog category. Posts are pages of Material's blog plugin; :class:`~build_tools.site.build.SiteBuild` adds them."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import Report
from ..core.feeds import FeedSpec
from ..core.settings import Paths, Settings
from ..core.sources import author_files
from ..site.domain import Domain, DomainFeeds, FeedInputs, Loading, Source
from .load import AUTHORS_FILE, POSTS_DIR, load_authors, load_posts
from .pages import post_item, visible_posts

if TYPE_CHECKING:
    from ..site.content import Content


def load(at: Loading) -> None:
    """Authors (blog/.authors.yml), then the posts of blog/posts/ (they name authors and models)."""
    paths, content, report = at.paths, at.content, at.report
    if paths.blog_dir is None:
        return
    _stray_posts(paths, at.docs_files, at.blog.index_dir, report)
    content.authors = load_authors(paths.blog_dir / AUTHORS_FILE, paths.docs_dir, paths.rel, report, at.broken)
    posts_dir = paths.blog_dir / POSTS_DIR
    files = author_files(posts_dir, paths.content_dirs, paths.rel, report) if posts_dir.is_dir() else []
    content.posts = load_posts(posts_dir, paths.rel, content, at.blog, report, files=files, now=at.now, broken=at.broken)


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


def check(content: Content, settings: Settings, report: Report, authored: Collection[str]) -> Iterable[str]:
    """The blog's landing page is authored: Material would create it inside content/ itself."""
    index = f"{settings.blog_index_dir}/index.md"
    if not settings.posts_uri or index in authored:
        return ()
    report.error(settings.paths.rel(settings.paths.docs_dir / index), 1, "", "找不到博客首页", "创建这个文件，第一行写 # 新闻资讯")
    return (index,)


def sources(content: Content, settings: Settings) -> list[Source]:
    """The posts on the site, at the URIs Material's blog reads them from."""
    if not settings.posts_uri:
        return []
    posts = visible_posts(content.posts, settings.now(), settings.preview)
    return [Source(settings.paths.root / p.source, f"{settings.posts_uri}/{p.path}") for p in posts]


def feeds(at: FeedInputs) -> DomainFeeds:
    """Every published post (site-wide), the posts of each blog category that has a post on the site; each post is
    also listed by its models' feeds."""
    content, name, layout = at.content, at.site_name, at.layout
    authors = {key: a.name for key, a in content.authors.items()}
    posts = [(p, post_item(p, at.rendered[p], at.site_url, at.full, authors)) for p in content.posts if p.is_published(at.now) and p in at.rendered]
    about = [(i, p.models) for p, i in posts]
    if layout is None:
        return DomainFeeds(about=about)
    blog = FeedSpec(layout.folder, f"{name} · 新闻资讯", f"{name}的新闻、活动与用车指南", at.absolute(layout.folder), tuple(i for _, i in posts), author=name)
    categories: dict[str, FeedSpec] = {}
    for category in dict.fromkeys(c for p in visible_posts(content.posts, at.now, at.drafts) for c in p.categories):
        folder = layout.category_folder(category)
        items = tuple(i for p, i in posts if category in p.categories)
        categories[category] = FeedSpec(folder, f"{name} · {category}", f"{name}新闻资讯中“{category}”分类的文章", at.absolute(folder), items, author=name)

    def own(src_uri: str) -> FeedSpec | None:
        """The blog's pages subscribe to the blog, a category's pages to their category."""
        if not src_uri.startswith(layout.folder):
            return None
        mine = blog
        for spec in categories.values():
            if src_uri.startswith(spec.folder) or src_uri == spec.folder.rstrip("/") + ".md":
                mine = spec
        return mine

    return DomainFeeds(site_wide=[blog], specs=list(categories.values()), about=about, own=own)


DOMAIN = Domain(name="blog", needs=("catalog",), load=load, check=check, sources=sources, feeds=feeds)  # posts name models
