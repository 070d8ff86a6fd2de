"""Which files authors can publish, and which paths may name an image.

Two rules shared by every loader:

- ``author_files``: the files below a content folder. Files and folders whose name
  starts with ``.`` are private (MkDocs' default ``exclude_docs`` never publishes them
  from ``content/``, so ``faq/`` and ``blog/`` follow the same rule); a symlink is
  followed only when its target lies inside one of the content folders, otherwise it
  is an error naming the link (it would publish a file from elsewhere on the machine).
- ``check_image``: an image is a file inside ``content/`` with an image extension,
  written as a path relative to ``content/``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Report
from .reuse import per_file

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif")
IMAGE_FIX = "把图片放进 content/ 文件夹，并写相对于 content/ 的路径，例如 assets/models/outlander.jpg"


@dataclass
class Broken:
    """Names that exist but failed validation (their own error is already reported).

    Later checks treat them as known, so one root cause is reported once: a post
    naming an author whose avatar is wrong does not also say 「未知作者」.
    """

    models: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)
    authors: set[str] = field(default_factory=set)
    # Whole files that could not be read ("categories", "authors"): every name they would
    # have defined counts as known, so their syntax error is the one message.
    files: set[str] = field(default_factory=set)


def is_private(rel_parts: Iterable[str]) -> bool:
    """A path (below a content folder) with a dot-named part is private: never published."""
    return any(part.startswith(".") for part in rel_parts)


def _inside(path: Path, folders: Iterable[Path]) -> bool:
    return any(path == f or f in path.parents for f in folders)


def author_files(folder: Path, allowed: Iterable[Path], rel: Callable[[Path], str], report: Report) -> list[Path]:
    """Every publishable file below ``folder``, sorted; dot-named files and folders are skipped.

    ``allowed`` are the content folders a symlink may point into; a link leading
    elsewhere, or to nothing, is reported and skipped. Links to folders inside are
    followed (MkDocs follows them too), each real folder once.
    """
    roots = [Path(os.path.realpath(f)) for f in allowed]
    found: list[Path] = []
    _walk(folder, roots, rel, report, found, set())
    return sorted(found)


def _walk(folder: Path, roots: list[Path], rel: Callable[[Path], str], report: Report, found: list[Path], seen: set[str]) -> None:
    real = os.path.realpath(folder)
    if real in seen or not folder.is_dir():
        return
    seen.add(real)
    for path, kind in per_file(folder, "listing", report, functools.partial(_listing, folder)):
        if kind == "link":
            target = Path(os.path.realpath(path))
            if not target.exists():
                report.error(rel(path), 1, "", "链接指向的文件不存在", "删除这个链接，或把文件本身放在这里")
                continue
            if not _inside(target, roots):
                report.error(rel(path), 1, "", f"链接指向内容文件夹以外的 {target.as_posix()}，不能发布", "删除这个链接；要发布的文件请直接放进 content/、faq/ 或 blog/")
                continue
            kind = "dir" if path.is_dir() else "file" if path.is_file() else ""
        if kind == "dir":
            _walk(path, roots, rel, report, found, seen)
        elif kind == "file":
            found.append(path)


def _listing(folder: Path, report: Report) -> list[tuple[Path, str]]:
    """A folder's entries, sorted, dot-named ones left out, each ``dir``, ``file`` or ``link`` (checked on every walk).

    The entry types come from the directory itself (no stat per file); in preview an
    unchanged folder (same mtime: nothing added, removed or renamed in it) is not read again.
    """
    entries = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue  # private: never published (see the module docstring)
        kind = "link" if entry.is_symlink() else "dir" if entry.is_dir() else "file" if entry.is_file() else ""
        if kind:
            entries.append((folder / entry.name, kind))
    return entries


def check_image(value: str, docs_dir: Path, label: str = "图片", fix: str = IMAGE_FIX) -> tuple[str, str] | None:
    """``(what, fix)`` when ``value`` is not an image file inside ``docs_dir``; ``None`` when it is."""
    text = value.strip()
    if "://" in text or text.startswith(("//", "data:", "javascript:")) or (":" in text.split("/")[0]):
        return f"{label}不能用外部网址或其他网站的图片：{text}", fix
    if text.startswith(("/", "\\")):
        return f"{label}路径不能以 / 开头：{text}", fix
    root = docs_dir.resolve()
    path = (docs_dir / text).resolve()
    if not _inside(path, [root]) or path == root:
        return f"{label}必须放在 content/ 文件夹里：{text}", fix
    if is_private(path.relative_to(root).parts):
        return f"{label}放在以 . 开头的文件夹里，不会发布：{text}", "把图片移到 content/assets/ 下"
    if not path.is_file():
        return f"找不到{label} content/{text}", fix
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return f"{label}不是图片文件：{text}", "只能用 " + "、".join(s[1:] for s in IMAGE_SUFFIXES) + " 格式的图片"
    return None
