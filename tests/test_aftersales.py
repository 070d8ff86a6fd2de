"""Satisfaction surveys, the survey link, the 「这条回答有帮助吗？」 widget and the feedback report (issue 16, part 2).

Browser tests with a real loopback form service are in test_aftersales_browser.py.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from aftersales_helpers import set_endpoints, write_survey
from conftest import FIXTURE_SITE, assert_build_and_check_fail, content_check, copy_site, mkdocs_build, run

from build_tools.aftersales.feedback_report import least_helpful, markdown, read_votes
from build_tools.aftersales.survey_load import load_surveys
from build_tools.aftersales.survey_records import visit_problem
from build_tools.core.errors import Report
from build_tools.core.sources import author_files

REPO = Path(__file__).resolve().parents[1]
VOTES = REPO / "tests" / "fixtures" / "aftersales" / "faq-votes.csv"

BAD_SURVEY = """\
title: 回访
services: [常规保养]
questions:
  - type: ratng
    id: reception
    label: 接待
  - type: rating
    id: Bad-Id
    label: 维修
  - type: rating
    id: timing
    label: 交车
    options: [a, b]
  - type: choice
    id: wait
    label: 等了多久
    options: [短]
  - type: choice
    id: store
    label: 哪家店
    options: [a, a]
  - type: nps
    id: nps
    label: 推荐
  - type: nps
    id: nps2
    label: 再推荐
  - type: comment
    id: wait
  - 就这样
"""


def _problems(root: Path) -> list[str]:
    docs = root / "content"
    report = Report()

    def rel(path: Path) -> str:
        return path.relative_to(root).as_posix()

    assert load_surveys(docs, rel, author_files(docs, [docs], rel, report), report) == []
    return [str(p) for p in report.errors]


def test_survey_validation_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    write_survey(tmp_path, "bad", BAD_SURVEY)
    write_survey(tmp_path, "empty", "title: [x]\n")
    write_survey(tmp_path, "Bad", "a: 1\n")
    (tmp_path / "content" / "surveys" / "notes.txt").write_text("x", encoding="utf-8")
    assert _problems(tmp_path) == [
        "content/surveys/Bad.yml:1: 文件名 Bad.yml 不能用作网址 — 问卷文件名只能用小写英文字母、数字和连字符，例如 service.yml",
        "content/surveys/bad.yml:4: type: 未知问题类型 'ratng' — 只能写 rating（1–5 分评分）、nps（0–10 分推荐意愿）、choice（选择题）、comment（意见留言）",
        "content/surveys/bad.yml:8: id: 问题编号 'Bad-Id' 只能用小写英文字母、数字和下划线，以字母开头，不超过 32 位 — 例如 id: reception",
        "content/surveys/bad.yml:13: options: 只有选择题（type: choice）才有 options — 删除 options，或把 type 改为 choice",
        "content/surveys/bad.yml:17: options: 选择题至少要有 2 个选项，实际 1 个 — 例如 options: [是, 否]",
        "content/surveys/bad.yml:19: id: 问题编号 store 已被回访链接占用（date、redirect、service、store、survey、visit） — 换一个编号，例如 id: service_quality",
        "content/surveys/bad.yml:21: options: 选项 'a' 写了两次 — 每个选项只写一次",
        "content/surveys/bad.yml:25: type: 一份问卷只能有一个推荐意愿问题（type: nps） — 删除多余的一个",
        "content/surveys/bad.yml:28: label: 缺少必填字段 — 请填写一段文字，例如 label: 接待服务",
        "content/surveys/bad.yml:29: id: 问题编号 wait 与第 15 行重复 — 每个问题的 id 必须不同",
        "content/surveys/bad.yml:30: questions: 问题写法不对：'就这样' — 每个问题写成 - type: rating，下面逐行写 id、label",
        "content/surveys/empty.yml:1: questions: 缺少问题列表 — 写 questions:，下面每个问题以“- type: rating”开头，参考 docs/authoring.md「售后回访问卷」",
        "content/surveys/empty.yml:1: title: 应为一段文字，实际写的是 ['x'] — 例如 title: 售后服务回访",
        "content/surveys/notes.txt:1: content/surveys/ 里只能放问卷 .yml 文件 — 改名为 notes.yml，或移出这个文件夹",
    ]


def test_yaml_tricks_in_a_survey_are_refused(tmp_path: Path) -> None:
    write_survey(tmp_path, "alias", "title: &t 回访\nintro: *t\nquestions: []\n")
    assert len(_problems(tmp_path)) == 1 and "content/surveys/alias.yml:1:" in _problems(tmp_path)[0]


def test_a_survey_without_an_endpoint_stops_build_and_check(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    write_survey(root)
    write_survey(root, "bad", "title: 回访\nquestions:\n  - type: nps\n    id: nps\n    label: 推荐\n    options: [a, b]\n")
    assert_build_and_check_fail(root, [
        "content/surveys/visit.yml:1: survey_endpoint: 问卷无处提交：mkdocs.yml 没有配置 survey_endpoint — 在 mkdocs.yml 的 plugins → dealer 下写 "
        "survey_endpoint: {url: https://…, method: POST}（经销商表单服务的地址），或删除这个问卷文件",
        "content/surveys/bad.yml:6: options: 只有选择题（type: choice）才有 options — 删除 options，或把 type 改为 choice",
    ])


@pytest.mark.parametrize(("survey", "feedback", "line"), [
    ("javascript:alert(1)", None, "plugins.dealer.survey_endpoint.url: 不允许的链接类型 javascript:：'javascript:alert(1)'"),
    ("http://form.example.cn/s", None, "plugins.dealer.survey_endpoint.url: http:// 不加密，顾客的回答会明文传输：'http://form.example.cn/s'"),
    (None, "mailto:a@example.cn", "plugins.dealer.feedback_endpoint.url: 表单不能提交到 mailto: 链接：'mailto:a@example.cn'"),
])
def test_refused_endpoints_name_their_line(tmp_path: Path, survey: str | None, feedback: str | None, line: str) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    set_endpoints(root, survey, feedback)
    fix = " — 表单服务的地址只能是 https://…，或本站的相对路径（例如 /forms/survey）"
    for result in (mkdocs_build(root), content_check(root)):
        assert result.returncode == 1
        assert f"mkdocs.yml:14: {line}{fix}" in result.stderr  # the url line below `- dealer:` (see set_endpoints)
        assert "Traceback" not in result.stderr


def test_a_wrong_method_is_refused(tmp_path: Path) -> None:
    root = copy_site(FIXTURE_SITE, tmp_path / "src")
    set_endpoints(root, "https://form.example.cn/s", None, method="PUT")
    result = content_check(root)
    assert result.returncode == 1 and "method 只能写 POST 或 GET，实际是 'PUT'" in result.stderr


HOSTILE = '"><img src=x onerror=alert(1)></script><script>alert(2)</script>{{ 7*7 }}'
HOSTILE_SURVEY = f"""\
title: '{HOSTILE}'
intro: '{HOSTILE}'
services: ['</script><b>x']
thanks: '{HOSTILE}'
questions:
  - type: choice
    id: pick
    label: '{HOSTILE}'
    hint: '{HOSTILE}'
    options: ['{HOSTILE}', b]
"""


@pytest.fixture(scope="module")
def survey_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with a survey and https endpoints (GET for feedback), built; returns the project root."""
    root = copy_site(FIXTURE_SITE, tmp_path_factory.mktemp("survey") / "src")
    write_survey(root)
    write_survey(root, "hostile", HOSTILE_SURVEY)
    set_endpoints(root, "https://form.example.cn/survey", None)
    set_endpoints(root, None, "/forms/faq", method="get")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root


def test_survey_pages_are_published_but_not_listed(survey_site: Path) -> None:
    site = survey_site / "site"
    page = (site / "survey" / "visit" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert '<form class="dealer-survey__form" method="post" action="https://form.example.cn/survey"' in page
    assert '<input type="hidden" name="redirect" value="https://dealer.example.cn/survey/visit/thanks/">' in page
    for key in ("store", "service", "date", "visit"):
        assert f'<input type="hidden" name="{key}" value="" disabled data-survey-context="{key}">' in page
    rules = json.loads(re.search(r'<script type="application/json" id="dealer-survey-rules">(.*?)</script>', page).group(1))
    assert rules["stores"] == {"downtown": "市中心店", "east": "东区服务站", "north-showroom": "北城展厅"}
    assert rules["services"] == ["常规保养", "维修"] and rules["keys"] == ["store", "service", "date", "visit"]
    assert page.count('type="radio" name="reception"') == 5 and page.count('type="radio" name="nps"') == 11
    assert page.count('type="checkbox" name="improve"') == 2
    thanks = (site / "survey" / "visit" / "thanks" / "index.html").read_text(encoding="utf-8")
    assert "noindex" in thanks and "谢谢您！" in thanks
    assert not (site / "surveys").exists()  # the YAML is data, never published
    everything = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*") if p.suffix in (".xml", ".json") and p.is_file())
    assert "survey/" not in everything  # neither sitemap nor search index nor feeds
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert "survey/visit" not in nav


def test_survey_text_is_shown_as_written_never_run(survey_site: Path) -> None:
    page = (survey_site / "site" / "survey" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<script>alert" not in page and "49" not in page.split("<body", 1)[1]
    assert page.count("&#34;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;{{ 7*7 }}") >= 5
    assert '"services": ["\\u003c/script\\u003e\\u003cb\\u003ex"]' in page  # tojson: the rules cannot close their <script>


def test_helpful_widget_on_every_entry_when_configured(survey_site: Path, built_site: Path) -> None:
    pages = sorted((survey_site / "site").rglob("*.html"))
    widgets = {p.parent.relative_to(survey_site / "site").as_posix() for p in pages if "这条回答有帮助吗？" in p.read_text(encoding="utf-8")}
    assert widgets == {"faq/down-payment", "faq/script-question", "faq/first-service", "faq/oil-grade", "faq/service-cost"}
    page = (survey_site / "site" / "faq" / "oil-grade" / "index.html").read_text(encoding="utf-8")
    assert '<form method="get" action="https://dealer.example.cn/forms/faq" accept-charset="utf-8" data-helpful-form>' in page
    assert '<input type="hidden" name="url" value="https://dealer.example.cn/faq/oil-grade/">' in page
    assert '<input type="hidden" name="slug" value="oil-grade">' in page
    # Without feedback_endpoint there is no widget and no script.
    plain = (built_site / "faq" / "oil-grade" / "index.html").read_text(encoding="utf-8")
    assert "dealer-helpful" not in plain and "feedback.js" not in plain


def _link(root: Path, *args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    result = run(sys.executable, "-m", "build_tools", "survey-link", "-f", root / "mkdocs.yml", *args, cwd=cwd or root)
    return result.returncode, result.stdout, result.stderr


def test_survey_link_prints_the_link_and_writes_the_qr(survey_site: Path, tmp_path: Path) -> None:
    code, out, err = _link(survey_site, "--survey", "visit", "--store", "downtown", "--visit", "wo-20261128-0042",
                           "--service", "常规保养", "--date", "2026-11-28", cwd=tmp_path)
    assert code == 0, err
    assert out == ("https://dealer.example.cn/survey/visit/?store=downtown&service=%E5%B8%B8%E8%A7%84%E4%BF%9D%E5%85%BB"
                   "&date=2026-11-28&visit=WO-20261128-0042\n")
    svg = (tmp_path / "survey-WO-20261128-0042.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "扫码填写售后回访问卷" in svg
    code, out, err = _link(survey_site, "--survey", "visit", "--store", "east", "--visit", "AB-1234", "--out", str(tmp_path / "q.png"))
    assert code == 0, err
    assert out == "https://dealer.example.cn/survey/visit/?store=east&visit=AB-1234\n"
    assert (tmp_path / "q.png").read_bytes().startswith(b"\x89PNG")


def test_survey_link_refuses_bad_options_all_at_once(survey_site: Path, tmp_path: Path) -> None:
    code, out, err = _link(survey_site, "--survey", "visti", "--store", "downtwn", "--visit", "13812345678",
                           "--date", "2026-02-30", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "--survey: 未知问卷 'visti'（没有 content/surveys/visti.yml） — 您是不是想写 visit？可用的问卷：hostile、visit",
        "--store: 未知网点 'downtwn'（content/dealers.yml 里没有这个 id） — 您是不是想写 downtown？可用的网点：downtown、east、north-showroom",
        "--visit: 不是回访编号：'13812345678' — 回访编号只能用大写英文字母、数字和连字符，6–32 位，至少两个字母和一个数字，"
        "不能连续 11 位以上数字（例如工单号 WO-20261128-0042），不能是姓名、手机号、身份证号或车牌",
        "--date: 没有这一天：2026-02-30 — 检查月和日是否写对",
    ]
    code, _, err = _link(survey_site, "--survey", "visit", "--store", "downtown", "--visit", "WO-1234", "--service", "洗车", cwd=tmp_path)
    assert code == 2
    assert err == "--service: 问卷 visit 没有服务类型 '洗车' — 可用的服务类型：常规保养、维修\n"
    code, _, err = _link(survey_site, "--survey", "visit", "--store", "downtown", "--visit", "WO-1234", "--out", "q.gif", cwd=tmp_path)
    assert code == 2 and err == "--out: 二维码只能保存为 .svg 或 .png：'q.gif' — 例如 --out 回访-WO-1234.png\n"
    assert list(tmp_path.iterdir()) == []
    code, _, err = _link(REPO / "tests" / "fixtures" / "site", "--survey", "visit", "--store", "downtown", "--visit", "WO-1234", cwd=tmp_path)
    assert code == 2
    assert err.startswith("mkdocs.yml: 没有配置 survey_endpoint，问卷页不会发布")


EXPECTED_REPORT = """\
# 最没帮助的常见问题回答

共 8 票（2026-11-02 至 2026-11-06），4 个问题；有帮助 4 票（50%）。
跳过：投票不是 有帮助/没帮助（yes/no） 1 行；没有 slug 也不是常见问题的网址 1 行。

| 排名 | 问题 | 票数 | 没帮助 | 没帮助占比 | 车主意见（已隐去个人信息） |
|---|---|---|---|---|---|
| 1 | 小保养多少钱？（faq/service-cost/） | 1 | 1 | 100% | 「价格能不能列个表」 |
| 2 | 用什么机油？（faq/oil-grade/） | 3 | 2 | 67% | 「没说清楚 0W-20 和 5W-30 哪个好，我的电话【手机号】」 |
| 3 | 新车首保是多少公里？（faq/first-service/） | 3 | 1 | 33% | 「首保到底免不免费？」 |
"""


def test_feedback_report_ranks_the_least_helpful_answers(tmp_path: Path) -> None:
    result = run(sys.executable, "-m", "build_tools", "feedback-report", VOTES, "-f", FIXTURE_SITE / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED_REPORT
    # The same export as Excel saves it on Chinese Windows (GB18030), with a BOM-less UTF-8 twin written to --out.
    gbk = tmp_path / "votes-gbk.csv"
    gbk.write_bytes(VOTES.read_text(encoding="utf-8").encode("gb18030"))
    out = tmp_path / "report.md"
    result = run(sys.executable, "-m", "build_tools", "feedback-report", gbk, "--out", out, "-f", FIXTURE_SITE / "mkdocs.yml")
    assert result.returncode == 0 and out.read_text(encoding="utf-8") == EXPECTED_REPORT
    bom = tmp_path / "votes-bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + VOTES.read_bytes())
    assert [t.slug for t in least_helpful(read_votes(bom), min_votes=2)] == ["oil-grade", "first-service"]


def test_feedback_report_without_titles_and_with_chinese_headers(tmp_path: Path) -> None:
    export = tmp_path / "votes.csv"
    export.write_text("提交时间,页面,投票,意见\n2026-11-01,/faq/a-b/,没帮助,不清楚 | 真的\n2026-11-01,/faq/a-b/,有帮助,\n", encoding="utf-8")
    votes = read_votes(export)
    assert markdown(votes, least_helpful(votes)).splitlines()[-1] == "| 1 | faq/a-b/ | 2 | 1 | 50% | 「不清楚 \\| 真的」 |"


def test_feedback_report_refuses_an_unusable_export(tmp_path: Path) -> None:
    export = tmp_path / "votes.csv"
    export.write_text("a,b\n1,2\n", encoding="utf-8")
    result = run(sys.executable, "-m", "build_tools", "feedback-report", export, "-f", tmp_path / "none.yml")
    assert result.returncode == 2
    assert result.stderr == f"{export}: 找不到 vote 列和 slug 或 url 列（文件里的列是：a、b） — 导出时保留 time、slug（或 url）、vote、comment 这几列\n"


def test_feedback_report_lists_what_the_search_did_not_find(tmp_path: Path) -> None:
    """One export of the feedback endpoint holds votes and the search's no-result queries (source=search)."""
    export = tmp_path / "feedback.csv"
    export.write_text(
        "time,url,slug,vote,comment,source,reason,query\n"
        "2026-11-01,/faq/a-b/,,no,,,,\n"
        "2026-11-01,,,,,search,no_results,改色膜\n"
        "2026-11-02,,,,,search,not_answered,改色膜\n"
        "2026-11-02,,,,,search,no_results,摩托 我电话13812345678\n",
        encoding="utf-8",
    )
    votes = read_votes(export)
    assert votes.searches and not votes.skipped
    lines = markdown(votes, least_helpful(votes)).splitlines()
    tail = lines[lines.index("## 搜索没找到的内容（已隐去个人信息）"):]
    assert tail[4] == "| 改色膜 | 2 |"
    assert tail[5].startswith("| 摩托 我电话") and "13812345678" not in tail[5]
    # An export of searches only is a report too.
    only = tmp_path / "searches.csv"
    only.write_text("time,source,reason,query\n2026-11-01,search,no_results,改色膜\n", encoding="utf-8")
    assert "| 改色膜 | 1 |" in markdown(read_votes(only), [])


def test_feedback_report_prints_forged_rows_as_harmless_text(tmp_path: Path) -> None:
    """Anyone can post to the endpoint; staff open the report in a Markdown previewer that renders HTML."""
    export = tmp_path / "votes.csv"
    export.write_text(
        "time,slug,vote,comment\n"
        '2026-11-01,<img src=x onerror=alert(1)>,no,\n'
        '2026-11-01,oil-grade,no,"<script>alert(1)</script> [点我](javascript:alert(1))"\n',
        encoding="utf-8",
    )
    votes = read_votes(export)
    assert list(votes.tallies) == ["oil-grade"] and sum(votes.skipped.values()) == 1
    report = markdown(votes, least_helpful(votes))
    assert "<script" not in report and "<img" not in report
    assert re.search(r"(?<!\\)\]\(javascript:", report) is None  # the link syntax is escaped: \](…
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\[点我\\](javascript:alert(1))" in report


@pytest.mark.parametrize("code", ["WO-13812345678", "XY-13812345678-1", "AB430102199001011234"])
def test_a_visit_code_cannot_carry_a_phone_or_id_number(code: str) -> None:
    assert visit_problem(code) is not None
    assert visit_problem("WO-20261128-0042") is None and visit_problem("AB-2026-11-28-0042") is None
