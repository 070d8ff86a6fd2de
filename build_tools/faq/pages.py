"""The FAQ's pages: its home, one per category (paginated), one per question.

Each is a typed page (:class:`FaqHome`, :class:`FaqCategoryPage`, :class:`FaqEntryPage`)
that knows its template, its context, its search record and its feed's record, so
this stage is testable without MkDocs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from ..catalog.pages import MAINTENANCE_ANCHOR, topic_leads
from ..catalog.records import VehicleModel
from ..core.actions import PageActions
from ..core.feeds import FeedItem, item_html, tag_uri
from ..core.jsonld import breadcrumbs, dumps, faq_page
from ..core.links import Lead
from ..core.pages import GeneratedPage, Rendered, SearchDoc, description, text_record
from ..core.schedule import Status, visible
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
# An answer is about maintenance when its category (key or name) or a tag holds one of these:
# it then links to the 「保养计划」 of each model it names that has one.
MAINTENANCE_WORDS = ("maintenance", "保养", "首保")


@dataclass(frozen=True, kw_only=True)
class FaqHome(GeneratedPage):
    """The FAQ's home: categories with their counts, the most asked and the newest questions."""

    template = "faq/home.html"
    categories: list[tuple[Category, int]]
    popular: list[FaqEntry]
    newest: list[FaqEntry]
    ask_url: str
    today: dt.date

    def context(self) -> dict[str, Any]:
        return {"faq": {"categories": self.categories, "popular": self.popular, "newest": self.newest, "ask_url": self.ask_url, "today": self.today}}

    def search_record(self, rendered: Rendered, title: str, section: str) -> SearchDoc | None:
        # A list of questions: only its description is indexed, or it would outrank the questions themselves.
        return SearchDoc(rendered.url, title, "常见问题", self.description)


@dataclass(frozen=True, kw_only=True)
class FaqCategoryPage(GeneratedPage):
    """One page of a category: its most asked questions (first page), then every question, newest first."""

    template = "faq/category.html"
    category: Category
    popular: list[FaqEntry]
    entries: list[FaqEntry]
    count: int
    pagination: dict[str, Any]
    ask_url: str

    def context(self) -> dict[str, Any]:
        return {"faq": {
            "category": self.category, "popular": self.popular, "entries": self.entries, "count": self.count,
            "pagination": self.pagination, "ask_url": self.ask_url,
        }}

    search_record = FaqHome.search_record


@dataclass(frozen=True, kw_only=True)
class FaqEntryPage(GeneratedPage):
    """The page of one question: its answer, related questions, calls to action and breadcrumbs."""

    template = "faq/entry.html"
    entry: FaqEntry
    category: Category
    models: list[VehicleModel]
    related: list[FaqEntry]
    ask_url: str
    leads: list[Lead]
    status: Status
    today: dt.date
    jsonld: list[str]
    # (model, link to its maintenance plan) for an answer about maintenance (see :func:`maintenance_links`).
    maintenance: list[tuple[VehicleModel, str]] = field(default_factory=list)

    def source(self) -> str:
        return self.entry.answer

    def context(self) -> dict[str, Any]:
        return {
            "faq": {
                "entry": self.entry, "category": self.category, "models": self.models, "related": self.related,
                "ask_url": self.ask_url, "leads": self.leads, "status": self.status, "today": self.today,
                "maintenance": self.maintenance,
            },
            "head": {"jsonld": self.jsonld},
        }

    def search_record(self, rendered: Rendered, title: str, section: str) -> SearchDoc | None:
        """Found by its question, category, answer, tags and model names; drafts and scheduled ones (preview only) not at all."""
        if self.status != Status.PUBLISHED:
            return None
        doc = text_record(rendered, self.entry.question, self.category.name)
        keywords = " ".join([*self.entry.tags, *(m.name for m in self.models)])
        return SearchDoc(doc.url, doc.title, doc.section, doc.text, keywords, asked=self.entry.asked or 0)

    @property
    def record(self) -> FaqEntry:
        return self.entry

    def actions(self) -> PageActions:
        return PageActions(self.category.action_topic, self.models[0] if len(self.models) == 1 else None)

    def description_text(self, rendered: Rendered | None) -> str:
        """The start of the answer: what a search result shows under the question."""
        return description(rendered.text) if rendered is not None else ""

    def structured_data(self, rendered: Rendered | None, page_url: str) -> list[dict[str, Any]]:
        """The question and the dealer's answer (as text) as an ``FAQPage``."""
        return [faq_page(self.entry.question, rendered.text, page_url)] if rendered is not None else []


def _newest(entry: FaqEntry) -> tuple[int, str]:
    return (-entry.last_modified.toordinal(), entry.slug)


def visible_entries(content: Content, settings: Settings) -> list[FaqEntry]:
    """What goes on the site: published entries; in preview, drafts and scheduled ones too."""
    return visible(content.faq, settings.today(), settings.preview)


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


def category_pages(category: Category, entries: list[FaqEntry], settings: Settings) -> list[FaqCategoryPage]:
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
            FaqCategoryPage(
                uri=uri,
                title=category.name if number == 1 else f"{category.name}（第 {number} 页）",
                description=category.description,
                category=category,
                # entries are already sorted most asked first
                popular=entries[:POPULAR_SIZE] if number == 1 and len(entries) > POPULAR_SIZE else [],
                entries=chunk,
                count=len(entries),
                pagination={"number": number, "urls": urls},
                ask_url=ask_link(settings, category),
            )
        )
    return specs


@dataclass
class FaqMemo:
    """What one :func:`generate_faq` made, for the next one in the same preview session.

    Kept by the build object from one preview build to the next (never in a module), so
    it lives exactly as long as the preview and a published build starts without one.
    """

    # all_related's last result (as slugs) and a hash of what it was computed from.
    related: tuple[int, dict[str, list[str]]] | None = None
    # Entry pages by slug, with the inputs they were made from.
    entries: dict[str, tuple[tuple[object, ...], FaqEntryPage]] = field(default_factory=dict)
    # The home and category pages by URI: one equal to the new one is kept (see :meth:`same`).
    lists: dict[str, GeneratedPage] = field(default_factory=dict)

    def same(self, page: GeneratedPage, previous: dict[str, GeneratedPage]) -> GeneratedPage:
        """The previous build's page when it equals ``page``, so the preview's page cache need not hash it again.

        Cheap because unchanged entries are the very same objects from build to build
        (faq/load.py): comparing a category page's 50 entries is 50 identity checks.
        """
        old = previous.get(page.uri)
        kept = old if old is not None and old == page else page
        self.lists[page.uri] = kept
        return kept


def all_related(entries: list[FaqEntry], index: RelatedIndex, memo: FaqMemo) -> dict[str, list[FaqEntry]]:
    """Related questions of every entry.

    Relatedness depends only on each entry's slug, category, tags, models and
    popularity, not on its text. Editing an answer — what authors do most in preview —
    leaves these alone, so the previous result (as slugs) is reused.
    """
    key = hash(tuple((e.slug, e.category, e.tags, e.models, e.asked, e.last_modified) for e in entries))
    if memo.related is None or memo.related[0] != key:
        memo.related = (key, {e.slug: [r.slug for r in related_entries(e, index)] for e in entries})
    slugs = memo.related[1]
    return {e.slug: [index.entries[s] for s in slugs[e.slug]] for e in entries}


def maintenance_links(entry: FaqEntry, category: Category, models: list[VehicleModel]) -> list[tuple[VehicleModel, str]]:
    """Links to the 「保养计划」 of the models an answer about maintenance names (those that have a plan)."""
    names = [category.key, category.name, *entry.tags]
    if not any(word in name.lower() for name in names for word in MAINTENANCE_WORDS):
        return []
    return [(m, f"{m.url}#{MAINTENANCE_ANCHOR}") for m in models if m.maintenance]


def entry_page(entry: FaqEntry, category: Category, related: list[FaqEntry], content: Content, settings: Settings, today: dt.date) -> FaqEntryPage:
    """The page of one question: its answer, related questions, calls to action and breadcrumbs."""
    models = [content.models[m] for m in entry.models]
    crumbs = [("首页", ""), ("常见问题", "faq/"), (category.name, category.url), (entry.question, entry.url)]
    return FaqEntryPage(
        uri=f"faq/{entry.slug}.md",
        title=entry.question,
        entry=entry,
        category=category,
        models=models,
        related=related,
        ask_url=ask_link(settings, category, entry, content),
        # Service questions book a service, purchase questions a test drive of each model (core/actions.py).
        leads=topic_leads(category.action_topic, entry.models, content, settings, entry.url),
        status=entry.status(today),
        today=today,
        jsonld=[dumps(breadcrumbs(crumbs, settings))],
        lastmod=entry.last_modified,
        maintenance=maintenance_links(entry, category, models),
    )


def _shared_inputs(content: Content, settings: Settings) -> str:
    """A digest of what every entry page depends on besides its own entry: settings, models, locations."""
    return hashlib.sha256(repr((settings, content.models, content.locations)).encode()).hexdigest()


def generate_faq(content: Content, settings: Settings, entries: list[FaqEntry] | None = None, memo: FaqMemo | None = None) -> list[GeneratedPage]:
    """Every FAQ page of the site (``entries``: the visible ones, when the caller has them).

    With the ``memo`` of the previous call, an entry page whose inputs are unchanged is
    that same object, so a preview rebuild after editing one answer does not rebuild
    (nor re-hash) 2,000 pages.
    """
    memo = FaqMemo() if memo is None else memo
    entries = visible_entries(content, settings) if entries is None else entries
    today = settings.today()
    index = RelatedIndex.build(entries)
    related = all_related(entries, index, memo)
    specs: list[GeneratedPage] = []

    previous_lists, memo.lists = memo.lists, {}
    counts = Counter(e.category for e in entries)
    specs.append(memo.same(
        FaqHome(
            uri=HOME_URI,
            title="常见问题",
            description=f"{settings.dealer.name}：车主常问的 {len(entries)} 个问题与解答",
            categories=[(c, counts[c.key]) for c in content.categories.values()],
            popular=heapq.nsmallest(HOME_LIST_SIZE, entries, key=lambda e: e.popularity),
            newest=heapq.nsmallest(HOME_LIST_SIZE, entries, key=_newest),
            ask_url=ask_link(settings),
            today=today,
        ), previous_lists))
    for category in content.categories.values():
        specs.extend(memo.same(page, previous_lists) for page in category_pages(category, index.by_category.get(category.key, []), settings))
    shared = _shared_inputs(content, settings)
    previous, memo.entries = memo.entries, {}
    for entry in entries:
        category = content.categories[entry.category]
        key = (entry, category, tuple(related[entry.slug]), today, shared)
        found = previous.get(entry.slug)
        spec = found[1] if found is not None and found[0] == key else entry_page(entry, category, related[entry.slug], content, settings, today)
        memo.entries[entry.slug] = (key, spec)
        specs.append(spec)
    return specs


def faq_item(entry: FaqEntry, rendered: Rendered, site_url: str, timezone: str, full: bool = True) -> FeedItem:
    """The feed item for a published FAQ answer; an ``updated`` date keeps the id and moves it up."""
    zone = ZoneInfo(timezone)
    link = urljoin(site_url, rendered.url)
    return FeedItem(
        id=tag_uri(site_url, entry.date, f"faq/{entry.slug}"),
        title=entry.question,
        link=link,
        published=dt.datetime.combine(entry.date, dt.time(), tzinfo=zone),
        updated=dt.datetime.combine(entry.updated, dt.time(), tzinfo=zone) if entry.updated else None,
        content=item_html(rendered, link, full),
        categories=entry.tags,
    )
