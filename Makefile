# The two commands a newcomer needs: `make serve` and `make test`.
# Everything else (the virtualenv, .env, migrations, seed content, static
# files) is made on the way.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check

.PHONY: serve test lint format bench load clean setup screenshots admin-screenshots

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt requirements.txt $(VENV)/.installed
	$(PIP) install -q -r requirements-test.txt
	touch $@

# A local .env: plain HTTP on localhost, a fresh random secret key.
.env:
	umask 077 && sed -e "s|^DJANGO_SECRET_KEY=.*|DJANGO_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')|" \
		.env.example > $@
	@echo "Wrote .env for a local run (edit it to change settings)."

setup: $(VENV)/.installed .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py seed
	$(PY) manage.py collectstatic --noinput -v 0

serve: setup
	$(VENV)/bin/gunicorn backfit.wsgi --config gunicorn.conf.py --bind 127.0.0.1:$(PORT)

test: $(VENV)/.installed-test .env
	$(PY) manage.py collectstatic --noinput -v 0
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

# Not part of `make test`: speed is measured here, not asserted in tests.
bench: $(VENV)/.installed
	$(PY) -m tests.bench.bench

# 60 s at 64 connections against gunicorn with the production settings
# (wrk, see tests/load/run.py; LOAD_SECONDS and LOAD_CONCURRENCY change it).
load: setup
	$(PY) -m tests.load.run

# Every public page type at 390 and 1366 px, from a throwaway copy of the site,
# into screenshots/ (SCREENSHOTS_DOCS=1 also refreshes docs/screenshots/).
screenshots: $(VENV)/.installed-test
	$(PY) -m tests.screenshots.run

# Pictures of the running admin for docs/editing.md (Chromium, a throwaway
# seeded site under gunicorn); see tests/screenshots_admin.py.
admin-screenshots: $(VENV)/.installed-test
	$(PY) -m tests.screenshots_admin

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles
