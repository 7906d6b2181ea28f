"""Events this service publishes (through the outbox, in the use case's transaction; ids, amounts and
times only, never a card's details), and those it consumes (through the inbox, once per event id).

- `billing.invoice.issued` (service/invoices.py `issue`), `billing.invoice.paid` (service/payments.py,
  when a payment covers what the invoice asks)
- `billing.payment.succeeded`, `billing.payment.failed` (service/payments.py, the client's payment or
  autopay's, `autopay` says which)
- `billing.autopay.enrolled`, `.card_changed`, `.unenrolled` (service/autopay.py)
- `billing.payment.refunded` (service/refunds.py: money given back of a payment went through)
- `billing.insurance.updated` (service/insurance.py: a policy added, changed, verified or removed)
- `billing.estimate.issued`, `billing.estimate.acknowledged` (service/estimates.py: a Good Faith
  Estimate issued, or a revision of one, and the client's acknowledgement)

Consumed (queue `billing.scheduling-fees`): `scheduling.appointment.late_cancelled` and
`scheduling.appointment.no_show` add the practice's fee to the client's next invoice (service/fees.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from portalkit.events import Envelope
from portalkit.inbox import Inbox

from billing.adapters.unit_of_work import BillingUnitOfWork
from billing.service import fees
from billing.service.autopay import CARD_CHANGED, ENROLLED, UNENROLLED
from billing.service.estimates import ACKNOWLEDGED as ESTIMATE_ACKNOWLEDGED
from billing.service.estimates import ISSUED as ESTIMATE_ISSUED
from billing.service.insurance import UPDATED as INSURANCE_UPDATED
from billing.service.invoices import ISSUED
from billing.service.payments import FAILED, PAID, SUCCEEDED
from billing.service.refunds import REFUNDED

PUBLISHED: tuple[str, ...] = (ISSUED, PAID, SUCCEEDED, FAILED, ENROLLED, CARD_CHANGED, UNENROLLED)

# A client's insurance added, changed, verified or removed (service/insurance.py): ids only.
PUBLISHED += (INSURANCE_UPDATED,)

# Staff gave back all or part of a payment (service/refunds.py): ids and amounts only.
PUBLISHED += (REFUNDED,)

# A Good Faith Estimate issued (a revision too) or acknowledged (service/estimates.py): ids only.
PUBLISHED += (ESTIMATE_ISSUED, ESTIMATE_ACKNOWLEDGED)

FEES_QUEUE = "billing.scheduling-fees"


def fee_handlers() -> dict[str, Callable[[BillingUnitOfWork, Envelope], None]]:
    def on_missed(uow: BillingUnitOfWork, envelope: Envelope) -> None:
        fees.add_fee(uow, envelope.practice_id, envelope.type, envelope.data)

    return dict.fromkeys(fees.FEE_KINDS, on_missed)


def fees_inbox(unit_of_work: Callable[[], BillingUnitOfWork], stop: threading.Event | None = None) -> Inbox:
    return Inbox(FEES_QUEUE, unit_of_work, fee_handlers(), stop)
