"""From rendered pages to :class:`SearchDoc` records, without MkDocs objects."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import ClassVar

from ..core.pages import PageSpec
from .index import SearchDoc
from .normalize import strip_invisible

_SPACE = re.compile(r"\s+")
# Elements whose start is a word break.
_BREAKS = frozenset({"p", "li", "br", "h1", "h2", "h3", "h4", "td", "th", "div", "tr"})


class _TextParser(HTMLParser):
    SKIP: ClassVar[frozenset[str]] = frozenset({"script", "style", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in _BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


# The HTML that Markdown renders (tags with plain attributes, comments, entities) is read
# by one split instead of by HTMLParser, which costs about as much as rendering the page
# again. The grammar is a strict part of what HTMLParser reads the same way in every
# Python version: anything else (a bare <, a doctype, an odd comment, a tag whose content
# is not markup, an end tag with attributes) leaves a < in a piece of text, and the page
# goes to HTMLParser as before.
_NAME = r"[a-zA-Z][-.a-zA-Z0-9:_]*"
_ATTRIBUTE = r"""[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:[ \t\n\r\f]*=[ \t\n\r\f]*(?:"[^"]*"|'[^']*'|[^ \t\n\r\f"'=<>`]+))?"""
# Groups: a start tag's name; an end tag's, a comment and the rest have none.
_MARKUP = re.compile(rf"<(?:!--(?!-?>)(?:[^-]|-(?!-))*--|/{_NAME}[ \t\n\r\f]*|({_NAME})(?:{_ATTRIBUTE})*[ \t\n\r\f]*/?)>")
# Content that is not markup (script, style …) or is skipped: HTMLParser's business.
_NOT_SIMPLE = re.compile(r"<(?:script|style|template|svg|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b", re.I)


def _simple_text(html: str) -> str | None:
    """What :class:`_TextParser` collects from ``html``, or None where the fast path does not apply."""
    if _NOT_SIMPLE.search(html):
        return None
    pieces = _MARKUP.split(html)
    parts = []
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            if "<" in piece:
                return None
            parts.append(unescape(piece))
        elif piece is not None and piece.lower() in _BREAKS:
            parts.append(" ")
    return "".join(parts)


def html_to_text(html: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed, invisible characters removed."""
    text = _simple_text(html)
    if text is None:
        parser = _TextParser()
        parser.feed(html)
        parser.close()
        text = "".join(parser.parts)
    return _SPACE.sub(" ", strip_invisible(text)).strip()


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


def page_record(url: str, title: str, rendered: str, spec: PageSpec | None, sections: list[tuple[str, str]]) -> SearchDoc | None:
    """The search record of a rendered page (``spec`` for generated pages); None for what is not searchable.

    A question is found by its question, category, answer, tags and model names; drafts
    and scheduled questions (shown in preview only) are not searchable. The FAQ home and
    category pages are lists of questions: only their description is indexed, or they
    would outrank the questions themselves.
    """
    faq = spec.context.get("faq", {}) if spec is not None else {}
    if faq.get("kind") == "entry":
        if faq.get("status") != "published":
            return None
        entry, names = faq["entry"], [m.name for m in faq.get("models", [])]
        return SearchDoc(url, entry.question, faq["category"].name, html_to_text(rendered), " ".join([*entry.tags, *names]))
    if faq.get("kind") in {"home", "category"}:
        return SearchDoc(url, title, "常见问题", spec.description if spec is not None else "")
    return SearchDoc(url, title, section_for(url, sections, "页面"), html_to_text(rendered))
