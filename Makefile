# Two commands do all the set-up on a fresh machine with python3 (3.11+) and make:
#   make run    set up, then serve on 127.0.0.1:$(PORT) with a demo patient and clinician
#   make test   set up, then run every test, the browser tests included
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)

.PHONY: setup run test serve bench lint format browser clean

$(STAMP): requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_demo

run: setup
	$(PY) manage.py generate_vapid_keys --dev-file .vapid-dev.json
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Chromium for the browser tests: Debian's package when root, else Playwright's own download.
# Where neither works, the suite says so loudly and skips only the browser tests.
browser: $(STAMP)
	@bash scripts/install-chromium.sh

test: setup browser
	$(VENV)/bin/pytest

serve: setup
	DEBUG=False $(PY) manage.py collectstatic --noinput
	@echo "Reminders: run '$(PY) manage.py send_reminders' every minute (cron or the systemd timer in the README)."
	DEBUG=False GUNICORN_BIND=127.0.0.1:$(PORT) $(VENV)/bin/gunicorn -c sciatica/gunicorn.conf.py sciatica.wsgi

bench: setup
	$(PY) scripts/bench.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
