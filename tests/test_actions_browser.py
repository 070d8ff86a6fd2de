"""Buttons that fit the page, the phone action bar and the China conventions, as a customer sees them (sample site)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import PHONE, recording_page

pytestmark = pytest.mark.browser

DESKTOP_1366 = {"viewport": {"width": 1366, "height": 900}}
FORMS = "https://form.example.com/"


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    """A 390×844 phone page; the sample's forms (example.com) are answered here, so nothing leaves the machine."""
    with recording_page(browser, **PHONE) as (page, _):
        page.route(FORMS + "**", lambda route: route.fulfill(status=200, content_type="text/html", body="<h1>表单</h1>"))
        yield page


def decoded(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    return parts.path, parse_qs(parts.query, keep_blank_values=True)


def test_a_service_question_books_a_service(sample_site: Path, serve: Callable[[Path], str], phone: object) -> None:
    phone.goto(serve(sample_site) + "faq/service-cost/")
    buttons = phone.locator("article .dealer-leads a")
    assert buttons.all_inner_texts() == ["预约保养"]
    buttons.first.click()
    phone.wait_for_url(FORMS + "**")
    path, query = decoded(phone.url)
    assert path == "/service"
    assert query == {"store": ["xingsha"], "utm_source": ["website"], "utm_medium": ["cta"], "utm_campaign": ["service"]}


def test_a_test_drive_question_naming_two_models_has_a_button_per_model(sample_site: Path, serve: Callable[[Path], str], phone: object) -> None:
    phone.goto(serve(sample_site) + "faq/outlander-awd-test-drive/")
    buttons = phone.locator("article .dealer-leads a")
    assert buttons.all_inner_texts() == ["预约试驾 欧蓝德", "预约试驾 奕歌"]
    queries = [decoded(href) for href in (buttons.nth(i).get_attribute("href") for i in range(2))]
    assert [(path, q["model"], q["store"]) for path, q in queries] == [("/test-drive", ["outlander"], ["xingsha"]), ("/test-drive", ["eclipse-cross"], ["xingsha"])]
    buttons.nth(1).click()
    phone.wait_for_url(FORMS + "**")
    assert decoded(phone.url)[1]["model"] == ["eclipse-cross"]


def test_dealers_page_links_have_no_empty_parameter(sample_site: Path, serve: Callable[[Path], str], phone: object) -> None:
    phone.goto(serve(sample_site) + "dealers/")
    hrefs = phone.locator("a[data-lead]").evaluate_all("links => links.map(a => a.href)")
    forms = [h for h in hrefs if h.startswith(FORMS)]
    assert len(forms) >= 4
    for href in forms:
        _, query = decoded(href)
        assert "model" not in query and all(value != [""] for value in query.values()), href
    assert not [h for h in hrefs if h.startswith("mailto:")]  # every kind is configured in the sample


def test_action_bar_on_a_phone_not_on_a_desktop(sample_site: Path, serve: Callable[[Path], str], phone: object, browser: object) -> None:
    base = serve(sample_site)
    phone.goto(base + "models/outlander/")
    bar = phone.locator("[data-dealer-bar]")
    assert bar.is_visible()
    assert bar.locator("a").all_inner_texts() == ["电话", "预约试驾", "在线订车"]
    assert bar.locator("a").first.get_attribute("href") == "tel:073188880000"
    assert decoded(bar.locator("a").nth(1).get_attribute("href"))[1]["model"] == ["outlander"]
    box = bar.bounding_box()
    assert box["y"] + box["height"] == pytest.approx(844, abs=1)  # fixed to the bottom of the screen
    # Nothing hides behind it: scrolled to the end, the footer's last line is above the bar.
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    last = phone.locator(".md-copyright > *").last.bounding_box()
    assert last["y"] + last["height"] <= bar.bounding_box()["y"] + 1

    phone.goto(base + "faq/service-cost/")
    assert phone.locator("[data-dealer-bar] a").all_inner_texts() == ["电话", "预约保养"]
    phone.goto(base + "dealers/")
    assert phone.locator("[data-dealer-bar] a").all_inner_texts() == ["电话", "预约保养"]

    with recording_page(browser, **DESKTOP_1366) as (desktop, _):
        desktop.goto(base + "models/outlander/")
        assert not desktop.locator("[data-dealer-bar]").is_visible()
        assert desktop.locator(".dealer-page-qr svg").is_visible()  # the page's QR code, for a phone
    assert not phone.locator(".dealer-page-qr").is_visible()


def test_header_shows_the_short_name_on_a_phone(sample_site: Path, serve: Callable[[Path], str], phone: object) -> None:
    phone.goto(serve(sample_site) + "faq/")
    assert phone.locator(".dealer-name-short").inner_text() == "星沙示例三菱"
    assert not phone.locator(".dealer-name-full").is_visible()


def test_footer_shows_the_icp_link(sample_site: Path, serve: Callable[[Path], str], phone: object) -> None:
    phone.goto(serve(sample_site))
    icp = phone.get_by_role("link", name="湘ICP备00000000号-1")
    icp.scroll_into_view_if_needed()
    assert icp.is_visible() and icp.get_attribute("href") == "https://beian.miit.gov.cn/"
    assert phone.locator(".md-copyright figcaption").inner_text() == "微信扫码咨询"


def test_404_page_offers_a_way_on(sample_site: Path, serve: Callable[[Path], str], phone: object) -> None:
    base = serve(sample_site)
    phone.goto(base + "404.html")
    article = phone.locator("article")
    assert article.locator("h1").inner_text() == "页面找不到了"
    popular = article.locator(".dealer-questions a")
    assert 1 <= popular.count() <= 5
    assert article.get_by_role("link", name="0731-8888 0000").get_attribute("href") == "tel:073188880000"
    article.get_by_text("搜索问题、车型、服务").click()
    assert phone.locator("input.md-search__input").is_visible()  # the site search opens


def test_a_phone_number_in_an_answer_is_a_tel_link(sample_site: Path, serve: Callable[[Path], str], phone: object) -> None:
    phone.goto(serve(sample_site) + "faq/color-options/")
    number = phone.locator(".dealer-answer").get_by_role("link", name="0731-8888 0000")
    assert number.get_attribute("href") == "tel:073188880000"
