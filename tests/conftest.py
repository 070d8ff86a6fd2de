"""Shared fixtures: throw-away copies of fixture sites, real MkDocs builds, a real browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def write(root: Path, rel: str, text: str | bytes) -> Path:
    """Create (or replace) ``root/rel`` with ``text``."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path, caches (and intake's lock, kept there) left out."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file() and ".cache" not in p.relative_to(root).parts)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def copy_site(source: Path, dest: Path) -> Path:
    """A private copy of a site, so tests never write into the repository."""
    ignore = shutil.ignore_patterns("site", ".venv", ".git", ".cache", "__pycache__", "tests", "*.egg-info", "node_modules")
    shutil.copytree(source, dest, ignore=ignore)
    return dest


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def mkdocs_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """A real ``mkdocs build --strict`` of the site at ``root`` into ``root/site``."""
    return run(sys.executable, "-m", "mkdocs", "build", "--strict", "-f", root / "mkdocs.yml", "-d", root / "site", *extra)


def content_check(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The ``make check`` command: ``python -m build_tools check``."""
    return run(sys.executable, "-m", "build_tools", "check", "-f", root / "mkdocs.yml", *extra, cwd=root)


def built(root: Path) -> Path:
    """Build the site at ``root`` strictly (it must succeed) and return its ``site/`` folder."""
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def build_copy(source: Path, dest: Path) -> Path:
    """Copy the site at ``source`` to ``dest``, build it strictly, and return its ``site/`` folder."""
    return built(copy_site(source, dest))


def assert_build_and_check_fail(root: Path, expected: list[str]) -> None:
    """Both the build and ``check`` exit 1 and print every expected line, with no traceback."""
    for result in (mkdocs_build(root), content_check(root)):
        assert result.returncode == 1
        for line in expected:
            assert line in result.stderr
        assert "Traceback" not in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}")


@contextlib.contextmanager
def preview_server(root: Path, *extra: str) -> Iterator[str]:
    """``mkdocs serve`` of the site at ``root`` on a free port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *extra, "-a", f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def site_src(tmp_path: Path) -> Path:
    """A fresh, writable copy of the fixture site."""
    return copy_site(FIXTURE_SITE, tmp_path / "src")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, built once per test process; returns its ``site/`` folder."""
    return build_copy(FIXTURE_SITE, tmp_path_factory.mktemp("built") / "src")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample site (every lead kind configured), built once per test process.

    Shared by the browser modules: tests read it and must not change it (copy it for a variant).
    """
    return build_copy(REPO, tmp_path_factory.mktemp("sample") / "repo")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[object]:
    """Serve a built site over HTTP on 127.0.0.1; returns a function site_dir -> base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(site_dir: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(site_dir))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@contextlib.contextmanager
def recording_page(browser: object, **options: object) -> Iterator[tuple[object, list[str]]]:
    """A fresh Chinese-locale page and the list of every URL it requests."""
    context = browser.new_context(locale="zh-CN", **options)  # type: ignore[attr-defined]
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        yield page, requested
    finally:
        context.close()


def type_query(page: object, query: str) -> None:
    """Type ``query`` into the header search box key by key and wait until its results are shown."""
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function(  # type: ignore[attr-defined]
        "q => document.querySelector('form[data-dealer-search]').dataset.state === 'done'"
        " && document.querySelector('input.md-search__input').value === q", arg=query)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright. Missing browser fails loudly, never skips."""
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM_PATH}: run `make test` as root, or apt-get install chromium, or set CHROMIUM_PATH")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM_PATH,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()
