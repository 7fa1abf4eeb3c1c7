# Young Cities portal. `make run` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3.11
PORT ?= 8000
# Links in emails (supporters, guardians, reviewers, moderators) point at the port `make run`
# serves, e.g. `make run PORT=8123`; set BASE_URL yourself for any other address.
export BASE_URL ?= http://127.0.0.1:$(PORT)
VENV := .venv
PY := $(VENV)/bin/python
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
ONLY ?=
export DEMO_PASSWORD ?= youngcities-demo

.PHONY: run test test-sqlite lint bench install install-dev browser migrate seed messages clean

# --- Environment --------------------------------------------------------------------------------
$(VENV)/bin/python:
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || \
		$(PYTHON) -m pip install --quiet --user uv || $(PYTHON) -m pip install --quiet uv
	$(UV) venv --quiet --python $(PYTHON) $(VENV)

$(VENV)/.runtime: requirements.lock | $(VENV)/bin/python
	$(UV) pip install --quiet --require-hashes --python $(PY) -r requirements.lock
	@touch $@

$(VENV)/.dev: requirements-dev.lock | $(VENV)/bin/python
	$(UV) pip install --quiet --require-hashes --python $(PY) -r requirements-dev.lock
	@touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser), and
# Debian's redis-server.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "Chromium is missing: sudo apt-get install chromium (browser tests will skip)"; fi; \
	fi
	@# The scale-out test and the RQ backend's tests start a redis-server of their own.
	@if ! command -v redis-server >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
		else echo "redis-server is missing: sudo apt-get install redis-server"; fi; \
	fi

# --- Run ----------------------------------------------------------------------------------------
var:
	@mkdir -p var

migrate: install var
	DEBUG=1 $(PY) manage.py migrate --noinput -v0

# Demo data and the demo logins: the demo app (demo/management/commands/).
seed: migrate
	DEBUG=1 $(PY) manage.py seed_demo

run: seed
	@DEBUG=1 $(PY) manage.py demo_info --port $(PORT)
	@trap 'kill 0 2>/dev/null' INT TERM EXIT; \
	DEBUG=1 $(PY) manage.py db_worker & \
	DEBUG=1 $(PY) manage.py reminders --every 300 & \
	DEBUG=1 $(PY) manage.py runserver --noreload 127.0.0.1:$(PORT)

# --- Quality ------------------------------------------------------------------------------------
# One pytest-xdist worker per core (at most 4: each seeds its own demo, has its own test database,
# S3 server and browser); tests of one xdist_group share a worker. TEST_WORKERS=0 runs serially.
TEST_WORKERS ?= auto
test: install-dev browser
	$(PY) -m pytest -n $(TEST_WORKERS) --maxprocesses=4 --dist loadgroup $(PYTEST_ARGS)

# The programme's day-to-day rules (a call's questions, conversations, letters and batch
# decisions, reminders) on SQLite too; tests that prove what only PostgreSQL can are left out.
SQLITE_TESTS ?= tests/grants/calls tests/grants/applications tests/grants/conversations \
	tests/grants/decisions tests/youthcities/reminders
test-sqlite: install-dev
	rm -f var/test-sqlite.db*
	mkdir -p var
	DATABASE_URL=sqlite:///$(CURDIR)/var/test-sqlite.db $(PY) -m pytest -n $(TEST_WORKERS) \
		--maxprocesses=4 --dist loadgroup -m "not postgres and not s3 and not e2e" $(SQLITE_TESTS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) tools/audit_dependencies.py requirements.lock

bench: install-dev
	$(PY) bench/run.py $(ONLY)

# Re-extract interface strings after changing templates or code; then translate locale/*.po.
messages: install-dev
	$(PY) manage.py makemessages -l fr -l ar --ignore='.venv/*' --ignore='var/*' --ignore='tests/*' --ignore='bench/*'
	$(PY) manage.py compilemessages --ignore='.venv/*'

clean:
	rm -rf var $(VENV)
