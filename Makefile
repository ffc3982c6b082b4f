# Tensor Kata. The two commands of the README:
#   make serve   set everything up, build and serve the site on http://127.0.0.1:8000
#   make test    set everything up and run every test (lint, pytest, strict build, Playwright)

SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
WHEEL := .cache/pyodide/numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup serve build check test lint unit e2e browser bench screenshots clean

setup: $(VENV_STAMP) $(NODE_STAMP) $(WHEEL)

$(VENV_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The NumPy wheel of Pyodide, verified by sha256 against node_modules/pyodide/pyodide-lock.json.
$(WHEEL): $(VENV_STAMP) $(NODE_STAMP)
	$(BIN)/python -m kata.assets fetch

serve: setup
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

build: setup
	$(BIN)/mkdocs build --strict

check: setup
	$(BIN)/kata check

lint: setup
	$(BIN)/ruff check kata tests

unit: setup
	$(BIN)/pytest -q

# A Chromium for Playwright: $$KATA_CHROMIUM, else /usr/bin/chromium, else Debian's package
# when running as root (Playwright cannot download its own browsers on a closed network).
browser:
	@scripts/ensure-chromium

e2e: build browser
	npx playwright test

test: setup browser
	$(BIN)/ruff check kata tests
	$(BIN)/pytest -q
	$(BIN)/mkdocs build --strict
	npx playwright test

# Start-up and run-time medians of the browser side, in one run (see bench/startup.mjs), what
# judging costs in Pyodide against the bare work (bench/harness_cost.mjs), and kata check's speed.
bench: build browser
	KATA_PYODIDE_PRECOMPILE=false $(BIN)/mkdocs build --quiet --site-dir .cache/bench/site-stock
	$(BIN)/python bench/check_speed.py
	node bench/harness_cost.mjs
	node bench/startup.mjs site .cache/bench/site-stock

screenshots: build browser
	npx playwright test --grep @screenshots

clean:
	rm -rf site .cache test-results playwright-report
