# Two entry points for a fresh machine: `make demo` and `make test`. Both create .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= demo.duckdb

.PHONY: demo test lint bench fixtures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,spark]'
	touch $(STAMP)

demo: $(STAMP)
	rm -rf $(DEMO_DB) out
	$(BIN)/realpolitik demo --db $(DEMO_DB) --out out

test: $(STAMP) lint
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/series.py
	$(BIN)/python benchmarks/coding.py
	$(BIN)/python benchmarks/depends.py

fixtures: $(STAMP)
	$(BIN)/python scripts/make_fixtures.py --out examples/events

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .ruff_cache
