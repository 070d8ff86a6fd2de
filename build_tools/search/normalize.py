"""One canonical form of text for matching, used at index and at query time.

Customers type traditional characters (保養, 試駕), full-width Latin letters and digits
from Chinese input methods (ＡＳＸ, ５０００) and any letter case. All of these are folded
to simplified, half-width, lower-case text. The browser client does the same with the
table from :func:`t2s_table`, so both sides always agree.
"""

from __future__ import annotations

import functools
import unicodedata


@functools.cache
def _t2s() -> dict[str, str]:
    from hanziconv import charmap

    table: dict[str, str] = {}
    for trad, simp in zip(charmap.traditional_charmap, charmap.simplified_charmap):
        # Only one-to-one pairs: a character-level table keeps offsets intact, which
        # highlighting needs. Characters that are already simplified are left alone.
        if trad != simp and trad not in table and trad not in charmap.simplified_charmap:
            table[trad] = simp
    return table


def t2s_table(keep: set[str] | None = None) -> dict[str, str]:
    """The traditional → simplified character table, limited to targets in ``keep`` if given.

    The index ships only the pairs whose simplified character occurs in the site: a
    traditional character whose simplified form is nowhere in the index cannot match.
    """
    table = _t2s()
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
    return "".join(_t2s().get(c, c) for c in folded)


def normalize(text: str) -> str:
    """Canonical form of ``text``: NFKC (full → half width), lower case, simplified."""
    return "".join(normalize_char(c) for c in text)


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
