"""Read an export of customer questions: detect its encoding, map its columns, parse its rows.

Exports come from the consultation desk and web forms as CSV — UTF-8 (with or without a
BOM) or GB18030/GBK as Excel saves it on Chinese Windows — or as JSON Lines. The encoding
is detected from the bytes, never assumed. Column names are mapped through a YAML file
(:func:`load_mapping`) so Chinese headers such as 提交时间, 问题内容, 咨询车型 work.

A row that cannot be used is returned as a :class:`BadRow` (row number and reason, never
the row's content, which may hold personal data) so the caller skips it and carries on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

FIELDS = ("question", "received", "model", "id")
REQUIRED = ("question", "received")
DEFAULT_MAPPING = Path(__file__).with_name("mapping.yml")


class ExportError(Exception):
    """The export (or its mapping) cannot be read at all; the message is for staff."""


@dataclass(frozen=True)
class Mapping:
    """For each field, the header names it may appear under, in order of preference."""

    columns: dict[str, tuple[str, ...]]

    def resolve(self, headers: list[str]) -> dict[str, str]:
        """field -> the header of this file that holds it; raise when a required one is missing."""
        by_key = {_header_key(h): h for h in headers}
        found: dict[str, str] = {}
        for name in FIELDS:
            for alias in self.columns.get(name, ()):
                if _header_key(alias) in by_key:
                    found[name] = by_key[_header_key(alias)]
                    break
        missing = [name for name in REQUIRED if name not in found]
        if missing:
            wanted = "；".join(f"{name}（可用列名：{'、'.join(self.columns.get(name, ())) or '无'}）" for name in missing)
            raise ExportError(
                f"找不到必需的列：{wanted}。文件里的列是：{'、'.join(h for h in headers if h) or '（无）'} — "
                "在列名对照表（build_tools/intake/mapping.yml 或 --mapping 指定的文件）里加上这个文件用的列名"
            )
        return found


def _header_key(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name))).casefold()


def load_mapping(path: Path | None = None) -> Mapping:
    """Read a column mapping file (the shipped sample when ``path`` is None)."""
    path = path or DEFAULT_MAPPING
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ExportError(f"{path}: 无法读取列名对照表（{exc.strerror or exc}） — 检查 --mapping 后面的路径") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ExportError(f"{path}: 列名对照表格式错误（{exc}） — 参考 build_tools/intake/mapping.yml 的写法") from exc
    columns = data.get("columns") if isinstance(data, dict) else None
    if not isinstance(columns, dict):
        raise ExportError(f"{path}: 列名对照表应有 columns: 部分 — 参考 build_tools/intake/mapping.yml 的写法")
    result: dict[str, tuple[str, ...]] = {}
    for name, aliases in columns.items():
        if name not in FIELDS:
            raise ExportError(f"{path}: 未知字段 {name!r} — columns 下只能写 {'、'.join(FIELDS)}")
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, (str, int)) for a in aliases):
            raise ExportError(f"{path}: {name} 应为列名列表 — 例如 {name}: [问题内容, 咨询内容]")
        result[name] = tuple(str(a) for a in aliases)
    for name in REQUIRED:
        if not result.get(name):
            raise ExportError(f"{path}: 缺少 {name} 的列名 — 例如 {name}: [问题内容]")
    return Mapping(result)


@dataclass(frozen=True)
class Row:
    """One usable row: its number as staff see it (Excel row, or JSON Lines line) and its values."""

    number: int
    question: str
    received: dt.datetime
    model: str = ""
    id: str = ""


@dataclass(frozen=True)
class BadRow:
    """A row that is skipped, and why (in Chinese, for staff)."""

    number: int
    reason: str


def detect_encoding(raw: bytes) -> str:
    """The encoding of an export: a BOM decides; else strict UTF-8; else GB18030 (a superset of GBK).

    When neither decodes cleanly, the one with fewer broken bytes wins; the rows holding
    the broken bytes are then reported and skipped (see :func:`read_export`).
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            raw.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            pass
    broken = {e: raw.decode(e, errors="replace").count("\ufffd") for e in ("utf-8", "gb18030")}
    return min(broken, key=lambda e: broken[e])


_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d",
    "%Y.%m.%d %H:%M:%S", "%Y.%m.%d %H:%M", "%Y.%m.%d",
    "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日%H:%M", "%Y年%m月%d日",
)


# Excel stores a date as days since 1899-12-30 and shows it as a number (45734.4375)
# when a column lost its date format before export; only 2000–2099 is taken as a date.
_EXCEL_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_EXCEL_RANGE = (36526, 73051)


def parse_received(value: str, timezone: str) -> dt.datetime | None:
    """A submission time as an aware datetime in the dealer's zone; naive times are local."""
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        return None
    zone = ZoneInfo(timezone)
    parsed: dt.datetime | None = None
    if _EXCEL_SERIAL.match(text) and _EXCEL_RANGE[0] <= float(text) <= _EXCEL_RANGE[1]:
        seconds = round(float(text) * 86400)
        return (_EXCEL_EPOCH + dt.timedelta(seconds=seconds)).replace(tzinfo=zone)
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for fmt in _DATE_FORMATS:
            try:
                parsed = dt.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=zone)
    return parsed.astimezone(zone)


def _clean(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _row(number: int, record: dict[str, object], columns: dict[str, str], timezone: str) -> Row | BadRow:
    values = {name: _clean(record.get(header)) for name, header in columns.items()}
    if any("\ufffd" in v for v in values.values()):
        return BadRow(number, "含有无法识别的字符（文件编码损坏），请检查这一行")
    question = values.get("question", "")
    if not question:
        return BadRow(number, f"问题内容为空（列“{columns['question']}”）")
    received_text = values.get("received", "")
    received = parse_received(received_text, timezone)
    if received is None:
        what = "为空" if not received_text else "无法识别（应类似 2025-03-18 10:30）"
        return BadRow(number, f"提交时间{what}（列“{columns['received']}”）")
    return Row(number, question, received, values.get("model", ""), values.get("id", ""))


def read_export(path: Path, mapping: Mapping, timezone: str = "Asia/Shanghai") -> tuple[list[Row | BadRow], str]:
    """Every row of ``path`` (CSV or JSON Lines) in file order, and the detected encoding.

    Raises :class:`ExportError` when the file as a whole cannot be used.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExportError(f"{path}: 无法读取导出文件（{exc.strerror or exc}） — 检查 FILE= 后面的路径") from exc
    encoding = detect_encoding(raw)
    text = raw.decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ExportError(f"{path}: 导出文件是空的 — 请重新导出")
    is_jsonl = path.suffix.lower() in {".jsonl", ".ndjson"} or (
        path.suffix.lower() != ".csv" and text.lstrip().startswith("{")
    )
    rows = list(_read_jsonl(text, mapping, timezone) if is_jsonl else _read_csv(text, mapping, timezone, path))
    return rows, encoding


def _read_csv(text: str, mapping: Mapping, timezone: str, path: Path) -> Iterator[Row | BadRow]:
    sample = text[:4096]
    first_line = sample.split("\n", 1)[0]
    # Excel saves "CSV" with commas; "Unicode text" and some desk exports use tabs or semicolons.
    delimiter = max([",", "\t", ";"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise ExportError(f"{path}: 无法读取表头（{exc}） — 第一行应为列名") from exc
    columns = mapping.resolve(headers)
    index = {name: headers.index(header) for name, header in columns.items()}
    number = 1
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield BadRow(number, f"CSV 格式错误（{exc}）")
            continue
        if not any(c.strip() for c in cells):
            continue  # blank line: nothing to import, nothing to report
        if len(cells) != len(headers):
            yield BadRow(number, f"列数不对：应有 {len(headers)} 列，实际 {len(cells)} 列（可能是问题里的英文逗号或引号没有加引号）")
            continue
        record = {header: cells[i] for header, i in ((columns[name], index[name]) for name in columns)}
        yield _row(number, record, columns, timezone)


def _read_jsonl(text: str, mapping: Mapping, timezone: str) -> Iterator[Row | BadRow]:
    columns: dict[str, str] | None = None
    # Split on line feeds only: str.splitlines would also split inside strings holding U+2028.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRow(number, f"不是有效的 JSON（{exc.msg}，第 {exc.colno} 个字符）")
            continue
        if not isinstance(record, dict):
            yield BadRow(number, "应为一个 JSON 对象（{…}）")
            continue
        record = {str(k).strip(): v for k, v in record.items()}
        if columns is None or any(h not in record for h in columns.values()):
            try:
                columns = mapping.resolve(list(record))
            except ExportError as exc:
                yield BadRow(number, str(exc).split(" — ")[0])
                columns = None
                continue
        yield _row(number, record, columns, timezone)
