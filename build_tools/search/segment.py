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

Queries also match by sound (:mod:`.pinyin`): a bigram's pinyin twin (``^shoubao``), pinyin
typed in letters, vocabulary words by syllables or initials. Spoken fillers (我想, 一下) are
cut out first, bigrams with a gluing character (去店) count less, and in a long query the
vocabulary concepts count more. :func:`entity_matches` says which pages a query names.

Every function here works on normalized text (:func:`.normalize.normalize`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.vocabulary import Vocabulary
from ..core.words import with_words
from .normalize import normalize
from .pinyin import PINYIN, Read, readings, split_syllables, twin_terms, word_sounds

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{CJK}]+|[a-z0-9]+")
_LATIN = re.compile("[a-z0-9]")
# A query's question words carry no meaning of their own: 怎么预约试驾 is about 预约试驾.
# They are dropped from queries (unless nothing else is left), never from the index.
STOP_BIGRAMS = frozenset(["怎么", "怎样", "么样", "么办", "多少", "什么", "如何", "请问", "哪些", "哪里", "哪个", "是否", "可以", "能否", "一下", "是不", "不是", "有没", "没有", "为何", "为什"])
# Sentence-final particles: a bigram holding one (试吗, 驾呢) is an accident of the query.
PARTICLES = frozenset("吗呢吧啊呀么")
# Words of spoken questions that say nothing about the answer (我想…一下…需要…吗): cut out of a
# query before it is cut into bigrams, the rest joined (试一下车 → 试车), never from the index.
FILLERS = tuple(sorted([
    "我想知道", "想知道", "请问一下", "问一下", "我想", "我要", "想要", "想问", "一下", "需要", "是不是", "能不能",
    "可不可以", "有没有", "的话", "您好", "你好", "麻烦", "谢谢", "我们", "你们", "咱们", "那个", "这个", "就是",
    "帮我", "告诉我", "一般", "大概", "应该", "还是",
], key=lambda w: (-len(w), w)))
PREFIX_MIN = 2
CONCEPT = "="
PREFIX = "*"
# In a long (spoken) query, a vocabulary word counts this much more than one of its bigrams:
# among a dozen bigrams of which most are cut across words, it is the surest sign of the topic.
CONCEPT_BOOST = 2.0
LONG_QUERY = 8  # characters, fillers left out
# Characters that mostly glue words together (去店里, 带家人, 车先预约): a query bigram holding one
# is most likely cut across two words, and counts this much.
LIGHT = "的了在去里先带把和跟给让被也都就又再才很太要会想个些这那我你他她您它着"
LIGHT_WEIGHT = 0.4


@dataclass(frozen=True)
class Lexicon:
    """The dealer vocabulary in normalized form: word → concept (first synonym), and how it sounds.

    ``sounds`` maps a word's syllables ("shou bao") to its concept and ``initials`` first
    letters ("sb") to every concept they may mean (首保, 三包); ``chars`` is one reading per
    character, which turns a query's characters into sound (首包 → shou bao). The index
    writes all of it to ``meta.json``; the client reads it back from there.
    """

    concepts: dict[str, str]
    sounds: dict[str, str] = field(default_factory=dict)
    initials: dict[str, list[str]] = field(default_factory=dict)
    chars: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_vocabulary(cls, vocabulary: Vocabulary, read: Read = readings) -> Lexicon:
        """The lexicon of ``vocabulary``; ``read`` gives a run's pinyin (a :class:`.pinyin.SoundCache`'s, at index time)."""
        concepts: dict[str, str] = {}
        for word in vocabulary.all_words():
            key = normalize(word)
            if key:
                concepts.setdefault(key, normalize(vocabulary.canonical(word)))
        sounds: dict[str, str] = {}
        initials: dict[str, set[str]] = {}
        for word, concept in concepts.items():
            heard = word_sounds(word, read)
            if heard:
                sounds.setdefault(heard[0], concept)
                if len(heard[1]) >= 2:
                    initials.setdefault(heard[1], set()).add(concept)
        return cls(concepts, sounds, {letters: sorted(found) for letters, found in sorted(initials.items())})

    @classmethod
    def from_meta(cls, meta: dict[str, object]) -> Lexicon:
        """The lexicon an index's ``meta.json`` carries (what the client reads)."""
        table: dict[str, str] = meta.get("pinyin", {})  # type: ignore[assignment]  # syllable → characters
        chars = {char: sound for sound, group in table.items() for char in group}
        return cls(dict(meta["concepts"]), dict(meta.get("sounds", {})), dict(meta.get("initials", {})), chars)  # type: ignore[call-overload]

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


def title_twins(text: str) -> dict[str, float]:
    """Pinyin twins of the bigrams of normalized title ``text`` (首保 → ^shoubao), counted."""
    twins: dict[str, float] = {}
    for run in _RUN.finditer(text):
        if not _LATIN.match(run.group()):
            for term in twin_terms(run.group()):
                twins[term] = twins.get(term, 0.0) + 1.0
    return twins


@dataclass(frozen=True)
class Group:
    """One part of a query: it matches a document if any of its terms does.

    Pinyin twins (``^shoubao``) come last in ``terms``: they only weigh in when the
    characters themselves are on no page (a homophone slip, or pinyin typed).
    """

    terms: tuple[str, ...]
    surfaces: tuple[str, ...]  # normalized strings to highlight
    boost: float = 1.0


def strip_fillers(query: str) -> str:
    """``query`` without its filler words (:data:`FILLERS`); the query itself if nothing else is left."""
    stripped = query
    for word in FILLERS:
        stripped = stripped.replace(word, "")
    return stripped if _RUN.search(stripped) else query


def _sound_matches(sounds: list[str], lexicon: Lexicon) -> list[str]:
    """Concepts of the vocabulary words whose syllables run, aligned, through ``sounds`` ("" breaks a run)."""
    found: list[str] = []
    for heard, concept in lexicon.sounds.items():
        parts = heard.split(" ")
        for i in range(len(sounds) - len(parts) + 1):
            if sounds[i : i + len(parts)] == parts:
                found.append(concept)
                break
    return found


def latin_pinyin(query: str, lexicon: Lexicon) -> list[str]:
    """The syllables of the query's Latin runs read as pinyin (spaces between them optional); [] if they are not pinyin."""
    letters = re.findall("[a-z]+", query)
    if not letters or re.search("[0-9]", "".join(_RUN.findall(query))) or not lexicon.chars:
        return []
    split = split_syllables("".join(letters), frozenset(lexicon.chars.values()))
    return split or []


def query_sounds(query: str, lexicon: Lexicon) -> list[str]:
    """One syllable per CJK character of ``query`` ("" for other characters and for unknown ones)."""
    return [lexicon.chars.get(c, "") for c in query]


def query_groups(query: str, lexicon: Lexicon) -> list[Group]:
    """The parts of a normalized query, question words, fillers and particles left out.

    Besides the characters: pinyin twins of its bigrams, the pairs of syllables of pinyin
    typed in letters, and the vocabulary concepts its sound names (首包, shoubao, sb → =首保).
    """
    query = strip_fillers(query)
    groups: list[Group] = []
    stop: list[Group] = []
    runs = list(_RUN.finditer(query))
    sounds = query_sounds(query, lexicon)
    for n, run in enumerate(runs):
        token = run.group()
        if _LATIN.match(token):
            last = n == len(runs) - 1 and run.end() == len(query)
            # The token being typed may be the start of a longer one (cv → cvt).
            terms = (token, token + PREFIX) if last and len(token) >= PREFIX_MIN and not token.isdigit() else (token,)
            groups.append(Group(terms, (token,)))
            if token in lexicon.initials:  # sb: 首保 or 三包, whichever the pages have more of
                meant = lexicon.initials[token]
                groups.append(Group(tuple(CONCEPT + c for c in meant), tuple(w for c in meant for w in lexicon.variants(c))))
        elif len(token) == 1:
            (stop if token in PARTICLES else groups).append(Group((token,), (token,)))
        else:
            for i in range(len(token) - 1):
                bigram = token[i : i + 2]
                a, b = sounds[run.start() + i], sounds[run.start() + i + 1]
                terms = (bigram, PINYIN + a + b) if a and b else (bigram,)
                weak = bigram in STOP_BIGRAMS or any(c in PARTICLES for c in bigram)
                light = LIGHT_WEIGHT if any(c in LIGHT for c in bigram) else 1.0
                (stop if weak else groups).append(Group(terms, (bigram,), light))
    concepts = [lexicon.concepts[word] for _, _, word in sorted(vocabulary_matches(query, lexicon))]
    typed = latin_pinyin(query, lexicon)
    for i in range(len(typed) - 1):
        groups.append(Group((PINYIN + typed[i] + typed[i + 1],), ()))
    concepts += _sound_matches(sounds, lexicon) + _sound_matches(typed, lexicon)
    boost = CONCEPT_BOOST if len(query) >= LONG_QUERY else 1.0
    for concept in concepts:
        groups.append(Group((CONCEPT + concept,), tuple(lexicon.variants(concept)), boost))
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


def _contentless(text: str) -> bool:
    """True if ``text`` holds nothing but fillers, question words and particles (a query would drop all of it)."""
    for word in FILLERS:
        text = text.replace(word, "")
    for run in _RUN.finditer(text):
        token = run.group()
        if _LATIN.match(token) or (len(token) == 1 and token not in PARTICLES):
            return False
        if any(token[i : i + 2] not in STOP_BIGRAMS and not any(c in PARTICLES for c in token[i : i + 2]) for i in range(len(token) - 1)):
            return False
    return True


def entity_matches(query: str, entities: list[tuple[str, int, str]], lexicon: Lexicon) -> dict[int, bool]:
    """Pages whose entity normalized ``query`` names: document number → pinned (the query is the name and nothing else).

    A name is named when the query holds all of it, sounds like it (欧兰德, oulande), or is
    its start; a pinned page goes first, one named beside other words ranks higher.
    ``entities`` are (normalized name, document number, its syllables or "") from ``meta.json``.
    """
    compact = re.sub(r"\s+", "", strip_fillers(query))
    typed = latin_pinyin(query, lexicon)
    sounds = query_sounds(compact, lexicon)
    found: dict[int, bool] = {}
    for name, number, heard in entities:
        parts = heard.split(" ") if heard else []
        if name in compact:
            pinned = _contentless(compact.replace(name, ""))
        elif parts and (parts == typed or (len(parts) == len(compact) and parts == sounds)):
            pinned = True
        elif len(compact) >= 2 and name.startswith(compact):
            pinned = 2 * len(compact) >= len(name)
        elif parts and len(typed) >= 2 and parts[: len(typed)] == typed:
            pinned = 2 * len(typed) >= len(parts)
        else:
            continue
        found[number] = found.get(number, False) or pinned
    return found
