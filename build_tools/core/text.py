"""Traditional → simplified Chinese, in one place: OpenCC's ``t2s`` conversion.

Customers type traditional characters (保養, 試駕, 後備箱). Two stages fold them away:

- intake (:mod:`.intake.similar`) compares whole questions and uses
  :func:`to_simplified`, OpenCC's phrase-aware conversion (瞭解 → 了解, 藉口 → 借口);
- search (:mod:`.search.normalize`) must keep one output character per input
  character (highlights are put back by offset) and the browser client folds queries
  with a table shipped in the index, so it uses :func:`t2s_characters`, the
  one-character-to-one-character table derived from the same converter.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from html import unescape
from html.parser import HTMLParser
from typing import ClassVar

import opencc

#: Where OpenCC 1.4's ``t2s`` has source characters: CJK Extension A and the Unified
#: Ideographs, and Extensions B–H (every pair of its data lies in these blocks).
#: Compatibility ideographs (U+F900…) are left out: NFKC turns them into unified
#: ideographs before the table is consulted, on both sides.
_CJK_RANGES = (range(0x3400, 0xA000), range(0x20000, 0x323B0))

#: Changes whenever OpenCC's data may: part of the search term cache's key.
VERSION = opencc.__version__


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified Chinese, converted phrase by phrase (OpenCC ``t2s``).

    Simplified text and non-Chinese text are left as they are. The result may differ
    from :func:`t2s_characters` applied to each character where a phrase decides
    (瞭解 → 了解 while 瞭 alone stays), so use it only where offsets do not matter.
    """
    simplified: str = _converter().convert(text)  # OpenCC is untyped
    return simplified


@functools.cache
def t2s_characters() -> dict[str, str]:
    """Every traditional character OpenCC ``t2s`` changes on its own, mapped to its simplified form.

    Only one-to-one pairs of characters that NFKC leaves alone. A chain (a character
    whose simplified form OpenCC would convert again) is followed to its end, so no
    target is ever itself rewritten: folding twice gives the same text as folding once.
    """
    chars = [chr(cp) for cp in itertools.chain(*_CJK_RANGES)]
    # One call with a separator OpenCC never converts: ~50 times faster than one call per character.
    converted = to_simplified("\n".join(chars)).split("\n")
    assert len(converted) == len(chars), "OpenCC changed the number of lines"
    table = {
        trad: simp
        for trad, simp in zip(chars, converted)
        if simp != trad and len(simp) == 1 and unicodedata.normalize("NFKC", trad) == trad
    }
    for trad, simp in table.items():
        seen = {trad}
        while simp in table and simp not in seen:
            seen.add(simp)
            simp = table[simp]
        table[trad] = simp
    return table


# Where Unicode puts its format (Cf) characters: the BMP and a few supplementary blocks.
# Scanning only these is ~20 times faster than scanning every code point.
_CF_RANGES = (
    range(0x10000), range(0x110BD, 0x110CE), range(0x13430, 0x13440), range(0x1BCA0, 0x1BCA4),
    range(0x1D173, 0x1D17B), range(0xE0000, 0xE0080),
)


@functools.cache
def invisible_table() -> dict[int, None]:
    """A ``str.translate`` table deleting every format (Cf) character."""
    return {cp: None for cp in itertools.chain(*_CF_RANGES) if unicodedata.category(chr(cp)) == "Cf"}


@functools.cache
def _invisible_pattern() -> re.Pattern[str]:
    """A regex of every format (Cf) character, the characters of :func:`invisible_table` as ranges."""
    ranges: list[list[int]] = []
    for cp in sorted(invisible_table()):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges) + "]")


def strip_invisible(text: str) -> str:
    """``text`` without invisible format characters (zero-width spaces and joiners, soft hyphens, BOM).

    What search shows, and a customer copies, must never carry them.
    """
    if text.isprintable():  # the usual case, checked in C: no format (nor control) characters
        return text
    # A line break is not printable either: most page text gets here, and a regex scan
    # (in C) is ~10 times faster than str.translate with a table of 170 characters.
    return _invisible_pattern().sub("", text)


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
