"""A whole build through :class:`SiteBuild` without MkDocs: Python-Markdown renders, the build does the rest.

What the engine does (listing files, rendering Markdown, giving URLs) is done here by
hand, so the test shows that every decision about pages, feeds, search and the sitemap
lives in the build and its domains, not in the MkDocs adapter.
"""

from __future__ import annotations

import json
import logging
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import markdown
import pytest
from conftest import FIXTURE_SITE, copy_site, write

from build_tools.catalog.pages import ComparePage, DealersPage, ModelPage, ModelsIndex
from build_tools.core.errors import BuildStop
from build_tools.core.settings import Dealer, Paths, Settings
from build_tools.faq.pages import FaqCategoryPage, FaqEntryPage, FaqHome
from build_tools.site.build import Published, SiteBuild

LOG = logging.getLogger("test_site_build")


def settings_for(root: Path, **changes: object) -> Settings:
    values: dict[str, object] = {
        "paths": Paths(root=root, docs_dir=root / "content", faq_dir=root / "faq", blog_dir=root / "blog"),
        "dealer": Dealer(name="测试经销商", phone="0731-1234 5678"),
        "site_url": "https://dealer.example.cn/",
        "leads": {"test_drive": "https://form.example.cn/test-drive?model={model}&store={dealer}"},
        **changes,
    }
    return Settings(**values)  # type: ignore[arg-type]


def url_of(src_uri: str) -> str:
    """MkDocs' directory URLs: faq/oil.md → faq/oil/, faq/index.md → faq/."""
    path = src_uri.removesuffix(".md")
    if posixpath.basename(path) == "index":
        path = posixpath.dirname(path)
    return f"{path}/" if path else ""


def run_build(root: Path, settings: Settings) -> tuple[SiteBuild, dict[str, str]]:
    """Drive a build as an engine would; returns the build and the context keys each page got."""
    build = SiteBuild(settings, layout=None, log=LOG)
    report = build.load()
    assert report.ok, [str(p) for p in report.errors]
    docs = settings.paths.docs_dir
    authored = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} - set(build.data_files())
    generated = build.generate(authored)
    build.navigation([("faq/", "常见问题")])
    sources = {uri: (docs / uri).read_text(encoding="utf-8").split("---", 2)[-1] for uri in authored if uri.endswith(".md")}
    sources |= {page.uri: page.source() for page in generated.pages}
    templates: dict[str, str] = {}
    for uri, text in sorted(sources.items()):
        meta: dict[str, object] = {}
        text = build.page_markdown(uri, text, meta)
        templates[uri] = str(meta.get("template", ""))
        build.rendered(uri, url_of(uri), str(meta.get("title", uri)), markdown.markdown(text))
    site = root / "site"
    sitemap = build.published([Published(uri, url_of(uri), settings.absolute(url_of(uri))) for uri in sources], site)
    site.mkdir(parents=True, exist_ok=True)
    (site / "sitemap.xml").write_text(sitemap, encoding="utf-8")  # the engine writes it (templates/sitemap.xml)
    for uri in sources:
        build.context(uri, url_of(uri))
    background = build.finish(site)
    if settings.preview:  # the preview writes the index and feeds while the browser reloads
        assert background is not None
        background.join()
    else:
        assert background is None
    return build, templates


def test_a_whole_build_runs_without_mkdocs(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    build, templates = run_build(root, settings_for(root))
    kinds = {type(page) for page in build.pages.values()}
    assert {FaqHome, FaqCategoryPage, FaqEntryPage, ComparePage, DealersPage, ModelsIndex} <= kinds
    # Authored model pages get their template and typed page from the catalogue.
    model_pages = [uri for uri, page in build.authored.items() if isinstance(page, ModelPage)]
    assert model_pages and all(templates[uri] == "models/model.html" for uri in model_pages)
    # Each published question is in the FAQ feed, found by search with its tags, and in the sitemap.
    entries = [page for page in build.pages.values() if isinstance(page, FaqEntryPage)]
    assert entries and all(build.renders[page.entry].url == page.entry.url for page in entries)
    feed = feedparser.parse((root / "site" / "faq" / "atom.xml").read_bytes())
    assert not feed.bozo and {e.link for e in feed.entries} == {f"https://dealer.example.cn/{p.entry.url}" for p in entries}
    for page in entries:
        doc = build.search_docs[page.entry.url]
        assert doc.title == page.entry.question and doc.section == page.category.name
        assert all(tag in doc.keywords for tag in page.entry.tags)
    index = json.loads((root / "site" / "assets" / "dealer" / "search-index" / "meta.json").read_text(encoding="utf-8"))
    assert index["docs"] == len(build.search_docs)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    parts = [ET.parse(root / "site" / "sitemap.xml").getroot()]
    locs = {loc.text for part in parts for loc in part.findall("s:url/s:loc", ns)}
    assert {f"https://dealer.example.cn/{p.entry.url}" for p in entries} <= locs


def test_drafts_are_pages_in_preview_but_never_searchable_or_in_a_feed(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    write(root, "faq/buying/hidden.md", "---\nquestion: 还没发布的问题？\ncategory: buying\ndate: 2025-01-01\ndraft: true\n---\n\n草稿回答。\n")
    build, _ = run_build(root, settings_for(root, preview=True))
    page = build.pages["faq/hidden.md"]
    assert isinstance(page, FaqEntryPage) and page.status == "draft"
    assert "faq/hidden/" not in build.search_docs
    published, _ = run_build(root, settings_for(root))
    assert "faq/hidden.md" not in published.pages


def test_a_file_named_like_a_generated_page_stops_the_build_with_one_sentence(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    write(root, "content/faq/index.md", "# 我自己写的\n")
    with pytest.raises(BuildStop, match=r"^content/faq/index.md: 与自动生成的页面同名 — 删除或改名这个文件$"):
        run_build(root, settings_for(root))


def test_no_site_address_stops_before_anything_is_read(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    with pytest.raises(BuildStop, match="site_url"):
        SiteBuild(settings_for(root, site_url=""), layout=None, log=LOG)


# A domain the project does not have, as a package of its own: recall notices read from content/recalls.yml,
# a page listing them, their feed (recall items are also about models), and a notice on the models' pages.
TOY_DOMAIN = '''
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from build_tools.catalog.pages import ModelPage
from build_tools.core.feeds import FeedItem, FeedSpec
from build_tools.core.frontmatter import read_yaml
from build_tools.core.pages import GeneratedPage, Page
from build_tools.core.schema import unknown_model
from build_tools.site.domain import Domain, DomainFeeds, FeedInputs, Inputs, Loading, PageContext

DATA, PAGE, FOLDER = "recalls.yml", "recalls.md", "recalls/"


@dataclass(frozen=True)
class Recall:
    slug: str
    title: str
    date: dt.date
    models: tuple[str, ...]


@dataclass(frozen=True)
class Recalls:
    items: tuple[Recall, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RecallsPage(GeneratedPage):
    template = "main.html"
    recalls: Recalls

    def source(self) -> str:
        return "".join(f"- {r.title}\\n" for r in self.recalls.items)

    @property
    def record(self) -> Recalls:
        return self.recalls


def load(at: Loading) -> None:
    path, items = at.paths.docs_dir / DATA, []
    doc = read_yaml(path, at.paths.rel(path), at.report) if path.is_file() else None
    for n, row in enumerate(doc.data if doc is not None else []):
        assert doc is not None
        if unknown := [m for m in row["models"] if m not in at.content.models]:
            at.report.error(doc.path, doc.at(n, "models"), "models", unknown_model(unknown[0]), "写 content/models/ 里有的车型")
            continue
        items.append(Recall(row["slug"], row["title"], dt.date.fromisoformat(str(row["date"])), tuple(row["models"])))
    at.content.keep(Recalls(tuple(items)))


def generate(inputs: Inputs) -> list[GeneratedPage]:
    recalls = inputs.content.of(Recalls)
    return [RecallsPage(uri=PAGE, title="召回通知", recalls=recalls)] if recalls.items else []


def feeds(at: FeedInputs) -> DomainFeeds:
    recalls, zone = at.content.of(Recalls), ZoneInfo(at.timezone)
    page = at.rendered.get(recalls)
    about = [(FeedItem(id=f"tag:dealer.example.cn,{r.date}:recalls/{r.slug}", title=r.title, link=urljoin(at.site_url, page.url),
                       published=dt.datetime.combine(r.date, dt.time(), zone), content=f"<p>{r.title}</p>"), r.models)
             for r in recalls.items] if page is not None else []
    spec = FeedSpec(FOLDER, f"{at.site_name} · 召回通知", "召回通知", at.absolute(FOLDER), tuple(i for i, _ in about), author=at.site_name)
    return DomainFeeds(specs=[spec], about=about, own=lambda uri: spec if uri == PAGE else None)


def context(inputs: Inputs) -> PageContext:
    recalls = inputs.content.of(Recalls)

    def add(src_uri: str, page: Page | None, context: dict[str, Any]) -> None:
        if isinstance(page, ModelPage):
            context["recalls"] = [r.title for r in recalls.items if page.model.slug in r.models]

    return add


DOMAIN = Domain(
    name="recalls", needs=("catalog",), data_uris=lambda docs_dir, files: {DATA}, load=load, generate=generate,
    withheld=lambda content, settings: (DATA,), feeds=feeds, context=context,
)
'''


def test_a_new_domain_is_its_package_and_one_line_in_the_domains_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A domain written outside build_tools/ (its records from a data file, a generated page, a feed, an addition to the
    catalogue's model pages) is loaded, generated, fed and checked like the others once it is in ``DOMAINS``."""
    import importlib

    from build_tools.site import domains

    write(tmp_path / "lib", "toy_recalls.py", TOY_DOMAIN)
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    toy = importlib.import_module("toy_recalls")
    monkeypatch.setattr(domains, "DOMAINS", (*domains.DOMAINS, toy.DOMAIN))  # the one line
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    write(root, "content/recalls.yml", "- slug: r1\n  title: 阿尔法刹车软管召回\n  date: 2025-01-05\n  models: [alpha]\n")
    build, _ = run_build(root, settings_for(root))
    assert "recalls.yml" in build.data_files() and "recalls.yml" not in build.content.authored
    assert [r.title for r in build.content.of(toy.Recalls).items] == ["阿尔法刹车软管召回"]
    assert isinstance(build.pages["recalls.md"], toy.RecallsPage)
    assert build.search_docs["recalls/"].title == "召回通知"
    own = feedparser.parse((root / "site" / "recalls" / "rss.xml").read_bytes())
    assert [e.title for e in own.entries] == ["阿尔法刹车软管召回"]
    # Its items are about models, so the model's feed lists them too.
    alpha = feedparser.parse((root / "site" / "models" / "alpha" / "atom.xml").read_bytes())
    assert "阿尔法刹车软管召回" in [e.title for e in alpha.entries]
    assert build.context("recalls.md", "recalls/")["dealer_subscribe"]["title"] == "测试经销商 · 召回通知"
    # The addition to another domain's page.
    assert build.context("models/alpha.md", "models/alpha/")["recalls"] == ["阿尔法刹车软管召回"]
    assert build.context("models/beta.md", "models/beta/")["recalls"] == []
    # Its problems are reported with everyone else's.
    write(root, "content/recalls.yml", "- slug: r1\n  title: 召回\n  date: 2025-01-05\n  models: [zeta]\n")
    report = SiteBuild(settings_for(root), layout=None, log=LOG).load()
    assert [str(p) for p in report.errors] == ["content/recalls.yml:4: models: 未知车型 'zeta'（没有 content/models/zeta.md） — 写 content/models/ 里有的车型"]
    # A page authors also wrote under that name is refused, as for every generated page.
    write(root, "content/recalls.yml", "- slug: r1\n  title: 召回\n  date: 2025-01-05\n  models: [alpha]\n")
    write(root, "content/recalls.md", "# 召回\n")
    with pytest.raises(BuildStop, match=r"^content/recalls.md: 与自动生成的页面同名"):
        run_build(root, settings_for(root))


def test_one_moment_per_build_and_unchanged_pages_reused_by_the_next_preview_build(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    settings = settings_for(root, preview=True)
    first = SiteBuild(settings, layout=None, log=LOG)
    moment = first.settings.now()
    assert first.settings.now() == moment and first.settings.today() == moment.date()
    assert first.settings == settings and "clock" not in repr(first.settings)
    docs = settings.paths.docs_dir
    authored = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} - {"dealers.yml"}
    first.load()
    before = first.generate(authored).pages
    second = SiteBuild(settings, layout=None, log=LOG, previous=first)
    assert second.settings.now() >= moment
    second.load()
    after = second.generate(authored).pages
    # A later moment does not make the entry pages new: only what they show decides.
    entries = [(a, b) for a, b in zip(before, after) if isinstance(a, FaqEntryPage)]
    assert entries and all(a is b for a, b in entries)


def test_domains_load_after_the_domains_they_need_and_otherwise_in_list_order() -> None:
    """The list's order is the site's (pages, feeds); ``needs`` moves a loader after what it reads; a wrong need is a bug, said."""
    from build_tools.site.domain import Domain, load_order
    from build_tools.site.domains import DOMAINS

    loaded = [d.name for d in load_order(DOMAINS)]
    assert loaded == ["catalog", "blog", "faq", "promotions", "aftersales", "home"]
    assert all(loaded.index(need) < loaded.index(d.name) for d in DOMAINS for need in d.needs)
    with pytest.raises(ValueError, match=r"needs unknown domain\(s\) \['cars'\]"):
        load_order([Domain("toy", needs=("cars",))])
    with pytest.raises(ValueError, match="need each other"):
        load_order([Domain("a", needs=("b",)), Domain("b", needs=("a",))])
