"""Issue 11, "rules": every content rule is enforced in `make check` and in the build, in Chinese, once.

Unit tests load small trees with ``load_content``; the end-to-end tests mutate copies of
the sample site (what a careless or hostile author would do) and run both the build and
``check``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURE_SITE, REPO, assert_build_and_check_fail, build_copy, content_check, copy_site, mkdocs_build, write

from build_tools.blog.load import BlogOptions
from build_tools.core.settings import Paths
from build_tools.core.sources import check_image
from build_tools.site.content import load_content

ZONE = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=ZONE)
OPTIONS = BlogOptions(timezone="Asia/Shanghai", categories=("新闻", "活动"))
MODEL = "---\nname: 阿尔法\ntype: SUV\nprice_from: 150000\nsummary: 测试车型\n---\n\n正文\n"
FAQ = "---\nquestion: {q}\ncategory: maintenance\ndate: 2025-03-01\nmodels: [alpha]\n---\n\n回答。\n"
AUTHORS = "authors:\n  alice:\n    name: 张小艾\n    description: 市场部\n    avatar: assets/authors/alice.svg\n"
POST = "---\ndate: 2025-03-18\nslug: {slug}\ncategories: [活动]\nauthors: [alice]\n---\n\n# 标题\n\n正文。\n"


def tree(root: Path, files: dict[str, str]) -> Paths:
    """A minimal valid site (one category, model, entry, author, post) plus ``files``."""
    write(root, "faq/categories.yml", "maintenance:\n  name: 保养\n")
    write(root, "faq/maintenance/oil.md", FAQ.format(q="机油用什么标号？"))
    write(root, "content/models/alpha.md", MODEL)
    write(root, "content/assets/authors/alice.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    write(root, "blog/.authors.yml", AUTHORS)
    write(root, "blog/posts/a.md", POST.format(slug="a"))
    for rel, text in files.items():
        write(root, rel, text)
    return Paths(root=root, docs_dir=root / "content", faq_dir=root / "faq", blog_dir=root / "blog")


def errors_of(root: Path, files: dict[str, str] | None = None) -> list[str]:
    _, report = load_content(tree(root, files or {}), OPTIONS, NOW)
    return [str(p) for p in report.errors]


def test_the_minimal_tree_is_valid(tmp_path: Path) -> None:
    content, report = load_content(tree(tmp_path, {}), OPTIONS, NOW)
    assert report.problems == []
    assert [e.slug for e in content.faq] == ["oil"] and list(content.models) == ["alpha"] and [p.slug for p in content.posts] == ["a"]


# -- 1. model files only as content/models/<slug>.md ------------------------------


def test_model_files_only_as_lower_case_slug_md(tmp_path: Path) -> None:
    files = {f"content/models/{name}": MODEL for name in ("Pajero Sport.md", "galant.MD", "lancer.markdown", "2026/pajero.md", "compare.md", "index.md")}
    files["content/models/photo.jpg"] = "jpeg"
    assert errors_of(tmp_path, files) == [
        "content/models/2026/pajero.md:1: 车型文件不能放在子文件夹里（不会出现在车型列表中） — 移到 content/models/pajero.md",
        "content/models/Pajero Sport.md:1: 文件名 Pajero Sport.md 不能用作网址 — 车型文件名只能用小写英文字母、数字和连字符，例如 pajero-sport.md",
        "content/models/compare.md:1: compare.md 是自动生成的车型对比页，不能自己写 — 删除这个文件，或给车型换一个文件名",
        "content/models/galant.MD:1: 车型文件的扩展名必须是小写的 .md，galant.MD 不会作为车型页发布 — 改名为 galant.md",
        "content/models/lancer.markdown:1: 车型文件的扩展名必须是小写的 .md，lancer.markdown 不会作为车型页发布 — 改名为 lancer.md",
        "content/models/photo.jpg:1: content/models/ 里只能放车型 .md 文件 — 图片请放到 content/assets/models/ 下，在车型页里写 image: assets/models/文件名",
    ]


def test_one_slug_rule_everywhere() -> None:
    import build_tools.blog.load
    import build_tools.catalog.load
    import build_tools.faq.load
    from build_tools.core.slugs import SLUG

    assert build_tools.faq.load.SLUG is build_tools.blog.load.SLUG is build_tools.catalog.load.SLUG is SLUG


@pytest.mark.parametrize(("text", "day"), [
    ("2026-11-28", dt.date(2026, 11, 28)),
    ("2026-02-30", None),  # no such day
    ("20261128", None),  # Python 3.11 reads these two as days too; no author means them
    ("2026-W48-6", None),
    ("2026-11-28T10:00", None),
])
def test_one_day_rule(text: str, day: dt.date | None) -> None:
    from build_tools.aftersales.survey_records import date_problem
    from build_tools.core.schema import iso_day

    assert iso_day(text) == day
    assert (date_problem(text) is None) == (day is not None)


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-11-28", (dt.datetime(2026, 11, 28, tzinfo=ZONE), True)),
    (dt.date(2026, 11, 28), (dt.datetime(2026, 11, 28, tzinfo=ZONE), True)),
    ("2026-11-28 09:30", (dt.datetime(2026, 11, 28, 9, 30, tzinfo=ZONE), False)),
    ("2026-11-28T01:30:00+00:00", (dt.datetime(2026, 11, 28, 9, 30, tzinfo=ZONE), False)),
    ("2026-W48-6", None),
    ("20261128T0930", None),
    ("明天", None),
    (20261128, None),
])
def test_one_moment_rule_for_posts_and_promotions(value: object, expected: tuple[dt.datetime, bool] | None) -> None:
    from build_tools.blog.load import post_date
    from build_tools.core.schedule import moment
    from build_tools.promotions.load import when

    assert moment(value, ZONE) == expected
    assert post_date(value, ZONE) == (expected[0] if expected else None)
    assert when(value, ZONE, end=False) == expected
    # A promotion ending on a day lasts that whole day; one ending at a time ends then.
    end = when(value, ZONE, end=True)
    assert end == (None if expected is None else (expected[0] + dt.timedelta(days=1), True) if expected[1] else expected)


# -- 2. posts only from blog/ ---------------------------------------------------------


def test_markdown_under_the_blog_index_folder_is_refused(tmp_path: Path) -> None:
    future = POST.format(slug="future").replace("2025-03-18", "2099-01-01")
    files = {"content/blog/index.md": "# 新闻资讯\n", "content/blog/posts/x.md": future, "content/blog/notes.md": "# 笔记\n"}
    assert errors_of(tmp_path, files) == [
        "content/blog/notes.md:1: 文章只能放在 blog/posts/ 下，content/blog/ 里只放博客首页 index.md — 把文件移到 blog/posts/notes.md",
        "content/blog/posts/x.md:1: 文章只能放在 blog/posts/ 下，content/blog/ 里只放博客首页 index.md — 把文件移到 blog/posts/x.md",
    ]


# -- 3. dot-folders are private; symlinks stay inside ---------------------------------


def test_dot_folders_and_files_are_private_everywhere(tmp_path: Path) -> None:
    files = {
        "faq/.drafts/secret.md": FAQ.format(q="秘密问题"),
        "faq/.notes.md": "随便写",
        "blog/posts/.old/x.md": POST.format(slug="old"),
        "content/models/.wip/delta.md": MODEL,
        "content/models/.delta.md": MODEL,
    }
    content, report = load_content(tree(tmp_path, files), OPTIONS, NOW)
    assert report.problems == []
    assert [e.slug for e in content.faq] == ["oil"] and list(content.models) == ["alpha"] and [p.slug for p in content.posts] == ["a"]


def test_symlinks_leaving_the_content_folders_are_errors(tmp_path: Path) -> None:
    outside = write(tmp_path / "elsewhere", "secret.md", FAQ.format(q="外面的文件"))
    paths = tree(tmp_path / "site", {})
    root = paths.root
    os.symlink(outside, root / "faq" / "leak.md")
    os.symlink(outside.parent, root / "blog" / "posts" / "more")
    os.symlink(root / "mkdocs-missing.yml", root / "content" / "gone.md")
    os.symlink(root / "faq" / "maintenance", root / "faq" / "alias")  # inside: followed, the entry counted once
    _, report = load_content(paths, OPTIONS, NOW)
    target = os.path.realpath(outside)
    assert [str(p) for p in report.errors] == [
        f"blog/posts/more:1: 链接指向内容文件夹以外的 {os.path.dirname(target)}，不能发布 — 删除这个链接；要发布的文件请直接放进 content/、faq/ 或 blog/",
        "content/gone.md:1: 链接指向的文件不存在 — 删除这个链接，或把文件本身放在这里",
        f"faq/leak.md:1: 链接指向内容文件夹以外的 {target}，不能发布 — 删除这个链接；要发布的文件请直接放进 content/、faq/ 或 blog/",
    ]


def test_a_dot_folder_is_not_published_and_a_symlink_inside_is(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    write(root, "faq/.drafts/secret-dot.md", FAQ.format(q="点文件夹里的秘密").replace("maintenance", "buying").replace("models: [alpha]\n", ""))
    write(root, "content/.hidden/page.md", "# 隐藏页面 hidden-dot-page\n")
    os.symlink(root / "content" / "index.md", root / "content" / "home-link.md")
    site = root / "site"
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())
    assert "点文件夹里的秘密" not in text and "hidden-dot-page" not in text
    assert (site / "home-link" / "index.html").is_file()


# -- 4. images are files inside content/ ---------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("/etc/passwd", ("图片路径不能以 / 开头：/etc/passwd", "把图片放进 content/ 文件夹，并写相对于 content/ 的路径，例如 assets/models/outlander.jpg")),
    ("../mkdocs.yml", ("图片必须放在 content/ 文件夹里：../mkdocs.yml", "把图片放进 content/ 文件夹，并写相对于 content/ 的路径，例如 assets/models/outlander.jpg")),
    ("assets/../../x.png", ("图片必须放在 content/ 文件夹里：assets/../../x.png", "把图片放进 content/ 文件夹，并写相对于 content/ 的路径，例如 assets/models/outlander.jpg")),
    ("https://gravatar.com/a.png", ("图片不能用外部网址或其他网站的图片：https://gravatar.com/a.png", "把图片放进 content/ 文件夹，并写相对于 content/ 的路径，例如 assets/models/outlander.jpg")),
    ("assets/missing.png", ("找不到图片 content/assets/missing.png", "把图片放进 content/ 文件夹，并写相对于 content/ 的路径，例如 assets/models/outlander.jpg")),
    ("index.md", ("图片不是图片文件：index.md", "只能用 svg、png、jpg、jpeg、webp、gif、avif 格式的图片")),
    (".private/a.png", ("图片放在以 . 开头的文件夹里，不会发布：.private/a.png", "把图片移到 content/assets/ 下")),
    ("assets/a.PNG", None),
])
def test_one_image_check(tmp_path: Path, value: str, expected: tuple[str, str] | None) -> None:
    write(tmp_path, "content/index.md", "# 首页\n")
    write(tmp_path, "content/assets/a.PNG", b"\x89PNG")
    write(tmp_path, "content/.private/a.png", b"\x89PNG")
    write(tmp_path, "mkdocs.yml", "site_name: x\n")
    assert check_image(value, tmp_path / "content") == expected


def test_model_and_avatar_images_use_the_check(tmp_path: Path) -> None:
    model = MODEL.replace("summary: 测试车型\n", "summary: 测试车型\nimage: /etc/passwd\ngallery: [../mkdocs.yml]\n")
    authors = AUTHORS.replace("assets/authors/alice.svg", "../mkdocs.yml")
    assert errors_of(tmp_path, {"content/models/alpha.md": model, "blog/.authors.yml": authors, "mkdocs.yml": "site_name: x\n"}) == [
        "blog/.authors.yml:5: avatar: 头像图片必须放在 content/ 文件夹里：../mkdocs.yml — 把头像图片放到 content/assets/authors/ 下，写成 avatar: assets/authors/alice.svg",
        "content/models/alpha.md:6: image: 图片路径不能以 / 开头：/etc/passwd — 把图片放进 content/ 文件夹，并写相对于 content/ 的路径，例如 assets/models/outlander.jpg",
        "content/models/alpha.md:7: gallery: 图片必须放在 content/ 文件夹里：../mkdocs.yml — 把图片放进 content/ 文件夹，并写相对于 content/ 的路径，例如 assets/models/outlander.jpg",
    ]


# -- 5. dates with their zone; updated never in the future ---------------------------


def test_faq_dates_are_days_and_updated_is_not_in_the_future(tmp_path: Path) -> None:
    zoned = FAQ.format(q="带时区").replace("date: 2025-03-01", "date: 2025-03-01T23:30:00-05:00")
    future = FAQ.format(q="未来更新").replace("date: 2025-03-01", "date: 2025-03-01\nupdated: 2099-01-01")
    today = FAQ.format(q="今天更新").replace("date: 2025-03-01", "date: 2025-03-01\nupdated: 2026-06-01")
    assert errors_of(tmp_path, {"faq/maintenance/zoned.md": zoned, "faq/maintenance/future.md": future, "faq/maintenance/today.md": today}) == [
        "faq/maintenance/future.md:5: updated: 更新日期不能晚于今天：2099-01-01 — 写实际修改回答的日期；要以后才发布，请改 date（定时发布）",
        "faq/maintenance/zoned.md:4: date: 只写日期，不要写时间和时区：2025-03-01 23:30:00-05:00 — 写成 date: 2025-03-01（常见问题按天发布，按网站时区计算）",
    ]


def test_post_dates_keep_time_and_zone_and_updated_is_not_in_the_future(tmp_path: Path) -> None:
    zoned = POST.format(slug="zoned").replace("date: 2025-03-18", "date: 2025-03-18T23:30:00-05:00")
    future = POST.format(slug="future").replace("date: 2025-03-18", "date:\n  created: 2025-03-18\n  updated: 2099-01-01")
    quoted = POST.format(slug="quoted").replace("date: 2025-03-18", 'date: "2025-03-18"')
    minutes = POST.format(slug="minutes").replace("date: 2025-03-18", "date: 2025-03-18 10:30")
    content, report = load_content(tree(tmp_path, {"blog/posts/z.md": zoned}), OPTIONS, NOW)
    assert report.problems == []
    assert {p.slug: p.date for p in content.posts}["zoned"] == dt.datetime(2025, 3, 19, 4, 30, 0, tzinfo=dt.UTC)
    assert errors_of(tmp_path, {"blog/posts/f.md": future, "blog/posts/q.md": quoted, "blog/posts/m.md": minutes}) == [
        "blog/posts/f.md:4: date: 更新日期不能晚于今天：2099-01-01 — 写实际修改文章的日期；要以后才发布，请改 created（定时发布）",
        "blog/posts/m.md:2: date: 日期不能写成带引号的文字：'2025-03-18 10:30'（Material 的博客插件不认） — 去掉引号，时间写到秒，例如 2026-03-18 10:30:00",
        "blog/posts/q.md:2: date: 日期不能写成带引号的文字：'2025-03-18'（Material 的博客插件不认） — 去掉引号，写成 2025-03-18",
    ]


# -- 7. a root cause is reported once ---------------------------------------------


def test_a_broken_author_model_or_category_is_reported_once(tmp_path: Path) -> None:
    files = {
        "blog/.authors.yml": AUTHORS.replace("alice.svg", "nobody.svg"),
        "blog/posts/b.md": POST.format(slug="b").replace("categories: [活动]\n", "categories: [活动]\nmodels: [alpha]\n"),
        "content/models/alpha.md": MODEL.replace("name: 阿尔法\n", ""),
        "faq/categories.yml": "maintenance:\n  name: [保养, 维护]\n",
        "faq/vocabulary.yml": "categories:\n  maintenance: [机油]\n",
    }
    assert errors_of(tmp_path, files) == [
        "blog/.authors.yml:5: avatar: 找不到头像图片 content/assets/authors/nobody.svg — 把头像图片放到 content/assets/authors/ 下，写成 avatar: assets/authors/alice.svg",
        "content/models/alpha.md:2: name: 缺少必填字段 — 请填写一段文字，例如 name: 欧蓝德",
        "faq/categories.yml:2: name: 应为一段文字，实际写的是 ['保养', '维护'] — 例如 name: 保养（显示给顾客的中文名称）",
    ]


def test_an_unknown_author_is_still_reported(tmp_path: Path) -> None:
    assert errors_of(tmp_path, {"blog/posts/b.md": POST.format(slug="b").replace("[alice]", "[alicia]")}) == [
        "blog/posts/b.md:5: authors: 未知作者 'alicia'（blog/.authors.yml 里没有） — 您是不是想写 alice？可用的作者：alice",
    ]


# -- 8. wrong types in data files; Material's author rules ---------------------------


def test_lists_and_maps_are_not_text_in_data_files(tmp_path: Path) -> None:
    dealers = "- id: a\n  name: {店: 一}\n  city: 长沙\n  address: 路 1 号\n  phone: [0731-1, 0731-2]\n  hours: [8点, 9点]\n  services: [sales]\n"
    categories = "maintenance:\n  name: 保养\n  description: [a, b]\n"
    assert errors_of(tmp_path, {"content/dealers.yml": dealers, "faq/categories.yml": categories}) == [
        "content/dealers.yml:2: name: 应为一段文字，实际写的是 {'店': '一'} — 例如 name: 星沙旗舰店",
        "content/dealers.yml:5: phone: 应为一段文字，实际写的是 ['0731-1', '0731-2'] — 例如 phone: 0731-8888 0000",
        "content/dealers.yml:6: hours: 应为一段文字，实际写的是 ['8点', '9点'] — 填写一段文字",
        "faq/categories.yml:3: description: 应为一段文字，实际写的是 ['a', 'b'] — 例如 description: 一句话说明",
    ]


def test_authors_need_what_materials_blog_requires(tmp_path: Path) -> None:
    authors = "authors:\n  alice:\n    name: 2008\n    avatar: assets/authors/alice.svg\nextra: 1\n"
    _, report = load_content(tree(tmp_path, {"blog/.authors.yml": authors}), OPTIONS, NOW)
    assert [str(p) for p in sorted(report.problems)] == [
        "blog/.authors.yml:2: description: 缺少必填字段 — 请填写一段文字，例如 description: 市场部（显示在文章的作者信息里）",
        "blog/.authors.yml:3: name: 应为一段文字，实际写的是 2008 — 请加引号：name: \"2008\"",
        "blog/.authors.yml:5: extra: 未知部分，Material 的博客插件会拒绝 — 作者文件里只写 authors:，删除这一部分",
    ]


# -- end to end: the sample site, mutated, refused by check and build alike -----------


def sample_copy(dest: Path) -> Path:
    return copy_site(REPO, dest)


def test_mutated_sample_is_refused_by_check_and_build(tmp_path: Path) -> None:
    root = sample_copy(tmp_path / "src")
    model = (root / "content/models/asx.md").read_text(encoding="utf-8")
    write(root, "content/models/Pajero Sport.md", model)
    write(root, "content/models/2026/pajero.md", model)
    shutil.copy(root / "blog/posts/winter-check.md", root / "content/blog/posts-x.md")
    authors = (root / "blog/.authors.yml").read_text(encoding="utf-8")
    write(root, "blog/.authors.yml", authors.replace("avatar: assets/authors/wangxm.svg", "avatar: /etc/passwd").replace("    description: 售后服务部 · 技术总监\n", ""))
    faq = (root / "faq/repair/battery-dead.md").read_text(encoding="utf-8")
    write(root, "faq/repair/battery-dead.md", faq.replace("\ndate: ", "\nupdated: 2099-01-01\ndate: ", 1))
    categories = (root / "faq/categories.yml").read_text(encoding="utf-8")
    write(root, "faq/categories.yml", categories.replace("  name: 购车\n", "  name: [购车, 买车]\n"))
    outside = Path(os.path.realpath(write(tmp_path, "outside/hostname", "secret")))
    os.symlink(outside, root / "faq" / "evil.md")
    assert_build_and_check_fail(root, [
        "blog/.authors.yml:6: avatar: 头像图片路径不能以 / 开头：/etc/passwd — 把头像图片放到 content/assets/authors/ 下，写成 avatar: assets/authors/wangxm.svg",
        "blog/.authors.yml:7: description: 缺少必填字段 — 请填写一段文字，例如 description: 市场部（显示在文章的作者信息里）",
        "content/blog/posts-x.md:1: 文章只能放在 blog/posts/ 下，content/blog/ 里只放博客首页 index.md — 把文件移到 blog/posts/posts-x.md",
        "content/models/2026/pajero.md:1: 车型文件不能放在子文件夹里（不会出现在车型列表中） — 移到 content/models/pajero.md",
        "content/models/Pajero Sport.md:1: 文件名 Pajero Sport.md 不能用作网址 — 车型文件名只能用小写英文字母、数字和连字符，例如 pajero-sport.md",
        "faq/categories.yml:2: name: 应为一段文字，实际写的是 ['购车', '买车'] — 例如 name: 保养（显示给顾客的中文名称）",
        f"faq/evil.md:1: 链接指向内容文件夹以外的 {outside}，不能发布 — 删除这个链接；要发布的文件请直接放进 content/、faq/ 或 blog/",
        "faq/repair/battery-dead.md:4: updated: 更新日期不能晚于今天：2099-01-01 — 写实际修改回答的日期；要以后才发布，请改 date（定时发布）",
        "内容检查发现 8 个错误，请逐条修改后重试。",
    ])


def test_what_strict_mkdocs_rejects_check_reports_first(tmp_path: Path) -> None:
    root = sample_copy(tmp_path / "src")
    write(root, "content/dealers.yml", "# 暂时没有网点\n")
    about = (root / "content/about.md").read_text(encoding="utf-8")
    write(root, "content/about.md", about + "\n见[以旧换新](faq/draft-example-trade-in-policy.md)与 `[代码](nope.md)`\n")
    faq = (root / "faq/repair/battery-dead.md").read_text(encoding="utf-8")
    write(root, "faq/repair/battery-dead.md", faq + "\n另见[保养费用](service-cost.md)和[图](../assets/nope.png)。\n")
    post = (root / "blog/posts/winter-check.md").read_text(encoding="utf-8")
    write(root, "blog/posts/winter-check.md", post.replace("date: 2026-11-05", 'date: "2026-11-05"'))
    line = about.count("\n") + 2
    faq_line = faq.count("\n") + 2
    # Where the nav names dealers.md (other nav entries come and go above it).
    nav_line = next(n for n, text in enumerate((root / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1) if text.strip() == "- 经销商: dealers.md")
    # Every mistake of the run at once: the post's own error and the site's broken links.
    assert_build_and_check_fail(root, [
        "blog/posts/winter-check.md:2: date: 日期不能写成带引号的文字：'2026-11-05'（Material 的博客插件不认） — 去掉引号，写成 2026-11-05",
        f"content/about.md:{line}: 链接 faq/draft-example-trade-in-policy.md 指向的页面或文件不存在",
        f"content/dealers.yml:1: 文件里一个网点也没有，导航里的 dealers.md 不会生成 — 至少写一个网点（格式见 docs/authoring.md），或从 mkdocs.yml 的 nav 中删除第 {nav_line} 行",
        "内容检查发现 4 个错误，请逐条修改后重试。",
    ])
    write(root, "blog/posts/winter-check.md", post)
    assert_build_and_check_fail(root, [
        f"content/about.md:{line}: 链接 faq/draft-example-trade-in-policy.md 指向的页面或文件不存在，或不会发布（草稿、定时发布的内容没有页面） — 如果链接的是草稿或定时发布的问题，等它发布后再加链接；否则检查文件名",
        f"faq/repair/battery-dead.md:{faq_line}: 链接 ../assets/nope.png 指向的页面或文件不存在，或不会发布（草稿、定时发布的内容没有页面） — 检查文件名和相对路径（按本页面在网站里的位置来写），或删除这个链接",
        f"content/dealers.yml:1: 文件里一个网点也没有，导航里的 dealers.md 不会生成 — 至少写一个网点（格式见 docs/authoring.md），或从 mkdocs.yml 的 nav 中删除第 {nav_line} 行",
        "内容检查发现 3 个错误，请逐条修改后重试。",
    ])


def test_the_fixture_site_still_builds_and_checks(tmp_path: Path) -> None:
    site = build_copy(FIXTURE_SITE, tmp_path / "src")
    assert (site / "index.html").is_file()
    assert content_check(tmp_path / "src", "--strict").returncode == 0


def test_links_are_read_as_markdown_reads_them(tmp_path: Path) -> None:
    """<…> destinations may hold spaces; HTML comments and indented code hold no links."""
    root = sample_copy(tmp_path / "src")
    about = (root / "content/about.md").read_text(encoding="utf-8")
    extra = "\n[联系](<missing file.md>)\n\n    [代码](nope.md)\n\n<!-- [旧链接](gone.md) -->\n"
    write(root, "content/about.md", about + extra)
    for result in (content_check(root), mkdocs_build(root)):
        assert result.returncode == 1
        assert f"content/about.md:{about.count(chr(10)) + 2}: 链接 missing file.md 指向的页面或文件不存在" in result.stderr
        assert "nope.md" not in result.stderr and "gone.md" not in result.stderr


def test_a_template_or_icon_the_theme_lacks_is_named_with_its_line(tmp_path: Path) -> None:
    root = sample_copy(tmp_path / "src")
    about = (root / "content/about.md").read_text(encoding="utf-8")
    write(root, "content/about.md", about.replace("title: 关于我们\n", "title: 关于我们\nicon: nonexistent/zzz\ntemplate: nope.html\n", 1))
    assert_build_and_check_fail(root, [
        "content/about.md:3: icon: 主题里没有 'nonexistent/zzz' — 写 Material 的图标名，例如 material/car，或删除这一行",
        "content/about.md:4: template: 主题里没有 'nope.html' — 写主题里有的模板名（如 main.html），或删除这一行",
    ])
