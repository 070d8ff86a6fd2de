"""Caches: the preview page cache (same page, same file; any change, a new file), the
segmentation cache, and the promise that a build's output is the same with or without them."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE_SITE, copy_site, mkdocs_build, snapshot

from build_tools.adapter.cache import PageCache
from build_tools.core.pages import GeneratedPage
from build_tools.core.vocabulary import Vocabulary
from build_tools.search import SearchDoc, build_index
from build_tools.search.index import TermCache
from build_tools.search.pinyin import SoundCache, readings
from build_tools.search.segment import Lexicon


def test_build_output_is_the_same_with_or_without_the_cache(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "site-src")
    assert mkdocs_build(root).returncode == 0
    cold = snapshot(root / "site")
    assert list((root / ".cache").glob("search-terms-*.pickle"))
    shutil.rmtree(root / "site")
    assert mkdocs_build(root).returncode == 0  # now with the cache of the first build
    warm = snapshot(root / "site")
    assert warm.keys() == cold.keys()
    assert [name for name in cold if cold[name] != warm[name]] == []


def test_segmentation_cache_is_keyed_by_vocabulary_and_survives_a_damaged_file(tmp_path: Path) -> None:
    plain = TermCache(tmp_path, Lexicon.from_vocabulary(Vocabulary()))
    expected = plain.terms("欧蓝德保养多少钱")
    plain.save()
    assert plain.path is not None and plain.path.is_file()
    # Another vocabulary could segment differently: it gets its own file.
    other = TermCache(tmp_path, Lexicon.from_vocabulary(Vocabulary(words=("欧蓝德",))))
    assert other.path != plain.path and other.known == {}
    plain.path.write_bytes(b"not a pickle")
    damaged = TermCache(tmp_path, Lexicon.from_vocabulary(Vocabulary()))
    assert damaged.known == {} and damaged.terms("欧蓝德保养多少钱") == expected
    docs = [SearchDoc("faq/a/", "欧蓝德保养多少钱", "保养", "首保免费")]
    assert build_index(docs, cache_dir=tmp_path).files == build_index(docs).files


def test_term_cache_file_holds_each_term_once_and_reads_back_the_same_terms(tmp_path: Path) -> None:
    cache = TermCache(tmp_path, Lexicon.from_vocabulary(Vocabulary()))
    texts = ["欧蓝德保养多少钱", "欧蓝德保养周期", "保养多少钱"]
    terms = {text: cache.terms(text) for text in texts}
    cache.save()
    again = TermCache(tmp_path, Lexicon.from_vocabulary(Vocabulary()))
    assert again.known == terms
    # 保养 is a term of all three texts: one string object after loading (pickle wrote it once).
    keys = [next(k for k in again.known[text] if k == "保养") for text in texts]
    assert keys[0] is keys[1] is keys[2]


def test_sound_cache_gives_what_pypinyin_gives_and_is_written_only_when_it_changed(tmp_path: Path) -> None:
    runs = ["银行", "首保", "行", "欧蓝德"]
    sounds = SoundCache(tmp_path)
    assert [sounds.readings(run) for run in runs] == [readings(run) for run in runs]
    assert readings("银行") == ["yin", "hang"] and readings("行") == ["xing"]  # a word read as a word, a character alone
    sounds.save()
    assert sounds.path is not None and sounds.path.is_file()
    warm = SoundCache(tmp_path)
    assert warm.known == {run: tuple(readings(run)) for run in runs}
    assert [warm.readings(run) for run in runs] == [readings(run) for run in runs]
    mtime = sounds.path.stat().st_mtime_ns
    warm.save()  # the same runs: the file is left alone
    assert sounds.path.stat().st_mtime_ns == mtime
    sounds.path.write_bytes(b"not a pickle")
    assert SoundCache(tmp_path).known == {}
    assert SoundCache(None).readings("首保") == readings("首保")
    docs = [SearchDoc("faq/a/", "银行卡付首保", "保养", "首保免费", names=("欧蓝德",))]
    assert build_index(docs, cache_dir=tmp_path).files == build_index(docs).files


def test_sound_cache_starts_anew_when_the_segmenter_code_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """How a run is cut (core/words.py) decides its readings (银行 yin hang, 行 xing): its source is in the key."""
    import build_tools.core.words as words

    before = SoundCache(tmp_path).path
    changed = tmp_path / "words.py"
    changed.write_bytes(Path(words.__file__).read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(words, "__file__", str(changed))
    assert SoundCache(tmp_path).path != before


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(tmp_path: Path) -> None:
    sounds = SoundCache(tmp_path)
    sounds.readings("首保")
    assert sounds.path is not None
    sounds.path.with_suffix(".tmp").mkdir()  # where the file is written first: a directory, so the write fails
    sounds.save()  # no OSError
    assert not sounds.path.exists()
    terms = TermCache(tmp_path, Lexicon.from_vocabulary(Vocabulary()))
    terms.terms("首保免费")
    assert terms.path is not None
    terms.path.with_suffix(".tmp").mkdir()
    terms.save()
    assert not terms.path.exists()


@dataclass(frozen=True, kw_only=True)
class Answer(GeneratedPage):
    """A page kind of our own: its Markdown and the related questions its template shows."""

    template = "faq/entry.html"
    markdown: str = ""
    related: tuple[str, ...] = ()

    def source(self) -> str:
        return self.markdown

    def context(self) -> dict[str, Any]:
        return {"faq": {"related": list(self.related)}}


def test_unchanged_page_keeps_its_file_and_a_changed_one_gets_a_new_file(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    spec = Answer(uri="faq/a.md", title="问题", markdown="回答", related=("b",))
    first = cache.path_for(spec)
    mtime = first.stat().st_mtime_ns
    assert cache.path_for(Answer(uri="faq/a.md", title="问题", markdown="回答", related=("b",))) == first
    assert first.stat().st_mtime_ns == mtime
    assert first.read_text(encoding="utf-8") == spec.source()
    # The HTML also depends on the context (e.g. a related question's title), not only the Markdown.
    changed = cache.path_for(Answer(uri="faq/a.md", title="问题", markdown="回答", related=("c",)))
    assert changed != first


def test_prune_removes_files_no_page_used(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    old = cache.path_for(Answer(uri="faq/a.md", title="旧"))
    cache.prune()
    new = cache.path_for(Answer(uri="faq/a.md", title="新"))
    assert cache.prune() == 1
    assert new.exists() and not old.exists()


def test_the_same_spec_object_keeps_its_file_across_builds(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    spec = Answer(uri="faq/a.md", title="问题", markdown="回答")
    first = cache.path_for(spec)
    cache.prune()
    assert cache.path_for(spec) == first
    assert cache.prune() == 0 and first.exists()
    # A file deleted behind the cache's back is written again.
    first.unlink()
    assert cache.path_for(spec).read_text(encoding="utf-8") == "回答"
