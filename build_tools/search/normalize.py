"""One canonical form of text for matching, used at index and at query time.

Customers type traditional characters (保養, 試駕), full-width Latin letters and digits
from Chinese input methods (ＡＳＸ, ５０００) and any letter case. All of these are folded
to simplified, half-width, lower-case text. The browser client does the same with the
table from :func:`t2s_table`, so both sides always agree. The traditional → simplified
table is OpenCC's (:mod:`build_tools.core.text`), which intake uses as well.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from ..core.text import t2s_characters


def t2s_table(keep: set[str] | None = None) -> dict[str, str]:
    """The traditional → simplified character table, limited to targets in ``keep`` if given.

    The index ships only the pairs whose simplified character occurs in the site: a
    traditional character whose simplified form is nowhere in the index cannot match.
    """
    # One character to one character (OpenCC's, see build_tools.core.text): offsets stay
    # intact, which highlighting needs.
    table = t2s_characters()
    if keep is None:
        return dict(table)
    return {t: s for t, s in table.items() if s in keep}


def normalize_char(char: str) -> str:
    """The canonical form of one character (may be empty or several characters).

    Invisible format characters (zero-width spaces and joiners, soft hyphens) vanish,
    so text pasted from a page with them still matches.
    """
    if unicodedata.category(char) == "Cf":
        return ""
    folded = unicodedata.normalize("NFKC", char).lower()
    return "".join(t2s_characters().get(c, c) for c in folded)


# Where Unicode puts its format (Cf) characters: the BMP and a few supplementary blocks.
# Scanning only these is ~20 times faster than scanning every code point.
_CF_RANGES = (
    range(0x10000), range(0x110BD, 0x110CE), range(0x13430, 0x13440), range(0x1BCA0, 0x1BCA4),
    range(0x1D173, 0x1D17B), range(0xE0000, 0xE0080),
)


@functools.cache
def _invisible_table() -> dict[int, None]:
    """A ``str.translate`` table deleting every format (Cf) character."""
    return {cp: None for cp in itertools.chain(*_CF_RANGES) if unicodedata.category(chr(cp)) == "Cf"}


@functools.cache
def _invisible_pattern() -> re.Pattern[str]:
    """A regex of every format (Cf) character, the characters of :func:`_invisible_table` as ranges."""
    points = sorted(_invisible_table())
    ranges: list[list[int]] = []
    for cp in points:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges) + "]")


@functools.cache
def _fold_table() -> dict[int, str | None]:
    """One ``str.translate`` table: invisible format characters out, traditional → simplified."""
    return {**{ord(t): s for t, s in t2s_characters().items()}, **_invisible_table()}


def strip_invisible(text: str) -> str:
    """``text`` without invisible format characters (zero-width spaces and joiners, soft hyphens, BOM).

    What search shows, and a customer copies, must never carry them.
    """
    if text.isprintable():  # the usual case, checked in C: no format (nor control) characters
        return text
    # A line break is not printable either: most page text gets here, and a regex scan
    # (in C) is ~10 times faster than str.translate with a table of 170 characters.
    return _invisible_pattern().sub("", text)


def normalize(text: str) -> str:
    """Canonical form of ``text``: NFKC (full → half width), lower case, simplified.

    Whole-string operations give the same result as :func:`normalize_char` applied to
    each character (what :func:`normalize_with_map` and the client do) for the text a
    site holds, and are much faster on a large site.
    """
    return unicodedata.normalize("NFKC", text).lower().translate(_fold_table())


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Canonical form and, for each of its characters, the index of the original character.

    Used to put highlights found in the canonical text back on the original text.
    """
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        folded = normalize_char(char)
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin
