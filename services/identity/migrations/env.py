"""Alembic environment of the identity service."""

from identity.adapters.orm import metadata
from portalkit.migrations import run_env

run_env(metadata)
