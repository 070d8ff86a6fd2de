"""Search stages without MkDocs: normalization, segmentation, the index and ranking."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from build_tools.catalog.records import VehicleModel
from build_tools.core.pages import Rendered, text_record
from build_tools.core.text import _simple_text, _TextParser, html_to_text
from build_tools.core.vocabulary import Vocabulary
from build_tools.faq.pages import FaqCategoryPage, FaqEntryPage
from build_tools.faq.records import Category, FaqEntry
from build_tools.search import SearchDoc, Searcher, build_index
from build_tools.search.index import fnv1a, shard_key, shard_of
from build_tools.search.normalize import normalize, normalize_with_map, t2s_table
from build_tools.search.pages import section_for
from build_tools.search.segment import Lexicon, highlight_spans, index_terms, query_groups

VOCABULARY = Vocabulary(
    words=("欧蓝德", "劲炫ASX", "ASX", "S-AWC", "CVT", "首保", "到店试驾"),
    synonyms=(("保养", "维护"), ("试驾", "试车"), ("首付", "首期"), ("四驱", "4WD"), ("贷款", "按揭")),
)
LEXICON = Lexicon.from_vocabulary(VOCABULARY)


# --- normalization -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("保養", "保养"),
    ("試駕預約", "试驾预约"),
    ("歐藍德貸款", "欧蓝德贷款"),
    ("ＡＳＸ油耗", "asx油耗"),          # full-width Latin from a Chinese input method
    ("５０００公里", "5000公里"),        # full-width digits
    ("CVT 變速箱", "cvt 变速箱"),
    ("S-AWC", "s-awc"),
    ("首\u200b保\ufeff", "首保"),        # zero-width characters vanish
    ("新车首保", "新车首保"),             # simplified text is left alone
])
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_normalize_never_changes_simplified_characters() -> None:
    table = t2s_table()
    assert len(table) > 2000
    assert not set(table) & set(table.values()), "a simplified character would be rewritten"


def test_normalize_with_map_points_back_to_the_original() -> None:
    text = "Ｘ\u200b保養"
    folded, origin = normalize_with_map(text)
    assert folded == "x保养"
    assert [text[i] for i in origin] == ["Ｘ", "保", "養"]


# --- segmentation ---------------------------------------------------------------------

def test_bigrams_across_a_word_boundary_count_half() -> None:
    terms = index_terms(normalize("怎么预约试驾"), LEXICON)
    assert terms["预约"] == 1.0 and terms["试驾"] >= 1.0
    assert terms["约试"] == 0.5  # 预约|试驾: jieba puts a boundary between them


def test_partial_word_is_indexed() -> None:
    terms = index_terms(normalize("欧蓝德的第三排"), LEXICON)
    assert "欧蓝" in terms and "蓝德" in terms and "=欧蓝德" in terms


def test_latin_tokens_and_prefixes() -> None:
    terms = index_terms(normalize("劲炫ASX搭载CVT"), LEXICON)
    assert {"asx", "cvt", "as*", "cv*", "劲炫", "搭载"} <= terms.keys()
    assert "asx*" not in terms  # a whole token is not its own prefix


def test_synonyms_meet_at_one_concept() -> None:
    assert "=保养" in index_terms(normalize("定期维护很重要"), LEXICON)
    assert "=试驾" in index_terms(normalize("可以到店试车"), LEXICON)
    assert "=四驱" in index_terms(normalize("4WD 版本"), LEXICON)


def test_word_inside_a_vocabulary_word_is_its_concept_too() -> None:
    assert {"=到店试驾", "=试驾"} <= index_terms(normalize("欢迎到店试驾"), LEXICON).keys()


def test_latin_vocabulary_word_does_not_match_inside_a_longer_token() -> None:
    assert "=asx" not in index_terms(normalize("asxl"), LEXICON)


def test_query_drops_question_words_and_particles() -> None:
    groups = query_groups(normalize("怎么预约试驾吗"), LEXICON)
    terms = {t for g in groups for t in g.terms}
    assert {"预约", "试驾", "=试驾"} <= terms
    assert not terms & {"怎么", "么预", "驾吗", "吗"}


def test_query_of_only_question_words_still_searches() -> None:
    assert [g.terms for g in query_groups("多少", LEXICON)] == [("多少",)]


def test_mixed_query_splits_latin_and_chinese() -> None:
    terms = [g.terms for g in query_groups(normalize("ASX油耗"), LEXICON)]
    assert ("asx",) in terms and ("油耗",) in terms and ("=asx",) in terms


def test_last_latin_token_also_matches_as_a_prefix() -> None:
    assert query_groups("cv", LEXICON)[0].terms == ("cv", "cv*")
    assert query_groups("cv 保养", LEXICON)[0].terms == ("cv",)


def test_synonym_query_highlights_every_variant() -> None:
    group = next(g for g in query_groups("试车", LEXICON) if g.terms == ("=试驾",))
    assert set(group.surfaces) == {"试驾", "试车"}
    assert highlight_spans("欢迎试驾和试车", group.surfaces) == [(2, 4), (5, 7)]


# --- index format ---------------------------------------------------------------------

def test_fnv1a_matches_the_reference_values() -> None:
    # Published FNV-1a 32-bit test vectors; the browser client computes the same.
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_related_terms_share_a_shard() -> None:
    assert shard_key("=保养") == shard_key("保养") == "保养"
    assert shard_key("cv*") == shard_key("cvt") == "cv"
    assert shard_key("=欧蓝德") == "欧蓝"


def docs() -> list[SearchDoc]:
    return [
        SearchDoc("faq/roadside/", "车在路上坏了有道路救援吗？", "售后维修", "本店提供 24 小时道路救援，市区内免费拖车。"),
        SearchDoc("faq/pickup/", "提车当天要做什么？", "购车", "验车、签字、交钥匙。销售顾问会讲解车辆功能，也会介绍道路救援服务和保养安排，以及很多其他事项。"),
        SearchDoc("faq/booking/", "怎么预约试驾？", "试驾", "打电话或在网上填表都可以预约，建议提前一天。"),
        SearchDoc("faq/walk-in/", "没有预约能直接去店里吗？", "试驾", "可以，到店后有空闲的试驾车就能安排。"),
        SearchDoc("faq/down-payment/", "贷款买车最低首付是多少？", "金融保险", "最低首付为车价的 20%，期限 1 到 5 年。"),
        SearchDoc("faq/service/", "多久维护一次？", "保养", "每 10000 公里保养一次。"),
        SearchDoc("faq/awd/", "欧蓝德的四驱是什么系统？", "车型配置", "欧蓝德配备 S-AWC 超级全轮控制系统。"),
        SearchDoc("faq/asx-fuel/", "劲炫 ASX 油耗多少？", "车型配置", "市区油耗约 8 升。"),
        SearchDoc("faq/asx-cvt/", "劲炫 ASX 的 CVT 耐用吗？", "车型配置", "CVT 技术成熟。"),
    ]


@pytest.fixture(scope="module")
def searcher() -> Searcher:
    return Searcher.from_index(build_index(docs(), VOCABULARY))


def top(searcher: Searcher, query: str, n: int = 3) -> list[str]:
    return [hit.url for hit in searcher.search(query, n)]


def test_index_is_plain_json_shards(tmp_path: Path) -> None:
    index = build_index(docs(), VOCABULARY)
    index.write(tmp_path)
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    assert meta["docs"] == len(docs())
    shards = sorted(tmp_path.glob("t/*.json"))
    assert len(shards) == meta["shards"]
    for shard in shards:
        for term, flat in json.loads(shard.read_text(encoding="utf-8")).items():
            assert shard_of(term, meta["shards"]) == int(shard.stem)
            assert len(flat) % 2 == 0 and all(isinstance(v, int) and v >= 0 for v in flat)
    # Only the traditional characters whose simplified form is on the site are shipped.
    assert "養" in meta["t2s"] and "鬱" not in meta["t2s"]
    assert Searcher.from_folder(tmp_path).search("道路救援")[0].url == "faq/roadside/"


def test_stored_texts_carry_no_invisible_characters() -> None:
    index = build_index([SearchDoc("faq/x/", "首\u200b保", "保\ufeff养", "五千\u200d公里")])
    assert index.files["d/0.json"] == [["faq/x/", "首保", "保养", "五千公里"]]


def test_many_documents_are_spread_over_several_shards(tmp_path: Path) -> None:
    many = [SearchDoc(f"faq/q{i}/", f"第{i}个问题：保养{i % 7}号", "保养", f"答案{i}，关于机油和变速箱油。" * 3) for i in range(600)]
    build_index(many).write(tmp_path)
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    assert meta["shards"] > 1 and meta["chunk"] * len(list(tmp_path.glob("d/*.json"))) >= 600
    assert {hit.url for hit in Searcher.from_folder(tmp_path).search("第123个问题", 3)} >= {"faq/q123/"}


# --- ranking --------------------------------------------------------------------------

def test_title_match_ranks_above_a_passing_mention(searcher: Searcher) -> None:
    assert top(searcher, "道路救援") == ["faq/roadside/", "faq/pickup/"]


@pytest.mark.parametrize(("query", "expected"), [
    ("怎么预约试驾", "faq/booking/"),          # whole phrase, question word
    ("贷款买车首付多少", "faq/down-payment/"),  # long phrase; 多少 is not required
    ("ASX油耗", "faq/asx-fuel/"),             # mixed Latin/Chinese
    ("cvt", "faq/asx-cvt/"),                  # lower case
    ("欧蓝", "faq/awd/"),                      # partial word
    ("到店试驾", "faq/walk-in/"),              # 到店后…试驾 in the text
    ("保養", "faq/service/"),                  # traditional, and synonym of 维护 in the title
    ("試駕", "faq/booking/"),
    ("按揭首期", "faq/down-payment/"),          # synonyms of 贷款 and 首付
    ("4WD", "faq/awd/"),                       # synonym of 四驱
    ("ＡＳＸ", "faq/asx-fuel/"),               # full width
])
def test_query_finds_the_answer(searcher: Searcher, query: str, expected: str) -> None:
    assert expected in top(searcher, query), searcher.search(query)


def test_first_result_is_the_one_matching_most_of_the_query(searcher: Searcher) -> None:
    assert top(searcher, "劲炫ASX的CVT", 1) == ["faq/asx-cvt/"]
    assert top(searcher, "ASX 油耗", 1) == ["faq/asx-fuel/"]


def test_missing_words_never_empty_the_results(searcher: Searcher) -> None:
    # OR semantics: 周末 and 吗 are on no page, the rest still finds the answer.
    assert top(searcher, "周末怎么预约试驾吗", 1) == ["faq/booking/"]


def test_nothing_matches_nothing(searcher: Searcher) -> None:
    assert searcher.search("紫罗兰") == []
    assert searcher.search("  ") == []


# --- pages ----------------------------------------------------------------------------

def test_html_to_text_keeps_visible_text_only() -> None:
    html = "<h2>标题</h2><p>首保<strong>免费</strong>&amp;快</p><script>var x = 1;</script><ul><li>一</li><li>二\u200b</li></ul>"
    assert html_to_text(html) == "标题 首保免费&快 一 二"


def _parsed_text(html: str) -> str:
    """html_to_text as it was, HTMLParser alone: what the fast path must agree with."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).replace("\u200b", "").split())


# What Python-Markdown and Material render (fast path) and what only HTMLParser reads (fallback).
SIMPLE_HTML = [
    '<h2 id="shou-bao">首保<a class="headerlink" href="#shou-bao" title="Permanent link">&para;</a></h2><p>机油&amp;机滤 &lt;免费&gt;</p>',
    "<p>a<br>b<br/>c<br />d</p><!-- more --><p>e</p>",
    '<table>\n<thead>\n<tr>\n<th>项目</th>\n</tr>\n</thead>\n<tbody><tr><td data-x=\'1 > 0\'>¥16.98 万</td></tr></tbody></table>',
    '<div class="admonition note"><p class="admonition-title">注意</p><p>ASX&nbsp;油耗 &#x4e00;&#19968;</p></div>',
    "<pre><code>a &lt; b &amp;&amp; c\n</code></pre><P>大写</P>",
    "",
    "纯文字，没有标签 &amp; 实体",
]
HTMLPARSER_HTML = [
    "<p>a < b</p>",
    "<p>x</p><script>var s = '<p>';</script><p>y</p>",
    '<p>图标<svg viewBox="0 0 24 24"><path d="M0"/></svg>后</p>',
    "<p>a<!-- x -- y -->b<!---->c<!-->d</p>",
    "<!DOCTYPE html><p>a</p><?php echo 1 ?>",
    "<p class=a\"b>c</p></p class=x><p",
    "<template><p>隐藏</p></template><p>显示</p>",
    "<textarea><p>原样</p></textarea><title>t</title>",
]


@pytest.mark.parametrize("html", SIMPLE_HTML + HTMLPARSER_HTML)
def test_html_to_text_reads_what_htmlparser_reads(html: str) -> None:
    assert html_to_text(html) == _parsed_text(html)
    assert (_simple_text(html) is not None) == (html in SIMPLE_HTML)


def test_section_is_the_longest_matching_nav_prefix() -> None:
    sections = [("models/", "车型"), ("faq/", "常见问题"), ("about/", "关于我们")]
    assert section_for("models/outlander/", sections) == "车型"
    assert section_for("about/", sections) == "关于我们"
    assert section_for("contact/", sections, "页面") == "页面"


def test_page_records_questions_by_their_parts_and_lists_by_description_only() -> None:
    entry = FaqEntry("first-service", "新车首保是多少公里？", "maintenance", dt.date(2025, 1, 1), "5000 公里", "faq/first-service.md", tags=("首保",))
    category = Category("maintenance", "保养")
    page = FaqEntryPage(uri="faq/first-service.md", title=entry.question, entry=entry, category=category,
                        models=[VehicleModel("asx", "劲炫", "content/models/asx.md")], related=[], ask_url="", leads=[],
                        status="published", today=dt.date(2025, 1, 2), jsonld=[])
    doc = page.search_record(Rendered("faq/first-service/", "<p>5000 <b>公里</b></p>"), "新车首保是多少公里？", "常见问题")
    assert doc == SearchDoc("faq/first-service/", "新车首保是多少公里？", "保养", "5000 公里", "首保 劲炫", asked=0)
    draft = dataclasses.replace(page, status="draft")
    assert draft.search_record(Rendered("faq/first-service/", "<p>x</p>"), "", "常见问题") is None
    listing = FaqCategoryPage(uri="faq/category/maintenance.md", title="保养", description="保养常见问题", category=category,
                              popular=[], entries=[], count=0, pagination={}, ask_url="")
    rendered = Rendered("faq/category/maintenance/", "<p>几十个问题…</p>")
    assert listing.search_record(rendered, "保养", "常见问题") == SearchDoc("faq/category/maintenance/", "保养", "常见问题", "保养常见问题")
    assert text_record(Rendered("models/asx/", "<h1>劲炫</h1><p>紧凑型 SUV</p>"), "劲炫", "车型") == SearchDoc("models/asx/", "劲炫", "车型", "劲炫 紧凑型 SUV")
