"""Maintenance plans: ``maintenance:`` in a model's front matter, checked with exact messages; the 保养计划
section of the model page; FAQ answers about a model's maintenance linking to it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import REPO, assert_build_and_check_fail, built, mkdocs_build, write
from maintenance_helpers import GAMMA_NAME, maintenance_site

from build_tools.catalog.load import load_models
from build_tools.catalog.pages import plan_cycle, plan_rows
from build_tools.catalog.records import Service
from build_tools.core.errors import Report

MODEL = """\
---
name: 欧蓝德
type: 中型 SUV
price_from: 169800
summary: 七座四驱
maintenance:
{plan}
---

正文
"""

GOOD = """\
  - km: 5000
    months: 6
    items: [更换机油, 更换机油滤清器]
    price: 0
  - km: 10000
    months: 12
    items: [更换机油, 更换机油滤清器, 更换空调滤芯]
    price: 480
  - months: 24
    items:
      - 更换刹车油"""


def load(tmp_path: Path, plan: str) -> tuple[dict, list[str], list[str]]:
    write(tmp_path, "content/models/outlander.md", MODEL.format(plan=plan))
    report = Report()
    found = load_models(tmp_path / "content", lambda p: p.relative_to(tmp_path).as_posix(), report)
    return found, [str(p) for p in report.errors], [str(p) for p in report.warnings]


def test_plan_record(tmp_path: Path) -> None:
    found, errors, warnings = load(tmp_path, GOOD)
    assert errors == warnings == []
    assert found["outlander"].maintenance == (
        Service(("更换机油", "更换机油滤清器"), km=5000, months=6, price=0),
        Service(("更换机油", "更换机油滤清器", "更换空调滤芯"), km=10000, months=12, price=480),
        Service(("更换刹车油",), months=24),
    )


def test_every_plan_mistake_at_once(tmp_path: Path) -> None:
    bad = """\
  - km: 5000
    months: 0
    items: [更换机油]
    price: 免费
  - kms: 10000
    items: [更换机油，更换机滤]
    price: -1
  - km: 1万
    items: []
  - months: 12
  - 更换机油
  - km: 30000
    months: 36
    items: 更换刹车油
    price: 380"""
    found, errors, warnings = load(tmp_path, bad)
    path = "content/models/outlander.md"
    assert errors == [
        f"{path}:8: maintenance[1].months: 不能小于 1，实际是 0 — 填写 1 或更大的整数",
        f"{path}:10: maintenance[1].price: 应为整数，实际写的是 '免费' — 例如 price: 480（整数，单位：元；免费写 0）",
        f"{path}:11: maintenance[2]: 缺少保养间隔 — 至少写 km（公里）或 months（月）中的一个，例如 km: 10000 和 months: 12（以先到者为准）",
        f"{path}:12: maintenance[2].items: 列表写法不对：['更换机油，更换机滤']（列表项之间要用英文逗号，每项不能为空） — 例如 items: [更换机油, 更换机油滤清器, 全车检查]",
        f"{path}:13: maintenance[2].price: 不能小于 0，实际是 -1 — 填写 0 或更大的整数",
        f"{path}:14: maintenance[3].km: 应为整数，实际写的是 '1万' — 例如 km: 10000（整数，单位：公里，不要写“公里”）",
        f"{path}:15: maintenance[3].items: 保养项目不能为空 — 至少写一项，例如 items: [更换机油, 更换机油滤清器]",
        f"{path}:16: maintenance[4].items: 缺少必填字段 — 请填写文字列表，例如 items: [更换机油, 更换机油滤清器, 全车检查]",
        f"{path}:17: maintenance[5]: 保养项写法不对：'更换机油' — 每项写成 - km: 10000，下面逐行写 months、items、price",
        f"{path}:20: maintenance[6].items: 应为文字列表，实际写的是 '更换刹车油' — 例如 items: [更换机油, 更换机油滤清器, 全车检查]",
    ]
    assert warnings == [f"{path}:11: maintenance[2].kms: 未知字段，将被忽略 — 您是不是想写 km？"]
    assert found["outlander"].maintenance == ()  # the model itself is still read; no service was valid


def test_the_authoring_guides_example_is_a_valid_plan(tmp_path: Path) -> None:
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    example = guide.split(". 保养计划（车型页的 `maintenance`）", 1)[1].split("```yaml\n", 1)[1].split("\n```", 1)[0]
    found, errors, warnings = load(tmp_path, example.removeprefix("maintenance:\n"))
    assert errors == warnings == []
    assert [(s.km, s.months, s.price) for s in found["outlander"].maintenance] == [(5000, 6, 0), (10000, 12, 560), (10000, 12, 820)]


def test_the_sample_models_have_plans(tmp_path: Path) -> None:
    report = Report()
    found = load_models(REPO / "content", lambda p: p.relative_to(REPO).as_posix(), report)
    assert report.ok, [str(p) for p in report.errors]
    for model in found.values():
        assert model.maintenance[0] == Service(model.maintenance[0].items, km=5000, months=6, price=0), model.slug  # 首保 free
        assert all((s.km, s.months) == (10000, 12) and s.price for s in model.maintenance[1:]), model.slug


def test_maintenance_must_be_a_list(tmp_path: Path) -> None:
    _, errors, _ = load(tmp_path, "  km: 10000")
    assert errors == ["content/models/outlander.md:6: maintenance: 应为列表，每次保养以“- km: …”开头 — 参考 docs/authoring.md 中「保养计划」的示例"]


def test_a_broken_plan_stops_build_and_check(tmp_path: Path) -> None:
    root = maintenance_site(tmp_path / "src")
    alpha = root / "content/models/alpha.md"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("    price: 480", "    price: 480元"), encoding="utf-8")
    line = alpha.read_text(encoding="utf-8").splitlines().index("    price: 480元") + 1
    assert_build_and_check_fail(root, [f"content/models/alpha.md:{line}: maintenance[2].price: 应为整数，实际写的是 '480元' — 例如 price: 480（整数，单位：元；免费写 0）"])


@pytest.mark.parametrize(("plan", "rows", "cycle"), [
    ([Service(("换机油",), km=10000, months=12, price=480)], [("定期保养", "每 10,000 公里或 12 个月", "参考价 ¥480")], ""),
    ([Service(("换机油",), km=5000, months=6, price=0), Service(("换机油",), months=12, price=1280)],
     [("第 1 次保养", "购车后 5,000 公里或 6 个月", "免费"), ("第 2 次及以后", "之后每 12 个月", "参考价 ¥1,280")], ""),
    ([Service(("a",), km=5000), Service(("b",), km=10000, price=480), Service(("c",), km=10000)],
     [("第 1 次保养", "购车后 5,000 公里", "到店报价"), ("第 2 次保养", "再过 10,000 公里", "参考价 ¥480"), ("第 3 次保养", "再过 10,000 公里", "到店报价")],
     "第 3 次之后，从第 2 次起依次循环。"),
])
def test_plan_as_customers_read_it(plan: list[Service], rows: list[tuple[str, str, str]], cycle: str) -> None:
    assert [(r.title, r.when, r.price) for r in plan_rows(plan)] == rows
    assert plan_cycle(plan) == cycle


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = maintenance_site(tmp_path_factory.mktemp("maint") / "src")
    return built(root)


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_model_page_shows_the_plan_with_a_service_booking(site: Path) -> None:
    page = read(site, "models/alpha/index.html")
    section = page.split('<section class="dealer-maint"')[1].split("</section>")[0]
    assert '<h2 id="maintenance-plan">保养计划</h2>' in section
    services = re.findall(r'<li class="dealer-maint__service">(.*?)</ul>', section, re.S)
    assert len(services) == 2
    assert "<strong>第 1 次保养</strong>" in services[0] and ">免费</span>" in services[0] and "购车后 5,000 公里或 6 个月" in services[0]
    assert "<li>更换机油</li><li>更换机油滤清器</li><li>全车检查</li>" in services[0]
    assert "<strong>第 2 次及以后</strong>" in services[1] and ">参考价 ¥480</span>" in services[1] and "之后每 10,000 公里或 12 个月" in services[1]
    booking = re.findall(r'data-lead="service" href="([^"]+)">预约保养</a>', section)
    assert len(booking) == 1
    url = urlsplit(booking[0].replace("&amp;", "&"))
    assert url.netloc == "form.example.cn" and url.path == "/service"
    # pre-filled with the model and the store that services cars (the first location does both)
    assert parse_qs(url.query) == {"model": ["alpha"], "store": ["downtown"], "utm_source": ["website"], "utm_medium": ["cta"], "utm_campaign": ["alpha"]}


def test_the_reminder_gets_the_plan_as_json_and_is_hidden_without_javascript(site: Path) -> None:
    page = read(site, "models/alpha/index.html")
    data = json.loads(re.search(r"<script type=\"application/json\" data-maintenance-plan>(.*?)</script>", page, re.S).group(1))
    assert data["slug"] == "alpha" and data["name"] == "阿尔法" and data["host"] == "dealer.example.cn"
    assert data["services"] == [
        {"km": 5000, "months": 6, "items": ["更换机油", "更换机油滤清器", "全车检查"], "price": 0},
        {"km": 10000, "months": 12, "items": ["更换机油", "更换机油滤清器", "更换空调滤芯"], "price": 480},
    ]
    # Calendar bookings are counted apart from the page's button.
    assert parse_qs(urlsplit(data["booking"]).query)["utm_medium"] == ["calendar"]
    assert parse_qs(urlsplit(data["book"]).query)["utm_medium"] == ["cta"]  # the button under the listed dates
    assert "<form class=\"dealer-reminder__form\" data-maintenance-form hidden>" in page
    assert "data-maintenance-nojs>开启浏览器的 JavaScript 后" in page
    assert 'src="../../assets/dealer/maintenance.js"' in page
    assert (site / "assets/dealer/maintenance.js").is_file()


def test_json_of_the_plan_cannot_close_its_script(site: Path) -> None:
    page = read(site, "models/gamma/index.html")
    raw = re.search(r"<script type=\"application/json\" data-maintenance-plan>(.*?)</script>", page, re.S).group(1)
    assert json.loads(raw)["name"] == GAMMA_NAME
    assert json.loads(raw)["services"][0]["items"][2] == "机油 <b>5W-30</b> & </script>"
    assert "<" not in raw and "&" not in raw  # tojson escapes them
    assert "<li>机油 &lt;b&gt;5W-30&lt;/b&gt; &amp; &lt;/script&gt;</li>" in page


def test_a_model_without_a_plan_has_no_section_and_no_script(site: Path) -> None:
    page = read(site, "models/beta/index.html")
    assert "maintenance-plan" not in page and "maintenance.js" not in page


def test_faq_answers_about_maintenance_link_to_the_plan(site: Path) -> None:
    page = read(site, "faq/first-service/index.html")  # category maintenance, models: [alpha]
    assert re.search(r'<p class="dealer-maint-links">保养计划与参考价：\s*<a href="../../models/alpha/#maintenance-plan">阿尔法</a>\s*</p>', page)
    # A purchase question naming the same model, and maintenance answers naming no model: no link.
    for rel in ("faq/down-payment/index.html", "faq/oil-grade/index.html", "faq/service-cost/index.html"):
        assert "dealer-maint-links" not in read(site, rel), rel


def test_only_models_with_a_plan_are_linked(tmp_path: Path) -> None:
    root = maintenance_site(tmp_path / "src")
    entry = root / "faq/buying/down-payment.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("models: [alpha]", "models: [beta, alpha]\ntags: [保养]"), encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    links = re.findall(r'href="([^"]+#maintenance-plan)"', read(root / "site", "faq/down-payment/index.html"))
    assert links == ["../../models/alpha/#maintenance-plan"]  # beta has no plan; the tag 保养 makes it about maintenance
