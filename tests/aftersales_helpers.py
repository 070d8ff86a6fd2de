"""Shared by tests/test_aftersales*.py: a survey for the fixture site and the endpoint settings of its mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

SURVEY = """\
title: 保养回访
intro: 请告诉我们这次服务怎么样。
services: [常规保养, 维修]
questions:
  - type: rating
    id: reception
    label: 接待服务
  - type: rating
    id: repair
    label: 维修质量
  - type: nps
    id: nps
    label: 您有多大可能向亲友推荐本店？
  - type: choice
    id: improve
    label: 哪些方面可以更好？
    multiple: true
    options: [等待时间, 价格透明]
  - type: comment
    id: comment
    label: 还有什么想说的？
"""


def write_survey(root: Path, slug: str = "visit", text: str = SURVEY) -> Path:
    path = root / "content" / "surveys" / f"{slug}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def set_endpoints(root: Path, survey: str | None, feedback: str | None, method: str = "POST", site_url: str | None = None) -> None:
    """Write the survey and feedback endpoints (and optionally site_url) into the site's mkdocs.yml."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = "".join(f"      {key}:\n        url: {url}\n        method: {method}\n"
                    for key, url in (("survey_endpoint", survey), ("feedback_endpoint", feedback)) if url)
    assert "  - dealer:\n" in text
    text = text.replace("  - dealer:\n", "  - dealer:\n" + lines, 1)
    if site_url is not None:
        text = text.replace("site_url: https://dealer.example.cn/", f"site_url: {site_url}")
    config.write_text(text, encoding="utf-8")
