"""The terms of a text, at index time and at query time.

Chinese is written without spaces and the browser has no dictionary, so matching rests
on character bigrams: 预约试驾 → 预约 约试 试驾. A query and a text share bigrams however
either was segmented (到店试驾 vs 到店后试驾), and a partial word (欧蓝) is a bigram of the
whole one (欧蓝德). The segmenter, with the dealer vocabulary, only says where words end at index
time: a bigram inside one word counts fully, one straddling two words counts half.

Latin letters and digits form tokens (asx, cvt, 5000); longer alphabetic tokens are also
indexed by their prefixes (``cv*``), so a query typed half-way already matches.

Dealer vocabulary words and synonyms become concept terms (``=保养``): 维护 in a text and
保养 in a query meet at ``=保养``, the first word of their synonym group. They are found the
same way in texts and queries (every occurrence, a Latin word only as a whole token).

Every function here works on normalized text (:func:`.normalize.normalize`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.vocabulary import Vocabulary
from ..core.words import with_words
from .normalize import normalize

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{CJK}]+|[a-z0-9]+")
_LATIN = re.compile("[a-z0-9]")
# A query's question words carry no meaning of their own: 怎么预约试驾 is about 预约试驾.
# They are dropped from queries (unless nothing else is left), never from the index.
STOP_BIGRAMS = frozenset(["怎么", "怎样", "么样", "么办", "多少", "什么", "如何", "请问", "哪些", "哪里", "哪个", "是否", "可以", "能否", "一下", "是不", "不是", "有没", "没有", "为何", "为什"])
# Sentence-final particles: a bigram holding one (试吗, 驾呢) is an accident of the query.
PARTICLES = frozenset("吗呢吧啊呀么")
PREFIX_MIN = 2
CONCEPT = "="
PREFIX = "*"


@dataclass(frozen=True)
class Lexicon:
    """The dealer vocabulary in normalized form: word → concept (first synonym)."""

    concepts: dict[str, str]

    @classmethod
    def from_vocabulary(cls, vocabulary: Vocabulary) -> Lexicon:
        concepts: dict[str, str] = {}
        for word in vocabulary.all_words():
            key = normalize(word)
            if key:
                concepts.setdefault(key, normalize(vocabulary.canonical(word)))
        return cls(concepts)

    def variants(self, concept: str) -> list[str]:
        """Every word of the concept ``concept`` (for highlighting synonyms)."""
        return [w for w, c in self.concepts.items() if c == concept]


def _latin_edge(text: str, start: int, end: int, word: str) -> bool:
    """True if ``word`` at ``start:end`` would cut a Latin token (asx inside asxl)."""
    before = start > 0 and _LATIN.match(text[start - 1]) and _LATIN.match(word[0])
    after = end < len(text) and _LATIN.match(text[end]) and _LATIN.match(word[-1])
    return bool(before or after)


def vocabulary_matches(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Every occurrence (start, end, word) of a vocabulary word in normalized ``text``."""
    found: list[tuple[int, int, str]] = []
    for word in lexicon.concepts:
        start = text.find(word)
        while start != -1:
            end = start + len(word)
            if not _latin_edge(text, start, end, word):
                found.append((start, end, word))
            start = text.find(word, start + 1)
    return found


def word_bounds(text: str, lexicon: Lexicon) -> set[int]:
    """Offsets in normalized ``text`` where the segmenter (knowing the vocabulary) puts a word boundary."""
    return {end for _, _, end in with_words(lexicon.concepts).spans(text)} | {0}


def index_terms(text: str, lexicon: Lexicon) -> dict[str, float]:
    """Weighted term frequencies of normalized ``text`` for the index."""
    terms: dict[str, float] = {}

    def add(term: str, weight: float) -> None:
        terms[term] = terms.get(term, 0.0) + weight

    bounds = word_bounds(text, lexicon) if text else {0}
    for run in _RUN.finditer(text):
        token, start = run.group(), run.start()
        if _LATIN.match(token):
            add(token, 1.0)
            if len(token) > PREFIX_MIN and not token.isdigit():
                for length in range(PREFIX_MIN, len(token)):
                    add(token[:length] + PREFIX, 0.5)
        elif len(token) == 1:
            add(token, 1.0)
        else:
            for i in range(len(token) - 1):
                # A bigram across a word boundary (约试 in 预约试驾) is weaker evidence.
                add(token[i : i + 2], 0.5 if start + i + 1 in bounds else 1.0)

    # Every occurrence counts, as in queries: jieba may keep a longer word whole
    # (定期维护) and hide the vocabulary word inside it (维护).
    for _, _, word in vocabulary_matches(text, lexicon):
        add(CONCEPT + lexicon.concepts[word], 1.0)
    return terms


@dataclass(frozen=True)
class Group:
    """One part of a query: it matches a document if any of its terms does."""

    terms: tuple[str, ...]
    surfaces: tuple[str, ...]  # normalized strings to highlight


def query_groups(query: str, lexicon: Lexicon) -> list[Group]:
    """The parts of a normalized query, question words and particles left out."""
    groups: list[Group] = []
    stop: list[Group] = []
    runs = list(_RUN.finditer(query))
    for n, run in enumerate(runs):
        token = run.group()
        if _LATIN.match(token):
            last = n == len(runs) - 1 and run.end() == len(query)
            # The token being typed may be the start of a longer one (cv → cvt).
            terms = (token, token + PREFIX) if last and len(token) >= PREFIX_MIN and not token.isdigit() else (token,)
            groups.append(Group(terms, (token,)))
        elif len(token) == 1:
            (stop if token in PARTICLES else groups).append(Group((token,), (token,)))
        else:
            for i in range(len(token) - 1):
                bigram = token[i : i + 2]
                weak = bigram in STOP_BIGRAMS or any(c in PARTICLES for c in bigram)
                (stop if weak else groups).append(Group((bigram,), (bigram,)))
    for _, _, word in sorted(vocabulary_matches(query, lexicon)):
        concept = lexicon.concepts[word]
        groups.append(Group((CONCEPT + concept,), tuple(lexicon.variants(concept))))
    chosen = groups or stop
    unique: dict[tuple[str, ...], Group] = {}
    for group in chosen:
        unique.setdefault(group.terms, group)
    return list(unique.values())


def highlight_spans(text: str, surfaces: Iterable[str]) -> list[tuple[int, int]]:
    """Merged (start, end) spans of every occurrence of ``surfaces`` in normalized ``text``."""
    spans: list[tuple[int, int]] = []
    for surface in set(surfaces):
        if not surface:
            continue
        start = text.find(surface)
        while start != -1:
            spans.append((start, start + len(surface)))
            start = text.find(surface, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
