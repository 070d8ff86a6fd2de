"""`mkdocs serve`: the authors' live preview shows drafts and reloads when faq/ changes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import fetch, preview_server, wait_for, write


def wait_for_index(base: str, seconds: float = 60) -> int:
    """The number of documents in the preview's search index, once it is written."""
    import json

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return json.loads(fetch(base + "assets/dealer/search-index/meta.json"))["docs"]
        except ValueError:
            time.sleep(0.3)
    raise AssertionError("search index never written")


@pytest.fixture
def preview(site_src: Path) -> Iterator[str]:
    with preview_server(site_src) as base:
        yield base


def test_preview_marks_drafts_and_scheduled_and_reloads_on_faq_edit(site_src: Path, preview: str) -> None:
    draft = wait_for(preview + "faq/draft-secret/", "草稿中的秘密问题")
    assert '<p class="admonition-title">草稿</p>' in draft
    scheduled = fetch(preview + "faq/future-launch/")
    assert '<p class="admonition-title">定时发布</p>' in scheduled and "2999年1月1日" in scheduled
    listing = fetch(preview + "faq/category/buying/")
    assert '<span class="dealer-badge">草稿</span>' in listing and '<span class="dealer-badge">定时发布</span>' in listing

    write(site_src, "faq/maintenance/oil-grade.md", "---\nquestion: 用什么机油？\ncategory: maintenance\ndate: 2024-11-02\n---\n\n改用 5W-30 机油。\n")
    wait_for(preview + "faq/oil-grade/", "改用 5W-30 机油。")
    # The rebuild after the edit is still a preview (MkDocs keeps plugins with on_startup).
    assert '<p class="admonition-title">草稿</p>' in fetch(preview + "faq/draft-secret/")


def test_dirty_preview_rebuilds_only_what_changed_and_keeps_search_whole(site_src: Path) -> None:
    with preview_server(site_src, "--dirty") as base:
        wait_for(base + "faq/oil-grade/", "用什么机油？")
        indexed = wait_for_index(base)
        cached = sorted((site_src / ".cache" / "pages").glob("*/*.md"))
        assert cached, "generated pages are backed by cached files in preview"
        write(site_src, "faq/maintenance/oil-grade.md", "---\nquestion: 用什么机油？\ncategory: maintenance\ndate: 2024-11-02\n---\n\n改用 5W-30 机油。\n")
        wait_for(base + "faq/oil-grade/", "改用 5W-30 机油。")
        # A page whose own content and context did not change kept its cached file.
        untouched = [p for p in cached if p.exists()]
        assert 0 < len(untouched) < len(cached)
        # Only changed pages were rendered again, yet the search index still has every page.
        time.sleep(1)  # in preview the index is rewritten in the background after the pages
        assert wait_for_index(base) == indexed
