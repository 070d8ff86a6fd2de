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
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TOTALS: dict[str, float] = defaultdict(float)
CPU: dict[str, float] = defaultdict(float)  # this process's CPU time (the forked search index excluded)
CALLS: dict[str, int] = defaultdict(int)


def timed(owner: Any, name: str, label: str) -> None:
    """Replace ``owner.name`` with a wrapper adding its wall time to ``TOTALS[label]``."""
    function = getattr(owner, name)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            TOTALS[label] += time.perf_counter() - start
            CPU[label] += time.process_time() - cpu
            CALLS[label] += 1

    setattr(owner, name, wrapper)


# (label, depth) in the order printed; a line's time includes the lines below it that are deeper.
LAYOUT = [
    ("build", 0),
    ("load config", 1),
    ("on_config: ours", 1),
    ("load and validate content", 2),
    ("clean site directory", 1),
    ("list files and theme files", 1),
    ("on_files: ours", 1),
    ("generate FAQ pages", 2),
    ("generate catalog pages", 2),
    ("check site (nav, links)", 2),
    ("on_files: Material blog", 1),
    ("navigation", 1),
    ("read pages (Markdown and page hooks)", 1),
    ("on_page_markdown/content: ours", 2),
    ("search records (html_to_text)", 3),
    ("on_page_markdown/content: Material blog", 2),
    ("on_env: ours (fork the search index, sitemap)", 1),
    ("copy static files", 1),
    ("static templates (404, sitemap index)", 1),
    ("render pages (templates)", 1),
    ("on_page_context: ours", 2),
    ("on_page_context: Material blog", 2),
    ("anchor link check", 1),
    ("on_post_build: ours", 1),
    ("feeds", 2),
    # The index is built in a forked process during rendering; this is what is left of it.
    ("waiting for the search index", 2),
    ("search index, in its forked process", 1),
]
# The forked search index reports its own times through this file.
CHILD_TIMES = Path(tempfile.gettempdir()) / f"dealer-profile-{os.getpid()}.txt"


def instrument() -> None:
    import material.plugins.blog.plugin as blog
    import mkdocs.commands.build as build
    import mkdocs.structure.files as files
    import mkdocs.structure.pages as pages
    import mkdocs.utils as utils

    import build_tools.adapter.plugin as ours
    import build_tools.catalog.domain as catalog
    import build_tools.faq.domain as faq
    import build_tools.site.build as site

    timed(build, "_populate_page", "read pages (Markdown and page hooks)")
    timed(build, "_build_page", "render pages (templates)")
    timed(build, "_build_theme_template", "static templates (404, sitemap index)")
    timed(build, "get_files", "list files and theme files")
    timed(files.Files, "add_files_from_theme", "list files and theme files")
    timed(files.Files, "copy_static_files", "copy static files")
    timed(pages.Page, "validate_anchor_links", "anchor link check")
    timed(utils, "clean_directory", "clean site directory")
    timed(build, "get_navigation", "navigation")
    for plugin, who in ((ours.DealerPlugin, "ours"), (blog.BlogPlugin, "Material blog")):
        timed(plugin, "on_files", f"on_files: {who}")
        timed(plugin, "on_page_markdown", f"on_page_markdown/content: {who}")
        timed(plugin, "on_page_content", f"on_page_markdown/content: {who}")
        timed(plugin, "on_page_context", f"on_page_context: {who}")
    timed(ours.DealerPlugin, "on_config", "on_config: ours")
    timed(ours.DealerPlugin, "on_env", "on_env: ours (fork the search index, sitemap)")
    timed(ours.DealerPlugin, "on_post_build", "on_post_build: ours")
    timed(site, "load_content", "load and validate content")
    # The domains' generate hooks call these by their names in each package's domain.py.
    timed(faq, "generate_faq", "generate FAQ pages")
    timed(catalog, "generate_catalog", "generate catalog pages")
    timed(site, "check_site", "check site (nav, links)")
    timed(site.SiteBuild, "rendered", "search records and rendered pages (html_to_text)")
    timed(site.Job, "wait", "waiting for the search index")
    timed(site, "write_feeds", "feeds")
    index = site.write_index

    def write_index(*args: Any) -> Any:
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return index(*args)
        finally:
            CHILD_TIMES.write_text(f"{time.perf_counter() - start} {time.process_time() - cpu}")

    site.write_index = write_index


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="folder holding the site's mkdocs.yml")
    parser.add_argument("--cprofile", type=Path, metavar="FILE",
                        help="also run cProfile over the build (slower, distorted) and write its stats here (read with pstats)")
    parser.add_argument("--edit", type=Path, metavar="FAQ_FILE",
                        help="time a preview rebuild instead: build as `mkdocs serve --dirty` does, append a line to this file "
                             "(relative to ROOT), rebuild, and print the stages of the rebuild")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    sys.path.insert(0, str(REPO))
    os.chdir(args.root)
    instrument()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    profiler = None
    if args.cprofile:
        # This file is named like the standard library's `profile`, which cProfile imports.
        sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
        import cProfile

        profiler = cProfile.Profile()
    site_dir = str(args.root / "site-profile")
    serve_url = "http://127.0.0.1:8000/" if args.edit else None
    config = load_config(str(args.root / "mkdocs.yml"), site_dir=site_dir)
    config.plugins.on_startup(command="serve" if args.edit else "build", dirty=bool(args.edit))
    if args.edit:
        # The first preview build, then the edit; only the rebuild is timed (plugins that
        # define on_startup, ours and Material's blog, are kept between builds as in serve).
        config.site_url = serve_url
        build(config, serve_url=serve_url, dirty=True)
        for plugin in config.plugins.values():
            getattr(plugin, "_wait_for_background", lambda: None)()
        TOTALS.clear(), CPU.clear(), CALLS.clear()
        time.sleep(0.01)  # a newer mtime than the output's
        path = args.root / args.edit
        path.write_text(path.read_text(encoding="utf-8") + f"\n改动标记{time.time_ns()}\n", encoding="utf-8")
    if profiler is not None:
        profiler.enable()
    start, cpu = time.perf_counter(), time.process_time()
    if args.edit:
        config = load_config(str(args.root / "mkdocs.yml"), site_dir=site_dir)
        config.site_url = serve_url
    else:
        config = load_config(str(args.root / "mkdocs.yml"), site_dir=site_dir)
    TOTALS["load config"], CPU["load config"] = time.perf_counter() - start, time.process_time() - cpu
    build(config, serve_url=serve_url, dirty=bool(args.edit))
    TOTALS["build"], CPU["build"] = time.perf_counter() - start, time.process_time() - cpu
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.cprofile)
    config.plugins.on_shutdown()

    if CHILD_TIMES.exists():
        wall, child_cpu = CHILD_TIMES.read_text().split()
        CHILD_TIMES.unlink()
        label = "search index, in its forked process"
        TOTALS[label], CPU[label] = float(wall), float(child_cpu)
    total = TOTALS["build"]
    # CPU below wall time: the process waited (for the disk, or for a core another process held).
    print(f"{'stage':50} {'seconds':>8} {'CPU s':>7} {'share':>6} {'calls':>6}")
    for label, depth in LAYOUT:
        seconds = TOTALS.get(label, 0.0)
        print(f"{'  ' * depth + label:50} {seconds:8.2f} {CPU.get(label, 0.0):7.2f} {seconds / total:6.0%} {CALLS.get(label, 1):6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
