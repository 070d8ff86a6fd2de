"""Which section of the site a page belongs to, as search results name it."""

from __future__ import annotations


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
