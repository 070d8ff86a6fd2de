"""Declarative front-matter rules: each content type lists its fields once.

``check_fields`` runs every rule and reports every failure (never only the first),
returning the values that passed so later checks can still run on them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Collection, Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import Report, did_you_mean, one_of, suggest
from .frontmatter import Document

DATE_FIX = "写成 YYYY-MM-DD，例如 2025-03-18"
_CJK_SEPARATOR = re.compile("[，、；]")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Field:
    """One front-matter field: its name, kind and whether it must be given."""

    name: str
    kind: str  # text | date | int | bool | texts | any
    required: bool = False
    minimum: int | None = None
    example: str = ""

    def fix(self) -> str:
        """How to write this field, with an example when one is declared."""
        if self.example:
            return f"例如 {self.name}: {self.example}"
        return _KIND_EXAMPLES[self.kind].format(name=self.name)


# MkDocs' and Material's own page keys, allowed on every authored page (read by them, not by us).
PAGE_KEYS = (Field("title", "text"), Field("description", "text"), Field("template", "text"), Field("hide", "any"))

_KIND_NAMES = {
    "text": "一段文字",
    "date": "日期",
    "int": "整数",
    "bool": "布尔值（true 或 false）",
    "texts": "文字列表",
}

_KIND_EXAMPLES = {
    "text": "填写一段文字",
    "date": DATE_FIX,
    "int": "例如 {name}: 12（不要加引号或单位）",
    "bool": "只能写 true 或 false",
    "texts": "写成列表，例如 [首保, 预约]",
}


def _as_date(value: Any) -> dt.date | None:
    # A date-time is not a day: taking its date would silently drop the time (and, with a
    # zone, maybe the day); check_fields says so instead.
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return iso_day(value.strip())
    return None


def iso_day(text: str) -> dt.date | None:
    """The day ``text`` writes as YYYY-MM-DD, or None (also for a day that does not exist).

    Only that form: Python 3.11's ``fromisoformat`` also takes ``20261128`` and week
    dates like ``2026-W48-6``, which no author or link means as a day.
    """
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _as_text(value: Any) -> str | None:
    # For values without their written form (built in code, not read): numbers are text
    # too (a model named 2008); a boolean is not.
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    return None


def _convert(kind: str, value: Any, written: Any = None) -> tuple[bool, Any]:
    """(ok, converted value) for one field value.

    ``written(*index)`` gives a scalar as the author typed it: text fields keep that, so
    ``007`` or ``true`` written as a model name is published as typed.
    """
    if kind == "any":
        return True, value
    if kind == "text":
        raw = written() if written is not None and not isinstance(value, (list, dict)) else None
        text = raw.strip() if raw is not None else _as_text(value)
        return text is not None, text
    if kind == "date":
        date = _as_date(value)
        return date is not None, date
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool), value
    if kind == "bool":
        return isinstance(value, bool), value
    if kind == "texts":
        if not isinstance(value, list):
            return False, None
        items = [_as_text(v) if written is None or isinstance(v, (list, dict)) or written(i) is None else written(i).strip() for i, v in enumerate(value)]
        # A Chinese comma does not separate YAML list items: [首保，预约] is one item.
        return all(i and not _CJK_SEPARATOR.search(i) for i in items), tuple(items)
    raise ValueError(f"unknown field kind {kind!r}")


def check_fields(doc: Document, fields: Sequence[Field], report: Report) -> dict[str, Any]:
    """Validate ``doc.data`` against ``fields``; return the fields that are valid."""
    data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    known = {f.name for f in fields}
    valid: dict[str, Any] = {}

    for key in data:
        if str(key) not in known:
            guess = did_you_mean(str(key), known)
            fix = f"您是不是想写 {guess}？" if guess else f"可用的字段：{one_of(f.name for f in fields)}"
            report.warning(doc.path, doc.line(str(key)), str(key), "未知字段，将被忽略", fix)

    for spec in fields:
        if spec.name not in data or data[spec.name] is None or data[spec.name] == "":
            if spec.required:
                what = "缺少必填字段" if spec.name not in data else "必填字段不能为空"
                report.error(doc.path, doc.line(spec.name), spec.name, what, f"请填写{_KIND_NAMES[spec.kind]}，{spec.fix()}")
            continue
        value = data[spec.name]
        ok, converted = _convert(spec.kind, value, lambda *index, name=spec.name: doc.text(name, *index))
        if not ok:
            fix = spec.fix()
            if spec.kind == "date" and isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
                what, fix = f"没有这一天：{value}", "检查月和日是否写对（例如 2 月没有 30 日）"
            elif spec.kind == "date" and isinstance(value, dt.datetime):
                # The date kind is the FAQ's (posts keep their time, see blog/load.py).
                what = f"只写日期，不要写时间和时区：{value.isoformat(sep=' ')}"
                fix = f"写成 {spec.name}: {value.date().isoformat()}（常见问题按天发布，按网站时区计算）"
            elif spec.kind == "date":
                what = f"日期格式不对：{value!r}"
            elif spec.kind == "texts" and isinstance(value, list):
                what = f"列表写法不对：{value!r}（列表项之间要用英文逗号，每项不能为空）"
            else:
                what = f"应为{_KIND_NAMES[spec.kind]}，实际写的是 {value!r}"
            report.error(doc.path, doc.line(spec.name), spec.name, what, fix)
            continue
        if spec.kind == "text" and not converted:
            report.error(doc.path, doc.line(spec.name), spec.name, "必填字段不能为空", spec.fix())
            continue
        if spec.minimum is not None and converted < spec.minimum:
            report.error(doc.path, doc.line(spec.name), spec.name, f"不能小于 {spec.minimum}，实际是 {converted}", f"填写 {spec.minimum} 或更大的整数")
            continue
        valid[spec.name] = converted
    return valid


# Front-matter keys Material reads from the page itself (with plain YAML) and prints
# as HTML: <title>, <meta name="description">, headings, navigation subtitles, status.
PRINTED_META = ("title", "description", "author", "subtitle", "status")


def escape_text_meta(meta: MutableMapping[str, Any]) -> None:
    """HTML-escape, once, the front-matter text that Material prints unescaped (:data:`PRINTED_META`).

    Every page's meta is read afresh for each build (posts by Material's blog plugin in
    its ``on_files``), so this runs exactly once per value; generated pages get theirs
    escaped by :meth:`~build_tools.core.pages.GeneratedPage.meta`. A customer then sees
    ``A&B <x>`` as written.
    """
    for key in PRINTED_META:
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key])


def check_printed_meta(doc: Document, report: Report, *, any_value: bool = True, keys: Sequence[str] = PRINTED_META) -> set[str]:
    """``keys`` (default: :data:`PRINTED_META`) must be YAML text, as Material needs them.

    Material reads these itself: it prints ``str(value)`` of a list unescaped (a script
    runs), crashes on a boolean title and refuses a non-text author name, so
    ``title: true`` needs quotes. With ``any_value=False`` only non-text scalars are
    reported (the schema of the content type reports lists). Returns the keys refused.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    refused: set[str] = set()
    for key in keys:
        value = data.get(key)
        if value is None or isinstance(value, str):
            continue
        written = doc.text(key)
        if written is not None:
            report.error(doc.path, doc.line(key), key, f"应为一段文字，实际写的是 {written}", f'请加引号：{key}: "{written}"')
        elif any_value:
            report.error(doc.path, doc.line(key), key, "应为一段文字，不能是列表或“字段: 值”", f"写成 {key}: 一段文字")
        else:
            continue
        refused.add(key)
    return refused


def check_references(path: str, doc: Document, report: Report, key: str, names: Iterable[str], known: Collection[str],
                     broken: Collection[str], unknown: Callable[[str], str], label: str) -> bool:
    """Each name listed under ``key`` (e.g. the model slugs of ``models``) must be one of ``known``.

    A name in ``broken`` is one whose own file failed and was reported there: it is not
    reported again (one root cause, one message). ``unknown(name)`` says what is missing,
    ``label`` introduces the closest valid names. True when every name is known.
    """
    ok = True
    for index, name in enumerate(names):
        if name in broken:
            ok = False
        elif name not in known:
            report.error(path, doc.line(key, index), key, unknown(name), suggest(name, known, label))
            ok = False
    return ok


def unknown_model(slug: str) -> str:
    """The message for a ``models`` entry naming no model page."""
    return f"未知车型 {slug!r}（没有 content/models/{slug}.md）"
