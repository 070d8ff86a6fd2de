"""Search, round two, in a real browser: pinyin, long spoken questions, entities first, suggestions
with the WAI-ARIA combobox keyboard pattern, and the way out (hotline, 我要提问 with the query,
no-result queries masked and sent to a feedback endpoint — here a real loopback HTTP server)."""

from __future__ import annotations

import http.server
import json
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import DESKTOP, PHONE, REPO, built, copy_site, recording_page, type_query

from build_tools.intake.privacy import mask
from build_tools.search import Searcher
from build_tools.search.pinyin import split_syllables, twin_terms, word_sounds
from build_tools.search.segment import Lexicon, entity_matches, query_groups, strip_fillers

SEARCH_SITE = REPO / "tests" / "fixtures" / "search_site"
INDEX = "assets/dealer/search-index"
ASK = "https://form.example.cn/ask?topic={category}&q={query}"
# How often each question was asked (front matter `asked:`), so suggestions have an order to show.
ASKED = {"test-drive/test-drive-license.md": 90, "test-drive/home-test-drive.md": 40, "test-drive/test-drive-booking.md": 10}


class Feedback:
    """A loopback HTTP server that records what the search panel sends it."""

    def __init__(self) -> None:
        self.received: list[dict[str, object]] = []
        self.event = threading.Event()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                owner.received.append({"method": "POST", "type": self.headers.get("Content-Type", ""), "form": parse_qs(body),
                                       "cookie": self.headers.get("Cookie")})
                owner.event.set()
                self.send_response(204)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feedback"

    def wait(self, count: int, seconds: float = 10) -> list[dict[str, object]]:
        """The first ``count`` submissions, waiting up to ``seconds`` for them."""
        deadline = threading.Event()
        for _ in range(int(seconds * 10)):
            if len(self.received) >= count:
                break
            deadline.wait(0.1)
        assert len(self.received) >= count, self.received
        return self.received[:count]


@pytest.fixture(scope="module")
def feedback() -> Iterator[Feedback]:
    server = Feedback()
    yield server
    server.server.shutdown()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, feedback: Feedback) -> Path:
    """The search fixture site with an ask form taking {query}, a feedback endpoint and asked counts."""
    root = copy_site(SEARCH_SITE, tmp_path_factory.mktemp("round2") / "src")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - dealer:\n", f"  - dealer:\n      leads:\n        ask: {ASK}\n      feedback_endpoint:\n        url: {feedback.url}\n        method: POST\n", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for rel, asked in ASKED.items():
        path = root / "faq" / rel
        path.write_text(path.read_text(encoding="utf-8").replace("category:", f"asked: {asked}\ncategory:", 1), encoding="utf-8")
    return built(root)


@pytest.fixture(scope="module")
def reference(site: Path) -> Searcher:
    return Searcher.from_folder(site / INDEX)


@pytest.fixture(scope="module")
def desk(site: Path, serve: Callable[[Path], str], browser: object) -> Iterator[tuple[object, str]]:
    with recording_page(browser, **DESKTOP) as (page, _):
        base = serve(site)
        page.goto(base + "faq/")
        yield page, base


def search(page: object, query: str) -> list[str]:
    """Type ``query``; the URLs of the results shown (suggestions apart)."""
    type_query(page, query)
    return page.evaluate("() => [...document.querySelectorAll('.md-search-result__item a')].map(a => a.getAttribute('href'))")  # type: ignore[attr-defined]


def urls(page: object, base: str, query: str) -> list[str]:
    return [href.removeprefix(base) for href in search(page, query)]


# --- the query kinds, in the browser and in the reference implementation ------------------------------

KINDS = [
    # pinyin typed with the input method off, spaces optional
    ("shoubao", "faq/first-service/"),
    ("shijia yuyue", "faq/test-drive-booking/"),
    ("shijiayuyue", "faq/test-drive-booking/"),
    ("baoyang duoshaoqian", "faq/service-cost/"),
    ("sb", "faq/first-service/"),  # initials: 首保 (and 三包, which sounds alike)
    # homophone slips of a pinyin input method
    ("首包多少公里", "faq/first-service/"),
    ("小保样多少钱", "faq/service-cost/"),
    ("是驾要带驾照吗", "faq/test-drive-license/"),
    # a long spoken question, fillers and all
    ("我想周末带家人去店里试一下车需要先预约吗", "faq/test-drive-booking/"),
    ("请问一下我想知道新车买回来第一次保养是开到多少公里的时候做呢", "faq/first-service/"),
]


@pytest.mark.parametrize(("query", "expected"), KINDS)
def test_query_kinds_find_the_answer(desk: tuple, reference: Searcher, query: str, expected: str) -> None:
    page, base = desk
    shown = urls(page, base, query)
    assert expected in shown[:3], shown
    assert shown[:3] == [hit.url for hit in reference.search(query, 3)]  # the client ranks as query.py does


def test_long_question_puts_its_answer_first(desk: tuple) -> None:
    page, base = desk
    assert urls(page, base, "我想周末带家人去店里试一下车需要先预约吗")[0] == "faq/test-drive-booking/"


@pytest.mark.parametrize("query", ["欧蓝德", "oulande", "Outlander", "欧兰德"])
def test_a_model_named_puts_its_page_first(desk: tuple, query: str) -> None:
    page, base = desk
    shown = urls(page, base, query)
    assert shown[0] == "models/outlander/", shown
    if query != "Outlander":  # the questions say 欧蓝德, not its English name
        assert "faq/outlander-seven-seats/" in shown  # the questions about it follow


def test_a_model_named_among_other_words_does_not_hide_the_question(desk: tuple) -> None:
    page, base = desk
    assert urls(page, base, "欧蓝德有七座吗")[0] == "faq/outlander-seven-seats/"


# --- suggestions and the combobox -------------------------------------------------------------------

def aria(page: object) -> dict[str, object]:
    return page.evaluate("""() => { const i = document.querySelector('input.md-search__input');
        const box = document.getElementById(i.getAttribute('aria-controls'));
        const opts = [...box.querySelectorAll('[role=option]')];
        return { role: i.getAttribute('role'), expanded: i.getAttribute('aria-expanded'), active: i.getAttribute('aria-activedescendant'),
                 listbox: box.getAttribute('role'), options: opts.map(o => o.id), hrefs: opts.map(o => o.href),
                 selected: opts.filter(o => o.getAttribute('aria-selected') === 'true').map(o => o.id),
                 suggestions: [...document.querySelectorAll('.dealer-search__suggestion')].map(a => a.innerText),
                 focused: document.activeElement === i,
                 dialog: document.querySelector('[role=dialog]').getAttribute('aria-label') }; }""")  # type: ignore[attr-defined]


def test_suggestions_are_the_most_asked_matching_questions(desk: tuple, reference: Searcher) -> None:
    page, _ = desk
    search(page, "试驾")
    state = aria(page)
    assert state["suggestions"][:3] == ["试驾要带驾照吗？", "可以把试驾车开到小区门口吗？", "怎么预约试驾？"]
    assert state["suggestions"] == [hit.title for hit in reference.suggest("试驾")]


def test_arrow_keys_move_through_suggestions_and_results(site: Path, serve: Callable[[Path], str], browser: object) -> None:
    with recording_page(browser, **DESKTOP) as (page, _):
        base = serve(site)
        page.goto(base + "faq/")
        box = page.locator("input.md-search__input")
        assert aria(page)["role"] == "combobox" and aria(page)["expanded"] == "false" and aria(page)["listbox"] is None
        assert aria(page)["dialog"] == "搜索"
        search(page, "试驾")
        state = aria(page)
        assert state["expanded"] == "true" and state["listbox"] == "listbox" and state["active"] is None
        suggestions = len(state["suggestions"])
        assert suggestions >= 2 and len(state["options"]) > suggestions
        box.press("ArrowDown")
        state = aria(page)
        assert state["active"] == state["options"][0] and state["selected"] == [state["options"][0]] and state["focused"]
        for _ in range(suggestions):
            box.press("ArrowDown")  # past the suggestions, into the results
        state = aria(page)
        assert state["active"] == state["options"][suggestions] and state["selected"] == [state["active"]]
        box.press("ArrowUp")
        assert aria(page)["active"] == state["options"][suggestions - 1]
        box.press("ArrowDown")
        target = aria(page)["hrefs"][suggestions]
        box.press("Enter")  # opens the option the arrows are on
        page.wait_for_url(target)
        assert target != base + "faq/"

        page.goto(base + "faq/")
        search(page, "试驾")
        box.press("ArrowUp")  # up from the box: the last option
        state = aria(page)
        assert state["active"] == state["options"][-1]
        box.press("Escape")
        state = aria(page)
        assert state["expanded"] == "false" and state["active"] is None and not state["focused"]
        assert not page.evaluate("document.getElementById('__search').checked")


def test_enter_without_arrows_opens_the_first_suggestion(site: Path, serve: Callable[[Path], str], browser: object) -> None:
    with recording_page(browser, **DESKTOP) as (page, _):
        base = serve(site)
        page.goto(base)
        search(page, "试驾")
        page.locator("input.md-search__input").press("Enter")
        page.wait_for_url(base + "faq/test-drive-license/")  # the most asked of the matching questions


# --- the way out ------------------------------------------------------------------------------------

def test_no_result_shows_hotline_and_ask_with_the_query(desk: tuple, feedback: Feedback) -> None:
    page, _ = desk
    query = "紫罗兰 & 限量#版"
    assert search(page, query) == []
    way = page.locator(".dealer-search__wayout")
    assert way.is_visible()
    assert page.locator(".dealer-search__call").get_attribute("href") == "tel:073122223333"
    assert "0731-2222 3333" in page.locator(".dealer-search__call").inner_text()
    ask = page.locator(".dealer-search__ask").get_attribute("href")
    parts = urlsplit(ask)
    assert (parts.netloc, parts.path) == ("form.example.cn", "/ask")
    assert parse_qs(parts.query)["q"] == [query]  # percent-encoded: & and # stay in the query
    assert parse_qs(parts.query)["utm_source"] == ["website"]
    assert not page.locator(".dealer-search__notfound").is_visible()
    # Results again: the way out hides behind 「没找到答案？」.
    assert search(page, "首保")
    assert not way.is_visible() and page.locator(".dealer-search__notfound").is_visible()


def test_no_result_queries_are_masked_and_sent_once(site: Path, serve: Callable[[Path], str], browser: object, feedback: Feedback) -> None:
    with recording_page(browser, **PHONE) as (page, _):
        base = serve(site)
        page.goto(base + "faq/")
        page.locator("label.md-header__button[for=__search]").click()
        start = len(feedback.received)
        secret = "紫罗兰 13812345678 430102199003071234 湘A12345 abc@example.com 我叫王小明"
        assert search(page, secret) == []
        got = feedback.wait(start + 1)[start]
        form = got["form"]
        assert form["source"] == ["search"] and form["reason"] == ["no_results"]  # type: ignore[index]
        sent = form["query"][0]  # type: ignore[index]
        assert sent == mask(secret)[0]  # the same placeholders intake writes
        assert not re.search(r"\d{4}|王小明|abc@", sent)
        assert got["cookie"] is None and "x-www-form-urlencoded" in str(got["type"])
        page.wait_for_timeout(2000)
        assert len(feedback.received) == start + 1  # once, not at every keystroke
        # What the browser's simpler masks may miss stays in the browser: a VIN, a WeChat id, Chinese numerals.
        for risky in ("紫罗兰 LSGBF53E2DH123456", "紫罗兰 zhang_san_88", "紫罗兰 一三八一二三四五六七八"):
            assert search(page, risky) == [], risky
        page.wait_for_timeout(1800)
        assert len(feedback.received) == start + 1

        assert search(page, "首保")  # results: nothing sent, until the customer says it did not help
        page.wait_for_timeout(1800)
        assert len(feedback.received) == start + 1
        page.locator(".dealer-search__notfound").click()
        assert page.locator(".dealer-search__wayout").is_visible()
        marked = feedback.wait(start + 2)[start + 1]["form"]
        assert marked["reason"] == ["not_answered"] and marked["query"] == ["首保"]  # type: ignore[index]
        ask = page.locator(".dealer-search__ask").get_attribute("href")
        assert parse_qs(urlsplit(ask).query)["q"] == ["首保"]


def test_without_an_endpoint_nothing_is_sent(desk: tuple, built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "data-feedback-url" not in html and 'data-mark="__dealer_search_query__"' in html


# --- the stages without a browser -------------------------------------------------------------------

def test_pinyin_of_titles_and_vocabulary() -> None:
    assert twin_terms("首保试驾") == ["^shoubao", "^baoshi", "^shijia"]
    assert twin_terms("银行") == ["^yinhang"]  # read in context, not 行 = xing
    assert word_sounds("劲炫asx") == ("jin xuan asx", "jxasx")
    syllables = {"xi", "an", "xian", "shi", "jia", "yu", "yue"}
    assert split_syllables("xian", syllables) == ["xian"]
    assert split_syllables("shijiayuyue", syllables) == ["shi", "jia", "yu", "yue"]
    assert split_syllables("cvt", syllables) is None


def test_fillers_are_cut_and_the_rest_joined() -> None:
    assert strip_fillers("我想试一下车需要预约吗") == "试车预约吗"
    assert strip_fillers("一下") == "一下"  # nothing else: the query stays


def test_meta_ships_pinyin_and_entities(site: Path, reference: Searcher) -> None:
    meta = json.loads((site / INDEX / "meta.json").read_text(encoding="utf-8"))
    assert meta["sounds"]["shou bao"] == "首保" and sorted(meta["initials"]["sb"]) == ["三包", "首保"]
    assert "包" in meta["pinyin"]["bao"]  # a common character that may be on no page
    names = {name for name, _, _ in meta["entities"]}
    assert {"欧蓝德", "outlander"} <= names
    lexicon = Lexicon.from_meta(meta)
    assert ("=首保",) in [g.terms for g in query_groups("首包", lexicon)]
    number = next(n for name, n, _ in meta["entities"] if name == "欧蓝德")
    assert entity_matches("欧蓝德怎么样", reference.entities, lexicon) == {number: True}
    assert entity_matches("欧蓝德七座", reference.entities, lexicon) == {number: False}


def test_index_stays_small_at_the_sample(site: Path) -> None:
    meta = (site / INDEX / "meta.json").stat().st_size
    assert meta < 40_000, meta  # one reading per character is most of it
