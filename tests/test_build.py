"""End-to-end: real `mkdocs build --strict` of fixture sites, and the `check` command."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import REPO, assert_build_and_check_fail, content_check, copy_site, mkdocs_build, write

PUBLISHED = ["first-service", "service-cost", "oil-grade", "down-payment", "script-question"]
HIDDEN = {"draft-secret": "草稿中的秘密问题", "future-launch": "定时发布的未来问题"}


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def all_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file() and p.suffix in {".html", ".xml", ".json", ".txt"})


def test_every_published_entry_has_its_own_page(built_site: Path) -> None:
    for slug in PUBLISHED:
        assert (built_site / "faq" / slug / "index.html").is_file(), slug
    page = read(built_site, "faq/first-service/index.html")
    assert "<h1>新车首保是多少公里？</h1>" in page
    assert "<strong>5,000 公里</strong>" in page
    assert "57 位车主问过" in page
    assert '<time datetime="2025-06-02">2025年6月2日</time>' in page
    assert '<a href="../../models/alpha/">阿尔法</a>' in page
    assert '<span class="dealer-tag">首保</span>' in page


def test_drafts_and_scheduled_entries_appear_nowhere(built_site: Path) -> None:
    text = all_text(built_site)
    for slug, question in HIDDEN.items():
        assert not (built_site / "faq" / slug).exists()
        assert slug not in text
        assert question not in text


def test_sitemap_lists_every_page_with_its_lastmod(built_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urlset = ET.parse(built_site / "sitemap.xml").getroot()
    urls = {url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns) for url in urlset.iterfind("s:url", ns)}
    assert all(urls.values())
    folders = {p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    assert set(urls) == {"https://dealer.example.cn/" + ("" if f == "." else f + "/") for f in folders}
    # An answer's lastmod is when it last changed (its `updated`), not the build date.
    assert urls["https://dealer.example.cn/faq/first-service/"] == "2025-06-02"
    # A page that does not know (the home page): its file's modification day, as a date.
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", urls["https://dealer.example.cn/"] or "")


def test_faq_home_lists_categories_popular_and_newest(built_site: Path) -> None:
    page = read(built_site, "faq/index.html")
    assert "<h1>常见问题</h1>" in page
    assert re.search(r"<strong>保养</strong>\s*<span class=\"dealer-count\">3 个问题</span>", page)
    assert re.search(r"<strong>购车</strong>\s*<span class=\"dealer-count\">2 个问题</span>", page)
    assert re.search(r"<strong>空分类</strong>\s*<span class=\"dealer-count\">0 个问题</span>", page)
    popular = page.split('id="popular"')[1].split('id="newest"')[0]
    assert popular.index("贷款买车首付最低多少？") < popular.index("新车首保是多少公里？") < popular.index("小保养多少钱？")
    newest = page.split('id="newest"')[1]
    # first-service was updated 2025-06-02, the newest change of all
    assert newest.index("新车首保是多少公里？") < newest.index("能不能")


def test_category_page_and_breadcrumb(built_site: Path) -> None:
    page = read(built_site, "faq/category/maintenance/index.html")
    assert "<h1>保养</h1>" in page
    for question in ("新车首保是多少公里？", "小保养多少钱？", "用什么机油？"):
        assert question in page
    assert "贷款买车首付最低多少？" not in page
    entry = read(built_site, "faq/oil-grade/index.html")
    crumbs = entry.split('class="dealer-breadcrumb"')[1].split("</nav>")[0]
    assert '<a href="../">常见问题</a>' in crumbs
    assert '<a href="../category/maintenance/">保养</a>' in crumbs


def test_related_questions_share_category_tags_or_models(built_site: Path) -> None:
    page = read(built_site, "faq/first-service/index.html")
    related = page.split('id="related"')[1].split("</ul>")[0]
    # shares tag 首保 and the category: first; shares model alpha: next; same category only: after
    assert related.index("小保养多少钱？") < related.index("用什么机油？")
    assert "贷款买车首付最低多少？" in related
    assert "新车首保是多少公里？" not in related


def test_ask_link_is_prefilled_with_category_and_model(built_site: Path) -> None:
    page = read(built_site, "faq/first-service/index.html")
    assert (
        'href="https://form.example.cn/ask?topic=maintenance&amp;model=alpha&amp;from=https%3A%2F%2Fdealer.example.cn%2Ffaq%2Ffirst-service%2F'
        '&amp;utm_source=website&amp;utm_medium=cta&amp;utm_campaign=alpha"'
        in page
    )
    assert "我要提问" in page


def test_front_matter_text_is_escaped(built_site: Path) -> None:
    page = read(built_site, "faq/script-question/index.html")
    assert "<script>alert" not in page
    assert "<h1>能不能 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 一起付？</h1>" in page
    assert "&lt;script&gt;" in read(built_site, "faq/category/buying/index.html")


def test_questions_are_not_in_the_navigation(built_site: Path) -> None:
    # Every page would otherwise carry the whole list of questions.
    home = read(built_site, "index.html")  # the home page lists the most-asked questions, the nav none
    nav = home.split('class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert "常见问题" in nav and "faq/first-service/" not in nav


def test_model_page_is_titled_by_its_name(built_site: Path) -> None:
    assert "<h1>阿尔法 <small" in read(built_site, "models/alpha/index.html")


def test_site_chrome_is_chinese_with_dealer_contact(built_site: Path) -> None:
    page = read(built_site, "faq/index.html")
    assert '<html lang="zh-CN"' in page
    assert 'href="tel:073112345678"' in page
    assert "测试市测试路 1 号" in page
    assert "Made with" not in page


def test_nothing_loads_from_outside_hosts(built_site: Path) -> None:
    # Google Fonts, Analytics, Gravatar, GitHub and CDNs are blocked or slow in mainland China.
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            assert not re.search(r"(?:src|href)=\"(?:https?:)?//(?!dealer\.example\.cn)", tag), (page, tag)


def test_bad_content_fails_build_and_check_with_every_message(site_src: Path) -> None:
    write(site_src, "faq/buying/bad-one.md", "---\nquestion: 问一\ncategory: nope\ndate: 2025-03-18\n---\n\n答\n")
    write(site_src, "faq/buying/bad-two.md", "---\nquestion: 问二\ncategory: buying\ndate: 2025-13-01\n---\n\n答\n")
    expected = [
        "faq/buying/bad-one.md:3: category: 未知分类 'nope' — 请改为 faq/categories.yml 中的分类之一：maintenance、buying、empty",
        "faq/buying/bad-two.md:4: date: 没有这一天：2025-13-01 — 检查月和日是否写对（例如 2 月没有 30 日）",
        "内容检查发现 2 个错误，请逐条修改后重试。",
    ]
    assert_build_and_check_fail(site_src, expected)
    assert not (site_src / "site" / "index.html").exists()


def test_unknown_key_warns_and_strict_fails(site_src: Path) -> None:
    write(site_src, "faq/buying/typo.md", "---\nquestion: 问\ncategory: buying\ndate: 2025-03-18\ncatgory: x\n---\n\n答\n")
    message = "faq/buying/typo.md:5: catgory: 未知字段，将被忽略 — 您是不是想写 category？"
    result = content_check(site_src)
    assert result.returncode == 0 and message in result.stderr
    assert content_check(site_src, "--strict").returncode == 1
    build = mkdocs_build(site_src)
    assert build.returncode == 1 and message in build.stderr


def test_check_reports_success_counts(site_src: Path) -> None:
    result = content_check(site_src, "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "内容检查通过：7 个问题（5 个已发布），3 个分类，2 个车型。"


def test_bad_plugin_setting_is_a_configuration_error(site_src: Path) -> None:
    config = site_src / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("{category}", "{categroy}"), encoding="utf-8")
    result = mkdocs_build(site_src)
    assert result.returncode == 1
    assert "leads" in result.stderr and "未知占位符 {categroy}" in result.stderr


def test_a_different_faq_builds_with_every_entry_at_its_url(site_src: Path) -> None:
    import shutil

    shutil.rmtree(site_src / "faq" / "buying")
    shutil.rmtree(site_src / "faq" / "maintenance")
    for i in range(12):
        write(site_src, f"faq/set-{i % 3}/question-{i}.md", f"---\nquestion: 第 {i} 个问题？\ncategory: {'buying' if i % 2 else 'maintenance'}\ndate: 2024-0{1 + i % 9}-15\nasked: {i}\n---\n\n第 {i} 个回答。\n")
    result = mkdocs_build(site_src)
    assert result.returncode == 0, result.stderr
    for i in range(12):
        assert f"第 {i} 个回答。" in (site_src / "site" / "faq" / f"question-{i}" / "index.html").read_text(encoding="utf-8")
    assert not (site_src / "site" / "faq" / "first-service").exists()


def test_the_sample_site_builds_strict(tmp_path: Path) -> None:
    root = copy_site(REPO, tmp_path / "repo")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    faq = sorted(p.stem for p in (REPO / "faq").rglob("*.md") if "draft: true" not in p.read_text(encoding="utf-8"))
    assert len(faq) >= 30
    for slug in faq:
        assert (root / "site" / "faq" / slug / "index.html").is_file(), slug
