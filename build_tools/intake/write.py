"""Write what an intake run decided: new drafts, ``asked`` counts, the ledger — all or nothing.

Every file is first written in full to a hidden temporary file next to its target
(``.<name>.intake-tmp``, ignored by the loader because it starts with a dot). Only when
all of them are on disk is a journal written; then each temporary file is renamed over
its target with :func:`os.replace`, which is atomic. A run interrupted before the journal
leaves the content untouched (its temporary files are removed by the next run); a run
interrupted after it is completed by the next run (:func:`recover`). So no file is ever
half-written, and drafts, counts and ledger never disagree.

A new draft never replaces an existing file, and an existing entry is only changed on its
``asked:`` line, and only if it still holds exactly the bytes that were read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core.errors import Report
from ..core.frontmatter import parse_yaml

TMP_SUFFIX = ".intake-tmp"
LEDGER_HEADER = (
    "# 已导入的顾客问题记录指纹（make intake 自动维护，请勿手动修改；随草稿一起提交）。\n"
    "# Fingerprints of imported export rows: a row listed here is never imported again.\n"
    "# 每行：指纹<Tab>去向（新草稿/合并到 哪个文件）<Tab>隐藏个人信息后的问题原文——合并错了可以据此找回。\n"
)


class WriteError(Exception):
    """A planned change cannot be made safely; nothing has been changed."""


class Busy(Exception):
    """Another run holds the lock."""


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if needed) or raise :class:`Busy` at once.

    Two runs reading the same ledger and entries would each decide alone and write over
    each other's counts. The lock is the operating system's (``flock``), so it is released
    when its process ends, even by a crash: a leftover lock file blocks nothing. (On a
    system without ``fcntl``, such as Windows outside WSL, runs are not locked.)
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on the systems we build on
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise Busy(str(path)) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Change:
    """One file to write: ``expect`` is None for a new file, else the bytes it must still hold."""

    path: Path
    data: bytes
    expect: bytes | None = None


def _scalar(value: str) -> str:
    """A YAML scalar on one line, quoted only when YAML needs it."""
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_style=None)
    return text.removesuffix("\n...\n").rstrip("\n")


def render_draft(
    question: str,
    category: str | None,
    date: dt.date,
    models: Sequence[str],
    asked: int,
    categories: Iterable[str],
    category_hint: str = "",
    also_asked: Sequence[str] = (),
) -> str:
    """The Markdown of a new draft entry: front matter and an empty answer for staff to write.

    ``also_asked`` (the other phrasings merged into it) are listed in comments, so staff
    can check each merge and split one out if it asks something else.
    """
    if category:
        category_line = f"category: {category}  # 自动猜测（{category_hint}），请确认"
    else:
        category_line = f"category:  # 待填写：{'、'.join(categories)} 之一"
    lines = [
        "---",
        "# 顾客提问，由 make intake 导入。写好回答（下面 --- 之后）、确认分类，再删除 draft: true 即可发布。",
        f"question: {_scalar(question)}",
        category_line,
        f"date: {date.isoformat()}",
    ]
    if models:
        lines.append(f"models: [{', '.join(models)}]")
    lines += [f"asked: {asked}", "draft: true"]
    if also_asked:
        lines.append("# 也有顾客这样问（已合并，计入 asked；若问的是别的问题，请删掉这一行、asked 减 1，并另建问题）：")
        lines += [f"#   {text}" for text in dict.fromkeys(also_asked)]
    lines += ["---", ""]
    return "\n".join(lines)


_FRONT_START = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_ASKED = re.compile(r"^asked[ \t]*:(?P<space>[ \t]*)(?P<value>[^\s#]*)", re.M)


def _front_data(front: str) -> dict[str, object]:
    doc = parse_yaml(front.replace("\r\n", "\n"), "", Report())
    if doc is None or not isinstance(doc.data, (dict, type(None))):
        raise WriteError("文件开头的字段无法解析")
    return dict(doc.data or {})


def set_asked(text: str, asked: int) -> str:
    """``text`` with its front matter's ``asked:`` set to ``asked`` and nothing else changed.

    Only the value on the ``asked:`` line is rewritten (or one line ``asked: N`` is added
    before the closing ``---``); line endings, comments, key order and the answer stay as
    they were. The result is parsed again to prove that only ``asked`` changed.
    """
    start = _FRONT_START.match(text)
    end = _FRONT_END.search(text, start.end()) if start else None
    if not start or not end:
        raise WriteError("文件开头没有 --- 包围的字段")
    front = text[start.end() : end.start()]
    found = list(_ASKED.finditer(front))
    if len(found) > 1:
        raise WriteError("asked 写了不止一次")
    if found:
        match = found[0]
        value = str(asked)
        if not match.group("space"):
            value = " " + value
        rest = front[match.end("value") :]
        if rest[:1] == "#":
            value += " "
        new_front = front[: match.start("value")] + value + rest
    else:
        newline = "\r\n" if "\r\n" in text[: end.start()] else "\n"
        new_front = front + f"asked: {asked}{newline}"
    before, after = _front_data(front), _front_data(new_front)
    if after != {**before, "asked": asked} or list(after) != list({**before, "asked": asked}):
        raise WriteError("无法只修改 asked 这一行")
    return text[: start.end()] + new_front + text[end.start() :]


def bump_asked(data: bytes, asked: int) -> bytes:
    """The bytes of an entry file with ``asked`` set; raises :class:`WriteError` if that is not safe."""
    try:
        text = data.decode("utf-8")  # a BOM stays in the text as U+FEFF and is written back
    except UnicodeDecodeError as exc:
        raise WriteError("文件不是 UTF-8 编码") from exc
    return set_asked(text, asked).encode("utf-8")


def read_ledger(path: Path) -> dict[str, str]:
    """Rows already imported: fingerprint -> the rest of its line (an absent ledger is empty)."""
    if not path.is_file():
        return {}
    entries: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            mark, _, note = line.strip().partition("\t")
            entries[mark] = note
    return entries


def render_ledger(entries: dict[str, str]) -> str:
    """The ledger file: a header and one row a line — fingerprint, where it went, its masked
    question (tab-separated) — sorted by fingerprint so diffs stay small."""
    return LEDGER_HEADER + "".join(f"{mark}\t{entries[mark]}\n" if entries[mark] else f"{mark}\n" for mark in sorted(entries))


def _write_tmp(path: Path, data: bytes) -> Path:
    tmp = path.with_name(f".{path.name}{TMP_SUFFIX}")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        # A full disk fails the write after the file was created: leave no empty leftover.
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def recover(journal: Path, root: Path) -> None:
    """Finish a run that was interrupted while renaming, and remove leftovers of one interrupted earlier."""
    if journal.is_file():
        pairs = json.loads(journal.read_text(encoding="utf-8"))
        for tmp, target in pairs:  # relative to the journal's folder, so the repository can move
            if (journal.parent / tmp).exists():
                os.replace(journal.parent / tmp, journal.parent / target)
        journal.unlink()
    for leftover in root.rglob(f".*{TMP_SUFFIX}"):
        leftover.unlink()


def commit(changes: Sequence[Change], journal: Path) -> None:
    """Apply all ``changes`` or none of them (see the module docstring)."""
    for change in changes:
        if change.expect is None and change.path.exists():
            raise WriteError(f"{change.path} 已存在，不会覆盖")
        if change.expect is not None and (not change.path.is_file() or change.path.read_bytes() != change.expect):
            raise WriteError(f"{change.path} 在导入期间被修改过，请重新运行")
    pending: list[tuple[Path, Path]] = []
    try:
        for change in changes:
            change.path.parent.mkdir(parents=True, exist_ok=True)
            pending.append((_write_tmp(change.path, change.data), change.path))
    except BaseException:
        for tmp, _ in pending:
            tmp.unlink(missing_ok=True)
        raise
    try:
        journal.parent.mkdir(parents=True, exist_ok=True)
        pairs = [[os.path.relpath(t, journal.parent), os.path.relpath(p, journal.parent)] for t, p in pending]
        tmp_journal = _write_tmp(journal, json.dumps(pairs, ensure_ascii=False).encode())
        os.replace(tmp_journal, journal)
    except BaseException:
        # No journal, no change: the run did nothing.
        for tmp, _ in pending:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in pending:
        os.replace(tmp, target)
    journal.unlink()
