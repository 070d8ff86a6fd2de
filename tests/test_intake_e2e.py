"""End to end: fresh exports in the formats staff really send, made of the held-out corpus questions.

Four exports — CSV in GB18030, UTF-16 without a BOM (tab-separated), an .xlsx with
Chinese headers, and a UTF-8 CSV with a broken quote — are imported with the real command
(``python -m build_tools intake``) into a copy of the fixture site that carries the
dealer's own models and vocabulary. Then: nothing personal is anywhere in faq/ (drafts,
counts or ledger) nor in the report; ordinary numbers survive; two different questions
never share a draft; the phrasings of one question give one draft; re-running changes
nothing; another hash seed gives byte-identical output.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import FIXTURE_SITE, REPO, copy_site, snapshot, write
from intake_measure import dealer, read_tsv

from build_tools.intake.privacy import mask, normalise, strip_contact

HEADERS = ["提交时间", "客户姓名", "联系电话", "咨询车型", "问题内容"]
# The issue's own example: one question, different contact noise, two phrasings.
NOISY = ["欧蓝德有没有混动版，联系13812345678", "欧蓝德有没有混动版 wang.fang@163.com 请回复？"]


def dealer_site(dest: Path) -> Path:
    """The fixture site with the dealer's models and vocabulary (categories mapped onto the fixture's)."""
    root = copy_site(FIXTURE_SITE, dest)
    for name in ("outlander", "eclipse-cross", "asx"):
        write(root, f"content/models/{name}.md", (REPO / "content/models" / f"{name}.md").read_text(encoding="utf-8"))
    shutil.copytree(REPO / "content/assets/models", root / "content/assets/models")  # the pictures the model pages name
    vocabulary = yaml.safe_load((REPO / "faq/vocabulary.yml").read_text(encoding="utf-8"))
    vocabulary["categories"] = {"maintenance": ["保养", "首保", "机油"], "buying": ["贷款", "首付", "试驾", "提车"]}
    write(root, "faq/vocabulary.yml", yaml.safe_dump(vocabulary, allow_unicode=True))
    return root


def rows_of(texts: list[str], start: int) -> list[list[str]]:
    return [[f"2025-04-{1 + (start + i) % 28:02d} {(start + i) % 24:02d}:{i % 60:02d}", f"客户{start + i}", "13900000000", "", text]
            for i, text in enumerate(texts)]


def exports(root: Path) -> tuple[list[Path], list[str], list[str], list[tuple[str, str]]]:
    """The four export files, and the secrets, kept numbers and different pairs they hold."""
    pii = read_tsv("pii.tsv")
    ordinary = read_tsv("ordinary.tsv")
    pairs = read_tsv("pairs.tsv")
    secrets = [s for row in pii for s in row["secret"].split(" ||| ")] + ["13812345678", "wang.fang@163.com", "13900000000"]
    keeps = [k for row in ordinary for k in row["keep"].split(" ||| ")]
    different = [(p["a"], p["b"]) for p in pairs if p["label"] == "different"]
    half = len(pii) // 2
    folder = root / "exports"
    folder.mkdir()

    # 1. CSV in GB18030, as Excel saves it on Chinese Windows: half the personal-data rows.
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADERS, *rows_of([r["text"] for r in pii[:half]], 0)])
    gb = write(root, "exports/desk.csv", buffer.getvalue().encode("gb18030"))

    # 2. UTF-16 without a BOM, tab-separated: the ordinary-number questions.
    lines = ["\t".join(HEADERS), *("\t".join(r) for r in rows_of([r["text"] for r in ordinary], 1000))]
    utf16 = write(root, "exports/web.txt", ("\r\n".join(lines) + "\r\n").encode("utf-16-le"))

    # 3. An Excel workbook with Chinese headers: both questions of every labelled pair.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", *HEADERS])
    texts = list(dict.fromkeys(t for p in pairs for t in (p["a"], p["b"])))
    for number, row in enumerate(rows_of(texts, 2000), start=1):
        sheet.append([number, *row])
    out = io.BytesIO()
    book.save(out)
    xlsx = write(root, "exports/wechat.xlsx", out.getvalue())

    # 4. UTF-8 CSV: the other personal-data rows, the noisy pair, and one broken quote.
    buffer = io.StringIO(newline="")
    body = rows_of([r["text"] for r in pii[half:]] + NOISY, 3000)
    csv.writer(buffer, lineterminator="\n").writerows([HEADERS, *body[:10]])
    broken = '2025-04-20 10:00,某客户,,,"引号没有闭合的问题\n'
    tail = io.StringIO(newline="")
    csv.writer(tail, lineterminator="\n").writerows(body[10:])
    broken_csv = write(root, "exports/broken.csv", (buffer.getvalue() + broken + tail.getvalue()).encode("utf-8"))
    return [gb, utf16, xlsx, broken_csv], secrets, keeps, different


def intake(root: Path, export: Path, seed: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": seed}
    command = [sys.executable, "-m", "build_tools", "intake", "-f", str(root / "mkdocs.yml"), str(export)]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)


def folded(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z\u3400-\u9fff]", "", normalise(text)).casefold()


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("e2e")
    runs: dict[str, object] = {}
    for seed in ("1", "2"):
        root = dealer_site(base / f"seed{seed}")
        files, secrets, keeps, different = exports(root)
        results = [intake(root, f, seed) for f in files]
        runs[seed] = (root, files, results)
    runs["corpus"] = (secrets, keeps, different)
    return runs


def test_every_export_is_read_and_the_broken_row_costs_one_row(imported: dict[str, object]) -> None:
    _root, _files, results = imported["1"]
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    encodings = [r.stdout.splitlines()[0] for r in results]
    assert [re.search(r"（编码 (.*)）", line)[1] for line in encodings] == ["gb18030", "utf-16-le", "xlsx", "utf-8"]
    broken = results[3].stdout
    assert "第 12 行：CSV 格式错误：引号没有闭合" in broken
    pii_rows = len(read_tsv("pii.tsv")) - len(read_tsv("pii.tsv")) // 2
    assert re.search(rf"读取 {pii_rows + len(NOISY) + 1} 行：", broken), broken  # nothing swallowed


def test_nothing_personal_reaches_faq_or_the_report(imported: dict[str, object]) -> None:
    root, _, _ = imported["1"]
    secrets, _, _ = imported["corpus"]
    files = {rel: data.decode("utf-8") for rel, data in snapshot(root / "faq").items()}
    files["intake-report.md"] = (root / "intake-report.md").read_text(encoding="utf-8")
    everything = "\n".join(files.values())
    flat = folded(everything)
    leaks = [s for s in secrets if normalise(s) in everything or (len(folded(s)) >= 6 and folded(s) in flat)]
    assert leaks == []


def test_ordinary_numbers_survive(imported: dict[str, object]) -> None:
    root, _, _ = imported["1"]
    _, keeps, _ = imported["corpus"]
    everything = "\n".join(data.decode("utf-8") for data in snapshot(root / "faq").values())
    assert [k for k in keeps if normalise(k) not in everything] == []


def ledger(root: Path) -> dict[str, str]:
    """Masked question -> the file it went to (its own draft, or the entry it was merged into)."""
    where = {}
    for line in (root / "faq/inbox/.ledger").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        _, action, question = line.split("\t")
        where[question] = action.split(" ", 1)[1]
    return where


def test_different_questions_never_share_a_draft_and_the_noisy_phrasings_share_one(imported: dict[str, object]) -> None:
    root, _, _ = imported["1"]
    _, _, different = imported["corpus"]
    where = ledger(root)
    _, keep = dealer()

    def went(text: str) -> str:  # the ledger holds the question as published: masked, contact phrases dropped
        return where[strip_contact(mask(text, keep)[0])]

    wrong = [(a, b) for a, b in different if went(a) == went(b)]
    assert wrong == []
    # The example: both noisy phrasings went to one draft (with the workbook's phrasings of it).
    [target] = {went(text) for text in NOISY}
    draft = (root / target).read_text(encoding="utf-8")
    assert target.startswith("faq/inbox/") and "混动" in draft
    assert int(re.search(r"^asked: (\d+)$", draft, re.M)[1]) >= 2


def test_the_report_lists_everything_and_the_terminal_summary_stays_short(imported: dict[str, object]) -> None:
    root, _, results = imported["1"]
    report = (root / "intake-report.md").read_text(encoding="utf-8")  # of the last run: broken.csv
    assert report.startswith("# 顾客问题导入报告\n")
    for heading in ("## 新草稿", "## 合并", "## 可能重复，请确认", "## 跳过的行", "已隐藏的个人信息："):
        assert heading in report
    assert "第 12 行：CSV 格式错误：引号没有闭合" in report
    xlsx_summary = results[2].stdout
    assert "可能重复，请确认" in xlsx_summary and "↔" in xlsx_summary
    for result in results:
        assert len(result.stdout.splitlines()) <= 40, result.stdout
        assert "见 intake-report.md" in result.stdout or len(result.stdout.splitlines()) < 20


def test_reruns_and_hash_seeds_give_byte_identical_output(imported: dict[str, object]) -> None:
    one, files, _ = imported["1"]
    two, _, _ = imported["2"]
    tree = snapshot(one / "faq")
    assert tree == snapshot(two / "faq")
    # The reports differ only in the export's path, which names each copy's folder.
    reports = [(root / "intake-report.md").read_text(encoding="utf-8").replace(str(root), "ROOT") for root in (one, two)]
    assert reports[0] == reports[1]
    for export in files[:2]:
        again = intake(one, export, "3")
        assert again.returncode == 0 and "没有新内容，没有修改任何文件。" in again.stdout
    assert snapshot(one / "faq") == tree
