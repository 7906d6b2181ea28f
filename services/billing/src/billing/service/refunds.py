"""Refunds: staff give back all or part of a payment that went through (domain/refund.py).

As with a payment, the refund is recorded (pending) before the processor is asked and settled in a
second transaction once it answers; the processor refunds once per refund id. A lost answer (timeout,
crash) leaves the refund pending (503 `refund-pending`): the same request retried with its
Idempotency-Key, or the worker's sweep a minute later, asks the processor again with the same id and
records what it says, so money is never given back twice, nor given back without a record.

A refund that went through writes a `refund` entry to the ledger, lowers what the invoice counts as
paid (it asks the amount again) and publishes `billing.payment.refunded`, all in one transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from portalkit.errors import Problem, ValidationProblem, not_found

from billing.domain.ledger import EntryKind, LedgerEntry
from billing.domain.payment import AttemptStatus, PaymentAttempt
from billing.domain.refund import Refund, RefundRefused, RefundStatus, check_refund, refundable_cents, refunded_cents
from billing.service.actors import Staff
from billing.service.payments import settle_each
from billing.service.processor import PaymentProcessor, ProcessorUnavailable, RefundOutcome

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

log = logging.getLogger(__name__)

REFUNDED = "billing.payment.refunded"

UnitOfWorkFactory = Callable[[], "BillingUnitOfWork"]


@dataclasses.dataclass(frozen=True)
class RefundRequest:
    payment_id: str
    amount_cents: int
    reason: str
    ip: str
    # The caller's Idempotency-Key, hashed with who they are: the same request retried finds its refund.
    request_key: str | None = None


def refund(
    unit_of_work: UnitOfWorkFactory, processor: PaymentProcessor, staff: Staff, request: RefundRequest
) -> Refund:
    """Give back `amount_cents` of the payment to its card. A retried request whose first answer was
    lost settles the refund the first one began."""
    earlier = _of_request(unit_of_work, staff, request)
    if earlier is not None:
        return settle(unit_of_work, processor, earlier.id)
    begun = _begin(unit_of_work, staff, request)
    return settle(unit_of_work, processor, begun.id)


def _of_request(unit_of_work: UnitOfWorkFactory, staff: Staff, request: RefundRequest) -> Refund | None:
    if request.request_key is None:
        return None
    with unit_of_work() as uow:
        earlier = uow.refunds.by_request_key(request.request_key)
    if earlier is None or earlier.practice_id != staff.practice_id:
        return None
    if (earlier.payment_id, earlier.amount_cents, earlier.reason) != (
        request.payment_id,
        request.amount_cents,
        request.reason,
    ):
        raise Problem(
            422,
            "idempotency-key-reused",
            "This Idempotency-Key was used for another request.",
            "Send a new key with each new refund.",
        )
    return earlier


def _begin(unit_of_work: UnitOfWorkFactory, staff: Staff, request: RefundRequest) -> Refund:
    with unit_of_work() as uow:
        payment = uow.attempts.get(request.payment_id)
        if payment is None or payment.practice_id != staff.practice_id:
            raise not_found("Payment")
        # The invoice first, as payments lock it: refunds of one invoice's payments take turns.
        invoice = uow.invoices.get(staff.practice_id, payment.invoice_id, lock=True)
        if invoice is None:
            raise not_found("Payment")
        if payment.status is not AttemptStatus.SUCCEEDED or payment.processor_charge_id is None:
            raise Problem(409, "payment-not-refundable", "Only a payment that went through can be refunded.")
        left = refundable_cents(payment.amount_cents, uow.refunds.of_payment(payment.id))
        try:
            check_refund(request.amount_cents, request.reason, left)
        except RefundRefused as refused:
            raise ValidationProblem({refused.field: [refused.message]}) from refused
        begun = Refund(
            id=str(uuid.uuid4()),
            practice_id=payment.practice_id,
            client_id=payment.client_id,
            payment_id=payment.id,
            invoice_id=payment.invoice_id,
            amount_cents=request.amount_cents,
            currency=payment.currency,
            reason=request.reason.strip(),
            status=RefundStatus.PENDING,
            created_at=uow.clock.now(),
            requested_by=staff.account_id,
            requested_role=staff.role,
            requested_ip=request.ip,
            request_key=request.request_key,
        )
        uow.refunds.add(begun)
        uow.commit()
    log.info(
        "refund requested",
        extra={"refund_id": begun.id, "payment_id": begun.payment_id, "actor_id": staff.account_id},
    )
    return begun


def refund_pending() -> Problem:
    return Problem(
        503,
        "refund-pending",
        "The card processor did not answer in time.",
        "Try again in a moment with the same request: the money is never given back twice.",
    )


def settle(unit_of_work: UnitOfWorkFactory, processor: PaymentProcessor, refund_id: str) -> Refund:
    """Ask the processor (again) for the refund and record its answer once."""
    with unit_of_work() as uow:
        found = uow.refunds.get(refund_id)
        payment = uow.attempts.get(found.payment_id) if found else None
    if found is None or payment is None or payment.processor_charge_id is None:
        raise not_found("Refund")
    if found.status is not RefundStatus.PENDING:
        return found
    try:
        outcome = processor.refund(payment.processor_charge_id, found.amount_cents, found.currency, reference=found.id)
    except ProcessorUnavailable as lost:
        raise refund_pending() from lost
    return _record(unit_of_work, found, outcome)


def _record(unit_of_work: UnitOfWorkFactory, seen: Refund, outcome: RefundOutcome) -> Refund:
    with unit_of_work() as uow:
        invoice = uow.invoices.get(seen.practice_id, seen.invoice_id, lock=True)
        found = uow.refunds.get(seen.id, lock=True)
        assert invoice is not None and found is not None
        if found.status is not RefundStatus.PENDING:
            return found  # another request or the sweep recorded it first
        now = uow.clock.now()
        if outcome.refund_id is not None:
            found.succeed(outcome.refund_id, now)
            invoice.record_refund(found.amount_cents)
            uow.invoices.save_state(invoice)
            uow.ledger.append(_refund_entry(found, now))
            uow.publish(REFUNDED, _event(found), found.practice_id)
        else:
            found.fail(outcome.failure_code or "processing_error", now)
        uow.refunds.save(found)
        uow.commit()
    log.info(
        "refund settled",
        extra={"refund_id": found.id, "status": found.status.value, "failure_code": found.failure_code},
    )
    return found


def _refund_entry(found: Refund, now: dt.datetime) -> LedgerEntry:
    return LedgerEntry(
        id=str(uuid.uuid4()),
        practice_id=found.practice_id,
        client_id=found.client_id,
        invoice_id=found.invoice_id,
        kind=EntryKind.REFUND,
        amount_cents=found.amount_cents,
        currency=found.currency,
        description="Refund to card",
        created_at=now,
        payment_id=found.payment_id,
    )


def _event(found: Refund) -> dict[str, object]:
    return {
        "refund_id": found.id,
        "payment_id": found.payment_id,
        "invoice_id": found.invoice_id,
        "client_id": found.client_id,
        "amount_cents": found.amount_cents,
        "currency": found.currency,
    }


def settle_pending(
    unit_of_work: UnitOfWorkFactory, processor: PaymentProcessor, older_than: dt.timedelta, limit: int
) -> int:
    """The sweep's half of 'a retry resolves it': refunds whose answer was lost, asked again."""
    with unit_of_work() as uow:
        ids = uow.refunds.pending_before(uow.clock.now() - older_than, limit)
    return settle_each(ids, lambda refund_id: settle(unit_of_work, processor, refund_id))


@dataclasses.dataclass(frozen=True)
class RefundedPayment:
    """A payment with what went back of it and what it can still give back."""

    payment: PaymentAttempt
    refunds: tuple[Refund, ...]

    @property
    def refunded_cents(self) -> int:
        return refunded_cents(self.refunds)

    @property
    def refundable_cents(self) -> int:
        if self.payment.status is not AttemptStatus.SUCCEEDED:
            return 0
        return refundable_cents(self.payment.amount_cents, self.refunds)


def with_refunds(payments: list[PaymentAttempt], refunds: list[Refund]) -> list[RefundedPayment]:
    by_payment: dict[str, list[Refund]] = {}
    for found in refunds:
        by_payment.setdefault(found.payment_id, []).append(found)
    return [RefundedPayment(payment, tuple(by_payment.get(payment.id, ()))) for payment in payments]


def remaining_after(unit_of_work: UnitOfWorkFactory, found: Refund) -> int:
    """What the refund's payment can still give back."""
    with unit_of_work() as uow:
        payment = uow.attempts.get(found.payment_id)
        assert payment is not None
        return refundable_cents(payment.amount_cents, uow.refunds.of_payment(payment.id))
