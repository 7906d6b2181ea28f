"""Recurring assessments: staff schedule PHQ-9 or GAD-7 for a client every N days until they stop it;
each date gives one assignment (published as assigning does).

The scheduler claims due schedules (RecurringRepository.claim_due) and gives their assignments in the
same transaction; an assignment names its schedule and date, unique together, so no date is ever
given twice, even by two schedulers at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from portalkit.errors import ValidationProblem, not_found

from forms.domain.audit import AuditAction
from forms.domain.recurring import RecurringAssessment, due_on_for, schedule_problems
from forms.service.actors import Staff
from forms.service.assignments import give, record_audit
from forms.service.identity import Identity
from forms.service.templates import resolve_for_assignment

log = logging.getLogger(__name__)


def schedule(
    uow: Any,
    identity: Identity,
    staff: Staff,
    client_id: str,
    template: str,
    every_days: int,
    starts_on: dt.date | None,
) -> RecurringAssessment:
    """A new schedule; when it starts today, its first assignment is given at once."""
    if identity.client(staff.practice_id, client_id) is None:
        raise not_found("Client")
    with uow:
        now = uow.clock.now()
        first = starts_on or now.date()
        problems = schedule_problems(template, every_days, first, now.date())
        if problems:
            raise ValidationProblem(problems)
        recurring = RecurringAssessment(
            str(uuid.uuid4()), staff.practice_id, client_id, template, every_days, first, first, now, staff.account_id
        )
        uow.recurring.add(recurring)
        if first <= now.date():
            _give_next(uow, recurring, identity.time_zone(staff.practice_id))
        record_audit(uow, staff, AuditAction.START_RECURRING, None, client_id=client_id)
        uow.commit()
        log.info("recurring assessment scheduled", extra={"schedule_id": recurring.id, "by": staff.account_id})
        return recurring


def schedules_of_client(uow: Any, identity: Identity, staff: Staff, client_id: str) -> list[RecurringAssessment]:
    """Running and stopped, oldest first."""
    with uow:
        found: list[RecurringAssessment] = uow.recurring.of_client(staff.practice_id, client_id)
    if not found and identity.client(staff.practice_id, client_id) is None:
        raise not_found("Client")
    return found


def stop(uow: Any, staff: Staff, client_id: str, schedule_id: str) -> RecurringAssessment:
    """No assignment is given after this; ones already given stay. Stopping twice keeps the first stop."""
    with uow:
        recurring = uow.recurring.by_id(staff.practice_id, schedule_id, lock=True)
        if recurring is None or recurring.client_id != client_id:
            raise not_found("Recurring assessment")
        if recurring.active:
            recurring.stop(uow.clock.now(), staff.account_id)
            uow.recurring.save(recurring)
            record_audit(uow, staff, AuditAction.STOP_RECURRING, None, client_id=client_id)
            uow.commit()
        log.info("recurring assessment stopped", extra={"schedule_id": recurring.id, "by": staff.account_id})
        return recurring  # type: ignore[no-any-return]


def give_due_assessments(uow: Any, identity: Identity, batch_size: int) -> int:
    """One batch of schedules whose next date has come; how many were in it."""
    with uow:
        due = uow.recurring.claim_due(uow.clock.now().date(), batch_size)
        zones: dict[str, dt.tzinfo] = {}
        for recurring in due:
            if recurring.practice_id not in zones:
                zones[recurring.practice_id] = identity.time_zone(recurring.practice_id)
            _give_next(uow, recurring, zones[recurring.practice_id])
        uow.commit()
    return len(due)


def _give_next(uow: Any, recurring: RecurringAssessment, zone: dt.tzinfo) -> None:
    now = uow.clock.now()
    on = recurring.date_due(now.date())
    if on is None:
        return
    resolved = resolve_for_assignment(uow, recurring.practice_id, recurring.template, now)
    given = give(
        uow,
        resolved,
        recurring.client_id,
        recurring.created_by,
        zone=zone,
        due_on=due_on_for(on),
        recurrence_id=recurring.id,
        occurrence_on=on,
    )
    recurring.occurrence_given(on, given.id)
    uow.recurring.save(recurring)
