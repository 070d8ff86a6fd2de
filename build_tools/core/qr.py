"""A QR code of a page's own address, as inline SVG, made at build time with segno.

Shown on desktop model and promotion pages: a customer scans it to carry the page to
their phone. No outside service and no image file: the SVG is part of the page.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from pathlib import Path

import segno

from .faults import replace_cache_file

DEFAULT_LABEL = "用手机扫码打开本页"


@functools.lru_cache(maxsize=256)
def qr_svg(url: str, label: str = DEFAULT_LABEL) -> str:
    """An inline ``<svg>`` QR code of ``url`` (error correction M, a quiet zone of 2 modules), titled ``label``."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    # omitsize: the SVG scales with its CSS box (viewBox only); the title is read out by screen readers.
    code.save(out, kind="svg", xmldecl=False, svgns=True, nl=False, scale=4, border=2, title=label,
              svgclass="dealer-qr__code", lineclass=None, omitsize=True, dark="#000")
    return out.getvalue().decode("utf-8")


class QrCache:
    """:func:`qr_svg` of the addresses earlier builds drew, in one JSON file of ``.cache/qr/``.

    segno picks the best of eight masks in Python: ~6 ms a code, a fixed ~0.2 s a build for
    the model and promotion pages. The file name carries segno's version and this module's
    source, so a code is drawn again whenever either could draw it differently.
    """

    def __init__(self, folder: Path | None) -> None:
        self.path: Path | None = None
        self.known: dict[str, str] = {}
        self.used: dict[str, str] = {}
        if folder is None:
            return
        digest = hashlib.sha256(segno.__version__.encode() + Path(__file__).read_bytes()).hexdigest()[:16]
        self.path = folder / f"svg-{digest}.json"
        try:
            known = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        self.known = {k: v for k, v in known.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(known, dict) else {}

    def svg(self, url: str, label: str = DEFAULT_LABEL) -> str:
        """:func:`qr_svg` of ``url``, from the cache when an earlier build drew it."""
        key = f"{label}\n{url}"
        found = self.known.get(key)
        if found is None:
            found = qr_svg(url, label)
        self.used[key] = found
        return found

    def save(self) -> None:
        """Keep this build's codes only; nothing is written when they are the ones on disk."""
        if self.path is None or self.used == self.known:
            return
        if replace_cache_file(self.path, json.dumps(self.used, ensure_ascii=False, sort_keys=True).encode("utf-8"), "svg-*.json"):
            self.known = dict(self.used)
