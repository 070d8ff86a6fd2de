"""End-to-end: model pages, models index, comparison, dealers, lead links and JSON-LD in a real build."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from conftest import mkdocs_build, write


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def hrefs(page: str, attr: str) -> list[str]:
    return [m.replace("&amp;", "&") for m in re.findall(rf'data-lead="{attr}" href="([^"]+)"', page)]


def json_ld(page: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]


def test_model_page_shows_price_specs_trims_colours_and_faq(built_site: Path) -> None:
    page = read(built_site, "models/alpha/index.html")
    assert "<h1>阿尔法 <small" in page
    assert "<strong>¥15.00 万起</strong>" in page
    assert '<img class="dealer-model-image" src="../../assets/alpha.png" alt="阿尔法">' in page
    assert re.search(r"<th>座位数</th><td>7 座</td>.*<th>发动机</th><td>2.0L</td>.*<th>油耗</th><td>7.5L/100km</td>", page, re.S)
    assert "<td>四驱版</td><td>¥18.98 万</td>" in page
    assert "<td>两驱版</td><td>¥15.00 万</td><td>七座、倒车影像</td>" in page
    assert 'style="background: #f5f5f0"' in page and "珍珠白" in page
    faq = page.split('id="faq"')[1]
    assert faq.index("贷款买车首付最低多少？") < faq.index("新车首保是多少公里？")  # most asked first
    assert "草稿中的秘密问题" not in page


def test_model_page_leads_carry_model_dealer_and_utm(built_site: Path) -> None:
    page = read(built_site, "models/alpha/index.html")
    [test_drive, _, bar] = hrefs(page, "test_drive")  # shown above and below the details, and in the phone's action bar
    assert bar == test_drive
    parts = urlsplit(test_drive)
    assert parts.netloc == "form.example.cn" and parts.fragment == "form"
    assert parse_qs(parts.query) == {
        "model": ["alpha"], "name": ["阿尔法"], "store": ["downtown"],
        "utm_source": ["website"], "utm_medium": ["cta"], "utm_campaign": ["alpha"],
    }
    # No form configured for reserve and quote: a pre-filled call instead (no e-mail in this site).
    assert hrefs(page, "reserve")[0] == "tel:073112345678"
    assert hrefs(page, "quote")[0] == "tel:073112345678"


def test_model_without_test_drive_has_no_test_drive_button(built_site: Path) -> None:
    page = read(built_site, "models/beta/index.html")
    assert hrefs(page, "test_drive") == []
    assert hrefs(page, "reserve")
    assert "<h1>贝塔 Pro+ &amp; 1" in page


def test_models_index_has_a_card_per_model_cheapest_first(built_site: Path) -> None:
    page = read(built_site, "models/index.html")
    cards = re.findall(r'<a class="dealer-card" href="([^"]+)">', page)
    assert cards == ["beta/", "alpha/"]
    assert "¥9.98 万起" in page and "¥15.00 万起" in page


def test_comparison_has_a_column_per_model_and_a_row_per_label(built_site: Path) -> None:
    page = read(built_site, "models/compare/index.html")
    header = re.search(r"<thead>(.*?)</thead>", page, re.S).group(1)
    assert re.findall(r">([^<>]+)</a></th>", header) == ["贝塔 Pro+ &amp; 1", "阿尔法"]
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th>((?:<td>[^<]*</td>)+)', page))
    assert rows["发动机"] == "<td>1.5T</td><td>2.0L</td>"
    assert rows["轴距"] == "<td>2700 mm</td><td></td>"  # blank where a model lacks the label
    assert rows["油耗"] == "<td></td><td>7.5L/100km</td>"
    assert '两驱版：<span class="dealer-nowrap">¥15.00 万</span>' in page


def test_dealers_page_grouped_by_city_with_tel_and_leads(built_site: Path) -> None:
    page = read(built_site, "dealers/index.html").split("<article")[1]
    assert page.index("<h2>测试市</h2>") < page.index("市中心店") < page.index("东区服务站") < page.index("<h2>北城</h2>") < page.index("北城展厅")
    assert '<a href="tel:073112345678">0731-1234 5678</a>' in page
    east = page.split('id="east"')[1].split("</section>")[0]
    assert hrefs(east, "test_drive") == []  # service only
    assert hrefs(east, "service")[0] == "tel:073112345678"
    north = page.split('id="north-showroom"')[1].split("</section>")[0]
    assert parse_qs(urlsplit(hrefs(north, "test_drive")[0]).query)["store"] == ["north-showroom"]
    assert not (built_site / "dealers.yml").exists()


def test_structured_data(built_site: Path) -> None:
    [dealer, *_] = json_ld(read(built_site, "dealers/index.html"))
    assert dealer["@type"] == "AutoDealer" and dealer["telephone"] == "+86-731-1234-5678"  # configured 0731-1234 5678
    # Free-text hours are for people (the page shows them); search engines get opening_hours only (none here).
    assert dealer["address"]["addressLocality"] == "测试市" and "openingHours" not in dealer
    car, crumbs = json_ld(read(built_site, "models/alpha/index.html"))
    assert car["@type"] == "Car" and car["offers"] == {"@type": "Offer", "price": 150000, "priceCurrency": "CNY",
                                                       "itemCondition": "https://schema.org/NewCondition", "url": "https://dealer.example.cn/models/alpha/"}
    assert [i["name"] for i in crumbs["itemListElement"]] == ["首页", "车型", "阿尔法"]
    faq_crumbs, _faq = json_ld(read(built_site, "faq/first-service/index.html"))
    assert [i["item"] for i in faq_crumbs["itemListElement"]][-1] == "https://dealer.example.cn/faq/first-service/"


def test_json_ld_cannot_close_its_script(built_site: Path) -> None:
    page = read(built_site, "faq/script-question/index.html")
    crumbs, faq = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    for data in (crumbs, faq):
        assert "<" not in data and "\\u003cscript\\u003e" in data
    assert json.loads(crumbs)["itemListElement"][-1]["name"] == '能不能 <script>alert("x")</script> & 一起付？'
    assert json.loads(faq)["mainEntity"][0]["name"] == '能不能 <script>alert("x")</script> & 一起付？'


def test_open_graph_on_model_pages(built_site: Path) -> None:
    page = read(built_site, "models/alpha/index.html")
    assert '<meta property="og:title" content="阿尔法">' in page
    assert '<meta property="og:image" content="https://dealer.example.cn/assets/alpha.png">' in page


def test_faq_entry_naming_a_model_offers_its_test_drive(built_site: Path) -> None:
    page = read(built_site, "faq/down-payment/index.html")  # a purchase question about alpha
    assert parse_qs(urlsplit(hrefs(page, "test_drive")[0]).query)["model"] == ["alpha"]
    # A maintenance question books a service, never a test drive (the form is not configured here: a call).
    page = read(built_site, "faq/first-service/index.html")
    assert hrefs(page, "test_drive") == [] and hrefs(page, "service") == ["tel:073112345678", "tel:073112345678"]


def test_bad_model_and_dealer_data_fail_the_build(site_src: Path) -> None:
    write(site_src, "content/models/gamma.md", "---\nname: 伽马\ntype: SUV\nprice_from: 十万\nsummary: x\ntrims:\n  - name: 基本版\ncolors:\n  - {name: 红, hex: red}\n---\n")
    write(site_src, "content/dealers.yml", "- id: a\n  name: 店\n  city: 市\n  address: 路\n  services: [sales, repair]\n")
    result = mkdocs_build(site_src)
    assert result.returncode == 1
    for line in (
        "content/models/gamma.md:4: price_from: 应为整数，实际写的是 '十万' — 例如 price_from: 169800（整数，单位：元）",
        "content/models/gamma.md:7: price: 缺少必填字段 — 请填写整数，例如 price: 169800（整数，单位：元）",
        "content/models/gamma.md:9: hex: 不是颜色值：'red' — 写成 # 加 6 位十六进制数并加引号，例如 hex: \"#1f2a44\"",
        "content/dealers.yml:1: phone: 缺少必填字段 — 请填写一段文字，例如 phone: 0731-8888 0000",
        "content/dealers.yml:5: services: 未知服务 'repair' — 只能写 sales、service（sales 销售，service 售后）",
    ):
        assert line in result.stderr
