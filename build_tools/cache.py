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
from pathlib import Path

from .pages import PageSpec

# Bump when templates or page generation change in a way the hash cannot see.
CACHE_VERSION = "1"


def fingerprint(spec: PageSpec) -> str:
    """A hash of everything the page's HTML depends on (its records' reprs are deterministic)."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    digest.update(spec.source().encode("utf-8"))
    digest.update(repr(sorted(spec.meta().items())).encode("utf-8"))
    digest.update(repr(sorted(spec.context.items())).encode("utf-8"))
    return digest.hexdigest()


class PageCache:
    """Files backing generated pages in preview; unused files are pruned after each build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[Path] = set()

    def path_for(self, spec: PageSpec) -> Path:
        key = fingerprint(spec)
        path = self.folder / key[:2] / f"{key}.md"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename: an interrupted build never leaves half a page behind.
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(spec.source())
            os.replace(tmp, path)
        self.used.add(path)
        return path

    def prune(self) -> int:
        """Delete the files no page of the last build used; returns how many."""
        removed = 0
        for path in self.folder.glob("*/*.md"):
            if path not in self.used:
                path.unlink()
                removed += 1
        self.used = set()
        return removed
