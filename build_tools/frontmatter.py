"""Read a Markdown file with YAML front matter, keeping line numbers.

PyYAML's composed nodes carry marks, so one parse gives both the values and the
line of every key (and of every list item), which is what error messages need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, Report

try:  # libyaml is several times faster; the pure-Python loader gives the same result
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """SafeLoader that keeps an impossible date (2025-02-30) as text for the schema to report."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)

YAML_FIX = "检查该行的缩进、冒号和引号；文字中含有“: ”或以特殊符号开头时，请用英文引号把整段文字括起来"


Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed YAML document: plain values plus the line of every key and list item."""

    path: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    first_line: int = 1

    def at(self, *path: str | int) -> int:
        """The 1-based line of a nested key or item, e.g. ``at("trims", 2, "price")``.

        Falls back to the nearest written parent when the key itself is missing.
        """
        for end in range(len(path), 0, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return self.first_line

    def line(self, key: str | None = None, index: int | None = None) -> int:
        """The 1-based line of ``key`` (or of its ``index``-th list item)."""
        if key is None:
            return self.first_line
        return self.at(key) if index is None else self.at(key, index)


def _record_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, str(key_node.value))
            lines.setdefault(child, offset + key_node.start_mark.line + 1)
            _record_lines(value_node, child, lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines.setdefault(child, offset + item.start_mark.line + 1)
            _record_lines(item, child, lines, offset)


@dataclass
class MarkdownSource:
    """A Markdown file split into front matter and body."""

    meta: Document
    body: str
    body_line: int


def read_text(path: Path, rel: str, report: Report) -> str | None:
    """The file's text, or ``None`` after reporting a file that is not UTF-8."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        report.error(
            rel,
            line,
            "",
            "文件不是 UTF-8 编码",
            "用编辑器把文件另存为“UTF-8”编码（VS Code：右下角编码 → 通过编码保存 → UTF-8）",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, rel: str, report: Report, line_offset: int = 0) -> Document | None:
    """Parse YAML, recording key and list-item lines; report a syntax error with its line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(rel, None, first_line=line_offset + 1)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = line_offset + (mark.line + 1 if mark else 1)
        problem = exc.problem or exc.context or "YAML 格式错误"
        report.error(rel, line, "", f"YAML 格式错误（{problem}）", YAML_FIX)
        return None
    except yaml.YAMLError as exc:  # e.g. a tab character in the wrong place
        report.error(rel, line_offset + 1, "", f"YAML 格式错误（{exc}）", YAML_FIX)
        return None
    finally:
        loader.dispose()

    doc = Document(rel, data, first_line=line_offset + node.start_mark.line + 1)
    _record_lines(node, (), doc.lines, line_offset)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            key = str(key_node.value)
            line = line_offset + key_node.start_mark.line + 1
            if key in seen:
                report.error(rel, line, key, "同一个字段写了两次", f"删除其中一个（另一个在第 {seen[key]} 行）")
            seen.setdefault(key, line)
    return doc


# Parsed files by (path, mtime, size): a preview rebuild re-reads only what was edited.
_PARSED: dict[tuple[str, int, int], tuple[MarkdownSource | None, list[Problem]]] = {}


def read_markdown(path: Path, rel: str, report: Report) -> MarkdownSource | None:
    """Read a Markdown file; ``None`` when it could not be read (already reported).

    The result of an unchanged file is reused (with the problems it reported), which
    is what keeps ``mkdocs serve`` quick on thousands of entries.
    """
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    cached = _PARSED.get(key)
    if cached is None:
        own = Report()
        cached = (_read_markdown(path, rel, own), own.problems)
        _PARSED[key] = cached
    report.problems.extend(cached[1])
    return cached[0]


def _read_markdown(path: Path, rel: str, report: Report) -> MarkdownSource | None:
    text = read_text(path, rel, report)
    if text is None:
        return None
    match = _FRONT_MATTER.match(text)
    if not match:
        return MarkdownSource(Document(rel, {}), text, 1)
    meta = parse_yaml(match.group(1) or "", rel, report, line_offset=1)
    if meta is None:
        return None
    if meta.data is None:
        meta.data = {}
    if not isinstance(meta.data, dict):
        report.error(rel, 2, "", "文件开头的 --- 之间必须是“字段: 值”的形式", "参考 docs/authoring.md 中的示例改写文件开头")
        return None
    body_line = text.count("\n", 0, match.end()) + 1
    return MarkdownSource(meta, text[match.end():], body_line)
