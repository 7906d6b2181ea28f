"""Events this service publishes (through the outbox, in the use case's transaction; ids only, no
clinical content). It consumes none yet.

- `forms.assignment.created` and `forms.task.assigned` (service/assignments.py `give`)
- `forms.assignment.submitted`, `forms.assessment.completed`, `forms.assessment.risk_flagged`
  (service/assignments.py `submit`), `forms.assignment.withdrawn`
- `forms.assessment.risk_acknowledged` (service/assessments.py: a clinician reviewed the risk flag)
- `forms.consent.signed` (with `forms.assignment.submitted`, service/consents.py)
- `forms.assignment.reminder_requested` (service/reminders.py, the worker's scheduler)
"""

from __future__ import annotations

from forms.service.assessments import RISK_ACKNOWLEDGED
from forms.service.assignments import (
    ASSESSMENT_COMPLETED,
    ASSIGNMENT_CREATED,
    ASSIGNMENT_SUBMITTED,
    ASSIGNMENT_WITHDRAWN,
    RISK_FLAGGED,
    TASK_ASSIGNED,
)
from forms.service.consents import CONSENT_SIGNED
from forms.service.reminders import REMINDER_REQUESTED

PUBLISHED = (
    ASSIGNMENT_CREATED,
    TASK_ASSIGNED,
    ASSIGNMENT_SUBMITTED,
    ASSIGNMENT_WITHDRAWN,
    ASSESSMENT_COMPLETED,
    RISK_FLAGGED,
    RISK_ACKNOWLEDGED,
    CONSENT_SIGNED,
    REMINDER_REQUESTED,
)
