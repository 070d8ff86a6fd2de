"""Make the sample's icons (run once, results committed): favicon.svg, apple-touch-icon.png, wechat-qr.png.

The favicon is drawn here as SVG; the 180×180 PNG that iOS puts on the home screen is that
SVG rendered by Debian's chromium (Playwright, a test dependency); the WeChat QR is a
placeholder made with segno (a real dealer uses the image WeChat gives them).

    .venv/bin/python scripts/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

import segno
from playwright.sync_api import sync_playwright

ASSETS = Path(__file__).resolve().parents[1] / "content" / "assets"
RED = "#b80f2a"  # the brand red: 6.5:1 on white
# A car's front, white on a red rounded square (the logo's shape, readable at 16 px).
FAVICON = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="7" fill="{RED}"/>
<path fill="#fff" d="M9.3 14.2 11 9.6c.2-.6.8-1 1.4-1h7.2c.6 0 1.2.4 1.4 1l1.7 4.6c1 .3 1.8 1.2 1.8 2.3V22c0 .6-.4 1-1 1h-1.2c-.6 0-1-.4-1-1v-1.2H9.7V22c0 .6-.4 1-1 1H7.5c-.6 0-1-.4-1-1v-5.5c0-1.1.8-2 1.8-2.3Zm2.3-.3h8.8l-1.2-3.3h-6.4Zm-1.5 4.6a1.3 1.3 0 1 0 0-2.6 1.3 1.3 0 0 0 0 2.6Zm11.8 0a1.3 1.3 0 1 0 0-2.6 1.3 1.3 0 0 0 0 2.6Z"/>
</svg>
"""


def main() -> None:
    """Write the three files into content/assets/."""
    (ASSETS / "favicon.svg").write_text(FAVICON, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 180, "height": 180})
        sized = FAVICON.replace("<svg ", '<svg width="180" height="180" ')
        page.set_content(f"<body style='margin:0'>{sized}</body>")
        page.screenshot(path=str(ASSETS / "apple-touch-icon.png"), omit_background=False)
        browser.close()
    segno.make("https://example.com/wechat/xingsha-demo", error="m").save(str(ASSETS / "wechat-qr.png"), scale=6, border=2)


if __name__ == "__main__":
    main()
