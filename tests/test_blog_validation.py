"""Blog posts and authors: every kind of bad input gives one exact message naming file, line, field and fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import write

from build_tools.blog.load import BlogOptions
from build_tools.core.settings import Paths
from build_tools.site.content import load_content

AUTHORS = """\
authors:
  alice:
    name: 张小艾
    description: 市场部
    avatar: assets/authors/alice.svg
"""

GOOD = """\
---
date: 2025-03-18
slug: spring-service
categories: [活动]
authors: [alice]
models: [alpha]
description: 春季保养
---

# 春季保养节

工时费 8 折。

<!-- more -->

细则。
"""

OPTIONS = BlogOptions(timezone="Asia/Shanghai", categories=("新闻", "活动", "用车指南"))


def make_tree(root: Path, files: dict[str, str]) -> Paths:
    write(root, "faq/categories.yml", "maintenance:\n  name: 保养\n")
    write(root, "content/models/alpha.md", "---\nname: 阿尔法\ntype: SUV\nprice_from: 150000\nsummary: 测试车型\n---\n\n正文\n")
    write(root, "content/assets/authors/alice.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    write(root, "blog/.authors.yml", AUTHORS)
    for rel, text in files.items():
        write(root, rel, text)
    return Paths(root=root, docs_dir=root / "content", faq_dir=root / "faq", blog_dir=root / "blog")


def problems(tmp_path: Path, files: dict[str, str]) -> tuple[list[str], list[str]]:
    _, report = load_content(make_tree(tmp_path, files), OPTIONS)
    return [str(p) for p in report.errors], [str(p) for p in report.warnings]


def test_good_post_loads_into_a_typed_record(tmp_path: Path) -> None:
    content, report = load_content(make_tree(tmp_path, {"blog/posts/2025/spring.md": GOOD}), OPTIONS)
    assert report.problems == []
    [post] = content.posts
    assert (post.slug, post.title, post.path, post.source) == ("spring-service", "春季保养节", "2025/spring.md", "blog/posts/2025/spring.md")
    assert post.date == dt.datetime(2025, 3, 18, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert (post.categories, post.authors, post.models) == (("活动",), ("alice",), ("alpha",))
    assert content.authors["alice"].name == "张小艾"
    assert post.status(dt.datetime(2025, 3, 17, 23, 59, tzinfo=ZoneInfo("Asia/Shanghai"))) == "scheduled"
    assert post.is_published(dt.datetime(2025, 3, 18, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai")))


def test_date_with_time_and_updated(tmp_path: Path) -> None:
    text = GOOD.replace("date: 2025-03-18\n", "date:\n  created: 2025-03-18 10:30:00\n  updated: 2025-04-01\n")
    content, report = load_content(make_tree(tmp_path, {"blog/posts/a.md": text}), OPTIONS)
    assert report.problems == []
    [post] = content.posts
    assert post.date.isoformat() == "2025-03-18T10:30:00+08:00"
    assert post.updated is not None and post.updated.isoformat() == "2025-04-01T00:00:00+08:00"


def test_title_from_front_matter(tmp_path: Path) -> None:
    text = GOOD.replace("# 春季保养节\n\n", "").replace("slug:", "title: 春季保养节 & 检测\nslug:")
    content, _ = load_content(make_tree(tmp_path, {"blog/posts/a.md": text}), OPTIONS)
    assert content.posts[0].title == "春季保养节 & 检测"


CASES = {
    "unknown model": (
        GOOD.replace("models: [alpha]", "models: [alpah]"),
        "blog/posts/x.md:6: models: 未知车型 'alpah'（没有 content/models/alpah.md） — 您是不是想写 alpha？可用的车型：alpha",
    ),
    "unknown author": (
        GOOD.replace("authors: [alice]", "authors: [alica]"),
        "blog/posts/x.md:5: authors: 未知作者 'alica'（blog/.authors.yml 里没有） — 您是不是想写 alice？可用的作者：alice",
    ),
    "unknown category": (
        GOOD.replace("categories: [活动]", "categories: [新文]"),
        "blog/posts/x.md:4: categories: 未知分类 '新文' — 请改为 mkdocs.yml 里 blog 插件 categories_allowed 中的分类之一：新闻、活动、用车指南",
    ),
    "missing date": (
        GOOD.replace("date: 2025-03-18\n", ""),
        "blog/posts/x.md:2: date: 缺少必填字段 — 请填写日期，写成 YYYY-MM-DD，例如 2025-03-18",
    ),
    "bad date": (
        GOOD.replace("date: 2025-03-18", "date: 2025-13-01"),
        "blog/posts/x.md:2: date: 日期格式不对：'2025-13-01' — 写成 YYYY-MM-DD，例如 2025-03-18",
    ),
    "updated before created": (
        GOOD.replace("date: 2025-03-18\n", "date:\n  created: 2025-03-18\n  updated: 2025-03-01\n"),
        "blog/posts/x.md:4: date: 更新日期 2025-03-01 早于发布日期 2025-03-18 — updated 应不早于 created；如果是首次发布，删除 updated",
    ),
    "missing slug": (
        GOOD.replace("slug: spring-service\n", ""),
        "blog/posts/x.md:2: slug: 缺少必填字段 — 请填写一段文字，例如 slug: spring-service-2026",
    ),
    "slug not usable in a URL": (
        GOOD.replace("slug: spring-service", "slug: 春季保养"),
        "blog/posts/x.md:3: slug: slug '春季保养' 不能用作网址 — slug 只能用小写英文字母、数字和连字符，例如 slug: spring-service-2026",
    ),
    "no title": (
        GOOD.replace("# 春季保养节\n\n", ""),
        "blog/posts/x.md:9: 文章没有标题 — 在正文第一行写“# 标题”，或在文件开头加一行 title: 标题",
    ),
    "draft not a boolean": (
        GOOD.replace("description:", "draft: 是\ndescription:"),
        "blog/posts/x.md:7: draft: 应为布尔值（true 或 false），实际写的是 '是' — 只能写 true 或 false",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_post_front_matter(tmp_path: Path, case: str) -> None:
    text, message = CASES[case]
    errors, _ = problems(tmp_path, {"blog/posts/x.md": text})
    assert errors == [message]


def test_duplicate_slug(tmp_path: Path) -> None:
    errors, _ = problems(tmp_path, {"blog/posts/a.md": GOOD, "blog/posts/b.md": GOOD})
    assert errors == ["blog/posts/b.md:3: slug: 与 blog/posts/a.md 的 slug 重复（slug 是网址的一部分，必须唯一） — 给其中一篇文章换一个 slug"]


def test_non_markdown_file_in_posts(tmp_path: Path) -> None:
    errors, _ = problems(tmp_path, {"blog/posts/photo.jpg": "x"})
    assert errors == ["blog/posts/photo.jpg:1: blog/posts/ 里只能放 .md 文章文件，这个文件不会发布 — 把扩展名改成小写的 .md；文章里的图片请放到 content/assets/ 下"]


def test_unknown_key_is_a_warning(tmp_path: Path) -> None:
    errors, warnings = problems(tmp_path, {"blog/posts/x.md": GOOD.replace("models:", "model: [alpha]\nmodels:")})
    assert errors == []
    assert warnings == ["blog/posts/x.md:6: model: 未知字段，将被忽略 — 您是不是想写 models？"]


def test_avatar_from_outside_host_is_refused(tmp_path: Path) -> None:
    authors = AUTHORS.replace("assets/authors/alice.svg", "https://www.gravatar.com/avatar/abc")
    errors, _ = problems(tmp_path, {"blog/.authors.yml": authors})
    assert errors == [
        "blog/.authors.yml:5: avatar: 头像不能用外部网站的图片（Gravatar、GitHub 等在中国大陆加载很慢或打不开） — 把头像图片放到 content/assets/authors/ 下，写成 avatar: assets/authors/alice.svg"
    ]


def test_missing_avatar_file_and_missing_name(tmp_path: Path) -> None:
    authors = AUTHORS + "  bob:\n    description: 售后\n    avatar: assets/authors/bob.svg\n"
    errors, _ = problems(tmp_path, {"blog/.authors.yml": authors})
    assert errors == [
        "blog/.authors.yml:6: name: 缺少必填字段 — 请填写一段文字，例如 name: 王晓梅",
        "blog/.authors.yml:8: avatar: 找不到头像图片 content/assets/authors/bob.svg — 把头像图片放到 content/assets/authors/ 下，写成 avatar: assets/authors/bob.svg",
    ]


def test_every_problem_of_a_run_is_reported(tmp_path: Path) -> None:
    errors, _ = problems(tmp_path, {
        "blog/posts/a.md": GOOD.replace("models: [alpha]", "models: [zeta]"),
        "blog/posts/b.md": GOOD.replace("slug: spring-service", "slug: other").replace("date: 2025-03-18", "date: 昨天"),
    })
    assert [e.split(":")[0] for e in errors] == ["blog/posts/a.md", "blog/posts/b.md"]


def test_reading_time_counts_chinese_by_character() -> None:
    from build_tools.blog.load import reading_minutes

    assert reading_minutes("保" * 1200) == 3
    assert reading_minutes("word " * 530) == 2
    assert reading_minutes("保" * 800 + " word" * 265) == 3
    assert reading_minutes("") == 1
