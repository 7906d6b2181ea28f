"""Alembic environment of the scheduling service."""

from portalkit.migrations import run_env
from scheduling.adapters.orm import metadata

run_env(metadata)
