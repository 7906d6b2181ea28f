"""Outbound emails and what they say: no framework, no database, no network."""
