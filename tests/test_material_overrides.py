"""Our copies of Material's templates (build_tools/templates/) differ from Material's only by the changes we mean.

When Material is upgraded and its template changed, this fails: copy the new file and apply
the changes listed here again (each is explained in the copy's header comment).
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from conftest import REPO

MATERIAL = Path(material.__file__).parent / "templates"
OURS = REPO / "build_tools" / "templates"
HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)

# file -> [(Material's text, ours)]
CHANGES = {
    "base.html": [
        ('<html lang="{{ lang.t(\'language\') }}" class="no-js">',
         '<html lang="{{ \'zh-CN\' if lang.t(\'language\') == \'zh\' else lang.t(\'language\') }}" class="no-js">'),
        ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
        ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
    ],
    "partials/nav-item.html": [
        ('tabindex="{{ tabindex }}"', '{% if tabindex %}tabindex="{{ tabindex }}"{% endif %}'),
        ('<nav class="md-nav" data-md-level="{{ level }}" aria-labelledby="{{ path }}_label"',
         '{% set labelled = not index %}\n        <nav class="md-nav" data-md-level="{{ level }}" {% if labelled %}aria-labelledby="{{ path }}_label"'
         '{% else %}aria-label="{{ nav_item.title | striptags | e }}"{% endif %}'),
    ],
    "partials/logo.html": [
        ('alt="logo"', 'alt=""'),
    ],
    "partials/toc.html": [
        ('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>'),
    ],
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_our_copy_is_materials_with_our_changes_only(name: str) -> None:
    expected = HEADER.sub("", (MATERIAL / name).read_text(encoding="utf-8"), count=1)
    for theirs, ours in CHANGES[name]:
        assert theirs in expected, f"Material's {name} changed: {theirs!r} is gone; copy it again and redo our changes"
        expected = expected.replace(theirs, ours)
    assert HEADER.sub("", (OURS / name).read_text(encoding="utf-8"), count=1) == expected
