"""Promotions: validation, the dates that decide what is on the site, and what a build writes."""

from __future__ import annotations

import datetime as dt
import gzip
import logging
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURE_SITE, REPO, assert_build_and_check_fail, built, content_check, copy_site, mkdocs_build, write

from build_tools.catalog.pages import ModelPage
from build_tools.core.errors import Report
from build_tools.core.pages import Rendered
from build_tools.core.settings import Dealer, Paths, Settings
from build_tools.core.sources import author_files
from build_tools.promotions.load import load_promotions, when
from build_tools.promotions.pages import PromotionPage, PromotionsIndex
from build_tools.promotions.records import Promotion
from build_tools.site.build import SiteBuild

ZONE = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime.now(ZONE)


def promotion(slug: str, title: str, start: dt.date, end: dt.date, models: str = "[alpha]", image: str = "") -> str:
    picture = f"image: {image}\n" if image else ""
    return (f"---\ntitle: {title}\nsummary: {title}的简介\nstart: {start.isoformat()}\nend: {end.isoformat()}\n"
            f"models: {models}\n{picture}terms: 仅限示例\n---\n\n{title}的活动详情。\n")


def with_promotions(root: Path) -> Path:
    """A past, a current and a future promotion, dated from today, each with its own picture."""
    today = NOW.date()
    day = dt.timedelta(days=1)
    for slug in ("past-sale", "now-sale", "later-sale"):
        write(root, f"content/assets/promotions/{slug}.svg", f'<svg xmlns="http://www.w3.org/2000/svg"><text>{slug}-picture</text></svg>')
    write(root, "content/promotions/past-sale.md", promotion("past-sale", "往期特惠", today - 60 * day, today - day, image="assets/promotions/past-sale.svg"))
    write(root, "content/promotions/now-sale.md", promotion("now-sale", "本期特惠", today - day, today + 30 * day, image="assets/promotions/now-sale.svg"))
    write(root, "content/promotions/later-sale.md", promotion("later-sale", "下期特惠", today + day, today + 60 * day, image="assets/promotions/later-sale.svg"))
    # The home page and model pages include the cards as the storefront templates do.
    cards = '{% extends "main.html" %}{% block content %}{{ page.content }}{% include "partials/promotion-cards.html" %}{% endblock %}'
    write(root, "overrides/home-test.html", cards)
    write(root, "overrides/models/model.html", cards)
    home = (root / "content" / "index.md").read_text(encoding="utf-8")
    write(root, "content/index.md", home.replace("title: 测试经销商\n", "title: 测试经销商\ntemplate: home-test.html\n", 1))
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - 常见问题: faq/index.md\n", "  - 优惠活动: promotions/index.md\n  - 常见问题: faq/index.md\n")
    write(root, "mkdocs.yml", config.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n", 1))
    return root


# -- dates ---------------------------------------------------------------------


def test_a_date_start_is_that_midnight_and_a_date_end_the_whole_last_day() -> None:
    assert when(dt.date(2027, 6, 30), ZONE, end=False) == (dt.datetime(2027, 6, 30, tzinfo=ZONE), True)
    assert when(dt.date(2027, 6, 30), ZONE, end=True) == (dt.datetime(2027, 7, 1, tzinfo=ZONE), True)
    assert when("2027-06-30 18:00", ZONE, end=True) == (dt.datetime(2027, 6, 30, 18, tzinfo=ZONE), False)
    # A time with another offset is the same instant, in the site's zone.
    utc = when(dt.datetime(2027, 6, 30, 10, tzinfo=dt.UTC), ZONE, end=True)
    assert utc is not None and utc[0] == dt.datetime(2027, 6, 30, 18, tzinfo=ZONE) and utc[0].utcoffset() == dt.timedelta(hours=8)
    assert when("下个月", ZONE, end=True) is None


def test_status_from_start_until_end() -> None:
    p = Promotion("x", "t", "s", dt.datetime(2026, 12, 1, tzinfo=ZONE), dt.datetime(2027, 7, 1, tzinfo=ZONE), "content/promotions/x.md")
    assert p.status(dt.datetime(2026, 11, 30, 23, 59, tzinfo=ZONE)) == "scheduled"
    assert p.status(dt.datetime(2026, 12, 1, tzinfo=ZONE)) == "current"
    assert p.status(dt.datetime(2027, 6, 30, 23, 59, 59, tzinfo=ZONE)) == "current"
    assert p.status(dt.datetime(2027, 7, 1, tzinfo=ZONE)) == "ended"
    assert p.end_iso == "2027-07-01T00:00:00+08:00"


# -- validation ----------------------------------------------------------------


def test_every_mistake_in_promotions_is_reported_with_file_and_line(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    write(root, "content/promotions/backwards.md", "---\ntitle: 倒着的活动\nsummary: 简介\nstart: 2027-03-01\nend: 2027-02-01\n---\n")
    write(root, "content/promotions/unknown-model.md", "---\ntitle: 活动\nsummary: 简介\nstart: 2027-03-01\nend: 2027-04-01\nmodels: [alpha, gamma]\n---\n")
    write(root, "content/promotions/no-image.md", "---\ntitle: 活动\nsummary: 简介\nstart: 2027-03-01\nend: 2027-04-01\nimage: assets/promotions/missing.svg\n---\n")
    write(root, "content/promotions/typo.md", "---\ntitle: 活动\nsumary: 简介\nstart: 2027-03-01\nend: 下个月\n---\n")
    write(root, "content/promotions/Big Sale.md", "---\ntitle: 活动\n---\n")
    write(root, "content/promotions/poster.png", b"\x89PNG")
    assert_build_and_check_fail(root, [
        "content/promotions/backwards.md:5: end: 结束时间 2027-02-01 早于开始时间 2027-03-01 — 检查 start 和 end：end 要晚于 start（只写日期的 end 表示当天结束）",
        "content/promotions/unknown-model.md:6: models: 未知车型 'gamma'（没有 content/models/gamma.md） — 可用的车型：alpha、beta",
        "content/promotions/no-image.md:6: image: 找不到图片 content/assets/promotions/missing.svg — 把图片放到 content/assets/promotions/ 下，写成 image: assets/promotions/文件名.svg",
        "content/promotions/typo.md:3: sumary: 未知字段，将被忽略 — 您是不是想写 summary？",
        "content/promotions/typo.md:2: summary: 缺少必填字段 — 请填写一段文字，例如 summary: 一句话说明优惠内容（显示在活动卡片上）",
        "content/promotions/typo.md:5: end: 日期格式不对：下个月 — 写成 YYYY-MM-DD（只写日期：start 为当天 0 点，end 为当天结束）或 YYYY-MM-DD HH:MM，例如 end: 2027-06-30",
        "content/promotions/Big Sale.md:1: 文件名 Big Sale.md 不能用作网址 — 活动文件名只能用小写英文字母、数字和连字符，例如 winter-2026.md",
        "content/promotions/poster.png:1: content/promotions/ 里只能放优惠活动的 .md 文件 — 图片请放到 content/assets/promotions/ 下；活动文件的扩展名用小写 .md",
    ])


# -- what a build writes ---------------------------------------------------------


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = with_promotions(copy_site(FIXTURE_SITE, tmp_path_factory.mktemp("promotions") / "src"))
    return built(root)


def test_only_the_current_promotion_is_anywhere_in_site(dated_site: Path) -> None:
    hits: dict[str, list[str]] = {"now-sale": [], "本期特惠": []}
    for path in sorted(dated_site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(dated_site).as_posix()
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8", "replace")
        for word in ("past-sale", "later-sale", "往期特惠", "下期特惠"):
            assert word not in rel and word not in text, f"{word} in {rel}"
        for word in hits:
            if word in rel or word in text:
                hits[word].append(rel)
    pages = set(hits["本期特惠"])
    # Its page, the index, both feeds, the search index; its URL in the sitemap; its picture.
    assert {"promotions/now-sale/index.html", "promotions/index.html", "promotions/rss.xml", "promotions/atom.xml"} <= pages
    assert {"index.html", "models/alpha/index.html"} <= pages  # the home page's and its model's cards
    assert "models/beta/index.html" not in pages
    assert any(rel.startswith("assets/dealer/search-index/") for rel in pages)
    assert "sitemap.xml" in hits["now-sale"]
    assert "assets/promotions/now-sale.svg" in hits["now-sale"]
    assert not (dated_site / "promotions" / "now-sale.md").exists()


def test_promotion_page_shows_dates_countdown_terms_models_and_test_drive(dated_site: Path) -> None:
    html = (dated_site / "promotions" / "now-sale" / "index.html").read_text(encoding="utf-8")
    end = NOW.date() + dt.timedelta(days=31)
    last = NOW.date() + dt.timedelta(days=30)
    assert f'data-promo-end="{end.isoformat()}T00:00:00+08:00"' in html
    assert f"截止 {last.year}年{last.month}月{last.day}日" in html
    assert "<li>仅限示例</li>" in html
    assert '适用车型：\n        <a href="../../models/alpha/">' in html
    assert 'data-lead="test_drive" href="https://form.example.cn/test-drive?model=alpha&amp;name=' in html
    assert '<script src="../../assets/dealer/promotions.js" defer></script>' in html
    assert '<meta property="og:image" content="https://dealer.example.cn/assets/promotions/now-sale.svg">' in html
    assert f'<meta property="og:description" content="本期特惠的简介（截止 {last.year}年{last.month}月{last.day}日）">' in html
    assert (dated_site / "assets" / "dealer" / "promotions.js").is_file()


def test_feed_and_search_list_the_current_promotion(dated_site: Path) -> None:
    rss = (dated_site / "promotions" / "rss.xml").read_text(encoding="utf-8")
    assert rss.count("<item>") == 1
    assert "<link>https://dealer.example.cn/promotions/now-sale/</link>" in rss
    assert f"<guid isPermaLink=\"false\">tag:dealer.example.cn,{(NOW.date() - dt.timedelta(days=1)).isoformat()}:promotions/now-sale</guid>" in rss
    page = (dated_site / "promotions" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="dealer-promo-card"') == 1
    assert '<a href="rss.xml" type="application/rss+xml"' in page  # its 订阅 link


def test_no_current_promotion_leaves_an_index_that_says_so(tmp_path: Path) -> None:
    root = with_promotions(copy_site(FIXTURE_SITE, tmp_path / "src"))
    (root / "content" / "promotions" / "now-sale.md").unlink()
    assert mkdocs_build(root).returncode == 0
    page = (root / "site" / "promotions" / "index.html").read_text(encoding="utf-8")
    assert "目前没有进行中的优惠活动，欢迎致电 <a href=\"tel:073112345678\">0731-1234 5678</a> 咨询最新购车政策。" in page
    assert "dealer-promo-card" not in page
    assert "<item>" not in (root / "site" / "promotions" / "rss.xml").read_text(encoding="utf-8")


# -- the build's decisions, without an engine -----------------------------------


def settings_for(root: Path, preview: bool = False) -> Settings:
    return Settings(
        paths=Paths(root=root, docs_dir=root / "content", faq_dir=root / "faq"), dealer=Dealer(name="测试经销商"),
        site_url="https://dealer.example.cn/", preview=preview,
    )


def generated(root: Path, preview: bool) -> tuple[SiteBuild, dict[str, object]]:
    build = SiteBuild(settings_for(root, preview), layout=None, log=logging.getLogger("test_promotions"))
    assert build.load().ok
    docs = root / "content"
    authored = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} - set(build.data_files())
    pages = {page.uri: page for page in build.generate(authored).pages}
    return build, pages


def test_promotion_files_and_pictures_of_promotions_not_running_are_not_published(tmp_path: Path) -> None:
    build, pages = generated(with_promotions(copy_site(FIXTURE_SITE, tmp_path / "src")), preview=False)
    assert set(build.data_files()) == {
        "dealers.yml", "promotions/past-sale.md", "promotions/now-sale.md", "promotions/later-sale.md",
        "assets/promotions/later-sale.svg", "assets/promotions/past-sale.svg",
    }
    assert [uri for uri in pages if uri.startswith("promotions/")] == ["promotions/now-sale.md", "promotions/index.md"]


def test_preview_shows_scheduled_and_ended_promotions_marked_and_unsearchable(tmp_path: Path) -> None:
    _, pages = generated(with_promotions(copy_site(FIXTURE_SITE, tmp_path / "src")), preview=True)
    statuses = {uri: page.card.status for uri, page in pages.items() if isinstance(page, PromotionPage)}
    assert statuses == {"promotions/past-sale.md": "ended", "promotions/now-sale.md": "current", "promotions/later-sale.md": "scheduled"}
    index = pages["promotions/index.md"]
    assert isinstance(index, PromotionsIndex) and [c.status for c in index.cards] == ["ended", "current", "scheduled"]
    ended = pages["promotions/past-sale.md"]
    assert isinstance(ended, PromotionPage)
    assert ended.search_record(Rendered("promotions/past-sale/", "<p>x</p>"), "往期特惠", "优惠活动") is None


def test_home_page_lists_every_current_promotion_and_a_model_page_those_naming_it(tmp_path: Path) -> None:
    root = with_promotions(copy_site(FIXTURE_SITE, tmp_path / "src"))
    write(root, "content/promotions/beta-only.md", promotion("beta-only", "贝塔特惠", NOW.date(), NOW.date() + dt.timedelta(days=3), models="[beta]"))
    build, _ = generated(root, preview=False)
    home = build.context("index.md", "")
    assert [c.promotion.slug for c in home["dealer_promotions"]] == ["beta-only", "now-sale"]  # the soonest ending first
    build.page_markdown("models/alpha.md", "", {})
    assert isinstance(build.page("models/alpha.md"), ModelPage)
    assert [c.promotion.slug for c in build.context("models/alpha.md", "models/alpha/")["dealer_promotions"]] == ["now-sale"]
    assert "dealer_promotions" not in build.context("faq/index.md", "faq/")


def test_sample_promotions_stay_valid_for_months() -> None:
    """The repository's two current sample promotions run until mid-2027; the third has ended."""
    docs = REPO / "content"
    report = Report()
    files = author_files(docs, [docs], lambda p: p.relative_to(REPO).as_posix(), report)
    promos = load_promotions(docs, lambda p: p.relative_to(REPO).as_posix(), files, {"asx", "eclipse-cross", "outlander"}, set(), ZONE, report)
    assert report.ok and not report.warnings
    when_sampled = dt.datetime(2026, 12, 1, 12, tzinfo=ZONE)
    assert {p.slug: p.status(when_sampled) for p in promos} == {"national-day": "ended", "outlander-finance": "current", "winter-purchase": "current"}
    assert all(p.end >= dt.datetime(2027, 6, 30, tzinfo=ZONE) for p in promos if p.slug != "national-day")
    assert all(p.image.startswith("assets/promotions/") for p in promos)  # each checked by load_promotions


def test_the_authoring_guides_example_is_a_valid_promotion(tmp_path: Path) -> None:
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    example = guide.split(". 优惠活动\n", 1)[1].split("```markdown\n", 1)[1].split("\n```", 1)[0]
    docs = tmp_path / "content"
    write(docs, "promotions/winter-2026.md", example + "\n")
    write(docs, "assets/promotions/winter-purchase.svg", (REPO / "content/assets/promotions/winter-purchase.svg").read_bytes())
    report = Report()
    files = author_files(docs, [docs], lambda p: p.relative_to(tmp_path).as_posix(), report)
    promos = load_promotions(docs, lambda p: p.relative_to(tmp_path).as_posix(), files, {"asx", "eclipse-cross", "outlander"}, set(), ZONE, report)
    assert report.ok and not report.warnings, [str(p) for p in report.problems]
    assert [(p.slug, p.models, p.end) for p in promos] == [("winter-2026", ("asx", "eclipse-cross", "outlander"), dt.datetime(2027, 7, 1, tzinfo=ZONE))]


def test_check_counts_promotions_and_those_running(tmp_path: Path) -> None:
    root = with_promotions(copy_site(FIXTURE_SITE, tmp_path / "src"))
    result = content_check(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "内容检查通过：7 个问题（5 个已发布），3 个分类，2 个车型，3 个优惠活动（1 个进行中）。"
