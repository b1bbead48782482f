PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FUZZ_VENV := .venv-fuzz
PORT ?= 8000
# The server refuses to start without DEBUG on the development key: unless one is set, every
# `make` run gets a throwaway one (a restart of `make run` logs the admin out).
ifndef SECRET_KEY
SECRET_KEY := $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')
endif
export SECRET_KEY

.PHONY: run test fuzz lint format bench eval scale clean

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(BIN)/activate

venv: $(BIN)/activate

run: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py collectstatic --noinput -v0
	# Local only (127.0.0.1): voice answers without VAPI_SECRET unless you set one.
	VAPI_ALLOW_UNAUTHENTICATED=$${VAPI_ALLOW_UNAUTHENTICATED:-true} \
		$(BIN)/python -m daphne -b 127.0.0.1 -p $(PORT) receptionist.asgi:application

test: venv
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest tests/e2e -p no:asyncio

# Schemathesis in its own virtualenv: caldav's urllib3-future breaks the requests it uses.
$(FUZZ_VENV)/bin/activate: requirements-fuzz.txt
	$(PYTHON) -m venv $(FUZZ_VENV)
	$(FUZZ_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-fuzz.txt
	touch $(FUZZ_VENV)/bin/activate

fuzz: venv $(FUZZ_VENV)/bin/activate
	$(BIN)/python tests/fuzz_api.py --schemathesis $(FUZZ_VENV)/bin/schemathesis

lint: venv
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: venv
	$(BIN)/python manage.py bench_turns

# Two daphne processes and two calendar workers on PostgreSQL and Redis (both on 127.0.0.1).
scale: venv
	$(BIN)/python tests/bench/scale_check.py

eval: venv
	$(PYTHON) -m venv /tmp/evalenv && /tmp/evalenv/bin/pip install --quiet httpx openai
	/tmp/evalenv/bin/python ../shared/eval/run_eval.py --project . --data ../shared/eval/data --out /tmp/report.json

clean:
	rm -rf $(VENV) $(FUZZ_VENV) staticfiles
