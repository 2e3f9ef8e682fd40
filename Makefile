# Two entry points for a fresh machine: `make demo` and `make test`. Both create .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= demo.duckdb

.PHONY: demo test chromium lint bench fixtures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,spark]'
	touch $(STAMP)

demo: $(STAMP)
	rm -rf $(DEMO_DB) out
	$(BIN)/realpolitik demo --db $(DEMO_DB) --out out

test: $(STAMP) lint chromium
	$(BIN)/pytest -q

# The report's browser test drives Debian's chromium (Playwright downloads no browser here);
# installed when missing and root (as CI is), otherwise that one test skips and says why.
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium not installed: the browser test will skip"

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
