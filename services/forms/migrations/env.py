"""Alembic environment of the forms service."""

from forms.adapters.orm import metadata
from portalkit.migrations import run_env

run_env(metadata)
