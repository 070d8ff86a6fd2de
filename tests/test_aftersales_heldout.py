"""Held-out tests of issue 16 (after the sale), written from docs/authoring.md 6E and the README, as an author,
an owner and a dealer's service staff would use it: the guide's own examples copy-pasted into the fixture site,
typical author mistakes, the 保养提醒 and its .ics in real Chromium at phone size (dates computed here from the
documented rules), a survey opened from the link ``survey-link`` printed (hostile additions too) and submitted to a
loopback form service with and without JavaScript, the 「这条回答有帮助吗？」 vote, and ``feedback-report`` on
exports written here (GB18030 and UTF-8 with BOM).

One successful build for the module (plus small failing ones for the mistakes), one browser.
"""

from __future__ import annotations

import datetime as dt
import http.server
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import icalendar
import pytest
from conftest import FIXTURE_SITE, PHONE, REPO, content_check, copy_site, mkdocs_build, run, write

GUIDE = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
SH = dt.timezone(dt.timedelta(hours=8))


def guide_block(heading: str, lang: str = "yaml") -> str:
    """The first fenced ``lang`` block after ``heading`` in the authoring guide: what an author copies."""
    match = re.compile(r"```" + lang + r"\n(.*?)```", re.S).search(GUIDE, GUIDE.index(heading))
    assert match, heading
    return match.group(1)


def add_front_matter(path: Path, text: str) -> None:
    """Paste ``text`` just before the second ``---`` of a Markdown file, as the guide says."""
    source = path.read_text(encoding="utf-8")
    head, sep, body = source.partition("\n---\n")
    path.write_text(head + "\n" + text.rstrip("\n") + sep + body, encoding="utf-8")


def set_dealer_options(root: Path, text: str) -> None:
    """Add options under ``plugins: - dealer:`` of the site's mkdocs.yml."""
    config = root / "mkdocs.yml"
    source = config.read_text(encoding="utf-8")
    assert "  - dealer:\n" in source
    config.write_text(source.replace("  - dealer:\n", "  - dealer:\n" + text, 1), encoding="utf-8")


SERVICE_LEAD = "https://form.example.cn/service?model={model}&store={dealer}"
# Two more plans, for the month-end and leap-day rules (docs: each interval counted from the previous service).
BETA_PLAN = """\
maintenance:
  - months: 1
    items: [新车检查]
    price: 0
  - months: 6
    items: [更换机油]
    price: 300
"""
GAMMA = """\
---
name: 伽马
type: SUV
price_from: 120000
summary: 每年保养一次的测试车型
maintenance:
  - km: 10000
    months: 12
    items: [更换机油, 更换机油滤清器]
    price: 480
---

伽马是一款测试车型。
"""


# ---------------------------------------------------------------- the dealer's form service, on loopback


@dataclass
class Received:
    method: str
    path: str
    fields: list[tuple[str, str]]
    headers: dict[str, str]

    def get(self, key: str) -> list[str]:
        return [v for k, v in self.fields if k == key]


@dataclass
class FormService:
    """A real HTTP server on 127.0.0.1 standing in for the dealer's form service."""

    url: str = ""
    received: list[Received] = field(default_factory=list)
    event: threading.Event = field(default_factory=threading.Event)

    def wait(self, count: int, seconds: float = 10) -> list[Received]:
        deadline = dt.datetime.now() + dt.timedelta(seconds=seconds)
        while len(self.received) < count and dt.datetime.now() < deadline:
            self.event.wait(0.1)
            self.event.clear()
        assert len(self.received) >= count, self.received
        return self.received


@pytest.fixture(scope="module")
def form_service() -> Iterator[FormService]:
    service = FormService()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def _record(self, body: str) -> None:
            parts = urlsplit(self.path)
            pairs = parse_qsl(parts.query, keep_blank_values=True) + parse_qsl(body, keep_blank_values=True)
            service.received.append(Received(self.command, parts.path, pairs, {k.lower(): v for k, v in self.headers.items()}))
            service.event.set()
            redirect = dict(pairs).get("redirect")
            # What the guide asks of the form service for a form posted without JavaScript: 303 to the thank-you page.
            self.send_response(303 if redirect else 204)
            if redirect:
                self.send_header("Location", redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._record(self.rfile.read(length).decode("utf-8"))

        def do_GET(self) -> None:
            self._record("")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    service.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield service
    server.shutdown()
    server.server_close()


@dataclass
class Site:
    root: Path
    base: str  # where the built site is served, also its site_url


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, form_service: FormService, serve: Any) -> Site:
    """The fixture site with the guide's examples pasted in, endpoints on the loopback form service, built and served."""
    root = copy_site(FIXTURE_SITE, tmp_path_factory.mktemp("ahold") / "src")
    base = serve(root / "site")
    add_front_matter(root / "content/models/alpha.md", guide_block(". 保养计划（车型页的"))
    add_front_matter(root / "content/models/beta.md", BETA_PLAN)
    write(root, "content/models/gamma.md", GAMMA)
    write(root, "content/surveys/service.yml", guide_block("售后回访问卷\n"))
    set_dealer_options(root, f"      survey_endpoint:\n        url: {form_service.url}/survey\n        method: POST\n"
                             f"      feedback_endpoint:\n        url: {form_service.url}/faq-feedback\n        method: POST\n")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("site_url: https://dealer.example.cn/", f"site_url: {base}")
    config.write_text(text.replace("      leads:\n", f"      leads:\n        service: {SERVICE_LEAD}\n", 1), encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return Site(root, base)


def only_hosts(requested: list[str], *origins: str) -> list[str]:
    """The requests that went anywhere but ``origins`` (blob: downloads are the browser's own)."""
    allowed = tuple(o.rstrip("/") + "/" for o in origins)
    return [u for u in requested if not u.startswith(allowed) and not u.startswith(("blob:", "data:"))]


# ---------------------------------------------------------------- authoring: the guide's examples, the mistakes


def test_the_guides_examples_build_into_the_plan_survey_and_faq_links(site: Site) -> None:
    """The copy-pasted 6E examples build: the plan as the guide describes it, the survey hidden from nav/search/sitemap."""
    html = (site.root / "site/models/alpha/index.html").read_text(encoding="utf-8")
    plan = html[html.index('id="maintenance-plan"'):html.index("data-maintenance>")]
    assert plan.count('class="dealer-maint__service"') == 3
    assert [m for m in re.findall(r'dealer-maint__price[^"]*">([^<]+)<', plan)] == ["免费", "参考价 ¥560", "参考价 ¥820"]
    assert "购车后 5,000 公里或 6 个月" in plan and "更换空调滤芯" in plan
    booking = re.findall(r'<a class="md-button[^"]*" data-lead="service" href="([^"]+)">预约保养</a>', plan)
    assert len(booking) == 1
    query = dict(parse_qsl(urlsplit(booking[0].replace("&amp;", "&")).query))
    assert (query["model"], query["store"]) == ("alpha", "downtown")  # the first location that services cars
    # An FAQ answer about maintenance naming alpha links to its plan; one without models does not.
    assert 'href="../../models/alpha/#maintenance-plan">阿尔法</a>' in (site.root / "site/faq/first-service/index.html").read_text(encoding="utf-8")
    assert "maintenance-plan" not in (site.root / "site/faq/oil-grade/index.html").read_text(encoding="utf-8")
    # The survey: published with a thank-you page, noindex, never in the sitemap or the search index.
    survey = (site.root / "site/survey/service/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex' in survey
    assert (site.root / "site/survey/service/thanks/index.html").is_file()
    assert "survey" not in (site.root / "site/sitemap.xml").read_text(encoding="utf-8")
    index = "".join(p.read_text(encoding="utf-8") for p in (site.root / "site").rglob("*.json") if "search" in str(p))
    assert index and "售后服务回访" not in index and "survey/service" not in index


MISTAKES = """\
maintenance:
  - km: 5000
    months: 6
    items: [首保检查]
    price: 0
  - months: 12
    items: []
    price: 480元
  - items: [更换机油]
  - km: 0
    months: 12
    items: [更换机油]
"""
BAD_SURVEY = """\
title: 回访
questions:
  - type: rating
    id: reception
  - type: stars
    id: looks
    label: 外观
  - type: choice
    id: store
    label: 您去的是哪家店？
    options: [市中心店]
"""


def test_author_mistakes_are_all_reported_in_chinese_with_their_lines(tmp_path: Path) -> None:
    """Price 「480元」, empty items, no interval, km 0; a question without label, an unknown type, a reserved id, one option: all at once."""
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    add_front_matter(root / "content/models/alpha.md", MISTAKES)
    write(root, "content/surveys/service.yml", BAD_SURVEY)
    set_dealer_options(root, "      survey_endpoint:\n        url: https://form.example.cn/survey\n")
    lines = (root / "content/models/alpha.md").read_text(encoding="utf-8").splitlines()
    line = {text.strip(): n for n, text in enumerate(lines, start=1)}
    expected = [
        f"content/models/alpha.md:{line['items: []']}: maintenance[2].items: 保养项目不能为空 — 至少写一项，例如 items: [更换机油, 更换机油滤清器]",
        f"content/models/alpha.md:{line['price: 480元']}: maintenance[2].price: 应为整数，实际写的是 '480元' — 例如 price: 480（整数，单位：元；免费写 0）",
        f"content/models/alpha.md:{line['- items: [更换机油]']}: maintenance[3]: 缺少保养间隔 — 至少写 km（公里）或 months（月）中的一个，例如 km: 10000 和 months: 12（以先到者为准）",
        f"content/models/alpha.md:{line['- km: 0']}: maintenance[4].km: 不能小于 1，实际是 0 — 填写 1 或更大的整数",
        "content/surveys/service.yml:3: label: 缺少必填字段 — 请填写一段文字，例如 label: 接待服务",
        "content/surveys/service.yml:5: type: 未知问题类型 'stars' — 只能写 rating（1–5 分评分）、nps（0–10 分推荐意愿）、choice（选择题）、comment（意见留言）",
        "content/surveys/service.yml:9: id: 问题编号 store 已被回访链接占用（date、redirect、service、store、survey、visit） — 换一个编号，例如 id: service_quality",
        "content/surveys/service.yml:11: options: 选择题至少要有 2 个选项，实际 1 个 — 例如 options: [是, 否]",
    ]
    for result in (content_check(root), mkdocs_build(root)):
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        for want in expected:
            assert want in result.stderr, (want, result.stderr)
        problems = [ln for ln in result.stderr.splitlines() if re.match(r"^content/(models|surveys)/", ln)]
        assert all(" — " in ln and re.search(r"[\u4e00-\u9fff]", ln) for ln in problems), problems
        assert "内容检查发现 8 个错误" in result.stderr


@pytest.mark.parametrize("url, why", [
    ("javascript:alert(1)", "javascript"),
    ("http://form.example.cn/survey", "http://"),
    ("http://127.0.0.1:8000@evil.example/survey", "evil.example"),  # the host is evil.example, not loopback
    ("//form.example.cn/survey", "//"),
])
def test_a_survey_endpoint_customers_answers_must_not_go_to_is_refused_with_its_line(tmp_path: Path, url: str, why: str) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    write(root, "content/surveys/service.yml", guide_block("售后回访问卷\n"))
    set_dealer_options(root, f"      survey_endpoint:\n        url: \"{url}\"\n")
    line = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index(f"        url: \"{url}\"") + 1
    result = content_check(root)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"mkdocs.yml:{line}: survey_endpoint.url:" in result.stderr or f"mkdocs.yml:{line}: plugins.dealer.survey_endpoint.url:" in result.stderr, result.stderr
    assert " — " in result.stderr and why in result.stderr


def test_a_survey_without_endpoint_stops_the_build_and_no_feedback_endpoint_means_no_widget(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    write(root, "content/surveys/service.yml", guide_block("售后回访问卷\n"))
    for result in (content_check(root), mkdocs_build(root)):
        assert result.returncode == 1
        assert "content/surveys/service.yml:1: survey_endpoint: 问卷无处提交：mkdocs.yml 没有配置 survey_endpoint — " in result.stderr
        assert "Traceback" not in result.stderr
    assert not (root / "site" / "survey").exists()
    (root / "content/surveys/service.yml").unlink()
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site/faq/first-service/index.html").read_text(encoding="utf-8")
    assert "这条回答有帮助吗" not in page and "feedback.js" not in page


# ---------------------------------------------------------------- 保养提醒 and its calendar, in Chromium at 390×844


def add_months(day: dt.date, months: int) -> dt.date:
    """The guide's month rule: the same day ``months`` later, or that month's last day (1 月 31 日 + 1 个月 = 2 月 28 日)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def due_by_months(purchase: dt.date, months: list[int], count: int) -> list[dt.date]:
    """Due dates from the guide's rules with dates only: the first once, then the second on repeating, each from the previous."""
    dues, at = [], purchase
    for n in range(count):
        at = add_months(at, months[0] if n == 0 or len(months) == 1 else months[1 + (n - 1) % (len(months) - 1)])
        dues.append(at)
    return dues


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", accept_downloads=True, **PHONE)
    yield context
    context.close()


def open_reminder(phone: Any, site: Site, slug: str, today: dt.date) -> tuple[Any, list[str]]:
    page = phone.new_page()
    page.clock.set_fixed_time(dt.datetime(today.year, today.month, today.day, 10, 0, tzinfo=SH))
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site.base}models/{slug}/")
    return page, requested


def calculate(page: Any, purchase: str, km: str = "", rate: str = "") -> list[str]:
    page.fill("#maintenance-purchase", purchase)
    page.fill("#maintenance-km", km)
    page.fill("#maintenance-rate", rate)
    page.get_by_role("button", name="计算保养日期").click()
    page.wait_for_selector("[data-maintenance-result] [data-due]")
    due: list[str] = page.eval_on_selector_all("[data-maintenance-result] [data-due]", "els => els.map(e => e.dataset.due)")
    return due


def download_ics(page: Any) -> bytes:
    with page.expect_download() as info:
        page.click("[data-maintenance-ics]")
    return Path(info.value.path()).read_bytes()


def test_reminder_lists_the_next_four_services_and_the_calendar_reminds_two_weeks_before(phone: Any, site: Site) -> None:
    today = dt.date(2026, 6, 15)
    page, requested = open_reminder(phone, site, "alpha", today)
    loaded = len(requested)
    assert page.is_visible("#maintenance-plan") and page.is_visible("#maintenance-purchase")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shown = calculate(page, "2025-03-10")
    # Guide plan: 6 months, then 12 and 12 repeating; the first (2025-09-10) is long done.
    dues = [d for d in due_by_months(dt.date(2025, 3, 10), [6, 12, 12], 8) if d >= today - dt.timedelta(days=30)][:4]
    assert shown == [d.isoformat() for d in dues] == ["2026-09-10", "2027-09-10", "2028-09-10", "2029-09-10"]
    items = page.inner_text("[data-maintenance-result] ol")
    assert [m for m in re.findall(r"参考价 ¥\d+|免费", items)] == ["参考价 ¥560", "参考价 ¥820", "参考价 ¥560", "参考价 ¥820"]
    book = page.get_attribute("[data-maintenance-result] a:not([data-maintenance-ics])", "href")
    assert book == page.get_attribute("#maintenance-plan ~ .dealer-leads a[data-lead=service]", "href")
    raw = download_ics(page)
    # Nothing the owner typed left the browser, and the address holds none of it.
    later = requested[loaded:]  # the browser may still fetch the favicon: the site's own file, with no query
    assert only_hosts(later, site.base) == [] and not [u for u in later if "?" in u or "2025" in u], later
    assert "2025-03-10" not in page.url and "?" not in page.url

    assert b"\n" not in raw.replace(b"\r\n", b"") and raw.endswith(b"\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4
    expected_booking = book.replace("utm_medium=cta", "utm_medium=calendar")  # README: the calendar's link is counted apart
    assert [e.decoded("DTSTART") for e in events] == [d - dt.timedelta(days=14) for d in dues]
    assert all(isinstance(e.decoded("DTSTART"), dt.date) and not isinstance(e.decoded("DTSTART"), dt.datetime) for e in events)
    assert [str(e["URL"]) for e in events] == [expected_booking] * 4
    assert all(expected_booking in str(e["DESCRIPTION"]) for e in events)
    assert all(len(list(e.walk("VALARM"))) == 1 for e in events)
    assert len({str(e["UID"]) for e in events}) == 4
    assert "阿尔法" in str(events[0]["SUMMARY"])
    page.close()


@pytest.mark.parametrize("slug, purchase, today, want", [
    # 2024-02-29 + 12 months is 2025-02-28 (no 2025-02-29), then each year from that service.
    ("gamma", "2024-02-29", dt.date(2024, 3, 1), ["2025-02-28", "2026-02-28", "2027-02-28", "2028-02-28"]),
    # 2025-01-31 + 1 month is 2025-02-28, never 2025-03-03.
    ("beta", "2025-01-31", dt.date(2025, 2, 1), ["2025-02-28", "2025-08-28", "2026-02-28", "2026-08-28"]),
])
def test_reminder_month_end_and_leap_day(phone: Any, site: Site, slug: str, purchase: str, today: dt.date, want: list[str]) -> None:
    page, _ = open_reminder(phone, site, slug, today)
    shown = calculate(page, purchase)
    months = [12] if slug == "gamma" else [1, 6]
    assert shown == [d.isoformat() for d in due_by_months(dt.date.fromisoformat(purchase), months, 4)] == want
    events = list(icalendar.Calendar.from_ical(download_ics(page)).walk("VEVENT"))
    assert [e.decoded("DTSTART").isoformat() for e in events] == [
        max(dt.date.fromisoformat(d) - dt.timedelta(days=14), today).isoformat() for d in want]
    page.close()


def test_reminder_takes_the_earlier_of_km_and_months(phone: Any, site: Site) -> None:
    """Docs: with a mileage, whichever comes first. 3,000 km after 2 months at 1,500 km/month: 5,000 km comes first."""
    today = dt.date(2026, 3, 2)
    page, _ = open_reminder(phone, site, "alpha", today)
    days = [dt.date.fromisoformat(d) for d in calculate(page, "2026-01-01", km="3000", rate="1500")]
    per_day = 1500 * 12 / 365.25  # the odometer grows steadily from 3,000 km today
    # Service n is due when the odometer has grown by 2,000 + 10,000 × (n − 1) km, unless the months come first.
    want: list[dt.date] = []
    km_from_today = -3000.0
    for n, (km, months) in enumerate([(5000, 6), (10000, 12), (10000, 12), (10000, 12)]):
        km_from_today += km
        by_km = today + dt.timedelta(days=round(km_from_today / per_day))
        by_months = add_months(want[-1] if want else dt.date(2026, 1, 1), months)
        assert n or by_km < by_months
        want.append(min(by_km, by_months))
    assert len(days) == 4
    assert all(abs((s - w).days) <= 2 for s, w in zip(days, want, strict=True)), (days, want)
    assert "预计行驶到约" in page.inner_text("[data-maintenance-result] ol")
    # Driving little (300 km/month), the months come first: 6 months after purchase, then 12.
    shown = calculate(page, "2026-01-01", km="600", rate="300")
    assert shown[:2] == ["2026-07-01", "2027-07-01"]
    page.close()


# ---------------------------------------------------------------- 售后回访: the link staff send, the owner's phone


def survey_link(site: Site, cwd: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return run(sys.executable, "-m", "build_tools", "survey-link", "-f", site.root / "mkdocs.yml", *options, cwd=cwd)


def test_survey_link_prints_the_personal_link_and_writes_a_qr_code(site: Site, tmp_path: Path) -> None:
    result = survey_link(site, tmp_path, "--survey", "service", "--store", "downtown", "--visit", "wo-20261128-0042",
                         "--service", "常规保养", "--date", "2026-11-28")
    assert result.returncode == 0, result.stderr
    link = result.stdout.splitlines()[0]
    assert link.startswith(f"{site.base}survey/service/?")
    assert dict(parse_qsl(urlsplit(link).query)) == {"store": "downtown", "service": "常规保养", "date": "2026-11-28", "visit": "WO-20261128-0042"}
    assert (tmp_path / "survey-WO-20261128-0042.svg").read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    png = survey_link(site, tmp_path, "--survey", "service", "--store", "east", "--visit", "WO-2026-77", "--out", "回访.png")
    assert png.returncode == 0, png.stderr
    assert (tmp_path / "回访.png").read_bytes().startswith(b"\x89PNG")


def test_survey_link_refuses_a_phone_number_and_names_every_wrong_option(site: Site, tmp_path: Path) -> None:
    result = survey_link(site, tmp_path, "--survey", "service", "--store", "nowhere", "--visit", "13812345678",
                         "--service", "洗车", "--date", "2026-02-30")
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    for option in ("--store: 未知网点 'nowhere'", "--visit:", "--service: 问卷 service 没有服务类型 '洗车'", "--date:"):
        assert option in result.stderr, result.stderr
    assert "downtown" in result.stderr and "常规保养" in result.stderr  # the values it could have been
    assert not list(tmp_path.iterdir())
    name = survey_link(site, tmp_path, "--survey", "service", "--store", "downtown", "--visit", "张三")
    assert name.returncode == 2 and "--visit:" in name.stderr and not name.stdout


def choose(page: Any, name: str, value: str) -> None:
    """Tap the answer's label, as a thumb does (the label is what the phone shows)."""
    page.click(f"label:has(input[name={name}][value='{value}'])")


def fill_survey(page: Any) -> None:
    for question, score in (("reception", "5"), ("repair", "4"), ("timing", "3"), ("facilities", "5"), ("nps", "9")):
        choose(page, question, score)
    choose(page, "explained", "说明了")
    choose(page, "improve", "等待时间更短")
    choose(page, "improve", "提供代步车")
    page.fill("textarea[name=comment]", "师傅很专业")


ANSWERS = [("reception", "5"), ("repair", "4"), ("timing", "3"), ("facilities", "5"), ("nps", "9"),
           ("explained", "说明了"), ("improve", "等待时间更短"), ("improve", "提供代步车"), ("comment", "师傅很专业")]


def test_survey_from_the_link_is_filled_and_received_with_javascript(browser: Any, site: Site, form_service: FormService, tmp_path: Path) -> None:
    link = survey_link(site, tmp_path, "--survey", "service", "--store", "downtown", "--visit", "WO-20261128-0042",
                       "--service", "常规保养", "--date", "2026-11-28").stdout.splitlines()[0]
    context = browser.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(link + "&name=%E5%BC%A0%E4%B8%89&phone=13812345678")  # a hand-edited link adds a name and a phone
    visit_line = page.inner_text("[data-survey-visit]")
    assert visit_line == "市中心店 · 常规保养 · 2026-11-28"
    assert "张三" not in page.inner_text("body") and "13812345678" not in page.inner_text("body")
    # Phone-first: the 0–10 scale and everything else fit 390 px without sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    boxes = [page.locator(f"label:has(input[name=nps][value='{n}'])").bounding_box() for n in range(11)]
    assert all(b and b["width"] >= 24 and b["height"] >= 24 for b in boxes), boxes  # WCAG 2.2 target size, for a thumb
    fill_survey(page)
    before = len(form_service.received)
    page.get_by_role("button", name="提交").click()
    page.wait_for_selector("[data-survey-thanks]:not([hidden])")
    assert "谢谢您" in page.inner_text("[data-survey-thanks]")
    got = form_service.wait(before + 1)[before]
    assert (got.method, got.path) == ("POST", "/survey")
    assert got.fields == [("survey", "service"), ("store", "downtown"), ("service", "常规保养"), ("date", "2026-11-28"),
                          ("visit", "WO-20261128-0042"), *ANSWERS]
    assert "cookie" not in got.headers and context.cookies() == []
    assert only_hosts(requested, site.base, form_service.url) == []
    context.close()


def test_survey_link_with_hostile_values_shows_and_sends_none_of_them(browser: Any, site: Site, form_service: FormService) -> None:
    context = browser.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    dialogs: list[str] = []
    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(f"{site.base}survey/service/?store=%3Cscript%3Ealert(1)%3C%2Fscript%3E&service=%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E"
              "&date=2026-02-30&visit=13812345678&name=%E5%BC%A0%E4%B8%89")
    assert not page.is_visible("[data-survey-visit]")
    body = page.inner_text("body")
    assert all(bad not in body for bad in ("<script>", "alert", "13812345678", "张三", "2026-02-30"))
    # ``constructor`` is no store, though a naive lookup in a JavaScript object would find it.
    page.goto(f"{site.base}survey/service/?store=constructor&visit=WO-1234-AB&service=维修")
    assert page.inner_text("[data-survey-visit]") == "维修"
    fill_survey(page)
    before = len(form_service.received)
    page.get_by_role("button", name="提交").click()
    got = form_service.wait(before + 1)[before]
    assert [k for k, _ in got.fields][:3] == ["survey", "service", "visit"]
    assert got.get("store") == [] and got.get("name") == [] and got.get("visit") == ["WO-1234-AB"]
    assert dialogs == []
    context.close()


def test_survey_without_javascript_still_submits_and_lands_on_the_thank_you(browser: Any, site: Site, form_service: FormService) -> None:
    context = browser.new_context(locale="zh-CN", java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(f"{site.base}survey/service/?store=downtown&visit=WO-20261128-0042&name=%E5%BC%A0%E4%B8%89")
    fill_survey(page)
    before = len(form_service.received)
    # A phone number typed as the visit code is refused by the field itself: nothing is sent.
    page.get_by_label("回访编号").fill("13812345678")
    page.get_by_role("button", name="提交").click()
    page.wait_for_timeout(300)
    assert len(form_service.received) == before, "a phone number typed as the visit code was sent (the pattern did not apply)"
    page.get_by_label("回访编号").fill("WO-20261128-0042")
    with page.expect_navigation():
        page.get_by_role("button", name="提交").click()
    got = form_service.wait(before + 1)[before]
    assert got.method == "POST" and got.get("redirect") == [f"{site.base}survey/service/thanks/"]
    assert got.get("visit") == ["WO-20261128-0042"] and got.get("store") == [] and got.get("name") == []
    assert [f for f in got.fields if f[0] not in ("survey", "redirect", "visit")] == ANSWERS
    assert page.url == f"{site.base}survey/service/thanks/"
    assert "感谢您的反馈！我们会认真阅读每一条意见，持续改进服务。" in page.inner_text("body")  # the guide's default thanks
    # The model page without JavaScript: the whole plan, and the reminder form hidden with the reason.
    page.goto(f"{site.base}models/alpha/")
    assert page.locator(".dealer-maint__service").count() == 3 and page.is_visible("a[data-lead=service]")
    assert page.is_visible("[data-maintenance-nojs]") and not page.is_visible("#maintenance-purchase")
    context.close()


# ---------------------------------------------------------------- 「这条回答有帮助吗？」


def test_helpful_votes_are_received_without_cookies_or_other_hosts(browser: Any, site: Site, form_service: FormService) -> None:
    context = browser.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site.base}faq/oil-grade/")
    before = len(form_service.received)
    page.get_by_role("button", name="有帮助").click()
    page.wait_for_selector("[data-helpful-thanks]:not([hidden])")
    got = form_service.wait(before + 1)[before]
    assert (got.method, got.path) == ("POST", "/faq-feedback")
    assert dict(got.fields) == {"url": f"{site.base}faq/oil-grade/", "slug": "oil-grade", "vote": "yes", "comment": ""}
    assert "cookie" not in got.headers

    page.goto(f"{site.base}faq/first-service/")
    assert not page.is_visible("textarea[name=comment]")
    page.get_by_role("button", name="没帮助").click()
    page.fill("textarea[name=comment]", "首保到底是几个月？")
    page.get_by_role("button", name="提交").click()
    assert page.is_visible("[data-helpful-thanks]")
    got = form_service.wait(before + 2)[before + 1]
    assert dict(got.fields) == {"url": f"{site.base}faq/first-service/", "slug": "first-service", "vote": "no", "comment": "首保到底是几个月？"}
    page.reload()  # the same tab does not vote twice
    assert page.is_visible("[data-helpful-thanks]") and not page.is_visible("[data-helpful-form]")
    assert context.cookies() == []
    assert only_hosts(requested, site.base, form_service.url) == []
    assert len(form_service.received) == before + 2
    context.close()


# ---------------------------------------------------------------- feedback-report on an export written here


EXPORT_ROWS = [
    ("2026-11-02 09:10", "service-cost", "no", "价格写得不清楚"),
    ("2026-11-03 10:00", "service-cost", "no", "请打电话 13812345678 给我，我叫王小明"),
    ("2026-11-04 11:00", "oil-grade", "no", "没说加多少升"),
    ("2026-11-05 12:00", "oil-grade", "no", ""),
    ("2026-11-06 12:00", "oil-grade", "no", ""),
    ("2026-11-07 12:00", "oil-grade", "yes", ""),
    ("2026-11-08 12:00", "first-service", "yes", ""),
    ("2026-11-09 12:00", "first-service", "yes", ""),
    ("2026-11-10 12:00", "first-service", "yes", ""),
    ("2026-11-11 12:00", "first-service", "no", "几个月也要写"),
    ("2026-11-12 12:00", "down-payment", "yes", ""),
]


def report(site: Site, path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return run(sys.executable, "-m", "build_tools", "feedback-report", path, "-f", site.root / "mkdocs.yml", *options, cwd=path.parent)


def ranked_slugs(markdown: str) -> list[str]:
    return re.findall(r"^\| \d+ \|.*?faq/([a-z0-9-]+)/", markdown, re.M)


@pytest.mark.parametrize("encoding, header, excel", [
    ("gb18030", "提交时间,页面,投票,意见", True),  # Excel's 另存为 CSV on a Chinese Windows, the guide's Chinese headers
    ("utf-8-sig", "time,slug,vote,comment", False),
])
def test_feedback_report_ranks_the_least_helpful_and_masks_phone_numbers(site: Site, tmp_path: Path, encoding: str, header: str, excel: bool) -> None:
    words = {"yes": "有帮助", "no": "没帮助"} if excel else {"yes": "yes", "no": "no"}
    lines = [header] + [",".join((t, f"{site.base}faq/{s}/" if excel else s, words[v], c)) for t, s, v, c in EXPORT_ROWS]
    export = tmp_path / "faq-feedback-2026-11.csv"
    export.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    result = report(site, export)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert ranked_slugs(out) == ["service-cost", "oil-grade", "first-service"]  # 100 %, 75 %, 25 %; all 有帮助 left out
    assert "小保养多少钱？" in out and "价格写得不清楚" in out and "没说加多少升" in out
    assert "13812345678" not in out and "王小明" not in out and "【手机号】" in out
    assert re.search(r"\| 1 \|[^\n]*\| 2 \| 2 \| 100% \|", out)
    if excel:
        return  # the options once are enough
    limited = report(site, export, "--min-votes", "3", "--limit", "1", "--out", "报告.md")
    assert limited.returncode == 0, limited.stderr
    assert ranked_slugs((tmp_path / "报告.md").read_text(encoding="utf-8")) == ["oil-grade"]


def test_feedback_report_on_a_file_without_the_columns_says_so(site: Site, tmp_path: Path) -> None:
    export = tmp_path / "wrong.csv"
    export.write_text("姓名,电话\n王小明,13812345678\n", encoding="utf-8")
    result = report(site, export)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "找不到 vote 列" in result.stderr and "13812345678" not in result.stderr + result.stdout
