"""Alembic environment of the messaging service."""

from messaging.adapters.orm import metadata
from portalkit.migrations import run_env

run_env(metadata)
