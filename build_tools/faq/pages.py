"""Stage 2: generate the FAQ pages (home, one per category, one per question).

Pages are described as plain :class:`PageSpec` records — a URI, a title, a template
and the context that template needs — so this stage is testable without MkDocs.
The adapter turns each spec into a generated MkDocs file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..catalog.pages import model_leads
from ..core.jsonld import breadcrumbs, dumps
from ..core.pages import PageSpec
from ..core.settings import Settings
from .records import Category, FaqEntry

if TYPE_CHECKING:  # the record of all content, which holds this domain's records
    from ..site.content import Content

HOME_URI = "faq/index.md"
HOME_LIST_SIZE = 10
CATEGORY_PAGE_SIZE = 50
POPULAR_SIZE = 5
RELATED_SIZE = 5
RELATED_POOL = 60


def _newest(entry: FaqEntry) -> tuple[int, str]:
    return (-entry.last_modified.toordinal(), entry.slug)


def visible_entries(content: Content, settings: Settings) -> list[FaqEntry]:
    """What goes on the site: published entries; in preview, drafts and scheduled ones too."""
    if settings.preview:
        return list(content.faq)
    today = settings.today()
    return [e for e in content.faq if e.is_published(today)]


def related_entries(entry: FaqEntry, index: RelatedIndex, size: int = RELATED_SIZE) -> list[FaqEntry]:
    """Up to ``size`` questions sharing the category, tags or models of ``entry``.

    Runs once per entry, so it works on popularity ranks (ints) rather than records:
    at 5,000 entries the version with a Counter of slugs took most of the FAQ stage.
    """
    scores: dict[int, int] = {}
    get = scores.get
    # Lists are most popular first; looking at their heads only keeps this linear in
    # the number of entries (a tag shared by thousands would make it quadratic).
    for pools, keys in ((index.tag_pools, entry.tags), (index.model_pools, entry.models)):
        for key in keys:
            for rank in pools.get(key, ()):
                scores[rank] = get(rank, 0) + 2
    # Only the most popular of the category can rank on the category alone.
    for rank in index.category_heads.get(entry.category, ())[: size + 1]:
        scores.setdefault(rank, 0)
    category_of = index.category_of
    for rank in scores:
        if category_of[rank] == entry.category:
            scores[rank] += 3
    scores.pop(index.rank.get(entry.slug, -1), None)
    # Ranks are unique: most shared first, then most popular.
    best = heapq.nsmallest(size, [(-score, rank) for rank, score in scores.items()])
    return [index.ranked[rank] for _, rank in best]


@dataclass
class RelatedIndex:
    """Entries grouped by category, tag and model, for finding related questions fast."""

    entries: dict[str, FaqEntry]
    by_category: dict[str, list[FaqEntry]]
    by_tag: dict[str, list[FaqEntry]]
    by_model: dict[str, list[FaqEntry]]
    rank: dict[str, int]  # position in popularity order
    # The same by popularity rank, for related_entries: entries by rank, each rank's
    # category, the heads of the tag and model lists, the categories' lists.
    ranked: list[FaqEntry] = field(default_factory=list)
    category_of: list[str] = field(default_factory=list)
    tag_pools: dict[str, list[int]] = field(default_factory=dict)
    model_pools: dict[str, list[int]] = field(default_factory=dict)
    category_heads: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[FaqEntry]) -> RelatedIndex:
        entries = sorted(entries, key=lambda e: e.popularity)
        by_category: dict[str, list[FaqEntry]] = defaultdict(list)
        by_tag: dict[str, list[FaqEntry]] = defaultdict(list)
        by_model: dict[str, list[FaqEntry]] = defaultdict(list)
        for e in entries:
            by_category[e.category].append(e)
            for tag in e.tags:
                by_tag[tag].append(e)
            for model in e.models:
                by_model[model].append(e)
        rank = {e.slug: i for i, e in enumerate(entries)}

        def heads(groups: dict[str, list[FaqEntry]], size: int | None = None) -> dict[str, list[int]]:
            return {key: [rank[e.slug] for e in group[:size]] for key, group in groups.items()}

        return cls(
            {e.slug: e for e in entries}, by_category, by_tag, by_model, rank,
            ranked=entries,
            category_of=[e.category for e in entries],
            tag_pools=heads(by_tag, RELATED_POOL),
            model_pools=heads(by_model, RELATED_POOL),
            category_heads=heads(by_category),
        )


def ask_link(settings: Settings, category: Category | None = None, entry: FaqEntry | None = None, content: Content | None = None) -> str:
    """The "我要提问" link, pre-filled with the page's category (and model)."""
    model = content.models.get(entry.models[0]) if entry and entry.models and content else None
    return settings.lead_builder.link(
        "ask",
        category=category.key if category else "",
        category_name=category.name if category else "",
        model=model.slug if model else "",
        model_name=model.name if model else "",
        page=settings.absolute(entry.url if entry else (category.url if category else "faq/")),
    ).url


def category_pages(category: Category, entries: list[FaqEntry], settings: Settings) -> list[PageSpec]:
    """A category's pages: its most asked questions, then every question, newest first, paginated.

    Pagination keeps each page's size bounded however many questions a category has.
    """
    newest = sorted(entries, key=_newest)
    chunks = [newest[i : i + CATEGORY_PAGE_SIZE] for i in range(0, len(newest), CATEGORY_PAGE_SIZE)] or [[]]
    urls = [category.url] + [f"{category.url}page/{n}/" for n in range(2, len(chunks) + 1)]
    specs = []
    for number, chunk in enumerate(chunks, start=1):
        uri = f"faq/category/{category.key}.md" if number == 1 else f"faq/category/{category.key}/page/{number}.md"
        specs.append(
            PageSpec(
                uri,
                category.name if number == 1 else f"{category.name}（第 {number} 页）",
                "faq/category.html",
                description=category.description,
                context={"faq": {
                    "kind": "category",
                    "category": category,
                    # entries are already sorted most asked first
                    "popular": entries[:POPULAR_SIZE] if number == 1 and len(entries) > POPULAR_SIZE else [],
                    "entries": chunk,
                    "count": len(entries),
                    "pagination": {"number": number, "urls": urls},
                    "ask_url": ask_link(settings, category),
                }},
            )
        )
    return specs


# The last result of all_related and what it was computed from (see there).
_related_memo: tuple[int, dict[str, list[str]]] | None = None


def all_related(entries: list[FaqEntry], index: RelatedIndex) -> dict[str, list[FaqEntry]]:
    """Related questions of every entry.

    Relatedness depends only on each entry's slug, category, tags, models and
    popularity, not on its text. Editing an answer — what authors do most in preview —
    leaves these alone, so the previous result (as slugs) is reused.
    """
    global _related_memo
    key = hash(tuple((e.slug, e.category, e.tags, e.models, e.asked, e.last_modified) for e in entries))
    if _related_memo is None or _related_memo[0] != key:
        _related_memo = (key, {e.slug: [r.slug for r in related_entries(e, index)] for e in entries})
    slugs = _related_memo[1]
    return {e.slug: [index.entries[s] for s in slugs[e.slug]] for e in entries}


def entry_page(entry: FaqEntry, category: Category, related: list[FaqEntry], content: Content, settings: Settings, today: dt.date) -> PageSpec:
    """The page of one question: its answer, related questions, calls to action and breadcrumbs."""
    models = [content.models[m] for m in entry.models]
    crumbs = [("首页", ""), ("常见问题", "faq/"), (category.name, category.url), (entry.question, entry.url)]
    return PageSpec(
        f"faq/{entry.slug}.md",
        entry.question,
        "faq/entry.html",
        markdown=entry.answer,
        context={
            "faq": {
                "kind": "entry",
                "entry": entry,
                "category": category,
                "models": models,
                "related": related,
                "ask_url": ask_link(settings, category, entry, content),
                # A question about a model leads to a test drive of it.
                "leads": model_leads(models[0], content, settings, entry.url, ("test_drive",)) if models else [],
                "status": entry.status(today),
                "today": today,
            },
            "head": {"jsonld": [dumps(breadcrumbs(crumbs, settings))]},
        },
        lastmod=entry.last_modified,
    )


# Entry pages of the last generate_faq, by slug, with the inputs they were made from.
_entry_memo: dict[str, tuple[tuple[object, ...], PageSpec]] = {}


def _shared_inputs(content: Content, settings: Settings) -> str:
    """A digest of what every entry page depends on besides its own entry: settings, models, locations."""
    return hashlib.sha256(repr((settings, content.models, content.locations)).encode()).hexdigest()


def generate_faq(content: Content, settings: Settings) -> list[PageSpec]:
    """Every FAQ page of the site, as plain specs.

    An entry page whose inputs equal the previous call's is that same spec object, so
    a preview rebuild after editing one answer does not rebuild (nor re-hash) 2,000 pages.
    """
    global _entry_memo
    entries = visible_entries(content, settings)
    today = settings.today()
    index = RelatedIndex.build(entries)
    related = all_related(entries, index)
    specs: list[PageSpec] = []

    counts = Counter(e.category for e in entries)
    specs.append(
        PageSpec(
            HOME_URI,
            "常见问题",
            "faq/home.html",
            description=f"{settings.dealer.name}：车主常问的 {len(entries)} 个问题与解答",
            context={"faq": {
                "kind": "home",
                "categories": [(c, counts[c.key]) for c in content.categories.values()],
                "popular": heapq.nsmallest(HOME_LIST_SIZE, entries, key=lambda e: e.popularity),
                "newest": heapq.nsmallest(HOME_LIST_SIZE, entries, key=_newest),
                "ask_url": ask_link(settings),
                "today": today,
            }},
        )
    )
    for category in content.categories.values():
        specs.extend(category_pages(category, index.by_category.get(category.key, []), settings))
    shared = _shared_inputs(content, settings)
    memo, _entry_memo = _entry_memo, {}
    for entry in entries:
        category = content.categories[entry.category]
        key = (entry, category, tuple(related[entry.slug]), today, shared)
        found = memo.get(entry.slug)
        spec = found[1] if found is not None and found[0] == key else entry_page(entry, category, related[entry.slug], content, settings, today)
        _entry_memo[entry.slug] = (key, spec)
        specs.append(spec)
    return specs
