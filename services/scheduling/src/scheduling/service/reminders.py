"""Reminders 48 hours and 2 hours before an appointment (as the practice chose), by email and / or text,
with the time and a link to the portal and nothing about what the appointment is for.

The scheduler claims each (appointment, lead time) with a row whose key refuses a second claim, and
publishes `scheduling.appointment.reminder_requested` in the same transaction: two schedulers never
remind twice, and a crash (or identity not answering) before the commit leaves the reminder due.
A cancelled appointment is never due; a moved one is due again for its new time; an appointment booked
after a reminder's time gets only the nearer one (the 2-hour one, if it is still ahead).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable

from portalkit.clock import utc_iso
from portalkit.sealed import Sealer

from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.domain.appointment import Appointment
from scheduling.domain.practice_settings import SchedulingPolicy
from scheduling.domain.recurrence import zone
from scheduling.service.identity import ClientContact, Identity

REMINDER_REQUESTED = "scheduling.appointment.reminder_requested"
# Each lead time with the nearer one after it: a reminder is due between the two.
LEADS = ((48, 2), (2, 0))

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class ReminderMailing:
    """What reminders need from the settings: the sealing key's Sealer and the portal's address."""

    sealer: Sealer
    public_base_url: str

    def delivery(self, contact: ClientContact, appointment: Appointment, policy: SchedulingPolicy) -> str:
        return self.sealer.seal(
            {
                "email": contact.email if policy.remind_by_email else None,
                "phone": contact.phone if policy.remind_by_sms else None,
                "recipient_name": contact.first_name,
                "practice_name": contact.practice_name,
                "when": spoken_time(appointment.starts_at, policy.time_zone),
                "appointments_url": f"{self.public_base_url.rstrip('/')}/appointments",
            }
        )


def spoken_time(moment: dt.datetime, time_zone: str) -> str:
    """ "Wednesday 4 March at 10:00 (EST)": the start on the practice's wall clock."""
    local = moment.astimezone(zone(time_zone))
    return f"{local:%A} {local.day} {local:%B} at {local:%H:%M} ({local:%Z})"


def sweep(
    unit_of_work: Callable[[], SchedulingUnitOfWork], identity: Identity, mailing: ReminderMailing, batch_size: int
) -> int:
    """Every reminder due now, batch by batch; how many appointments were claimed."""
    total = 0
    for lead, nearer in LEADS:
        while (claimed := remind_batch(unit_of_work(), identity, mailing, (lead, nearer), batch_size)) > 0:
            total += claimed
            if claimed < batch_size:
                break
    return total


def remind_batch(
    uow: SchedulingUnitOfWork, identity: Identity, mailing: ReminderMailing, leads: tuple[int, int], batch_size: int
) -> int:
    lead, nearer = leads
    with uow:
        now = uow.clock.now()
        due = uow.reminders.due(lead, nearer, now, batch_size)
        policies: dict[str, SchedulingPolicy] = {}
        for appointment in due:
            if not uow.reminders.claim(appointment, lead, now):
                continue  # another scheduler has it
            policy = policies.setdefault(appointment.practice_id, uow.settings.of(appointment.practice_id))
            if _wanted(appointment, lead, policy):
                _remind(uow, identity, mailing, appointment, lead, policy)
        uow.commit()
    return len(due)


def _wanted(appointment: Appointment, lead: int, policy: SchedulingPolicy) -> bool:
    """The practice sends this reminder, and the appointment was booked before its time had come."""
    return lead in policy.reminder_leads and appointment.created_at <= appointment.starts_at - dt.timedelta(hours=lead)


def _remind(
    uow: SchedulingUnitOfWork,
    identity: Identity,
    mailing: ReminderMailing,
    appointment: Appointment,
    lead: int,
    policy: SchedulingPolicy,
) -> None:
    contact = identity.contact(appointment.practice_id, appointment.client_id)
    if contact is None or not (contact.email or contact.phone):
        log.info("no reminder: client unknown or unreachable", extra={"appointment_id": appointment.id})
        return
    data = {
        "appointment_id": appointment.id,
        "client_id": appointment.client_id,
        "starts_at": utc_iso(appointment.starts_at),
        "lead_hours": lead,
        "delivery": mailing.delivery(contact, appointment, policy),
    }
    uow.publish(REMINDER_REQUESTED, data, appointment.practice_id)
