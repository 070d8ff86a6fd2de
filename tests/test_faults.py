"""Faults of the machine become one Chinese line, and a failed build or import leaves nothing half-written.

Tests run as root (CI too), where permission bits stop nothing, so each fault is made
real: a command runs without root's capabilities to override permissions
(``setpriv``), so a folder's mode 0555 is obeyed, or inside a private mount
namespace (``unshare -rm``) where a tiny tmpfs is a full disk and a read-only bind
mount is a read-only checkout or folder. Tests needing a namespace skip, with the
reason, where the kernel or container does not allow one.
"""

from __future__ import annotations

import errno
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, copy_site, run, write

from build_tools.core.faults import describe, usable_cache_dir

PY = shlex.quote(sys.executable)
FULL = "磁盘空间已满，写入失败 — 清理磁盘空间（或换一个空间足够的文件夹）后重试"
READ_ONLY = "位于只读的文件系统上，无法写入 — 换一个可写的文件夹（例如 mkdocs build -d 另一个文件夹），或把项目放到可写的位置"
KEPT = "网站没有生成，原来的输出文件夹保持不变"
NO_CACHE = ".cache: 缓存文件夹不可写，本次不使用缓存（结果相同，只是慢一些）"


# Root (as the tests run, CI too) ignores permission bits through these capabilities; a
# command started without them is refused like any other user. Not root: nothing to drop.
NO_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--inh-caps=-all"] if os.geteuid() == 0 else []


def build(root: Path, *extra: str | Path, prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """``make site``'s command, ``python -m build_tools build --strict``, run in ``root``."""
    if prefix is None:
        prefix = []
    return run(*prefix, sys.executable, "-m", "build_tools", "build", "--strict", *extra, cwd=root)


def in_namespace(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``script`` (sh) in a private mount namespace: its mounts vanish with it, the host sees none."""
    return run("unshare", "-rm", "sh", "-uc", script, cwd=cwd)


@pytest.fixture(scope="module")
def namespaces(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Skip unless this machine lets us mount a tmpfs and a read-only bind mount in a namespace."""
    probe = tmp_path_factory.mktemp("probe")
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is not installed")
    result = in_namespace(f"mount -t tmpfs -o size=4k tmpfs {probe} && mount --bind {probe} {probe} && mount -o remount,bind,ro {probe}", probe)
    if result.returncode != 0:
        pytest.skip(f"no mount namespace here (unshare -rm): {result.stderr.strip()}")


@pytest.mark.parametrize(("exc", "line"), [
    (OSError(errno.ENOSPC, "No space left on device"), f"site: {FULL}"),  # a write to an open file names no file
    (OSError(errno.EROFS, "Read-only file system", "a/b.html"), f"a/b.html: {READ_ONLY}"),
    (OSError(errno.ENOSPC, "No space left", "/venv/material/x.js", None, "site/x.js"), f"site/x.js: {FULL}"),  # a copy: its destination
    (OSError(errno.EIO, "Input/output error", "x"), "x: 读写失败（Input/output error） — 检查磁盘和文件夹权限后重试"),
])
def test_each_fault_is_one_line_naming_the_path(exc: OSError, line: str) -> None:
    assert describe(exc, "site") == line


def test_a_cache_folder_is_usable_only_if_a_file_can_be_written_there(tmp_path: Path) -> None:
    assert usable_cache_dir(tmp_path / ".cache/jinja")
    write(tmp_path, "file", "x")
    assert not usable_cache_dir(tmp_path / "file/jinja")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site-"))


def test_output_folder_that_is_a_file_is_one_line(site_src: Path) -> None:
    write(site_src, "site", "不是文件夹")
    result = build(site_src)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "site: 这里是一个文件，网站要生成到同名的文件夹 — 删除或改名这个文件（或在 mkdocs.yml 中改 site_dir）后重试"
    assert (site_src / "site").read_text(encoding="utf-8") == "不是文件夹"
    assert "Traceback" not in result.stderr and not leftovers(site_src)


def test_output_folder_whose_parent_is_missing_is_one_line(site_src: Path) -> None:
    result = build(site_src, "-d", "missing/site")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "missing: 输出文件夹 site 的上级文件夹不存在 — 先创建这个文件夹，或在 mkdocs.yml 中改 site_dir"
    assert not (site_src / "missing").exists() and "Traceback" not in result.stderr


@pytest.mark.skipif(bool(NO_OVERRIDE) and shutil.which("setpriv") is None, reason="setpriv (util-linux) is not installed")
def test_output_folder_without_write_permission_is_one_line_and_the_old_site_stays(site_src: Path) -> None:
    write(site_src, "site/index.html", "旧网站")
    site_src.chmod(0o555)
    try:
        result = build(site_src, prefix=NO_OVERRIDE)
    finally:
        site_src.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == f"{site_src}: 没有写入权限 — 检查这个文件夹的权限，或换一个有权限的账号/文件夹后重试"
    assert (site_src / "site/index.html").read_text(encoding="utf-8") == "旧网站"
    assert "Traceback" not in result.stderr and not leftovers(site_src)


def test_disk_full_while_building_is_one_line_and_the_old_site_stays(site_src: Path, tmp_path: Path, namespaces: None) -> None:
    small = tmp_path / "small"
    small.mkdir()
    # A 256 KB disk holds the old site but not Material's assets of a new one.
    script = (f"mount -t tmpfs -o size=256k tmpfs {small} && mkdir {small}/site && echo 旧网站 > {small}/site/index.html && "
              f"{PY} -m build_tools build --strict -d {small}/site; echo rc=$?; ls -A {small}; cat {small}/site/index.html")
    result = in_namespace(script, site_src)
    assert "Traceback" not in result.stderr
    last = result.stderr.splitlines()[-1]
    assert re.fullmatch(rf"{re.escape(str(small))}/site/\S+: {FULL}（{KEPT}）", last), last
    assert result.stdout.splitlines() == ["rc=1", "site", "旧网站"]  # no half-written site, no staging folder left


def test_read_only_checkout_builds_without_caches(site_src: Path, tmp_path: Path, namespaces: None) -> None:
    out = tmp_path / "out"
    out.mkdir()
    script = (f"mount --bind {site_src} {site_src} && mount -o remount,bind,ro {site_src} && "
              f"{PY} -m build_tools build --strict -d {out}/site && {PY} -m build_tools check")
    result = in_namespace(script, site_src)
    assert result.returncode == 0, result.stderr
    assert f"INFO    -  build_tools: {NO_CACHE}" in result.stderr.splitlines()
    assert (out / "site/faq/down-payment/index.html").is_file() and not (site_src / ".cache").exists()
    assert "内容检查通过" in result.stdout


def test_read_only_search_index_folder(site_src: Path, namespaces: None) -> None:
    index = site_src / "site/assets/dealer/search-index"
    write(site_src, "site/assets/dealer/search-index/meta.json", "{}")
    ro = f"mount --bind {index} {index} && mount -o remount,bind,ro {index}"
    # mkdocs build --dirty writes over the old site: the index folder cannot be replaced.
    dirty = in_namespace(f"{ro} && {PY} -m mkdocs build --strict --dirty -d {site_src}/site", site_src)
    assert dirty.returncode == 1 and "Traceback" not in dirty.stderr
    assert f"ERROR   -  {index}/meta.json: {READ_ONLY}" in dirty.stderr.splitlines()
    # make site builds a new folder and swaps it in; only the old copy is left to delete by hand.
    result = in_namespace(f"{ro} && {PY} -m build_tools build --strict && ls -A {site_src}", site_src)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    warning = result.stderr.splitlines()[-1]
    assert re.fullmatch(rf"警告：\.site-old-\w+: {READ_ONLY}（网站已生成；这个旧的文件夹可以手动删除）", warning), warning
    assert (site_src / "site/faq/down-payment/index.html").is_file()


def test_disk_full_during_intake_writes_nothing(site_src: Path, tmp_path: Path, namespaces: None) -> None:
    inbox = site_src / "faq/inbox"
    inbox.mkdir()
    export = write(tmp_path, "exports/q.csv", "提交时间,问题内容\r\n2025-03-18 09:00,首付最低多少\r\n2025-03-19 10:00,变速箱有异响怎么办\r\n")
    # One 4 KB page: the first draft's temporary file fits, the second does not.
    script = f"mount -t tmpfs -o size=4k tmpfs {inbox} && {PY} -m build_tools intake {export}; echo rc=$?; ls -A {inbox}"
    result = in_namespace(script, site_src)
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == f"导入失败：{inbox}: {FULL}（本次没有写入任何文件）"
    assert result.stdout.splitlines() == ["rc=1"]  # no draft, no ledger, no temporary file


POLL = """
import sys, time, urllib.request
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode("utf-8")); break
    except OSError:
        time.sleep(0.3)
"""


def test_read_only_checkout_previews_without_caches(site_src: Path, tmp_path: Path, namespaces: None) -> None:
    from conftest import free_port

    poll = write(tmp_path, "poll.py", POLL)
    port = free_port()
    script = (f"mount --bind {site_src} {site_src} && mount -o remount,bind,ro {site_src} && "
              f"{{ {PY} -m mkdocs serve --dirty -a 127.0.0.1:{port} & }} && "
              f"{PY} {poll} http://127.0.0.1:{port}/faq/down-payment/; kill $!; wait")
    result = in_namespace(script, site_src)
    assert "贷款买车首付最低多少？" in result.stdout, result.stderr
    assert f"INFO    -  build_tools: {NO_CACHE}" in result.stderr.splitlines() and "Traceback" not in result.stderr
    assert not (site_src / ".cache").exists()


def test_a_failed_build_keeps_the_old_site_and_says_why_in_chinese(site_src: Path) -> None:
    write(site_src, "site/index.html", "旧网站")
    entry = site_src / "faq/buying/down-payment.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("category: buying", "category: buyin"), encoding="utf-8")
    result = build(site_src)
    lines = result.stderr.splitlines()
    assert result.returncode == 1 and "Traceback" not in result.stderr and "Aborted" not in result.stderr
    assert lines[-3].startswith("ERROR   -  faq/buying/down-payment.md:3: category: 未知分类 'buyin'")
    assert lines[-1] == f"site: {KEPT}（构建出错）— 按上面的提示修改后重试"
    entry.write_text(entry.read_text(encoding="utf-8").replace("category: buyin", "category: buying\ntgas: [x]"), encoding="utf-8")
    result = build(site_src)
    assert result.returncode == 1 and result.stderr.splitlines()[-1] == f"site: {KEPT}（严格模式（--strict）下警告也算错误）— 按上面的提示修改后重试"
    assert (site_src / "site/index.html").read_text(encoding="utf-8") == "旧网站" and not leftovers(site_src)


def test_a_missing_template_or_icon_is_a_content_mistake_not_a_disk_fault(tmp_path: Path) -> None:
    root = copy_site(REPO, tmp_path / "src")  # the sample's nav shows page icons
    write(root, "content/about.md", "---\nicon: nonexistent/zzz\n---\n\n# 关于\n")
    result = build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    # Found by the content check first, with its file and line; build.py's TemplateNotFound
    # branch stays as the net for a template named elsewhere (e.g. in mkdocs.yml).
    assert "content/about.md:2: icon: 主题里没有 'nonexistent/zzz'" in result.stderr
    assert "读写失败" not in result.stderr
