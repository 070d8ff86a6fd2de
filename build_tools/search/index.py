"""Build the static search index: plain :class:`SearchDoc` records in, JSON files out.

Layout of the index folder (all UTF-8 JSON, fetched by the browser client only when a
customer searches)::

    meta.json        settings, the traditional → simplified table, the vocabulary and its pinyin,
                     one reading per character, stop and filler words, the entities (names → page)
                     and how often each question was asked (-1: not a question)
    t/<n>.json       term shards: {term: [doc-gap, impact, doc-gap, impact, …]}
    d/<n>.json       document chunks: [[url, title, section, text], …]

A term lives in shard ``fnv1a(key) % shards``, its key being its first two characters
without the concept and prefix marks (:func:`shard_key`), so a query fetches only the
shards of its own terms, and related terms share one: 保养 and ``=保养``, cvt and ``cv*``
(a pinyin twin, ``^shoubao``, is keyed by all of it: its first letters would crowd a few shards). Impacts are BM25 scores computed here, with a strong title boost, and
rounded to integers: the client only adds them up. Documents are numbered in
(section, url) order so the top results of a query, usually of one category, tend to
share a chunk.
"""

from __future__ import annotations

import json
import math
import pickle
import re
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..core import text as text_module
from ..core import words as words_module
from ..core.faults import keyed_cache_file, read_pickle_cache, replace_cache_file
from ..core.pages import SearchDoc
from ..core.text import strip_invisible
from ..core.vocabulary import Vocabulary
from . import normalize as normalize_module
from . import pinyin as pinyin_module
from . import segment as segment_module
from .normalize import normalize, t2s_table
from .pinyin import PINYIN, SoundCache, char_table, word_sounds
from .segment import CONCEPT, FILLERS, LIGHT, PARTICLES, PREFIX, STOP_BIGRAMS, Lexicon, index_terms, title_twins

VERSION = 2
K1 = 1.2
B_BODY = 0.75
B_TITLE = 0.3
# A title match must beat any passing mention in an answer.
TITLE_BOOST = 3.0
SCALE = 10  # impacts are stored as integers: score × SCALE
TEXT_LIMIT = 320  # characters of text kept per document for snippets
CHUNK = 16  # documents per chunk file
SHARD_BYTES = 6_000  # target size of a term shard
# A title found by its sound (首包 for 首保, shoubao) ranks below one found by its characters.
TWIN_FACTOR = 0.6


def _raise_with_path(function: object, path: str, exc_info: tuple[type[BaseException], BaseException, object]) -> None:
    """Re-raise a failure of :func:`shutil.rmtree` naming the whole path (it names only the file's own name)."""
    exc = exc_info[1]
    if isinstance(exc, OSError):
        raise type(exc)(exc.errno, exc.strerror, path) from exc
    raise exc


@dataclass
class SearchIndex:
    """A built index, ready to write: file name → JSON-able content."""

    files: dict[str, object] = field(default_factory=dict)

    def write(self, folder: Path) -> int:
        """Write every file under ``folder`` (replacing an old index); returns the bytes written."""
        if folder.exists():
            shutil.rmtree(folder, onerror=_raise_with_path)
        total = 0
        for parent in {(folder / name).parent for name in self.files}:
            parent.mkdir(parents=True, exist_ok=True)
        for name, data in self.files.items():
            path = folder / name
            payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
            path.write_bytes(payload)
            total += len(payload)
        return total


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes of ``text`` (the client computes the same)."""
    h = 0x811C9DC5
    for byte in text.encode():
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_key(term: str) -> str:
    """What decides a term's shard: its first two characters, marks left out; a pinyin twin whole."""
    if term.startswith(PINYIN):
        return term
    return term.lstrip(CONCEPT).rstrip(PREFIX)[:2]


def shard_of(term: str, shards: int) -> int:
    """The number of the shard holding ``term`` (the client computes the same)."""
    return fnv1a(shard_key(term)) % shards


def _norm(length: float, average: float, b: float) -> float:
    """BM25's length normalisation of a field: K1 · (1 − b + b · length / average)."""
    return K1 * (1 - b + b * length / max(average, 1.0))


def idf(df: int, docs: int) -> float:
    """BM25's inverse document frequency (always positive)."""
    return math.log(1 + (docs - df + 0.5) / (df + 0.5))


class TermCache:
    """Segmented terms of texts seen in earlier builds, on disk (segmenting is most of the index's cost).

    Keyed by the text itself; the file name carries a fingerprint of the vocabulary,
    the segmenter's and OpenCC's versions and the source of the modules that make terms (normalize, text, segment),
    so any change that could change a term starts a new cache. Terms are a pure
    function of that, so the index is the same with or without the cache.
    """

    def __init__(self, folder: Path | None, lexicon: Lexicon) -> None:
        self.path: Path | None = None
        self.known: dict[str, dict[str, float]] = {}
        self.used: dict[str, dict[str, float]] = {}
        self.lexicon = lexicon
        if folder is None:
            return
        # (pypinyin's version too: the cache holds the pinyin twins of titles)
        versions = [sorted(lexicon.concepts.items()), words_module.VERSION, text_module.VERSION, VERSION, version("pypinyin")]
        sources = (normalize_module.__file__, text_module.__file__, segment_module.__file__, words_module.__file__, pinyin_module.__file__)  # the code that makes terms
        self.path = keyed_cache_file(folder, "search-terms", versions, sources)
        self.known = read_pickle_cache(self.path) or {}

    def terms(self, text: str) -> dict[str, float]:
        """Index terms of ``text`` (not yet normalized)."""
        found = self.known.get(text)
        if found is None:
            found = index_terms(normalize(text), self.lexicon)
        self.used[text] = found
        return found

    def twins(self, title: str) -> dict[str, float]:
        """Pinyin twins of ``title`` (not yet normalized), cached beside its terms."""
        key = "\x00" + title  # no text starts with NUL: the two kinds never meet
        found = self.known.get(key)
        if found is None:
            found = title_twins(normalize(title))
        self.used[key] = found
        return found

    def save(self) -> None:
        """Keep only this build's texts, so the cache does not grow without end."""
        if self.path is None or self.used.keys() == self.known.keys():
            return  # nothing new, nothing gone: the file on disk holds exactly this
        # One string object per distinct term: pickle then writes each term once and refers back to it,
        # which makes the file a quarter smaller and loading it twice as fast (the load is every build's).
        pool: dict[str, str] = {}
        used = {text: {pool.setdefault(term, term): weight for term, weight in terms.items()} for text, terms in self.used.items()}
        replace_cache_file(self.path, pickle.dumps(used, protocol=pickle.HIGHEST_PROTOCOL), "search-terms-*.pickle")


def build_index(docs: Iterable[SearchDoc], vocabulary: Vocabulary | None = None, cache_dir: Path | None = None) -> SearchIndex:
    """The index of ``docs``, segmented with the dealer ``vocabulary``; ``cache_dir`` keeps segmentations between builds."""
    sounds = SoundCache(cache_dir)
    lexicon = Lexicon.from_vocabulary(vocabulary or Vocabulary(), sounds.readings)
    cache = TermCache(cache_dir, lexicon)
    ordered = sorted(docs, key=lambda d: (d.section, d.url))
    n = len(ordered)
    title_tf: list[dict[str, float]] = []
    body_tf: list[dict[str, float]] = []
    twin_tf: list[dict[str, float]] = []
    for doc in ordered:
        title_tf.append(cache.terms(doc.title))
        body_tf.append(cache.terms(f"{doc.text} {doc.keywords}"))
        twin_tf.append(cache.twins(doc.title))
    cache.save()
    title_len = [sum(t.values()) for t in title_tf]
    body_len = [sum(t.values()) for t in body_tf]
    avg_title = sum(title_len) / n if n else 1.0
    avg_body = sum(body_len) / n if n else 1.0

    df: Counter[str] = Counter()  # counting in C: twice as fast as a loop over 1.4 million terms
    for title, body, twins in zip(title_tf, body_tf, twin_tf):
        df.update(title.keys() | body.keys() | twins.keys())

    postings: dict[str, list[int]] = {term: [] for term in df}
    # Per term: [its postings, the last document holding it, its idf] — one lookup per posting
    # in the loop below, which runs once per (document, term) pair (1.4 million at 5,000 entries).
    state: dict[str, list[Any]] = {term: [postings[term], 0, idf(count, n)] for term, count in df.items()}
    # The same arithmetic as written out in the comments, in the same order (the index is byte-identical).
    k1_plus_1 = K1 + 1
    twin_boost = TWIN_FACTOR * TITLE_BOOST
    for number, (title, body, twins) in enumerate(zip(title_tf, body_tf, twin_tf)):
        # BM25: tf · (K1 + 1) / (tf + norm), the norms computed once per document.
        body_norm = _norm(body_len[number], avg_body, B_BODY)
        title_norm = _norm(title_len[number], avg_title, B_TITLE)
        scores = {term: tf * k1_plus_1 / (tf + body_norm) for term, tf in body.items()}
        for term, tf in title.items():  # + TITLE_BOOST · BM25 of the title
            scores[term] = scores.get(term, 0.0) + TITLE_BOOST * (tf * k1_plus_1 / (tf + title_norm))
        for term, tf in twins.items():  # TWIN_FACTOR · TITLE_BOOST · BM25 of the title's twins
            scores[term] = twin_boost * (tf * k1_plus_1 / (tf + title_norm))
        for term, score in scores.items():
            # Gaps between document numbers are shorter to write than the numbers.
            entry = state[term]
            entry[0] += (number - entry[1], round(entry[2] * score * SCALE) or 1)
            entry[1] = number

    # str() of a list of ints is its JSON, and much quicker to make.
    size = sum(len(t.encode()) + len(str(p)) for t, p in postings.items())
    shards = 1
    while size / shards > SHARD_BYTES:
        shards *= 2
    files: dict[str, object] = {}
    buckets: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for term in sorted(postings):
        buckets[shard_of(term, shards)][term] = postings[term]
    for number, bucket in enumerate(buckets):
        files[f"t/{number}.json"] = bucket
    for start in range(0, n, CHUNK):
        files[f"d/{start // CHUNK}.json"] = [
            [d.url, strip_invisible(d.title), strip_invisible(d.section), strip_invisible(d.text)[:TEXT_LIMIT]] for d in ordered[start : start + CHUNK]
        ]
    # Every character of the normalized text is in some term (bigram, single character or word).
    chars = {c for term in df for c in term}
    entities: list[list[object]] = []
    for number, doc in enumerate(ordered):
        for name in entity_names(doc.names):
            heard = word_sounds(name, sounds.readings)
            entities.append([name, number, heard[0] if heard else ""])
    files["meta.json"] = {
        "version": VERSION,
        "docs": n,
        "shards": shards,
        "chunk": CHUNK,
        "t2s": "".join(t + s for t, s in sorted(t2s_table(chars).items())),
        "concepts": lexicon.concepts,
        # The client's query rules come from here, so Python and JS cannot drift apart.
        "stop": sorted(STOP_BIGRAMS),
        "particles": "".join(sorted(PARTICLES)),
        "fillers": list(FILLERS),
        "light": LIGHT,
        "pinyin": char_table(chars, sounds.readings),
        "sounds": lexicon.sounds,
        "initials": lexicon.initials,
        "entities": entities,
        "asked": [-1 if doc.asked is None else doc.asked for doc in ordered],
    }
    sounds.save()
    return SearchIndex(files)


def entity_names(names: Iterable[str]) -> list[str]:
    """The normalized names a page is found first by: each name without its bracketed aside
    (星沙旗舰店（虚构示例）→ 星沙旗舰店), and a title's part before a colon (国庆到店礼：… → 国庆到店礼)."""
    found: dict[str, None] = {}
    for name in names:
        plain = re.sub(r"\s*[（(][^）)]*[）)]\s*", "", normalize(name)).strip()
        for candidate in (plain, re.split("[:：]", plain)[0].strip()):
            if len(candidate) >= 2:
                found[candidate] = None
    return list(found)


def write_index(docs: Iterable[SearchDoc], folder: Path, vocabulary: Vocabulary | None = None, cache_dir: Path | None = None) -> int:
    """Build the index of ``docs`` and write it to ``folder``; returns its size in bytes."""
    return build_index(docs, vocabulary, cache_dir).write(folder)
