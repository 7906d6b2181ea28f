"""What a payment processor tells billing by webhook, taken once per event id and in any order.

A payment's success may arrive before the charge call that made it recorded its answer (then the
webhook records it, and the call's answer finds it settled); a failure arriving after a success
changes nothing; a success reported for an attempt recorded failed is recorded (the money was taken).
A payment is never recorded twice: each attempt is settled under its row lock, once.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from billing.service.payments import record_outcome
from billing.service.processor import ChargeOutcome

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

log = logging.getLogger(__name__)


class EventKind(enum.StrEnum):
    PAYMENT_SUCCEEDED = "payment_succeeded"
    PAYMENT_FAILED = "payment_failed"
    CHARGE_REFUNDED = "charge_refunded"
    OTHER = "other"  # taken (so a replay is known) and otherwise ignored


@dataclasses.dataclass(frozen=True)
class ProcessorEvent:
    processor: str
    event_id: str
    event_type: str  # the processor's own name for it
    kind: EventKind
    payment_id: str | None = None  # billing's attempt id, as the processor keeps it
    charge_id: str | None = None  # the processor's id of the charge
    decline_code: str | None = None
    amount_refunded_cents: int = 0  # of the charge so far


def take(unit_of_work: Callable[[], BillingUnitOfWork], event: ProcessorEvent) -> bool:
    """Apply the event in one transaction with its id; False (nothing changed) when it was taken before."""
    with unit_of_work() as uow:
        if not uow.processor_events.add(event.processor, event.event_id, event.event_type, uow.clock.now()):
            return False
        _apply(uow, event)
        uow.commit()
        return True


def _apply(uow: BillingUnitOfWork, event: ProcessorEvent) -> None:
    if event.kind is EventKind.CHARGE_REFUNDED and event.charge_id:
        paid = uow.attempts.of_charge(event.charge_id)
        if paid is None:
            log.info("processor refund of an unknown charge", extra={"event_id": event.event_id})
            return
        uow.processor_events.record_refunded(event.charge_id, paid.id, event.amount_refunded_cents, uow.clock.now())
        return
    if event.kind not in (EventKind.PAYMENT_SUCCEEDED, EventKind.PAYMENT_FAILED) or not event.payment_id:
        return
    attempt = uow.attempts.get(event.payment_id)
    if attempt is None:  # not one of billing's payments (another system on the same account)
        log.info("processor event for an unknown payment", extra={"event_id": event.event_id})
        return
    if attempt.processor_charge_id and event.charge_id and attempt.processor_charge_id != event.charge_id:
        log.warning("processor event names another charge", extra={"event_id": event.event_id})
        return
    if event.kind is EventKind.PAYMENT_SUCCEEDED and event.charge_id:
        record_outcome(uow, attempt, ChargeOutcome(event.charge_id), late_success=True)
    elif event.kind is EventKind.PAYMENT_FAILED:
        record_outcome(uow, attempt, ChargeOutcome(None, event.decline_code or "card_declined"))
