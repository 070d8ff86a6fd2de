"""Typed records of a satisfaction survey (``content/surveys/<slug>.yml``) and of the visit a link names.

A survey asks about one service visit; the visit comes in through the link staff send
(``survey-link``): the store, the kind of service, the date and an opaque visit code —
never a name or a phone number. The rules for those four values live here once, for the
command that makes the links and (the same patterns) for the page that reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.schema import iso_day

RATING = "rating"  # 1–5 分, one named service item (接待服务, 维修质量 …)
NPS = "nps"  # 0–10 「推荐意愿」
CHOICE = "choice"  # one option, or several with ``multiple: true``
COMMENT = "comment"  # free text
KINDS = (RATING, NPS, CHOICE, COMMENT)

SURVEYS_DIR = "surveys"
# The query keys of a survey link, in order; nothing else is read from the URL, shown or sent.
CONTEXT_KEYS = ("store", "service", "date", "visit")
# Field names the form sends besides the answers: no question may use them.
RESERVED_IDS = frozenset({"survey", "redirect", *CONTEXT_KEYS})
QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
# A visit code is the dealer's opaque work-order or visit number (WO-20261128-0042): upper-case
# letters, digits and hyphens, 6–32 long, with at least two letters and one digit, and no run of 11
# or more digits — so a mobile number (11 digits), an ID-card number (18) or a plate (Chinese
# characters) can never pass for one, not even inside a code (WO-13812345678). Dates (8 digits) can.
# The hyphen is escaped: browsers compile an <input pattern> with the v flag, where a bare "-" in a class is a
# syntax error and the whole pattern is silently ignored (the no-JavaScript visit field would take any text).
VISIT_CODE = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})(?=[^0-9]*[0-9])(?!.*[0-9]{11})[A-Z0-9][A-Z0-9\-]{4,30}[A-Z0-9]$")
# The same rule as JavaScript reads it (survey.js), kept next to the Python one.
VISIT_CODE_JS = VISIT_CODE.pattern
COMMENT_MAX = 500


@dataclass(frozen=True)
class Question:
    """One question: its kind, the form field it is sent as, its label and (choices) its options."""

    kind: str
    id: str
    label: str
    required: bool
    options: tuple[str, ...] = ()
    multiple: bool = False
    hint: str = ""

    @property
    def scale(self) -> tuple[int, ...]:
        """The scores a rating (1–5) or 推荐意愿 (0–10) question offers."""
        return tuple(range(1, 6)) if self.kind == RATING else tuple(range(0, 11)) if self.kind == NPS else ()


@dataclass(frozen=True)
class Survey:
    """A satisfaction survey: ``content/surveys/<slug>.yml``, published at ``survey/<slug>/``."""

    slug: str
    source: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    # The kinds of service a link may name (常规保养, 维修 …); empty: links name none.
    services: tuple[str, ...] = ()
    thanks: str = "感谢您的反馈！我们会认真阅读每一条意见，持续改进服务。"

    @property
    def src_uri(self) -> str:
        return f"{SURVEYS_DIR}/{self.slug}.yml"

    @property
    def url(self) -> str:
        return f"survey/{self.slug}/"

    @property
    def thanks_url(self) -> str:
        return f"survey/{self.slug}/thanks/"


def visit_problem(code: str) -> str | None:
    """Why ``code`` is not a visit code, ``what — rule`` in Chinese, or None."""
    if VISIT_CODE.match(code):
        return None
    return f"不是回访编号：{code!r} — 回访编号只能用大写英文字母、数字和连字符，6–32 位，至少两个字母和一个数字，不能连续 11 位以上数字（例如工单号 WO-20261128-0042），不能是姓名、手机号、身份证号或车牌"


def date_problem(text: str) -> str | None:
    """Why ``text`` is not a visit date written YYYY-MM-DD (Chinese), or None."""
    if iso_day(text) is not None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return f"没有这一天：{text} — 检查月和日是否写对"
    return f"日期格式不对：{text!r} — 写成 YYYY-MM-DD，例如 2026-11-28"
