# The practice guide. Each target creates .venv and installs what it needs on first use.

PYTHON     ?= python3
VENV       ?= .venv
BUILDDIR   ?= _build
SPHINXOPTS ?=
PORT       ?= 8000
PROFILE    ?= local/default
BIN         = $(VENV)/bin

.PHONY: help html serve test lint browser clean dist bench check schema translations import

help:
	@echo "make serve   build the site, serve it on http://127.0.0.1:$(PORT), rebuild on save"
	@echo "make html    build into $(BUILDDIR)/html (warnings are errors); PROFILE=path/to/profile"
	@echo "make test    run every test, browser tests included"
	@echo "make dist    clean build, then dist/<project>-<version>-<profile>.zip and dist/SHA256SUMS"
	@echo "make check   check the profile and list every problem, without building"
	@echo "make import  fetch the profile's Open Referral UK feed ([import]) into its snapshot file"
	@echo "make schema  write local/schema/*.json and the README's field tables from the declaration"
	@echo "make translations  extract the pages' and the interface's words into locales/cy for translators"
	@echo "make bench   build times, page weights, other themes, 100-5,000 services (writes bench.json)"
	@echo "make lint    run ruff"
	@echo "make clean   remove $(BUILDDIR)"

# What building and serving need; the test tools only for make test, lint and bench.
$(VENV)/.site: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed: $(VENV)/.site
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Every command is python -m guide <command>; make only adds the virtual environment.
GUIDE = $(BIN)/python -m guide

html: $(VENV)/.site
	$(GUIDE) build --profile "$(PROFILE)" --builddir "$(BUILDDIR)" $(SPHINXOPTS)

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

test: $(VENV)/.installed node_modules/.installed browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

dist: $(VENV)/.site
	$(GUIDE) dist --profile "$(PROFILE)" --builddir "$(BUILDDIR)" --dist dist

bench: $(VENV)/.installed node_modules/.installed browser
	$(GUIDE) bench

lint: $(VENV)/.installed
	$(BIN)/ruff check conf.py docs/_ext guide scripts tests
	$(BIN)/ruff format --check conf.py docs/_ext guide scripts tests

clean:
	rm -rf "$(BUILDDIR)"
