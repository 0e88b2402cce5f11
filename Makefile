# Two commands on a fresh machine: `make run` (embedded default) and `make test` (PostgreSQL + Redis).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Development targets run the local settings; without DJANGO_SETTINGS_MODULE every entry point
# runs production (gugus_tugas/settings/__init__.py), which refuses the development keys.
DEV_SETTINGS ?= gugus_tugas.settings.local
DEV := DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS)

.PHONY: run test install migrate demo serve worker lint lock messages bench clean backup restore

$(VENV)/.installed: requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q --require-hashes -r requirements.lock
	touch $@

install: $(VENV)/.installed

migrate: install
	mkdir -p var
	$(DEV) $(PY) manage.py migrate --noinput

demo: migrate
	$(DEV) $(PY) manage.py seed_demo

# Embedded default: SQLite, file cache, Celery on kombu's filesystem transport, a worker beside
# the web server. DATABASE_URL / REDIS_URL switch to PostgreSQL / Redis.
run: demo
	$(DEV) $(PY) manage.py collectstatic --noinput -v0
	@echo "Serving on http://$(HOST):$(PORT)/  (demo logins: see README.md)"
	$(DEV) $(PY) manage.py run_embedded --host $(HOST) --port $(PORT)

test: install
	$(PY) -m tests.preflight
	$(PY) -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

lock:
	$(VENV)/bin/uv lock -p 3.11 && $(VENV)/bin/uv export --format requirements-txt --all-groups --no-emit-project -o requirements.lock -q

# Indonesian msgids; English in locale/en (templates/, gugus_tugas/) and <app>/locale/en.
messages: install
	$(DEV) $(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=cases --ignore=reports \
	  --ignore=rad --ignore=meetings --ignore=tests --ignore=bench --ignore=scripts --no-obsolete
	$(PYTHON) scripts/fill_po.py locale/en/LC_MESSAGES/django.po locale/en/translations.py
	for app in cases reports rad meetings; do (cd $$app && $(DEV) ../$(PY) ../manage.py makemessages -l en --no-obsolete && \
	  $(PYTHON) ../scripts/fill_po.py locale/en/LC_MESSAGES/django.po locale/en/translations.py && \
	  $(DEV) ../$(PY) ../manage.py compilemessages -l en); done
	$(DEV) $(PY) manage.py compilemessages -l en --ignore=.venv --ignore=cases --ignore=reports --ignore=rad --ignore=meetings

bench: install
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf var

# Backups (README, Backups): the database and the private files, NOT the keys.
# `make backup [BACKUP_DIR=...]`, `make restore BACKUP_DIR=...`; settings from
# DJANGO_SETTINGS_MODULE when set (production), otherwise the local ones.
BACKUP_DIR ?= var/backups/$(shell date -u +%Y%m%d-%H%M%S)
OPS := DJANGO_SETTINGS_MODULE=$(or $(DJANGO_SETTINGS_MODULE),$(DEV_SETTINGS))

backup:
	$(OPS) $(PY) manage.py backup $(BACKUP_DIR)

restore:
ifeq ($(origin BACKUP_DIR),file)
	@echo "Say which backup: make restore BACKUP_DIR=<a backup folder>"; exit 2
endif
	$(OPS) $(PY) manage.py restore $(BACKUP_DIR) $(RESTORE_ARGS)
