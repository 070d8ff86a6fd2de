"""Stage 1 for surveys: ``content/surveys/<slug>.yml`` → :class:`Survey` records, every problem reported with its line.

The files are data for generated pages (:mod:`.survey_pages`): MkDocs never publishes
them as they are. Read with the one safe YAML loader like ``dealers.yml``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..core.errors import Report, one_of
from ..core.frontmatter import Document, parse_yaml, read_text
from ..core.schema import Field, check_fields
from ..core.slugs import SLUG
from .survey_records import CHOICE, COMMENT, KINDS, NPS, QUESTION_ID, RATING, RESERVED_IDS, SURVEYS_DIR, Question, Survey

SURVEY_FIELDS = (
    Field("title", "text", required=True, example="售后服务回访"),
    Field("intro", "text", example="感谢您到店保养，请花 1 分钟告诉我们这次服务怎么样。"),
    Field("services", "texts", example="[常规保养, 维修, 钣金喷漆]"),
    Field("thanks", "text", example="感谢您的反馈！"),
    Field("questions", "any"),  # a list, checked by _questions
)
QUESTION_FIELDS = (
    Field("type", "text", required=True, example=f"rating（可写 {one_of(KINDS)}）"),
    Field("id", "text", required=True, example="reception（小写英文字母、数字和下划线，提交时的字段名）"),
    Field("label", "text", required=True, example="接待服务"),
    Field("required", "bool"),
    Field("hint", "text"),
    Field("options", "texts", example="[30 分钟以内, 30–60 分钟, 1 小时以上]"),
    Field("multiple", "bool"),
)
KIND_NAMES = {RATING: "1–5 分评分", NPS: "0–10 分推荐意愿", CHOICE: "选择题", COMMENT: "意见留言"}


def survey_uris(docs_dir: Path, files: list[Path]) -> set[str]:
    """Source URIs of every file below ``content/surveys/``: data (or misplaced), never published as it is."""
    folder = docs_dir / SURVEYS_DIR
    return {p.relative_to(docs_dir).as_posix() for p in files if folder in p.parents}


def load_surveys(docs_dir: Path, rel: Callable[[Path], str], files: list[Path], report: Report) -> list[Survey]:
    """Every survey of ``content/surveys/`` (``files``: the author files of ``content/``), by file name."""
    folder = docs_dir / SURVEYS_DIR
    surveys: list[Survey] = []
    for path in files:
        if folder not in path.parents:
            continue
        name = rel(path)
        if path.parent != folder:
            report.error(name, 1, "", "问卷文件不能放在子文件夹里（不会发布）", f"移到 content/{SURVEYS_DIR}/{path.name}")
            continue
        if path.suffix != ".yml":
            report.error(name, 1, "", f"content/{SURVEYS_DIR}/ 里只能放问卷 .yml 文件", f"改名为 {path.stem}.yml，或移出这个文件夹")
            continue
        if not SLUG.match(path.stem):
            report.error(name, 1, "", f"文件名 {path.name} 不能用作网址", "问卷文件名只能用小写英文字母、数字和连字符，例如 service.yml")
            continue
        text = read_text(path, name, report)
        doc = parse_yaml(text, name, report) if text is not None else None
        if doc is None:
            continue
        if not isinstance(doc.data, dict):
            report.error(name, doc.first_line, "", "问卷文件应为“字段: 值”，第一行写 title: …", "参考 docs/authoring.md「售后回访问卷」的示例")
            continue
        survey = _check_survey(path.stem, name, doc, report)
        if survey is not None:
            surveys.append(survey)
    return surveys


def _check_survey(slug: str, rel: str, doc: Document, report: Report) -> Survey | None:
    values = check_fields(doc, SURVEY_FIELDS, report)
    if "questions" not in values:
        report.error(rel, doc.line("questions"), "questions", "缺少问题列表", "写 questions:，下面每个问题以“- type: rating”开头，参考 docs/authoring.md「售后回访问卷」")
    questions = _questions(doc, report) if "questions" in values else None
    if questions is None or "title" not in values:
        return None
    services = values.get("services", ())
    for i, service in enumerate(services):
        if len(service) > 20:
            report.error(rel, doc.at("services", i), "services", f"服务类型太长：{service!r}", "每项不超过 20 个字，例如 常规保养")
            return None
    return Survey(slug=slug, source=rel, title=values["title"], intro=values.get("intro", ""), questions=questions,
                  services=services, **({"thanks": values["thanks"]} if "thanks" in values else {}))


def _questions(doc: Document, report: Report) -> tuple[Question, ...] | None:
    raw = doc.data["questions"]
    rel = doc.path
    if not isinstance(raw, list) or not raw:
        report.error(rel, doc.at("questions"), "questions", "应为问题列表，每项以“- type: …”开头", "参考 docs/authoring.md「售后回访问卷」的示例")
        return None
    found: list[tuple[int, Question]] = []
    ok = True
    seen: dict[str, int] = {}
    for index, item in enumerate(raw):
        sub = doc.sub("questions", index)
        if not isinstance(item, dict):
            report.error(rel, sub.at(), "questions", f"问题写法不对：{item!r}", "每个问题写成 - type: rating，下面逐行写 id、label")
            ok = False
            continue
        question = _question(sub, seen, report)
        ok = ok and question is not None
        if question is not None:
            found.append((index, question))
    for kind, name in ((NPS, "推荐意愿"), (COMMENT, "意见留言")):
        extra = [i for i, q in found if q.kind == kind][1:]
        if extra:
            report.error(rel, doc.at("questions", extra[0]), "type", f"一份问卷只能有一个{name}问题（type: {kind}）", "删除多余的一个")
            ok = False
    return tuple(q for _, q in found) if ok else None


def _question(sub: Document, seen: dict[str, int], report: Report) -> Question | None:
    rel = sub.path
    values = check_fields(sub, QUESTION_FIELDS, report)
    kind, qid = values.get("type"), values.get("id")
    ok = {"type", "id", "label"} <= values.keys()
    if kind is not None and kind not in KINDS:
        report.error(rel, sub.at("type"), "type", f"未知问题类型 {kind!r}", f"只能写 {one_of(f'{k}（{KIND_NAMES[k]}）' for k in KINDS)}")
        ok = False
    if qid is not None:
        if not QUESTION_ID.match(qid):
            report.error(rel, sub.at("id"), "id", f"问题编号 {qid!r} 只能用小写英文字母、数字和下划线，以字母开头，不超过 32 位", "例如 id: reception")
            ok = False
        elif qid in RESERVED_IDS:
            report.error(rel, sub.at("id"), "id", f"问题编号 {qid} 已被回访链接占用（{one_of(sorted(RESERVED_IDS))}）", "换一个编号，例如 id: service_quality")
            ok = False
        elif qid in seen:
            report.error(rel, sub.at("id"), "id", f"问题编号 {qid} 与第 {seen[qid]} 行重复", "每个问题的 id 必须不同")
            ok = False
        else:
            seen[qid] = sub.at("id")
    options: tuple[str, ...] = values.get("options", ())
    if kind == CHOICE:
        if "options" not in values and "options" not in (sub.data or {}):
            report.error(rel, sub.at(), "options", "选择题缺少选项", "例如 options: [30 分钟以内, 30–60 分钟, 1 小时以上]")
            ok = False
        elif len(options) < 2 and "options" in values:
            report.error(rel, sub.at("options"), "options", f"选择题至少要有 2 个选项，实际 {len(options)} 个", "例如 options: [是, 否]")
            ok = False
        elif len(set(options)) != len(options):
            twice = next(o for o in options if options.count(o) > 1)
            report.error(rel, sub.at("options"), "options", f"选项 {twice!r} 写了两次", "每个选项只写一次")
            ok = False
    elif kind in KINDS:
        for key in ("options", "multiple"):
            if key in values:
                report.error(rel, sub.at(key), key, f"只有选择题（type: choice）才有 {key}", f"删除 {key}，或把 type 改为 choice")
                ok = False
    if not ok or kind is None or qid is None:
        return None
    # Scores are what a survey is for: asked unless said otherwise; choices and the comment are optional.
    required = values.get("required", kind in (RATING, NPS))
    return Question(kind=kind, id=qid, label=values["label"], required=required, options=options,
                    multiple=values.get("multiple", False), hint=values.get("hint", ""))

