"""Incremental preview (``mkdocs serve --dirty``): after each edit the rebuilt site is the one a fresh preview makes.

A preview session runs in its own process (MkDocs keeps plugins with ``on_startup``
for the life of a process, as ``serve`` does between rebuilds): a first build, then
one ``--dirty`` rebuild per step of edits, each with the reuse of core/reuse.py,
faq/pages.py's FaqMemo and the page cache. After each step the pages we generate, the
feeds, the search index and the sitemap must be byte for byte what a fresh preview
of the same files makes, and the change must show. (Authored pages whose own file is
unchanged are MkDocs' --dirty business: it does not render them again.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import FIXTURE_SITE, REPO, copy_site

# One preview session: build, then for each step apply its edits ({path: text, or None to delete}) and rebuild;
# site/ after build n is copied to OUT/n, the sources it was made from to OUT/src-n.
DRIVER = r"""
import json, logging, os, shutil, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

root, out, steps = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
site, url = root / "served", "http://127.0.0.1:8000/"
logging.getLogger("mkdocs").setLevel(logging.CRITICAL)

def config():
    c = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    c.site_url = url
    return c

def run(c, n):
    build(c, serve_url=url, dirty=True)
    for plugin in c.plugins.values():  # the index and feeds are written after the pages, in the background
        getattr(plugin, "_wait_for_background", lambda: None)()
    shutil.copytree(site, out / str(n))
    shutil.copytree(root, out / f"src-{n}", ignore=shutil.ignore_patterns("served", ".cache"))

first = config()
first.plugins.on_startup(command="serve", dirty=True)
run(first, 0)
for n, step in enumerate(steps, 1):
    time.sleep(0.05)  # edits are newer than the pages written before
    for rel, text in step.items():
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    run(config(), n)
first.plugins.on_shutdown()
"""

# What a preview rebuild must get exactly right: our pages, feeds, the search index, the sitemap.
OURS = ("faq/", "models/", "index.html", "assets/dealer/search-index/", "sitemap.xml")


def _start(root: Path, out: Path, steps: list[dict[str, str | None]]) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([sys.executable, "-c", DRIVER, str(root), str(out), json.dumps(steps)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(process: subprocess.Popen[str]) -> None:
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 0, output


def session(root: Path, steps: list[dict[str, str | None]]) -> list[Path]:
    """Run a preview session of ``root`` through ``steps``; the site after each build (0: the first)."""
    out = root.parent / f"{root.name}-out"
    _finish(_start(root, out, steps))
    return [out / str(n) for n in range(len(steps) + 1)]


def fresh(sources: list[Path]) -> list[Path]:
    """A first preview build of each of ``sources`` (no earlier build to reuse), two at a time."""
    sites = []
    for group in (sources[i : i + 2] for i in range(0, len(sources), 2)):
        running = []
        for src in group:
            root = src.parent / f"fresh-{src.name}"
            shutil.copytree(src, root)
            running.append(_start(root, root.parent / f"{root.name}-out", []))
            sites.append(root.parent / f"{root.name}-out" / "0")
        for process in running:
            _finish(process)
    return sites


def differences(incremental: Path, scratch: Path, ours: Callable[[str], bool]) -> list[str]:
    """Files of ours that differ (or exist on one side only) between two builds."""
    def files(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}

    names = files(incremental) | files(scratch)
    return sorted(
        name for name in names if ours(name) and not name.endswith(".gz")
        and (not (incremental / name).is_file() or not (scratch / name).is_file()
             or (incremental / name).read_bytes() != (scratch / name).read_bytes())
    )


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def assert_same_as_fresh(sites: list[Path], ours: Callable[[str], bool] = lambda name: name.startswith(OURS)) -> None:
    sources = [site.parent / f"src-{site.name}" for site in sites]
    for site, scratch in zip(sites, fresh(sources)):
        assert differences(site, scratch, ours) == [], f"after step {site.name}"


ENTRY = "---\nquestion: {question}\ncategory: {category}\ndate: 2025-01-10\n{extra}---\n\n{answer}\n"


def test_each_faq_edit_rebuilds_exactly_what_a_fresh_preview_shows(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    first = (root / "faq/maintenance/first-service.md").read_text(encoding="utf-8")
    categories = (root / "faq/categories.yml").read_text(encoding="utf-8")
    alpha = (root / "content/models/alpha.md").read_text(encoding="utf-8")
    steps: list[dict[str, str | None]] = [
        # 1. an answer
        {"faq/maintenance/oil-grade.md": "---\nquestion: 用什么机油？\ncategory: maintenance\ndate: 2024-11-02\n---\n\n请使用 5W-30 机油。\n"},
        # 2. a question (shown as a related question on service-cost, which shares its tag)
        {"faq/maintenance/first-service.md": first.replace("新车首保是多少公里？", "新车首次保养在多少公里？")},
        # 3. a category
        {"faq/buying/down-payment.md": "---\nquestion: 贷款买车首付最低多少？\ncategory: maintenance\ndate: 2025-02-01\nmodels: [alpha]\nasked: 300\n---\n\n首付最低 20%。\n"},
        # 4. a category's name in categories.yml
        {"faq/categories.yml": categories.replace("name: 保养", "name: 维修保养")},
        # 5. an entry deleted, one added
        {"faq/maintenance/service-cost.md": None,
         "faq/maintenance/tyre-change.md": ENTRY.format(question="轮胎多久换一次？", category="maintenance", extra="tags: [首保]\nasked: 40\n", answer="一般 4 到 6 年。")},
        # 6. a model page: its name shows on the questions about it
        {"content/models/alpha.md": alpha.replace("name: 阿尔法", "name: 阿尔法二代")},
    ]
    sites = session(root, steps)

    assert "请使用 5W-30 机油。" in html(sites[1], "faq/oil-grade") and "0W-20" not in html(sites[1], "faq/oil-grade")
    assert "5W-30" in (sites[1] / "faq/rss.xml").read_text(encoding="utf-8")
    assert "新车首次保养在多少公里？" in html(sites[2], "faq/service-cost")  # related question on another entry
    assert "新车首次保养在多少公里？" in html(sites[2], "faq/category/maintenance")
    assert "贷款买车首付最低多少？" in html(sites[3], "faq/category/maintenance")
    assert "贷款买车首付最低多少？" not in html(sites[3], "faq/category/buying")
    assert "维修保养" in html(sites[4], "faq/oil-grade") and "维修保养" in html(sites[4], "faq")
    assert not (sites[5] / "faq/service-cost/index.html").exists()
    assert "小保养多少钱？" not in html(sites[5], "faq/category/maintenance")
    assert "轮胎多久换一次？" in html(sites[5], "faq/category/maintenance") and "轮胎多久换一次？" in html(sites[5], "faq/first-service")
    assert "阿尔法二代" in html(sites[6], "faq/first-service")
    assert_same_as_fresh(sites[1:])


def test_an_edit_breaking_a_reference_in_another_file_is_reported_and_fixing_it_recovers(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    oil = "---\nquestion: 用什么机油？\ncategory: maintenance\ndate: 2024-11-02\n---\n\n请使用 0W-20 全合成机油，首付见[首付](down-payment.md)。\n"
    down_payment = (root / "faq/buying/down-payment.md").read_text(encoding="utf-8")
    alpha = (root / "content/models/alpha.md").read_text(encoding="utf-8")
    steps: list[dict[str, str | None]] = [
        {"faq/maintenance/oil-grade.md": oil},
        # the entry oil-grade links to goes: the unchanged oil-grade.md now has a broken link
        {"faq/buying/down-payment.md": None},
        {"faq/buying/down-payment.md": down_payment},
        # a model two unchanged entries name goes
        {"content/models/alpha.md": None},
        {"content/models/alpha.md": alpha},
    ]
    sites = session(root, steps)

    assert "首付" in html(sites[1], "faq/oil-grade")
    broken_link = html(sites[2], "")
    assert "faq/maintenance/oil-grade.md:7: 链接 down-payment.md 指向的页面或文件不存在" in broken_link
    assert "首付最低 20%。" in html(sites[3], "faq/down-payment")
    assert "内容检查发现" not in html(sites[3], "")
    unknown_model = html(sites[4], "")
    assert "faq/maintenance/first-service.md:" in unknown_model and "faq/buying/down-payment.md:" in unknown_model
    assert "alpha" in unknown_model
    recovered = html(sites[5], "faq/first-service")
    assert "首次保养建议" in recovered and "阿尔法" in recovered
    assert "内容检查发现" not in html(sites[5], "")
    assert_same_as_fresh([sites[3], sites[5]])


def test_post_and_vocabulary_edits_in_the_sample_site(tmp_path: Path) -> None:
    root = copy_site(REPO, tmp_path / "repo")
    for extra in ("docs", "scripts", "benchmarks", "tools", "build_tools"):
        shutil.rmtree(root / extra, ignore_errors=True)
    post = root / "blog/posts/outlander-family-trip.md"
    text = post.read_text(encoding="utf-8")
    vocabulary = (root / "faq/vocabulary.yml").read_text(encoding="utf-8")
    promotion = (root / "content/promotions/outlander-finance.md").read_text(encoding="utf-8")
    steps: list[dict[str, str | None]] = [
        {"blog/posts/outlander-family-trip.md": text + "\n增量预览的新段落。\n"},
        # a synonym group: what the search index makes of every page
        {"faq/vocabulary.yml": vocabulary.replace("  - [试驾, 试车]\n", "  - [试驾, 试车]\n  - [家庭, 全家]\n")},
        # a promotion: the model page it names shows it (the promotions domain adds it to a page of the catalog's)
        {"content/promotions/outlander-finance.md": promotion.replace("title: 欧蓝德 0 息购车", "title: 欧蓝德增量预览礼")
         .replace("start: 2026-12-01", "start: 2026-01-01").replace("end: 2027-06-30 18:00", "end: 2099-12-31")},
    ]
    sites = session(root, steps)
    assert "欧蓝德增量预览礼" in html(sites[3], "models/outlander") and "欧蓝德增量预览礼" not in html(sites[2], "models/outlander")
    assert "欧蓝德增量预览礼" not in html(sites[3], "models/asx")
    assert [p for p in (sites[1] / "blog").rglob("index.html") if "增量预览的新段落。" in p.read_text(encoding="utf-8")]
    assert "增量预览的新段落。" in (sites[1] / "blog/rss.xml").read_text(encoding="utf-8")
    meta = (sites[2] / "assets/dealer/search-index/meta.json").read_text(encoding="utf-8")
    assert "全家" in meta and "全家" not in (sites[1] / "assets/dealer/search-index/meta.json").read_text(encoding="utf-8")
    # Pages re-rendered by a --dirty build name pages it did not read (the blog's index) "None" in their
    # navigation, in MkDocs + Material alone too: here the feeds, the index and the sitemap are compared.
    assert_same_as_fresh(sites[1:], lambda name: name.endswith((".xml", ".json")) and not name.startswith("assets/javascripts"))


def test_per_file_reuses_a_result_and_its_problems_while_the_file_is_unchanged(tmp_path: Path) -> None:
    from build_tools.core.errors import Report
    from build_tools.core.reuse import FileMemo, per_file

    path = tmp_path / "a.md"
    path.write_text("一", encoding="utf-8")
    calls: list[str] = []

    def read(report: Report) -> str:
        text = path.read_text(encoding="utf-8")
        calls.append(text)
        report.warning("a.md", 1, "", f"读到 {text}", "—")
        return text

    first = FileMemo()
    with first.current():
        assert per_file(path, "k", Report(), read) == "一"
    again, report = FileMemo(first), Report()
    with again.current():
        assert per_file(path, "k", report, read) == "一"
    assert calls == ["一"] and [p.what for p in report.problems] == ["读到 一"]  # reused, with its problem
    stat = path.stat()
    path.write_text("二二", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time, another size: read again
    third = FileMemo(again)
    with third.current():
        assert per_file(path, "k", Report(), read) == "二二"
    assert per_file(path, "k", Report(), read) == "二二" and len(calls) == 3  # without a memo: always read
    # The same size and modification time (cp -p, rsync -t, a one-character fix on a coarse file system):
    # the change time still differs, so the file is read again.
    stat = path.stat()
    path.write_text("三三", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_mtime_ns == stat.st_mtime_ns and path.stat().st_size == stat.st_size
    with FileMemo(third).current():  # (third read 二二: same size, same modification time)
        assert per_file(path, "k", Report(), read) == "三三"
    # A memo forgets what its build did not read: a deleted file's result does not outlive the next build.
    assert FileMemo(FileMemo(again)).previous == {}
