"""保养提醒 in a real browser on a phone: fill the form, read the listed dates, download the .ics and parse it
with the ``icalendar`` library (count, dates two weeks before each due date, booking link, alarm), and check the
file's RFC 5545 folding and escaping byte by byte. Nothing the owner types leaves the browser."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from conftest import PHONE, built
from maintenance_helpers import GAMMA_NAME, maintenance_site

pytestmark = pytest.mark.browser

ZONE = "Asia/Shanghai"
# The moment the owner opens the page (the page's clock is fixed to it).
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
TODAY = NOW.date()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = maintenance_site(tmp_path_factory.mktemp("maint-browser") / "src")
    return built(root)


@pytest.fixture
def phone(browser: object) -> Iterator[tuple[object, list[str]]]:
    """A phone-sized page at :data:`NOW` in the dealer's zone, and every URL it requests."""
    context = browser.new_context(locale="zh-CN", timezone_id=ZONE, accept_downloads=True, **PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.set_fixed_time(NOW)
    try:
        yield page, requested
        assert errors == []
    finally:
        context.close()


def remind(page: object, base: str, model: str, purchase: str, km: str = "", rate: str = "") -> list[str]:
    """Open the model page, fill the form and calculate; the listed due dates (ISO)."""
    page.goto(base + f"models/{model}/")  # type: ignore[attr-defined]
    page.fill("#maintenance-purchase", purchase)  # type: ignore[attr-defined]
    if km:
        page.fill("#maintenance-km", km)  # type: ignore[attr-defined]
    if rate:
        page.fill("#maintenance-rate", rate)  # type: ignore[attr-defined]
    page.get_by_role("button", name="计算保养日期").click()  # type: ignore[attr-defined]
    page.wait_for_selector("[data-maintenance-ics]")  # type: ignore[attr-defined]
    return page.eval_on_selector_all("[data-maintenance-result] [data-due]", "els => els.map(e => e.dataset.due)")  # type: ignore[attr-defined]


def download(page: object, tmp_path: Path) -> bytes:
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.get_by_role("link", name="下载日历提醒").click()  # type: ignore[attr-defined]
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


def events(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and str(calendar["PRODID"])
    return list(calendar.walk("VEVENT"))


def test_months_rule_lists_the_next_services_and_the_calendar_has_one_event_each(
        site: Path, serve: Callable[[Path], str], phone: tuple[object, list[str]], tmp_path: Path) -> None:
    page, requested = phone
    base = serve(site)
    # Bought 2026-01-15: 首保 at 6 months (2026-07-15, long past, taken as done), then every 12 months.
    due = remind(page, base, "alpha", "2026-01-15")
    assert due == ["2027-07-15", "2028-07-15", "2029-07-15", "2030-07-15"]
    assert page.locator("[data-maintenance-result] li").first.inner_text().startswith("2027 年 7 月 15 日前\n第 2 次保养")  # type: ignore[attr-defined]
    book = page.locator("[data-maintenance-result]").get_by_role("link", name="预约保养").get_attribute("href")  # type: ignore[attr-defined]
    assert parse_qs(urlsplit(book).query)["model"] == ["alpha"] and parse_qs(urlsplit(book).query)["utm_medium"] == ["cta"]
    loaded = len(requested)
    data = download(page, tmp_path)
    assert [url for url in requested[loaded:] if not url.startswith("blob:")] == []  # nothing sent anywhere

    found = events(data)
    assert len(found) == 4
    booking = urlsplit(str(found[0]["URL"]))
    assert booking.netloc == "form.example.cn" and booking.path == "/service"
    assert parse_qs(booking.query) == {"model": ["alpha"], "store": ["downtown"], "utm_source": ["website"], "utm_medium": ["calendar"], "utm_campaign": ["alpha"]}
    uids = set()
    for event, iso in zip(found, due, strict=True):
        start = event.decoded("DTSTART")
        assert type(start) is dt.date  # an all-day event
        assert start == dt.date.fromisoformat(iso) - dt.timedelta(days=14)
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == NOW.astimezone(dt.UTC)
        assert str(event["URL"]) == urlsplit(str(event["URL"])).geturl() == str(found[0]["URL"])
        assert str(event["SUMMARY"]).startswith("保养提醒：阿尔法 第 ")
        description = str(event["DESCRIPTION"])
        assert "保养项目：更换机油、更换机油滤清器、更换空调滤芯\n参考价 ¥480\n" in description
        assert f"预约保养：{event['URL']}\n" in description
        alarms = [c for c in event.subcomponents if c.name == "VALARM"]
        assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY" and str(alarms[0]["DESCRIPTION"])
        uids.add(str(event["UID"]))
    assert len(uids) == 4 and all(uid.endswith("@dealer.example.cn") for uid in uids)


def test_mileage_makes_a_service_due_sooner(site: Path, serve: Callable[[Path], str], phone: tuple[object, list[str]], tmp_path: Path) -> None:
    page, _ = phone
    # A month old with 1,000 km, 2,000 km a month: 5,000 km comes in about 2 months, before the 6 months.
    due = remind(page, serve(site), "alpha", "2026-11-01", km="1000", rate="2000")
    assert due[0] == (TODAY + dt.timedelta(days=round(4000 / 2000 * 30.4375))).isoformat() == "2027-01-31"
    assert "预计行驶到约 5,000 公里" in page.locator("[data-maintenance-result] li").first.inner_text()  # type: ignore[attr-defined]
    # Then 10,000 km more at 2,000 a month comes before 12 months, each time.
    assert [dt.date.fromisoformat(d) for d in due] == sorted(dt.date.fromisoformat(d) for d in due)
    assert all((dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days < 200 for a, b in itertools.pairwise(due))
    found = events(download(page, tmp_path))
    assert [e.decoded("DTSTART") for e in found] == [dt.date.fromisoformat(d) - dt.timedelta(days=14) for d in due]


def test_a_service_due_in_under_two_weeks_is_reminded_of_today(site: Path, serve: Callable[[Path], str], phone: tuple[object, list[str]], tmp_path: Path) -> None:
    page, _ = phone
    due = remind(page, serve(site), "alpha", "2026-06-10")  # 首保 due 2026-12-10, in 9 days
    assert due[0] == "2026-12-10"
    assert events(download(page, tmp_path))[0].decoded("DTSTART") == TODAY


def test_a_plan_by_mileage_only_needs_the_mileage(site: Path, serve: Callable[[Path], str], phone: tuple[object, list[str]]) -> None:
    page, _ = phone
    page.goto(serve(site) + "models/delta/")  # type: ignore[attr-defined]
    page.fill("#maintenance-purchase", "2026-10-01")  # type: ignore[attr-defined]
    page.get_by_role("button", name="计算保养日期").click()  # type: ignore[attr-defined]
    result = page.locator("[data-maintenance-result]")  # type: ignore[attr-defined]
    assert result.inner_text() == "第 1 次保养只按里程计算：行驶到约 7,500 公里时。填写当前里程或每月行驶里程后可算出日期。"
    assert page.locator("[data-maintenance-ics]").count() == 0  # type: ignore[attr-defined]
    page.fill("#maintenance-km", "2500")  # type: ignore[attr-defined]
    page.fill("#maintenance-rate", "2500")  # type: ignore[attr-defined]
    page.get_by_role("button", name="计算保养日期").click()  # type: ignore[attr-defined]
    due = page.eval_on_selector_all("[data-maintenance-result] [data-due]", "els => els.map(e => e.dataset.due)")  # type: ignore[attr-defined]
    assert due[0] == "2027-01-31"  # 5,000 km to go at 2,500 a month
    assert len(due) == 4


def test_purchase_date_is_required_and_not_in_the_future(site: Path, serve: Callable[[Path], str], phone: tuple[object, list[str]]) -> None:
    page, _ = phone
    page.goto(serve(site) + "models/alpha/")  # type: ignore[attr-defined]
    assert page.locator("#maintenance-purchase").get_attribute("max") == "2026-12-01"  # type: ignore[attr-defined]
    page.evaluate("document.querySelector('[data-maintenance-form]').noValidate = true")  # type: ignore[attr-defined]  # the script's own check
    page.fill("#maintenance-purchase", "2027-01-01")  # type: ignore[attr-defined]
    page.get_by_role("button", name="计算保养日期").click()  # type: ignore[attr-defined]
    assert page.get_by_role("alert").inner_text() == "购车日期不能晚于今天。"  # type: ignore[attr-defined]
    page.fill("#maintenance-purchase", "")  # type: ignore[attr-defined]
    page.get_by_role("button", name="计算保养日期").click()  # type: ignore[attr-defined]
    assert page.get_by_role("alert").inner_text() == "请填写购车日期。"  # type: ignore[attr-defined]
    assert page.locator("[data-maintenance-result]").is_hidden()  # type: ignore[attr-defined]


def test_calendar_text_is_escaped_and_folded_per_rfc_5545(site: Path, serve: Callable[[Path], str], phone: tuple[object, list[str]], tmp_path: Path) -> None:
    page, _ = phone
    remind(page, serve(site), "gamma", "2026-03-01")
    data = download(page, tmp_path)
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    for line in lines:
        assert len(line) <= 75, line  # octets
        line.decode("utf-8")  # a fold never splits a UTF-8 character
    assert any(line.startswith(b" ") for line in lines)  # something was long enough to fold
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    summary = next(line for line in unfolded if line.startswith("SUMMARY:"))
    assert summary.startswith("SUMMARY:保养提醒：伽马\\, 运动版\\; 限量\\\\款 第 ")
    description = next(line for line in unfolded if line.startswith("DESCRIPTION:"))
    assert "保养项目：更换机油\\, 机油滤清器\\; 检查刹车片\\\\刹车油、检查轮胎气压" in description and "\\n参考价 ¥1\\,280\\n" in description
    event = events(data)[0]
    assert str(event["SUMMARY"]).startswith(f"保养提醒：{GAMMA_NAME} 第 ")
    assert "更换机油, 机油滤清器; 检查刹车片\\刹车油、检查轮胎气压和胎纹深度 四轮定位" in str(event["DESCRIPTION"])
    assert "、机油 <b>5W-30</b> & </script>\n" in str(event["DESCRIPTION"])  # text, as written
    items = page.locator("[data-maintenance-result] .dealer-reminder__items").first.inner_text()  # type: ignore[attr-defined]
    assert items.endswith("、机油 <b>5W-30</b> & </script>")  # shown as text, never as markup


def test_without_javascript_the_plan_shows_and_the_form_says_it_needs_it(site: Path, serve: Callable[[Path], str], browser: object) -> None:
    context = browser.new_context(locale="zh-CN", java_script_enabled=False, **PHONE)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(serve(site) + "models/alpha/")
        assert page.locator(".dealer-maint__service").count() == 2
        assert page.locator(".dealer-maint__service").first.is_visible()
        assert page.locator("[data-maintenance-form]").is_hidden()
        assert page.locator("[data-maintenance-nojs]").is_visible()
        assert page.get_by_role("link", name="预约保养").first.is_visible()
    finally:
        context.close()


def test_plan_fits_the_phone(site: Path, serve: Callable[[Path], str], phone: tuple[object, list[str]]) -> None:
    page, _ = phone
    page.goto(serve(site) + "models/alpha/#maintenance-plan")  # type: ignore[attr-defined]
    width = page.evaluate("document.documentElement.clientWidth")  # type: ignore[attr-defined]
    for selector in (".dealer-maint__service", "#maintenance-purchase", ".dealer-reminder"):
        box = page.locator(selector).first.bounding_box()  # type: ignore[attr-defined]
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # type: ignore[attr-defined]


def test_mileage_counts_for_a_car_under_a_month_old(site: Path, serve: Callable[[Path], str], phone: tuple[object, list[str]]) -> None:
    """Bought three weeks ago and already 6,000 km: the 5,000 km 首保 is due now, not six months after purchase."""
    page, _ = phone
    due = remind(page, serve(site), "alpha", "2026-11-10", km="6000")
    # Taken as a month's driving (6,000 km a month): 5,000 km was reached about 5 days ago.
    assert due[0] == (TODAY - dt.timedelta(days=round(1000 / 6000 * 30.4375))).isoformat() == "2026-11-26"
    first = page.locator("[data-maintenance-result] li").first.inner_text()  # type: ignore[attr-defined]
    assert "预计行驶到约 5,000 公里" in first and "购车后" not in first
