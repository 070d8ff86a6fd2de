"""Where a build's time goes, by stage, in wall-clock seconds.

Wraps MkDocs' build steps, every plugin's event hooks and our stage functions with
timers (no profiler, so the figures are real time), runs one ``mkdocs build`` of the
site in ``ROOT`` and prints the time of each, nested as they run. Use a site that
``benchmarks/build.py --keep DIR`` generated::

    .venv/bin/python benchmarks/build.py --keep /tmp/bench --no-serve
    .venv/bin/python benchmarks/profile.py /tmp/bench/ours
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TOTALS: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)


def timed(owner: Any, name: str, label: str) -> None:
    """Replace ``owner.name`` with a wrapper adding its wall time to ``TOTALS[label]``."""
    function = getattr(owner, name)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TOTALS[label] += time.perf_counter() - start
            CALLS[label] += 1

    setattr(owner, name, wrapper)


# (label, depth) in the order printed; a line's time includes the lines below it that are deeper.
LAYOUT = [
    ("build", 0),
    ("load config", 1),
    ("list files and theme files", 1),
    ("on_files: ours", 1),
    ("load and validate content", 2),
    ("generate FAQ pages", 2),
    ("generate catalog pages", 2),
    ("on_files: Material blog", 1),
    ("navigation", 1),
    ("read pages (Markdown and page hooks)", 1),
    ("on_page_markdown/content: ours", 2),
    ("on_page_markdown/content: Material blog", 2),
    ("static templates (404, sitemap index)", 1),
    ("render pages (templates)", 1),
    ("on_page_context: ours", 2),
    ("on_page_context: Material blog", 2),
    ("on_post_build: ours", 1),
    ("feeds", 2),
    # The index is built in a forked process during rendering; this is what is left of it.
    ("waiting for the search index", 2),
]


def instrument() -> None:
    import material.plugins.blog.plugin as blog
    import mkdocs.commands.build as build
    import mkdocs.structure.files as files

    import build_tools.adapter.plugin as ours
    import build_tools.site.build as site

    timed(build, "_populate_page", "read pages (Markdown and page hooks)")
    timed(build, "_build_page", "render pages (templates)")
    timed(build, "_build_theme_template", "static templates (404, sitemap index)")
    timed(build, "get_files", "list files and theme files")
    timed(files.Files, "add_files_from_theme", "list files and theme files")
    timed(build, "get_navigation", "navigation")
    for plugin, who in ((ours.DealerPlugin, "ours"), (blog.BlogPlugin, "Material blog")):
        timed(plugin, "on_files", f"on_files: {who}")
        timed(plugin, "on_page_markdown", f"on_page_markdown/content: {who}")
        timed(plugin, "on_page_content", f"on_page_markdown/content: {who}")
        timed(plugin, "on_page_context", f"on_page_context: {who}")
    timed(ours.DealerPlugin, "on_post_build", "on_post_build: ours")
    timed(site, "load_content", "load and validate content")
    timed(site, "generate_faq", "generate FAQ pages")
    timed(site, "generate_catalog", "generate catalog pages")
    timed(site.Job, "wait", "waiting for the search index")
    timed(site, "write_feeds", "feeds")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="folder holding the site's mkdocs.yml")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    sys.path.insert(0, str(REPO))
    os.chdir(args.root)
    instrument()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    start = time.perf_counter()
    config = load_config(str(args.root / "mkdocs.yml"), site_dir=str(args.root / "site-profile"))
    TOTALS["load config"] = time.perf_counter() - start
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    TOTALS["build"] = time.perf_counter() - start

    total = TOTALS["build"]
    print(f"{'stage':50} {'seconds':>8} {'share':>6} {'calls':>6}")
    for label, depth in LAYOUT:
        seconds = TOTALS.get(label, 0.0)
        print(f"{'  ' * depth + label:50} {seconds:8.2f} {seconds / total:6.0%} {CALLS.get(label, 1):6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
