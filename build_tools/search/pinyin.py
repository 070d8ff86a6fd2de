"""Pinyin for search, made at index time with pypinyin (nothing of it runs in the browser).

Customers type pinyin when the input method is off (``shoubao``, ``shijia yuyue``) and
pick the wrong character of the right sound when it is on (首包 for 首保, 是驾 for 试驾).
Both meet the index through sound:

- each CJK bigram of a title gets a *pinyin twin* term, ``^`` + the toneless pinyin of
  its two characters (首保 → ``^shoubao``), read phrase-aware (银行 → ``yinhang``);
- every vocabulary word is listed by its syllables (``shou bao`` → ``首保``) and its
  initials (``sb``), so pinyin and homophones of a vocabulary word meet its concept;
- ``meta.json`` ships one reading per character (:func:`char_table`) for the characters
  the site uses plus the 3,755 common ones (GB 2312 level 1), so a homophone slip typed
  with a character that is on no page still has a sound. The syllables of that table
  are also what a typed Latin run is split into (:func:`split_syllables`).
"""

from __future__ import annotations

import functools
import gc
import pickle
import re
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from ..core import words as words_module
from ..core.faults import keyed_cache_file, read_pickle_cache, replace_cache_file
from ..core.words import segmenter

# pypinyin's dictionaries, loaded by the import above, are ~190,000 lists and dicts that live as
# long as the process. Frozen (out of the cycle collector's reach; they are still freed normally)
# they are not scanned again by every full collection of a build: 0.15 s of each preview rebuild
# at 5,000 FAQ entries.
gc.freeze()

PINYIN = "^"
_CJK_CHAR = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ASCII_LOWER = re.compile("^[a-z]+$")
_PIECE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")


@functools.lru_cache(maxsize=65536)
def _word_readings(word: str) -> tuple[str, ...]:
    """Toneless pinyin of one word, one syllable per character ("" where unknown)."""
    out = lazy_pinyin(word)
    if len(out) != len(word):  # a character without a reading came back as is, joined to its neighbours
        out = [lazy_pinyin(char)[0] for char in word]
    return tuple(p if _ASCII_LOWER.match(p) else "" for p in out)


def readings(run: str) -> list[str]:
    """Toneless pinyin, one syllable per character of the CJK ``run``, read in context ("" where unknown).

    The run is cut into words first (the segmenter search uses anyway) and each word read
    once per build: pypinyin's own phrase matching, run on every title, took 4 s at 5,000
    titles; words repeat, so this is a fraction of it. Heteronyms are read in their word (银行 → yinhang).
    """
    if len(run) == 1:  # one character is one word: no need to load the segmenter (char_table reads thousands)
        return list(_word_readings(run))
    sounds = [sound for word in segmenter().cut(run) for sound in _word_readings(word)]
    return sounds if len(sounds) == len(run) else list(_word_readings(run))


Read = Callable[[str], list[str]]


class SoundCache:
    """:func:`readings` of the runs earlier builds read, on disk (the index reads ~4,000 characters and the
    vocabulary every build; pypinyin and the segmenter's dictionary cost ~0.5 s to do that again).

    The file name carries the versions of pypinyin and the segmenter and this module's source:
    readings are a pure function of those, so the index is the same with or without the cache.
    """

    def __init__(self, folder: Path | None) -> None:
        self.path: Path | None = None
        self.known: dict[str, tuple[str, ...]] = {}
        self.used: dict[str, tuple[str, ...]] = {}
        if folder is None:
            return
        # (the code that reads: this module, and words for how a run is cut)
        self.path = keyed_cache_file(folder, "search-sounds", [version("pypinyin"), words_module.VERSION], (__file__, words_module.__file__))
        self.known = read_pickle_cache(self.path) or {}

    def readings(self, run: str) -> list[str]:
        """:func:`readings` of ``run``, from the cache when an earlier build read it."""
        found = self.known.get(run)
        if found is None:
            found = tuple(readings(run))
        self.used[run] = found
        return list(found)

    def save(self) -> None:
        """Keep only this build's runs; nothing is written when they are the ones on disk."""
        if self.path is None or self.used.keys() == self.known.keys():
            return
        replace_cache_file(self.path, pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL), "search-sounds-*.pickle")


def twin_terms(run: str) -> list[str]:
    """The pinyin twin of each bigram of a CJK ``run`` (首保试驾 → ^shoubao ^baoshi ^shijia)."""
    sounds = readings(run)
    return [PINYIN + sounds[i] + sounds[i + 1] for i in range(len(run) - 1) if sounds[i] and sounds[i + 1]]


@functools.cache
def _common_characters() -> str:
    """GB 2312 level 1: the 3,755 most common characters."""
    chars = []
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def char_table(site_chars: Iterable[str], read: Read = readings) -> dict[str, str]:
    """Syllable → the characters read so (one reading each, the most common), for the site's and the common characters."""
    table: dict[str, list[str]] = {}
    for char in sorted(set(_common_characters()) | {c for c in site_chars if _CJK_CHAR.match(c)}):
        sound = read(char)[0]
        if sound:
            table.setdefault(sound, []).append(char)
    return {sound: "".join(chars) for sound, chars in sorted(table.items())}


def word_sounds(word: str, read: Read = readings) -> tuple[str, str] | None:
    """A normalized vocabulary word's syllables ("shou bao") and initials ("sb"); None without CJK or with an unknown character.

    Latin parts stay as they are (劲炫asx → "jin xuan asx", "jxasx"), so the whole word can be typed in letters.
    """
    if not _CJK_CHAR.search(word):
        return None
    parts: list[str] = []
    initials = ""
    for piece in _PIECE.findall(word):
        if _CJK_CHAR.match(piece):
            sounds = read(piece)
            if not all(sounds):
                return None
            parts.extend(sounds)
            initials += "".join(s[0] for s in sounds)
        else:
            parts.append(piece)
            initials += piece
    return " ".join(parts), initials


def initials_of(word: str) -> str:
    """First letters of the readings of ``word``'s characters (试驾 → sj); for tests and docs."""
    return "".join(lazy_pinyin(word, style=Style.FIRST_LETTER))


def split_syllables(letters: str, syllables: frozenset[str] | set[str]) -> list[str] | None:
    """``letters`` cut into pinyin syllables, longest syllable first with backtracking; None if it cannot be.

    The client does the same (search.js ``splitSyllables``): xian is xian, not xi an.
    """
    best: dict[int, list[str] | None] = {len(letters): []}

    def from_(start: int) -> list[str] | None:
        if start in best:
            return best[start]
        best[start] = None
        for end in range(min(len(letters), start + 6), start, -1):
            if letters[start:end] in syllables:
                rest = from_(end)
                if rest is not None:
                    best[start] = [letters[start:end], *rest]
                    break
        return best[start]

    return from_(0)
