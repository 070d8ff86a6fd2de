"""Stage 2: generate the FAQ pages (home, one per category, one per question).

Pages are described as plain :class:`PageSpec` records — a URI, a title, a template
and the context that template needs — so this stage is testable without MkDocs.
The adapter turns each spec into a generated MkDocs file.
"""

from __future__ import annotations

import heapq
import html
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import links
from .model import Category, Content, FaqEntry
from .settings import Settings

HOME_URI = "faq/index.md"
HOME_LIST_SIZE = 10
RELATED_SIZE = 5
ASK_PLACEHOLDERS = ("category", "category_name", "model", "model_name", "page")


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: where it goes, what it is called, how it is rendered."""

    uri: str
    title: str
    template: str
    markdown: str = ""
    description: str = ""
    context: dict[str, Any] = field(default_factory=dict)

    def source(self) -> str:
        """The page as a Markdown file: front matter, then body.

        The title is HTML-escaped here because Material prints ``page.meta.title``
        unescaped; a question containing ``<script>`` must show as text.
        """
        meta = {"title": html.escape(self.title), "template": self.template}
        if self.description:
            meta["description"] = html.escape(self.description)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        return f"---\n{front}---\n\n{self.markdown}"


def _popularity(entry: FaqEntry) -> tuple[int, int, str]:
    """Sort key: most asked first, then most recently answered, then by slug."""
    return (-(entry.asked or 0), -entry.last_modified.toordinal(), entry.slug)


def _newest(entry: FaqEntry) -> tuple[int, str]:
    return (-entry.last_modified.toordinal(), entry.slug)


def visible_entries(content: Content, settings: Settings) -> list[FaqEntry]:
    """What goes on the site: published entries; in preview, drafts and scheduled ones too."""
    if settings.preview:
        return list(content.faq)
    today = settings.today()
    return [e for e in content.faq if e.is_published(today)]


def related_entries(entry: FaqEntry, index: RelatedIndex, size: int = RELATED_SIZE) -> list[FaqEntry]:
    """Up to ``size`` questions sharing the category, tags or models of ``entry``."""
    scores: Counter[str] = Counter()
    for tag in entry.tags:
        for other in index.by_tag[tag]:
            scores[other.slug] += 2
    for model in entry.models:
        for other in index.by_model[model]:
            scores[other.slug] += 2
    # Only the most popular of the category can rank on the category alone.
    for other in index.by_category[entry.category][: size + 1]:
        scores.setdefault(other.slug, 0)
    for slug in scores:
        if index.entries[slug].category == entry.category:
            scores[slug] += 3
    scores.pop(entry.slug, None)
    best = heapq.nsmallest(size, scores, key=lambda s: (-scores[s], *_popularity(index.entries[s])))
    return [index.entries[s] for s in best]


@dataclass
class RelatedIndex:
    """Entries grouped by category, tag and model, for finding related questions fast."""

    entries: dict[str, FaqEntry]
    by_category: dict[str, list[FaqEntry]]
    by_tag: dict[str, list[FaqEntry]]
    by_model: dict[str, list[FaqEntry]]

    @classmethod
    def build(cls, entries: Iterable[FaqEntry]) -> RelatedIndex:
        entries = sorted(entries, key=_popularity)
        by_category: dict[str, list[FaqEntry]] = defaultdict(list)
        by_tag: dict[str, list[FaqEntry]] = defaultdict(list)
        by_model: dict[str, list[FaqEntry]] = defaultdict(list)
        for e in entries:
            by_category[e.category].append(e)
            for tag in e.tags:
                by_tag[tag].append(e)
            for model in e.models:
                by_model[model].append(e)
        return cls({e.slug: e for e in entries}, by_category, by_tag, by_model)


def ask_link(settings: Settings, category: Category | None = None, entry: FaqEntry | None = None, content: Content | None = None) -> str:
    """The "我要提问" link, pre-filled with the page's category (and model)."""
    model = content.models.get(entry.models[0]) if entry and entry.models and content else None
    page = settings.absolute(entry.url if entry else (category.url if category else "faq/"))
    values = {
        "category": category.key if category else "",
        "category_name": category.name if category else "",
        "model": model.slug if model else "",
        "model_name": model.name if model else "",
        "page": page,
    }
    if settings.ask_url:
        return links.fill(settings.ask_url, values)
    topic = "、".join(v for v in (values["category_name"], values["model_name"]) if v)
    subject = f"我要提问（{topic}）" if topic else "我要提问"
    if settings.dealer.email:
        return links.mailto(settings.dealer.email, subject, f"我的问题：\n\n\n（来自页面 {page}）")
    return settings.dealer.tel_url


def generate_faq(content: Content, settings: Settings) -> list[PageSpec]:
    """Every FAQ page of the site, as plain specs."""
    entries = visible_entries(content, settings)
    today = settings.today()
    index = RelatedIndex.build(entries)
    specs: list[PageSpec] = []

    counts = Counter(e.category for e in entries)
    specs.append(
        PageSpec(
            HOME_URI,
            "常见问题",
            "faq/home.html",
            description=f"{settings.dealer.name}：车主常问的 {len(entries)} 个问题与解答",
            context={
                "kind": "home",
                "categories": [(c, counts[c.key]) for c in content.categories.values()],
                "popular": heapq.nsmallest(HOME_LIST_SIZE, entries, key=_popularity),
                "newest": heapq.nsmallest(HOME_LIST_SIZE, entries, key=_newest),
                "ask_url": ask_link(settings),
                "today": today,
            },
        )
    )
    for category in content.categories.values():
        specs.append(
            PageSpec(
                f"faq/category/{category.key}.md",
                category.name,
                "faq/category.html",
                description=category.description,
                context={
                    "kind": "category",
                    "category": category,
                    "entries": index.by_category.get(category.key, []),
                    "ask_url": ask_link(settings, category),
                    "today": today,
                },
            )
        )
    for entry in entries:
        category = content.categories[entry.category]
        specs.append(
            PageSpec(
                f"faq/{entry.slug}.md",
                entry.question,
                "faq/entry.html",
                markdown=entry.answer,
                context={
                    "kind": "entry",
                    "entry": entry,
                    "category": category,
                    "models": [content.models[m] for m in entry.models],
                    "related": related_entries(entry, index),
                    "ask_url": ask_link(settings, category, entry, content),
                    "status": entry.status(today),
                    "today": today,
                },
            )
        )
    return specs
