"""The dealer vocabulary: words for Chinese segmentation, synonyms, category keywords.

Authors edit ``faq/vocabulary.yml``::

    words: [欧蓝德, 劲炫, S-AWC, 首保, 三包]      # kept whole when segmenting
    synonyms:                                   # each group means the same thing
      - [保养, 维护]
      - [试驾, 试车]
    categories:                                 # words that suggest a category
      maintenance: [保养, 首保, 机油]

Search (segmenting and matching queries) and intake (de-duplicating and
categorising customer questions) both read it through :class:`Vocabulary`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Report, one_of
from .frontmatter import parse_yaml, read_text
from .words import Segmenter, with_words

FIX = "参考 docs/authoring.md 中 vocabulary.yml 的示例"


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()
    categories: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @functools.cached_property
    def _canonical(self) -> dict[str, str]:
        return {word.casefold(): group[0] for group in self.synonyms for word in group}

    def canonical(self, word: str) -> str:
        """The first word of ``word``'s synonym group (``word`` itself if it has none)."""
        return self._canonical.get(word.casefold(), word)

    def synonyms_of(self, word: str) -> tuple[str, ...]:
        """Every word meaning the same as ``word``, ``word`` included."""
        head = self.canonical(word)
        for group in self.synonyms:
            if group[0] == head:
                return group
        return (word,)

    def all_words(self) -> list[str]:
        """Words the segmenter must keep whole: the word list plus every synonym."""
        seen: dict[str, None] = dict.fromkeys(self.words)
        for group in self.synonyms:
            seen.update(dict.fromkeys(group))
        for keywords in self.categories.values():
            seen.update(dict.fromkeys(keywords))
        return list(seen)

    def segmenter(self) -> Segmenter:
        """The word segmenter that keeps these words whole."""
        return with_words(self.all_words())


def _texts(value: object) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and str(v).strip() for v in value):
        return None
    return tuple(str(v).strip() for v in value)


def load_vocabulary(path: Path, rel: str, report: Report, category_keys: Iterable[str] = ()) -> Vocabulary:
    """Read the vocabulary file; a missing file is an empty vocabulary."""
    if not path.is_file():
        return Vocabulary()
    text = read_text(path, rel, report)
    doc = parse_yaml(text, rel, report) if text is not None else None
    if doc is None or doc.data is None:
        return Vocabulary()
    if not isinstance(doc.data, dict):
        report.error(rel, 1, "", "词表应包含 words、synonyms、categories 三部分", FIX)
        return Vocabulary()
    data = doc.data
    for key in data:
        if key not in {"words", "synonyms", "categories"}:
            report.warning(rel, doc.line(str(key)), str(key), "未知部分，将被忽略", "词表只有 words、synonyms、categories 三部分")

    words = _texts(data.get("words") or [])
    if words is None:
        report.error(rel, doc.line("words"), "words", "应为词语列表", "例如 words: [欧蓝德, 首保]")
        words = ()

    synonyms: list[tuple[str, ...]] = []
    for index, group in enumerate(data.get("synonyms") or []):
        items = _texts(group)
        if items is None or len(items) < 2:
            report.error(rel, doc.line("synonyms", index), "synonyms", f"第 {index + 1} 组同义词写法不对：{group!r}", "每组至少两个词，例如 - [保养, 维护]")
            continue
        synonyms.append(items)

    categories: dict[str, tuple[str, ...]] = {}
    known = list(category_keys)
    raw_categories = data.get("categories") or {}
    if not isinstance(raw_categories, dict):
        report.error(rel, doc.line("categories"), "categories", "应为“分类键: [关键词, …]”", "例如 maintenance: [保养, 首保]")
        raw_categories = {}
    for key, value in raw_categories.items():
        items = _texts(value)
        if known and key not in known:
            report.error(rel, doc.line("categories"), "categories", f"未知分类 {key!r}", f"请改为 faq/categories.yml 中的分类之一：{one_of(known)}")
        elif items is None:
            report.error(rel, doc.line("categories"), "categories", f"分类 {key} 的关键词应为列表", "例如 maintenance: [保养, 首保]")
        else:
            categories[str(key)] = items
    return Vocabulary(words, tuple(synonyms), categories)
