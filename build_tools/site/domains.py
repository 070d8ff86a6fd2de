"""The domains whose pages a build generates and whose authored pages it types — listed once, here.

A new content type adds its generator and/or its authored-page resolver to these two
tables; :class:`~build_tools.site.build.SiteBuild` and ``make check`` take them from here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from ..aftersales.survey_pages import generate_surveys
from ..catalog.pages import authored_page as catalog_page
from ..catalog.pages import generate_catalog
from ..core.pages import GeneratedPage, Page
from ..core.settings import Settings
from ..faq.pages import FaqMemo, generate_faq
from ..faq.records import FaqEntry
from ..home.pages import home_page
from ..promotions import pages as promotions
from .content import Content


@dataclass(frozen=True)
class Inputs:
    """What the domains' page makers read: the content, the settings, the files authors wrote, the visible questions."""

    content: Content
    settings: Settings
    authored: Collection[str]  # source URIs of the docs folder's files
    entries: list[FaqEntry]  # the FAQ entries on the site (in preview, drafts too)
    faq_memo: FaqMemo | None = None  # kept from the previous preview build


GENERATORS: tuple[Callable[[Inputs], list[GeneratedPage]], ...] = (
    lambda i: generate_faq(i.content, i.settings, i.entries, i.faq_memo),
    lambda i: generate_catalog(i.content, i.settings, set(i.authored)),
    lambda i: promotions.generate_promotions(i.content, i.settings, set(i.authored)),
    lambda i: generate_surveys(i.content, i.settings),
)

# An authored page may be typed by one domain at most; the first that claims it wins.
AUTHORED: tuple[Callable[[str, Inputs], Page | None], ...] = (
    lambda uri, i: catalog_page(uri, i.content, i.settings, i.entries),
    lambda uri, i: promotions.authored_page(uri, i.content, i.settings),
    lambda uri, i: home_page(uri, i.content, i.settings, i.entries),
)


def generated_pages(inputs: Inputs) -> list[GeneratedPage]:
    """Every page the domains generate."""
    return [page for generate in GENERATORS for page in generate(inputs)]


def authored_page(src_uri: str, inputs: Inputs) -> Page | None:
    """The typed page of a file an author wrote (a model page, the home page …), or None for an ordinary page."""
    return next((page for resolve in AUTHORED if (page := resolve(src_uri, inputs)) is not None), None)
