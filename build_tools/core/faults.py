"""Faults of the machine, not of the content, as one Chinese sentence each.

A full disk, a folder without write permission, a read-only checkout or a file where
the output folder should be are not the author's mistakes, but the author is the one
who reads the message: each becomes ``path: what happened — what to do`` (the same
shape as a content problem, without a line), never a traceback.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# errno → (what happened, what to do). The path comes first on the line.
_KNOWN: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘空间已满，写入失败", "清理磁盘空间（或换一个空间足够的文件夹）后重试"),
    errno.EDQUOT: ("超出磁盘配额，写入失败", "清理磁盘空间或请管理员提高配额后重试"),
    errno.EACCES: ("没有写入权限", "检查这个文件夹的权限，或换一个有权限的账号/文件夹后重试"),
    errno.EPERM: ("没有写入权限", "检查这个文件夹的权限，或换一个有权限的账号/文件夹后重试"),
    errno.EROFS: ("位于只读的文件系统上，无法写入", "换一个可写的文件夹（例如 mkdocs build -d 另一个文件夹），或把项目放到可写的位置"),
    errno.ENOTDIR: ("路径中有一个同名的文件，不是文件夹", "删除或改名这个文件后重试"),
    errno.EISDIR: ("这里是一个文件夹，但需要写入文件", "删除或改名这个文件夹后重试"),
    errno.ENOENT: ("文件夹不存在", "先创建这个文件夹，或检查 mkdocs.yml 中的路径"),
}


def describe(exc: OSError, path: str | os.PathLike[str] | None = None, *, at: str | os.PathLike[str] | None = None) -> str:
    """One line for ``exc``: ``at``, else the file it names, else ``path``; what happened and what to do.

    A write to an open file that fails (a full disk) names no file, hence ``path``; ``at``
    is for a name the author can use better than the one in the exception (a random temporary name).
    """
    # A failed copy or rename names source and destination; writing the destination failed.
    named = exc.filename2 if exc.filename2 is not None else exc.filename
    where = at if at is not None else named if named is not None else path
    what, fix = _KNOWN.get(exc.errno or 0, (f"读写失败（{exc.strerror or exc}）", "检查磁盘和文件夹权限后重试"))
    return f"{os.fspath(where) if where is not None else '（未知路径）'}: {what} — {fix}"


def usable_cache_dir(folder: Path) -> bool:
    """Whether ``folder`` can be created and written to (a read-only checkout means: no cache).

    Tried for real with a probe file: permission bits say nothing when running as root,
    and a read-only file system only shows when writing.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-"):
            pass
    except OSError:
        return False
    return True


def replace_cache_file(path: Path, data: bytes, family: str) -> bool:
    """Write a cache file whole (write, then rename) and delete the other files of its ``family`` (a glob).

    A cache is optional: a full or read-only disk (also one that became so after
    :func:`usable_cache_dir` said yes) only means computing again next time, so a failed
    write is reported by the return value (False), never raised.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(family):
            if stale != path:
                stale.unlink()
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        return False
    return True


def keyed_cache_file(folder: Path, family: str, versions: list[Any], sources: Iterable[str]) -> Path:
    """``folder/<family>-<key>.pickle``, the key a hash of ``versions`` (JSON) and of the ``sources``' bytes:
    any change of a library or of the code that makes the cached values names another file."""
    digest = hashlib.sha256(json.dumps(versions).encode())
    for source in sources:
        digest.update(Path(source).read_bytes())
    return folder / f"{family}-{digest.hexdigest()[:16]}.pickle"


def read_pickle_cache(path: Path) -> Any:
    """What :func:`replace_cache_file` wrote there from ``pickle.dumps``; None when it is missing or damaged (compute again)."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError):
        return None
