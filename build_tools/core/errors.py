"""The one place where bad input becomes a good message.

Every stage that reads what authors wrote reports into a :class:`Report` instead of
raising on the first problem, so a run lists *all* mistakes at once. Each problem
names the file, the line, the field, what is wrong and how to fix it, formatted as::

    faq/maintenance/oil.md:3: category: 未知分类 "maintanance" — 请改为 faq/categories.yml 中的分类之一：…

Messages are in Chinese because the people who read them are the marketing staff
who write the content (see docs/authoring.md).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    # Work left for the authors that does not block publishing (e.g. an unanswered draft).
    TODO = "todo"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the content, located as precisely as the input allows."""

    path: str
    line: int
    field: str
    what: str
    fix: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:"
        subject = f" {self.field}:" if self.field else ""
        return f"{where}{subject} {self.what} — {self.fix}"


@dataclass
class Report:
    """Collects the problems of one run."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, field: str, what: str, fix: str) -> None:
        self.problems.append(Problem(path, line, field, what, fix, Severity.ERROR))

    def warning(self, path: str, line: int, field: str, what: str, fix: str) -> None:
        self.problems.append(Problem(path, line, field, what, fix, Severity.WARNING))

    def todo(self, path: str, line: int, field: str, what: str, fix: str) -> None:
        self.problems.append(Problem(path, line, field, what, fix, Severity.TODO))

    def extend(self, other: Report) -> None:
        self.problems.extend(other.problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def todos(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity is Severity.TODO)

    @property
    def ok(self) -> bool:
        return not self.errors



class BuildStop(Exception):
    """The build cannot go on; the message (Chinese, naming the file) says why and what to do.

    Raised by the build, never shown as a traceback: the engine's adapter turns it into
    its own error (MkDocs' ``PluginError``), the preview into its error page.
    """


def format_problems(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    lines = [str(p) for p in problems]
    lines.append(f"内容检查发现 {len(problems)} 个错误，请逐条修改后重试。")
    return "\n".join(lines)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to ``word``, if one is close enough to suggest."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def one_of(choices: Iterable[str]) -> str:
    return "、".join(choices) or "（无）"


def suggest(word: str, choices: Iterable[str], label: str) -> str:
    """How to fix an unknown name: the closest valid one, then all of them."""
    choices = list(choices)
    guess = did_you_mean(word, choices)
    hint = f"您是不是想写 {guess}？" if guess else ""
    return f"{hint}{label}：{one_of(choices)}"
