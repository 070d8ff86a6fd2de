"""Held-out acceptance test for issue 11 ("Trust"), derived only from the issue's "Done when".

A fresh copy of the sample site with one of the issue's mutations either builds with the value shown exactly as
written, or is refused by ``make check`` (``python -m build_tools check --strict``) and ``make site``
(``mkdocs build --strict``) with a Chinese ``path:line:`` message — no traceback, never just English — and no
input of any size keeps ``check`` running (a 60 s subprocess timeout is only the safety net).

Mutations in different files that cannot mask one another share one copy (a *group*: one check and one build),
but every mutation is its own test case with its own assertion. A group is built once per test run even under
``pytest -n 2``: the first worker that needs it builds it under a file lock, the other reads the result.
"""

from __future__ import annotations

import dataclasses
import fcntl
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, copy_site

TIMEOUT = 60  # a safety net only: an unguarded alias bomb takes minutes and gigabytes
CJK = re.compile(r"[\u4e00-\u9fff]")


# --- expectations -------------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Refused:
    """Both tools exit non-zero and print ``path:<one of lines>:`` with Chinese text; ``says`` must be in it."""

    path: str
    says: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Shown:
    """The build succeeds and ``page`` (relative to site/) shows ``text`` as text (or as an attribute value).

    With ``after``, the text node right after the node ``after`` (a spec label, say) is exactly ``text``.
    ``hostile``: additionally no built HTML file contains the markup unescaped or a ``javascript:`` link.
    """

    page: str
    text: str
    after: str | None = None
    hostile: bool = False


@dataclasses.dataclass(frozen=True)
class FeedInstant:
    """The build succeeds and the Atom entry whose link contains ``link`` has ``field`` at ``utc`` (time kept)."""

    feed: str
    link: str
    utc: tuple[int, int, int, int, int]
    field: str = "updated"


@dataclasses.dataclass(frozen=True)
class Either:
    """The issue lets implementers choose: shown exactly as written, or refused (with the value in the message)."""

    shown: Shown | FeedInstant
    refused: Refused


@dataclasses.dataclass(frozen=True)
class NeverPublished:
    """Refused with ``path:line:``, or built with ``secret`` nowhere in site/ (no page, list, feed or index)."""

    refused: Refused
    secret: str


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    group: str
    mutate: Callable[[Path], int | tuple[int, ...]]  # edits the copy; returns the line(s) a message may name
    expect: Refused | Shown | Either | NeverPublished
    once: bool = False  # the root cause is reported once per tool, and nothing of its cascade


# --- editing a copy -----------------------------------------------------------------------------------------

def line_of(root: Path, rel: str, needle: str) -> int:
    """The 1-based line where ``needle`` starts in ``root/rel`` (it must occur exactly once)."""
    text = (root / rel).read_text(encoding="utf-8")
    assert text.count(needle) == 1, f"{rel}: {needle!r} occurs {text.count(needle)} times"
    return text[: text.index(needle)].count("\n") + 1


def edit(root: Path, rel: str, old: str, new: str, mark: str | None = None) -> int:
    """Replace the one ``old`` in ``root/rel`` by ``new``; return the line of ``mark`` (default: of ``new``)."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{rel}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line_of(root, rel, mark or new)


def create(root: Path, rel: str, text: str, mark: str | None = None) -> int:
    """Write a new file; return the line of ``mark`` (default 1)."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return line_of(root, rel, mark) if mark else 1


def model_page(name: str) -> str:
    """A model page valid in every field: only its file name breaks a rule."""
    return f"---\nname: {name}\ntype: SUV\nprice_from: 199800\nsummary: {name}，示例车型。\n---\n\n{name}的介绍。\n"


def hostile(n: int) -> str:
    return f'"><img src=x onerror=alert({n})>'


POST = "blog/posts/spring-service-2026.md"  # by liuqiang
POST_PAGE = "blog/2026/04/02/spring-service-2026/index.html"
POST_TITLE = "春季保养节：工时费 8 折 & 免费 36 项检测"
AUTHORS = "blog/.authors.yml"
ASX = "content/models/asx.md"
ASX_PAGE = "models/asx/index.html"
FAQ_ENTRY = "faq/maintenance/cvt-fluid-change.md"
SECRET = "机密：内部底价九万八"


def bomb(root: Path) -> int:
    lines = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    lines += [f"{b}: &{b} [" + ", ".join([f"*{a}"] * 9) + "]" for a, b in zip("abcdefg", "bcdefgh")]
    return create(root, "faq/maintenance/bomb.md", "---\n" + "\n".join(lines) + "\n---\n\n答\n", "a: &a")


def symlink_outside(root: Path) -> int:
    outside = root.parent / "outside" / "leak.md"
    outside.parent.mkdir(parents=True, exist_ok=True)
    outside.write_text(f"---\nquestion: 外部文件能发布吗？\ncategory: maintenance\ndate: 2025-03-18\n---\n\n{SECRET}\n", encoding="utf-8")
    (root / "faq/maintenance/leak.md").symlink_to(outside)
    return 1


def no_description(root: Path) -> tuple[int, int]:
    edit(root, AUTHORS, "    description: 售后服务部 · 技术总监\n", "", mark="  liuqiang:")
    key = line_of(root, AUTHORS, "  liuqiang:")
    return key, key + 1  # the author's key or the first line of its record


CASES = [
    # Script from front matter: shown as text, never as markup (the issue fixes this outcome: escaped).
    Case("hostile-author-name", "hostile", lambda r: edit(r, AUTHORS, "name: 刘强", f"name: '刘强{hostile(1)}'"),
         Shown(POST_PAGE, f"刘强{hostile(1)}", hostile=True)),
    Case("hostile-author-description", "hostile",
         lambda r: edit(r, AUTHORS, "description: 售后服务部 · 技术总监", f"description: '技术总监{hostile(2)}'"),
         Shown(POST_PAGE, f"技术总监{hostile(2)}", hostile=True)),
    Case("hostile-post-description", "hostile",
         lambda r: edit(r, POST, "description: 4 月 10 日至 4 月 30 日，春季保养工时费 8 折，免费 36 项检测。\n",
                        f"description: '{hostile(3)}4 月 10 日至 4 月 30 日，春季保养工时费 8 折，免费 36 项检测。'\n"),
         Shown(POST_PAGE, f"{hostile(3)}4 月 10 日至 4 月 30 日，春季保养工时费 8 折，免费 36 项检测。", hostile=True)),
    Case("hostile-model-title", "hostile", lambda r: edit(r, ASX, "name: 劲炫 ASX\n", f"name: 劲炫 ASX\ntitle: '劲炫{hostile(4)}'\n"),
         Shown(ASX_PAGE, f"劲炫{hostile(4)}", hostile=True)),
    Case("hostile-model-description", "hostile",
         lambda r: edit(r, ASX, "type: 紧凑型 SUV\n", f"type: 紧凑型 SUV\ndescription: '紧凑{hostile(5)}'\n"),
         Shown(ASX_PAGE, f"紧凑{hostile(5)}", hostile=True)),
    # javascript: URLs stop the build (one scheme allow-list).
    Case("author-url-javascript", "refused",
         lambda r: edit(r, AUTHORS, "    avatar: assets/authors/liuqiang.svg\n",
                        "    avatar: assets/authors/liuqiang.svg\n    url: javascript:alert(1)\n", "url: javascript"),
         Refused(AUTHORS)),
    Case("lead-template-javascript", "mkdocs-yml",
         lambda r: edit(r, "mkdocs.yml", "        quote: https://form.example.com/quote?model={model}&store={dealer}", "        quote: javascript:alert(1)//{model}",
                        "quote: javascript"),
         Refused("mkdocs.yml")),
    # Wrong values published: a key written twice is an error (fixed by the issue), coercions are a choice.
    Case("trim-price-twice", "refused", lambda r: edit(r, ASX, "    price: 99800\n", "    price: 99800\n    price: 1\n", "    price: 1\n"),
         Refused(ASX)),
    Case("dealer-phone-twice", "refused",
         lambda r: edit(r, "content/dealers.yml", "  phone: 0731-8888 0000\n", "  phone: 0731-8888 0000\n  phone: 110\n", "  phone: 110"),
         Refused("content/dealers.yml")),
    Case("hours-8:30", "hours", lambda r: edit(r, "content/dealers.yml", "  hours: 每天 8:30–18:00\n", "  hours: 8:30\n"),
         Either(Shown("dealers/index.html", "营业时间：8:30"), Refused("content/dealers.yml", ("8:30",)))),
    Case("spec-yes", "spec-yes", lambda r: edit(r, ASX, "  发动机: 2.0L 自然吸气\n", "  发动机: 2.0L 自然吸气\n  天窗: yes\n", "  天窗"),
         Either(Shown(ASX_PAGE, "yes", after="天窗"), Refused(ASX, ("yes",)))),
    Case("spec-0755", "spec-0755", lambda r: edit(r, ASX, "  发动机: 2.0L 自然吸气\n", "  发动机: 2.0L 自然吸气\n  区号: 0755\n", "  区号"),
         Either(Shown(ASX_PAGE, "0755", after="区号"), Refused(ASX, ("0755",)))),
    Case("spec-10.50", "spec-1050", lambda r: edit(r, ASX, "  综合油耗: 7.0L/100km\n", "  综合油耗: 10.50\n"),
         Either(Shown(ASX_PAGE, "10.50", after="综合油耗"), Refused(ASX, ("10.50",)))),
    Case("category-name-list", "refused", lambda r: edit(r, "faq/categories.yml", "  name: 购车\n", "  name: [购车, 买车]\n"),
         Refused("faq/categories.yml")),
    # Denial of service: refused, and the check finishes.
    Case("billion-laughs", "size", bomb, Refused("faq/maintenance/bomb.md")),
    Case("990-brackets", "size",
         lambda r: create(r, "faq/maintenance/deep.md", "---\nquestion: 层级很深吗？\ncategory: maintenance\ndate: 2025-03-18\ntags: " + "[" * 990 + "\n---\n\n答\n", "tags:"),
         Refused("faq/maintenance/deep.md")),
    # Rules not enforced.
    Case("model-file-with-space", "refused", lambda r: create(r, "content/models/Pajero Sport.md", model_page("帕杰罗劲畅")),
         Refused("content/models/Pajero Sport.md")),
    Case("model-file-upper-MD", "refused", lambda r: create(r, "content/models/galant.MD", model_page("戈蓝")),
         Refused("content/models/galant.MD")),
    Case("model-file-dot-markdown", "refused", lambda r: create(r, "content/models/lancer.markdown", model_page("蓝瑟")),
         Refused("content/models/lancer.markdown")),
    Case("model-file-in-subfolder", "refused", lambda r: create(r, "content/models/2026/pajero.md", model_page("帕杰罗")),
         Refused("content/models/2026/pajero.md")),
    Case("post-2099-in-content-blog", "content-blog-post",
         lambda r: create(r, "content/blog/posts/future.md",
                          f"---\ndate: 2099-01-01\nslug: future-2099\ncategories: [新闻]\nauthors: [wangxm]\n---\n\n# 未来\n\n{SECRET}\n") and (1, 2),
         NeverPublished(Refused("content/blog/posts/future.md"), SECRET)),
    Case("updated-2099", "refused", lambda r: edit(r, FAQ_ENTRY, "date: 2025-07-08\n", "date: 2025-07-08\nupdated: 2099-01-01\n", "updated:"),
         Refused(FAQ_ENTRY)),
    Case("date-time-with-zone", "date-time",
         lambda r: edit(r, POST, "date: 2026-04-02\n", "date: 2026-04-02T23:30:00-05:00\n"),
         Either(FeedInstant("blog/atom.xml", "spring-service-2026", (2026, 4, 3, 4, 30)), Refused(POST))),
    Case("faq-updated-date-time-with-zone", "faq-date-time",
         lambda r: edit(r, FAQ_ENTRY, "date: 2025-07-08\n", "date: 2025-07-08\nupdated: 2026-11-29T23:30:00-05:00\n", "updated:"),
         Either(FeedInstant("faq/atom.xml", "cvt-fluid-change", (2026, 11, 30, 4, 30)), Refused(FAQ_ENTRY))),
    Case("faq-dot-drafts", "dot-drafts",
         lambda r: create(r, "faq/.drafts/secret.md", f"---\nquestion: 内部底价是多少？\ncategory: purchase\ndate: 2025-03-18\n---\n\n{SECRET}\n"),
         NeverPublished(Refused("faq/.drafts/secret.md"), SECRET)),
    Case("symlink-outside-repo", "symlink", symlink_outside, NeverPublished(Refused("faq/maintenance/leak.md"), SECRET)),
    Case("avatar-parent-path", "refused", lambda r: edit(r, AUTHORS, "avatar: assets/authors/wangxm.svg", "avatar: ../mkdocs.yml"),
         Refused(AUTHORS)),
    # Check passes, build fails in English.
    Case("author-without-description", "no-description", no_description,
         Either(Shown(POST_PAGE, "刘强"), Refused(AUTHORS))),
    Case("quoted-post-date", "quoted-date", lambda r: edit(r, POST, "date: 2026-04-02\n", 'date: "2026-04-02"\n'),
         Either(Shown(POST_PAGE, POST_TITLE), Refused(POST))),
    Case("dealers-only-comment", "dealers-comment",
         lambda r: create(r, "content/dealers.yml", "# 门店信息整理中，稍后补充。\n"), Refused("content/dealers.yml")),
    Case("link-to-draft-faq", "draft-link",  # alone: a broken category would hide whether the draft exists
         lambda r: edit(r, "content/about.md", "- **地址**", "参见[旧车估价](faq/draft-example-trade-in-policy.md)。\n\n- **地址**", "参见"),
         Refused("content/about.md")),
    # Messages that help.
    Case("tab-indented-list-item", "refused",
         lambda r: create(r, "faq/maintenance/tab-item.md", "---\nquestion: Tab 缩进会怎样？\ncategory: maintenance\ndate: 2025-03-18\nmodels:\n\t- asx\n---\n\n答\n", "\t- asx"),
         Refused("faq/maintenance/tab-item.md", ("Tab",))),
    Case("missing-closing-dashes", "refused",
         lambda r: create(r, "faq/maintenance/no-close.md", "---\nquestion: 漏了结尾的横线？\ncategory: maintenance\ndate: 2025-03-18\n\n答\n"),
         Refused("faq/maintenance/no-close.md", ("---",)), once=True),
    Case("bad-avatar-reported-once", "avatar-cascade",
         lambda r: edit(r, AUTHORS, "avatar: assets/authors/liuqiang.svg", "avatar: /etc/passwd"),
         Refused(AUTHORS), once=True),
]


# --- running a group once -----------------------------------------------------------------------------------

def run(args: list[str], cwd: Path) -> dict[str, object]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"rc": None, "out": f"timed out after {TIMEOUT} s"}
    return {"rc": done.returncode, "out": done.stdout + done.stderr}


def build_group(group: str, root: Path) -> dict[str, object]:
    """Copy the sample, apply the group's mutations, run check and build; the outcome as plain data."""
    if root.exists():  # left by a worker that died half-way
        shutil.rmtree(root)
    copy_site(REPO, root)
    lines = {case.name: case.mutate(root) for case in CASES if case.group == group}
    check = run([sys.executable, "-m", "build_tools", "check", "--strict", "-f", str(root / "mkdocs.yml")], root)
    build = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")], root)
    return {"lines": lines, "check": check, "build": build, "site": str(root / "site")}


@pytest.fixture(scope="session")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict[str, object]]:
    """``outcome(group)``: the group's check and build, computed once per run (shared by xdist workers)."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "trust-mutations"
    shared.mkdir(exist_ok=True)

    def get(group: str) -> dict[str, object]:
        result = shared / f"{group}.json"
        with open(shared / f"{group}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not result.exists():
                result.write_text(json.dumps(build_group(group, shared / group / "src")), encoding="utf-8")
        return json.loads(result.read_text(encoding="utf-8"))

    return get


# --- assertions ---------------------------------------------------------------------------------------------

def message_lines(out: str, path: str, lines: tuple[int, ...]) -> list[str]:
    """Output lines naming ``path:<line>:`` for one of ``lines``, with Chinese after it (a prefix such as
    警告： or a log level may come first)."""
    at = re.compile(r"(?:^|[\s：])" + re.escape(path) + r":(" + "|".join(map(str, lines)) + r"):(.*)")
    return [text for text in out.splitlines() if (m := at.search(text)) and CJK.search(m.group(2))]


def refusal_problems(result: dict[str, object], expect: Refused, lines: tuple[int, ...], once: bool = False) -> list[str]:
    """Why ``result`` is not a refusal as the issue asks (empty: it is)."""
    problems = []
    for tool in ("check", "build"):
        run_ = result[tool]
        out = str(run_["out"])
        if run_["rc"] in (0, None):
            problems.append(f"{tool}: exit {run_['rc']}, expected a refusal")
        if "Traceback" in out:
            problems.append(f"{tool}: printed a traceback")
        found = message_lines(out, expect.path, lines)
        if not found:
            named = [t for t in out.splitlines() if expect.path in t][:3]
            problems.append(f"{tool}: no Chinese line '{expect.path}:{'|'.join(map(str, lines))}: …' (lines naming the file: {named or 'none'};"
                            f" tail: {out.strip().splitlines()[-3:] if out.strip() else 'nothing'})")
        elif expect.says and not any(all(s in m for s in expect.says) for m in found):
            problems.append(f"{tool}: {found[0]!r} does not say {expect.says}")
        if once and found:
            naming = [t for t in out.splitlines() if f"{expect.path}:" in t]
            if len(naming) != 1:
                problems.append(f"{tool}: {len(naming)} lines name {expect.path}, expected the root cause once: {naming}")
            if expect.path == AUTHORS:
                cascade = [t for t in out.splitlines() if "未知作者" in t or re.search(r"(?:^|[\s：])blog/posts/", t)]
                if cascade:
                    problems.append(f"{tool}: the cascade was reported: {cascade[:3]}")
    return problems


class _Text(html.parser.HTMLParser):
    """Text nodes (script and style left out) and attribute values, unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self.attributes: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if value is not None:
                self.attributes.append(value)
                if name in ("href", "src", "action", "formaction", "xlink:href"):
                    self.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.nodes.append(data.strip())


def parsed(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def shown_problems(result: dict[str, object], expect: Shown | FeedInstant) -> list[str]:
    """Why the built site does not show the value as written (empty: it does)."""
    build = result["build"]
    if build["rc"] != 0:
        return [f"build: exit {build['rc']}: {str(build['out']).strip().splitlines()[-3:]}"]
    if result["check"]["rc"] != 0:
        return [f"check: exit {result['check']['rc']} although the build passed: {str(result['check']['out']).strip().splitlines()[-3:]}"]
    site = Path(str(result["site"]))
    if isinstance(expect, FeedInstant):
        import feedparser

        feed = feedparser.parse((site / expect.feed).read_bytes())
        entries = [e for e in feed.entries if expect.link in e.get("link", "")]
        if not entries:
            return [f"{expect.feed}: no entry links to {expect.link}"]
        when = entries[0].get(f"{expect.field}_parsed")
        got = tuple(when[:5]) if when else None
        return [] if got == expect.utc else [f"{expect.feed}: entry's {expect.field} is {got} (UTC), written as {expect.utc}"]
    page = site / expect.page
    if not page.is_file():
        return [f"{expect.page} was not built"]
    text = parsed(page)
    problems = []
    if expect.after is not None:
        following = [text.nodes[i + 1] for i, node in enumerate(text.nodes[:-1]) if node == expect.after]
        if expect.text not in following:
            problems.append(f"{expect.page}: after {expect.after!r} shows {following}, written {expect.text!r}")
    elif not any(expect.text in value for value in text.nodes + text.attributes):
        problems.append(f"{expect.page}: {expect.text!r} is not shown as text")
    if expect.hostile:
        for file in sorted(site.rglob("*.html")):
            rel = file.relative_to(site).as_posix()
            if "<img src=x onerror" in file.read_text(encoding="utf-8"):
                problems.append(f"{rel}: contains '<img src=x onerror' unescaped")
            bad = [link for link in parsed(file).links if link.strip().lower().startswith("javascript:")]
            if bad:
                problems.append(f"{rel}: javascript: link {bad[0]!r}")
    return problems


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_mutation_is_shown_as_written_or_refused(case: Case, outcome: Callable[[str], dict[str, object]]) -> None:
    """One mutation of the sample: published exactly as written, or refused in Chinese at its file and line."""
    result = outcome(case.group)
    written = result["lines"][case.name]
    line = tuple(written) if isinstance(written, list) else (written,)
    expect = case.expect
    for tool in ("check", "build"):
        assert result[tool]["rc"] is not None, f"{tool} did not finish within {TIMEOUT} s"
        assert "Traceback" not in str(result[tool]["out"]), f"{tool} printed a traceback:\n{result[tool]['out'][-2000:]}"
    if isinstance(expect, Refused):
        problems = refusal_problems(result, expect, line, case.once)
    elif isinstance(expect, Shown):
        problems = shown_problems(result, expect)
    elif isinstance(expect, Either):
        refused = refusal_problems(result, expect.refused, line)
        shown = shown_problems(result, expect.shown)
        problems = [] if not refused or not shown else ["neither shown as written:", *shown, "nor refused:", *refused]
    else:
        refused = refusal_problems(result, expect.refused, line)
        leaks = [] if result["build"]["rc"] == 0 else ["the build failed without naming the file"]
        site = Path(str(result["site"]))
        if site.is_dir():
            leaks += [f"{p.relative_to(site).as_posix()} contains the secret" for p in sorted(site.rglob("*"))
                      if p.is_file() and SECRET.encode() in p.read_bytes()]
        if result["check"]["rc"] != 0 and result["build"]["rc"] == 0:
            leaks.append("check failed although the build passed")
        problems = [] if not refused or not leaks else ["published or failed:", *leaks, "and not refused:", *refused]
    assert not problems, f"{case.name} ({case.group}):\n  " + "\n  ".join(problems)
