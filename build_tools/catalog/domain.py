"""The catalogue as a domain of the build (see :mod:`build_tools.site.domain`): models and dealers, their pages,
and a feed per model of everything about it."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from ..core.feeds import FeedSpec
from ..site.domain import About, Domain, DomainFeeds, FeedInputs, Loading
from .load import DEALERS_FILE, load_locations, load_models
from .pages import authored_page, generate_catalog

FOLDER = "models/"


def load(at: Loading) -> None:
    """Model pages (content/models/) and dealers (content/dealers.yml)."""
    paths = at.paths
    at.content.models = load_models(paths.docs_dir, paths.rel, at.report, at.docs_files, at.broken)
    at.content.locations = load_locations(paths.docs_dir, paths.rel, at.report)


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
    generate=lambda i: generate_catalog(i.content, i.settings, set(i.authored)),
    authored_page=lambda uri, i: authored_page(uri, i.content, i.settings, i.entries),
    withheld=lambda content, settings: (DEALERS_FILE,),
    topic_feeds=model_feeds,
)
