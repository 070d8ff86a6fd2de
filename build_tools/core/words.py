"""Chinese word segmentation, in one place, for search (word boundaries) and intake (content words, names).

Backed by rjieba, the Python binding of jieba-rs — the maintained Rust port of jieba
with jieba's own dictionary. Measured on our texts (``benchmarks/tokenizer.py`` at commit d4a7088, before the switch):
the same boundaries between Chinese characters and the same search index as jieba
0.42.1 (last released 2020, source only, leaning on ``pkg_resources``), the same
intake figures, and about 20 times faster (5,000 FAQ answers: 0.27 s instead of 6 s;
dictionary loaded in 0.1 s instead of about 1 s).

A :class:`Segmenter` is a dictionary of its own (never a process-wide one) that knows
the words it was made with; one per word list is kept for the process.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib.metadata import version

#: Part of the search term cache's key: another segmenter may cut differently.
VERSION = f"rjieba {version('rjieba')}"

# Frequencies that make a dealer's word (欧蓝德, 首保) win over jieba's own splits.
WORD_FREQ = 100_000


class Segmenter:
    """jieba's dictionary plus ``words`` (word, frequency)."""

    def __init__(self, words: Iterable[tuple[str, int]] = ()) -> None:
        # Imported here: a build whose search terms all come from .cache never cuts a word (~0.15 s).
        import rjieba

        self._jieba = rjieba.Jieba()
        for word, freq in words:
            self._jieba.add_word(word, freq, None)

    def cut(self, text: str) -> list[str]:
        """``text`` as words (jieba's HMM guesses words it does not know)."""
        words: list[str] = self._jieba.cut(text, True)
        return words

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """The words of ``text`` with their start and end offsets (in characters)."""
        spans: list[tuple[str, int, int]] = self._jieba.tokenize(text, "default", True)
        return spans

    def knows(self, word: str) -> bool:
        """Whether ``word`` is a dictionary word (a prefix of one is not)."""
        return bool(self._jieba.has_word(word))

    def tag(self, word: str) -> str | None:
        """The part of speech of a dictionary word (``nr``: a person's name); None for what is not one word of the dictionary."""
        if not self.knows(word):
            return None
        tagged = self._jieba.tag(word, False)
        return str(tagged[0][1]) if len(tagged) == 1 and tagged[0][0] == word else None


# A few word lists (the search's, intake's, the bare dictionary); bounded because a
# preview session makes a new list at each vocabulary edit (~50 MB a segmenter).
@functools.lru_cache(maxsize=4)
def segmenter(words: tuple[tuple[str, int], ...] = ()) -> Segmenter:
    """The process's segmenter for ``words``: loading the dictionary is done once per word list."""
    return Segmenter(words)


def with_words(words: Iterable[str], freq: int = WORD_FREQ) -> Segmenter:
    """The segmenter that also knows ``words`` (each at ``freq``)."""
    return segmenter(tuple((word, freq) for word in sorted(set(words))))
