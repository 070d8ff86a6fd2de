"""Site search built for how Chinese customers type.

Stages, each usable without MkDocs:

- :mod:`.normalize` — one canonical form of text for matching (traditional → simplified,
  full-width → half-width, case-folded), with a map back to the original characters;
- :mod:`.segment` — the terms of a text: CJK character bigrams (weighted by segmenter word
  boundaries), Latin/digit tokens and their prefixes, dealer-vocabulary words;
- :mod:`.index` — plain :class:`SearchDoc` records in, a sharded static JSON index out;
- :mod:`.query` — the reference implementation of query handling and ranking; the
  browser client (``build_tools/assets/search/search.js``) mirrors it line for line.
"""

from ..core.pages import SearchDoc
from .index import build_index, write_index
from .query import Searcher

__all__ = ["SearchDoc", "Searcher", "build_index", "write_index"]
