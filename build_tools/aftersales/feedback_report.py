"""``python -m build_tools feedback-report FILE``: the least helpful FAQ answers, from an export of 「这条回答有帮助吗？」 votes.

The export is the form service's CSV (columns: time, slug or url, vote, comment; English or
Chinese headers), read like intake's exports: the encoding (UTF-8 with or without BOM,
GB18030, UTF-16) is detected from the bytes. Comments are customers' text: they are masked
with intake's privacy masking before anything is printed.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..core.slugs import SLUG
from ..intake.privacy import mask
from ..intake.read import detect_encoding, parse_received

HELP = "list the least helpful FAQ answers from an export of 「这条回答有帮助吗？」 votes (CSV) as a Markdown table"
DESCRIPTION = """\
Read an export of the FAQ's 「这条回答有帮助吗？」 votes (CSV: time, slug or url, vote,
comment; UTF-8, UTF-8 with BOM or GB18030 as Excel saves it) and print the least helpful
answers first as a Markdown table: votes, the share of 没帮助, and a few comments with
personal data masked. Exit code 2 when the file cannot be read.
"""

# Header names by field (lower case), as the dealer's form service or a spreadsheet names them.
COLUMNS = {
    "time": ("time", "timestamp", "date", "时间", "提交时间", "日期"),
    "slug": ("slug", "entry", "问题编号", "条目"),
    "url": ("url", "page", "page url", "网址", "页面", "链接"),
    "vote": ("vote", "helpful", "投票", "是否有帮助", "评价"),
    "comment": ("comment", "comments", "意见", "留言", "哪里没说清楚", "评论"),
    # The site search sends what it found nothing for (source=search, reason, query) to the same endpoint.
    "query": ("query", "搜索词", "搜索内容"),
}
YES = frozenset({"yes", "y", "1", "true", "有帮助", "有用", "是", "helpful", "up"})
NO = frozenset({"no", "n", "0", "false", "没帮助", "没有帮助", "无用", "否", "not helpful", "down"})
COMMENTS_SHOWN = 3
_FAQ_PATH = re.compile(r"/faq/([a-z0-9]+(?:-[a-z0-9]+)*)/?$")


class ReportError(Exception):
    """The export cannot be used; the message (Chinese) says what to do."""


@dataclass
class Tally:
    """The votes of one FAQ entry."""

    slug: str
    yes: int = 0
    no: int = 0
    comments: list[str] = field(default_factory=list)

    @property
    def votes(self) -> int:
        return self.yes + self.no

    @property
    def no_share(self) -> float:
        return self.no / self.votes if self.votes else 0.0


@dataclass
class Votes:
    """Every entry's tally, and the rows that could not be counted."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    searches: Counter[str] = field(default_factory=Counter)  # masked query -> times nothing was found
    first: str = ""
    last: str = ""


def entry_slug(slug: str, url: str) -> str | None:
    """The FAQ entry a vote is about: its slug column, else the ``/faq/<slug>/`` of its URL."""
    if slug.strip():
        # Anyone can post to the endpoint: only a real slug may reach the report (it is printed as is).
        return slug.strip() if SLUG.match(slug.strip()) else None
    match = _FAQ_PATH.search(urlsplit(url.strip()).path)
    return match.group(1) if match else None


def read_votes(path: Path, timezone: str = "Asia/Shanghai") -> Votes:
    """The tallies of the export at ``path``; raises :class:`ReportError` when it cannot be read at all."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReportError(f"{path}: 无法读取导出文件（{exc.strerror or exc}） — 检查文件路径") from exc
    text = raw.decode(detect_encoding(raw), errors="replace").removeprefix("\ufeff")
    if not text.strip():
        raise ReportError(f"{path}: 导出文件是空的 — 请重新导出")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first_line.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = [h.strip().lower() for h in next(rows)]
    index = {name: next((headers.index(a) for a in aliases if a in headers), None) for name, aliases in COLUMNS.items()}
    if index["query"] is None and (index["vote"] is None or (index["slug"] is None and index["url"] is None)):
        raise ReportError(f"{path}: 找不到 vote 列和 slug 或 url 列（文件里的列是：{'、'.join(headers) or '（无）'}） — "
                          "导出时保留 time、slug（或 url）、vote、comment 这几列")
    votes = Votes()
    times = []
    for cells in rows:
        if not any(c.strip() for c in cells):
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            i = index[name]
            return cells[i].strip() if i is not None and i < len(cells) else ""

        if query := cell("query"):
            # Masked again here: the browser's masking is a simpler copy of intake's rules.
            votes.searches[_cell(mask(query)[0])] += 1
            continue
        slug = entry_slug(cell("slug"), cell("url"))
        vote = cell("vote").lower()
        if slug is None:
            votes.skipped["没有 slug 也不是常见问题的网址"] += 1
            continue
        if vote not in YES | NO:
            votes.skipped["投票不是 有帮助/没帮助（yes/no）"] += 1
            continue
        tally = votes.tallies.setdefault(slug, Tally(slug))
        if vote in YES:
            tally.yes += 1
        else:
            tally.no += 1
            if comment := cell("comment"):
                tally.comments.append(comment)
        when = parse_received(cell("time"), timezone) if cell("time") else None
        if when is not None:
            times.append(when)
    if times:
        votes.first, votes.last = min(times).date().isoformat(), max(times).date().isoformat()
    return votes


def least_helpful(votes: Votes, limit: int = 10, min_votes: int = 1) -> list[Tally]:
    """The entries with at least one 没帮助 and ``min_votes`` votes: highest 没帮助 share first, then most 没帮助, then slug."""
    ranked = [t for t in votes.tallies.values() if t.no and t.votes >= min_votes]
    return sorted(ranked, key=lambda t: (-t.no_share, -t.no, t.slug))[:limit]


def _cell(text: str) -> str:
    """Customers' text in a Markdown table cell: one line, no column break, and nothing a Markdown
    previewer would run or link (staff open the report in one): HTML and link syntax are escaped."""
    text = html.escape(re.sub(r"\s+", " ", text).strip(), quote=False)
    return re.sub(r"([|\[\]`\\])", r"\\\1", text)


def markdown(votes: Votes, ranked: list[Tally], questions: dict[str, str] | None = None) -> str:
    """The report: a summary line and a table of ``ranked``, comments masked."""
    questions = questions or {}
    total = sum(t.votes for t in votes.tallies.values())
    yes = sum(t.yes for t in votes.tallies.values())
    period = f"（{votes.first} 至 {votes.last}）" if votes.first else ""
    lines = [
        "# 最没帮助的常见问题回答", "",
        f"共 {total} 票{period}，{len(votes.tallies)} 个问题；有帮助 {yes} 票（{yes / total:.0%}）。" if total else "没有可统计的投票。",
    ]
    if votes.skipped:
        lines.append("跳过：" + "；".join(f"{why} {n} 行" for why, n in sorted(votes.skipped.items())) + "。")
    lines.append("")
    if not ranked:
        lines.append("没有“没帮助”的投票。")
        return "\n".join(lines + _searches(votes)) + "\n"
    lines += ["| 排名 | 问题 | 票数 | 没帮助 | 没帮助占比 | 车主意见（已隐去个人信息） |", "|---|---|---|---|---|---|"]
    for rank, tally in enumerate(ranked, start=1):
        title = questions.get(tally.slug)
        name = f"{_cell(title)}（faq/{tally.slug}/）" if title else f"faq/{tally.slug}/"
        comments = "；".join(f"「{_cell(mask(c)[0])}」" for c in tally.comments[:COMMENTS_SHOWN])
        more = f" 等 {len(tally.comments)} 条" if len(tally.comments) > COMMENTS_SHOWN else ""
        lines.append(f"| {rank} | {name} | {tally.votes} | {tally.no} | {tally.no_share:.0%} | {comments}{more} |")
    return "\n".join(lines + _searches(votes)) + "\n"


def _searches(votes: Votes, limit: int = 20) -> list[str]:
    """What customers searched for and did not find, most often first: candidates for new FAQ entries."""
    if not votes.searches:
        return []
    rows = sorted(votes.searches.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return ["", "## 搜索没找到的内容（已隐去个人信息）", "", "| 搜索内容 | 次数 |", "|---|---|",
            *(f"| {query} | {n} |" for query, n in rows)]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The feedback-report subcommand's arguments and options."""
    parser.add_argument("file", type=Path, help="the export of votes, e.g. exports/faq-feedback-2026-11.csv")
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown table to this file instead of the terminal")
    parser.add_argument("--limit", type=int, default=10, help="how many answers to list (default: %(default)s)")
    parser.add_argument("--min-votes", type=int, default=1, help="leave out answers with fewer votes (default: %(default)s)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml, for the questions' titles (default: %(default)s)")


def _questions(config_file: str) -> dict[str, str]:
    """slug → question of the site's FAQ, when its mkdocs.yml can be read (else the report names slugs only)."""
    if not Path(config_file).is_file():
        return {}
    from mkdocs.exceptions import ConfigurationError, PluginError

    from ..adapter.config import read_settings
    from ..site.content import load_content

    try:
        settings = read_settings(config_file)
    except (ConfigurationError, PluginError, OSError):
        return {}  # titles are a courtesy: a site whose mkdocs.yml is broken still gets its report
    content, _ = load_content(settings.paths)
    return {entry.slug: entry.question for entry in content.faq}


def feedback_report(file: Path, out: Path | None, limit: int, min_votes: int, config_file: str) -> int:
    """The command: 0 and the table; 2 and one line when the export cannot be read."""
    try:
        votes = read_votes(file)
    except ReportError as exc:
        print(exc, file=sys.stderr)
        return 2
    text = markdown(votes, least_helpful(votes, limit, min_votes), _questions(config_file))
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        from ..core.faults import describe

        print(describe(exc, str(out)), file=sys.stderr)
        return 1
    print(f"报告已写入 {out}", file=sys.stderr)
    return 0
