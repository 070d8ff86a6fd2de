"""Independent validators run on built sites: axe-core in Chromium, the Nu HTML Checker, failed requests.

Used by tests/test_validators_html.py. axe-core and vnu-jar come from npm (package.json,
package-lock.json), installed into node_modules/ by `make test` (`npm ci`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# axe's WCAG 2.x A/AA rules plus its best practices (landmark-unique, region, …): what the issue measured.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def missing_tools() -> str:
    """Why the validators cannot run ('' when they can): `make test` installs them, a bare pytest may not have."""
    missing = [str(p.relative_to(REPO)) for p in (AXE_JS, VNU_JAR) if not p.is_file()]
    if missing:
        return f"{', '.join(missing)} missing: run `make test` or `make validators` (they install them with `npm ci` from package-lock.json)"
    if shutil.which("java") is None:
        return "java not found: the Nu HTML Checker (vnu.jar) needs a Java runtime — `make test` installs one as root (apt-get install default-jre-headless)"
    return ""


class VnuRun:
    """The Nu HTML Checker on ``files``, started now in one java process (it runs while the caller does other work)."""

    def __init__(self, files: list[Path], root: Path, report: Path) -> None:
        self.root = root
        self.report = report
        # vnu writes its JSON report to stderr; its schema needs a deep stack (-Xss).
        with report.open("w", encoding="utf-8") as out:
            self.process = subprocess.Popen(
                ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
                stdout=subprocess.DEVNULL, stderr=out,
            )

    def errors(self) -> list[str]:
        """Every error found, as ``path/below/root:line: message [extract]``."""
        self.process.wait(timeout=300)
        text = self.report.read_text(encoding="utf-8")
        try:
            report = json.loads(text)
        except ValueError:
            raise AssertionError(f"vnu.jar gave no JSON report (exit {self.process.returncode}): {text[-2000:]}") from None
        errors = []
        for message in report["messages"]:
            if message.get("type") != "error" and message.get("subType") != "fatal":
                continue
            path = Path(message["url"].removeprefix("file:"))
            where = path.relative_to(self.root) if path.is_relative_to(self.root) else path
            errors.append(f"{where}:{message.get('lastLine', '?')}: {message['message']} [{message.get('extract', '').strip()}]")
        return errors


def start_axe(page: Any) -> None:
    """Inject axe-core into the page now open in ``page`` and start it; :func:`axe_violations` collects."""
    page.add_script_tag(path=str(AXE_JS))
    page.evaluate("tags => { window.__axe = axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}) }", AXE_TAGS)


def axe_violations(page: Any) -> list[str]:
    """The violations of the axe run :func:`start_axe` began in ``page``, one line per rule and node."""
    results = page.evaluate("() => window.__axe")
    lines = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']}: {' '.join(map(str, node['target']))} — {node.get('failureSummary', '').splitlines()[-1].strip()}")
    return lines


def open_all(pages: list[Any], urls: list[str]) -> None:
    """Load ``urls`` in ``pages`` at the same time (navigation started in each, then each waited for)."""
    for page, url in zip(pages, urls):
        page.evaluate("url => { location.href = url }", url)
    for page, url in zip(pages, urls):
        page.wait_for_url(url)
        page.wait_for_load_state("networkidle")


@dataclass
class Problems:
    """What went wrong while pages loaded: failed or 4xx/5xx requests, console errors, uncaught exceptions."""

    lines: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> None:
        """Record ``page``'s failed requests, error responses, console errors and uncaught errors."""
        def where() -> str:
            return page.url

        page.on("requestfailed", lambda r: self.lines.append(f"{where()}: request failed {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.lines.append(f"{where()}: HTTP {r.status} {r.url}"))
        page.on("console", lambda m: m.type == "error" and self.lines.append(f"{where()}: console error {m.text}"))
        page.on("pageerror", lambda e: self.lines.append(f"{where()}: uncaught {e}"))
