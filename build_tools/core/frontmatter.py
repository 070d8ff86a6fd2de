"""Read what authors write in YAML — front matter and data files — safely, keeping line numbers.

One loader for every YAML file of the content (front matter, ``categories.yml``,
``dealers.yml``, ``.authors.yml``, ``vocabulary.yml``, the intake mapping). It is
PyYAML's safe loader with four guards, because authors make mistakes that YAML
would otherwise turn into wrong published values or a hung build:

* **No aliases, anchors or tags** (``&a``, ``*a``, ``<<``, ``!!int``): authors never
  need them, and aliases are the "billion laughs" that expand a few lines into
  gigabytes. They are refused before anything is built from the document.
* **Bounded nesting** (:data:`MAX_DEPTH`), checked on the event stream, so 990 ``[``
  give a message, not a ``RecursionError``; files over :data:`MAX_BYTES` are refused.
* **Values are what the author wrote.** YAML 1.1 turns ``8:30`` into 510, ``0755`` into
  493, ``yes`` into ``True`` and ``10.50`` into ``10.5``. Here only ``true``/``false``
  are booleans, only plain decimal numbers (``99800``, ``-3``) are integers, and
  ``YYYY-MM-DD`` dates and ISO date-times are dates; everything else stays the exact
  text. A field that needs a number or a boolean then refuses the text with a hint
  (see :mod:`build_tools.core.schema`), and a text field shows it exactly as written.
* **A key written twice** at any depth is an error naming both lines (YAML keeps the
  last one silently).

PyYAML's composed nodes carry marks, so one parse gives both the values and the
line of every key (and of every list item), which is what error messages need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import BaseResolver

from .errors import Report
from .reuse import per_file

try:  # libyaml is several times faster; the pure-Python parser gives the same result
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


# Deeper than any content type needs (a trim's highlight list is at depth 4).
MAX_DEPTH = 12
# Far above any real file; bounds the time a check can take.
MAX_BYTES = 1024 * 1024
# YAML is far slower to parse than Markdown: front matter and data files are kept to a
# size that parses in well under a second whatever they hold (a dealers.yml of 500
# locations is about 100 KB).
MAX_YAML_BYTES = 128 * 1024

_STANDARD_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
# YAML's own timestamp pattern: a date, or a date-time with an optional zone.
_TIMESTAMP = re.compile(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
     (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)


class _Resolver(BaseResolver):
    """The implicit types authors mean; everything else is a string."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])
_Resolver.add_implicit_resolver("tag:yaml.org,2002:timestamp", _TIMESTAMP, list("0123456789"))


class _Constructor(SafeConstructor):
    """SafeConstructor that keeps an impossible date (2025-02-30) as text for the schema to report."""

    def timestamp_or_text(self, node: yaml.ScalarNode) -> object:
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.timestamp_or_text)  # type: ignore[type-var]


class _Loader(_Parser, _Constructor, _Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_OPENING = re.compile(r"\A---[ \t]*(?:\n|\Z)")
# Leading whitespace (after any list dashes) that holds a Tab: YAML indents with spaces only.
_TAB_INDENT = re.compile(r"^[ \-]*\t", re.M)

YAML_FIX = "检查该行的缩进、冒号和引号；文字中含有“: ”或以特殊符号开头时，请用英文引号把整段文字括起来"
TAB_FIX = "YAML 只能用空格缩进：把这一行开头的 Tab 换成空格（每一级两个空格）"

# PyYAML's (libyaml's) problems, as an author would understand them.
_PROBLEMS = (
    ("mapping values are not allowed", "这一行多了一个冒号", "文字中含有“: ”时，请用英文引号把整段文字括起来，例如 question: \"保养: 多少钱？\""),
    ("could not find expected ':'", "这一行缺少冒号", "写成“字段: 值”，冒号是英文冒号，后面要有一个空格"),
    ("did not find expected key", "缩进没有对齐，或上一行的引号、括号没有闭合", YAML_FIX),
    ("did not find expected '-' indicator", "列表项的缩进没有对齐", "同一个列表的每一项，开头的 - 要对齐"),
    ("did not find expected ',' or ']'", "方括号 [ ] 列表没有闭合，或列表项之间缺少英文逗号", "写成 [首保, 预约]：英文方括号，项之间用英文逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有闭合，或字段之间缺少英文逗号", "写成 {name: 保养, description: 说明}"),
    ("found unexpected end of stream", "引号或括号没有闭合", "检查这一段文字两端的引号是否成对"),
    ("found unknown escape character", "双引号里的反斜杠 \\ 用法不对", "改用单引号把文字括起来，或把 \\ 写成 \\\\"),
    ("did not find expected node content", "这里缺少内容（冒号、逗号或 - 后面是空的）", YAML_FIX),
    ("expected a single document", "--- 之间只能有一段内容", "删除多余的 --- 行"),
    ("found character that cannot start any token", "这一行以 YAML 的特殊符号开头（如 @ ` % 等）", "请用英文引号把整段文字括起来"),
)


class _Refused(Exception):
    """A construct the authors' YAML may not use, with the line it is on."""

    def __init__(self, line: int, what: str, fix: str) -> None:
        super().__init__(what)
        self.line, self.what, self.fix = line, what, fix


def _guard(text: str) -> None:
    """Refuse aliases, anchors, tags and deep nesting from the event stream, before anything is built.

    libyaml's parser is iterative, so this pass is linear in the input whatever it holds.
    """
    parser = _Loader(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            line = event.start_mark.line + 1 if event is not None and event.start_mark is not None else 1
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(line, f"不支持 YAML 别名（*{event.anchor}）", "把要重复的内容直接写出来（作者文件里不需要 & 和 *）")
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                raise _Refused(line, f"不支持 YAML 锚点（&{event.anchor}）", "删除 & 和它后面的名字（作者文件里不需要 & 和 *）")
            tag = getattr(event, "tag", None)
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and tag not in (None, "!"):
                written = "!!" + tag.removeprefix(_STANDARD_TAG) if tag.startswith(_STANDARD_TAG) else tag
                raise _Refused(line, f"不支持 YAML 类型标记（{written}）", "删除这个以 ! 开头的标记；要原样保留的文字请用英文引号括起来")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Refused(line, f"层级太深（超过 {MAX_DEPTH} 层）", "检查是否多写了 [ 或 {，并把内容改写成简单的“字段: 值”和列表")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        parser.dispose()


def _syntax_error(text: str, exc: yaml.YAMLError, line_offset: int) -> tuple[int, str, str]:
    """(line, what, fix) for a YAML syntax error, in the authors' words."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    for tab in _TAB_INDENT.finditer(text):
        tab_line = text.count("\n", 0, tab.start()) + 1
        if line - 1 <= tab_line <= line:  # the scanner trips on the Tab's line or the next one
            return line_offset + tab_line, "这一行用了 Tab 缩进", TAB_FIX
    problem = str(getattr(exc, "problem", None) or exc)
    for english, what, fix in _PROBLEMS:
        if english in problem:
            return line_offset + line, f"YAML 格式错误：{what}", fix
    return line_offset + line, f"YAML 格式错误（{problem}）", YAML_FIX


Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed YAML document: plain values plus the line of every key and list item."""

    path: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    first_line: int = 1
    # Every scalar exactly as written (quotes removed), so a text field shows ``true``,
    # ``2025-03-18`` or ``007`` as the author typed it, not as YAML typed it.
    written: dict[Path_, str] = field(default_factory=dict)
    # Where ``data`` sits in the file's document (see :meth:`sub`); ``lines`` and
    # ``written`` are the whole file's, keyed from its root.
    prefix: Path_ = ()

    def at(self, *path: str | int) -> int:
        """The 1-based line of a nested key or item, e.g. ``at("trims", 2, "price")``.

        Falls back to the nearest written parent when the key itself is missing.
        """
        full = (*self.prefix, *path)
        for end in range(len(full), 0, -1):
            line = self.lines.get(full[:end])
            if line is not None:
                return line
        return self.first_line

    def text(self, *path: str | int) -> str | None:
        """The scalar at ``path`` as the author wrote it; ``None`` for a list, a mapping or nothing."""
        return self.written.get((*self.prefix, *path))

    def sub(self, *path: str | int) -> Document:
        """The part at ``path`` (a trim, a location, an author) as a document of its own.

        A view: it shares the file's lines and written text, so field checks on it
        report the file's real lines, and making one costs nothing.
        """
        value = self.data
        for part in path:
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int):
                value = value[part] if part < len(value) else None
            else:
                value = None
        return Document(self.path, value, self.lines, self.at(*path), self.written, (*self.prefix, *path))

    def line(self, key: str | None = None, index: int | None = None) -> int:
        """The 1-based line of ``key`` (or of its ``index``-th list item)."""
        if key is None:
            return self.first_line
        return self.at(key) if index is None else self.at(key, index)


def _where(path: Path_) -> str:
    """A nested key as authors read it: ``trims 第 2 项 price``."""
    return " ".join(f"第 {p + 1} 项" if isinstance(p, int) else p for p in path)


def _record_lines(node: yaml.Node, path: Path_, doc: Document, offset: int, report: Report) -> None:
    """Record the line of every key and item; report keys written twice in one mapping.

    Runs before the document is built, and edits the nodes so that what is built is
    what the messages speak of: a key is the text written (``true:`` and ``2026:`` are
    names, not a boolean and a number), and of a key written twice only the first is
    kept, so the second's value causes no further message.
    """
    if isinstance(node, yaml.ScalarNode):
        doc.written[path] = node.value
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        kept = []
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = offset + key_node.start_mark.line + 1
            child = (*path, key)
            if key in seen:
                report.error(doc.path, line, _where(child), "同一个字段写了两次", f"删除其中一个（另一个在第 {seen[key]} 行）")
                continue
            seen[key] = line
            doc.lines[child] = line
            if isinstance(key_node, yaml.ScalarNode):
                key_node.tag = "tag:yaml.org,2002:str"
            kept.append((key_node, value_node))
            _record_lines(value_node, child, doc, offset, report)
        node.value = kept
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            doc.lines.setdefault(child, offset + item.start_mark.line + 1)
            _record_lines(item, child, doc, offset, report)


@dataclass
class MarkdownSource:
    """A Markdown file split into front matter and body."""

    meta: Document
    body: str
    body_line: int


def read_text(path: Path, rel: str, report: Report) -> str | None:
    """The file's text, or ``None`` after reporting a file that cannot be used as text."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            report.error(rel, 1, "", f"文件太大（{size / 1024 / 1024:.1f} MB，上限 {MAX_BYTES // 1024 // 1024} MB）", "检查是不是放错了文件；图片和附件请放到 content/assets/ 下")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        report.error(rel, 1, "", f"无法读取文件（{exc.strerror or exc}）", "检查文件是否存在、是否有读取权限")
        return None
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
    """Parse authors' YAML safely (see the module docstring); ``None`` after reporting why not."""
    size = len(text.encode("utf-8"))
    if size > MAX_YAML_BYTES:
        report.error(rel, line_offset + 1, "", f"YAML 部分太长（{size // 1024} KB，上限 {MAX_YAML_BYTES // 1024} KB）", "字段部分只写简短的信息；长的内容请写在正文（第二个 --- 之后）")
        return None
    try:
        _guard(text)
    except _Refused as refused:
        report.error(rel, line_offset + refused.line, "", refused.what, refused.fix)
        return None
    except yaml.YAMLError as exc:
        line, what, fix = _syntax_error(text, exc, line_offset)
        report.error(rel, line, "", what, fix)
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(rel, None, first_line=line_offset + 1)
        doc = Document(rel, None, first_line=line_offset + node.start_mark.line + 1)
        _record_lines(node, (), doc, line_offset, report)
        doc.data = loader.construct_document(node)
    except yaml.YAMLError as exc:  # the guard pass parsed it already; kept for safety
        line, what, fix = _syntax_error(text, exc, line_offset)
        report.error(rel, line, "", what, fix)
        return None
    finally:
        loader.dispose()
    return doc


def read_yaml(path: Path, rel: str, report: Report) -> Document | None:
    """Read and parse a YAML data file (``categories.yml``, ``dealers.yml`` …); ``None`` if unusable."""
    text = read_text(path, rel, report)
    return parse_yaml(text, rel, report) if text is not None else None


def read_markdown(path: Path, rel: str, report: Report) -> MarkdownSource | None:
    """Read a Markdown file; ``None`` when it could not be read (already reported).

    In a build, the result of an unchanged file is reused (with the problems it
    reported, see :mod:`build_tools.core.reuse`): what keeps ``mkdocs serve`` quick on
    thousands of entries, and a page read by two checks of one build parsed once.
    """
    return per_file(path, ("markdown", rel), report, lambda own: _read_markdown(path, rel, own))


def _read_markdown(path: Path, rel: str, report: Report) -> MarkdownSource | None:
    text = read_text(path, rel, report)
    if text is None:
        return None
    match = _FRONT_MATTER.match(text)
    if not match:
        if _OPENING.match(text):
            report.error(rel, 1, "", "文件开头有 ---，但找不到结束的 ---", "在最后一个字段的下一行单独写一行 ---，然后再写正文")
            return None
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
