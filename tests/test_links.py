"""Link templates: percent-encoding, placeholder checks, mailto."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from build_tools.blog.pages import PostPage
from build_tools.blog.records import Post
from build_tools.catalog.records import Location, VehicleModel
from build_tools.core import links
from build_tools.core.links import Lead
from build_tools.core.settings import Dealer, Paths, Settings
from build_tools.site.content import Content


def test_fill_encodes_chinese_spaces_and_reserved_characters() -> None:
    url = links.fill("https://f.example.cn/ask?c={category_name}&p={page}", {"category_name": "保养 & 维修#1+2", "page": "https://d.cn/faq/a/?x=1"})
    assert url == "https://f.example.cn/ask?c=%E4%BF%9D%E5%85%BB%20%26%20%E7%BB%B4%E4%BF%AE%231%2B2&p=https%3A%2F%2Fd.cn%2Ffaq%2Fa%2F%3Fx%3D1"


def test_unknown_placeholder_is_rejected() -> None:
    with pytest.raises(links.LinkTemplateError, match=r"未知占位符 \{modle\}，可用的占位符：\{model\}、\{page\}"):
        links.check_template("https://f.cn/?m={modle}", ["model", "page"])


def test_unbalanced_brace_is_rejected() -> None:
    with pytest.raises(links.LinkTemplateError):
        links.check_template("https://f.cn/?m={model", ["model"])


def test_mailto_encodes_subject_and_body() -> None:
    assert links.mailto("a@b.cn", "我要 提问", "第一行\n第二行") == (
        "mailto:a@b.cn?subject=%E6%88%91%E8%A6%81%20%E6%8F%90%E9%97%AE&body=%E7%AC%AC%E4%B8%80%E8%A1%8C%0A%E7%AC%AC%E4%BA%8C%E8%A1%8C"
    )


from urllib.parse import parse_qs, urlsplit  # noqa: E402

TEST_DRIVE = "https://f.example.cn/td?model={model}&name={model_name}&store={dealer}"


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_lead_values_decode_back_exactly() -> None:
    builder = links.LeadBuilder({"test_drive": TEST_DRIVE})
    lead = builder.link("test_drive", model="beta", model_name="贝塔 Pro+ & #1", dealer="east", page="https://d.cn/models/beta/")
    assert lead.label == "预约试驾"
    assert query(lead.url) == {
        "model": ["beta"], "name": ["贝塔 Pro+ & #1"], "store": ["east"],
        "utm_source": ["website"], "utm_medium": ["cta"], "utm_campaign": ["beta"],
    }


def test_template_query_and_fragment_are_kept() -> None:
    builder = links.LeadBuilder({"reserve": "https://f.example.cn/r?src=site&utm_source=wechat#form"}, utm_campaign="spring-{model}")
    url = builder.link("reserve", model="alpha").url
    assert url == "https://f.example.cn/r?src=site&utm_source=wechat&utm_medium=cta&utm_campaign=spring-alpha#form"


def test_campaign_falls_back_to_the_kind_without_a_model() -> None:
    url = links.LeadBuilder({"service": "https://f.example.cn/s?store={dealer}"}).link("service", dealer="east").url
    assert url == "https://f.example.cn/s?store=east&utm_source=website&utm_medium=cta&utm_campaign=service"


def test_unconfigured_lead_falls_back_to_prefilled_mail() -> None:
    lead = links.LeadBuilder(email="sales@d.cn").link("test_drive", model="alpha", model_name="阿尔法", dealer_name="市中心店")
    parts = urlsplit(lead.url)
    assert (parts.scheme, parts.path) == ("mailto", "sales@d.cn")
    fields = parse_qs(parts.query)
    assert fields["subject"] == ["预约试驾（阿尔法、市中心店）"]
    assert fields["body"] == ["您好，我想预约试驾阿尔法。\n姓名：\n手机：\n希望的时间："]
    assert "+" not in lead.url and " " not in lead.url  # RFC 6068: spaces are %20


def test_without_mail_the_fallback_is_the_phone() -> None:
    assert links.LeadBuilder(phone="0731-8888 0000").link("quote", model="a").url == "tel:073188880000"


def test_a_post_about_a_model_ends_with_a_test_drive_of_it() -> None:
    site = Content(
        models={"asx": VehicleModel("asx", "劲炫", "content/models/asx.md")},
        locations=[Location("xingsha", "星沙店", "长沙", "星沙大道 1 号", "0731-1", services=("sales",))],
    )
    settings = Settings(
        paths=Paths(Path("/x"), Path("/x/content"), Path("/x/faq")), dealer=Dealer("测试店"), site_url="https://d.example.cn/",
        leads={"test_drive": "https://f.example.cn/td?m={model}&d={dealer}"},
    )
    when = dt.datetime(2025, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    about = Post("asx-launch", "劲炫上市", when, "正文", "blog/posts/a.md", "a.md", models=("asx",))

    def leads(post: Post, url: str) -> list[Lead]:
        return PostPage(post=post, status=post.status(when), content=site, settings=settings).at(url, []).leads

    (lead,) = leads(about, "blog/2025/01/01/asx-launch/")
    assert lead.label == "预约试驾 劲炫"  # each test-drive button names its model
    assert lead.url.startswith("https://f.example.cn/td?m=asx&d=xingsha&utm_source=website")
    assert leads(Post("news", "开业", when, "正文", "blog/posts/b.md", "b.md"), "blog/x/") == []
