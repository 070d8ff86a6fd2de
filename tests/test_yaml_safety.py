"""The one YAML loader authors' files go through: values as written, nothing hostile, every mistake named."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import FIXTURE_SITE, assert_build_and_check_fail, build_copy, content_check, copy_site, mkdocs_build, write

from build_tools.core.errors import Report
from build_tools.core.frontmatter import MAX_BYTES, parse_yaml, read_markdown


def parsed(text: str) -> tuple[object, list[str]]:
    report = Report()
    doc = parse_yaml(text, "f.yml", report)
    return (doc.data if doc is not None else None), [str(p) for p in report.problems]


def test_values_are_what_the_author_wrote() -> None:
    data, problems = parsed(
        "hours: 8:30\nzip: 0755\nsunroof: yes\nlight: on\nfuel: 10.50\nhex: 0x1F\nbig: 1_000\n"
        "price: 99800\nnegative: -3\ndraft: true\nempty:\nday: 2025-03-18\n"
        "at: 2025-03-18T10:30:00+08:00\nquoted: \"0755\"\n"
    )
    assert problems == []
    assert data == {
        "hours": "8:30", "zip": "0755", "sunroof": "yes", "light": "on", "fuel": "10.50", "hex": "0x1F",
        "big": "1_000", "price": 99800, "negative": -3, "draft": True, "empty": None,
        "day": dt.date(2025, 3, 18),
        "at": dt.datetime(2025, 3, 18, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        "quoted": "0755",
    }


def test_written_text_is_kept_for_every_scalar() -> None:
    report = Report()
    doc = parse_yaml("specs:\n  天窗: true\n  日期: 2025-03-18\ntrims:\n  - price: 007\n", "f.yml", report)
    assert doc is not None
    assert doc.text("specs", "天窗") == "true" and doc.text("specs", "日期") == "2025-03-18"
    assert doc.text("trims", 0, "price") == "007"
    assert doc.text("specs") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb:\n  - name: x\n    price: 99800\n    price: 1\n",
         "f.yml:5: b 第 1 项 price: 同一个字段写了两次 — 删除其中一个（另一个在第 4 行）"),
        ("phone: 1\nphone: 2\n", "f.yml:2: phone: 同一个字段写了两次 — 删除其中一个（另一个在第 1 行）"),
        ("a: &x [1, 2]\nb: *x\n", "f.yml:1: 不支持 YAML 锚点（&x） — 删除 & 和它后面的名字（作者文件里不需要 & 和 *）"),
        ("a: [1]\nb: *x\n", "f.yml:2: 不支持 YAML 别名（*x） — 把要重复的内容直接写出来（作者文件里不需要 & 和 *）"),
        ("a: !!int \"3\"\n", "f.yml:1: 不支持 YAML 类型标记（!!int） — 删除这个以 ! 开头的标记；要原样保留的文字请用英文引号括起来"),
        ("a: !!python/object:os.system x\n", "f.yml:1: 不支持 YAML 类型标记（!!python/object:os.system） — 删除这个以 ! 开头的标记；要原样保留的文字请用英文引号括起来"),
        ("a: " + "[" * 990, "f.yml:1: 层级太深（超过 12 层） — 检查是否多写了 [ 或 {，并把内容改写成简单的“字段: 值”和列表"),
        ("models:\n\t- asx\n", "f.yml:2: 这一行用了 Tab 缩进 — YAML 只能用空格缩进：把这一行开头的 Tab 换成空格（每一级两个空格）"),
        ("models:\n  - asx\n  -\toutlander\n", "f.yml:3: 这一行用了 Tab 缩进 — YAML 只能用空格缩进：把这一行开头的 Tab 换成空格（每一级两个空格）"),
        ("question: 首保: 多少\n", "f.yml:1: YAML 格式错误：这一行多了一个冒号 — 文字中含有“: ”时，请用英文引号把整段文字括起来，例如 question: \"保养: 多少钱？\""),
        ("tags: [首保, 预约\n", "f.yml:2: YAML 格式错误：方括号 [ ] 列表没有闭合，或列表项之间缺少英文逗号 — 写成 [首保, 预约]：英文方括号，项之间用英文逗号"),
        ("question: \"没有结束的引号\n", "f.yml:2: YAML 格式错误：引号或括号没有闭合 — 检查这一段文字两端的引号是否成对"),
    ],
)
def test_refused_with_a_message(text: str, expected: str) -> None:
    _data, problems = parsed(text)
    assert problems == [expected]
    assert not re.search("[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", expected), "an English sentence reached the author"


def test_billion_laughs_is_refused_before_it_expands() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    data, problems = parsed("\n".join(lines) + "\n")
    assert data is None
    assert problems == ["f.yml:1: 不支持 YAML 锚点（&a0） — 删除 & 和它后面的名字（作者文件里不需要 & 和 *）"]


def test_front_matter_lines_count_from_the_file(tmp_path: Path) -> None:
    report = Report()
    path = write(tmp_path, "x.md", "---\nquestion: 问\nlinks:\n\t- a\n---\n答\n")
    assert read_markdown(path, "x.md", report) is None
    assert [str(p) for p in report.errors] == ["x.md:4: 这一行用了 Tab 缩进 — YAML 只能用空格缩进：把这一行开头的 Tab 换成空格（每一级两个空格）"]


def test_missing_closing_dashes_is_said_as_such(tmp_path: Path) -> None:
    report = Report()
    path = write(tmp_path, "x.md", "---\nquestion: 问\ncategory: maintenance\ndate: 2025-03-18\n\n答\n")
    assert read_markdown(path, "x.md", report) is None
    assert [str(p) for p in report.errors] == ["x.md:1: 文件开头有 ---，但找不到结束的 --- — 在最后一个字段的下一行单独写一行 ---，然后再写正文"]


def test_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    report = Report()
    path = write(tmp_path, "x.md", "---\nquestion: 问\n---\n" + "答" * MAX_BYTES)
    assert read_markdown(path, "x.md", report) is None
    assert [str(p) for p in report.errors] == ["x.md:1: 文件太大（3.0 MB，上限 1 MB） — 检查是不是放错了文件；图片和附件请放到 content/assets/ 下"]


BOMB_FAQ = """\
---
question: 问
category: maintenance
date: 2025-03-18
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---

答
"""


def test_check_and_build_refuse_hostile_yaml_quickly(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    write(root, "faq/maintenance/bomb.md", BOMB_FAQ)
    write(root, "faq/maintenance/deep.md", "---\nquestion: 深\ncategory: maintenance\ndate: 2025-03-18\ntags: " + "[" * 990 + "\n---\n答\n")
    write(root, "faq/categories.yml", (FIXTURE_SITE / "faq" / "categories.yml").read_text(encoding="utf-8") + "extra: &x\n  name: 其他\n")
    expected = [
        "faq/maintenance/bomb.md:5: 不支持 YAML 锚点（&a） — 删除 & 和它后面的名字（作者文件里不需要 & 和 *）",
        "faq/maintenance/deep.md:5: 层级太深（超过 12 层） — 检查是否多写了 [ 或 {，并把内容改写成简单的“字段: 值”和列表",
    ]
    for result in (content_check(root), mkdocs_build(root)):  # each would take minutes and gigabytes unguarded
        assert result.returncode == 1, result.stderr
        for line in expected:
            assert line in result.stderr
        assert "faq/categories.yml:" in result.stderr and "不支持 YAML 锚点（&x）" in result.stderr
        assert "Traceback" not in result.stderr


def test_duplicate_keys_inside_records_stop_the_build(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    model = root / "content/models/alpha.md"
    model.write_text(model.read_text(encoding="utf-8").replace("    price: 150000\n", "    price: 150000\n    price: 1\n"), encoding="utf-8")
    dealers = root / "content/dealers.yml"
    dealers.write_text(dealers.read_text(encoding="utf-8").replace("  phone: 0731-1234 0002\n", "  phone: 0731-1234 0002\n  phone: 110\n"), encoding="utf-8")
    assert_build_and_check_fail(root, [
        "content/models/alpha.md:15: trims 第 1 项 price: 同一个字段写了两次 — 删除其中一个（另一个在第 14 行）",
        "content/dealers.yml:13: 第 2 项 phone: 同一个字段写了两次 — 删除其中一个（另一个在第 12 行）",
    ])


def test_values_are_published_as_written(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    model = root / "content/models/alpha.md"
    model.write_text(
        model.read_text(encoding="utf-8").replace("  油耗: 7.5L/100km\n", "  油耗: 10.50\n  天窗: yes\n  自动泊车: true\n  区号: 0755\n  保养间隔: 8:30\n"),
        encoding="utf-8",
    )
    dealers = root / "content/dealers.yml"
    dealers.write_text(dealers.read_text(encoding="utf-8").replace("hours: 每天 9:00-18:00", "hours: 8:30"), encoding="utf-8")
    site = build_copy(root, tmp_path / "built")
    page = (site / "models/alpha/index.html").read_text(encoding="utf-8")
    for shown in ("10.50", "yes", "true", "0755", "8:30"):
        assert re.search(rf"<td[^>]*>{re.escape(shown)}</td>", page), shown
    assert "8:30" in (site / "dealers/index.html").read_text(encoding="utf-8")
    assert "510" not in (site / "dealers/index.html").read_text(encoding="utf-8")


def test_other_pages_front_matter_is_guarded_too(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    write(root, "content/about.md", "---\ntitle: 关于我们\nhide: " + "[" * 990 + "\n---\n\n# 关于我们\n")
    write(root, "content/contact.md", "---\ntitle: 联系\ntitle: 联系我们\n---\n\n# 联系\n")
    assert_build_and_check_fail(root, [
        "content/about.md:3: 层级太深（超过 12 层）",
        "content/contact.md:3: title: 同一个字段写了两次 — 删除其中一个（另一个在第 2 行）",
    ])


def test_intake_mapping_goes_through_the_same_loader(tmp_path: Path) -> None:
    from build_tools.intake.read import ExportError, load_mapping

    mapping = write(tmp_path, "mapping.yml", "columns:\n  question: [问题内容]\n  received: &r [提交时间]\n  id: *r\n")
    with pytest.raises(ExportError) as refused:
        load_mapping(mapping)
    assert str(refused.value) == f"列名对照表无法使用：{mapping}:3: 不支持 YAML 锚点（&r） — 删除 & 和它后面的名字（作者文件里不需要 & 和 *）"
    write(tmp_path, "mapping.yml", "columns:\n  question: [问题内容]\n  question: [咨询内容]\n  received: [提交时间]\n")
    with pytest.raises(ExportError, match="3: columns question: 同一个字段写了两次"):
        load_mapping(mapping)
    assert load_mapping().columns["question"]  # the shipped mapping still reads


def test_meta_material_prints_must_be_text(tmp_path: Path) -> None:
    """Material reads these keys itself: a list would be printed raw, a boolean title crashes it."""
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    write(root, "content/about.md", "---\ntitle: [\"<img src=x onerror=alert(1)>\"]\ndescription: true\n---\n\n# 关于\n")
    model = root / "content/models/alpha.md"
    model.write_text(model.read_text(encoding="utf-8").replace("name: 阿尔法\n", "name: 阿尔法\ntitle: false\n"), encoding="utf-8")
    assert_build_and_check_fail(root, [
        "content/about.md:2: title: 应为一段文字，不能是列表或“字段: 值” — 写成 title: 一段文字",
        'content/about.md:3: description: 应为一段文字，实际写的是 true — 请加引号：description: "true"',
        'content/models/alpha.md:3: title: 应为一段文字，实际写的是 false — 请加引号：title: "false"',
    ])


def test_a_broken_data_file_is_one_message_not_a_cascade(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    categories = root / "faq/categories.yml"
    categories.write_text(categories.read_text(encoding="utf-8").replace("  name: ", "\tname: ", 1), encoding="utf-8")
    result = content_check(root)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(("faq/", "content/", "blog/"))]
    assert lines == ["faq/categories.yml:2: 这一行用了 Tab 缩进 — YAML 只能用空格缩进：把这一行开头的 Tab 换成空格（每一级两个空格）"]


def test_a_tab_elsewhere_is_not_blamed_for_another_mistake() -> None:
    # A Tab inside a block scalar is legal YAML; the mistake is the unclosed [ on line 4.
    _, problems = parsed("question: |\n  换不换\n  \t不换会怎样？\nmodels: [asx, outlander\n")
    assert problems == ["f.yml:5: YAML 格式错误：方括号 [ ] 列表没有闭合，或列表项之间缺少英文逗号 — 写成 [首保, 预约]：英文方括号，项之间用英文逗号"]


def test_long_yaml_is_refused_before_parsing() -> None:
    _, problems = parsed("zz: [" + ", ".join(["{a: [b, {c: d}]}"] * 9000) + "]\n")
    assert problems == ["f.yml:1: YAML 部分太长（158 KB，上限 128 KB） — 字段部分只写简短的信息；长的内容请写在正文（第二个 --- 之后）"]


def test_keys_are_names_as_written_and_a_repeated_key_keeps_the_first() -> None:
    data, problems = parsed("specs:\n  true: 真\n  2026: 年款\nphone: 0731-1\nphone: [1, 2]\n")
    assert data == {"specs": {"true": "真", "2026": "年款"}, "phone": "0731-1"}
    assert problems == ["f.yml:5: phone: 同一个字段写了两次 — 删除其中一个（另一个在第 4 行）"]
