"""Site generator for a car dealership: MkDocs plugin, content model, page generators, CLI.

Stages (each a module, testable alone):

1. :mod:`build_tools.load` — read and validate content into :mod:`build_tools.model` records;
   problems are collected by :mod:`build_tools.errors`.
2. :mod:`build_tools.faq_pages` — generate FAQ pages as plain page specs.
3. :mod:`build_tools.plugin` — the MkDocs adapter that wires the stages into a build.
"""
