"""Link templates: percent-encoding, placeholder checks, mailto."""

from __future__ import annotations

import pytest

from build_tools import links


def test_fill_encodes_chinese_spaces_and_reserved_characters() -> None:
    url = links.fill("https://f.example.cn/ask?c={category_name}&p={page}", {"category_name": "保养 & 维修#1+2", "page": "https://d.cn/faq/a/?x=1"})
    assert url == "https://f.example.cn/ask?c=%E4%BF%9D%E5%85%BB%20%26%20%E7%BB%B4%E4%BF%AE%231%2B2&p=https%3A%2F%2Fd.cn%2Ffaq%2Fa%2F%3Fx%3D1"


def test_unknown_placeholder_is_rejected() -> None:
    with pytest.raises(links.LinkTemplateError, match=r"未知占位符 \{modle\}，可用的占位符：\{model\}、\{page\}"):
        links.check_template("https://f.cn/?m={modle}", ["model", "page"])


def test_unbalanced_brace_is_rejected() -> None:
    with pytest.raises(links.LinkTemplateError):
        links.check_template("https://f.cn/?m={model", ["model"])


def test_mailto_encodes_subject_and_body() -> None:
    assert links.mailto("a@b.cn", "我要 提问", "第一行\n第二行") == (
        "mailto:a@b.cn?subject=%E6%88%91%E8%A6%81%20%E6%8F%90%E9%97%AE&body=%E7%AC%AC%E4%B8%80%E8%A1%8C%0A%E7%AC%AC%E4%BA%8C%E8%A1%8C"
    )
