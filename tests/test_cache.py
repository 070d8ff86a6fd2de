"""The preview page cache: same page, same file; any change, a new file."""

from __future__ import annotations

from pathlib import Path

from build_tools.cache import PageCache
from build_tools.pages import PageSpec


def test_unchanged_page_keeps_its_file_and_a_changed_one_gets_a_new_file(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    spec = PageSpec("faq/a.md", "问题", "faq/entry.html", markdown="回答", context={"faq": {"related": ["b"]}})
    first = cache.path_for(spec)
    mtime = first.stat().st_mtime_ns
    assert cache.path_for(PageSpec("faq/a.md", "问题", "faq/entry.html", markdown="回答", context={"faq": {"related": ["b"]}})) == first
    assert first.stat().st_mtime_ns == mtime
    assert first.read_text(encoding="utf-8") == spec.source()
    # The HTML also depends on the context (e.g. a related question's title), not only the Markdown.
    changed = cache.path_for(PageSpec("faq/a.md", "问题", "faq/entry.html", markdown="回答", context={"faq": {"related": ["c"]}}))
    assert changed != first


def test_prune_removes_files_no_page_used(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    old = cache.path_for(PageSpec("faq/a.md", "旧", "faq/entry.html"))
    cache.prune()
    new = cache.path_for(PageSpec("faq/a.md", "新", "faq/entry.html"))
    assert cache.prune() == 1
    assert new.exists() and not old.exists()


def test_the_same_spec_object_keeps_its_file_across_builds(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    spec = PageSpec("faq/a.md", "问题", "faq/entry.html", markdown="回答")
    first = cache.path_for(spec)
    cache.prune()
    assert cache.path_for(spec) == first
    assert cache.prune() == 0 and first.exists()
    # A file deleted behind the cache's back is written again.
    first.unlink()
    assert cache.path_for(spec).read_text(encoding="utf-8") == "回答"
