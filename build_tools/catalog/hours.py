"""Opening hours and coordinates of a location as authors write them, read into schema.org's form.

``dealers.yml`` keeps ``hours`` as free text for display (「每天 8:30–18:00」); the structured
``opening_hours`` is a list of lines 「<days> <opens>-<closes>」 that search engines read as
``openingHoursSpecification``::

    opening_hours:
      - 周一至周五 8:30-18:00
      - 周六、周日 9:00-17:00

Days: 周一…周日 (also 星期一/礼拜一, 周天), ranges with 至/到/-/~, lists with 、/，/,; 每天, 工作日
(周一至周五) and 周末 (周六、周日). Times: 24-hour ``H:MM``, closing after opening (``24:00`` = midnight).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_NUMBER = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
_DAY = r"(?:周|星期|礼拜)([一二三四五六日天七])"
_NAMED = {"每天": range(7), "每日": range(7), "全周": range(7), "工作日": range(5), "周末": range(5, 7)}
_DASH = r"\s*(?:-|–|—|~|～|至|到)\s*"
_TIME = r"(\d{1,2})[:：](\d{2})"
_LINE = re.compile(rf"^\s*(.+?)\s+{_TIME}{_DASH}{_TIME}\s*$")
_GEO = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,，]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
EXAMPLE = "例如 - 周一至周五 8:30-18:00（一行一段：星期、开门时间-关门时间）"
GEO_EXAMPLE = "例如 geo: 28.2435, 113.0823（纬度, 经度，GPS/WGS84 坐标）"


@dataclass(frozen=True)
class OpeningHours:
    """One line of opening hours: the days (schema.org day names) and the times, ``HH:MM``."""

    days: tuple[str, ...]
    opens: str
    closes: str

    def schema(self) -> dict[str, object]:
        """This line as a schema.org ``OpeningHoursSpecification``."""
        return {"@type": "OpeningHoursSpecification", "dayOfWeek": [f"https://schema.org/{d}" for d in self.days],
                "opens": self.opens, "closes": self.closes}


def _days(text: str) -> list[int] | None:
    found: list[int] = []
    for part in re.split(r"\s*[、，,/]\s*", text.strip()):
        if part in _NAMED:
            found.extend(_NAMED[part])
            continue
        span = re.fullmatch(rf"{_DAY}(?:{_DASH}{_DAY})?", part) or re.fullmatch(rf"{_DAY}{_DASH}([一二三四五六日天七])", part)
        if span is None:
            return None
        first = _DAY_NUMBER[span.group(1)]
        last = _DAY_NUMBER[span.group(2)] if span.group(2) else first
        if last < first:
            return None
        found.extend(range(first, last + 1))
    return found


def _time(hours: str, minutes: str) -> str | None:
    h, m = int(hours), int(minutes)
    if m > 59 or h > 24 or (h == 24 and m):
        return None
    return f"{h:02d}:{m:02d}"


def parse_hours(line: str) -> OpeningHours | str:
    """One ``opening_hours`` line, or what is wrong with it (a Chinese sentence)."""
    match = _LINE.match(line)
    if match is None:
        return f"看不懂营业时间 {line!r}"
    days = _days(match.group(1))
    if not days:
        return f"看不懂营业时间里的星期 {match.group(1)!r}（可写 周一至周五、周六、每天、工作日、周末）"
    opens, closes = _time(match.group(2), match.group(3)), _time(match.group(4), match.group(5))
    if opens is None or closes is None:
        return f"时间不对：{line!r}（用 24 小时制，例如 8:30、18:00）"
    if closes <= opens:
        return f"关门时间要晚于开门时间：{line!r}"
    return OpeningHours(tuple(DAYS[d] for d in sorted(set(days))), opens, closes)


def parse_geo(text: str) -> tuple[float, float] | str:
    """``纬度, 经度`` as (latitude, longitude), or what is wrong with it."""
    match = _GEO.match(text)
    if match is None:
        return f"坐标写法不对：{text!r}"
    lat, lon = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return f"坐标超出范围：{text!r}（纬度在 -90 到 90 之间，经度在 -180 到 180 之间；是不是写反了？）"
    return lat, lon
