"""The storefront as a customer sees it on a 390×844 phone: the sample site's home and model pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import PHONE, recording_page

pytestmark = pytest.mark.browser

# The text of an element is one line high: all its boxes share one top, and it is less than two lines tall.
ONE_LINE = """el => {
  const range = document.createRange(); range.selectNodeContents(el);
  const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  const style = getComputedStyle(el);
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
  return tops.size === 1 && range.getBoundingClientRect().height < line * 1.5;
}"""
SAMPLE_MODELS = {"劲炫 ASX": ("asx", "¥9.98 万起"), "奕歌": ("eclipse-cross", "¥13.98 万起"), "欧蓝德": ("outlander", "¥16.98 万起")}


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    with recording_page(browser, **PHONE) as (page, _):
        yield page


def query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_home_page_hero_quick_actions_and_showroom(sample_site: Path, serve: Callable[[Path], str], phone: object) -> None:
    page = phone
    page.goto(serve(sample_site))
    hero = page.locator(".dealer-hero")
    assert hero.is_visible() and hero.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert hero.locator("h1").inner_text() == "三菱 SUV 全系到店，欢迎预约试驾"
    button = hero.get_by_role("link", name="预约试驾")
    assert button.is_visible() and button.bounding_box()["y"] < 844  # above the fold
    assert query(button.get_attribute("href"))["store"] == ["xingsha"]

    quick = page.locator(".dealer-quick")
    assert quick.locator(".dealer-quick__label").all_inner_texts() == ["预约试驾", "在线订车", "预约保养", "一键拨号", "到店导航"]
    hrefs = {label: quick.get_by_role("link", name=label).get_attribute("href") for label in ("预约试驾", "在线订车", "预约保养", "一键拨号", "到店导航")}
    for label in ("预约试驾", "预约保养"):  # the forms the sample configures (在线订车 follows mkdocs.yml's leads.reserve)
        assert hrefs[label].startswith("https://form.example.com/"), label
    drive = urlsplit(hrefs["预约试驾"])
    assert drive.path == "/test-drive" and query(hrefs["预约试驾"])["store"] == ["xingsha"] and "model" not in query(hrefs["预约试驾"])  # no empty model=
    assert query(hrefs["预约保养"])["store"] == ["xingsha"]
    assert hrefs["一键拨号"] == "tel:073188880000"
    nav = urlsplit(hrefs["到店导航"])
    assert nav.netloc == "uri.amap.com" and query(hrefs["到店导航"])["name"] == ["星沙旗舰店"]
    box = quick.bounding_box()
    assert box["width"] <= 390 and box["y"] + box["height"] < 844 + 200  # on the first screen or just below

    cards = page.locator(".dealer-model-card")
    assert cards.count() == 3
    for i in range(3):
        card = cards.nth(i)
        name = card.locator(".dealer-model-card__name").inner_text()
        slug, price = SAMPLE_MODELS[name]
        assert card.locator(".dealer-card__price").inner_text() == price
        assert card.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
        drive = card.get_by_role("link", name="预约试驾")
        assert query(drive.get_attribute("href"))["model"] == [slug]
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert page.locator(".dealer-store").get_by_role("link", name="拨打电话").get_attribute("href") == "tel:073188880000"
    # The desktop sidebar is hidden here, but the phone's menu still lists the sections.
    page.locator(".md-header label[for=__drawer]").tap()
    assert page.locator(".md-sidebar--primary").get_by_role("link", name="常见问题").is_visible()


def test_model_page_colour_switch_lightbox_and_prices(sample_site: Path, serve: Callable[[Path], str], phone: object) -> None:
    page = phone
    page.goto(serve(sample_site) + "models/outlander/")
    stage = page.locator(".dealer-stage img")
    assert stage.get_attribute("src").endswith("assets/models/outlander-red.svg")
    page.get_by_role("button", name="珍珠白").tap()
    assert stage.get_attribute("src").endswith("assets/models/outlander-white.svg")
    assert page.get_by_role("button", name="珍珠白").get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="红钻色").get_attribute("aria-pressed") == "false"
    assert page.locator("[data-dealer-color-name]").inner_text() == "珍珠白"

    dialog = page.locator("dialog.dealer-lightbox")
    assert not dialog.is_visible()
    page.locator("a[data-lightbox]").nth(1).tap()
    assert dialog.is_visible()
    assert dialog.locator("img").get_attribute("src").endswith("assets/models/outlander-interior.svg")
    assert dialog.locator("span").inner_text() == "2 / 2"
    assert page.url.endswith("/models/outlander/")  # the link did not navigate
    overflow = "() => getComputedStyle(document.documentElement).overflow"
    assert page.evaluate(overflow) == "hidden"  # the page behind does not scroll
    dialog.get_by_role("button", name="关闭").tap()
    assert not dialog.is_visible()
    assert page.evaluate(overflow) != "hidden"
    stage.tap()  # the big picture opens too, and a tap on it closes it
    assert dialog.is_visible() and dialog.locator("img").get_attribute("src").endswith("outlander-white.svg")
    dialog.locator("img").tap()
    assert not dialog.is_visible()

    # Prices never wrap: each price is one line high, on the stage and in every trim.
    prices = page.locator(".dealer-price strong, .dealer-trims td:nth-child(2)")
    assert prices.count() == 4
    for i in range(prices.count()):
        assert prices.nth(i).evaluate(ONE_LINE), prices.nth(i).inner_text()
    assert page.locator(".dealer-trims td:nth-child(2)").all_inner_texts() == ["¥16.98 万", "¥19.98 万", "¥22.98 万"]


def test_comparison_keeps_the_label_column_and_says_it_scrolls(sample_site: Path, serve: Callable[[Path], str], phone: object) -> None:
    page = phone
    page.goto(serve(sample_site) + "models/compare/")
    assert page.locator(".dealer-scroll-hint").inner_text() == "共 3 款车型，左右滑动查看 →"
    table = page.locator(".dealer-compare")
    assert table.evaluate("el => el.scrollWidth > el.clientWidth")
    label = page.locator(".dealer-compare th[scope=row]").first
    before = label.bounding_box()["x"]
    table.evaluate("el => { el.scrollLeft = 300; }")
    page.wait_for_timeout(100)
    assert label.bounding_box()["x"] == before  # sticky
    for price in page.locator(".dealer-compare__price td").all():
        assert price.evaluate(ONE_LINE), price.inner_text()
