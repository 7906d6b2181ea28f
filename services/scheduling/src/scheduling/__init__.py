"""Scheduling: appointments and their series, the client's calendar, self-scheduling of open slots."""
