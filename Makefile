# Tensor Kata. The two commands of the README:
#   make serve   set everything up, build and serve the site on http://127.0.0.1:8000
#   make test    set everything up and run every test (lint, types, pytest, mutants, strict build, Playwright)

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
	@echo "==> Python: creating $(VENV) and installing the pinned packages (first run only)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	@echo "==> Node: installing the pinned packages with npm ci (first run only)"
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The NumPy wheel of Pyodide, verified by sha256 against node_modules/pyodide/pyodide-lock.json.
$(WHEEL): $(VENV_STAMP) $(NODE_STAMP)
	@echo "==> Pyodide's NumPy wheel: downloading it and checking its sha256 (first run only)"
	$(BIN)/python -m kata.assets fetch

serve: setup
	@echo "==> Building the site (every problem is checked first; progress below), then serving it on http://$(HOST):$(PORT)"
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
	@echo "==> 1/6 ruff: lint the Python"
	$(BIN)/ruff check kata tests
	@echo "==> 2/6 tsc: check the types of the browser code (JSDoc)"
	npm run --silent typecheck
	@echo "==> 3/6 pytest: the build side, the judge's golden scenarios, the checker"
	$(BIN)/pytest -q
	@echo "==> 4/6 kata check --mutants: every problem's tests against the mutants of its reference"
	$(BIN)/kata check --mutants
	@echo "==> 5/6 mkdocs build --strict: the site, every problem checked"
	$(BIN)/mkdocs build --strict
	@echo "==> 6/6 Playwright: the built site in headless Chromium"
	npx playwright test

# Every speed and size goal, one line each, against a plain Pyodide page measured in the same
# rounds (see bench/bench.mjs). Env: ROUNDS (default 5), CHECK_COPIES (17; 0 skips kata check).
# Then what judging costs in Pyodide against the bare work of one Submit (bench/harness_cost.mjs).
bench: build browser
	node bench/bench.mjs
	node bench/harness_cost.mjs

screenshots: build browser
	npx playwright test --grep @screenshots

clean:
	rm -rf site .cache test-results playwright-report
