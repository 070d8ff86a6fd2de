"""Stage 2 without MkDocs: which pages exist, their order, related questions, links, escaping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from build_tools.catalog.records import VehicleModel
from build_tools.core.settings import Dealer, Paths, Settings
from build_tools.faq.pages import FaqMemo, RelatedIndex, generate_faq, related_entries
from build_tools.faq.records import Category, FaqEntry
from build_tools.site.content import Content


def entry(slug: str, category: str = "a", **kw: object) -> FaqEntry:
    defaults: dict[str, object] = {"question": f"{slug}？", "date": dt.date(2025, 1, 1), "answer": "答", "source": f"faq/{slug}.md"}
    return FaqEntry(slug=slug, category=category, **{**defaults, **kw})  # type: ignore[arg-type]


def settings(**kw: object) -> Settings:
    paths = Paths(Path("/x"), Path("/x/content"), Path("/x/faq"))
    defaults: dict[str, object] = {"dealer": Dealer("测试店", phone="0731-1234 5678", email="ask@example.cn"), "site_url": "https://d.example.cn/"}
    return Settings(paths=paths, **{**defaults, **kw})  # type: ignore[arg-type]


def content(*entries: FaqEntry) -> Content:
    return Content(
        categories={"a": Category("a", "保养"), "b": Category("b", "购车")},
        models={"m1": VehicleModel("m1", "欧蓝德", "content/models/m1.md")},
        faq=list(entries),
    )


def test_pages_for_home_categories_and_published_entries_only() -> None:
    site = content(entry("one"), entry("draft", draft=True), entry("later", date=dt.date(2999, 1, 1)))
    uris = [spec.uri for spec in generate_faq(site, settings())]
    assert uris == ["faq/index.md", "faq/category/a.md", "faq/category/b.md", "faq/one.md"]


def test_preview_shows_drafts_and_scheduled_with_their_status() -> None:
    site = content(entry("one"), entry("draft", draft=True), entry("later", date=dt.date(2999, 1, 1)))
    specs = {s.uri: s for s in generate_faq(site, settings(preview=True))}
    assert specs["faq/draft.md"].context()["faq"]["status"] == "draft"
    assert specs["faq/later.md"].context()["faq"]["status"] == "scheduled"
    assert specs["faq/one.md"].context()["faq"]["status"] == "published"


def test_related_prefers_shared_tags_and_models_then_popularity() -> None:
    me = entry("me", tags=("首保",), models=("m1",))
    both = entry("both", tags=("首保",), models=("m1",))  # category 3 + tag 2 + model 2
    tag = entry("tag", tags=("首保",), asked=1)  # 3 + 2
    popular = entry("popular", asked=99)  # 3
    other_cat = entry("other-cat", "b", models=("m1",))  # 2
    unrelated = entry("unrelated", "b")
    index = RelatedIndex.build([me, both, tag, popular, other_cat, unrelated])
    assert [e.slug for e in related_entries(me, index)] == ["both", "tag", "popular", "other-cat"]


def test_related_is_capped_at_five() -> None:
    entries = [entry(f"e{i}", asked=i) for i in range(10)]
    related = related_entries(entries[0], RelatedIndex.build(entries))
    assert [e.slug for e in related] == ["e9", "e8", "e7", "e6", "e5"]


def test_home_orders_popular_by_asked_and_newest_by_last_change() -> None:
    site = content(
        entry("old-popular", asked=50, date=dt.date(2024, 1, 1)),
        entry("new", asked=1, date=dt.date(2025, 5, 1)),
        entry("updated", asked=10, date=dt.date(2023, 1, 1), updated=dt.date(2025, 6, 1)),
    )
    home = generate_faq(site, settings())[0].context()["faq"]
    assert [e.slug for e in home["popular"]] == ["old-popular", "updated", "new"]
    assert [e.slug for e in home["newest"]] == ["updated", "new", "old-popular"]
    assert [(c.key, n) for c, n in home["categories"]] == [("a", 3), ("b", 0)]


def test_ask_link_falls_back_to_mailto_with_chinese_subject() -> None:
    specs = {s.uri: s for s in generate_faq(content(entry("one", models=("m1",))), settings())}
    assert specs["faq/one.md"].context()["faq"]["ask_url"] == (
        "mailto:ask@example.cn?subject=%E6%88%91%E8%A6%81%E6%8F%90%E9%97%AE%EF%BC%88%E4%BF%9D%E5%85%BB%E3%80%81%E6%AC%A7%E8%93%9D%E5%BE%B7%EF%BC%89"
        "&body=%E6%88%91%E7%9A%84%E9%97%AE%E9%A2%98%EF%BC%9A%0A%0A%0A%EF%BC%88%E6%9D%A5%E8%87%AA%E9%A1%B5%E9%9D%A2%20https%3A%2F%2Fd.example.cn%2Ffaq%2Fone%2F%EF%BC%89"
    )


def test_ask_link_falls_back_to_phone_without_email() -> None:
    specs = generate_faq(content(), settings(dealer=Dealer("店", phone="0731-1234 5678")))
    assert specs[0].context()["faq"]["ask_url"] == "tel:073112345678"


def test_ask_link_uses_the_configured_form() -> None:
    s = settings(leads={"ask": "https://f.example.cn/q?c={category_name}&m={model_name}#top"})
    specs = {x.uri: x for x in generate_faq(content(entry("one", models=("m1",))), s)}
    assert specs["faq/one.md"].context()["faq"]["ask_url"] == (
        "https://f.example.cn/q?c=%E4%BF%9D%E5%85%BB&m=%E6%AC%A7%E8%93%9D%E5%BE%B7&utm_source=website&utm_medium=cta&utm_campaign=m1#top"
    )


def test_page_source_escapes_the_title_for_material() -> None:
    spec = generate_faq(content(entry("x", question='<b>"A&B"</b>？')), settings())[-1]
    assert spec.meta() == {"title": "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;？", "template": "faq/entry.html"}
    assert spec.source() == "答"


def test_category_pages_paginate_newest_first_with_popular_on_the_first() -> None:
    entries = [entry(f"e{i:03d}", asked=i, date=dt.date(2024, 1, 1) + dt.timedelta(days=i)) for i in range(120)]
    specs = [s for s in generate_faq(content(*entries), settings()) if s.uri.startswith("faq/category/a")]
    assert [s.uri for s in specs] == ["faq/category/a.md", "faq/category/a/page/2.md", "faq/category/a/page/3.md"]
    first, second, third = (s.context()["faq"] for s in specs)
    assert [e.slug for e in first["popular"]] == ["e119", "e118", "e117", "e116", "e115"]
    assert [e.slug for e in first["entries"]][:2] == ["e119", "e118"] and len(first["entries"]) == 50
    assert second["popular"] == [] and next(e.slug for e in second["entries"]) == "e069"
    assert len(third["entries"]) == 20 and third["count"] == 120
    assert third["pagination"] == {"number": 3, "urls": ["faq/category/a/", "faq/category/a/page/2/", "faq/category/a/page/3/"]}
    assert specs[1].title == "保养（第 2 页）"


def test_an_unchanged_entry_keeps_its_page_spec_between_calls() -> None:
    # What keeps a preview rebuild quick: only pages whose inputs changed are made (and hashed) again.
    memo = FaqMemo()  # what the build object keeps from one preview build to the next

    def specs(two: FaqEntry, **kw: object) -> dict[str, object]:
        return {s.uri: s for s in generate_faq(content(entry("one"), entry("other", "b"), two), settings(**kw), memo=memo)}

    before = specs(entry("two", "b"))
    after = specs(entry("two", "b", answer="新回答"))
    assert after["faq/one.md"] is before["faq/one.md"]
    assert after["faq/two.md"] is not before["faq/two.md"] and after["faq/two.md"].source() == "新回答"
    # A page listing a changed question (as related) is made again.
    assert after["faq/other.md"] is not before["faq/other.md"]
    renamed = specs(entry("two", "b", question="改名？", answer="新回答"))
    assert [e.question for e in renamed["faq/other.md"].context()["faq"]["related"]] == ["改名？"]
    assert renamed["faq/one.md"] is after["faq/one.md"]
    # So is every page when something they all share changes, such as the lead links.
    form = specs(entry("two", "b", question="改名？", answer="新回答"), leads={"ask": "https://forms.example.cn/ask?c={category}"})
    assert form["faq/one.md"] is not renamed["faq/one.md"]
    assert form["faq/one.md"].context()["faq"]["ask_url"].startswith("https://forms.example.cn/ask?c=a")
