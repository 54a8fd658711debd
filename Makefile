# The practice guide. Each target creates .venv and installs what it needs on first use.

PYTHON     ?= python3
VENV       ?= .venv
BUILDDIR   ?= _build
SPHINXOPTS ?=
PORT       ?= 8000
PROFILE    ?= local/default
BIN         = $(VENV)/bin

.PHONY: help html serve test test-fast lint browser clean dist bench check schema translations import \
        lock audit

help:
	@echo "make serve   build the site, serve it on http://127.0.0.1:$(PORT), rebuild on save"
	@echo "make html    build into $(BUILDDIR)/html (warnings are errors); PROFILE=path/to/profile"
	@echo "make test    run every test, browser tests included, on every core (at most 8 minutes)"
	@echo "make test-fast  the unit and extension tests: no site build, no browser (under a minute)"
	@echo "make dist    clean build, then dist/<project>-<version>-<area>.zip, sbom.cdx.json, SHA256SUMS"
	@echo "             PROFILES=local/areas: every profile in that folder, one zip per area"
	@echo "make check   check the profile and list every problem, without building"
	@echo "make import  fetch the profile's Open Referral UK feed ([import]) into its snapshot file"
	@echo "make schema  write local/schema/*.json and the README's field tables from the declaration"
	@echo "make translations  extract the pages' and the interface's words into locales/cy for translators"
	@echo "make bench   build times, page weights, other themes, 100-5,000 services (writes bench.json)"
	@echo "make lint    run ruff"
	@echo "make audit   check every locked package against published vulnerabilities (network)"
	@echo "make lock    refresh requirements*.txt: the newest versions pyproject.toml allows"
	@echo "make clean   remove $(BUILDDIR)"

# What building and serving need (requirements.txt); the test tools only for make test, lint,
# audit and bench (requirements-test.txt). Both are lock files: exact versions, every file
# checked against its hash, wheels only (make lock refreshes them from pyproject.toml).
PIP_LOCKED = $(BIN)/python -m pip install --quiet --require-hashes --only-binary :all:

$(VENV)/.site: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) -r requirements.txt
	@touch $@

$(VENV)/.installed: $(VENV)/.site requirements-test.txt
	$(PIP_LOCKED) -r requirements-test.txt
	@touch $@

# The newest versions pyproject.toml allows, for Python 3.11 to 3.13 on Linux, macOS and
# Windows, one version of each package for all of them; the site's lock is the test lock's subset.
UV_COMPILE = $(BIN)/python -m uv pip compile pyproject.toml --universal --generate-hashes \
	--python-version 3.11 --fork-strategy fewest --custom-compile-command "make lock" --quiet

lock: $(VENV)/.installed
	$(UV_COMPILE) --upgrade --extra test -o requirements-test.txt
	$(UV_COMPILE) -c requirements-test.txt -o requirements.txt

# Every package in the test lock (a superset of the site's) against the advisories PyPI
# publishes (the PyPA advisory database); exits non-zero on a known vulnerability. Uses the network.
# AUDIT_ARGS adds options (tests point --osv-url at a server on 127.0.0.1).
audit: $(VENV)/.installed
	$(BIN)/pip-audit --requirement requirements-test.txt --require-hashes --disable-pip \
	  --progress-spinner off $(AUDIT_ARGS)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Every command is python -m guide <command>; make only adds the virtual environment.
GUIDE = $(BIN)/python -m guide

# PROFILES=folder builds every profile in it, one area each, side by side.
AREAS = $(if $(PROFILES),--profiles "$(PROFILES)",--profile "$(PROFILE)")

html: $(VENV)/.site
	$(GUIDE) build $(AREAS) --builddir "$(BUILDDIR)" -- $(SPHINXOPTS)

check: $(VENV)/.site
	$(GUIDE) check --profile "$(PROFILE)"

schema: $(VENV)/.site
	$(GUIDE) schema

translations: $(VENV)/.site
	$(GUIDE) translations --builddir "$(BUILDDIR)"

# The only target that uses the network: make html never does.
import: $(VENV)/.site
	$(GUIDE) import --profile "$(PROFILE)"

serve: $(VENV)/.site
	$(GUIDE) serve --profile "$(PROFILE)" --builddir "$(BUILDDIR)" --port $(PORT)

# Browser tests need Debian's Chromium; install it when we can (as root), otherwise say how.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is needed for the browser tests. Install it with:  sudo apt-get install chromium" >&2; \
	    exit 1; \
	  fi; }

# Every layer, on every core (pytest-xdist); each profile's site is built once per run.
test: $(VENV)/.installed node_modules/.installed browser
	$(BIN)/python -m pytest -n auto --dist worksteal $(PYTEST_ARGS)

# The layers that build no site and start no browser (README, "Tests").
test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest -n auto --dist worksteal -m "unit or extension" $(PYTEST_ARGS)

dist: $(VENV)/.site
	$(GUIDE) dist $(AREAS) --builddir "$(BUILDDIR)" --dist dist

bench: $(VENV)/.installed node_modules/.installed browser
	$(GUIDE) bench

lint: $(VENV)/.installed
	$(BIN)/ruff check conf.py docs/_ext guide scripts tests
	$(BIN)/ruff format --check conf.py docs/_ext guide scripts tests

clean:
	rm -rf "$(BUILDDIR)"
