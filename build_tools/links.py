"""Lead links: URL templates from mkdocs.yml, filled with percent-encoded values.

A template such as ``https://form.example.cn/ask?topic={category}`` names its
placeholders in braces; every value is encoded as UTF-8 so Chinese text, spaces,
``&``, ``#`` and ``+`` survive. Unknown placeholders are caught when the
configuration is read, not when a customer clicks.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from urllib.parse import quote


class LinkTemplateError(ValueError):
    """A template names a placeholder that is not offered, or is malformed."""


def placeholders(template: str) -> list[str]:
    """The placeholder names used in ``template``."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:  # an unmatched brace
        raise LinkTemplateError(f"花括号不成对：{exc}") from exc


def check_template(template: str, allowed: Iterable[str]) -> None:
    allowed = list(allowed)
    for name in placeholders(template):
        if name not in allowed:
            offered = "、".join("{" + a + "}" for a in allowed)
            raise LinkTemplateError(f"未知占位符 {{{name}}}，可用的占位符：{offered}")


def fill(template: str, values: Mapping[str, str]) -> str:
    """Substitute each ``{name}`` with its percent-encoded value."""
    encoded = {name: quote(str(values.get(name, "")), safe="") for name in placeholders(template)}
    return template.format_map(encoded)


def mailto(address: str, subject: str, body: str = "") -> str:
    """A ``mailto:`` link with subject and body encoded per RFC 6068."""
    query = f"subject={quote(subject, safe='')}"
    if body:
        query += f"&body={quote(body, safe='')}"
    return f"mailto:{quote(address, safe='@')}?{query}"
