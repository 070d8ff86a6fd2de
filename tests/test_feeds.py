"""The record → feed step, without MkDocs: order, limit, ids, absolute URLs, escaping."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import feedparser
import pytest

from build_tools.blog.pages import post_item
from build_tools.blog.records import Post
from build_tools.catalog.records import VehicleModel
from build_tools.core.feeds import FeedError, FeedItem, FeedSpec, absolutize, item_html, render, require_site_url, tag_uri, write_feeds
from build_tools.core.pages import Rendered
from build_tools.faq.pages import faq_item
from build_tools.faq.records import FaqEntry
from build_tools.site.content import Content
from build_tools.site.domain import FeedInputs
from build_tools.site.feeds import BlogLayout, FeedPlan, plan_feeds

SITE = "https://dealer.example.cn/shop/"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def item(n: int, **changes: object) -> FeedItem:
    base = FeedItem(
        id=f"tag:dealer.example.cn,2025-01-01:blog/post-{n}",
        title=f"第 {n} 篇",
        link=f"{SITE}blog/post-{n}/",
        published=dt.datetime(2025, 1, 1, tzinfo=SHANGHAI) + dt.timedelta(days=n),
        content=f"<p>正文 {n}</p>",
    )
    return dataclasses.replace(base, **changes)


def spec(items: list[FeedItem], **changes: object) -> FeedSpec:
    base = FeedSpec("blog/", "测试店 · 新闻资讯", "新闻", f"{SITE}blog/", tuple(items))
    return dataclasses.replace(base, **changes)


def parse(data: bytes) -> feedparser.FeedParserDict:
    feed = feedparser.parse(data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_newest_first_and_limited(fmt: str) -> None:
    shuffled = [item(n) for n in (3, 24, 0, 11, 7, 19, 2, 23, 5, 14, 9, 21, 1, 16, 4, 22, 12, 8, 18, 6, 13, 10, 15, 17, 20)]
    feed = parse(render(spec(shuffled), fmt, SITE))
    assert [e.title for e in feed.entries] == [f"第 {n} 篇" for n in range(24, 4, -1)]
    short = parse(render(spec(shuffled), fmt, SITE, limit=3))
    assert [e.title for e in short.entries] == ["第 24 篇", "第 23 篇", "第 22 篇"]


def test_faq_feeds_sort_by_last_change() -> None:
    old_but_updated = item(1, updated=dt.datetime(2025, 6, 1, tzinfo=SHANGHAI))
    feed = parse(render(spec([item(5), old_but_updated], by_updated=True), "atom", SITE))
    assert [e.title for e in feed.entries] == ["第 1 篇", "第 5 篇"]
    assert feed.entries[0].updated == "2025-06-01T00:00:00+08:00"
    assert feed.entries[0].published == "2025-01-02T00:00:00+08:00"


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_self_link_ids_and_dates(fmt: str) -> None:
    feed = parse(render(spec([item(1)]), fmt, SITE))
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"{SITE}blog/{fmt}.xml"]
    assert feed.feed.link == f"{SITE}blog/"
    [entry] = feed.entries
    assert entry.id == "tag:dealer.example.cn,2025-01-01:blog/post-1"
    assert entry.link == f"{SITE}blog/post-1/"
    assert dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC) == dt.datetime(2025, 1, 1, 16, tzinfo=dt.UTC)


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_chinese_ampersand_angle_brackets_and_emoji_survive(fmt: str) -> None:
    title = "春季保养 & 检测 <8 折> 🚗❄️"
    html = '<p>工时费 &amp; 配件 &lt;8 折&gt; 🚗 <a href="https://dealer.example.cn/x?a=1&amp;b=2">链接</a></p>'
    feed = parse(render(spec([item(1, title=title, content=html, summary="摘要 & <说明> 😀")]), fmt, SITE))
    [entry] = feed.entries
    assert entry.title == title
    assert html in entry.content[0].value
    assert entry.summary == "摘要 & <说明> 😀"
    assert feed.feed.title == "测试店 · 新闻资讯"


def test_dates_without_time_zone_are_refused() -> None:
    with pytest.raises(ValueError, match="without a time zone"):
        render(spec([item(1, published=dt.datetime(2025, 1, 1))]), "rss", SITE)


def test_site_url_is_required() -> None:
    message = "mkdocs.yml: site_url: 没有设置网站的完整网址 — 订阅源（RSS/Atom）里的链接必须是完整网址，请在 mkdocs.yml 中写上 site_url: https://www.example.cn/"
    for bad in ("", "/dealer/", "dealer.example.cn"):
        with pytest.raises(FeedError) as exc:
            require_site_url(bad)
        assert str(exc.value) == message
    assert require_site_url("https://d.example.cn") == "https://d.example.cn/"


def test_relative_urls_become_absolute() -> None:
    page = f"{SITE}blog/2025/01/10/alpha-launch/"
    html = (
        '<p><a href="../../../../../models/alpha/">车型</a> <a href="#part">本页</a> '
        '<img alt="图" src="../../../../../assets/a.png" srcset="../../../../../assets/a.png 1x, ../../../../../assets/a@2x.png 2x" /> '
        '<a href="https://other.example.com/x">外链</a> <a href="mailto:a@example.cn">邮件</a> <a href="tel:073188880000">电话</a></p>'
        '<pre><code>&lt;a href=&quot;../keep/&quot;&gt;</code></pre>'
    )
    out = absolutize(html, page)
    assert f'href="{SITE}models/alpha/"' in out
    assert f'href="{page}#part"' in out
    assert f'src="{SITE}assets/a.png"' in out
    assert f'srcset="{SITE}assets/a.png 1x, {SITE}assets/a@2x.png 2x"' in out
    assert 'href="https://other.example.com/x"' in out
    assert 'href="mailto:a@example.cn"' in out and 'href="tel:073188880000"' in out
    assert "&lt;a href=&quot;../keep/&quot;&gt;" in out


POST = Post(
    slug="alpha-launch", title="阿尔法上市", date=dt.datetime(2025, 1, 10, tzinfo=SHANGHAI), body="# 阿尔法上市\n\n正文\n",
    source="blog/posts/alpha.md", path="alpha.md", categories=("新闻",), authors=("alice",), models=("alpha",),
)
RENDERED = Rendered("blog/2025/01/10/alpha-launch/", '<h1 id="x">阿尔法上市</h1>\n<p>开头 <a href="../../../../../models/alpha/">车型</a></p>\n<!-- more -->\n<p>后文</p>')


def test_guid_survives_edits_of_title_and_text() -> None:
    first = post_item(POST, RENDERED, SITE)
    edited = post_item(dataclasses.replace(POST, title="阿尔法正式上市！", body="全新正文"), Rendered(RENDERED.url, "<p>全新正文</p>"), SITE)
    assert first.id == edited.id == "tag:dealer.example.cn,2025-01-10:blog/alpha-launch"
    assert post_item(dataclasses.replace(POST, slug="beta-launch"), RENDERED, SITE).id != first.id
    entry = FaqEntry("oil", "用什么机油？", "maintenance", dt.date(2025, 1, 5), "答", "faq/oil.md", updated=dt.date(2025, 2, 1))
    faq = faq_item(entry, Rendered("faq/oil/", "<p>答</p>"), SITE, "Asia/Shanghai")
    assert faq.id == faq_item(dataclasses.replace(entry, question="机油用什么牌子？", updated=dt.date(2025, 3, 1)), Rendered("faq/oil/", "<p>新答</p>"), SITE, "Asia/Shanghai").id
    assert faq.id == tag_uri(SITE, dt.date(2025, 1, 5), "faq/oil")
    assert faq.updated == dt.datetime(2025, 2, 1, tzinfo=SHANGHAI)


def test_item_content_full_or_excerpt() -> None:
    link = f"{SITE}{RENDERED.url}"
    full = item_html(RENDERED, link, full=True)
    assert "<h1" not in full and "<!-- more -->" not in full
    assert "后文" in full and f'href="{SITE}models/alpha/"' in full
    short = item_html(RENDERED, link, full=False)
    assert "后文" not in short and "开头" in short
    assert f'<a href="{link}">阅读全文</a>' in short
    assert item_html(Rendered(RENDERED.url, "<p>没有分隔线</p>"), link, full=False) == "<p>没有分隔线</p>"


def test_write_feeds_writes_both_formats_and_refuses_duplicates(tmp_path: object) -> None:
    from pathlib import Path

    site = Path(str(tmp_path))
    written = write_feeds([spec([item(1)]), spec([], folder="faq/", title="常见问题")], site, SITE)
    assert sorted(p.relative_to(site).as_posix() for p in written) == ["blog/atom.xml", "blog/rss.xml", "faq/atom.xml", "faq/rss.xml"]
    assert parse((site / "faq" / "rss.xml").read_bytes()).entries == []
    with pytest.raises(FeedError, match="同一个路径"):
        write_feeds([spec([]), spec([])], site, SITE)


def test_each_page_subscribes_to_its_own_feed_and_advertises_the_site_wide_ones() -> None:
    """Each domain's feeds hook says which pages subscribe to its feeds; the plan asks them in the domains' order."""
    layout = BlogLayout("blog", "blog/posts", lambda name: f"blog/category/{name}/")
    models = {"asx": VehicleModel(slug="asx", name="劲炫", source="content/models/asx.md")}
    content = Content(models=models, posts=[dataclasses.replace(POST, categories=("活动",))])
    now = dt.datetime(2025, 2, 1, tzinfo=SHANGHAI)

    def plan(layout: BlogLayout | None) -> FeedPlan:
        return plan_feeds(FeedInputs(content, {}, site_url=SITE, site_name="测试店", timezone="Asia/Shanghai", now=now, layout=layout))

    plan_ = plan(layout)
    own = {uri: plan_.own_feed(uri) for uri in (
        "blog/index.md", "blog/posts/2025/a.md", "blog/category/活动.md", "blog/category/活动/page/2.md",
        "faq/q.md", "models/asx.md", "models/other.md", "about.md", "promotions/x.md",
    )}
    assert {uri: f.folder if f else None for uri, f in own.items()} == {
        "blog/index.md": "blog/", "blog/posts/2025/a.md": "blog/", "blog/category/活动.md": "blog/category/活动/",
        "blog/category/活动/page/2.md": "blog/category/活动/", "faq/q.md": "faq/", "models/asx.md": "models/asx/",
        "models/other.md": None, "about.md": None, "promotions/x.md": None,  # no promotion files: no feed
    }
    assert [f.folder for f in plan_.advertised(own["models/asx.md"])] == ["blog/", "faq/", "models/asx/"]
    assert [f.folder for f in plan_.advertised(own["faq/q.md"])] == ["blog/", "faq/"]
    # A site without a blog: blog-like paths are just pages.
    assert plan(None).own_feed("blog/index.md") is None
