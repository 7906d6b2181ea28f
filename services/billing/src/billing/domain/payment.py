"""A payment attempt: recorded before the processor is asked, settled once it answers, so that no
charge is ever made without a record nor recorded without being made."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum


class AttemptStatus(enum.StrEnum):
    PENDING = "pending"  # asked of the processor, answer not recorded yet
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclasses.dataclass
class PaymentAttempt:
    id: str
    practice_id: str
    client_id: str
    invoice_id: str
    card_id: str
    amount_cents: int
    currency: str
    autopay: bool
    status: AttemptStatus
    created_at: dt.datetime
    decline_code: str | None = None
    processor_charge_id: str | None = None
    settled_at: dt.datetime | None = None

    def succeed(self, charge_id: str, now: dt.datetime) -> None:
        self.status, self.processor_charge_id, self.settled_at = AttemptStatus.SUCCEEDED, charge_id, now

    def fail(self, decline_code: str, now: dt.datetime) -> None:
        self.status, self.decline_code, self.settled_at = AttemptStatus.FAILED, decline_code, now
