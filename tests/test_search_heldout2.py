"""Held-out search queries (issue 17), typed by a customer into the site search of another dealer's site.

Written before the round-two search existed, by someone who did not build it and did not read its code: the
queries are what a customer types, the expectations come from the content of tests/fixtures/search-heldout2
(whose FAQ has deliberate near-miss twins). One build, one phone-sized Chromium page reused for every query,
each query typed key by key into the search box; results are read once the panel has settled (no sleeps).

The gate is test_heldout_summary: overall >= 90 % and every group >= 80 %, except the stretch group (pinyin
initials), which is only reported. The per-query cases are xfail(strict=False) so that one miss shows up as an
XFAIL line (run with -rxX) without failing the run on its own.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import PHONE, REPO, build_copy, recording_page

FIXTURE = REPO / "tests" / "fixtures" / "search-heldout2"
HOTLINE_DIGITS = "057186001234"  # mkdocs.yml dealer.phone of the fixture: 0571-8600 1234

STRETCH = "initials"
GATE_OVERALL = 0.90
GATE_GROUP = 0.80
QUIET_MS = 300  # the panel must stay unchanged this long (and no request in flight) to count as settled
QUERY_TIMEOUT_S = 8.0


@dataclass(frozen=True)
class Case:
    """One query: its group, what the customer types, the page that answers it, and (twins) the page it must beat."""

    group: str
    query: str
    expected: str | None  # site-relative path, e.g. "faq/first-service/"; None for a no-match query
    twin: str | None = None


def faq(slug: str) -> str:
    return f"faq/{slug}/"


CASES: list[Case] = [
    # Plain pinyin, typed with the IME off: with and without spaces between syllables.
    Case("pinyin", "shoubao", faq("first-service")),
    Case("pinyin", "shou bao", faq("first-service")),
    Case("pinyin", "erbao", faq("second-service")),
    Case("pinyin", "shijia yuyue", faq("test-drive-booking")),
    Case("pinyin", "baoyang feiyong", faq("maintenance-cost")),
    Case("pinyin", "daikuan cailiao", faq("loan-documents")),
    Case("pinyin", "zhihuan", faq("trade-in-process")),
    Case("pinyin", "chongdianzhuang", faq("home-charger")),
    Case("pinyin", "daolu jiuyuan", faq("roadside-assistance")),
    Case("pinyin", "shangpai", faq("plate-registration")),
    Case("pinyin", "gouzhishui", faq("purchase-tax")),
    Case("pinyin", "xinglan", "models/xinglan/"),
    # Pinyin initials (stretch goal in the issue: reported, not gated).
    Case(STRETCH, "sb", faq("first-service")),
    Case(STRETCH, "sjyy", faq("test-drive-booking")),
    Case(STRETCH, "byfy", faq("maintenance-cost")),
    Case(STRETCH, "dljy", faq("roadside-assistance")),
    Case(STRETCH, "cdz", faq("home-charger")),
    # Pinyin-IME homophone slips: the right syllables, the wrong characters.
    Case("homophone", "首包", faq("first-service")),
    Case("homophone", "首包多少公里", faq("first-service")),
    Case("homophone", "保样费用", faq("maintenance-cost")),
    Case("homophone", "是驾预约", faq("test-drive-booking")),
    Case("homophone", "智换旧车", faq("trade-in-process")),
    Case("homophone", "上排要多久", faq("plate-registration")),
    Case("homophone", "家里装充电装", faq("home-charger")),
    Case("homophone", "带款首付", faq("installment-plan")),
    Case("homophone", "道路就援", faq("roadside-assistance")),
    Case("homophone", "新车质包几年", faq("warranty-period")),
    # Long spoken questions, as dictated or typed in one go.
    Case("spoken", "我想周末带家人去店里试一下车需要先预约吗", faq("test-drive-booking")),
    Case("spoken", "新车开了五千公里了是不是该去做第一次保养了", faq("first-service")),
    Case("spoken", "我的车在高速上突然开不动了应该打谁的电话", faq("roadside-assistance")),
    Case("spoken", "请问一下如果我一次性付清全款的话能便宜多少钱", faq("full-payment-discount")),
    Case("spoken", "我家小区地下车库能不能自己装一个充电的桩子", faq("home-charger")),
    Case("spoken", "我想把家里那辆旧车卖给你们再换一辆新车要怎么办手续", faq("trade-in-process")),
    Case("spoken", "刚买的车第一年的保险是在你们店里买还是自己去买", faq("new-car-insurance")),
    Case("spoken", "交了五千块定金后来不想买了钱能退给我吗", faq("deposit-refund")),
    Case("spoken", "天冷了以后电车能跑的公里数好像少了很多这正常吗", faq("winter-range")),
    Case("spoken", "仪表盘上面有个黄色的灯一直亮着是怎么回事", faq("warning-light")),
    # Entities: a model, store or promotion name puts its own page FIRST (a blog post names 星岚 nine times,
    # another names 南湖服务中心 three times; the stores live on the dealers page).
    Case("entity", "星岚", "models/xinglan/"),
    Case("entity", "云雀", "models/yunque/"),
    Case("entity", "青霆", "models/qingting/"),
    Case("entity", "青霆 EV", "models/qingting/"),
    Case("entity", "江北旗舰店", "dealers/"),
    Case("entity", "南湖服务中心", "dealers/"),
    Case("entity", "春季置换节", "promotions/spring-trade-in/"),
    Case("entity", "家充礼包", "promotions/ev-home-charger/"),
    # Near-miss twins: the right entry in the top 3 AND above its twin.
    Case("twins", "首保", faq("first-service"), faq("second-service")),
    Case("twins", "二保", faq("second-service"), faq("first-service")),
    Case("twins", "保养费用", faq("maintenance-cost"), faq("repair-cost")),
    Case("twins", "维修费用", faq("repair-cost"), faq("maintenance-cost")),
    Case("twins", "预约试驾", faq("test-drive-booking"), faq("maintenance-booking")),
    Case("twins", "保养预约", faq("maintenance-booking"), faq("test-drive-booking")),
    Case("twins", "提车要检查什么", faq("delivery-checklist"), faq("delivery-wait")),
    Case("twins", "多久能提车", faq("delivery-wait"), faq("delivery-checklist")),
    Case("twins", "全款优惠", faq("full-payment-discount"), faq("installment-plan")),
    Case("twins", "分期首付", faq("installment-plan"), faq("full-payment-discount")),
    Case("twins", "上牌", faq("plate-registration"), faq("temporary-plate")),
    Case("twins", "临时牌照", faq("temporary-plate"), faq("plate-registration")),
    Case("twins", "电池质保", faq("battery-warranty"), faq("warranty-period")),
    Case("twins", "整车质保", faq("warranty-period"), faq("battery-warranty")),
    Case("twins", "试乘", faq("passenger-ride"), faq("test-drive-booking")),
    Case("twins", "续保", faq("insurance-renewal"), faq("warranty-period")),
    Case("twins", "事故理赔", faq("accident-claim"), faq("new-car-insurance")),
    # Nothing on the site answers these: the panel must offer the hotline and a 我要提问 link with the query.
    Case("nomatch", "改色膜", None),
    Case("nomatch", "摩托", None),
]


@dataclass
class Outcome:
    """What the customer saw after typing one query."""

    results: list[str] = field(default_factory=list)  # site-relative paths of the result links, in order
    tel: list[str] = field(default_factory=list)  # visible tel: links in the search panel
    ask: list[str] = field(default_factory=list)  # visible links whose text says 提问
    settled: bool = True

    def rank(self, path: str | None) -> int | None:
        return self.results.index(path) if path in self.results else None


def passed(case: Case, outcome: Outcome) -> tuple[bool, str]:
    """Whether the outcome answers the case, and a one-line explanation."""
    shown = f"top results {outcome.results[:5]}" + ("" if outcome.settled else " (panel never settled)")
    if case.group == "nomatch":
        tel_ok = any("".join(ch for ch in href if ch.isdigit()).endswith(HOTLINE_DIGITS[1:]) for href in outcome.tel)
        ask_ok = any(query_string_contains(href, case.query) for href in outcome.ask)
        return tel_ok and ask_ok, f"tel links {outcome.tel}, 提问 links {outcome.ask}; {shown}"
    rank = outcome.rank(case.expected)
    if case.group == "entity":
        return rank == 0, f"{case.expected} at rank {rank}; {shown}"
    if rank is None or rank > 2:
        return False, f"{case.expected} not in the top 3 (rank {rank}); {shown}"
    if case.twin is not None:
        twin_rank = outcome.rank(case.twin)
        if twin_rank is not None and twin_rank < rank:
            return False, f"twin {case.twin} (rank {twin_rank}) above {case.expected} (rank {rank}); {shown}"
    return True, shown


def query_string_contains(href: str, text: str) -> bool:
    """The decoded query string (or fragment) of ``href`` carries ``text``."""
    parts = urllib.parse.urlsplit(href)
    values = [v for _, v in urllib.parse.parse_qsl(parts.query)] + [urllib.parse.unquote(parts.fragment)]
    return any(text in value for value in values)


# --- the browser side -------------------------------------------------------------------------------------

# Every internal link of the result list, one per result item, as absolute URLs. Material's class names are
# the only markup known in advance (build_tools/templates/partials/dealer-search.html); if the list is
# renamed, fall back to every internal link in the search output.
READ_PANEL = """() => {
  const root = document.querySelector('.md-search');
  if (!root) return {results: [], tel: [], ask: [], sig: ''};
  const internal = a => a.href.startsWith(location.origin + '/');
  const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const results = [];
  const list = root.querySelector('.md-search-result__list');
  if (list) {
    for (const item of list.children) {
      const a = item.matches('a[href]') ? item : item.querySelector('a[href]');
      if (a && internal(a)) results.push(a.href);
    }
  }
  if (!results.length) {
    for (const a of root.querySelectorAll('.md-search__output a[href]')) if (internal(a)) results.push(a.href);
  }
  const links = [...root.querySelectorAll('a[href]')].filter(visible);
  const tel = links.filter(a => a.href.startsWith('tel:')).map(a => a.href);
  const ask = links.filter(a => a.textContent.includes('提问')).map(a => a.href);
  const output = root.querySelector('.md-search__output');
  const sig = (output ? output.innerText : '') + '|' + results.join(' ') + '|' + tel.join(' ') + ask.join(' ');
  return {results, tel, ask, sig};
}"""

# True once the box holds the whole query and the panel has not changed for `quiet` ms.
SETTLED = """([query, quiet]) => {
  const input = document.querySelector('.md-search input[name="query"], .md-search__input');
  if (!input || input.value !== query) return false;
  const sig = window.__heldoutRead().sig;
  const now = performance.now();
  if (window.__heldoutSig !== sig) { window.__heldoutSig = sig; window.__heldoutSince = now; return false; }
  return now - window.__heldoutSince >= quiet;
}"""


class SearchBox:
    """The search box of one open page, used the way a customer on a phone uses it."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.in_flight = 0
        page.on("request", lambda _r: self._count(1))
        page.on("requestfinished", lambda _r: self._count(-1))
        page.on("requestfailed", lambda _r: self._count(-1))
        self.input = page.locator(".md-search__input").first

    def _count(self, step: int) -> None:
        self.in_flight += step

    def open(self) -> None:
        """Tap the magnifier in the header (phone layout), then the box."""
        self.page.goto(self.base)
        opener = self.page.locator('label.md-header__button[for="__search"]').first
        if opener.is_visible():
            opener.click()
        self.input.wait_for(state="visible")
        self.input.click()
        self.page.evaluate(f"() => {{ window.__heldoutRead = {READ_PANEL}; }}")

    def search(self, query: str) -> Outcome:
        """Clear the box, type ``query`` key by key, wait for the panel to settle, read it."""
        self.input.fill("")
        self.input.press_sequentially(query, delay=10)
        self.page.evaluate("() => { window.__heldoutSig = null; }")
        deadline = time.monotonic() + QUERY_TIMEOUT_S
        settled = False
        while time.monotonic() < deadline:
            try:
                self.page.wait_for_function(SETTLED, arg=[query, QUIET_MS], polling=50,
                                            timeout=max(1, (deadline - time.monotonic()) * 1000))
            except Exception:  # Playwright's TimeoutError: record an unsettled panel, keep going
                break
            if self.in_flight <= 0:
                settled = True
                break
            self.page.wait_for_timeout(50)  # a shard still loading: look again (bounded by the deadline)
        panel = self.page.evaluate("() => window.__heldoutRead()")
        return Outcome(results=[self.relative(href) for href in panel["results"]], tel=panel["tel"],
                       ask=panel["ask"], settled=settled)

    def relative(self, href: str) -> str:
        """``http://127.0.0.1:N/faq/x/#part`` -> ``faq/x/`` (fragment and query string dropped)."""
        path = urllib.parse.urlsplit(href).path
        base_path = urllib.parse.urlsplit(self.base).path
        path = path[len(base_path):] if path.startswith(base_path) else path.lstrip("/")
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        return urllib.parse.unquote(path)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str], browser: Any) -> Iterator[dict[str, Outcome]]:
    """Build the fixture once, open it in one phone-sized page, type every query; query -> outcome."""
    site = build_copy(FIXTURE, tmp_path_factory.mktemp("heldout2") / "src")
    base = serve(site)
    with recording_page(browser, **PHONE) as (page, _requested):
        box = SearchBox(page, base)
        box.open()
        box.search("保养")  # warm-up: the first search loads the index
        yield {case.query: box.search(case.query) for case in CASES}


assert len({case.query for case in CASES}) == len(CASES), "every query once: outcomes are keyed by query"


def case_ids() -> list[str]:
    """Readable ids: ``pinyin-shijia_yuyue`` for Latin queries, ``spoken-03`` for Chinese ones (pytest would escape them)."""
    ids: list[str] = []
    seen: dict[str, int] = {}
    for case in CASES:
        seen[case.group] = seen.get(case.group, 0) + 1
        ascii_query = case.query.isascii()
        ids.append(f"{case.group}-{case.query.replace(' ', '_') if ascii_query else f'{seen[case.group]:02d}'}")
    return ids


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=i, marks=pytest.mark.xfail(strict=False, reason="gated by test_heldout_summary"))
     for c, i in zip(CASES, case_ids(), strict=True)],
)
def test_heldout_query(case: Case, outcomes: dict[str, Outcome]) -> None:
    """One customer query: the page that answers it is where the group says (top 3; top 1 for entities)."""
    ok, why = passed(case, outcomes[case.query])
    assert ok, f"{case.query!r} ({case.group}): {why}"


def test_heldout_summary(outcomes: dict[str, Outcome], capsys: pytest.CaptureFixture[str]) -> None:
    """Per-group scores; overall >= 90 % and every group >= 80 %, the stretch group only reported."""
    groups: dict[str, list[tuple[Case, bool, str]]] = {}
    for case in CASES:
        ok, why = passed(case, outcomes[case.query])
        groups.setdefault(case.group, []).append((case, ok, why))
    lines = ["held-out search (search-heldout2), right answer in the top 3 (entities: top 1):"]
    gated_hits = gated_total = 0
    failures: list[str] = []
    for group, rows in groups.items():
        hits = sum(ok for _, ok, _ in rows)
        note = "  (stretch, not gated)" if group == STRETCH else ""
        lines.append(f"  {group:<10} {hits:>2}/{len(rows):<2} {hits / len(rows):6.0%}{note}")
        if group != STRETCH:
            gated_hits += hits
            gated_total += len(rows)
            if hits / len(rows) < GATE_GROUP:
                failures.append(f"group {group}: {hits}/{len(rows)} < {GATE_GROUP:.0%}")
    lines.append(f"  {'overall':<10} {gated_hits:>2}/{gated_total:<2} {gated_hits / gated_total:6.0%}  (without {STRETCH})")
    if gated_hits / gated_total < GATE_OVERALL:
        failures.append(f"overall {gated_hits}/{gated_total} < {GATE_OVERALL:.0%}")
    misses = [f"    MISS {case.group}:{case.query} -> {why}" for rows in groups.values() for case, ok, why in rows if not ok]
    report = "\n".join(lines + misses)
    with capsys.disabled():
        print("\n" + report)
    assert not failures, "; ".join(failures) + "\n" + report
