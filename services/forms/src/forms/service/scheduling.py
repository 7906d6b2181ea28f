"""The forms scheduler's sweep: recurring assessments that are due, then reminders that are due (so an
assessment given today with a due date tomorrow is reminded of in the same sweep)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from forms.service.identity import Identity
from forms.service.recurring import give_due_assessments
from forms.service.reminders import ReminderMailing, remind_due_assignments


def sweep(
    unit_of_work: Callable[[], Any], identity: Identity, mailing: ReminderMailing, batch_size: int = 500
) -> tuple[int, int]:
    """(assessments given, reminders claimed)."""
    given = _drain(lambda: give_due_assessments(unit_of_work(), identity, batch_size), batch_size)
    reminded = _drain(lambda: remind_due_assignments(unit_of_work(), identity, mailing, batch_size), batch_size)
    return given, reminded


def _drain(batch: Callable[[], int], batch_size: int) -> int:
    total = 0
    while True:
        handled = batch()
        total += handled
        if handled < batch_size:
            return total
