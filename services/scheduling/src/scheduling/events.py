"""Events this service publishes (through the outbox, in the use case's transaction; ids and times
only, no clinical content). It consumes none yet.

- `scheduling.appointment.booked` (service/appointments.py `book`, service/booking.py `book_slot`)
- `scheduling.appointment.rescheduled` (`move`), `scheduling.appointment.cancelled` (`cancel`)
- `scheduling.appointment.late_cancelled` (with `.cancelled`, when the client gave less notice than the
  practice's policy) and `scheduling.appointment.no_show` (`mark_no_show`): billing may charge a fee
- `scheduling.appointment.reminder_requested` (service/reminders.py, the worker's scheduler): the notifier
  emails and / or texts the client
- `scheduling.request.created` and `scheduling.request.answered` (service/requests.py): the notifier emails
  the staff who answer requests, then the client, that there is something to look at in the portal
"""

from __future__ import annotations

from scheduling.service.appointments import BOOKED, CANCELLED, LATE_CANCELLED, NO_SHOW, RESCHEDULED
from scheduling.service.reminders import REMINDER_REQUESTED
from scheduling.service.requests import REQUEST_ANSWERED, REQUEST_CREATED

PUBLISHED = (
    BOOKED,
    RESCHEDULED,
    CANCELLED,
    LATE_CANCELLED,
    NO_SHOW,
    REMINDER_REQUESTED,
    REQUEST_CREATED,
    REQUEST_ANSWERED,
)
