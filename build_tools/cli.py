"""Command line: ``python -m build_tools check`` validates content without building;
``python -m build_tools build`` builds the site (``make site``), all or nothing;
``python -m build_tools intake FILE`` imports customer questions as FAQ drafts;
``python -m build_tools survey-link`` prints a customer's survey link and writes its QR code;
``python -m build_tools feedback-report FILE`` lists the least helpful FAQ answers from exported votes.

A thin layer over the stages; user mistakes print one line each and exit non-zero.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .blog.load import BlogOptions
from .core.errors import format_problems
from .core.reuse import FileMemo
from .site.content import load_content


def check(config_file: str, strict: bool) -> int:
    """Validate all content; 0 when clean, 1 when there are errors (or warnings with --strict)."""
    from .adapter.config import command_settings

    if (settings := command_settings(config_file)) is None:
        return 1
    from .site.check import check_all

    with FileMemo().current():  # a page both checks read is parsed once
        content, report = load_content(settings.paths, BlogOptions.of(settings), settings.now())
        check_all(content, settings, report)
    for problem in report.todos:
        print(f"待办：{problem}")
    for problem in report.warnings:
        print(f"警告：{problem}", file=sys.stderr)
    if report.errors:
        print(format_problems(report.errors), file=sys.stderr)
        return 1
    if strict and report.warnings:
        print(f"有 {len(report.warnings)} 个警告；严格模式（--strict）下警告也需要修改。", file=sys.stderr)
        return 1
    today = settings.today()
    published = sum(e.is_published(today) for e in content.faq)
    now = settings.now()
    posts = f"，{len(content.posts)} 篇文章（{sum(p.is_published(now) for p in content.posts)} 篇已发布）" if content.posts else ""
    current = sum(p.is_current(now) for p in content.promotions)
    promotions = f"，{len(content.promotions)} 个优惠活动（{current} 个进行中）" if content.promotions else ""
    print(
        f"内容检查通过：{len(content.faq)} 个问题（{published} 个已发布），"
        f"{len(content.categories)} 个分类，{len(content.models)} 个车型{posts}{promotions}。"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dealer-site", description="Tools for the dealer site's content.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_parser = commands.add_parser("check", help="validate all content and report every problem at once, without building")
    check_parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    check_parser.add_argument("--strict", action="store_true", help="treat warnings (e.g. unknown front-matter keys) as errors")
    build_parser = commands.add_parser("build", help="build the site into site/ (all or nothing: a failed build leaves the old site/ as it was)")
    build_parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    build_parser.add_argument("-d", "--site-dir", default=None, help="the output folder (default: site_dir of mkdocs.yml)")
    build_parser.add_argument("--strict", action="store_true", help="fail on any warning, as `mkdocs build --strict`")
    from .intake import command as intake_command

    intake_parser = commands.add_parser("intake", help=intake_command.HELP, description=intake_command.DESCRIPTION,
                                        formatter_class=argparse.RawDescriptionHelpFormatter)
    intake_command.add_arguments(intake_parser)
    from .aftersales import feedback_report, survey_link

    link_parser = commands.add_parser("survey-link", help=survey_link.HELP, description=survey_link.DESCRIPTION)
    survey_link.add_arguments(link_parser)
    report_parser = commands.add_parser("feedback-report", help=feedback_report.HELP, description=feedback_report.DESCRIPTION)
    feedback_report.add_arguments(report_parser)
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.config_file, args.strict)
    if args.command == "build":
        from .adapter.build import build

        return build(args.config_file, args.strict, args.site_dir)
    if args.command == "intake":
        return intake_command.intake(args.file, args.config_file, args.mapping, args.dry_run)
    if args.command == "survey-link":
        return survey_link.survey_link(args.config_file, args.survey, args.store, args.visit, args.service, args.date, args.out)
    if args.command == "feedback-report":
        return feedback_report.feedback_report(args.file, args.out, args.limit, args.min_votes, args.config_file)
    parser.error(f"unknown command {args.command}")  # pragma: no cover - argparse rejects it first
    return 2


if __name__ == "__main__":
    sys.exit(main())
