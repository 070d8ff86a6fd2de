"""The one rule for names that become part of a URL (FAQ entries, categories, models, posts, locations)."""

from __future__ import annotations

import re

# Lower-case ASCII letters and digits in hyphen-separated groups: safe in any URL,
# the same on every file system, and what customers can type.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
