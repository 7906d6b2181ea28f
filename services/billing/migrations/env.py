"""Alembic environment of the billing service."""

from billing.adapters.orm import metadata
from portalkit.migrations import run_env

run_env(metadata)
