"""「这条回答有帮助吗？」: what the FAQ entry's widget (templates/partials/helpful.html, assets/feedback.js) needs.

Absent unless ``feedback_endpoint`` is configured: a widget whose votes go nowhere would
only pretend to listen.
"""

from __future__ import annotations

from typing import Any

from ..core.settings import Settings

FEEDBACK_SCRIPT_URI = "assets/dealer/feedback.js"
COMMENT_MAX = 300


def feedback_context(settings: Settings) -> dict[str, Any] | None:
    """The template global ``dealer_feedback``: where votes go and how (None: no widget)."""
    endpoint = settings.feedback_endpoint
    if endpoint is None:
        return None
    return {"action": settings.endpoint_action(endpoint), "method": endpoint.method.lower(), "script": FEEDBACK_SCRIPT_URI,
            "comment_max": COMMENT_MAX}
