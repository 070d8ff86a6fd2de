"""Front matter parsing keeps lines right, whatever editor saved the file."""

from __future__ import annotations

from pathlib import Path

from conftest import write

from build_tools.core.errors import Report
from build_tools.core.frontmatter import read_markdown


def test_lines_of_keys_and_list_items(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "---\nquestion: 问\nmodels:\n  - a\n  - b\n---\n\n答\n")
    source = read_markdown(path, "a.md", Report())
    assert source is not None
    assert source.meta.line("question") == 2
    assert source.meta.line("models", 1) == 5
    assert source.meta.line("missing") == 2
    assert source.body_line == 7 and source.body == "\n答\n"


def test_windows_line_endings_and_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "\ufeff---\r\nquestion: 问\r\n---\r\n答\r\n".encode())
    source = read_markdown(path, "a.md", Report())
    assert source is not None
    assert source.meta.data == {"question": "问"}
    assert source.body == "答\n" and source.body_line == 4


def test_front_matter_must_be_a_mapping(tmp_path: Path) -> None:
    report = Report()
    assert read_markdown(write(tmp_path, "a.md", "---\n- 问\n---\n答\n"), "a.md", report) is None
    assert [str(p) for p in report.errors] == ["a.md:2: 文件开头的 --- 之间必须是“字段: 值”的形式 — 参考 docs/authoring.md 中的示例改写文件开头"]
