"""Phone numbers in page text made tappable: the one place, a Python-Markdown extension.

Chinese landline (0731-8888 0000, 010-12345678), mobile (138 0000 0000) and 400/800
hotline numbers in text become ``tel:`` links. Text inside links, code, ``<pre>`` and
raw HTML is left alone (raw HTML is stashed before tree processors run). The
plugin registers :class:`PhoneLinks` for every page, FAQ answers and posts included.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, STX, AtomicString

from .links import tel

# Not part of a longer run of digits or letters (Chinese characters around it are fine).
_BEFORE = r"(?<![0-9A-Za-z+\-./])"
_AFTER = r"(?![0-9A-Za-z]|[\-.]\d)"
PHONE = re.compile(
    _BEFORE
    + r"(?:"
    + r"0\d{2,3}[\- ]?\d{3,4}[\- ]?\d{4}"  # landline with area code: 0731-8888 0000, 010-12345678
    + r"|1[3-9]\d[\- ]?\d{4}[\- ]?\d{4}"  # mobile: 138 0000 0000
    + r"|[48]00[\- ]?\d{3}[\- ]?\d{4}"  # hotline: 400-800-1234
    + r")"
    + _AFTER
)
# Where text is never linked.
_SKIP = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style"})


def valid_number(text: str) -> bool:
    """A landline has 10–12 digits in all, a mobile or hotline 11 (rules out dates and order numbers)."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith(("400", "800")) or digits.startswith("1"):
        return len(digits) in (10, 11)
    return 10 <= len(digits) <= 12


class _PhoneTree(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in _SKIP:
            return
        # Raw inline HTML (<a …>, <code>) is a placeholder in the text: whether a number sits
        # inside such a tag is followed through the element's text and its children's tails.
        open_tags: list[str] = []
        children = list(element)
        if element.text and not isinstance(element.text, AtomicString):
            element.text, links = self._split(element.text, open_tags)
            for i, link in enumerate(links):
                element.insert(i, link)
        for child in children:
            self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, links = self._split(child.tail, open_tags)
                at = list(element).index(child) + 1
                for i, link in enumerate(links):
                    element.insert(at + i, link)

    def _split(self, text: str, open_tags: list[str]) -> tuple[str, list[etree.Element]]:
        """``text`` up to the first number, and ``<a href="tel:…">`` elements each carrying the text after it."""
        candidates = [m for m in PHONE.finditer(text) if valid_number(m.group())]
        if not candidates:  # most text holds no number: only follow the raw tags it opens and closes
            if STX in text:
                for placeholder in HTML_PLACEHOLDER_RE.finditer(text):
                    self._follow_raw_tags(placeholder, open_tags)
            return text, []
        allowed = self._outside_raw_tags(text, open_tags)
        matches = [m for m in candidates if all(allowed[m.start() : m.end()])]
        if not matches:
            return text, []
        head = text[: matches[0].start()]
        links = []
        for i, match in enumerate(matches):
            link = etree.Element("a", {"href": tel(match.group()), "class": "dealer-tel"})
            link.text = AtomicString(match.group())
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            link.tail = text[match.end() : end]
            links.append(link)
        return head, links

    def _outside_raw_tags(self, text: str, open_tags: list[str]) -> list[bool]:
        """Per character: True where it is neither a placeholder nor inside a raw ``<a>``/``<code>``…; updates ``open_tags``."""
        allowed = [True] * len(text)
        at = 0
        for placeholder in HTML_PLACEHOLDER_RE.finditer(text):
            allowed[at : placeholder.start()] = [not open_tags] * (placeholder.start() - at)
            allowed[placeholder.start() : placeholder.end()] = [False] * (placeholder.end() - placeholder.start())
            self._follow_raw_tags(placeholder, open_tags)
            at = placeholder.end()
        allowed[at:] = [not open_tags] * (len(text) - at)
        return allowed

    def _follow_raw_tags(self, placeholder: re.Match[str], open_tags: list[str]) -> None:
        """Update ``open_tags`` with the skipped tags the raw HTML behind ``placeholder`` opens and closes."""
        raw = self.md.htmlStash.rawHtmlBlocks[int(placeholder.group(1))]
        for closing, tag in _RAW_TAG.findall(str(raw)):
            if closing and tag in open_tags:
                open_tags.remove(tag)
            elif not closing:
                open_tags.append(tag)


_RAW_TAG = re.compile(r"<(/?)(" + "|".join(sorted(_SKIP)) + r")\b", re.I)


class PhoneLinks(Extension):
    """``markdown.Markdown(extensions=[PhoneLinks()])``: phone numbers in text become ``tel:`` links."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline patterns (20): links and code are elements by then; before prettify (10).
        md.treeprocessors.register(_PhoneTree(md), "dealer_phones", 15)


def makeExtension(**kwargs: object) -> PhoneLinks:
    """So ``markdown_extensions: [build_tools.core.phones]`` works too."""
    return PhoneLinks(**kwargs)
