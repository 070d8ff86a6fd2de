"""Build speed and page weight at dealer-group scale.

Generates a synthetic Chinese dealer site (FAQ entries, models, blog posts), builds
it with our pipeline and, in the same run, builds the same Markdown pages with plain
MkDocs + Material and no plugins of ours as the baseline. Prints wall time, peak
memory, output size, HTML bytes per FAQ page and the ratio to the baseline; also
times ``check`` alone and an edit-to-preview cycle under ``mkdocs serve --dirty``
(what ``make serve`` runs).

Several sizes in one run, each variant in turn in a fresh process per size (plain
MkDocs + Material, the same plus Material's search, ours with a cold and with a warm
cache), one table at the end; check and edit-to-preview at 5,000 entries.

Run by hand (not part of the test suite)::

    .venv/bin/python benchmarks/build.py                  # 5,000 entries
    .venv/bin/python benchmarks/build.py --sizes 1000,5000,20000 --repeat 1
    .venv/bin/python benchmarks/build.py --faq 2000 --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

CATEGORIES = {
    "purchase": "购车", "test-drive": "试驾", "finance": "金融保险", "maintenance": "保养", "repair": "售后维修",
    "config": "车型配置", "insurance": "车险理赔", "accessories": "精品附件", "ev": "新能源", "used-car": "二手车置换",
}
SUBJECTS = ["首保", "小保养", "机油", "变速箱油", "刹车片", "轮胎", "电瓶", "空调滤芯", "贷款", "首付", "车险", "上牌", "试驾",
            "四驱", "油耗", "定金", "交车", "置换", "充电桩", "续航", "异响", "故障灯", "道路救援", "三包", "延保", "贴膜", "行车记录仪"]
ASKS = ["多少钱", "多久做一次", "需要预约吗", "怎么办理", "要带什么材料", "可以在外面做吗", "保修期多久", "有什么优惠",
        "周末可以吗", "需要多长时间", "会影响保修吗", "怎么选", "有没有必要"]
SENTENCES = [
    "建议您提前一到三天通过电话或在线表单预约，到店后可直接进入工位，减少等待时间。",
    "具体费用以门店实际报价为准，不同车型、不同配置的工时和配件价格略有差异。",
    "首次保养在行驶五千公里或六个月时进行，以先到者为准，首保的机油、机滤和工时均免费。",
    "贷款购车首付最低为车价的百分之二十，期限可选十二到六十期，审批通常在一个工作日内完成。",
    "试驾需要携带本人有效驾驶证原件，驾龄满一年，试驾路线约十五分钟，包含城市道路和快速路。",
    "S-AWC 超级全轮控制系统会根据路况自动分配四个车轮的驱动力和制动力，雨雪天气更稳定。",
    "如果仪表盘上的故障灯持续点亮，请尽快靠边停车，拨打服务热线，我们会安排道路救援。",
    "在非授权维修厂保养不会直接导致失去保修，但请保留发票和使用符合标准的配件与油品。",
    "旧车置换可享受置换补贴，评估师会根据车况、里程和年限给出报价，当天即可完成评估。",
    "新能源车型的三电系统享受八年或十六万公里质保，家用充电桩可由我们协助申请和安装。",
]
TAGS = ["首保", "预约", "贷款", "首付", "保险", "油耗", "四驱", "保修", "三包", "置换", "轮胎", "电瓶", "空调", "试驾", "充电"]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def answer(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(2, 4)):
        paragraphs.append("".join(rng.sample(SENTENCES, rng.randint(2, 3))))
    items = "\n".join(f"- {rng.choice(SENTENCES)[:24]}；" for _ in range(rng.randint(2, 4)))
    return "\n\n".join(paragraphs[:1] + [items] + paragraphs[1:]) + "\n"


@dataclass
class Scale:
    faq: int
    models: int
    posts: int


def generate(root: Path, scale: Scale, seed: int = 7) -> list[tuple[str, str, str]]:
    """Write a synthetic site of ours into ``root``; return the FAQ as (slug, question, body)."""
    rng = random.Random(seed)
    # Served at the root, so the edit-to-preview timing can fetch /faq/<slug>/.
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    # The synthetic site has no promotions (content/promotions/): their nav entry would name nothing.
    config = re.sub(r"(?m)^  - 优惠活动: promotions/index.md\n", "", config)
    write(root / "mkdocs.yml", re.sub(r"(?m)^site_url: .*$", "site_url: https://example.com/", config))
    for folder in ("content/assets", "content/blog"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    for name in ("content/index.md", "content/about.md", "content/dealers.yml", "faq/vocabulary.yml", "blog/.authors.yml"):
        if (REPO / name).is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / name, root / name)
    # The sample home page links to the sample's models; point those links at generated ones.
    home = root / "content/index.md"
    if home.is_file():
        home.write_text(re.sub(r"models/[a-z0-9-]+\.md", "models/model-01.md", home.read_text(encoding="utf-8")), encoding="utf-8")
    write(root / "faq/categories.yml", "".join(f"{k}:\n  name: {v}\n  description: 关于{v}的常见问题\n" for k, v in CATEGORIES.items()))

    models = [f"model-{i:02d}" for i in range(1, scale.models + 1)]
    write(root / "content/models/index.md", "---\ntitle: 车型\n---\n\n在售车型。\n")
    for i, slug in enumerate(models):
        write(root / f"content/models/{slug}.md", (
            f"---\nname: 示例车型{i + 1:02d}\ntype: {rng.choice(['紧凑型 SUV', '中型 SUV', '轿车', 'MPV'])}\n"
            f"price_from: {rng.randint(80, 300) * 1000}\nseats: {rng.choice([5, 7])}\nsummary: 第 {i + 1} 款示例车型\n"
            "specs:\n  发动机: 2.0L\n  变速箱: CVT\n  综合油耗: 7.2L/100km\n"
            f"trims:\n  - name: 舒适版\n    price: {rng.randint(80, 200) * 1000}\n  - name: 旗舰版\n    price: {rng.randint(200, 350) * 1000}\n"
            "---\n\n" + answer(rng)
        ))

    faq = []
    for i in range(scale.faq):
        category = list(CATEGORIES)[i % len(CATEGORIES)]
        question = f"{rng.choice(SUBJECTS)}{rng.choice(ASKS)}？（第 {i + 1} 问）"
        slug = f"q-{i + 1:05d}"
        body = answer(rng)
        refs = rng.sample(models, rng.choice([0, 0, 1, 2]))
        write(root / f"faq/{category}/{slug}.md", (
            f"---\nquestion: {question}\ncategory: {category}\ndate: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
            f"models: [{', '.join(refs)}]\ntags: [{', '.join(rng.sample(TAGS, 2))}]\nasked: {rng.randint(0, 300)}\n---\n\n{body}"
        ))
        faq.append((slug, question, body))

    for i in range(scale.posts):
        refs = rng.sample(models, rng.choice([0, 1]))
        write(root / f"blog/posts/{2024 + i % 2}/post-{i + 1:04d}.md", (
            f"---\ndate: {2024 + i % 2}-{1 + i % 12:02d}-{1 + i % 28:02d}\nslug: post-{i + 1:04d}\n"
            f"categories: [{rng.choice(['新闻', '活动', '用车指南'])}]\nauthors: [wangxm]\nmodels: [{', '.join(refs)}]\n"
            f"description: 第 {i + 1} 篇示例文章\n---\n\n# 第 {i + 1} 篇示例文章\n\n{answer(rng)}\n<!-- more -->\n\n{answer(rng)}"
        ))
    return faq


def generate_baseline(root: Path, ours: Path, faq: list[tuple[str, str, str]], search: bool) -> None:
    """The same site for plain MkDocs + Material with no plugins of ours.

    Same Markdown pages, theme, features, Markdown extensions, nav shape and Material's
    blog plugin over the same posts: only our plugin (validation, generated pages, our
    search index, feeds) is missing, which is the cost the ratio measures.
    """
    docs = root / "docs"
    config = yaml.safe_load((ours / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [p for p in config["plugins"] if not (isinstance(p, dict) and "dealer" in p) and p != "dealer"]
    for plugin in plugins:
        if isinstance(plugin, dict) and "blog" in plugin:
            plugin["blog"].pop("authors_file", None)  # Material's default: docs/blog/.authors.yml
    if search:
        plugins.append("search")
    config.update(docs_dir="docs", plugins=plugins, validation={"nav": {"omitted_files": "ignore"}})
    config["nav"] = [{"首页": "index.md"}, {"车型": "models/index.md"}, {"常见问题": "faq/index.md"},
                     {"新闻资讯": "blog/index.md"}, {"经销商": "dealers.md"}, {"关于我们": "about.md"}]
    write(root / "mkdocs.yml", yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    shutil.copytree(ours / "content", docs)
    write(docs / "faq/index.md", "# 常见问题\n\n按分类浏览。\n")
    write(docs / "dealers.md", "# 经销商\n\n门店列表。\n")
    for slug, question, body in faq:
        write(docs / f"faq/{slug}.md", f"# {question}\n\n{body}")
    shutil.copytree(ours / "blog" / "posts", docs / "blog" / "posts", dirs_exist_ok=True)
    shutil.copy(ours / "blog" / ".authors.yml", docs / "blog" / ".authors.yml")
    # Our `models:` key is not Material's: drop it so the baseline's blog plugin accepts the posts.
    for path in (docs / "blog" / "posts").rglob("*.md"):
        path.write_text(re.sub(r"(?m)^models: .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    (docs / "dealers.yml").unlink(missing_ok=True)


@dataclass
class Result:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    returncode: int
    output_mb: float = 0.0
    html_per_faq_kb: float = 0.0


def timed(args: list[str], cwd: Path) -> tuple[float, float, float, int, str]:
    """Wall time, CPU time (user + system), peak RSS (MB) and exit code of a child process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, cpu, usage.ru_maxrss / 1024, process.returncode, stderr


def build(root: Path, faq_dir: str) -> Result:
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    seconds, cpu, peak, code, stderr = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], root)
    if code != 0:
        print(stderr[-3000:], file=sys.stderr)
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = list((site / faq_dir).glob("q-*/index.html"))
    return Result(
        seconds, cpu, peak, code,
        output_mb=sum(p.stat().st_size for p in files) / 1e6,
        html_per_faq_kb=sum(p.stat().st_size for p in pages) / max(len(pages), 1) / 1000,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edit_to_preview(root: Path, slug: str, source: str, ours: bool = True) -> tuple[float, float, float]:
    """(first build, edit-to-preview, of which noticing the edit) seconds under ``mkdocs serve --dirty``.

    Edit-to-preview runs from saving ``source`` (the FAQ entry ``slug``'s file, relative
    to ``root``) to MkDocs' "Reloading browsers": the moment an author's open page
    reloads with the change. MkDocs' file watcher polls every 0.5 s; its share ends at
    "Detected file changes", when the rebuild starts. ``ours=False`` for the plain
    MkDocs + Material site of the same pages, which has no background work to wait for.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}/faq/{slug}/"
    reloads: list[float] = []
    detected: list[float] = []
    caught_up: list[float] = []  # our plugin's search index and feeds, written after each build
    start = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=root, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def watch_log() -> None:
        assert server.stderr is not None
        for line in server.stderr:
            if "Reloading browsers" in line:
                reloads.append(time.perf_counter())
            elif "Detected file changes" in line:
                detected.append(time.perf_counter())
            elif "feed files written" in line:
                caught_up.append(time.perf_counter())

    threading.Thread(target=watch_log, daemon=True).start()
    try:
        first = wait_for(url, "示例", start)
        path = root / source
        marker = f"改动标记{time.time_ns()}"
        # Edit once the first build's background work (search index, feeds) is done, as an
        # author who opened the preview would.
        while ours and not caught_up and time.perf_counter() - start < 600:
            time.sleep(0.05)
        time.sleep(1)
        seen, noticed = len(reloads), len(detected)
        edited = time.perf_counter()
        path.write_text(path.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        wait_for(url, marker, edited)
        while len(reloads) == seen and time.perf_counter() - edited < 600:
            time.sleep(0.02)
        return first, reloads[seen] - edited, detected[noticed] - edited
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(url: str, text: str, since: float, limit: float = 600) -> float:
    while time.perf_counter() - since < limit:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return time.perf_counter() - since
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(url)


VARIANTS = ("plain", "plain+search", "ours cold", "ours warm")
LABELS = {
    "plain": "plain MkDocs + Material",
    "plain+search": "plain + Material search",
    "ours cold": "ours, cold cache",
    "ours warm": "ours, warm cache",
}


def sizes_arg(text: str) -> list[int]:
    """``1000,5000,20000`` (``5k`` and ``20_000`` work too) → [1000, 5000, 20000]."""
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        sizes.append(int(float(part[:-1]) * 1000) if part.endswith("k") else int(part))
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"not a list of FAQ entry counts: {text}")
    return sizes


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def measure(size: int, work: Path, args: argparse.Namespace) -> tuple[dict[str, Result], list[str]]:
    """Generate the three sites of one size and build them in turns; the fastest build of each variant and notes."""
    ours, base, base_search = work / "ours", work / "baseline", work / "baseline-search"
    for folder in (ours, base, base_search):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    posts = args.posts if args.posts is not None else size // 10
    faq = generate(ours, Scale(size, args.models, posts))
    generate_baseline(base, ours, faq, search=False)
    generate_baseline(base_search, ours, faq, search=True)
    notes = [f"{size} FAQ entries, {args.models} models, {posts} posts ({work}); before: {load()}"]
    print(notes[0], flush=True)
    roots = {"plain": base, "plain+search": base_search, "ours cold": ours, "ours warm": ours}
    runs: dict[str, list[Result]] = {variant: [] for variant in args.variants}
    # This machine's timings vary by tens of percent from run to run: the variants take
    # turns, each in a fresh process (so a slow spell hits all of them), and the fastest
    # of each is kept. A cold build starts without .cache/; the warm one follows it.
    for _ in range(args.repeat):
        for variant in args.variants:
            if variant == "ours cold":
                shutil.rmtree(ours / ".cache", ignore_errors=True)
            result = build(roots[variant], "faq")
            runs[variant].append(result)
            print(f"  {variant:14} {result.seconds:7.1f}s  CPU {result.cpu_seconds:7.1f}s  peak {result.peak_mb:6.0f} MB  ({load()})", flush=True)
    if size == args.serve_size:
        check_seconds, _, check_peak, code, _ = timed([sys.executable, "-m", "build_tools", "check"], ours)
        notes.append(f"check: {check_seconds:.1f}s, peak {check_peak:.0f} MB (exit {code})")
        if not args.no_serve:
            slug = faq[len(faq) // 2][0]
            category = list(CATEGORIES)[(len(faq) // 2) % len(CATEGORIES)]
            # The same edit of the same entry in both sites, in turns, the fastest of each kept.
            sources = {"ours": f"faq/{category}/{slug}.md", "plain": f"docs/faq/{slug}.md"}
            edits: dict[str, list[tuple[float, float, float]]] = {"ours": [], "plain": []}
            for _ in range(args.repeat):
                for who, root in (("ours", ours), ("plain", base)):
                    edits[who].append(edit_to_preview(root, slug, sources[who], ours=who == "ours"))
            for who, label in (("plain", "plain MkDocs + Material"), ("ours", "ours")):
                first, edit, noticed = min(edits[who], key=lambda e: e[1])
                notes.append(f"serve --dirty, {label}: first build {first:.1f}s, edit-to-preview {edit:.2f}s "
                             f"(watcher {noticed:.2f}s, rebuild {edit - noticed:.2f}s)")
        for note in notes[1:]:
            print(note, flush=True)
    notes.append(f"after: {load()}")
    return {variant: min(results, key=lambda r: r.seconds) for variant, results in runs.items()}, notes


def table(results: dict[int, dict[str, Result]], repeat: int) -> str:
    """One table: per size and variant wall and CPU time, peak memory, output, and our ratios to both baselines."""
    lines = [
        f"fastest of {repeat}; ratios: wall time of the row / wall time of plain (÷plain) and of plain + search (÷+search); "
        "CPU: user + system of the build and its forked search index",
        f"{'FAQ':>6} {'build':24} {'wall s':>7} {'÷plain':>6} {'÷+search':>8} {'CPU s':>7} {'÷plain':>6} {'peak MB':>8} {'MB/1k':>6} "
        f"{'output MB':>9} {'KB/FAQ':>7}",
    ]
    for size, rows in results.items():
        plain, search = rows.get("plain"), rows.get("plain+search")
        for variant in VARIANTS:
            r = rows.get(variant)
            if r is None:
                continue
            flag = "" if r.returncode == 0 else f"  (exit {r.returncode})"
            versus_plain = f"{r.seconds / plain.seconds:6.2f}" if plain else f"{'—':>6}"
            cpu_versus_plain = f"{r.cpu_seconds / plain.cpu_seconds:6.2f}" if plain else f"{'—':>6}"
            versus_search = f"{r.seconds / search.seconds:8.2f}" if variant.startswith("ours") and search else f"{'':8}"
            lines.append(
                f"{size:6} {LABELS[variant]:24} {r.seconds:7.1f} {versus_plain} {versus_search} "
                f"{r.cpu_seconds:7.1f} {cpu_versus_plain} {r.peak_mb:8.0f} {r.peak_mb / size * 1000:6.0f} "
                f"{r.output_mb:9.1f} {r.html_per_faq_kb:7.1f}{flag}"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=sizes_arg, help="FAQ entry counts, one site each, e.g. 1000,5000,20000 (default: --faq)")
    parser.add_argument("--faq", type=int, default=5000, help="FAQ entries when --sizes is not given (default: %(default)s)")
    parser.add_argument("--models", type=int, default=30)
    parser.add_argument("--posts", type=int, help="blog posts (default: one per 10 FAQ entries, 500 at 5,000)")
    parser.add_argument("--repeat", type=int, default=2, help="builds per measurement, fastest kept (default: %(default)s)")
    parser.add_argument("--serve-size", type=int, help="the size at which check and edit-to-preview are timed (default: 5000 if measured, else the first size)")
    parser.add_argument("--no-serve", action="store_true", help="skip the edit-to-preview measurement")
    parser.add_argument("--variants", type=lambda text: [v.strip() for v in text.split(",")], default=list(VARIANTS),
                        help=f"which builds, in this order (default: {','.join(VARIANTS)})")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it (one sub-folder per size when several)")
    args = parser.parse_args()
    sizes = args.sizes or [args.faq]
    if unknown := set(args.variants) - set(VARIANTS):
        parser.error(f"unknown variants: {', '.join(sorted(unknown))} (known: {', '.join(VARIANTS)})")
    if args.serve_size is None:
        args.serve_size = 5000 if 5000 in sizes else sizes[0]

    work = args.keep or Path(tempfile.mkdtemp(prefix="dealer-bench-"))
    results: dict[int, dict[str, Result]] = {}
    notes: list[str] = []
    for size in sizes:
        folder = work / str(size) if len(sizes) > 1 else work
        results[size], size_notes = measure(size, folder, args)
        notes.extend(size_notes)
        if not args.keep:  # a 20,000-entry site and its outputs take about 2 GB
            shutil.rmtree(folder, ignore_errors=True)
        print(table({size: results[size]}, args.repeat).split("\n", 1)[1], flush=True)
    print()
    print(table(results, args.repeat))
    for note in notes:
        print(note)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
