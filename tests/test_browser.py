"""What a customer sees and clicks, in a real browser (Debian's chromium via Playwright)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import DESKTOP, PHONE, recording_page

pytestmark = pytest.mark.browser


@pytest.fixture
def phone_page(browser: object) -> Iterator[tuple[object, list[str]]]:
    """A phone-sized page that records every URL it requests."""
    with recording_page(browser, **PHONE) as (page, requested):
        yield page, requested


def only_local(requested: list[str]) -> list[str]:
    """Requests that left this machine (there must be none)."""
    return [u for u in requested if urlparse(u).hostname not in {"127.0.0.1", None} and not u.startswith("data:")]


def test_customer_browses_from_faq_home_to_an_answer(built_site: Path, serve: Callable[[Path], str], phone_page: tuple) -> None:
    page, requested = phone_page
    base = serve(built_site)
    page.goto(base + "faq/")
    assert page.locator("h1").first.inner_text() == "常见问题"

    page.get_by_role("link", name="保养 3 个问题").click()
    page.wait_for_url(base + "faq/category/maintenance/")
    assert page.locator("article h1").inner_text() == "保养"

    page.get_by_role("link", name="新车首保是多少公里？").click()
    page.wait_for_url(base + "faq/first-service/")
    article = page.locator("article")
    assert article.locator("h1").inner_text() == "新车首保是多少公里？"
    assert "57 位车主问过" in article.inner_text()
    assert "首次保养建议在 5,000 公里 时进行。" in article.inner_text()
    related = article.locator("#related + ul li a").all_inner_texts()
    assert 3 <= len(related) <= 5 and "小保养多少钱？" in related

    ask = article.get_by_role("link", name="我要提问")
    assert ask.get_attribute("href").startswith("https://form.example.cn/ask?topic=maintenance&model=alpha")

    article.get_by_role("link", name="保养", exact=True).click()  # breadcrumb back to the category
    page.wait_for_url(base + "faq/category/maintenance/")
    assert only_local(requested) == []


def test_page_fits_a_phone_screen(built_site: Path, serve: Callable[[Path], str], phone_page: tuple) -> None:
    page, _ = phone_page
    page.goto(serve(built_site) + "faq/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert page.get_by_role("link", name="0731-1234 5678").first.get_attribute("href") == "tel:073112345678"


def test_sample_site_search_finds_a_question(sample_site: Path, serve: Callable[[Path], str], browser: object) -> None:
    with recording_page(browser, **DESKTOP) as (page, requested):
        base = serve(sample_site)
        page.goto(base + "faq/")
        # The dealer search (tests/test_search_browser.py has the details): typed once, answered.
        page.locator("input.md-search__input").press_sequentially("首保")
        first = page.locator(".md-search-result__item h1").first
        first.wait_for()
        assert first.inner_text() == "新车首保是多少公里，需要预约吗？"
        for path in ("", "models/outlander/", "about/", "faq/first-service-interval/"):
            page.goto(base + path)
        assert only_local(requested) == []


def test_test_drive_button_goes_to_the_form_with_model_dealer_and_utm(built_site: Path, serve: Callable[[Path], str], phone_page: tuple) -> None:
    from urllib.parse import parse_qs, urlsplit

    page, _ = phone_page
    # The form lives on another host; answer it here so nothing leaves the machine.
    page.route("https://form.example.cn/**", lambda route: route.fulfill(status=200, content_type="text/html", body="<h1>表单</h1>"))
    page.goto(serve(built_site) + "models/alpha/")
    page.get_by_role("link", name="预约试驾").first.click()
    page.wait_for_url("https://form.example.cn/**")
    url = urlsplit(page.url)
    assert (url.netloc, url.path, url.fragment) == ("form.example.cn", "/test-drive", "form")
    assert parse_qs(url.query) == {
        "model": ["alpha"], "name": ["阿尔法"], "store": ["downtown"],
        "utm_source": ["website"], "utm_medium": ["cta"], "utm_campaign": ["alpha"],
    }
