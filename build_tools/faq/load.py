"""Stage 1 for the FAQ: load and validate ``faq/categories.yml`` and ``faq/**/*.md``."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.actions import TOPICS
from ..core.errors import Report, one_of, suggest
from ..core.frontmatter import Document, MarkdownSource, parse_yaml, read_markdown, read_text
from ..core.reuse import per_file
from ..core.schema import Field, check_fields, check_references, unknown_model
from ..core.settings import Paths
from ..core.slugs import SLUG
from ..core.sources import Broken, author_files
from .records import Category, FaqEntry

if TYPE_CHECKING:  # the record of all content, which holds this domain's records
    from ..site.content import Content

# Names that would collide with the FAQ's own pages or feeds.
RESERVED_SLUGS = frozenset({"category", "index", "rss", "atom", "feed", "search", "page"})


FAQ_FIELDS = (
    Field("question", "text", required=True, example="试驾需要带驾照吗？"),
    Field("category", "text", required=True, example="maintenance（faq/categories.yml 中的分类键）"),
    Field("date", "date", required=True),
    Field("updated", "date"),
    Field("models", "texts"),
    Field("tags", "texts"),
    Field("asked", "int", minimum=0),
    Field("draft", "bool"),
)


# An imported draft may leave its category for staff to fill in (see load_faq).
DRAFT_FIELDS = tuple(replace(f, required=False) if f.name == "category" else f for f in FAQ_FIELDS)


CATEGORY_FIELDS = (
    Field("name", "text", required=True, example="保养（显示给顾客的中文名称）"),
    Field("description", "text", example="一句话说明"),
    # Which buttons its questions get (core/actions.py); without it, guessed from the key and name.
    Field("topic", "text", example="service（保养、维修类：预约保养）或 sales（购车、试驾类：预约试驾）"),
)


def load_categories(paths: Paths, report: Report, broken: Broken | None = None) -> dict[str, Category]:
    """``faq/categories.yml``: category keys in display order; names and descriptions are text."""
    path = paths.categories_file
    rel = paths.rel(path)
    if not path.is_file():
        report.error(rel, 1, "", "找不到分类文件", "在 faq/ 下创建 categories.yml，格式见 docs/authoring.md")
        return {}
    text = read_text(path, rel, report)
    doc = parse_yaml(text, rel, report) if text is not None else None
    if doc is None or not isinstance(doc.data, dict) or not doc.data:
        if doc is not None:
            report.error(rel, 1, "", "分类文件应为“分类键: {name: 名称, description: 说明}”的列表", "参考 docs/authoring.md 中的 categories.yml 示例")
        if broken is not None:
            broken.files.add("categories")
        return {}
    categories: dict[str, Category] = {}
    for key, value in doc.data.items():
        key = str(key)
        line = doc.line(key)
        if not SLUG.match(key):
            report.error(rel, line, key, "分类键只能用小写英文字母、数字和连字符（它会出现在网址里）", "例如 maintenance 或 test-drive")
            continue
        if not isinstance(value, dict) or value.get("name") in (None, ""):
            report.error(rel, line, key, "分类缺少 name（显示给顾客的中文名称）", f"写成 {key}: {{name: 保养, description: 一句话说明}}")
            if broken is not None:
                broken.categories.add(key)
            continue
        # A list or map given as a name would be published as ['购车', '买车'].
        values = check_fields(doc.sub(key), CATEGORY_FIELDS, report)
        if "name" not in values or ("description" in value and value["description"] not in (None, "") and "description" not in values):
            if broken is not None:
                broken.categories.add(key)
            continue
        topic = values.get("topic", "")
        if topic and topic not in TOPICS:
            report.error(rel, doc.sub(key).line("topic"), "topic", f"未知的 topic {topic!r}", "写 service（保养、维修类问题，按钮为预约保养）或 sales（购车、试驾类问题，按钮为预约试驾），或删掉这一行")
            topic = ""
        categories[key] = Category(key, values["name"], values.get("description", ""), topic)
    return categories


_H1 = re.compile(r"^# ", re.M)


def _check_updated(doc: Document, values: dict[str, Any], today: dt.date | None, report: Report) -> None:
    """``updated`` is never in the future (it would top the FAQ feed until that day)."""
    updated = values.get("updated")
    if today is not None and updated is not None and updated > today:
        report.error(doc.path, doc.line("updated"), "updated", f"更新日期不能晚于今天：{updated}", "写实际修改回答的日期；要以后才发布，请改 date（定时发布）")
        values.pop("updated")


def _question_key(question: str) -> str:
    """Questions that differ only in spacing, width or final punctuation are the same."""
    text = unicodedata.normalize("NFKC", question).casefold()
    return re.sub(r"[\s?？!！。.,，、]+", "", text)


@dataclass(frozen=True)
class _Parsed:
    """What one FAQ file gives on its own: reused while the file is unchanged (see :func:`_parse_file`)."""

    rel: str
    source: MarkdownSource
    values: dict[str, Any]  # check_fields' valid fields (copied before a build changes them)
    unsorted: bool  # a draft still waiting for its category
    answer: str
    question_key: str | None
    # The entry as written (all its models, its updated date), or None when it cannot be one;
    # the same object from build to build while the file is unchanged, so the pages made
    # from it are too (faq/pages.py FaqMemo, the preview's page cache).
    entry: FaqEntry | None


def _parse_file(path: Path, paths: Paths, report: Report) -> _Parsed | None:
    """The checks of one FAQ file that need nothing but the file: its fields, its answer, its headings."""
    rel = paths.rel(path)
    source = read_markdown(path, rel, report)
    if source is None:
        return None
    doc = source.meta
    # A draft imported by `make intake` may still wait for staff to pick its category:
    # that is a to-do (like its missing answer), not an error.
    unsorted = doc.data.get("draft") is True and doc.data.get("category") in (None, "")
    values = check_fields(doc, DRAFT_FIELDS if unsorted else FAQ_FIELDS, report)
    answer = source.body.strip()
    if not answer and values.get("draft"):
        report.todo(rel, source.body_line, "", "草稿还没有回答", "写好回答后删除 draft: true 这一行即可发布")
    elif not answer:
        report.error(rel, source.body_line, "", "回答为空", "在文件开头的 --- 下面写上回答内容")
    heading = _H1.search(source.body)
    if heading:
        line = source.body_line + source.body.count("\n", 0, heading.start())
        report.warning(rel, line, "", "回答里用了一级标题（# 开头）", "问题本身就是页面标题；小标题请用 ## 开头")
    question = values.get("question")
    entry = None
    if {"question", "category", "date"} <= values.keys() and (answer or values.get("draft")):
        entry = FaqEntry(
            slug=path.stem,
            question=values["question"],
            category=values["category"],
            date=values["date"],
            answer=source.body,
            source=rel,
            updated=values.get("updated"),
            models=values.get("models", ()),
            tags=values.get("tags", ()),
            asked=values.get("asked"),
            draft=values.get("draft", False),
        )
    return _Parsed(rel, source, values, unsorted, answer, _question_key(question) if question else None, entry)


def load_faq(paths: Paths, content: Content, report: Report, today: dt.date | None = None, broken: Broken | None = None) -> list[FaqEntry]:
    """Every FAQ entry below ``faq/`` (dot-named files and folders are private, see sources.py).

    The checks of each file alone are reused in preview while it is unchanged
    (:func:`_parse_file`); those against other files and today's date run every time.
    """
    broken = broken or Broken()
    entries: list[FaqEntry] = []
    by_slug: dict[str, str] = {}
    by_question: dict[str, str] = {}
    if not paths.faq_dir.is_dir():
        report.error(paths.rel(paths.faq_dir), 1, "", "找不到常见问题文件夹", "创建 faq/ 文件夹并放入问题文件")
        return entries
    for path in author_files(paths.faq_dir, paths.content_dirs, paths.rel, report):
        if path.suffix != ".md":
            if path not in (paths.categories_file, paths.vocabulary_file):
                report.error(paths.rel(path), 1, "", "faq/ 里只能放 .md 问题文件、categories.yml 和 vocabulary.yml，这个文件不会发布", "把扩展名改成小写的 .md，或把文件移出 faq/ 文件夹")
            continue
        parsed = per_file(path, "faq", report, functools.partial(_parse_file, path, paths))
        rel = parsed.rel if parsed is not None else paths.rel(path)
        slug = path.stem
        if not SLUG.match(slug):
            report.error(rel, 1, "", f"文件名 {path.name} 不能用作网址", "文件名只能用小写英文字母、数字和连字符，例如 first-service.md")
        elif slug in RESERVED_SLUGS:
            report.error(rel, 1, "", f"文件名 {path.name} 是网站保留的名称", "换一个文件名，例如在后面加上主题：" + f"{slug}-question.md")
        elif slug in by_slug:
            report.error(rel, 1, "", f"文件名与 {by_slug[slug]} 重复（文件名就是网址，必须唯一）", "给其中一个文件换个名字")
        else:
            by_slug[slug] = rel
        if parsed is None:
            continue
        doc = parsed.source.meta
        values = dict(parsed.values)  # the reused result stays as parsed
        _check_updated(doc, values, today, report)
        if parsed.unsorted:
            report.todo(rel, doc.line("category"), "category", "草稿还没有分类", f"填写 faq/categories.yml 中的分类之一：{one_of(content.categories)}")

        category = values.get("category")
        if category is not None and category not in content.categories and category not in broken.categories and "categories" not in broken.files:
            report.error(rel, doc.line("category"), "category", f"未知分类 {category!r}", suggest(category, content.categories, "请改为 faq/categories.yml 中的分类之一"))

        check_references(rel, doc, report, "models", values.get("models", ()), content.models, broken.models, unknown_model, "可用的车型")

        if "date" in values and "updated" in values and values["updated"] < values["date"]:
            report.error(rel, doc.line("updated"), "updated", f"更新日期 {values['updated']} 早于发布日期 {values['date']}", "updated 应不早于 date；如果是首次发布，删除 updated 这一行")

        key = parsed.question_key
        if key is not None:
            if key in by_question:
                report.error(rel, doc.line("question"), "question", f"与 {by_question[key]} 的问题相同", "合并这两个问题，或把其中一个问题改写得更具体")
            else:
                by_question[key] = rel

        entry = parsed.entry
        if entry is not None and entry.category in content.categories:
            # Unknown models (reported above) are left out; an updated date in the future is not used.
            models = tuple(m for m in entry.models if m in content.models)
            changed: dict[str, Any] = {"models": models} if models != entry.models else {}
            if entry.updated is not None and "updated" not in values:
                changed["updated"] = None
            entries.append(replace(entry, **changed) if changed else entry)
    return entries
