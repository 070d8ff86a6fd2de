"""``make serve`` with broken content: every URL shows the ``make check`` lines; fixing the file reloads the page."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import content_check, fetch, preview_server, recording_page, wait_for, write

pytestmark = pytest.mark.browser

ENTRY = "faq/buying/down-payment.md"
GOOD = (Path(__file__).parent / "fixtures/site" / ENTRY).read_text(encoding="utf-8")
# The category name also carries markup: the page must show it as text.
BROKEN = GOOD.replace("category: buying", "category: <b>buyin</b>")


def body(url: str) -> str:
    """The page at ``url`` whatever its status (the dev server sends the error page as a 404 for unknown URLs)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def test_preview_shows_the_check_lines_on_every_url_and_reloads_when_fixed(site_src: Path, browser: object) -> None:
    write(site_src, ENTRY, BROKEN)
    expected = content_check(site_src).stderr.splitlines()
    assert expected[0].startswith(f"{ENTRY}:3: category: 未知分类 '<b>buyin</b>'")
    # The first build of the preview is broken, yet the server starts.
    with preview_server(site_src, "--dirty") as base:
        wait_for(base, "内容有错误")
        for url in ("", "faq/", "faq/down-payment/", "no/such/page/"):
            page = body(base + url)
            assert "内容有错误，预览暂停更新" in page and "&lt;b&gt;buyin&lt;/b&gt;" in page and "<b>buyin" not in page, url
        with recording_page(browser) as (known, _), recording_page(browser) as (unknown, _):
            known.goto(base + "faq/down-payment/")
            unknown.goto(base + "no/such/page/")
            for page in (known, unknown):
                assert page.locator(".dealer-preview-errors li").all_inner_texts() == expected
            # MkDocs' livereload reloads the known page; the 404 page polls by itself.
            with known.expect_navigation(timeout=60_000), unknown.expect_navigation(timeout=60_000):
                write(site_src, ENTRY, GOOD)
            assert known.locator("h1").first.inner_text() == "贷款买车首付最低多少？"
            assert unknown.locator(".dealer-preview-errors").count() == 0
        # Every page is real again, not only the one that was open.
        assert "内容有错误" not in fetch(base) and "贷款买车首付最低多少？" in fetch(base + "faq/")


def test_preview_shows_a_content_error_made_while_it_runs(site_src: Path) -> None:
    with preview_server(site_src, "--dirty") as base:
        wait_for(base + "faq/down-payment/", "贷款买车首付最低多少？")
        write(site_src, ENTRY, BROKEN)
        deadline = time.monotonic() + 60
        while "内容有错误" not in (page := body(base + "faq/down-payment/")) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "内容检查发现 1 个错误，请逐条修改后重试。" in page
        assert "内容有错误" in body(base + "faq/category/maintenance/")
