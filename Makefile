# The whole set-up: `make run` serves the app, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

PORT ?= 8000
STAGE ?= call

.PHONY: run seed test stop reset-db lint format bench scale-check

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# `make run PORT=8001` serves on another port; the links in emails follow it.
run: export DEBUG ?= 1
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --stage call --if-no-event
	@# The mail worker prints queued email on this console; it stops with the server.
	$(BIN)/python manage.py deliver_mail --forever & trap 'kill $$! 2>/dev/null' EXIT; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The demo at another stage, on an empty database: `make reset-db`, then `make seed STAGE=review`.
seed: export DEBUG ?= 1
seed: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --stage $(STAGE)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

stop: $(STAMP)
	$(BIN)/python -m ecosystem_day.embedded_db stop

# Start again from an empty embedded database (the demo is loaded by the next `make run`).
reset-db: stop
	rm -rf .pgdata

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python manage.py bench_pages $(BENCH_ARGS)

# Two instances behind nginx on this machine, checked as two hosts; needs nginx, redis-server
# and wrk (apt-get install nginx redis-server wrk). DEBUG only for this command's own process:
# the instances it starts run with production settings.
scale-check: export DEBUG ?= 1
scale-check: $(STAMP)
	$(BIN)/python manage.py scale_check $(SCALE_CHECK_ARGS)
