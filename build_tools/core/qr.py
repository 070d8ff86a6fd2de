"""A QR code of a page's own address, as inline SVG, made at build time with segno.

Shown on desktop model and promotion pages: a customer scans it to carry the page to
their phone. No outside service and no image file: the SVG is part of the page.
"""

from __future__ import annotations

import functools
import io

import segno


@functools.lru_cache(maxsize=256)
def qr_svg(url: str, label: str = "用手机扫码打开本页") -> str:
    """An inline ``<svg>`` QR code of ``url`` (error correction M, a quiet zone of 2 modules), titled ``label``."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    # omitsize: the SVG scales with its CSS box (viewBox only); the title is read out by screen readers.
    code.save(out, kind="svg", xmldecl=False, svgns=True, nl=False, scale=4, border=2, title=label,
              svgclass="dealer-qr__code", lineclass=None, omitsize=True, dark="#000")
    return out.getvalue().decode("utf-8")
