# Newsdesk: `make demo` to try it, `make test` to check it. See README.md.
SHELL := /bin/sh
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: demo serve backup restore test bench bench-data lint mutants format messages lock superuser clean help

help:
	@echo "make demo       install, create the embedded database with the demo edition, serve it on PORT (8000)"
	@echo "make serve      run in production (granian + worker) from DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS"
	@echo "make backup     one archive of the database and the media in BACKUP_DIR (var/backups)"
	@echo "make restore    FROM=<archive> [FORCE=1]: restore an archive into an empty install"
	@echo "make test       run the test suite (embedded SQLite by default; set DATABASE_URL/REDIS_URL for PostgreSQL/Redis)"
	@echo "make bench-data a million-article archive for the benchmarks (var/bench), its search index built"
	@echo "make bench      pages, beacons, relevant news, wires, and (after make bench-data) serving, feeds, sitemaps, the partner API and search at a million articles"
	@echo "make lint       ruff check, ruff format --check, the layers (lint-imports), types (mypy)"
	@echo "make mutants    mutation testing of the core rules: every small change to one must fail a test"
	@echo "make audit      known vulnerabilities in the pinned dependencies (pip-audit over requirements/*.lock)"
	@echo "make messages   extract and compile the ru and kk catalogues"
	@echo "make superuser  create a staff account with every permission"
	@echo "make lock       re-pin requirements/*.lock from requirements/*.in"

# The virtual environment is rebuilt only when a lock file changes, so a second
# `make demo` starts in seconds.
$(VENV)/.base: requirements/base.lock static-assets.json
	@test -x $(PY) || "$$(bin/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/base.lock
	$(PY) bin/fetch-static-assets
	@touch $@

$(VENV)/.demo: $(VENV)/.base requirements/demo.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/demo.lock
	@touch $@

$(VENV)/.dev: $(VENV)/.base requirements/dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.lock
	@touch $@

# Pages' absolute links (canonical, share), the demo partner's webhook and the demo wire's
# feed use the address the demo is served at; the webhook and the worker's polls of the feed
# go to this machine, which the demo allows.
demo: export SITE_URL ?= http://127.0.0.1:$(PORT)
demo: export OUTBOUND_ALLOW_PRIVATE ?= 1
demo: export WIRES_ALLOW_PRIVATE ?= 1
demo: $(VENV)/.demo
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo --if-empty
	@echo "Newsdesk demo: http://127.0.0.1:$(PORT)/  (back office: http://127.0.0.1:$(PORT)/admin/ with the accounts above)"
	@# The worker (rankings, counts, tidying, the partners' outbox, the wires) runs beside the server and stops with it.
	@# It starts once the server listens: its first poll of the demo's own feed would otherwise find
	@# nothing there, and wait two minutes before the next.
	@( until $(PY) -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' $(PORT) 2>/dev/null; \
	  do sleep 0.5; done; exec $(MANAGE) worker ) & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:$(PORT) --noreload --nostatic

# Production: PostgreSQL, Redis and settings from the environment (README, docs/deploy.md).
serve: $(VENV)/.base
	$(MANAGE) serve

# Backups (README, docs/deploy.md): safe while the site serves. On PostgreSQL they need
# pg_dump, pg_restore and psql (Debian: apt install postgresql-client).
BACKUP_DIR ?= var/backups
backup: $(VENV)/.base
	$(MANAGE) backup --output-dir "$(BACKUP_DIR)"

restore: $(VENV)/.base
	@test -n "$(FROM)" || { echo "Usage: make restore FROM=var/backups/newsdesk-<time>.tar [FORCE=1]"; exit 2; }
	$(MANAGE) restore "$(FROM)" $(if $(FORCE),--force)

test: $(VENV)/.dev
	$(PY) -m pytest $(PYTEST_ARGS)

# A million articles and 100 million views, for the benchmarks (into var/bench unless
# DATABASE_URL or NEWSDESK_DATA_DIR says otherwise). ARTICLES=10000 for a small one.
BENCH_DATA_DIR ?= var/bench
ARTICLES ?= 1000000
bench-data: $(VENV)/.base
	NEWSDESK_DATA_DIR=$${NEWSDESK_DATA_DIR:-$(BENCH_DATA_DIR)} $(MANAGE) migrate --no-input -v0
	NEWSDESK_DATA_DIR=$${NEWSDESK_DATA_DIR:-$(BENCH_DATA_DIR)} $(MANAGE) bench_data --articles $(ARTICLES)

# Pages in process and beacons on the demo edition; then, if `make bench-data` has made the
# million-article archive, nginx against our app server (hits, misses, memory). wrk and
# nginx come from the system's packages (apt install wrk nginx-light).
bench: $(VENV)/.demo
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo --if-empty
	$(PY) benchmarks/pages.py
	$(PY) benchmarks/beacons.py
	$(PY) benchmarks/related.py
	$(PY) benchmarks/wires.py
	@if [ -e $(BENCH_DATA_DIR)/newsdesk.sqlite3 ] || [ -n "$$DATABASE_URL" ]; then \
	  NEWSDESK_DATA_DIR=$${NEWSDESK_DATA_DIR:-$(BENCH_DATA_DIR)} $(PY) benchmarks/serving.py; \
	  NEWSDESK_DATA_DIR=$${NEWSDESK_DATA_DIR:-$(BENCH_DATA_DIR)} $(PY) benchmarks/syndication.py; \
	  NEWSDESK_DATA_DIR=$${NEWSDESK_DATA_DIR:-$(BENCH_DATA_DIR)} $(PY) benchmarks/partners.py; \
	  NEWSDESK_DATA_DIR=$${NEWSDESK_DATA_DIR:-$(BENCH_DATA_DIR)} $(PY) benchmarks/search.py; \
	else echo "No archive for the serving benchmark: run make bench-data first."; fi

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

# The modules and the tests that must catch every change to them are listed in
# [tool.mutmut] (pyproject.toml); docs/architecture.md has the last figures and the survivors
# no behaviour can tell apart. A new copy each run: mutmut keeps the last run's verdicts,
# and a survivor would stay one after the test that kills it was written. One process
# (about a quarter of an hour); not in CI.
mutants: $(VENV)/.dev
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children 1
	@echo; echo "Mutants per module and verdict:"
	@$(VENV)/bin/mutmut results --all true | sed -E 's/^ *//; s/\.x[^.]*: / /' | sort | uniq -c
	@echo "Not killed (mutmut show <name> for the change):"
	@$(VENV)/bin/mutmut results

audit: $(VENV)/.dev
	$(PY) bin/audit-dependencies

format: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: $(VENV)/.dev
	cd newsdesk && ../$(PY) ../manage.py makemessages --locale ru --locale kk --extension html,py,txt --no-location --no-obsolete
	cd newsdesk && ../$(PY) ../manage.py compilemessages --locale ru --locale kk
	$(MANAGE) latin_catalogue

superuser: $(VENV)/.base
	$(MANAGE) createsuperuser

lock: $(VENV)/.dev
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements/base.lock requirements/base.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements/demo.lock requirements/demo.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements/dev.lock requirements/dev.in

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
