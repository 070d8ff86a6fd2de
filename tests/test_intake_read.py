"""Reading the exports staff actually send: encodings, Excel workbooks, broken quoting, JSON Lines values."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from conftest import write

from build_tools.intake import IntakeSummary, Merge, Skipped
from build_tools.intake.read import BadRow, ExportError, Row, detect_encoding, load_mapping, read_export

ZONE = ZoneInfo("Asia/Shanghai")
TEXT = "提交时间,问题内容\n2025-03-18 10:30,首保多少公里\n2025-03-19 09:00,保养要预约吗\n"


def questions(rows: list[Row | BadRow]) -> list[object]:
    return [r.question if isinstance(r, Row) else (r.number, r.reason) for r in rows]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(tmp_path: Path, codec: str) -> None:
    raw = TEXT.replace(",", "\t").encode(codec)
    assert detect_encoding(raw) == codec
    rows, encoding = read_export(write(tmp_path, "desk.txt", raw), load_mapping())
    assert encoding == codec and questions(rows) == ["首保多少公里", "保养要预约吗"]


def workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_with_chinese_headers_is_read_even_renamed_csv(tmp_path: Path) -> None:
    data = workbook([
        ["记录编号", "提交时间", "客户姓名", "问题内容", "咨询车型"],
        [1001, dt.datetime(2025, 3, 18, 10, 30), "张三", "首保多少公里", "欧蓝德"],
        [None, None, None, None, None],  # an empty row: skipped silently
        [1002, "2025/3/19 9:05", "李四", "保养要预约吗", None],
        [1003, 45734.4375, "王五", None, None],
    ])
    rows, encoding = read_export(write(tmp_path, "2025-03.csv", data), load_mapping())  # renamed by hand
    assert encoding == "xlsx"
    assert rows == [
        Row(2, "首保多少公里", dt.datetime(2025, 3, 18, 10, 30, tzinfo=ZONE), "欧蓝德", "1001"),
        Row(4, "保养要预约吗", dt.datetime(2025, 3, 19, 9, 5, tzinfo=ZONE), "", "1002"),
        BadRow(5, "问题内容为空（列“问题内容”）"),
    ]


def test_a_broken_quote_costs_its_own_row_and_nothing_else(tmp_path: Path) -> None:
    text = (
        "提交时间,客户姓名,问题内容\n"
        '2025-03-18 10:30,张三,"首保多少公里\n'          # row 2: the quote is never closed
        "2025-03-18 11:00,李四,保养要预约吗\n"
        '2025-03-18 12:00,王五,"问题里有换行，\n也有逗号, 这是一格"\n'  # row 4: a real multi-line cell
        "2025-03-18 13:00,赵六,可以试驾吗\n"
        '2025-03-18 14:00,钱七,"最后一行也没闭合\n'
    )
    rows, _ = read_export(write(tmp_path, "x.csv", text), load_mapping())
    broken = "CSV 格式错误：引号没有闭合（这一行的问题里可能有英文双引号 \"） — 这一行未导入，后面的行照常导入"
    assert questions(rows) == [(2, broken), "保养要预约吗", "问题里有换行，\n也有逗号, 这是一格", "可以试驾吗", (6, broken)]


def test_json_lines_lists_are_joined_and_objects_reported(tmp_path: Path) -> None:
    text = (
        '{"time": "2025-03-18 10:30", "question": ["首保多少公里", "在哪里做"], "id": 7}\n'
        '{"time": "2025-03-18 10:31", "question": {"text": "嵌套"}}\n'
    )
    rows, _ = read_export(write(tmp_path, "x.jsonl", text), load_mapping())
    assert rows[0] == Row(1, "首保多少公里；在哪里做", dt.datetime(2025, 3, 18, 10, 30, tzinfo=ZONE), "", "7")
    assert rows[1] == BadRow(2, "列“question”应为文字，实际是JSON 对象 — 请检查导出设置")


def zip_of(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, "x")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 ...", "无法读取，这个文件看起来是PDF 文件 — 请导出为 CSV 或 Excel（.xlsx）"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "无法读取，这个文件看起来是旧版 Excel（.xls）或 Word（.doc）文件 — 请在 Excel 里打开后“另存为” .xlsx 或 CSV 再导入"),
        (zip_of("word/document.xml"), "这不是表格导出文件，看起来是Word 文档（.docx） — 请导出为 CSV 或 Excel（.xlsx）"),
        (b"<html><table><tr><td>\xe9\x97\xae</td></tr></table></html>", "无法读取，这个文件看起来是网页（HTML/XML），不是 CSV — 请在 Excel 里打开后“另存为” .xlsx 或 CSV 再导入"),
        (bytes(range(256)) * 20, "无法识别文件内容（按 gb18030 读取大部分是乱码，不像是文字表格） — 请从咨询系统重新导出为 CSV（UTF-8）或 Excel（.xlsx）"),
    ],
)
def test_an_unreadable_file_is_named_for_what_it_looks_like(tmp_path: Path, data: bytes, message: str) -> None:
    export = write(tmp_path, "export.csv", data)
    with pytest.raises(ExportError) as info:
        read_export(export, load_mapping())
    assert str(info.value) == f"{export}: {message}"


def test_the_terminal_summary_stays_short_however_large_the_run() -> None:
    summary = IntakeSummary(export="big.csv", encoding="utf-8", rows_read=100_000)
    summary.new_drafts = [f"faq/inbox/q-{i}.md" for i in range(30_000)]
    summary.merges = [Merge(i, "问题", "faq/a.md", "问题", 0.9) for i in range(60_000)]
    summary.skipped = [Skipped(i, "问题内容为空") for i in range(10_000)]
    short = summary.format()
    assert len(short.splitlines()) < 30 and len(short.encode()) < 3_000
    assert "  ……还有 29995 条，见 intake-report.md" in short
    full = summary.report()
    assert full.count("\n- 第 ") == 70_000 and "faq/inbox/q-29999.md" in full
