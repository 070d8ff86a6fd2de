"""ProperDocs builds the sample site byte for byte as MkDocs 1.6.1 does.

ProperDocs (MkDocs 1.x's maintained continuation) runs in its own venv without MkDocs,
made by ``make properdocs`` (part of ``make test``) from requirements-properdocs.lock.
The only normalisation: Material's ``<meta name="generator">`` tag names the engine
(``mkdocs-1.6.1`` / ``mkdocs-ProperDocs 1.6.7``); it is checked, then blanked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_SITE, REPO, copy_site, snapshot

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
SAMPLE = ("mkdocs.yml", "content", "faq", "blog")


def properdocs_python() -> Path:
    """The ProperDocs venv's python: from make (PROPERDOCS_PYTHON), else the one under .cache/."""
    if os.environ.get("PROPERDOCS_PYTHON"):
        return Path(os.environ["PROPERDOCS_PYTHON"])
    made = sorted(REPO.glob(".cache/properdocs-*/.installed"))
    if not made:
        message = "no ProperDocs venv: run `make properdocs` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return made[-1].parent / "bin" / "python"


def sample_copy(dest: Path) -> Path:
    """The repository's sample site (config, content, FAQ, blog) copied to ``dest``."""
    for name in SAMPLE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def generators(files: dict[str, bytes]) -> set[bytes]:
    """Every generator tag's content, over all HTML files."""
    return {m.group(1) for name, data in files.items() if name.endswith(".html") for m in GENERATOR.finditer(data)}


def blank_generator(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files with the generator tag's content emptied (it names the engine, nothing else differs)."""
    return {name: GENERATOR.sub(b'<meta name="generator" content="">', data) for name, data in files.items()}


def test_properdocs_builds_the_sample_site_as_mkdocs_does(tmp_path: Path) -> None:
    """Same files, same bytes: ``python -m build_tools build`` on MkDocs and on ProperDocs, and ``properdocs build``."""
    properdocs = properdocs_python()
    # The venv really lacks MkDocs, so `import mkdocs…` can only be ProperDocs' alias.
    lacks = subprocess.run([properdocs, "-c", "import importlib.util as u; print(u.find_spec('mkdocs') is None)"], capture_output=True, text=True)
    assert lacks.stdout.strip() == "True", lacks.stderr
    # One build date for all (sitemap dates), and the three builds at once (the machine has 2 cores).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1780000000"}
    roots = {name: sample_copy(tmp_path / name) for name in ("mkdocs", "properdocs", "properdocs-cli")}
    commands = {
        "mkdocs": [sys.executable, "-m", "build_tools", "build", "--strict"],
        "properdocs": [properdocs, "-m", "build_tools", "build", "--strict"],
        "properdocs-cli": [properdocs.parent / "properdocs", "build", "--strict", "-f", "mkdocs.yml"],
    }
    running = {name: subprocess.Popen(cmd, cwd=roots[name], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name, cmd in commands.items()}
    for name, process in running.items():
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, f"{name}: {stderr}"
        assert "Traceback" not in stderr, f"{name}: {stderr}"
    sites = {name: snapshot(root / "site") for name, root in roots.items()}
    assert len(sites["mkdocs"]) > 100  # the whole sample: pages, feeds, search shards, assets
    [mkdocs_tag] = generators(sites["mkdocs"])  # e.g. "mkdocs-1.6.1, mkdocs-material-9.8.2"
    engine = re.fullmatch(rb"mkdocs-1\.6\.\d+, (mkdocs-material-.*)", mkdocs_tag)
    assert engine, mkdocs_tag
    expected = blank_generator(sites["mkdocs"])
    for name in ("properdocs", "properdocs-cli"):
        [tag] = generators(sites[name])  # the same Material, ProperDocs as the engine
        assert re.fullmatch(rb"mkdocs-ProperDocs 1\.6\.\d+, " + re.escape(engine.group(1)), tag), tag
        built = blank_generator(sites[name])
        assert sorted(built) == sorted(expected), name
        assert [path for path in expected if built[path] != expected[path]] == [], name


def test_properdocs_refuses_a_content_mistake_in_the_same_words(tmp_path: Path) -> None:
    """A broken entry stops both builds with exit 1 and the same Chinese lines, no traceback."""
    properdocs = properdocs_python()
    results = []
    for name, python in (("mkdocs", Path(sys.executable)), ("properdocs", properdocs)):
        root = copy_site(FIXTURE_SITE, tmp_path / name)
        entry = sorted((root / "faq").glob("*/*.md"))[0]
        entry.write_text(re.sub(r"(?m)^category:.*$", "category: nosuch", entry.read_text(encoding="utf-8"), count=1), encoding="utf-8")
        results.append(subprocess.run([python, "-m", "build_tools", "build", "--strict"], cwd=root, capture_output=True, text=True,
                                      env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300))
    built, refused = results
    assert built.returncode == refused.returncode == 1
    assert "category: 未知分类 'nosuch'" in built.stderr
    assert "网站没有生成，原来的输出文件夹保持不变（构建出错）" in built.stderr
    assert "Traceback" not in built.stderr
    assert refused.stderr == built.stderr
