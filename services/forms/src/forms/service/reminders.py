"""Reminders for assignments due tomorrow: one `forms.assignment.reminder_requested` each."""

from __future__ import annotations

REMINDER_REQUESTED = "forms.assignment.reminder_requested"
