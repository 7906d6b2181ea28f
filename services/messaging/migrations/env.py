"""Alembic environment of the messaging service."""

from portalkit.migrations import run_env

from messaging.adapters.orm import metadata

run_env(metadata)
