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
from collections.abc import Mapping as Mapping_
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from ..core.errors import Report
from ..core.frontmatter import read_yaml

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
    """Read a column mapping file (the shipped sample when ``path`` is None) with the authors' safe YAML loader."""
    path = path or DEFAULT_MAPPING
    report = Report()
    doc = read_yaml(path, str(path), report)
    if doc is None or report.errors:
        # Where and why, in the loader's words (a duplicate key, an alias, a syntax error …).
        raise ExportError(f"列名对照表无法使用：{report.errors[0]}")
    data = doc.data
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
    # UTF-16 without a BOM: every ASCII character (commas, digits, line ends) comes with a
    # zero byte, on the odd positions in little-endian, the even ones in big-endian.
    sample = raw[:4096]
    if len(sample) >= 4 and sample.count(0) * 4 >= len(sample):
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        return "utf-16-le" if odd > even else "utf-16-be"
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


class _NotText(Exception):
    """A value that is not text, a number or a list of them (a JSON object, say)."""


def _clean(value: object) -> str:
    """A cell's value as text: JSON lists of texts joined with ；, whole numbers without .0."""
    if value is None:
        return ""
    if isinstance(value, (bool, dict)):
        raise _NotText
    if isinstance(value, list):
        return "；".join(_clean(v) for v in value if _clean(v))
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _row(number: int, record: Mapping_[str, object], columns: dict[str, str], timezone: str) -> Row | BadRow:
    values: dict[str, str] = {}
    for name, header in columns.items():
        try:
            values[name] = _clean(record.get(header))
        except _NotText:
            kind = "true/false" if isinstance(record.get(header), bool) else "JSON 对象"
            return BadRow(number, f"列“{header}”应为文字，实际是{kind} — 请检查导出设置")
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


# What a file that is not a text export looks like, by its first bytes.
_MAGIC = (
    (b"%PDF", "PDF 文件"),
    (b"\xd0\xcf\x11\xe0", "旧版 Excel（.xls）或 Word（.doc）文件"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
)
_SAVE_AS = "请在 Excel 里打开后“另存为” .xlsx 或 CSV 再导入"


def _zip_kind(raw: bytes) -> str:
    """What a ZIP file holds: an Excel workbook, a Word or other document, or something else."""
    import zipfile

    try:
        names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
    except zipfile.BadZipFile:
        return "损坏的压缩文件"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "Word 文档（.docx）"
    if "content.xml" in names:
        return "OpenDocument 文件（.ods/.odt）"
    return "ZIP 压缩包"


def read_export(path: Path, mapping: Mapping, timezone: str = "Asia/Shanghai") -> tuple[list[Row | BadRow], str]:
    """Every row of ``path`` (CSV, Excel .xlsx or JSON Lines) in file order, and what it was read as.

    The kind of file is recognised from its bytes, not its name (an .xlsx renamed .csv is
    read as the workbook it is). Raises :class:`ExportError` when the file as a whole
    cannot be used, saying what it looks like.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExportError(f"{path}: 无法读取导出文件（{exc.strerror or exc}） — 检查 FILE= 后面的路径") from exc
    if raw.startswith(b"PK\x03\x04"):
        kind = _zip_kind(raw)
        if kind != "xlsx":
            raise ExportError(f"{path}: 这不是表格导出文件，看起来是{kind} — 请导出为 CSV 或 Excel（.xlsx）")
        return list(_read_xlsx(raw, mapping, timezone, path)), "xlsx"
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            hint = _SAVE_AS if "Excel" in kind else "请导出为 CSV 或 Excel（.xlsx）"
            raise ExportError(f"{path}: 无法读取，这个文件看起来是{kind} — {hint}")
    encoding = detect_encoding(raw)
    text = raw.decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ExportError(f"{path}: 导出文件是空的 — 请重新导出")
    broken = text.count("\ufffd") + sum(not ch.isprintable() and ch not in "\r\n\t" for ch in text[:4096])
    if broken * 10 > min(len(text), 4096):
        raise ExportError(
            f"{path}: 无法识别文件内容（按 {encoding} 读取大部分是乱码，不像是文字表格） — "
            f"请从咨询系统重新导出为 CSV（UTF-8）或 Excel（.xlsx）"
        )
    is_jsonl = path.suffix.lower() in {".jsonl", ".ndjson"} or (
        path.suffix.lower() != ".csv" and text.lstrip().startswith("{")
    )
    if is_jsonl:
        return list(_read_jsonl(text, mapping, timezone)), encoding
    # Line ends only: str.splitlines would also split inside a cell holding U+2028 or a form feed.
    lines = re.split(r"\r\n|\r|\n", text)
    if text.lstrip().lower().startswith(("<html", "<!doctype", "<?xml", "<table")):
        raise ExportError(f"{path}: 无法读取，这个文件看起来是网页（HTML/XML），不是 CSV — {_SAVE_AS}")
    return list(_read_csv(lines, mapping, timezone, path)), encoding


def _read_xlsx(raw: bytes, mapping: Mapping, timezone: str, path: Path) -> Iterator[Row | BadRow]:
    """The rows of the first worksheet of an Excel workbook; row numbers are Excel's."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ExportError(f"{path}: Excel 文件已损坏，无法打开（{type(exc).__name__}） — {_SAVE_AS}") from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        headers: list[str] | None = None
        number = 0
        for number, values in enumerate(rows, start=1):
            if headers is None:
                if any(v not in (None, "") for v in values):
                    headers = [_clean(v) if not isinstance(v, (dict, bool)) else "" for v in values]
                    columns = mapping.resolve(headers)
                    index = {name: headers.index(header) for name, header in columns.items()}
                continue
            if not any(v not in (None, "") and str(v).strip() for v in values):
                continue
            cells = list(values) + [None] * (len(headers) - len(values))
            record = {columns[name]: cells[i] for name, i in index.items()}
            yield _row(number, record, columns, timezone)
        if headers is None:
            raise ExportError(f"{path}: Excel 文件的第一个工作表是空的 — 请把顾客问题放在第一个工作表，第一行为列名")
    finally:
        workbook.close()


_SEPARATORS = (",", "\t", ";")


def _read_csv(lines: list[str], mapping: Mapping, timezone: str, path: Path) -> Iterator[Row | BadRow]:
    """CSV rows, read record by record so that a broken quote costs one row, never the next ones.

    A quoted cell may hold line breaks; a record is the physical lines up to the one
    that closes its quotes. When a record does not close within the file, or a line
    inside it is a complete row of its own, the quote was never closed: that row is
    reported and reading goes on with the next line.
    """
    first_line = lines[0] if lines else ""
    # Excel saves "CSV" with commas; "Unicode text" and some desk exports use tabs or semicolons.
    delimiter = max(_SEPARATORS, key=first_line.count)

    def parse(text: str) -> list[str] | None:
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
        except csv.Error:
            return None
        return rows[0] if len(rows) == 1 else [] if not rows else None

    header_cells = parse(first_line)
    if not header_cells:
        raise ExportError(f"{path}: 无法读取表头 — 第一行应为列名，用逗号分隔")
    headers = [h.strip() for h in header_cells]
    columns = mapping.resolve(headers)
    index = {name: headers.index(header) for name, header in columns.items()}
    width = len(headers)
    number = 1
    i = 1
    while i < len(lines):
        number += 1
        start = i
        record = lines[i]
        i += 1
        cells = parse(record)
        if cells is None:
            # Open quotes: take following lines while they belong to this record.
            while i < len(lines):
                alone = parse(lines[i])
                if alone is not None and len(alone) == width:
                    break  # a complete row of its own: the quote above was never closed
                record += "\n" + lines[i]
                i += 1
                cells = parse(record)
                if cells is not None:
                    break
            if cells is None:
                i = start + 1
                yield BadRow(number, "CSV 格式错误：引号没有闭合（这一行的问题里可能有英文双引号 \"） — 这一行未导入，后面的行照常导入")
                continue
        if not any(c.strip() for c in cells):
            continue  # blank line: nothing to import, nothing to report
        if len(cells) != width:
            yield BadRow(number, f"列数不对：应有 {width} 列，实际 {len(cells)} 列（可能是问题里的英文逗号或引号没有加引号）")
            continue
        record_values = {header: cells[k] for header, k in ((columns[name], index[name]) for name in columns)}
        yield _row(number, record_values, columns, timezone)


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
