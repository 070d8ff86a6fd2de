"""``python -m build_tools survey-link``: the personal link to a survey for one visit, and its QR code.

Staff run it on day 3 after a service (「3 日后回访」) and send the link by SMS or WeChat, or
print the QR code. The link carries only the store, the kind of service, the date and an
opaque visit code (the rules are :mod:`.survey_records`'), never a name or phone number.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import segno

from ..catalog.load import load_locations
from ..core.errors import Report, suggest
from ..core.faults import describe
from ..core.settings import Settings
from ..core.sources import author_files
from .survey_load import load_surveys
from .survey_records import Survey, date_problem, visit_problem

HELP = "print a customer's personal survey link (for SMS/WeChat) and write its QR code (SVG or PNG)"
DESCRIPTION = """\
Print the personal link to a satisfaction survey (content/surveys/<slug>.yml) for one
service visit, and write its QR code. The link holds the store (an id of
content/dealers.yml), the kind of service (one of the survey's `services`), the date and
the visit code (the work-order number: capital letters, digits and hyphens) — never a
name or a phone number. Exit code 2 when an option is wrong.
"""


class LinkError(Exception):
    """A wrong option: the message (Chinese) says what to write instead."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The survey-link subcommand's options."""
    parser.add_argument("--survey", required=True, help="the survey's file name without .yml, e.g. service")
    parser.add_argument("--store", required=True, help="the store's id in content/dealers.yml, e.g. xingsha")
    parser.add_argument("--visit", required=True, help="the visit code (work-order number), e.g. WO-20261128-0042")
    parser.add_argument("--service", default="", help="the kind of service, one of the survey's services, e.g. 常规保养")
    parser.add_argument("--date", default="", help="the date of the visit, YYYY-MM-DD")
    parser.add_argument("--out", type=Path, default=None, help="where to write the QR code, .svg (default) or .png (default: survey-<visit>.svg)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")


def personal_link(settings: Settings, survey: Survey, store: str, visit: str, service: str = "", date: str = "") -> str:
    """The absolute link to ``survey`` for one visit (values percent-encoded as UTF-8)."""
    query = [(k, v) for k, v in (("store", store), ("service", service), ("date", date), ("visit", visit)) if v]
    return f"{settings.absolute(survey.url)}?{urlencode(query, quote_via=quote)}"


def _content(settings: Settings) -> tuple[dict[str, Survey], set[str]]:
    """The site's surveys by slug and its store ids (only the two files a link needs are read)."""
    paths = settings.paths
    report = Report()
    files = author_files(paths.docs_dir, paths.content_dirs, paths.rel, report)
    surveys = {s.slug: s for s in load_surveys(paths.docs_dir, paths.rel, files, report)}
    stores = {location.id for location in load_locations(paths.docs_dir, paths.rel, report)}
    if report.errors:
        raise LinkError("\n".join(str(p) for p in report.errors) + "\n内容有错误，先改正（make check）再生成回访链接。")
    return surveys, stores


def make_link(settings: Settings, slug: str, store: str, visit: str, service: str, date: str, today: dt.date) -> str:
    """Check every option against the content and the rules; the personal link, or :class:`LinkError` listing every problem."""
    if settings.survey_endpoint is None:
        raise LinkError(f"{settings.config_name}: 没有配置 survey_endpoint，问卷页不会发布 — 先在 plugins → dealer 下写 survey_endpoint: {{url: https://…}}")
    surveys, stores = _content(settings)
    survey = surveys.get(slug)
    problems = []
    if survey is None:
        problems.append(f"--survey: 未知问卷 {slug!r}（没有 content/surveys/{slug}.yml） — {suggest(slug, sorted(surveys), '可用的问卷')}")
    if store not in stores:
        problems.append(f"--store: 未知网点 {store!r}（content/dealers.yml 里没有这个 id） — {suggest(store, sorted(stores), '可用的网点')}")
    if (problem := visit_problem(visit)) is not None:
        problems.append(f"--visit: {problem}")
    if service and survey is not None and service not in survey.services:
        choices = "、".join(survey.services) or "（问卷没有写 services，不能带服务类型）"
        problems.append(f"--service: 问卷 {slug} 没有服务类型 {service!r} — 可用的服务类型：{choices}")
    if date:
        if (problem := date_problem(date)) is not None:
            problems.append(f"--date: {problem}")
        elif dt.date.fromisoformat(date) > today:
            problems.append(f"--date: 到店日期 {date} 还没到 — 写这次保养或维修的日期")
    if problems or survey is None:
        raise LinkError("\n".join(problems))
    return personal_link(settings, survey, store, visit, service, date)


def write_qr(link: str, out: Path) -> None:
    """The link's QR code as SVG or PNG (by ``out``'s suffix), big enough to print on a work order."""
    code = segno.make(link, error="m", micro=False)
    if out.suffix.lower() == ".png":
        code.save(str(out), kind="png", scale=10, border=4)
    else:
        code.save(str(out), kind="svg", scale=10, border=4, title="扫码填写售后回访问卷")


def survey_link(config_file: str, survey: str, store: str, visit: str, service: str = "", date: str = "", out: Path | None = None) -> int:
    """The command: 0 and the link on stdout; 2 and one line per problem on stderr."""
    from ..adapter.config import command_settings

    if (settings := command_settings(config_file)) is None:
        return 2
    visit = visit.strip().upper()  # codes are read aloud and typed: wo-… is the same visit
    out = out if out is not None else Path(f"survey-{visit}.svg")
    try:
        if out.suffix.lower() not in (".svg", ".png"):
            raise LinkError(f"--out: 二维码只能保存为 .svg 或 .png：{str(out)!r} — 例如 --out 回访-{visit}.png")
        link = make_link(settings, survey, store.strip(), visit, service.strip(), date.strip(), settings.today())
    except LinkError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        write_qr(link, out)
    except OSError as exc:
        print(describe(exc, str(out)), file=sys.stderr)
        return 1
    print(link)
    print(f"二维码已保存：{out}（可打印，或发到微信）", file=sys.stderr)
    return 0
