"""End-to-end: the blog fixture site built with `mkdocs build --strict`, its feeds re-read with feedparser."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import feedparser
import pytest
from conftest import FIXTURE_SITE, REPO, assert_build_and_check_fail, built, content_check, copy_site, fetch, mkdocs_build, preview_server, wait_for, write

# What the blog tests add to the fixture site: posts, authors, the blog page and a mkdocs.yml with Material's blog.
BLOG_OVERLAY = REPO / "tests" / "fixtures" / "blog_overlay"
SITE_URL = "https://dealer.example.cn/"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))

# Published posts of the fixture: slug -> (page, first publication date, categories, models)
POSTS = {
    "alpha-launch": ("blog/2025/01/10/alpha-launch/", dt.datetime(2025, 1, 10, tzinfo=SHANGHAI), ["新闻"], ["alpha"]),
    "spring-event": ("blog/2025/02/01/spring-event/", dt.datetime(2025, 2, 1, 10, 30, tzinfo=SHANGHAI), ["活动", "新闻"], ["alpha"]),
    "care-guide": ("blog/2025/03/05/care-guide/", dt.datetime(2025, 3, 5, tzinfo=SHANGHAI), ["用车指南"], []),
}
HIDDEN = {"draft-post-secret": "草稿中的秘密文章", "future-post-launch": "定时发布的未来文章"}
PUBLISHED_FAQ = {"first-service", "service-cost", "oil-grade", "down-payment", "script-question"}
FAQ_WITH_ALPHA = {"first-service", "down-payment"}
CATEGORY_FOLDERS = {"新闻": "blog/category/新闻/", "活动": "blog/category/活动/", "用车指南": "blog/category/用车指南/"}


@pytest.fixture(scope="module")
def blog_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = blog_copy(tmp_path_factory.mktemp("blog") / "src")
    return built(root)


def blog_copy(dest: Path) -> Path:
    """A private copy of the fixture site with the blog overlay on top."""
    root = copy_site(FIXTURE_SITE, dest)
    shutil.copytree(BLOG_OVERLAY, root, dirs_exist_ok=True)
    return root


def feeds_of(site: Path) -> dict[str, feedparser.FeedParserDict]:
    return {p.relative_to(site).as_posix(): feedparser.parse(p.read_bytes()) for p in sorted(site.rglob("*.xml")) if p.name in ("rss.xml", "atom.xml")}


def page_for(site: Path, url: str) -> Path:
    """The built file an absolute site URL points at."""
    assert url.startswith(SITE_URL), url
    path = unquote(urlsplit(url).path)[len(urlsplit(SITE_URL).path):]
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def test_every_published_post_has_its_page_and_appears_on_the_blog(blog_site: Path) -> None:
    index = (blog_site / "blog" / "index.html").read_text(encoding="utf-8")
    for slug, (page, _, categories, _) in POSTS.items():
        assert (blog_site / page / "index.html").is_file(), slug
        assert page.removeprefix("blog/") in index, slug
        for category in categories:
            listing = (blog_site / CATEGORY_FOLDERS[category] / "index.html").read_text(encoding="utf-8")
            assert slug in listing, (slug, category)
    post = (blog_site / "blog/2025/01/10/alpha-launch/index.html").read_text(encoding="utf-8")
    assert "阿尔法上市：A &amp; B &lt; C 🚗" in post
    assert "张小艾" in post and 'src="../../../../../assets/authors/alice.svg"' in post
    # The post's side box is 文章信息, not Material's 元数据 (metadata).
    assert "文章信息" in post and "元数据" not in post


def test_drafts_and_scheduled_posts_appear_nowhere(blog_site: Path) -> None:
    texts = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in blog_site.rglob("*") if p.is_file() and p.suffix in {".html", ".xml", ".json", ".txt"})
    for slug, title in HIDDEN.items():
        assert slug not in texts, slug
        assert title not in texts, title
    assert "draft-post-secret" not in (blog_site / "sitemap.xml").read_text(encoding="utf-8")


def test_every_feed_parses_and_links_to_built_pages(blog_site: Path) -> None:
    feeds = feeds_of(blog_site)
    expected = {f"{folder}{name}" for folder in ["blog/", "faq/", "models/alpha/", "models/beta/", *CATEGORY_FOLDERS.values()] for name in ("rss.xml", "atom.xml")}
    assert set(feeds) == expected
    for path, feed in feeds.items():
        assert feed.bozo == 0, (path, feed.get("bozo_exception"))
        assert feed.version == ("rss20" if path.endswith("rss.xml") else "atom10"), path
        # The self link is the address the feed is fetched from: a category's Chinese name percent-encoded.
        assert [link.href for link in feed.feed.links if link.rel == "self"] == [SITE_URL + quote(path)], path
        assert page_for(blog_site, feed.feed.link).is_file(), (path, feed.feed.link)
        for entry in feed.entries:
            assert page_for(blog_site, entry.link).is_file(), (path, entry.link)
            dates = [entry.published_parsed, entry.updated_parsed] if path.endswith("atom.xml") else [entry.published_parsed]
            assert all(d is not None for d in dates), (path, entry.id)


def utc(parsed: object) -> dt.datetime:
    return dt.datetime(*parsed[:6], tzinfo=dt.UTC)  # type: ignore[index]


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_blog_feed_items_dates_order_and_content(blog_site: Path, fmt: str) -> None:
    feed = feeds_of(blog_site)[f"blog/{fmt}.xml"]
    by_date = sorted(POSTS, key=lambda s: POSTS[s][1], reverse=True)
    assert [e.link for e in feed.entries] == [SITE_URL + POSTS[s][0] for s in by_date]
    for entry, slug in zip(feed.entries, by_date):
        assert utc(entry.published_parsed) == POSTS[slug][1].astimezone(dt.UTC), slug
        assert entry.id == f"tag:dealer.example.cn,{POSTS[slug][1].date().isoformat()}:blog/{slug}"
    launch = next(e for e in feed.entries if "alpha-launch" in e.link)
    assert launch.title == "阿尔法上市：A & B < C 🚗"
    html = launch.content[0].value
    # Relative links and images inside the post are absolute in the feed.
    assert f'href="{SITE_URL}models/alpha/"' in html and f'href="{SITE_URL}faq/"' in html
    assert f'src="{SITE_URL}assets/alpha.png"' in html
    assert "摘要之后的正文" in html and "<h1" not in html
    assert not re.search(r'(?:href|src)="(?!https://|mailto:|tel:)', html)
    if fmt == "atom":
        spring = next(e for e in feed.entries if "spring-event" in e.link)
        assert utc(spring.updated_parsed) == dt.datetime(2025, 2, 28, 16, tzinfo=dt.UTC)


def test_category_model_and_faq_feeds_list_the_right_items(blog_site: Path) -> None:
    feeds = feeds_of(blog_site)
    for category, folder in CATEGORY_FOLDERS.items():
        expected = {SITE_URL + page for page, _, cats, _ in POSTS.values() if category in cats}
        assert {e.link for e in feeds[folder + "rss.xml"].entries} == expected, category
    alpha = {e.link for e in feeds["models/alpha/atom.xml"].entries}
    assert alpha == {SITE_URL + POSTS[s][0] for s in ("alpha-launch", "spring-event")} | {f"{SITE_URL}faq/{s}/" for s in FAQ_WITH_ALPHA}
    assert feeds["models/beta/rss.xml"].entries == []
    faq = feeds["faq/atom.xml"]
    assert {e.link for e in faq.entries} == {f"{SITE_URL}faq/{s}/" for s in PUBLISHED_FAQ}
    # first-service was updated 2025-06-02, the newest change of all answers.
    assert faq.entries[0].link == f"{SITE_URL}faq/first-service/"
    assert utc(faq.entries[0].updated_parsed) == dt.datetime(2025, 6, 1, 16, tzinfo=dt.UTC)
    assert utc(faq.entries[0].published_parsed) == dt.datetime(2025, 3, 17, 16, tzinfo=dt.UTC)


def advertised(site: Path, page: Path) -> set[str]:
    """Site-relative paths of the feeds ``page`` lists in <link rel="alternate">; each must exist."""
    hrefs = re.findall(r'<link rel="alternate feed" type="application/(?:rss|atom)\+xml" title="[^"]*" href="([^"]+)">', page.read_text(encoding="utf-8"))
    files = [(page.parent / unquote(h)).resolve() for h in hrefs]
    assert all(f.is_file() for f in files), (page, hrefs)
    return {f.relative_to(site.resolve()).as_posix() for f in files}


def test_every_page_advertises_its_feeds(blog_site: Path) -> None:
    pages = list(blog_site.rglob("index.html"))
    assert len(pages) > 15
    for page in pages:
        assert {"blog/rss.xml", "blog/atom.xml", "faq/rss.xml", "faq/atom.xml"} <= advertised(blog_site, page), page
    assert {"blog/category/活动/rss.xml", "blog/category/活动/atom.xml"} <= advertised(blog_site, blog_site / "blog/category/活动/index.html")
    assert {"models/alpha/rss.xml", "models/alpha/atom.xml"} <= advertised(blog_site, blog_site / "models/alpha/index.html")
    assert "models/alpha/rss.xml" not in advertised(blog_site, blog_site / "index.html")


@pytest.mark.parametrize(("page", "feed"), [
    ("blog/index.html", "blog/rss.xml"),
    ("blog/category/新闻/index.html", "blog/category/新闻/rss.xml"),
    ("faq/index.html", "faq/rss.xml"),
    ("faq/category/maintenance/index.html", "faq/rss.xml"),
    ("models/alpha/index.html", "models/alpha/rss.xml"),
])
def test_visible_subscribe_link(blog_site: Path, page: str, feed: str) -> None:
    html = (blog_site / page).read_text(encoding="utf-8")
    block = html.split('<p class="dealer-subscribe">')[1].split("</p>")[0]
    assert "订阅" in block
    href = re.search(r'href="([^"]+)" type="application/rss\+xml"', block).group(1)  # type: ignore[union-attr]
    assert Path(unquote(str(((blog_site / page).parent / href).resolve()))) == (blog_site / feed).resolve()


def test_search_index_has_posts_but_not_drafts(blog_site: Path) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (blog_site / "assets" / "dealer").rglob("*.json"))
    assert "alpha-launch" in text
    assert "draft-post-secret" not in text and "future-post-launch" not in text


def test_feed_limit_and_excerpt_are_configurable(tmp_path: Path) -> None:
    root = blog_copy(tmp_path / "src")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - dealer:\n", "  - dealer:\n      feed_limit: 2\n      feed_content: excerpt\n"), encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    feeds = feeds_of(root / "site")
    assert [e.link for e in feeds["blog/rss.xml"].entries] == [SITE_URL + POSTS[s][0] for s in ("care-guide", "spring-event")]
    assert len(feeds["faq/atom.xml"].entries) == 2
    launch = next(e for e in feeds["models/alpha/atom.xml"].entries if "spring-event" in e.link).content[0].value
    assert "工时费 8 折" in launch and "活动细则" not in launch
    assert f'<a href="{SITE_URL}{POSTS["spring-event"][0]}">阅读全文</a>' in launch


def test_bad_feed_settings_are_configuration_errors(tmp_path: Path) -> None:
    root = blog_copy(tmp_path / "src")
    config = root / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("site_url: https://dealer.example.cn/\n", ""), encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "site_url: 没有设置网站的完整网址" in result.stderr and "Traceback" not in result.stderr
    config.write_text(original.replace("  - dealer:\n", "  - dealer:\n      feed_limit: 0\n"), encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 1 and "feed_limit" in result.stderr and "应为大于 0 的整数，实际是 0" in result.stderr


def test_bad_post_fails_build_and_check_with_every_message(tmp_path: Path) -> None:
    root = blog_copy(tmp_path / "src")
    write(root, "blog/posts/bad.md", "---\ndate: 2025-04-01\nslug: bad-post\ncategories: [新文]\nauthors: [carol]\n---\n\n# 坏文章\n\n正文\n")
    expected = [
        "blog/posts/bad.md:4: categories: 未知分类 '新文' — 请改为 mkdocs.yml 里 blog 插件 categories_allowed 中的分类之一：新闻、活动、用车指南",
        "blog/posts/bad.md:5: authors: 未知作者 'carol'（blog/.authors.yml 里没有） — 可用的作者：alice、bob",
        "内容检查发现 2 个错误，请逐条修改后重试。",
    ]
    assert_build_and_check_fail(root, expected)


def test_check_counts_posts(tmp_path: Path) -> None:
    root = blog_copy(tmp_path / "src")
    result = content_check(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("，5 篇文章（3 篇已发布）。")


def test_blog_needs_materials_plugin_and_its_index_page(tmp_path: Path) -> None:
    root = blog_copy(tmp_path / "src")
    (root / "content" / "blog" / "index.md").unlink()
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "content/blog/index.md:1: 找不到博客首页 — 创建这个文件，第一行写 # 新闻资讯" in result.stderr
    # Material's plugin would otherwise have created the page inside docs_dir.
    assert not (root / "content" / "blog" / "index.md").exists()

    root = blog_copy(tmp_path / "src2")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"  - blog:\n(?:      .*\n)+", "", text).replace("  - 新闻资讯: blog/index.md\n", ""), encoding="utf-8")
    shutil.rmtree(root / "content" / "blog")
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "blog/posts/ 里有文章，但没有启用 Material 的 blog 插件" in result.stderr


def test_the_sample_site_blog_and_feeds(tmp_path: Path) -> None:
    root = copy_site(REPO, tmp_path / "repo")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    drafts = [p for p in (REPO / "blog" / "posts").rglob("*.md") if "draft: true" in p.read_text(encoding="utf-8")]
    assert drafts
    feeds = feeds_of(site)
    assert {"blog/rss.xml", "blog/atom.xml", "faq/rss.xml", "faq/atom.xml", "models/outlander/rss.xml"} <= set(feeds)
    for path, feed in feeds.items():
        assert feed.bozo == 0, path
        for entry in feed.entries:
            assert page_for_site(site, entry.link).is_file(), (path, entry.link)
    assert len(feeds["blog/rss.xml"].entries) >= 4
    for draft in drafts:
        slug = re.search(r"^slug: (\S+)", draft.read_text(encoding="utf-8"), re.M).group(1)  # type: ignore[union-attr]
        assert not any(slug in e.link for f in feeds.values() for e in f.entries)
        assert not list(site.rglob(f"*{slug}*"))
    authors = (REPO / "blog" / ".authors.yml").read_text(encoding="utf-8")
    assert not re.search(r"avatar:\s*(?:https?:)?//", authors)


def page_for_site(site: Path, url: str) -> Path:
    """Like page_for, for the sample site, whose site_url ends in /dealer-site/."""
    path = unquote(urlsplit(url).path)
    assert path.startswith("/dealer-site/"), url
    rel = path[len("/dealer-site/"):]
    return site / rel / "index.html" if rel.endswith("/") or not rel else site / rel


def test_preview_shows_drafts_and_scheduled_posts_marked(tmp_path: Path) -> None:
    root = blog_copy(tmp_path / "src")
    with preview_server(root) as base:
        draft = wait_for(base + "blog/2025/01/20/draft-post-secret/", "草稿中的秘密文章")
        assert '<p class="admonition-title">草稿</p>' in draft
        scheduled = fetch(base + "blog/2999/01/01/future-post-launch/")
        assert '<p class="admonition-title">定时发布</p>' in scheduled and "2999年1月1日" in scheduled
        listing = fetch(base + "blog/")
        assert "草稿中的秘密文章" in listing and "定时发布的未来文章" in listing
        # Feeds never list them, not even in preview (where feeds are written just after the pages).
        feed = wait_for(base + "blog/rss.xml", "alpha-launch")
        assert "draft-post-secret" not in feed and "future-post-launch" not in feed


def test_front_matter_title_is_text_and_nothing_loads_from_outside_hosts(blog_site: Path) -> None:
    page = (blog_site / "blog/2025/03/05/care-guide/index.html").read_text(encoding="utf-8")
    assert "用车指南：冬季保养 &amp; &lt;检查&gt;" in page and "<检查>" not in page
    [entry] = [e for e in feeds_of(blog_site)["blog/atom.xml"].entries if "care-guide" in e.link]
    assert entry.title == "用车指南：冬季保养 & <检查>"
    # Gravatar, GitHub avatars and CDNs are blocked or slow in mainland China.
    for path in blog_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            assert not re.search(r"(?:src|href)=\"(?:https?:)?//(?!dealer\.example\.cn/)", tag), (path, tag)


def test_model_page_lists_its_newest_posts_and_posts_offer_its_test_drive(blog_site: Path) -> None:
    model = (blog_site / "models/alpha/index.html").read_text(encoding="utf-8")
    news = model.split('id="news"')[1].split("</ul>")[0]
    assert news.index("春季保养活动") < news.index("阿尔法上市")  # newest first
    assert '<a href="../../blog/2025/01/10/alpha-launch/">' in news
    assert "草稿中的秘密文章" not in model and "定时发布的未来文章" not in model
    post = (blog_site / "blog/2025/01/10/alpha-launch/index.html").read_text(encoding="utf-8")
    # The buttons after the text (the phone's action bar has its own, see tests/test_actions_browser.py).
    [href] = re.findall(r'class="md-button[^"]*" data-lead="test_drive" href="([^"]+)"', post)
    assert parse_qs(urlsplit(href.replace("&amp;", "&")).query)["model"] == ["alpha"]
    guide = (blog_site / "blog/2025/03/05/care-guide/index.html").read_text(encoding="utf-8")
    assert not re.search(r'class="md-button[^"]*" data-lead=', guide)  # names no model
