# One file of tasks; CI (.ci/run) uses the same targets.
VENV  ?= .venv
PY    := $(VENV)/bin/python
PIP_STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: setup system run test test-fast test-stress lint format check docs bench wheel deploy-check clean

setup: $(PIP_STAMP) $(NODE_STAMP)

$(PIP_STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system:  ## Debian packages the browser tests need (chromium); installs only what is missing
	bash scripts/system-packages.sh

run: setup  ## serve the seed event at http://localhost:8080 on SQLite
	$(PY) -m venue serve

test: setup system  ## the whole suite: the browser client's unit tests, then pytest
	node --test tests/js/
	$(PY) -m pytest

test-fast: setup  ## everything but the browser and the wheel (make test runs both)
	node --test tests/js/
	$(PY) -m pytest -m "not browser and not packaging"

test-stress: setup system  ## browser, cluster and process tests 5 times under `stress --cpu 2`
	bash scripts/test-stress.sh

lint: setup
	$(VENV)/bin/ruff check venue tests scripts benchmarks
	$(VENV)/bin/ruff format --check venue tests scripts benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	node_modules/.bin/eslint eslint.config.js static/js tests/js tests/client

format: setup
	$(VENV)/bin/ruff format venue tests scripts benchmarks
	$(VENV)/bin/ruff check --fix venue tests scripts benchmarks

check: setup  ## validate the seed venue
	$(PY) -m venue check maps/lausitz-2021

docs: setup  ## regenerate docs/protocol.md and docs/schemas from venue/realtime/protocol.py
	$(PY) -m venue.protocol.docgen

bench: setup  ## issues 7 and 14: scenarios S1-S6, venue against three relays, browser-like bots (~18 min; benchmarks/README.md)
	$(PY) benchmarks/bench.py

wheel: setup  ## dist/venue-*.whl with the browser client, its npm libraries and the seed venue
	rm -rf dist build  # a build folder an interrupted build left behind fails the next
	$(PY) -m pip wheel --quiet --no-deps --wheel-dir dist .

deploy-check: setup  ## deploy/compose.yaml's set-up without Docker: nginx, 2 processes, PostgreSQL, Redis, a browser
	bash deploy/smoke.sh

clean:
	rm -rf $(VENV) node_modules var dist build .pytest_cache .mypy_cache .ruff_cache
