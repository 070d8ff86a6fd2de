"""Intake: exports of customer questions become FAQ drafts — de-duplicated, masked, idempotent."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import random
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import content_check, mkdocs_build, run, write
from conftest import snapshot as full_snapshot

from build_tools.core.settings import Paths
from build_tools.core.vocabulary import Vocabulary
from build_tools.intake import IntakeError, run_intake
from build_tools.intake import write as intake_write
from build_tools.intake.privacy import mask, strip_contact
from build_tools.intake.read import BadRow, ExportError, Row, detect_encoding, load_mapping, parse_received, read_export
from build_tools.intake.similar import THRESHOLD, Analyzer, Matcher, compare
from build_tools.intake.write import WriteError, set_asked


def snapshot(root: Path) -> dict[str, bytes]:
    """The site's files without intake's report (rewritten by every run, dry runs too; git-ignored)."""
    return {rel: data for rel, data in full_snapshot(root).items() if rel != "intake-report.md"}

VOCABULARY = """\
words: [阿尔法, 贝塔, 首保, 小保养]
synonyms:
  - [保养, 维护]
  - [试驾, 试车]
  - [贷款, 按揭]
categories:
  maintenance: [保养, 首保, 机油, 小保养]
  buying: [贷款, 首付, 试驾, 提车, 上牌]
"""

HEADERS = ["提交时间", "客户姓名", "手机号", "咨询车型", "问题内容"]

# (提交时间, 客户姓名, 手机号, 咨询车型, 问题内容) — in file order; the header is row 1.
ROWS: list[list[str]] = [
    ["2025-03-18 09:00:00", "张三", "13812345678", "阿尔法", "新车首保是多少公里"],                              # 2 merge first-service
    ["2025/3/18 10:30", "李四", "13912345678", "", "请问新车的首保是多少公里啊？"],                            # 3 merge first-service
    ["2025-03-18 11:00", "王五", "", "", "你好，小保养多少钱"],                                                 # 4 merge service-cost
    ["2025-03-19 08:00", "", "", "", "用什么机油？？"],                                                         # 5 merge oil-grade (no asked line)
    ["2025-03-19 09:15", "赵六", "", "阿尔法 2.0L", "阿尔法可以试驾吗？我的微信 zhang_san88"],                        # 6 new, alpha, buying
    ["2025-03-19 09:40", "", "", "", "阿尔法能试车吗"],                                                         # 7 merge into row 6's draft
    ["2025-03-19 10:00", "", "", "贝塔", "可以试驾吗"],                                                         # 8 new: other model
    ["2025-03-20 10:00", "", "", "", "车牌湘A·12345的车保养到期了吗，身份证43010219900307123X"],               # 9 new, maintenance
    ["2025-03-20 11:00", "", "", "", "VIN LSGJA52U1XX123456 变速箱有异响，邮箱 wang.wu@example.com，座机0731-88880000"],  # 10 new, no category
    ["2025-03-20 12:00", "钱七", "", "", ""],                                                                   # 11 empty question
    ["昨天", "", "", "", "这行的时间不对"],                                                                      # 12 bad date
    ["2025-03-19 09:15", "赵六", "", "阿尔法 2.0L", "阿尔法可以试驾吗？我的微信 zhang_san88"],                        # 13 same record as row 6
    ["2025-03-21 08:00", "", "", "", "13700001111"],                                                            # 14 only personal data
    ["2025-03-21 09:00", "", "", "", "粤BD12345 新能源车怎么上牌，手机 +86 137-0000-2222"],                    # 15 new, plate + mobile
]
BROKEN_LINE = '2025-03-22 08:00,孙八,"引号没有闭合\n'                                                             # 16 wrong column count

RAW_PERSONAL = ["13812345678", "13912345678", "zhang_san88", "湘A·12345", "43010219900307123X", "LSGJA52U1XX123456",
                "wang.wu@example.com", "0731-88880000", "13700001111", "粤BD12345", "137-0000-2222", "张三", "赵六", "钱七"]

EXPECTED_DRAFTS = {
    # question: (category line, date, models line, asked[, phrasings merged in])
    "阿尔法可以试驾吗？": ("category: buying  # 自动猜测（关键词：试驾），请确认", "2025-03-19", "models: [alpha]", 2, ["阿尔法能试车吗"]),
    "可以试驾吗": ("category: buying  # 自动猜测（关键词：试驾），请确认", "2025-03-19", "models: [beta]", 1),
    "车牌【车牌号】的车保养到期了吗": ("category: maintenance  # 自动猜测（关键词：保养），请确认", "2025-03-20", None, 1),
    "变速箱有异响": ("category:  # 待填写：maintenance、buying、empty 之一", "2025-03-20", None, 1),
    "新能源车怎么上牌": ("category: buying  # 自动猜测（关键词：上牌），请确认", "2025-03-21", None, 1),
}
EXPECTED_SKIPPED = [
    (11, "问题内容为空（列“问题内容”）"),
    (12, "提交时间无法识别（应类似 2025-03-18 10:30）（列“提交时间”）"),
    (13, "与第 6 行是同一条记录（时间和内容完全相同）"),
    (14, "问题里没有可用的文字（只有标点、表情、个人信息或“请联系我”）"),
    (15, None),
    (16, "CSV 格式错误：引号没有闭合（这一行的问题里可能有英文双引号 \"） — 这一行未导入，后面的行照常导入"),
]


def prepare(root: Path) -> Paths:
    """The fixture site plus a vocabulary and a second model, as intake needs them."""
    write(root, "faq/vocabulary.yml", VOCABULARY)
    alpha = (root / "content/models/alpha.md").read_text(encoding="utf-8")
    write(root, "content/models/beta.md", alpha.replace("name: 阿尔法", "name: 贝塔", 1))
    return Paths(root=root, docs_dir=root / "content", faq_dir=root / "faq")


def csv_text(rows: list[list[str]] = ROWS, broken: bool = True) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # as Excel writes it
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return buffer.getvalue() + (BROKEN_LINE if broken else "")


def jsonl_text() -> str:
    lines = [json.dumps({"created_at": r[0], "name": r[1], "phone": r[2], "model": r[3], "question": r[4]}, ensure_ascii=False) for r in ROWS]
    return "\n".join(lines) + "\n{\"question\": \"缺了右括号\"\n"


EXPORTS = {
    "utf-8": lambda: csv_text().encode("utf-8"),
    "utf-8-bom": lambda: b"\xef\xbb\xbf" + csv_text().encode("utf-8"),
    "gb18030": lambda: csv_text().encode("gb18030"),
    "jsonl": lambda: jsonl_text().encode("utf-8"),
}


def export_file(tmp_path: Path, kind: str) -> Path:
    suffix = ".jsonl" if kind == "jsonl" else ".csv"
    path = tmp_path / "exports" / f"questions-{kind}{suffix}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(EXPORTS[kind]())
    return path


def draft_text(question: str, category: str, date: str, models: str | None, asked: int, also: list[str] | None = None) -> str:
    lines = ["---", "# 顾客提问，由 make intake 导入。写好回答（下面 --- 之后）、确认分类，再删除 draft: true 即可发布。",
             f"question: {question}", category, f"date: {date}"]
    if models:
        lines.append(models)
    lines += [f"asked: {asked}", "draft: true"]
    if also:
        lines.append("# 也有顾客这样问（已合并，计入 asked；若问的是别的问题，请删掉这一行、asked 减 1，并另建问题）：")
        lines += [f"#   {text}" for text in also]
    return "\n".join(lines + ["---", ""])


# --- a whole run, in every encoding -----------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_export_becomes_drafts_merges_and_masked_text(site_src: Path, tmp_path: Path, kind: str) -> None:
    paths = prepare(site_src)
    before = snapshot(site_src)
    summary = run_intake(export_file(tmp_path, kind), paths)
    after = snapshot(site_src)

    assert summary.encoding == {"utf-8": "utf-8", "utf-8-bom": "utf-8-sig", "gb18030": "gb18030", "jsonl": "utf-8"}[kind]
    assert summary.rows_read == 15
    assert len(summary.new_drafts) == 5
    assert len(summary.merges) == 5
    skipped = [(s.row, s.reason) for s in summary.skipped]
    if kind == "jsonl":  # the broken line is line 15 of the JSON Lines file (no header line)
        assert [r for r, _ in skipped] == [10, 11, 12, 13, 15]
        assert skipped[-1][1].startswith("不是有效的 JSON")
    else:
        assert skipped == [s for s in EXPECTED_SKIPPED if s[0] != 15]
    assert summary.masked == {"微信号": 1, "车牌号": 2, "身份证号": 1, "车架号": 1, "邮箱": 1, "电话": 1, "手机号": 2}

    # Existing entries: only the asked line changed (or, when absent, one line added).
    changed = {rel for rel in before if before[rel] != after.get(rel)}
    assert changed == {"faq/maintenance/first-service.md", "faq/maintenance/service-cost.md", "faq/maintenance/oil-grade.md"}
    assert after["faq/maintenance/first-service.md"] == before["faq/maintenance/first-service.md"].replace(b"asked: 57\n", b"asked: 59\n")
    assert after["faq/maintenance/service-cost.md"] == before["faq/maintenance/service-cost.md"].replace(b"asked: 12\n", b"asked: 13\n")
    assert after["faq/maintenance/oil-grade.md"] == before["faq/maintenance/oil-grade.md"].replace(
        b"date: 2024-11-02\n---", b"date: 2024-11-02\nasked: 1\n---")
    assert summary.asked == {"faq/maintenance/first-service.md": (57, 59), "faq/maintenance/service-cost.md": (12, 13), "faq/maintenance/oil-grade.md": (0, 1)}

    # New files: exactly the drafts and the ledger, in faq/inbox/.
    new = {rel: data.decode() for rel, data in after.items() if rel not in before}
    assert set(new) == {"faq/inbox/.ledger", *summary.new_drafts}
    drafts = {re.search(r"^question: (.*)$", text, re.M).group(1): (rel, text) for rel, text in new.items() if rel.endswith(".md")}
    assert set(drafts) == set(EXPECTED_DRAFTS)
    for question, (category, date, models, asked, *also) in EXPECTED_DRAFTS.items():
        rel, text = drafts[question]
        assert re.fullmatch(rf"faq/inbox/q-{date.replace('-', '')}-[0-9a-f]{{6}}\.md", rel)
        if category is not None:
            assert text == draft_text(question, category, date, models, asked, *also)
    merges = {(m.row, m.target) for m in summary.merges}
    row6 = drafts["阿尔法可以试驾吗？"][0]
    offset = 1 if kind == "jsonl" else 0  # JSON Lines has no header line
    assert merges == {(r - offset, t) for r, t in [(2, "faq/maintenance/first-service.md"), (3, "faq/maintenance/first-service.md"),
                                                   (4, "faq/maintenance/service-cost.md"), (5, "faq/maintenance/oil-grade.md"), (7, row6)]}
    assert all(THRESHOLD <= m.score <= 1 for m in summary.merges)

    # Ledger: one fingerprint per imported row, and nothing personal in any file.
    ledger = new["faq/inbox/.ledger"].splitlines()
    assert len([line for line in ledger if not line.startswith("#")]) == 10
    for rel, data in after.items():
        for secret in RAW_PERSONAL:
            assert secret.encode() not in data, (rel, secret)


def test_second_run_changes_nothing(site_src: Path, tmp_path: Path) -> None:
    paths = prepare(site_src)
    export = export_file(tmp_path, "gb18030")
    run_intake(export, paths)
    first = snapshot(site_src)
    again = run_intake(export, paths)
    assert snapshot(site_src) == first
    # Ten rows were imported; row 13 repeats row 6's record, so it is in the ledger too.
    assert (again.new_drafts, again.merges, again.asked, again.already_imported) == ([], [], {}, 11)
    assert "没有新内容，没有修改任何文件。" in again.format()
    # The same questions in another encoding are the same rows.
    assert run_intake(export_file(tmp_path, "utf-8-bom"), paths).already_imported == 11
    assert snapshot(site_src) == first


def test_later_export_merges_into_earlier_drafts(site_src: Path, tmp_path: Path) -> None:
    paths = prepare(site_src)
    run_intake(export_file(tmp_path, "utf-8"), paths)
    later = tmp_path / "exports" / "later.csv"
    later.write_text(csv_text([["2025-04-01 10:00", "", "", "贝塔", "请问可以试车吗？"]], broken=False), encoding="utf-8")
    summary = run_intake(later, paths)
    [merge] = summary.merges
    assert merge.target_question == "可以试驾吗" and merge.question == "请问可以试车吗？"
    assert summary.asked == {merge.target: (1, 2)}
    assert "asked: 2\n" in (site_src / merge.target).read_text()


def test_model_column_alone_does_not_split_a_general_question(site_src: Path, tmp_path: Path) -> None:
    paths = prepare(site_src)
    export = tmp_path / "exports" / "general.csv"
    export.parent.mkdir()
    rows = [["2025-04-01 10:00", "", "", "阿尔法", "提车需要带什么证件"], ["2025-04-02 10:00", "", "", "贝塔", "提车要带什么证件？"],
            ["2025-04-03 10:00", "", "", "", "阿尔法油耗多少"], ["2025-04-04 10:00", "", "", "", "贝塔的油耗是多少"]]
    export.write_text(csv_text(rows, broken=False), encoding="utf-8")
    summary = run_intake(export, paths)
    # Rows 2 and 3 are the same general question (the column only says what was browsed);
    # rows 4 and 5 name their models in the text, and different ones: two more drafts.
    assert [(m.row, m.target) for m in summary.merges] == [(3, summary.new_drafts[0])]
    assert len(summary.new_drafts) == 3
    texts = [(site_src / rel).read_text() for rel in summary.new_drafts]
    assert [re.search(r"^models: .*$", t, re.M)[0] for t in texts] == ["models: [alpha]", "models: [alpha]", "models: [beta]"]


def test_check_and_strict_build_pass_with_unanswered_uncategorised_drafts(site_src: Path, tmp_path: Path) -> None:
    paths = prepare(site_src)
    summary = run_intake(export_file(tmp_path, "gb18030"), paths)
    [uncategorised] = [rel for rel in summary.uncategorised]
    result = content_check(site_src, "--strict")
    assert result.returncode == 0, result.stderr
    todos = [line for line in result.stdout.splitlines() if line.startswith("待办：")]
    assert len(todos) == 5 + 1  # five unanswered drafts (the fixture's own draft is answered) and one category
    assert any(line.startswith(f"待办：{uncategorised}:4: category: 草稿还没有分类 — 填写 faq/categories.yml 中的分类之一：maintenance、buying、empty")
               for line in todos), todos
    build = mkdocs_build(site_src)
    assert build.returncode == 0, build.stderr
    assert not any("inbox" in p.as_posix() or "q-2025" in p.as_posix() for p in (site_src / "site").rglob("*"))


# --- safety ---------------------------------------------------------------------------------


def test_interrupted_run_leaves_no_half_written_file_and_next_run_completes_it(site_src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = prepare(site_src)
    export = export_file(tmp_path, "utf-8")
    reference = copy_of(site_src, tmp_path / "reference")
    run_intake(export, prepare(reference))
    before = snapshot(site_src)

    real_replace = os.replace
    calls = 0

    def crash_after_two(src: str | Path, dst: str | Path) -> None:
        nonlocal calls
        calls += 1
        if calls == 4:  # journal written, two files renamed, then the power goes out
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(intake_write.os, "replace", crash_after_two)
    with pytest.raises(KeyboardInterrupt):
        run_intake(export, paths)
    monkeypatch.setattr(intake_write.os, "replace", real_replace)
    interrupted = snapshot(site_src)
    # Every file is either as before or complete; the journal says how to finish.
    for rel, data in interrupted.items():
        if rel.endswith(".md") and not Path(rel).name.startswith("."):
            assert data == before.get(rel) or data == snapshot(reference)[rel]
    assert "faq/inbox/.intake-journal" in interrupted
    # The next run finishes the interrupted one and then finds nothing new.
    summary = run_intake(export, paths)
    assert summary.new_drafts == [] and summary.already_imported == 11
    assert snapshot(site_src) == snapshot(reference)


def test_failure_before_renaming_changes_nothing(site_src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = prepare(site_src)
    before = snapshot(site_src)

    def disk_full(path: Path, data: bytes) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(intake_write, "_write_tmp", disk_full)
    with pytest.raises(OSError):
        run_intake(export_file(tmp_path, "utf-8"), paths)
    assert snapshot(site_src) == before


def test_a_second_run_while_one_is_going_stops_at_once(site_src: Path, tmp_path: Path) -> None:
    paths = prepare(site_src)
    before = snapshot(site_src)
    busy = r"^\.cache/intake\.lock: 另一个导入（make intake）正在进行 — 等它完成后再运行；本次没有修改任何文件$"
    # The lock held as a run in another window would hold it.
    with intake_write.exclusive(site_src / ".cache" / "intake.lock"), pytest.raises(IntakeError, match=busy):
        run_intake(export_file(tmp_path, "utf-8"), paths)
    assert snapshot(site_src) == before
    # Once it is done (or its process died: the lock goes with it), the next run goes ahead.
    assert run_intake(export_file(tmp_path, "utf-8"), paths).new_drafts


def test_content_errors_stop_the_run_before_anything_is_written(site_src: Path, tmp_path: Path) -> None:
    paths = prepare(site_src)
    write(site_src, "faq/maintenance/broken.md", "---\nquestion: 坏\ncategory: nope\ndate: 2025-01-01\n---\n\n答\n")
    before = snapshot(site_src)
    with pytest.raises(IntakeError, match=r"(?s)未知分类 'nope'.*请先修正以上内容错误"):
        run_intake(export_file(tmp_path, "utf-8"), paths)
    assert snapshot(site_src) == before


def test_missing_column_names_the_columns_and_the_mapping(site_src: Path, tmp_path: Path) -> None:
    paths = prepare(site_src)
    export = tmp_path / "x.csv"
    export.write_text("时间,内容\n2025-03-18,新车首保多少公里\n", encoding="utf-8")
    with pytest.raises(IntakeError) as info:
        run_intake(export, paths)
    assert str(info.value).startswith("找不到必需的列：question（可用列名：问题内容、咨询内容")
    assert "文件里的列是：时间、内容" in str(info.value)
    mapping = write(tmp_path, "mine.yml", "columns:\n  question: [内容]\n  received: [时间]\n")
    summary = run_intake(export, paths, mapping=load_mapping(mapping))
    assert summary.rows_read == 1 and len(summary.merges) == 1


def test_dry_run_writes_nothing(site_src: Path, tmp_path: Path) -> None:
    paths = prepare(site_src)
    before = snapshot(site_src)
    summary = run_intake(export_file(tmp_path, "utf-8"), paths, dry_run=True)
    assert len(summary.new_drafts) == 5 and snapshot(site_src) == before
    assert "试运行" in summary.format()


def test_new_draft_never_takes_an_existing_file_name(site_src: Path, tmp_path: Path) -> None:
    paths = prepare(site_src)
    probe = run_intake(export_file(tmp_path, "utf-8"), paths, dry_run=True)
    taken = Path(probe.new_drafts[0]).name
    # An unrelated published entry that happens to use that file name, in another folder.
    write(site_src, f"faq/buying/{taken}", "---\nquestion: 完全无关的问题\ncategory: buying\ndate: 2025-01-01\n---\n\n答\n")
    summary = run_intake(export_file(tmp_path, "utf-8"), paths)
    assert Path(summary.new_drafts[0]).stem.startswith(Path(taken).stem) and Path(summary.new_drafts[0]).name != taken
    assert (site_src / "faq/buying" / taken).read_text().startswith("---\nquestion: 完全无关的问题")


# --- the pieces -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("手机13812345678", "手机【手机号】"),
        ("打138 1234 5678或+86-139-1234-5678", "打【手机号】或【手机号】"),
        ("全角１３８１２３４５６７８", "全角【手机号】"),
        ("座机0731-88880000转123、(0731)8888 0000、（010）12345678", "座机【电话】、【电话】、【电话】"),
        ("我电话是 8888 0000", "我电话是 【电话】"),
        ("400-888-8888", "【电话】"),
        ("邮箱 Zhang.San+car@mail.example.com.cn", "邮箱 【邮箱】"),
        ("身份证43010219900307123X和430102199003071234", "身份证【身份证号】和【身份证号】"),
        ("湘A·12345 湘A12345 湘a 8z8z8 粤BD12345 京AF1234挂", "【车牌号】 【车牌号】 【车牌号】 【车牌号】 【车牌号】"),
        ("车架号LSGJA52U1XX123456，vin lsgja52u1xx123456", "车架号【车架号】，vin 【车架号】"),
        ("加微信 zhang_san88 或 QQ：12345678", "加微信 【微信号】 或 QQ：【QQ号】"),
        ("卡号6222 0212 3456 7890 123", "卡号【银行卡号】"),
        ("订单号 202503181234567", "订单号 【号码】"),
        # Not personal data: prices, mileages, dates, model names and an 11-digit-looking price list.
        ("首保5000公里免费吗？价格169800元，2025年3月18日到店", "首保5000公里免费吗？价格169800元，2025年3月18日到店"),
        ("劲炫ASX和欧蓝德2.4L哪个好，新车到了吗", "劲炫ASX和欧蓝德2.4L哪个好，新车到了吗"),
    ],
)
def test_masking(text: str, expected: str) -> None:
    masked, counts = mask(text)
    assert masked == expected
    assert sum(counts.values()) == expected.count("【")


# Development examples written before the held-out corpora arrived (tests/test_intake_corpus.py
# measures those): the forms of issue 12, and ordinary numbers that look like contact data.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('电话138.1234.5675', '电话【手机号】'),
        ('138—1234—5676', '【手机号】'),
        ('186/1234/5678', '【手机号】'),
        ('139\u200b1234\u200b5678', '【手机号】'),
        ('一三八一二三四五六七八', '【手机号】'),
        ('幺三八 幺二三四 五六七八', '【手机号】'),
        ('壹叁捌壹贰叁肆伍陆柒捌', '【手机号】'),
        ('打88888887找我', '打【电话】找我'),
        ('0731—88888870', '【电话】'),
        ('(0731)8888 0000转8001', '【电话】'),
        ('+86 731 8888 1234', '【电话】'),
        ('张伟@163.com', '【邮箱】'),
        ('zhaolei at 163 dot com', '【邮箱】'),
        ('wangfang@163。com', '【邮箱】'),
        ('chenjing#163.com', '【邮箱】'),
        ('李雷@例子.中国', '【邮箱】'),
        ('Li.Lei@MAIL.SHOP', '【邮箱】'),
        ('扣扣12345678', '扣扣【QQ号】'),
        ('Q号：87654321', 'Q号：【QQ号】'),
        ('企鹅号 1234567', '企鹅号 【QQ号】'),
        ('WeChat: zhang_san88', 'WeChat: 【微信号】'),
        ('weixin zhangsan_01', 'weixin 【微信号】'),
        ('V信 wangfang888', 'V信 【微信号】'),
        ('薇信abc12345', '薇信【微信号】'),
        ('vx：wxid_abc123', 'vx：【微信号】'),
        ('VIN lsgja 52u1x x1234 56', 'VIN 【车架号】'),
        ('护照E12345678', '护照【证件号】'),
        ('港澳通行证C12345678', '港澳通行证【证件号】'),
        ('回乡证H1234567801', '回乡证【证件号】'),
        ('台胞证12345678', '台胞证【证件号】'),
        ('我是张伟，想问首保', '我是【姓名】，想问首保'),
        ('我叫李娜想问', '我叫【姓名】想问'),
        ('本人王芳', '本人【姓名】'),
        ('我姓刘', '我姓【姓名】'),
        ('我是李先生', '我是【姓名】'),
        ('我是欧阳娜娜', '我是【姓名】'),
        ('住3栋2单元501室', '住【门牌号】'),
        ('5号楼1单元302', '【门牌号】'),
        ('湘A·12345', '【车牌号】'),
        ('粤BD12345', '【车牌号】'),
        ('沪 a 1234d', '【车牌号】'),
        ('京AF1234挂', '【车牌号】'),
        ('身份证 430102 19900307 123X', '身份证 【身份证号】'),
        ('卡号6222 0212 3456 7890 123', '卡号【银行卡号】'),
        ('我是欧蓝德车主', '我是欧蓝德车主'),
        ('我是第一次买车', '我是第一次买车'),
        ('我是全款买的', '我是全款买的'),
        ('5000-10000公里', '5000-10000公里'),
        ('10000-20000元', '10000-20000元'),
        ('2023 2024 2025款', '2023 2024 2025款'),
        ('99800 115800 129800', '99800 115800 129800'),
        ('2025-03-18 10:30', '2025-03-18 10:30'),
        ('20250318提车', '20250318提车'),
        ('新ASX2025款', '新ASX2025款'),
        ('13800-15800元', '13800-15800元'),
        ('劲炫ASX 1.6L CVT 2025款 9.98万', '劲炫ASX 1.6L CVT 2025款 9.98万'),
        ('电话里说的2023 2024款', '电话里说的2023 2024款'),
        ('3年10万公里', '3年10万公里'),
        ('225/55 R18', '225/55 R18'),
        ('0W-20', '0W-20'),
        ('7座', '7座'),
        ('粤B牌照能上吗', '粤B牌照能上吗'),
        ('微信支付可以吗', '微信支付可以吗'),
    ],
)
def test_masking_development_examples(text: str, expected: str) -> None:
    assert mask(text, ["欧蓝德", "劲炫", "ASX"])[0] == expected


@pytest.mark.parametrize(
    ("masked", "question"),
    [
        ("欧蓝德有没有混动版，联系【电话】", "欧蓝德有没有混动版"),
        ("欧蓝德有没有混动版 【邮箱】 请回复？", "欧蓝德有没有混动版？"),
        ("我是【姓名】，想问首保", "想问首保"),
        ("欧蓝德首保多少钱？我的电话【手机号】，麻烦回电", "欧蓝德首保多少钱？"),
        ("打【电话】找我", ""),
        ("车牌【车牌号】的车保养到期了吗", "车牌【车牌号】的车保养到期了吗"),  # part of the question: kept (masked)
        ("可以电话预约保养吗", "可以电话预约保养吗"),
    ],
)
def test_contact_requests_are_dropped_from_the_question(masked: str, question: str) -> None:
    assert strip_contact(masked) == question


VOCAB = Vocabulary(words=("欧蓝德", "奕歌", "首保", "上门试驾"), synonyms=(("保养", "维护"), ("定金", "订金"), ("贷款", "按揭"), ("试驾", "试车")))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("欧蓝德首保多少公里？", "欧蓝德的首保是多少公里", True),
        ("保养一次多少钱", "维护一次要多少钱？", True),
        ("你好，请问定金可以退吗？谢谢", "订金能退吗", True),
        ("贷款最低首付多少", "按揭首付最低多少", True),
        ("保養一次多少錢", "保养一次多少钱", True),
        ("你好，欧蓝德能不能试车", "欧蓝德可以试驾吗", True),
        ("油耗高不高呀", "油耗高吗", True),
        ("首保多少钱", "首保多少公里", False),
        ("可以上门试驾吗", "上门试驾收费吗", False),
        ("提车需要带什么", "提车流程是什么", False),
        ("变速箱油多久换", "机油多久换一次", False),
    ],
)
def test_similarity_threshold(a: str, b: str, same: bool) -> None:
    verdict = compare(Analyzer(VOCAB), a, b)
    assert verdict.merge is same, verdict


def test_questions_about_different_models_never_merge() -> None:
    analyzer = Analyzer(VOCAB, {"欧蓝德": "outlander", "outlander": "outlander", "奕歌": "eclipse-cross"})
    matcher = Matcher(analyzer)
    matcher.add("outlander", "欧蓝德油耗多少")
    matcher.add("general", "首保多少公里", ["outlander"])  # an entry listing models: [outlander]
    assert matcher.best("Outlander油耗是多少").key == "outlander"
    assert matcher.best("奕歌油耗是多少") is None
    assert matcher.best("油耗是多少") is None  # no model named, and nothing says which
    assert matcher.best("欧蓝德首保多少公里").key == "general"
    assert matcher.best("奕歌首保多少公里") is None
    # Equal scores: the question known first wins, whatever the hash seed.
    matcher.add("again", "欧蓝德油耗多少")
    assert matcher.best("欧蓝德油耗多少").key == "outlander"


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        ("---\nquestion: q\nasked: 3\n---\n\n答\n", 4, "---\nquestion: q\nasked: 4\n---\n\n答\n"),
        ("---\r\nquestion: q\r\nasked: 12  # 估计\r\ntags: [a]\r\n---\r\n\r\n答\r\n", 13, "---\r\nquestion: q\r\nasked: 13  # 估计\r\ntags: [a]\r\n---\r\n\r\n答\r\n"),
        ("\ufeff---\nquestion: q\nasked:\n---\n答\n", 2, "\ufeff---\nquestion: q\nasked: 2\n---\n答\n"),
        ("---\r\nquestion: q\r\n---\r\n答 asked: 9\r\n", 1, "---\r\nquestion: q\r\nasked: 1\r\n---\r\n答 asked: 9\r\n"),
    ],
)
def test_set_asked_changes_only_that_line(text: str, asked: int, expected: str) -> None:
    assert set_asked(text, asked) == expected


def test_set_asked_refuses_what_it_cannot_edit_safely() -> None:
    with pytest.raises(WriteError):
        set_asked("没有开头字段\n", 2)
    with pytest.raises(WriteError):
        set_asked("---\n{question: q, asked: 3}\n---\n答\n", 4)


def test_encoding_is_detected_not_assumed() -> None:
    text = "提交时间,问题内容\n2025-03-18,首保多少公里\n"
    assert detect_encoding(text.encode("utf-8")) == "utf-8"
    assert detect_encoding(b"\xef\xbb\xbf" + text.encode("utf-8")) == "utf-8-sig"
    assert detect_encoding(text.encode("gbk")) == "gb18030"
    assert detect_encoding(text.encode("gb18030")) == "gb18030"


def test_excel_unicode_text_export_with_serial_dates_is_read(tmp_path: Path) -> None:
    # Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated; a column that lost
    # its date format shows the date as Excel's serial number of days.
    text = "提交时间\t问题内容\n45734.4375\t首保多少公里？\n2025/3/19 9:05\t保养要预约吗？\n12345\t旧问题\n"
    export = write(tmp_path, "desk.txt", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))
    rows, encoding = read_export(export, load_mapping())
    assert encoding == "utf-16"
    first, second, third = rows
    assert isinstance(first, Row) and first.received == dt.datetime(2025, 3, 18, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert isinstance(second, Row) and second.question == "保养要预约吗？"
    # Too small to be a date of this century: reported, never guessed.
    assert third == BadRow(4, "提交时间无法识别（应类似 2025-03-18 10:30）（列“提交时间”）")
    assert parse_received("45734", "Asia/Shanghai") == dt.datetime(2025, 3, 18, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_mapping_errors_are_reported_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="未知字段 'phone'"):
        load_mapping(write(tmp_path, "m.yml", "columns:\n  question: [问题]\n  received: [时间]\n  phone: [手机]\n"))
    with pytest.raises(ExportError, match="缺少 received 的列名"):
        load_mapping(write(tmp_path, "m.yml", "columns:\n  question: [问题]\n"))


# --- the real command, on a few hundred GB18030 rows ---------------------------------------------

TOPICS = [
    ("{m}首保是多少公里？", "{m}的首保多少公里啊"),
    ("{m}保养一次多少钱", "请问{m}维护一次要多少钱？"),
    ("{m}可以试驾吗", "你好，{m}能不能试车"),
    ("{m}贷款首付最低多少", "{m}按揭最低首付多少？"),
    ("{m}油耗高不高", "{m}的油耗高不高呀"),
]
MODELS = ["阿尔法", "贝塔"]


def big_export(count: int, seed: int = 6) -> tuple[bytes, list[str]]:
    rng = random.Random(seed)
    secrets: list[str] = []
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["序号", "提交时间", "客户姓名", "联系电话", "咨询车型", "问题内容", "来源渠道"])
    for number in range(1, count + 1):
        model = rng.choice(MODELS)
        question = rng.choice(rng.choice(TOPICS)).format(m=model)
        phone = f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}"
        extra = rng.choice([
            "", f"，电话{phone}", f" 我的车牌湘A·{rng.randrange(10000, 99999)}",
            f"，邮箱 user{number}@example.com", f" 车架号 LSGJA52U{rng.randrange(10**8, 10**9)}",
        ])
        secrets += [s for s in re.findall(r"1[3578]\d{9}|湘A·\d{5}|user\d+@example\.com|LSGJA52U\d{9}", extra)]
        day = 1 + number % 28
        writer.writerow([number, f"2025-03-{day:02d} {number % 24:02d}:{number % 60:02d}:00", f"客户{number}", phone, model, question + extra, "官网"])
        secrets.append(phone)
    writer.writerow([count + 1, "2025-03-01 10:00:00", "坏行", "", "", "", "官网"])  # empty question
    return buffer.getvalue().encode("gb18030"), secrets


def total_asked(faq: Path) -> int:
    return sum(int(m[1]) for p in faq.rglob("*.md") if (m := re.search(r"^asked: (\d+)", p.read_text(), re.M)))


def test_cli_imports_a_few_hundred_gb18030_rows(site_src: Path) -> None:
    prepare(site_src)
    asked_before = total_asked(site_src / "faq")
    data, secrets = big_export(320)
    export = write(site_src, "exports/2025-03.csv", data)
    result = run(sys.executable, "-m", "build_tools", "intake", "-f", site_src / "mkdocs.yml", export, cwd=site_src)
    assert result.returncode == 0, result.stderr
    assert "导入进度 [" in result.stderr and "321/321 行" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"导入 {export}（编码 gb18030）"
    counts = re.match(r"读取 321 行：新草稿 (\d+) 个，合并 (\d+) 个，可能重复 \d+ 个，跳过 1 行，以前已导入 0 行。", lines[1])
    assert counts, lines[1]
    drafts, merges = int(counts[1]), int(counts[2])
    # 5 topics x 2 models at most: merged into counts instead of repeated, some into existing entries.
    assert drafts <= 10 and drafts + merges == 320
    inbox = sorted((site_src / "faq/inbox").glob("*.md"))
    assert len(inbox) == drafts
    assert total_asked(site_src / "faq") - asked_before == 320  # every question counted once
    assert "  第 322 行：问题内容为空（列“问题内容”）" in lines
    tree = snapshot(site_src / "faq")
    for rel, content in tree.items():
        for secret in secrets:
            assert secret.encode() not in content, (rel, secret)

    again = run(sys.executable, "-m", "build_tools", "intake", "-f", site_src / "mkdocs.yml", export, cwd=site_src)
    assert again.returncode == 0 and "以前已导入 320 行" in again.stdout and "没有修改任何文件" in again.stdout
    assert snapshot(site_src / "faq") == tree

    # Staff answer every draft (and pick a category where intake could not): the check is clean.
    for path in inbox:
        text = path.read_text()
        text = re.sub(r"^category:  # .*$", "category: buying", text, flags=re.M).replace("draft: true\n", "")
        path.write_text(text + "\n这是回答。\n", encoding="utf-8")
    check = content_check(site_src, "--strict")
    assert check.returncode == 0, check.stderr
    assert "待办" not in check.stdout


def test_cli_help_and_errors(site_src: Path, tmp_path: Path) -> None:
    help_text = run(sys.executable, "-m", "build_tools", "intake", "--help")
    assert help_text.returncode == 0 and "--mapping" in help_text.stdout and "--dry-run" in help_text.stdout
    missing = run(sys.executable, "-m", "build_tools", "intake", "-f", site_src / "mkdocs.yml", tmp_path / "nope.csv", cwd=site_src)
    assert missing.returncode == 1
    assert missing.stderr.startswith(f"导入失败：{tmp_path / 'nope.csv'}: 无法读取导出文件")


def copy_of(source: Path, dest: Path) -> Path:
    from conftest import copy_site

    return copy_site(source, dest)


def test_loader_draft_without_category_is_a_todo_but_a_published_entry_without_one_is_an_error(site_src: Path) -> None:
    from build_tools.site.content import load_content

    paths = prepare(site_src)
    write(site_src, "faq/inbox/q-1.md", "---\nquestion: 问一\ncategory:  # 待填写\ndate: 2025-03-18\nasked: 1\ndraft: true\n---\n")
    write(site_src, "faq/inbox/q-2.md", "---\nquestion: 问二\ncategory:\ndate: 2025-03-18\n---\n\n答\n")
    _, report = load_content(paths)
    assert [str(p) for p in report.todos if "q-1" in p.path] == [
        "faq/inbox/q-1.md:3: category: 草稿还没有分类 — 填写 faq/categories.yml 中的分类之一：maintenance、buying、empty",
        "faq/inbox/q-1.md:8: 草稿还没有回答 — 写好回答后删除 draft: true 这一行即可发布",
    ]
    assert [str(p) for p in report.errors] == [
        "faq/inbox/q-2.md:3: category: 必填字段不能为空 — 请填写一段文字，例如 category: maintenance（faq/categories.yml 中的分类键）"
    ]


# Pairs written for development (before and apart from tests/intake_corpus/pairs.tsv).
DEALER = Vocabulary(
    words=("欧蓝德", "奕歌", "劲炫", "首保", "三包", "落地价"),
    synonyms=(("保养", "维护"), ("试驾", "试车"), ("贷款", "按揭", "分期"), ("首付", "首期"), ("保修", "质保")),
)
DEALER_MODELS = {"欧蓝德": "outlander", "outlander": "outlander", "奕歌": "eclipse-cross", "劲炫": "asx", "asx": "asx"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("欧蓝德首保多少钱？", "欧蓝德三包多少钱？", False),
        ("奕歌首付多少", "奕歌利率多少", False),
        ("欧蓝德四驱版多少钱", "欧蓝德七座版多少钱", False),
        ("空调滤芯多久换一次", "机油滤芯多久换一次", False),
        ("欧蓝德油耗多少", "劲炫油耗多少", False),
        ("首保多少钱", "首保多久", False),
        ("欧蓝德2024款落地价", "欧蓝德2025款落地价", False),
        ("保养可以预约吗", "维修可以预约吗", False),
        ("欧蓝德有没有混动版，联系【电话】", "欧蓝德有没有混动版 【邮箱】 请回复？", True),
        ("欧蓝德首保多少钱", "歐藍德首保多少錢", True),
        ("奕哥能试车吗", "奕歌可以试驾吗", True),  # homophone typo of the model name
        ("劲炫ASX首保在多少公里做", "劲炫ASX多少公里做首保", True),
        ("首保免费吗", "第一次保养要钱吗", True),
        ("欧蓝德按揭首期最低多少", "欧蓝德贷款首付最低是多少？谢谢", True),
        ("质保期多长时间", "保修多久", True),
        ("Outlander有七座的吗", "欧蓝德有没有7座", True),
    ],
)
def test_dealer_questions_merge_only_when_they_ask_the_same(a: str, b: str, same: bool) -> None:
    analyzer = Analyzer(DEALER, DEALER_MODELS)
    verdict = compare(analyzer, strip_contact(a), strip_contact(b))
    assert verdict.merge is same, verdict
