"""Page weight does not grow with the number of FAQ entries (regression test, not timed)."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURE_SITE, built, copy_site, write


def build_with(tmp_path: Path, extra: int) -> Path:
    root = copy_site(FIXTURE_SITE, tmp_path / f"n{extra}")
    for i in range(extra):
        write(root, f"faq/bulk/bulk-{i:04d}.md", (
            f"---\nquestion: 批量问题第 {i} 个？\ncategory: {'maintenance' if i % 2 else 'buying'}\n"
            f"date: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}\ntags: [首保]\nasked: {i % 50}\n---\n\n第 {i} 个回答，内容长度相近。\n"
        ))
    return built(root)


def size(site: Path, rel: str) -> int:
    return (site / rel).stat().st_size


def sizes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*") if p.is_file()}


def test_output_stays_the_same_size_as_the_faq_grows(tmp_path: Path) -> None:
    small, large = build_with(tmp_path, 10), build_with(tmp_path, 400)
    # An answer page carries no list of all questions: a few related ones only.
    assert abs(size(large, "faq/oil-grade/index.html") - size(small, "faq/oil-grade/index.html")) < 1500
    assert abs(size(large, "index.html") - size(small, "index.html")) < 500
    # Listings are bounded: the FAQ home shows a fixed number, categories paginate.
    assert size(large, "faq/index.html") - size(small, "faq/index.html") < 3000
    assert size(large, "faq/category/maintenance/index.html") < 2.5 * size(small, "faq/category/maintenance/index.html")
    assert (large / "faq/category/maintenance/page/4/index.html").is_file()
    # No other file grows: what does is a list capped in size — a category's first page
    # (50 questions, then page 2…), the FAQ feeds (feed_limit items) and the sitemap (one
    # urlset, as Baidu reads it, up to the protocol's 50,000 pages; then an index of parts).
    before, after = sizes(small), sizes(large)
    growing = {rel for rel in before.keys() & after.keys() if after[rel] - before[rel] > 1500}
    assert growing == {
        "faq/category/buying/index.html", "faq/category/maintenance/index.html",
        "faq/rss.xml", "faq/atom.xml", "sitemap.xml", "sitemap.xml.gz",
    }
