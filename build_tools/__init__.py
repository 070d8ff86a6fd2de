"""Site generator for a car dealership: a thin MkDocs adapter over one build object and domain packages.

- :mod:`build_tools.core` — what every domain builds on (YAML, rules, messages, URLs, settings, text, page records);
- :mod:`.faq`, :mod:`.catalog`, :mod:`.blog`, :mod:`.search`, :mod:`.intake` — the domains;
- :mod:`build_tools.site` — :class:`~build_tools.site.build.SiteBuild`, one object per build, and site-wide checks;
- :mod:`build_tools.adapter` — the only code that knows MkDocs (or ProperDocs).
"""

import importlib
import importlib.util
import logging
import sys

# The engine: MkDocs 1.6 or ProperDocs (its maintained continuation, same API under
# the name ``properdocs``). ProperDocs answers ``import mkdocs.…`` (ours and Material's)
# only once ``properdocs.replacement`` is imported, which its own command does first;
# ``python -m build_tools`` imports us directly, so we do it here. An engine that is
# already running (``mkdocs build``, ``properdocs build``) is left as it is.
if "mkdocs" not in sys.modules and importlib.util.find_spec("properdocs") is not None:
    importlib.import_module("properdocs.replacement")
    # As ProperDocs' command does: Material logs to "mkdocs.…", which then reaches the
    # "properdocs" logger, so strict builds count those warnings too.
    logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")
