"""The dealer vocabulary: synonyms, segmentation words, category keywords, and its errors."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, write

from build_tools.core.errors import Report
from build_tools.core.vocabulary import load_vocabulary


def test_sample_vocabulary_loads_cleanly() -> None:
    report = Report()
    vocab = load_vocabulary(REPO / "faq" / "vocabulary.yml", "faq/vocabulary.yml", report, ["purchase", "test-drive", "finance", "maintenance", "repair", "config"])
    assert report.problems == []
    assert vocab.canonical("维护") == "保养" and vocab.canonical("4wd") == "四驱"
    assert vocab.synonyms_of("试车") == ("试驾", "试车")
    assert "首保" in vocab.categories["maintenance"]


def test_segmenter_keeps_vocabulary_words_whole() -> None:
    from build_tools.core.vocabulary import Vocabulary
    from build_tools.core.words import Segmenter

    # Without the vocabulary, jieba's dictionary splits the model's name.
    assert Segmenter().cut("劲炫首保多少钱")[:2] == ["劲", "炫首保"]
    segmenter = Vocabulary(words=("劲炫", "首保")).segmenter()
    assert segmenter.cut("劲炫首保多少钱") == ["劲炫", "首保", "多少", "钱"]
    assert segmenter.spans("劲炫首保") == [("劲炫", 0, 2), ("首保", 2, 4)]
    assert segmenter.knows("首保") and not segmenter.knows("首保多")
    # Parts of speech decide whether 我是马上… names a person (privacy.py): a dictionary word is tagged, a prefix is not.
    assert Segmenter().tag("马上") == "d" and Segmenter().tag("马上要") is None


def test_bad_vocabulary_reports_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "vocabulary.yml", "words: 欧蓝德\nsynonyms:\n  - [保养]\ncategories:\n  nope: [x]\n")
    report = Report()
    load_vocabulary(path, "faq/vocabulary.yml", report, ["maintenance"])
    assert [str(p) for p in report.errors] == [
        "faq/vocabulary.yml:1: words: 应为词语列表 — 例如 words: [欧蓝德, 首保]",
        "faq/vocabulary.yml:3: synonyms: 第 1 组同义词写法不对：['保养'] — 每组至少两个词，例如 - [保养, 维护]",
        "faq/vocabulary.yml:4: categories: 未知分类 'nope' — 请改为 faq/categories.yml 中的分类之一：maintenance",
    ]
