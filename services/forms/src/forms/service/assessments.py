"""A client's PHQ-9 and GAD-7 scores over time, for a chart drawn over the severity bands."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from portalkit.errors import Problem, not_found

from forms.domain.assignment import Assignment, AssignmentStatus, NoRiskFlag
from forms.domain.audit import AuditAction
from forms.domain.scoring import INSTRUMENTS, Band
from forms.service.actors import Staff
from forms.service.assignments import record_audit
from forms.service.identity import Identity

RISK_ACKNOWLEDGED = "forms.assessment.risk_acknowledged"


@dataclasses.dataclass(frozen=True)
class ScorePoint:
    assignment_id: str
    submitted_at: dt.datetime
    total: int
    severity: str
    risk_flag: bool


@dataclasses.dataclass(frozen=True)
class ScoreSeries:
    instrument: str
    max_total: int
    bands: tuple[Band, ...]
    points: list[ScorePoint]


def score_series(uow: Any, identity: Identity, staff: Staff, client_id: str) -> list[ScoreSeries]:
    """One series per instrument, oldest first; the read is audited."""
    with uow:
        everything = uow.assignments.of_client(staff.practice_id, client_id)
        if not everything and identity.client(staff.practice_id, client_id) is None:
            raise not_found("Client")
        done = [a for a in everything if a.status == AssignmentStatus.COMPLETED and a.score_total is not None]
        record_audit(uow, staff, AuditAction.READ_SCORES, None, client_id=client_id)
        uow.commit()
    done.sort(key=lambda a: a.submitted_at)
    return [
        ScoreSeries(
            key,
            instrument.max_total,
            instrument.bands,
            [
                ScorePoint(a.id, a.submitted_at, a.score_total, a.severity, a.risk_flag)
                for a in done
                if a.instrument == key
            ],
        )
        for key, instrument in INSTRUMENTS.items()
    ]


def acknowledge_risk(uow: Any, staff: Staff, assignment_id: str) -> Assignment:
    """A clinician records having reviewed a raised risk flag (once: a second acknowledgement keeps the
    first's who and when). Audited; publishes `forms.assessment.risk_acknowledged`."""
    with uow:
        assignment = uow.assignments.by_id(staff.practice_id, assignment_id, lock=True)
        if assignment is None:
            raise not_found("Assignment")
        try:
            first = assignment.acknowledge_risk(uow.clock.now(), staff.account_id, staff.email)
        except NoRiskFlag:
            raise Problem(409, "no-risk-flag", "This submission raised no risk flag to acknowledge.") from None
        if first:
            uow.assignments.save(assignment)
            record_audit(uow, staff, AuditAction.ACKNOWLEDGE_RISK, assignment)
            ids = {"assignment_id": assignment.id, "client_id": assignment.client_id}
            uow.publish(RISK_ACKNOWLEDGED, ids, staff.practice_id)
            uow.commit()
        return assignment  # type: ignore[no-any-return]
