"""Site search in a real browser: typing into the header search box of a built site."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import DESKTOP, REPO, build_copy, recording_page, type_query

from build_tools.search import Searcher

pytestmark = pytest.mark.browser

SEARCH_SITE = REPO / "tests" / "fixtures" / "search_site"
INDEX = "assets/dealer/search-index"
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")

# (what a customer types, the page that answers it) — one of each kind the issue names.
QUERIES = [
    ("怎么预约试驾", "faq/test-drive-booking/"),           # whole phrase, no spaces
    ("贷款买车首付多少", "faq/loan-down-payment/"),
    ("ASX油耗", "faq/asx-fuel/"),                          # mixed Latin/Chinese
    ("cvt", "faq/cvt-fluid/"),                             # Latin, lower case
    ("欧蓝", "faq/outlander-seven-seats/"),                # partial word (欧蓝德)
    ("到店试驾", "faq/walk-in-test-drive/"),               # text says 到店后…试驾车
    ("小保養多少錢", "faq/service-cost/"),                 # traditional characters
    ("預約試駕", "faq/test-drive-booking/"),
    ("试车", "faq/test-drive-highway/"),                   # vocabulary synonyms
    ("按揭", "faq/loan-down-payment/"),
    ("4WD", "faq/outlander-awd/"),
    ("ＡＳＸ", "faq/asx-fuel/"),                           # full-width letters
]


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_copy(SEARCH_SITE, tmp_path_factory.mktemp("search") / "src")


@pytest.fixture(scope="module")
def search_page(search_site: Path, serve: Callable[[Path], str], browser: object) -> Iterator[tuple[object, str, list[str]]]:
    """One desktop page of the built site, kept open for all queries; records every request."""
    with recording_page(browser, **DESKTOP) as (page, requested):
        base = serve(search_site)
        page.goto(base + "faq/")
        yield page, base, requested


def search(page: object, query: str) -> list[dict[str, str]]:
    """Type ``query`` into the header search box; the results as shown."""
    type_query(page, query)
    return page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')].map(li => ({
        href: li.querySelector('a').href, title: li.querySelector('h1').innerText,
        section: li.querySelector('.dealer-search__section').innerText,
        snippet: li.querySelector('.dealer-search__snippet').innerText,
        marks: [...li.querySelectorAll('mark')].map(m => m.innerText), text: li.innerText }))""")  # type: ignore[attr-defined]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_query_finds_the_answer_in_the_top_3(search_page: tuple, search_site: Path, query: str, expected: str) -> None:
    page, base, _ = search_page
    results = search(page, query)
    top3 = [r["href"].removeprefix(base) for r in results[:3]]
    assert expected in top3, results[:5]
    # The client in the browser ranks exactly like the reference implementation.
    reference = [hit.url for hit in Searcher.from_folder(search_site / INDEX).search(query, 3)]
    assert top3 == reference


def test_results_show_title_section_and_highlighted_snippet(search_page: tuple) -> None:
    page, base, _ = search_page
    first = search(page, "道路救援")[0]
    assert first["href"] == base + "faq/roadside-assistance/"
    assert first["title"] == "车在路上坏了有道路救援吗？"
    assert first["section"] == "售后维修"
    assert "24 小时道路救援" in first["snippet"]
    assert set(first["marks"]) == {"道路救援"}
    # Title match first; the passing mention (提车当天 … 道路救援服务) comes later.
    titles = [r["title"] for r in search(page, "道路救援")]
    assert titles.index("提车当天要做什么？") > 0


def test_synonym_and_traditional_matches_are_highlighted_as_written(search_page: tuple) -> None:
    page, _, _ = search_page
    results = search(page, "試車")  # traditional, and a synonym of 试驾
    highway = next(r for r in results[:3] if r["title"] == "试车的时候能上高速吗？")
    assert "试车" in highway["marks"]
    assert any("试驾" in r["marks"] for r in results)  # pages saying 试驾 match and show it marked


def test_no_invisible_characters_in_results(search_page: tuple) -> None:
    page, _, _ = search_page
    for query in ("怎么预约试驾", "首保多少公里", "S-AWC"):
        results = search(page, query)
        assert results
        for result in results:
            assert not INVISIBLE.search(result["text"]), (query, result)
    copied = page.evaluate("document.querySelector('.md-search-result__list').textContent")
    assert copied and not INVISIBLE.search(copied)


def test_drafts_and_scheduled_questions_are_not_found(search_page: tuple, search_site: Path) -> None:
    page, _, _ = search_page
    assert search(page, "紫罗兰限量版") == []   # only in a draft
    assert search(page, "琥珀特别版") == []     # only in a question dated 2999
    index = "".join(p.read_text(encoding="utf-8") for p in (search_site / INDEX).rglob("*.json"))
    assert "紫罗兰" not in index and "琥珀" not in index
    assert page.locator(".md-search-result__meta").inner_text() == "没有找到相关结果"


def test_enter_opens_the_first_result(search_site: Path, serve: Callable[[Path], str], browser: object) -> None:
    with recording_page(browser, **DESKTOP) as (page, _):
        base = serve(search_site)
        page.goto(base)
        search(page, "首保")
        page.locator("input.md-search__input").press("Enter")
        page.wait_for_url(base + "faq/first-service/")
        assert page.locator("article h1").inner_text() == "新车首保是多少公里？"


def test_search_on_a_phone(search_site: Path, serve: Callable[[Path], str], browser: object) -> None:
    with recording_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as (page, _):
        base = serve(search_site)
        page.goto(base + "faq/")
        box = page.locator("input.md-search__input")
        assert not page.evaluate("document.getElementById('__search').checked")
        page.locator("label.md-header__button[for=__search]").click()  # the magnifier opens the search
        page.wait_for_function("document.activeElement === document.querySelector('input.md-search__input')")
        results = search(page, "电瓶没电")
        assert results[0]["href"] == base + "faq/flat-battery/"
        first = page.locator(".md-search-result__item").first
        assert first.is_visible() and box.is_visible()
        # Material slides the search panel in: wait for it to settle, then it must fit the screen.
        page.wait_for_function("""() => { const r = document.querySelector('.md-search-result__item').getBoundingClientRect();
            return r.left >= 0 && r.right <= window.innerWidth && r.top < window.innerHeight; }""", timeout=5000)
        assert box.bounding_box()["y"] < first.bounding_box()["y"]


def test_no_index_download_without_a_search_and_nothing_leaves_the_machine(
    search_site: Path, serve: Callable[[Path], str], browser: object
) -> None:
    with recording_page(browser, **DESKTOP) as (page, requested):
        base = serve(search_site)
        for path in ("", "faq/", "faq/first-service/", "models/outlander/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        assert requested and not [u for u in requested if INDEX in u or "search_index" in u]
        assert not [u for u in requested if "/search/" in u and "worker" in u]  # Material's search is off

        results = search(page, "贷款买车首付多少")
        assert results[0]["href"] == base + "faq/loan-down-payment/"
        index_requests = [u for u in requested if INDEX in u]
        assert any(u.endswith("meta.json") for u in index_requests)
        # Only the shards of the query's terms, not the whole index.
        shards = json.loads((search_site / INDEX / "meta.json").read_text(encoding="utf-8"))["shards"]
        assert len([u for u in index_requests if "/t/" in u]) <= shards
        left = [u for u in requested if urlparse(u).hostname not in {"127.0.0.1", None} and not u.startswith("data:")]
        assert left == []
