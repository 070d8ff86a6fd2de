"""Validators nobody here wrote, on the built sample site and the fixture sites (issue 15, part 1).

- axe-core in Chromium on every page kind, at a phone and a desktop viewport: 0 violations;
- the Nu HTML Checker (vnu.jar) on every HTML page of the sample and of tests/fixtures/*: 0 errors;
- every sample page loads with no failed request, no 4xx/5xx response and no console error.

axe-core and vnu-jar are pinned in package.json / package-lock.json; `make test` installs them
(`npm ci`). Without them these tests fail, saying so: they never skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from conftest import PHONE, REPO, build_copy, copy_site, mkdocs_build
from validators_helpers import Problems, VnuRun, axe_violations, missing_tools, open_all, start_axe

# One build of the sample per module and one worker for all of it (make test runs --dist loadgroup).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("validators-html")]

FIXTURES = REPO / "tests" / "fixtures"
# Fixture folders that are not a site of their own but are laid over tests/fixtures/site.
OVERLAYS = {"blog_overlay": "site"}

# One page of each kind the sample builds (paths below the site's base URL).
PAGE_KINDS = {
    "home": "",
    "models index": "models/",
    "model": "models/outlander/",
    "compare": "models/compare/",
    "dealers": "dealers/",
    "promotions index": "promotions/",
    "promotion": "promotions/winter-purchase/",
    "FAQ home": "faq/",
    "FAQ category": "faq/category/maintenance/",
    "FAQ entry": "faq/first-service-interval/",
    "blog index": "blog/",
    "post": "blog/2026/06/20/outlander-family-trip-guide/",
    "blog category": "blog/category/新闻/",
    "blog archive": "blog/archive/2026/",
    "about": "about/",
    "404": "404.html",
}
VIEWPORTS = {
    "phone 390×844": PHONE,
    "desktop 1366×900": {"viewport": {"width": 1366, "height": 900}},
}
TABS = 6  # pages loading at once in the no-failed-request sweep


@pytest.fixture(scope="module")
def tools() -> None:
    """axe-core, vnu.jar and java are there, or the test fails saying how to get them."""
    if why := missing_tools():
        pytest.fail(why)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample site, built once for this module; returns its site/ folder."""
    return build_copy(REPO, tmp_path_factory.mktemp("validators") / "repo")


def fixture_roots() -> list[tuple[str, Path, Path | None]]:
    """(name, folder, base site or None) for every fixture site under tests/fixtures/."""
    roots = []
    for folder in sorted(FIXTURES.iterdir()):
        if (folder / "mkdocs.yml").is_file():
            base = OVERLAYS.get(folder.name)
            roots.append((folder.name, folder, FIXTURES / base if base else None))
    return roots


@pytest.fixture(scope="module")
def fixture_builds(tmp_path_factory: pytest.TempPathFactory, built_site: Path) -> dict[str, Path]:
    """Every fixture site built (overlays laid over their base site); name -> site/ folder."""
    built = {"site": built_site}  # conftest's session build of tests/fixtures/site
    for name, folder, base in fixture_roots():
        dest = tmp_path_factory.mktemp("fixture") / name
        if name in built:
            continue
        if base is None:
            built[name] = build_copy(folder, dest)
            continue
        copy_site(base, dest)
        shutil.copytree(folder, dest, dirs_exist_ok=True)
        result = mkdocs_build(dest)
        assert result.returncode == 0, result.stderr
        built[name] = dest / "site"
    return built


@pytest.fixture(scope="module")
def vnu(tools: None, sample: Path, fixture_builds: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> VnuRun:
    """The Nu HTML Checker on every page of the sample and the fixture sites, started before the browser tests so java works meanwhile."""
    sites = [sample, *fixture_builds.values()]
    files = [file for site in sites for file in sorted(site.rglob("*.html"))]
    assert len(files) > 100
    return VnuRun(files, Path(os.path.commonpath(sites)), tmp_path_factory.mktemp("vnu") / "report.json")


@pytest.fixture(scope="module")
def base_url(sample: Path, serve: Callable[[Path], str]) -> str:
    """The sample served at its site_url's path (/dealer-site/), where 404.html's absolute links point."""
    config = yaml.safe_load((sample.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    prefix = urlparse(config["site_url"]).path.strip("/")
    web = sample.parent / "web"
    (web / prefix).parent.mkdir(parents=True, exist_ok=True)
    (web / prefix).symlink_to(sample, target_is_directory=True)
    return serve(web) + prefix + "/"


def page_paths(site: Path) -> list[str]:
    """Every HTML page of a built site as a path below its base URL (``faq/x/`` for faq/x/index.html)."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        paths.append(rel.removesuffix("index.html"))
    return paths


@pytest.fixture
def context_for(browser: object) -> Iterator[Callable[[dict], object]]:
    """Fresh Chinese-locale browser contexts, closed after the test."""
    contexts: list = []

    def new(options: dict) -> object:
        context = browser.new_context(locale="zh-CN", **options)  # type: ignore[attr-defined]
        contexts.append(context)
        return context

    yield new
    for context in contexts:
        context.close()


@pytest.mark.usefixtures("vnu")  # java checks the HTML while the browser works
def test_axe_finds_no_violation_on_any_page_kind_phone_and_desktop(tools: None, sample: Path, base_url: str, context_for: Callable) -> None:
    assert set(PAGE_KINDS.values()) <= set(page_paths(sample)), "a page kind is missing from the sample build"
    found = []
    problems = Problems()
    for viewport, options in VIEWPORTS.items():
        context = context_for(options)
        # Every page kind in its own tab, loading and checked at the same time.
        tabs = [context.new_page() for _ in PAGE_KINDS]  # type: ignore[attr-defined]
        for tab in tabs:
            problems.watch(tab)
        open_all(tabs, [base_url + path for path in PAGE_KINDS.values()])
        for tab in tabs:
            start_axe(tab)
        for tab, (kind, path) in zip(tabs, PAGE_KINDS.items()):
            found += [f"{viewport} {kind} ({path or '/'}): {line}" for line in axe_violations(tab)]
    assert found == []
    assert problems.lines == []


def test_every_sample_page_loads_with_no_failed_request_and_no_console_error(sample: Path, base_url: str, context_for: Callable) -> None:
    paths = page_paths(sample)
    problems = Problems()
    context = context_for(PHONE)
    tabs = [context.new_page() for _ in range(TABS)]  # type: ignore[attr-defined]
    for tab in tabs:
        problems.watch(tab)
    # Material's own requests (e.g. the sitemap.xml beside a link[rel=alternate]) come after
    # the load event, so each page is waited for until the network is idle; TABS at a time.
    for start in range(0, len(paths), TABS):
        batch = paths[start:start + TABS]
        open_all(tabs[:len(batch)], [base_url + path for path in batch])
    assert len(paths) > 60
    assert problems.lines == []


def test_nu_html_checker_finds_no_error_in_the_sample_and_the_fixture_sites(vnu: VnuRun) -> None:
    assert vnu.errors() == []


class _Head(HTMLParser):
    """The <html lang> and the feed autodiscovery links of a page (rel has the token alternate, type a feed type)."""

    FEED_TYPES: ClassVar[set[str]] = {"application/atom+xml", "application/rss+xml"}

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.feeds: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        rel = (values.get("rel") or "").lower().split()
        if tag == "link" and "alternate" in rel and values.get("type") in self.FEED_TYPES:
            self.feeds.append(values.get("href") or "")


def test_pages_say_zh_cn_and_their_feeds_stay_discoverable(sample: Path, fixture_builds: dict[str, Path]) -> None:
    site_url = "https://example.github.io/dealer-site/"
    for site in (sample, *fixture_builds.values()):
        for file in site.rglob("*.html"):
            head = _Head()
            head.feed(file.read_text(encoding="utf-8"))
            assert head.lang == "zh-CN", file
            if site != sample:
                continue
            page_url = urljoin(site_url, file.relative_to(site).as_posix())
            assert head.feeds, f"{file}: no feed autodiscovery link"
            for href in head.feeds:
                target = urljoin(page_url, href).removeprefix(site_url)
                assert (site / target).is_file(), f"{file}: feed {href} not built"
