"""Lighthouse scores of the sample site: every page kind, mobile preset, median of 3 runs.

Run by hand (not part of the test suite; about 15 minutes on a shared 2-core machine):

    .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--only home,faq-entry] [--json OUT]
    make bench-lighthouse

It installs ``lighthouse@12.2.3`` (pinned with its lock in ``benchmarks/lighthouse/``;
13.x needs Node 22) with ``npm ci`` into ``.cache/lighthouse/`` (once, re-done when the
lock changes), builds the sample site into a temporary folder, serves it on 127.0.0.1
the way a static host does (gzip for text, as GitHub Pages sends it) and runs Lighthouse
against Debian's chromium (``CHROME_PATH``, default ``/usr/bin/chromium``; flags
``--headless=new --no-sandbox``) with its default mobile preset and simulated throttling.
It prints, per page kind, the medians of the four category scores and of LCP and TBT.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PACKAGE_DIR = REPO / "benchmarks" / "lighthouse"
INSTALL_DIR = REPO / ".cache" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# One page of each kind the sample site has (site-relative URL).
PAGES: dict[str, str] = {
    "home": "",
    "models": "models/",
    "model": "models/outlander/",
    "compare": "models/compare/",
    "promotions": "promotions/",
    "promotion": "promotions/winter-purchase/",
    "faq-home": "faq/",
    "faq-category": "faq/category/maintenance/",
    "faq-entry": "faq/first-service-interval/",
    "blog": "blog/",
    "post": "blog/2026/03/18/eclipse-cross-2026-arrival/",
    "dealers": "dealers/",
    "about": "about/",
}
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


def install() -> Path:
    """``npm ci`` of the pinned Lighthouse into .cache/lighthouse (skipped when that lock is installed already)."""
    lock = (PACKAGE_DIR / "package-lock.json").read_bytes()
    stamp = INSTALL_DIR / ".installed"
    digest = hashlib.sha256(lock + (PACKAGE_DIR / "package.json").read_bytes()).hexdigest()
    cli = INSTALL_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not (stamp.is_file() and stamp.read_text() == digest and cli.is_file()):
        INSTALL_DIR.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(PACKAGE_DIR / name, INSTALL_DIR / name)
        print("npm ci lighthouse@12.2.3 → .cache/lighthouse", file=sys.stderr)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=INSTALL_DIR, check=True)
        stamp.write_text(digest)
    return cli


def build(out: Path) -> Path:
    """The sample site, built as ``make site`` does, into ``out``."""
    site = out / "site"
    subprocess.run([sys.executable, "-m", "build_tools", "build", "--strict", "-d", str(site)], cwd=REPO, check=True, capture_output=True)
    return site


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host: text gzipped when the browser accepts it (as GitHub Pages does), no logging."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``site`` on a free loopback port; the site's path prefix (/dealer-site/) is kept."""
    root = site.parent / "root"
    prefix = "dealer-site"
    (root).mkdir(exist_ok=True)
    link = root / prefix
    if not link.exists():
        link.symlink_to(site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHost, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/{prefix}/", server


def lighthouse(cli: Path, url: str) -> dict[str, float]:
    """One Lighthouse run (mobile preset): the four scores (0–100) and LCP / TBT in ms."""
    env = {**os.environ, "CHROME_PATH": CHROME}
    result = subprocess.run(
        ["node", str(cli), url, "--output=json", "--output-path=stdout", "--quiet",
         "--chrome-flags=--headless=new --no-sandbox", f"--only-categories={','.join(CATEGORIES)}"],
        env=env, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = report["audits"]
    scores["lcp"] = audits["largest-contentful-paint"]["numericValue"]
    scores["tbt"] = audits["total-blocking-time"]["numericValue"]
    failing = sorted(
        a["id"] for c in CATEGORIES for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] > 0 and (a := audits[ref["id"]])["score"] is not None and a["score"] < 0.9
    )
    print(f"  {url}: {scores} failing: {', '.join(failing) or '-'}", file=sys.stderr)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated page kinds (default: all)")
    parser.add_argument("--json", type=Path, help="also write the medians as JSON here")
    args = parser.parse_args()
    kinds = [k for k in PAGES if not args.only or k in args.only.split(",")]
    cli = install()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = build(Path(tmp))
        base, server = serve(site)
        try:
            medians: dict[str, dict[str, float]] = {}
            for kind in kinds:
                runs = [lighthouse(cli, base + PAGES[kind]) for _ in range(args.runs)]
                medians[kind] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        finally:
            server.shutdown()
    print(f"Lighthouse 12.2.3, mobile preset, median of {args.runs} runs")
    print("| page | performance | accessibility | best practices | SEO | LCP | TBT |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind, m in medians.items():
        print(f"| {kind} | {m['performance']:.0f} | {m['accessibility']:.0f} | {m['best-practices']:.0f} | {m['seo']:.0f} "
              f"| {m['lcp'] / 1000:.1f} s | {m['tbt']:.0f} ms |")
    if args.json:
        args.json.write_text(json.dumps(medians, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
