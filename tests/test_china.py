"""China conventions in a real build: 备案号 and 公安备案 in the footer, WeChat QR, short_name, page QR, 404, icons."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURE_SITE, build_copy, copy_site, mkdocs_build, write

DEALER_LINE = "        address: 测试市测试路 1 号\n"
CHINA = DEALER_LINE + (
    "        icp: 湘ICP备00000000号-1\n"
    "        police_filing: 湘公网安备43010002000000号\n"
    "        wechat_qr: assets/wechat.png\n"
    "        short_name: 测试店\n"
)


def with_options(root: Path, lines: str) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(DEALER_LINE, lines), encoding="utf-8")


@pytest.fixture(scope="module")
def china_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with every China option set, a WeChat image and the home-screen icon, built."""
    root = copy_site(FIXTURE_SITE, tmp_path_factory.mktemp("china") / "src")
    with_options(root, CHINA)
    png = (FIXTURE_SITE / "content" / "assets" / "alpha.png").read_bytes()
    write(root, "content/assets/wechat.png", png)
    write(root, "content/assets/apple-touch-icon.png", png)
    return build_copy(root, root.parent / "unused")


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_footer_links_the_filings_and_shows_the_wechat_qr(china_site: Path) -> None:
    page = read(china_site, "index.html")
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">湘ICP备00000000号-1</a>' in page
    assert '<a href="https://beian.mps.gov.cn/#/query/webSearch?code=43010002000000" rel="noopener" target="_blank">湘公网安备43010002000000号</a>' in page
    assert re.search(r'<img src="assets/wechat.png" alt="微信二维码"[^>]*>\s*<figcaption>微信扫码咨询</figcaption>', page)


def test_store_cards_show_the_wechat_qr(china_site: Path) -> None:
    page = read(china_site, "dealers/index.html")
    assert page.count("<figcaption>微信扫码咨询</figcaption>") == 1 + 3  # the footer and each of the three stores


def test_header_has_the_short_name_for_phones_and_the_full_name(china_site: Path) -> None:
    page = read(china_site, "faq/index.html")
    assert '<span class="dealer-name-full">测试经销商</span><span class="dealer-name-short">测试店</span>' in page


def test_model_pages_carry_their_own_qr_code_other_pages_not(china_site: Path) -> None:
    page = read(china_site, "models/alpha/index.html")
    assert '<aside class="dealer-page-qr md-grid" aria-label="在手机上打开">' in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox=' in page and "手机扫码打开本页" in page
    assert "dealer-page-qr" not in read(china_site, "faq/index.html")


def test_404_page_is_chinese_with_search_popular_questions_and_hotline(china_site: Path) -> None:
    page = read(china_site, "404.html")
    assert "404 - Not found" not in page
    assert "<h1>页面找不到了</h1>" in page
    assert '<button type="button" class="md-button md-button--primary" data-dealer-open-search>' in page
    popular = re.findall(r'<li><a href="/faq/([a-z-]+)/">', page.split("车主们常问")[1])
    assert popular[0] == "down-payment" and len(popular) <= 5  # most asked first
    assert '找不到答案？请拨打服务热线 <a href="tel:073112345678">0731-1234 5678</a>' in page
    assert '<a class="md-button" href="/">返回首页</a>' in page


def test_home_screen_icon_is_linked_when_present(china_site: Path) -> None:
    assert '<link rel="apple-touch-icon" href="assets/apple-touch-icon.png">' in read(china_site, "index.html")


def test_without_the_options_nothing_of_them_is_shown(built_site: Path) -> None:
    page = read(built_site, "index.html")
    assert "beian" not in page and "微信扫码咨询" not in page and "dealer-name-short" not in page and "apple-touch-icon" not in page


def test_a_phone_number_in_an_answer_is_tappable(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    write(root, "faq/maintenance/oil-grade.md", "---\nquestion: 用什么机油？\ncategory: maintenance\ndate: 2025-01-01\n---\n\n请致电 0731-1234 5678 或 13800001111 询问，`0731-1234 5678` 不变。\n")
    assert mkdocs_build(root).returncode == 0
    page = read(root / "site", "faq/oil-grade/index.html")
    assert '请致电 <a class="dealer-tel" href="tel:073112345678">0731-1234 5678</a> 或 <a class="dealer-tel" href="tel:13800001111">13800001111</a> 询问，<code>0731-1234 5678</code> 不变。' in page


def test_bad_china_options_are_refused_with_their_line(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    with_options(root, DEALER_LINE + "        police_filing: 公安备案\n        wechat_qr: assets/missing.png\n")
    result = mkdocs_build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "mkdocs.yml:20: plugins.dealer.dealer.wechat_qr: 找不到微信二维码图片 content/assets/missing.png — 例如 wechat_qr: assets/wechat-qr.png（放在 content/assets/ 下）" in result.stderr
    assert "mkdocs.yml:19: plugins.dealer.dealer.police_filing: 公安备案号里没有编号：'公安备案' — 照备案证书写全，例如 police_filing: 湘公网安备43010002000000号" in result.stderr
