"""``python -m build_tools build`` (``make site``): MkDocs' build, all or nothing, faults as sentences.

The site is built into a temporary folder next to the output folder and renamed into
place only when the build succeeded, so a failed build (a content error, a full disk,
a folder without permission) leaves the previous ``site/`` exactly as it was and no
half-written one. Whatever stops the build ends as one Chinese line and exit code 1,
never a traceback; MkDocs' own English summary ("Aborted with a BuildError!") is
replaced by ours. ``mkdocs build`` keeps working as before (same plugin, same checks).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..core.faults import describe

FAILED = "网站没有生成，原来的输出文件夹保持不变"


def _shown(path: Path) -> str:
    """A path as the author typed it: relative to the current folder when inside it."""
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
    return str(path.resolve()) if shown == "." else shown


def _engine() -> str:
    """The engine's top logger, ``mkdocs`` or ``properdocs``: the name its package really has."""
    import mkdocs  # under ProperDocs this is the ``properdocs`` package (see build_tools/__init__.py)

    return mkdocs.__name__


def _enable_logging() -> logging.Handler:
    """MkDocs' log lines (the plugin's Chinese messages among them) on stderr, as ``mkdocs build`` shows them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    # MkDocs logs "Error building page …: [Errno 28] …" before re-raising; the exception
    # becomes our own sentence, so that English line would only say it twice.
    # The staging folder's name is of no use to the author either.
    handler.addFilter(lambda record: not record.getMessage().startswith(
        ("Error building page", "Error reading page", "Building documentation to directory")))
    logger = logging.getLogger(_engine())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return handler


def output_problem(target: Path) -> str | None:
    """Why the site cannot be written to ``target`` at all, before anything is built."""
    if target.exists() and not target.is_dir():
        return f"{_shown(target)}: 这里是一个文件，网站要生成到同名的文件夹 — 删除或改名这个文件（或在 mkdocs.yml 中改 site_dir）后重试"
    if not target.parent.is_dir():
        return f"{_shown(target.parent)}: 输出文件夹 {target.name} 的上级文件夹不存在 — 先创建这个文件夹，或在 mkdocs.yml 中改 site_dir"
    return None


def build(config_file: str, strict: bool = False, site_dir: str | None = None) -> int:
    """Build the site described by ``config_file``; 0 on success, 1 with one line on stderr otherwise."""
    from jinja2 import TemplateNotFound
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    handler = _enable_logging()
    try:
        try:
            config = load_config(config_file, strict=strict, **({"site_dir": site_dir} if site_dir else {}))
        except ConfigurationError as exc:
            print(f"{config_file}: 配置有误：{exc} — 按提示修改 mkdocs.yml 后重试", file=sys.stderr)
            return 1
        except OSError as exc:
            print(describe(exc, config_file), file=sys.stderr)
            return 1
        target = Path(config.site_dir)
        problem = output_problem(target)
        if problem is not None:
            print(problem, file=sys.stderr)
            return 1
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
        except OSError as exc:
            print(describe(exc, at=_shown(target.parent)), file=sys.stderr)
            return 1
        config["site_dir"] = str(staging)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        except Abort as exc:
            # MkDocs logged the cause above (our plugin's Chinese lines, or the warnings of a strict build).
            reason = "严格模式（--strict）下警告也算错误" if "strict mode" in str(exc) else "构建出错"
            print(f"{_shown(target)}: {FAILED}（{reason}）— 按上面的提示修改后重试", file=sys.stderr)
            return 1
        except (BuildError, ConfigurationError) as exc:
            print(f"{_shown(target)}: {FAILED}：{exc} — 按提示修改后重试", file=sys.stderr)
            return 1
        except TemplateNotFound as exc:  # an IOError to Jinja, but a content mistake, not a disk fault
            print(f"{_shown(target)}: {FAILED}：找不到模板或图标 {exc.name} — 检查页面开头 template: 或 icon: 的写法（图标名如 material/car），或删除这一行", file=sys.stderr)
            return 1
        except OSError as exc:
            # Name the file as it would be in the output folder, not in the staging one.
            message = describe(exc, staging).replace(str(staging), _shown(target))
            print(f"{message}（{FAILED}）", file=sys.stderr)
            return 1
        else:
            return _swap(staging, target)
        finally:
            config.plugins.on_shutdown()
            # Nothing half-written: a failed build's folder goes (a successful one was renamed).
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        logging.getLogger(_engine()).removeHandler(handler)


def _swap(staging: Path, target: Path) -> int:
    """Put the freshly built ``staging`` folder in place of ``target``; the old site is removed afterwards."""
    old: Path | None = None
    try:
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
            os.replace(target, old / target.name)
        os.replace(staging, target)
    except OSError as exc:
        if old is not None and (old / target.name).exists() and not target.exists():
            os.replace(old / target.name, target)  # put the previous site back
        shutil.rmtree(staging, ignore_errors=True)
        print(f"{describe(exc, _shown(target))}（{FAILED}）", file=sys.stderr)
        return 1
    if old is not None:
        try:
            shutil.rmtree(old)
        except OSError as exc:
            # The new site is in place; only the old copy is left over.
            print(f"警告：{describe(exc, at=_shown(old))}（网站已生成；这个旧的文件夹可以手动删除）", file=sys.stderr)
    return 0
