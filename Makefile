# dancoso — the two commands: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The demo runs on the embedded SQLite database, over plain HTTP on the loopback address.
DEMO_ENV := DANCOSO_SECRET_KEY_FILE=var/secret_key DANCOSO_HTTPS=0 DANCOSO_DEMO=1 \
	DANCOSO_ALLOWED_HOSTS=127.0.0.1,localhost DANCOSO_HOME_COMMUNE=6193 \
	DANCOSO_TASKS_BACKEND=django_tasks_db.DatabaseBackend DANCOSO_CACHE_DIR=var/cache

.PHONY: setup demo serve otp test lint clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 needed"'
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
		echo "Installing python3-venv (Debian)…"; \
		apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

var/secret_key:
	@mkdir -p var && umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@

demo: setup var/secret_key
	$(DEMO_ENV) $(MANAGE) migrate --no-input -v0
	$(DEMO_ENV) $(MANAGE) load_places
	$(DEMO_ENV) $(MANAGE) load_demo
	$(DEMO_ENV) $(MANAGE) collectstatic --no-input -v0
	@$(MAKE) --no-print-directory serve

serve: setup var/secret_key
	@echo "dancoso: http://$(HOST):$(PORT)/  (Ctrl-C để dừng)"
	@$(DEMO_ENV) $(MANAGE) db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/gunicorn dancoso.wsgi -b $(HOST):$(PORT) -w 2 --access-logfile -

otp: setup  # the current TOTP code of a demo official: make otp U=canbo
	@$(DEMO_ENV) $(MANAGE) demo_totp $(U)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) var
