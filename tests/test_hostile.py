"""Hostile text in every author-facing field: shown as written, never run (issue 11, "Trust").

The fixture site plus the blog overlay gets the same hostile string in every text field
of every content type (FAQ, categories, models, dealers, posts, authors, mkdocs.yml's
dealer block); the site is built with ``mkdocs build --strict``, every built page is
opened in chromium, and no dialog may open, no element may carry an event-handler
attribute, no link may be ``javascript:``/``data:``, and the text must be visible as
typed. Fields whose rules refuse such values (URLs, blog categories) are refused by
both ``make check`` and the build, with a Chinese message naming file and line.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import feedparser
import pytest
from conftest import DESKTOP, FIXTURE_SITE, PHONE, REPO, assert_build_and_check_fail, built, content_check, copy_site, mkdocs_build, recording_page, write

BLOG_OVERLAY = REPO / "tests" / "fixtures" / "blog_overlay"

# Each of the classic breakouts: attribute, element, single-quoted attribute, template.
X = "A&B \"><img src=x onerror=alert(1)><script>alert(2)</script>' onmouseover='alert(3)' {{ 7*7 }}"


def h(label: str) -> str:
    """A hostile value that also says which field it came from."""
    return f"{label} {X}"


def y(value: str) -> str:
    """``value`` as a YAML scalar (a JSON string is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


MKDOCS_YML = f"""\
site_name: 测试经销商
site_url: https://dealer.example.cn/
docs_dir: content
theme:
  name: material
  language: zh
  font: false
nav:
  - 首页: index.md
  - 常见问题: faq/index.md
  - 新闻资讯: blog/index.md
plugins:
  - blog:
      authors_file: ../blog/.authors.yml
      categories_allowed: [新闻, 活动, 用车指南]
  - dealer:
      leads:
        ask: https://form.example.cn/ask?topic={{category}}&model={{model}}&from={{page}}
      dealer:
        name: {y(h("经销商名"))}
        phone: {y(h("0731-1234 5678"))}
        address: {y(h("地址"))}
        hours: {y(h("营业时间"))}
        email: {y(h("service@example.cn"))}
markdown_extensions:
  - admonition
  - attr_list
extra:
  generator: false
"""

ALPHA = f"""\
---
name: {y(h("阿尔法"))}
name_en: {y(h("Alpha"))}
type: {y(h("SUV"))}
price_from: 150000
seats: 7
summary: {y(h("一句话"))}
description: {y(h("车型描述"))}
image: assets/alpha.png
specs:
  {y(h("参数名"))}: {y(h("参数值"))}
trims:
  - name: {y(h("两驱版"))}
    price: 150000
    highlights: [{y(h("亮点"))}]
colors:
  - name: {y(h("珍珠白"))}
    hex: "#f5f5f0"
---

阿尔法是一款测试车型。
"""

BETA = f"""\
---
name: 贝塔
title: {y(h("贝塔标题"))}
description: {y(h("贝塔描述"))}
type: 轿车
price_from: 99800
summary: 测试车型
---

贝塔是另一款测试车型。
"""

CATEGORIES = f"""\
maintenance:
  name: {y(h("保养"))}
  description: {y(h("保养说明"))}
buying:
  name: 购车
  description: 订车、提车与贷款
"""

FAQ = f"""\
---
question: {y(h("首保问题"))}
category: maintenance
date: 2025-03-18
models: [alpha]
tags: [{y(h("标签"))}]
---

首次保养建议在 5,000 公里时进行。
"""

DEALERS = f"""\
- id: downtown
  name: {y(h("市中心店"))}
  city: {y(h("测试市"))}
  address: {y(h("测试路"))}
  phone: {y(h("0731-1234 5678"))}
  hours: {y(h("每天"))}
  services: [sales, service]
  map_url: https://map.example.cn/?q=a&b="x"
"""

AUTHORS = f"""\
authors:
  alice:
    name: {y(h("张小艾"))}
    description: {y(h("市场部"))}
    avatar: assets/authors/alice.svg
    url: https://example.cn/alice?a=1&b="2"
  bob:
    name: 李波
    description: 售后
    avatar: assets/authors/bob.svg
"""

POST = f"""\
---
date: 2025-03-05
slug: care-guide
title: {y(h("文章标题"))}
description: {y(h("文章描述"))}
categories: [用车指南]
tags: [{y(h("文章标签"))}]
authors: [alice]
models: [alpha]
---

冬季请检查电瓶和防冻液。
"""


HOME = f"""\
---
title: {y(h("首页标题"))}
description: {y(h("首页描述"))}
author: {y(h("页面作者"))}
subtitle: {y(h("副标题"))}
status: {y(h("new"))}
---

欢迎光临。
"""


def hostile_copy(dest: Path) -> Path:
    """The fixture site with the blog overlay, every author-facing field hostile."""
    root = copy_site(FIXTURE_SITE, dest)
    shutil.copytree(BLOG_OVERLAY, root, dirs_exist_ok=True)
    write(root, "mkdocs.yml", MKDOCS_YML)
    write(root, "content/index.md", HOME)
    write(root, "content/models/alpha.md", ALPHA)
    write(root, "content/models/beta.md", BETA)
    write(root, "content/dealers.yml", DEALERS)
    write(root, "faq/categories.yml", CATEGORIES)
    for path in (root / "faq").rglob("*.md"):  # the other entries' categories are gone
        if "maintenance" not in path.parts:
            path.unlink()
    write(root, "faq/maintenance/first-service.md", FAQ)
    write(root, "blog/.authors.yml", AUTHORS)
    write(root, "blog/posts/care-guide.md", POST)
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = hostile_copy(tmp_path_factory.mktemp("hostile") / "src")
    return built(root)


def pages_of(site: Path) -> list[str]:
    """Every built HTML page as a site-relative URL."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


_BAD_LINK = re.compile(r"""\b(?:href|src|action|formaction)\s*=\s*["']?\s*(?:javascript|data|vbscript):""", re.I)


def test_built_html_has_no_script_links(hostile_site: Path) -> None:
    for rel in pages_of(hostile_site):
        text = (hostile_site / rel).read_text(encoding="utf-8")
        assert not _BAD_LINK.search(text), rel
        assert "<img src=x" not in text and "<script>alert" not in text, rel


# On each page: CSS selector -> the text it must show, exactly as the author wrote it.
SHOWN: dict[str, dict[str, str]] = {
    "models/alpha/": {
        "article h1": f"{h('阿尔法')} {h('Alpha')}",
        ".dealer-summary": h("一句话"),
        ".dealer-type": h("SUV"),
        ".dealer-specs th": h("参数名"),
        ".dealer-specs td": h("参数值"),
        ".dealer-trims td": h("两驱版"),
        ".dealer-trims td:nth-child(3)": h("亮点"),
        ".dealer-colors li": h("珍珠白"),
        ".md-copyright strong": h("经销商名"),
        ".dealer-announce__address": h("地址"),
    },
    "models/beta/": {"article h1": h("贝塔标题"), "title": f"{h('贝塔标题')} - 测试经销商"},
    "models/": {".dealer-card strong": h("阿尔法")},
    "models/compare/": {"tbody th": h("参数名")},
    "faq/first-service/": {"article h1": h("首保问题"), ".dealer-tags .dealer-tag": h("标签"), ".dealer-breadcrumb a:nth-of-type(2)": h("保养")},
    "faq/category/maintenance/": {"article h1": h("保养"), "article h1 + p": h("保养说明")},
    "faq/": {".dealer-card strong": h("保养"), ".dealer-card__text": h("保养说明")},
    "dealers/": {"h2": h("测试市"), "h3": h("市中心店")},
    "blog/2025/03/05/care-guide/": {
        "article h1": h("文章标题"),
        "title": f"{h('文章标题')} - 测试经销商",
        ".md-profile__description strong": h("张小艾"),
        ".md-profile__description": f"{h('张小艾')}\n{h('市场部')}",
    },
    "blog/": {".md-post h2": h("文章标题")},
    "": {"title": f"{h('首页标题')} - 测试经销商", ".md-header__topic:nth-child(2)": h("首页标题")},
}
META_DESCRIPTION = {"": h("首页描述"), "models/alpha/": h("车型描述"), "models/beta/": h("贝塔描述"), "blog/2025/03/05/care-guide/": h("文章描述")}

_HOVER_ALL = """() => document.querySelectorAll('*').forEach(el => {
    for (const type of ['mouseover', 'mouseenter', 'focus']) el.dispatchEvent(new Event(type, {bubbles: true}));
})"""
_EVENT_ATTRIBUTES = """() => [...document.querySelectorAll('*')].flatMap(el =>
    [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))"""


@pytest.mark.browser
def test_no_hostile_text_runs_and_all_of_it_is_shown(hostile_site: Path, serve: Callable[[Path], str], browser: object) -> None:
    base = serve(hostile_site)
    pages = pages_of(hostile_site)
    assert len(pages) > 15  # the whole site, not a handful
    dialogs: list[str] = []
    handlers: list[str] = []
    with recording_page(browser, **PHONE) as (page, _):
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for rel in pages:
            url = base + quote(rel.removesuffix("index.html"))
            page.goto(url, wait_until="load")
            handlers += [f"{rel}: {found}" for found in page.evaluate(_EVENT_ATTRIBUTES)]
            # A customer's pointer would trigger ' onmouseover=': pass it over every element.
            page.evaluate(_HOVER_ALL)
            key = rel.removesuffix("index.html")
            for selector, text in SHOWN.get(key, {}).items():
                if selector == "title":
                    assert page.title() == text, key
                else:
                    shown = [t.strip() for t in page.locator(selector).all_inner_texts()]
                    assert text in shown, (key, selector, shown)
            if key == "models/alpha/":
                # Structured data and sharing tags carry the text, and JSON-LD stays inside its <script>.
                data = [json.loads(t) for t in page.locator('script[type="application/ld+json"]').all_text_contents()]
                assert h("阿尔法") in [d.get("name") for d in data]
                assert page.locator('meta[property="og:title"]').get_attribute("content") == h("阿尔法")
            if key in META_DESCRIPTION:
                assert page.locator('meta[name="description"]').get_attribute("content") == META_DESCRIPTION[key]
    # Search results are built from the index by the client: the question shows as text.
    with recording_page(browser, **DESKTOP) as (page, _):
        page.on("dialog", lambda dialog: (dialogs.append(f"search: {dialog.message}"), dialog.dismiss()))
        page.goto(base + "faq/")
        page.locator("input.md-search__input").press_sequentially("首保问题 onerror")
        page.wait_for_function("() => document.querySelector('form[data-dealer-search]').dataset.state === 'done'")
        titles = page.locator(".md-search-result__item h1").all_inner_texts()
        assert h("首保问题") in titles, titles
        page.evaluate(_HOVER_ALL)
        handlers += [f"search: {found}" for found in page.evaluate(_EVENT_ATTRIBUTES)]
    assert (dialogs, handlers) == ([], [])
    assert set(SHOWN) <= {rel.removesuffix("index.html") for rel in pages}


def test_search_records_and_feeds_hold_the_text_as_written(hostile_site: Path) -> None:
    chunks = [json.loads(p.read_text(encoding="utf-8")) for p in (hostile_site / "assets/dealer/search-index/d").glob("*.json")]
    titles = json.dumps(chunks, ensure_ascii=False)
    assert json.dumps(h("首保问题"), ensure_ascii=False)[1:-1] in titles
    assert "&lt;" not in titles and "&amp;" not in titles
    rss = (hostile_site / "blog" / "rss.xml").read_text(encoding="utf-8")
    assert "<script>" not in rss
    feed = feedparser.parse(rss)
    assert feed.bozo == 0
    assert feed.entries[0].title == h("文章标题")


# -- values whose rules refuse them -----------------------------------------------------

REFUSED_URL = "不允许的链接类型 javascript:"
FIX = "链接只能以 https://、http://、mailto:、tel: 开头，或写站内的相对路径（例如 models/alpha/）"


def _site(tmp_path: Path) -> Path:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    shutil.copytree(BLOG_OVERLAY, root, dirs_exist_ok=True)
    return root


def test_a_script_link_of_an_author_is_refused(tmp_path: Path) -> None:
    root = _site(tmp_path)
    authors = (root / "blog/.authors.yml").read_text(encoding="utf-8")
    write(root, "blog/.authors.yml", authors.replace("    avatar: assets/authors/bob.svg\n", "    avatar: assets/authors/bob.svg\n    url: ' JaVa\tScRiPt:alert(4)'\n"))
    assert_build_and_check_fail(root, [r"blog/.authors.yml:10: url: 链接里有空格、换行或不可见字符（Tab）：'JaVa\tScRiPt:alert(4)' — " + FIX])


def test_a_script_map_link_is_refused(tmp_path: Path) -> None:
    root = _site(tmp_path)
    dealers = (root / "content/dealers.yml").read_text(encoding="utf-8")
    write(root, "content/dealers.yml", dealers.replace("https://map.example.cn/?q=east", "javascript&#58;alert(4)"))
    assert_build_and_check_fail(root, [f"content/dealers.yml:14: map_url: {REFUSED_URL}：'javascript&#58;alert(4)' — 从地图网站复制完整的分享链接；{FIX}"])


def test_a_blog_category_with_html_is_refused(tmp_path: Path) -> None:
    root = _site(tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    write(root, "mkdocs.yml", config.replace("categories_allowed: [新闻, 活动, 用车指南]", "categories_allowed: [新闻, 活动, 用车指南, '<b>促销</b>']"))
    post = (root / "blog/posts/care-guide.md").read_text(encoding="utf-8")
    write(root, "blog/posts/care-guide.md", post.replace("categories: [用车指南]", "categories: ['<b>促销</b>']"))
    assert_build_and_check_fail(root, [
        "blog/posts/care-guide.md:5: categories: 分类名 '<b>促销</b>' 里不能有 < > & \" ' — 分类名只用文字，例如把 & 写成“和”或“、”（mkdocs.yml 的 categories_allowed 也要一起改）",
    ])


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("        ask: https://form.example.cn/ask?", "        ask: javascript:alert({model})//?",
     f"{REFUSED_URL}：'javascript:alert({{model}})//?topic={{category}}&model={{model}}&from={{page}}' — {FIX}"),
    ("extra:\n", "extra:\n  social:\n    - icon: fontawesome/brands/weixin\n      link: javascript:alert(4)\n",
     f"mkdocs.yml:24: extra.social[0].link: {REFUSED_URL}：'javascript:alert(4)' — {FIX}"),
    ("  - 常见问题: faq/index.md\n", "  - 常见问题: faq/index.md\n  - 天猫旗舰店: ' javascript:alert(4)'\n",
     f"mkdocs.yml:11: nav[2].天猫旗舰店: 链接里有空格、换行或不可见字符（空格）：' javascript:alert(4)' — {FIX}"),
    ("site_url: https://dealer.example.cn/", "site_url: javascript://dealer.example.cn/%0aalert(4)",
     f"mkdocs.yml:2: site_url: {REFUSED_URL}：'javascript://dealer.example.cn/%0aalert(4)/' — {FIX}"),
])
def test_script_links_in_mkdocs_yml_stop_the_build_at_start(tmp_path: Path, old: str, new: str, expected: str) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in config
    write(root, "mkdocs.yml", config.replace(old, new))
    for result in (mkdocs_build(root), content_check(root)):
        assert result.returncode == 1
        assert expected in result.stderr, result.stderr
        assert "Traceback" not in result.stderr

def test_post_links_pass_the_allow_list(tmp_path: Path) -> None:
    root = _site(tmp_path)
    post = (root / "blog/posts/care-guide.md").read_text(encoding="utf-8")
    links = "links:\n  - 车型: ../models/alpha.md\n  - 外链:\n      - '<i>x</i>': https://example.cn/\n      - 坏链接: javascript:alert(5)\n"
    write(root, "blog/posts/care-guide.md", post.replace("authors: [bob]\n", "authors: [bob]\n" + links))
    assert_build_and_check_fail(root, [
        "blog/posts/care-guide.md:10: links: 链接标题 '<i>x</i>' 里不能有 < > & \" ' — 标题只用文字，例如把 & 写成“和”",
        f"blog/posts/care-guide.md:11: links: {REFUSED_URL}：'javascript:alert(5)' — {FIX}",
    ])


def test_hostile_names_that_become_urls_are_refused(tmp_path: Path) -> None:
    root = _site(tmp_path)
    for rel, old, new in [
        ("blog/posts/care-guide.md", "slug: care-guide", f"slug: {y(X)}"),
        ("content/dealers.yml", "id: east", f"id: {y(X)}"),
        ("faq/categories.yml", "empty:", f"{y(X)}:"),
    ]:
        text = (root / rel).read_text(encoding="utf-8")
        write(root, rel, text.replace(old, new))
    assert_build_and_check_fail(root, [
        f"blog/posts/care-guide.md:3: slug: slug {X!r} 不能用作网址 — slug 只能用小写英文字母、数字和连字符，例如 slug: spring-service-2026",
        f"content/dealers.yml:8: id: 网点编号 {X!r} 只能用小写英文字母、数字和连字符 — 例如 id: xingsha",
        f"faq/categories.yml:7: {X}: 分类键只能用小写英文字母、数字和连字符（它会出现在网址里） — 例如 maintenance 或 test-drive",
    ])


def test_post_links_and_titles_that_would_crash_material_are_refused(tmp_path: Path) -> None:
    root = _site(tmp_path)
    post = (root / "blog/posts/care-guide.md").read_text(encoding="utf-8")
    write(root, "blog/posts/care-guide.md", post.replace("title: 用车指南：冬季保养 & <检查>\n", "title: true\nlinks:\n  - 123\n  - 说明: 5\n"))
    assert_build_and_check_fail(root, [
        'blog/posts/care-guide.md:4: title: 应为一段文字，实际写的是 true — 请加引号：title: "true"',
        "blog/posts/care-guide.md:6: links: 链接应为一段网址，实际写的是 123 — 写成 - 标题: 网址，例如 - 预约保养: https://form.example.cn/service",
        "blog/posts/care-guide.md:7: links: 链接应为一段网址，实际写的是 5 — 写成 - 标题: 网址，例如 - 预约保养: https://form.example.cn/service",
    ])
    write(root, "blog/posts/care-guide.md", post.replace("categories:", "links: https://example.com\ncategories:"))
    assert_build_and_check_fail(root, ["blog/posts/care-guide.md:5: links: 应为列表，每项以“- ”开头 — 写成 links:，下一行起每项写成 - 标题: 网址"])
