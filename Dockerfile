# syntax=docker/dockerfile:1
# One image for every service of the portal; the command chooses what runs (see docker-compose.yml
# and deploy/k8s): `gunicorn '<service>.app:create_app()'`, `python -m <service>.worker`,
# `python -m <service> migrate`. gunicorn reads /app/gunicorn.conf.py (GUNICORN_* variables).
ARG PYTHON_IMAGE=python:3.12-slim-bookworm

# --- build: install portalkit and the services into a virtualenv, from wheels only -------------
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ONLY_BINARY=:all:
WORKDIR /src
COPY shared/ shared/
COPY services/ services/
# The virtualenv gets no pip of its own: the base image's pip installs into it (`--python`).
# Every dependency has a wheel (psycopg[binary] brings libpq), so no compiler is ever needed; the
# local packages themselves are built from source, hence --no-binary for them only.
RUN python -m venv --without-pip /opt/venv \
 && pip --python /opt/venv/bin/python install --no-binary portalkit,portal-identity,portal-invitations,portal-messaging,portal-forms,portal-scheduling,portal-billing,portal-gateway \
        "./shared[postgres]" ./services/identity ./services/invitations ./services/messaging ./services/forms ./services/scheduling ./services/billing \
        ./services/gateway

# --- runtime: the virtualenv, the migration scripts, no build tools, not root -----------------
FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8080 \
    VAR_DIR=/tmp/var \
    MAIL_DIR=/tmp/mail \
    IDENTITY_MIGRATIONS_DIR=/app/migrations/identity \
    INVITATIONS_MIGRATIONS_DIR=/app/migrations/invitations \
    MESSAGING_MIGRATIONS_DIR=/app/migrations/messaging \
    FORMS_MIGRATIONS_DIR=/app/migrations/forms \
    SCHEDULING_MIGRATIONS_DIR=/app/migrations/scheduling \
    BILLING_MIGRATIONS_DIR=/app/migrations/billing
RUN groupadd --system --gid 10001 portal \
 && useradd --system --uid 10001 --gid portal --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin portal \
 && pip uninstall --yes --root-user-action=ignore pip setuptools wheel 2>/dev/null || true
# DejaVu Sans for the signed consent PDFs of forms (PDF_FONT_PATH): names beyond Latin-1. The version is
# bookworm's (the base image's release); a new base image may need a new pin.
RUN apt-get update \
 && apt-get install --yes --no-install-recommends fonts-dejavu-core=2.37-6 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
# Files stay owned by root: the portal user can read the code, never change it.
COPY deploy/docker/gunicorn.conf.py deploy/docker/healthcheck.py /app/
COPY services/identity/migrations/ /app/migrations/identity/
COPY services/invitations/migrations/ /app/migrations/invitations/
COPY services/messaging/migrations/ /app/migrations/messaging/
COPY services/forms/migrations/ /app/migrations/forms/
COPY services/scheduling/migrations/ /app/migrations/scheduling/
COPY services/billing/migrations/ /app/migrations/billing/
USER 10001:10001
EXPOSE 8080
# Web processes answer /healthz on $PORT; workers set HEALTHCHECK_URL to their /metrics port.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 CMD ["python", "/app/healthcheck.py"]
CMD ["gunicorn", "gateway.app:create_app()"]
