"""The worker's autopay sweep: each issued invoice of an enrolled client is charged to the autopay
card once its day comes. Safe beside another scheduler (runs are claimed under row locks, the charge
is one per attempt) and after a crash (a claim older than the lease is taken again); it reads only
the due runs (an index on status and due date). A declined charge is tried again after RETRY_AFTER
(each a billing.payment.failed event, for the client's email), unless the client paid meanwhile."""

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
# After the first declined charge, try again 3 days later, then 4 days after that; then leave it to the client.
RETRY_AFTER = (dt.timedelta(days=3), dt.timedelta(days=4))


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
    if attempt.status is AttemptStatus.SUCCEEDED:
        return _finish(unit_of_work, invoice.id, "paid", attempt.id)
    if run["tries"] < len(RETRY_AFTER):
        return _retry_later(unit_of_work, invoice.id, attempt.id, RETRY_AFTER[run["tries"]])
    return _finish(unit_of_work, invoice.id, "failed", attempt.id)


def _retry_later(
    unit_of_work: Callable[[], BillingUnitOfWork], invoice_id: str, attempt_id: str, wait: dt.timedelta
) -> None:
    with unit_of_work() as uow:
        uow.autopay.retry_run(invoice_id, attempt_id, uow.clock.now() + wait)
        uow.commit()


def _finish(
    unit_of_work: Callable[[], BillingUnitOfWork], invoice_id: str, status: str, attempt_id: str | None
) -> None:
    with unit_of_work() as uow:
        uow.autopay.finish_run(invoice_id, status, attempt_id)
        uow.commit()
