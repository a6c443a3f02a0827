# Two commands do all set-up on a fresh machine:
#   make demo   - the main job on the shipped example letters (embedded stores, no server to install)
#   make test   - the whole test suite (installs Debian's chromium for the browser tests when missing)
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
STORE ?= $(OUT)/store

.PHONY: setup browser demo test lint typecheck clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,dask]'
	touch $@

# Debian's chromium is the real browser the view tests drive (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: setup
	bash scripts/demo.sh "$(OUT)"

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	bash scripts/typecheck.sh

test: setup browser lint typecheck
	$(BIN)/pytest -q tests reference loaders graph ontology lineage docs

clean:
	rm -rf $(OUT) .pytest_cache
