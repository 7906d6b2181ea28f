"""A client's PHQ-9 and GAD-7 scores over time, for a chart drawn over the severity bands."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from portalkit.errors import not_found

from forms.domain.assignment import AssignmentStatus
from forms.domain.audit import AuditAction
from forms.domain.scoring import INSTRUMENTS, Band
from forms.service.actors import Staff
from forms.service.assignments import record_read
from forms.service.identity import Identity


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
        record_read(uow, staff, AuditAction.READ_SCORES, None, client_id=client_id)
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
