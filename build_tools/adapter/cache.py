"""On-disk cache of generated pages, so a preview rebuild renders only what changed.

``mkdocs serve --dirty`` (``make serve``) skips a page whose source file is older than
its output. Generated pages have no source file of their own, so each is written to
``.cache/pages/`` under the hash of everything that decides its HTML — its Markdown,
front matter and template context. An unchanged page keeps its file (and old mtime)
and is skipped; a changed one gets a new file and is rebuilt. ``make site`` does not
use the cache at all, so its output cannot depend on it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any

from ..core.pages import GeneratedPage

# Bump when templates or page generation change in a way the hash cannot see.
CACHE_VERSION = "1"


def fingerprint(spec: GeneratedPage, reprs: dict[int, tuple[Any, str]] | None = None) -> str:
    """A hash of everything the page's HTML depends on (its records' reprs are deterministic).

    ``reprs`` remembers the repr of each record (by identity) across the pages of one
    build: an entry shows up on its own page and on several others as a related question.
    """
    digest = hashlib.sha256(CACHE_VERSION.encode())
    digest.update(spec.source().encode("utf-8"))
    digest.update(repr(sorted(spec.meta().items())).encode("utf-8"))
    digest.update(_stable(spec.context(), {} if reprs is None else reprs).encode("utf-8"))
    return digest.hexdigest()


def _stable(value: Any, reprs: dict[int, tuple[Any, str]]) -> str:
    """``repr(value)`` with dict items sorted, a record's repr computed once."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_stable(v, reprs)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_stable(v, reprs) for v in value) + "]"
    if is_dataclass(value):
        known = reprs.get(id(value))
        if known is None:
            # The record is kept with its repr, so its id cannot be reused by another object.
            known = reprs[id(value)] = (value, repr(value))
        return known[1]
    return repr(value)


class PageCache:
    """Files backing generated pages in preview; unused files are pruned after each build.

    Kept for the whole preview session: a page whose spec is the very object of the
    previous build (see :func:`build_tools.faq.pages.generate_faq`) keeps its file unhashed.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # By page URI: the spec and file of the previous build, and of this one.
        self.previous: dict[str, tuple[GeneratedPage, Path]] = {}
        self.current: dict[str, tuple[GeneratedPage, Path]] = {}
        self.reprs: dict[int, tuple[Any, str]] = {}

    def path_for(self, spec: GeneratedPage) -> Path:
        last = self.previous.get(spec.uri)
        if last is not None and last[0] is spec and last[1].exists():
            path = last[1]
        else:
            key = fingerprint(spec, self.reprs)
            path = self.folder / key[:2] / f"{key}.md"
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                # Write then rename: an interrupted build never leaves half a page behind.
                fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(spec.source())
                os.replace(tmp, path)
        self.current[spec.uri] = (spec, path)
        return path

    def prune(self) -> int:
        """End a build: delete the files no page of it used; returns how many.

        The first build of a session looks at every file (left by earlier sessions);
        later ones only at the files of the previous build.
        """
        used = {path for _, path in self.current.values()}
        candidates = {path for _, path in self.previous.values()} if self.previous else self.folder.glob("*/*.md")
        removed = 0
        for path in candidates:
            if path not in used:
                path.unlink(missing_ok=True)
                removed += 1
        self.previous, self.current, self.reprs = self.current, {}, {}
        return removed
