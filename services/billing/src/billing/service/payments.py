"""Paying an invoice with a saved card, by the client or by autopay.

The attempt is recorded (pending) before the processor is asked and settled in a second transaction
once it answers; the processor charges once per attempt id. A lost answer (timeout, crash) leaves
the attempt pending and the invoice open: the next pay request or the worker's sweep asks the
processor again with the same attempt id and records what it says, so a charge is never made twice,
never made without a record, and never recorded without being made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from portalkit.clock import utc_iso
from portalkit.errors import Problem, ValidationProblem, not_found

from billing.domain.invoice import InvoiceStatus
from billing.domain.ledger import EntryKind, LedgerEntry
from billing.domain.payment import AttemptStatus, PaymentAttempt
from billing.service.processor import ChargeOutcome, PaymentProcessor, ProcessorUnavailable

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

SUCCEEDED = "billing.payment.succeeded"
FAILED = "billing.payment.failed"
PAID = "billing.invoice.paid"


@dataclasses.dataclass(frozen=True)
class Payer:
    practice_id: str
    client_id: str


def pay(
    unit_of_work: Callable[[], BillingUnitOfWork],
    processor: PaymentProcessor,
    payer: Payer,
    invoice_id: str,
    card_id: str,
    autopay: bool = False,
) -> PaymentAttempt:
    """Charge what the invoice still asks to the card. An attempt a lost answer left pending is
    settled first; if it was charged, that is the payment."""
    pending = _pending(unit_of_work, payer, invoice_id)
    if pending and settle(unit_of_work, processor, pending.id).status is AttemptStatus.SUCCEEDED:
        return _get(unit_of_work, pending.id)
    attempt = _begin(unit_of_work, payer, invoice_id, card_id, autopay)
    return settle(unit_of_work, processor, attempt.id)


def _pending(unit_of_work: Callable[[], BillingUnitOfWork], payer: Payer, invoice_id: str) -> PaymentAttempt | None:
    with unit_of_work() as uow:
        invoice = uow.invoices.get(payer.practice_id, invoice_id)
        if invoice is None or invoice.client_id != payer.client_id:
            raise not_found("Invoice")
        return uow.attempts.pending_of_invoice(invoice_id)


def _get(unit_of_work: Callable[[], BillingUnitOfWork], attempt_id: str) -> PaymentAttempt:
    with unit_of_work() as uow:
        found = uow.attempts.get(attempt_id)
        assert found is not None  # attempts are never deleted
        return found


def _begin(
    unit_of_work: Callable[[], BillingUnitOfWork], payer: Payer, invoice_id: str, card_id: str, autopay: bool
) -> PaymentAttempt:
    with unit_of_work() as uow:
        invoice = uow.invoices.get(payer.practice_id, invoice_id, lock=True)
        if invoice is None or invoice.client_id != payer.client_id or invoice.status is InvoiceStatus.DRAFT:
            raise not_found("Invoice")
        if invoice.status is InvoiceStatus.PAID:
            raise Problem(409, "invoice-paid", "This invoice is paid.")
        if uow.cards.get(payer.practice_id, payer.client_id, card_id) is None:
            raise ValidationProblem({"card_id": ["Choose one of your saved cards."]})
        if uow.attempts.pending_of_invoice(invoice.id):
            raise payment_in_progress()
        attempt = PaymentAttempt(
            id=str(uuid.uuid4()),
            practice_id=payer.practice_id,
            client_id=payer.client_id,
            invoice_id=invoice.id,
            card_id=card_id,
            amount_cents=invoice.due_cents,
            currency=invoice.currency,
            autopay=autopay,
            status=AttemptStatus.PENDING,
            created_at=uow.clock.now(),
        )
        uow.attempts.add(attempt)
        uow.commit()
        return attempt


def payment_in_progress() -> Problem:
    return Problem(
        409, "payment-in-progress", "A payment of this invoice is on its way.", "Wait a moment and look again."
    )


def payment_pending() -> Problem:
    return Problem(
        503,
        "payment-pending",
        "The card processor did not answer in time.",
        "Try again in a moment: the card is never charged twice for this invoice.",
    )


def settle(
    unit_of_work: Callable[[], BillingUnitOfWork], processor: PaymentProcessor, attempt_id: str
) -> PaymentAttempt:
    """Ask the processor (again) for the attempt's charge and record its answer once."""
    with unit_of_work() as uow:
        attempt = uow.attempts.get(attempt_id)
        card = uow.cards.any_by_id(attempt.card_id) if attempt else None
    if attempt is None or card is None:
        raise not_found("Payment")
    if attempt.status is not AttemptStatus.PENDING:
        return attempt
    try:
        outcome = processor.charge(card.processor_token, attempt.amount_cents, attempt.currency, reference=attempt.id)
    except ProcessorUnavailable as lost:
        raise payment_pending() from lost
    return _record(unit_of_work, attempt, outcome)


def _record(
    unit_of_work: Callable[[], BillingUnitOfWork], seen: PaymentAttempt, outcome: ChargeOutcome
) -> PaymentAttempt:
    with unit_of_work() as uow:
        attempt = record_outcome(uow, seen, outcome)
        uow.commit()
        return attempt


def record_outcome(
    uow: BillingUnitOfWork, seen: PaymentAttempt, outcome: ChargeOutcome, late_success: bool = False
) -> PaymentAttempt:
    """Record the processor's answer for a pending attempt, in the caller's transaction; an attempt
    settled already stays as it is (its first answer stands), except that a success the processor
    reports for an attempt recorded failed (`late_success`, from its webhook) is recorded: the money
    was taken, so the ledger has its payment."""
    # The invoice first, as _begin locks it: two transactions never wait for each other in a circle.
    invoice = uow.invoices.get(seen.practice_id, seen.invoice_id, lock=True)
    attempt = uow.attempts.get(seen.id, lock=True)
    assert invoice is not None and attempt is not None
    late = late_success and attempt.status is AttemptStatus.FAILED and outcome.charge_id is not None
    if attempt.status is not AttemptStatus.PENDING and not late:
        return attempt  # another request, the sweep or a webhook recorded it first
    now = uow.clock.now()
    if outcome.charge_id is not None:
        was_paid = invoice.status is InvoiceStatus.PAID
        attempt.succeed(outcome.charge_id, now)
        attempt.decline_code = None
        invoice.record_payment(attempt.amount_cents, now)
        uow.invoices.save_state(invoice)
        uow.ledger.append(_payment_entry(attempt, now))
        uow.publish(SUCCEEDED, _event(attempt), attempt.practice_id)
        if invoice.status is InvoiceStatus.PAID and not was_paid:
            paid = {"invoice_id": invoice.id, "client_id": invoice.client_id, "paid_at": utc_iso(now)}
            uow.publish(PAID, paid, invoice.practice_id)
    else:
        attempt.fail(outcome.decline_code or "card_declined", now)
        uow.publish(FAILED, _event(attempt) | {"decline_code": attempt.decline_code}, attempt.practice_id)
    uow.attempts.save(attempt)
    return attempt


def _payment_entry(attempt: PaymentAttempt, now: dt.datetime) -> LedgerEntry:
    return LedgerEntry(
        id=str(uuid.uuid4()),
        practice_id=attempt.practice_id,
        client_id=attempt.client_id,
        invoice_id=attempt.invoice_id,
        kind=EntryKind.PAYMENT,
        amount_cents=attempt.amount_cents,
        currency=attempt.currency,
        description="Autopay" if attempt.autopay else "Card payment",
        created_at=now,
        payment_id=attempt.id,
    )


def _event(attempt: PaymentAttempt) -> dict[str, object]:
    return {
        "payment_id": attempt.id,
        "invoice_id": attempt.invoice_id,
        "client_id": attempt.client_id,
        "amount_cents": attempt.amount_cents,
        "currency": attempt.currency,
        "autopay": attempt.autopay,
    }


def settle_pending(
    unit_of_work: Callable[[], BillingUnitOfWork], processor: PaymentProcessor, older_than: dt.timedelta, limit: int
) -> int:
    """The sweep's half of 'a retry resolves it': attempts whose answer was lost, asked again."""
    with unit_of_work() as uow:
        ids = uow.attempts.pending_before(uow.clock.now() - older_than, limit)
    return settle_each(ids, lambda attempt_id: settle(unit_of_work, processor, attempt_id))


def settle_each(ids: list[str], settle_one: Callable[[str], object]) -> int:
    """Ask again for each record a lost answer left pending; how many got an answer."""
    settled = 0
    for pending_id in ids:
        try:
            settle_one(pending_id)
            settled += 1
        except Problem:
            continue  # still no answer: the next sweep asks again
    return settled
