"""Site generator for a car dealership: MkDocs plugin, content model, page generators, CLI.

Stages (each a module, testable alone):

1. :mod:`build_tools.site.content` — read and validate content into :mod:`build_tools.site.content` records;
   problems are collected by :mod:`build_tools.core.errors`.
2. :mod:`build_tools.faq.pages` — generate FAQ pages as plain page specs.
3. :mod:`build_tools.adapter.plugin` — the MkDocs adapter that wires the stages into a build.
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
