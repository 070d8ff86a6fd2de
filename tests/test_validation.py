"""Stage 1: every kind of bad input gives one exact message naming file, line, field and fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import write

from build_tools.core.settings import Paths
from build_tools.site.content import load_content

CATEGORIES = """\
maintenance:
  name: 保养
buying:
  name: 购车
"""

GOOD = """\
---
question: 新车首保是多少公里？
category: maintenance
date: 2025-03-18
---

首保在 5000 公里。
"""


def make_tree(root: Path, files: dict[str, str | bytes]) -> Paths:
    write(root, "faq/categories.yml", CATEGORIES)
    write(root, "content/models/alpha.md", "---\nname: 阿尔法\ntype: SUV\nprice_from: 150000\nsummary: 测试车型\n---\n\n正文\n")
    for rel, text in files.items():
        write(root, rel, text)
    return Paths(root=root, docs_dir=root / "content", faq_dir=root / "faq")


def errors_for(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    _, report = load_content(make_tree(tmp_path, files))
    return [str(p) for p in report.errors]


def warnings_for(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    _, report = load_content(make_tree(tmp_path, files))
    return [str(p) for p in report.warnings]


def test_good_entry_loads_into_a_typed_record(tmp_path: Path) -> None:
    content, report = load_content(make_tree(tmp_path, {"faq/a/first-service.md": GOOD}))
    assert report.problems == []
    [entry] = content.faq
    assert (entry.slug, entry.question, entry.category, entry.date) == ("first-service", "新车首保是多少公里？", "maintenance", dt.date(2025, 3, 18))
    assert entry.answer.strip() == "首保在 5000 公里。"
    assert list(content.categories) == ["maintenance", "buying"]
    assert content.models["alpha"].name == "阿尔法"


CASES = {
    "malformed yaml": (
        "---\nquestion: 首保: 多少公里\ncategory: maintenance\ndate: 2025-03-18\n---\n\n答\n",
        "faq/x.md:2: YAML 格式错误：这一行多了一个冒号 — 文字中含有“: ”时，请用英文引号把整段文字括起来，例如 question: \"保养: 多少钱？\"",
    ),
    "missing required field": (
        "---\ncategory: maintenance\ndate: 2025-03-18\n---\n\n答\n",
        "faq/x.md:2: question: 缺少必填字段 — 请填写一段文字，例如 question: 试驾需要带驾照吗？",
    ),
    "empty required field": (
        "---\nquestion:\ncategory: maintenance\ndate: 2025-03-18\n---\n\n答\n",
        "faq/x.md:2: question: 必填字段不能为空 — 请填写一段文字，例如 question: 试驾需要带驾照吗？",
    ),
    "wrong type": (
        "---\nquestion: 问\ncategory: maintenance\ndate: 2025-03-18\nasked: 很多\n---\n\n答\n",
        "faq/x.md:5: asked: 应为整数，实际写的是 '很多' — 例如 asked: 12（不要加引号或单位）",
    ),
    "negative count": (
        "---\nquestion: 问\ncategory: maintenance\ndate: 2025-03-18\nasked: -3\n---\n\n答\n",
        "faq/x.md:5: asked: 不能小于 0，实际是 -3 — 填写 0 或更大的整数",
    ),
    "list expected": (
        "---\nquestion: 问\ncategory: maintenance\ndate: 2025-03-18\ntags: 首保\n---\n\n答\n",
        "faq/x.md:5: tags: 应为文字列表，实际写的是 '首保' — 写成列表，例如 [首保, 预约]",
    ),
    "unknown category": (
        "---\nquestion: 问\ncategory: maintenence\ndate: 2025-03-18\n---\n\n答\n",
        "faq/x.md:3: category: 未知分类 'maintenence' — 您是不是想写 maintenance？请改为 faq/categories.yml 中的分类之一：maintenance、buying",
    ),
    "unknown model": (
        "---\nquestion: 问\ncategory: maintenance\ndate: 2025-03-18\nmodels:\n  - alpha\n  - beta\n---\n\n答\n",
        "faq/x.md:7: models: 未知车型 'beta'（没有 content/models/beta.md） — 可用的车型：alpha",
    ),
    "invalid date": (
        "---\nquestion: 问\ncategory: maintenance\ndate: 2025-02-30\n---\n\n答\n",
        "faq/x.md:4: date: 没有这一天：2025-02-30 — 检查月和日是否写对（例如 2 月没有 30 日）",
    ),
    "date in another format": (
        "---\nquestion: 问\ncategory: maintenance\ndate: 2025年3月18日\n---\n\n答\n",
        "faq/x.md:4: date: 日期格式不对：'2025年3月18日' — 写成 YYYY-MM-DD，例如 2025-03-18",
    ),
    "updated before date": (
        "---\nquestion: 问\ncategory: maintenance\ndate: 2025-03-18\nupdated: 2025-01-01\n---\n\n答\n",
        "faq/x.md:5: updated: 更新日期 2025-01-01 早于发布日期 2025-03-18 — updated 应不早于 date；如果是首次发布，删除 updated 这一行",
    ),
    "empty answer": (
        "---\nquestion: 问\ncategory: maintenance\ndate: 2025-03-18\n---\n\n   \n",
        "faq/x.md:6: 回答为空 — 在文件开头的 --- 下面写上回答内容",
    ),
    "no front matter": (
        "只有回答，没有开头的字段。\n",
        "faq/x.md:1: question: 缺少必填字段 — 请填写一段文字，例如 question: 试驾需要带驾照吗？",
    ),
    "key written twice": (
        "---\nquestion: 问\ncategory: maintenance\ndate: 2025-03-18\nquestion: 问二\n---\n\n答\n",
        "faq/x.md:5: question: 同一个字段写了两次 — 删除其中一个（另一个在第 2 行）",
    ),
    "yes is not a boolean": (
        "---\nquestion: 问\ncategory: maintenance\ndate: 2025-03-18\ndraft: yes\n---\n\n答\n",
        "faq/x.md:5: draft: 应为布尔值（true 或 false），实际写的是 'yes' — 只能写 true 或 false",
    ),
    "leading zero is not a number": (
        "---\nquestion: 问\ncategory: maintenance\ndate: 2025-03-18\nasked: 012\n---\n\n答\n",
        "faq/x.md:5: asked: 应为整数，实际写的是 '012' — 例如 asked: 12（不要加引号或单位）",
    ),
    "file name not usable in a URL": (
        GOOD,
        "faq/首保.md:1: 文件名 首保.md 不能用作网址 — 文件名只能用小写英文字母、数字和连字符，例如 first-service.md",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gives_exact_message(tmp_path: Path, case: str) -> None:
    text, expected = CASES[case]
    name = "faq/首保.md" if "file name" in case else "faq/x.md"
    assert expected in errors_for(tmp_path, {name: text})


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    data = "---\nquestion: 问\ncategory: maintenance\n".encode() + "date: 2025-03-18\n---\n\n首保\n".encode("gbk")
    assert errors_for(tmp_path, {"faq/x.md": data}) == [
        "faq/x.md:7: 文件不是 UTF-8 编码 — 用编辑器把文件另存为“UTF-8”编码（VS Code：右下角编码 → 通过编码保存 → UTF-8）"
    ]


def test_duplicate_slug_across_folders(tmp_path: Path) -> None:
    other = GOOD.replace("新车首保是多少公里？", "另一个问题")
    assert errors_for(tmp_path, {"faq/a/first-service.md": GOOD, "faq/b/first-service.md": other}) == [
        "faq/b/first-service.md:1: 文件名与 faq/a/first-service.md 重复（文件名就是网址，必须唯一） — 给其中一个文件换个名字"
    ]


def test_same_question_twice_ignoring_spacing_and_punctuation(tmp_path: Path) -> None:
    twin = GOOD.replace("新车首保是多少公里？", "新车首保是多少公里 ?")
    assert errors_for(tmp_path, {"faq/a.md": GOOD, "faq/b.md": twin}) == [
        "faq/b.md:2: question: 与 faq/a.md 的问题相同 — 合并这两个问题，或把其中一个问题改写得更具体"
    ]


def test_unknown_key_is_a_warning_with_did_you_mean(tmp_path: Path) -> None:
    text = GOOD.replace("date: 2025-03-18\n", "date: 2025-03-18\ntgas: [首保]\n")
    assert errors_for(tmp_path, {"faq/x.md": text}) == []
    assert warnings_for(tmp_path, {"faq/x.md": text}) == ["faq/x.md:5: tgas: 未知字段，将被忽略 — 您是不是想写 tags？"]


def test_reserved_slug(tmp_path: Path) -> None:
    assert "faq/category.md:1: 文件名 category.md 是网站保留的名称 — 换一个文件名，例如在后面加上主题：category-question.md" in errors_for(
        tmp_path, {"faq/category.md": GOOD}
    )


def test_every_error_of_the_run_is_reported_at_once(tmp_path: Path) -> None:
    files = {
        "faq/a.md": "---\nquestion: 问一\ncategory: nope\ndate: 2025-03-18\n---\n\n答\n",
        "faq/b.md": "---\nquestion: 问二\ncategory: maintenance\ndate: 18/03/2025\n---\n\n答\n",
        "faq/c.md": "---\nquestion: 问三\ncategory: maintenance\ndate: 2025-03-18\n---\n",
    }
    messages = errors_for(tmp_path, files)
    assert [m.split(":")[0] for m in messages] == ["faq/a.md", "faq/b.md", "faq/c.md"]


def test_bad_categories_file(tmp_path: Path) -> None:
    paths = make_tree(tmp_path, {"faq/x.md": GOOD})
    write(tmp_path, "faq/categories.yml", "maintenance:\n  name: 保养\nBad Key:\n  name: 坏\nbuying: {description: 没有名字}\n")
    _, report = load_content(paths)
    assert [str(p) for p in report.errors] == [
        "faq/categories.yml:3: Bad Key: 分类键只能用小写英文字母、数字和连字符（它会出现在网址里） — 例如 maintenance 或 test-drive",
        "faq/categories.yml:5: buying: 分类缺少 name（显示给顾客的中文名称） — 写成 buying: {name: 保养, description: 一句话说明}",
    ]


def test_model_page_needs_a_name(tmp_path: Path) -> None:
    assert errors_for(tmp_path, {"content/models/beta.md": "---\ntype: SUV\nprice_from: 1\nsummary: 测试\n---\n\n正文\n"}) == [
        "content/models/beta.md:2: name: 缺少必填字段 — 请填写一段文字，例如 name: 欧蓝德"
    ]


def test_chinese_comma_in_a_list(tmp_path: Path) -> None:
    text = GOOD.replace("date: 2025-03-18\n", "date: 2025-03-18\ntags: [首保，预约]\n")
    assert errors_for(tmp_path, {"faq/x.md": text}) == [
        "faq/x.md:5: tags: 列表写法不对：['首保，预约']（列表项之间要用英文逗号，每项不能为空） — 写成列表，例如 [首保, 预约]"
    ]


def test_heading_one_in_the_answer_is_a_warning(tmp_path: Path) -> None:
    text = GOOD + "\n# 小标题\n\n更多内容\n"
    assert warnings_for(tmp_path, {"faq/x.md": text}) == ["faq/x.md:9: 回答里用了一级标题（# 开头） — 问题本身就是页面标题；小标题请用 ## 开头"]


def test_files_that_are_not_markdown_are_not_silently_skipped(tmp_path: Path) -> None:
    assert errors_for(tmp_path, {"faq/a/first.MD": GOOD, "faq/a/.DS_Store": "x"}) == [
        "faq/a/first.MD:1: faq/ 里只能放 .md 问题文件、categories.yml 和 vocabulary.yml，这个文件不会发布 — 把扩展名改成小写的 .md，或把文件移出 faq/ 文件夹"
    ]


def test_unanswered_draft_is_a_todo_not_an_error(tmp_path: Path) -> None:
    text = "---\nquestion: 问\ncategory: maintenance\ndate: 2025-03-18\ndraft: true\n---\n"
    content, report = load_content(make_tree(tmp_path, {"faq/inbox/q.md": text}))
    assert report.errors == []
    assert [str(p) for p in report.todos] == ["faq/inbox/q.md:7: 草稿还没有回答 — 写好回答后删除 draft: true 这一行即可发布"]
    assert [e.slug for e in content.faq] == ["q"]
