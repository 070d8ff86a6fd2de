"""Pages a stage asks the adapter to generate, described without MkDocs."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: where it goes, what it is called, how it is rendered."""

    uri: str
    title: str
    template: str
    markdown: str = ""
    description: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    # When the page's content last changed, if known (the sitemap's lastmod).
    lastmod: dt.date | None = None

    def meta(self) -> dict[str, str]:
        """The page's metadata, as front matter would give it.

        The title is HTML-escaped here because Material prints ``page.meta.title``
        unescaped; a question containing ``<script>`` must show as text. (Set by the
        adapter rather than written as front matter: parsing YAML for every generated
        page costs more than everything else this class does.)
        """
        meta = {"title": html.escape(self.title), "template": self.template}
        if self.description:
            meta["description"] = html.escape(self.description)
        return meta

    def source(self) -> str:
        """The page's Markdown."""
        return self.markdown
