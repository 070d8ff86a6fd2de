"""A survey opened from the link ``survey-link`` prints, filled in on a phone and received by a real form service on
loopback — with JavaScript and without — and a 「这条回答有帮助吗？」 vote received the same way."""

from __future__ import annotations

import http.server
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from aftersales_helpers import set_endpoints, write_survey
from conftest import FIXTURE_SITE, PHONE, copy_site, mkdocs_build, recording_page, run

SHOTS = Path("/tmp/shots-survey")
VISIT = "WO-20261128-0042"


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    fields: dict[str, list[str]]
    headers: dict[str, str]


class FormService:
    """The dealer's form service, played by a real HTTP server on 127.0.0.1: keeps every submission."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        service = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def _answer(self, body: str) -> None:
                parts = urlsplit(self.path)
                fields = parse_qs(body or parts.query, keep_blank_values=True)
                service.received.append(Received(self.command, parts.path, fields, {k.lower(): v for k, v in self.headers.items()}))
                if "redirect" in fields:  # what the docs ask of the dealer's form service
                    self.send_response(303)
                    self.send_header("Location", fields["redirect"][0])
                    self.end_headers()
                    return
                page = "<!doctype html><html lang=zh-CN><title>已收到</title><p>已收到</p></html>".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._answer(self.rfile.read(length).decode("utf-8"))

            def do_GET(self) -> None:
                if self.path == "/favicon.ico":  # the browser asks, having landed on the service's own page
                    self.send_error(404)
                    return
                self._answer("")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, count: int, seconds: float = 10) -> list[Received]:
        deadline = time.monotonic() + seconds
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.received) >= count, self.received
        return self.received


@dataclass(frozen=True)
class Site:
    root: Path
    base: str
    service: FormService


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, serve: object) -> Iterator[Site]:
    """The fixture site with a survey, built with both endpoints on the loopback form service, served on loopback."""
    service = FormService()
    root = copy_site(FIXTURE_SITE, tmp_path_factory.mktemp("survey-browser") / "src")
    base = serve(root / "site")  # type: ignore[operator]  # serves the folder the build writes next
    write_survey(root)
    set_endpoints(root, f"{service.url}/survey", f"{service.url}/feedback", site_url=base)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    yield Site(root, base, service)
    service.server.shutdown()


@pytest.fixture
def form_service(site: Site) -> FormService:
    site.service.received.clear()
    return site.service


def survey_link(site: Site) -> str:
    """The link staff send, as the command prints it."""
    result = run(sys.executable, "-m", "build_tools", "survey-link", "-f", site.root / "mkdocs.yml", "--survey", "visit",
                 "--store", "downtown", "--visit", VISIT.lower(), "--service", "常规保养", "--date", "2026-11-28",
                 "--out", site.root / "qr.svg")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def answer(page: object) -> None:
    for name, value in (("reception", "5"), ("repair", "4"), ("nps", "9")):
        page.click(f'label:has(input[name="{name}"][value="{value}"])')  # type: ignore[attr-defined]


def only_loopback(requested: list[str]) -> None:
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in requested), [u for u in requested if "127.0.0.1" not in u]


def test_survey_from_the_link_is_received_with_javascript(browser: object, site: Site, form_service: FormService) -> None:
    link = survey_link(site)
    assert link.startswith(site.base + "survey/visit/?")
    with recording_page(browser, **PHONE) as (page, requested):
        # Whatever else a link carries is neither shown nor sent.
        page.goto(link + "&name=%E5%BC%A0%E4%B8%89&phone=13800000000")  # type: ignore[attr-defined]
        assert page.inner_text("[data-survey-visit]") == "市中心店 · 常规保养 · 2026-11-28"  # type: ignore[attr-defined]
        assert "张三" not in page.inner_text("body") and "13800000000" not in page.inner_text("body")  # type: ignore[attr-defined]
        answer(page)
        page.click('label:has(input[name="improve"][value="等待时间"])')  # type: ignore[attr-defined]
        page.fill("textarea[name=comment]", "师傅很专业")  # type: ignore[attr-defined]
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "test-survey-filled-390.png"), full_page=True)  # type: ignore[attr-defined]
        page.click("button[type=submit]")  # type: ignore[attr-defined]
        page.wait_for_selector("[data-survey-thanks]", state="visible")  # type: ignore[attr-defined]
        assert "感谢您的反馈" in page.inner_text("[data-survey-thanks]")  # type: ignore[attr-defined]
        assert page.is_hidden("[data-survey-form]")  # type: ignore[attr-defined]
        page.screenshot(path=str(SHOTS / "test-survey-thanks-390.png"))  # type: ignore[attr-defined]
        assert page.context.cookies() == []  # type: ignore[attr-defined]
    [got] = form_service.wait(1)
    assert (got.method, got.path) == ("POST", "/survey")
    assert got.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert "cookie" not in got.headers
    assert got.fields == {
        "survey": ["visit"], "store": ["downtown"], "service": ["常规保养"], "date": ["2026-11-28"], "visit": [VISIT],
        "reception": ["5"], "repair": ["4"], "nps": ["9"], "improve": ["等待时间"], "comment": ["师傅很专业"],
    }
    only_loopback(requested)


def test_a_link_with_forged_values_shows_and_sends_none_of_them(browser: object, site: Site, form_service: FormService) -> None:
    with recording_page(browser, **PHONE) as (page, _):
        page.goto(site.base + "survey/visit/?store=nowhere&service=%E6%B4%97%E8%BD%A6&date=2026-02-30&visit=13812345678")  # type: ignore[attr-defined]
        assert page.is_hidden("[data-survey-visit]")  # type: ignore[attr-defined]
        answer(page)
        page.click("button[type=submit]")  # type: ignore[attr-defined]
        page.wait_for_selector("[data-survey-thanks]", state="visible")  # type: ignore[attr-defined]
    [got] = form_service.wait(1)
    assert set(got.fields) == {"survey", "reception", "repair", "nps", "comment"}


def test_survey_without_javascript_posts_the_form_and_lands_on_the_thank_you_page(browser: object, site: Site, form_service: FormService) -> None:
    with recording_page(browser, java_script_enabled=False, **PHONE) as (page, requested):
        page.goto(survey_link(site))  # type: ignore[attr-defined]
        assert page.is_hidden("[data-survey-visit]")  # type: ignore[attr-defined]
        page.fill("#dealer-survey-visit", VISIT)  # type: ignore[attr-defined]  # the <noscript> field
        answer(page)
        page.click("button[type=submit]")  # type: ignore[attr-defined]
        page.wait_for_url(site.base + "survey/visit/thanks/")  # type: ignore[attr-defined]
        assert page.inner_text("h1") == "谢谢您！"  # type: ignore[attr-defined]
        page.screenshot(path=str(SHOTS / "test-survey-nojs-thanks-390.png"))  # type: ignore[attr-defined]
    [got] = form_service.wait(1)
    assert got.method == "POST"
    assert got.fields == {
        "survey": ["visit"], "redirect": [site.base + "survey/visit/thanks/"], "visit": [VISIT],
        "reception": ["5"], "repair": ["4"], "nps": ["9"], "comment": [""],
    }
    only_loopback(requested)


def test_required_scores_are_asked_before_anything_is_sent(browser: object, site: Site, form_service: FormService) -> None:
    with recording_page(browser, **PHONE) as (page, _):
        page.goto(survey_link(site))  # type: ignore[attr-defined]
        page.click("button[type=submit]")  # type: ignore[attr-defined]
        assert page.evaluate("document.querySelector('input[name=reception]').validity.valueMissing")  # type: ignore[attr-defined]
        assert page.is_hidden("[data-survey-thanks]")  # type: ignore[attr-defined]
    time.sleep(0.3)
    assert form_service.received == []


def test_helpful_vote_with_comment_is_received_once(browser: object, site: Site, form_service: FormService) -> None:
    with recording_page(browser, **PHONE) as (page, requested):
        page.goto(site.base + "faq/oil-grade/")  # type: ignore[attr-defined]
        assert page.is_hidden("#dealer-helpful-comment")  # type: ignore[attr-defined]
        page.click("[data-helpful-no]")  # type: ignore[attr-defined]
        page.fill("#dealer-helpful-comment", "没说清楚冬天用哪种")  # type: ignore[attr-defined]
        page.locator("[data-helpful]").screenshot(path=str(SHOTS / "test-helpful-no-390.png"))  # type: ignore[attr-defined]
        page.click("[data-helpful-send]")  # type: ignore[attr-defined]
        assert page.is_visible("[data-helpful-thanks]")  # type: ignore[attr-defined]
        [got] = form_service.wait(1)
        page.reload()  # type: ignore[attr-defined]
        assert page.is_visible("[data-helpful-thanks]") and page.is_hidden("[data-helpful-form]")  # type: ignore[attr-defined]
        page.goto(site.base + "faq/first-service/")  # type: ignore[attr-defined]
        page.click("button[value=yes]")  # type: ignore[attr-defined]
        yes = form_service.wait(2)[1]
        assert page.context.cookies() == []  # type: ignore[attr-defined]
    assert (got.method, got.path) == ("POST", "/feedback") and "cookie" not in got.headers
    assert got.fields == {"url": [site.base + "faq/oil-grade/"], "slug": ["oil-grade"], "vote": ["no"], "comment": ["没说清楚冬天用哪种"]}
    assert yes.fields == {"url": [site.base + "faq/first-service/"], "slug": ["first-service"], "vote": ["yes"], "comment": [""]}
    assert len(form_service.received) == 2
    only_loopback(requested)


def test_helpful_vote_without_javascript_posts_the_form(browser: object, site: Site, form_service: FormService) -> None:
    with recording_page(browser, java_script_enabled=False, **PHONE) as (page, _):
        page.goto(site.base + "faq/service-cost/")  # type: ignore[attr-defined]
        page.fill("#dealer-helpful-comment", "价格没列全")  # type: ignore[attr-defined]
        page.click("[data-helpful-no]")  # type: ignore[attr-defined]
        page.wait_for_url(f"{form_service.url}/feedback")  # type: ignore[attr-defined]
    [got] = form_service.wait(1)
    assert got.fields == {"url": [site.base + "faq/service-cost/"], "slug": ["service-cost"], "vote": ["no"], "comment": ["价格没列全"]}
