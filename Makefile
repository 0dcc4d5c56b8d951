# territory-mapper: two commands set everything up on a fresh machine.
#   make demo   install into .venv and build the maps from seeds/ into output/
#   make test   install the test dependencies and run every check (pytest, ruff, mypy)

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: demo test install install-test system-deps lint typecheck pytest bench gazetteer-data eval clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Leaflet comes from the npm registry (package-lock.json) and is copied into mapper/static/ for offline maps.
ASSETS := mapper/static/leaflet/leaflet.js

$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	$(PYTHON) tools/vendor_assets.py

$(STAMP): pyproject.toml $(ASSETS) | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml $(STAMP)
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

install-test: $(TSTAMP)

# Debian packages of the browser and PostGIS tests (Chromium, PostgreSQL, PostGIS); .ci/run calls it.
system-deps:
	tools/system_deps.sh

demo: $(STAMP)
	$(VENV)/bin/mapper build seeds --out output

test: install-test lint typecheck pytest

lint: $(TSTAMP)
	$(VENV)/bin/ruff check gazetteer mapper tests benchmarks tools

typecheck: $(TSTAMP)
	$(VENV)/bin/mypy

pytest: $(TSTAMP)
	$(VENV)/bin/pytest -q

# Benchmarks print their figures; they never gate CI. bench_maps compares with a naive folium page, whose
# scripts come from the npm registry (benchmarks/naive, not part of the product) and runs Chromium (playwright).
NAIVE := benchmarks/naive/node_modules/.package-lock.json

$(NAIVE): benchmarks/naive/package.json benchmarks/naive/package-lock.json
	cd benchmarks/naive && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

bench: $(TSTAMP) $(NAIVE)
	$(PY) benchmarks/bench_gazetteer.py
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/bench_model.py
	$(PY) benchmarks/bench_maps.py

# Rebuild gazetteer/data from its sources (needs ../shared/data and the build-data extra).
gazetteer-data: $(STAMP)
	$(PIP) install --quiet -e '.[build-data]'
	$(PY) tools/build_gazetteer.py --shared ../shared

# Measure the gazetteer and the extraction against the gold data in tests/data.
eval: $(STAMP)
	$(PY) tools/eval_gazetteer.py
	$(PY) tools/eval_claims.py

clean:
	rm -rf $(VENV) output/* .pytest_cache .mypy_cache .ruff_cache node_modules benchmarks/naive/node_modules \
		mapper/static/leaflet
	touch output/.gitkeep
