"""Alembic environment of the invitations service."""

from invitations.adapters.orm import metadata
from portalkit.migrations import run_env

run_env(metadata)
