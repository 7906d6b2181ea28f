"""Alembic environment of the invitations service."""

from portalkit.migrations import run_env

from invitations.adapters.orm import metadata

run_env(metadata)
