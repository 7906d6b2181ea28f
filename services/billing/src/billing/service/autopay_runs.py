"""The worker's autopay sweep: each issued invoice of an enrolled client is charged to the autopay
card once its day comes. Safe beside another scheduler (runs are claimed under row locks, the charge
is one per attempt) and after a crash (a claim older than the lease is taken again); it reads only
the due runs (an index on status and due date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from portalkit.errors import Problem

from billing.domain.invoice import InvoiceStatus
from billing.domain.payment import AttemptStatus
from billing.service.payments import Payer, pay
from billing.service.processor import PaymentProcessor

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

CLAIM_LEASE = dt.timedelta(minutes=10)


def charge_due(unit_of_work: Callable[[], BillingUnitOfWork], processor: PaymentProcessor, batch_size: int) -> int:
    with unit_of_work() as uow:
        runs = uow.autopay.claim_due(uow.clock.now(), CLAIM_LEASE, batch_size)
        uow.commit()
    for run in runs:
        _charge(unit_of_work, processor, run)
    return len(runs)


def _charge(unit_of_work: Callable[[], BillingUnitOfWork], processor: PaymentProcessor, run: Any) -> None:
    payer = Payer(run["practice_id"], run["client_id"])
    with unit_of_work() as uow:
        enrolled = uow.autopay.active(payer.practice_id, payer.client_id)
        invoice = uow.invoices.get(payer.practice_id, run["invoice_id"])
    if enrolled is None or invoice is None or invoice.status is not InvoiceStatus.ISSUED:
        return _finish(unit_of_work, run["invoice_id"], "skipped", None)
    try:
        attempt = pay(unit_of_work, processor, payer, invoice.id, enrolled.card_id, autopay=True)
    except Problem:
        return None  # no answer or paid meanwhile: the claim's lease brings it back, then it is skipped or charged
    status = "paid" if attempt.status is AttemptStatus.SUCCEEDED else "failed"
    return _finish(unit_of_work, invoice.id, status, attempt.id)


def _finish(
    unit_of_work: Callable[[], BillingUnitOfWork], invoice_id: str, status: str, attempt_id: str | None
) -> None:
    with unit_of_work() as uow:
        uow.autopay.finish_run(invoice_id, status, attempt_id)
        uow.commit()
