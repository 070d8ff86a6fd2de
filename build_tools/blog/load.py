"""Stage 1 for the blog: load and validate ``blog/posts/**/*.md`` and ``blog/.authors.yml``.

Posts use the front matter of Material for MkDocs' blog plugin (which renders the
index, archive, category pages and author profiles) plus our ``models``. Every
problem is reported in the same ``path:line: field: what — fix`` form as FAQ
entries, before Material ever sees a post, so authors get Chinese messages and a
whole-run list instead of Material's first English exception. Knows nothing about
MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..core.errors import Report, suggest
from ..core.frontmatter import Document, parse_yaml, read_markdown, read_text
from ..core.schedule import moment
from ..core.schema import DATE_FIX, PAGE_KEYS, Field, check_fields, check_printed_meta, check_references, unknown_model
from ..core.settings import Settings
from ..core.slugs import SLUG
from ..core.sources import Broken, author_files, check_image
from ..core.urls import URL_FIX, nav_links, url_problem
from .records import Author, Post

if TYPE_CHECKING:  # the record of all content, which holds this domain's records
    from ..site.content import Content

AUTHORS_FILE = ".authors.yml"
POSTS_DIR = "posts"

# `date` is checked here rather than by the schema: posts may carry a time and
# Material's {created, updated} form, which the FAQ's plain date kind would drop.
POST_FIELDS = (
    Field("date", "any"),
    Field("slug", "text", required=True, example="spring-service-2026"),
    Field("categories", "texts"),
    Field("authors", "texts"),
    Field("models", "texts"),
    Field("tags", "texts"),
    Field("draft", "bool"),
    Field("pin", "bool"),
    Field("readtime", "int", minimum=1),
    Field("links", "any"),
    Field("search", "any"),
    *PAGE_KEYS,
)

# Material's blog requires name, description and avatar, each a string.
AUTHOR_FIELDS = (
    Field("name", "text", required=True, example="王晓梅"),
    Field("description", "text", required=True, example="市场部（显示在文章的作者信息里）"),
    Field("avatar", "text", required=True, example="assets/authors/wang.svg"),
    Field("slug", "text"),
    Field("url", "text"),
)

# Characters that mean something in HTML; refused where Material prints a value unescaped.
HTML_SPECIAL = re.compile(r"[<>&\"']")
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


@dataclass(frozen=True)
class BlogOptions:
    """What the loader needs besides paths: the site's time zone and allowed categories."""

    timezone: str = "Asia/Shanghai"
    # Material's `categories_allowed`; empty allows any category.
    categories: tuple[str, ...] = ()
    # Material's `blog_dir`: the folder in content/ that holds only the blog's index.md.
    index_dir: str = "blog"

    @classmethod
    def of(cls, settings: Settings) -> BlogOptions:
        """The blog options of a site's settings."""
        return cls(timezone=settings.timezone, categories=settings.blog_categories, index_dir=settings.blog_index_dir)


def post_date(value: Any, zone: ZoneInfo) -> dt.datetime | None:
    """A front-matter date or date-time as an aware datetime in ``zone``; ``None`` if invalid.

    A plain date means midnight where the dealer is, so a post dated today is
    published by the morning rebuild, the same rule as for FAQ entries.
    """
    parsed = moment(value, zone)
    return parsed[0] if parsed is not None else None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), tzinfo=zone)
    return None


def load_authors(path: Path, docs_dir: Path, rel: Callable[[Path], str], report: Report, broken: Broken | None = None) -> dict[str, Author]:
    """Read ``blog/.authors.yml``; avatars must be images inside the site.

    An author whose entry has an error is added to ``broken`` (still a known name),
    so posts naming it do not report it again.
    """
    broken = broken if broken is not None else Broken()
    authors: dict[str, Author] = {}
    if not path.is_file():
        return authors
    name = rel(path)
    text = read_text(path, name, report)
    doc = parse_yaml(text, name, report) if text is not None else None
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    entries = data.get("authors")
    if doc is None or not isinstance(entries, dict):
        if doc is not None:
            report.error(name, doc.line("authors"), "authors", "作者文件应以 authors: 开头，下面每位作者一项", "参考 docs/authoring.md 中的 .authors.yml 示例")
        broken.files.add("authors")
        return authors
    for key in data:
        if key != "authors":
            report.warning(name, doc.line(str(key)), str(key), "未知部分，Material 的博客插件会拒绝", "作者文件里只写 authors:，删除这一部分")
    for key, value in entries.items():
        key = str(key)
        line = doc.at("authors", key)
        broken.authors.add(key)  # until the entry passes every check below
        if not isinstance(value, dict):
            report.error(name, line, key, "作者信息应为“字段: 值”的形式", f"写成 {key}: {{name: 姓名, description: 职务, avatar: assets/authors/{key}.svg}}")
            continue
        sub = doc.sub("authors", key)
        values = check_fields(sub, AUTHOR_FIELDS, report)
        # Material reads this file itself and accepts only strings (a name 2008 must be quoted).
        for field_name in check_printed_meta(sub, report, any_value=False, keys=[f.name for f in AUTHOR_FIELDS]):
            values.pop(field_name, None)
        avatar = values.get("avatar")
        if avatar is not None and _EXTERNAL.match(avatar):
            report.error(name, sub.line("avatar"), "avatar", "头像不能用外部网站的图片（Gravatar、GitHub 等在中国大陆加载很慢或打不开）", f"把头像图片放到 {rel(docs_dir / 'assets' / 'authors')}/ 下，写成 avatar: assets/authors/{key}.svg")
            continue
        problem = check_image(avatar, docs_dir, "头像图片", f"把头像图片放到 {rel(docs_dir / 'assets' / 'authors')}/ 下，写成 avatar: assets/authors/{key}.svg") if avatar is not None else None
        if problem is not None:
            report.error(name, sub.line("avatar"), "avatar", *problem)
            continue
        url = values.get("url")
        if url and (refused := url_problem(url)) is not None:
            # Material links the author's name to it on every post.
            report.error(name, sub.line("url"), "url", f"{refused}：{url!r}", URL_FIX)
            continue
        if {"name", "description", "avatar"} <= values.keys():
            authors[key] = Author(key, values["name"], values["description"], values["avatar"])
            broken.authors.discard(key)
    return authors


def load_posts(
    posts_dir: Path, rel: Callable[[Path], str], content: Content, options: BlogOptions, report: Report,
    files: list[Path] | None = None, now: dt.datetime | None = None, broken: Broken | None = None,
) -> list[Post]:
    """Read and validate every post below ``posts_dir``; never raises for bad input.

    ``files`` are the author files there (default: all, see :func:`sources.author_files`);
    ``now`` is what ``date.updated`` may not be later than.
    """
    posts: list[Post] = []
    if not posts_dir.is_dir():
        return posts
    zone = ZoneInfo(options.timezone)
    broken = broken or Broken()
    if files is None:
        files = author_files(posts_dir, [posts_dir], rel, report)
    by_slug: dict[str, str] = {}
    for path in files:
        name = rel(path)
        if path.suffix != ".md":
            report.error(name, 1, "", "blog/posts/ 里只能放 .md 文章文件，这个文件不会发布", "把扩展名改成小写的 .md；文章里的图片请放到 content/assets/ 下")
            continue
        source = read_markdown(path, name, report)
        if source is None:
            continue
        doc = source.meta
        values = check_fields(doc, POST_FIELDS, report)
        check_printed_meta(doc, report, any_value=False)
        ok = True

        slug = values.get("slug")
        if slug is not None and not SLUG.match(slug):
            report.error(name, doc.line("slug"), "slug", f"slug {slug!r} 不能用作网址", "slug 只能用小写英文字母、数字和连字符，例如 slug: spring-service-2026")
            ok = False
        elif slug is not None and slug in by_slug:
            report.error(name, doc.line("slug"), "slug", f"与 {by_slug[slug]} 的 slug 重复（slug 是网址的一部分，必须唯一）", "给其中一篇文章换一个 slug")
            ok = False
        elif slug is not None:
            by_slug[slug] = name

        created, updated = _check_date(doc, zone, report, now)
        ok = ok and created is not None

        title = values.get("title")
        heading = _H1.search(source.body)
        if not title and heading:
            title = heading.group(1).strip()
        if not title:
            report.error(name, source.body_line, "", "文章没有标题", "在正文第一行写“# 标题”，或在文件开头加一行 title: 标题")
            ok = False
        if not source.body.strip():
            report.error(name, source.body_line, "", "正文为空", "在文件开头的 --- 下面写上文章内容")
            ok = False

        for index, category in enumerate(values.get("categories", ())):
            if HTML_SPECIAL.search(category):
                # Material prints category names as HTML (navigation, headings, post lists).
                report.error(name, doc.line("categories", index), "categories", f"分类名 {category!r} 里不能有 < > & \" '", "分类名只用文字，例如把 & 写成“和”或“、”（mkdocs.yml 的 categories_allowed 也要一起改）")
                ok = False
            elif options.categories and category not in options.categories:
                report.error(name, doc.line("categories", index), "categories", f"未知分类 {category!r}", suggest(category, options.categories, "请改为 mkdocs.yml 里 blog 插件 categories_allowed 中的分类之一"))
                ok = False
        links = values.get("links")
        if links is not None and not isinstance(links, list):
            report.error(name, doc.line("links"), "links", "应为列表，每项以“- ”开头", "写成 links:，下一行起每项写成 - 标题: 网址")
            ok, links = False, []
        for where, label, url in nav_links(links or []):
            if url is not None and not isinstance(url, str):
                report.error(name, doc.at("links", *where), "links", f"链接应为一段网址，实际写的是 {url!r}", "写成 - 标题: 网址，例如 - 预约保养: https://form.example.cn/service")
                ok = False
                continue
            # Material renders `links` as navigation: titles as HTML, URLs as hrefs.
            if label is not None and HTML_SPECIAL.search(label):
                report.error(name, doc.at("links", *where), "links", f"链接标题 {label!r} 里不能有 < > & \" '", "标题只用文字，例如把 & 写成“和”")
                ok = False
            if isinstance(url, str) and (problem := url_problem(url)) is not None:
                report.error(name, doc.at("links", *where), "links", f"{problem}：{url!r}", URL_FIX)
                ok = False
        for index, author in enumerate(values.get("authors", ())):
            if author in broken.authors or "authors" in broken.files:
                ok = False  # its entry in .authors.yml is wrong, and reported there
            elif author not in content.authors:
                report.error(name, doc.line("authors", index), "authors", f"未知作者 {author!r}（blog/.authors.yml 里没有）", suggest(author, content.authors, "可用的作者"))
                ok = False
        ok &= check_references(name, doc, report, "models", values.get("models", ()), content.models, broken.models, unknown_model, "可用的车型")

        if ok and slug is not None and title and created is not None:
            posts.append(
                Post(
                    slug=slug,
                    title=title,
                    date=created,
                    body=source.body,
                    source=name,
                    path=path.relative_to(posts_dir).as_posix(),
                    updated=updated,
                    categories=values.get("categories", ()),
                    authors=values.get("authors", ()),
                    models=values.get("models", ()),
                    tags=values.get("tags", ()),
                    description=values.get("description", ""),
                    draft=values.get("draft", False),
                )
            )
    return posts


def _check_date(doc: Document, zone: ZoneInfo, report: Report, now: dt.datetime | None = None) -> tuple[dt.datetime | None, dt.datetime | None]:
    """(created, updated) from ``date: 2026-03-18`` or ``date: {created: …, updated: …}``.

    Material's blog reads the front matter itself and accepts only YAML dates and
    date-times, so a quoted date (or a time without seconds, which YAML keeps as
    text) is refused here rather than failing the build in English.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    value = data.get("date")
    if value is None or value == "":
        what = "缺少必填字段" if "date" not in data else "必填字段不能为空"
        report.error(doc.path, doc.line("date"), "date", what, f"请填写日期，{DATE_FIX}")
        return None, None
    if isinstance(value, dict):
        created_raw, updated_raw = value.get("created"), value.get("updated")
        unknown = [str(k) for k in value if k not in ("created", "updated")]
        for key in unknown:
            report.error(doc.path, doc.at("date", key), "date", f"日期里只能写 created 和 updated，不能写 {key}", "写成 date: {created: 2026-03-18, updated: 2026-03-20}")
        if created_raw is None:
            report.error(doc.path, doc.line("date"), "date", "缺少发布日期 created", "写成 date: {created: 2026-03-18, updated: 2026-03-20}，或只写 date: 2026-03-18")
            return None, None
    else:
        created_raw, updated_raw, unknown = value, None, []
    for key, raw in (("created", created_raw), ("updated", updated_raw)):
        if isinstance(raw, str) and post_date(raw, zone) is not None:
            line = doc.at("date", key) if isinstance(value, dict) else doc.line("date")
            if len(raw.strip()) > 10:
                fix = "去掉引号，时间写到秒，例如 2026-03-18 10:30:00"
            else:
                fix = f"去掉引号，写成 {raw.strip()}"
            report.error(doc.path, line, "date", f"日期不能写成带引号的文字：{raw!r}（Material 的博客插件不认）", fix)
            return None, None
    created = post_date(created_raw, zone)
    if created is None:
        report.error(doc.path, doc.line("date"), "date", f"日期格式不对：{created_raw!r}", DATE_FIX)
        return None, None
    updated = post_date(updated_raw, zone) if updated_raw is not None else None
    if updated_raw is not None and updated is None:
        report.error(doc.path, doc.at("date", "updated"), "date", f"日期格式不对：{updated_raw!r}", DATE_FIX)
        return None, None
    if updated is not None and updated < created:
        report.error(doc.path, doc.at("date", "updated"), "date", f"更新日期 {updated_raw} 早于发布日期 {created_raw}", "updated 应不早于 created；如果是首次发布，删除 updated")
        return None, None
    if updated is not None and now is not None and updated > now:
        report.error(doc.path, doc.at("date", "updated"), "date", f"更新日期不能晚于今天：{updated_raw}", "写实际修改文章的日期；要以后才发布，请改 created（定时发布）")
        return None, None
    if unknown:
        return None, None
    return created, updated


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:[.'’-][A-Za-z0-9]+)*")


def reading_minutes(text: str, chars_per_minute: int = 400, words_per_minute: int = 265) -> int:
    """Minutes to read ``text``: Chinese counted by character, other languages by word.

    Material's own estimate splits on non-word characters, so a Chinese paragraph
    counts as a handful of "words" and every post reads in one minute.
    """
    chinese = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text)))
    return max(1, round(chinese / chars_per_minute + words / words_per_minute))
