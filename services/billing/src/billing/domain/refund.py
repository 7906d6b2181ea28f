"""A refund: staff give back all or part of a payment that went through, to the card it came from.

Like a payment it is recorded (pending) before the processor is asked and settled once it answers, the
processor refunding once per refund id. What a payment can still give back is what it took less its
refunds that went through or are on their way (a pending one may yet go through); a failed one gives
nothing back and frees its amount again.

In the ledger a refund that went through is an entry of its own (kind `refund`), never a change to the
payment's: the client paid less than the payment says, so the balance rises by it (domain/ledger.py:
charges - payments - adjustments + refunds), and the invoice asks the refunded amount again. A practice
that gives money back and forgives it too adds an adjustment to a new invoice (not yet a credit note).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable

from billing.domain.invoice import MAX_CENTS

MAX_REASON = 200


class RefundStatus(enum.StrEnum):
    PENDING = "pending"  # asked of the processor, answer not recorded yet
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class RefundRefused(ValueError):
    """A refund that cannot be made as asked; `field` names what to correct."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclasses.dataclass
class Refund:
    id: str
    practice_id: str
    client_id: str
    payment_id: str
    invoice_id: str
    amount_cents: int
    currency: str
    reason: str
    status: RefundStatus
    created_at: dt.datetime
    # Who asked (the refund is its own audit record: who, which role, from where, when).
    requested_by: str
    requested_role: str
    requested_ip: str
    # The caller's Idempotency-Key, hashed: retrying the request settles this refund, never makes another.
    request_key: str | None = None
    failure_code: str | None = None
    processor_refund_id: str | None = None
    settled_at: dt.datetime | None = None

    def succeed(self, refund_id: str, now: dt.datetime) -> None:
        self.status, self.processor_refund_id, self.settled_at = RefundStatus.SUCCEEDED, refund_id, now

    def fail(self, failure_code: str, now: dt.datetime) -> None:
        self.status, self.failure_code, self.settled_at = RefundStatus.FAILED, failure_code, now


def refunded_cents(refunds: Iterable[Refund]) -> int:
    """What went back to the card."""
    return sum(refund.amount_cents for refund in refunds if refund.status is RefundStatus.SUCCEEDED)


def refundable_cents(paid_cents: int, refunds: Iterable[Refund]) -> int:
    """What a payment of `paid_cents` can still give back: its refunds on their way count as given."""
    taken = sum(refund.amount_cents for refund in refunds if refund.status is not RefundStatus.FAILED)
    return max(paid_cents - taken, 0)


def check_refund(amount_cents: int, reason: str, refundable: int) -> None:
    """Raise RefundRefused unless `amount_cents` is whole cents above 0 within what is left to refund."""
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int) or not 0 < amount_cents <= MAX_CENTS:
        raise RefundRefused("amount_cents", "An amount in whole cents, more than 0.")
    if amount_cents > refundable:
        left = f"{refundable // 100}.{refundable % 100:02d}"
        raise RefundRefused("amount_cents", f"At most what is left of the payment to refund ({left}).")
    if not reason.strip() or len(reason) > MAX_REASON:
        raise RefundRefused("reason", f"Say why, in up to {MAX_REASON} characters.")
