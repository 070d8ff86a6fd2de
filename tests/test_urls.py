"""The one URL allow-list (build_tools/core/urls.py): what browsers would run is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURE_SITE, content_check, copy_site, write

from build_tools.core.urls import url_problem


@pytest.mark.parametrize("url", [
    "https://form.example.cn/ask?a=1&b=2#form",
    "http://example.cn",
    "HTTPS://EXAMPLE.CN/",
    "mailto:service@example.cn?subject=%E8%AF%95%E9%A9%BE",
    "tel:+8673112345678",
    "models/alpha/",
    "/dealers/",
    "../faq/",
    "#top",
    "?q=1",
    "a&b.html",
    "https://map.example.cn/?q=星沙",
])
def test_accepted(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(("url", "problem"), [
    ("javascript:alert(1)", "不允许的链接类型 javascript:"),
    ("JaVaScRiPt:alert(1)", "不允许的链接类型 javascript:"),
    ("java\tscript:alert(1)", "链接里有空格、换行或不可见字符（Tab）"),
    ("java\nscript:alert(1)", "链接里有空格、换行或不可见字符（U+000A）"),
    (" javascript:alert(1)", "链接里有空格、换行或不可见字符（空格）"),
    ("\x01javascript:alert(1)", "链接里有空格、换行或不可见字符（U+0001）"),
    ("java\u200bscript:alert(1)", "链接里有空格、换行或不可见字符（U+200B）"),
    ("javascript&#58;alert(1)", "不允许的链接类型 javascript:"),
    ("javascript&colon;alert(1)", "不允许的链接类型 javascript:"),
    ("&#106;avascript:alert(1)", "不允许的链接类型 javascript:"),
    ("data:text/html,<script>alert(1)</script>", "不允许的链接类型 data:"),
    ("vbscript:msgbox(1)", "不允许的链接类型 vbscript:"),
    ("file:///etc/passwd", "不允许的链接类型 file:"),
    ("//evil.example/", "链接不能以 // 开头（会跳到别的网站）"),
    ("/\\evil.example/", "链接里不能有反斜杠 \\（浏览器会把它当作 /）"),
    ("https:evil.example", "https: 后面应是 //网站地址"),
    ("https:///evil.example", "https: 后面应是 //网站地址"),
    ("mailto:", "mailto: 后面没有内容"),
    ("中文:x", "不允许的链接类型 中文:"),
    ("", "链接为空"),
])
def test_refused(url: str, problem: str) -> None:
    assert url_problem(url) == problem


def test_a_lead_template_that_is_not_a_link_is_refused_by_check(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    write(root, "mkdocs.yml", config.replace("ask: https://form.example.cn/ask?", "ask: data:text/html,x?"))
    result = content_check(root)
    assert result.returncode == 1
    assert "不允许的链接类型 data:：'data:text/html,x?topic={category}&model={model}&from={page}'" in result.stderr
    assert "Traceback" not in result.stderr
