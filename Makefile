# The two set-up commands: `make serve` and `make test`. Each makes .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONTENT ?= variants
HOST ?= 127.0.0.1
PORT ?= 5000
AUTHOR ?=

.PHONY: serve test lint check bench messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,serve]'
	touch $(VENV)/.installed $@

# `make serve AUTHOR=1` adds the author workbench and live reload (never on a public server).
serve: $(VENV)/.installed
	TAILOR_AUTHOR=$(AUTHOR) $(BIN)/tailor serve --content $(CONTENT) --host $(HOST) --port $(PORT)

check: $(VENV)/.installed
	$(BIN)/tailor check $(CONTENT)

test: $(VENV)/.installed-test
	$(BIN)/tailor check $(CONTENT)
	$(BIN)/python -m pytest

# Lint and type-check (CI runs both): ruff on everything, mypy strict on tailor/.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/mypy

# Benchmarks (not tests): need ../shared/data for the validity table.
bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/readability_validity.py
	$(BIN)/python bench/fit_grade.py
	$(BIN)/python bench/check_bench.py

# Interface strings: extract them, merge into every catalog, compile (commit the .po and .mo files).
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -o tailor/translations/messages.pot --no-location --sort-output --project tailor .
	$(BIN)/pybabel update -i tailor/translations/messages.pot -d tailor/translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d tailor/translations

clean:
	rm -rf $(VENV) build dist .pytest_cache
