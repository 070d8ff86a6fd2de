"""A promotion as a customer sees it on a phone: the time left counted by the browser, and a cached page after the end."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from conftest import PHONE, recording_page

pytestmark = pytest.mark.browser
ZONE = ZoneInfo("Asia/Shanghai")
PAGE = "promotions/outlander-finance/"  # ends 2027-06-30 18:00 in the sample


def open_at(browser: object, url: str, when: dt.datetime | None) -> tuple[object, list[str], object]:
    context = browser.new_context(locale="zh-CN", **PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    if when is not None:
        page.clock.set_fixed_time(when)  # the page's Date, as if opened then (a cached copy)
    page.goto(url)
    return page, requested, context


@pytest.mark.parametrize(("when", "shown"), [
    (dt.datetime(2027, 6, 27, 17, 0, tzinfo=ZONE), "还剩 3 天"),
    (dt.datetime(2027, 6, 30, 13, 0, tzinfo=ZONE), "还剩 5 小时"),
])
def test_phone_shows_the_time_left(sample_site: Path, serve: Callable[[Path], str], browser: object, when: dt.datetime, shown: str) -> None:
    page, requested, context = open_at(browser, serve(sample_site) + PAGE, when)
    try:
        left = page.locator(".dealer-promo__when .dealer-promo-left")
        assert left.inner_text() == shown
        assert left.is_visible()
        assert "dealer-promo--ended" not in (page.locator("article.dealer-promo").get_attribute("class") or "")
        assert page.locator("h1").inner_text() == "欧蓝德 0 息购车：首付 30% 起，24 期免息"
        assert page.locator(".dealer-promo__dates").inner_text() == "活动时间：2026年12月1日 — 2027年6月30日 18:00"
        assert page.locator("img.dealer-promo__image").evaluate("img => img.complete && img.naturalWidth > 0")
        assert page.locator("#terms").is_visible()
        # Nothing wider than the phone, nothing from another host.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert all(urlsplit(u).hostname in {"127.0.0.1", None} for u in requested)
    finally:
        context.close()


def test_test_drive_button_books_the_named_model(sample_site: Path, serve: Callable[[Path], str], browser: object) -> None:
    with recording_page(browser, **PHONE) as (page, _):
        page.goto(serve(sample_site) + PAGE)
        button = page.get_by_role("main").get_by_role("link", name="预约试驾")
        assert button.is_visible()
        href = button.get_attribute("href") or ""
        assert href.startswith("https://form.example.com/test-drive?")
        assert parse_qs(urlsplit(href).query) == {
            "model": ["outlander"], "store": ["xingsha"], "utm_source": ["website"], "utm_medium": ["cta"], "utm_campaign": ["outlander"],
        }
        # The phone's bottom bar books the same model (the promotion names one).
        bar = page.get_by_role("navigation", name="快捷操作").get_by_role("link", name="预约试驾")
        assert parse_qs(urlsplit(bar.get_attribute("href") or "").query)["model"] == ["outlander"]
        page.get_by_role("link", name="欧蓝德", exact=True).click()
        page.wait_for_url("**/models/outlander/")


def test_a_cached_page_opened_after_the_end_says_it_has_ended(sample_site: Path, serve: Callable[[Path], str], browser: object) -> None:
    page, _, context = open_at(browser, serve(sample_site) + PAGE, dt.datetime(2027, 6, 30, 18, 0, 1, tzinfo=ZONE))
    try:
        assert page.locator(".dealer-promo__when .dealer-promo-left").inner_text() == "活动已结束"
        assert "dealer-promo--ended" in (page.locator("article.dealer-promo").get_attribute("class") or "")
    finally:
        context.close()


def test_index_lists_the_current_promotions_with_their_time_left(sample_site: Path, serve: Callable[[Path], str], browser: object) -> None:
    with recording_page(browser, **PHONE) as (page, _):
        base = serve(sample_site)
        page.goto(base + "promotions/")
        cards = page.locator("a.dealer-promo-card")
        assert cards.count() == 2  # the ended sample (national-day) is not on the site
        titles = [t.strip() for t in cards.locator(".dealer-promo-card__title").all_inner_texts()]
        assert titles == ["欧蓝德 0 息购车：首付 30% 起，24 期免息", "冬季购车礼：置换补贴最高 8000 元"]
        for text in cards.locator(".dealer-promo-left").all_inner_texts():
            assert re.fullmatch(r"还剩 \d+ 天", text)
        cards.nth(1).click()
        page.wait_for_url(base + "promotions/winter-purchase/")
        assert [b.inner_text() for b in page.locator(".dealer-leads a").all()] == ["试驾劲炫 ASX", "试驾奕歌", "试驾欧蓝德"]
