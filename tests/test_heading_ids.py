"""Readable heading ids for Chinese headings (core/slugs.heading_slug as the toc slugify)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import mkdocs_build, write

from build_tools.core.slugs import heading_slug


@pytest.mark.parametrize(("heading", "slug"), [
    ("保养计划", "bao-yang-ji-hua"),
    ("2026 款欧蓝德 PHEV", "2026-kuan-ou-lan-de-phev"),
    ("首保多少公里？", "shou-bao-duo-shao-gong-li"),
    ("重庆、长沙门店", "chong-qing-chang-sha-men-dian"),  # the phrase dictionary picks chóng, cháng
    ("Ünïcode façade", "unicode-facade"),
    ("——", ""),
])
def test_heading_slug_spells_chinese_in_pinyin(heading: str, slug: str) -> None:
    assert heading_slug(heading, "-") == slug


def test_chinese_headings_get_pinyin_ids_unique_on_the_page_and_attr_list_ids_win(site_src: Path) -> None:
    text = (site_src / "mkdocs.yml").read_text(encoding="utf-8").replace("  - admonition\n", "  - admonition\n  - attr_list\n")
    write(site_src, "mkdocs.yml", text)
    write(site_src, "content/about.md", "# 关于我们\n\n## 营业时间\n\n文字\n\n## 营业时间\n\n文字\n\n## 交通 {#map}\n\n文字\n")
    assert mkdocs_build(site_src).returncode == 0
    page = (site_src / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<h2 id="([^"]+)"', page) == ["ying-ye-shi-jian", "ying-ye-shi-jian_1", "map"]
