"""Which buttons a page gets (core/actions.py) and the empty-parameter rule of lead URLs (core/links.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import markdown
import pytest
from conftest import write

from build_tools.catalog.records import Location, VehicleModel
from build_tools.core import actions, links
from build_tools.core.errors import Report
from build_tools.core.phones import PhoneLinks
from build_tools.core.qr import QrCache, qr_svg
from build_tools.core.settings import Paths
from build_tools.faq.load import load_categories
from build_tools.faq.records import Category

FORMS = {
    "test_drive": "https://f.example.cn/td?model={model}&store={dealer}",
    "reserve": "https://f.example.cn/r?model={model}&store={dealer}",
    "service": "https://f.example.cn/s?model={model}&store={dealer}#book",
}
BUILDER = links.LeadBuilder(FORMS)
OUTLANDER = VehicleModel("outlander", "欧蓝德", "content/models/outlander.md")
ASX = VehicleModel("asx", "劲炫 ASX", "content/models/asx.md")
CONCEPT = VehicleModel("concept", "概念车", "content/models/concept.md", test_drive=False)
SHOWROOM = Location("xingsha", "星沙店", "长沙", "星沙大道 1 号", "0731-1", services=("sales",))
WORKSHOP = Location("yuelu", "岳麓服务站", "长沙", "岳麓路 2 号", "0731-2", services=("service",))
PAGE = "https://d.example.cn/faq/x/"


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


@pytest.mark.parametrize(("key", "name", "topic"), [
    ("maintenance", "保养", "service"), ("repair", "售后维修", "service"), ("care", "用车保养", "service"),
    ("purchase", "购车", "sales"), ("test-drive", "试驾", "sales"), ("finance", "金融保险", "sales"), ("config", "车型配置", "sales"),
])
def test_a_category_topic_is_guessed_from_its_key_and_name(key: str, name: str, topic: str) -> None:
    assert Category(key, name).action_topic == topic


def test_a_configured_topic_wins_over_the_guess() -> None:
    assert Category("maintenance", "保养", topic="sales").action_topic == "sales"
    assert Category("tyres", "轮胎", topic="service").action_topic == "service"


def test_a_service_question_books_a_service_at_the_store_that_services_cars() -> None:
    [lead] = actions.topic_leads("service", [OUTLANDER], BUILDER, SHOWROOM, PAGE, WORKSHOP)
    assert (lead.kind, lead.label) == ("service", "预约保养")
    assert query(lead.url) == {"model": ["outlander"], "store": ["yuelu"], "utm_source": ["website"], "utm_medium": ["cta"], "utm_campaign": ["outlander"]}
    assert urlsplit(lead.url).fragment == "book"


def test_a_service_question_naming_several_models_books_without_a_model() -> None:
    [lead] = actions.topic_leads("service", [OUTLANDER, ASX], BUILDER, SHOWROOM, PAGE, WORKSHOP)
    assert "model" not in query(lead.url)


def test_a_purchase_question_gets_a_test_drive_per_model() -> None:
    leads = actions.topic_leads("sales", [OUTLANDER, ASX, CONCEPT], BUILDER, SHOWROOM, PAGE)
    assert [(lead.kind, lead.label) for lead in leads] == [("test_drive", "预约试驾 欧蓝德"), ("test_drive", "预约试驾 劲炫 ASX")]
    assert [query(lead.url)["model"] for lead in leads] == [["outlander"], ["asx"]]
    assert all(query(lead.url)["store"] == ["xingsha"] for lead in leads)


def test_a_purchase_question_without_a_model_gets_a_general_test_drive() -> None:
    [lead] = actions.topic_leads("sales", [], BUILDER, SHOWROOM, PAGE)
    assert lead.label == "预约试驾"
    assert lead.url == "https://f.example.cn/td?store=xingsha&utm_source=website&utm_medium=cta&utm_campaign=test_drive"


def test_a_question_only_about_a_model_without_test_drives_asks_for_a_quote() -> None:
    builder = links.LeadBuilder({**FORMS, "quote": "https://f.example.cn/q?model={model}"})
    [lead] = actions.topic_leads("sales", [CONCEPT], builder, SHOWROOM, PAGE)
    assert (lead.kind, lead.label) == ("quote", "获取报价") and query(lead.url)["model"] == ["concept"]


def test_store_cards_never_carry_an_empty_model() -> None:
    both = Location("x", "旗舰店", "长沙", "路", "0731-3", services=("sales", "service"))
    leads = actions.location_leads(both.sells, both.services_cars, both, BUILDER, "https://d.example.cn/dealers/")
    assert [lead.kind for lead in leads] == ["test_drive", "service"]
    for lead in leads:
        assert query(lead.url)["store"] == ["x"] and "model" not in query(lead.url)
        assert all(value != [""] for value in query(lead.url).values())


def test_the_action_bar_follows_the_page_topic() -> None:
    sales = actions.action_bar(actions.PageActions(), BUILDER, SHOWROOM, PAGE, WORKSHOP)
    assert [(lead.kind, lead.label) for lead in sales] == [("test_drive", "预约试驾"), ("reserve", "在线订车")]
    model = actions.action_bar(actions.PageActions("sales", OUTLANDER), BUILDER, SHOWROOM, PAGE, WORKSHOP)
    assert [query(lead.url)["model"] for lead in model] == [["outlander"], ["outlander"]]
    [service] = actions.action_bar(actions.PageActions("service"), BUILDER, SHOWROOM, PAGE, WORKSHOP)
    assert service.label == "预约保养" and query(service.url)["store"] == ["yuelu"]
    concept = actions.action_bar(actions.PageActions("sales", CONCEPT), BUILDER, SHOWROOM, PAGE)
    assert [lead.kind for lead in concept] == ["reserve"]


def test_an_unconfigured_kind_still_falls_back_to_mail() -> None:
    builder = links.LeadBuilder({"test_drive": FORMS["test_drive"]}, email="sales@d.cn")
    [lead] = actions.action_bar(actions.PageActions("service"), builder, SHOWROOM, PAGE)
    assert lead.url.startswith("mailto:sales@d.cn?subject=")


# -- the empty-parameter rule (core/links.fill) --------------------------------

def test_an_empty_placeholder_drops_its_whole_pair() -> None:
    template = "https://f.example.cn/td?model={model}&store={dealer}#form"
    assert links.fill(template, {"dealer": "east"}) == "https://f.example.cn/td?store=east#form"
    assert links.fill(template, {}) == "https://f.example.cn/td#form"
    assert links.fill(template, {"model": "a b", "dealer": "东"}) == "https://f.example.cn/td?model=a%20b&store=%E4%B8%9C#form"


def test_a_pair_with_fixed_text_or_no_placeholder_is_kept() -> None:
    template = "https://f.example.cn/td?src=site&campaign=spring-{model}&m={model}{model_name}&empty="
    assert links.fill(template, {}) == "https://f.example.cn/td?src=site&campaign=spring-&empty="
    assert links.fill("https://f.example.cn/{dealer}/form", {}) == "https://f.example.cn//form"  # only the query is ours to trim


def test_lead_urls_without_a_model_have_no_model_parameter() -> None:
    url = BUILDER.link("test_drive", dealer="east").url
    assert url == "https://f.example.cn/td?store=east&utm_source=website&utm_medium=cta&utm_campaign=test_drive"


# -- categories.yml topic ------------------------------------------------------

def test_categories_yml_topic_is_read_and_checked(tmp_path: Path) -> None:
    write(tmp_path, "faq/categories.yml", "tyres:\n  name: 轮胎\n  topic: service\nbuying:\n  name: 购车\n  topic: shop\n")
    report = Report()
    categories = load_categories(Paths(tmp_path, tmp_path / "content", tmp_path / "faq"), report)
    assert [str(p) for p in report.errors] == [
        "faq/categories.yml:6: topic: 未知的 topic 'shop' — 写 service（保养、维修类问题，按钮为预约保养）或 sales（购车、试驾类问题，按钮为预约试驾），或删掉这一行",
    ]
    assert categories["tyres"].action_topic == "service" and categories["buying"].action_topic == "sales"


# -- tappable phone numbers (core/phones.py) -----------------------------------

@pytest.mark.parametrize(("text", "html"), [
    ("请致电 0731-8888 0000 询问", '<p>请致电 <a class="dealer-tel" href="tel:073188880000">0731-8888 0000</a> 询问</p>'),
    ("拨打13800001111咨询", '<p>拨打<a class="dealer-tel" href="tel:13800001111">13800001111</a>咨询</p>'),
    ("热线 400-800-1234、010-12345678", '<p>热线 <a class="dealer-tel" href="tel:4008001234">400-800-1234</a>、<a class="dealer-tel" href="tel:01012345678">010-12345678</a></p>'),
    ("**电话 0731-8888 0000**", '<p><strong>电话 <a class="dealer-tel" href="tel:073188880000">0731-8888 0000</a></strong></p>'),
])
def test_phone_numbers_in_text_become_tel_links(text: str, html: str) -> None:
    assert markdown.markdown(text, extensions=[PhoneLinks()]) == html


@pytest.mark.parametrize("text", [
    "日期 2026-03-21，价格 169800 元，订单号 073188880000123",
    "[电话 0731-8888 0000](https://d.example.cn/)",
    "代码 `0731-8888 0000`",
    "    0731-8888 0000",
    '见 <a href="https://d.example.cn/">0731-8888 0000</a> 或 <code>0731-8888 0000</code>',
])
def test_numbers_that_are_not_phones_or_are_already_inside_links_and_code_stay_text(text: str) -> None:
    assert "tel:" not in markdown.markdown(text, extensions=[PhoneLinks()])


def test_a_raw_link_opened_in_text_without_a_number_still_covers_a_number_after_it() -> None:
    # The text before **这里** holds no number (the quick path) but opens the raw <a>: the number in
    # the tail after it is inside that link and stays text; the one after </a> becomes a link.
    html = markdown.markdown('<a href="/x">见 **这里** 0731-8888 0000</a> 后面 0731-8888 0001', extensions=[PhoneLinks()])
    assert html == ('<p><a href="/x">见 <strong>这里</strong> 0731-8888 0000</a> 后面 '
                    '<a class="dealer-tel" href="tel:073188880001">0731-8888 0001</a></p>')


# -- the page's QR code (core/qr.py) -------------------------------------------

def test_the_page_qr_code_is_inline_svg_without_outside_references() -> None:
    svg = qr_svg("https://d.example.cn/models/asx/")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ') and svg.endswith("</svg>")
    assert "<title>用手机扫码打开本页</title>" in svg and 'class="dealer-qr__code"' in svg
    assert "href" not in svg and "<?xml" not in svg


def test_qr_codes_are_kept_in_the_cache_and_drawn_the_same(tmp_path: Path) -> None:
    url = "https://d.example.cn/models/asx/"
    cache = QrCache(tmp_path)
    assert cache.svg(url) == qr_svg(url) and cache.svg(url, "扫码") == qr_svg(url, "扫码")
    cache.save()
    assert cache.path is not None and cache.path.is_file()
    warm = QrCache(tmp_path)
    assert warm.known == cache.used and warm.svg(url) == qr_svg(url)
    mtime = cache.path.stat().st_mtime_ns
    warm.svg(url, "扫码")
    warm.save()  # the same codes: the file is left alone
    assert cache.path.stat().st_mtime_ns == mtime
    QrCache(tmp_path).save()  # drew nothing: an empty cache is written
    assert QrCache(tmp_path).known == {}
    cache.path.write_text("not json", encoding="utf-8")
    assert QrCache(tmp_path).known == {} and QrCache(None).svg(url) == qr_svg(url)
