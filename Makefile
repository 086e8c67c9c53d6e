# qcconf — `make run` serves the demo event, `make test` runs the suite. `make help` lists all.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export QCCONF_HOST ?= 127.0.0.1
export QCCONF_PORT ?= 8000

.PHONY: help run test bench check system-deps venv migrate demo clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

system-deps:  ## install the Debian packages (fonts, Pango, chromium, poppler) when missing
	@scripts/system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q -U pip setuptools wheel
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)  ## the virtual environment in .venv with every package

migrate: venv  ## run the migrations on QCCONF_DATABASE_URL
	$(BIN)/qcconf migrate

demo: migrate  ## load the full demo event when the database is empty
	$(BIN)/qcconf demo --size full --if-empty

run: system-deps demo  ## set up everything and serve at http://$QCCONF_HOST:$QCCONF_PORT/
	$(BIN)/qcconf serve

test: system-deps venv  ## the whole test suite (PostgreSQL too when QCCONF_TEST_POSTGRES is set)
	$(BIN)/pytest -q

bench: system-deps venv  ## the benchmarks; writes benchmarks/results/
	$(BIN)/python -m benchmarks

check: venv  ## lint and type check (ruff, mypy: strict on scheduling/ and badges/)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:  ## remove the virtual environment and the local database
	rm -rf $(VENV) var
