"""Query handling and ranking: the reference implementation the browser client mirrors.

A query is normalized, cut into groups (:func:`.segment.query_groups`) and matched with
OR semantics: a document scores the sum of its best impact in each group, times the
square of its *coverage* — the idf-weighted share of the query's groups it matches. So
documents matching most of a query come first, yet a word missing from every page
(or a question word like 怎么) never empties the results.

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
from .segment import Group, Lexicon, query_groups

MAX_RESULTS = 10


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
        self.lexicon = Lexicon(dict(self.meta["concepts"]))

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

    def groups(self, query: str) -> list[Group]:
        """The groups of ``query`` after normalization."""
        return query_groups(normalize(query), self.lexicon)

    def search(self, query: str, limit: int = MAX_RESULTS) -> list[Hit]:
        """The best ``limit`` pages for ``query``, best first."""
        docs = self.meta["docs"]
        scores: dict[int, float] = {}
        covered: dict[int, float] = {}
        total = 0.0
        for group in self.groups(query):
            best: dict[int, int] = {}
            weight = 0.0
            for term in group.terms:
                postings = self.postings(term)
                if postings:
                    weight = max(weight, idf(len(postings), docs))
                for number, impact in postings.items():
                    best[number] = max(best.get(number, 0), impact)
            total += weight
            for number, impact in best.items():
                scores[number] = scores.get(number, 0.0) + impact
                covered[number] = covered.get(number, 0.0) + weight
        ranked = sorted(
            ((score * (covered[number] / total) ** 2, number) for number, score in scores.items()),
            key=lambda pair: (-pair[0], pair[1]),
        )
        hits = []
        for score, number in ranked[:limit]:
            chunk: list[list[str]] = self._get(f"d/{number // self.meta['chunk']}.json")  # type: ignore[assignment]
            url, title, section, text = chunk[number % self.meta["chunk"]]
            hits.append(Hit(url, title, section, text, round(score, 3)))
        return hits
