"""Stage 1 for the home page: ``content/index.md`` front matter checked like every content type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.errors import Report, one_of
from ..core.frontmatter import Document, read_markdown
from ..core.schema import PAGE_KEYS, Field, check_fields, check_printed_meta
from ..core.sources import check_image
from ..core.urls import URL_FIX, url_problem
from .records import HERO_ACTIONS, QUICK_ACTIONS, Hero, Home

HOME_FILE = "index.md"

HOME_FIELDS = (
    Field("hero", "any"),
    Field("actions", "texts"),
    Field("faq", "int", minimum=0),
    Field("posts", "int", minimum=0),
    Field("store", "text"),
    *PAGE_KEYS,
    # Material's other page keys.
    Field("author", "text"),
    Field("subtitle", "text"),
    Field("status", "text"),
)
HERO_FIELDS = (
    Field("headline", "text", required=True, example="三菱 SUV 全系到店，欢迎预约试驾"),
    Field("text", "text"),
    Field("image", "text"),
    Field("button", "text"),
    Field("action", "text"),
    Field("link", "text"),
)


def load_home(docs_dir: Path, rel_of: Any, report: Report, location_ids: set[str]) -> Home | None:
    """``content/index.md``'s storefront settings (``None`` without the file or when it cannot be read)."""
    path = docs_dir / HOME_FILE
    if not path.is_file():
        return None
    rel = rel_of(path)
    source = read_markdown(path, rel, report)
    if source is None:
        return None
    doc = source.meta
    values = check_fields(doc, HOME_FIELDS, report)
    check_printed_meta(doc, report, any_value=False)
    actions = values.get("actions", tuple(QUICK_ACTIONS))
    for i, action in enumerate(actions):
        if action not in QUICK_ACTIONS:
            names = "、".join(f"{k}（{v}）" for k, v in QUICK_ACTIONS.items())
            report.error(rel, doc.at("actions", i), "actions", f"未知的快捷按钮 {action!r}", f"只能写 {names}")
    actions = tuple(a for a in actions if a in QUICK_ACTIONS)
    store = values.get("store", "")
    if store and store not in location_ids:
        known = one_of(sorted(location_ids)) if location_ids else "（content/dealers.yml 里还没有网点）"
        report.error(rel, doc.at("store"), "store", f"找不到网点 {store!r}", f"写 content/dealers.yml 里某个网点的 id：{known}")
        store = ""
    return Home(
        source=rel, hero=_hero(doc, docs_dir, report), actions=actions,
        faq_count=values.get("faq", 5), posts_count=values.get("posts", 3), store=store,
    )


def _hero(doc: Document, docs_dir: Path, report: Report) -> Hero | None:
    raw = doc.data.get("hero") if isinstance(doc.data, dict) else None
    if raw is None:
        return None
    if not isinstance(raw, dict):
        report.error(doc.path, doc.at("hero"), "hero", "应为“字段: 值”，下面逐行缩进两个空格写 headline、text、image、button", "参考 docs/authoring.md 中首页的示例")
        return None
    sub = doc.sub("hero")
    values = check_fields(sub, HERO_FIELDS, report)
    image = values.get("image", "")
    if image and (missing := check_image(image, docs_dir)) is not None:
        report.error(doc.path, sub.at("image"), "hero.image", *missing)
        image = ""
    action = values.get("action", "test_drive")
    if action not in HERO_ACTIONS:
        report.error(doc.path, sub.at("action"), "hero.action", f"未知的按钮类型 {action!r}", f"只能写 {one_of(HERO_ACTIONS)}（预约试驾、在线订车、获取报价、预约保养、我要提问），或改用 link: 写一个网址")
        action = "test_drive"
    link = values.get("link", "")
    if link and "action" in values:
        report.error(doc.path, sub.at("link"), "hero.link", "action 和 link 只能写一个", "按钮打开预约表单就写 action，打开某个页面就写 link")
    if link and (problem := url_problem(link)) is not None:
        report.error(doc.path, sub.at("link"), "hero.link", f"{problem}：{link!r}", URL_FIX)
        link = ""
    if "headline" not in values:
        return None
    return Hero(headline=values["headline"], text=values.get("text", ""), image=image, button=values.get("button", ""), action=action, link=link)
