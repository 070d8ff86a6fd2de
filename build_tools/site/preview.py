"""The page ``make serve`` shows on every URL while the content has errors.

The preview does not stop on broken content: it serves this page, listing the same
lines as ``make check``, until the file is saved again; then the browser reloads by
itself (MkDocs' livereload script on served pages; a small poll on the 404 page, which
the dev server sends without that script).
"""

from __future__ import annotations

import html

# The home page and the page for unknown URLs (the dev server answers those with 404.html).
ERROR_PAGE_URIS = ("index.md", "404.md")
MARKER = "dealer-preview-errors"

# Reload once the server answers this URL with something else than this page. Only
# needed where MkDocs did not inject its own livereload script (the 404 page).
_POLL = f"""<script>
window.addEventListener("load", function () {{
  if (typeof livereload === "function") return;
  setInterval(function () {{
    fetch(location.href, {{cache: "no-store"}}).then(function (r) {{ return r.text(); }})
      .then(function (text) {{ if (text.indexOf("{MARKER}") < 0) location.reload(); }})
      .catch(function () {{}});
  }}, 1000);
}});
</script>"""


def error_page(lines: list[str]) -> str:
    """Markdown (raw HTML, every line escaped) of the error page for ``lines``."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return (
        "---\nhide: [navigation, toc]\n---\n\n"
        "# 内容有错误，预览暂停更新\n\n"
        f'<div class="{MARKER}" markdown="0">\n'
        "<p>请按下面每一行修改对应的文件（与 <code>make check</code> 的输出相同）。保存后本页会自动刷新。</p>\n"
        f"<ol>\n{items}\n</ol>\n"
        "</div>\n\n"
        f"{_POLL}\n"
    )
