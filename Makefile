# Two commands do all the set-up on a fresh machine with python3 (3.11+) and make:
#   make run    set up, then serve on 127.0.0.1:$(PORT) with a demo patient and clinician
#   make test   set up, then run every test, the browser tests included
# DEBUG is off unless set: run and setup turn it on (development); serve runs production
# settings and needs SECRET_KEY. Only run creates the demo accounts.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)

DEV := DEBUG=True

.PHONY: setup run test serve need-secret-key bench lint format browser clean

$(STAMP): requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

# Install, migrate and load the catalog into an empty catalog. No accounts are made here.
setup: $(STAMP)
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_catalog

run: setup
	$(DEV) $(PY) manage.py setup_demo
	$(DEV) $(PY) manage.py generate_vapid_keys --dev-file .vapid-dev.json
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Chromium for the browser tests: Debian's package when root, else Playwright's own download.
# axe-core for the accessibility tests, from npm (locked in tests/browser/axe).
# Where either is missing, the suite says so loudly and skips only the tests that need it.
browser: $(STAMP)
	@bash scripts/install-chromium.sh
	@bash scripts/install-axe.sh

test: setup browser
	$(VENV)/bin/pytest

# Production settings: SECRET_KEY is required (see the README), and no demo account is made.
serve: need-secret-key setup
	DEBUG=False $(PY) manage.py collectstatic --noinput
	@echo "Reminders: run '$(PY) manage.py send_reminders' every minute (cron or the systemd timer in the README)."
	DEBUG=False GUNICORN_BIND=127.0.0.1:$(PORT) $(VENV)/bin/gunicorn -c sciatica/gunicorn.conf.py sciatica.wsgi

need-secret-key:
	@test -n "$$SECRET_KEY" || { echo "make serve: set SECRET_KEY first, e.g." \
	  "export SECRET_KEY=\"\$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\"" >&2; exit 1; }

# The benchmark: its own throwaway databases and servers, production settings; prints one table
# and writes bench/results.md (see bench/__main__.py). Installs wrk when root and it is missing.
bench: setup
	$(PY) -m bench

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
