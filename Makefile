PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FUZZ_VENV := .venv-fuzz
LOCK_VENV := .venv-lock
PORT ?= 8000
# Installs take the lock files only: every package, direct or not, at one version and hash.
PIP_INSTALL = pip install --quiet --disable-pip-version-check --require-hashes --no-deps
PIP_COMPILE = $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-find-links

.PHONY: run test fuzz lint format bench eval scale lock clean

$(BIN)/activate: requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/$(PIP_INSTALL) -r requirements-dev.lock
	touch $(BIN)/activate

venv: $(BIN)/activate

run: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py collectstatic --noinput -v0
	# Local only (127.0.0.1): voice answers without VAPI_SECRET unless you set one.
	VAPI_ALLOW_UNAUTHENTICATED=$${VAPI_ALLOW_UNAUTHENTICATED:-true} \
		$(BIN)/python -m daphne -b 127.0.0.1 -p $(PORT) receptionist.asgi:application

# axe-core for the browser tests' accessibility checks, at the version the lock file pins.
AXE := tests/e2e/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/e2e/axe/package-lock.json
	if command -v npm >/dev/null; then npm ci --prefix tests/e2e/axe --no-audit --no-fund --silent \
		&& touch $(AXE); \
	else echo "npm missing: the accessibility checks will skip (CI installs it)"; fi

# The suite runs on every core (pytest-xdist; each worker has its own test database); the
# browser tests, one Chromium at a time.
test: venv $(AXE)
	$(BIN)/python -m pytest -n auto
	$(BIN)/python -m pytest tests/e2e -p no:asyncio

# Schemathesis in its own virtualenv: caldav's urllib3-future breaks the requests it uses.
$(FUZZ_VENV)/bin/activate: requirements-fuzz.lock
	$(PYTHON) -m venv $(FUZZ_VENV)
	$(FUZZ_VENV)/bin/$(PIP_INSTALL) -r requirements-fuzz.lock
	touch $(FUZZ_VENV)/bin/activate

fuzz: venv $(FUZZ_VENV)/bin/activate
	$(BIN)/python tests/fuzz_api.py --schemathesis $(FUZZ_VENV)/bin/schemathesis

lint: venv
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: venv
	$(BIN)/python tests/bench/turns.py
	$(BIN)/python tests/bench/agenda_week.py
	$(BIN)/python tests/bench/slots_practitioners.py
	$(BIN)/python tests/bench/notifications.py
	$(BIN)/python tests/bench/footprint.py

# Two daphne processes and two calendar workers on PostgreSQL and Redis (both on 127.0.0.1).
scale: venv
	$(BIN)/python tests/bench/scale_check.py

eval: venv
	$(PYTHON) -m venv /tmp/evalenv && /tmp/evalenv/bin/pip install --quiet httpx openai
	/tmp/evalenv/bin/python ../shared/eval/run_eval.py --project . --data ../shared/eval/data --out /tmp/report.json

# After editing a requirements*.txt: resolve again and record every hash (versions already in a
# lock file are kept unless the .txt asks otherwise; `make lock UPGRADE=--upgrade` moves them).
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || ($(PYTHON) -m venv $(LOCK_VENV) \
		&& $(LOCK_VENV)/bin/pip install --quiet --disable-pip-version-check pip-tools==7.7.0)
	$(PIP_COMPILE) $(UPGRADE) -o requirements.lock requirements.txt
	$(PIP_COMPILE) $(UPGRADE) -o requirements-dev.lock requirements-dev.txt
	$(PIP_COMPILE) $(UPGRADE) -o requirements-fuzz.lock requirements-fuzz.txt

clean:
	rm -rf $(VENV) $(FUZZ_VENV) $(LOCK_VENV) staticfiles
