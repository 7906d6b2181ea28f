"""A client's request to reschedule an appointment (proposing up to three times) or to cancel it (with
a reason); staff approve or decline it with a message. One open request per appointment. Whether a
cancellation is late is judged when the client asked, not when staff got to it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from scheduling.domain.appointment import AppointmentInvalid

MAX_PROPOSED_TIMES = 3


class RequestKind(enum.StrEnum):
    RESCHEDULE = "reschedule"
    CANCEL = "cancel"


class RequestStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"


class RequestClosed(ValueError):
    """Staff answered this request already."""


@dataclasses.dataclass(frozen=True)
class AppointmentRequest:
    id: str
    practice_id: str
    appointment_id: str
    client_id: str
    kind: RequestKind
    reason: str
    proposed_times: tuple[dt.datetime, ...]
    created_at: dt.datetime
    created_by: str
    status: RequestStatus = RequestStatus.PENDING
    decided_at: dt.datetime | None = None
    decided_by: str | None = None
    message: str = ""

    def __post_init__(self) -> None:
        if self.kind is RequestKind.RESCHEDULE and not 1 <= len(self.proposed_times) <= MAX_PROPOSED_TIMES:
            raise AppointmentInvalid("proposed_times", f"Propose 1 to {MAX_PROPOSED_TIMES} times that suit you.")
        if self.kind is RequestKind.CANCEL and self.proposed_times:
            raise AppointmentInvalid("proposed_times", "A cancellation proposes no times.")
        if any(moment <= self.created_at for moment in self.proposed_times):
            raise AppointmentInvalid("proposed_times", "Propose times in the future.")

    def decided(self, approve: bool, by: str, now: dt.datetime, message: str) -> AppointmentRequest:
        if self.status is not RequestStatus.PENDING:
            raise RequestClosed(self.status.value)
        status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
        return dataclasses.replace(self, status=status, decided_at=now, decided_by=by, message=message)
