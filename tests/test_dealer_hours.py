"""dealers.yml's structured opening hours and coordinates, and phone numbers in +86 form (schema.org data)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_build_and_check_fail, write

from build_tools.catalog.hours import OpeningHours, parse_geo, parse_hours
from build_tools.core.jsonld import telephone

WEEK = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@pytest.mark.parametrize(("line", "days", "opens", "closes"), [
    ("每天 8:30-18:00", WEEK, "08:30", "18:00"),
    ("周一至周五 8:30–17:30", WEEK[:5], "08:30", "17:30"),
    ("周一到周六 9:00 ~ 21:00", WEEK[:6], "09:00", "21:00"),
    ("周六、周日 10:00-16:00", WEEK[5:], "10:00", "16:00"),
    ("星期一,星期三 8:00至12:00", ("Monday", "Wednesday"), "08:00", "12:00"),
    ("工作日 8:00-20:00", WEEK[:5], "08:00", "20:00"),
    ("周末 9:00-24:00", WEEK[5:], "09:00", "24:00"),
    ("周一至五 8:30：12:00".replace("：12", "-12"), WEEK[:5], "08:30", "12:00"),
])
def test_opening_hours_lines(line: str, days: tuple[str, ...], opens: str, closes: str) -> None:
    assert parse_hours(line) == OpeningHours(days, opens, closes)


@pytest.mark.parametrize(("line", "problem"), [
    ("每天", "看不懂营业时间 '每天'"),
    ("周八 8:00-18:00", "看不懂营业时间里的星期 '周八'（可写 周一至周五、周六、每天、工作日、周末）"),
    ("周五至周一 8:00-18:00", "看不懂营业时间里的星期 '周五至周一'（可写 周一至周五、周六、每天、工作日、周末）"),
    ("每天 8:30-25:00", "时间不对：'每天 8:30-25:00'（用 24 小时制，例如 8:30、18:00）"),
    ("每天 18:00-8:30", "关门时间要晚于开门时间：'每天 18:00-8:30'"),
])
def test_opening_hours_problems_are_said_in_chinese(line: str, problem: str) -> None:
    assert parse_hours(line) == problem


def test_geo_is_latitude_then_longitude() -> None:
    assert parse_geo("28.2435, 113.0823") == (28.2435, 113.0823)
    assert parse_geo("28.2435，113.0823") == (28.2435, 113.0823)
    assert parse_geo("113.0823, 28.2435") == "坐标超出范围：'113.0823, 28.2435'（纬度在 -90 到 90 之间，经度在 -180 到 180 之间；是不是写反了？）"
    assert parse_geo("长沙") == "坐标写法不对：'长沙'"


@pytest.mark.parametrize(("written", "international"), [
    ("0731-8888 0000", "+86-731-8888-0000"),
    ("010-6512 3456", "+86-10-6512-3456"),
    ("(020) 8888 1234", "+86-20-8888-1234"),
    ("0755-123 4567", "+86-755-123-4567"),
    ("138 1234 5678", "+86-138-1234-5678"),
    ("400-800-1234", "+86-400-800-1234"),
    ("+86 731 8888 0000", "+86-731-8888-0000"),
    ("0086-138-1234-5678", "+86-138-1234-5678"),
    ("+852 2123 4567", "+85221234567"),
])
def test_phones_in_international_form(written: str, international: str) -> None:
    assert telephone(written) == international


def test_broken_hours_and_geo_stop_the_build_with_their_lines(site_src: Path) -> None:
    text = (site_src / "content" / "dealers.yml").read_text(encoding="utf-8")
    text = text.replace("  hours: 每天 9:00-18:00\n", "  hours: 每天 9:00-18:00\n  opening_hours:\n    - 每天 9:00-18:00\n    - 周八 9:00-12:00\n  geo: 长沙\n", 1)
    write(site_src, "content/dealers.yml", text)
    assert_build_and_check_fail(site_src, [
        "content/dealers.yml:9: opening_hours: 看不懂营业时间里的星期 '周八'（可写 周一至周五、周六、每天、工作日、周末） — 例如 - 周一至周五 8:30-18:00（一行一段：星期、开门时间-关门时间）",
        "content/dealers.yml:10: geo: 坐标写法不对：'长沙' — 例如 geo: 28.2435, 113.0823（纬度, 经度，GPS/WGS84 坐标）",
    ])
