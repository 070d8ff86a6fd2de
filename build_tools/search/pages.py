"""From rendered pages to :class:`SearchDoc` records, without MkDocs objects."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


class _TextParser(HTMLParser):
    SKIP = {"script", "style", "template", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in {"p", "li", "br", "h1", "h2", "h3", "h4", "td", "th", "div", "tr"}:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed, invisible characters removed."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return _SPACE.sub(" ", _INVISIBLE.sub("", "".join(parser.parts))).strip()


def section_for(url: str, sections: list[tuple[str, str]], default: str = "") -> str:
    """The title of the site section whose URL is the longest prefix of ``url``.

    ``sections`` are (url, title) pairs of the top-level navigation, e.g.
    ``[("models/", "车型"), ("faq/", "常见问题")]``; the home page ("") never counts.
    """
    best = ("", default)
    for prefix, title in sections:
        if prefix and url.startswith(prefix) and len(prefix) > len(best[0]):
            best = (prefix, title)
    return best[1]
