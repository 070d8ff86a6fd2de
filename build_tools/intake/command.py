"""``python -m build_tools intake FILE``: the command-line face of :func:`run_intake`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from ..core.faults import describe
from . import IntakeError, run_intake
from .read import DEFAULT_MAPPING, ExportError, load_mapping

HELP = "import an export of customer questions (CSV, Excel .xlsx or JSON Lines) as FAQ drafts in faq/inbox/"
DESCRIPTION = """\
Import an export of customer questions as FAQ drafts (faq/inbox/).

The export is CSV (UTF-8 with or without BOM, GB18030/GBK, UTF-16 with or without BOM —
detected), Excel .xlsx or JSON Lines, recognised from its bytes. Personal data is masked
before anything is written; questions that ask the same as an existing entry (or an
earlier row) raise its `asked` count instead of adding a draft; rows already imported
(listed in faq/inbox/.ledger) are skipped, so re-running is safe. The full report is
written to intake-report.md (git-ignored); the terminal shows its first lines.
Keep exports in exports/ (git-ignored), never elsewhere in the repository.
"""


class Progress:
    """A one-line progress bar on stderr for large files; silent for small ones."""

    def __init__(self, stream: TextIO = sys.stderr, minimum: int = 200) -> None:
        self.stream = stream
        self.minimum = minimum
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if total < self.minimum:
            return
        now = time.monotonic()
        if done != total and now - self.last < 0.2:
            return
        self.last = now
        width = 30
        filled = width * done // total
        end = "\n" if done == total else ""
        self.stream.write(f"\r导入进度 [{'#' * filled}{'.' * (width - filled)}] {done}/{total} 行{end}")
        self.stream.flush()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The intake subcommand's arguments and options."""
    parser.add_argument("file", type=Path, help="the export to import, e.g. exports/2025-03.csv")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    parser.add_argument(
        "--mapping", type=Path, default=None,
        help=f"YAML file mapping the export's column names to fields (default: {DEFAULT_MAPPING.name} shipped with build_tools)",
    )
    parser.add_argument("--dry-run", action="store_true", help="report what would be imported without writing anything")


def intake(file: Path, config_file: str, mapping: Path | None, dry_run: bool) -> int:
    """Run an import and print its summary; 0 on success, 1 when nothing could be imported."""
    from mkdocs.exceptions import ConfigurationError

    from ..adapter.config import read_settings

    try:
        settings = read_settings(config_file)
    except (ConfigurationError, OSError) as exc:
        print(f"{config_file}: {exc}", file=sys.stderr)
        return 1
    root = settings.paths.root.resolve()
    source = file.resolve()
    if source.is_relative_to(root) and not source.is_relative_to(root / "exports"):
        print(f"提醒：{file} 在项目文件夹里但不在 exports/ 中，可能会被提交到仓库；导出文件请放在 exports/ 文件夹（不会被提交）。", file=sys.stderr)
    try:
        summary = run_intake(
            file,
            settings.paths,
            mapping=load_mapping(mapping),
            timezone=settings.timezone,
            dry_run=dry_run,
            progress=Progress(),
        )
    except (IntakeError, ExportError) as exc:
        print(f"导入失败：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk, no permission: nothing was written (see write.commit)
        # A failed write to an open file names no file: the drafts' folder is where it happened.
        print(f"导入失败：{describe(exc, settings.paths.faq_dir / 'inbox')}（本次没有写入任何文件）", file=sys.stderr)
        return 1
    print(summary.format())
    return 0
