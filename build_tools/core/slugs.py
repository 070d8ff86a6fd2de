"""The one rule for names that become part of a URL (FAQ entries, categories, models, posts, locations)."""

from __future__ import annotations

import functools
import re
import unicodedata

# Lower-case ASCII letters and digits in hyphen-separated groups: safe in any URL,
# the same on every file system, and what customers can type.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# Headings repeat across pages (每一篇的「注意事项」…): each is read by pypinyin once per process.
@functools.lru_cache(maxsize=8192)
def heading_slug(value: str, separator: str = "-") -> str:
    """A heading's id: Chinese in toneless pinyin, the rest as ASCII words (``保养 FAQ`` → ``bao-yang-faq``).

    Python-Markdown's own slugify drops every Chinese character, so Chinese headings all
    became ``_1``, ``_2`` … (duplicate across a blog index's excerpts, meaningless in a link).
    Used as the toc extension's ``slugify`` (adapter/plugin.py); toc still makes repeats unique.
    """
    from pypinyin import lazy_pinyin  # imported here: loading its dictionary costs a few hundred ms

    words = " ".join(lazy_pinyin(value))
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii").lower()
    return separator.join(re.findall(r"[a-z0-9]+", ascii_text))
