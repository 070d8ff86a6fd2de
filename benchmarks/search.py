"""Search at 5,000 FAQ entries: our sharded index against Material's built-in search.

Run by hand (not part of the test suite; it builds two 5,000-page sites, a few minutes):

    .venv/bin/python benchmarks/search.py [--entries 5000] [--keep DIR]

It generates a Chinese FAQ of ``--entries`` questions on the search fixture site's
categories and vocabulary, builds it twice (with our search, and with Material's
``search`` plugin and Material's own header), serves each on 127.0.0.1 and measures in
headless Debian chromium, for a customer who opens the FAQ home page and searches:

- index bytes downloaded by a page view without any search;
- bytes transferred from the keystroke to the results, and the time it takes (until the
  expected question is shown), for a first query, the same query refined, and a later
  query about something else on the same page.

Bytes are the sizes of the files the browser fetched (the test server does not
compress); the gzip column is what a compressing host (GitHub Pages) would send.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

REPO = Path(__file__).resolve().parents[1]
BASE_SITE = REPO / "tests" / "fixtures" / "search_site"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
GIVE_UP_S = 20  # a query whose expected answer has not appeared by then counts as not found
MATERIAL_TEMPLATES = Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages" / "material" / "templates"

# (label, query, a title it must find): a first query on a fresh page; the same query
# refined (most shards already loaded); a later query about something else (new shards).
QUERIES = [
    ("first query", "怎么预约试驾", "预约试驾"),
    ("refined query", "怎么预约试驾周末", "预约试驾"),
    ("later query", "欧蓝德小保养多少钱", "小保养"),
]

MODELS = ["欧蓝德", "劲炫ASX", "奕歌", "帕杰罗", "新欧蓝德", "劲炫"]
SITUATIONS = [
    "刚提车", "冬天", "夏天", "跑长途前", "在外地", "下雨天", "老客户", "第一次买车", "家里有小孩",
    "节假日", "周末", "上班族", "退休后", "开了三年", "开了五万公里", "二手车", "公司用车",
    "网约车", "异地上牌", "外地牌照", "晚上", "雨雪天", "高原地区", "沿海城市", "年底",
]
TOPICS: dict[str, list[tuple[str, list[str]]]] = {
    "test-drive": [
        ("{s}想预约试驾{m}，怎么预约？", ["可以拨打展厅电话或在网上填写预约试驾表单，销售顾问会在半小时内回电确认。", "周末试驾车比较紧张，建议提前一天预约。"]),
        ("{s}试驾{m}要带驾照吗？", ["试驾需要携带本人驾驶证原件，实习期驾驶员需有老司机陪同。", "没有驾照的家人可以坐在副驾或后排体验。"]),
        ("{s}可以上门试驾{m}吗？", ["市区范围内提供上门试驾服务，专人把车开到您家楼下。", "上门试驾需要提前两天预约。"]),
        ("{s}试驾{m}能跑多远？", ["试驾路线约 8 公里，包含城市道路和一段坡道。", "为了安全，试驾不上高速公路。"]),
    ],
    "finance": [
        ("{s}贷款买{m}首付最低多少？", ["最低首付为车价的 20%，贷款期限 1 到 5 年可选。", "具体首付比例以银行审批结果为准。"]),
        ("{s}买{m}有没有零首付或免息？", ["部分月份推出零首付或两年免息活动，以店内公告为准。", "免息活动通常需要购买指定保险套餐。"]),
        ("{s}{m}车贷可以提前还吗？", ["满 12 期后可以申请提前还款。", "部分金融机构会收取剩余本金 3% 的违约金。"]),
        ("{s}{m}的车险去哪里续保划算？", ["在店内续保可以享受直赔服务，保费与保险公司官网一致。", "续保还送一次免费洗车。"]),
        ("{s}{m}出了小剐蹭怎么走理赔？", ["先拍照报案，再把车开到店里定损维修。", "单方小事故可以走快速理赔，当天就能处理。"]),
    ],
    "maintenance": [
        ("{s}{m}首保是多少公里？", ["首次保养在 5000 公里或 6 个月时进行，以先到者为准。", "首保免工时费，只收机油和机滤的费用。"]),
        ("{s}{m}多久保养一次？", ["首保之后每 10000 公里或 12 个月保养一次。", "经常短途行驶的车可以适当缩短保养间隔。"]),
        ("{s}{m}小保养多少钱？", ["小保养包括更换机油和机油滤芯，费用大约 500 元。", "大保养还会更换空气滤芯和空调滤芯。"]),
        ("{s}{m}用什么机油？", ["建议使用 0W-20 全合成机油。", "也可以自带原厂认证的机油，我们只收工时费。"]),
        ("{s}{m}变速箱油多久换？", ["建议每 60000 公里检查并更换一次变速箱油。", "经常堵车的城市路况可以适当提前更换。"]),
        ("{s}{m}做保养要等多久？", ["常规保养大约一个小时。", "客休区有免费饮料和无线网络。"]),
    ],
    "repair": [
        ("{s}{m}在路上坏了有道路救援吗？", ["本店提供 24 小时道路救援，市区 30 公里内免费拖车。", "请拨打服务热线，说明位置和故障情况。"]),
        ("{s}{m}电瓶没电打不着火怎么办？", ["可以先请朋友帮忙搭电。", "搭电后仍无法启动请联系我们上门检修。"]),
        ("{s}{m}底盘有异响要紧吗？", ["底盘异响多与减震器或衬套有关，请尽快到店检查。", "底盘检查免费。"]),
        ("{s}{m}的保修期是几年？", ["整车质保 3 年或 10 万公里。", "发动机和变速箱等主要部件的质保另有延长。"]),
        ("{s}{m}发动机故障灯亮了还能开吗？", ["黄色故障灯亮起时请减速慢行并尽快到店检测。", "红色警告灯亮起时请立即靠边停车。"]),
    ],
    "config": [
        ("{s}{m}油耗实际多少？", ["市区油耗大约每百公里 8 升，高速路况约 6 升。", "实际油耗与驾驶习惯和路况有关。"]),
        ("{s}{m}有四驱版吗？", ["四驱版配备 S-AWC 超级全轮控制系统。", "雨雪路面和烂路上四驱更稳。"]),
        ("{s}{m}的动力够用吗？", ["搭载 1.5T 涡轮增压发动机，日常超车很从容。", "满载爬坡也不吃力。"]),
        ("{s}{m}有几种颜色？", ["共有珍珠白、钛金灰、曜石黑等五种颜色。", "珍珠白需要加价 2000 元。"]),
    ],
    "purchase": [
        ("{s}买{m}交了定金能退吗？", ["签合同前定金可以全额退还。", "签约后按合同约定处理。"]),
        ("{s}{m}落地价包括哪些费用？", ["落地价包括车价、购置税、交强险、商业险和上牌费。", "店内可以一次算清所有费用。"]),
        ("{s}旧车换{m}有置换补贴吗？", ["旧车置换新车最高可享 5000 元补贴。", "旧车评估免费，半小时出结果。"]),
        ("{s}{m}提车要注意什么？", ["提车时请检查车身漆面、轮胎和随车工具。", "销售顾问会讲解车辆功能和保养安排。"]),
    ],
}
FILLER = [
    "如果还有疑问，欢迎拨打服务热线咨询。", "具体以店内最新政策为准。", "我们的服务顾问会全程陪同。",
    "营业时间为每天 8:30 到 18:00。", "老客户推荐新客户购车还有额外礼包。", "本店停车免费。",
]


def generate(root: Path, entries: int) -> None:
    """A site with ``entries`` FAQ questions in faq/gen/, on the search fixture's config."""
    shutil.copytree(BASE_SITE, root)
    for path in (root / "faq").rglob("*.md"):
        path.unlink()
    rng = random.Random(5)
    combos = [(cat, q, a, m, s) for cat, topics in TOPICS.items() for q, a in topics for m in MODELS for s in SITUATIONS]
    rng.shuffle(combos)
    out = root / "faq" / "gen"
    out.mkdir(parents=True)
    for n, (category, question, answer, model, situation) in enumerate((combos * 2)[:entries]):
        # Past the unique combinations (there are enough for 5,000), questions get a number.
        text = question.format(s=situation + "，" if situation else "", m=model) + (f"（{n // len(combos) + 1}）" if n >= len(combos) else "")
        body = "".join(answer) + situation + "的情况下，" + model + "车主也可以参考这个回答。" + rng.choice(FILLER) + rng.choice(FILLER)
        (out / f"q{n:05d}.md").write_text(
            f"---\nquestion: {text}\ncategory: {category}\ndate: 2025-{1 + n % 12:02d}-{1 + n % 28:02d}\nasked: {rng.randint(0, 300)}\n---\n\n{body}\n",
            encoding="utf-8",
        )


def material_variant(root: Path) -> None:
    """Switch the site to Material's search plugin and Material's own header."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("plugins:\n", "plugins:\n  - search\n", 1)
    config = config.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "overrides" / "partials").mkdir(parents=True)
    shutil.copy(MATERIAL_TEMPLATES / "partials" / "header.html", root / "overrides" / "partials" / "header.html")


def build(root: Path) -> float:
    started = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")],
                            env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(result.stderr[-3000:])
    return time.perf_counter() - started


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        # Without this, Python's server sends headers and body in two packets and each
        # response waits ~40 ms for a delayed ACK, which no real static host does.
        disable_nagle_algorithm = True

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def folder_size(folder: Path) -> tuple[int, int, int]:
    """Files, bytes and gzip bytes of everything under ``folder``."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files), sum(len(gzip.compress(p.read_bytes())) for p in files)


INDEX_MARKERS = ("search-index/", "search_index.json")


def measure(browser, base: str, site: Path, engine: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """One customer: a page view without search, then two queries on one page."""
    fetched: list[str] = []

    def sizes(urls: list[str], only_index: bool = False) -> tuple[int, int]:
        raw = packed = 0
        for url in urls:
            if only_index and not any(m in url for m in INDEX_MARKERS):
                continue
            path = site / unquote(urlparse(url).path).lstrip("/")
            if path.is_dir():
                path = path / "index.html"
            if path.is_file():
                data = path.read_bytes()
                raw, packed = raw + len(data), packed + len(gzip.compress(data))
        return raw, packed

    # A page view without a search: which index files does it download?
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(base + "faq/", wait_until="load")
    page.wait_for_timeout(3000)
    view_index = sizes(fetched, only_index=True)
    context.close()

    result = {"page view: index bytes": view_index[0]}
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(base + "faq/", wait_until="load")
    box = page.locator("input.md-search__input")
    page.wait_for_timeout(500)
    fetched.clear()  # what the page view fetched is counted above; from here on, the search
    box.click()  # focusing the box already fetches our meta.json: counted with the first query
    for n, (label, query, expect) in enumerate(QUERIES):
        if n:  # the first query is typed right after the click, while meta.json may still load
            page.wait_for_timeout(500)
            fetched.clear()
        # The clock starts at the input event of the query itself, in the page.
        page.evaluate(
            """expect => { window.__found = 0; window.__t0 = 0;
                 document.addEventListener('input', e => { if (!window.__t0 && e.target.value) window.__t0 = performance.now(); }, true);
                 const check = () => { if (!window.__found && window.__t0 && [...document.querySelectorAll('.md-search-result__item')]
                     .some(i => i.innerText.replaceAll('\\u200b', '').includes(expect))) window.__found = performance.now(); };
                 new MutationObserver(check).observe(document.body, {subtree: true, childList: true, characterData: true}); }""",
            expect,
        )
        if n:
            box.fill("")
        # A Chinese input method commits a whole phrase at once; End fires the keyup Material listens to.
        page.keyboard.insert_text(query)
        page.keyboard.press("End")
        deadline = time.monotonic() + GIVE_UP_S
        while not page.evaluate("window.__found") and time.monotonic() < deadline:
            page.wait_for_timeout(20)
            if engine == "material" and time.monotonic() % 2 < 0.03:
                page.keyboard.press("End")  # Material drops a query typed before its index is ready
        # Not found in time is a result too (Material misses long natural queries), not a negative time.
        elapsed = page.evaluate("window.__found ? window.__found - window.__t0 : null")
        raw, packed = sizes(list(fetched))
        result[f"{label}: ms to results"] = math.inf if elapsed is None else round(elapsed)
        result[f"{label}: bytes"] = raw
        result[f"{label}: gzip bytes"] = packed
    context.close()
    return result


def shown(value: float) -> str:
    """A figure of the table; a query whose answer never appeared reads as such."""
    return f"not found in {GIVE_UP_S} s" if value == math.inf else f"{value:,}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--runs", type=int, default=3, help="customers measured per engine (median reported)")
    parser.add_argument("--reuse", action="store_true", help="measure the sites already built in --keep")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    from playwright.sync_api import sync_playwright

    sites = {"ours": work / "ours", "material": work / "material"}
    report: dict[str, dict[str, float]] = {}
    for engine, root in sites.items():
        seconds = 0.0
        if not (args.reuse and (root / "site").is_dir()):
            if root.exists():
                shutil.rmtree(root)
            generate(root, args.entries)
            if engine == "material":
                material_variant(root)
            seconds = build(root)
        index_dir = root / "site" / ("assets/dealer/search-index" if engine == "ours" else "search")
        files, size, packed = folder_size(index_dir)
        report[engine] = {"build s": round(seconds, 1), "index files": files, "index bytes": size, "index gzip bytes": packed}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for engine, root in sites.items():
            base, server = serve(root / "site")
            runs = [measure(browser, base, root / "site", engine) for _ in range(args.runs)]
            server.shutdown()
            for key in runs[0]:
                report[engine][key] = statistics.median(r[key] for r in runs)
        browser.close()
    queries = ", ".join(f"{label} {query!r}" for label, query, _ in QUERIES)
    print(f"{args.entries} FAQ entries; {queries}; median of {args.runs} runs; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    keys = list(report["ours"])
    print(f"{'':32} {'ours':>14} {'Material':>14}")
    for key in keys:
        print(f"{key:32} {shown(report['ours'][key]):>14} {shown(report['material'].get(key, 0)):>14}")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
