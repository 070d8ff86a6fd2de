"""The home page as a domain of the build (see :mod:`build_tools.site.domain`): content/index.md's storefront."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog.jsonld import image_url
from ..core.settings import Paths, Settings
from ..site.domain import Domain, Loading
from .load import HOME_FILE, load_home

if TYPE_CHECKING:
    from ..site.content import Content
from .pages import home_page


def load(at: Loading) -> None:
    """The storefront settings of content/index.md's front matter (its store card names a dealer location)."""
    at.content.home = load_home(at.paths.docs_dir, at.paths.rel, at.report, {x.id for x in at.content.locations})


def share_image(content: Content, settings: Settings) -> str:
    """The home page's hero picture is the site's picture for sharing."""
    home = content.home
    return image_url(home.hero.image, settings) if home is not None and home.hero is not None and home.hero.image else ""


def reads_page(paths: Paths, path: Path) -> bool:
    """content/index.md is read by :func:`load_home`."""
    return path == paths.docs_dir / HOME_FILE


DOMAIN = Domain(
    name="home",
    needs=("catalog",),  # the store card names a location
    load=load,
    reads_page=reads_page,
    share_image=share_image,
    authored_page=lambda uri, i: home_page(uri, i.content, i.settings, i.entries),
)
