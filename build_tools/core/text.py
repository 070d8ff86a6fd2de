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


def strip_invisible(text: str) -> str:
    """``text`` without invisible format characters (zero-width spaces and joiners, soft hyphens, BOM).

    What search shows, and a customer copies, must never carry them.
    """
    if text.isprintable():  # the usual case, checked in C: no format (nor control) characters
        return text
    return text.translate(invisible_table())


_SPACE = re.compile(r"\s+")


class _TextParser(HTMLParser):
    SKIP: ClassVar[frozenset[str]] = frozenset({"script", "style", "template", "svg"})

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
    return _SPACE.sub(" ", strip_invisible("".join(parser.parts))).strip()
