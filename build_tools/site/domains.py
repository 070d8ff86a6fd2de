"""The domains of the site — listed once, here: a new domain is its package and one line in :data:`DOMAINS`.

Each package's ``domain.py`` declares its hooks (:class:`~build_tools.site.domain.Domain`).
The list's order is the site's order: generated pages, feeds in a page's ``<head>`` and
context additions follow it. Records are loaded in this order too, except that a domain
comes after the domains it ``needs`` (:func:`~build_tools.site.domain.load_order`);
the needs are written next to each line. :class:`~build_tools.site.build.SiteBuild`,
``load_content``, ``make check`` and the feeds take the domains from here.
"""

from __future__ import annotations

from pathlib import Path

from ..aftersales import domain as aftersales
from ..blog import domain as blog
from ..catalog import domain as catalog
from ..core.pages import GeneratedPage, Page
from ..faq import domain as faq
from ..home import domain as home
from ..promotions import domain as promotions
from .domain import Domain, Inputs

__all__ = ["DOMAINS", "Inputs", "authored_page", "data_uris", "generated_pages"]

DOMAINS: tuple[Domain, ...] = (
    blog.DOMAIN,  # needs catalog (posts name models)
    faq.DOMAIN,  # needs catalog; loads its categories, then the vocabulary (names categories), then the entries
    catalog.DOMAIN,
    promotions.DOMAIN,  # needs catalog
    aftersales.DOMAIN,  # surveys, the feedback widget
    home.DOMAIN,  # needs catalog (dealer locations)
)


def data_uris(docs_dir: Path, files: list[Path]) -> set[str]:
    """Source URIs of the docs folder's ``files`` that are some domain's data (dealers.yml, promotions, surveys), not pages."""
    return {uri for domain in DOMAINS if domain.data_uris is not None for uri in domain.data_uris(docs_dir, files)}


def generated_pages(inputs: Inputs) -> list[GeneratedPage]:
    """Every page the domains generate."""
    return [page for domain in DOMAINS if domain.generate is not None for page in domain.generate(inputs)]


def authored_page(src_uri: str, inputs: Inputs) -> Page | None:
    """The typed page of a file an author wrote (a model page, the home page …), or None for an ordinary page.

    An authored page may be typed by one domain at most; the first that claims it wins.
    """
    for domain in DOMAINS:
        if domain.authored_page is not None and (page := domain.authored_page(src_uri, inputs)) is not None:
            return page
    return None
