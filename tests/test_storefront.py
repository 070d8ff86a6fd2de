"""The storefront in a real build: the home page from content/index.md front matter, the model showroom.

Browser checks (what a customer sees and taps on a phone) are in tests/test_storefront_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import FIXTURE_SITE, assert_build_and_check_fail, build_copy, copy_site, write

HOME = """\
---
title: 测试经销商
hero:
  image: assets/home.png
  headline: 阿尔法全系到店
  text: 九万八起，欢迎试驾
  button: 马上预约
actions: [test_drive, reserve, service, call, map]
faq: 2
store: east
---

关于本店。
"""

GAMMA_COLOURS = """\
---
name: 伽马
type: SUV
price_from: 98000
summary: 带颜色图片的车型
gallery: [assets/gamma-night.png, assets/gamma-inside.png]
colors:
  - name: 红
    hex: "#a01e2a"
    image: assets/gamma-red.png
  - name: 白
    hex: "#f3f3ef"
    image: assets/gamma-white.png
  - name: 灰
    hex: "#5b5f63"
---
"""


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def storefront_copy(dest: Path) -> Path:
    """The fixture site with a storefront home page and a model whose colours name pictures."""
    root = copy_site(FIXTURE_SITE, dest)
    png = (FIXTURE_SITE / "content" / "assets" / "alpha.png").read_bytes()
    for name in ("home", "gamma-red", "gamma-white", "gamma-night", "gamma-inside"):
        write(root, f"content/assets/{name}.png", png)
    write(root, "content/index.md", HOME)
    write(root, "content/models/gamma.md", GAMMA_COLOURS)
    return root


@pytest.fixture(scope="module")
def store_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = storefront_copy(tmp_path_factory.mktemp("store") / "src")
    return build_copy(root, root.parent / "built")


def actions(page: str) -> dict[str, str]:
    return {kind: href.replace("&amp;", "&") for kind, href in re.findall(r'data-action="([a-z_-]+)" href="([^"]*)"', page)}


def test_home_page_shows_hero_quick_actions_showroom_faq_and_store(store_site: Path) -> None:
    page = read(store_site, "index.html")
    assert '<h1 class="dealer-hero__headline">阿尔法全系到店</h1>' in page
    assert '<p class="dealer-hero__text">九万八起，欢迎试驾</p>' in page
    assert '<img class="dealer-hero__image" src="assets/home.png"' in page
    found = actions(page)
    hero = urlsplit(found["hero"])
    # east only services cars: a test drive goes to the first location that sells.
    assert hero.netloc == "form.example.cn" and parse_qs(hero.query)["store"] == ["downtown"]
    assert ">马上预约</a>" in page
    assert list(found)[:6] == ["hero", "test_drive", "reserve", "service", "call", "map"]
    assert parse_qs(urlsplit(found["test_drive"]).query)["store"] == ["downtown"]
    assert found["reserve"] == found["service"] == "tel:073112345678"  # no form configured: the hotline (core.links fallback)
    assert found["call"] == "tel:073112340002"  # the store's own phone
    assert found["map"] == "https://map.example.cn/?q=east"  # the store's own map link
    # The showroom: cheapest first, price 「¥9.80 万起」, a test drive per model that offers one.
    cards = re.findall(r'<h3 class="dealer-model-card__name">([^<]+)</h3>.*?<strong class="dealer-card__price">([^<]+)</strong>(.*?)</article>', page, re.S)
    assert [(name, price) for name, price, _ in cards] == [("伽马", "¥9.80 万起"), ("贝塔 Pro+ &amp; 1", "¥9.98 万起"), ("阿尔法", "¥15.00 万起")]
    drives = [re.search(r'data-lead="test_drive" href="([^"]+)"', rest) for _, _, rest in cards]
    assert drives[1] is None  # beta: test_drive: false
    assert [parse_qs(urlsplit(m.group(1).replace("&amp;", "&")).query)["model"] for m in (drives[0], drives[2]) if m] == [["gamma"], ["alpha"]]
    # no image: the first colour's picture; alt="" as the card's heading names the link (axe: image-redundant-alt)
    assert 'src="assets/gamma-red.png" alt=""' in page
    faq = page.split('id="faq"')[1].split("</section>")[0]
    assert re.findall(r'<a href="faq/[^"]+">([^<]+)</a>', faq) == ["贷款买车首付最低多少？", "新车首保是多少公里？"]  # faq: 2, most asked first
    store = page.split('id="store"')[1].split("</section>")[0]
    assert "东区服务站" in store and "东路 2 号" in store and 'href="tel:073112340002"' in store
    assert "关于本店。" in page


def test_home_and_model_pages_hide_the_sidebars(store_site: Path) -> None:
    for rel in ("index.html", "models/alpha/index.html"):
        page = read(store_site, rel)
        assert re.search(r'data-md-type="navigation"\s+hidden', page), rel
        assert re.search(r'data-md-type="toc"\s+hidden', page), rel
    assert not re.search(r'data-md-type="navigation"\s+hidden', read(store_site, "faq/index.html"))


def test_model_page_colours_switch_pictures_and_gallery_opens_a_lightbox(store_site: Path) -> None:
    page = read(store_site, "models/gamma/index.html")
    assert '<img class="dealer-model-image" src="../../assets/gamma-red.png" alt="伽马">' in page
    buttons = re.findall(r'<button type="button" class="dealer-color" data-image="([^"]+)" data-name="([^"]+)" aria-pressed="(\w+)">', page)
    assert buttons == [("../../assets/gamma-red.png", "红", "true"), ("../../assets/gamma-white.png", "白", "false")]
    assert '<li><span class="dealer-swatch" style="background: #5b5f63"></span>灰</li>' in page  # no picture: a swatch only
    assert re.findall(r'<a class="dealer-gallery__item" href="([^"]+)" data-lightbox>', page) == ["../../assets/gamma-night.png", "../../assets/gamma-inside.png"]
    assert '<script src="../../assets/dealer/showroom.js" defer></script>' in page
    assert (store_site / "assets" / "dealer" / "showroom.js").is_file()


def test_home_without_storefront_settings_still_builds(built_site: Path) -> None:
    page = read(built_site, "index.html")
    assert "<h1>测试经销商</h1>" in page and "dealer-hero" not in page
    found = actions(page)
    assert list(found) == ["test_drive", "reserve", "service", "call", "map", "store-call", "store-map"]  # all five by default
    assert found["map"] == "dealers/" and found["call"] == "tel:073112345678"  # downtown (the first that sells) has no map link
    assert "市中心店" in page.split('id="store"')[1]


def test_bad_home_and_colour_settings_fail_with_every_line(tmp_path: Path) -> None:
    root = storefront_copy(tmp_path / "src")
    write(root, "content/index.md", """\
---
hero:
  image: assets/missing.png
  text: 没有标题
  action: buy
  link: javascript:alert(1)
actions: [test_drive, wechat]
faq: -1
store: nowhere
herro: 1
---
""")
    write(root, "content/models/gamma.md", GAMMA_COLOURS.replace("assets/gamma-white.png", "assets/gamma-blue.png"))
    assert_build_and_check_fail(root, [
        "content/index.md:2: headline: 缺少必填字段 — 请填写一段文字，例如 headline: 三菱 SUV 全系到店，欢迎预约试驾",
        "content/index.md:3: hero.image: 找不到图片 content/assets/missing.png — 把图片放进 content/ 文件夹，并写相对于 content/ 的路径，例如 assets/models/outlander.jpg",
        "content/index.md:5: hero.action: 未知的按钮类型 'buy' — 只能写 test_drive、reserve、quote、service、ask（预约试驾、在线订车、获取报价、预约保养、我要提问），或改用 link: 写一个网址",
        "content/index.md:6: hero.link: action 和 link 只能写一个 — 按钮打开预约表单就写 action，打开某个页面就写 link",
        "content/index.md:6: hero.link: 不允许的链接类型 javascript:：'javascript:alert(1)'",
        "content/index.md:7: actions: 未知的快捷按钮 'wechat' — 只能写 test_drive（预约试驾）、reserve（在线订车）、service（预约保养）、call（一键拨号）、map（到店导航）",
        "content/index.md:8: faq: 不能小于 0，实际是 -1 — 填写 0 或更大的整数",
        "content/index.md:9: store: 找不到网点 'nowhere' — 写 content/dealers.yml 里某个网点的 id：downtown、east、north-showroom",
        "content/index.md:10: herro: 未知字段，将被忽略 — 您是不是想写 hero？",
        "content/models/gamma.md:13: image: 找不到图片 content/assets/gamma-blue.png — 把图片放进 content/ 文件夹",
    ])


def test_hero_without_image_and_with_a_page_link(tmp_path: Path) -> None:
    root = storefront_copy(tmp_path / "src")
    write(root, "content/index.md", "---\nhero:\n  headline: 欢迎\n  link: faq/\n---\n")
    site = build_copy(root, tmp_path / "built")
    page = read(site, "index.html")
    assert "dealer-hero__image" not in page
    assert actions(page)["hero"] == "faq/" and ">了解详情</a>" in page
