"""Lead links: URL templates from mkdocs.yml, filled with percent-encoded values.

A template such as ``https://form.example.cn/ask?topic={category}`` names its
placeholders in braces; every value is encoded as UTF-8 so Chinese text, spaces,
``&``, ``#`` and ``+`` survive. Unknown placeholders are caught when the
configuration is read, not when a customer clicks.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit


class LinkTemplateError(ValueError):
    """A template names a placeholder that is not offered, or is malformed."""


def placeholders(template: str) -> list[str]:
    """The placeholder names used in ``template``."""
    return list(_placeholders(template))


# A few templates, parsed for every link of every page (~20,000 at 5,000 entries): once each.
@functools.lru_cache(maxsize=256)
def _placeholders(template: str) -> tuple[str, ...]:
    try:
        return tuple(name for _, name, _, _ in string.Formatter().parse(template) if name is not None)
    except ValueError as exc:  # an unmatched brace
        raise LinkTemplateError(f"花括号不成对：{exc}") from exc


def check_template(template: str, allowed: Iterable[str]) -> None:
    allowed = list(allowed)
    for name in placeholders(template):
        if name not in allowed:
            offered = "、".join("{" + a + "}" for a in allowed)
            raise LinkTemplateError(f"未知占位符 {{{name}}}，可用的占位符：{offered}")


def fill(template: str, values: Mapping[str, str]) -> str:
    """Substitute each ``{name}`` with its percent-encoded value.

    A query pair whose value is only placeholders that are all empty is left out
    entirely (``?model={model}&store={dealer}`` without a model is ``?store=…``): a form
    receiving ``model=`` would show an empty choice instead of its own list.
    """
    encoded = {name: quote(str(values.get(name, "")), safe="") for name in _placeholders(template)}
    rest, hash_, fragment = template.partition("#")
    path, question, query = rest.partition("?")
    if not question:
        return template.format_map(encoded)
    kept = [pair for pair in query.split("&") if not _empty_pair(pair, encoded)]
    filled = path.format_map(encoded) + (("?" + "&".join(kept).format_map(encoded)) if kept else "")
    return filled + (hash_ + fragment.format_map(encoded) if hash_ else "")


def _empty_pair(pair: str, encoded: Mapping[str, str]) -> bool:
    """``key={a}{b}`` where every placeholder of the value is empty."""
    _, equals, value = pair.partition("=")
    return bool(equals) and bool(_placeholders(value)) and value.format_map(encoded) == ""


def tel(phone: str) -> str:
    """A ``tel:`` link from a phone number as people write it (0731-8888 0000)."""
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    return f"tel:{digits}" if digits else ""


def mailto(address: str, subject: str, body: str = "") -> str:
    """A ``mailto:`` link with subject and body encoded per RFC 6068."""
    query = f"subject={quote(subject, safe='')}"
    if body:
        query += f"&body={quote(body, safe='')}"
    return f"mailto:{quote(address, safe='@')}?{query}"


# The calls to action, in the order they are shown, with their labels.
LEAD_KINDS: dict[str, str] = {
    "test_drive": "预约试驾",
    "reserve": "在线订车",
    "quote": "获取报价",
    "service": "预约保养",
    "ask": "我要提问",
}
# {query}: what the customer searched for (the search panel's 我要提问 fills it in the browser).
LEAD_PLACEHOLDERS = ("model", "model_name", "dealer", "dealer_name", "page", "category", "category_name", "query")


def add_query(url: str, params: Mapping[str, str]) -> str:
    """Append ``params`` to ``url``'s query, keeping its own query and ``#fragment``.

    Parameters the URL already carries win: a form's own ``utm_source`` is kept.
    """
    parts = urlsplit(url)
    present = {name for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
    extra = urlencode([(k, v) for k, v in params.items() if k not in present and v], quote_via=quote)
    query = "&".join(q for q in (parts.query, extra) if q)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


@dataclass(frozen=True)
class Lead:
    """A resolved call-to-action link."""

    kind: str
    label: str
    url: str


@dataclass(frozen=True)
class LeadBuilder:
    """The one place that turns a call to action into a URL, used on every page.

    ``templates`` maps a kind of :data:`LEAD_KINDS` to a URL template; a kind without
    one falls back to a pre-filled ``mailto:`` (or ``tel:``), never a dead link.
    """

    templates: Mapping[str, str] = field(default_factory=dict)
    email: str = ""
    phone: str = ""
    utm_source: str = "website"
    utm_medium: str = "cta"
    utm_campaign: str = "{model}"

    def link(self, kind: str, **values: str) -> Lead:
        values = {name: str(values.get(name) or "") for name in LEAD_PLACEHOLDERS}
        label = LEAD_KINDS[kind]
        template = self.templates.get(kind, "")
        if template:
            campaign = self.utm_campaign.format_map(values) or kind
            url = add_query(fill(template, values), {"utm_source": self.utm_source, "utm_medium": self.utm_medium, "utm_campaign": campaign})
            return Lead(kind, label, url)
        return Lead(kind, label, self._fallback(kind, label, values))

    def _fallback(self, kind: str, label: str, values: Mapping[str, str]) -> str:
        topic = "、".join(v for v in (values["category_name"], values["model_name"], values["dealer_name"]) if v)
        subject = f"{label}（{topic}）" if topic else label
        body = _MAIL_BODIES[kind].format_map(values)
        if values["page"]:
            body += f"\n\n（来自页面 {values['page']}）"
        if self.email:
            return mailto(self.email, subject, body)
        return tel(self.phone)


_MAIL_BODIES = {
    "test_drive": "您好，我想预约试驾{model_name}。\n姓名：\n手机：\n希望的时间：",
    "reserve": "您好，我想在线订购{model_name}。\n姓名：\n手机：\n意向版本和颜色：",
    "quote": "您好，请给我{model_name}的报价。\n姓名：\n手机：\n意向版本：",
    "service": "您好，我想预约保养。\n姓名：\n手机：\n车型和车牌：\n希望的时间：",
    "ask": "我的问题：{query}\n",
}
