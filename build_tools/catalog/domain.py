"""The catalogue as a domain of the build (see :mod:`build_tools.site.domain`): models and dealers, their pages,
and a feed per model of everything about it."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import Report
from ..core.feeds import FeedSpec
from ..core.settings import Paths, Settings
from ..site.domain import About, Domain, DomainFeeds, FeedInputs, Loading
from .load import DEALERS_FILE, load_locations, load_models
from .pages import DEALERS_URI, authored_page, generate_catalog

if TYPE_CHECKING:
    from ..site.content import Content

FOLDER = "models/"
ASSETS = Path(__file__).parents[1] / "assets"


def load(at: Loading) -> None:
    """Model pages (content/models/) and dealers (content/dealers.yml)."""
    paths = at.paths
    at.content.models = load_models(paths.docs_dir, paths.rel, at.report, at.docs_files, at.broken)
    at.content.locations = load_locations(paths.docs_dir, paths.rel, at.report)


def reads_page(paths: Paths, path: Path) -> bool:
    """Model pages (not the models index) are read by :func:`load_models`."""
    return path.parent == paths.models_dir and path.stem != "index"


def broken_pages(content: Content, settings: Settings, report: Report) -> Iterable[str]:
    """With errors in dealers.yml, the dealers page is taken to exist (a link to it is no second problem)."""
    dealers = settings.paths.rel(settings.paths.docs_dir / DEALERS_FILE)
    return {DEALERS_URI} if any(p.path == dealers for p in report.errors) else set()


def missing_nav(uri: str, line: int, settings: Settings, report: Report) -> bool:
    """The dealers page in the nav without a location: the cause is dealers.yml (missing, or e.g. only a comment)."""
    if uri != DEALERS_URI:
        return False
    dealers = settings.paths.docs_dir / DEALERS_FILE
    if dealers.is_file():  # so that is where it is said
        report.error(settings.paths.rel(dealers), 1, "", f"文件里一个网点也没有，导航里的 {uri} 不会生成",
                     f"至少写一个网点（格式见 docs/authoring.md），或从 {settings.config_name} 的 nav 中删除第 {line} 行")
    else:
        report.error(settings.config_name, line, "nav", f"导航里的 {uri} 不会生成（没有这个文件或页面）",
                     f"在 {settings.paths.rel(dealers)} 里至少写一个网点，或从 nav 中删除这一项")
    return True


def model_feeds(at: FeedInputs, about: Sequence[About]) -> DomainFeeds:
    """A feed per model: every domain's items about it (posts, answers)."""
    name = at.site_name
    specs = {
        slug: FeedSpec(model.url, f"{name} · {model.name}", f"{model.name}的相关文章和常见问题", at.absolute(model.url),
                       tuple(item for item, models in about if slug in models), by_updated=True, author=name)
        for slug, model in at.content.models.items()
    }

    def own(src_uri: str) -> FeedSpec | None:
        return specs.get(posixpath.splitext(posixpath.basename(src_uri))[0]) if src_uri.startswith(FOLDER) else None

    return DomainFeeds(specs=list(specs.values()), own=own)


DOMAIN = Domain(
    name="catalog",
    data_uris=lambda docs_dir, files: {DEALERS_FILE},
    load=load,
    reads_page=reads_page,
    generate=lambda i: generate_catalog(i.content, i.settings, set(i.authored)),
    authored_page=lambda uri, i: authored_page(uri, i.content, i.settings, i.entries),
    withheld=lambda content, settings: (DEALERS_FILE,),
    broken_pages=broken_pages,
    missing_nav=missing_nav,
    topic_feeds=model_feeds,
    assets=(("assets/dealer/showroom.js", ASSETS / "showroom.js"), ("assets/dealer/maintenance.js", ASSETS / "maintenance.js")),
)
