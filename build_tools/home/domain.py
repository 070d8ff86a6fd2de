"""The home page as a domain of the build (see :mod:`build_tools.site.domain`): content/index.md's storefront."""

from __future__ import annotations

from pathlib import Path

from ..core.settings import Paths
from ..site.domain import Domain, Loading
from .load import HOME_FILE, load_home
from .pages import home_page


def load(at: Loading) -> None:
    """The storefront settings of content/index.md's front matter (its store card names a dealer location)."""
    at.content.home = load_home(at.paths.docs_dir, at.paths.rel, at.report, {x.id for x in at.content.locations})


def reads_page(paths: Paths, path: Path) -> bool:
    """content/index.md is read by :func:`load_home`."""
    return path == paths.docs_dir / HOME_FILE


DOMAIN = Domain(
    name="home",
    needs=("catalog",),  # the store card names a location
    load=load,
    reads_page=reads_page,
    authored_page=lambda uri, i: home_page(uri, i.content, i.settings, i.entries),
)
