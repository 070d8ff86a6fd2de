# Two commands matter: `make site` and `make test`. Everything they need is set up here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Debian's chromium drives the browser tests; override for another Chrome build.
CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH
# Material prints a banner about MkDocs 2.0 on every build; we pin MkDocs 1.6 on purpose.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve check intake test lint browser validators lock properdocs properdocs-test lock-properdocs clean

site: $(STAMP)  ## Build the site from content/, faq/ and blog/ into site/ (fails on any warning)
	$(BIN)/python -m build_tools build --strict

# --dirty: after an edit, only pages whose source or context changed are rendered again.
serve: $(STAMP)  ## Live preview on http://127.0.0.1:8000, drafts and scheduled items included and marked
	$(BIN)/mkdocs serve --dirty

check: $(STAMP)  ## Validate all content without building; lists every problem at once
	$(BIN)/python -m build_tools check --strict

intake: $(STAMP)  ## Import customer questions as FAQ drafts: make intake FILE=exports/xxx.csv
	@test -n "$(FILE)" || { echo "用法：make intake FILE=exports/导出文件.csv（导出文件请放在 exports/ 文件夹）"; exit 2; }
	$(BIN)/python -m build_tools intake "$(FILE)"

# --dist loadgroup: tests/test_validators_html.py builds the sample once and runs on one worker.
test: lint browser properdocs validators  ## Static checks, then the whole test suite, browser tests, validators and the ProperDocs build included
	$(BIN)/python -m pytest -n 2 --dist loadgroup

lint: $(STAMP)  ## ruff and mypy (settings in pyproject.toml); part of make test
	$(BIN)/ruff check build_tools tests benchmarks
	$(BIN)/mypy

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# The browser tests need a Chromium and a CJK font. As root we install Debian's;
# otherwise we stop with one line saying what to install.
browser:
	@if [ -x "$(CHROMIUM_PATH)" ] && fc-list 2>/dev/null | grep -qi -e wqy -e noto.*cjk; then exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium and fonts-wqy-microhei for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	else echo "Browser tests need Chromium at $(CHROMIUM_PATH) and a CJK font: sudo apt-get install chromium fonts-wqy-microhei (or set CHROMIUM_PATH)"; exit 1; fi

# The validators tests/test_validators_html.py runs on the built site: axe-core and the Nu
# HTML Checker (vnu.jar), exact versions from package-lock.json, installed by `npm ci` into
# node_modules/ (its install scripts off: vnu-jar's would download a Java; we use the system's).
NPM_STAMP := node_modules/.installed

validators: $(NPM_STAMP)  ## axe-core and vnu.jar (npm) and a Java runtime; part of make test
	@if command -v java >/dev/null; then exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's default-jre-headless for the Nu HTML Checker"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else echo "The Nu HTML Checker needs Java: sudo apt-get install default-jre-headless"; exit 1; fi

$(NPM_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's nodejs and npm for the validators"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	else echo "The validators need Node.js and npm: sudo apt-get install nodejs npm"; exit 1; fi
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# ProperDocs (MkDocs 1.x's maintained continuation) must build the same site byte for byte
# (tests/test_properdocs.py). It gets its own venv without MkDocs, under .cache/ and named
# by a checksum of its lock and pyproject.toml, so a restored CI cache is reused as it is
# and a changed lock makes a new one (the old ones are removed).
PD_LOCK  := requirements-properdocs.lock
PD_VENV  := .cache/properdocs-$(shell cat $(PD_LOCK) pyproject.toml | cksum | cut -d' ' -f1)
PD_STAMP := $(PD_VENV)/.installed
export PROPERDOCS_PYTHON := $(abspath $(PD_VENV))/bin/python

properdocs: $(PD_STAMP)  ## The ProperDocs venv the ProperDocs test builds with; part of make test

$(PD_STAMP):
	rm -rf .cache/properdocs-*
	$(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(PD_LOCK)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

properdocs-test: $(STAMP) $(PD_STAMP)  ## Only the ProperDocs check: build the sample with both engines, compare
	$(BIN)/python -m pytest -q tests/test_properdocs.py

lock-properdocs: $(STAMP)  ## Re-pin the ProperDocs venv (after make lock or a new ProperDocs)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip-tools
	$(BIN)/python -m piptools compile --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links \
		--unsafe-package mkdocs --unsafe-package mkdocs-get-deps -o $(PD_LOCK) pyproject.toml requirements-properdocs.in

lock: $(STAMP)  ## Re-pin dependencies (with hashes) after editing pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip-tools
	$(BIN)/python -m piptools compile --quiet --extra test --generate-hashes --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf site .cache node_modules

# ---- data ----
# Lighthouse on every page kind of the sample (benchmarks/lighthouse.py; not part of make test, ~15 min).
.PHONY: bench-lighthouse
bench-lighthouse: $(STAMP)  ## Lighthouse 12.2.3 (npm, into .cache/lighthouse) on every page kind: medians of 3 runs
	$(BIN)/python benchmarks/lighthouse.py
