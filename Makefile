# The two commands of the README's quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install install-dev demo serve-demo test lint clean

# The runtime install is enough for the demo; tests also need the dev extra (pytest,
# Playwright, schemathesis, PySpark).
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/saidwhat demo

serve-demo: install
	$(BIN)/saidwhat serve --demo

test: install-dev
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -q

lint: install-dev
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
