"""Intake: turn an export of customer questions into FAQ drafts.

``run_intake`` reads an export (:mod:`.read`), masks personal data and drops contact
requests (:mod:`.privacy`), merges questions that mean the same as an existing entry or
an earlier row (:mod:`.similar`) by raising that entry's ``asked``, writes each new
question as a draft in ``faq/inbox/`` and records every imported row — with its masked
text and where it went, so a wrong merge can be undone — in a ledger (:mod:`.write`).
It returns an :class:`IntakeSummary`; the CLI prints its short form and writes the full
report to ``intake-report.md`` (git-ignored).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import Report, format_problems
from ..core.frontmatter import read_markdown
from ..core.settings import Paths
from ..site.content import Content, load_content
from .privacy import mask, normalise, strip_contact
from .read import BadRow, ExportError, Mapping, Row, load_mapping, read_export
from .similar import THRESHOLD, Analyzer, Matcher
from .write import Busy, Change, WriteError, bump_asked, commit, exclusive, read_ledger, recover, render_draft, render_ledger

__all__ = ["INBOX", "REPORT", "THRESHOLD", "IntakeError", "IntakeSummary", "Merge", "Skipped", "Uncertain", "model_aliases", "run_intake"]

INBOX = "inbox"
REPORT = "intake-report.md"  # in the project root, git-ignored: the full report of the last run
SHOWN = 5  # lines of each list in the terminal summary; the report file has them all
LEDGER = ".ledger"
JOURNAL = ".intake-journal"
LOCK = ".cache/intake.lock"  # below the project root (git-ignored)


class IntakeError(Exception):
    """The run cannot start or cannot be written safely; nothing was changed. Message for staff."""


@dataclass(frozen=True)
class Merge:
    """A row counted as one more ask of an existing (or just drafted) question."""

    row: int
    question: str
    target: str
    target_question: str
    score: float


@dataclass(frozen=True)
class Uncertain:
    """A row close to a known question but not merged: staff decide (「可能重复，请确认」)."""

    row: int
    question: str
    draft: str  # where the row went (its own new draft, or the entry it was merged into)
    other: str
    other_question: str
    score: float


@dataclass(frozen=True)
class Skipped:
    row: int
    reason: str


@dataclass
class IntakeSummary:
    """What a run did (or, with ``dry_run``, would do)."""

    export: str
    encoding: str = ""
    dry_run: bool = False
    rows_read: int = 0
    already_imported: int = 0
    new_drafts: list[str] = field(default_factory=list)
    uncategorised: list[str] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    uncertain: list[Uncertain] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    masked: Counter[str] = field(default_factory=Counter)
    asked: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.new_drafts or self.asked)

    def _sections(self) -> list[tuple[str, list[str]]]:
        """The report's lists: a heading and one line per item."""
        return [
            ("新草稿（请写回答、确认分类）", [f"{path}" + ("（需要填写分类）" if path in self.uncategorised else "") for path in self.new_drafts]),
            (
                f"合并（关键词相同、相似度 ≥ {THRESHOLD}；合并错了：把目标文件的 asked 减 1，再用 faq/inbox/.ledger 里这一行记下的问法新建问题）",
                [f"第 {m.row} 行「{m.question}」→ {m.target}「{m.target_question}」 相似度 {m.score:.2f}" for m in self.merges],
            ),
            (
                "可能重复，请确认（没有合并；如果是同一个问题，把草稿删掉并把另一个问题的 asked 加 1）",
                [f"第 {u.row} 行「{u.question}」（{u.draft}）↔ {u.other}「{u.other_question}」 相似度 {u.score:.2f}" for u in self.uncertain],
            ),
            ("提问次数（asked）更新", [f"{path}: {old} → {new}" for path, (old, new) in sorted(self.asked.items())]),
            ("跳过的行（未导入，请检查导出文件）", [f"第 {s.row} 行：{s.reason}" for s in self.skipped]),
        ]

    def _head(self) -> list[str]:
        lines = [f"导入 {self.export}（编码 {self.encoding}）" + ("——试运行，没有写入任何文件" if self.dry_run else "")]
        lines.append(
            f"读取 {self.rows_read} 行：新草稿 {len(self.new_drafts)} 个，合并 {len(self.merges)} 个，"
            f"可能重复 {len(self.uncertain)} 个，跳过 {len(self.skipped)} 行，以前已导入 {self.already_imported} 行。"
        )
        masked = "、".join(f"{label} {n} 处" for label, n in sorted(self.masked.items())) or "无"
        lines.append(f"已隐藏的个人信息：{masked}")
        return lines

    def format(self, limit: int | None = SHOWN, report: str = REPORT) -> str:
        """The summary for staff, in Chinese: counts, then at most ``limit`` lines of each list."""
        lines = self._head()
        for heading, items in self._sections():
            if not items:
                continue
            lines.append(f"{heading}：")
            shown = items if limit is None else items[:limit]
            lines += [f"  {item}" for item in shown]
            if len(shown) < len(items):
                lines.append(f"  ……还有 {len(items) - len(shown)} 条，见 {report}")
        if not self.changed and not self.dry_run:
            lines.append("没有新内容，没有修改任何文件。")
        return "\n".join(lines)

    def report(self) -> str:
        """The full report (Markdown): every list complete; masked data by kind, never the values."""
        lines = ["# 顾客问题导入报告", "", *self._head(), ""]
        for heading, items in self._sections():
            lines += [f"## {heading}", ""]
            lines += [f"- {item}" for item in items] or ["（无）"]
            lines.append("")
        if not self.changed and not self.dry_run:
            lines.append("没有新内容，没有修改任何文件。")
        return "\n".join(lines).rstrip("\n") + "\n"


@dataclass
class _Target:
    """A question rows can be merged into: an existing entry file or a draft of this run."""

    rel: str
    question: str
    asked: int
    path: Path
    original: bytes | None = None  # None for a draft of this run
    extra: int = 0
    # for drafts of this run
    date: dt.date | None = None
    models: tuple[str, ...] = ()
    category: str | None = None
    category_hint: str = ""
    also_asked: list[str] = field(default_factory=list)  # merged phrasings (drafts of this run)


def model_aliases(content: Content) -> dict[str, list[str]]:
    """Each model's slug -> the lower-case ways it may be written (name, English name, slug, parts)."""
    aliases: dict[str, list[str]] = {}
    for slug, model in content.models.items():
        names = {slug, slug.replace("-", " "), model.name, str(getattr(model, "name_en", "") or "")}
        names |= {part for name in list(names) for part in name.split() if len(part) >= 2}
        keys = {re.sub(r"\s+", "", unicodedata.normalize("NFKC", n)).casefold() for n in names if n}
        aliases[slug] = sorted(keys, key=len, reverse=True)
    return aliases


def _find_models(text: str, aliases: dict[str, list[str]]) -> tuple[str, ...]:
    """Slugs of the known models named in ``text`` (欧蓝德 → outlander, ASX → asx)."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()
    found = []
    for slug, names in aliases.items():
        for name in names:
            pattern = re.escape(name)
            if name.isascii():  # a Latin name must not be part of a longer word
                pattern = rf"(?<![a-z0-9]){pattern}(?![a-z0-9])"
            if re.search(pattern, key):
                found.append(slug)
                break
    return tuple(found)


def _guess_category(words: list[str], text: str, content: Content) -> tuple[str | None, str]:
    """The category whose vocabulary keywords the question uses most; None on a tie or no hit."""
    vocabulary = content.vocabulary
    canonical = set(words)
    folded = unicodedata.normalize("NFKC", text).casefold()
    hits: dict[str, list[str]] = {}
    for key, keywords in vocabulary.categories.items():
        if key not in content.categories:
            continue
        found = [k for k in keywords if vocabulary.canonical(k).casefold() in canonical or k.casefold() in folded]
        if found:
            hits[key] = found
    if not hits:
        return None, ""
    best = max(len(v) for v in hits.values())
    leaders = [k for k, v in hits.items() if len(v) == best]
    if len(leaders) > 1:
        return None, ""
    return leaders[0], "关键词：" + "、".join(hits[leaders[0]])


_ANY_PLACEHOLDER = re.compile(r"【[^】]*】")


def fingerprint(row: Row, question: str) -> str:
    """Identifies an export row without holding personal data: a hash of its masked values.

    Every placeholder counts as the same 【】, so renaming a kind of personal data (or
    telling two kinds apart) does not make rows imported before look new.
    """
    record = [row.id, row.received.isoformat(), _ANY_PLACEHOLDER.sub("【】", question), _ANY_PLACEHOLDER.sub("【】", normalise(mask(row.model)[0]))]
    return hashlib.sha256(json.dumps(record, ensure_ascii=False).encode()).hexdigest()[:32]


def _existing_targets(paths: Paths, aliases: dict[str, list[str]]) -> list[tuple[_Target, tuple[str, ...]]]:
    targets = []
    for path in sorted(p for p in paths.faq_dir.rglob("*.md") if p.is_file() and not p.name.startswith(".")):
        rel = paths.rel(path)
        source = read_markdown(path, rel, Report())
        if source is None:
            continue
        data = source.meta.data
        question = str(data.get("question") or "").strip()
        if not question:
            continue
        listed = data.get("models")
        models = tuple(str(m) for m in listed) if isinstance(listed, list) else ()
        asked = data.get("asked")
        target = _Target(rel, question, asked if isinstance(asked, int) and not isinstance(asked, bool) else 0, path, path.read_bytes())
        targets.append((target, tuple(dict.fromkeys(models + _find_models(question, aliases)))))
    return targets


def _slug(date: dt.date, question: str, taken: set[str]) -> str:
    digest = hashlib.sha256(question.encode()).hexdigest()
    for length in range(6, len(digest) + 1):
        slug = f"q-{date:%Y%m%d}-{digest[:length]}"
        if slug not in taken:
            return slug
    raise IntakeError(f"无法为问题生成唯一的文件名：{question}")  # pragma: no cover - 64 hex digits


def run_intake(
    export: Path,
    paths: Paths,
    *,
    mapping: Mapping | None = None,
    timezone: str = "Asia/Shanghai",
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> IntakeSummary:
    """Import ``export`` into ``paths.faq_dir / inbox``; raise :class:`IntakeError` if it cannot run.

    One run at a time: a second run started while one is going stops at once. The full
    report is written to ``intake-report.md`` in the project root (also on a dry run).
    """
    lock = paths.root / LOCK
    try:
        with exclusive(lock):
            summary = _run_intake(export, paths, mapping=mapping, timezone=timezone, dry_run=dry_run, progress=progress)
            _write_report(paths.root / REPORT, summary)
            return summary
    except Busy as exc:
        raise IntakeError(
            f"{paths.rel(lock)}: 另一个导入（make intake）正在进行 — 等它完成后再运行；本次没有修改任何文件"
        ) from exc


def _write_report(path: Path, summary: IntakeSummary) -> None:
    """The full report of this run (also of a dry run), replacing the last one; git-ignored."""
    try:
        path.write_text(summary.report(), encoding="utf-8")
    except OSError as exc:
        raise IntakeError(f"{path}: 无法写入导入报告（{exc.strerror or exc}）— 导入本身已完成；检查磁盘空间后可用 --dry-run 重新生成报告") from exc


def _run_intake(
    export: Path,
    paths: Paths,
    *,
    mapping: Mapping | None,
    timezone: str,
    dry_run: bool,
    progress: Callable[[int, int], None] | None,
) -> IntakeSummary:
    inbox = paths.faq_dir / INBOX
    journal = inbox / JOURNAL
    ledger_path = inbox / LEDGER
    if not dry_run:
        recover(journal, paths.faq_dir)
    content, report = load_content(paths)
    if report.errors:
        raise IntakeError(format_problems(report.errors) + "\n请先修正以上内容错误（make check），再导入顾客问题。")
    try:
        rows, encoding = read_export(export, mapping or load_mapping(), timezone)
    except ExportError as exc:
        raise IntakeError(str(exc)) from exc

    summary = IntakeSummary(export=str(export), encoding=encoding, dry_run=dry_run)
    aliases = model_aliases(content)
    analyzer = Analyzer(content.vocabulary, {alias: slug for slug, names in aliases.items() for alias in names})
    matcher = Matcher(analyzer)
    targets: dict[str, _Target] = {}
    for target, models in _existing_targets(paths, aliases):
        targets[target.rel] = target
        matcher.add(target.rel, target.question, models)
    taken = {p.stem for p in paths.faq_dir.rglob("*.md")}
    ledger = read_ledger(ledger_path)
    new_fingerprints: dict[str, int] = {}
    notes: dict[str, str] = {}  # fingerprint -> where the row went and its masked text
    keep = sorted({*content.vocabulary.all_words(), *(a for names in aliases.values() for a in names)})

    for done, row in enumerate(rows, start=1):
        if progress:
            progress(done, len(rows))
        summary.rows_read += 1
        if isinstance(row, BadRow):
            summary.skipped.append(Skipped(row.number, row.reason))
            continue
        masked_text, masked = mask(row.question, keep)
        mark = fingerprint(row, masked_text)
        if mark in ledger:
            summary.already_imported += 1
            continue
        if mark in new_fingerprints:
            summary.skipped.append(Skipped(row.number, f"与第 {new_fingerprints[mark]} 行是同一条记录（时间和内容完全相同）"))
            continue
        summary.masked.update(masked)
        question = strip_contact(masked_text)
        words = analyzer.words(question)
        if not words:
            summary.skipped.append(Skipped(row.number, "问题里没有可用的文字（只有标点、表情、个人信息或“请联系我”）"))
            continue
        new_fingerprints[mark] = row.number
        # Only a model named in the question keeps it apart from questions about other
        # models: the export's model column is often just what the customer browsed.
        named = _find_models(question, aliases)
        models = tuple(dict.fromkeys(named + _find_models(row.model, aliases)))
        match, doubt = matcher.lookup(question)
        if match is not None:
            target = targets[str(match.key)]
            target.extra += 1
            if target.original is None:
                target.also_asked.append(question)
            summary.merges.append(Merge(row.number, question, target.rel, target.question, round(match.score, 2)))
            notes[mark] = f"合并到 {target.rel}\t{question}"
            continue
        date = row.received.date()
        slug = _slug(date, question, taken)
        taken.add(slug)
        path = inbox / f"{slug}.md"
        category, hint = _guess_category(words, question, content)
        target = _Target(paths.rel(path), question, 0, path, None, 1, date, models, category, hint)
        targets[target.rel] = target
        matcher.add(target.rel, question, named)
        summary.new_drafts.append(target.rel)
        notes[mark] = f"新草稿 {target.rel}\t{question}"
        if doubt is not None:
            other = targets[str(doubt.key)]
            summary.uncertain.append(Uncertain(row.number, question, target.rel, other.rel, other.question, round(doubt.score, 2)))
        if category is None:
            summary.uncategorised.append(target.rel)

    changes: list[Change] = []
    for target in targets.values():
        if target.original is None:
            assert target.date is not None
            text = render_draft(
                target.question, target.category, target.date, target.models, target.extra, content.categories,
                target.category_hint, target.also_asked,
            )
            changes.append(Change(target.path, text.encode("utf-8")))
        elif target.extra:
            new = target.asked + target.extra
            try:
                changes.append(Change(target.path, bump_asked(target.original, new), target.original))
            except WriteError as exc:
                raise IntakeError(f"{target.rel}: 无法更新提问次数（{exc}） — 请手动检查这个文件的开头字段后重试；本次没有修改任何文件") from exc
            summary.asked[target.rel] = (target.asked, new)
    if new_fingerprints:
        ledger_text = render_ledger({**ledger, **notes}).encode("utf-8")
        old = ledger_path.read_bytes() if ledger_path.is_file() else None
        changes.append(Change(ledger_path, ledger_text, old))
    if changes and not dry_run:
        try:
            commit(changes, journal)
        except WriteError as exc:
            raise IntakeError(f"{exc} — 本次没有修改任何文件") from exc
    return summary
