"""Held-out customer tests for issue 14 ("A storefront that sells").

Written from the issue text and the built sample site only: a customer on a 390×844 phone (and a
1366×900 desktop where the issue says so) opens the home page, a model page, a promotion, FAQ entries,
the dealers page and the 404 page, and we assert what they see and where each button goes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import html.parser
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from conftest import REPO, built, content_check, copy_site, mkdocs_build, recording_page, write

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
TZ = dt.timezone(dt.timedelta(hours=8))  # the sample's Asia/Shanghai
MOUNT = "dealer-site"  # the sample's site_url path; the 404 page uses absolute links under it


# --------------------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site (repository content), copied and built strictly once; returns its ``site/``."""
    root = copy_site(REPO, tmp_path_factory.mktemp("heldout") / "src")
    return built(root)


@pytest.fixture(scope="module")
def base(sample: Path, serve: object) -> str:
    """Base URL of the sample served under /dealer-site/, as on its real host."""
    www = sample.parent / "www"
    www.mkdir(exist_ok=True)
    (www / MOUNT).symlink_to(sample, target_is_directory=True)
    return serve(www) + MOUNT + "/"  # type: ignore[operator]


@contextlib.contextmanager
def customer(browser: object, base: str, path: str, options: dict) -> Iterator[object]:
    """Open ``base+path`` in a fresh page and, on the way out, assert nothing came from another host."""
    with recording_page(browser, **options) as (page, requested):
        page.goto(base + path, wait_until="networkidle")
        yield page
        foreign = [u for u in requested if not u.startswith(base.split(MOUNT)[0]) and not u.startswith(("data:", "blob:", "about:"))]
        assert foreign == [], f"{path} loaded from other hosts: {foreign}"


def query(href: str) -> dict[str, str]:
    """The decoded query of ``href``; fails on an empty or repeated parameter."""
    pairs = parse_qsl(urlsplit(href).query, keep_blank_values=True)
    empty = [k for k, v in pairs if v == ""]
    assert empty == [], f"empty parameter {empty} in {href}"
    return dict(pairs)


def visible_links(page: object, selector: str) -> list[tuple[str, str]]:
    """(text, href) of every visible element matching ``selector``."""
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        selector,
        "els => els.filter(e => e.offsetParent !== null || getComputedStyle(e).position === 'fixed')"
        ".filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; })"
        ".map(e => [e.innerText.trim(), e.href])",
    )


def lines_of(page: object, selector: str) -> list[int]:
    """For each element matching ``selector``, how many text lines its content takes."""
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        selector,
        """els => els.map(e => { const r = document.createRange(); r.selectNodeContents(e);
            return new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size; })""",
    )


class _Anchors(html.parser.HTMLParser):
    """Every <a> start tag of a page: its attributes as a dict."""

    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.anchors.append({k: v or "" for k, v in attrs})


def anchors(path: Path) -> list[dict[str, str]]:
    parser = _Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.anchors


def is_cta(a: dict[str, str]) -> bool:
    """A call-to-action: a button-styled link, a lead/action link, or an item of the quick actions / phone bar."""
    classes = a.get("class", "")
    return ("md-button" in classes or "data-lead" in a or "data-action" in a
            or "dealer-bar__item" in classes or "dealer-quick__item" in classes)


# --------------------------------------------------------------------------- home page


def test_home_phone_shows_a_storefront(browser: object, base: str) -> None:
    """Hero with a picture and one primary button, the five quick actions, showroom cards, promotions,
    most-asked questions, newest posts and the store card — all on the phone."""
    with customer(browser, base, "", PHONE) as page:
        hero = page.locator(".dealer-hero")
        assert hero.locator("img").evaluate("i => i.complete && i.naturalWidth > 0")
        assert hero.locator("h1").inner_text().strip() == "三菱 SUV 全系到店，欢迎预约试驾"
        assert hero.locator("a.md-button--primary").inner_text().strip() == "预约试驾"
        labels = [t for t, _ in visible_links(page, ".dealer-quick a")]
        assert labels == ["预约试驾", "在线订车", "预约保养", "一键拨号", "到店导航"]
        cards = page.locator(".dealer-model-card")
        assert cards.count() == 3
        for i in range(3):
            card = cards.nth(i)
            card.scroll_into_view_if_needed()
            card.locator("img").evaluate("i => i.decode()")  # lazy picture really loads
            assert card.locator("img").evaluate("i => i.naturalWidth > 0")
            assert re.fullmatch(r"¥\d+\.\d{2} 万起", card.locator(".dealer-card__price").inner_text().strip())
            assert "SUV" in card.inner_text()
            assert card.get_by_role("link", name="预约试驾").is_visible()
        body = page.locator("article.md-content__inner").inner_text()
        for heading in ("在售车型", "优惠活动", "大家都在问", "最新动态", "到店看车"):
            assert heading in body
        assert page.locator(".dealer-promo-card").count() >= 1
        assert len(visible_links(page, ".dealer-home-pair a")) >= 4
        store = page.locator(".dealer-store").inner_text()
        assert "湖南省长沙市星沙示例大道 88 号" in store and "8:30–18:00" in store and "0731-8888 0000" in store
        assert page.locator(".dealer-store a[href^='tel:']").count() >= 1
        assert page.get_by_role("link", name="打开地图导航").is_visible()


def test_home_quick_actions_go_where_they_say(browser: object, base: str) -> None:
    """Decoded targets: each lead kind its own form, no empty parameter; 一键拨号 dials; 到店导航 opens a map."""
    with customer(browser, base, "", PHONE) as page:
        links = dict(visible_links(page, ".dealer-quick a"))
        forms = {"预约试驾": "/test-drive", "在线订车": "/reserve", "预约保养": "/service"}
        for label, path in forms.items():
            url = urlsplit(links[label])
            assert url.scheme == "https" and url.path == path, links[label]
            assert query(links[label])["store"] == "xingsha"
        assert re.fullmatch(r"tel:\+?\d{10,13}", links["一键拨号"]), links["一键拨号"]
        assert links["一键拨号"].endswith("073188880000")
        nav = urlsplit(links["到店导航"])
        assert nav.scheme == "https" and "map" in nav.netloc, links["到店导航"]
        q = query(links["到店导航"])
        assert q.get("position") or q.get("q") or q.get("location"), links["到店导航"]
        hero = page.locator(".dealer-hero a.md-button--primary").get_attribute("href")
        assert urlsplit(hero).path == "/test-drive" and "model" not in query(hero)


def test_home_desktop_has_no_lonely_sidebar(browser: object, base: str) -> None:
    """On a 1366×900 desktop the home page no longer shows a left sidebar holding only 「首页」."""
    with customer(browser, base, "", DESKTOP) as page:
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert page.locator(".dealer-hero img").is_visible()


def test_phone_header_shows_short_name_uncut(browser: object, base: str) -> None:
    """The phone header shows the configured short name in full, not 「星沙示例三菱汽车 4S 店（虚…」."""
    with customer(browser, base, "models/outlander/", PHONE) as page:
        topic = page.locator(".md-header__topic").first
        assert "星沙示例三菱" in topic.inner_text()
        cut = topic.evaluate("e => [...e.querySelectorAll('*')].concat([e]).some(x => x.scrollWidth > x.clientWidth + 1)")
        assert not cut, topic.inner_text()


# --------------------------------------------------------------------------- model page


def test_model_colour_switch_changes_the_picture(browser: object, base: str) -> None:
    with customer(browser, base, "models/outlander/", PHONE) as page:
        stage = page.locator(".dealer-stage img")
        before = stage.get_attribute("src")
        page.get_by_role("button", name="珍珠白").tap()
        page.wait_for_function("() => document.querySelector('.dealer-stage img').src.includes('white')")
        assert stage.get_attribute("src") != before
        assert stage.evaluate("i => i.decode().then(() => i.naturalWidth > 0)")
        assert "珍珠白" in page.locator(".dealer-stage").inner_text()
        assert page.get_by_role("button", name="珍珠白").get_attribute("aria-pressed") == "true"


def test_model_gallery_lightbox_opens_and_closes_on_tap(browser: object, base: str) -> None:
    """Tapping a gallery picture opens it large over the page (no navigation to the bare file); a tap closes it."""
    with customer(browser, base, "models/outlander/", PHONE) as page:
        url = page.url
        thumbs = page.locator(".dealer-gallery a")
        assert thumbs.count() >= 2
        thumbs.first.scroll_into_view_if_needed()
        thumbs.first.tap()
        page.wait_for_timeout(600)
        assert page.url.split("#")[0] == url, "tap navigated away instead of opening a lightbox"
        big = page.locator("dialog[open] img, [role=dialog] img, .glightbox-container img, .dealer-lightbox img").first
        big.wait_for(state="visible", timeout=3000)
        box = big.bounding_box()
        assert box and box["width"] >= 300, box
        assert "outlander-night" in (big.get_attribute("src") or "")
        page.get_by_role("button", name="关闭").tap()
        big.wait_for(state="hidden", timeout=3000)


def test_model_prices_never_wrap_on_phone(browser: object, base: str) -> None:
    with customer(browser, base, "models/outlander/", PHONE) as page:
        cells = page.locator(".dealer-trims td").filter(has_text="¥")
        assert cells.count() == 3
        assert lines_of(page, ".dealer-trims td:nth-child(2)") == [1, 1, 1]
        assert lines_of(page, ".dealer-price strong") == [1]
        table = page.locator(".dealer-trims")
        assert table.evaluate("t => t.getBoundingClientRect().right") <= 390 or table.evaluate(
            "t => { const p = t.parentElement; return getComputedStyle(p).overflowX !== 'visible' || getComputedStyle(t).overflowX !== 'visible'; }")


@pytest.mark.parametrize(("path", "selector", "count"), [
    ("", ".dealer-card__price", 3),
    ("models/compare/", ".dealer-compare__price td", 3),
])
def test_other_prices_never_wrap_on_phone(browser: object, base: str, path: str, selector: str, count: int) -> None:
    with customer(browser, base, path, PHONE) as page:
        assert lines_of(page, selector)[:count] == [1] * count


def test_model_bottom_bar_on_phone(browser: object, base: str) -> None:
    """电话 · 预约试驾 · 在线订车 fixed at the bottom of the phone screen, each booking this model."""
    with customer(browser, base, "models/outlander/", PHONE) as page:
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(300)
        bar = page.locator(".dealer-bar")
        assert bar.is_visible()
        box = bar.bounding_box()
        assert box and abs(box["y"] + box["height"] - 844) <= 2, box
        links = visible_links(page, ".dealer-bar a")
        assert [t for t, _ in links] == ["电话", "预约试驾", "在线订车"]
        hrefs = dict(links)
        assert hrefs["电话"].startswith("tel:")
        assert urlsplit(hrefs["预约试驾"]).path == "/test-drive" and query(hrefs["预约试驾"])["model"] == "outlander"
        assert urlsplit(hrefs["在线订车"]).path == "/reserve" and query(hrefs["在线订车"])["model"] == "outlander"


def test_model_bottom_bar_hidden_and_qr_shown_on_desktop(browser: object, base: str) -> None:
    with customer(browser, base, "models/outlander/", DESKTOP) as page:
        assert not page.locator(".dealer-bar").is_visible()
        qr = page.locator(".dealer-qr__code").first
        assert qr.count() and qr.is_visible(), "no QR code to open the page on a phone"


# --------------------------------------------------------------------------- FAQ and dealers


def test_service_question_offers_service_booking(browser: object, base: str) -> None:
    """/faq/service-cost/ is a maintenance question: 预约保养, never 预约试驾, also in the phone bar."""
    with customer(browser, base, "faq/service-cost/", PHONE) as page:
        page.mouse.wheel(0, 2000)
        ctas = ".md-content__inner a.md-button, .md-content__inner a[data-lead], .md-content__inner a[data-action], .dealer-bar a"
        links = visible_links(page, ctas)
        texts = [t for t, _ in links]
        assert "预约保养" in texts
        assert not any("预约试驾" in t for t in texts), texts
        for text, href in links:
            if text == "预约保养":
                assert urlsplit(href).path == "/service", href
                query(href)
        assert "预约保养" in [t for t, _ in visible_links(page, ".dealer-bar a")]


@pytest.mark.parametrize(("path", "models"), [
    ("faq/eclipse-cross-vs-asx/", {"asx", "eclipse-cross"}),
    ("faq/test-drive-booking/", {"asx", "eclipse-cross", "outlander"}),
])
def test_question_naming_models_offers_each(browser: object, base: str, path: str, models: set[str]) -> None:
    with customer(browser, base, path, PHONE) as page:
        offered = {query(h).get("model") for t, h in visible_links(page, ".md-content__inner a") if "试驾" in t and "form." in h}
        assert models <= offered, offered


def test_dealers_page_links_have_no_empty_parameter(browser: object, base: str) -> None:
    with customer(browser, base, "dealers/", PHONE) as page:
        hrefs = [h for _, h in visible_links(page, "a") if urlsplit(h).query]
        assert any("test-drive" in h for h in hrefs)
        for href in hrefs:
            query(href)  # fails on an empty parameter


def test_no_empty_parameter_and_no_mailto_cta_anywhere(sample: Path) -> None:
    """Every call-to-action of the sample site opens a form, a dialler or a map — never the mail app —
    and no link anywhere carries an empty query parameter."""
    mail_ctas, empty = [], []
    for page in sorted(sample.rglob("*.html")):
        for a in anchors(page):
            href = a.get("href", "")
            if is_cta(a) and href.startswith("mailto:"):
                mail_ctas.append(f"{page.relative_to(sample)}: {href}")
            if href.startswith("http") and any(v == "" for _, v in parse_qsl(urlsplit(href).query, keep_blank_values=True)):
                empty.append(f"{page.relative_to(sample)}: {href}")
    assert mail_ctas == []
    assert empty == []


# --------------------------------------------------------------------------- China conventions, 404


def test_footer_icp_links_to_filing_site(browser: object, base: str) -> None:
    with customer(browser, base, "", PHONE) as page:
        icp = page.locator("footer a", has_text="湘ICP备00000000号-1")
        icp.scroll_into_view_if_needed()
        assert icp.is_visible()
        assert urlsplit(icp.get_attribute("href") or "").netloc == "beian.miit.gov.cn"


def test_404_is_chinese_with_a_way_on(browser: object, base: str) -> None:
    with customer(browser, base, "404.html", PHONE) as page:
        text = page.locator("article.md-content__inner").inner_text()
        assert "Not found" not in page.content()
        assert re.search(r"[\u4e00-\u9fff]", page.locator("h1").inner_text())
        assert page.locator("html").get_attribute("lang", timeout=1000).startswith("zh")
        hrefs = [h for _, h in visible_links(page, ".md-content__inner a")]
        assert any(h.startswith("tel:") for h in hrefs), hrefs
        assert any("/faq/" in h and h.rstrip("/").split("/")[-1] != "faq" for h in hrefs), "no popular questions"
        assert any(urlsplit(h).path in (f"/{MOUNT}/", f"/{MOUNT}/.") for h in hrefs), "no way home"
        assert page.locator("input[type=search], input[name=q], [role=search] input").first.count() == 1
        assert len(text) > 20
        # it is a styled page: the absolute stylesheet link resolves
        assert page.evaluate("() => document.styleSheets.length") >= 2


def test_phone_numbers_in_text_are_tappable(browser: object, base: str) -> None:
    """A number written in a page's text (「致电 0731-8888 0000」) is a tel: link."""
    with customer(browser, base, "promotions/winter-purchase/", PHONE) as page:
        link = page.locator(".md-content__inner a", has_text="0731-8888 0000").first
        assert link.count(), "phone number in the promotion text is not a link"
        assert (link.get_attribute("href") or "").replace("-", "").replace(" ", "").endswith("073188880000")


# --------------------------------------------------------------------------- promotions


def test_promotion_page_counts_down_and_ends_in_browser(browser: object, base: str) -> None:
    """「还剩 N 天」 computed in the browser; a cached page opened after ``end`` says 「活动已结束」."""
    with customer(browser, base, "promotions/winter-purchase/", PHONE) as page:
        assert re.search(r"还剩 \d+ 天", page.locator("article.md-content__inner").inner_text())
    with recording_page(browser, **PHONE) as (page, _):
        page.clock.install(time=dt.datetime(2027, 7, 2, 10, 0, tzinfo=TZ))
        page.goto(base + "promotions/winter-purchase/", wait_until="networkidle")
        text = page.locator("article.md-content__inner").inner_text()
        assert "活动已结束" in text and not re.search(r"还剩 \d+", text)


def _promo(title: str, start: dt.date, end: dt.date, models: str = "") -> str:
    return (f"---\ntitle: {title}\nsummary: {title}的简介。\nstart: {start.isoformat()}\nend: {end.isoformat()}\n"
            f"{models}---\n\n{title}的详细内容。\n")


def test_only_the_current_promotion_is_anywhere_in_site(tmp_path: Path) -> None:
    """A site with a past, a current and a future promotion: only the current one, in every file of site/
    (pages, lists, feeds, search index, sitemap), file names included."""
    root = copy_site(REPO, tmp_path / "src")
    for old in (root / "content" / "promotions").glob("*.md"):
        if old.name != "index.md":
            old.unlink()
    today = dt.datetime.now(TZ).date()
    promos = {
        # ended yesterday (a date-only end is the whole day) / starts today: the day boundary itself
        "heldout-past": ("已过期测试活动甲", today - dt.timedelta(days=40), today - dt.timedelta(days=1)),
        "heldout-now": ("进行中测试活动乙", today, today + dt.timedelta(days=20)),
        "heldout-future": ("未开始测试活动丙", today + dt.timedelta(days=10), today + dt.timedelta(days=40)),
    }
    for slug, (title, start, end) in promos.items():
        write(root, f"content/promotions/{slug}.md", _promo(title, start, end, "models: [asx]\n"))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"

    def texts() -> Iterator[tuple[str, str]]:
        for f in sorted(p for p in site.rglob("*") if p.is_file()):
            raw = f.read_bytes()
            if f.suffix == ".gz":
                raw = gzip.decompress(raw)
            s = raw.decode("utf-8", "ignore")
            if f.suffix == ".json":  # search index: compare decoded text, not \\u escapes
                s += json.dumps(json.loads(s), ensure_ascii=False)
            yield f.relative_to(site).as_posix(), unquote(s)

    leaks = [(rel, word) for rel, s in texts()
             for word in ("heldout-past", "已过期测试活动甲", "heldout-future", "未开始测试活动丙") if word in s]
    leaks += [(p.relative_to(site).as_posix(), "name") for p in site.rglob("*") if "heldout-past" in p.name or "heldout-future" in p.name]
    assert leaks == []
    where = {rel for rel, s in texts() if "进行中测试活动乙" in s or "heldout-now" in s}
    assert "index.html" in where  # home page
    assert "promotions/index.html" in where and "promotions/heldout-now/index.html" in where
    assert "models/asx/index.html" in where  # the model it names
    assert any(r.startswith("promotions/") and r.endswith(".xml") for r in where), where  # the promotions feed
    assert any("sitemap" in r for r in where), where
    assert any("search" in r and r.endswith(".json") for r in where), where


# --------------------------------------------------------------------------- more of what a customer sees


def test_compare_has_sticky_first_column_and_a_sideways_cue(browser: object, base: str) -> None:
    """On a phone the comparison scrolls sideways with the row labels kept in view, and says so."""
    with customer(browser, base, "models/compare/", PHONE) as page:
        table = page.locator("table").first
        scroller = table.evaluate_handle(
            "t => { for (let e = t; e; e = e.parentElement) if (e.scrollWidth > e.clientWidth + 1"
            " && getComputedStyle(e).overflowX !== 'visible') return e; return null; }")
        assert scroller.evaluate("e => e !== null"), "the comparison does not scroll sideways"
        first = table.locator("tr").nth(1).locator("th, td").first
        x0 = first.bounding_box()["x"]
        scroller.evaluate("e => { e.scrollLeft = 400; }")
        page.wait_for_timeout(200)
        assert abs(first.bounding_box()["x"] - x0) <= 2, "first column scrolled away"
        assert page.locator(".dealer-scroll-hint").first.is_visible(), "no visible sideways cue"


def test_brand_red_reads_on_white(browser: object, base: str) -> None:
    """The primary button's red and white text have a contrast of at least 4.5:1."""
    with customer(browser, base, "", PHONE) as page:
        colours = page.locator(".dealer-hero a.md-button--primary").evaluate(
            "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")

    def luminance(css: str) -> float:
        r, g, b = (int(x) / 255 for x in re.findall(r"\d+", css)[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    bg, fg = (luminance(c) for c in colours)
    ratio = (max(bg, fg) + 0.05) / (min(bg, fg) + 0.05)
    r, g, b = (int(x) for x in re.findall(r"\d+", colours[0])[:3])
    assert r > g + 60 and r > b + 60, f"primary button is not red: {colours[0]}"
    assert ratio >= 4.5, f"{colours}: {ratio:.2f}:1"


def test_icons_and_wechat_qr_in_footer(browser: object, base: str) -> None:
    """apple-touch-icon is linked and loads; the configured WeChat QR shows in the footer."""
    with customer(browser, base, "", PHONE) as page:
        href = page.locator("link[rel=apple-touch-icon]").get_attribute("href")
        assert href and page.request.get(page.url.rsplit("/", 1)[0] + "/" + href).status == 200
        assert_wechat_qr(page, "footer")


def test_wechat_qr_in_store_card(browser: object, base: str) -> None:
    """The issue: 「a WeChat QR image in the footer and store card when configured」."""
    with customer(browser, base, "", PHONE) as page:
        assert_wechat_qr(page, ".dealer-store")


def assert_wechat_qr(page: object, where: str) -> None:
    qr = page.locator(f"{where} img[src*='wechat']")  # type: ignore[attr-defined]
    assert qr.count() >= 1, f"no WeChat QR in {where}"
    qr.first.scroll_into_view_if_needed()
    assert qr.first.is_visible(), f"WeChat QR in {where} not visible"
    assert qr.first.evaluate("i => i.decode().then(() => i.naturalWidth > 0)")


def test_blog_post_has_no_metadata_heading(browser: object, base: str) -> None:
    with customer(browser, base, "blog/2026/11/05/winter-free-check-2026/", PHONE) as page:
        assert "元数据" not in page.locator("body").inner_text()


def test_promotion_page_on_phone_and_desktop(browser: object, base: str) -> None:
    """A one-model promotion: the phone bar books that model; the desktop shows a QR code for the phone."""
    with customer(browser, base, "promotions/outlander-finance/", PHONE) as page:
        assert "欧蓝德 0 息购车" in page.locator("h1").inner_text()
        bar = dict(visible_links(page, ".dealer-bar a"))
        test_drive = [h for t, h in bar.items() if "试驾" in t]
        assert test_drive and query(test_drive[0]).get("model") == "outlander", bar
        assert not any(h.startswith("mailto:") for h in bar.values())
    with customer(browser, base, "promotions/outlander-finance/", DESKTOP) as page:
        assert not page.locator(".dealer-bar").is_visible()
        assert page.locator(".dealer-qr__code").first.is_visible()


def test_promotions_index_lists_only_running_ones(browser: object, base: str) -> None:
    """The sample's national-day promotion ended on 2026-10-31: the index shows the two running ones only."""
    assert dt.datetime.now(TZ).date() > dt.date(2026, 10, 31)  # the premise of this test
    with customer(browser, base, "promotions/", PHONE) as page:
        text = page.locator("article.md-content__inner").inner_text()
        assert "冬季购车礼" in text and "欧蓝德 0 息购车" in text
        assert "国庆" not in text


def test_promotion_validation_reports_every_problem_in_chinese(tmp_path: Path) -> None:
    """end before start, an unknown model, a missing image and an unknown key: all reported in one run,
    each as path:line, in Chinese, no traceback; build exits 1."""
    root = copy_site(REPO, tmp_path / "src")
    write(root, "content/promotions/bad-dates.md", "---\ntitle: 坏日期\nsummary: 简介\nstart: 2026-12-10\nend: 2026-12-01\n---\n\n正文\n")
    write(root, "content/promotions/bad-model.md", "---\ntitle: 坏车型\nsummary: 简介\nstart: 2026-12-01\nend: 2026-12-31\nmodels: [lancer-evo]\n---\n\n正文\n")
    write(root, "content/promotions/bad-image.md", "---\ntitle: 坏图片\nsummary: 简介\nstart: 2026-12-01\nend: 2026-12-31\nimage: assets/promotions/nope.svg\n---\n\n正文\n")
    write(root, "content/promotions/bad-key.md", "---\ntitle: 坏字段\nsummary: 简介\nstart: 2026-12-01\nend: 2026-12-31\ndiscount: 8000\n---\n\n正文\n")
    result = mkdocs_build(root)
    assert result.returncode == 1
    check = content_check(root)
    assert check.returncode == 1
    assert "Traceback" not in result.stderr + check.stderr
    for slug, word in (("bad-dates", "end"), ("bad-model", "lancer-evo"), ("bad-image", "nope.svg"), ("bad-key", "discount")):
        lines = [line for line in result.stderr.splitlines() if f"content/promotions/{slug}.md:" in line]
        assert lines, f"{slug} not reported:\n{result.stderr}"
        assert any(word in line and re.search(r"[\u4e00-\u9fff]", line) and re.search(rf"{slug}\.md:\d+:", line) for line in lines), lines
        assert f"content/promotions/{slug}.md:" in check.stderr, check.stderr


PHONE_NUMBER = re.compile(r"(?<![\d-])(?:0\d{2,3}-\d{3,4} ?\d{4}|400-?\d{3}-?\d{4}|1[3-9]\d{9})(?!\d)")


class _PhoneText(html.parser.HTMLParser):
    """Phone numbers in a page's visible text that are not inside a tel: link."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[bool] = []
        self.hidden = 0
        self.untappable: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append((dict(attrs).get("href") or "").startswith("tel:"))
        if tag in ("script", "style", "title"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            self.links.pop()
        if tag in ("script", "style", "title"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden and not any(self.links):
            self.untappable += PHONE_NUMBER.findall(data)


def test_every_phone_number_in_the_site_is_tappable(sample: Path) -> None:
    found = []
    for page in sorted(sample.rglob("*.html")):
        parser = _PhoneText()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(sample)}: {n}" for n in parser.untappable]
    assert found == []


def test_home_is_filled_from_front_matter(tmp_path: Path) -> None:
    """An author changes content/index.md front matter only (no HTML): the home page follows."""
    root = copy_site(REPO, tmp_path / "src")
    index = root / "content" / "index.md"
    text = index.read_text(encoding="utf-8")
    text = text.replace("headline: 三菱 SUV 全系到店，欢迎预约试驾", "headline: 周末到店看车有礼")
    text = text.replace("actions: [test_drive, reserve, service, call, map]", "actions: [call, map]")
    text = re.sub(r"^faq: \d+$", "faq: 2", text, flags=re.M)
    text = re.sub(r"^posts: \d+$", "posts: 1", text, flags=re.M)
    index.write_text(text, encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "周末到店看车有礼" in home and "三菱 SUV 全系到店" not in home
    quick = [a for a in anchors(root / "site" / "index.html") if "dealer-quick__item" in a.get("class", "")]
    assert [a["href"][:4] for a in quick] == ["tel:", "http"], quick
    questions = home.split('id="faq"')[1].split("</ul>")[0]
    assert questions.count("<li") == 2
    news = home.split('id="news"')[1].split("</ul>")[0]
    assert news.count("<li") == 1


def test_home_promotion_cards_count_down(browser: object, base: str) -> None:
    with customer(browser, base, "", PHONE) as page:
        cards = page.locator(".dealer-promo-card")
        assert cards.count() == 2
        for i in range(2):
            cards.nth(i).scroll_into_view_if_needed()
            assert re.search(r"还剩 \d+ 天", cards.nth(i).inner_text()), cards.nth(i).inner_text()


def test_404_search_finds_answers_with_clean_links(browser: object, base: str) -> None:
    """On the 404 page a customer taps the search button, types 保养 and gets answers whose links are the pages' own URLs."""
    with customer(browser, base, "404.html", PHONE) as page:
        page.get_by_role("link", name="搜索问题、车型、服务").or_(page.get_by_role("button", name="搜索问题、车型、服务")).first.tap()
        page.wait_for_timeout(300)
        page.keyboard.type("保养")
        page.locator(".md-search-result a").first.wait_for(state="visible", timeout=5000)
        hrefs = page.eval_on_selector_all(".md-search-result a", "els => els.map(e => e.href)")
        assert any(h.endswith("/faq/service-cost/") for h in hrefs), hrefs
        bad = [h for h in hrefs if "//" in urlsplit(h).path]
        assert bad == [], bad


def _qr_modules(svg_path: str) -> set[tuple[int, int]]:
    """Dark modules (column, row) of a QR code drawn as one SVG path of horizontal runs (segno's output form)."""
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for cmd, args in re.findall(r"([Mmh])([-\d. ]+)", svg_path):
        n = [float(v) for v in args.split()]
        if cmd == "M":
            x, y = n
        elif cmd == "m":
            x, y = x + n[0], y + n[1]
        else:
            dark.update((int(x) + i, int(y - 0.5)) for i in range(int(n[0])))
            x += n[0]
    left, top = min(c for c, _ in dark), min(r for _, r in dark)  # quiet zone off
    return {(c - left, r - top) for c, r in dark}


@pytest.mark.parametrize("path", ["models/outlander/", "promotions/winter-purchase/"])
def test_desktop_qr_opens_the_same_page(sample: Path, path: str) -> None:
    """The desktop QR code encodes this page's own public URL (checked against segno's encoding of it)."""
    import segno

    page = (sample / path / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)
    assert canonical == "https://example.github.io/dealer-site/" + path
    drawn = _qr_modules(re.search(r'class="dealer-qr__code">.*?\sd="([^"]+)"', page, re.S).group(1))
    candidates = [segno.make(canonical, error=e, boost_error=b, micro=False) for e in "lmqh" for b in (True, False)]
    matrices = [{(c, r) for r, row in enumerate(q.matrix) for c, v in enumerate(row) if v} for q in candidates]
    assert drawn in matrices, "QR code does not encode " + canonical
