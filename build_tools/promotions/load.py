"""Stage 1 for promotions: ``content/promotions/<slug>.md`` → :class:`Promotion` records.

Every problem is reported with its file and line like every other content type; the
files are data for generated pages (:mod:`.pages`), so MkDocs never publishes them
itself — an ended promotion must not be in ``site/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..core.errors import Report
from ..core.frontmatter import Document, read_markdown
from ..core.schedule import moment
from ..core.schema import Field, check_fields, check_references, unknown_model
from ..core.slugs import SLUG
from ..core.sources import check_image
from .records import Promotion

PROMOTIONS_DIR = "promotions"
INDEX_URI = f"{PROMOTIONS_DIR}/index.md"
IMAGE_FIX = "把图片放到 content/assets/promotions/ 下，写成 image: assets/promotions/文件名.svg"
WHEN_FIX = "写成 YYYY-MM-DD（只写日期：start 为当天 0 点，end 为当天结束）或 YYYY-MM-DD HH:MM，例如 {name}: 2027-06-30"

PROMOTION_FIELDS = (
    Field("title", "text", required=True, example="欧蓝德冬季购车礼"),
    Field("summary", "text", required=True, example="一句话说明优惠内容（显示在活动卡片上）"),
    Field("start", "any", required=True, example="2026-12-01"),
    Field("end", "any", required=True, example="2027-06-30（只写日期表示当天结束）"),
    Field("models", "texts"),
    Field("image", "text"),
    Field("terms", "text"),
)


def promotion_files(docs_dir: Path, files: list[Path]) -> list[Path]:
    """The author files of ``content/promotions/`` (subfolders included, to be refused)."""
    folder = docs_dir / PROMOTIONS_DIR
    return [path for path in files if folder in path.parents]


def promotion_uris(docs_dir: Path, files: list[Path]) -> set[str]:
    """Source URIs of the promotion files: data for generated pages, never published as they are."""
    return {p.relative_to(docs_dir).as_posix() for p in promotion_files(docs_dir, files) if p.name != "index.md"}


def when(value: Any, zone: ZoneInfo, end: bool) -> tuple[dt.datetime, bool] | None:
    """A front-matter date or date-time as an aware date-time in ``zone`` and whether it was a date.

    A date is that day's midnight for ``start`` and the next day's midnight for ``end``
    (the promotion lasts the whole last day); ``None`` if it is neither.
    """
    parsed = moment(value, zone)
    if parsed is not None and parsed[1] and end:
        return parsed[0] + dt.timedelta(days=1), True
    return parsed
    if isinstance(value, dt.datetime):
        return (value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)), False
    if isinstance(value, dt.date):
        day = value + dt.timedelta(days=1) if end else value
        return dt.datetime.combine(day, dt.time(), tzinfo=zone), True
    return None


def load_promotions(docs_dir: Path, rel: Callable[[Path], str], files: list[Path], models: Collection[str],
                    broken_models: Collection[str], zone: ZoneInfo, report: Report) -> list[Promotion]:
    """Every promotion below ``content/promotions/`` (``files``: the author files of ``content/``), by slug."""
    promotions: list[Promotion] = []
    folder = docs_dir / PROMOTIONS_DIR
    for path in promotion_files(docs_dir, files):
        name = rel(path)
        if path.parent != folder:
            report.error(name, 1, "", "优惠活动文件不能放在子文件夹里（不会发布）", f"移到 content/{PROMOTIONS_DIR}/{path.name}")
            continue
        if path.name == "index.md":
            continue  # the authored text of the promotions index
        if path.suffix != ".md":
            report.error(name, 1, "", f"content/{PROMOTIONS_DIR}/ 里只能放优惠活动的 .md 文件", "图片请放到 content/assets/promotions/ 下；活动文件的扩展名用小写 .md")
            continue
        if not SLUG.match(path.stem):
            report.error(name, 1, "", f"文件名 {path.name} 不能用作网址", "活动文件名只能用小写英文字母、数字和连字符，例如 winter-2026.md")
            continue
        source = read_markdown(path, name, report)
        if source is None:
            continue
        promotion = _check(path.stem, name, source.meta, source.body, docs_dir, models, broken_models, zone, report)
        if promotion is not None:
            promotions.append(promotion)
    return sorted(promotions, key=lambda p: (p.end, p.slug))


def _check(slug: str, name: str, doc: Document, body: str, docs_dir: Path, models: Collection[str],
           broken_models: Collection[str], zone: ZoneInfo, report: Report) -> Promotion | None:
    values = check_fields(doc, PROMOTION_FIELDS, report)
    ok = True
    times: dict[str, tuple[dt.datetime, bool]] = {}
    for key in ("start", "end"):
        if key not in values:
            ok = False
            continue
        parsed = when(values[key], zone, end=key == "end")
        if parsed is None:
            written = doc.text(key) or str(values[key])
            report.error(name, doc.line(key), key, f"日期格式不对：{written}", WHEN_FIX.format(name=key))
            ok = False
        else:
            times[key] = parsed
    if "start" in times and "end" in times and times["end"][0] <= times["start"][0]:
        report.error(name, doc.line("end"), "end", f"结束时间 {doc.text('end')} 早于开始时间 {doc.text('start')}",
                     "检查 start 和 end：end 要晚于 start（只写日期的 end 表示当天结束）")
        ok = False
    image = values.get("image", "")
    if image and (problem := check_image(image, docs_dir, fix=IMAGE_FIX)) is not None:
        report.error(name, doc.line("image"), "image", *problem)
        ok = False
    names = values.get("models", ())
    ok &= check_references(name, doc, report, "models", names, models, broken_models, unknown_model, "可用的车型")
    if not ok or not {"title", "summary"} <= values.keys():
        return None
    return Promotion(
        slug=slug, title=values["title"], summary=values["summary"], start=times["start"][0], end=times["end"][0],
        source=name, body=body, models=tuple(names), image=image, terms=values.get("terms", ""),
        start_is_date=times["start"][1], end_is_date=times["end"][1],
    )
