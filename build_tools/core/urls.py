"""The one allow-list for URLs that authors and ``mkdocs.yml`` put into links.

A link may be ``https:``, ``http:``, ``mailto:``, ``tel:`` or relative to the site.
Everything else — ``javascript:``, ``data:``, ``vbscript:``, ``file:`` and schemes
nobody has heard of — is refused, and so are the tricks browsers forgive: leading
or trailing blanks, tabs and newlines inside the scheme (``java\\tscript:``), mixed
case (``JaVaScRiPt:``), backslashes (``/\\host`` means ``//host`` to a browser),
protocol-relative ``//host`` links, and entity-encoded colons (``javascript&#58;``;
the value is checked both as written and with HTML entities decoded, because some
of Material's templates print it unescaped). Knows nothing about MkDocs.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")
# Shown after the "—" of every refused link.
URL_FIX = "链接只能以 https://、http://、mailto:、tel: 开头，或写站内的相对路径（例如 models/alpha/）"

# WHATWG URL "scheme": an ASCII letter, then letters, digits, "+", "-" or ".", then ":".
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be published as a link (in Chinese), or ``None`` when it may."""
    for candidate in dict.fromkeys((url, html.unescape(url))):
        problem = _problem(candidate)
        if problem is not None:
            return problem
    return None


def is_safe_url(url: str) -> bool:
    """True when ``url`` passes :func:`url_problem`."""
    return url_problem(url) is None


def nav_links(items: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str | None, Any]]:
    """(path, title, url) of every link in nav-shaped data: ``mkdocs.yml``'s ``nav``, a post's ``links``.

    Such data is a list whose items are a URL, or ``{title: URL}``, or
    ``{title: [more items]}``; ``path`` locates each link (list indexes and titles).
    """
    if isinstance(items, list):
        return [link for i, item in enumerate(items) for link in nav_links(item, (*path, i))]
    if isinstance(items, dict):
        found = []
        for title, value in items.items():
            if isinstance(value, (list, dict)):
                found += [(path + (str(title),), str(title), None)] + nav_links(value, (*path, str(title)))
            else:
                found.append(((*path, str(title)), str(title), value))
        return found
    return [(path, None, items)]


def _problem(url: str) -> str | None:
    if not url:
        return "链接为空"
    for char in url:
        # Browsers drop tabs and newlines anywhere in a URL and blanks around it, so
        # "java\tscript:" would run; invisible format characters hide what a link is.
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            return f"链接里有空格、换行或不可见字符（{_name(char)}）"
    if "\\" in url:
        return "链接里不能有反斜杠 \\（浏览器会把它当作 /）"
    if url.startswith("//"):
        return "链接不能以 // 开头（会跳到别的网站）"
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    if ":" not in head:
        return None  # relative to the site
    match = _SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme}:" if scheme else head[: head.index(":") + 1]
        return f"不允许的链接类型 {shown}"
    rest = url[len(scheme) + 1:]
    if scheme in ("http", "https") and not re.match(r"^//[^/?#]", rest):
        return f"{scheme}: 后面应是 //网站地址"
    if not rest:
        return f"{scheme}: 后面没有内容"
    return None


def _name(char: str) -> str:
    if char == "\t":
        return "Tab"
    if char == " ":
        return "空格"
    return f"U+{ord(char):04X}"


ENDPOINT_FIX = "表单服务的地址只能是 https://…，或本站的相对路径（例如 /forms/survey）"
# Where customers' answers go (survey, helpful votes, the search's no-result queries): stricter than a link.
# Plain http only to this machine (a test's or a preview's form service): answers never cross a network unencrypted.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def endpoint_problem(url: str) -> str | None:
    """Why ``url`` may not receive customers' answers (in Chinese), or None: https, a site-relative path, or loopback http."""
    problem = url_problem(url)
    if problem is not None:
        return problem
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("mailto", "tel"):
        return f"表单不能提交到 {scheme}: 链接"
    # hostname, not netloc: ``http://127.0.0.1:80@evil.example/`` goes to evil.example (the part before @ is a user name).
    if scheme == "http" and (parts.username is not None or parts.hostname not in LOOPBACK_HOSTS):
        return "http:// 不加密，顾客的回答会明文传输"
    return None
