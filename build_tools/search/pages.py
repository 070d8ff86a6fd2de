"""What the search panel needs from the site: section names of results, and its way out."""

from __future__ import annotations

from typing import Any

from ..core.settings import Settings

# Stands for the customer's query in the 我要提问 link: the client replaces it with the
# percent-encoded query. Letters and underscores only, so percent-encoding leaves it as it is.
QUERY_MARK = "__dealer_search_query__"


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


def search_panel(settings: Settings) -> dict[str, Any]:
    """The search panel's way out, for the template: the hotline, the 我要提问 link and the feedback endpoint.

    The 我要提问 link comes from the one place links are made (LeadBuilder, kind ``ask``),
    with :data:`QUERY_MARK` as ``{query}``; a template without ``{query}`` simply gets no query.
    """
    endpoint = settings.feedback_endpoint
    return {
        "ask": settings.lead_builder.link("ask", query=QUERY_MARK).url,
        "ask_plain": settings.lead_builder.link("ask").url,
        "mark": QUERY_MARK,
        "phone": settings.dealer.phone,
        "tel": settings.dealer.tel_url,
        "feedback_url": settings.endpoint_action(endpoint) if endpoint else "",
        "feedback_method": endpoint.method if endpoint else "",
    }
