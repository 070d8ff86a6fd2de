"""Pages a stage asks the adapter to generate, described without MkDocs."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import yaml


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: where it goes, what it is called, how it is rendered."""

    uri: str
    title: str
    template: str
    markdown: str = ""
    description: str = ""
    context: dict[str, Any] = field(default_factory=dict)

    def source(self) -> str:
        """The page as a Markdown file: front matter, then body.

        The title is HTML-escaped here because Material prints ``page.meta.title``
        unescaped; a question containing ``<script>`` must show as text.
        """
        meta = {"title": html.escape(self.title), "template": self.template}
        if self.description:
            meta["description"] = html.escape(self.description)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        return f"---\n{front}---\n\n{self.markdown}"
