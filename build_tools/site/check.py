"""What ``mkdocs build --strict`` would reject about the site as a whole, said first and in Chinese.

Run by ``make check`` and by the build (before MkDocs sees a page): every ``nav``
entry and every relative link to a file in a published page must name a page or
file the build will really contain — an authored file in ``content/``, a generated
page (FAQ, models, dealers), or a published post. A link to a draft FAQ entry, or
``dealers.md`` in the nav while ``content/dealers.yml`` lists no location, would
otherwise fail the build with MkDocs' English warning. Knows nothing about MkDocs.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..aftersales.survey_pages import survey_problems
from ..blog.pages import visible_posts
from ..catalog.load import DEALERS_FILE
from ..catalog.pages import DEALERS_URI
from ..core.errors import Report
from ..core.frontmatter import read_markdown
from ..core.reuse import per_file
from ..core.settings import Settings
from ..core.sources import author_files
from ..faq.pages import visible_entries
from ..promotions.pages import visible_promotions
from .content import Content
from .domains import Inputs, generated_pages

# Inline links and images, and reference definitions; code is blanked out first.
# A destination is <anything but a line break or >> (spaces allowed) or a run without spaces.
_INLINE = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*(?:<([^>\n]*)>|([^)\s]+))")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*(?:<([^>\n]*)>|(\S+))", re.M)
# Not links, for Markdown: HTML comments and indented code blocks (after a blank line).
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INDENTED = re.compile(r"(?:\A|\n[ \t]*\n)((?:(?: {4}|\t)[^\n]*\n?)+)")
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,}).*?(?:^[ ]{0,3}\1[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)[^`].*?\1", re.S)


def generated_uris(content: Content, settings: Settings, authored: set[str]) -> set[str]:
    """The pages the dealer plugin generates (what ``make check`` does not otherwise build)."""
    return {page.uri for page in generated_pages(Inputs(content, settings, authored, visible_entries(content, settings)))}


def check_all(content: Content, settings: Settings, report: Report) -> None:
    """:func:`check_site` for ``make check`` and for a build whose content has errors.

    With errors, the pages of files that failed validation are taken to exist (their
    own error is reported), so a link to them is not reported as a second problem
    while every other broken link still is: one run lists every mistake.
    """
    authored = set(content.authored)
    generated = generated_uris(content, settings, authored)
    if not report.ok:
        valid = {e.slug for e in content.faq}
        faq_files = author_files(settings.paths.faq_dir, settings.paths.content_dirs, settings.paths.rel, Report())
        generated |= {f"faq/{p.stem}.md" for p in faq_files if p.suffix == ".md" and p.stem not in valid}
        dealers = settings.paths.rel(settings.paths.docs_dir / DEALERS_FILE)
        if any(p.path == dealers for p in report.errors):
            generated.add(DEALERS_URI)
    # A refused file's own links are not reported on top of its error (it is moved or fixed first).
    check_site(content, settings, report, authored, generated, skip={p.path for p in report.errors})


def check_site(content: Content, settings: Settings, report: Report, authored: set[str], generated: set[str],
               skip: frozenset[str] | set[str] = frozenset()) -> None:
    """Report nav entries and links that point at nothing the build will publish (not in files named in ``skip``)."""
    posts = visible_posts(content.posts, settings.now(), settings.preview)
    post_uris = {f"{settings.posts_uri}/{p.path}": p for p in posts} if settings.posts_uri else {}
    pages = authored | generated | set(post_uris)
    index = f"{settings.blog_index_dir}/index.md"
    if settings.posts_uri and index not in authored:
        # Material would create it inside content/ itself; the blog's landing page is authored.
        report.error(settings.paths.rel(settings.paths.docs_dir / index), 1, "", "找不到博客首页", "创建这个文件，第一行写 # 新闻资讯")
        pages.add(index)  # reported once, not again for the nav
    _check_nav(settings, pages, report)
    survey_problems(content, settings, report)

    root = settings.paths.root
    docs_dir = settings.paths.docs_dir
    sources: list[tuple[Path | str, str]] = [(docs_dir / uri, uri) for uri in sorted(authored) if uri.endswith(".md")]
    # (FAQ files as plain strings: making 5,000 Paths cost more than the rest of a preview's check)
    faq_root = os.fspath(root)
    sources += [(os.path.join(faq_root, e.source), f"faq/{e.slug}.md") for e in visible_entries(content, settings)]
    sources += [(root / p.source, uri) for uri, p in post_uris.items()]
    sources += [(root / c.promotion.source, c.promotion.src_uri) for c in visible_promotions(content, settings)]
    for path, uri in sources:
        if skip and settings.paths.rel(Path(path)) in skip:  # (rel costs more than reading the file)
            continue
        if not uri.startswith("faq/"):
            _check_theme_names(Path(path), settings, report)
        for line, target, resolved in per_file(path, ("links", uri), report, functools.partial(_file_links, path, uri)):
            if resolved not in pages:
                report.error(settings.paths.rel(Path(path)), line, "", f"链接 {target} 指向的页面或文件不存在，或不会发布（草稿、定时发布的内容没有页面）", _link_fix(target, resolved, pages))


def _file_links(path: Path | str, src_uri: str, report: Report) -> list[tuple[int, str, str]]:
    """The links of one file (reused in preview while it is unchanged); none when it cannot be read (reported by load_content)."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return []
    return list(_links(text, src_uri))


def _check_theme_names(path: Path, settings: Settings, report: Report) -> None:
    """``template:`` and ``icon:`` in a page's front matter must name a file the theme has.

    MkDocs would stop on Jinja's ``TemplateNotFound`` with a traceback, naming no page.
    """
    if not settings.theme_dirs:
        return
    source = read_markdown(path, settings.paths.rel(path), Report())  # its own problems are reported by load_content
    data = source.meta.data if source is not None and isinstance(source.meta.data, dict) else {}
    for key, wanted, fix in (
        ("template", "{}", "写主题里有的模板名（如 main.html），或删除这一行"),
        ("icon", ".icons/{}.svg", "写 Material 的图标名，例如 material/car，或删除这一行"),
    ):
        name = data.get(key)
        if isinstance(name, str) and name and not any((Path(d) / wanted.format(name)).is_file() for d in settings.theme_dirs):
            report.error(settings.paths.rel(path), source.meta.line(key) if source else 1, key, f"主题里没有 {name!r}", fix)


def _blank(text: str) -> str:
    """Spaces for every character but line breaks: keeps offsets and line numbers."""
    return re.sub(r"[^\n]", " ", text)


def _links(text: str, src_uri: str) -> Iterator[tuple[int, str, str]]:
    """(line, link as written, the source URI it resolves to) for relative links to a file."""
    if "](" not in text and "]:" not in text:  # neither pattern can match (most FAQ answers link nowhere)
        return
    text = text.replace("\r\n", "\n")
    def blank(m: re.Match[str]) -> str:
        return _blank(m.group(0))

    text = _CODE_SPAN.sub(blank, _COMMENT.sub(blank, _FENCE.sub(blank, text)))
    text = _INDENTED.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + _blank(m.group(1)), text)
    for pattern in (_INLINE, _REFERENCE):
        for match in pattern.finditer(text):
            group = 1 if match.group(1) is not None else 2
            target = match.group(group)
            scheme, netloc, path, _, _ = urlsplit(target)
            # MkDocs validates only relative paths whose last part has an extension.
            if scheme or netloc or not path or path.startswith(("/", "\\")) or not posixpath.splitext(path)[1]:
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(path)).lstrip("/"))
            yield text.count("\n", 0, match.start(group)) + 1, target, resolved


def _link_fix(target: str, resolved: str, pages: Iterable[str]) -> str:
    name = posixpath.basename(resolved)
    same = sorted(p for p in pages if posixpath.basename(p) == name)
    if same:
        return f"检查相对路径：这个链接解析为 {resolved}，同名的页面是 {same[0]}"
    if resolved.startswith("faq/") and resolved.endswith(".md"):
        return "如果链接的是草稿或定时发布的问题，等它发布后再加链接；否则检查文件名"
    return "检查文件名和相对路径（按本页面在网站里的位置来写），或删除这个链接"


def _check_nav(settings: Settings, pages: set[str], report: Report) -> None:
    config = settings.paths.root / settings.config_name
    try:
        lines = config.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        lines = []
    for uri in settings.nav:
        if uri in pages:
            continue
        line = next((n for n, text in enumerate(lines, 1) if re.search(rf"(?<![\w/.-]){re.escape(uri)}\s*$", text)), 1)
        dealers = settings.paths.docs_dir / DEALERS_FILE
        if uri == DEALERS_URI and dealers.is_file():
            # The cause is the data file (e.g. only a comment left in it), so that is where it is said.
            report.error(settings.paths.rel(dealers), 1, "", f"文件里一个网点也没有，导航里的 {uri} 不会生成",
                         f"至少写一个网点（格式见 docs/authoring.md），或从 {settings.config_name} 的 nav 中删除第 {line} 行")
            continue
        if uri == DEALERS_URI:
            fix = f"在 {settings.paths.rel(dealers)} 里至少写一个网点，或从 nav 中删除这一项"
        else:
            fix = "检查文件名（相对于 content/），或从 nav 中删除这一项"
        report.error(settings.config_name, line, "nav", f"导航里的 {uri} 不会生成（没有这个文件或页面）", fix)
