"""Query handling and ranking: the reference implementation the browser client mirrors.

A query is normalized, cut into groups (:func:`.segment.query_groups`) and matched with
OR semantics: a document scores the sum of its best impact in each group, times the
square of its *coverage* — the idf-weighted share of the query's groups it matches. So
documents matching most of a query come first, yet a word missing from every page
(or a question word like 怎么) never empties the results. In a long query vocabulary concepts weigh
:data:`.segment.CONCEPT_BOOST` times a bigram. A group's weight is its characters'
idf; its pinyin twin only counts (and is only fetched) when the characters are on no page.

Then entities: a page whose name the query is (欧蓝德 → the 欧蓝德 model page) goes first;
one the query names among other words scores :data:`ENTITY_BOOST` times more.
Suggestions (:meth:`Searcher.suggest`) are the most asked questions among the best
:data:`SUGGEST_POOL` results whose question shows at least half of the query.

Unit tests and the held-out relevance check run queries through :class:`Searcher`; the
browser tests check that the client (``assets/search/search.js``) gives the same pages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .index import SearchIndex, idf, shard_of
from .normalize import normalize
from .pinyin import PINYIN
from .segment import Group, Lexicon, entity_matches, query_groups

MAX_RESULTS = 10
ENTITY_BOOST = 2.0
SUGGEST_POOL = MAX_RESULTS
SUGGEST_COVERAGE = 0.5
MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class Hit:
    """One result: the page and its score."""

    url: str
    title: str
    section: str
    text: str
    score: float


class Searcher:
    """Runs queries against a written index, loading shards on demand like the client."""

    def __init__(self, load: Callable[[str], object]) -> None:
        self._load = load
        self._cache: dict[str, object] = {}
        self.meta: dict[str, Any] = self._get("meta.json")  # type: ignore[assignment]  # the index's meta.json is an object
        self.lexicon = Lexicon.from_meta(self.meta)
        self.entities = [(str(name), int(number), str(heard)) for name, number, heard in self.meta["entities"]]

    @classmethod
    def from_folder(cls, folder: Path) -> Searcher:
        """A searcher reading the index files written in ``folder``."""
        return cls(lambda name: json.loads((folder / name).read_text(encoding="utf-8")))

    @classmethod
    def from_index(cls, index: SearchIndex) -> Searcher:
        """A searcher over an index built in memory (for tests)."""
        return cls(lambda name: json.loads(json.dumps(index.files[name], ensure_ascii=False)))

    def _get(self, name: str) -> object:
        if name not in self._cache:
            self._cache[name] = self._load(name)
        return self._cache[name]

    def postings(self, term: str) -> dict[int, int]:
        """Document number → impact for ``term``."""
        shard: dict[str, list[int]] = self._get(f"t/{shard_of(term, self.meta['shards'])}.json")  # type: ignore[assignment]
        flat = shard.get(term, [])
        result: dict[int, int] = {}
        number = 0
        for i in range(0, len(flat), 2):
            number += flat[i]
            result[number] = flat[i + 1]
        return result

    def group_postings(self, group: Group) -> list[dict[int, int]]:
        """The postings of a group's terms; its pinyin twins only if its characters are on no page (首包 → 首保).

        So a query fetches the shards of its twins only when they can matter (the client too).
        """
        exact = [self.postings(term) for term in group.terms if not term.startswith(PINYIN)]
        if any(exact):
            return exact
        return exact + [self.postings(term) for term in group.terms if term.startswith(PINYIN)]

    def groups(self, query: str) -> list[Group]:
        """The groups of ``query`` after normalization."""
        return query_groups(normalize(query), self.lexicon)

    def rank(self, query: str) -> list[tuple[float, int, float]]:
        """(score, document number, coverage) of every document matching ``query``, best first."""
        return self._rank(query)[0]

    def _rank(self, query: str) -> tuple[list[tuple[float, int, float]], list[tuple[Group, float]]]:
        docs = self.meta["docs"]
        weighed: list[tuple[Group, float]] = []
        scores: dict[int, float] = {}
        covered: dict[int, float] = {}
        total = 0.0
        normalized = normalize(query)
        for group in query_groups(normalized, self.lexicon):
            lists = self.group_postings(group)
            weight = max((idf(len(p), docs) for p in lists if p), default=0.0)
            weight *= group.boost
            weighed.append((group, weight))
            best: dict[int, int] = {}
            for postings in lists:
                for number, impact in postings.items():
                    best[number] = max(best.get(number, 0), impact)
            total += weight
            for number, impact in best.items():
                scores[number] = scores.get(number, 0.0) + impact * group.boost
                covered[number] = covered.get(number, 0.0) + weight
        named = entity_matches(normalized, self.entities, self.lexicon) if normalized.strip() else {}
        ranked = []
        for number in scores.keys() | named.keys():
            coverage = covered.get(number, 0.0) / total if total else 0.0
            score = scores.get(number, 0.0) * coverage**2 * (ENTITY_BOOST if number in named else 1.0)
            ranked.append((score, number, coverage))
        ranked.sort(key=lambda r: (not named.get(r[1], False), -r[0], r[1]))
        return ranked, weighed

    def _hit(self, score: float, number: int) -> Hit:
        chunk: list[list[str]] = self._get(f"d/{number // self.meta['chunk']}.json")  # type: ignore[assignment]
        url, title, section, text = chunk[number % self.meta["chunk"]]
        return Hit(url, title, section, text, round(score, 3))

    def search(self, query: str, limit: int = MAX_RESULTS) -> list[Hit]:
        """The best ``limit`` pages for ``query``, best first."""
        return [self._hit(score, number) for score, number, _ in self.rank(query)[:limit]]

    def suggest(self, query: str, limit: int = MAX_SUGGESTIONS) -> list[Hit]:
        """The most asked questions among the best results whose question itself matches ``query``.

        Matching is :func:`title_matches`; the pool is the first results (their documents
        are loaded anyway), so suggestions cost no download of their own.
        """
        asked: list[int] = self.meta["asked"]
        ranked, weighed = self._rank(query)
        pool = [(place, self._hit(score, number)) for place, (score, number, _) in enumerate(ranked[:SUGGEST_POOL]) if asked[number] >= 0]
        chosen = [(place, hit) for place, hit in pool if title_matches(hit.title, weighed)]
        chosen.sort(key=lambda item: (-asked[ranked[item[0]][1]], item[0]))
        return [hit for _, hit in chosen[:limit]]


def title_matches(title: str, weighed: list[tuple[Group, float]]) -> bool:
    """True if ``title`` shows the words of at least :data:`SUGGEST_COVERAGE` of the query's weight.

    Groups with nothing to show (pinyin typed in letters) are left out of the sum.
    """
    folded = normalize(title)
    shown = [(any(s in folded for s in group.surfaces), weight) for group, weight in weighed if group.surfaces and weight]
    total = sum(weight for _, weight in shown)
    return total > 0 and sum(weight for hit, weight in shown if hit) >= SUGGEST_COVERAGE * total
