"""Per-file reuse between preview rebuilds: a file whose stat (mtime, size, ctime, inode) did not change is not read again.

The build object (:class:`~build_tools.site.build.SiteBuild`) owns one :class:`FileMemo`
per build and makes it current while it loads and checks the content; a preview
rebuild (``mkdocs serve``) starts from the previous build's memo. The loaders ask
:func:`per_file` for the part of their work that depends on one file alone (parsing,
field checks, the links it holds), with the problems it reported; every check across
files (duplicates, references, links to pages) still runs on every build, on those
results. Without a current memo (``make check``, the intake, tests) the work is just done.

Kept by the build, never in a module: it lives as long as the preview, and a file no
build read any more (deleted, renamed) is forgotten by the next one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

from .errors import Problem, Report

T = TypeVar("T")

# (path, the caller's key) -> ((mtime_ns, size, ctime_ns, inode), result, the problems it reported)
_Entries = dict[tuple[str, Hashable], tuple[tuple[int, int, int, int], Any, tuple[Problem, ...]]]

_CURRENT: ContextVar[FileMemo | None] = ContextVar("dealer_file_memo", default=None)


class FileMemo:
    """What one build computed per file; the next build's memo starts from what this one used."""

    def __init__(self, previous: FileMemo | None = None) -> None:
        self.previous: _Entries = previous.used if previous is not None else {}
        self.used: _Entries = {}
        self.hits = 0
        self.misses = 0

    @contextlib.contextmanager
    def current(self) -> Iterator[FileMemo]:
        """Make this memo the one :func:`per_file` uses (in this thread) for the ``with`` block."""
        token = _CURRENT.set(self)
        try:
            yield self
        finally:
            _CURRENT.reset(token)


def per_file(path: os.PathLike[str] | str, key: Hashable, report: Report, compute: Callable[[Report], T]) -> T:
    """``compute(report)`` — the work of one file that depends on nothing but that file (and ``key``).

    With a current memo, the result and the problems it reported are reused as long as
    the file's stat (modification and change time, size, inode) is that of the previous computation.
    ``compute`` must not keep ``report``, nor read anything but the file: the stat is
    taken before it runs, so a file edited while it runs is read again next time.
    """
    memo = _CURRENT.get()
    if memo is None:
        return compute(report)
    name = os.fspath(path)
    try:
        stat = os.stat(name)
    except OSError:
        return compute(report)  # it reports why the file cannot be read
    # ctime and inode too: a copy that keeps the old mtime (cp -p, rsync -t, unzip) or a same-length edit
    # within a coarse file system's timestamp step still changes them (utime cannot set ctime back).
    stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns, stat.st_ino)
    slot = (name, key)
    found = memo.used.get(slot) or memo.previous.get(slot)
    if found is None or found[0] != stamp:
        memo.misses += 1
        own = Report()
        found = (stamp, compute(own), tuple(own.problems))
    else:
        memo.hits += 1
    memo.used[slot] = found
    report.problems.extend(found[2])
    return found[1]
